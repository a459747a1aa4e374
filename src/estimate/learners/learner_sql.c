/*
 * learner_sql.c
 *		The DML learners on their own: causal.learner_fit (coefficients of the
 *		linear and logistic learners) and causal.learner_predict (in-sample or
 *		out-of-fold predictions keyed by the id column).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "core/random.h"
#include "core/sql_args.h"
#include "core/table_rows.h"
#include "estimate/learners/learners.h"
#include "estimate/propensity/logistic.h"

typedef struct LearnerCall
{
	TableRows	t;
	LearnerSpec spec;
	LearnerData d;
	double	   *y;
	int			ncov;
	char	  **covs;
} LearnerCall;

/* Reads the arguments shared by both functions: relation, target, covariates, learner, options. */
static void
ReadCall(FunctionCallInfo fcinfo, LearnerCall *lc, const char *id, const char *fn)
{
	Oid			relid;
	char	   *target,
			   *learner;
	Jsonb	   *options;
	bool		binary = true;
	int			j,
				i;
	double	   *x,
			  **cols;

	/* options and the seed may be NULL (defaults); id was checked by the caller */
	sql_args_not_null(fcinfo, fn, SQL_ARG(4 + (id != NULL)) | SQL_ARG(PG_NARGS() - 1));
	relid = PG_GETARG_OID(0);
	target = text_to_cstring(PG_GETARG_TEXT_PP(1));
	learner = text_to_cstring(PG_GETARG_TEXT_PP(3 + (id != NULL)));
	options = PG_ARGISNULL(4 + (id != NULL)) ? NULL : PG_GETARG_JSONB_P(4 + (id != NULL));
	lc->covs = sql_args_names(PG_GETARG_ARRAYTYPE_P(2), fn, "covariates", 0, &lc->ncov);
	lc->t.ncols = 1 + lc->ncov + (id != NULL);
	lc->t.cols = palloc0(sizeof(TableColumn) * lc->t.ncols);
	lc->t.cols[0].name = target;
	for (j = 0; j < lc->ncov; j++)
		lc->t.cols[1 + j].name = lc->covs[j];
	if (id != NULL)
	{
		lc->t.cols[lc->t.ncols - 1].name = id;
		lc->t.cols[lc->t.ncols - 1].kind = TABLE_COL_CODE;
	}
	table_rows_mark_factors(relid, &lc->t, 1, lc->ncov);
	table_rows_read(relid, &lc->t, fn);
	if (lc->t.nrows < 2)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: %d rows without NULLs, too few to fit", fn, lc->t.nrows)));
	lc->y = lc->t.cols[0].values;
	for (i = 0; i < lc->t.nrows; i++)
		if (lc->y[i] != 0.0 && lc->y[i] != 1.0)
			binary = false;
	if (sql_args_is(learner, "logistic") && !binary)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: learner logistic needs a 0/1 target, and column \"%s\" has other values", fn, target),
				 errhint("Use ols, ridge, lasso or xgboost for a continuous target.")));
	learner_parse(&lc->spec, fn, learner, "learner", options, binary && !sql_args_is(learner, "ols"),
				  PG_ARGISNULL(PG_NARGS() - 1) ? 42 : PG_GETARG_INT64(PG_NARGS() - 1));
	/* factor covariates become indicator columns (lc->ncov and lc->covs count and name them) */
	lc->ncov = table_rows_design(&lc->t, 1, lc->ncov, false, fn, &lc->covs, &cols);
	x = palloc_extended(sizeof(double) * (Size) lc->t.nrows * Max(lc->ncov, 1), MCXT_ALLOC_HUGE);
	for (j = 0; j < lc->ncov; j++)
		memcpy(x + (Size) j * lc->t.nrows, cols[j], sizeof(double) * lc->t.nrows);
	lc->d.n = lc->t.nrows;
	lc->d.p = lc->ncov;
	lc->d.x = x;
	lc->d.names = lc->covs;
}

PG_FUNCTION_INFO_V1(causal_learner_fit);

