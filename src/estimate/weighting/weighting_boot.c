/*
 * weighting_boot.c
 *		The nonparametric bootstrap of causal.weighting_effect, in memory on
 *		the rows read once: each replicate draws n rows with replacement,
 *		re-estimates the weights (the logistic propensity model for ipw, the
 *		balancing solvers otherwise), optionally the augmentation's outcome
 *		model, and recomputes the weighted difference of means.
 *
 *		The draws are those the SQL implementation made (and the tests and docs
 *		document): the rows in the order of their id as text, draw j of
 *		replicate b the row 1 + (hashint8extended(j, seed * 100003 + b) &
 *		(2^63 - 1)) mod n.  Nothing is written: no temporary table, so the
 *		function runs in read-only transactions and on standbys.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "core/sql_args.h"
#include "estimate/arm_rows.h"
#include "estimate/weighting/balancing.h"
#include "estimate/weighting/ipw.h"
#include "estimate/weighting/weighting_boot.h"


/* The effect on one resample: weights, then treated minus control weighted means. */
static double
Replicate(const ArmRows *r, const double *y, const BootSettings *s, int b)
{
	double	   *w = palloc_extended(sizeof(double) * r->n, MCXT_ALLOC_HUGE),
			   *yy = (double *) y,
				sw[2] = {0, 0},
				swy[2] = {0, 0};

	if (r->n1 < 1 || r->n1 == r->n)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("causal.weighting_effect: bootstrap resample %d has rows of one treatment group only", b),
				 errhint("The bootstrap needs more rows in the smaller group.")));
	for (int j = 0; j < r->p; j++)
	{
		bool		constant = true;

		for (int i = 1; i < r->n && constant; i++)
			constant = r->x[j][i] == r->x[j][0];
		if (constant)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("causal.weighting_effect: covariate \"%s\" is constant in bootstrap resample %d",
							r->covs[j], b),
					 errhint("The bootstrap needs a covariate to vary in every resample: use more rows.")));
	}
	if (strcmp(s->method, "ipw") == 0)
		ipw_weights_compute(r, s->src, s->stabilize, s->ridge, s->ps_clip, s->trim, w, NULL, NULL);
	else
		balancing_weights_compute(r, s->method, s->src, s->moments, s->trim, s->options, w, NULL,
								  "causal.weighting_effect");
	if (s->augmented)
	{
		yy = palloc_extended(sizeof(double) * r->n, MCXT_ALLOC_HUGE);
		weighting_augment(r, s->src, y, yy, NULL);
	}
	for (int i = 0; i < r->n; i++)
	{
		int			t = r->treat[i] == 1.0;

		/* as in causal.balancing_weights: floating-point dust is no weight */
		if (w[i] < 1e-100)
			w[i] = 0.0;
		sw[t] += w[i];
		swy[t] += w[i] * yy[i];
	}
	if (!(sw[0] > 0.0 && sw[1] > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("causal.weighting_effect: bootstrap resample %d gives one group no weight", b)));
	pfree(w);
	if (yy != y)
		pfree(yy);
	return swy[1] / sw[1] - swy[0] / sw[0];
}

