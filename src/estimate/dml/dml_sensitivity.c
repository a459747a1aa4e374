/*
 * dml_sensitivity.c
 *		Sensitivity of a DML estimate to unobserved confounding (Chernozhukov,
 *		Cinelli, Newey, Sharma and Syrgkanis 2022, "Long story short"), with
 *		DoubleML's definitions and defaults.
 *
 *		A latent confounder that explains a share cf_y of the outcome's
 *		residual variance and raises the Riesz representer's second moment by
 *		a share cf_d, with correlation rho between the two gaps, moves theta
 *		by at most cs * S, cs = |rho| sqrt(cf_y cf_d / (1 - cf_d)),
 *		S = sqrt(sigma2 nu2).  The bounds' standard errors come from the
 *		scaled score minus/plus cs times the bias's influence function
 *		(sigma2 psi_nu2 + nu2 psi_sigma2) / (2 S), and the confidence bounds
 *		are theta_lower - q se_lower and theta_upper + q se_upper with the
 *		one-sided quantile q = Phi^-1(level).  The robustness value rv is the
 *		cf_y = cf_d at which the bound nearer the null hypothesis reaches it;
 *		rva the same for the confidence bound.
 *
 *		causal.dml stores per repetition the few numbers the bounds need
 *		(theta, S and three variances, see DmlSensitivity) in the effect's
 *		details, so the analysis of any scenario is a function of the effect
 *		row: no refit, no rows.  Repetitions aggregate as DoubleML does
 *		(median of the bounds; standard errors from the median upper
 *		1.96-limits; confidence bounds the median of each repetition's).
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "executor/executor.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "core/compare.h"
#include "core/distributions.h"
#include "core/sql_args.h"
#include "estimate/dml/dml.h"

/* Bilinear form of the (clustered) variance: DoubleML's _var_est with J = 1. */
static double
Gamma(const DmlProblem *p, const int *fold, const int *nclus, int K, const double *a,
	  const double *b, double *scale)
{
	double		g = 0.0;
	int			i;

	if (p->cluster == NULL)
	{
		for (i = 0; i < p->n; i++)
			g += a[i] * b[i];
		*scale = (double) p->n * p->n;
		return g;
	}
	else
	{
		/* one-way clusters: each cluster lies in one fold */
		double	   *ca = palloc0(sizeof(double) * p->n_clusters),
				   *cb = palloc0(sizeof(double) * p->n_clusters),
				   *nk = palloc0(sizeof(double) * K),
					J = 0.0;
		int		   *cfold = palloc(sizeof(int) * p->n_clusters);
		int			c,
					k;

		for (i = 0; i < p->n; i++)
		{
			ca[p->cluster[i]] += a[i];
			cb[p->cluster[i]] += b[i];
			cfold[p->cluster[i]] = fold[i];
			nk[fold[i]] += 1.0;
		}
		for (c = 0; c < p->n_clusters; c++)
			g += ca[c] * cb[c] / nclus[cfold[c]];
		g /= K;
		/* J of psi_deriv = 1: the folds' rows per cluster, averaged */
		for (k = 0; k < K; k++)
			J += nk[k] / nclus[k];
		J /= K;
		*scale = J * J * p->n_clusters;
		pfree(ca);
		pfree(cb);
		pfree(nk);
		pfree(cfold);
		return g;
	}
}

