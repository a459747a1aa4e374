/*
 * moments.c
 *		Block updates, pairwise merges, flat and expanded forms of the moment sketch.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"
#include "utils/memutils.h"

#include "core/linalg.h"
#include "core/overflow.h"
#include "sketch/moments.h"
#include "sketch/sketch_names.h"

/*
 * Largest row buffer: about 32 kB of doubles, 8 to 256 rows.  A buffer starts
 * at 8 rows and doubles as rows arrive, so GROUP BY over many small groups
 * does not pay for large buffers.
 */
static int
BufferRows(int k)
{
	int			cap = 4096 / k;

	return Max(8, Min(256, cap));
}

/* Allocates an empty sketch of k columns in the current memory context. */
void
moments_init(Moments *m, int k, bool weighted, int cap)
{
	/* the one column limit: the aggregates, text and binary input all build through here */
	if (k < 1 || k > MOMENTS_MAX_K)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("causal.moments takes 1 to %d columns, got %d", MOMENTS_MAX_K, k),
				 errhint("Sketch fewer columns, or several sketches of column groups.")));
	m->k = k;
	m->weighted = weighted;
	m->has_shift = false;
	m->n = 0;
	m->n_skipped = 0;
	m->sum_w = 0.0;
	m->sum_w2 = 0.0;
	m->shift = palloc0(sizeof(double) * k);
	m->delta = palloc0(sizeof(double) * k);
	m->comoment = palloc0(sizeof(double) * k * k);
	m->nbuf = 0;
	m->cap = cap;
	m->cap_max = Max(cap, BufferRows(k));
	m->buf = cap > 0 ? palloc(sizeof(double) * cap * k) : NULL;
	m->bufw = (cap > 0 && weighted) ? palloc(sizeof(double) * cap) : NULL;
	m->names = NULL;
}

/*
 * Raises 22003 when a flush or merge overflowed double precision: the total
 * weight, a mean or a variance became infinite (an infinite co-moment implies
 * an infinite variance, by Cauchy-Schwarz), so that no sketch holds what its
 * readers would turn into NaN.
 */
static void
CheckFinite(const Moments *m)
{
	int			j;

	if (!isfinite(m->sum_w) || !isfinite(m->sum_w2))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("causal.moments: the total weight overflows double precision"),
				 errhint("Rescale the weights; only their ratios matter.")));
	for (j = 0; j < m->k; j++)
		if (!isfinite(m->delta[j]) || !isfinite(m->comoment[j + j * m->k]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("causal.moments: the sums of column %d overflow double precision", j + 1),
					 errhint("Rescale the column (for example to thousands) before sketching.")));
}

/* Adds one row (weight w, ignored when unweighted); buffers and updates per block. */
void
moments_add_row(Moments *m, const double *x, double w)
{
	double	   *dst;
	int			j;

	Assert(m->cap > 0);
	if (m->weighted && w == 0.0)
		return;					/* zero weight: the row carries no information */
	if (!m->has_shift)
	{
		memcpy(m->shift, x, sizeof(double) * m->k);
		m->has_shift = true;
	}
	dst = m->buf + (Size) m->nbuf * m->k;
	for (j = 0; j < m->k; j++)
		dst[j] = x[j] - m->shift[j];
	if (m->weighted)
		m->bufw[m->nbuf] = w;
	if (++m->nbuf == m->cap)
	{
		moments_flush(m);
		if (m->cap < m->cap_max)
		{
			/* repalloc keeps the buffer in the sketch's own memory context */
			m->cap = Min(2 * m->cap, m->cap_max);
			m->buf = repalloc(m->buf, sizeof(double) * m->cap * m->k);
			if (m->weighted)
				m->bufw = repalloc(m->bufw, sizeof(double) * m->cap);
		}
	}
}

/*
 * Folds the buffered rows into the totals: the block's weighted mean, its
 * centred co-moments by one dsyrk, then the pairwise merge formula.
 */
