/*
 * weighted_effect.c
 *		causal.weighted_effect(outcome, treated, weight [, cluster]): the
 *		weighted difference of outcome means with an HC0 or a cluster-robust
 *		standard error, as an aggregate over matched or weighted rows joined
 *		back to a table.
 *
 * Without a cluster the state is twelve sums, per arm (treated first):
 * sum w, sum w y, sum w^2, sum w^2 y, sum w^2 y^2 and the rows, and the HC0
 * variance of the treatment coefficient of lm(y ~ t, weights = w) is
 * sum_arm sum w^2 (y - m_arm)^2 / (sum w)^2.
 *
 * The treatment coefficient of lm(y ~ t, weights = w) has per-row score
 * psi_i = w_i (y_i - m_arm) (t_i / S1 - (1 - t_i) / S0), so the clustered
 * variance G/(G-1) (n-1)/(n-2) sum_g (sum_{i in g} psi_i)^2 (sandwich's
 * vcovCL default) needs per cluster only A = sum w t y, B = sum w t,
 * C = sum w (1-t) y, D = sum w (1-t):  sum psi = (A - m1 B)/S1 - (C - m0 D)/S0.
 *
 * The state is a float8[] (a real type: it crosses parallel workers and
 * Citus nodes as is): a header [entries, capacity, n1, n0, sum w^2 treated,
 * sum w^2 control] and capacity slots for entries (cluster, A, B, C, D), the
 * unused ones zero.  Rows append an entry each; when the slots are full the
 * entries are sorted by cluster and merged (a compaction), and the capacity
 * doubles when that frees less than half of it, so a row costs O(log n)
 * amortized whatever the order of the clusters.  Inside an aggregate the
 * array is updated in place (as float8_accum does); it is replaced only to
 * grow.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "core/distributions.h"
#include "core/json_out.h"
#include "estimate/effect.h"
#include "estimate/sandwich.h"

#define WE_HEADER 6
#define WE_ENTRY 5
#define WE_MIN_CAP 256

/* Bytes of a 1-D float8 array of m elements without nulls. */
static Size
ArrayBytes(int64 m)
{
	return ARR_OVERHEAD_NONULLS(1) + sizeof(double) * m;
}

/* The values of a one-dimensional float8 array without NULLs. */
static double *
Values(ArrayType *a)
{
	return (double *) ((char *) a + ARR_OVERHEAD_NONULLS(1));
}

/* A new state with room for cap entries, holding the used part of src (may be NULL). */
static ArrayType *
NewState(const double *src, int64 entries, int64 cap, MemoryContext cxt)
{
	Size		need = ArrayBytes(WE_HEADER + WE_ENTRY * cap);
	ArrayType  *a;
	double	   *d;

	if (need > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("causal.weighted_effect: more clusters than the state can hold"),
				 errhint("Aggregate per cluster first, or use fewer clusters.")));
	a = MemoryContextAllocZero(cxt, need);
	SET_VARSIZE(a, need);
	a->ndim = 1;
	a->dataoffset = 0;
	a->elemtype = FLOAT8OID;
	ARR_DIMS(a)[0] = WE_HEADER + WE_ENTRY * cap;
	ARR_LBOUND(a)[0] = 1;
	d = Values(a);
	if (src != NULL)
		memcpy(d, src, sizeof(double) * (WE_HEADER + WE_ENTRY * entries));
	d[0] = (double) entries;
	d[1] = (double) cap;
	return a;
}

