/*
 * malts.h
 *		MALTS: matching after learning to stretch (Parikh, Rudin and
 *		Volfovsky, JMLR 2022).
 */
#ifndef CAUSAL_MALTS_H
#define CAUSAL_MALTS_H

typedef struct MaltsProblem
{
	int			n;
	int			p;
	const double *x;			/* n x p, column-major */
	const bool *discrete;		/* p: compared by equality, else by difference */
	const double *y;
	const double *treat;		/* 0/1 */
	const int  *fold;			/* 0..nfolds-1 */
	int			nfolds;
	int			k;				/* neighbours in the training objective */
	int			k_est;			/* neighbours per arm in estimation */
	double		C;				/* penalty on ||M||^2 */
	const double *scale;		/* p: distances use (M_j scale_j)^2 (1 / sd for continuous) */
	const double *fixed_stretch;	/* p (standardized), or NULL to learn the stretch per fold */
	int			max_eval;
	const int  *learn_rank;		/* n: a row's place in a seeded shuffle of its fold and arm, or NULL */
	int			learn_rows;		/* learn on the rows of learn_rank < learn_rows (0: the whole fold) */
	int64		max_checks;		/* distances per neighbour search, 0 for exact search */
} MaltsProblem;

typedef struct MaltsResult
{
	double	   *cate;			/* n: mean over the folds that estimated the unit */
	double	   *cate_sd;		/* n: their standard deviation (NaN with one fold) */
	double	   *stretch;		/* nfolds x p, fold after fold, in standardized units */
	double	   *objective;		/* nfolds: training objective at the stretch */
	int		   *evaluations;	/* nfolds */
	bool	   *converged;		/* nfolds */
	double		mean_checks;	/* distances computed per neighbour search */
	double		recall;			/* share of exact neighbours found (max_checks > 0), else NaN */
} MaltsResult;

/* Learns a stretch on each fold, matches and estimates on the other folds. */
extern void malts_fit(const MaltsProblem *p, MaltsResult *r);

/*
 * Learns the stretch on each fold as malts_fit does and writes the mean over
 * folds (in standardized units, like MaltsResult.stretch) into stretch.
 */
extern void malts_learn_stretch(const MaltsProblem *p, double *stretch);

/* Folds 0..nfolds-1 stratified by treatment: each arm shuffled with the seed, dealt round-robin. */
extern void malts_stratified_folds(const double *treat, int n, int nfolds, int64 seed, int *fold);

/* The training objective of MALTS at stretch m on the rows with in[i] (for tests). */
extern double malts_objective(const MaltsProblem *p, const bool *in, const double *m);

#endif
