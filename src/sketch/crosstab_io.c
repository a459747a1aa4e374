/*
 * crosstab_io.c
 *		Text (JSON) and binary input/output of causal.crosstab.
 *
 * Both inputs accept only the canonical form that the outputs write (labels
 * sorted, cells sorted and unique) and validate everything else too.
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/json.h"

#include "sketch/crosstab.h"
#include "sketch/sketch_json.h"
#include "sketch/sketch_names.h"

PG_FUNCTION_INFO_V1(crosstab_out);
/* Text output: JSON with the labels of each column and the observed cells. */
Datum
crosstab_out(PG_FUNCTION_ARGS)
{
	CrosstabFlat *f = crosstab_get_arg(fcinfo, 0);
	StringInfoData s;
	const int32 *nl = CROSSTAB_NLABELS(f);
	const int32 *codes = CROSSTAB_CODES(f);
	const int64 *counts = CROSSTAB_COUNTS(f);
	const char *p = CROSSTAB_LABELS(f);
	int			i,
				j;

	initStringInfo(&s);
	appendStringInfo(&s, "{\"version\": %d, \"k\": %d, \"n\": " INT64_FORMAT ", \"n_skipped\": "
					 INT64_FORMAT ", \"labels\": [", f->version, f->k, f->n, f->n_skipped);
	for (j = 0; j < f->k; j++)
	{
		appendStringInfoString(&s, j ? ", [" : "[");
		for (i = 0; i < nl[j]; i++)
		{
			if (i)
				appendStringInfoChar(&s, ',');
			escape_json(&s, p);
			p += strlen(p) + 1;
		}
		appendStringInfoChar(&s, ']');
	}
	appendStringInfoString(&s, "], \"cells\": [");
	for (i = 0; i < f->ncells; i++)
	{
		appendStringInfoString(&s, i ? ", [" : "[");
		for (j = 0; j < f->k; j++)
			appendStringInfo(&s, "%d,", codes[(Size) i * f->k + j]);
		appendStringInfo(&s, INT64_FORMAT "]", counts[i]);
	}
	appendStringInfoChar(&s, ']');
	sketch_names_append_json(&s, crosstab_flat_names(f), f->k);
	appendStringInfoChar(&s, '}');
	PG_RETURN_CSTRING(s.data);
}

static void
InputContext(void *arg)
{
	errcontext("reading a causal.crosstab value");
}

