/*
 * hash_random.h
 *		Seeded random numbers from a hash of a key (see hash_random.c): the
 *		same number for a key and seed in any plan, in SQL or in C.
 */
#ifndef CAUSAL_HASH_RANDOM_H
#define CAUSAL_HASH_RANDOM_H

/* A uniform number in (0, 1) of key k and seed (causal.refute_uniform). */
extern double hash_uniform(int64 k, int64 seed);

/* A standard normal number of key k and seed (causal.refute_normal). */
extern double hash_normal(int64 k, int64 seed);

#endif