/* causal.learner_fit(relation, target, covariates, learner, options, seed): (term, estimate) rows. */
Datum
causal_learner_fit(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	LearnerCall lc;
	LearnerReport rep;
	double	   *beta,
				b0;
	int		   *rows,
				i;

	memset(&lc, 0, sizeof(lc));
	ReadCall(fcinfo, &lc, NULL, "causal.learner_fit");
	if (lc.spec.kind == LEARNER_XGBOOST)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("causal.learner_fit: learner xgboost has no coefficients"),
				 errhint("Use causal.learner_predict for its predictions.")));
	beta = palloc0(sizeof(double) * Max(lc.ncov, 1));
	rows = palloc(sizeof(int) * lc.d.n);
	for (i = 0; i < lc.d.n; i++)
		rows[i] = i;
	if (lc.spec.kind == LEARNER_LOGISTIC)
	{
		LogisticFit *f = logistic_fit(lc.d.n, lc.ncov + 1, lc.d.x, lc.y, lc.spec.lambda, lc.covs);

		b0 = f->beta[0];
		memcpy(beta, f->beta + 1, sizeof(double) * lc.ncov);
	}
	else
		learner_linear_fit(&lc.spec, &lc.d, lc.y, rows, lc.d.n, &b0, beta, &rep);

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i <= lc.ncov; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = CStringGetTextDatum(i == 0 ? "intercept" : lc.covs[i - 1]);
		values[1] = Float8GetDatum(i == 0 ? b0 : beta[i - 1]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	if (lc.spec.lambda_cv)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = CStringGetTextDatum("lambda");
		values[1] = Float8GetDatum(rep.lambda);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(causal_learner_predict);

/*
 * causal.learner_predict(relation, target, covariates, id, learner, options,
 * n_folds, seed): (id, prediction) rows, in-sample when n_folds is 0, else
 * out of fold over a seeded shuffle into n_folds folds.
 */
Datum
causal_learner_predict(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *id;
	int			n_folds;
	LearnerCall lc;
	LearnerReport rep;
	TableColumn *idc;
	double	   *pred;
	int		   *perm,
			   *train,
			   *test,
				n,
				f,
				i;

	sql_args_not_null(fcinfo, "causal.learner_predict", SQL_ARG(5) | SQL_ARG(7));
	id = text_to_cstring(PG_GETARG_TEXT_PP(3));
	n_folds = PG_GETARG_INT32(6);
	if (n_folds == 1 || n_folds < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.learner_predict: n_folds must be 0 (in-sample) or at least 2, got %d", n_folds)));
	memset(&lc, 0, sizeof(lc));
	ReadCall(fcinfo, &lc, id, "causal.learner_predict");
	n = lc.d.n;
	if (n_folds > n)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("causal.learner_predict: %d folds for %d rows", n_folds, n)));
	idc = &lc.t.cols[lc.t.ncols - 1];
	if (idc->ncodes != n)
		ereport(ERROR,
				(errcode(ERRCODE_UNIQUE_VIOLATION),
				 errmsg("causal.learner_predict: id column \"%s\" has duplicate values", id),
				 errhint("Each row needs its own id, so that predictions join back to the table.")));
	pred = palloc_extended(sizeof(double) * n, MCXT_ALLOC_HUGE);
	perm = palloc(sizeof(int) * n);
	train = palloc(sizeof(int) * n);
	test = palloc(sizeof(int) * n);
	for (i = 0; i < n; i++)
		perm[i] = i;
	if (n_folds == 0)
		/* in sample: the rows in scan order, as causal.learner_fit fits them */
		learner_fit_predict(&lc.spec, &lc.d, lc.y, perm, n, perm, n, pred, &rep);
	else
	{
		CausalRandom rng;
		int		   *fold = palloc(sizeof(int) * n),
				   *byid = palloc(sizeof(int) * n);

		/*
		 * Cross-fitted: the rows in the order of their ids (codes follow the
		 * ids' text), not of the scan, so that the folds, and the lasso's
		 * inner folds and XGBoost's subsamples over the training rows, do not
		 * depend on how the rows are stored.
		 */
		for (i = 0; i < n; i++)
			byid[idc->codes[i]] = i;
		memcpy(perm, byid, sizeof(int) * n);
		random_seed(&rng, lc.spec.seed);
		random_shuffle(&rng, perm, n);
		for (i = 0; i < n; i++)
			fold[perm[i]] = (int) ((int64) i * n_folds / n);
		for (f = 0; f < n_folds; f++)
		{
			int			ntr = 0,
						nte = 0;

			for (int k = 0; k < n; k++)
			{
				i = byid[k];
				if (fold[i] == f)
					test[nte++] = i;
				else
					train[ntr++] = i;
			}
			learner_fit_predict(&lc.spec, &lc.d, lc.y, train, ntr, test, nte, pred, &rep);
		}
	}
	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < n; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = CStringGetTextDatum(idc->labels[idc->codes[i]]);
		values[1] = Float8GetDatum(pred[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