void
dml_sensitivity_elements(const DmlProblem *p, const int *fold, const int *nclus, int K,
						 const DmlSensRows *sr, const double *psi, const double *psi_a,
						 double theta, DmlSensitivity *out)
{
	int			n = p->n,
				i;
	double	   *sig = palloc(sizeof(double) * n),
			   *pnu = palloc(sizeof(double) * n),
			   *u = palloc(sizeof(double) * n),
			   *w = palloc(sizeof(double) * n);
	double		sigma2 = 0.0,
				nu2 = 0.0,
				J = 0.0,
				mb,
				scale;

	for (i = 0; i < n; i++)
	{
		double		e = sr->ry[i] - theta * sr->rd[i];

		sig[i] = e * e;
		sigma2 += sig[i] / n;
		J += psi_a[i] / n;
	}
	if (p->model == DML_PLR)
	{
		double		vv = 0.0;

		for (i = 0; i < n; i++)
			vv += sr->v[i] * sr->v[i] / n;
		nu2 = 1.0 / vv;
		for (i = 0; i < n; i++)
			pnu[i] = nu2 - sr->v[i] * sr->v[i] * nu2 * nu2;
	}
	else
	{
		for (i = 0; i < n; i++)
			nu2 += sr->nu[i] / n;
		for (i = 0; i < n; i++)
			pnu[i] = sr->nu[i] - nu2;
	}
	out->nu2_riesz = false;
	if (!(nu2 > 0.0))
	{
		/*
		 * DoubleML's fallback for a non-positive orthogonal estimate: nu2
		 * from the squared representer, whose (uncentred) square is then
		 * also the influence function it uses.
		 */
		nu2 = 0.0;
		for (i = 0; i < n; i++)
		{
			pnu[i] = sr->rr[i] * sr->rr[i];
			nu2 += pnu[i] / n;
		}
		out->nu2_riesz = true;
	}
	mb = sqrt(sigma2 * nu2);
	for (i = 0; i < n; i++)
	{
		u[i] = psi[i] / J;
		/* a perfect fit (S = 0) leaves no room for bias */
		w[i] = mb > 0.0 ? (sigma2 * pnu[i] + nu2 * (sig[i] - sigma2)) / (2.0 * mb) : 0.0;
	}
	out->theta = theta;
	out->sigma2 = sigma2;
	out->nu2 = nu2;
	out->max_bias = mb;
	out->var_psi = Gamma(p, fold, nclus, K, u, u, &scale) / scale;
	out->cov_psi_bias = Gamma(p, fold, nclus, K, u, w, &scale) / scale;
	out->var_bias = Gamma(p, fold, nclus, K, w, w, &scale) / scale;
	pfree(sig);
	pfree(pnu);
	pfree(u);
	pfree(w);
}

/* ---------------------------------------------------------------------- */
/* causal.dml_sensitivity(effect, cf_y, cf_d, rho, level, null_hypothesis) */

#define SENS_FIELDS 5

typedef struct SensInput
{
	int			n_rep;
	double	   *theta;
	double	   *max_bias;
	double	   *var_psi;
	double	   *cov;
	double	   *var_bias;
} SensInput;

static void
BadDetails(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("causal.dml_sensitivity: the effect's details.sensitivity is malformed: %s", what),
			 errhint("Pass the causal.effect row returned by causal.dml (model plr or irm) unchanged.")));
}

/* The numbers of the array details.sensitivity.<key>. */
static double *
ReadNumbers(JsonbContainer *obj, const char *key, int *count)
{
	JsonbValue *v = getKeyJsonValueFromContainer(obj, key, strlen(key), NULL);
	JsonbIterator *it;
	JsonbValue	e;
	JsonbIteratorToken tok;
	double	   *out;
	int			m = 0,
				cap;

	if (v == NULL || v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data))
		BadDetails(psprintf("\"%s\" is not an array", key));
	cap = JsonContainerSize(v->val.binary.data);
	if (cap < 1 || cap > 100000)
		BadDetails(psprintf("\"%s\" has %d elements", key, cap));
	out = palloc(sizeof(double) * cap);
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
	{
		if (tok != WJB_ELEM)
			continue;
		if (e.type != jbvNumeric || m >= cap)
			BadDetails(psprintf("\"%s\" holds a value that is not a number", key));
		out[m] = DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(e.val.numeric)));
		if (!isfinite(out[m]))
			BadDetails(psprintf("\"%s\" holds a value that is not finite", key));
		m++;
	}
	*count = m;
	return out;
}