/* Checks the shape of a state from outside and returns its values. */
static double *
CheckState(ArrayType *a, int64 *entries)
{
	int			m;
	double	   *d;

	if (ARR_NDIM(a) != 1 || ARR_HASNULL(a) || ARR_ELEMTYPE(a) != FLOAT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.weighted_effect: malformed state (not a one-dimensional float8 array without NULLs)")));
	m = ARR_DIMS(a)[0];
	d = Values(a);
	if (m < WE_HEADER || (m - WE_HEADER) % WE_ENTRY != 0 || d[1] != (double) ((m - WE_HEADER) / WE_ENTRY) ||
		!(d[0] >= 0 && d[0] <= d[1] && d[0] == floor(d[0])) || !(d[2] >= 0) || !(d[3] >= 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.weighted_effect: malformed state of %d values", m)));
	*entries = (int64) d[0];
	return d;
}

static int
ByCluster(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

/* Sorts the entries by cluster and merges equal clusters; returns the new count. */
static int64
Compact(double *d, int64 entries)
{
	double	   *e = d + WE_HEADER;
	int64		out = 0;

	qsort(e, entries, sizeof(double) * WE_ENTRY, ByCluster);
	for (int64 i = 0; i < entries; i++)
	{
		if (out > 0 && e[(out - 1) * WE_ENTRY] == e[i * WE_ENTRY])
		{
			for (int j = 1; j < WE_ENTRY; j++)
				e[(out - 1) * WE_ENTRY + j] += e[i * WE_ENTRY + j];
		}
		else
		{
			if (out != i)
				memmove(e + out * WE_ENTRY, e + i * WE_ENTRY, sizeof(double) * WE_ENTRY);
			out++;
		}
	}
	return out;
}

/* Sets the entry count of a state, zeroing the slots freed. */
static void
SetEntries(ArrayType *a, int64 entries)
{
	double	   *d = Values(a);
	int64		old = (int64) d[0];

	if (old > entries)
		memset(d + WE_HEADER + WE_ENTRY * entries, 0, sizeof(double) * WE_ENTRY * (old - entries));
	d[0] = (double) entries;
}

/* Rejects a row whose outcome or weight is not finite, or whose weight is negative. */
static void
CheckRow(double y, double w)
{
	if (!isfinite(y) || !isfinite(w))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.weighted_effect: outcome or weight is NaN or infinite"),
				 errhint("Filter such rows out.")));
	if (w < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.weighted_effect: negative weight %g", w),
				 errhint("Weights must be zero or positive.")));
}

PG_FUNCTION_INFO_V1(weighted_effect_cluster_accum);

Datum
weighted_effect_cluster_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	ArrayType  *st;
	double	   *d,
				y,
				w;
	bool		t;
	int64		g,
				entries,
				cap;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		aggcxt = CurrentMemoryContext;
	if (PG_ARGISNULL(0))
		st = NewState(NULL, 0, WE_MIN_CAP, aggcxt);
	else
	{
		st = PG_GETARG_ARRAYTYPE_P(0);
		d = CheckState(st, &entries);
		/* outside an aggregate the argument is not ours to change */
		if (aggcxt == CurrentMemoryContext)
			st = NewState(d, entries, Max((int64) d[1], WE_MIN_CAP), aggcxt);
	}
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3) || PG_ARGISNULL(4))
		PG_RETURN_ARRAYTYPE_P(st);
	y = PG_GETARG_FLOAT8(1);
	t = PG_GETARG_BOOL(2);
	w = PG_GETARG_FLOAT8(3);
	g = PG_GETARG_INT64(4);
	CheckRow(y, w);
	if (w == 0)
		PG_RETURN_ARRAYTYPE_P(st);
	d = Values(st);
	entries = (int64) d[0];
	cap = (int64) d[1];
	if (entries == cap)
	{
		int64		kept = Compact(d, entries);

		SetEntries(st, kept);
		entries = kept;
		if (entries * 2 > cap)
		{
			st = NewState(d, entries, Max(cap * 2, WE_MIN_CAP), aggcxt);
			d = Values(st);
		}
	}
	d[2 + !t] += 1;
	d[4 + !t] += w * w;
	{
		double	   *e = d + WE_HEADER + entries * WE_ENTRY;

		e[0] = (double) g;
		e[1] = t ? w * y : 0.0;
		e[2] = t ? w : 0.0;
		e[3] = t ? 0.0 : w * y;
		e[4] = t ? 0.0 : w;
	}
	SetEntries(st, entries + 1);
	PG_RETURN_ARRAYTYPE_P(st);
}

PG_FUNCTION_INFO_V1(weighted_effect_cluster_combine);

