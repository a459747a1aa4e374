/*
 * malts.c
 *		MALTS (Parikh, Rudin and Volfovsky, "MALTS: Matching After Learning to
 *		Stretch", JMLR 2022).
 *
 * Distance: d_M(x, x') = sum over continuous j of (M_j (x_j - x'_j))^2 plus
 * sum over discrete j of M_j^2 1[x_j != x'_j], with a stretch M >= 0.  The
 * continuous covariates enter standardized (divided by their sample SD), so
 * that the start M = 1 weighs every covariate alike whatever its units and
 * COBYLA's unit first step means the same for all; the stretch per raw unit
 * is M_j / sd_j.
 *
 * Learning (per fold, on the fold's rows or a random sample of them per
 * arm, options.learn_rows): minimize, within each arm, the
 * squared error of predicting each unit's outcome by the mean outcome of its
 * k nearest other units of the same arm, plus C ||M||^2, over M >= 0, from
 * M = 1, by COBYLA (NLopt's; the authors use scipy's), as the objective is
 * piecewise constant in M; with restarts (LearnStretch).
 *
 * Estimation (per fold, on all rows outside the fold): for each unit, its
 * k_est nearest treated and k_est nearest control units (itself included in
 * its own arm); ridge regressions (alpha 1, unpenalized intercept, as
 * scikit-learn's Ridge) of the outcome on the covariates in each matched
 * group; the unit's CATE is the treated fit minus the control fit at its
 * covariates.  A unit's CATE is the mean over the folds that estimated it,
 * its cate_sd their standard deviation.  Ties in distance go to the earlier
 * row.  The neighbours come from a k-d tree (knn_tree.c): exact by default,
 * cheap where the stretch leaves few directions that matter and at worst a
 * scan of the arm; approximate with a budget per search (options.max_checks).
 * Written here: no library offers metric learning of this form; NLopt does
 * the derivative-free search.
 */
#include "postgres.h"

#include <math.h>
#include <nlopt.h>

#include "miscadmin.h"

#include "core/linalg.h"
#include "core/settings.h"
#include "estimate/matching/knn_tree.h"
#include "estimate/matching/malts.h"

/* Units per fold whose approximate neighbours are checked against exact ones. */
#define RECALL_QUERIES 50
/* Exact searches per fold and arm after which MALTS may switch from the tree to a scan. */
#define SCAN_PROBES 32

/*
 * The training rows of a fold per arm with their squared covariate
 * differences per pair (the 1[x != x'] indicators for discrete covariates),
 * so that an evaluation of the objective is one matrix-vector product for
 * all pairwise distances.
 */
typedef struct TrainCache
{
	int			m[2];
	int		   *rows[2];
	double	   *delta[2];		/* m(m-1)/2 pairs x p, pair after pair (i < j, row-major) */
	double	   *dist;			/* m x m work matrix of the larger arm */
} TrainCache;

static void
BuildCache(const MaltsProblem *p, const bool *in, TrainCache *c)
{
	int			mmax = 0;
	Size		need = 0;

	/* the pair differences of a training fold are held in memory: check the size first */
	for (int arm = 0; arm <= 1; arm++)
	{
		Size		m = 0;

		for (int i = 0; i < p->n; i++)
			m += in[i] && p->treat[i] == arm;
		need += sizeof(double) * (m * (m - 1) / 2 * p->p + m * m);
	}
	if (need > (Size) causal_max_memory_kb * 1024)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("causal.malts: learning the stretch on a fold of this size needs %zu MB, more than causal.max_memory",
						need >> 20),
				 errhint("Learning is quadratic in the fold size: learn on a sample of each fold (options => '{\"learn_rows\": 2000}'), use more folds (n_folds), or have a superuser raise causal.max_memory.")));

	for (int arm = 0; arm <= 1; arm++)
	{
		int			m = 0;
		Size		pairs;
		double	   *d;

		c->rows[arm] = palloc(sizeof(int) * Max(p->n, 1));
		for (int i = 0; i < p->n; i++)
			if (in[i] && p->treat[i] == arm)
				c->rows[arm][m++] = i;
		c->m[arm] = m;
		mmax = Max(mmax, m);
		pairs = (Size) m * (m - 1) / 2;
		d = c->delta[arm] = palloc_extended(sizeof(double) * Max(pairs * p->p, 1), MCXT_ALLOC_HUGE);
		for (int a = 0; a < m; a++)
			for (int b = a + 1; b < m; b++)
			{
				for (int j = 0; j < p->p; j++)
				{
					double		xa = p->x[c->rows[arm][a] + (Size) j * p->n],
								xb = p->x[c->rows[arm][b] + (Size) j * p->n];

					d[j] = p->discrete[j] ? (double) (xa != xb) : (xa - xb) * (xa - xb);
				}
				d += p->p;
			}
	}
	c->dist = palloc_extended(sizeof(double) * Max((Size) mmax * mmax, 1), MCXT_ALLOC_HUGE);
}

