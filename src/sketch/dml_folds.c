/*
 * dml_folds.c
 *		The fold-moment sketch behind causal.dml_plr: its state, the rows it
 *		takes, merging, the stored (flat) form and its checks, and the
 *		expanded object the aggregate updates in place.
 *
 * With OLS nuisances the cross-fitted partialling-out estimate needs, per
 * fold f, the cross-products of z = (1, y, d, x), and its standard error a
 * fourth moment whose coefficient vectors depend on the other folds
 * (estimate/dml/plr_sketch.c).  So each fold keeps every distinct
 * fourth-order product sum of z (sketch/fourth.h: C(p + 3, 4) numbers,
 * p = k + 3); since z_0 = 1, the cross-products and the row count are among
 * them.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"
#include "utils/memutils.h"

#include "core/overflow.h"
#include "core/settings.h"
#include "sketch/dml_folds.h"
#include "sketch/sketch_names.h"

Size
dml_folds_flat_size(int k, int nfolds)
{
	int			p = k + 3;

	return offsetof(DmlSketchFlat, data) + sizeof(int64) * 2 * nfolds +
		sizeof(double) * (p + (Size) nfolds * fourth_count(p));
}

DmlSketch *
dml_folds_new(MemoryContext cxt, int k)
{
	DmlSketch  *s = MemoryContextAllocZero(cxt, sizeof(DmlSketch));

	s->k = k;
	s->p = k + 3;
	s->shift = MemoryContextAllocZero(cxt, sizeof(double) * s->p);
	s->cxt = cxt;
	fourth_layout_init(&s->lay, s->p);
	return s;
}

/* Bytes one fold of s may hold while it takes rows. */
static Size
FoldBytes(const DmlSketch *s)
{
	return sizeof(double) * (s->lay.m + s->lay.panel_size + (Size) DML_BUF_ROWS * s->lay.zstride);
}

/* The slot of fold id (created when new). */
DmlFold *
dml_folds_slot(DmlSketch *s, int64 id)
{
	DmlFold    *f;
	int			i;

	for (i = 0; i < s->nfolds; i++)
		if (s->folds[i].id == id)
			return &s->folds[i];
	if (s->nfolds == DML_MAX_FOLDS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("causal.dml_plr: the fold argument has more than %d distinct values", DML_MAX_FOLDS),
				 errhint("Pass a fold number such as abs(hashtext(id::text)) %% 5.")));
	/* the state of a fold that takes rows: the sums, the panel and the row buffer */
	if ((Size) (s->nfolds + 1) * FoldBytes(s) > (Size) causal_max_memory_kb * 1024)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("causal.dml_plr: %d folds of %d covariates need %zu kB, more than causal.max_memory (%d kB)",
						s->nfolds + 1, s->k, (Size) (s->nfolds + 1) * FoldBytes(s) / 1024, causal_max_memory_kb),
				 errhint("The state grows as k^4 per fold: use fewer covariates or folds, or have a superuser raise causal.max_memory.")));
	f = &s->folds[s->nfolds++];
	f->id = id;
	f->n = 0;
	f->m4 = NULL;
	f->panel = NULL;
	f->buf = NULL;
	f->nbuf = 0;
	return f;
}

/*
 * A fold's canonical sums, allocated (zeroed) on first use: a fold that takes
 * rows needs them only when its panel is settled, so that a GROUP BY state
 * holds just the panels while it grows.
 */
