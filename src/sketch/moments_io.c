/*
 * moments_io.c
 *		Text (JSON) and binary input/output of causal.moments.
 *
 * Both forms are lossless: doubles are written in the shortest form that
 * reads back to the same bits (text) or as IEEE bytes (binary), so a sketch
 * survives dump/restore and Citus's shipping of partial aggregates exactly.
 */
#include "postgres.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "sketch/moments.h"

/* Appends a JSON array of n doubles in shortest round-trip form. */
static void
AppendDoubles(StringInfo s, const double *v, Size n)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];
	Size		i;

	appendStringInfoChar(s, '[');
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoChar(s, ',');
		double_to_shortest_decimal_buf(v[i], buf);
		appendStringInfoString(s, buf);
	}
	appendStringInfoChar(s, ']');
}

PG_FUNCTION_INFO_V1(moments_out);
/* Text output: a JSON object readable by people and by moments_in. */
Datum
moments_out(PG_FUNCTION_ARGS)
{
	MomentsFlat *f = (MomentsFlat *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	StringInfoData s;
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];
	int			k = f->k;

	initStringInfo(&s);
	appendStringInfo(&s, "{\"version\": %d, \"k\": %d, \"weighted\": %s, \"n\": " INT64_FORMAT
					 ", \"n_skipped\": " INT64_FORMAT,
					 f->version, k, (f->flags & MOMENTS_FLAG_WEIGHTED) ? "true" : "false",
					 f->n, f->n_skipped);
	double_to_shortest_decimal_buf(f->sum_w, buf);
	appendStringInfo(&s, ", \"sum_w\": %s", buf);
	double_to_shortest_decimal_buf(f->sum_w2, buf);
	appendStringInfo(&s, ", \"sum_w2\": %s, \"shift\": ", buf);
	AppendDoubles(&s, f->data, k);
	appendStringInfoString(&s, ", \"delta\": ");
	AppendDoubles(&s, f->data + k, k);
	appendStringInfoString(&s, ", \"comoment\": ");
	AppendDoubles(&s, f->data + 2 * k, MOMENTS_PACKED(k));
	appendStringInfoChar(&s, '}');
	PG_RETURN_CSTRING(s.data);
}

/* Raises the error for a malformed text value. */
static void
BadText(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type causal.moments: %s", what),
			 errhint("Expected the JSON object that causal.moments values print as.")));
}

/* Looks up a key of the top-level object; missing keys are an error. */
static JsonbValue *
GetKey(Jsonb *jb, const char *key, enum jbvType type)
{
	JsonbValue *v = getKeyJsonValueFromContainer(&jb->root, key, strlen(key), NULL);

	if (v == NULL)
		BadText(psprintf("key \"%s\" is missing", key));
	if (v->type != type)
		BadText(psprintf("key \"%s\" has the wrong JSON type", key));
	return v;
}

/* Reads a JSON number as a double (exactly: numeric -> shortest decimal -> strtod). */
static double
NumberValue(JsonbValue *v, const char *key)
{
	if (v->type != jbvNumeric)
		BadText(psprintf("key \"%s\" holds a non-number", key));
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(v->val.numeric)));
}

/* Reads a JSON integer into an int64. */
static int64
IntegerValue(Jsonb *jb, const char *key)
{
	JsonbValue *v = GetKey(jb, key, jbvNumeric);

	return DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(v->val.numeric)));
}

/* Reads a JSON array of exactly n numbers. */
static void
ReadArray(Jsonb *jb, const char *key, double *out, Size n)
{
	JsonbValue *v = GetKey(jb, key, jbvBinary);
	JsonbContainer *c = v->val.binary.data;
	Size		i;

	if (!JsonContainerIsArray(c) || JsonContainerSize(c) != n)
		BadText(psprintf("key \"%s\" must be an array of %zu numbers", key, n));
	for (i = 0; i < n; i++)
		out[i] = NumberValue(getIthJsonbValueFromContainer(c, (uint32) i), key);
}

/* Adds context to errors raised while a text value is parsed. */
static void
InputContext(void *arg)
{
	errcontext("reading a causal.moments value");
}

