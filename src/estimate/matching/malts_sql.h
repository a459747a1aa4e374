/*
 * malts_sql.h
 *		Pieces of MALTS's SQL entry points that causal.match(method => 'malts')
 *		shares.
 */
#ifndef CAUSAL_MALTS_SQL_H
#define CAUSAL_MALTS_SQL_H

#include "utils/jsonb.h"

#include "estimate/arm_rows.h"

/* 1 / sample SD of each continuous covariate (1 for discrete ones; discrete may be NULL). */
extern double *malts_scales(const ArmRows *r, const bool *discrete);

/* The stretch of options {"stretch": [...]} per raw unit (q numbers >= 0), or NULL when absent. */
extern double *malts_option_stretch(Jsonb *opts, int q, const char *fn);

/*
 * Each row's place within its fold and arm in the seeded shuffle the folds
 * are dealt from: learning on the rows of place < learn_rows learns on a
 * simple random sample of each fold and arm.
 */
extern int *malts_learn_ranks(const double *treat, const int *fold, int n, int nfolds, int64 seed);

/* options {"learn_rows": m}: m (> k), or 0 when absent (learn on whole folds). */
extern int	malts_option_learn_rows(Jsonb *opts, int k, const char *fn);

#endif