double *
dml_folds_sums(const DmlSketch *s, DmlFold *f)
{
	if (f->m4 == NULL)
		f->m4 = MemoryContextAllocExtended(s->cxt, sizeof(double) * s->lay.m, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	return f->m4;
}

/*
 * The kernel's packs, shared by every sketch of the backend (they are only
 * used inside one fourth_accumulate call): kept in TopMemoryContext and
 * grown as needed.
 */
static double *
KernelScratch(const FourthLayout *lay)
{
	static double *scratch = NULL;
	static Size size = 0;
	Size		need = fourth_scratch_size(lay, DML_BUF_ROWS);

	if (need > size)
	{
		if (scratch)
			pfree(scratch);
		scratch = MemoryContextAllocExtended(TopMemoryContext, sizeof(double) * need,
											 MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
		size = need;
	}
	return scratch;
}

/* Adds a fold's buffered rows to its panel. */
static void
FoldFlush(DmlSketch *s, DmlFold *f)
{
	if (f->nbuf > 0)
		fourth_accumulate(&s->lay, f->nbuf, f->buf, KernelScratch(&s->lay), f->panel);
	f->nbuf = 0;
}

/* Moves every buffered row and panel into the canonical sums. */
void
dml_folds_settle(DmlSketch *s)
{
	int			i;

	for (i = 0; i < s->nfolds; i++)
	{
		DmlFold    *f = &s->folds[i];

		FoldFlush(s, f);
		if (f->panel)
			fourth_settle(&s->lay, f->panel, dml_folds_sums(s, f));
	}
}

/* Adds one row z = (1, y, d, x) to fold f. */
void
dml_folds_add_row(DmlSketch *s, DmlFold *f, const double *z)
{
	double	   *w;
	int			i;

	if (!s->has_shift)
	{
		memcpy(s->shift, z, sizeof(double) * s->p);
		s->shift[0] = 0.0;
		s->has_shift = true;
	}
	if (f->buf == NULL)
	{
		/* rows zstride apart, as fourth_accumulate reads them */
		f->buf = MemoryContextAllocZero(s->cxt, sizeof(double) * DML_BUF_ROWS * s->lay.zstride);
		f->panel = MemoryContextAllocExtended(s->cxt, sizeof(double) * s->lay.panel_size,
											  MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	}
	w = f->buf + (Size) f->nbuf * s->lay.zstride;
	for (i = 0; i < s->p; i++)
		w[i] = z[i] - s->shift[i];
	f->n++;
	if (++f->nbuf == DML_BUF_ROWS)
		FoldFlush(s, f);
}

/* Adds b into a (both settled); a takes b's shift when it has none. */
void
dml_folds_merge(DmlSketch *a, const DmlSketch *b)
{
	double	   *delta,
			   *tmp = NULL;
	bool		same = true;
	int			i;
	Size		m = a->lay.m;

	if (a->k != b->k)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge DML sketches of %d and %d covariates", a->k, b->k)));
	sketch_names_check_merge(a->names, b->names, a->k + 2, "causal.dml_sketch");
	a->n_skipped = count_add(a->n_skipped, b->n_skipped, "causal.dml_sketch skipped-row count");
	if (!b->has_shift)
		return;
	if (!a->has_shift)
	{
		memcpy(a->shift, b->shift, sizeof(double) * a->p);
		a->has_shift = true;
	}
	delta = palloc(sizeof(double) * a->p);
	for (i = 0; i < a->p; i++)
	{
		delta[i] = b->shift[i] - a->shift[i];
		same &= delta[i] == 0.0;
	}
	if (!same)
		tmp = palloc_extended(sizeof(double) * m, MCXT_ALLOC_HUGE);
	for (i = 0; i < b->nfolds; i++)
	{
		DmlFold    *f = dml_folds_slot(a, b->folds[i].id);
		const double *src = b->folds[i].m4;
		double	   *dst = dml_folds_sums(a, f);

		CHECK_FOR_INTERRUPTS();
		f->n = count_add(f->n, b->folds[i].n, "causal.dml_sketch fold row count");
		if (src == NULL)
			continue;			/* a fold of b that never settled rows */
		if (!same)
		{
			fourth_reshift(a->p, delta, src, tmp);
			src = tmp;
		}
		for (Size r = 0; r < m; r++)
			dst[r] += src[r];
	}
	if (tmp)
		pfree(tmp);
	pfree(delta);
}

/* Writes the flat form of s (settled) into f, dml_folds_flat_size bytes. */
static void
FlattenInto(const DmlSketch *s, DmlSketchFlat *f)
{
	Size		sz = dml_folds_flat_size(s->k, s->nfolds);
	Size		nb = sketch_names_bytes(s->names, s->k + 2);
	int64	   *ids = (int64 *) f->data,
			   *ns = ids + s->nfolds;
	double	   *sh = (double *) (ns + s->nfolds),
			   *pk = sh + s->p;
	int			i;

	memset(f, 0, offsetof(DmlSketchFlat, data));
	SET_VARSIZE(f, sz + nb);
	f->version = s->names ? DML_SKETCH_VERSION_NAMED : DML_SKETCH_VERSION;
	f->k = s->k;
	f->nfolds = s->nfolds;
	f->n_skipped = s->n_skipped;
	memcpy(sh, s->shift, sizeof(double) * s->p);
	for (i = 0; i < s->nfolds; i++)
	{
		ids[i] = s->folds[i].id;
		ns[i] = s->folds[i].n;
		if (s->folds[i].m4)
			memcpy(pk + (Size) i * s->lay.m, s->folds[i].m4, sizeof(double) * s->lay.m);
		else
			memset(pk + (Size) i * s->lay.m, 0, sizeof(double) * s->lay.m);
	}
	sketch_names_write(s->names, s->k + 2, (char *) f + sz);
}

/* Bytes of the flat form of s (settled). */
static Size
FlatBytes(const DmlSketch *s)
{
	return dml_folds_flat_size(s->k, s->nfolds) + sketch_names_bytes(s->names, s->k + 2);
}

/* A copy of flat sketch f carrying names instead of its own (NULL: unnamed). */
DmlSketchFlat *
dml_folds_flat_with_names(const DmlSketchFlat *f, char *const *names)
{
	Size		body = dml_folds_flat_size(f->k, f->nfolds);
	DmlSketchFlat *out = palloc_extended(body + sketch_names_bytes(names, f->k + 2), MCXT_ALLOC_HUGE);

	memcpy(out, f, body);
	sketch_names_write(names, f->k + 2, (char *) out + body);
	SET_VARSIZE(out, body + sketch_names_bytes(names, f->k + 2));
	out->version = names ? DML_SKETCH_VERSION_NAMED : DML_SKETCH_VERSION;
	return out;
}

/* Gives s (its own copy of) names, or none. */
void
dml_folds_set_names(DmlSketch *s, char *const *names)
{
	MemoryContext old = MemoryContextSwitchTo(s->cxt);

	s->names = sketch_names_copy(names, s->k + 2);
	MemoryContextSwitchTo(old);
}

DmlSketchFlat *
dml_folds_flatten(DmlSketch *s)
{
	DmlSketchFlat *f;

	dml_folds_settle(s);
	f = palloc_extended(FlatBytes(s), MCXT_ALLOC_HUGE);
	FlattenInto(s, f);
	return f;
}

void
dml_folds_bad(int sqlstate, const char *what)
{
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg("invalid causal.dml_sketch value: %s", what),
			 errhint("Use values made by causal.dml_plr_sketch or causal.merge.")));
}

/*
 * Checks a fold's sums: finite, the row count equal to n, and the sums of
 * squares z_i^2 and z_i^2 z_j^2 not negative.
 */
void
dml_folds_validate(const DmlSketch *s, const DmlFold *f, int sqlstate)
{
	for (Size r = 0; r < s->lay.m; r++)
		if (!isfinite(f->m4[r]))
			dml_folds_bad(sqlstate, "a moment is not finite");
	if (f->n < 0 || f->m4[0] != (double) f->n)
		dml_folds_bad(sqlstate, "the row count does not match the moments");
	for (int j = 0; j < s->p; j++)
		for (int i = 0; i <= j; i++)
			if (f->m4[fourth_rank(0, 0, i, i)] < 0.0 || f->m4[fourth_rank(i, i, j, j)] < 0.0)
				dml_folds_bad(sqlstate, "a sum of squares is negative");
}

DmlSketch *
dml_folds_unflatten(const DmlSketchFlat *f, MemoryContext cxt)
{
	DmlSketch  *s;
	const int64 *ids,
			   *ns;
	const double *sh,
			   *pk;
	int			i;

	if (VARSIZE(f) < offsetof(DmlSketchFlat, data) ||
		(f->version != DML_SKETCH_VERSION && f->version != DML_SKETCH_VERSION_NAMED) ||
		f->k < 1 || f->k > DML_MAX_K || f->nfolds < 0 || f->nfolds > DML_MAX_FOLDS ||
		(f->version == DML_SKETCH_VERSION ? VARSIZE(f) != dml_folds_flat_size(f->k, f->nfolds) :
		 VARSIZE(f) <= dml_folds_flat_size(f->k, f->nfolds)) || f->n_skipped < 0)
		dml_folds_bad(ERRCODE_INVALID_BINARY_REPRESENTATION, "bad header or size");
	s = dml_folds_new(cxt, f->k);
	if (f->version == DML_SKETCH_VERSION_NAMED)
	{
		Size		sz = dml_folds_flat_size(f->k, f->nfolds);
		MemoryContext old = MemoryContextSwitchTo(cxt);

		s->names = sketch_names_read((const char *) f + sz, VARSIZE(f) - sz, f->k + 2,
									 ERRCODE_INVALID_BINARY_REPRESENTATION, "causal.dml_sketch");
		MemoryContextSwitchTo(old);
	}
	ids = (const int64 *) f->data;
	ns = ids + f->nfolds;
	sh = (const double *) (ns + f->nfolds);
	pk = sh + s->p;
	s->n_skipped = f->n_skipped;
	memcpy(s->shift, sh, sizeof(double) * s->p);
	s->has_shift = f->nfolds > 0;
	for (i = 0; i < s->p; i++)
		if (!isfinite(s->shift[i]))
			dml_folds_bad(ERRCODE_INVALID_BINARY_REPRESENTATION, "the shift is not finite");
	for (i = 0; i < f->nfolds; i++)
	{
		DmlFold    *fo;

		for (int j = 0; j < i; j++)
			if (ids[j] == ids[i])
				dml_folds_bad(ERRCODE_INVALID_BINARY_REPRESENTATION, "a fold appears twice");
		fo = dml_folds_slot(s, ids[i]);
		fo->n = ns[i];
		memcpy(dml_folds_sums(s, fo), pk + (Size) i * s->lay.m, sizeof(double) * s->lay.m);
		dml_folds_validate(s, fo, ERRCODE_INVALID_BINARY_REPRESENTATION);
	}
	return s;
}

/* ---- the aggregate state: an expanded object around a DmlSketch --------- */

static Size
DmlGetFlatSize(ExpandedObjectHeader *eohptr)
{
	DmlSketch  *s = ((DmlExpanded *) eohptr)->s;

	dml_folds_settle(s);
	return FlatBytes(s);
}

static void
DmlFlattenInto(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	DmlSketch  *s = ((DmlExpanded *) eohptr)->s;

	Assert(allocated_size == FlatBytes(s));
	dml_folds_settle(s);
	FlattenInto(s, (DmlSketchFlat *) result);
}

static const ExpandedObjectMethods DmlMethods = {
	DmlGetFlatSize,
	DmlFlattenInto
};

/* A new, empty expanded sketch of k covariates under parent. */
DmlExpanded *
dml_folds_expanded_new(MemoryContext parent, int k)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "causal.dml_sketch", ALLOCSET_DEFAULT_SIZES);
	DmlExpanded *e = MemoryContextAlloc(cxt, sizeof(DmlExpanded));

	EOH_init_header(&e->hdr, &DmlMethods, cxt);
	e->s = dml_folds_new(cxt, k);
	return e;
}

/* The sketch of argument argno, expanded or flat (read only). */
DmlSketch *
dml_folds_arg(FunctionCallInfo fcinfo, int argno)
{
	Datum		d = PG_GETARG_DATUM(argno);

	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		DmlSketch  *s = ((DmlExpanded *) DatumGetEOHP(d))->s;

		dml_folds_settle(s);
		return s;
	}
	return dml_folds_unflatten((DmlSketchFlat *) PG_DETOAST_DATUM(d), CurrentMemoryContext);
}

/* The state argument as an expanded sketch this aggregate may change in place. */
DmlExpanded *
dml_folds_writable(FunctionCallInfo fcinfo, MemoryContext aggcxt)
{
	Datum		d = PG_GETARG_DATUM(0);
	DmlExpanded *e;
	DmlSketch  *s;

	if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
	{
		e = (DmlExpanded *) DatumGetEOHP(d);
		if (MemoryContextGetParent(e->hdr.eoh_context) == aggcxt)
			return e;
	}
	s = dml_folds_arg(fcinfo, 0);
	e = dml_folds_expanded_new(aggcxt, s->k);
	dml_folds_set_names(e->s, s->names);
	dml_folds_merge(e->s, s);
	return e;
}