static void
ReadSensitivity(Jsonb *details, SensInput *in)
{
	static const char *const keys[SENS_FIELDS] = {"theta", "max_bias", "var_psi", "cov_psi_bias", "var_bias"};
	double	  **dst[SENS_FIELDS] = {&in->theta, &in->max_bias, &in->var_psi, &in->cov, &in->var_bias};
	JsonbValue *s = details == NULL ? NULL :
		getKeyJsonValueFromContainer(&details->root, "sensitivity", strlen("sensitivity"), NULL);
	int			f,
				r;

	if (s == NULL || s->type != jbvBinary || !JsonContainerIsObject(s->val.binary.data))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml_sensitivity: the effect has no sensitivity elements"),
				 errhint("The analysis applies to the effects of causal.dml with model plr or irm (DoubleML has none for pliv), or of causal.estimate with method dml.")));
	for (f = 0; f < SENS_FIELDS; f++)
	{
		int			m;

		*dst[f] = ReadNumbers(s->val.binary.data, keys[f], &m);
		if (f == 0)
			in->n_rep = m;
		else if (m != in->n_rep)
			BadDetails("its arrays differ in length");
	}
	for (r = 0; r < in->n_rep; r++)
	{
		/* the variances of the bounds must be quadratics that stay >= 0 */
		if (in->max_bias[r] < 0.0 || in->var_psi[r] < 0.0 || in->var_bias[r] < 0.0 ||
			in->cov[r] * in->cov[r] > in->var_psi[r] * in->var_bias[r] * (1.0 + 1e-9) + 1e-300)
			BadDetails("a bias or variance is out of range");
	}
}

static double
Median(double *v, int m)
{
	qsort(v, m, sizeof(double), compare_double);
	return m % 2 == 1 ? v[m / 2] : 0.5 * (v[m / 2 - 1] + v[m / 2]);
}

/* The bounds of one scenario, aggregated over the repetitions. */
typedef struct SensBounds
{
	double		theta_lower;
	double		theta_upper;
	double		se_lower;
	double		se_upper;
	double		ci_lower;
	double		ci_upper;
} SensBounds;

static void
Bounds(const SensInput *in, double cs, double q, SensBounds *b)
{
	int			R = in->n_rep,
				r;
	double	   *tl = palloc(sizeof(double) * R),
			   *tu = palloc(sizeof(double) * R),
			   *ul = palloc(sizeof(double) * R),
			   *uu = palloc(sizeof(double) * R),
			   *cl = palloc(sizeof(double) * R),
			   *cu = palloc(sizeof(double) * R);

	for (r = 0; r < R; r++)
	{
		double		sl = sqrt(Max(in->var_psi[r] - 2.0 * cs * in->cov[r] + cs * cs * in->var_bias[r], 0.0)),
					su = sqrt(Max(in->var_psi[r] + 2.0 * cs * in->cov[r] + cs * cs * in->var_bias[r], 0.0));

		tl[r] = in->theta[r] - cs * in->max_bias[r];
		tu[r] = in->theta[r] + cs * in->max_bias[r];
		ul[r] = tl[r] + 1.96 * sl;
		uu[r] = tu[r] + 1.96 * su;
		cl[r] = tl[r] - q * sl;
		cu[r] = tu[r] + q * su;
	}
	b->theta_lower = Median(tl, R);
	b->theta_upper = Median(tu, R);
	b->se_lower = (Median(ul, R) - b->theta_lower) / 1.96;
	b->se_upper = (Median(uu, R) - b->theta_upper) / 1.96;
	b->ci_lower = Median(cl, R);
	b->ci_upper = Median(cu, R);
	pfree(tl);
	pfree(tu);
	pfree(ul);
	pfree(uu);
	pfree(cl);
	pfree(cu);
}

static double
Strength(double cf_y, double cf_d, double rho)
{
	return fabs(rho) * sqrt(cf_y * cf_d / (1.0 - cf_d));
}

/*
 * The robustness value: the v in [0, 0.9999] (DoubleML's search interval)
 * with cf_y = cf_d = v at which the chosen bound (theta's or the CI's, on
 * the side of the null) reaches the null; 0 when it already lies past it,
 * NaN when no v in the interval reaches it (rho = 0, or no bias possible).
 * Bisection: the bound moves away from theta as v grows.
 */
