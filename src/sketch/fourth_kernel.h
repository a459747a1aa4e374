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
 * out[a][0..CHUNK) += sum over nrows rows t of l[t][a] * r[t][0..CHUNK),
 * a < m; m is a constant at every call site, so the loops unroll and the
 * accumulators live in registers.
 */
static inline __attribute__((always_inline)) void
FK(tile) (const int m, int nrows, const double *l, int lstride,
		  const double *r, int rstride, double *out, int ostride)
{
	FK(vec) acc[FK_MR][FK_NV];

#pragma GCC unroll 16
	for (int a = 0; a < m; a++)
#pragma GCC unroll 16
		for (int v = 0; v < FK_NV; v++)
			acc[a][v] = (FK(vec)) {0};
	for (int t = 0; t < nrows; t++)
	{
		const double *rt = r + (Size) t * rstride,
				   *lt = l + (Size) t * lstride;
		FK(vec) b[FK_NV];

#pragma GCC unroll 16
		for (int v = 0; v < FK_NV; v++)
			b[v] = FK(load) (rt + v * FK_VW);
#pragma GCC unroll 16
		for (int a = 0; a < m; a++)
		{
			double		s = lt[a];

#pragma GCC unroll 16
			for (int v = 0; v < FK_NV; v++)
				acc[a][v] += s * b[v];
		}
	}
#pragma GCC unroll 16
	for (int a = 0; a < m; a++)
#pragma GCC unroll 16
		for (int v = 0; v < FK_NV; v++)
		{
			double	   *o = out + (Size) a * ostride + v * FK_VW;

			FK(store) (o, FK(load) (o) + acc[a][v]);
		}
}

/* Packs the block's pair products, then adds every panel block (see fourth.c). */
static void
FK(accumulate) (const FourthLayout *lay, int nrows, const double *z,
				double *scratch, double *panel)
{
	int			p = lay->p,
				zs = lay->zstride,
				ls = lay->lstride,
				rs = lay->rstride;
	double	   *lpack = scratch,
			   *rpack = scratch + (Size) nrows * ls;

	/*
	 * Left pack, pairs in vech order (by j, then i): row t holds z_i z_j at
	 * j (j + 1) / 2 + i.  Right pack, pairs in k order (by k, then l): row t
	 * holds z_k z_l at kstart[k] + l - k.  Each run of one j (one k) is
	 * written in whole vectors; what a run writes past its end is
	 * overwritten by the next run, or lands in the padding of the row (z's
	 * rows are zero-padded to zstride, so that is zero too).
	 */
	for (int t = 0; t < nrows; t++)
	{
		const double *zt = z + (Size) t * zs;
		double	   *lt = lpack + (Size) t * ls,
				   *rt = rpack + (Size) t * rs;

		for (int j = 0; j < p; j++)
		{
			double		zj = zt[j];
			double	   *o = lt + j * (j + 1) / 2;

			for (int i = 0; i <= j; i += FK_VW)
				FK(store) (o + i, FK(load) (zt + i) * zj);
		}
		for (int k = 0; k < p; k++)
		{
			double		zk = zt[k];
			double	   *o = rt + lay->kstart[k] - k;

			for (int l = k; l < p; l += FK_VW)
				FK(store) (o + l, FK(load) (zt + l) * zk);
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
		const double *rg = rpack + lay->kstart[lay->tj[g]];

		for (int c = 0; c < width; c += FOURTH_CHUNK)
		{
			for (int i0 = 0; i0 < rows; i0 += FK_MR)
			{
				const double *li = lpack + g * FOURTH_TILE + i0;
				double	   *o = blk + (Size) i0 * width + c;

				switch (Min(FK_MR, rows - i0))
				{
#define FK_CASE(mm) case mm: FK(tile) (mm, nrows, li, ls, rg + c, rs, o, width); break;
					FK_CASE(1)
#if FK_MR >= 2
						FK_CASE(2)
#endif
#if FK_MR >= 4
						FK_CASE(3)
						FK_CASE(4)
#endif
#if FK_MR >= 8
						FK_CASE(5)
						FK_CASE(6)
						FK_CASE(7)
						FK_CASE(8)
#endif
#undef FK_CASE
				}
			}
		}
	}
}

#undef FK_NV
