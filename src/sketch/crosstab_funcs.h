/*
 * crosstab_funcs.h
 *		Marginal tables of a crosstab, shared with the contingency tests.
 */
#ifndef CAUSAL_CROSSTAB_FUNCS_H
#define CAUSAL_CROSSTAB_FUNCS_H

#include "sketch/crosstab.h"

typedef struct MarginalCell
{
	int32	   *codes;
	int64		count;
} MarginalCell;

extern int	crosstab_column_index(const CrosstabFlat *f, int32 idx, const char *argname);
extern const char ***crosstab_label_table(const CrosstabFlat *f);
extern MarginalCell *crosstab_marginal(const CrosstabFlat *f, const int *cols, int ncols,
									   int *ncells);

#endif
