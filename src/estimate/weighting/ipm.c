/*
 * ipm.c
 *		Covariate balancing by an integral probability metric (Kong, Park,
 *		Jung, Lee and Kim, ICML 2023), two discriminator classes:
 *
 *		mmd	   the Gaussian-kernel MMD, exp(-||x - y||^2 / (2 gamma^2)), through
 *			   D random Fourier features phi(x) = sqrt(2/D) cos(W x + b),
 *			   W ~ N(0, I/gamma^2), b ~ U(0, 2 pi) (Rahimi and Recht 2007), so
 *			   that MMD^2(w) = ||Phi' w - mu||^2 with mu the target group's mean
 *			   feature.  The weights on the simplex minimize
 *
 *				 ||Phi' w - mu||^2 + tau KL(w || uniform),
 *
 *			   an explicit penalty instead of the authors' early-stopped Adam,
 *			   so the answer is unique and reproducible.  Its dual is a smooth
 *			   concave problem in D variables; with l = tau u (better scaled
 *			   when tau is small) it is
 *
 *				 min_u  tau ||u||^2/4 + u'mu + log mean_i exp(-phi_i'u),
 *
 *			   with w_i proportional to exp(-phi_i'u) and
 *			   tau u = 2 (Phi'w - mu) at the optimum -- entropy balancing of the
 *			   features with a ridge on u.  Each evaluation is two passes over
 *			   the features, O(n D); solved by NLopt's L-BFGS.
 *
 *		energy the energy distance (Szekely and Rizzo; Huling and Mak's energy
 *			   balancing) between the weighted group and the target,
 *			   2 sum_i w_i dbar_i - sum_ik w_i w_k ||x_i - x_k|| (+ const), with
 *			   dbar_i the mean distance from x_i to the target rows, plus
 *			   lambda ||w||^2; a convex quadratic on the simplex, solved by
 *			   accelerated projected gradient (FISTA with restarts and the
 *			   sort-based simplex projection), then made exact by an active-set
 *			   solve of the optimality conditions on its support.  It needs the
 *			   group's distance matrix, so it is limited to groups of
 *			   causal.max_memory's size.  Written here because neither NLopt
 *			   nor LAPACK solves a quadratic program on the simplex; the
 *			   projection and the momentum are a few lines each.
 */
#include "postgres.h"

#include <math.h>
#include <cblas.h>
#include <nlopt.h>

#include "miscadmin.h"

#include "core/compare.h"
#include "core/linalg.h"
#include "core/random.h"
#include "core/settings.h"
#include "estimate/weighting/ipm.h"

/* ---- random Fourier features ------------------------------------------- */

/*
 * Features of the n rows of x (n x p column-major, standardized) into phi
 * (n x D floats, row-major): row i of x goes to row pos[i] of phi (pos a
 * permutation, or NULL for the identity), so that a caller can keep each
 * group's rows contiguous -- the solver streams a group's features once per
 * evaluation, and a contiguous stream is what the memory prefetcher serves
 * fastest.  Draws W row by row (D x p normals), then b.
 */
void
ipm_features(int n, int p, const double *x, int D, double gamma, int64 seed,
			 const int *pos, float *phi)
{
	CausalRandom rng;
	double	   *w = palloc(sizeof(double) * (Size) D * p),
			   *b = palloc(sizeof(double) * D),
			   *proj = palloc(sizeof(double) * D),
				scale = sqrt(2.0 / D);
	int			i,
				j,
				l;

	random_seed(&rng, seed);
	for (j = 0; j < D; j++)
		for (l = 0; l < p; l++)
			w[(Size) j * p + l] = random_normal(&rng) / gamma;
	for (j = 0; j < D; j++)
		b[j] = 2.0 * M_PI * random_uniform(&rng);
	for (i = 0; i < n; i++)
	{
		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		for (j = 0; j < D; j++)
		{
			double		e = b[j];

			for (l = 0; l < p; l++)
				e += w[(Size) j * p + l] * x[i + (Size) l * n];
			proj[j] = e;
		}
		for (j = 0; j < D; j++)
			phi[(Size) (pos ? pos[i] : i) * D + j] = (float) (scale * cos(proj[j]));
	}
	pfree(w);
	pfree(b);
	pfree(proj);
}

/* ---- MMD with a KL penalty, through its dual ---------------------------- */

typedef struct MmdDual
{
	const IpmMmdProblem *p;
	double	   *w;				/* n weights at the last evaluation */
	double	   *s;				/* D: Phi'w */
	double	   *block;			/* MMD_BLOCK x D features in double */
	double	   *a;				/* MMD_BLOCK softmax terms */
	double	   *suffix;			/* binned: L x bins suffix sums of scaled u */
	double	   *hist;			/* binned: L x bins softmax mass per bin */
	int			evaluations;
	bool		cancelled;
	nlopt_opt	opt;
} MmdDual;

/* rows per BLAS call: 128 x 256 doubles stay in the L2 cache */
#define MMD_BLOCK 128

/*
 * At dual point u: Phi'w into d->s for the weights w_i = softmax(-phi_i'u),
 * and the exponents -phi_i'u into d->w (normalized weights only when
 * normalize); returns log mean exp(-phi'u).  One pass over the features, a
 * block of rows at a time: the block is widened to double, its exponents are
 * one dgemv and its share of Phi'w another (OpenBLAS picks the CPU's vector
 * kernels at run time, which a portable build of this file cannot).  The
 * softmax keeps a running maximum and rescales the partial sums whenever it
 * grows (the "online softmax").
 */
