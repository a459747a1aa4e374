/*
 * dml_sql.c
 *		causal.dml(relation, outcome, treatment, covariates, model, ...): reads
 *		the rows, checks them, runs dml_estimate and returns a causal.effect.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "core/distributions.h"
#include "core/json_out.h"
#include "core/sql_args.h"
#include "core/table_rows.h"
#include "estimate/dml/dml.h"
#include "estimate/effect.h"

/* Text argument or NULL. */
static char *
TextArg(FunctionCallInfo fcinfo, int i)
{
	return PG_ARGISNULL(i) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(i));
}

/* The non-NULL names of a text[] argument (NULL array: none). */
static char **
NameArray(FunctionCallInfo fcinfo, int i, const char *arg, int *count)
{
	*count = 0;
	if (PG_ARGISNULL(i))
		return NULL;
	return sql_args_names(PG_GETARG_ARRAYTYPE_P(i), "causal.dml", arg, 0, count);
}

/* Raises the error for a learner given to a model that has no such nuisance. */
static void
NoSuchNuisance(const char *nuisance, const char *model)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("causal.dml: model %s has no nuisance %s", model, nuisance),
			 errhint("PLR uses ml_l and ml_m (and ml_g with score IV-type); IRM uses ml_g and ml_m; PLIV uses ml_l, ml_m and ml_r.")));
}

/* Adds the unit means of each covariate as extra covariates (Mundlak). */
static void
AddUnitMeans(DmlProblem *p, char **names)
{
	int			n = p->n,
				q = p->x.p,
				G = p->n_clusters,
				i,
				j;
	double	   *x = palloc_extended(sizeof(double) * (Size) n * 2 * q, MCXT_ALLOC_HUGE);
	double	   *sum = palloc(sizeof(double) * G);
	int		   *cnt = palloc0(sizeof(int) * G);
	char	  **nn = palloc(sizeof(char *) * 2 * q);

	memcpy(x, p->x.x, sizeof(double) * (Size) n * q);
	for (i = 0; i < n; i++)
		cnt[p->cluster[i]]++;
	for (j = 0; j < q; j++)
	{
		const double *col = p->x.x + (Size) j * n;

		memset(sum, 0, sizeof(double) * G);
		for (i = 0; i < n; i++)
			sum[p->cluster[i]] += col[i];
		for (i = 0; i < n; i++)
			x[i + (Size) (q + j) * n] = sum[p->cluster[i]] / cnt[p->cluster[i]];
		nn[j] = names[j];
		nn[q + j] = psprintf("mean of %s", names[j]);
	}
	p->x.x = x;
	p->x.p = 2 * q;
	p->x.names = nn;
}

PG_FUNCTION_INFO_V1(causal_dml);

/*
 * causal.dml(relation, outcome, treatment, covariates, model, instruments,
 *			  score, ml_l, ml_m, ml_g, ml_r, learner_options, n_folds, n_rep,
 *			  fold_column, seed, clip, normalize_ipw, cluster, mundlak, n_boot,
 *			  alpha, ps_clip) returns causal.effect (clip: the deprecated name of
 *			  ps_clip, weighting's name for the propensity clip)
 */
