/*
 * moments_funcs.h
 *		Statistics computed from a moment sketch, shared with tests and estimators.
 */
#ifndef CAUSAL_MOMENTS_FUNCS_H
#define CAUSAL_MOMENTS_FUNCS_H

#include "utils/array.h"
#include "sketch/moments.h"

extern void moments_require_weight(const Moments *m, double min_weight, const char *fn);
extern void moments_require_variance(const Moments *m, int j, const char *fn);
extern int	moments_column_index(const Moments *m, int32 idx, const char *argname);
extern int *moments_index_array(const Moments *m, ArrayType *a, const char *argname, int *count);
extern double moments_partial_correlation(const Moments *m, int x, int y, const int *s, int ns,
										  const char *fn);

#endif