static double
MmdWeights(MmdDual *d, const double *l, bool normalize)
{
	const IpmMmdProblem *p = d->p;
	int			n = p->n,
				D = p->D,
				i0,
				i,
				j;
	double		mx = -INFINITY,
				sum = 0.0;

	memset(d->s, 0, sizeof(double) * D);
	for (i0 = 0; i0 < n; i0 += MMD_BLOCK)
	{
		int			nb = Min(MMD_BLOCK, n - i0);
		double	   *e = d->w + i0,
					bmx = -INFINITY;

		for (i = 0; i < nb; i++)
		{
			const float *f = p->phi + (Size) p->rows[i0 + i] * D;
			double	   *row = d->block + (Size) i * D;

			for (j = 0; j < D; j++)
				row[j] = f[j];
		}
		/* e = -(block l): the block is D x nb column-major */
		cblas_dgemv(CblasColMajor, CblasTrans, D, nb, -1.0, d->block, D, l, 1, 0.0, e, 1);
		for (i = 0; i < nb; i++)
			bmx = Max(bmx, e[i]);
		if (bmx > mx)
		{
			double		r = exp(mx - bmx);	/* 0 for the first block */

			sum *= r;
			cblas_dscal(D, r, d->s, 1);
			mx = bmx;
		}
		for (i = 0; i < nb; i++)
		{
			d->a[i] = exp(e[i] - mx);
			sum += d->a[i];
		}
		cblas_dgemv(CblasColMajor, CblasNoTrans, D, nb, 1.0, d->block, D, d->a, 1, 1.0, d->s, 1);
	}
	for (j = 0; j < D; j++)
		d->s[j] /= sum;
	if (normalize)
		for (i = 0; i < n; i++)
			d->w[i] = exp(d->w[i] - mx) / sum;
	return mx + log(sum / n);
}

/*
 * MmdWeights for the binned sliced-energy features: phi_i'u is a sum over
 * the slices of suffix sums of the scaled u at row i's bins, and Phi'a a
 * prefix sum of the softmax mass per bin -- O(n L) a pass, no feature matrix.
 */
static double
BinnedWeights(MmdDual *d, const double *l, bool normalize)
{
	const IpmMmdProblem *p = d->p;
	int			n = p->n,
				L = p->slices,
				B = p->bins,
				Q1 = B - 1;
	double		mx = -INFINITY,
				sum = 0.0;

	for (int sl = 0; sl < L; sl++)
	{
		double	   *suf = d->suffix + (Size) sl * B;

		suf[Q1] = 0.0;
		for (int q = Q1; q >= 1; q--)
			suf[q - 1] = suf[q] + p->scale[(Size) sl * Q1 + q - 1] * l[(Size) sl * Q1 + q - 1];
	}
	for (int i = 0; i < n; i++)
	{
		const uint16 *r = p->rank + (Size) i * L;
		double		e = 0.0;

		for (int sl = 0; sl < L; sl++)
			e -= d->suffix[(Size) sl * B + r[sl]];
		d->w[i] = e;
		mx = Max(mx, e);
	}
	memset(d->hist, 0, sizeof(double) * (Size) L * B);
	for (int i = 0; i < n; i++)
	{
		const uint16 *r = p->rank + (Size) i * L;
		double		a = exp(d->w[i] - mx);

		sum += a;
		for (int sl = 0; sl < L; sl++)
			d->hist[(Size) sl * B + r[sl]] += a;
	}
	for (int sl = 0; sl < L; sl++)
	{
		double		cum = 0.0;

		for (int q = 1; q <= Q1; q++)
		{
			cum += d->hist[(Size) sl * B + q - 1];
			d->s[(Size) sl * Q1 + q - 1] = p->scale[(Size) sl * Q1 + q - 1] * cum / sum;
		}
	}
	if (normalize)
		for (int i = 0; i < n; i++)
			d->w[i] = exp(d->w[i] - mx) / sum;
	return mx + log(sum / n);
}

/* NLopt objective: the scaled dual tau ||u||^2/4 + u'mu + log mean exp(-phi'u), and its gradient. */
static double
MmdDualObjective(unsigned D, const double *l, double *grad, void *data)
{
	MmdDual    *d = data;
	const IpmMmdProblem *p = d->p;
	double		lse,
				f = 0.0;
	unsigned	j;

	/* a cancel stops the optimizer; CHECK_FOR_INTERRUPTS then raises it */
	if (QueryCancelPending || ProcDiePending)
	{
		d->cancelled = true;
		nlopt_force_stop(d->opt);
	}
	d->evaluations++;
	lse = d->p->rank ? BinnedWeights(d, l, false) : MmdWeights(d, l, false);
	for (j = 0; j < D; j++)
	{
		f += p->tau * l[j] * l[j] / 4.0 + l[j] * p->target[j];
		if (grad != NULL)
			grad[j] = p->tau * l[j] / 2.0 + p->target[j] - d->s[j];
	}
	return f + lse;
}

