/*
 * dml_folds_io.c
 *		Text (JSON) and binary forms of causal.dml_sketch, each read back
 *		through the same checks as a stored value.
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/jsonb.h"

#include "sketch/dml_folds.h"
#include "sketch/sketch_json.h"
#include "sketch/sketch_names.h"

PG_FUNCTION_INFO_V1(dml_sketch_out);
/*
 * Text output: a JSON object {"version", "k", "n_skipped", "shift", "folds":
 * [{"fold", "n", "m4"}]}, m4 the fold's fourth-order sums in canonical order.
 */
Datum
dml_sketch_out(PG_FUNCTION_ARGS)
{
	DmlSketch  *s = dml_folds_unflatten((DmlSketchFlat *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0)), CurrentMemoryContext);
	StringInfoData b;
	int			i;

	initStringInfo(&b);
	appendStringInfo(&b, "{\"version\": %d, \"k\": %d, \"n_skipped\": %lld, \"shift\": [",
					 s->names ? DML_SKETCH_VERSION_NAMED : DML_SKETCH_VERSION, s->k, (long long) s->n_skipped);
	for (i = 0; i < s->p; i++)
		appendStringInfo(&b, "%s%.17g", i ? ", " : "", s->shift[i]);
	appendStringInfoString(&b, "], \"folds\": [");
	for (i = 0; i < s->nfolds; i++)
	{
		bool		first = true;

		appendStringInfo(&b, "%s{\"fold\": %lld, \"n\": %lld, \"m4\": [", i ? ", " : "",
						 (long long) s->folds[i].id, (long long) s->folds[i].n);
		for (Size r = 0; r < s->lay.m; r++)
		{
			appendStringInfo(&b, "%s%.17g", first ? "" : ", ", s->folds[i].m4[r]);
			first = false;
		}
		appendStringInfoString(&b, "]}");
	}
	appendStringInfoChar(&b, ']');
	sketch_names_append_json(&b, s->names, s->k + 2);
	appendStringInfoChar(&b, '}');
	PG_RETURN_CSTRING(b.data);
}

PG_FUNCTION_INFO_V1(dml_sketch_in);
/* Text input: parses and validates what dml_sketch_out writes. */
Datum
dml_sketch_in(PG_FUNCTION_ARGS)
{
	SketchJson	sj;
	DmlSketch  *s;
	JsonbContainer *sh,
			   *folds;
	int64		version,
				k;
	int			nf,
				i;

	sketch_json_parse(&sj, PG_GETARG_CSTRING(0), "causal.dml_sketch", 5,
					  "version, k, n_skipped, shift, folds", true);
	version = sketch_json_int64(&sj, sketch_json_key(&sj, "version", jbvNumeric), "version");
	if (version != DML_SKETCH_VERSION && version != DML_SKETCH_VERSION_NAMED)
		sketch_json_bad(&sj, "unknown version");
	if (sj.named != (version == DML_SKETCH_VERSION_NAMED))
		sketch_json_bad(&sj, "version 3 carries \"names\", version 2 does not");
	k = sketch_json_int64(&sj, sketch_json_key(&sj, "k", jbvNumeric), "k");
	if (k < 1 || k > DML_MAX_K)
		sketch_json_bad(&sj, "k out of range");
	s = dml_folds_new(CurrentMemoryContext, (int) k);
	s->n_skipped = sketch_json_int64(&sj, sketch_json_key(&sj, "n_skipped", jbvNumeric), "n_skipped");
	if (s->n_skipped < 0)
		sketch_json_bad(&sj, "n_skipped is negative");
	sh = sketch_json_array(&sj, sketch_json_key(&sj, "shift", jbvBinary), "shift");
	if (JsonContainerSize(sh) != (uint32) s->p)
		sketch_json_bad(&sj, "shift has the wrong length");
	for (i = 0; i < s->p; i++)
		s->shift[i] = sketch_json_double(&sj, getIthJsonbValueFromContainer(sh, i), "shift");
	folds = sketch_json_array(&sj, sketch_json_key(&sj, "folds", jbvBinary), "folds");
	nf = JsonContainerSize(folds);
	if (nf > DML_MAX_FOLDS)
		sketch_json_bad(&sj, "too many folds");
	s->has_shift = nf > 0;
	for (i = 0; i < nf; i++)
	{
		JsonbValue *fv = getIthJsonbValueFromContainer(folds, i);
		JsonbContainer *fc,
				   *arr;
		JsonbValue *v;
		DmlFold    *f;
		int64		id;

		if (fv == NULL || fv->type != jbvBinary || !JsonContainerIsObject(fv->val.binary.data))
			sketch_json_bad(&sj, "a fold must be an object");
		fc = fv->val.binary.data;
		v = getKeyJsonValueFromContainer(fc, "fold", 4, NULL);
		id = sketch_json_int64(&sj, v, "fold");
		for (int j = 0; j < s->nfolds; j++)
			if (s->folds[j].id == id)
				sketch_json_bad(&sj, "a fold appears twice");
		f = dml_folds_slot(s, id);
		f->n = sketch_json_int64(&sj, getKeyJsonValueFromContainer(fc, "n", 1, NULL), "n");
		arr = sketch_json_array(&sj, getKeyJsonValueFromContainer(fc, "m4", 2, NULL), "m4");
		if (JsonContainerSize(arr) != s->lay.m)
			sketch_json_bad(&sj, "m4 has the wrong length");
		for (Size r = 0; r < s->lay.m; r++)
			dml_folds_sums(s, f)[r] =
				sketch_json_double(&sj, getIthJsonbValueFromContainer(arr, (uint32) r), "m4");
		dml_folds_validate(s, f, ERRCODE_INVALID_TEXT_REPRESENTATION);
	}
	s->names = sketch_names_from_json(&sj, s->k + 2);
	PG_RETURN_POINTER(dml_folds_flatten(s));
}