Datum
causal_dml(PG_FUNCTION_ARGS)
{
	Oid			relid;
	char	   *outcome = TextArg(fcinfo, 1),
			   *treatment = TextArg(fcinfo, 2),
			   *model = TextArg(fcinfo, 4),
			   *score = TextArg(fcinfo, 6),
			   *ml_l = TextArg(fcinfo, 7),
			   *ml_m = TextArg(fcinfo, 8),
			   *ml_g = TextArg(fcinfo, 9),
			   *ml_r = TextArg(fcinfo, 10),
			   *fold_column = TextArg(fcinfo, 14),
			   *cluster = TextArg(fcinfo, 18);
	Jsonb	   *options = PG_ARGISNULL(11) ? NULL : PG_GETARG_JSONB_P(11);
	int			n_folds = PG_ARGISNULL(12) ? 5 : PG_GETARG_INT32(12),
				n_rep = PG_ARGISNULL(13) ? 1 : PG_GETARG_INT32(13),
				n_boot = PG_ARGISNULL(20) ? 0 : PG_GETARG_INT32(20);
	int64		seed = PG_ARGISNULL(15) ? 42 : PG_GETARG_INT64(15);
	double		clip,
				alpha = PG_ARGISNULL(21) ? 0.05 : PG_GETARG_FLOAT8(21);
	bool		normalize = !PG_ARGISNULL(17) && PG_GETARG_BOOL(17),
				mundlak = !PG_ARGISNULL(19) && PG_GETARG_BOOL(19),
				binary = true;
	char	  **covs,
			  **instr;
	int			ncov,
				nz,
				ncols,
				c,
				i,
				j;
	TableRows	t = {0};
	DmlProblem	p;
	DmlResult	res;
	EffectRow	e;
	JsonOut		js;
	int64		n_treated = 0;

	if (PG_ARGISNULL(0) || outcome == NULL || treatment == NULL || model == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("causal.dml: relation, outcome, treatment and model must not be NULL")));
	relid = PG_GETARG_OID(0);
	covs = NameArray(fcinfo, 3, "covariates", &ncov);
	instr = NameArray(fcinfo, 5, "instruments", &nz);
	if (ncov == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml: covariates must name at least one column"),
				 errhint("The nuisance functions are fitted on the covariates, e.g. covariates => ARRAY['x1', 'x2'].")));
	memset(&p, 0, sizeof(p));
	memset(&res, 0, sizeof(res));
	{
		/* plr (partially linear), irm (interactive, binary treatment), pliv (partially linear IV) */
		static const char *const models[] = {"plr", "irm", "pliv", NULL};
		static const DmlModel codes[] = {DML_PLR, DML_IRM, DML_PLIV};

		int			m = sql_args_choice(model, "causal.dml", "model", models);

		p.model = codes[m];
		model = unconstify(char *, models[m]);
	}
	if (p.model == DML_PLIV && nz == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml: model pliv needs at least one instrument"),
				 errhint("Pass instruments => ARRAY['z'].")));
	if (p.model != DML_PLIV && nz > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml: instruments are used by model pliv only")));
	if (score == NULL)
		score = p.model == DML_IRM ? "ATE" : "partialling out";
	else
	{
		/* DoubleML's names, any case; ATT is the estimand vocabulary's name of IRM's ATTE score */
		static const char *const scores[] = {"partialling out", "IV-type", "ATE", "ATTE", "ATT", NULL};
		static const char *const hint = "Scores: plr: 'partialling out', 'IV-type'; irm: 'ATE', 'ATTE' (or 'ATT'); pliv: 'partialling out'.";
		int			k = sql_args_choice_hint(score, "causal.dml", "score", scores, hint);

		score = unconstify(char *, scores[k == 4 ? 3 : k]);
	}
	if (p.model == DML_PLR && strcmp(score, "IV-type") == 0)
		p.iv_type = true;
	else if (p.model == DML_IRM && strcmp(score, "ATTE") == 0)
		p.atte = true;
	else if (!((p.model != DML_IRM && strcmp(score, "partialling out") == 0) ||
			   (p.model == DML_IRM && strcmp(score, "ATE") == 0)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml: model %s has no score \"%s\"", model, score),
				 errhint("Scores: plr: 'partialling out', 'IV-type'; irm: 'ATE', 'ATTE' (or 'ATT'); pliv: 'partialling out'.")));
	if (fold_column == NULL && n_folds < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml: n_folds must be at least 2, got %d", n_folds)));
	if (n_rep < 1 || n_rep > 1000 || (fold_column != NULL && n_rep != 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml: n_rep must be between 1 and 1000, and 1 with a fold column"),
				 errhint("Repetitions draw new folds, which a fold column fixes.")));
	{
		bool		given;
		Datum		d = sql_args_renamed(fcinfo, "causal.dml", 22, "ps_clip", 16, "clip", &given);

		clip = given ? DatumGetFloat8(d) : 0.01;
	}
	if (!(clip >= 0.0 && clip < 0.5))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml: ps_clip must be in [0, 0.5), got %g", clip)));
	if (!(alpha > 0.0 && alpha < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml: alpha must be between 0 and 1, got %g", alpha)));
	if (n_boot < 0 || n_boot > 100000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml: n_boot must be between 0 and 100000, got %d", n_boot)));
	if (mundlak && cluster == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml: mundlak needs the cluster (unit) column"),
				 errhint("Pass cluster => 'unit_id'.")));

	/* learners: defaults per model, and no learner for a nuisance the model lacks */
	if (p.model == DML_IRM)
	{
		if (ml_l != NULL)
			NoSuchNuisance("ml_l", model);
		if (ml_r != NULL)
			NoSuchNuisance("ml_r", model);
	}
	else
	{
		if (ml_g != NULL && !p.iv_type)
			NoSuchNuisance("ml_g", p.model == DML_PLR ? "plr (score partialling out)" : model);
		if (ml_r != NULL && p.model == DML_PLR)
			NoSuchNuisance("ml_r", model);
	}

	/* the rows */
	ncols = 2 + nz + ncov + (fold_column != NULL) + (cluster != NULL);
	t.ncols = ncols;
	t.cols = palloc0(sizeof(TableColumn) * ncols);
	c = 0;
	t.cols[c++].name = outcome;
	t.cols[c++].name = treatment;
	for (j = 0; j < nz; j++)
		t.cols[c++].name = instr[j];
	for (j = 0; j < ncov; j++)
		t.cols[c++].name = covs[j];
	if (fold_column != NULL)
	{
		t.cols[c].kind = TABLE_COL_CODE;
		t.cols[c++].name = fold_column;
	}
	if (cluster != NULL)
	{
		t.cols[c].kind = TABLE_COL_CODE;
		t.cols[c++].name = cluster;
	}
	table_rows_mark_factors(relid, &t, 2 + nz, ncov);
	table_rows_read(relid, &t, "causal.dml");
	p.n = t.nrows;
	/* (compared by division: 2 * n_folds overflows for a huge n_folds) */
	if (p.n < 4 || (fold_column == NULL && n_folds > p.n / 2))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("causal.dml: %d rows without NULLs, too few for %d folds", p.n, n_folds),
				 errhint("Each fold needs rows to train on and to predict; use fewer folds.")));
	p.y = t.cols[0].values;
	p.d = t.cols[1].values;
	p.nz = nz;
	if (nz > 0)
	{
		double	   *z = palloc_extended(sizeof(double) * (Size) p.n * nz, MCXT_ALLOC_HUGE);

		for (j = 0; j < nz; j++)
			memcpy(z + (Size) j * p.n, t.cols[2 + j].values, sizeof(double) * p.n);
		p.z = z;
	}
	{
		/* factor covariates become indicator columns */
		char	  **names;
		double	  **cols;
		int			px = table_rows_design(&t, 2 + nz, ncov, false, "causal.dml", &names, &cols);
		double	   *x = palloc_extended(sizeof(double) * (Size) p.n * Max(px, 1), MCXT_ALLOC_HUGE);

		for (j = 0; j < px; j++)
			memcpy(x + (Size) j * p.n, cols[j], sizeof(double) * p.n);
		p.x.n = p.n;
		p.x.p = px;
		p.x.x = x;
		p.x.names = names;
	}
	for (i = 0; i < p.n; i++)
	{
		if (p.d[i] != 0.0 && p.d[i] != 1.0)
			binary = false;
		n_treated += p.d[i] == 1.0;
	}
	if (p.model == DML_IRM && !binary)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml: model irm needs a binary treatment, and column \"%s\" has values other than 0 and 1",
						treatment),
				 errhint("Use model plr for a continuous treatment.")));
	if (p.model == DML_IRM && (n_treated < n_folds || p.n - n_treated < n_folds))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("causal.dml: %lld treated and %lld control rows, too few for %d folds",
						(long long) n_treated, (long long) (p.n - n_treated), n_folds)));
	if (fold_column != NULL)
	{
		TableColumn *fc = &t.cols[2 + nz + ncov];

		if (fc->ncodes < 2)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("causal.dml: fold column \"%s\" has %d distinct value%s", fold_column,
							fc->ncodes, fc->ncodes == 1 ? "" : "s"),
					 errhint("Cross-fitting needs at least two folds.")));
		p.user_folds = fc->codes;
		n_folds = fc->ncodes;
	}
	if (cluster != NULL)
	{
		TableColumn *cc = &t.cols[ncols - 1];

		p.cluster = cc->codes;
		p.n_clusters = cc->ncodes;
		if (fold_column == NULL && p.n_clusters < n_folds)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("causal.dml: %d clusters, too few for %d folds", p.n_clusters, n_folds)));
		if (mundlak)
			AddUnitMeans(&p, p.x.names);
	}
	p.n_folds = n_folds;
	p.n_rep = n_rep;
	p.seed = seed;
	p.clip = clip;
	p.normalize_ipw = normalize;
	p.n_boot = n_boot;
	p.level = 1.0 - alpha;

	switch (p.model)
	{
		case DML_PLR:
			learner_parse(&p.ml_l, "causal.dml", ml_l ? ml_l : "ols", "ml_l", options, false, seed);
			learner_parse(&p.ml_m, "causal.dml", ml_m ? ml_m : "ols", "ml_m", options, false, seed);
			if (p.iv_type)
				learner_parse(&p.ml_g, "causal.dml", ml_g ? ml_g : p.ml_l.name, "ml_g", options, false, seed);
			break;
		case DML_IRM:
			learner_parse(&p.ml_g, "causal.dml", ml_g ? ml_g : "ols", "ml_g", options, false, seed);
			learner_parse(&p.ml_m, "causal.dml", ml_m ? ml_m : "logistic", "ml_m", options, true, seed);
			break;
		case DML_PLIV:
			learner_parse(&p.ml_l, "causal.dml", ml_l ? ml_l : "ols", "ml_l", options, false, seed);
			learner_parse(&p.ml_m, "causal.dml", ml_m ? ml_m : "ols", "ml_m", options, false, seed);
			learner_parse(&p.ml_r, "causal.dml", ml_r ? ml_r : "ols", "ml_r", options, false, seed);
			break;
	}

	dml_estimate(&p, &res);
	if (p.model == DML_IRM)
		overlap_warn(&res.overlap, "causal.dml");

	/* the causal.effect row */
	json_out_init(&js);
	json_out_str(&js, "model", model);
	json_out_str(&js, "score", score);
	json_out_int(&js, "n_folds", n_folds);
	json_out_int(&js, "n_rep", n_rep);
	json_out_open(&js, "learners", '{');
	{
		const LearnerSpec *ls[4] = {&p.ml_l, &p.ml_m, &p.ml_g, &p.ml_r};
		const double lam[4] = {res.lambda_l, res.lambda_m, res.lambda_g, res.lambda_r};
		const char *key[4] = {"ml_l", "ml_m", "ml_g", "ml_r"};

		for (j = 0; j < 4; j++)
		{
			if (ls[j]->name == NULL)
				continue;
			json_out_open(&js, key[j], '{');
			json_out_str(&js, "learner", ls[j]->name);
			if (ls[j]->kind == LEARNER_RIDGE || ls[j]->kind == LEARNER_LASSO || ls[j]->kind == LEARNER_LOGISTIC)
				json_out_num(&js, "lambda_first_fold", lam[j]);
			json_out_close(&js);
		}
	}
	json_out_close(&js);
	json_out_nums(&js, "thetas", res.thetas, n_rep);
	json_out_nums(&js, "std_errors", res.ses, n_rep);
	json_out_int(&js, "n_skipped", t.n_skipped);
	json_out_int(&js, "seed", seed);
	json_out_str(&js, "folds", fold_column != NULL ? "column" : (cluster != NULL ? "by cluster" :
																   (p.model == DML_IRM ? "stratified by treatment" : "shuffled")));
	if (p.model == DML_IRM)
	{
		json_out_num(&js, "clip", clip);
		json_out_int(&js, "n_clipped", res.n_clipped);
		json_out_bool(&js, "normalize_ipw", normalize);
		overlap_json(&js, &res.overlap);
	}
	if (cluster != NULL)
	{
		json_out_int(&js, "n_clusters", p.n_clusters);
		json_out_bool(&js, "mundlak", mundlak);
	}
	if (res.sens != NULL)
	{
		/* what causal.dml_sensitivity needs, per repetition */
		double	   *col = palloc(sizeof(double) * n_rep);
		int			nz = 0;

		json_out_open(&js, "sensitivity", '{');
#define SENS_COLUMN(field) \
		do { \
			for (j = 0; j < n_rep; j++) \
				col[j] = res.sens[j].field; \
			json_out_nums(&js, #field, col, n_rep); \
		} while (0)
		SENS_COLUMN(theta);
		SENS_COLUMN(sigma2);
		SENS_COLUMN(nu2);
		SENS_COLUMN(max_bias);
		SENS_COLUMN(var_psi);
		SENS_COLUMN(cov_psi_bias);
		SENS_COLUMN(var_bias);
#undef SENS_COLUMN
		for (j = 0; j < n_rep; j++)
			nz += res.sens[j].nu2_riesz ? 1 : 0;
		json_out_int(&js, "nu2_from_riesz", nz);
		json_out_close(&js);
		pfree(col);
	}
	if (n_boot > 0)
	{
		json_out_open(&js, "bootstrap", '{');
		json_out_str(&js, "method", "normal multiplier");
		json_out_int(&js, "n_boot", n_boot);
		json_out_num(&js, "critical_value", res.boot_quantile);
		json_out_close(&js);
	}

	effect_init(&e, psprintf("dml_%s", model), p.model == DML_IRM ? (p.atte ? "ATTE" : "ATE") : "theta");
	e.estimate = res.theta;
	e.has_se = true;
	e.std_error = res.se;
	e.ci_lower = res.ci_lower;	/* from the bootstrap's critical value when n_boot > 0 */
	e.ci_upper = res.ci_upper;
	e.has_p = true;
	e.p_value = dist_normal_two_sided(res.theta / res.se);
	e.n = p.n;
	if (binary)
		effect_arms(&e, n_treated, p.n - n_treated);
	e.details = &js;
	PG_RETURN_DATUM(effect_datum(fcinfo, &e));
}