void
ipm_mmd_solve(const IpmMmdProblem *p, double *w, IpmReport *rep)
{
	MmdDual		d;
	double	   *l = palloc0(sizeof(double) * p->D);
	double		fval;
	int			j;
	volatile nlopt_result rc = NLOPT_SUCCESS;

	memset(&d, 0, sizeof(d));
	d.p = p;
	d.w = w;
	d.s = palloc(sizeof(double) * p->D);
	if (p->rank != NULL)
	{
		d.suffix = palloc(sizeof(double) * (Size) p->slices * p->bins);
		d.hist = palloc(sizeof(double) * (Size) p->slices * p->bins);
	}
	else
	{
		d.block = palloc(sizeof(double) * MMD_BLOCK * (Size) p->D);
		d.a = palloc(sizeof(double) * MMD_BLOCK);
	}
	/* before: uniform weights */
	if (p->rank != NULL)
		BinnedWeights(&d, l, true);
	else
		MmdWeights(&d, l, true);
	rep->ipm_before = 0.0;
	for (j = 0; j < p->D; j++)
		rep->ipm_before += (d.s[j] - p->target[j]) * (d.s[j] - p->target[j]);
	d.opt = nlopt_create(NLOPT_LD_LBFGS, p->D);
	if (d.opt == NULL)
		elog(ERROR, "could not create an NLopt optimizer");
	PG_TRY();
	{
		nlopt_set_min_objective(d.opt, MmdDualObjective, &d);
		nlopt_set_ftol_rel(d.opt, 1e-15);
		nlopt_set_xtol_rel(d.opt, p->tol);
		nlopt_set_maxeval(d.opt, p->max_iter);
		nlopt_set_vector_storage(d.opt, 20);
		rc = nlopt_optimize(d.opt, l, &fval);
	}
	PG_FINALLY();
	{
		nlopt_destroy(d.opt);
	}
	PG_END_TRY();
	CHECK_FOR_INTERRUPTS();
	/*
	 * NLopt's L-BFGS gives up (NLOPT_FAILURE, NLOPT_ROUNDOFF_LIMITED) when its
	 * line search cannot improve in floating point; it returns the best point
	 * found, whose weights are the answer (reported as not converged).
	 */
	if (rc < 0 && rc != NLOPT_ROUNDOFF_LIMITED && rc != NLOPT_FAILURE)
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("IPM balancing: the optimizer failed (NLopt code %d)", (int) rc),
				 errhint("Try a larger penalty (options {\"lambda\": ...}).")));
	/* the weights and balance at the solution */
	if (p->rank != NULL)
		BinnedWeights(&d, l, true);
	else
		MmdWeights(&d, l, true);
	rep->ipm_after = 0.0;
	for (j = 0; j < p->D; j++)
		rep->ipm_after += (d.s[j] - p->target[j]) * (d.s[j] - p->target[j]);
	rep->iterations = d.evaluations;
	rep->converged = rc == NLOPT_SUCCESS || rc == NLOPT_FTOL_REACHED || rc == NLOPT_XTOL_REACHED;
	pfree(l);
	pfree(d.s);
	if (p->rank != NULL)
	{
		pfree(d.suffix);
		pfree(d.hist);
	}
	else
	{
		pfree(d.block);
		pfree(d.a);
	}
}

/* ---- energy distance ------------------------------------------------- */

static int
DescCmp(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x > y ? -1 : (x < y ? 1 : 0);
}

/* Euclidean projection of v (m) onto the probability simplex (Duchi et al. 2008). */
static void
ProjectSimplex(int m, const double *v, double *out, double *tmp)
{
	double		cum = 0.0,
				theta = 0.0;
	int			i;

	memcpy(tmp, v, sizeof(double) * m);
	qsort(tmp, m, sizeof(double), DescCmp);
	for (i = 0; i < m; i++)
	{
		double		t;

		cum += tmp[i];
		t = (cum - 1.0) / (i + 1);
		if (tmp[i] - t > 0.0)
			theta = t;
	}
	for (i = 0; i < m; i++)
		out[i] = Max(v[i] - theta, 0.0);
}

/*
 * The FISTA step after a new iterate w (previous wold): adaptive restart
 * (O'Donoghue and Candes 2015) when the objective went up, else Nesterov's
 * extrapolation into y.  Returns the largest change of a weight.
 */
static double
FistaMomentum(int m, const double *w, const double *wold, double *y, double *t, bool went_up)
{
	double		change = 0.0;
	int			i;

	for (i = 0; i < m; i++)
		change = Max(change, fabs(w[i] - wold[i]));
	if (went_up)
	{
		*t = 1.0;
		memcpy(y, w, sizeof(double) * m);
	}
	else
	{
		double		tnew = (1.0 + sqrt(1.0 + 4.0 * *t * *t)) / 2.0;

		for (i = 0; i < m; i++)
			y[i] = w[i] + (*t - 1.0) / tnew * (w[i] - wold[i]);
		*t = tnew;
	}
	return change;
}

/* Quadratic part A w with A = -Dist + lambda I (Dist the m x m distance matrix). */
static void
EnergyQuad(const IpmEnergyProblem *p, const double *dist, const double *w, double *out)
{
	int			m = p->n;

	linalg_gemv(m, dist, w, out);
	for (int i = 0; i < m; i++)
		out[i] = -out[i] + p->lambda * w[i];
}

/* Energy objective (without constants): 2 dbar'w - w'Dist w + lambda ||w||^2. */
static double
EnergyValue(const IpmEnergyProblem *p, const double *dist, const double *dbar, const double *w,
			double *tmp)
{
	double		v = 0.0;

	EnergyQuad(p, dist, w, tmp);
	for (int i = 0; i < p->n; i++)
		v += 2.0 * dbar[i] * w[i] + w[i] * tmp[i];
	return v;
}

/*
 * Active-set polish of the energy solution: on a support S the optimality
 * (KKT) conditions are linear, [2 A_SS  -1; 1' 0] [w_S; nu] = [-2 dbar_S; 1]
 * with A = -Dist + lambda I; rows whose weight comes out negative leave S,
 * rows whose gradient 2 (dbar + A w) falls below nu join it.  Starts from the
 * support of the first-order solution and makes it exact; returns false (and
 * leaves w alone) when the support does not settle.
 */
