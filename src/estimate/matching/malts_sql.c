/*
 * malts_sql.c
 *		causal.malts(relation, outcome, treatment, covariates, id, discrete,
 *		n_folds, k, k_est, c, seed, fold_column, options) returning per-unit
 *		CATEs, and causal.malts_effect(..., estimand) returning the average
 *		as a causal.effect with the learned stretch in its details.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "core/json_options.h"
#include "core/json_out.h"
#include "core/random.h"
#include "core/sql_args.h"
#include "estimate/arm_rows.h"
#include "estimate/effect.h"
#include "estimate/estimand.h"
#include "estimate/matching/malts.h"
#include "estimate/matching/malts_sql.h"

#define FN "causal.malts"

typedef struct MaltsRun
{
	ArmRows		r;
	MaltsProblem p;
	MaltsResult res;
} MaltsRun;

/*
 * The rows of each arm in the order of a shuffle seeded with seed: arm 0's
 * first (order[0..m0-1]), then arm 1's; returns m0.  The folds are dealt from
 * this order and the learning samples taken from it.
 */
static int
ArmShuffles(const double *treat, int n, int64 seed, int *order)
{
	CausalRandom rng;
	int			m[2] = {0, 0};

	random_seed(&rng, seed);
	for (int arm = 0; arm <= 1; arm++)
	{
		int		   *idx = order + (arm == 1 ? m[0] : 0);

		for (int i = 0; i < n; i++)
			if (treat[i] == arm)
				idx[m[arm]++] = i;
		random_shuffle(&rng, idx, m[arm]);
	}
	return m[0];
}

/* Stratified folds: each arm shuffled with the seed and dealt round-robin. */
void
malts_stratified_folds(const double *treat, int n, int nfolds, int64 seed, int *fold)
{
	int		   *order = palloc(sizeof(int) * Max(n, 1)),
				m0 = ArmShuffles(treat, n, seed, order);

	for (int i = 0; i < n; i++)
		fold[order[i]] = (i < m0 ? i : i - m0) % nfolds;
	pfree(order);
}

/*
 * Each row's place within its fold and arm in the seeded shuffle of its arm
 * (the shuffle malts_stratified_folds deals folds from), so that the first
 * learn_rows of a fold and arm are a simple random sample of it whatever the
 * order the rows arrived in.
 */
int *
malts_learn_ranks(const double *treat, const int *fold, int n, int nfolds, int64 seed)
{
	int		   *order = palloc(sizeof(int) * Max(n, 1)),
			   *rank = palloc(sizeof(int) * Max(n, 1)),
			   *count = palloc0(sizeof(int) * nfolds),
				m0 = ArmShuffles(treat, n, seed, order);

	for (int i = 0; i < n; i++)
	{
		if (i == m0)
			memset(count, 0, sizeof(int) * nfolds);
		rank[order[i]] = count[fold[order[i]]]++;
	}
	pfree(order);
	pfree(count);
	return rank;
}

int
malts_option_learn_rows(Jsonb *opts, int k, const char *fn)
{
	int			m = (int) json_option_number(opts ? &opts->root : NULL, "learn_rows", 0, 1, 1e8, fn,
											 "learn_rows is the number of units per fold and arm the stretch is learned on.");

	if (m > 0 && m <= k)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: option learn_rows (%d) must be larger than k (%d)", fn, m, k),
				 errhint("Each unit's outcome is predicted from its k nearest units of the same arm in the sample.")));
	return m;
}

double *
malts_scales(const ArmRows *r, const bool *discrete)
{
	double	   *scale = palloc(sizeof(double) * Max(r->p, 1));

	for (int j = 0; j < r->p; j++)
	{
		double		mean = 0.0,
					ss = 0.0;

		for (int i = 0; i < r->n; i++)
			mean += r->x[j][i] / r->n;
		for (int i = 0; i < r->n; i++)
			ss += (r->x[j][i] - mean) * (r->x[j][i] - mean);
		/* continuous covariates are compared in standard deviations (not constant: checked on reading) */
		scale[j] = discrete != NULL && discrete[j] ? 1.0 : 1.0 / sqrt(ss / Max(r->n - 1, 1));
	}
	return scale;
}

