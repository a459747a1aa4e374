/*
 * kernel_sql.h
 *		Array arguments of the kernel tests.
 */
#ifndef CAUSAL_KERNEL_SQL_H
#define CAUSAL_KERNEL_SQL_H

#include "utils/array.h"

extern double *kernel_array_columns(ArrayType *a, const char *name, int *n, int *d);

#endif