static bool
EnergyPolish(const IpmEnergyProblem *p, const double *dist, const double *dbar, double *w)
{
	int			m = p->n,
				round,
				i,
				j;
	bool	   *in = palloc(sizeof(bool) * m);
	int		   *idx = palloc(sizeof(int) * m);
	double	   *wn = palloc(sizeof(double) * m),
			   *g = palloc(sizeof(double) * m);
	bool		done = false;

	for (i = 0; i < m; i++)
		in[i] = w[i] > 1e-9 / m;
	for (round = 0; round < 50 && !done; round++)
	{
		int			k = 0;
		double	   *M,
				   *rhs,
					nu;
		bool		changed = false;

		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < m; i++)
			if (in[i])
				idx[k++] = i;
		if (k == 0)
			break;
		M = palloc0(sizeof(double) * (Size) (k + 1) * (k + 1));
		rhs = palloc(sizeof(double) * (k + 1));
		for (j = 0; j < k; j++)
		{
			for (i = 0; i < k; i++)
				M[i + (Size) j * (k + 1)] = -2.0 * dist[idx[i] + (Size) idx[j] * m] +
					(i == j ? 2.0 * p->lambda : 0.0);
			M[k + (Size) j * (k + 1)] = 1.0;
			M[j + (Size) k * (k + 1)] = -1.0;
			rhs[j] = -2.0 * dbar[idx[j]];
		}
		rhs[k] = 1.0;
		if (!linalg_solve(k + 1, M, rhs))
		{
			pfree(M);
			pfree(rhs);
			break;
		}
		nu = rhs[k];
		memset(wn, 0, sizeof(double) * m);
		for (j = 0; j < k; j++)
			wn[idx[j]] = rhs[j];
		EnergyQuad(p, dist, wn, g);
		for (i = 0; i < m; i++)
		{
			double		gi = 2.0 * (dbar[i] + g[i]);

			if (in[i] && wn[i] <= 0.0)
			{
				in[i] = false;
				changed = true;
			}
			else if (!in[i] && gi < nu - 1e-12 * Max(fabs(nu), 1.0))
			{
				in[i] = true;
				changed = true;
			}
		}
		if (!changed)
		{
			memcpy(w, wn, sizeof(double) * m);
			done = true;
		}
		pfree(M);
		pfree(rhs);
	}
	pfree(in);
	pfree(idx);
	pfree(wn);
	pfree(g);
	return done;
}

void
ipm_energy_solve(const IpmEnergyProblem *p, double *w, IpmReport *rep)
{
	int			m = p->n,
				k = p->k,
				nt = p->ntarget,
				i,
				j,
				it;
	Size		need = sizeof(double) * (Size) m * m;
	double	   *dist,
			   *dbar = palloc0(sizeof(double) * m),
			   *y = palloc(sizeof(double) * m),
			   *wold = palloc(sizeof(double) * m),
			   *g = palloc(sizeof(double) * m),
			   *tmp = palloc(sizeof(double) * m),
			   *tmp2 = palloc(sizeof(double) * m),
				L,
				t = 1.0,
				fold,
				tt = 0.0;

	if (need > (Size) causal_max_memory_kb * 1024)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("energy balancing of %d rows needs a %d x %d distance matrix, more than causal.max_memory", m, m, m),
				 errhint("Use method ipm_mmd, which scales to any number of rows, or have a superuser raise causal.max_memory.")));
	dist = palloc_extended(need, MCXT_ALLOC_HUGE);
	for (i = 0; i < m; i++)
	{
		CHECK_FOR_INTERRUPTS();
		dist[i + (Size) i * m] = 0.0;
		for (j = 0; j < i; j++)
		{
			double		s = 0.0;

			for (int l = 0; l < k; l++)
			{
				double		d = p->x[i + (Size) l * m] - p->x[j + (Size) l * m];

				s += d * d;
			}
			dist[i + (Size) j * m] = dist[j + (Size) i * m] = sqrt(s);
		}
		for (j = 0; j < nt; j++)
		{
			double		s = 0.0;

			for (int l = 0; l < k; l++)
			{
				double		d = p->x[i + (Size) l * m] - p->target_x[j + (Size) l * nt];

				s += d * d;
			}
			dbar[i] += sqrt(s) / nt;
		}
	}
	/*
	 * Lipschitz constant of the gradient 2 (dbar - Dist w + lambda w): twice
	 * the largest |eigenvalue| of -Dist + lambda I, bounded by the largest row
	 * sum of Dist plus lambda.
	 */
	L = 0.0;
	for (i = 0; i < m; i++)
	{
		double		r = 0.0;

		for (j = 0; j < m; j++)
			r += dist[j + (Size) i * m];
		L = Max(L, r);
	}
	L = 2.0 * (L + p->lambda);
	rep->converged = false;
	rep->iterations = 0;
	for (i = 0; i < m; i++)
		w[i] = y[i] = 1.0 / m;
	rep->ipm_before = EnergyValue(p, dist, dbar, w, tmp);
	fold = rep->ipm_before;
	for (it = 1; it <= p->max_iter; it++)
	{
		double		f,
					change;

		CHECK_FOR_INTERRUPTS();
		EnergyQuad(p, dist, y, g);
		for (i = 0; i < m; i++)
			tmp[i] = y[i] - 2.0 * (dbar[i] + g[i]) / L;
		memcpy(wold, w, sizeof(double) * m);
		ProjectSimplex(m, tmp, w, tmp2);
		f = EnergyValue(p, dist, dbar, w, tmp);
		change = FistaMomentum(m, w, wold, y, &t, f > fold);
		fold = f;
		rep->iterations = it;
		if (change <= p->tol / m)
		{
			rep->converged = true;
			break;
		}
	}
	/* make the first-order solution exact on its support */
	rep->converged = EnergyPolish(p, dist, dbar, w) || rep->converged;
	/* report energy distances with their constant: + mean target-target distance */
	for (i = 0; i < Min(nt, 2000); i++)
		for (j = 0; j < Min(nt, 2000); j++)
		{
			double		s = 0.0;

			for (int l = 0; l < k; l++)
			{
				double		d = p->target_x[i + (Size) l * nt] - p->target_x[j + (Size) l * nt];

				s += d * d;
			}
			tt += sqrt(s);
		}
	tt /= (double) Min(nt, 2000) * Min(nt, 2000);
	rep->ipm_after = EnergyValue(p, dist, dbar, w, tmp) - tt;
	rep->ipm_before -= tt;
	/* the lambda term is not part of the distance */
	{
		double		ww = 0.0,
					uu = 1.0 / m;

		for (i = 0; i < m; i++)
			ww += w[i] * w[i];
		rep->ipm_after -= p->lambda * ww;
		rep->ipm_before -= p->lambda * uu;
	}
	pfree(dist);
	pfree(dbar);
	pfree(y);
	pfree(wold);
	pfree(g);
	pfree(tmp);
	pfree(tmp2);
}

