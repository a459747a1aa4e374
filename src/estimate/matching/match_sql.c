/*
 * match_sql.c
 *		causal.match(relation, treatment, covariates, id, method, distance,
 *		estimand, ratio, replace, caliper, std_caliper, exact, m_order,
 *		discard, seed, options): MatchIt's matchit() + match.data() in one
 *		call, returning the matched rows (id, treated, weight, subclass,
 *		distance).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "core/json_options.h"
#include "core/settings.h"
#include "core/sql_args.h"
#include "estimate/estimand.h"
#include "estimate/matching/match.h"
#include "estimate/matching/match_run.h"

/* Argument k of causal.match in a call with every argument after the relation shifted */
#define ARG(k) ((k) == 0 ? 0 : (k) + shift)
#define ARGNULL(k) PG_ARGISNULL(ARG(k))

/* The methods of causal.match, in the order match_rows tells them apart by. */
static const char *const methods[] = {"nearest", "exact", "cem", "subclass", "malts", NULL};

/*
 * The matching of one call.  The arguments are those of causal.match; for
 * causal.match_effect every argument after the relation sits one place
 * later (shift 1) and the outcome comes along as a numeric column.
 */
void
match_run(FunctionCallInfo fcinfo, int shift, const char *outcome_arg, MatchOutput *out)
{
	/* errors name the function called: match_effect passes its outcome (shift 1) */
	const char *fn = shift ? "causal.match_effect" : FN;
	static const char *const known[] = {"ridge", "subclasses", "cutpoints", "outcome", "stretch", "learn_rows", NULL};
	MatchArgs	a;
	ArmRows		r;
	ArrayType  *exact = ARGNULL(11) ? NULL : PG_GETARG_ARRAYTYPE_P(ARG(11));
	const char *outcome = outcome_arg;
	char	  **exact_cols = NULL;
	int			nexact = 0;
	bool		scalar,
				is_malts,
				nearest,
				is_exact,
				is_cem,
				is_sub;
	const char *estimand;

	static const char *const orders[] = {"largest", "smallest", "random", "data", NULL};
	static const char *const discards[] = {"none", "treated", "control", "both", NULL};
	int			method;

	/* the arguments after replace have defaults (NULL: the default) */
	sql_args_not_null(fcinfo, fn, ~(SQL_ARG(9 + shift) - 1));
	memset(&a, 0, sizeof(a));
	a.method = text_to_cstring(PG_GETARG_TEXT_PP(ARG(4)));
	a.distance_name = text_to_cstring(PG_GETARG_TEXT_PP(ARG(5)));
	a.distance = match_parse_distance(&a.distance_name);
	estimand = text_to_cstring(PG_GETARG_TEXT_PP(ARG(6)));
	a.estimand = estimand_parse(estimand, fn, ESTIMANDS_ALL);
	a.ratio = PG_GETARG_INT32(ARG(7));
	a.replace = PG_GETARG_BOOL(ARG(8));
	a.caliper = ARGNULL(9) ? 0.0 : PG_GETARG_FLOAT8(ARG(9));
	a.std_caliper = ARGNULL(10) ? true : PG_GETARG_BOOL(ARG(10));
	a.m_order = ARGNULL(12) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(ARG(12)));
	a.discard = ARGNULL(13) ? "none" : text_to_cstring(PG_GETARG_TEXT_PP(ARG(13)));
	a.seed = ARGNULL(14) ? 0 : PG_GETARG_INT64(ARG(14));
	a.options = ARGNULL(15) ? NULL : PG_GETARG_JSONB_P(ARG(15));

	method = sql_args_choice(a.method, fn, "method", methods);
	a.method = methods[method];
	is_malts = method == 4;
	nearest = method == 0 || is_malts;
	is_exact = method == 1;
	is_cem = method == 2;
	is_sub = method == 3;
	if (nearest && a.estimand == -1)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s: nearest-neighbour matching estimates the ATT or the ATC, not the ATE", fn),
				 errhint("Use method subclass, cem or exact for the ATE, or weighting (causal.weights).")));
	if (a.ratio < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: ratio must be at least 1, got %d", fn, a.ratio)));
	if (!ARGNULL(9) && !(a.caliper > 0 && isfinite(a.caliper)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: caliper must be positive, got %g", fn, a.caliper)));
	if (a.m_order != NULL)
		a.m_order = sql_args_canonical(a.m_order, fn, "m_order", orders);
	a.discard = sql_args_canonical(a.discard, fn, "discard", discards);
	if (a.options != NULL && !JB_ROOT_IS_OBJECT(a.options))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: options must be a JSON object", fn)));
	json_option_check_keys(a.options ? &a.options->root : NULL, known, fn, "causal.match",
						   "Options are ridge (propensity model), subclasses (method subclass), cutpoints (method cem), and outcome, stretch and learn_rows (method malts).");
	scalar = !is_malts && (a.distance == DIST_GLM || a.distance == DIST_LOGIT);
	if (is_malts)
	{
		JsonbValue *ov = a.options ? getKeyJsonValueFromContainer(&a.options->root, "outcome", 7, NULL) : NULL;

		/* MALTS learns its distance from the outcome: match_effect's, or options {"outcome": ...} */
		if (outcome == NULL && ov != NULL && ov->type == jbvString)
			outcome = pnstrdup(ov->val.string.val, ov->val.string.len);
		if (outcome == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: method malts learns its distance from the outcome; none given", fn),
					 errhint("Pass options => '{\"outcome\": \"y\"}'; causal.match_effect uses its outcome argument.")));
	}
	if ((is_exact || is_cem) && (a.caliper > 0 || a.ratio != 1 || a.replace))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: ratio, replace and caliper apply to method nearest only", fn)));
	if (is_sub && !scalar)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: method subclass needs a propensity distance (glm or logit)", fn)));
	if (strcmp(a.discard, "none") != 0 && (!scalar || is_exact || is_cem))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: discard needs a propensity distance (glm or logit) and method nearest or subclass", fn)));
	if (a.m_order != NULL && !scalar && (strcmp(a.m_order, "largest") == 0 || strcmp(a.m_order, "smallest") == 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: m_order %s orders by a propensity distance; distance %s has none", fn, a.m_order,
						text_to_cstring(PG_GETARG_TEXT_PP(ARG(5)))),
				 errhint("Use m_order data or random.")));

	/* exact-matching columns come along as codes */
	memset(&r, 0, sizeof(r));
	if (exact != NULL)
	{
		exact_cols = sql_args_names(exact, fn, "exact", 0, &nexact);
		r.extra = palloc0(sizeof(TableColumn) * Max(nexact, 1));
		for (int k = 0; k < nexact; k++)
		{
			r.extra[k].name = exact_cols[k];
			r.extra[k].kind = TABLE_COL_CODE;
		}
		r.nextra = nexact;
		if (is_sub)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: exact applies to methods nearest, exact and cem", fn)));
	}
	if (outcome != NULL)
	{
		TableColumn *ex = palloc0(sizeof(TableColumn) * (nexact + 1));

		if (nexact > 0)
			memcpy(ex, r.extra, sizeof(TableColumn) * nexact);
		ex[nexact].name = outcome;
		ex[nexact].kind = TABLE_COL_NUMERIC;
		r.extra = ex;
		r.nextra = nexact + 1;
	}
	arm_rows_read(PG_GETARG_OID(0), text_to_cstring(PG_GETARG_TEXT_PP(ARG(1))), PG_GETARG_ARRAYTYPE_P(ARG(2)),
				  text_to_cstring(PG_GETARG_TEXT_PP(ARG(3))), true, true, &r, fn);
	if (r.t.n_skipped > 0)
		ereport(NOTICE,
				(errmsg("%s: %lld rows with a NULL in a used column were skipped", fn, (long long) r.t.n_skipped)));
	match_rows(&r, &a, nexact, outcome != NULL ? r.extra[nexact].values : NULL, out);
}

