/*
 * ipm.h
 *		Integral-probability-metric balancing weights: MMD through random
 *		Fourier features, and the energy distance.
 */
#ifndef CAUSAL_IPM_H
#define CAUSAL_IPM_H

typedef struct IpmReport
{
	double		ipm_before;		/* the metric at uniform weights */
	double		ipm_after;		/* and at the solution */
	int			iterations;
	bool		converged;
} IpmReport;

typedef struct IpmMmdProblem
{
	int			n;				/* rows of the group to reweight */
	const int  *rows;			/* their indices into phi */
	int			D;				/* features */
	const float *phi;			/* features of all rows, row-major */
	/*
	 * Binned sliced-energy features instead of phi (when rank is not NULL):
	 * feature (l, q), q = 1..bins-1, of row i is scale[l (bins-1) + q-1]
	 * when rank[i L + l] < q, else 0; D = L (bins - 1).
	 */
	const uint16 *rank;			/* n x L bin of each group row per slice */
	int			slices;
	int			bins;
	const double *scale;		/* L x (bins - 1) */
	const double *target;		/* D: the target's mean feature */
	double		tau;			/* KL penalty */
	double		tol;			/* relative tolerance on the dual variables */
	int			max_iter;		/* function evaluations */
} IpmMmdProblem;

typedef struct IpmEnergyProblem
{
	int			n;				/* rows of the group to reweight */
	int			k;				/* covariates */
	const double *x;			/* n x k, column-major, standardized */
	int			ntarget;
	const double *target_x;		/* ntarget x k, column-major */
	double		lambda;			/* ridge penalty on the weights */
	double		tol;
	int			max_iter;
} IpmEnergyProblem;

typedef struct IpmSlicedProblem
{
	int			n;				/* rows of the group to reweight */
	int			k;				/* covariates */
	const double *x;			/* n x k, column-major, standardized */
	int			ntarget;
	const double *target_x;		/* ntarget x k, column-major */
	int			slices;			/* random directions */
	int64		seed;
	double		lambda;
	double		tol;
	int			max_iter;
	bool		polish;			/* exact active-set finish when the m x m matrix fits */
	int			bins;			/* > 0: the binned form, solved through the MMD dual */
} IpmSlicedProblem;

typedef struct IpmSigmoidProblem
{
	int			n;				/* rows of the group to reweight */
	int			k;				/* covariates */
	const double *x;			/* n x k, column-major, standardized */
	int			ntarget;
	const double *target_x;		/* ntarget x k, column-major */
	int			M;				/* sigmoid discriminators */
	int			rounds;			/* adversarial rounds */
	int			steps;			/* ascent steps per discriminator and round */
	double		radius;			/* bound on each discriminator's ||theta|| */
	int64		seed;
	double		tau;			/* KL penalty */
	double		tol;
	int			max_iter;
} IpmSigmoidProblem;

extern void ipm_features(int n, int p, const double *x, int D, double gamma, int64 seed,
						 const int *pos, float *phi);
extern void ipm_mmd_solve(const IpmMmdProblem *p, double *w, IpmReport *rep);
extern void ipm_energy_solve(const IpmEnergyProblem *p, double *w, IpmReport *rep);
extern void ipm_sliced_solve(const IpmSlicedProblem *p, double *w, IpmReport *rep);
extern void ipm_binned_solve(const IpmSlicedProblem *p, double *w, IpmReport *rep);
extern void ipm_sigmoid_solve(const IpmSigmoidProblem *p, double *w, IpmReport *rep);

#endif
