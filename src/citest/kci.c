/*
 * kci.c
 *		The kernel-based conditional independence test (KCI) of Zhang, Peters,
 *		Janzing and Schölkopf (UAI 2011), with causal-learn's conventions.
 *
 * Unconditional (HSIC): with Gaussian kernel matrices Kx, Ky on z-scored data
 * (ddof 1) and their centred forms Kxc = HKxH, Kyc = HKyH,
 *	 statistic = sum(Kxc o Kyc),
 * and the null approximated by a gamma distribution with
 *	 mean = tr(Kxc) tr(Kyc) / n,  var = 2 sum(Kxc^2) sum(Kyc^2) / n^2.
 * Default widths ("empirical"): sigma = 0.8 / 0.5 / 0.3 for n < 200 / < 1200 /
 * else, theta = d / sigma^2 (d = columns of the kernel's input).
 *
 * Conditional: Kx on [x, z/2], Ky on y, Kz on z, all centred; with
 * sigma = 1.2 / 0.7 / 0.4 and theta = 1 / (sigma^2 dz) for all three.
 * Rz = eps (Kz + eps I)^-1 with eps = 1e-3, KxR = Rz Kx Rz, KyR = Rz Ky Rz,
 *	 statistic = sum(KxR o KyR).
 * The null is a gamma fitted to the eigen-products: with vx the eigenvectors
 * of KxR scaled by sqrt(eigenvalue), for eigenvalues above 1e-5 times the
 * largest (likewise vy), and uu the n x (#x #y) matrix of column products,
 * mean = tr(uu'uu), var = 2 tr((uu'uu)^2).  These are computed without
 * forming uu: with Ax = vx vx' and Ay = vy vy',
 *	 tr(uu'uu) = sum_t Ax_tt Ay_tt,  tr((uu'uu)^2) = sum_ts (Ax_ts Ay_ts)^2,
 * which costs O(n^2 (#x + #y)) instead of O(n^2 #x #y).
 *
 * "median" widths: sigma = sqrt(2) median distance over the first 1000 rows
 * (causal-learn samples 1000 rows at random; the first rows keep the test
 * deterministic), theta = 1 / sigma^2 per kernel.  "manual": given sigmas.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "core/distributions.h"
#include "core/linalg.h"
#include "citest/kci.h"
#include "citest/kernel.h"

#define KCI_EPSILON 1e-3
#define KCI_EIG_THRESH 1e-5

/* Empirical width rule of causal-learn for HSIC (unconditional). */
static double
HsicSigma(int n)
{
	return n < 200 ? 0.8 : (n < 1200 ? 0.5 : 0.3);
}

/* Empirical width rule of causal-learn for KCI (conditional). */
static double
KciSigma(int n)
{
	return n < 200 ? 1.2 : (n < 1200 ? 0.7 : 0.4);
}

/* theta of a kernel from the median rule (or 1 when all points coincide). */
static double
MedianTheta(const double *a, int n, int d)
{
	double		med = kernel_median_distance(a, n, d, 1000);
	double		sigma = sqrt(2.0) * med;

	return sigma > 0.0 ? 1.0 / (sigma * sigma) : 1.0;
}

/* Upper tail of the gamma fitted by mean and variance. */
static double
GammaPValue(double stat, double mean, double var)
{
	if (!(mean > 0.0) || !(var > 0.0))
		return 1.0;
	return dist_pgamma(stat, mean * mean / var, var / mean, false);
}

/* sum of the elementwise product of two n x n matrices */
static double
SumProduct(const double *a, const double *b, Size nn)
{
	double		s = 0.0;
	Size		i;

	for (i = 0; i < nn; i++)
		s += a[i] * b[i];
	return s;
}

/*
 * Eigenvectors of a symmetric positive semi-definite matrix (copied) whose
 * eigenvalues exceed KCI_EIG_THRESH times the largest, each scaled by the
 * square root of its eigenvalue; returns their count and sets *first to the
 * first of them among the columns of vecs (they are consecutive; their order
 * does not matter, only the sum of their outer products is used).  As the
 * largest eigenvalue is at least trace / n, LAPACK is asked only for the
 * eigenvalues above KCI_EIG_THRESH * trace / n, which skips most eigenvectors.
 */
static int
ScaledEigenvectors(const double *a, int n, double *vecs, double **first)
{
	double	   *work = kernel_alloc_matrix(n);
	double	   *w = palloc(sizeof(double) * n);
	double		trace = 0.0,
				wmax;
	int			i,
				j,
				m,
				j0;

	for (i = 0; i < n; i++)
		trace += a[i + (Size) i * n];
	memcpy(work, a, sizeof(double) * (Size) n * n);
	/* every eigenvalue of a PSD matrix lies in [0, trace] */
	m = linalg_sym_eigen_range(n, work, KCI_EIG_THRESH * trace / n * (1.0 - 1e-9),
							   2.0 * trace + 1.0, w, vecs);
	pfree(work);
	*first = vecs;
	if (m == 0)
	{
		pfree(w);
		return 0;
	}
	wmax = w[m - 1];
	for (j0 = 0; j0 < m && !(w[j0] > wmax * KCI_EIG_THRESH); j0++)
		;
	for (j = j0; j < m; j++)
		for (i = 0; i < n; i++)
			vecs[i + (Size) j * n] *= sqrt(w[j]);
	*first = vecs + (Size) j0 * n;
	pfree(w);
	return m - j0;
}