Datum
weighted_effect_cluster_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	ArrayType  *out;
	double	   *a = NULL,
			   *b = NULL,
			   *d;
	int64		ea = 0,
				eb = 0;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		aggcxt = CurrentMemoryContext;
	if (!PG_ARGISNULL(0))
		a = CheckState(PG_GETARG_ARRAYTYPE_P(0), &ea);
	if (!PG_ARGISNULL(1))
		b = CheckState(PG_GETARG_ARRAYTYPE_P(1), &eb);
	if (a == NULL && b == NULL)
		PG_RETURN_NULL();
	out = NewState(NULL, 0, Max(ea + eb, WE_MIN_CAP), aggcxt);
	d = Values(out);
	for (int j = 2; j < WE_HEADER; j++)
		d[j] = (a ? a[j] : 0.0) + (b ? b[j] : 0.0);
	if (ea > 0)
		memcpy(d + WE_HEADER, a + WE_HEADER, sizeof(double) * WE_ENTRY * ea);
	if (eb > 0)
		memcpy(d + WE_HEADER + WE_ENTRY * ea, b + WE_HEADER, sizeof(double) * WE_ENTRY * eb);
	d[0] = (double) (ea + eb);
	SetEntries(out, Compact(d, ea + eb));
	PG_RETURN_ARRAYTYPE_P(out);
}

PG_FUNCTION_INFO_V1(weighted_effect_cluster_final);

Datum
weighted_effect_cluster_final(PG_FUNCTION_ARGS)
{
	double	   *src,
			   *d,
			   *e,
				s1 = 0,
				s0 = 0,
				a1 = 0,
				a0 = 0,
				m1,
				m0,
				v = 0,
				n,
				se;
	int64		entries,
				G;
	EffectRow	row;
	JsonOut		js;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("causal.weighted_effect needs rows of positive weight in both arms"),
				 errhint("Too few rows, or all weights zero in one arm.")));
	src = CheckState(PG_GETARG_ARRAYTYPE_P(0), &entries);
	d = palloc(sizeof(double) * (WE_HEADER + WE_ENTRY * Max(entries, 1)));
	memcpy(d, src, sizeof(double) * (WE_HEADER + WE_ENTRY * entries));
	G = Compact(d, entries);
	/* n1 and n0 count rows of positive weight */
	e = d + WE_HEADER;
	for (int64 g = 0; g < G; g++)
	{
		a1 += e[g * WE_ENTRY + 1];
		s1 += e[g * WE_ENTRY + 2];
		a0 += e[g * WE_ENTRY + 3];
		s0 += e[g * WE_ENTRY + 4];
	}
	if (!(s1 > 0 && s0 > 0))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("causal.weighted_effect needs rows of positive weight in both arms"),
				 errhint("Too few rows, or all weights zero in one arm.")));
	m1 = a1 / s1;
	m0 = a0 / s0;
	for (int64 g = 0; g < G; g++)
	{
		const double *x = e + g * WE_ENTRY;
		double		c = (x[1] - m1 * x[2]) / s1 - (x[3] - m0 * x[4]) / s0;

		v += c * c;
	}
	n = d[2] + d[3];
	if (G < 2 || n <= 2)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("causal.weighted_effect: %lld clusters and %.0f rows are too few for a clustered standard error",
						(long long) G, n)));
	v *= sandwich_cluster_factor(G, n, 2);
	se = sqrt(v);
	effect_init(&row, "weighted difference", NULL);
	effect_normal(&row, m1 - m0, se, 0.05);
	if (!(se > 0))
		row.p_value = 0.0;
	row.n = (int64) n;
	effect_arms(&row, (int64) d[2], (int64) d[3]);
	json_out_init(&js);
	json_out_str(&js, "std_error", "cluster-robust (HC1-type, as sandwich::vcovCL), conditional on the weights");
	json_out_int(&js, "clusters", (int64) G);
	json_out_num(&js, "ess_treated", s1 * s1 / d[4]);
	json_out_num(&js, "ess_control", s0 * s0 / d[5]);
	row.details = &js;
	PG_RETURN_DATUM(effect_datum(fcinfo, &row));
}

/* ---- without a cluster: HC0 ------------------------------------------- */

#define WE_SUMS 12

