/*
 * simulate.c
 *		Seeded synthetic data: a random sparse linear SEM with a binary
 *		treatment and an outcome whose treatment effect is known.
 *
 * Model (variables in causal order X1..Xk):
 *	 edge Xi -> Xj (i < j) with probability edge_prob, coefficient +-U(0.5, 1.5);
 *	 Xj = sum_i b_ij Xi + e_j,  e_j ~ N(0, 1);
 *	 T  ~ Bernoulli(expit(0.8 X1 - 0.5 X2))   (X2 left out when k = 1);
 *	 Y  = effect * T + X1 + 0.5 X2 + N(0, 1).
 * Used by the benchmarks, the demo and simulation tests.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "core/random.h"

#define SIM_MAX_K 1000

typedef struct SemModel
{
	int			k;
	double	   *coef;			/* k x k, coef[i * k + j] = b_ij for i < j */
	CausalRandom rng;
} SemModel;

/* Checks the simulator's arguments. */
static void
CheckSemArgs(int k, double edge_prob)
{
	if (k < 1 || k > SIM_MAX_K)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"k\" must lie in [1, %d], got %d", SIM_MAX_K, k)));
	if (!(edge_prob >= 0.0 && edge_prob <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"edge_prob\" must lie in [0, 1], got %g", edge_prob)));
}

/* Draws the graph and its coefficients from the seed. */
static void
SemDraw(SemModel *m, int k, int64 seed, double edge_prob)
{
	int			i,
				j;

	m->k = k;
	m->coef = palloc0(sizeof(double) * k * k);
	random_seed(&m->rng, seed);
	for (j = 1; j < k; j++)
		for (i = 0; i < j; i++)
		{
			double		u = random_uniform(&m->rng);
			double		mag = 0.5 + random_uniform(&m->rng);
			double		sgn = random_uniform(&m->rng) < 0.5 ? -1.0 : 1.0;

			if (u < edge_prob)
				m->coef[i * k + j] = sgn * mag;
		}
}

typedef struct SimState
{
	SemModel	model;
	double		effect;
	double	   *x;
} SimState;

PG_FUNCTION_INFO_V1(causal_simulate_sem);
/* SQL causal.simulate_sem(n, k, seed, edge_prob, effect): one row per unit. */
Datum
causal_simulate_sem(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	SimState   *st;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;
		TupleDesc	tupdesc;
		int64		n = PG_GETARG_INT64(0);
		int			k = PG_GETARG_INT32(1);
		double		edge_prob = PG_GETARG_FLOAT8(3);

		if (n < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"n\" must not be negative, got " INT64_FORMAT, n)));
		CheckSemArgs(k, edge_prob);
		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "simulate_sem must return a composite type");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		funcctx->max_calls = (uint64) n;
		st = palloc0(sizeof(SimState));
		SemDraw(&st->model, k, PG_GETARG_INT64(2), edge_prob);
		st->effect = PG_GETARG_FLOAT8(4);
		st->x = palloc(sizeof(double) * k);
		funcctx->user_fctx = st;
		MemoryContextSwitchTo(old);
	}

	funcctx = SRF_PERCALL_SETUP();
	st = funcctx->user_fctx;
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		int			k = st->model.k;
		CausalRandom *rng = &st->model.rng;
		Datum	   *elems = palloc(sizeof(Datum) * k);
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};
		double		lin,
					y;
		int			i,
					j,
					t;

		for (j = 0; j < k; j++)
		{
			double		v = random_normal(rng);

			for (i = 0; i < j; i++)
				v += st->model.coef[i * k + j] * st->x[i];
			st->x[j] = v;
			elems[j] = Float8GetDatum(v);
		}
		lin = 0.8 * st->x[0] - (k > 1 ? 0.5 * st->x[1] : 0.0);
		t = random_uniform(rng) < 1.0 / (1.0 + exp(-lin)) ? 1 : 0;
		y = st->effect * t + st->x[0] + (k > 1 ? 0.5 * st->x[1] : 0.0) + random_normal(rng);

		values[0] = Int64GetDatum((int64) funcctx->call_cntr + 1);
		values[1] = PointerGetDatum(construct_array(elems, k, FLOAT8OID, sizeof(float8),
													FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		values[2] = Int32GetDatum(t);
		values[3] = Float8GetDatum(y);
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}

PG_FUNCTION_INFO_V1(causal_simulate_sem_graph);
/* SQL causal.simulate_sem_graph(k, seed, edge_prob): the true DAG of simulate_sem. */
Datum
causal_simulate_sem_graph(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			k = PG_GETARG_INT32(0);
	double		edge_prob = PG_GETARG_FLOAT8(2);
	SemModel	model;
	int			i,
				j;

	CheckSemArgs(k, edge_prob);
	InitMaterializedSRF(fcinfo, 0);
	SemDraw(&model, k, PG_GETARG_INT64(1), edge_prob);
	for (j = 1; j < k; j++)
		for (i = 0; i < j; i++)
		{
			Datum		values[4];
			bool		nulls[4] = {false, false, false, false};
			double		b = model.coef[i * k + j];

			if (b == 0.0)
				continue;
			values[0] = CStringGetTextDatum(psprintf("x%d", i + 1));
			values[1] = CStringGetTextDatum(psprintf("x%d", j + 1));
			values[2] = CStringGetTextDatum("-->");
			values[3] = Float8GetDatum(b);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	PG_RETURN_VOID();
}