void
moments_flush(Moments *m)
{
	int			k = m->k,
				nb = m->nbuf,
				r,
				j;
	double		wb = 0.0,
				wb2 = 0.0,
				wa = m->sum_w,
				wt;
	double	   *mb;

	if (nb == 0)
		return;
	mb = palloc0(sizeof(double) * k);
	for (r = 0; r < nb; r++)
	{
		double		w = m->weighted ? m->bufw[r] : 1.0;
		const double *row = m->buf + (Size) r * k;

		wb += w;
		wb2 += w * w;
		for (j = 0; j < k; j++)
			mb[j] += w * row[j];
	}
	for (j = 0; j < k; j++)
		mb[j] /= wb;
	for (r = 0; r < nb; r++)
	{
		double		sw = m->weighted ? sqrt(m->bufw[r]) : 1.0;
		double	   *row = m->buf + (Size) r * k;

		for (j = 0; j < k; j++)
			row[j] = (row[j] - mb[j]) * sw;
	}
	linalg_syrk_rows(k, nb, m->buf, m->comoment);

	wt = wa + wb;
	if (wa > 0.0)
	{
		/* mb becomes the difference of the block mean and the running mean */
		for (j = 0; j < k; j++)
			mb[j] -= m->delta[j];
		linalg_syr(k, wa * wb / wt, mb, m->comoment);
		for (j = 0; j < k; j++)
			m->delta[j] += mb[j] * (wb / wt);
	}
	else
		memcpy(m->delta, mb, sizeof(double) * k);

	m->n = count_add(m->n, nb, "causal.moments row count");
	m->sum_w = wt;
	m->sum_w2 += wb2;
	m->nbuf = 0;
	pfree(mb);
	CheckFinite(m);
}

/* Merges sketch b into a (both flushed): Chan, Golub and LeVeque's pairwise update. */
void
moments_merge(Moments *a, const Moments *b)
{
	int			k = a->k,
				i,
				j;

	if (a->k != b->k)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("cannot merge causal.moments sketches of %d and %d columns", a->k, b->k),
				 errhint("Only sketches built over the same columns can be merged.")));
	sketch_names_check_merge(a->names, b->names, k, "causal.moments");
	Assert(a->nbuf == 0 && b->nbuf == 0);

	a->n_skipped = count_add(a->n_skipped, b->n_skipped, "causal.moments skipped-row count");
	a->weighted = a->weighted || b->weighted;
	if (b->n == 0)
		return;
	if (a->n == 0)
	{
		memcpy(a->shift, b->shift, sizeof(double) * k);
		memcpy(a->delta, b->delta, sizeof(double) * k);
		memcpy(a->comoment, b->comoment, sizeof(double) * k * k);
		a->has_shift = true;
	}
	else
	{
		double		wa = a->sum_w,
					wb = b->sum_w,
					wt = wa + wb;
		double	   *d = palloc(sizeof(double) * k);

		/*
		 * Difference of the means in a's coordinates.  The shifts are rows of
		 * the same columns, so their difference is exact or nearly so even
		 * when the means are huge.
		 */
		for (j = 0; j < k; j++)
			d[j] = (b->shift[j] - a->shift[j]) + (b->delta[j] - a->delta[j]);
		for (j = 0; j < k; j++)
			for (i = 0; i <= j; i++)
				a->comoment[i + j * k] += b->comoment[i + j * k];
		linalg_syr(k, wa * wb / wt, d, a->comoment);
		for (j = 0; j < k; j++)
			a->delta[j] += d[j] * (wb / wt);
		pfree(d);
	}
	a->n = count_add(a->n, b->n, "causal.moments row count");
	a->sum_w += b->sum_w;
	a->sum_w2 += b->sum_w2;
	CheckFinite(a);
}

/* Mean of column j (0-based). */
double
moments_mean(const Moments *m, int j)
{
	return m->shift[j] + m->delta[j];
}

