/*
 * linalg.h
 *		Small dense linear algebra over BLAS/LAPACK (OpenBLAS, LAPACKE).
 *
 * Matrices are column-major double arrays.  This module is the only one that
 * includes cblas.h and lapacke.h; it turns LAPACK's info codes into results
 * that callers can report in terms of their own columns.
 */
#ifndef CAUSAL_LINALG_H
#define CAUSAL_LINALG_H

/* 1 - R^2 below which a column counts as collinear with the ones before it */
#define LINALG_COLLINEAR_TOL 1e-10

extern void linalg_set_threads(int nthreads);

/* C (k x k, upper triangle) += sum over nb rows r of r r^T; rows stored row after row */
extern void linalg_syrk_rows(int k, int nb, const double *rows, double *c);

/* C (k x k, upper triangle) += alpha x x^T */
extern void linalg_syr(int k, double alpha, const double *x, double *c);

/*
 * Inverts the symmetric positive definite k x k matrix a in place (both
 * triangles filled on return).  Returns -1 on success, or the 0-based index of
 * the first column that is constant or collinear with the columns before it;
 * a is then undefined.
 */
extern int	linalg_spd_inverse(int k, double *a);

/* Inverts an SPD matrix by Cholesky without a collinearity check; false if not PD. */
extern bool linalg_cholesky_inverse(int k, double *a);

/* Solves A X = B for SPD A (n x n, destroyed), B n x nrhs overwritten by X; false if not PD. */
extern bool linalg_spd_solve(int n, double *a, double *b, int nrhs);
/* Solves A X = B given A's upper Cholesky factor U (from linalg_cholesky_upper); B n x nrhs overwritten. */
extern void linalg_cholesky_solve(int n, const double *u, double *b, int nrhs);
/* Upper Cholesky factor U of an SPD matrix (A = U'U) in place, lower triangle zeroed; false if not PD. */
extern bool linalg_cholesky_upper(int k, double *a);

/* y = A x for a k x k column-major A */
extern void linalg_gemv(int k, const double *a, const double *x, double *y);

/* y = alpha A x + beta y, A m x n column-major; with A' when trans. */
extern void linalg_gemv_mn(bool trans, int m, int n, double alpha, const double *a,
						   const double *x, double beta, double *y);

/* x = alpha x (n entries). */
extern void linalg_scale(int n, double alpha, double *x);

/* C = A B with A m x k, B k x n (no transposes), column-major */
extern void linalg_gemm(int m, int n, int k, const double *a, const double *b, double *c);

/* C = A^T B with A k x m, B k x n, column-major */
extern void linalg_gemm_tn(int m, int n, int k, const double *a, const double *b, double *c);

/* C (k x k, upper triangle) += A^T A for A n x k (n rows of k columns, column-major) */
extern void linalg_gemm_tn_acc(int k, int n, const double *a, double *c);

/* C = A^T A, both triangles filled (A n x k). */
extern void linalg_gram(int k, int n, const double *a, double *c);

/* C (n x n, both triangles) = V V^T for V n x k */
extern void linalg_outer_cols(int n, int k, const double *v, double *c);

/*
 * Low-rank factor of the symmetric positive semi-definite n x n matrix a
 * (destroyed) by pivoted Cholesky (dpstrf, LAPACK's default tolerance
 * n * eps * max diagonal): a ~ F F' with F n x r written to f (n x n buffer,
 * first r columns); returns r.
 */
extern int	linalg_pivoted_cholesky(int n, double *a, double *f);

/* Determinant of the general n x n matrix a (destroyed), by LU. */
extern double linalg_det(int n, double *a);

/* Solves A x = b (A n x n general, destroyed; b overwritten by x); false if singular. */
extern bool linalg_solve(int n, double *a, double *b);

/*
 * Roots of the polynomial c[0] + c[1] t + ... + c[deg] t^deg (c[deg] != 0),
 * as eigenvalues of its companion matrix: real parts into re, imaginary into im.
 */
extern void linalg_poly_roots(int deg, const double *c, double *re, double *im);

/*
 * Eigen-decomposition of the symmetric n x n matrix a (destroyed): eigenvalues
 * in ascending order into w, eigenvectors as the columns of v (n x n).
 */
extern void linalg_sym_eigen(int n, double *a, double *w, double *v);


#endif
