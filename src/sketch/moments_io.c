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

#include "sketch/moments.h"
#include "sketch/sketch_json.h"
#include "sketch/sketch_names.h"

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
	sketch_names_append_json(&s, moments_flat_names(f), k);
	appendStringInfoChar(&s, '}');
	PG_RETURN_CSTRING(s.data);
}

/* Reads a JSON array of exactly n numbers. */
static void
ReadArray(const SketchJson *sj, const char *key, double *out, Size n)
{
	JsonbContainer *c = sketch_json_array(sj, sketch_json_key(sj, key, jbvBinary), key);
	Size		i;

	if (JsonContainerSize(c) != n)
		sketch_json_bad(sj, psprintf("key \"%s\" must be an array of %zu numbers", key, n));
	for (i = 0; i < n; i++)
		out[i] = sketch_json_double(sj, getIthJsonbValueFromContainer(c, (uint32) i),
									psprintf("key \"%s\"", key));
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
	SketchJson	sj;
	Moments		m;
	int64		version,
				k;
	double	   *packed;
	Size		i,
				j,
				p;

	error_context_stack = &cb;
	sketch_json_parse(&sj, str, "causal.moments", 10,
					  "version, k, weighted, n, n_skipped, sum_w, sum_w2, shift, delta, comoment", true);
	version = sketch_json_int64(&sj, sketch_json_key(&sj, "version", jbvNumeric), "version");
	if (version != MOMENTS_VERSION && version != MOMENTS_VERSION_NAMED)
		sketch_json_bad(&sj, psprintf("unsupported version " INT64_FORMAT, version));
	if (sj.named != (version == MOMENTS_VERSION_NAMED))
		sketch_json_bad(&sj, "version 2 carries \"names\", version 1 does not");
	k = sketch_json_int64(&sj, sketch_json_key(&sj, "k", jbvNumeric), "k");
	if (k < 1 || k > MOMENTS_MAX_K)
		sketch_json_bad(&sj, psprintf("k must lie in [1, %d]", MOMENTS_MAX_K));
	moments_init(&m, (int) k, sketch_json_key(&sj, "weighted", jbvBool)->val.boolean, 0);
	m.n = sketch_json_int64(&sj, sketch_json_key(&sj, "n", jbvNumeric), "n");
	m.n_skipped = sketch_json_int64(&sj, sketch_json_key(&sj, "n_skipped", jbvNumeric), "n_skipped");
	m.sum_w = sketch_json_double(&sj, sketch_json_key(&sj, "sum_w", jbvNumeric), "sum_w");
	m.sum_w2 = sketch_json_double(&sj, sketch_json_key(&sj, "sum_w2", jbvNumeric), "sum_w2");
	m.has_shift = m.n > 0;
	ReadArray(&sj, "shift", m.shift, k);
	ReadArray(&sj, "delta", m.delta, k);
	packed = palloc(sizeof(double) * MOMENTS_PACKED(k));
	ReadArray(&sj, "comoment", packed, MOMENTS_PACKED(k));
	for (j = 0, p = 0; j < (Size) k; j++)
		for (i = 0; i <= j; i++, p++)
		{
			m.comoment[i + j * k] = packed[p];
			m.comoment[j + i * k] = packed[p];
		}
	m.names = sketch_names_from_json(&sj, (int) k);
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
	sketch_names_send(&buf, moments_flat_names(f), f->k);
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
	if ((version != MOMENTS_VERSION && version != MOMENTS_VERSION_NAMED) ||
		(flags & ~MOMENTS_FLAG_WEIGHTED) != 0 ||
		k < 1 || k > MOMENTS_MAX_K)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary causal.moments value: bad header (version %d, flags %d, k %d)",
						version, flags, k)));
	nd = 2 * (Size) k + MOMENTS_PACKED(k);
	if (version == MOMENTS_VERSION ? (Size) (buf->len - buf->cursor) != 32 + nd * sizeof(double) :
		(Size) (buf->len - buf->cursor) < 32 + nd * sizeof(double) + 4 * (Size) k)
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
	if (version == MOMENTS_VERSION_NAMED)
	{
		m.names = sketch_names_recv(buf, k, "causal.moments");
		if (buf->cursor != buf->len)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary causal.moments value: trailing bytes after the column names")));
	}
	moments_validate(&m, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_POINTER(moments_flatten(&m));
}
