/*
 * balancing_weights.c
 *		causal.balancing_weights(relation, treatment, covariates, id, method,
 *		estimand, moments, options): covariate-balancing weights per row.
 *		Method ebal: entropy balancing (ebal.c).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "core/compare.h"
#include "core/json_options.h"
#include "core/json_out.h"
#include "core/random.h"
#include "core/row_order.h"
#include "core/settings.h"
#include "core/sql_args.h"
#include "core/table_rows.h"
#include "estimate/arm_rows.h"
#include "estimate/estimand.h"
#include "estimate/weighting/balancing.h"
#include "estimate/weighting/ebal.h"
#include "estimate/weighting/ipm.h"


/*
 * Trimming as WeightIt's trim(at = q): within each treatment group, weights
 * above the q-quantile of the group's weights (linear interpolation, R's
 * type 7) are set to that quantile.
 */
void
weights_trim(int n, const double *treat, double *w, double q)
{
	double	   *v = palloc(sizeof(double) * Max(n, 1));

	for (int arm = 0; arm <= 1; arm++)
	{
		int			m = 0;
		double		h,
					cap;

		for (int i = 0; i < n; i++)
			if (treat[i] == arm)
				v[m++] = w[i];
		if (m == 0)
			continue;
		qsort(v, m, sizeof(double), compare_double);
		h = (m - 1) * q;
		cap = v[(int) floor(h)] + (h - floor(h)) * (v[Min((int) floor(h) + 1, m - 1)] - v[(int) floor(h)]);
		for (int i = 0; i < n; i++)
			if (treat[i] == arm && w[i] > cap)
				w[i] = cap;
	}
	pfree(v);
}

/* Whether a column holds only the values 0 and 1 (its square adds no constraint). */
static bool
IsBinary(const double *v, int n)
{
	for (int i = 0; i < n; i++)
		if (v[i] != 0.0 && v[i] != 1.0)
			return false;
	return true;
}

/*
 * Entropy-balancing weights of the rows with treat == arm so that their
 * constraint means equal target; writes weights (mean one) into w.
 */
static void
EbalGroup(const ArmRows *r, const double *cons, int k, int arm,
		  const double *target, double tol, double *w, int *iterations, double *imbalance)
{
	int			m = 0,
				i,
				j,
				rc;
	double	   *c,
			   *wg,
			   *lambda = palloc(sizeof(double) * k),
				imb;
	EbalProblem p;

	for (i = 0; i < r->n; i++)
		m += r->treat[i] == arm;
	c = palloc_extended(sizeof(double) * (Size) m * k, MCXT_ALLOC_HUGE);
	wg = palloc(sizeof(double) * m);
	for (j = 0; j < k; j++)
	{
		int			g = 0;

		for (i = 0; i < r->n; i++)
			if (r->treat[i] == arm)
				c[g++ + (Size) j * m] = cons[i + (Size) j * r->n];
	}
	p.n = m;
	p.k = k;
	p.c = c;
	p.target = target;
	p.tol = tol;
	rc = ebal_solve(&p, wg, lambda, &imb);
	if (rc == -1)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("entropy balancing: the balance constraints are collinear among the %s",
						arm == 1 ? "treated" : "controls"),
				 errhint("A covariate (or its square) is constant in that group or a combination of others; drop it or use moments => 1.")));
	if (rc < 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("entropy balancing found no weights of the %s that match the target moments (largest standardized imbalance %.3g)",
						arm == 1 ? "treated" : "controls", imb),
				 errhint("The target lies outside the %s' covariate range (no overlap); drop or coarsen covariates, use moments => 1, or restrict the sample.",
						 arm == 1 ? "treated" : "controls")));
	*iterations = Max(*iterations, rc);
	*imbalance = Max(*imbalance, imb);
	for (i = 0, j = 0; i < r->n; i++)
		if (r->treat[i] == arm)
			w[i] = wg[j++] * m;
}

/* A numeric option of the options object, or def. */
static double
Option(Jsonb *opts, const char *key, double def, double lo, double hi)
{
	return json_option_number(opts ? &opts->root : NULL, key, def, lo, hi, "causal.weights", NULL);
}

static const char *const balancing_methods[] = {"ebal", "ipm_mmd", "ipm_energy", "ipm_sigmoid", NULL};