/* ---- sliced energy distance --------------------------------------------- */

typedef struct SliceItem
{
	double		v;
	int			idx;			/* < m: a group row; >= m: target row idx - m */
} SliceItem;

static int
SliceCmp(const void *a, const void *b)
{
	double		x = ((const SliceItem *) a)->v,
				y = ((const SliceItem *) b)->v;

	return x < y ? -1 : (x > y ? 1 : 0);
}

/* Projection of point i (a group row when i < n, else target row i - n) on direction l. */
static double
SliceProject(const IpmSlicedProblem *p, const double *dir, int l, int i)
{
	double		v = 0.0;

	for (int j = 0; j < p->k; j++)
		v += dir[(Size) l * p->k + j] *
			(i < p->n ? p->x[i + (Size) j * p->n] : p->target_x[(i - p->n) + (Size) j * p->ntarget]);
	return v;
}

typedef struct Sliced
{
	const IpmSlicedProblem *p;
	int			N;				/* m + nt points per direction */
	double	   *sv;				/* L x N sorted projections */
	int		   *si;				/* L x N their rows */
	double	   *diff;			/* N scratch */
} Sliced;

/*
 * Sliced energy objective (2/L) sum_l int (F_l - G_l)^2 dt + lambda ||w||^2
 * and, when grad is not NULL, its gradient: (4/L) sum_l int_{a_il}^inf
 * (F_l - G_l) dt + 2 lambda w_i, by one forward and one backward sweep over
 * each direction's sorted points.
 */
static double
SlicedEval(const Sliced *s, const double *w, double *grad)
{
	const IpmSlicedProblem *p = s->p;
	int			m = p->n,
				L = p->slices,
				N = s->N,
				l,
				k;
	double		f = 0.0,
				inv_nt = 1.0 / p->ntarget;

	if (grad != NULL)
		memset(grad, 0, sizeof(double) * m);
	for (l = 0; l < L; l++)
	{
		const double *sv = s->sv + (Size) l * N;
		const int  *si = s->si + (Size) l * N;
		double		fa = 0.0,
					fb = 0.0,
					fl = 0.0,
					tail = 0.0;

		for (k = 0; k < N; k++)
		{
			if (si[k] < m)
				fa += w[si[k]];
			else
				fb += inv_nt;
			if (k + 1 < N)
			{
				double		d = fa - fb,
							gap = sv[k + 1] - sv[k];

				s->diff[k] = d * gap;
				fl += d * d * gap;
			}
			else
				s->diff[k] = 0.0;
		}
		f += 2.0 * fl / L;
		if (grad != NULL)
			for (k = N - 1; k >= 0; k--)
			{
				tail += s->diff[k];
				if (si[k] < m)
					grad[si[k]] += 4.0 * tail / L;
			}
	}
	for (k = 0; k < m; k++)
	{
		f += p->lambda * w[k] * w[k];
		if (grad != NULL)
			grad[k] += 2.0 * p->lambda * w[k];
	}
	return f;
}

/* The slices' directions (L x k): normalized Gaussian vectors drawn from the seed row by row. */
static void
SliceDirections(const IpmSlicedProblem *p, double *dir)
{
	CausalRandom rng;
	int			k = p->k;

	random_seed(&rng, p->seed);
	for (int l = 0; l < p->slices; l++)
	{
		double		nrm = 0.0;

		for (int i = 0; i < k; i++)
		{
			dir[(Size) l * k + i] = random_normal(&rng);
			nrm += dir[(Size) l * k + i] * dir[(Size) l * k + i];
		}
		nrm = sqrt(nrm);
		for (int i = 0; i < k; i++)
			dir[(Size) l * k + i] /= nrm;
	}
}