double *
malts_option_stretch(Jsonb *opts, int q, const char *fn)
{
	JsonbValue *sv = opts ? getKeyJsonValueFromContainer(&opts->root, "stretch", 7, NULL) : NULL;
	double	   *fs;

	if (sv == NULL)
		return NULL;
	if (sv->type != jbvBinary || !JsonContainerIsArray(sv->val.binary.data) ||
		JsonContainerSize(sv->val.binary.data) != (uint32) q)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: option \"stretch\" must be an array of %d numbers, one per covariate", fn, q),
				 errhint("Give the stretch per raw unit of each covariate, in the order of covariates, e.g. {\"stretch\": [1, 0.5]}.")));
	fs = palloc(sizeof(double) * q);
	for (int j = 0; j < q; j++)
	{
		JsonbValue *e = getIthJsonbValueFromContainer(sv->val.binary.data, j);

		if (e == NULL || e->type != jbvNumeric)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: option \"stretch\" must hold numbers", fn),
					 errhint("Give the stretch per raw unit of each covariate, in the order of covariates, e.g. {\"stretch\": [1, 0.5]}.")));
		fs[j] = DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(e->val.numeric)));
		if (!(fs[j] >= 0 && isfinite(fs[j])))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: the stretch must be zero or positive", fn),
					 errhint("A stretch of 0 ignores a covariate; larger values make differences in it count more.")));
	}
	return fs;
}

