/*
 * compare.c
 *		The qsort comparator of doubles shared across the extension.
 */
#include "postgres.h"

#include "core/compare.h"

int
compare_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : (x > y ? 1 : 0);
}
