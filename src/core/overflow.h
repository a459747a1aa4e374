/*
 * overflow.h
 *		Counts that grow by merging (sketch row counts, contingency cells) are
 *		added with an overflow check: a merge that would wrap around is an
 *		error, never a negative count.
 */
#ifndef CAUSAL_OVERFLOW_H
#define CAUSAL_OVERFLOW_H

#include "common/int.h"

/* a + b, or ERROR 22003 naming what is counted. */
static inline int64
count_add(int64 a, int64 b, const char *what)
{
	int64		r;

	if (pg_add_s64_overflow(a, b, &r))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s out of range: %lld + %lld", what, (long long) a, (long long) b),
				 errhint("The merged sketches count more than 2^63 - 1; merge fewer of them.")));
	return r;
}

#endif