PG_FUNCTION_INFO_V1(moments_in);
/* Text input: parses and validates the JSON form. */
Datum
moments_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	ErrorContextCallback cb = {.previous = error_context_stack,.callback = InputContext};
	Jsonb	   *jb;
	Moments		m;
	int64		version,
				k;
	double	   *packed;
	Size		i,
				j,
				p;
	int			nkeys;

	error_context_stack = &cb;
	jb = DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(str)));
	if (!JB_ROOT_IS_OBJECT(jb))
		BadText("not a JSON object");
	nkeys = JB_ROOT_COUNT(jb);
	if (nkeys != 10)
		BadText("expected exactly the keys version, k, weighted, n, n_skipped, sum_w, sum_w2, shift, delta, comoment");
	version = IntegerValue(jb, "version");
	if (version != MOMENTS_VERSION)
		BadText(psprintf("unsupported version " INT64_FORMAT, version));
	k = IntegerValue(jb, "k");
	if (k < 1 || k > MOMENTS_MAX_K)
		BadText(psprintf("k must lie in [1, %d]", MOMENTS_MAX_K));
	moments_init(&m, (int) k, GetKey(jb, "weighted", jbvBool)->val.boolean, 0);
	m.n = IntegerValue(jb, "n");
	m.n_skipped = IntegerValue(jb, "n_skipped");
	m.sum_w = NumberValue(GetKey(jb, "sum_w", jbvNumeric), "sum_w");
	m.sum_w2 = NumberValue(GetKey(jb, "sum_w2", jbvNumeric), "sum_w2");
	m.has_shift = m.n > 0;
	ReadArray(jb, "shift", m.shift, k);
	ReadArray(jb, "delta", m.delta, k);
	packed = palloc(sizeof(double) * MOMENTS_PACKED(k));
	ReadArray(jb, "comoment", packed, MOMENTS_PACKED(k));
	for (j = 0, p = 0; j < (Size) k; j++)
		for (i = 0; i <= j; i++, p++)
		{
			m.comoment[i + j * k] = packed[p];
			m.comoment[j + i * k] = packed[p];
		}
	moments_validate(&m, ERRCODE_INVALID_TEXT_REPRESENTATION);
	error_context_stack = cb.previous;
	PG_RETURN_POINTER(moments_flatten(&m));
}

PG_FUNCTION_INFO_V1(moments_send);
/* Binary output: version, flags, k, counts, then IEEE doubles. */
Datum
moments_send(PG_FUNCTION_ARGS)
{
	MomentsFlat *f = (MomentsFlat *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	StringInfoData buf;
	Size		i,
				nd = 2 * (Size) f->k + MOMENTS_PACKED(f->k);

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, f->version);
	pq_sendbyte(&buf, f->flags);
	pq_sendint32(&buf, f->k);
	pq_sendint64(&buf, f->n);
	pq_sendint64(&buf, f->n_skipped);
	pq_sendfloat8(&buf, f->sum_w);
	pq_sendfloat8(&buf, f->sum_w2);
	for (i = 0; i < nd; i++)
		pq_sendfloat8(&buf, f->data[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(moments_recv);
/* Binary input: reads and validates what moments_send writes. */
Datum
moments_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version,
				flags,
				k;
	Size		i,
				j,
				nd;
	Moments		m;

	version = pq_getmsgbyte(buf);
	flags = pq_getmsgbyte(buf);
	k = pq_getmsgint(buf, 4);
	if (version != MOMENTS_VERSION || (flags & ~MOMENTS_FLAG_WEIGHTED) != 0 ||
		k < 1 || k > MOMENTS_MAX_K)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary causal.moments value: bad header (version %d, flags %d, k %d)",
						version, flags, k)));
	nd = 2 * (Size) k + MOMENTS_PACKED(k);
	if ((Size) (buf->len - buf->cursor) != 32 + nd * sizeof(double))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary causal.moments value: %d bytes left, expected %zu",
						buf->len - buf->cursor, 32 + nd * sizeof(double))));
	moments_init(&m, k, (flags & MOMENTS_FLAG_WEIGHTED) != 0, 0);
	m.n = pq_getmsgint64(buf);
	m.n_skipped = pq_getmsgint64(buf);
	m.sum_w = pq_getmsgfloat8(buf);
	m.sum_w2 = pq_getmsgfloat8(buf);
	m.has_shift = m.n > 0;
	for (i = 0; i < (Size) k; i++)
		m.shift[i] = pq_getmsgfloat8(buf);
	for (i = 0; i < (Size) k; i++)
		m.delta[i] = pq_getmsgfloat8(buf);
	for (j = 0; j < (Size) k; j++)
		for (i = 0; i <= j; i++)
		{
			double		v = pq_getmsgfloat8(buf);

			m.comoment[i + j * k] = v;
			m.comoment[j + i * k] = v;
		}
	moments_validate(&m, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_POINTER(moments_flatten(&m));
}