/* The n_boot replicate estimates of the weighted difference (see weighting_boot.h). */
double *
weighting_bootstrap(Oid relid, const char *outcome_name, const char *treatment, ArrayType *covariates,
					const char *id, const BootSettings *s, int n_boot, int64 seed, const char *fn)
{
	ArmRows		r;
	TableColumn outcome;
	ArmRows		rb;
	int			n,
			   *order;
	int64		base;
	double	   *y,
			   *yb,
			   *tb,
			   *est;
	MemoryContext work,
				outer = CurrentMemoryContext;

	/* the hash seed of replicate b is base + b: neither may overflow (SQL's bigint would raise) */
	if (pg_mul_s64_overflow(seed, 100003, &base) || base > PG_INT64_MAX - n_boot)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: seed %lld is out of range for the bootstrap", fn, (long long) seed),
				 errhint("Use a seed between -92233720368547 and 92233720368547.")));

	/* the rows, once: treatment, covariates, id (unique), outcome */
	memset(&r, 0, sizeof(r));
	memset(&outcome, 0, sizeof(outcome));
	outcome.name = outcome_name;
	r.extra = &outcome;
	r.nextra = 1;
	arm_rows_read(relid, treatment, covariates, id, false, true, &r, fn);
	n = r.n;
	y = r.extra[0].values;
	/* the rows in the order of their id as text: the codes are the ranks of the labels */
	order = palloc(sizeof(int) * n);
	for (int i = 0; i < n; i++)
		order[r.id->codes[i]] = i;

	/* one resample's arrays, reused */
	rb = r;
	tb = palloc_extended(sizeof(double) * n, MCXT_ALLOC_HUGE);
	rb.treat = tb;
	rb.x = palloc(sizeof(double *) * r.p);
	for (int j = 0; j < r.p; j++)
		rb.x[j] = palloc_extended(sizeof(double) * n, MCXT_ALLOC_HUGE);
	yb = palloc_extended(sizeof(double) * n, MCXT_ALLOC_HUGE);
	est = palloc(sizeof(double) * n_boot);
	work = AllocSetContextCreate(CurrentMemoryContext, "causal bootstrap replicate", ALLOCSET_DEFAULT_SIZES);

	for (int b = 1; b <= n_boot; b++)
	{
		MemoryContext old;

		CHECK_FOR_INTERRUPTS();
		rb.n1 = 0;
		for (int j = 1; j <= n; j++)
		{
			uint64		h = DatumGetUInt64(DirectFunctionCall2(hashint8extended, Int64GetDatum(j),
															   Int64GetDatum(base + b)));
			int			row = order[(h & UINT64CONST(0x7FFFFFFFFFFFFFFF)) % (uint64) n];

			tb[j - 1] = r.treat[row];
			rb.n1 += r.treat[row] == 1.0;
			for (int k = 0; k < r.p; k++)
				rb.x[k][j - 1] = r.x[k][row];
			yb[j - 1] = y[row];
		}
		old = MemoryContextSwitchTo(work);
		est[b - 1] = Replicate(&rb, yb, s, b);
		MemoryContextSwitchTo(old);
		MemoryContextReset(work);
	}
	MemoryContextSwitchTo(outer);
	MemoryContextDelete(work);
	return est;
}

PG_FUNCTION_INFO_V1(causal_weighting_bootstrap);

/*
 * causal.weighting_bootstrap(relation, outcome, treatment, covariates, id,
 * method, estimand, stabilize, ridge, moments, trim_at, ps_clip, options,
 * augmented, n_boot, seed) returns the n_boot replicate estimates.
 */
Datum
causal_weighting_bootstrap(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.weighting_effect";
	BootSettings s;
	char	   *estimand;
	int			n_boot;
	int64		seed;
	double	   *est;
	Datum	   *out;

	/* trim_at, ps_clip and options may be NULL (none, defaults) */
	sql_args_not_null(fcinfo, fn, SQL_ARG(10) | SQL_ARG(11) | SQL_ARG(12));
	memset(&s, 0, sizeof(s));
	s.method = text_to_cstring(PG_GETARG_TEXT_PP(5));
	estimand = text_to_cstring(PG_GETARG_TEXT_PP(6));
	s.stabilize = PG_GETARG_BOOL(7);
	s.ridge = PG_GETARG_FLOAT8(8);
	s.moments = PG_GETARG_INT32(9);
	s.trim = PG_ARGISNULL(10) ? 0.0 : PG_GETARG_FLOAT8(10);
	s.ps_clip = PG_ARGISNULL(11) ? 0.0 : PG_GETARG_FLOAT8(11);
	s.options = PG_ARGISNULL(12) ? NULL : PG_GETARG_JSONB_P(12);
	s.augmented = PG_GETARG_BOOL(13);
	n_boot = PG_GETARG_INT32(14);
	seed = PG_GETARG_INT64(15);

	if (strcmp(s.method, "ipw") == 0)
		s.src = ipw_check_args(estimand, !PG_ARGISNULL(10), s.trim, !PG_ARGISNULL(11), s.ps_clip, s.ridge, fn);
	else
		s.src = balancing_check_args(s.method, estimand, s.moments, !PG_ARGISNULL(10), s.trim, s.options, fn);
	if (s.augmented && s.src < 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s: augmented weighting is available for the ATT and the ATC, got \"%s\"", fn, estimand)));
	if (n_boot < 1 || n_boot > 10000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: n_boot must be between 1 and 10000, got %d", fn, n_boot)));
	est = weighting_bootstrap(PG_GETARG_OID(0), text_to_cstring(PG_GETARG_TEXT_PP(1)),
							  text_to_cstring(PG_GETARG_TEXT_PP(2)), PG_GETARG_ARRAYTYPE_P(3),
							  text_to_cstring(PG_GETARG_TEXT_PP(4)), &s, n_boot, seed, fn);
	out = palloc(sizeof(Datum) * n_boot);
	for (int b = 0; b < n_boot; b++)
		out[b] = Float8GetDatum(est[b]);
	PG_RETURN_ARRAYTYPE_P(construct_array(out, n_boot, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}