PG_FUNCTION_INFO_V1(crosstab_in);
/* Text input: parses the JSON form into the flat form and validates it. */
Datum
crosstab_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	ErrorContextCallback cb = {.previous = error_context_stack,.callback = InputContext};
	SketchJson	sj;
	JsonbContainer *labels,
			   *cells;
	StringInfoData lb;
	CrosstabFlat *f;
	int64		version,
				k,
				ncells;
	int			i,
				j;
	Size		size;
	char	  **names;

	error_context_stack = &cb;
	sketch_json_parse(&sj, str, "causal.crosstab", 6, "version, k, n, n_skipped, labels, cells",
					  true);
	version = sketch_json_int64(&sj, sketch_json_key(&sj, "version", jbvNumeric), "version");
	if (version != CROSSTAB_VERSION && version != CROSSTAB_VERSION_NAMED)
		sketch_json_bad(&sj, "unsupported version");
	if (sj.named != (version == CROSSTAB_VERSION_NAMED))
		sketch_json_bad(&sj, "version 2 carries \"names\", version 1 does not");
	k = sketch_json_int64(&sj, sketch_json_key(&sj, "k", jbvNumeric), "k");
	if (k < 1 || k > CROSSTAB_MAX_K)
		sketch_json_bad(&sj, psprintf("k must lie in [1, %d]", CROSSTAB_MAX_K));
	labels = sketch_json_array(&sj, sketch_json_key(&sj, "labels", jbvBinary), "labels");
	cells = sketch_json_array(&sj, sketch_json_key(&sj, "cells", jbvBinary), "cells");
	if (JsonContainerSize(labels) != k)
		sketch_json_bad(&sj, "labels must hold one array per column");
	ncells = JsonContainerSize(cells);
	if (ncells > causal_crosstab_max_cells)
		sketch_json_bad(&sj, "too many cells");

	initStringInfo(&lb);
	size = offsetof(CrosstabFlat, data) + sizeof(int64) * ncells + sizeof(int32) * k +
		sizeof(int32) * (Size) ncells * k;
	f = palloc0(size);			/* labels appended below */
	f->k = (int32) k;
	f->ncells = (int32) ncells;
	for (j = 0; j < k; j++)
	{
		JsonbContainer *col = sketch_json_array(&sj, getIthJsonbValueFromContainer(labels, j), "each labels entry");

		CROSSTAB_NLABELS(f)[j] = JsonContainerSize(col);
		for (i = 0; i < (int) JsonContainerSize(col); i++)
		{
			JsonbValue *v = getIthJsonbValueFromContainer(col, i);

			if (v->type != jbvString)
				sketch_json_bad(&sj, "labels must be strings");
			if (memchr(v->val.string.val, '\0', v->val.string.len) != NULL)
				sketch_json_bad(&sj, "labels must not contain NUL");
			appendBinaryStringInfo(&lb, v->val.string.val, v->val.string.len);
			appendStringInfoChar(&lb, '\0');
		}
	}
	for (i = 0; i < ncells; i++)
	{
		JsonbContainer *cell = sketch_json_array(&sj, getIthJsonbValueFromContainer(cells, i), "each cell");

		if (JsonContainerSize(cell) != k + 1)
			sketch_json_bad(&sj, "each cell must hold k codes and a count");
		for (j = 0; j < k; j++)
		{
			int64		c = sketch_json_int64(&sj, getIthJsonbValueFromContainer(cell, j), "cell codes");

			if (c < 0 || c > PG_INT32_MAX)
				sketch_json_bad(&sj, "cell code out of range");
			CROSSTAB_CODES(f)[(Size) i * k + j] = (int32) c;
		}
		CROSSTAB_COUNTS(f)[i] = sketch_json_int64(&sj, getIthJsonbValueFromContainer(cell, k), "cell counts");
	}
	names = sketch_names_from_json(&sj, (int) k);
	f = repalloc(f, size + lb.len + sketch_names_bytes(names, (int) k));
	memcpy((char *) f + size, lb.data, lb.len);
	sketch_names_write(names, (int) k, (char *) f + size + lb.len);
	SET_VARSIZE(f, size + lb.len + sketch_names_bytes(names, (int) k));
	f->version = (uint8) version;
	f->n = sketch_json_int64(&sj, sketch_json_key(&sj, "n", jbvNumeric), "n");
	f->n_skipped = sketch_json_int64(&sj, sketch_json_key(&sj, "n_skipped", jbvNumeric), "n_skipped");
	crosstab_validate_flat(f, ERRCODE_INVALID_TEXT_REPRESENTATION);
	error_context_stack = cb.previous;
	PG_RETURN_POINTER(f);
}

