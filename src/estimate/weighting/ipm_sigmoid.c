/*
 * ipm_sigmoid.c
 *		Covariate balancing against the parametric sigmoid discriminators of
 *		Kong et al. (ICML 2023), a saddle problem.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "core/random.h"
#include "estimate/weighting/ipm.h"

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
