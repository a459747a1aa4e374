/*
 * fourth.c
 *		Sums of fourth-order products of z = (1, z_1, ..., z_{p-1}): the
 *		accumulation kernel, its panel, and the algebra on the canonical sums.
 *
 * Every distinct product z_i z_j z_k z_l (i <= j <= k <= l) is the product of
 * a left pair (i, j) and a right pair (k, l) with j <= k, in exactly one way.
 * So a block of rows adds, for each j, the matrix product of the left pairs
 * (i, j), i <= j, with the right pairs (k, l), k >= j, over the block's rows:
 * C(p + 3, 4) products per row, where the Gram matrix of all pairs that a
 * BLAS dsyrk would form has about 2.5 times as many (38,000 against 15,000 at
 * p = 23).  BLAS has no routine for that staircase of blocks: one dgemm per
 * block j is dominated by packing at these shapes (1 to 23 rows), and
 * grouping blocks to make dgemm efficient computes 25-70% waste.  Measured at
 * p = 23 on one AVX-512 core, per row: dsyrk 1.2 us, grouped dgemm 0.7-0.9 us,
 * this kernel 0.45-0.55 us (about 40 of the core's ~50 billion fused
 * multiply-adds a second).
 * Hence a register-tiled kernel of our own (fourth_kernel.h), compiled for
 * AVX-512, AVX2 + FMA and plain SSE2/portable C and chosen at run time.
 *
 * Panel layout: the left pairs in vech order ((0, 0), (0, 1), (1, 1), (0, 2),
 * ...) are cut into tiles of FOURTH_TILE; tile g is a FOURTH_TILE x
 * twidth[g] row-major matrix, row a holding the sums of left pair
 * g FOURTH_TILE + a times the right pairs from (tj[g], tj[g]) on, in k order
 * ((j, j), (j, j + 1), ..., (j + 1, j + 1), ...), padded to whole chunks of
 * FOURTH_CHUNK or a last half chunk; tj[g] is the smallest j in the tile.  Products of a pair
 * (i, j) with right pairs k < j are computed and ignored: a tile spans at
 * most two values of j past the first few, so that costs little, and it
 * keeps every tile FOURTH_TILE rows tall (one broadcast feeding two fused
 * multiply-adds would leave AVX-512 waiting on loads).  fourth_settle moves
 * a panel into canonical order.
 */
#include "postgres.h"

#include <string.h>

#include "miscadmin.h"

#include "sketch/fourth.h"
#include "core/settings.h"

/* ---- kernel instances ---------------------------------------------------- */

#define FK(name) fk_generic_##name
#define FK_VW 2
#define FK_MR 1
#include "sketch/fourth_kernel.h"
#undef FK
#undef FK_VW
#undef FK_MR

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define FOURTH_X86 1

#pragma GCC push_options
#pragma GCC target("avx2,fma")
#define FK(name) fk_avx2_##name
#define FK_VW 4
#define FK_MR 3
#include "sketch/fourth_kernel.h"
#undef FK
#undef FK_VW
#undef FK_MR
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq,avx2,fma")
#define FK(name) fk_avx512_##name
#define FK_VW 8
#define FK_MR 8
#include "sketch/fourth_kernel.h"
#undef FK
#undef FK_VW
#undef FK_MR
#pragma GCC pop_options
#endif

typedef void (*FourthKernel) (const FourthLayout *, int, const double *, double *, double *);

/* Is the instruction set name available on this CPU? */
bool
fourth_simd_supported(const char *name)
{
	if (strcmp(name, "generic") == 0 || strcmp(name, "auto") == 0)
		return true;
#ifdef FOURTH_X86
	__builtin_cpu_init();
	if (strcmp(name, "avx2") == 0)
		return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
	if (strcmp(name, "avx512") == 0)
		return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
#endif
	return false;
}

/* The instruction set the kernel runs with under the current causal.simd. */
const char *
fourth_kernel_name(void)
{
	if (causal_simd != SIMD_AUTO)
		return causal_simd == SIMD_AVX512 ? "avx512" :
			causal_simd == SIMD_AVX2 ? "avx2" : "generic";
	if (fourth_simd_supported("avx512"))
		return "avx512";
	if (fourth_simd_supported("avx2"))
		return "avx2";
	return "generic";
}

