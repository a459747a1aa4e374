/*
 * dml_sketch.c
 *		One-scan linear DML: causal.dml_plr(fold, y, d, VARIADIC x) and the
 *		mergeable causal.dml_sketch behind it.
 *
 * With OLS nuisances the cross-fitted partialling-out estimate needs, per
 * fold f, the cross-products of z = (1, y, d, x): the training fits of y and
 * d on x come from sum_{g != f} S2_g, and sum v u, sum v^2 over fold f are
 * quadratic forms a' S2_f b in the fitted coefficient vectors.  Its standard
 * error needs sum psi^2 = sum (a'z)^2 (c'z)^2 with c = b - theta a, a fourth
 * moment whose coefficient vectors depend on the other folds, so they are
 * known only after the scan.  So each fold keeps every distinct fourth-order
 * product sum of z (sketch/fourth.h: C(p + 3, 4) numbers, p = k + 3); since
 * z_0 = 1, S2 and the row count are among them.  Rows are shifted by the
 * first row seen (z - s) so that data far from zero keeps its precision;
 * states with different shifts are merged after re-shifting one of them,
 * a linear map of the sums.  Rows are buffered per fold and added a block at
 * a time by the fourth-moment kernel.
 *
 * The estimate and standard error equal causal.dml(model => 'plr', ml_l =>
 * 'ols', ml_m => 'ols', fold_column => ...) on the same rows and folds.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "core/distributions.h"
#include "core/json_out.h"
#include "core/linalg.h"
#include "core/overflow.h"
#include "core/settings.h"
#include "estimate/dml.h"
#include "sketch/fourth.h"
#include "sketch/row_args.h"
#include "sketch/sketch_json.h"

#define DML_SKETCH_VERSION 2
#define DML_MAX_K 60
#define DML_MAX_FOLDS 100
#define DML_BUF_ROWS 64

typedef struct DmlFold
{
	int64		id;				/* the user's fold value */
	int64		n;
	double	   *m4;				/* fourth-order sums, canonical order (FoldSums) */
	double	   *panel;			/* accumulation panel, NULL until rows come */
	double	   *buf;			/* DML_BUF_ROWS shifted rows, lay.zstride apart */
	int			nbuf;
} DmlFold;

typedef struct DmlSketch
{
	int			k;				/* covariates */
	int			p;				/* k + 3 */
	int64		n_skipped;
	bool		has_shift;
	double	   *shift;			/* p, shift[0] = 0 */
	FourthLayout lay;
	MemoryContext cxt;			/* where the sketch's arrays live */
	int			nfolds;
	DmlFold		folds[DML_MAX_FOLDS];
} DmlSketch;

/* The stored form: header, fold ids and counts, shift, the sums of each fold. */
typedef struct DmlSketchFlat
{
	int32		vl_len_;
	uint8		version;
	uint8		reserved1;
	uint16		reserved2;
	int32		k;
	int32		nfolds;
	int32		pad;
	int64		n_skipped;
	/* int64 ids[nfolds], int64 n[nfolds], double shift[p], double m4[nfolds][C(p + 3, 4)] */
	char		data[FLEXIBLE_ARRAY_MEMBER];
} DmlSketchFlat;

static Size
FlatSize(int k, int nfolds)
{
	int			p = k + 3;

	return offsetof(DmlSketchFlat, data) + sizeof(int64) * 2 * nfolds +
		sizeof(double) * (p + (Size) nfolds * fourth_count(p));
}

static DmlSketch *
SketchNew(MemoryContext cxt, int k)
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
static DmlFold *
FoldSlot(DmlSketch *s, int64 id)
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
static double *
FoldSums(const DmlSketch *s, DmlFold *f)
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
static void
SketchSettle(DmlSketch *s)
{
	int			i;

	for (i = 0; i < s->nfolds; i++)
	{
		DmlFold    *f = &s->folds[i];

		FoldFlush(s, f);
		if (f->panel)
			fourth_settle(&s->lay, f->panel, FoldSums(s, f));
	}
}

/* Adds one row z = (1, y, d, x) to fold f. */
static void
AddRow(DmlSketch *s, DmlFold *f, const double *z)
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
static void
SketchMerge(DmlSketch *a, const DmlSketch *b)
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
		DmlFold    *f = FoldSlot(a, b->folds[i].id);
		const double *src = b->folds[i].m4;
		double	   *dst = FoldSums(a, f);

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

