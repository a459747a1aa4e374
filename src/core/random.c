/*
 * random.c
 *		Seeded uniforms, normals, integers and shuffles over pg_prng.
 *
 * PostgreSQL 15's pg_prng has no normal generator (pg_prng_double_normal
 * arrived in 16), so normals are made here by Marsaglia's polar method.
 */
#include "postgres.h"

#include <math.h>

#include "core/random.h"

/* Seeds the generator; equal seeds give equal streams on every platform. */
void
random_seed(CausalRandom *rng, int64 seed)
{
	pg_prng_seed(&rng->state, (uint64) seed);
	rng->has_spare = false;
	rng->spare = 0.0;
}

/* A uniform number in the open interval (0, 1). */
double
random_uniform(CausalRandom *rng)
{
	double		u;

	do
		u = pg_prng_double(&rng->state);
	while (u == 0.0);
	return u;
}

/* A standard normal number (Marsaglia's polar method). */
double
random_normal(CausalRandom *rng)
{
	double		u,
				v,
				s,
				f;

	if (rng->has_spare)
	{
		rng->has_spare = false;
		return rng->spare;
	}
	do
	{
		u = 2.0 * pg_prng_double(&rng->state) - 1.0;
		v = 2.0 * pg_prng_double(&rng->state) - 1.0;
		s = u * u + v * v;
	} while (s >= 1.0 || s == 0.0);
	f = sqrt(-2.0 * log(s) / s);
	rng->spare = v * f;
	rng->has_spare = true;
	return u * f;
}

/* A uniform integer in [0, n). */
uint64
random_below(CausalRandom *rng, uint64 n)
{
	Assert(n > 0);
	return pg_prng_uint64_range(&rng->state, 0, n - 1);
}

/* Shuffles items in place (Fisher-Yates). */
void
random_shuffle(CausalRandom *rng, int *items, int n)
{
	int			i;

	for (i = n - 1; i > 0; i--)
	{
		int			j = (int) random_below(rng, (uint64) i + 1);
		int			t = items[i];

		items[i] = items[j];
		items[j] = t;
	}
}