static void
RunMalts(FunctionCallInfo fcinfo, MaltsRun *run)
{
	static const char *const known[] = {"stretch", "max_eval", "learn_rows", "max_checks", NULL};
	ArmRows    *r = &run->r;
	MaltsProblem *p = &run->p;
	Jsonb	   *opts = PG_ARGISNULL(12) ? NULL : PG_GETARG_JSONB_P(12);
	const char *fold_column = PG_ARGISNULL(11) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(11));
	int			n,
				q;
	bool	   *discrete;
	int		   *fold;
	double	   *x,
			   *scale,
			   *fixed;

	for (int k = 0; k <= 10; k++)
		if (k != 5 && PG_ARGISNULL(k))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: argument %d must not be NULL", FN, k + 1)));
	memset(run, 0, sizeof(*run));
	p->nfolds = PG_GETARG_INT32(6);
	p->k = PG_GETARG_INT32(7);
	p->k_est = PG_GETARG_INT32(8);
	p->C = PG_GETARG_FLOAT8(9);
	if (p->nfolds < 2 || p->nfolds > 100)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: n_folds must be between 2 and 100, got %d", FN, p->nfolds)));
	if (p->k < 1 || p->k_est < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: k and k_est must be at least 1", FN)));
	if (!(p->C >= 0 && isfinite(p->C)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: c must be zero or positive, got %g", FN, p->C)));
	if (opts != NULL && !JB_ROOT_IS_OBJECT(opts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: options must be a JSON object", FN)));
	json_option_check_keys(opts ? &opts->root : NULL, known, FN, "causal.malts",
						   "Options are stretch (a fixed stretch, no learning), max_eval, learn_rows and max_checks.");
	p->max_eval = (int) json_option_number(opts ? &opts->root : NULL, "max_eval", 2000, 1, 1e7, FN, NULL);
	p->learn_rows = malts_option_learn_rows(opts, p->k, FN);
	p->max_checks = (int64) json_option_number(opts ? &opts->root : NULL, "max_checks", 0, 1, 1e12, FN,
											   "max_checks is how many distances each neighbour search may compute (approximate search); leave it out for exact neighbours.");

	r->nextra = 1 + (fold_column != NULL);
	r->extra = palloc0(sizeof(TableColumn) * r->nextra);
	r->extra[0].name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	if (fold_column != NULL)
	{
		r->extra[1].name = fold_column;
		r->extra[1].kind = TABLE_COL_CODE;
	}
	arm_rows_read(PG_GETARG_OID(0), text_to_cstring(PG_GETARG_TEXT_PP(2)), PG_GETARG_ARRAYTYPE_P(3),
				  text_to_cstring(PG_GETARG_TEXT_PP(4)), true, true, r, FN);
	n = r->n;
	q = r->p;
	/* a neighbour count past the smaller arm means nothing (and would size arrays by it) */
	if (p->k >= Min(r->n1, n - r->n1) || p->k_est >= Min(r->n1, n - r->n1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: k = %d and k_est = %d must be smaller than the smaller treatment group (%d rows)",
						FN, p->k, p->k_est, Min(r->n1, n - r->n1)),
				 errhint("MALTS's defaults are k = 10 and k_est = 50.")));
	if (r->t.n_skipped > 0)
		ereport(NOTICE,
				(errmsg("%s: %lld rows with a NULL in a used column were skipped", FN, (long long) r->t.n_skipped)));

	discrete = palloc0(sizeof(bool) * q);
	if (!PG_ARGISNULL(5))
	{
		int			nd;
		char	  **names = sql_args_names(PG_GETARG_ARRAYTYPE_P(5), FN, "discrete", 0, &nd);

		for (int d = 0; d < nd; d++)
		{
			bool		found = false;

			for (int j = 0; j < q; j++)
				if (strcmp(r->covs[j], names[d]) == 0)
					found = discrete[j] = true;
			if (!found)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: discrete covariate \"%s\" is not among the covariates", FN, names[d])));
		}
	}
	fold = palloc(sizeof(int) * Max(n, 1));
	if (fold_column != NULL)
	{
		TableColumn *fc = &r->extra[1];

		if (fc->ncodes < 2 || fc->ncodes > 100)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: fold column \"%s\" has %d distinct values; it needs 2 to 100", FN, fold_column,
							fc->ncodes)));
		p->nfolds = fc->ncodes;
		memcpy(fold, fc->codes, sizeof(int) * n);
	}
	else
		malts_stratified_folds(r->treat, n, p->nfolds, PG_GETARG_INT64(10), fold);
	if (p->learn_rows > 0)
		p->learn_rank = malts_learn_ranks(r->treat, fold, n, p->nfolds, PG_GETARG_INT64(10));
	x = palloc_extended(sizeof(double) * (Size) n * q, MCXT_ALLOC_HUGE);
	for (int j = 0; j < q; j++)
		memcpy(x + (Size) j * n, r->x[j], sizeof(double) * n);
	scale = malts_scales(r, discrete);
	fixed = malts_option_stretch(opts, q, FN);
	/* given per raw unit; learned and kept per standard deviation */
	if (fixed != NULL)
		for (int j = 0; j < q; j++)
			fixed[j] /= scale[j];
	p->fixed_stretch = fixed;
	p->n = n;
	p->p = q;
	p->x = x;
	p->discrete = discrete;
	p->scale = scale;
	p->y = r->extra[0].values;
	p->treat = r->treat;
	p->fold = fold;
	run->res.cate = palloc_extended(sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
	run->res.cate_sd = palloc_extended(sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
	run->res.stretch = palloc(sizeof(double) * q * p->nfolds);
	run->res.objective = palloc(sizeof(double) * p->nfolds);
	run->res.evaluations = palloc(sizeof(int) * p->nfolds);
	run->res.converged = palloc(sizeof(bool) * p->nfolds);
	malts_fit(p, &run->res);
}

PG_FUNCTION_INFO_V1(causal_malts);

/* causal.malts(...) returns (id, cate, cate_sd) per row. */
Datum
causal_malts(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MaltsRun	run;

	RunMalts(fcinfo, &run);
	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < run.r.n; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, isnan(run.res.cate[i]), isnan(run.res.cate_sd[i])};

		values[0] = CStringGetTextDatum(run.r.id->labels[run.r.id->codes[i]]);
		values[1] = Float8GetDatum(run.res.cate[i]);
		values[2] = Float8GetDatum(run.res.cate_sd[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(causal_malts_effect);

/*
 * causal.malts_effect(..., estimand) returns the mean CATE over all units
 * (ATE), the treated (ATT) or the controls (ATC); details hold the stretch
 * (mean over folds and per fold) and the optimizer's report.  There is no
 * standard error: MALTS's authors give none for the average.
 */
Datum
causal_malts_effect(PG_FUNCTION_ARGS)
{
	const char *estimand = PG_ARGISNULL(13) ? "ATE" : text_to_cstring(PG_GETARG_TEXT_PP(13));
	MaltsRun	run;
	EffectRow	e;
	double		sum = 0.0;
	int64		cnt = 0,
				n1 = 0;
	int			est,
				q;
	JsonOut		js;

	est = estimand_parse(estimand, FN, ESTIMANDS_ALL);
	RunMalts(fcinfo, &run);
	q = run.p.p;
	for (int i = 0; i < run.r.n; i++)
	{
		n1 += run.r.treat[i] == 1.0;
		if ((est < 0 || run.r.treat[i] == est) && !isnan(run.res.cate[i]))
		{
			sum += run.res.cate[i];
			cnt++;
		}
	}
	json_out_init(&js);
	json_out_int(&js, "k", run.p.k);
	json_out_int(&js, "k_est", run.p.k_est);
	json_out_num(&js, "c", run.p.C);
	json_out_int(&js, "folds", run.p.nfolds);
	if (run.p.learn_rows > 0)
		json_out_int(&js, "learn_rows", run.p.learn_rows);
	else
		json_out_null(&js, "learn_rows");
	/* the stretch per raw unit and per standard deviation, averaged over folds */
	for (int std = 0; std <= 1; std++)
	{
		json_out_open(&js, std ? "stretch_standardized" : "stretch", '{');
		for (int j = 0; j < q; j++)
		{
			double		m = 0.0;

			for (int f = 0; f < run.p.nfolds; f++)
				m += run.res.stretch[(Size) f * q + j] / run.p.nfolds;
			json_out_num(&js, run.r.covs[j], std ? m : m * run.p.scale[j]);
		}
		json_out_close(&js);
	}
	json_out_open(&js, "per_fold", '[');
	for (int f = 0; f < run.p.nfolds; f++)
	{
		json_out_open(&js, NULL, '{');
		json_out_nums(&js, "stretch_standardized", run.res.stretch + (Size) f * q, q);
		json_out_num(&js, "objective", run.res.objective[f]);
		json_out_int(&js, "evaluations", run.res.evaluations[f]);
		json_out_bool(&js, "converged", run.res.converged[f]);
		json_out_close(&js);
	}
	json_out_close(&js);
	/* the neighbour search: exact, or approximate with its measured recall */
	if (run.p.max_checks > 0)
		json_out_num(&js, "max_checks", (double) run.p.max_checks);
	else
		json_out_null(&js, "max_checks");
	json_out_num(&js, "mean_checks", run.res.mean_checks);
	if (isnan(run.res.recall))
		json_out_null(&js, "neighbour_recall");
	else
		json_out_num(&js, "neighbour_recall", run.res.recall);
	json_out_bool(&js, "learned", !run.p.fixed_stretch);
	json_out_int(&js, "n_skipped", run.r.t.n_skipped);
	/* no standard error: the authors give none for the average */
	effect_init(&e, "malts", estimand);
	e.estimate = cnt > 0 ? sum / cnt : NAN;
	e.n = run.r.n;
	effect_arms(&e, n1, run.r.n - n1);
	e.details = &js;
	PG_RETURN_DATUM(effect_datum(fcinfo, &e));
}