/* The kernel matrix of data a (n x d), with a theta from the rule in force. */
static double *
Kernel(const KciInput *in, const double *a, int d, double empirical_theta, int manual_index)
{
	double	   *k = kernel_alloc_matrix(in->n);
	double		theta;

	if (in->rule == KCI_MEDIAN)
		theta = MedianTheta(a, in->n, d);
	else if (in->rule == KCI_MANUAL)
		theta = 1.0 / (in->manual[manual_index] * in->manual[manual_index]);
	else
		theta = empirical_theta;
	kernel_gaussian(a, in->n, d, theta, k);
	kernel_center(k, in->n);
	return k;
}

/* Unconditional KCI (HSIC with a gamma null). */
static CiResult
KciUnconditional(KciInput *in)
{
	int			n = in->n;
	double		s = HsicSigma(n);
	double	   *kx,
			   *ky;
	double		trx = 0.0,
				try = 0.0,
				mean,
				var;
	Size		nn = (Size) n * n;
	int			i;
	CiResult	res;

	kernel_check_memory(8.0 * 2 * nn, "KCI");
	kx = Kernel(in, in->x, in->dx, in->dx / (s * s), 0);
	ky = Kernel(in, in->y, in->dy, in->dy / (s * s), 1);
	for (i = 0; i < n; i++)
	{
		trx += kx[i + (Size) i * n];
		try += ky[i + (Size) i * n];
	}
	res.statistic = SumProduct(kx, ky, nn);
	mean = trx * try / n;
	var = 2.0 * SumProduct(kx, kx, nn) * SumProduct(ky, ky, nn) / ((double) n * n);
	res.p_value = GammaPValue(res.statistic, mean, var);
	pfree(kx);
	pfree(ky);
	return res;
}

/* Conditional KCI. */
static CiResult
KciConditional(KciInput *in)
{
	int			n = in->n,
				i,
				kx_cols,
				ky_cols,
				bad;
	Size		nn = (Size) n * n;
	double		s = KciSigma(n),
				theta = 1.0 / (s * s * in->dz),
				mean = 0.0,
				var = 0.0;
	double	   *xz,
			   *kx,
			   *ky,
			   *rz,
			   *t,
			   *kxr,
			   *kyr,
			   *vx,
			   *vy;
	CiResult	res;

	kernel_check_memory(8.0 * 6 * nn, "KCI");

	/* [x, z/2] */
	xz = palloc_extended(sizeof(double) * nn / n * (in->dx + in->dz), MCXT_ALLOC_HUGE);
	memcpy(xz, in->x, sizeof(double) * n * in->dx);
	for (i = 0; i < n * in->dz; i++)
		xz[(Size) n * in->dx + i] = 0.5 * in->z[i];
	kx = Kernel(in, xz, in->dx + in->dz, theta, 0);
	pfree(xz);
	ky = Kernel(in, in->y, in->dy, theta, 1);
	rz = Kernel(in, in->z, in->dz, theta, 2);
	CHECK_FOR_INTERRUPTS();

	/* Rz = eps (Kz + eps I)^-1 */
	for (i = 0; i < n; i++)
		rz[i + (Size) i * n] += KCI_EPSILON;
	bad = linalg_spd_inverse(n, rz);
	if (bad >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("KCI: the regularised kernel matrix of the conditioning set is singular"),
				 errhint("Check the conditioning columns for degenerate values.")));
	for (i = 0; i < (int) nn; i++)
		rz[i] *= KCI_EPSILON;
	CHECK_FOR_INTERRUPTS();

	t = kernel_alloc_matrix(n);
	kxr = kx;					/* reuse: KxR = Rz (Kx Rz) */
	linalg_symm(n, kx, rz, t);
	linalg_gemm(n, n, n, rz, t, kxr);
	kyr = ky;
	linalg_symm(n, ky, rz, t);
	linalg_gemm(n, n, n, rz, t, kyr);
	pfree(rz);
	CHECK_FOR_INTERRUPTS();
	res.statistic = SumProduct(kxr, kyr, nn);

	/* eigen-products, through Ax = vx vx' and Ay = vy vy' */
	kx_cols = ScaledEigenvectors(kxr, n, t, &vx);
	CHECK_FOR_INTERRUPTS();
	linalg_outer_cols(n, kx_cols, vx, kxr);	/* kxr now holds Ax */
	ky_cols = ScaledEigenvectors(kyr, n, t, &vy);
	CHECK_FOR_INTERRUPTS();
	linalg_outer_cols(n, ky_cols, vy, kyr);	/* kyr now holds Ay */
	for (i = 0; i < n; i++)
		mean += kxr[i + (Size) i * n] * kyr[i + (Size) i * n];
	for (i = 0; i < (int) nn; i++)
	{
		double		p = kxr[i] * kyr[i];

		var += p * p;
	}
	var *= 2.0;
	res.p_value = GammaPValue(res.statistic, mean, var);
	pfree(kxr);
	pfree(kyr);
	pfree(t);
	return res;
}

/* KCI test of x and y given z (z may be empty). */
CiResult
citest_kci(KciInput *in)
{
	CiResult	res;

	if (in->n < 4)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("KCI needs at least 4 rows, got %d", in->n),
				 errhint("Too few rows for a kernel test.")));
	kernel_standardize(in->x, in->n, in->dx);
	kernel_standardize(in->y, in->n, in->dy);
	if (in->dz > 0)
		kernel_standardize(in->z, in->n, in->dz);
	res = in->dz > 0 ? KciConditional(in) : KciUnconditional(in);
	res.method = "kci";
	res.dof = NAN;
	res.n = in->n;
	if (res.p_value < 0.0)
		res.p_value = 0.0;
	return res;
}