/* Co-moment of columns i and j (0-based, either order). */
double
moments_comoment(const Moments *m, int i, int j)
{
	return i <= j ? m->comoment[i + j * m->k] : m->comoment[j + i * m->k];
}

/* Writes the flat (stored) form of a sketch, flushing its buffer first. */
MomentsFlat *
moments_flatten(Moments *m)
{
	int			k = m->k,
				i,
				j;
	Size		size = MOMENTS_FLAT_SIZE(k) + sketch_names_bytes(m->names, k);
	MomentsFlat *f;
	double	   *p;

	moments_flush(m);
	f = palloc0(size);
	SET_VARSIZE(f, size);
	f->version = m->names ? MOMENTS_VERSION_NAMED : MOMENTS_VERSION;
	f->flags = m->weighted ? MOMENTS_FLAG_WEIGHTED : 0;
	f->k = k;
	f->n = m->n;
	f->n_skipped = m->n_skipped;
	f->sum_w = m->sum_w;
	f->sum_w2 = m->sum_w2;
	memcpy(f->data, m->shift, sizeof(double) * k);
	memcpy(f->data + k, m->delta, sizeof(double) * k);
	p = f->data + 2 * k;
	for (j = 0; j < k; j++)
		for (i = 0; i <= j; i++)
			*p++ = m->comoment[i + j * k];
	sketch_names_write(m->names, k, (char *) f + MOMENTS_FLAT_SIZE(k));
	return f;
}

/* Column names of a flat sketch (checked), or NULL when it is unnamed. */
char	  **
moments_flat_names(const MomentsFlat *f)
{
	if (f->version != MOMENTS_VERSION_NAMED)
		return NULL;
	return sketch_names_read((const char *) f + MOMENTS_FLAT_SIZE(f->k),
							 VARSIZE(f) - MOMENTS_FLAT_SIZE(f->k), f->k, ERRCODE_DATA_CORRUPTED,
							 "causal.moments");
}

/* Reads a flat sketch into a working form without a row buffer. */
void
moments_unflatten(const MomentsFlat *f, Moments *m)
{
	int			k = f->k,
				i,
				j;
	const double *p;

	if (k < 1 || k > MOMENTS_MAX_K ||
		!(f->version == MOMENTS_VERSION ? VARSIZE(f) == MOMENTS_FLAT_SIZE(k) :
		  f->version == MOMENTS_VERSION_NAMED && VARSIZE(f) > MOMENTS_FLAT_SIZE(k)))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupted causal.moments value")));
	moments_init(m, k, (f->flags & MOMENTS_FLAG_WEIGHTED) != 0, 0);
	m->names = moments_flat_names(f);
	m->has_shift = f->n > 0;
	m->n = f->n;
	m->n_skipped = f->n_skipped;
	m->sum_w = f->sum_w;
	m->sum_w2 = f->sum_w2;
	memcpy(m->shift, f->data, sizeof(double) * k);
	memcpy(m->delta, f->data + k, sizeof(double) * k);
	p = f->data + 2 * k;
	for (j = 0; j < k; j++)
		for (i = 0; i <= j; i++)
		{
			m->comoment[i + j * k] = *p;
			m->comoment[j + i * k] = *p;
			p++;
		}
}

