/*
 * rcit.c
 *		RCIT (Strobl, Zhang and Visweswaran 2019): conditional independence by
 *		random Fourier features, with causal-learn's conventions.
 *
 * Columns are z-scored (ddof 1); for the conditional test y is augmented
 * with z.  Each block (x, [y, z], z) gets a Gaussian-kernel width sigma = the
 * median non-zero distance among its first 500 rows, and random Fourier
 * features sqrt(2) cos(W a + b) with W ~ N(0, 1/sigma^2), b ~ U(0, 2 pi):
 * 5 for x and for y, 100 for z.  The features are standardised.  With C the
 * feature correlations, the statistic is n ||Cxy - Cxz Czz^-1 Czy||_F^2
 * (Czz regularised by 1e-10 I); its null is a weighted sum of chi-square(1)
 * variables whose weights are the positive eigenvalues of the covariance of
 * the products of the residual features (x and y features minus their
 * regression on the z features), evaluated by Lindsay-Pilla-Basak (Hall-
 * Buckley-Eagleson when that fails or on request).  Without z it is RIT:
 * statistic n ||Cxy||_F^2 and products of the standardised features.
 *
 * The rows are never held as a feature matrix: a first pass over blocks of
 * rows accumulates the feature moments (one dsyrk per block), a second
 * recomputes the features and accumulates the residual products, so memory
 * is O(block x features) and a million rows take seconds.  The random
 * numbers come from pg_prng with the given seed (W row by row, then b, for
 * z, then x, then y), so results are reproducible.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "core/linalg.h"
#include "core/random.h"
#include "citest/kernel.h"
#include "citest/rcit.h"
#include "citest/wchisq.h"

#define RCIT_BLOCK 2048
#define RCIT_SIGMA_ROWS 500

typedef struct FourierBlock
{
	const double *data;			/* n x d column-major */
	int			d;
	int			nf;
	double	   *w;				/* nf x d, row-major: w[f * d + c] */
	double	   *b;				/* nf */
} FourierBlock;

/* Draws the random features of one block of columns. */
static void
DrawFeatures(FourierBlock *fb, const double *data, int64 n, int d, int nf, CausalRandom *rng)
{
	double		sigma = kernel_median_distance(data, (int) n, d, RCIT_SIGMA_ROWS);
	int			i;

	if (!(sigma > 0.0))
		sigma = 1.0;
	fb->data = data;
	fb->d = d;
	fb->nf = nf;
	fb->w = palloc(sizeof(double) * nf * d);
	fb->b = palloc(sizeof(double) * nf);
	for (i = 0; i < nf * d; i++)
		fb->w[i] = random_normal(rng) / sigma;
	for (i = 0; i < nf; i++)
		fb->b[i] = 2.0 * M_PI * random_uniform(rng);
}

/* Features of rows [r0, r0 + nb) of one block into out (nb rows, ld apart, column offset col). */
static void
Features(const FourierBlock *fb, int64 n, int64 r0, int nb, double *out, int ld, int col)
{
	int			f,
				r,
				c;

	for (f = 0; f < fb->nf; f++)
	{
		double	   *dst = out + (Size) (col + f) * ld;

		for (r = 0; r < nb; r++)
		{
			double		s = fb->b[f];

			for (c = 0; c < fb->d; c++)
				s += fb->w[f * fb->d + c] * fb->data[r0 + r + c * n];
			dst[r] = M_SQRT2 * cos(s);
		}
	}
}

/* Features [x | y | z] of rows [r0, r0 + nb) into buf (nb rows, column-major). */
static void
AllFeatures(const FourierBlock *fx, const FourierBlock *fy, const FourierBlock *fz,
			int64 n, int64 r0, int nb, double *buf)
{
	Features(fx, n, r0, nb, buf, nb, 0);
	Features(fy, n, r0, nb, buf, nb, fx->nf);
	if (fz != NULL)
		Features(fz, n, r0, nb, buf, nb, fx->nf + fy->nf);
}

/* Raises the error for a constant column. */
static void
CheckNotConstant(const double *a, int64 n, int d, const char *what)
{
	int			c;
	int64		i;

	for (c = 0; c < d; c++)
	{
		bool		varies = false;

		for (i = 1; i < n && !varies; i++)
			varies = a[i + c * n] != a[c * n];
		if (!varies)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("RCIT: a column of %s is constant", what),
					 errhint("Leave constant columns out; they carry no information.")));
	}
}

