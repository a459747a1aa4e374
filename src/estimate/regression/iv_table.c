/*
 * iv_table.c
 *		causal.iv_2sls(relation, outcome, treatment[], instruments[],
 *		covariates[], vcov, cluster): two-stage least squares on a table's
 *		rows with classical, heteroskedasticity-robust (HC0, HC1, HC3) or
 *		cluster-robust standard errors.
 *
 * With the design X = (1, D, W) (D endogenous, W exogenous covariates) and
 * the instruments Q = (1, Z, W), the first stage projects X on Q,
 * Xhat = Q (Q'Q)^-1 Q'X (W and the intercept project to themselves), and
 * beta = (Xhat'Xhat)^-1 Xhat'y.  The residuals are y - X beta, not those of
 * the second-stage regression, and the scores are e_i xhat_i: the sandwich
 * of estimate/sandwich.c with the projected design as regressors and the
 * original one for the residuals — R's sandwich on an AER::ivreg fit
 * (vcovHC types, vcovCL's default for clusters) and ivreg's own classical
 * covariance.  The sketch form (iv_sketch.c) gives the classical errors
 * without reading rows; this one needs the rows for the robust ones.
 */
#include "postgres.h"

#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "core/distributions.h"
#include "core/linalg.h"
#include "core/sql_args.h"
#include "core/table_rows.h"
#include "estimate/sandwich.h"

#define FN "causal.iv_2sls"

/* Stops when a column is named twice among the outcome, treatments, instruments and covariates. */
static void
CheckDistinct(char **names, const char **role, int n)
{
	for (int a = 0; a < n; a++)
		for (int b = 0; b < a; b++)
			if (strcmp(names[a], names[b]) == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: column \"%s\" is both %s and %s", FN, names[a], role[b], role[a]),
						 errhint("An instrument is excluded from the outcome equation; a covariate is an instrument for itself, so list it once, in covariates.")));
}

PG_FUNCTION_INFO_V1(causal_iv_2sls_table);