static void
FreeCache(TrainCache *c)
{
	for (int arm = 0; arm <= 1; arm++)
	{
		pfree(c->rows[arm]);
		pfree(c->delta[arm]);
	}
	pfree(c->dist);
}

/* The training objective from the cache. */
static double
CachedObjective(const MaltsProblem *p, TrainCache *c, const double *m)
{
	double	   *m2 = palloc(sizeof(double) * p->p),
			   *nd = palloc(sizeof(double) * p->k),
				loss = 0.0;
	int		   *nn = palloc(sizeof(int) * p->k);

	for (int j = 0; j < p->p; j++)
	{
		m2[j] = m[j] * m[j] * p->scale[j] * p->scale[j];
		loss += p->C * m[j] * m[j];
	}
	for (int arm = 0; arm <= 1; arm++)
	{
		int			cnt = c->m[arm];
		const double *d = c->delta[arm];
		double	   *dist = c->dist;

		/* all pairwise stretched distances */
		for (int a = 0; a < cnt; a++)
		{
			/*
			 * O(cnt^2 p) per evaluation: a pending cancel ends it early (the
			 * value is then meaningless; every caller raises the interrupt).
			 */
			if (QueryCancelPending || ProcDiePending)
				return 0.0;
			for (int b = a + 1; b < cnt; b++)
			{
				double		s = 0.0;

				for (int j = 0; j < p->p; j++)
					s += d[j] * m2[j];
				d += p->p;
				dist[a + (Size) b * cnt] = dist[b + (Size) a * cnt] = s;
			}
		}
		for (int a = 0; a < cnt; a++)
		{
			const double *row = dist + (Size) a * cnt;
			int			got = 0;
			double		mean = 0.0;

			/* the k nearest others by (distance, row order) */
			for (int b = 0; b < cnt; b++)
			{
				int			pos;

				if (b == a || (got == p->k && (row[b] > nd[got - 1] || (row[b] == nd[got - 1] && b > nn[got - 1]))))
					continue;
				pos = got < p->k ? got++ : p->k - 1;
				while (pos > 0 && (nd[pos - 1] > row[b] || (nd[pos - 1] == row[b] && nn[pos - 1] > b)))
				{
					nd[pos] = nd[pos - 1];
					nn[pos] = nn[pos - 1];
					pos--;
				}
				nd[pos] = row[b];
				nn[pos] = b;
			}
			if (got == 0)
				continue;
			for (int b = 0; b < got; b++)
				mean += p->y[c->rows[arm][nn[b]]] / got;
			loss += (p->y[c->rows[arm][a]] - mean) * (p->y[c->rows[arm][a]] - mean);
		}
	}
	pfree(m2);
	pfree(nd);
	pfree(nn);
	return loss;
}

double
malts_objective(const MaltsProblem *p, const bool *in, const double *m)
{
	TrainCache	c;
	double		v;

	BuildCache(p, in, &c);
	v = CachedObjective(p, &c, m);
	CHECK_FOR_INTERRUPTS();
	FreeCache(&c);
	return v;
}

