/*
 * ipm_mmd.c
 *		Covariate balancing by an integral probability metric (Kong, Park,
 *		Jung, Lee and Kim, ICML 2023), the Gaussian-kernel MMD class:
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
 */
#include "postgres.h"

#include <math.h>
#include <nlopt.h>

#include "miscadmin.h"

#include "core/linalg.h"
#include "estimate/weighting/ipm.h"

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
		linalg_gemv_mn(true, D, nb, -1.0, d->block, l, 0.0, e);
		for (i = 0; i < nb; i++)
			bmx = Max(bmx, e[i]);
		if (bmx > mx)
		{
			double		r = exp(mx - bmx);	/* 0 for the first block */

			sum *= r;
			linalg_scale(D, r, d->s);
			mx = bmx;
		}
		for (i = 0; i < nb; i++)
		{
			d->a[i] = exp(e[i] - mx);
			sum += d->a[i];
		}
		linalg_gemv_mn(false, D, nb, 1.0, d->block, d->a, 1.0, d->s);
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
