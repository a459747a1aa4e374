/*
 * citest.h
 *		Conditional-independence tests over sketches.
 */
#ifndef CAUSAL_CITEST_H
#define CAUSAL_CITEST_H

#include "fmgr.h"
#include "sketch/crosstab.h"
#include "sketch/moments.h"

typedef struct CiResult
{
	const char *method;
	double		statistic;
	double		p_value;
	double		dof;			/* NaN: not applicable */
	int64		n;
} CiResult;

/* Fisher-z test of x _||_ y | s on a moment sketch (0-based columns). */
extern CiResult citest_fisherz(const Moments *m, int x, int y, const int *s, int ns);

/* Chi-square (gsq false) or G-squared test of x _||_ y | s on a crosstab. */
extern CiResult citest_contingency(const CrosstabFlat *f, int x, int y, const int *s, int ns,
								   bool gsq);

/*
 * A discrete test of a column with more than CITEST_MAX_SPARSE_LEVELS levels
 * and fewer than CITEST_MIN_ROWS_PER_LEVEL rows per level on average (an id,
 * a continuous measurement read as categories) is refused: its table has
 * nearly one row per cell, and the chi-square approximation says nothing.
 * Checks column col (0-based) of f, named name (NULL: by its position).
 */
#define CITEST_MAX_SPARSE_LEVELS 50
#define CITEST_MIN_ROWS_PER_LEVEL 5
extern void citest_check_levels(const CrosstabFlat *f, int col, const char *name, const char *fn);
/* The same for every column; names (nnames of them) name the columns when there is one per column. */
extern void citest_check_all_levels(const CrosstabFlat *f, char **names, int nnames, const char *fn);

/* The causal.ci_result row of a test at level alpha. */
extern Datum citest_result_datum(FunctionCallInfo fcinfo, const CiResult *r, double alpha);

/* The tests of a crosstab, by position: chisq (0), gsq (1); NULL-terminated. */
extern const char *const citest_discrete_methods[];

#define CITEST_DISCRETE_HINT "Fisher-z runs on a causal.moments sketch, chisq and gsq on a causal.crosstab."

/* Checks alpha in (0, 1). */
extern double citest_alpha(double alpha);

#endif