/* Rejects option keys a method does not know. */
static void
CheckOptionKeys(Jsonb *opts, const char *method, const char *const *known)
{
	if (opts != NULL && !JB_ROOT_IS_OBJECT(opts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.weights: options must be a JSON object")));
	json_option_check_keys(opts ? &opts->root : NULL, known, "causal.weights", psprintf("method %s", method),
						   "See doc/estimation.md for the options of each method.");
}

/* Standardizes the covariates on the full sample into a new n x p matrix. */
static double *
Standardized(const ArmRows *r)
{
	double	   *z = palloc_extended(sizeof(double) * (Size) r->n * r->p, MCXT_ALLOC_HUGE);

	for (int j = 0; j < r->p; j++)
	{
		double		m = 0.0,
					ss = 0.0,
					sd;

		for (int i = 0; i < r->n; i++)
			m += r->x[j][i] / r->n;
		for (int i = 0; i < r->n; i++)
			ss += (r->x[j][i] - m) * (r->x[j][i] - m);
		sd = sqrt(ss / r->n);
		for (int i = 0; i < r->n; i++)
			z[i + (Size) j * r->n] = (r->x[j][i] - m) / sd;
	}
	return z;
}

/*
 * Median pairwise distance of up to 1000 rows drawn with the seed (the median
 * heuristic), drawn from the rows in canonical order (core/row_order.h, by
 * treatment and covariates): the same rows however the table is stored.
 */
static double
MedianDistance(const ArmRows *r, const double *z, int64 seed)
{
	CausalRandom rng;
	int			m = Min(r->n, 1000),
				cnt = 0;
	int		   *idx = palloc(sizeof(int) * r->n);
	double	   *d = palloc(sizeof(double) * ((Size) m * (m - 1) / 2 + 1)),
				med;
	const double **cols = palloc(sizeof(double *) * (r->p + 1));

	cols[0] = r->treat;
	for (int j = 0; j < r->p; j++)
		cols[j + 1] = r->x[j];
	row_order_canonical(r->n, r->p + 1, cols, idx);
	random_seed(&rng, seed);
	random_shuffle(&rng, idx, r->n);
	for (int a = 0; a < m; a++)
		for (int b = 0; b < a; b++)
		{
			double		s = 0.0;

			for (int j = 0; j < r->p; j++)
			{
				double		e = z[idx[a] + (Size) j * r->n] - z[idx[b] + (Size) j * r->n];

				s += e * e;
			}
			d[cnt++] = sqrt(s);
		}
	qsort(d, cnt, sizeof(double), compare_double);
	med = cnt == 0 ? 1.0 : (cnt % 2 ? d[cnt / 2] : 0.5 * (d[cnt / 2 - 1] + d[cnt / 2]));
	pfree(idx);
	pfree(d);
	return med > 0.0 ? med : 1.0;
}

/* IPM weights of the rows with treat == arm against the target rows (treat == src, or all when src < 0). */
typedef struct IpmSettings
{
	bool		energy;			/* energy, or sigmoid when sigmoid is set */
	bool		sigmoid;
	int			D;				/* MMD features; sigmoid discriminators */
	int			rounds;			/* sigmoid: adversarial rounds */
	int			steps;			/* sigmoid: ascent steps per round */
	double		radius;			/* sigmoid: bound on ||theta|| */
	int			slices;			/* energy: 0 exact, else sliced */
	int			bins;			/* sliced energy: > 0 on a grid of that many bins */
	int64		seed;
	bool		polish;
	double		penalty;
	double		tol;
	int			max_iter;
} IpmSettings;

/*
 * Weights of the rows of arm against the rows of arm src (all rows when src
 * < 0).  pos[i] is row i's row in phi (MMD only).
 */
static void
IpmGroup(const ArmRows *r, const double *z, const float *phi, const int *pos,
		 const IpmSettings *set, int arm, int src, double *w, IpmReport *rep)
{
	int			m = 0,
				nt = 0,
				i;
	int		   *rows = palloc(sizeof(int) * r->n);
	double	   *wg;

	for (i = 0; i < r->n; i++)
		if (r->treat[i] == arm)
			rows[m++] = i;
	for (i = 0; i < r->n; i++)
		if (src < 0 || r->treat[i] == src)
			nt++;
	wg = palloc(sizeof(double) * m);
	if (!set->energy)
	{
		int			D = set->D;
		IpmMmdProblem p;
		double	   *target = palloc0(sizeof(double) * D);
		int		   *prow = palloc(sizeof(int) * m);

		memset(&p, 0, sizeof(p));
		for (i = 0; i < r->n; i++)
			if (src < 0 || r->treat[i] == src)
				for (int j = 0; j < D; j++)
					target[j] += phi[(Size) pos[i] * D + j] / nt;
		for (i = 0; i < m; i++)
			prow[i] = pos[rows[i]];
		p.n = m;
		p.rows = prow;
		p.D = D;
		p.phi = phi;
		p.target = target;
		p.tau = set->penalty;
		p.tol = set->tol;
		p.max_iter = set->max_iter;
		ipm_mmd_solve(&p, wg, rep);
		pfree(prow);
		pfree(target);
	}
	else
	{
		double	   *xg = palloc_extended(sizeof(double) * (Size) m * r->p, MCXT_ALLOC_HUGE),
				   *xt = palloc_extended(sizeof(double) * (Size) nt * r->p, MCXT_ALLOC_HUGE);

		for (int j = 0; j < r->p; j++)
		{
			int			a = 0,
						b = 0;

			for (i = 0; i < r->n; i++)
			{
				if (r->treat[i] == arm)
					xg[a++ + (Size) j * m] = z[i + (Size) j * r->n];
				if (src < 0 || r->treat[i] == src)
					xt[b++ + (Size) j * nt] = z[i + (Size) j * r->n];
			}
		}
		if (set->sigmoid)
		{
			IpmSigmoidProblem p;

			p.n = m;
			p.k = r->p;
			p.x = xg;
			p.ntarget = nt;
			p.target_x = xt;
			p.M = set->D;
			p.rounds = set->rounds;
			p.steps = set->steps;
			p.radius = set->radius;
			p.seed = set->seed;
			p.tau = set->penalty;
			p.tol = set->tol;
			p.max_iter = set->max_iter;
			ipm_sigmoid_solve(&p, wg, rep);
		}
		else if (set->slices > 0)
		{
			IpmSlicedProblem p;

			memset(&p, 0, sizeof(p));
			p.n = m;
			p.k = r->p;
			p.x = xg;
			p.ntarget = nt;
			p.target_x = xt;
			p.slices = set->slices;
			p.seed = set->seed;
			p.lambda = set->penalty;
			p.tol = set->tol;
			p.max_iter = set->max_iter;
			p.polish = set->polish;
			p.bins = set->bins;
			if (p.bins > 0)
				ipm_binned_solve(&p, wg, rep);
			else
				ipm_sliced_solve(&p, wg, rep);
		}
		else
		{
			IpmEnergyProblem p;

			p.n = m;
			p.k = r->p;
			p.x = xg;
			p.ntarget = nt;
			p.target_x = xt;
			p.lambda = set->penalty;
			p.tol = set->tol;
			p.max_iter = set->max_iter;
			ipm_energy_solve(&p, wg, rep);
		}
	}
	for (i = 0; i < m; i++)
		w[rows[i]] = wg[i] * m;
	pfree(rows);
	pfree(wg);
}

/* Checks trim_at (when given): a quantile in (0.5, 1). */
void
weights_check_trim(bool has_trim, double trim, const char *fn)
{
	if (has_trim && !(trim > 0.5 && trim < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: trim_at must be a quantile between 0.5 and 1, got %g", fn, trim),
				 errhint("trim_at => 0.99 caps each group's weights at their 99th percentile.")));
}

/* Checks the arguments of the balancing methods; returns src (1 ATT, 0 ATC, -1 ATE). */
int
balancing_check_args(const char *method, const char *estimand, int moments, bool has_trim, double trim,
					 Jsonb *opts, const char *fn)
{
	static const char *const ebal_keys[] = {"tol", NULL};
	static const char *const mmd_keys[] = {"gamma", "features", "lambda", "seed", "tol", "max_iter", NULL};
	static const char *const energy_keys[] = {"lambda", "tol", "max_iter", "slices", "bins", "seed", "polish", NULL};
	static const char *const sigmoid_keys[] = {"discriminators", "rounds", "steps", "radius", "lambda", "seed", "tol", "max_iter", NULL};
	int			src;
	bool		is_ebal = strcmp(method, "ebal") == 0,
				is_mmd = strcmp(method, "ipm_mmd") == 0,
				is_energy = strcmp(method, "ipm_energy") == 0,
				is_sigmoid = strcmp(method, "ipm_sigmoid") == 0;

	if (!is_ebal && !is_mmd && !is_energy && !is_sigmoid)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: unknown balancing method \"%s\"", fn, method)));
	src = estimand_parse(estimand, fn, ESTIMANDS_ALL);
	if (moments < 1 || moments > 3)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: moments must be 1, 2 or 3, got %d", fn, moments),
				 errhint("1 balances means, 2 also variances, 3 also skewness.")));
	weights_check_trim(has_trim, trim, fn);
	CheckOptionKeys(opts, method, is_ebal ? ebal_keys : (is_mmd ? mmd_keys : (is_sigmoid ? sigmoid_keys : energy_keys)));
	return src;
}

