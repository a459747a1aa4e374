/*
 * balance_table.c
 *		causal.balance(relation, treatment, covariates, weight, estimand): the
 *		covariate balance table of MatchIt's summary() in one scan of the
 *		table: per covariate the (weighted) means per arm, the standardized
 *		mean difference, the variance ratio and the eCDF statistics.
 *
 *		Conventions (MatchIt's, shared by cobalt): the SMD denominator comes
 *		from the unweighted groups, the treated SD for the ATT, the control SD
 *		for the ATC, the root mean of both variances for the ATE; a binary
 *		(0/1) covariate uses sqrt(p (1 - p)) instead of the sample SD, has no
 *		variance ratio, and its eCDF statistics are the absolute difference
 *		in proportions.  Weighted variances are reliability-weighted:
 *		sum w (x - m)^2 / (sum w - sum w^2 / sum w).  The eCDF statistics are
 *		the mean and the maximum over the distinct values of x of the absolute
 *		difference of the two weighted empirical CDFs.
 *
 *		The weights come from a column of the relation, or from a matching
 *		result (matches: a relation with the columns id and weight, such as a
 *		table made from causal.match) joined on the relation's id column, a
 *		unit absent from it weighing 0, as cobalt's bal.tab() reads a matchit
 *		object.
 */
#include "postgres.h"

#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "core/sql_args.h"
#include "core/table_rows.h"
#include "estimate/estimand.h"

/* A row's value with its weight signed by arm (treated positive), sorted by value for the eCDFs. */
typedef struct ValueWeight
{
	double		x;
	double		w;
	bool		treated;
} ValueWeight;

/* a matched unit: its id (the text of the id column) and weight */
typedef struct MatchWeight
{
	const char *id;
	double		w;
} MatchWeight;

static int
CmpMatchWeight(const void *a, const void *b)
{
	return strcmp(((const MatchWeight *) a)->id, ((const MatchWeight *) b)->id);
}

/*
 * Weights per row of the relation from a matching result: the weight of the
 * row's id in matches (columns id and weight), 0 for a row not in it.  Every
 * id of matches must be a row of the relation and appear once.
 */
static double *
MatchesWeights(Oid matches, const TableColumn *idcol, int n, const char *fn)
{
	TableRows	m = {0};
	MatchWeight *mw;
	double	   *w = palloc0(sizeof(double) * Max(n, 1));
	double	   *code_w = palloc0(sizeof(double) * Max(idcol->ncodes, 1));
	int			found = 0;

	m.ncols = 2;
	m.cols = palloc0(sizeof(TableColumn) * 2);
	m.cols[0].name = "id";
	m.cols[0].kind = TABLE_COL_CODE;
	m.cols[1].name = "weight";
	table_rows_read(matches, &m, fn);
	if (m.nrows != m.cols[0].ncodes)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: matches has %d rows but %d distinct ids", fn, m.nrows, m.cols[0].ncodes),
				 errhint("Pass the rows of one causal.match() call: one row per matched unit.")));
	mw = palloc(sizeof(MatchWeight) * Max(m.nrows, 1));
	for (int i = 0; i < m.nrows; i++)
	{
		mw[i].id = m.cols[0].labels[m.cols[0].codes[i]];
		mw[i].w = m.cols[1].values[i];
		if (!(mw[i].w >= 0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: matches has the negative weight %g for id \"%s\"", fn, mw[i].w, mw[i].id),
					 errhint("Weights must be zero or positive.")));
	}
	qsort(mw, m.nrows, sizeof(MatchWeight), CmpMatchWeight);
	for (int c = 0; c < idcol->ncodes; c++)
	{
		MatchWeight key = {.id = idcol->labels[c]};
		MatchWeight *hit = bsearch(&key, mw, m.nrows, sizeof(MatchWeight), CmpMatchWeight);

		CHECK_FOR_INTERRUPTS();
		if (hit != NULL)
		{
			code_w[c] = hit->w;
			found++;
		}
	}
	if (found < m.nrows)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %d of the %d ids in matches are not ids of the relation", fn, m.nrows - found, m.nrows),
				 errhint("Pass the relation and id column that causal.match() was called on.")));
	/* two rows of one id would share its weight: refuse, as causal.match does */
	if (idcol->ncodes != n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the id column \"%s\" has %d distinct values in %d rows", fn, idcol->name,
						idcol->ncodes, n),
				 errhint("The id column must identify the rows, as for causal.match().")));
	for (int i = 0; i < n; i++)
		w[i] = code_w[idcol->codes[i]];
	return w;
}