PG_FUNCTION_INFO_V1(dml_sketch_send);
/* Binary output: header, fold ids and counts, then every double in network order. */
Datum
dml_sketch_send(PG_FUNCTION_ARGS)
{
	DmlSketchFlat *f = (DmlSketchFlat *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	const int64 *ids = (const int64 *) f->data;
	const double *d = (const double *) (ids + 2 * f->nfolds);
	Size		nd = (Size) (f->k + 3) + (Size) f->nfolds * fourth_count(f->k + 3);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, f->version);
	pq_sendint32(&buf, f->k);
	pq_sendint32(&buf, f->nfolds);
	pq_sendint64(&buf, f->n_skipped);
	for (int i = 0; i < 2 * f->nfolds; i++)
		pq_sendint64(&buf, ids[i]);
	for (Size i = 0; i < nd; i++)
		pq_sendfloat8(&buf, d[i]);
	if (f->version == DML_SKETCH_VERSION_NAMED)
	{
		Size		sz = dml_folds_flat_size(f->k, f->nfolds);

		sketch_names_send(&buf, sketch_names_read((const char *) f + sz, VARSIZE(f) - sz, f->k + 2,
												  ERRCODE_DATA_CORRUPTED, "causal.dml_sketch"),
						  f->k + 2);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(dml_sketch_recv);
/* Binary input: reads what dml_sketch_send writes and validates it in full. */
Datum
dml_sketch_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf),
				k = pq_getmsgint(buf, 4),
				nfolds = pq_getmsgint(buf, 4);
	DmlSketchFlat *f;
	DmlSketch  *s;
	int64	   *ids;
	double	   *d;
	Size		nd;

	if ((version != DML_SKETCH_VERSION && version != DML_SKETCH_VERSION_NAMED) ||
		k < 1 || k > DML_MAX_K || nfolds < 0 || nfolds > DML_MAX_FOLDS)
		dml_folds_bad(ERRCODE_INVALID_BINARY_REPRESENTATION, "bad header");
	nd = (Size) (k + 3) + (Size) nfolds * fourth_count(k + 3);
	if (version == DML_SKETCH_VERSION ? (Size) (buf->len - buf->cursor) != 8 + 16 * (Size) nfolds + 8 * nd :
		(Size) (buf->len - buf->cursor) < 8 + 16 * (Size) nfolds + 8 * nd + 4 * (Size) (k + 2))
		dml_folds_bad(ERRCODE_INVALID_BINARY_REPRESENTATION, "wrong length");
	f = palloc_extended(dml_folds_flat_size(k, nfolds), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	SET_VARSIZE(f, dml_folds_flat_size(k, nfolds));
	f->version = DML_SKETCH_VERSION;	/* the numbers; the names follow */
	f->k = k;
	f->nfolds = nfolds;
	f->n_skipped = pq_getmsgint64(buf);
	ids = (int64 *) f->data;
	d = (double *) (ids + 2 * nfolds);
	for (int i = 0; i < 2 * nfolds; i++)
		ids[i] = pq_getmsgint64(buf);
	for (Size i = 0; i < nd; i++)
		d[i] = pq_getmsgfloat8(buf);
	s = dml_folds_unflatten(f, CurrentMemoryContext);
	if (version == DML_SKETCH_VERSION_NAMED)
	{
		s->names = sketch_names_recv(buf, k + 2, "causal.dml_sketch");
		if (buf->cursor != buf->len)
			dml_folds_bad(ERRCODE_INVALID_BINARY_REPRESENTATION, "trailing bytes after the column names");
	}
	PG_RETURN_POINTER(dml_folds_flatten(s));
}
