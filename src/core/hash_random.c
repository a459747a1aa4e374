/*
 * hash_random.c
 *		Seeded random numbers from a hash of a key: the refuters draw their
 *		permutations, subsets and noise per row this way, so a seed gives the
 *		same result in any plan and the session's random() is left alone.
 *
 * u(k, seed) = (top 53 bits of hashint8extended(k, seed) + 1/2) / 2^53 is
 * uniform on (0, 1); a standard normal is Box-Muller on u(k, seed) and
 * u(k, seed xor a constant).
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/fmgrprotos.h"

#include "core/hash_random.h"

double
hash_uniform(int64 k, int64 seed)
{
	uint64		h = (uint64) DatumGetInt64(DirectFunctionCall2(hashint8extended,
															   Int64GetDatum(k), Int64GetDatum(seed)));

	return ((double) (h >> 11) + 0.5) / 9007199254740992.0;
}

PG_FUNCTION_INFO_V1(causal_refute_uniform);
/* SQL causal.refute_uniform(k, seed). */
Datum
causal_refute_uniform(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(hash_uniform(PG_GETARG_INT64(0), PG_GETARG_INT64(1)));
}

double
hash_normal(int64 k, int64 seed)
{
	return sqrt(-2.0 * log(hash_uniform(k, seed))) *
		cos(2.0 * M_PI * hash_uniform(k, seed ^ INT64CONST(6148914691236517205)));
}

PG_FUNCTION_INFO_V1(causal_refute_normal);
/* SQL causal.refute_normal(k, seed). */
Datum
causal_refute_normal(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(hash_normal(PG_GETARG_INT64(0), PG_GETARG_INT64(1)));
}