/* an inlined sort by value (PostgreSQL's sort template): the sorts are most of the time here */
#define ST_SORT SortByValue
#define ST_ELEMENT_TYPE ValueWeight
#define ST_COMPARE(a, b) ((a)->x < (b)->x ? -1 : ((a)->x > (b)->x ? 1 : 0))
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

PG_FUNCTION_INFO_V1(causal_balance);

Datum
causal_balance(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.balance";
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *treatment,
			   *weight,
			   *estimand,
			   *id;
	Oid			matches;
	char	  **covs;
	double	  **xs;
	int			p,
				n;
	TableRows	t = {0};
	const double *tr,
			   *w = NULL;
	ValueWeight *vw_rows;
	int			est;

	for (int k = 0; k < 3; k++)
		if (PG_ARGISNULL(k))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: %s must not be NULL", fn, k == 0 ? "relation" : k == 1 ? "treatment" : "covariates")));
	treatment = text_to_cstring(PG_GETARG_TEXT_PP(1));
	weight = PG_ARGISNULL(3) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(3));
	matches = PG_NARGS() > 5 && !PG_ARGISNULL(5) ? PG_GETARG_OID(5) : InvalidOid;
	id = PG_NARGS() > 6 && !PG_ARGISNULL(6) ? text_to_cstring(PG_GETARG_TEXT_PP(6)) : NULL;
	if (OidIsValid(matches) && weight != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: pass either weight or matches, not both", fn),
				 errhint("weight names a column of the relation; matches a matching result keyed by id.")));
	if (OidIsValid(matches) != (id != NULL))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: matches and id go together", fn),
				 errhint("For example matches => 'my_matches', id => 'row_id' (the id column causal.match() was given).")));
	estimand = PG_ARGISNULL(4) ? "ATT" : text_to_cstring(PG_GETARG_TEXT_PP(4));
	est = estimand_parse(estimand, fn, ESTIMANDS_ALL);
	covs = sql_args_names(PG_GETARG_ARRAYTYPE_P(2), fn, "covariates", 1, &p);
	t.ncols = p + 1 + (weight != NULL || id != NULL);
	t.cols = palloc0(sizeof(TableColumn) * t.ncols);
	t.cols[0].name = treatment;
	for (int j = 0; j < p; j++)
		t.cols[1 + j].name = covs[j];
	if (weight != NULL)
		t.cols[p + 1].name = weight;
	if (id != NULL)
	{
		t.cols[p + 1].name = id;
		t.cols[p + 1].kind = TABLE_COL_CODE;
	}
	table_rows_mark_factors(PG_GETARG_OID(0), &t, 1, p);
	table_rows_read(PG_GETARG_OID(0), &t, fn);
	n = t.nrows;
	tr = t.cols[0].values;
	if (weight != NULL)
		w = t.cols[p + 1].values;
	if (id != NULL)
		w = MatchesWeights(matches, &t.cols[p + 1], n, fn);
	/* a factor covariate gives a row per level, the first one too (as cobalt's tables) */
	{
		int			nc = p;

		p = table_rows_design(&t, 1, nc, true, fn, &covs, &xs);
	}
	for (int i = 0; i < n; i++)
	{
		if (tr[i] != 0.0 && tr[i] != 1.0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: treatment column \"%s\" is not binary: it has the value %g", fn, treatment, tr[i]),
					 errhint("The treatment must be 0/1 or boolean.")));
		if (weight != NULL && w[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: weight column \"%s\" has a negative value %g", fn, weight, w[i]),
					 errhint("Weights must be zero or positive.")));
	}
	vw_rows = palloc_extended(sizeof(ValueWeight) * Max(n, 1), MCXT_ALLOC_HUGE);
	InitMaterializedSRF(fcinfo, 0);
	for (int j = 0; j < p; j++)
	{
		const double *x = xs[j];
		double		sw[2] = {0, 0},
					sw2[2] = {0, 0},
					swx[2] = {0, 0},
					sx[2] = {0, 0},
					m[2],
					mu[2],
					vu[2] = {0, 0},
					vw[2] = {0, 0},
					sd,
					smd,
					ecdf_mean = 0.0,
					ecdf_max = 0.0,
					ct = 0.0,
					cc = 0.0;
		int64		cnt[2] = {0, 0};
		int			ndistinct = 0;
		bool		binary = true;
		Datum		values[11];
		bool		rnull[11] = {false};

		CHECK_FOR_INTERRUPTS();
		for (int i = 0; i < n; i++)
		{
			int			g = tr[i] == 1.0;
			double		wi = w ? w[i] : 1.0;

			cnt[g]++;
			sw[g] += wi;
			sw2[g] += wi * wi;
			swx[g] += wi * x[i];
			sx[g] += x[i];
			binary = binary && (x[i] == 0.0 || x[i] == 1.0);
		}
		if (cnt[0] == 0 || cnt[1] == 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("%s: covariate \"%s\": both treatment groups need rows", fn, covs[j])));
		for (int g = 0; g < 2; g++)
		{
			m[g] = swx[g] / sw[g];
			mu[g] = sx[g] / cnt[g];
		}
		for (int i = 0; i < n; i++)
		{
			int			g = tr[i] == 1.0;
			double		wi = w ? w[i] : 1.0;

			vu[g] += (x[i] - mu[g]) * (x[i] - mu[g]);
			vw[g] += wi * (x[i] - m[g]) * (x[i] - m[g]);
		}
		for (int g = 0; g < 2; g++)
		{
			vu[g] = cnt[g] > 1 ? vu[g] / (cnt[g] - 1) : NAN;
			vw[g] = vw[g] / (sw[g] - sw2[g] / sw[g]);
		}
		if (binary)
			sd = est == 1 ? sqrt(mu[1] * (1 - mu[1])) : est == 0 ? sqrt(mu[0] * (1 - mu[0])) :
				sqrt((mu[1] * (1 - mu[1]) + mu[0] * (1 - mu[0])) / 2);
		else
			sd = est == 1 ? sqrt(vu[1]) : est == 0 ? sqrt(vu[0]) : sqrt((vu[1] + vu[0]) / 2);
		smd = (m[1] - m[0]) / sd;
		if (binary)
			ecdf_mean = ecdf_max = fabs(m[1] - m[0]);
		else
		{
			/* walk the distinct values in order, accumulating both weighted eCDFs */
			for (int i = 0; i < n; i++)
			{
				vw_rows[i].x = x[i];
				vw_rows[i].w = w ? w[i] : 1.0;
				vw_rows[i].treated = tr[i] == 1.0;
			}
			SortByValue(vw_rows, n);
			for (int a = 0; a < n;)
			{
				int			b = a;
				double		d;

				while (b < n && vw_rows[b].x == vw_rows[a].x)
				{
					if (vw_rows[b].treated)
						ct += vw_rows[b].w;
					else
						cc += vw_rows[b].w;
					b++;
				}
				d = fabs(ct / sw[1] - cc / sw[0]);
				ecdf_mean += d;
				ecdf_max = Max(ecdf_max, d);
				ndistinct++;
				a = b;
			}
			ecdf_mean /= ndistinct;
		}
		values[0] = CStringGetTextDatum(covs[j]);
		values[1] = Float8GetDatum(m[1]);
		values[2] = Float8GetDatum(m[0]);
		values[3] = Float8GetDatum(smd);
		rnull[3] = !(sd > 0) || !isfinite(smd);
		values[4] = Float8GetDatum(vw[1] / vw[0]);
		rnull[4] = binary || !(vw[0] > 0) || !isfinite(vw[1] / vw[0]);
		values[5] = Float8GetDatum(ecdf_mean);
		values[6] = Float8GetDatum(ecdf_max);
		values[7] = Int64GetDatum(cnt[1]);
		values[8] = Int64GetDatum(cnt[0]);
		values[9] = Float8GetDatum(sw[1] * sw[1] / sw2[1]);
		values[10] = Float8GetDatum(sw[0] * sw[0] / sw2[0]);
		rnull[9] = !(sw2[1] > 0);
		rnull[10] = !(sw2[0] > 0);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, rnull);
	}
	return (Datum) 0;
}