void
ipm_sliced_solve(const IpmSlicedProblem *p, double *w, IpmReport *rep)
{
	int			m = p->n,
				nt = p->ntarget,
				k = p->k,
				L = p->slices,
				N = m + nt,
				l,
				i,
				it;
	double	   *dir = palloc(sizeof(double) * (Size) L * k),
			   *y = palloc(sizeof(double) * m),
			   *wold = palloc(sizeof(double) * m),
			   *g = palloc(sizeof(double) * m),
			   *tmp = palloc(sizeof(double) * m),
			   *tmp2 = palloc(sizeof(double) * m),
				t = 1.0,
				lip = 1e-6,
				fold;
	int			stall = 0;
	SliceItem  *items = palloc_extended(sizeof(SliceItem) * N, MCXT_ALLOC_HUGE);
	Sliced		s;

	if ((Size) L * N * (sizeof(double) + sizeof(int)) > (Size) causal_max_memory_kb * 1024)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("sliced energy balancing: %d slices of %d rows need more memory than causal.max_memory", L, N),
				 errhint("Use fewer slices or have a superuser raise causal.max_memory.")));
	SliceDirections(p, dir);
	s.p = p;
	s.N = N;
	s.sv = palloc_extended(sizeof(double) * (Size) L * N, MCXT_ALLOC_HUGE);
	s.si = palloc_extended(sizeof(int) * (Size) L * N, MCXT_ALLOC_HUGE);
	s.diff = palloc_extended(sizeof(double) * N, MCXT_ALLOC_HUGE);
	for (l = 0; l < L; l++)
	{
		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < N; i++)
		{
			items[i].v = SliceProject(p, dir, l, i);
			items[i].idx = i;
		}
		qsort(items, N, sizeof(SliceItem), SliceCmp);
		for (i = 0; i < N; i++)
		{
			s.sv[(Size) l * N + i] = items[i].v;
			s.si[(Size) l * N + i] = items[i].idx;
		}
	}
	pfree(items);

	/* FISTA with backtracking on the step and adaptive restarts */
	for (i = 0; i < m; i++)
		w[i] = y[i] = 1.0 / m;
	rep->ipm_before = SlicedEval(&s, w, NULL) - p->lambda / m;
	fold = rep->ipm_before + p->lambda / m;
	rep->converged = false;
	rep->iterations = 0;
	for (it = 1; it <= p->max_iter; it++)
	{
		double		fy = SlicedEval(&s, y, g),
					fnew,
					change;

		CHECK_FOR_INTERRUPTS();
		memcpy(wold, w, sizeof(double) * m);
		for (;;)
		{
			double		lin = 0.0,
						sq = 0.0;

			for (i = 0; i < m; i++)
				tmp[i] = y[i] - g[i] / lip;
			ProjectSimplex(m, tmp, w, tmp2);
			fnew = SlicedEval(&s, w, NULL);
			for (i = 0; i < m; i++)
			{
				lin += g[i] * (w[i] - y[i]);
				sq += (w[i] - y[i]) * (w[i] - y[i]);
			}
			if (fnew <= fy + lin + 0.5 * lip * sq + 1e-15 * fabs(fy))
				break;
			lip *= 2.0;
		}
		change = FistaMomentum(m, w, wold, y, &t, fnew > fold);
		/*
		 * Stop when the weights no longer move, or when the objective has
		 * improved by less than tol (relative) over 20 steps in a row -- on
		 * large groups the first criterion is out of reach.
		 */
		stall = (fold - fnew >= 0.0 && fold - fnew <= p->tol * fabs(fnew)) ? stall + 1 : 0;
		fold = fnew;
		lip *= 0.9;
		rep->iterations = it;
		if (change <= p->tol / m || stall >= 20)
		{
			rep->converged = true;
			break;
		}
	}

	/*
	 * The sliced objective is the energy QP with the distances averaged over
	 * the directions; when that m x m matrix fits, polish on it exactly.
	 */
	if (p->polish && (Size) m * m * sizeof(double) <= (Size) causal_max_memory_kb * 1024 / 4 &&
		(double) m * nt * L <= 2e9)
	{
		double	   *dist = palloc_extended(sizeof(double) * (Size) m * m, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO),
				   *dbar = palloc0(sizeof(double) * m),
				   *proj = palloc(sizeof(double) * N);
		IpmEnergyProblem ep;

		for (l = 0; l < L; l++)
		{
			CHECK_FOR_INTERRUPTS();
			for (i = 0; i < N; i++)
				proj[i] = SliceProject(p, dir, l, i);
			for (i = 0; i < m; i++)
			{
				for (int j = 0; j < m; j++)
					dist[i + (Size) j * m] += fabs(proj[i] - proj[j]) / L;
				for (int j = 0; j < nt; j++)
					dbar[i] += fabs(proj[i] - proj[m + j]) / nt / L;
			}
		}
		memset(&ep, 0, sizeof(ep));
		ep.n = m;
		ep.lambda = p->lambda;
		if (EnergyPolish(&ep, dist, dbar, w))
			rep->converged = true;
		pfree(dist);
		pfree(dbar);
		pfree(proj);
	}
	rep->ipm_after = SlicedEval(&s, w, NULL);
	for (i = 0; i < m; i++)
		rep->ipm_after -= p->lambda * w[i] * w[i];
	pfree(dir);
	pfree(y);
	pfree(wold);
	pfree(g);
	pfree(tmp);
	pfree(tmp2);
	pfree(s.sv);
	pfree(s.si);
	pfree(s.diff);
}

/* ---- parametric sigmoid discriminators ----------------------------------- */

/*
 * The paper's parametric class: discriminators f(x) = sigmoid(b + v'x) on the
 * standardized covariates, theta = (b, v) with ||theta|| <= radius.  Its IPM,
 * sup over theta of |mean_target f - sum_i w_i f(x_i)|, is a saddle problem;
 * the authors alternate Adam steps on the weights and on M discriminators
 * from random starts, and stop early.  Here every piece is deterministic:
 *
 *	 1. M discriminators theta_j drawn from the seed (b and v standard
 *		normal, in that order, row by row) and scaled into the ball;
 *	 2. the weights for the current discriminators: the mean squared gap over
 *		the M discriminators plus tau KL(w || uniform), which is the MMD
 *		problem above with features sigmoid(theta_j'x)/sqrt(M) -- solved
 *		exactly by the same dual L-BFGS;
 *	 3. the adversarial step: each discriminator climbs |gap_j| by `steps`
 *		normalized gradient steps of length 0.5/sqrt(s + 1), projected on
 *		the ball; then step 2 again, `rounds` times.
 *
 * The metric reported before and after is the largest |gap| found by the
 * same climb from the initial draws against the weights in question (and,
 * after, also over the final discriminators): a lower bound of the
 * sigmoid-class IPM, comparable between the two.  Written here because no
 * library offers this saddle problem; the inner problem is NLopt's.
 */
#define SIGMOID_STEP 0.5