/* The twelve sums of a state, checked. */
static double *
SumsState(ArrayType *a)
{
	if (ARR_NDIM(a) != 1 || ARR_HASNULL(a) || ARR_ELEMTYPE(a) != FLOAT8OID || ARR_DIMS(a)[0] != WE_SUMS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.weighted_effect: malformed state (not twelve float8 values without NULLs)")));
	return Values(a);
}

PG_FUNCTION_INFO_V1(weighted_effect_accum);
/* Transition: (state float8[12], outcome, treated, weight); rows with a NULL are skipped. */
Datum
weighted_effect_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	ArrayType  *st;
	double	   *d,
				y,
				w;
	int			o;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.weighted_effect: the state must not be NULL")));
	if (AggCheckCallContext(fcinfo, &aggcxt))
		st = PG_GETARG_ARRAYTYPE_P(0);	/* ours to update in place, as float8_accum does */
	else
		st = PG_GETARG_ARRAYTYPE_P_COPY(0);
	d = SumsState(st);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_ARRAYTYPE_P(st);
	y = PG_GETARG_FLOAT8(1);
	w = PG_GETARG_FLOAT8(3);
	CheckRow(y, w);
	o = PG_GETARG_BOOL(2) ? 0 : 6;
	d[o] += w;
	d[o + 1] += w * y;
	d[o + 2] += w * w;
	d[o + 3] += w * w * y;
	d[o + 4] += w * w * y * y;
	d[o + 5] += w > 0;			/* rows of zero weight (unmatched units) are not counted, as with a cluster */
	PG_RETURN_ARRAYTYPE_P(st);
}

PG_FUNCTION_INFO_V1(weighted_effect_combine);
/* Combine: the element-wise sum of two states. */
Datum
weighted_effect_combine(PG_FUNCTION_ARGS)
{
	const double *a = SumsState(PG_GETARG_ARRAYTYPE_P(0)),
			   *b = SumsState(PG_GETARG_ARRAYTYPE_P(1));
	Datum		sums[WE_SUMS];

	for (int j = 0; j < WE_SUMS; j++)
		sums[j] = Float8GetDatum(a[j] + b[j]);
	PG_RETURN_ARRAYTYPE_P(construct_array(sums, WE_SUMS, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

PG_FUNCTION_INFO_V1(weighted_effect_final);
/* Final: the weighted difference with its HC0 standard error. */
Datum
weighted_effect_final(PG_FUNCTION_ARGS)
{
	const double *s = SumsState(PG_GETARG_ARRAYTYPE_P(0));
	double		m1,
				m0,
				v,
				se;
	EffectRow	row;
	JsonOut		js;

	if (!(s[0] > 0 && s[6] > 0))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("causal.weighted_effect needs rows of positive weight in both arms"),
				 errhint("Too few rows, or all weights zero in one arm.")));
	m1 = s[1] / s[0];
	m0 = s[7] / s[6];
	/* HC0: sum w^2 (y - mean)^2 / (sum w)^2 per arm */
	v = Max(s[4] - 2 * m1 * s[3] + m1 * m1 * s[2], 0.0) / (s[0] * s[0]) +
		Max(s[10] - 2 * m0 * s[9] + m0 * m0 * s[8], 0.0) / (s[6] * s[6]);
	se = sqrt(v);
	if (!isfinite(m1 - m0) || !isfinite(se))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("causal.weighted_effect: the sums overflow double precision"),
				 errhint("Rescale the outcome or the weights.")));
	effect_init(&row, "weighted difference", NULL);
	effect_normal(&row, m1 - m0, se, 0.05);
	if (!(se > 0))
		row.p_value = 0.0;
	effect_arms(&row, (int64) s[5], (int64) s[11]);
	row.n = row.n_treated + row.n_control;
	json_out_init(&js);
	json_out_str(&js, "std_error", "HC0 sandwich, conditional on the weights");
	json_out_num(&js, "ess_treated", s[0] * s[0] / s[2]);
	json_out_num(&js, "ess_control", s[6] * s[6] / s[8]);
	row.details = &js;
	PG_RETURN_DATUM(effect_datum(fcinfo, &row));
}