/* Writes the flat form of s (settled) into f, FlatSize bytes. */
static void
FlattenInto(const DmlSketch *s, DmlSketchFlat *f)
{
	Size		sz = FlatSize(s->k, s->nfolds);
	int64	   *ids = (int64 *) f->data,
			   *ns = ids + s->nfolds;
	double	   *sh = (double *) (ns + s->nfolds),
			   *pk = sh + s->p;
	int			i;

	memset(f, 0, offsetof(DmlSketchFlat, data));
	SET_VARSIZE(f, sz);
	f->version = DML_SKETCH_VERSION;
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
}

static DmlSketchFlat *
Flatten(DmlSketch *s)
{
	DmlSketchFlat *f;

	SketchSettle(s);
	f = palloc_extended(FlatSize(s->k, s->nfolds), MCXT_ALLOC_HUGE);
	FlattenInto(s, f);
	return f;
}

static void
BadSketch(int sqlstate, const char *what)
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
static void
ValidateFold(const DmlSketch *s, const DmlFold *f, int sqlstate)
{
	for (Size r = 0; r < s->lay.m; r++)
		if (!isfinite(f->m4[r]))
			BadSketch(sqlstate, "a moment is not finite");
	if (f->n < 0 || f->m4[0] != (double) f->n)
		BadSketch(sqlstate, "the row count does not match the moments");
	for (int j = 0; j < s->p; j++)
		for (int i = 0; i <= j; i++)
			if (f->m4[fourth_rank(0, 0, i, i)] < 0.0 || f->m4[fourth_rank(i, i, j, j)] < 0.0)
				BadSketch(sqlstate, "a sum of squares is negative");
}

static DmlSketch *
Unflatten(const DmlSketchFlat *f, MemoryContext cxt)
{
	DmlSketch  *s;
	const int64 *ids,
			   *ns;
	const double *sh,
			   *pk;
	int			i;

	if (VARSIZE(f) < offsetof(DmlSketchFlat, data) || f->version != DML_SKETCH_VERSION ||
		f->k < 1 || f->k > DML_MAX_K || f->nfolds < 0 || f->nfolds > DML_MAX_FOLDS ||
		VARSIZE(f) != FlatSize(f->k, f->nfolds) || f->n_skipped < 0)
		BadSketch(ERRCODE_INVALID_BINARY_REPRESENTATION, "bad header or size");
	s = SketchNew(cxt, f->k);
	ids = (const int64 *) f->data;
	ns = ids + f->nfolds;
	sh = (const double *) (ns + f->nfolds);
	pk = sh + s->p;
	s->n_skipped = f->n_skipped;
	memcpy(s->shift, sh, sizeof(double) * s->p);
	s->has_shift = f->nfolds > 0;
	for (i = 0; i < s->p; i++)
		if (!isfinite(s->shift[i]))
			BadSketch(ERRCODE_INVALID_BINARY_REPRESENTATION, "the shift is not finite");
	for (i = 0; i < f->nfolds; i++)
	{
		DmlFold    *fo;

		for (int j = 0; j < i; j++)
			if (ids[j] == ids[i])
				BadSketch(ERRCODE_INVALID_BINARY_REPRESENTATION, "a fold appears twice");
		fo = FoldSlot(s, ids[i]);
		fo->n = ns[i];
		memcpy(FoldSums(s, fo), pk + (Size) i * s->lay.m, sizeof(double) * s->lay.m);
		ValidateFold(s, fo, ERRCODE_INVALID_BINARY_REPRESENTATION);
	}
	return s;
}

/* ---- the estimate ----------------------------------------------------- */

/*
 * OLS of column t of z on the covariates (columns 3..p-1) with an intercept,
 * from cross-products s2 (p x p): the residual as a coefficient vector over z.
 */
