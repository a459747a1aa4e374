/*
 * kernel.h
 *		Gaussian kernel matrices and data helpers shared by the kernel CI tests.
 */
#ifndef CAUSAL_KERNEL_H
#define CAUSAL_KERNEL_H

/* n x d column-major data */
extern void kernel_standardize(double *a, int n, int d);
extern double kernel_median_distance(const double *a, int n, int d, int max_rows);
extern void kernel_gaussian(const double *a, int n, int d, double theta, double *k);
extern void kernel_center(double *k, int n);
extern double *kernel_alloc_matrix(int n);
extern void kernel_check_memory(double bytes, const char *what);

#endif
