/*
 * arm_rows.h
 *		The rows of a two-arm problem (weighting, matching): a binary
 *		treatment, numeric or factor covariates, an id and optional extra columns, read
 *		through table_rows.c and checked once for every estimator.
 */
#ifndef CAUSAL_ARM_ROWS_H
#define CAUSAL_ARM_ROWS_H

#include "utils/array.h"

#include "core/table_rows.h"

typedef struct ArmRows
{
	TableRows	t;
	int			n;
	int			p;				/* covariates */
	char	  **covs;
	const double *treat;		/* 0/1 */
	double	  **x;				/* p columns */
	TableColumn *id;
	TableColumn *extra;			/* nextra columns after the id */
	int			nextra;
	int			n1;
} ArmRows;

/*
 * Reads treatment, covariates (a text[]), id and the extra columns (names
 * and kinds given in r->extra, r->nextra before the call, may be none).
 * Checks that the treatment is 0/1, that both arms have rows, that ids are
 * unique when unique_ids, and that no covariate is constant.  A covariate that
 * is not a number or boolean is a factor (table_rows_design): r->covs, r->x
 * and r->p describe the columns after its expansion into indicators.  Rows come in
 * the order of the id column when order_by_id (the tie-break order of
 * matching), else in scan order.
 */
extern void arm_rows_read(Oid relid, const char *treatment, ArrayType *covariates, const char *id,
						  bool order_by_id, bool unique_ids, ArmRows *r, const char *fn);

/*
 * The checks of arm_rows_read on rows already in r (n, p, covs, treat, x;
 * treatment names the column in messages): a 0/1 treatment, both arms,
 * no constant covariate.  Sets r->n1.  hint replaces the hint of the
 * both-arms error unless NULL.
 */
extern void arm_rows_check(ArmRows *r, const char *treatment, const char *hint, const char *fn);

#endif