static double
Robustness(const SensInput *in, double rho, double q, double h0, bool upper, bool ci)
{
	double		lo = 0.0,
				hi = 0.9999;
	int			it;

#define GAP(v, out) \
	do { \
		SensBounds b_; \
		Bounds(in, Strength((v), (v), rho), q, &b_); \
		(out) = upper ? (h0 - (ci ? b_.ci_upper : b_.theta_upper)) \
			: ((ci ? b_.ci_lower : b_.theta_lower) - h0); \
	} while (0)

	{
		double		g0,
					g1;

		GAP(lo, g0);
		if (g0 <= 0.0)
			return 0.0;
		GAP(hi, g1);
		if (g1 > 0.0)
			return NAN;
	}
	for (it = 0; it < 200 && hi - lo > 1e-14; it++)
	{
		double		mid = 0.5 * (lo + hi),
					g;

		CHECK_FOR_INTERRUPTS();
		GAP(mid, g);
		if (g > 0.0)
			lo = mid;
		else
			hi = mid;
	}
#undef GAP
	return 0.5 * (lo + hi);
}

PG_FUNCTION_INFO_V1(causal_dml_sensitivity);

Datum
causal_dml_sensitivity(PG_FUNCTION_ARGS)
{
	HeapTupleHeader eff;
	bool		isnull;
	Datum		det;
	SensInput	in;
	SensBounds	b;
	double		cf_y,
				cf_d,
				rho,
				level,
				h0,
				q,
				theta,
				rv,
				rva;
	double	   *tcopy;
	TupleDesc	tupdesc;
	Datum		values[9];
	bool		nulls[9] = {false};

	sql_args_not_null(fcinfo, "causal.dml_sensitivity", 0);
	eff = PG_GETARG_HEAPTUPLEHEADER(0);
	cf_y = PG_GETARG_FLOAT8(1);
	cf_d = PG_GETARG_FLOAT8(2);
	rho = PG_GETARG_FLOAT8(3);
	level = PG_GETARG_FLOAT8(4);
	h0 = PG_GETARG_FLOAT8(5);
	if (!(cf_y >= 0.0 && cf_y < 1.0) || !(cf_d >= 0.0 && cf_d < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml_sensitivity: cf_y and cf_d must be in [0, 1), got %g and %g", cf_y, cf_d),
				 errhint("They are shares of variation explained by the latent confounder; DoubleML's default is 0.03.")));
	if (!(fabs(rho) <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml_sensitivity: rho must be in [-1, 1], got %g", rho),
				 errhint("rho is a correlation; 1 is the most adversarial confounder.")));
	if (!(level > 0.0 && level < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml_sensitivity: level must be in (0, 1), got %g", level),
				 errhint("The confidence level, e.g. 0.95.")));
	if (!isfinite(h0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml_sensitivity: null_hypothesis must be finite"),
				 errhint("The effect the robustness values are measured against, 0 by default.")));

	det = GetAttributeByName(eff, "details", &isnull);
	ReadSensitivity(isnull ? NULL : DatumGetJsonbP(det), &in);
	tcopy = palloc(sizeof(double) * in.n_rep);
	memcpy(tcopy, in.theta, sizeof(double) * in.n_rep);
	theta = Median(tcopy, in.n_rep);
	q = dist_qnorm(level, true);
	Bounds(&in, Strength(cf_y, cf_d, rho), q, &b);
	rv = Robustness(&in, rho, q, h0, h0 > theta, false);
	rva = Robustness(&in, rho, q, h0, h0 > theta, true);

	if (!isfinite(b.theta_lower) || !isfinite(b.theta_upper) || !isfinite(b.se_lower) ||
		!isfinite(b.se_upper) || !isfinite(b.ci_lower) || !isfinite(b.ci_upper))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("causal.dml_sensitivity: the bounds overflow double precision"),
				 errhint("The effect's sensitivity elements are too large for this scenario; pass the row causal.dml returned.")));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "causal.dml_sensitivity: return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Float8GetDatum(b.theta_lower);
	values[1] = Float8GetDatum(theta);
	values[2] = Float8GetDatum(b.theta_upper);
	values[3] = Float8GetDatum(b.se_lower);
	values[4] = Float8GetDatum(b.se_upper);
	values[5] = Float8GetDatum(b.ci_lower);
	values[6] = Float8GetDatum(b.ci_upper);
	values[7] = Float8GetDatum(rv);
	values[8] = Float8GetDatum(rva);
	nulls[7] = isnan(rv);
	nulls[8] = isnan(rva);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