static FourthKernel
ChooseKernel(void)
{
	static int	chosen_for = -1;
	static FourthKernel kernel = NULL;

	if (chosen_for != causal_simd)
	{
		const char *name = fourth_kernel_name();

		kernel = fk_generic_accumulate;
#ifdef FOURTH_X86
		if (strcmp(name, "avx512") == 0)
			kernel = fk_avx512_accumulate;
		else if (strcmp(name, "avx2") == 0)
			kernel = fk_avx2_accumulate;
#endif
		chosen_for = causal_simd;
	}
	return kernel;
}

/* ---- layout -------------------------------------------------------------- */

/* C(p + 3, 4): the number of distinct products. */
Size
fourth_count(int p)
{
	Size		n = (Size) p + 3;

	return n * (n - 1) * (n - 2) * (n - 3) / 24;
}

/* Fills the panel layout for vectors of length p (1 <= p <= FOURTH_MAX_P). */
void
fourth_layout_init(FourthLayout *lay, int p)
{
	Size		off = 0;
	int			pos = 0;

	Assert(p >= 1 && p <= FOURTH_MAX_P);
	memset(lay, 0, sizeof(*lay));
	lay->p = p;
	lay->q = p * (p + 1) / 2;
	/* vectors of 8 written or read from the last pair may run 7 past the end */
	lay->zstride = TYPEALIGN(8, p + 8);
	lay->lstride = TYPEALIGN(8, lay->q + 8);
	/* a chunk read from kstart[j] may run FOURTH_CHUNK - 1 past q */
	lay->rstride = TYPEALIGN(8, lay->q + FOURTH_CHUNK);
	lay->m = fourth_count(p);
	for (int k = 0; k < p; k++)
	{
		lay->kstart[k] = pos;
		pos += p - k;
	}
	lay->kstart[p] = pos;
	lay->ntiles = (lay->q + FOURTH_TILE - 1) / FOURTH_TILE;
	for (int g = 0, j = 0; g < lay->ntiles; g++)
	{
		int			n;

		/* j of the pair g FOURTH_TILE: the largest j with j (j + 1) / 2 <= it */
		while ((j + 1) * (j + 2) / 2 <= g * FOURTH_TILE)
			j++;
		n = lay->q - lay->kstart[j];
		lay->tj[g] = j;
		/* whole chunks, the last one possibly half */
		lay->twidth[g] = (n + FOURTH_CHUNK / 2 - 1) / (FOURTH_CHUNK / 2) * (FOURTH_CHUNK / 2);
		lay->toff[g] = off;
		off += (Size) FOURTH_TILE * lay->twidth[g];
	}
	lay->panel_size = off;

	/*
	 * The packing program: one packed row holds the left pairs in vech order
	 * (z_i z_j at j (j + 1) / 2 + i), then from lstride the right pairs in k
	 * order (z_k z_l at lstride + kstart[k] + l - k).  A run of one j (one k)
	 * is z[0 .. j] z_j (z[k .. p - 1] z_k), written 8 products at a time; what
	 * a write puts past its run's end is overwritten by the next run, or
	 * lands in the padding after the last one, which the tiles read only
	 * into panel cells that fourth_settle ignores.
	 */
	for (int j = 0; j < p; j++)
		for (int i = 0; i <= j; i += 8)
		{
			lay->pack_dst[lay->npack] = (int16) (j * (j + 1) / 2 + i);
			lay->pack_src[lay->npack] = (uint8) i;
			lay->pack_by[lay->npack++] = (uint8) j;
		}
	for (int k = 0; k < p; k++)
		for (int l = k; l < p; l += 8)
		{
			lay->pack_dst[lay->npack] = (int16) (lay->lstride + lay->kstart[k] + l - k);
			lay->pack_src[lay->npack] = (uint8) l;
			lay->pack_by[lay->npack++] = (uint8) k;
		}
	Assert(lay->npack <= FOURTH_MAX_PACK);
}

Size
fourth_scratch_size(const FourthLayout *lay, int maxrows)
{
	return (Size) maxrows * (lay->lstride + lay->rstride);
}