/* gap_j(theta) = mean_target f - sum_i w_i f(x_i), and its gradient in theta (k + 1) when grad. */
static double
SigmoidGap(const IpmSigmoidProblem *p, const double *theta, const double *w, double *grad)
{
	int			k = p->k;
	double		mt = 0.0,
				mw = 0.0;

	if (grad != NULL)
		memset(grad, 0, sizeof(double) * (k + 1));
	for (int pass = 0; pass < 2; pass++)
	{
		const double *x = pass == 0 ? p->target_x : p->x;
		int			n = pass == 0 ? p->ntarget : p->n;
		double		sign = pass == 0 ? 1.0 / p->ntarget : -1.0;

		for (int i = 0; i < n; i++)
		{
			double		t = theta[0],
						f,
						c;

			for (int l = 0; l < k; l++)
				t += theta[1 + l] * x[i + (Size) l * n];
			f = 1.0 / (1.0 + exp(-t));
			c = pass == 0 ? sign : sign * w[i];
			if (pass == 0)
				mt += f * c;
			else
				mw -= f * c;
			if (grad != NULL)
			{
				double		d = c * f * (1.0 - f);

				grad[0] += d;
				for (int l = 0; l < k; l++)
					grad[1 + l] += d * x[i + (Size) l * n];
			}
		}
	}
	return mt - mw;
}

/* Puts theta (k + 1) into the ball of the given radius. */
static void
SigmoidProject(double *theta, int k, double radius)
{
	double		nrm = 0.0;

	for (int l = 0; l <= k; l++)
		nrm += theta[l] * theta[l];
	nrm = sqrt(nrm);
	if (nrm > radius)
		for (int l = 0; l <= k; l++)
			theta[l] *= radius / nrm;
}

/* The adversary: each discriminator climbs |gap| against the weights w. */
static void
SigmoidAscend(const IpmSigmoidProblem *p, double *theta, const double *w)
{
	int			k = p->k;
	double	   *g = palloc(sizeof(double) * (k + 1));

	for (int j = 0; j < p->M; j++)
	{
		double	   *th = theta + (Size) j * (k + 1);

		CHECK_FOR_INTERRUPTS();
		for (int s = 0; s < p->steps; s++)
		{
			double		gap = SigmoidGap(p, th, w, g),
						ng = 0.0,
						eta;

			for (int l = 0; l <= k; l++)
				ng += g[l] * g[l];
			ng = sqrt(ng);
			if (!(ng > 0.0))
				break;
			eta = SIGMOID_STEP / sqrt(s + 1.0) * (gap < 0.0 ? -1.0 : 1.0) / ng;
			for (int l = 0; l <= k; l++)
				th[l] += eta * g[l];
			SigmoidProject(th, k, p->radius);
		}
	}
	pfree(g);
}

static double
SigmoidMaxGap(const IpmSigmoidProblem *p, const double *theta, const double *w)
{
	double		mx = 0.0;

	for (int j = 0; j < p->M; j++)
		mx = Max(mx, fabs(SigmoidGap(p, theta + (Size) j * (p->k + 1), w, NULL)));
	return mx;
}

/* Features sigmoid(theta_j'x_i)/sqrt(M) of the group (n x M floats) and the target's mean feature. */
static void
SigmoidFeatures(const IpmSigmoidProblem *p, const double *theta, float *phi, double *target)
{
	int			k = p->k,
				M = p->M;
	double		scale = 1.0 / sqrt((double) M);

	for (int j = 0; j < M; j++)
	{
		const double *th = theta + (Size) j * (k + 1);
		double		s = 0.0;

		CHECK_FOR_INTERRUPTS();
		for (int pass = 0; pass < 2; pass++)
		{
			const double *x = pass == 0 ? p->target_x : p->x;
			int			n = pass == 0 ? p->ntarget : p->n;

			for (int i = 0; i < n; i++)
			{
				double		t = th[0],
							f;

				for (int l = 0; l < k; l++)
					t += th[1 + l] * x[i + (Size) l * n];
				f = scale / (1.0 + exp(-t));
				if (pass == 0)
					s += f;
				else
					phi[(Size) i * M + j] = (float) f;
			}
		}
		target[j] = s / p->ntarget;
	}
}

void
ipm_sigmoid_solve(const IpmSigmoidProblem *p, double *w, IpmReport *rep)
{
	CausalRandom rng;
	int			k = p->k,
				M = p->M,
				m = p->n,
				i;
	Size		tsize = sizeof(double) * (Size) M * (k + 1);
	double	   *theta0 = palloc(tsize),
			   *theta = palloc(tsize),
			   *th = palloc(tsize),
			   *uniform = palloc(sizeof(double) * m),
			   *target = palloc(sizeof(double) * M);
	float	   *phi = palloc_extended(sizeof(float) * (Size) m * M, MCXT_ALLOC_HUGE);
	int		   *rows = palloc(sizeof(int) * m);
	IpmMmdProblem mp;
	IpmReport	inner;

	memset(&mp, 0, sizeof(mp));
	random_seed(&rng, p->seed);
	for (int j = 0; j < M; j++)
	{
		for (int l = 0; l <= k; l++)
			theta0[(Size) j * (k + 1) + l] = random_normal(&rng);
		SigmoidProject(theta0 + (Size) j * (k + 1), k, p->radius);
	}
	for (i = 0; i < m; i++)
	{
		uniform[i] = 1.0 / m;
		rows[i] = i;
	}
	memcpy(th, theta0, tsize);
	SigmoidAscend(p, th, uniform);
	rep->ipm_before = SigmoidMaxGap(p, th, uniform);

	memcpy(theta, theta0, tsize);
	mp.n = m;
	mp.rows = rows;
	mp.D = M;
	mp.phi = phi;
	mp.target = target;
	mp.tau = p->tau;
	mp.tol = p->tol;
	mp.max_iter = p->max_iter;
	rep->iterations = 0;
	rep->converged = true;
	for (int r = 0; r <= p->rounds; r++)
	{
		if (r > 0)
			SigmoidAscend(p, theta, w);
		SigmoidFeatures(p, theta, phi, target);
		ipm_mmd_solve(&mp, w, &inner);
		rep->iterations += inner.iterations;
		rep->converged = inner.converged;
	}
	memcpy(th, theta0, tsize);
	SigmoidAscend(p, th, w);
	rep->ipm_after = Max(SigmoidMaxGap(p, th, w), SigmoidMaxGap(p, theta, w));
	pfree(theta0);
	pfree(theta);
	pfree(th);
	pfree(uniform);
	pfree(target);
	pfree(phi);
	pfree(rows);
}

