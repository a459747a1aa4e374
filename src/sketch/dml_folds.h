/*
 * dml_folds.h
 *		The fold-moment sketch (SQL type causal.dml_sketch): per fold of the
 *		user's fold argument, every fourth-order product sum of
 *		z = (1, y, d, x), from which linear cross-fitted DML (PLR with OLS
 *		nuisances, estimate/dml/plr_sketch.c) reads its estimate and its
 *		standard error after one scan.
 *
 * Rows are shifted by the first row seen (z - s) so that data far from zero
 * keeps its precision; states with different shifts are merged after
 * re-shifting one of them, a linear map of the sums.  Rows are buffered per
 * fold and added a block at a time by the fourth-moment kernel
 * (sketch/fourth.h).
 */
#ifndef CAUSAL_DML_FOLDS_H
#define CAUSAL_DML_FOLDS_H

#include "fmgr.h"
#include "utils/expandeddatum.h"

#include "sketch/fourth.h"

#define DML_SKETCH_VERSION 2
#define DML_SKETCH_VERSION_NAMED 3	/* the same, then the k + 2 names of y, d, x (sketch_names.h) */
#define DML_MAX_K 60
#define DML_MAX_FOLDS 100
#define DML_BUF_ROWS 64

typedef struct DmlFold
{
	int64		id;				/* the user's fold value */
	int64		n;
	double	   *m4;				/* fourth-order sums, canonical order (dml_folds_sums) */
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
	char	  **names;			/* k + 2 names (y, d, the covariates) in cxt, or NULL */
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

typedef struct DmlExpanded
{
	ExpandedObjectHeader hdr;
	DmlSketch  *s;
} DmlExpanded;

extern Size dml_folds_flat_size(int k, int nfolds);
extern DmlSketch *dml_folds_new(MemoryContext cxt, int k);
extern DmlFold *dml_folds_slot(DmlSketch *s, int64 id);
extern double *dml_folds_sums(const DmlSketch *s, DmlFold *f);
extern void dml_folds_settle(DmlSketch *s);
extern void dml_folds_add_row(DmlSketch *s, DmlFold *f, const double *z);
extern void dml_folds_merge(DmlSketch *a, const DmlSketch *b);
extern DmlSketchFlat *dml_folds_flatten(DmlSketch *s);
extern void dml_folds_bad(int sqlstate, const char *what) pg_attribute_noreturn();
extern void dml_folds_validate(const DmlSketch *s, const DmlFold *f, int sqlstate);
extern DmlSketch *dml_folds_unflatten(const DmlSketchFlat *f, MemoryContext cxt);
extern DmlExpanded *dml_folds_expanded_new(MemoryContext parent, int k);
extern DmlSketch *dml_folds_arg(FunctionCallInfo fcinfo, int argno);
extern DmlExpanded *dml_folds_writable(FunctionCallInfo fcinfo, MemoryContext aggcxt);
extern void dml_folds_set_names(DmlSketch *s, char *const *names);
extern DmlSketchFlat *dml_folds_flat_with_names(const DmlSketchFlat *f, char *const *names);

#endif