Datum
causal_iv_2sls_table(PG_FUNCTION_ARGS)
{
	static const char *const types[] = {"classical", "HC0", "HC1", "HC3", "cluster", NULL};
	static const SandwichType codes[] = {SANDWICH_CLASSICAL, SANDWICH_HC0, SANDWICH_HC1, SANDWICH_HC3,
	SANDWICH_CLUSTER};
	Oid			relid;
	char	   *outcome,
			   *cluster;
	const char *vcov;
	char	  **treat,
			  **instr,
			  **covs = NULL,
			  **all;
	const char **role;
	int			nd,
				nz,
				nw = 0,
				kx,
				kq,
				n,
				c,
				j,
				bad;
	SandwichType type;
	TableRows	t;
	double	   *x,
			   *q,
			   *xhat,
			   *qq,
			   *qx,
			   *y;
	int64	   *g = NULL;
	WlsProblem	p;
	WlsResult	res;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	/* covariates, vcov and cluster may be NULL */
	sql_args_not_null(fcinfo, FN, SQL_ARG(4) | SQL_ARG(5) | SQL_ARG(6));
	relid = PG_GETARG_OID(0);
	outcome = text_to_cstring(PG_GETARG_TEXT_PP(1));
	treat = sql_args_names(PG_GETARG_ARRAYTYPE_P(2), FN, "treatment", 1, &nd);
	instr = sql_args_names(PG_GETARG_ARRAYTYPE_P(3), FN, "instruments", 1, &nz);
	if (!PG_ARGISNULL(4))
		covs = sql_args_names(PG_GETARG_ARRAYTYPE_P(4), FN, "covariates", 0, &nw);
	cluster = PG_ARGISNULL(6) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(6));
	vcov = PG_ARGISNULL(5) ? (cluster != NULL ? "cluster" : "HC1") : text_to_cstring(PG_GETARG_TEXT_PP(5));
	type = codes[sql_args_choice(vcov, FN, "vcov", types)];
	if ((type == SANDWICH_CLUSTER) != (cluster != NULL))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s", FN, cluster != NULL ? "a cluster column needs vcov 'cluster'"
						: "vcov 'cluster' needs the cluster column"),
				 errhint("Pass cluster => 'column' (vcov then defaults to 'cluster').")));
	if (nz < nd)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %d instrument%s for %d endogenous treatments: the model is not identified",
						FN, nz, nz == 1 ? "" : "s", nd),
				 errhint("2SLS needs at least as many excluded instruments as endogenous treatments.")));

	/* one name, one role */
	all = palloc(sizeof(char *) * (1 + nd + nz + nw));
	role = palloc(sizeof(char *) * (1 + nd + nz + nw));
	c = 0;
	all[c] = outcome;
	role[c++] = "the outcome";
	for (j = 0; j < nd; j++, c++)
		all[c] = treat[j], role[c] = "a treatment";
	for (j = 0; j < nz; j++, c++)
		all[c] = instr[j], role[c] = "an instrument";
	for (j = 0; j < nw; j++, c++)
		all[c] = covs[j], role[c] = "a covariate";
	CheckDistinct(all, role, c);

	memset(&t, 0, sizeof(t));
	t.ncols = c + (cluster != NULL);
	t.cols = palloc0(sizeof(TableColumn) * t.ncols);
	for (j = 0; j < c; j++)
		t.cols[j].name = all[j];
	if (cluster != NULL)
	{
		t.cols[c].name = cluster;
		t.cols[c].kind = TABLE_COL_CODE;
	}
	table_rows_read(relid, &t, FN);
	n = t.nrows;
	kx = 1 + nd + nw;
	kq = 1 + nz + nw;
	if (n <= kq)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: %d rows without NULLs, too few for %d instrument terms", FN, n, kq),
				 errhint("2SLS needs more rows than the intercept, instruments and covariates together.")));

	/* X = (1, D, W) and Q = (1, Z, W), column-major n x k */
	x = palloc_extended(sizeof(double) * (Size) n * kx, MCXT_ALLOC_HUGE);
	q = palloc_extended(sizeof(double) * (Size) n * kq, MCXT_ALLOC_HUGE);
	for (int i = 0; i < n; i++)
		x[i] = q[i] = 1.0;
	for (j = 0; j < nd; j++)
		memcpy(x + (Size) (1 + j) * n, t.cols[1 + j].values, sizeof(double) * n);
	for (j = 0; j < nz; j++)
		memcpy(q + (Size) (1 + j) * n, t.cols[1 + nd + j].values, sizeof(double) * n);
	for (j = 0; j < nw; j++)
	{
		memcpy(x + (Size) (1 + nd + j) * n, t.cols[1 + nd + nz + j].values, sizeof(double) * n);
		memcpy(q + (Size) (1 + nz + j) * n, t.cols[1 + nd + nz + j].values, sizeof(double) * n);
	}
	y = t.cols[0].values;

	/* first stage: (Q'Q)^-1 Q'D for each treatment, then Xhat */
	qq = palloc(sizeof(double) * kq * kq);
	linalg_gram(kq, n, q, qq);
	bad = linalg_spd_inverse(kq, qq);
	if (bad >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: %s is constant or collinear with the instruments and covariates before it", FN,
						bad == 0 ? "the intercept" :
						psprintf("column \"%s\"", bad <= nz ? instr[bad - 1] : covs[bad - 1 - nz])),
				 errhint("Drop the redundant instrument or covariate.")));
	xhat = palloc_extended(sizeof(double) * (Size) n * kx, MCXT_ALLOC_HUGE);
	memcpy(xhat, x, sizeof(double) * (Size) n * kx);
	qx = palloc(sizeof(double) * kq);
	for (j = 0; j < nd; j++)
	{
		const double *d = x + (Size) (1 + j) * n;
		double	   *gam = palloc0(sizeof(double) * kq),
				   *fit = xhat + (Size) (1 + j) * n;

		for (int a = 0; a < kq; a++)
		{
			double		s = 0.0;

			CHECK_FOR_INTERRUPTS();
			for (int i = 0; i < n; i++)
				s += q[i + (Size) a * n] * d[i];
			qx[a] = s;
		}
		linalg_gemv(kq, qq, qx, gam);
		for (int i = 0; i < n; i++)
		{
			double		v = 0.0;

			for (int a = 0; a < kq; a++)
				v += q[i + (Size) a * n] * gam[a];
			fit[i] = v;
		}
		pfree(gam);
	}

	/* second stage with the sandwich */
	memset(&p, 0, sizeof(p));
	p.m = n;
	p.k = kx;
	p.x = xhat;
	p.x_fit = x;
	p.y = y;
	{
		double	   *w = palloc_extended(sizeof(double) * n, MCXT_ALLOC_HUGE);

		for (int i = 0; i < n; i++)
			w[i] = 1.0;
		p.w = w;
	}
	if (cluster != NULL)
	{
		g = palloc_extended(sizeof(int64) * n, MCXT_ALLOC_HUGE);
		for (int i = 0; i < n; i++)
			g[i] = (int64) t.cols[c].codes[i] + 1;
		p.cluster = g;
	}
	p.type = type;
	p.names = palloc(sizeof(char *) * kx);
	p.names[0] = "the intercept";
	for (j = 0; j < nd; j++)
		p.names[1 + j] = psprintf("the first-stage fit of treatment \"%s\"", treat[j]);
	for (j = 0; j < nw; j++)
		p.names[1 + nd + j] = psprintf("covariate \"%s\"", covs[j]);
	p.fn = FN;
	p.rows = "the second stage";
	p.hint = "The instruments do not move this treatment apart from the covariates and the other treatments: the effect is not identified.";
	sandwich_wls(&p, &res);

	/* one row per coefficient, as the sketch form */
	InitMaterializedSRF(fcinfo, 0);
	for (j = 0; j < kx; j++)
	{
		Datum		values[6];
		bool		nulls[6] = {false};
		double		se = sqrt(Max(res.vcov[j + j * kx], 0.0)),
					df = n - kx,
					tv = res.beta[j] / se;

		values[0] = CStringGetTextDatum(j == 0 ? "intercept" : j <= nd ? treat[j - 1] : covs[j - 1 - nd]);
		values[1] = Float8GetDatum(res.beta[j]);
		values[2] = Float8GetDatum(se);
		values[3] = Float8GetDatum(tv);
		values[4] = Float8GetDatum(dist_t_two_sided(tv, df));
		values[5] = Float8GetDatum(df);
		nulls[3] = nulls[4] = !(se > 0.0) || !isfinite(tv);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