typedef struct Learn
{
	const MaltsProblem *p;
	TrainCache *cache;
	nlopt_opt	opt;
	int			evaluations;
	bool		cancelled;
} Learn;

static double
LearnObjective(unsigned np, const double *m, double *grad, void *data)
{
	Learn	   *l = data;
	double		v;

	/* a cancel stops the optimizer; CHECK_FOR_INTERRUPTS afterwards raises it */
	if (QueryCancelPending || ProcDiePending)
	{
		l->cancelled = true;
		nlopt_force_stop(l->opt);
		return 0.0;
	}
	l->evaluations++;
	v = CachedObjective(l->p, l->cache, m);
	if (QueryCancelPending || ProcDiePending)
	{
		l->cancelled = true;
		nlopt_force_stop(l->opt);
	}
	return v;
}

/* One COBYLA run on the training objective of fold f from m (updated in place), M >= 0. */
static double
CobylaRun(const MaltsProblem *p, TrainCache *cache, int f, double *m, double step, int max_eval,
		  int *evaluations, bool *converged)
{
	Learn		l;
	double	   *lb = palloc0(sizeof(double) * p->p),
				fval;
	volatile nlopt_result rc = NLOPT_SUCCESS;

	memset(&l, 0, sizeof(l));
	l.p = p;
	l.cache = cache;
	l.opt = nlopt_create(NLOPT_LN_COBYLA, p->p);
	if (l.opt == NULL)
		elog(ERROR, "could not create an NLopt optimizer");
	PG_TRY();
	{
		nlopt_set_min_objective(l.opt, LearnObjective, &l);
		nlopt_set_lower_bounds(l.opt, lb);
		nlopt_set_initial_step1(l.opt, step);
		nlopt_set_xtol_rel(l.opt, 1e-4);
		nlopt_set_maxeval(l.opt, max_eval);
		rc = nlopt_optimize(l.opt, m, &fval);
	}
	PG_FINALLY();
	{
		nlopt_destroy(l.opt);
	}
	PG_END_TRY();
	CHECK_FOR_INTERRUPTS();
	if (rc < 0 && rc != NLOPT_ROUNDOFF_LIMITED)
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("MALTS: the optimizer failed on fold %d (NLopt code %d)", f + 1, (int) rc)));
	*evaluations += l.evaluations;
	*converged = rc == NLOPT_XTOL_REACHED || rc == NLOPT_FTOL_REACHED || rc == NLOPT_SUCCESS;
	pfree(lb);
	return fval;
}

/*
 * Learns the stretch of fold f: COBYLA from M = 1 with a first step of 1
 * (scipy's rhobeg, the authors' setting), then restarts from the solution
 * with a step of half its largest entry while a restart improves the
 * objective (at most 3 restarts).  The objective is piecewise constant in
 * M, and COBYLA's trust region often collapses on a plateau early; a restart
 * lets it probe again, mostly shrinking the stretch of covariates that do
 * not predict the outcome.
 */