/*
 * The matching of rows in memory (r as arm_rows_read leaves it, the exact
 * columns' codes in r->extra[0 .. nexact - 1]) with checked settings a; y is
 * the outcome (MALTS learns from it; match_effect estimates with it) or NULL.
 */
void
match_rows(const ArmRows *rows, const MatchArgs *a, int nexact, const double *y, MatchOutput *out)
{
	ArmRows		r = *rows;
	int			n = r.n,
				method = sql_args_choice(a->method, FN, "method", methods);
	bool		is_malts = method == 4,
				nearest = method == 0 || is_malts,
				is_exact = method == 1,
				is_cem = method == 2,
				is_sub = method == 3,
				scalar = !is_malts && (a->distance == DIST_GLM || a->distance == DIST_LOGIT);
	double	   *dist = NULL,
			   *w;
	int64	   *subclass;
	bool	   *eligible,
			   *focal;
	int		   *stratum = NULL;

	out->mm = NULL;

	focal = palloc(sizeof(bool) * n);
	eligible = palloc(sizeof(bool) * n);
	for (int i = 0; i < n; i++)
	{
		focal[i] = a->estimand == 0 ? r.treat[i] == 0.0 : r.treat[i] == 1.0;
		eligible[i] = true;
	}
	if (scalar && !is_exact && !is_cem)
	{
		dist = match_propensity_distance(&r, a);
		if (strcmp(a->discard, "none") != 0)
			match_discard(&r, dist, a->discard, eligible);
	}
	if (nexact > 0 || is_exact || is_cem)
	{
		int			ncode = nexact + (is_exact || is_cem ? r.p : 0);
		int		  **codes = palloc(sizeof(int *) * ncode);

		for (int k = 0; k < nexact; k++)
			codes[k] = r.extra[k].codes;
		for (int j = 0; j < ncode - nexact; j++)
		{
			codes[nexact + j] = palloc_extended(sizeof(int) * Max(n, 1), MCXT_ALLOC_HUGE);
			if (is_exact)
				match_value_codes(n, r.x[j], codes[nexact + j]);
			else
			{
				int			nbins,
							ncuts;
				double	   *cuts;

				match_cem_bins(a->options, r.covs[j], n, &nbins, &cuts, &ncuts);
				match_coarsen(n, r.x[j], nbins, cuts, ncuts, codes[nexact + j]);
			}
		}
		stratum = palloc_extended(sizeof(int) * Max(n, 1), MCXT_ALLOC_HUGE);
		match_strata(n, ncode, codes, stratum);
	}

	w = palloc_extended(sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
	subclass = palloc_extended(sizeof(int64) * Max(n, 1), MCXT_ALLOC_HUGE);
	/* n x ratio match slots: bounded by the rows (more neighbours than rows mean nothing) and memory */
	if (nearest && ((double) a->ratio > n || (double) n * a->ratio * sizeof(int) > (double) causal_max_memory_kb * 1024))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: ratio %d for %d rows needs more matches than rows or than causal.max_memory allows", FN,
						a->ratio, n),
				 errhint("MatchIt's usual ratios are 1 to 10.")));
	if (nearest)
	{
		MatchNearest p;
		int		   *mm = palloc_extended(sizeof(int) * (Size) n * a->ratio, MCXT_ALLOC_HUGE);
		const char *order = a->m_order;

		if (order == NULL || a->replace)
			order = !scalar || a->replace ? "data" : (a->estimand == 0 ? "smallest" : "largest");
		memset(&p, 0, sizeof(p));
		p.n = n;
		p.focal = focal;
		p.eligible = eligible;
		p.stratum = stratum;
		p.ratio = a->ratio;
		p.replace = a->replace;
		if (scalar)
			p.dist = dist;
		else
		{
			p.k = r.p;
			p.coords = is_malts ? match_malts_coordinates(&r, y, a) :
				match_covariate_coordinates(&r, a->distance);
		}
		p.order = match_focal_order(&r, focal, dist, order, a->seed, &p.nfocal);
		if (a->caliper > 0)
			p.caliper = scalar && a->std_caliper ? a->caliper * match_distance_sd(n, dist, eligible) : a->caliper;
		match_nearest(&p, mm);
		match_nearest_weights(n, focal, mm, a->ratio, a->replace, w, subclass);
		out->mm = mm;
	}
	else
	{
		int		   *sub = palloc_extended(sizeof(int) * Max(n, 1), MCXT_ALLOC_HUGE);
		int			nsub;

		if (is_sub)
		{
			int			want = (int) json_option_number(a->options ? &a->options->root : NULL, "subclasses", 6, 1,
														1000, FN, NULL);
			bool	   *use = palloc(sizeof(bool) * n);
			double	   *de = palloc(sizeof(double) * n),
					   *te = palloc(sizeof(double) * n);
			int		   *se = palloc(sizeof(int) * n);
			int			m = 0;

			/* the subclasses of the rows not discarded */
			for (int i = 0; i < n; i++)
				if (eligible[i])
				{
					de[m] = dist[i];
					te[m] = r.treat[i];
					use[m++] = a->estimand == -1 || focal[i];
				}
			nsub = match_propensity_subclasses(m, de, te, use, want, se);
			for (int i = 0, k = 0; i < n; i++)
				sub[i] = eligible[i] ? se[k++] : -1;
		}
		else
		{
			nsub = 0;
			for (int i = 0; i < n; i++)
			{
				sub[i] = stratum[i];
				nsub = Max(nsub, stratum[i] + 1);
			}
		}
		match_subclass_weights(n, r.treat, sub, nsub, a->estimand, w);
		for (int i = 0; i < n; i++)
			subclass[i] = sub[i] + 1;
	}

	out->r = r;
	out->focal = focal;
	out->ratio = a->ratio;
	out->replace = a->replace;
	out->w = w;
	out->subclass = subclass;
	out->dist = dist;
	out->y = y;
	out->estimand = a->estimand;
	out->method = a->method;
	out->distance = a->distance_name;
	if (causal_progress)
	{
		int			kept[2] = {0, 0},
					all[2] = {0, 0};

		for (int i = 0; i < n; i++)
		{
			all[r.treat[i] == 1.0]++;
			kept[r.treat[i] == 1.0] += w[i] > 0;
		}
		ereport(NOTICE,
				(errmsg("%s: method %s matched %d of %d treated and %d of %d control units",
						FN, a->method, kept[1], all[1], kept[0], all[0])));
	}
}

PG_FUNCTION_INFO_V1(causal_match);

/* causal.match(...) returns the matched rows (id, treated, weight, subclass, distance). */
Datum
causal_match(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MatchOutput m;

	match_run(fcinfo, 0, NULL, &m);
	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < m.r.n; i++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, m.subclass[i] == 0, m.dist == NULL};

		if (!(m.w[i] > 0))
			continue;
		values[0] = CStringGetTextDatum(m.r.id->labels[m.r.id->codes[i]]);
		values[1] = BoolGetDatum(m.r.treat[i] == 1.0);
		values[2] = Float8GetDatum(m.w[i]);
		values[3] = Int64GetDatum(m.subclass[i]);
		values[4] = m.dist ? Float8GetDatum(m.dist[i]) : (Datum) 0;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