/* The body of causal.balancing_weights and of each bootstrap replicate (balancing.h). */
void
balancing_weights_compute(const ArmRows *r, const char *method, int src, int moments, double trim,
						  Jsonb *opts, double *w, JsonOut *info, const char *fn)
{
	bool		is_ebal = strcmp(method, "ebal") == 0,
				is_mmd = strcmp(method, "ipm_mmd") == 0,
				is_energy = strcmp(method, "ipm_energy") == 0,
				is_sigmoid = strcmp(method, "ipm_sigmoid") == 0;
	JsonOut		scratch;
	int			i;

	if (info == NULL)
	{
		json_out_init(&scratch);
		info = &scratch;
	}
	for (i = 0; i < r->n; i++)
		w[i] = 1.0;
	if (is_ebal)
	{
		double	   *cons,
				   *target,
					tol = Option(opts, "tol", 1e-10, 1e-15, 1e-2),
					imbalance = 0.0;
		int			k = 0,
					iterations = 0,
					j;

		/* constraints: each covariate, and its centred powers up to moments (binary ones once) */
		cons = palloc_extended(sizeof(double) * (Size) r->n * r->p * moments, MCXT_ALLOC_HUGE);
		for (j = 0; j < r->p; j++)
		{
			double		mean = 0.0;
			int			pw;

			for (i = 0; i < r->n; i++)
				mean += r->x[j][i] / r->n;
			for (pw = 1; pw <= (IsBinary(r->x[j], r->n) ? 1 : moments); pw++)
			{
				double	   *col = cons + (Size) k * r->n,
							ss = 0.0,
							mu = 0.0,
							sd;

				for (i = 0; i < r->n; i++)
				{
					col[i] = pw == 1 ? r->x[j][i] : pow(r->x[j][i] - mean, pw);
					mu += col[i] / r->n;
				}
				for (i = 0; i < r->n; i++)
					ss += (col[i] - mu) * (col[i] - mu);
				sd = sqrt(ss / r->n);
				for (i = 0; i < r->n; i++)
					col[i] = (col[i] - mu) / sd;
				k++;
			}
		}
		target = palloc0(sizeof(double) * k);
		if (src < 0)
		{
			/* the constraints are centred on the full sample: the target is zero */
			EbalGroup(r, cons, k, 1, target, tol, w, &iterations, &imbalance);
			EbalGroup(r, cons, k, 0, target, tol, w, &iterations, &imbalance);
		}
		else
		{
			for (j = 0; j < k; j++)
			{
				double		s = 0.0;

				for (i = 0; i < r->n; i++)
					if (r->treat[i] == src)
						s += cons[i + (Size) j * r->n];
				target[j] = s / (src == 1 ? r->n1 : r->n - r->n1);
			}
			EbalGroup(r, cons, k, 1 - src, target, tol, w, &iterations, &imbalance);
		}
		json_out_str(info, "method", "entropy balancing");
		json_out_int(info, "constraints", k);
		json_out_int(info, "newton_iterations", iterations);
		json_out_num(info, "max_std_imbalance", imbalance);
	}
	else
	{
		double	   *z = Standardized(r);
		int64		seed = (int64) Option(opts, "seed", 42, -1e15, 1e15);
		bool		dual = is_mmd || is_sigmoid;	/* solved through the MMD dual */
		int			D = is_mmd ? (int) Option(opts, "features", 256, 1, 100000)
			: (is_sigmoid ? (int) Option(opts, "discriminators", 32, 1, 10000) : 0),
					max_iter = (int) Option(opts, "max_iter", dual ? 5000 : 20000, 1, 1e7);
		double		penalty = Option(opts, "lambda", dual ? 1e-5 : 1e-4, 0, 1e6),
					tol = Option(opts, "tol", dual ? 1e-10 : 1e-8, 1e-15, 1),
					gamma = 0.0;
		float	   *phi = NULL;
		int		   *pos = NULL;
		IpmReport	rep[2];
		IpmSettings set;
		int			ngroups = src < 0 ? 2 : 1;

		if (is_mmd)
		{
			JsonbValue *g = opts == NULL ? NULL : getKeyJsonValueFromContainer(&opts->root, "gamma", 5, NULL);
			Size		need = sizeof(float) * (Size) r->n * D;

			if (penalty <= 0.0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: method ipm_mmd needs a positive lambda", fn)));
			if (g != NULL && g->type == jbvString && g->val.string.len == 6 &&
				strncmp(g->val.string.val, "median", 6) == 0)
				gamma = MedianDistance(r, z, seed);
			else
				gamma = Option(opts, "gamma", 10.0, 1e-6, 1e6);
			if (need > (Size) causal_max_memory_kb * 1024)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("%s: %d rows x %d features need more memory than causal.max_memory", fn, r->n, D),
						 errhint("Use fewer features (options {\"features\": 128}) or have a superuser raise causal.max_memory.")));
			phi = palloc_extended(need, MCXT_ALLOC_HUGE);
			/* the treated rows first, then the controls, each in row order */
			pos = palloc(sizeof(int) * r->n);
			{
				int			at = 0;

				for (int arm = 1; arm >= 0; arm--)
					for (int i = 0; i < r->n; i++)
						if (r->treat[i] == arm)
							pos[i] = at++;
			}
			ipm_features(r->n, r->p, z, D, gamma, seed, pos, phi);
		}
		if (is_sigmoid && penalty <= 0.0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: method ipm_sigmoid needs a positive lambda", fn)));
		if (is_sigmoid && (double) r->n * D * sizeof(float) > (double) causal_max_memory_kb * 1024)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s: %d rows x %d discriminators need more memory than causal.max_memory", fn, r->n, D),
					 errhint("Use fewer discriminators or have a superuser raise causal.max_memory.")));
		set.energy = is_energy || is_sigmoid;
		set.sigmoid = is_sigmoid;
		set.rounds = is_sigmoid ? (int) Option(opts, "rounds", 5, 0, 1000) : 0;
		set.steps = is_sigmoid ? (int) Option(opts, "steps", 20, 1, 100000) : 0;
		set.radius = is_sigmoid ? Option(opts, "radius", 5.0, 1e-3, 1e3) : 0.0;
		set.D = D;
		set.slices = is_energy ? (int) Option(opts, "slices", 0, 0, 10000) : 0;
		set.bins = is_energy ? (int) Option(opts, "bins", 0, 0, 65536) : 0;
		if (set.bins > 0 && (set.slices == 0 || set.bins < 2))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: option \"bins\" needs \"slices\" and at least 2 bins", fn),
					 errhint("For example options => '{\"slices\": 32, \"bins\": 128}'.")));
		if (set.bins > 0)
		{
			/* the grid form is the MMD dual problem: its defaults */
			penalty = Option(opts, "lambda", 1e-5, 0, 1e6);
			tol = Option(opts, "tol", 1e-10, 1e-15, 1);
			max_iter = (int) Option(opts, "max_iter", 5000, 1, 1e7);
			if (penalty <= 0.0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: the sliced energy on a grid needs a positive lambda", fn)));
		}
		else if (set.slices > 0)
		{
			/* the sliced solver stops on the objective's relative progress */
			tol = Option(opts, "tol", 1e-9, 1e-15, 1);
			max_iter = (int) Option(opts, "max_iter", 5000, 1, 1e7);
		}
		set.seed = seed;
		set.penalty = penalty;
		set.tol = tol;
		set.max_iter = max_iter;
		set.polish = true;
		if (opts != NULL)
		{
			JsonbValue *pv = getKeyJsonValueFromContainer(&opts->root, "polish", 6, NULL);

			if (pv != NULL && pv->type != jbvBool)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: option \"polish\" must be true or false", fn)));
			if (pv != NULL)
				set.polish = pv->val.boolean;
		}
		if (src < 0)
		{
			IpmGroup(r, z, phi, pos, &set, 1, -1, w, &rep[0]);
			IpmGroup(r, z, phi, pos, &set, 0, -1, w, &rep[1]);
		}
		else
			IpmGroup(r, z, phi, pos, &set, 1 - src, src, w, &rep[0]);
		json_out_str(info, "method",
					 is_mmd ? "IPM, Gaussian-kernel MMD (random Fourier features), KL penalty"
					 : is_sigmoid ? "IPM, sigmoid discriminators (adversarial rounds), KL penalty"
					 : set.bins > 0 ? "IPM, sliced energy distance on a grid, KL penalty"
					 : (set.slices > 0 ? "IPM, sliced energy distance, ridge penalty" : "IPM, energy distance, ridge penalty"));
		json_out_num(info, "lambda", penalty);
		if (is_sigmoid)
		{
			json_out_int(info, "discriminators", D);
			json_out_int(info, "rounds", set.rounds);
			json_out_int(info, "steps", set.steps);
			json_out_num(info, "radius", set.radius);
			json_out_int(info, "seed", seed);
		}
		if (set.slices > 0)
		{
			json_out_int(info, "slices", set.slices);
			json_out_int(info, "seed", seed);
		}
		if (set.bins > 0)
			json_out_int(info, "bins", set.bins);
		if (is_mmd)
		{
			json_out_num(info, "gamma", gamma);
			json_out_int(info, "features", D);
			json_out_int(info, "seed", seed);
		}
		for (int gi = 0; gi < ngroups; gi++)
		{
			const char *grp = src < 0 ? (gi == 0 ? "treated" : "control") : (src == 1 ? "control" : "treated");
			const char *ipm = is_mmd ? "mmd2" : (is_sigmoid ? "sigmoid_ipm" : "energy");

			json_out_open(info, grp, '{');
			json_out_num(info, psprintf("%s_before", ipm), rep[gi].ipm_before);
			json_out_num(info, psprintf("%s_after", ipm), rep[gi].ipm_after);
			json_out_int(info, "iterations", rep[gi].iterations);
			json_out_bool(info, "converged", rep[gi].converged);
			json_out_close(info);
			if (causal_progress)
				ereport(NOTICE, (errmsg("%s: method %s, %s group reweighted: %s %g before, %g after (%d iterations, %s)",
										fn, method, grp, ipm, rep[gi].ipm_before, rep[gi].ipm_after, rep[gi].iterations,
										rep[gi].converged ? "converged" : "not converged")));
		}
	}

	if (trim > 0.0)
		weights_trim(r->n, r->treat, w, trim);
	/* weights that are zero in all but floating point would underflow SQL arithmetic */
	for (i = 0; i < r->n; i++)
		if (w[i] < 1e-100)
			w[i] = 0.0;
}

