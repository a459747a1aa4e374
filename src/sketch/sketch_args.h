/*
 * sketch_args.h
 *		Column-position arguments of the functions on sketches.
 */
#ifndef CAUSAL_SKETCH_ARGS_H
#define CAUSAL_SKETCH_ARGS_H

#include "utils/array.h"

/* 1-based position idx of a sketch of k columns, checked, as 0-based */
extern int	sketch_column_index(int k, int32 idx, const char *argname, const char *aggname);

/* an int[] of 1-based positions, checked, as 0-based */
extern int *sketch_index_array(int k, ArrayType *a, const char *argname, const char *aggname,
							   int *count);

#endif