PG_FUNCTION_INFO_V1(crosstab_send);
/* Binary output. */
Datum
crosstab_send(PG_FUNCTION_ARGS)
{
	CrosstabFlat *f = crosstab_get_arg(fcinfo, 0);
	StringInfoData buf;
	const char *p = CROSSTAB_LABELS(f);
	Size		i,
				nlab = 0;
	int			j;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, f->version);
	pq_sendint32(&buf, f->k);
	pq_sendint32(&buf, f->ncells);
	pq_sendint64(&buf, f->n);
	pq_sendint64(&buf, f->n_skipped);
	for (j = 0; j < f->k; j++)
	{
		pq_sendint32(&buf, CROSSTAB_NLABELS(f)[j]);
		nlab += CROSSTAB_NLABELS(f)[j];
	}
	for (i = 0; i < nlab; i++)
	{
		int			len = strlen(p);

		pq_sendint32(&buf, len);
		pq_sendbytes(&buf, p, len);
		p += len + 1;
	}
	for (i = 0; i < (Size) f->ncells * f->k; i++)
		pq_sendint32(&buf, CROSSTAB_CODES(f)[i]);
	for (i = 0; i < (Size) f->ncells; i++)
		pq_sendint64(&buf, CROSSTAB_COUNTS(f)[i]);
	sketch_names_send(&buf, crosstab_flat_names(f), f->k);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Raises the error for a malformed binary value. */
static void
BadBinary(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary causal.crosstab value: %s", what)));
}

PG_FUNCTION_INFO_V1(crosstab_recv);
/* Binary input: reads and validates what crosstab_send writes. */
Datum
crosstab_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	StringInfoData lb;
	CrosstabFlat *f;
	int			version,
				k,
				ncells,
				j;
	Size		i,
				size,
				nlab = 0;
	int32	   *nl;
	char	  **names;

	version = pq_getmsgbyte(buf);
	k = pq_getmsgint(buf, 4);
	ncells = pq_getmsgint(buf, 4);
	if ((version != CROSSTAB_VERSION && version != CROSSTAB_VERSION_NAMED) ||
		k < 1 || k > CROSSTAB_MAX_K || ncells < 0 ||
		ncells > causal_crosstab_max_cells)
		BadBinary(psprintf("bad header (version %d, k %d, cells %d)", version, k, ncells));
	size = offsetof(CrosstabFlat, data) + sizeof(int64) * ncells + sizeof(int32) * k +
		sizeof(int32) * (Size) ncells * k;
	if ((Size) (buf->len - buf->cursor) < 16 + 4 * (Size) k + size - offsetof(CrosstabFlat, data))
		BadBinary("too short");
	f = palloc0(size);
	f->version = version;
	f->k = k;
	f->ncells = ncells;
	f->n = pq_getmsgint64(buf);
	f->n_skipped = pq_getmsgint64(buf);
	nl = CROSSTAB_NLABELS(f);
	for (j = 0; j < k; j++)
	{
		nl[j] = pq_getmsgint(buf, 4);
		if (nl[j] < 0 || nl[j] > causal_crosstab_max_levels)
			BadBinary("label count out of range");
		nlab += nl[j];
	}
	initStringInfo(&lb);
	for (i = 0; i < nlab; i++)
	{
		int			len = pq_getmsgint(buf, 4);
		const char *bytes;

		if (len < 0 || len >= CROSSTAB_MAX_LABEL)
			BadBinary("label length out of range");
		bytes = pq_getmsgbytes(buf, len);
		if (memchr(bytes, '\0', len) != NULL)
			BadBinary("label contains NUL");
		appendBinaryStringInfo(&lb, bytes, len);
		appendStringInfoChar(&lb, '\0');
	}
	for (i = 0; i < (Size) ncells * k; i++)
		CROSSTAB_CODES(f)[i] = pq_getmsgint(buf, 4);
	for (i = 0; i < (Size) ncells; i++)
		CROSSTAB_COUNTS(f)[i] = pq_getmsgint64(buf);
	names = version == CROSSTAB_VERSION_NAMED ? sketch_names_recv(buf, k, "causal.crosstab") : NULL;
	if (buf->cursor != buf->len)
		BadBinary("trailing bytes");
	f = repalloc(f, size + lb.len + sketch_names_bytes(names, k));
	memcpy((char *) f + size, lb.data, lb.len);
	sketch_names_write(names, k, (char *) f + size + lb.len);
	SET_VARSIZE(f, size + lb.len + sketch_names_bytes(names, k));
	crosstab_validate_flat(f, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_POINTER(f);
}
