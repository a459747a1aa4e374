/*
 * fourth_kernel.h
 *		One instance of the fourth-moment accumulation kernel; fourth.c
 *		includes this file once per instruction set, with
 *
 *		FK(name)	the instance's name for name
 *		FK_VW		doubles per vector register (8 AVX-512, 4 AVX2, 2 SSE2)
 *		FK_MR		left-hand rows per register tile
 *
 * The panel layout and the reason for a kernel of our own are in fourth.c.
 * A register tile holds FK_MR left pairs by one chunk of FOURTH_CHUNK right
 * pairs (FOURTH_CHUNK / FK_VW vectors), summed over the block's rows with
 * one broadcast and FOURTH_CHUNK / FK_VW fused multiply-adds per left pair.
 * FK_MR is at most 8 (a tile is 8 rows tall); 1, 2, 3, 4 and 8 are handled.
 */

#define FK_NV (FOURTH_CHUNK / FK_VW)

typedef double FK(vec) __attribute__((vector_size(FK_VW * sizeof(double))));

static inline __attribute__((always_inline)) FK(vec)
FK(load) (const double *x)
{
	FK(vec) v;

	memcpy(&v, x, sizeof(v));
	return v;
}

static inline __attribute__((always_inline)) void
FK(store) (double *x, FK(vec) v)
{
	memcpy(x, &v, sizeof(v));
}

/*
 * out[a][0..nv VW) += sum over nrows rows t of l[t][a] * r[t][0..nv VW),
 * a < m, nv <= FK_NV; m and nv are constants at every call site, so the
 * loops unroll and the accumulators live in registers.
 */
static inline __attribute__((always_inline)) void
FK(tile) (const int m, const int nv, int nrows, const double *l, int lstride,
		  const double *r, int rstride, double *out, int ostride)
{
	FK(vec) acc[FK_MR][FK_NV];

#pragma GCC unroll 16
	for (int a = 0; a < m; a++)
#pragma GCC unroll 16
		for (int v = 0; v < nv; v++)
			acc[a][v] = (FK(vec)) {0};
	for (int t = 0; t < nrows; t++)
	{
		const double *rt = r + (Size) t * rstride,
				   *lt = l + (Size) t * lstride;
		double		s[FK_MR];

		/*
		 * the m left values first, then one right vector at a time: m + 1
		 * registers besides the accumulators (what lets AVX2's 16 hold a
		 * 3 x 16 tile)
		 */
#pragma GCC unroll 16
		for (int a = 0; a < m; a++)
			s[a] = lt[a];
#pragma GCC unroll 16
		for (int v = 0; v < nv; v++)
		{
			FK(vec) b = FK(load) (rt + v * FK_VW);

#pragma GCC unroll 16
			for (int a = 0; a < m; a++)
				acc[a][v] += s[a] * b;
		}
	}
#pragma GCC unroll 16
	for (int a = 0; a < m; a++)
#pragma GCC unroll 16
		for (int v = 0; v < nv; v++)
		{
			double	   *o = out + (Size) a * ostride + v * FK_VW;

			FK(store) (o, FK(load) (o) + acc[a][v]);
		}
}

/* Packs the block's pair products, then adds every panel tile (see fourth.c). */
static void
FK(accumulate) (const FourthLayout *lay, int nrows, const double *z,
				double *scratch, double *panel)
{
	int			zs = lay->zstride,
				rowlen = lay->lstride + lay->rstride;

	/* packed rows, rowlen apart: the left pairs, then the right pairs (fourth.c) */
	for (int t = 0; t < nrows; t++)
	{
		const double *zt = z + (Size) t * zs;
		double	   *row = scratch + (Size) t * rowlen;

		for (int e = 0; e < lay->npack; e++)
		{
			const double *src = zt + lay->pack_src[e];
			double	   *dst = row + lay->pack_dst[e],
						by = zt[lay->pack_by[e]];

#pragma GCC unroll 4
			for (int v = 0; v < 8; v += FK_VW)
				FK(store) (dst + v, FK(load) (src + v) * by);
		}
	}

	/*
	 * Tile g: left pairs 8g .. 8g + 7 in vech order, whose smallest j is
	 * tj[g], against the right pairs (k, l) with k >= tj[g], the k-order
	 * suffix from kstart[tj[g]]; an instruction set with fewer registers
	 * does a tile FK_MR rows at a time.
	 */
	for (int g = 0; g < lay->ntiles; g++)
	{
		int			width = lay->twidth[g],
					rows = Min(FOURTH_TILE, lay->q - g * FOURTH_TILE);
		double	   *blk = panel + lay->toff[g];
		const double *rg = scratch + lay->lstride + lay->kstart[lay->tj[g]];

		for (int c = 0; c < width; c += FOURTH_CHUNK)
		{
			/* a row ends in a whole chunk or in half of one */
			bool		half = width - c < FOURTH_CHUNK;

			for (int i0 = 0; i0 < rows; i0 += FK_MR)
			{
				const double *li = scratch + g * FOURTH_TILE + i0;
				double	   *o = blk + (Size) i0 * width + c;
				int			mm = Min(FK_MR, rows - i0);

#define FK_CASE(m) case m: \
				if (half) \
					FK(tile) (m, FK_NV / 2, nrows, li, rowlen, rg + c, rowlen, o, width); \
				else \
					FK(tile) (m, FK_NV, nrows, li, rowlen, rg + c, rowlen, o, width); \
				break;
				switch (mm)
				{
						FK_CASE(1)
#if FK_MR >= 2
						FK_CASE(2)
#endif
#if FK_MR >= 3
						FK_CASE(3)
#endif
#if FK_MR >= 4
						FK_CASE(4)
#endif
#if FK_MR >= 8
						FK_CASE(5)
						FK_CASE(6)
						FK_CASE(7)
						FK_CASE(8)
#endif
				}
#undef FK_CASE
			}
		}
	}
}

#undef FK_NV
