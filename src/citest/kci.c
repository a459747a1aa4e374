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
 * which costs O(n^2 (#x + #y)) instead of O(n^2 #x #y).  The kernel matrices
 * are factored at low rank first (see KciConditional), so n = 2000 takes
 * about half a second instead of several.
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
#include "core/settings.h"
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

/*
 * Rz F for Rz = eps (Kz + eps I)^-1 with Kz ~ Fz Fz': by the Woodbury
 * identity Rz = I - Fz (Fz'Fz + eps I)^-1 Fz', so Rz F = F - Fz (Mz^-1 (Fz' F))
 * with Mz^-1 given; F (n x r) is replaced by the result.
 */
static void
ApplyRz(int n, const double *fz, int rzk, const double *mzi, double *f, int r)
{
	double	   *c = palloc(sizeof(double) * Max(rzk * r, 1));
	double	   *d = palloc(sizeof(double) * Max(rzk * r, 1));
	double	   *e = palloc_extended(sizeof(double) * Max((Size) n * r, 1), MCXT_ALLOC_HUGE);
	Size		i;

	linalg_gemm_tn(rzk, r, n, fz, f, c);	/* Fz' F */
	linalg_gemm(rzk, r, rzk, mzi, c, d);	/* Mz^-1 Fz' F */
	linalg_gemm(n, r, rzk, fz, d, e);	/* Fz Mz^-1 Fz' F */
	for (i = 0; i < (Size) n * r; i++)
		f[i] -= e[i];
	pfree(c);
	pfree(d);
	pfree(e);
}

/*
 * Eigenvectors of G G' (G n x r) with eigenvalues above KCI_EIG_THRESH times
 * the largest, each scaled by the square root of its eigenvalue, into v
 * (n x r buffer); returns their count.  They are G w for the eigenvectors w of
 * the small matrix G'G.
 */
static int
ScaledEigenvectorsLowRank(const double *g, int n, int r, double *v)
{
	double	   *m = palloc(sizeof(double) * Max(r * r, 1));
	double	   *w = palloc(sizeof(double) * Max(r, 1));
	double	   *vec = palloc(sizeof(double) * Max(r * r, 1));
	int			j0;

	if (r == 0)
		return 0;
	linalg_gemm_tn(r, r, n, g, g, m);
	linalg_sym_eigen(r, m, w, vec);
	for (j0 = 0; j0 < r && !(w[j0] > w[r - 1] * KCI_EIG_THRESH); j0++)
		;
	linalg_gemm(n, r - j0, r, g, vec + (Size) j0 * r, v);
	pfree(m);
	pfree(w);
	pfree(vec);
	return r - j0;
}

/*
 * Conditional KCI.  The centred kernel matrices are numerically of low rank,
 * so each is factored by pivoted Cholesky (K ~ F F', to LAPACK's default
 * tolerance); then Rz K Rz = (Rz F)(Rz F)', with Rz F by the Woodbury
 * identity, the statistic is ||Gx' Gy||_F^2, and the eigenvectors come from
 * the small matrices G'G.  This replaces four n x n products, an n x n
 * inverse and two n x n eigen-decompositions by work of order n^2 r.
 */
static CiResult
KciConditional(KciInput *in)
{
	int			n = in->n,
				i,
				rx,
				ry,
				rzk,
				kx_cols,
				ky_cols;
	Size		nn = (Size) n * n;
	double		s = KciSigma(n),
				theta = 1.0 / (s * s * in->dz),
				mean = 0.0,
				var = 0.0;
	double	   *xz,
			   *k,
			   *fx,
			   *fy,
			   *fz,
			   *mzi,
			   *p,
			   *ax,
			   *ay,
			   *v;
	CiResult	res;

	kernel_check_memory(8.0 * 6 * nn, "KCI");

	/* [x, z/2] */
	xz = palloc_extended(sizeof(double) * n * (in->dx + in->dz), MCXT_ALLOC_HUGE);
	memcpy(xz, in->x, sizeof(double) * n * in->dx);
	for (i = 0; i < n * in->dz; i++)
		xz[(Size) n * in->dx + i] = 0.5 * in->z[i];
	fx = kernel_alloc_matrix(n);
	fy = kernel_alloc_matrix(n);
	fz = kernel_alloc_matrix(n);
	k = Kernel(in, xz, in->dx + in->dz, theta, 0);
	pfree(xz);
	rx = linalg_pivoted_cholesky(n, k, fx);
	pfree(k);
	k = Kernel(in, in->y, in->dy, theta, 1);
	ry = linalg_pivoted_cholesky(n, k, fy);
	pfree(k);
	k = Kernel(in, in->z, in->dz, theta, 2);
	rzk = linalg_pivoted_cholesky(n, k, fz);
	pfree(k);
	CHECK_FOR_INTERRUPTS();

	/* Mz^-1 = (Fz'Fz + eps I)^-1 */
	mzi = palloc(sizeof(double) * Max(rzk * rzk, 1));
	linalg_gemm_tn(rzk, rzk, n, fz, fz, mzi);
	for (i = 0; i < rzk; i++)
		mzi[i + i * rzk] += KCI_EPSILON;
	if (rzk > 0 && !linalg_cholesky_inverse(rzk, mzi))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("KCI: the regularised kernel matrix of the conditioning set is singular"),
				 errhint("Check the conditioning columns for degenerate values.")));
	if (rzk > 0)
	{
		ApplyRz(n, fz, rzk, mzi, fx, rx);	/* fx becomes Gx = Rz Fx */
		ApplyRz(n, fz, rzk, mzi, fy, ry);	/* fy becomes Gy = Rz Fy */
	}
	CHECK_FOR_INTERRUPTS();

	/* statistic = sum(KxR o KyR) = ||Gx' Gy||_F^2 */
	p = palloc(sizeof(double) * Max(rx * ry, 1));
	linalg_gemm_tn(rx, ry, n, fx, fy, p);
	res.statistic = SumProduct(p, p, (Size) rx * ry);

	/* eigen-products, through Ax = vx vx' and Ay = vy vy' */
	v = fz;						/* reuse as the n x r eigenvector buffer */
	ax = kernel_alloc_matrix(n);
	ay = kernel_alloc_matrix(n);
	kx_cols = ScaledEigenvectorsLowRank(fx, n, rx, v);
	linalg_outer_cols(n, kx_cols, v, ax);
	ky_cols = ScaledEigenvectorsLowRank(fy, n, ry, v);
	linalg_outer_cols(n, ky_cols, v, ay);
	CHECK_FOR_INTERRUPTS();
	for (i = 0; i < n; i++)
		mean += ax[i + (Size) i * n] * ay[i + (Size) i * n];
	for (i = 0; i < (int) nn; i++)
	{
		double		q = ax[i] * ay[i];

		var += q * q;
	}
	var *= 2.0;
	res.p_value = GammaPValue(res.statistic, mean, var);
	pfree(ax);
	pfree(ay);
	pfree(fx);
	pfree(fy);
	pfree(fz);
	pfree(mzi);
	pfree(p);
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
	if (causal_progress)
		ereport(NOTICE,
				(errmsg("causal.kci: %s test on %d rows (kernel matrices of %d x %d)",
						in->dz > 0 ? "conditional" : "unconditional", in->n, in->n, in->n)));
	res = in->dz > 0 ? KciConditional(in) : KciUnconditional(in);
	res.method = "kci";
	res.dof = NAN;
	res.n = in->n;
	if (res.p_value < 0.0)
		res.p_value = 0.0;
	return res;
}
