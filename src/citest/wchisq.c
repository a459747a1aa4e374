/*
 * wchisq.c
 *		Approximations to the distribution of Q = sum_i w_i X_i with X_i iid
 *		chi-square(1), the null distribution of RCIT's statistic.
 *
 * Hall-Buckley-Eagleson (Buckley and Eagleson 1988): match the first three
 * cumulants with a shifted, scaled chi-square of nu = 8 k2^3 / k3^2 degrees of
 * freedom.
 *
 * Lindsay, Pilla and Basak (2000), as described by Bodenham and Adams (2016)
 * and used by RCIT (Strobl et al. 2019) with p = 4: approximate Q by a
 * mixture of p gamma distributions with a common shape 1/lt and scales
 * lt * mu_j, matching the first 2p moments.  With the moments m_k of Q
 * (from the cumulants k_r = 2^(r-1) (r-1)! sum w^r) and the "modified"
 * moments mb_k(x) = m_k / prod_{j=1}^{k-1} (1 + j x), let D_N(x) be the
 * (N+1) x (N+1) Hankel matrix of mb_0..mb_2N.  Then lt_1 = m_2 / m_1^2 - 1,
 * lt_N is the root of det D_N(x) in (0, lt_(N-1)) (found here by bisection),
 * the mu_j are the roots of the polynomial det[D_p(lt_p) with its last column
 * replaced by (1, mu, ..., mu^p)], and the mixing weights solve the
 * Vandermonde system sum_j pi_j mu_j^i = mb_i(lt_p), i = 0..p-1.
 * Written here because no Debian C library offers it.
 */
#include "postgres.h"

#include <math.h>

#include "core/distributions.h"
#include "core/linalg.h"
#include "citest/wchisq.h"

#define LPB_P 4
#define LPB_BISECT_TOL 1e-12

/* P(Q > q) by Hall-Buckley-Eagleson. */
double
wchisq_hbe_upper(const double *w, int m, double q)
{
	double		k1 = 0.0,
				k2 = 0.0,
				k3 = 0.0,
				nu;
	int			i;

	for (i = 0; i < m; i++)
	{
		k1 += w[i];
		k2 += 2.0 * w[i] * w[i];
		k3 += 8.0 * w[i] * w[i] * w[i];
	}
	if (!(k2 > 0.0) || !(k3 > 0.0))
		return 1.0;
	nu = 8.0 * k2 * k2 * k2 / (k3 * k3);
	return dist_pchisq(sqrt(2.0 * nu / k2) * (q - k1) + nu, nu, false);
}

/* Determinant of the Hankel matrix of modified moments D_N(x). */
static double
DetDelta(const double *mom, int n, double x)
{
	double		mb[2 * LPB_P + 1];
	double		a[(LPB_P + 1) * (LPB_P + 1)];
	double		prod = 1.0;
	int			i,
				j;

	for (i = 0; i <= 2 * n; i++)
	{
		if (i >= 2)
			prod *= 1.0 + (i - 1) * x;
		mb[i] = mom[i] / prod;
	}
	for (j = 0; j <= n; j++)
		for (i = 0; i <= n; i++)
			a[i + j * (n + 1)] = mb[i + j];
	return linalg_det(n + 1, a);
}

/* P(Q > q) by Lindsay-Pilla-Basak with four support points. */
bool
wchisq_lpb4_upper(const double *w, int m, double q, double *p)
{
	const int	np = LPB_P;
	double		kappa[2 * LPB_P + 1],
				mom[2 * LPB_P + 1];
	double		lt,
				mb[2 * LPB_P + 1],
				hank[(LPB_P + 1) * (LPB_P + 1)],
				coef[LPB_P + 1],
				re[LPB_P],
				im[LPB_P],
				vdm[LPB_P * LPB_P],
				pi[LPB_P],
				prod,
				sum;
	int			r,
				i,
				j,
				nn;

	if (m < np)
		return false;
	/* cumulants, then raw moments by m_n = sum_j C(n-1, j) k_(j+1) m_(n-1-j) */
	for (r = 1; r <= 2 * np; r++)
	{
		double		s = 0.0,
					f = 1.0;

		for (i = 0; i < m; i++)
			s += pow(w[i], r);
		for (i = 2; i < r; i++)
			f *= i;
		kappa[r] = pow(2.0, r - 1) * f * s;
	}
	mom[0] = 1.0;
	for (r = 1; r <= 2 * np; r++)
	{
		double		c = 1.0;

		mom[r] = 0.0;
		for (j = 0; j < r; j++)
		{
			mom[r] += c * kappa[j + 1] * mom[r - 1 - j];
			c = c * (r - 1 - j) / (j + 1);
		}
	}

	/* lt_1, then lt_N by bisection on det D_N in (0, lt_(N-1)) */
	lt = mom[2] / (mom[1] * mom[1]) - 1.0;
	if (!(lt > 0.0))
		return false;
	for (nn = 2; nn <= np; nn++)
	{
		double		lo = 0.0,
					hi = lt,
					flo = DetDelta(mom, nn, lo),
					fhi = DetDelta(mom, nn, hi);

		if (!isfinite(flo) || !isfinite(fhi) || (flo > 0) == (fhi > 0))
			return false;
		while (hi - lo > LPB_BISECT_TOL * Max(1.0, hi))
		{
			double		mid = 0.5 * (lo + hi),
						fm = DetDelta(mom, nn, mid);

			if ((fm > 0) == (flo > 0))
			{
				lo = mid;
				flo = fm;
			}
			else
				hi = mid;
		}
		lt = 0.5 * (lo + hi);
	}

	/* modified moments at lt_p and the Hankel matrix D_p */
	prod = 1.0;
	for (i = 0; i <= 2 * np; i++)
	{
		if (i >= 2)
			prod *= 1.0 + (i - 1) * lt;
		mb[i] = mom[i] / prod;
	}
	/* coefficients of det[D_p with last column (1, t, ..., t^p)], by cofactors */
	for (i = 0; i <= np; i++)
	{
		double		minor[LPB_P * LPB_P];
		int			row,
					col,
					mr = 0;

		for (row = 0; row <= np; row++)
		{
			if (row == i)
				continue;
			for (col = 0; col < np; col++)
				minor[mr + col * np] = mb[row + col];
			mr++;
		}
		coef[i] = (((i + np) % 2) ? -1.0 : 1.0) * linalg_det(np, minor);
	}
	if (!(fabs(coef[np]) > 0.0))
		return false;
	linalg_poly_roots(np, coef, re, im);
	for (j = 0; j < np; j++)
	{
		if (!isfinite(re[j]) || fabs(im[j]) > 1e-8 * Max(1.0, fabs(re[j])) || !(re[j] > 0.0))
			return false;
		for (i = 0; i < np; i++)
			vdm[i + j * np] = pow(re[j], i);
		hank[j] = mb[j];
	}
	if (!linalg_solve(np, vdm, hank))
		return false;
	memcpy(pi, hank, sizeof(double) * np);

	sum = 0.0;
	for (j = 0; j < np; j++)
		sum += pi[j] * dist_pgamma(q, 1.0 / lt, re[j] * lt, false);
	if (!isfinite(sum))
		return false;
	*p = Min(1.0, Max(0.0, sum));
	return true;
}