static void
LearnStretch(const MaltsProblem *p, const bool *in, int f, double *m, int *evaluations, bool *converged)
{
	double		best,
				mx = 0.0;
	double	   *trial = palloc(sizeof(double) * p->p);
	TrainCache	cache;

	BuildCache(p, in, &cache);
	*evaluations = 0;
	best = CobylaRun(p, &cache, f, m, 1.0, p->max_eval, evaluations, converged);
	for (int round = 0; round < 3 && *evaluations < p->max_eval; round++)
	{
		double		val;
		bool		conv;

		mx = 0.0;
		for (int j = 0; j < p->p; j++)
			mx = Max(mx, m[j]);
		if (!(mx > 0))
			break;
		memcpy(trial, m, sizeof(double) * p->p);
		val = CobylaRun(p, &cache, f, trial, mx / 2, p->max_eval - *evaluations, evaluations, &conv);
		if (!(val < best))
			break;
		best = val;
		*converged = conv;
		memcpy(m, trial, sizeof(double) * p->p);
	}

	/*
	 * Pruning: setting a covariate's stretch to zero, smallest first, is kept
	 * when it lowers the objective.  The loss is flat in a stretch near zero
	 * (a nearly ignored covariate hardly changes the neighbours), so COBYLA
	 * stops with small but non-zero stretches on covariates that do not
	 * predict the outcome; this exact test removes them when they only add
	 * noise to the neighbourhoods.  Every accepted move lowers the objective.
	 */
	best = CachedObjective(p, &cache, m);
	CHECK_FOR_INTERRUPTS();
	for (bool changed = true; changed;)
	{
		int		   *order = palloc(sizeof(int) * p->p);
		int			cnt = 0;

		changed = false;
		for (int j = 0; j < p->p; j++)
			if (m[j] > 0)
				order[cnt++] = j;
		/* insertion sort by stretch, ascending */
		for (int a = 1; a < cnt; a++)
			for (int b = a; b > 0 && m[order[b]] < m[order[b - 1]]; b--)
			{
				int			t = order[b];

				order[b] = order[b - 1];
				order[b - 1] = t;
			}
		for (int a = 0; a < cnt; a++)
		{
			double		keep = m[order[a]],
						val;

			CHECK_FOR_INTERRUPTS();
			m[order[a]] = 0.0;
			val = CachedObjective(p, &cache, m);
			CHECK_FOR_INTERRUPTS();
			(*evaluations)++;
			if (val < best)
			{
				best = val;
				changed = true;
			}
			else
				m[order[a]] = keep;
		}
		pfree(order);
	}
	FreeCache(&cache);
	pfree(trial);
	if (causal_progress)
		ereport(NOTICE,
				(errmsg("MALTS: fold %d of %d: stretch learned (%d objective evaluations, %s)",
						f + 1, p->nfolds, *evaluations, *converged ? "converged" : "not converged")));
}

/*
 * Ridge (alpha 1, intercept unpenalized) of y on x over m matched units,
 * predicted at xi: g holds their covariates (m x q, column-major, gathered
 * from the search tree's contiguous copy so that the sums below read memory
 * in order), yv their outcomes.
 */
static double
RidgePredict(int q, const double *g, const double *yv, int m, const double *xi,
			 double *a, double *b, double *mean)
{
	double		ym = 0.0,
				pred;

	for (int j = 0; j < q; j++)
	{
		mean[j] = 0.0;
		for (int r = 0; r < m; r++)
			mean[j] += g[r + (Size) j * m] / m;
	}
	for (int r = 0; r < m; r++)
		ym += yv[r] / m;
	for (int j = 0; j < q; j++)
	{
		const double *gj = g + (Size) j * m;

		b[j] = 0.0;
		for (int l = 0; l <= j; l++)
		{
			const double *gl = g + (Size) l * m;
			double		s = 0.0;

			for (int r = 0; r < m; r++)
				s += (gj[r] - mean[j]) * (gl[r] - mean[l]);
			a[j + l * q] = a[l + j * q] = s;
		}
		a[j + j * q] += 1.0;
		for (int r = 0; r < m; r++)
			b[j] += (gj[r] - mean[j]) * (yv[r] - ym);
	}
	if (!linalg_solve(q, a, b))
		elog(ERROR, "MALTS: ridge system singular");	/* cannot happen: alpha > 0 */
	pred = ym;
	for (int j = 0; j < q; j++)
		pred += (xi[j] - mean[j]) * b[j];
	return pred;
}

/*
 * How many of the got rows found (approximately) for query xi are among the
 * exact nearest: the recall MALTS reports for a search budget.
 */
static int64
SharedRows(const KnnTree *t, KnnScratch *h, const double *xi, const int *found, int got,
		   int *exact, double *nd, bool *mark)
{
	int			m = knn_search(t, h, xi, got, 0, exact, nd, NULL, NULL);
	int64		hits = 0;

	for (int e = 0; e < m; e++)
		mark[exact[e]] = true;
	for (int e = 0; e < got; e++)
		hits += mark[found[e]];
	for (int e = 0; e < m; e++)
		mark[exact[e]] = false;
	return hits;
}

