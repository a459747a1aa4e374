/*
 * ipm_features.c
 *		Random Fourier features of the Gaussian kernel (Rahimi and Recht 2007)
 *		for the MMD balancing weights of ipm_mmd.c.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "core/random.h"
#include "estimate/weighting/ipm.h"

/*
 * Features of the n rows of x (n x p column-major, standardized) into phi
 * (n x D floats, row-major): row i of x goes to row pos[i] of phi (pos a
 * permutation, or NULL for the identity), so that a caller can keep each
 * group's rows contiguous -- the solver streams a group's features once per
 * evaluation, and a contiguous stream is what the memory prefetcher serves
 * fastest.  Draws W row by row (D x p normals), then b.
 */
void
ipm_features(int n, int p, const double *x, int D, double gamma, int64 seed,
			 const int *pos, float *phi)
{
	CausalRandom rng;
	double	   *w = palloc(sizeof(double) * (Size) D * p),
			   *b = palloc(sizeof(double) * D),
			   *proj = palloc(sizeof(double) * D),
				scale = sqrt(2.0 / D);
	int			i,
				j,
				l;

	random_seed(&rng, seed);
	for (j = 0; j < D; j++)
		for (l = 0; l < p; l++)
			w[(Size) j * p + l] = random_normal(&rng) / gamma;
	for (j = 0; j < D; j++)
		b[j] = 2.0 * M_PI * random_uniform(&rng);
	for (i = 0; i < n; i++)
	{
		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		for (j = 0; j < D; j++)
		{
			double		e = b[j];

			for (l = 0; l < p; l++)
				e += w[(Size) j * p + l] * x[i + (Size) l * n];
			proj[j] = e;
		}
		for (j = 0; j < D; j++)
			phi[(Size) (pos ? pos[i] : i) * D + j] = (float) (scale * cos(proj[j]));
	}
	pfree(w);
	pfree(b);
	pfree(proj);
}