static void
ResidualVector(const DmlSketch *s, const double *s2, int t, double *a, int fold)
{
	int			k = s->k,
				p = s->p,
				i,
				j,
				bad;
	double		n = s2[0];
	double	   *mu = palloc(sizeof(double) * p),
			   *cxx = palloc(sizeof(double) * k * k),
			   *cxt = palloc(sizeof(double) * k),
			   *beta = palloc(sizeof(double) * k);
	double		b0;

	for (i = 0; i < p; i++)
		mu[i] = s2[i * p] / n;
	for (j = 0; j < k; j++)
	{
		for (i = 0; i < k; i++)
			cxx[i + j * k] = s2[(3 + i) + (3 + j) * p] - n * mu[3 + i] * mu[3 + j];
		cxt[j] = s2[(3 + j) + t * p] - n * mu[3 + j] * mu[t];
	}
	bad = linalg_spd_inverse(k, cxx);
	if (bad >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("causal.dml_plr: covariate x%d is constant or collinear with the ones before it in the training rows of fold %d",
						bad + 1, fold),
				 errhint("Drop the covariate.")));
	linalg_gemv(k, cxx, cxt, beta);
	b0 = mu[t];
	for (j = 0; j < k; j++)
		b0 -= beta[j] * mu[3 + j];
	memset(a, 0, sizeof(double) * p);
	a[0] = -b0;
	a[t] = 1.0;
	for (j = 0; j < k; j++)
		a[3 + j] = -beta[j];
	pfree(mu);
	pfree(cxx);
	pfree(cxt);
	pfree(beta);
}

static double
Quad(int p, const double *s2, const double *a, const double *b)
{
	double		v = 0.0;

	for (int j = 0; j < p; j++)
		for (int i = 0; i < p; i++)
			v += a[i] * s2[i + j * p] * b[j];
	return v;
}

typedef struct DmlPlrFit
{
	double		theta;
	double		se;
	int64		n;
} DmlPlrFit;

static void
PlrFit(DmlSketch *s, DmlPlrFit *fit)
{
	int			p = s->p,
				K = s->nfolds,
				f,
				i;
	double	   *all = palloc0(sizeof(double) * p * p),
			   *tr = palloc(sizeof(double) * p * p),
			   *own = palloc(sizeof(double) * (Size) K * p * p),
			   *av = palloc(sizeof(double) * (Size) K * p),
			   *bv = palloc(sizeof(double) * (Size) K * p),
			   *cv = palloc(sizeof(double) * p);
	double		svu = 0.0,
				svv = 0.0,
				spsi2 = 0.0;

	SketchSettle(s);
	if (K < 2)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("causal.dml_plr: the fold argument has %d distinct value%s", K, K == 1 ? "" : "s"),
				 errhint("Cross-fitting needs at least two folds, for example abs(hashtext(id::text)) %% 5.")));
	fit->n = 0;
	for (f = 0; f < K; f++)
	{
		double	   *o = own + (Size) f * p * p;

		for (int j = 0; j < p; j++)
			for (i = 0; i < p; i++)
				o[i + j * p] = fourth_second(s->folds[f].m4, i, j);
		for (i = 0; i < p * p; i++)
			all[i] += o[i];
		fit->n = count_add(fit->n, s->folds[f].n, "causal.dml_sketch row count");
	}
	for (f = 0; f < K; f++)
	{
		double	   *o = own + (Size) f * p * p;
		int			fold = (int) s->folds[f].id;

		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < p * p; i++)
			tr[i] = all[i] - o[i];
		if (tr[0] < s->k + 2)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("causal.dml_plr: %.0f training rows outside fold %d, too few for %d covariates",
							tr[0], fold, s->k)));
		ResidualVector(s, tr, 2, av + (Size) f * p, fold);	/* d - m(x) */
		ResidualVector(s, tr, 1, bv + (Size) f * p, fold);	/* y - l(x) */
		svu += Quad(p, o, av + (Size) f * p, bv + (Size) f * p);
		svv += Quad(p, o, av + (Size) f * p, av + (Size) f * p);
	}
	/* residuals at rounding level of the treatment's own spread: d is in the covariates' span */
	if (!(svv > DML_DEGENERATE * (all[2 + 2 * p] - all[2] * all[2] / all[0])))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("causal.dml_plr: the treatment residuals are all zero"),
				 errhint("The covariates predict the treatment exactly; check for a copy of the treatment among the covariates.")));
	fit->theta = svu / svv;
	for (f = 0; f < K; f++)
	{
		const double *a = av + (Size) f * p,
				   *b = bv + (Size) f * p;

		for (i = 0; i < p; i++)
			cv[i] = b[i] - fit->theta * a[i];
		spsi2 += fourth_quartic(p, s->folds[f].m4, a, cv);
	}
	fit->se = sqrt(Max(spsi2, 0.0)) / svv;
	/* sums near the double range (a stored sketch may hold them) overflow the fit */
	if (!isfinite(fit->theta) || !isfinite(fit->se))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("causal.dml_plr: the %s overflows double precision", isfinite(fit->theta) ? "standard error" : "estimate"),
				 errhint("Rescale the columns (for example to thousands) before sketching.")));
	pfree(all);
	pfree(tr);
	pfree(own);
	pfree(av);
	pfree(bv);
	pfree(cv);
}