/*
 * The rows a fold's stretch is learned on: the fold's rows, or with
 * learn_rows the first learn_rows of each arm in a seeded shuffle (a simple
 * random sample of the arm; the training objective's cost and memory are
 * quadratic in it).
 */
static void
LearnRows(const MaltsProblem *p, const bool *in, bool *learn)
{
	for (int i = 0; i < p->n; i++)
		learn[i] = in[i] && (p->learn_rows <= 0 || p->learn_rank == NULL || p->learn_rank[i] < p->learn_rows);
}

void
malts_fit(const MaltsProblem *p, MaltsResult *r)
{
	int			n = p->n,
				q = p->p;
	bool	   *in = palloc(sizeof(bool) * n),
			   *learn = palloc(sizeof(bool) * n);
	int		   *est = palloc(sizeof(int) * p->k_est),
			   *arm_rows[2],
				narm[2],
			   *nfold_est = palloc0(sizeof(int) * n);
	double	   *nd = palloc(sizeof(double) * p->k_est),
			   *xi = palloc(sizeof(double) * q),
			   *m2 = palloc(sizeof(double) * q),
			   *a = palloc(sizeof(double) * q * q),
			   *b = palloc(sizeof(double) * q),
			   *mean = palloc(sizeof(double) * q),
			   *sum = palloc0(sizeof(double) * n),
			   *sum2 = palloc0(sizeof(double) * n);
	KnnTree    *tree[2];
	KnnScratch *scratch = knn_scratch_create(q);
	int		   *exact = palloc(sizeof(int) * p->k_est),
			   *slots = palloc(sizeof(int) * p->k_est);
	double	   *g = palloc(sizeof(double) * (Size) p->k_est * q),
			   *yv = palloc(sizeof(double) * p->k_est);
	double	   *nd_exact = palloc(sizeof(double) * p->k_est);
	bool	   *mark = palloc0(sizeof(bool) * n);
	Size		need;
	int			nq,
				stride,
				probes[2];
	bool		scan[2];
	int64		probe_checks[2];
	int64		total_checks = 0,
				searches = 0,
				recall_hits = 0,
				recall_of = 0;

	arm_rows[0] = palloc(sizeof(int) * n);
	arm_rows[1] = palloc(sizeof(int) * n);
	for (int f = 0; f < p->nfolds; f++)
	{
		double	   *m = r->stretch + (Size) f * q;

		for (int i = 0; i < n; i++)
			in[i] = p->fold[i] == f;
		for (int j = 0; j < q; j++)
			m[j] = p->fixed_stretch ? p->fixed_stretch[j] : 1.0;
		r->evaluations[f] = 0;
		r->converged[f] = true;
		LearnRows(p, in, learn);
		if (p->fixed_stretch == NULL)
			LearnStretch(p, learn, f, m, &r->evaluations[f], &r->converged[f]);
		r->objective[f] = malts_objective(p, learn, m);

		/* estimation on the rows outside the fold */
		for (int j = 0; j < q; j++)
			m2[j] = m[j] * m[j] * p->scale[j] * p->scale[j];
		narm[0] = narm[1] = 0;
		for (int i = 0; i < n; i++)
			if (!in[i])
			{
				int			t = p->treat[i] == 1.0;

				arm_rows[t][narm[t]++] = i;
			}
		if (narm[0] == 0 || narm[1] == 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("MALTS: the rows outside fold %d lack treated or control units", f + 1),
					 errhint("Use fewer folds, or more rows.")));
		need = knn_tree_bytes(narm[0], q) + knn_tree_bytes(narm[1], q);
		if (need > (Size) causal_max_memory_kb * 1024)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("causal.malts: the neighbour search over the %d rows outside fold %d needs %zu MB, more than causal.max_memory",
							narm[0] + narm[1], f + 1, need >> 20),
					 errhint("Have a superuser raise causal.max_memory, or estimate on fewer covariates.")));
		for (int t = 0; t <= 1; t++)
			tree[t] = knn_build(narm[t], q, arm_rows[t], p->x, (Size) n, m2, p->discrete);
		for (int t = 0; t <= 1; t++)
		{
			scan[t] = false;
			probes[t] = 0;
			probe_checks[t] = 0;
		}
		stride = Max(1, (narm[0] + narm[1]) / RECALL_QUERIES);
		nq = 0;
		for (int i = 0; i < n; i++)
		{
			double		fit[2];

			if (in[i])
				continue;
			if ((i & 63) == 0)
				CHECK_FOR_INTERRUPTS();
			for (int j = 0; j < q; j++)
				xi[j] = p->x[i + (Size) j * n];
			for (int t = 0; t <= 1; t++)
			{
				int64		checks;
				int			got;

				/*
				 * Exact search: the tree, unless its first searches compared
				 * the unit with more than a quarter of the arm (then a plain
				 * scan is cheaper; both give the same neighbours).
				 */
				if (scan[t])
					got = knn_scan(tree[t], xi, p->k_est, est, nd, slots, &checks);
				else
					got = knn_search(tree[t], scratch, xi, p->k_est, p->max_checks, est, nd, slots, &checks);
				if (p->max_checks == 0 && ++probes[t] <= SCAN_PROBES)
				{
					probe_checks[t] += checks;
					scan[t] = probes[t] == SCAN_PROBES && probe_checks[t] > (int64) SCAN_PROBES * narm[t] / 4;
				}
				total_checks += checks;
				searches++;
				if (p->max_checks > 0 && nq % stride == 0)
				{
					recall_hits += SharedRows(tree[t], scratch, xi, est, got, exact, nd_exact, mark);
					recall_of += got;
				}
				for (int e = 0; e < got; e++)
				{
					const double *pt = knn_point(tree[t], slots[e]);

					for (int j = 0; j < q; j++)
						g[e + (Size) j * got] = pt[j];
					yv[e] = p->y[est[e]];
				}
				fit[t] = RidgePredict(q, g, yv, got, xi, a, b, mean);
			}
			nq++;
			sum[i] += fit[1] - fit[0];
			sum2[i] += (fit[1] - fit[0]) * (fit[1] - fit[0]);
			nfold_est[i]++;
		}
		for (int t = 0; t <= 1; t++)
			knn_free(tree[t]);
	}
	for (int i = 0; i < n; i++)
	{
		int			c = nfold_est[i];

		r->cate[i] = c > 0 ? sum[i] / c : NAN;
		r->cate_sd[i] = c > 1 ? sqrt(Max(sum2[i] - sum[i] * sum[i] / c, 0.0) / (c - 1)) : NAN;
	}
	r->mean_checks = searches > 0 ? (double) total_checks / searches : 0.0;
	r->recall = recall_of > 0 ? (double) recall_hits / recall_of : NAN;
	knn_scratch_free(scratch);
}

void
malts_learn_stretch(const MaltsProblem *p, double *stretch)
{
	bool	   *in = palloc(sizeof(bool) * Max(p->n, 1)),
			   *learn = palloc(sizeof(bool) * Max(p->n, 1));
	double	   *m = palloc(sizeof(double) * p->p);

	for (int j = 0; j < p->p; j++)
		stretch[j] = 0.0;
	for (int f = 0; f < p->nfolds; f++)
	{
		int			evaluations;
		bool		converged;

		for (int i = 0; i < p->n; i++)
			in[i] = p->fold[i] == f;
		for (int j = 0; j < p->p; j++)
			m[j] = 1.0;
		LearnRows(p, in, learn);
		LearnStretch(p, learn, f, m, &evaluations, &converged);
		for (int j = 0; j < p->p; j++)
			stretch[j] += m[j] / p->nfolds;
	}
	pfree(in);
	pfree(learn);
	pfree(m);
}
