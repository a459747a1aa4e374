/*
 * fourth.h
 *		Sums of fourth-order products of a vector z = (1, z_1, ..., z_{p-1}).
 *
 * A fourth-moment sum holds, over the rows added, every distinct product
 * z_i z_j z_k z_l with i <= j <= k <= l: C(p + 3, 4) numbers.  Because z_0 is
 * 1 they include the row count (0, 0, 0, 0), the sums of z (0, 0, 0, i) and
 * the second moments (0, 0, i, j).  The canonical order of the products is the
 * colex rank of the strictly increasing tuple (i, j + 1, k + 2, l + 3), so it
 * does not depend on p: fourth_rank below.
 *
 * Rows are added a block at a time into an accumulation panel (layout in
 * fourth.c) by a kernel that computes each distinct product about once; the
 * panel is then added into the canonical sums by fourth_settle.  Users:
 * the one-scan DML sketch (sketch/dml_folds.c).
 */
#ifndef CAUSAL_FOURTH_H
#define CAUSAL_FOURTH_H

#define FOURTH_MAX_P 64
/* width of the right-hand chunks of the panel, in doubles */
#define FOURTH_CHUNK 16
/* left pairs per tile of the panel */
#define FOURTH_TILE 8
#define FOURTH_MAX_TILES ((FOURTH_MAX_P * (FOURTH_MAX_P + 1) / 2 + FOURTH_TILE - 1) / FOURTH_TILE)
/* vector writes of 8 that form one row's pairs: at most 2 sum_{n <= 64} ceil(n / 8) */
#define FOURTH_MAX_PACK 576

typedef struct FourthLayout
{
	int			p;				/* length of z, z_0 = 1 */
	int			q;				/* pairs i <= j: p (p + 1) / 2 */
	int			zstride;		/* row stride of the rows given to fourth_accumulate */
	int			lstride;		/* left pairs of a packed row; the right pairs follow */
	int			rstride;		/* right pairs of a packed row */
	int			npack;			/* the packing program: writes of 8 products */
	int16		pack_dst[FOURTH_MAX_PACK];	/* where in the packed row */
	uint8		pack_src[FOURTH_MAX_PACK];	/* z[src .. src + 7] ... */
	uint8		pack_by[FOURTH_MAX_PACK];	/* ... times z[by] */
	Size		m;				/* distinct products: C(p + 3, 4) */
	Size		panel_size;		/* doubles in one accumulation panel */
	int			kstart[FOURTH_MAX_P + 1];	/* k order: first pair (k, k) */
	int			ntiles;			/* tiles of left pairs */
	int			tj[FOURTH_MAX_TILES];	/* smallest j of the pairs of tile g */
	int			twidth[FOURTH_MAX_TILES];	/* row length of tile g */
	Size		toff[FOURTH_MAX_TILES]; /* offset of tile g in the panel */
} FourthLayout;

/* Canonical index of the product z_i z_j z_k z_l, i <= j <= k <= l. */
static inline Size
fourth_rank(int i, int j, int k, int l)
{
	Size		b = (Size) (j + 1),
				c = (Size) (k + 2),
				d = (Size) (l + 3);

	return (Size) i + b * (b - 1) / 2 + c * (c - 1) * (c - 2) / 6 +
		d * (d - 1) * (d - 2) * (d - 3) / 24;
}

/* The sum of z_i z_j over the rows (any order of i, j). */
static inline double
fourth_second(const double *m4, int i, int j)
{
	return i <= j ? m4[fourth_rank(0, 0, i, j)] : m4[fourth_rank(0, 0, j, i)];
}

extern Size fourth_count(int p);
extern void fourth_layout_init(FourthLayout *lay, int p);

/* Doubles of scratch space for blocks of up to maxrows rows. */
extern Size fourth_scratch_size(const FourthLayout *lay, int maxrows);

/*
 * Adds nrows rows (z stored row after row, lay->zstride doubles apart, each
 * p values with z_0 = 1, then padding) to the panel (lay->panel_size
 * doubles).  scratch: fourth_scratch_size doubles; what it or the rows'
 * padding held before reaches only panel cells that fourth_settle ignores.
 */
extern void fourth_accumulate(const FourthLayout *lay, int nrows, const double *z,
							  double *scratch, double *panel);

/* m4 (canonical, lay->m doubles) += the panel's sums; the panel is zeroed. */
extern void fourth_settle(const FourthLayout *lay, double *panel, double *m4);

/* out = the sums of in re-expressed for rows z + delta (delta_0 = 0). */
extern void fourth_reshift(int p, const double *delta, const double *in, double *out);

/* out[r] = sum over the rows of (a'z)^(4 - r) (c'z)^r for r = 0..4, in one pass. */
extern void fourth_binary_forms(int p, const double *m4, const double *a, const double *c, double *out);

/* The instruction set the kernel runs with: "avx512", "avx2" or "generic". */
extern const char *fourth_kernel_name(void);

/* Check hook of causal.simd: is the requested instruction set available? */
extern bool fourth_simd_supported(const char *name);

#endif