PG_FUNCTION_INFO_V1(causal_balancing_weights);

/*
 * causal.balancing_weights(relation, treatment, covariates, id, method,
 * estimand, moments, trim_at, options) returns (id, weight, info): info, a
 * jsonb report of the fit, on the first row only.
 */
Datum
causal_balancing_weights(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const char *fn = "causal.weights";
	char	   *method,
			   *estimand;
	int			moments;
	double		trim;
	Jsonb	   *opts;
	ArmRows	r;
	double	   *w;
	int			i,
				src;
	JsonOut		info;
	Datum		report;

	/* trim_at and options may be NULL (none, defaults) */
	sql_args_not_null(fcinfo, fn, SQL_ARG(7) | SQL_ARG(8));
	method = unconstify(char *, sql_args_canonical(text_to_cstring(PG_GETARG_TEXT_PP(4)), fn, "method", balancing_methods));
	estimand = text_to_cstring(PG_GETARG_TEXT_PP(5));
	moments = PG_GETARG_INT32(6);
	trim = PG_ARGISNULL(7) ? 0.0 : PG_GETARG_FLOAT8(7);
	opts = PG_ARGISNULL(8) ? NULL : PG_GETARG_JSONB_P(8);
	src = balancing_check_args(method, estimand, moments, !PG_ARGISNULL(7), trim, opts, fn);
	memset(&r, 0, sizeof(r));
	arm_rows_read(PG_GETARG_OID(0), text_to_cstring(PG_GETARG_TEXT_PP(1)), PG_GETARG_ARRAYTYPE_P(2),
				  text_to_cstring(PG_GETARG_TEXT_PP(3)), false, true, &r, fn);
	w = palloc_extended(sizeof(double) * r.n, MCXT_ALLOC_HUGE);
	json_out_init(&info);
	balancing_weights_compute(&r, method, src, moments, trim, opts, w, &info, fn);
	report = json_out_jsonb(&info);
	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < r.n; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, i > 0};

		values[0] = CStringGetTextDatum(r.id->labels[r.id->codes[i]]);
		values[1] = Float8GetDatum(w[i]);
		values[2] = i == 0 ? report : (Datum) 0;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