/* Adds nrows rows to the panel with the kernel of the current instruction set. */
void
fourth_accumulate(const FourthLayout *lay, int nrows, const double *z,
				  double *scratch, double *panel)
{
	if (nrows > 0)
		ChooseKernel() (lay, nrows, z, scratch, panel);
}

/* m4 += the panel's sums in canonical order; zeroes the panel. */
void
fourth_settle(const FourthLayout *lay, double *panel, double *m4)
{
	int			p = lay->p;

	for (int j = 0, v = 0; j < p; j++)
		for (int i = 0; i <= j; i++, v++)
		{
			int			g = v / FOURTH_TILE;
			const double *row = panel + lay->toff[g] + (Size) (v % FOURTH_TILE) * lay->twidth[g];

			for (int k = j; k < p; k++)
			{
				const double *rk = row + lay->kstart[k] - lay->kstart[lay->tj[g]] - k;

				for (int l = k; l < p; l++)
					m4[fourth_rank(i, j, k, l)] += rk[l];
			}
		}
	memset(panel, 0, sizeof(double) * lay->panel_size);
}

/*
 * Rows shifted by delta more: prod_t (z_t + delta_t) expands into 16 terms,
 * each a lower-order product of z (padded with the index 0, z_0 = 1) times
 * the deltas of the other factors; delta_0 = 0.
 */
void
fourth_reshift(int p, const double *delta, const double *in, double *out)
{
	for (int l = 0; l < p; l++)
		for (int k = 0; k <= l; k++)
			for (int j = 0; j <= k; j++)
				for (int i = 0; i <= j; i++)
				{
					int			idx[4] = {i, j, k, l};
					double		v = 0.0;

					for (int mask = 0; mask < 16; mask++)
					{
						int			sel[4] = {0, 0, 0, 0},
									ns = 0;
						double		coef = 1.0;

						for (int t = 0; t < 4; t++)
						{
							if (mask & (1 << t))
								sel[ns++] = idx[t];
							else
								coef *= delta[idx[t]];
						}
						if (coef == 0.0)
							continue;
						/* the selected indices are sorted; zeros go first */
						{
							int			s4[4] = {0, 0, 0, 0};

							for (int t = 0; t < ns; t++)
								s4[4 - ns + t] = sel[t];
							v += coef * in[fourth_rank(s4[0], s4[1], s4[2], s4[3])];
						}
					}
					out[fourth_rank(i, j, k, l)] = v;
				}
}

/*
 * out[r] = sum over the rows of (a'z)^(4 - r) (c'z)^r, r = 0..4, in one pass.
 * For a stored product z_i z_j z_k z_l, e_r (the coefficient of s^r in
 * prod_t (a[idx_t] + s c[idx_t])) sums the placements of c on r of the four
 * indices; the 24 permutations of the indices give each placement
 * r! (4 - r)! times, and count each distinct ordering of the indices (the
 * rows' products it stands for) prod(multiplicity!) times.
 */
void
fourth_binary_forms(int p, const double *m4, const double *a, const double *c, double *out)
{
	static const double orders[5] = {24.0, 6.0, 4.0, 6.0, 24.0};	/* r! (4 - r)! */

	memset(out, 0, sizeof(double) * 5);
	for (int l = 0; l < p; l++)
	{
		CHECK_FOR_INTERRUPTS();
		for (int k = 0; k <= l; k++)
			for (int j = 0; j <= k; j++)
				for (int i = 0; i <= j; i++)
				{
					int			idx[4] = {i, j, k, l},
								run = 1;
					double		e[5] = {1.0, 0.0, 0.0, 0.0, 0.0},
								fact = 1.0,
								m = m4[fourth_rank(i, j, k, l)];

					for (int t = 0; t < 4; t++)
					{
						double		x = a[idx[t]],
									y = c[idx[t]];

						for (int r = t + 1; r > 0; r--)
							e[r] = e[r] * x + e[r - 1] * y;
						e[0] *= x;
						if (t > 0)
						{
							run = idx[t] == idx[t - 1] ? run + 1 : 1;
							fact *= run;
						}
					}
					for (int r = 0; r <= 4; r++)
						out[r] += orders[r] / fact * e[r] * m;
				}
	}
}