/* Column-major n x d copy with the columns of a then b. */
static double *
Concat(const double *a, int da, const double *b, int db, int64 n)
{
	double	   *out = palloc_extended(sizeof(double) * n * (da + db), MCXT_ALLOC_HUGE);

	memcpy(out, a, sizeof(double) * n * da);
	memcpy(out + n * da, b, sizeof(double) * n * db);
	return out;
}

/* RCIT (or RIT without z). */
CiResult
citest_rcit(RcitInput *in)
{
	int64		n = in->n,
				r0;
	bool		cond = in->dz > 0;
	int			nx = in->num_f2,
				ny = in->num_f2,
				nz = cond ? in->num_f : 0,
				dtot = nx + ny + nz,
				i,
				j,
				l,
				npos = 0,
				nprod = nx * ny;
	FourierBlock fx,
				fy,
				fz;
	CausalRandom rng;
	double	   *yaug,
			   *buf,
			   *ftf,
			   *mu,
			   *shift,
			   *sd,
			   *corr,
			   *czz,
			   *bx,
			   *by,
			   *cxyz,
			   *res,
			   *prod,
			   *cov,
			   *eig,
			   *vec,
			   *pos;
	CiResult	out;

	if (n < 5)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("RCIT needs at least 5 rows, got " INT64_FORMAT, n),
				 errhint("Too few rows for a kernel test.")));
	CheckNotConstant(in->x, n, in->dx, "x");
	CheckNotConstant(in->y, n, in->dy, "y");
	if (cond)
		CheckNotConstant(in->z, n, in->dz, "the conditioning set");
	kernel_check_memory(8.0 * (double) RCIT_BLOCK * (dtot + nprod) * 2, "RCIT");
	kernel_standardize(in->x, n, in->dx);
	kernel_standardize(in->y, n, in->dy);
	if (cond)
		kernel_standardize(in->z, n, in->dz);
	yaug = cond ? Concat(in->y, in->dy, in->z, in->dz, n) : in->y;

	random_seed(&rng, in->seed);
	if (cond)
		DrawFeatures(&fz, in->z, n, in->dz, nz, &rng);
	DrawFeatures(&fx, in->x, n, in->dx, nx, &rng);
	DrawFeatures(&fy, yaug, n, in->dy + in->dz, ny, &rng);

	/*
	 * Pass 1: means and co-moments of all features [x | y | z].  The values
	 * are shifted by the first block's means before they are accumulated, so
	 * nearly constant features (tiny frequencies) keep their precision.
	 */
	buf = palloc(sizeof(double) * RCIT_BLOCK * dtot);
	ftf = palloc0(sizeof(double) * dtot * dtot);
	mu = palloc0(sizeof(double) * dtot);
	shift = palloc0(sizeof(double) * dtot);
	for (r0 = 0; r0 < n; r0 += RCIT_BLOCK)
	{
		int			nb = (int) Min((int64) RCIT_BLOCK, n - r0);

		CHECK_FOR_INTERRUPTS();
		AllFeatures(&fx, &fy, cond ? &fz : NULL, n, r0, nb, buf);
		for (j = 0; j < dtot; j++)
		{
			double	   *col = buf + (Size) j * nb;

			if (r0 == 0)
			{
				for (i = 0; i < nb; i++)
					shift[j] += col[i];
				shift[j] /= nb;
			}
			for (i = 0; i < nb; i++)
			{
				col[i] -= shift[j];
				mu[j] += col[i];
			}
		}
		/* ftf += buf' buf (upper triangle) */
		linalg_gemm_tn_acc(dtot, nb, buf, ftf);
	}
	for (j = 0; j < dtot; j++)
		mu[j] /= n;				/* mean minus shift */
	sd = palloc(sizeof(double) * dtot);
	for (j = 0; j < dtot; j++)
	{
		double		v = (ftf[j + j * dtot] - n * mu[j] * mu[j]) / (n - 1);

		sd[j] = v > 0.0 ? sqrt(v) : 0.0;
		if (!(sd[j] > 0.0))
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("RCIT: a random feature is constant; the data have too few distinct values")));
	}
	/* correlations of the features */
	corr = palloc(sizeof(double) * dtot * dtot);
	for (j = 0; j < dtot; j++)
		for (i = 0; i <= j; i++)
		{
			double		c = (ftf[i + j * dtot] - n * mu[i] * mu[j]) / (n - 1) / (sd[i] * sd[j]);

			corr[i + j * dtot] = c;
			corr[j + i * dtot] = c;
		}
	for (j = 0; j < dtot; j++)
		mu[j] += shift[j];		/* the means themselves, for pass 2 */

	/* Cxy|z = Cxy - Cxz Czz^-1 Czy, and the regression coefficients Bx, By */
	cxyz = palloc(sizeof(double) * nx * ny);
	for (j = 0; j < ny; j++)
		for (i = 0; i < nx; i++)
			cxyz[i + j * nx] = corr[i + (nx + j) * dtot];
	bx = by = NULL;
	if (cond)
	{
		czz = palloc(sizeof(double) * nz * nz);
		for (j = 0; j < nz; j++)
			for (i = 0; i < nz; i++)
				czz[i + j * nz] = corr[(nx + ny + i) + (nx + ny + j) * dtot] + (i == j ? 1e-10 : 0.0);
		if (!linalg_cholesky_inverse(nz, czz))
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("RCIT: the covariance of the conditioning features is singular"),
					 errhint("Too few rows for %d random features of the conditioning set.", nz)));
		/* bx = Czz^-1 Czx (nz x nx), by = Czz^-1 Czy (nz x ny) */
		bx = palloc(sizeof(double) * nz * nx);
		by = palloc(sizeof(double) * nz * ny);
		for (j = 0; j < nx; j++)
			for (i = 0; i < nz; i++)
			{
				double		s = 0.0;

				for (l = 0; l < nz; l++)
					s += czz[i + l * nz] * corr[(nx + ny + l) + j * dtot];
				bx[i + j * nz] = s;
			}
		for (j = 0; j < ny; j++)
			for (i = 0; i < nz; i++)
			{
				double		s = 0.0;

				for (l = 0; l < nz; l++)
					s += czz[i + l * nz] * corr[(nx + ny + l) + (nx + j) * dtot];
				by[i + j * nz] = s;
			}
		for (j = 0; j < ny; j++)
			for (i = 0; i < nx; i++)
			{
				double		s = 0.0;

				for (l = 0; l < nz; l++)
					s += corr[i + (nx + ny + l) * dtot] * by[l + j * nz];
				cxyz[i + j * nx] -= s;
			}
	}
	out.statistic = 0.0;
	for (i = 0; i < nx * ny; i++)
		out.statistic += cxyz[i] * cxyz[i];
	out.statistic *= (double) n;

	/* pass 2: covariance of the products of residual features */
	res = palloc(sizeof(double) * RCIT_BLOCK * (nx + ny));
	prod = palloc(sizeof(double) * RCIT_BLOCK * nprod);
	cov = palloc0(sizeof(double) * nprod * nprod);
	for (r0 = 0; r0 < n; r0 += RCIT_BLOCK)
	{
		int			nb = (int) Min((int64) RCIT_BLOCK, n - r0);

		CHECK_FOR_INTERRUPTS();
		AllFeatures(&fx, &fy, cond ? &fz : NULL, n, r0, nb, buf);
		for (j = 0; j < dtot; j++)
			for (i = 0; i < nb; i++)
				buf[i + (Size) j * nb] = (buf[i + (Size) j * nb] - mu[j]) / sd[j];
		for (j = 0; j < nx + ny; j++)
			for (i = 0; i < nb; i++)
			{
				double		v = buf[i + (Size) j * nb];

				if (cond)
				{
					const double *coefs = j < nx ? bx + (Size) j * nz : by + (Size) (j - nx) * nz;

					for (l = 0; l < nz; l++)
						v -= buf[i + (Size) (nx + ny + l) * nb] * coefs[l];
				}
				res[i + (Size) j * nb] = v;
			}
		for (j = 0; j < ny; j++)
			for (l = 0; l < nx; l++)
				for (i = 0; i < nb; i++)
					prod[i + (Size) (l * ny + j) * nb] = res[i + (Size) l * nb] * res[i + (Size) (nx + j) * nb];
		linalg_gemm_tn_acc(nprod, nb, prod, cov);
	}
	for (j = 0; j < nprod; j++)
		for (i = 0; i <= j; i++)
		{
			cov[i + j * nprod] /= n;
			cov[j + i * nprod] = cov[i + j * nprod];
		}
	eig = palloc(sizeof(double) * nprod);
	vec = palloc(sizeof(double) * nprod * nprod);
	linalg_sym_eigen(nprod, cov, eig, vec);
	pos = palloc(sizeof(double) * nprod);
	for (i = 0; i < nprod; i++)
		if (eig[i] > 0.0)
			pos[npos++] = eig[i];

	out.p_value = 1.0;
	if (npos > 0 && (in->use_hbe || !wchisq_lpb4_upper(pos, npos, out.statistic, &out.p_value)))
		out.p_value = wchisq_hbe_upper(pos, npos, out.statistic);
	if (!(out.p_value >= 0.0))
		out.p_value = 0.0;
	out.method = "rcit";
	out.dof = NAN;
	out.n = n;
	return out;
}
