/*
 * json_options.c
 *		Reading method settings from a jsonb options object: numbers with a
 *		range, and rejection of keys a method does not know.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/numeric.h"

#include "core/json_options.h"

double
json_option_number(JsonbContainer *c, const char *key, double def, double lo, double hi,
				   const char *prefix, const char *hint)
{
	JsonbValue *v = c == NULL ? NULL : getKeyJsonValueFromContainer(c, key, strlen(key), NULL);
	double		x;

	if (v == NULL)
		return def;
	if (v->type != jbvNumeric)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: option \"%s\" must be a number", prefix, key),
				 hint ? errhint("%s", hint) : 0));
	x = DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(v->val.numeric)));
	if (!(x >= lo && x <= hi))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: option \"%s\" must be between %g and %g, got %g", prefix, key, lo, hi, x),
				 hint ? errhint("%s", hint) : 0));
	return x;
}

void
json_option_check_keys(JsonbContainer *c, const char *const *known, const char *prefix,
					   const char *owner, const char *hint)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;

	if (c == NULL)
		return;
	it = JsonbIteratorInit(c);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		const char *const *k;
		char	   *key;

		if (tok != WJB_KEY)
			continue;
		key = pnstrdup(v.val.string.val, v.val.string.len);
		for (k = known; *k != NULL; k++)
			if (strcmp(*k, key) == 0)
				break;
		if (*k == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: %s has no option \"%s\"", prefix, owner, key),
					 hint ? errhint("%s", hint) : 0));
	}
}
