/*
 * balance_sql.c
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

#include "core/table_rows.h"
#include "estimate/ebal.h"

extern void weights_trim(int n, const double *treat, double *w, double q);

/* The rows of a weighting problem. */
typedef struct WeightRows
{
	TableRows	t;
	int			n;
	int			p;				/* covariates */
	char	  **covs;
	const double *treat;		/* 0/1 */
	double	  **x;				/* p columns */
	TableColumn *id;
	int			n1;
} WeightRows;

/* Reads treatment, covariates and id, and checks them. */
static void
ReadWeightRows(Oid relid, const char *treatment, ArrayType *covariates, const char *id,
			   WeightRows *r, const char *fn)
{
	Datum	   *elems;
	bool	   *nulls;
	int			j,
				i;

	deconstruct_array(covariates, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &r->p);
	if (r->p < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: no covariates given", fn)));
	r->covs = palloc(sizeof(char *) * r->p);
	r->t.ncols = r->p + 2;
	r->t.cols = palloc0(sizeof(TableColumn) * r->t.ncols);
	r->t.cols[0].name = treatment;
	for (j = 0; j < r->p; j++)
	{
		if (nulls[j])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: covariates contains a NULL", fn)));
		r->covs[j] = TextDatumGetCString(elems[j]);
		r->t.cols[1 + j].name = r->covs[j];
	}
	r->t.cols[r->p + 1].name = id;
	r->t.cols[r->p + 1].kind = TABLE_COL_CODE;
	table_rows_read(relid, &r->t, fn);
	r->n = r->t.nrows;
	r->treat = r->t.cols[0].values;
	r->x = palloc(sizeof(double *) * r->p);
	for (j = 0; j < r->p; j++)
		r->x[j] = r->t.cols[1 + j].values;
	r->id = &r->t.cols[r->p + 1];
	r->n1 = 0;
	for (i = 0; i < r->n; i++)
	{
		if (r->treat[i] != 0.0 && r->treat[i] != 1.0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: treatment column \"%s\" is not binary: it has the value %g", fn, treatment,
							r->treat[i]),
					 errhint("The treatment must be 0/1 or boolean.")));
		r->n1 += r->treat[i] == 1.0;
	}
	if (r->n1 < 1 || r->n - r->n1 < 1)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: %d treated and %d control rows; both groups need rows", fn, r->n1, r->n - r->n1)));
	for (j = 0; j < r->p; j++)
	{
		bool		constant = true;

		for (i = 1; i < r->n && constant; i++)
			constant = r->x[j][i] == r->x[j][0];
		if (constant)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("%s: covariate \"%s\" is constant", fn, r->covs[j]),
					 errhint("Drop it: there is nothing to balance.")));
	}
}

static int
DoubleCmp(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

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
		qsort(v, m, sizeof(double), DoubleCmp);
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
EbalGroup(const WeightRows *r, const double *cons, int k, int arm,
		  const double *target, double tol, double *w, int *iterations)
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
	c = palloc(sizeof(double) * (Size) m * k);
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
	for (i = 0, j = 0; i < r->n; i++)
		if (r->treat[i] == arm)
			w[i] = wg[j++] * m;
}

PG_FUNCTION_INFO_V1(causal_balancing_weights);

/*
 * causal.balancing_weights(relation, treatment, covariates, id, method,
 * estimand, moments, options) returns (id, weight).
 */
Datum
causal_balancing_weights(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const char *fn = "causal.weights";
	char	   *method = text_to_cstring(PG_GETARG_TEXT_PP(4)),
			   *estimand = text_to_cstring(PG_GETARG_TEXT_PP(5));
	int			moments = PG_GETARG_INT32(6);
	double		trim = PG_ARGISNULL(7) ? 0.0 : PG_GETARG_FLOAT8(7);
	WeightRows	r;
	double	   *cons,
			   *target,
			   *w,
				tol = 1e-10;
	char	  **cname;
	int			k = 0,
				j,
				i,
				iterations = 0;

	if (strcmp(method, "ebal") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: unknown balancing method \"%s\"", fn, method)));
	if (strcmp(estimand, "ATE") != 0 && strcmp(estimand, "ATT") != 0 && strcmp(estimand, "ATC") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: estimand must be ATE, ATT or ATC, got \"%s\"", fn, estimand)));
	if (moments < 1 || moments > 3)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: moments must be 1, 2 or 3, got %d", fn, moments),
				 errhint("1 balances means, 2 also variances, 3 also skewness.")));
	if (!PG_ARGISNULL(7) && !(trim > 0.5 && trim < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: trim_at must be a quantile between 0.5 and 1, got %g", fn, trim),
				 errhint("trim_at => 0.99 caps each group's weights at their 99th percentile.")));
	memset(&r, 0, sizeof(r));
	ReadWeightRows(PG_GETARG_OID(0), text_to_cstring(PG_GETARG_TEXT_PP(1)), PG_GETARG_ARRAYTYPE_P(2),
				   text_to_cstring(PG_GETARG_TEXT_PP(3)), &r, fn);

	/* constraints: each covariate, and its centred powers up to moments (binary ones once) */
	cons = palloc_extended(sizeof(double) * (Size) r.n * r.p * moments, MCXT_ALLOC_HUGE);
	cname = palloc(sizeof(char *) * r.p * moments);
	for (j = 0; j < r.p; j++)
	{
		double		mean = 0.0;
		int			pw;

		for (i = 0; i < r.n; i++)
			mean += r.x[j][i] / r.n;
		for (pw = 1; pw <= (IsBinary(r.x[j], r.n) ? 1 : moments); pw++)
		{
			double	   *col = cons + (Size) k * r.n,
						ss = 0.0,
						mu = 0.0,
						sd;

			for (i = 0; i < r.n; i++)
			{
				col[i] = pw == 1 ? r.x[j][i] : pow(r.x[j][i] - mean, pw);
				mu += col[i] / r.n;
			}
			for (i = 0; i < r.n; i++)
				ss += (col[i] - mu) * (col[i] - mu);
			sd = sqrt(ss / r.n);
			for (i = 0; i < r.n; i++)
				col[i] = (col[i] - mu) / sd;
			cname[k++] = pw == 1 ? r.covs[j] : psprintf("%s^%d", r.covs[j], pw);
		}
	}
	/* targets and groups */
	target = palloc0(sizeof(double) * k);
	w = palloc_extended(sizeof(double) * r.n, MCXT_ALLOC_HUGE);
	for (i = 0; i < r.n; i++)
		w[i] = 1.0;
	if (strcmp(estimand, "ATE") == 0)
	{
		/* the constraints are centred on the full sample: the target is zero */
		EbalGroup(&r, cons, k, 1, target, tol, w, &iterations);
		EbalGroup(&r, cons, k, 0, target, tol, w, &iterations);
	}
	else
	{
		int			src = strcmp(estimand, "ATT") == 0 ? 1 : 0;

		for (j = 0; j < k; j++)
		{
			double		s = 0.0;

			for (i = 0; i < r.n; i++)
				if (r.treat[i] == src)
					s += cons[i + (Size) j * r.n];
			target[j] = s / (src == 1 ? r.n1 : r.n - r.n1);
		}
		EbalGroup(&r, cons, k, 1 - src, target, tol, w, &iterations);
	}

	if (trim > 0.0)
		weights_trim(r.n, r.treat, w, trim);
	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < r.n; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = CStringGetTextDatum(r.id->labels[r.id->codes[i]]);
		values[1] = Float8GetDatum(w[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
