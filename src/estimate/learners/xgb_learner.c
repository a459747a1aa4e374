/*
 * xgb_learner.c
 *		The xgboost learner: XGBoost's C API (Debian's libxgboost) with
 *		reg:squarederror or binary:logistic, the histogram tree method (fast
 *		on large tables and deterministic), one thread unless the options say
 *		otherwise.
 *
 * XGBoost allocates with malloc/new, outside PostgreSQL's memory contexts, so
 * its handles are freed in a PG_FINALLY block: on success, on an error and
 * when the user cancels between boosting rounds (CHECK_FOR_INTERRUPTS throws
 * through it).
 */
#include "postgres.h"

#include <math.h>

#include <xgboost/c_api.h>

#include "miscadmin.h"

#include "estimate/learners/xgb_learner.h"

/* Raises an error for a failed XGBoost call. */
static void
XgbCheck(int rc, const LearnerSpec *s, const char *what)
{
	if (rc != 0)
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("xgboost learner for %s: %s failed: %s", s->nuisance, what, XGBGetLastError()),
				 errhint("Check the learner options.")));
}

/* A float32 row-major copy of the given rows of d. */
static float *
RowMajor(const LearnerData *d, const int *rows, int nr)
{
	float	   *m = palloc_extended(sizeof(float) * (Size) nr * Max(d->p, 1), MCXT_ALLOC_HUGE);
	int			i,
				j;

	for (i = 0; i < nr; i++)
		for (j = 0; j < d->p; j++)
			m[(Size) i * d->p + j] = (float) d->x[rows[i] + (Size) j * d->n];
	return m;
}

typedef struct XgbHandles
{
	DMatrixHandle dtrain;
	DMatrixHandle dtest;
	BoosterHandle booster;
} XgbHandles;

/* Sets one booster parameter. */
static void
SetParam(BoosterHandle b, const LearnerSpec *s, const char *name, const char *value)
{
	XgbCheck(XGBoosterSetParam(b, name, value), s, psprintf("setting %s", name));
}

void
xgb_fit_predict(const LearnerSpec *s, const LearnerData *d, const double *target,
				const int *train, int ntrain, const int *test, int ntest, double *pred,
				LearnerReport *report)
{
	XgbHandles *h = palloc0(sizeof(XgbHandles));	/* survives a longjmp */
	float	   *xtr = RowMajor(d, train, ntrain),
			   *xte = RowMajor(d, test, ntest),
			   *label = palloc(sizeof(float) * ntrain);
	int			i;

	for (i = 0; i < ntrain; i++)
		label[i] = (float) target[train[i]];
	PG_TRY();
	{
		bst_ulong	len;
		const float *out;

		XgbCheck(XGDMatrixCreateFromMat(xtr, ntrain, d->p, NAN, &h->dtrain), s, "XGDMatrixCreateFromMat");
		XgbCheck(XGDMatrixSetFloatInfo(h->dtrain, "label", label, ntrain), s, "setting labels");
		XgbCheck(XGDMatrixCreateFromMat(xte, ntest, d->p, NAN, &h->dtest), s, "XGDMatrixCreateFromMat");
		XgbCheck(XGBoosterCreate(&h->dtrain, 1, &h->booster), s, "XGBoosterCreate");
		SetParam(h->booster, s, "objective", s->classifier ? "binary:logistic" : "reg:squarederror");
		SetParam(h->booster, s, "max_depth", psprintf("%d", s->max_depth));
		SetParam(h->booster, s, "eta", psprintf("%.17g", s->eta));
		SetParam(h->booster, s, "subsample", psprintf("%.17g", s->subsample));
		SetParam(h->booster, s, "colsample_bytree", psprintf("%.17g", s->colsample));
		SetParam(h->booster, s, "min_child_weight", psprintf("%.17g", s->min_child_weight));
		SetParam(h->booster, s, "nthread", psprintf("%d", s->nthread));
		SetParam(h->booster, s, "seed", psprintf("%lld", (long long) s->seed));
		SetParam(h->booster, s, "tree_method", "hist");
		SetParam(h->booster, s, "verbosity", "0");
		for (i = 0; i < s->n_trees; i++)
		{
			CHECK_FOR_INTERRUPTS();
			XgbCheck(XGBoosterUpdateOneIter(h->booster, i, h->dtrain), s, "boosting");
		}
		XgbCheck(XGBoosterPredict(h->booster, h->dtest, 0, 0, 0, &len, &out), s, "XGBoosterPredict");
		if (len != (bst_ulong) ntest)
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("xgboost learner for %s returned %lu predictions for %d rows",
							s->nuisance, (unsigned long) len, ntest)));
		for (i = 0; i < ntest; i++)
			pred[test[i]] = out[i];
	}
	PG_FINALLY();
	{
		if (h->booster != NULL)
			XGBoosterFree(h->booster);
		if (h->dtest != NULL)
			XGDMatrixFree(h->dtest);
		if (h->dtrain != NULL)
			XGDMatrixFree(h->dtrain);
	}
	PG_END_TRY();
	report->iterations = s->n_trees;
	report->lambda = 0.0;
	pfree(xtr);
	pfree(xte);
	pfree(label);
}