/* ---- binned sliced energy through the MMD dual ---------------------------- */

/*
 * The sliced energy distance with each direction's CDFs read on a grid:
 * cut points t_1 <= ... <= t_{B-1} at the pooled (group and target)
 * projections' quantiles q/B, and
 *
 *	 E(w) = (2/L) sum_l sum_q D_lq (F_w,l(t_lq) - G_l(t_lq))^2,
 *
 * D_lq = (t_{q+1} - t_{q-1})/2 (t_0 and t_B the pooled minimum and maximum),
 * a Riemann sum of the integral 2 int (F_w - G)^2 dt.  That is
 * ||Phi'w - mu||^2 for the step features sqrt(2 D_lq / L) 1[d_l'x <= t_lq],
 * so with a KL penalty it is the MMD problem above, solved through the same
 * dual; a row enters only through its bin per direction, so a pass costs
 * O(n L) and memory is n L bin numbers.  The exact sliced objective of
 * ipm_sliced_solve is what this approximates; it needs thousands of
 * first-order steps on large groups, this a few hundred evaluations.
 */

void
ipm_binned_solve(const IpmSlicedProblem *p, double *w, IpmReport *rep)
{
	int			m = p->n,
				nt = p->ntarget,
				k = p->k,
				L = p->slices,
				B = p->bins,
				Q1 = B - 1,
				N = m + nt;
	double	   *dir = palloc(sizeof(double) * (Size) L * k),
			   *proj = palloc_extended(sizeof(double) * (Size) N, MCXT_ALLOC_HUGE),
			   *sorted = palloc_extended(sizeof(double) * (Size) N, MCXT_ALLOC_HUGE),
			   *cut = palloc(sizeof(double) * (B + 1)),
			   *scale = palloc(sizeof(double) * (Size) L * Q1),
			   *target = palloc0(sizeof(double) * (Size) L * Q1),
			   *count = palloc(sizeof(double) * B);
	uint16	   *rank;
	int		   *rows = palloc(sizeof(int) * m);
	IpmMmdProblem mp;

	if ((double) m * L * sizeof(uint16) + (double) L * B * 4 * sizeof(double) >
		(double) causal_max_memory_kb * 1024)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("sliced energy balancing on a grid: %d rows x %d slices need more memory than causal.max_memory", m, L),
				 errhint("Use fewer slices or bins, or have a superuser raise causal.max_memory.")));
	rank = palloc_extended(sizeof(uint16) * (Size) m * L, MCXT_ALLOC_HUGE);
	SliceDirections(p, dir);
	for (int l = 0; l < L; l++)
	{
		CHECK_FOR_INTERRUPTS();
		for (int i = 0; i < N; i++)
			proj[i] = SliceProject(p, dir, l, i);
		memcpy(sorted, proj, sizeof(double) * N);
		qsort(sorted, N, sizeof(double), compare_double);
		memset(count, 0, sizeof(double) * B);
		cut[0] = sorted[0];
		cut[B] = sorted[N - 1];
		for (int q = 1; q < B; q++)
			cut[q] = sorted[(Size) ((double) N * q / B)];
		for (int q = 1; q < B; q++)
			scale[(Size) l * Q1 + q - 1] = sqrt(2.0 * 0.5 * (cut[q + 1] - cut[q - 1]) / L);
		/* bin of a point: the number of cut points below it, by bisection */
		for (int i = 0; i < N; i++)
		{
			int			lo = 0,
						hi = Q1;	/* answer in [lo, hi] */

			while (lo < hi)
			{
				int			mid = (lo + hi + 1) / 2;

				if (cut[mid] < proj[i])
					lo = mid;
				else
					hi = mid - 1;
			}
			if (i < m)
				rank[(Size) i * L + l] = (uint16) lo;
			else
				count[lo] += 1.0;
		}
		/* the target's CDF at t_q: the share of its points with bin < q */
		{
			double		cum = 0.0;

			for (int q = 1; q <= Q1; q++)
			{
				cum += count[q - 1];
				target[(Size) l * Q1 + q - 1] = scale[(Size) l * Q1 + q - 1] * cum / nt;
			}
		}
	}
	for (int i = 0; i < m; i++)
		rows[i] = i;
	memset(&mp, 0, sizeof(mp));
	mp.n = m;
	mp.rows = rows;
	mp.D = L * Q1;
	mp.target = target;
	mp.tau = p->lambda;
	mp.tol = p->tol;
	mp.max_iter = p->max_iter;
	mp.rank = rank;
	mp.slices = L;
	mp.bins = B;
	mp.scale = scale;
	ipm_mmd_solve(&mp, w, rep);
	pfree(dir);
	pfree(proj);
	pfree(sorted);
	pfree(cut);
	pfree(scale);
	pfree(target);
	pfree(count);
	pfree(rank);
	pfree(rows);
}
