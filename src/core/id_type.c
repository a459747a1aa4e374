/*
 * id_type.c
 *		causal.id: the row key of results that return one row per input row
 *		(causal.weights, causal.match, causal.propensity, causal.malts,
 *		causal.learner_predict).
 *
 *		A function's result type is fixed when the call is parsed, before the
 *		relation and id column it names are known, so the key cannot come back
 *		in the id column's own type.  It comes back as the key's text, in a
 *		type that joins with the usual key types without a cast: implicit casts
 *		to text, bigint and uuid make `w.id = t.row_id` resolve to PostgreSQL's
 *		own text, integer or uuid equality (hash-joinable), and the type is in
 *		the string category, so that two causal.id values (or an untyped
 *		literal) compare as text when the causal schema is not on the search
 *		path.  Its own ordering puts integer keys in numeric order (1, 2, 10
 *		rather than 1, 10, 2) and every other key after them in byte order;
 *		equality is byte equality, so that the hash agrees with it.
 *
 *		The representation is text's, so that text and causal.id are binary
 *		coercible and the C functions that return ids build text datums.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/uuid.h"

PG_FUNCTION_INFO_V1(causal_id_in);
/* causal.id_in: a key from its text. */
Datum
causal_id_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(PG_GETARG_CSTRING(0)));
}

PG_FUNCTION_INFO_V1(causal_id_out);
/* causal.id_out: the key's text. */
Datum
causal_id_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(text_to_cstring(PG_GETARG_TEXT_PP(0)));
}

PG_FUNCTION_INFO_V1(causal_id_recv);
/* causal.id_recv: binary input, text's. */
Datum
causal_id_recv(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(textrecv, PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(causal_id_send);
/* causal.id_send: binary output, text's. */
Datum
causal_id_send(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(textsend, PG_GETARG_DATUM(0));
}

/*
 * Whether s[0..len) is an integer (an optional minus, then digits); if so its
 * sign and its digits without leading zeros (none for zero, which counts as
 * not negative).
 */
static bool
IdInteger(const char *s, int len, bool *negative, const char **digits, int *ndigits)
{
	int			i = 0;

	*negative = (len > 0 && s[0] == '-');
	if (*negative)
		i = 1;
	if (i == len)
		return false;
	for (int j = i; j < len; j++)
		if (s[j] < '0' || s[j] > '9')
			return false;
	while (i < len && s[i] == '0')
		i++;
	*digits = s + i;
	*ndigits = len - i;
	if (*ndigits == 0)
		*negative = false;
	return true;
}

/* the order of keys: integers by value, then every other key; ties (007 and 7) by bytes */
static int
IdCompare(text *a, text *b)
{
	const char *sa = VARDATA_ANY(a),
			   *sb = VARDATA_ANY(b);
	int			la = VARSIZE_ANY_EXHDR(a),
				lb = VARSIZE_ANY_EXHDR(b);
	bool		na,
				nb;
	const char *da,
			   *db;
	int			ka,
				kb;
	bool		ia = IdInteger(sa, la, &na, &da, &ka),
				ib = IdInteger(sb, lb, &nb, &db, &kb);
	int			c;

	if (ia != ib)
		return ia ? -1 : 1;
	if (ia)
	{
		if (na != nb)
			return na ? -1 : 1;
		/* the magnitudes: more digits is larger, then digit by digit */
		c = (ka != kb) ? (ka < kb ? -1 : 1) : memcmp(da, db, ka);
		if (c != 0)
			return (c < 0) != na ? -1 : 1;
	}
	c = memcmp(sa, sb, Min(la, lb));
	if (c != 0)
		return c < 0 ? -1 : 1;
	return la == lb ? 0 : (la < lb ? -1 : 1);
}

/* IdCompare of a call's two arguments */
static int
IdCompareArgs(FunctionCallInfo fcinfo)
{
	text	   *a = PG_GETARG_TEXT_PP(0),
			   *b = PG_GETARG_TEXT_PP(1);
	int			c = IdCompare(a, b);

	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	return c;
}

PG_FUNCTION_INFO_V1(causal_id_cmp);
/* causal.id_cmp(a, b): -1, 0 or 1 in the order of keys. */
Datum
causal_id_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(IdCompareArgs(fcinfo));
}

PG_FUNCTION_INFO_V1(causal_id_eq);
/* causal.id_eq(a, b): a = b (the same bytes). */
Datum
causal_id_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(IdCompareArgs(fcinfo) == 0);
}