/* Raises an error naming the first broken invariant of a sketch read from outside. */
void
moments_validate(const Moments *m, int sqlerrcode)
{
	int			k = m->k,
				i,
				j;
	const char *problem = NULL;

	if (m->n < 0 || m->n_skipped < 0)
		problem = "negative row count";
	else if (!isfinite(m->sum_w) || !isfinite(m->sum_w2) || m->sum_w < 0 || m->sum_w2 < 0)
		problem = "invalid total weight";
	else if (!m->weighted && (m->sum_w != (double) m->n || m->sum_w2 != (double) m->n))
		problem = "total weight differs from the row count of an unweighted sketch";
	else if (m->n == 0 && (m->sum_w != 0 || m->sum_w2 != 0))
		problem = "weight without rows";
	else if (m->n > 0 && !(m->sum_w > 0))
		problem = "rows without weight";
	else if (m->sum_w2 > m->sum_w * m->sum_w * (1 + 1e-12))
		problem = "sum of squared weights exceeds the squared total weight";
	for (j = 0; j < k && problem == NULL; j++)
	{
		double		cjj = m->comoment[j + j * k];

		if (!isfinite(m->shift[j]) || !isfinite(m->delta[j]))
			problem = "non-finite mean";
		else if (!isfinite(cjj) || cjj < 0)
			problem = "negative or non-finite variance";
		else if (m->n == 0 && (m->delta[j] != 0 || m->shift[j] != 0))
			problem = "mean without rows";
		for (i = 0; i < j && problem == NULL; i++)
		{
			double		cij = m->comoment[i + j * k];
			double		cii = m->comoment[i + i * k];

			if (!isfinite(cij))
				problem = "non-finite co-moment";
			else if (fabs(cij) > sqrt(cii * cjj) * (1 + 1e-6) + 1e-300)
				problem = "co-moment violates the Cauchy-Schwarz inequality";
		}
		if (m->n == 0 && cjj != 0)
			problem = "variance without rows";
	}
	if (problem)
		ereport(ERROR,
				(errcode(sqlerrcode),
				 errmsg("invalid causal.moments value: %s", problem),
				 errhint("A sketch must come from causal.moments() or its own text or binary output.")));
}

/* Reads argument argno as a working sketch (flat or expanded, without modifying it). */
Moments *
moments_get_arg(FunctionCallInfo fcinfo, int argno)
{
	Datum		d;
	Moments    *m;

	/* functions that take NULL options are CALLED ON NULL INPUT: a NULL sketch is an error, not a crash */
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the moments sketch (argument %d) is NULL", argno + 1),
				 errhint("An aggregate over no rows gives NULL; check the WHERE clause or the table.")));
	d = PG_GETARG_DATUM(argno);
	m = palloc(sizeof(Moments));

	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		MomentsExpanded *e = (MomentsExpanded *) DatumGetEOHP(d);
		MomentsFlat *f = moments_flatten(&e->m);

		moments_unflatten(f, m);
		pfree(f);
	}
	else
		moments_unflatten((MomentsFlat *) PG_DETOAST_DATUM(d), m);
	return m;
}

/* Expanded-object method: size of the flat form (flushes the buffer first). */
static Size
MomentsGetFlatSize(ExpandedObjectHeader *eohptr)
{
	MomentsExpanded *e = (MomentsExpanded *) eohptr;

	moments_flush(&e->m);
	return MOMENTS_FLAT_SIZE(e->m.k) + sketch_names_bytes(e->m.names, e->m.k);
}

/* Expanded-object method: writes the flat form into result. */
static void
MomentsFlattenInto(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	MomentsExpanded *e = (MomentsExpanded *) eohptr;
	MomentsFlat *f = moments_flatten(&e->m);

	Assert(allocated_size == VARSIZE(f));
	memcpy(result, f, VARSIZE(f));
	pfree(f);
}

static const ExpandedObjectMethods MomentsMethods = {
	MomentsGetFlatSize,
	MomentsFlattenInto
};

/* Creates an empty expanded sketch in its own context under parent (with a row buffer if buffered). */
MomentsExpanded *
moments_expanded_new(MemoryContext parent, int k, bool weighted, bool buffered)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "causal.moments",
											  ALLOCSET_SMALL_SIZES);
	MemoryContext old = MemoryContextSwitchTo(cxt);
	MomentsExpanded *e = palloc(sizeof(MomentsExpanded));

	EOH_init_header(&e->hdr, &MomentsMethods, cxt);
	moments_init(&e->m, k, weighted, buffered ? 8 : 0);
	MemoryContextSwitchTo(old);
	return e;
}

/* The read-write datum of an expanded sketch. */
Datum
moments_expanded_datum(MomentsExpanded *e)
{
	return EOHPGetRWDatum(&e->hdr);
}
