/*
 * compare.h
 *		The qsort comparator of doubles shared across the extension.
 */
#ifndef CAUSAL_COMPARE_H
#define CAUSAL_COMPARE_H

/* ascending doubles (NaN never reaches them: inputs are checked first) */
extern int	compare_double(const void *a, const void *b);

#endif
