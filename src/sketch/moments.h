/*
 * moments.h
 *		The mergeable moment sketch behind causal.moments.
 *
 * A sketch holds, for k columns: the row count n, the number of rows skipped
 * for NULLs, the total weight W and the sum of squared weights, a shift
 * vector s (the first row seen), the mean offset d = mean - s, and the
 * co-moment matrix C = sum_r w_r (x_r - mean)(x_r - mean)^T.
 *
 * Accumulating x - s instead of x keeps every intermediate quantity of the
 * order of the data's spread, so data with mean 1e9 and sd 1 keeps full
 * precision (the shifted-data idea of Chan, Golub and LeVeque, 1983).  Rows
 * are buffered and added a block at a time: the block's own mean and
 * co-moments (one BLAS dsyrk) are merged with the running totals by the
 * pairwise update of Chan, Golub and LeVeque:
 *
 *	 C = C_a + C_b + (W_a W_b / W) (m_b - m_a)(m_b - m_a)^T.
 *
 * Two representations:
 *	 MomentsFlat	 the varlena stored on disk and shipped between nodes:
 *					 packed upper triangle of C, no row buffer;
 *	 Moments		 the working form (full k x k C, the row buffer), wrapped in
 *					 an expanded object while it is an aggregate's state so that
 *					 rows are added in place.
 */
#ifndef CAUSAL_MOMENTS_H
#define CAUSAL_MOMENTS_H

#include "fmgr.h"
#include "utils/expandeddatum.h"

#define MOMENTS_VERSION 1		/* unnamed: the layout 0.1.0 wrote */
#define MOMENTS_VERSION_NAMED 2 /* the same, then k column names (sketch_names.h) */
#define MOMENTS_MAX_K 1000
#define MOMENTS_FLAG_WEIGHTED 0x01

typedef struct MomentsFlat
{
	int32		vl_len_;		/* varlena header */
	uint8		version;
	uint8		flags;
	uint16		reserved;		/* zero */
	int32		k;
	int32		pad;			/* zero; keeps the int64s aligned */
	int64		n;				/* rows used (positive weight) */
	int64		n_skipped;		/* rows skipped for a NULL */
	double		sum_w;
	double		sum_w2;
	/* shift[k], delta[k], comoment upper triangle column by column; version 2: names */
	double		data[FLEXIBLE_ARRAY_MEMBER];
} MomentsFlat;

#define MOMENTS_PACKED(k)		((Size) (k) * ((k) + 1) / 2)
#define MOMENTS_FLAT_SIZE(k) \
	(offsetof(MomentsFlat, data) + sizeof(double) * (2 * (Size) (k) + MOMENTS_PACKED(k)))

typedef struct Moments
{
	int			k;
	bool		weighted;
	bool		has_shift;
	int64		n;
	int64		n_skipped;
	double		sum_w;
	double		sum_w2;
	double	   *shift;			/* k */
	double	   *delta;			/* k: mean - shift */
	double	   *comoment;		/* k x k column-major; upper triangle valid */
	int			nbuf;			/* rows waiting in the buffer */
	int			cap;			/* buffer capacity in rows; 0 = no buffer */
	int			cap_max;		/* the buffer grows by doubling up to this */
	double	   *buf;			/* cap x k, shifted rows one after another */
	double	   *bufw;			/* cap weights (weighted sketches) */
	char	  **names;			/* k column names, or NULL (unnamed) */
} Moments;

typedef struct MomentsExpanded
{
	ExpandedObjectHeader hdr;
	Moments		m;
} MomentsExpanded;

/* working form */
extern void moments_init(Moments *m, int k, bool weighted, int cap);
extern void moments_add_row(Moments *m, const double *x, double w);
extern void moments_flush(Moments *m);
extern void moments_merge(Moments *a, const Moments *b);
extern double moments_mean(const Moments *m, int j);
extern double moments_comoment(const Moments *m, int i, int j);

/* conversions */
extern MomentsFlat *moments_flatten(Moments *m);
extern void moments_unflatten(const MomentsFlat *f, Moments *m);
extern void moments_validate(const Moments *m, int sqlerrcode);
extern Moments *moments_get_arg(FunctionCallInfo fcinfo, int argno);
extern char **moments_flat_names(const MomentsFlat *f);

/* expanded object for aggregate states */
extern MomentsExpanded *moments_expanded_new(MemoryContext parent, int k, bool weighted,
											 bool buffered);
extern Datum moments_expanded_datum(MomentsExpanded *e);

#endif