PG_FUNCTION_INFO_V1(causal_id_ne);
/* causal.id_ne(a, b): a <> b. */
Datum
causal_id_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(IdCompareArgs(fcinfo) != 0);
}

PG_FUNCTION_INFO_V1(causal_id_lt);
/* causal.id_lt(a, b): a < b. */
Datum
causal_id_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(IdCompareArgs(fcinfo) < 0);
}

PG_FUNCTION_INFO_V1(causal_id_le);
/* causal.id_le(a, b): a <= b. */
Datum
causal_id_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(IdCompareArgs(fcinfo) <= 0);
}

PG_FUNCTION_INFO_V1(causal_id_gt);
/* causal.id_gt(a, b): a > b. */
Datum
causal_id_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(IdCompareArgs(fcinfo) > 0);
}

PG_FUNCTION_INFO_V1(causal_id_ge);
/* causal.id_ge(a, b): a >= b. */
Datum
causal_id_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(IdCompareArgs(fcinfo) >= 0);
}

PG_FUNCTION_INFO_V1(causal_id_hash);
/* causal.id_hash(a): hash of the key's bytes (agrees with byte equality). */
Datum
causal_id_hash(PG_FUNCTION_ARGS)
{
	text	   *a = PG_GETARG_TEXT_PP(0);

	return hash_any((const unsigned char *) VARDATA_ANY(a), VARSIZE_ANY_EXHDR(a));
}

PG_FUNCTION_INFO_V1(causal_id_hash_extended);
/* causal.id_hash_extended(a, seed): the seeded 64-bit hash. */
Datum
causal_id_hash_extended(PG_FUNCTION_ARGS)
{
	text	   *a = PG_GETARG_TEXT_PP(0);

	return hash_any_extended((const unsigned char *) VARDATA_ANY(a), VARSIZE_ANY_EXHDR(a),
							 PG_GETARG_INT64(1));
}

/*
 * The key as an integer within [lo, hi], read straight from the datum (the
 * implicit cast runs once per row of a join: no copy, no allocation).
 */
static int64
IdToInteger(FunctionCallInfo fcinfo, const char *type, int64 lo, int64 hi)
{
	text	   *a = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(a);
	int			len = VARSIZE_ANY_EXHDR(a);
	bool		negative;
	const char *digits;
	int			ndigits;
	uint64		mag = 0;
	bool		overflow = false;

	if (!IdInteger(s, len, &negative, &digits, &ndigits))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("causal.id \"%s\" is not an integer, so it has no %s value", text_to_cstring(a), type),
				 errhint("The id column the result came from holds text keys: compare the id with a "
						 "text column, or cast the integer column to text.")));
	/* the magnitude, up to 2^63 (the magnitude of the smallest bigint) */
	for (int i = 0; i < ndigits && !overflow; i++)
	{
		uint64		d = digits[i] - '0';

		if (mag > (UINT64CONST(9223372036854775808) - d) / 10)
			overflow = true;
		else
			mag = mag * 10 + d;
	}
	if (!overflow && (negative ? mag > (uint64) -(lo + 1) + 1 : mag > (uint64) hi))
		overflow = true;
	if (overflow)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("causal.id \"%s\" is out of range for type %s", text_to_cstring(a), type),
				 errhint("Read it as text and on to numeric: id::text::numeric.")));
	return negative ? (int64) (0 - mag) : (int64) mag;
}

PG_FUNCTION_INFO_V1(causal_id_to_int8);
/* causal.id_to_int8(a): the cast to bigint. */
Datum
causal_id_to_int8(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(IdToInteger(fcinfo, "bigint", PG_INT64_MIN, PG_INT64_MAX));
}

PG_FUNCTION_INFO_V1(causal_id_to_int4);
/* causal.id_to_int4(a): the cast to integer. */
Datum
causal_id_to_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) IdToInteger(fcinfo, "integer", PG_INT32_MIN, PG_INT32_MAX));
}

PG_FUNCTION_INFO_V1(causal_id_to_uuid);
/* causal.id_to_uuid(a): the cast to uuid (uuid_in's errors). */
Datum
causal_id_to_uuid(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(uuid_in, CStringGetDatum(text_to_cstring(PG_GETARG_TEXT_PP(0))));
}
