/*
 * linalg.c
 *		Dense linear algebra helpers over OpenBLAS and LAPACKE.
 */
#include "postgres.h"

#include <math.h>
#include <cblas.h>
#include <lapacke.h>

#include "core/linalg.h"

/* OpenBLAS's own thread control (declared in its cblas.h on Debian) */
extern void openblas_set_num_threads(int num_threads);

/* Sets how many threads BLAS may use in this backend. */
void
linalg_set_threads(int nthreads)
{
	openblas_set_num_threads(nthreads);
}

/* Adds the outer products of nb row vectors of length k to the upper triangle of c. */
void
linalg_syrk_rows(int k, int nb, const double *rows, double *c)
{
	/*
	 * Rows stored one after another are the columns of a column-major k x nb
	 * matrix R, so the update is C += R R^T.
	 */
	if (nb <= 0)
		return;
	cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, k, nb,
				1.0, rows, k, 1.0, c, k);
}

/* Adds alpha x x^T to the upper triangle of c. */
void
linalg_syr(int k, double alpha, const double *x, double *c)
{
	cblas_dsyr(CblasColMajor, CblasUpper, k, alpha, x, 1, c, k);
}

/* Computes y = A x. */
void
linalg_gemv(int k, const double *a, const double *x, double *y)
{
	cblas_dgemv(CblasColMajor, CblasNoTrans, k, k, 1.0, a, k, x, 1, 0.0, y, 1);
}

/*
 * y = alpha A x + beta y for A m x n column-major, or with A' when trans
 * (then x has m entries and y n).
 */
void
linalg_gemv_mn(bool trans, int m, int n, double alpha, const double *a,
			   const double *x, double beta, double *y)
{
	cblas_dgemv(CblasColMajor, trans ? CblasTrans : CblasNoTrans, m, n, alpha, a, m,
				x, 1, beta, y, 1);
}

/* x = alpha x. */
void
linalg_scale(int n, double alpha, double *x)
{
	cblas_dscal(n, alpha, x, 1);
}

/* Inverts a symmetric positive definite matrix, reporting collinear columns. */
int
linalg_spd_inverse(int k, double *a)
{
	double	   *scale = palloc(sizeof(double) * k);
	lapack_int	info;
	int			i,
				j;

	/*
	 * Equilibrate to unit diagonal (a correlation-like matrix).  Then the
	 * squared Cholesky pivot L_jj^2 equals 1 - R^2 of column j regressed on
	 * the columns before it, a direct measure of collinearity.
	 */
	for (j = 0; j < k; j++)
	{
		double		d = a[j + j * k];

		if (!(d > 0.0) || !isfinite(d))
		{
			pfree(scale);
			return j;
		}
		scale[j] = 1.0 / sqrt(d);
	}
	for (j = 0; j < k; j++)
		for (i = 0; i <= j; i++)
			a[i + j * k] *= scale[i] * scale[j];

	info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'U', k, a, k);
	if (info < 0)
		elog(ERROR, "dpotrf: illegal argument %d", (int) -info);
	if (info > 0)
	{
		pfree(scale);
		return (int) info - 1;
	}
	for (j = 0; j < k; j++)
	{
		double		ljj = a[j + j * k];

		if (ljj * ljj < LINALG_COLLINEAR_TOL)
		{
			pfree(scale);
			return j;
		}
	}

	info = LAPACKE_dpotri(LAPACK_COL_MAJOR, 'U', k, a, k);
	if (info < 0)
		elog(ERROR, "dpotri: illegal argument %d", (int) -info);
	if (info > 0)
	{
		pfree(scale);
		return (int) info - 1;
	}

	for (j = 0; j < k; j++)
		for (i = 0; i <= j; i++)
		{
			double		v = a[i + j * k] * scale[i] * scale[j];

			a[i + j * k] = v;
			a[j + i * k] = v;
		}
	pfree(scale);
	return -1;
}

/* Computes C = A B. */
void
linalg_gemm(int m, int n, int k, const double *a, const double *b, double *c)
{
	cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0, a, m, b, k, 0.0, c, m);
}

/* Computes C = A^T B. */
void
linalg_gemm_tn(int m, int n, int k, const double *a, const double *b, double *c)
{
	cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, m, n, k, 1.0, a, k, b, k, 0.0, c, m);
}

/* Computes C = V V^T and fills both triangles. */
void
linalg_outer_cols(int n, int k, const double *v, double *c)
{
	int			i,
				j;

	cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, n, k, 1.0, v, n, 0.0, c, n);
	for (j = 0; j < n; j++)
		for (i = 0; i < j; i++)
			c[j + (Size) i * n] = c[i + (Size) j * n];
}

/* Symmetric eigen-decomposition by LAPACK's dsyevr (MRRR). */
void
linalg_sym_eigen(int n, double *a, double *w, double *v)
{
	lapack_int	m,
			   *isuppz = palloc(sizeof(lapack_int) * 2 * Max(n, 1));
	lapack_int	info;

	info = LAPACKE_dsyevr(LAPACK_COL_MAJOR, 'V', 'A', 'U', n, a, n, 0.0, 0.0, 0, 0,
						  0.0, &m, w, v, n, isuppz);
	if (info < 0)
		elog(ERROR, "dsyevr: illegal argument %d", (int) -info);
	if (info > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("eigen-decomposition did not converge (LAPACK dsyevr info %d)", (int) info)));
	pfree(isuppz);
}