/* The causal.effect row of a fit. */
static Datum
EffectDatum(FunctionCallInfo fcinfo, const DmlSketch *s, const DmlPlrFit *fit, double alpha)
{
	TupleDesc	desc;
	Datum		values[11];
	bool		nulls[11];
	double		z = dist_qnorm(1.0 - alpha / 2.0, true);
	JsonOut		js;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "causal.dml_plr must return a composite type");
	desc = BlessTupleDesc(desc);
	json_out_init(&js);
	json_out_str(&js, "model", "plr");
	json_out_str(&js, "score", "partialling out");
	json_out_open(&js, "learners", '{');
	json_out_open(&js, "ml_l", '{');
	json_out_str(&js, "learner", "ols");
	json_out_close(&js);
	json_out_open(&js, "ml_m", '{');
	json_out_str(&js, "learner", "ols");
	json_out_close(&js);
	json_out_close(&js);
	json_out_int(&js, "n_folds", s->nfolds);
	json_out_int(&js, "n_skipped", s->n_skipped);
	json_out_str(&js, "folds", "argument");
	json_out_bool(&js, "one_scan", true);
	memset(nulls, 0, sizeof(nulls));
	values[0] = CStringGetTextDatum("dml_plr");
	values[1] = CStringGetTextDatum("theta");
	values[2] = Float8GetDatum(fit->theta);
	values[3] = Float8GetDatum(fit->se);
	values[4] = Float8GetDatum(fit->theta - z * fit->se);
	values[5] = Float8GetDatum(fit->theta + z * fit->se);
	values[6] = Float8GetDatum(dist_normal_two_sided(fit->theta / fit->se));
	nulls[6] = fit->se == 0.0;	/* an exact fit: no sampling error to test against (as causal.ols) */
	values[7] = Int64GetDatum(fit->n);
	nulls[8] = nulls[9] = true;
	values[10] = json_out_jsonb(&js);
	return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
}

/* ---- the aggregate state: an expanded object around a DmlSketch --------- */

typedef struct DmlExpanded
{
	ExpandedObjectHeader hdr;
	DmlSketch  *s;
} DmlExpanded;

static Size
DmlGetFlatSize(ExpandedObjectHeader *eohptr)
{
	DmlSketch  *s = ((DmlExpanded *) eohptr)->s;

	SketchSettle(s);
	return FlatSize(s->k, s->nfolds);
}

static void
DmlFlattenInto(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	DmlSketch  *s = ((DmlExpanded *) eohptr)->s;

	Assert(allocated_size == FlatSize(s->k, s->nfolds));
	SketchSettle(s);
	FlattenInto(s, (DmlSketchFlat *) result);
}

static const ExpandedObjectMethods DmlMethods = {
	DmlGetFlatSize,
	DmlFlattenInto
};

/* A new, empty expanded sketch of k covariates under parent. */
static DmlExpanded *
ExpandedNew(MemoryContext parent, int k)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "causal.dml_sketch", ALLOCSET_DEFAULT_SIZES);
	DmlExpanded *e = MemoryContextAlloc(cxt, sizeof(DmlExpanded));

	EOH_init_header(&e->hdr, &DmlMethods, cxt);
	e->s = SketchNew(cxt, k);
	return e;
}

