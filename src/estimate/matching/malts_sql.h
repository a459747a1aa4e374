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

#endif
