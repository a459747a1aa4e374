/*
 * random.h
 *		Seeded random numbers on PostgreSQL's own generator (pg_prng, xoroshiro128**).
 */
#ifndef CAUSAL_RANDOM_H
#define CAUSAL_RANDOM_H

#include "common/pg_prng.h"

typedef struct CausalRandom
{
	pg_prng_state state;
	bool		has_spare;		/* polar method makes normals in pairs */
	double		spare;
} CausalRandom;

extern void random_seed(CausalRandom *rng, int64 seed);
extern double random_uniform(CausalRandom *rng);	/* in (0, 1) */
extern double random_normal(CausalRandom *rng);
extern uint64 random_below(CausalRandom *rng, uint64 n);	/* in [0, n) */
extern void random_shuffle(CausalRandom *rng, int *items, int n);

#endif