/* The sketch of argument argno, expanded or flat (read only). */
static DmlSketch *
SketchArg(FunctionCallInfo fcinfo, int argno)
{
	Datum		d = PG_GETARG_DATUM(argno);

	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		DmlSketch  *s = ((DmlExpanded *) DatumGetEOHP(d))->s;

		SketchSettle(s);
		return s;
	}
	return Unflatten((DmlSketchFlat *) PG_DETOAST_DATUM(d), CurrentMemoryContext);
}

/* The state argument as an expanded sketch this aggregate may change in place. */
static DmlExpanded *
WritableState(FunctionCallInfo fcinfo, MemoryContext aggcxt)
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
	s = SketchArg(fcinfo, 0);
	e = ExpandedNew(aggcxt, s->k);
	SketchMerge(e->s, s);
	return e;
}

PG_FUNCTION_INFO_V1(dml_plr_accum);
/* Transition: (state, fold bigint, y, d, VARIADIC x "any"). */
Datum
dml_plr_accum(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.dml_plr";
	MemoryContext aggcxt;
	DmlExpanded *e;
	DmlSketch  *s;
	RowArgs    *args;
	double	   *x,
				z[DML_MAX_K + 3];
	int			k = -1;
	bool		use;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("causal.dml_plr transition function called outside an aggregate")));
	args = row_args_get(fcinfo, 4, fn);
	use = row_args_read(fcinfo, args, fn, &x, &k);
	if (!use && k < 1)
	{
		/* a NULL covariate array: skipped, but it cannot size a new state */
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		e = WritableState(fcinfo, aggcxt);
		e->s->n_skipped++;
		PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
	}
	if (k < 1 || k > DML_MAX_K)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml_plr takes 1 to %d covariates, got %d", DML_MAX_K, k),
				 errhint("The one-scan form keeps fourth moments, O(k^4) per fold; use causal.dml for more covariates.")));
	e = PG_ARGISNULL(0) ? ExpandedNew(aggcxt, k) : WritableState(fcinfo, aggcxt);
	s = e->s;
	if (s->k != k)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml_plr: rows with %d and %d covariates", s->k, k)));
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3) || !use)
	{
		s->n_skipped++;
		PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
	}
	z[0] = 1.0;
	z[1] = PG_GETARG_FLOAT8(2);
	z[2] = PG_GETARG_FLOAT8(3);
	for (int i = 1; i <= 2; i++)
		if (!isfinite(z[i]))
			row_args_not_finite(fn, i + 1);
	memcpy(z + 3, x, sizeof(double) * k);
	AddRow(s, FoldSlot(s, PG_GETARG_INT64(1)), z);
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

PG_FUNCTION_INFO_V1(dml_plr_combine);
/* Combine function, and transition function of causal.merge(causal.dml_sketch). */
Datum
dml_plr_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	DmlExpanded *e;
	DmlSketch  *b;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("causal.dml_sketch combine function called outside an aggregate")));
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = SketchArg(fcinfo, 1);
	if (PG_ARGISNULL(0))
		e = ExpandedNew(aggcxt, b->k);
	else
	{
		e = WritableState(fcinfo, aggcxt);
		SketchSettle(e->s);
	}
	SketchMerge(e->s, b);
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

PG_FUNCTION_INFO_V1(dml_plr_final_sketch);
/* Final function of causal.dml_plr_sketch and causal.merge: the flat sketch. */
Datum
dml_plr_final_sketch(PG_FUNCTION_ARGS)
{
	Datum		d;

	/* no row (zero rows, an all-filtered group, only NULL covariates): no sketch */
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	d = PG_GETARG_DATUM(0);
	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
		PG_RETURN_POINTER(Flatten(((DmlExpanded *) DatumGetEOHP(d))->s));
	PG_RETURN_DATUM(d);
}

PG_FUNCTION_INFO_V1(dml_plr_final_effect);
/* Final function of causal.dml_plr: the effect. */
Datum
dml_plr_final_effect(PG_FUNCTION_ARGS)
{
	DmlSketch  *s = SketchArg(fcinfo, 0);
	DmlPlrFit	fit;

	PlrFit(s, &fit);
	PG_RETURN_DATUM(EffectDatum(fcinfo, s, &fit, 0.05));
}