/* Determinant by LU factorisation (dgetrf). */
double
linalg_det(int n, double *a)
{
	lapack_int *ipiv = palloc(sizeof(lapack_int) * Max(n, 1));
	lapack_int	info = LAPACKE_dgetrf(LAPACK_COL_MAJOR, n, n, a, n, ipiv);
	double		det = 1.0;
	int			i;

	if (info < 0)
		elog(ERROR, "dgetrf: illegal argument %d", (int) -info);
	for (i = 0; i < n; i++)
	{
		det *= a[i + (Size) i * n];
		if (ipiv[i] != i + 1)
			det = -det;
	}
	pfree(ipiv);
	return det;
}

/* Solves a general linear system (dgesv). */
bool
linalg_solve(int n, double *a, double *b)
{
	lapack_int *ipiv = palloc(sizeof(lapack_int) * Max(n, 1));
	lapack_int	info = LAPACKE_dgesv(LAPACK_COL_MAJOR, n, 1, a, n, ipiv, b, n);

	pfree(ipiv);
	if (info < 0)
		elog(ERROR, "dgesv: illegal argument %d", (int) -info);
	return info == 0;
}

/* Polynomial roots from the companion matrix (dgeev). */
void
linalg_poly_roots(int deg, const double *c, double *re, double *im)
{
	double	   *m = palloc0(sizeof(double) * deg * deg);
	int			i;
	lapack_int	info;

	for (i = 1; i < deg; i++)
		m[i + (i - 1) * deg] = 1.0;		/* subdiagonal */
	for (i = 0; i < deg; i++)
		m[i + (deg - 1) * deg] = -c[i] / c[deg];	/* last column */
	info = LAPACKE_dgeev(LAPACK_COL_MAJOR, 'N', 'N', deg, m, deg, re, im, NULL, 1, NULL, 1);
	if (info < 0)
		elog(ERROR, "dgeev: illegal argument %d", (int) -info);
	if (info > 0)
		for (i = 0; i < deg; i++)
			re[i] = im[i] = NAN;
	pfree(m);
}

/* Inverts an SPD matrix (dpotrf + dpotri), filling both triangles. */
bool
linalg_cholesky_inverse(int k, double *a)
{
	lapack_int	info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'U', k, a, k);
	int			i,
				j;

	if (info < 0)
		elog(ERROR, "dpotrf: illegal argument %d", (int) -info);
	if (info > 0)
		return false;
	info = LAPACKE_dpotri(LAPACK_COL_MAJOR, 'U', k, a, k);
	if (info != 0)
		return false;
	for (j = 0; j < k; j++)
		for (i = 0; i < j; i++)
			a[j + (Size) i * k] = a[i + (Size) j * k];
	return true;
}

/* Solves A X = B for SPD A (n x n, destroyed) and B n x nrhs (overwritten by X), by dposv; false if not PD. */
bool
linalg_spd_solve(int n, double *a, double *b, int nrhs)
{
	lapack_int	info = LAPACKE_dposv(LAPACK_COL_MAJOR, 'U', n, nrhs, a, n, b, n);

	if (info < 0)
		elog(ERROR, "dposv: illegal argument %d", (int) -info);
	return info == 0;
}

/* Solves A X = B given the upper Cholesky factor U of A (dpotrs); B n x nrhs overwritten by X. */
void
linalg_cholesky_solve(int n, const double *u, double *b, int nrhs)
{
	lapack_int	info = LAPACKE_dpotrs(LAPACK_COL_MAJOR, 'U', n, nrhs, u, n, b, n);

	if (info != 0)
		elog(ERROR, "dpotrs: illegal argument %d", (int) -info);
}

/* Upper Cholesky factor U (A = U'U) of an SPD matrix in place, lower triangle zeroed; false if not PD. */
bool
linalg_cholesky_upper(int k, double *a)
{
	lapack_int	info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'U', k, a, k);

	if (info < 0)
		elog(ERROR, "dpotrf: illegal argument %d", (int) -info);
	if (info > 0)
		return false;
	for (int j = 0; j < k; j++)
		for (int i = j + 1; i < k; i++)
			a[i + (Size) j * k] = 0.0;
	return true;
}

/* Adds A^T A to the upper triangle of C (dsyrk). */
void
linalg_gemm_tn_acc(int k, int n, const double *a, double *c)
{
	cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, k, n, 1.0, a, n, 1.0, c, k);
}

/* C = A^T A (k x k, both triangles) for A n x k column-major. */
void
linalg_gram(int k, int n, const double *a, double *c)
{
	int			i,
				j;

	memset(c, 0, sizeof(double) * k * k);
	if (k == 0)
		return;
	linalg_gemm_tn_acc(k, n, a, c);
	for (j = 0; j < k; j++)
		for (i = 0; i < j; i++)
			c[j + i * k] = c[i + j * k];
}

/* Pivoted Cholesky factor of a PSD matrix, unpermuted: a ~ F F'. */
int
linalg_pivoted_cholesky(int n, double *a, double *f)
{
	lapack_int *piv = palloc(sizeof(lapack_int) * Max(n, 1));
	lapack_int	rank = 0,
				info;
	int			i,
				c;

	info = LAPACKE_dpstrf(LAPACK_COL_MAJOR, 'L', n, a, n, piv, &rank, -1.0);
	if (info < 0)
		elog(ERROR, "dpstrf: illegal argument %d", (int) -info);
	for (c = 0; c < rank; c++)
		for (i = 0; i < n; i++)
			f[(piv[i] - 1) + (Size) c * n] = i >= c ? a[i + (Size) c * n] : 0.0;
	pfree(piv);
	return (int) rank;
}