PG_FUNCTION_INFO_V1(dml_sketch_effect);
/* causal.dml_plr(sketch, alpha): the effect of a stored sketch. */
Datum
dml_sketch_effect(PG_FUNCTION_ARGS)
{
	DmlSketch  *s = SketchArg(fcinfo, 0);
	double		alpha = PG_GETARG_FLOAT8(1);
	DmlPlrFit	fit;

	if (!(alpha > 0.0 && alpha < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml_plr: alpha must be between 0 and 1, got %g", alpha)));
	PlrFit(s, &fit);
	PG_RETURN_DATUM(EffectDatum(fcinfo, s, &fit, alpha));
}

/* ---- text and binary forms -------------------------------------------- */

PG_FUNCTION_INFO_V1(dml_sketch_out);
/*
 * Text output: a JSON object {"version", "k", "n_skipped", "shift", "folds":
 * [{"fold", "n", "m4"}]}, m4 the fold's fourth-order sums in canonical order.
 */
Datum
dml_sketch_out(PG_FUNCTION_ARGS)
{
	DmlSketch  *s = Unflatten((DmlSketchFlat *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0)), CurrentMemoryContext);
	StringInfoData b;
	int			i;

	initStringInfo(&b);
	appendStringInfo(&b, "{\"version\": %d, \"k\": %d, \"n_skipped\": %lld, \"shift\": [",
					 DML_SKETCH_VERSION, s->k, (long long) s->n_skipped);
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
	appendStringInfoString(&b, "]}");
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
	int64		k;
	int			nf,
				i;

	sketch_json_parse(&sj, PG_GETARG_CSTRING(0), "causal.dml_sketch", 5,
					  "version, k, n_skipped, shift, folds");
	if (sketch_json_int64(&sj, sketch_json_key(&sj, "version", jbvNumeric), "version") != DML_SKETCH_VERSION)
		sketch_json_bad(&sj, "unknown version");
	k = sketch_json_int64(&sj, sketch_json_key(&sj, "k", jbvNumeric), "k");
	if (k < 1 || k > DML_MAX_K)
		sketch_json_bad(&sj, "k out of range");
	s = SketchNew(CurrentMemoryContext, (int) k);
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
		f = FoldSlot(s, id);
		f->n = sketch_json_int64(&sj, getKeyJsonValueFromContainer(fc, "n", 1, NULL), "n");
		arr = sketch_json_array(&sj, getKeyJsonValueFromContainer(fc, "m4", 2, NULL), "m4");
		if (JsonContainerSize(arr) != s->lay.m)
			sketch_json_bad(&sj, "m4 has the wrong length");
		for (Size r = 0; r < s->lay.m; r++)
			FoldSums(s, f)[r] =
				sketch_json_double(&sj, getIthJsonbValueFromContainer(arr, (uint32) r), "m4");
		ValidateFold(s, f, ERRCODE_INVALID_TEXT_REPRESENTATION);
	}
	PG_RETURN_POINTER(Flatten(s));
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
	int64	   *ids;
	double	   *d;
	Size		nd;

	if (version != DML_SKETCH_VERSION || k < 1 || k > DML_MAX_K || nfolds < 0 || nfolds > DML_MAX_FOLDS)
		BadSketch(ERRCODE_INVALID_BINARY_REPRESENTATION, "bad header");
	nd = (Size) (k + 3) + (Size) nfolds * fourth_count(k + 3);
	if ((Size) (buf->len - buf->cursor) != 8 + 16 * (Size) nfolds + 8 * nd)
		BadSketch(ERRCODE_INVALID_BINARY_REPRESENTATION, "wrong length");
	f = palloc_extended(FlatSize(k, nfolds), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	SET_VARSIZE(f, FlatSize(k, nfolds));
	f->version = version;
	f->k = k;
	f->nfolds = nfolds;
	f->n_skipped = pq_getmsgint64(buf);
	ids = (int64 *) f->data;
	d = (double *) (ids + 2 * nfolds);
	for (int i = 0; i < 2 * nfolds; i++)
		ids[i] = pq_getmsgint64(buf);
	for (Size i = 0; i < nd; i++)
		d[i] = pq_getmsgfloat8(buf);
	PG_RETURN_POINTER(Flatten(Unflatten(f, CurrentMemoryContext)));
}
