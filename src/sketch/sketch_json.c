/*
 * sketch_json.c
 *		Helpers for the JSON text input of the sketch types.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/numeric.h"

#include "sketch/sketch_json.h"

/* Raises the error for a malformed text value of the sketch type. */
void
sketch_json_bad(const SketchJson *sj, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: %s", sj->typname, what),
			 errhint("Expected the JSON object that %s values print as.", sj->typname)));
}

/*
 * Parses str as a JSON object of exactly nkeys keys (listed in keys, for the
 * error), plus the optional "names" key when names_allowed.
 */
void
sketch_json_parse(SketchJson *sj, const char *str, const char *typname, int nkeys,
				  const char *keys, bool names_allowed)
{
	sj->typname = typname;
	sj->jb = DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(str)));
	if (!JB_ROOT_IS_OBJECT(sj->jb))
		sketch_json_bad(sj, "not a JSON object");
	sj->named = names_allowed &&
		getKeyJsonValueFromContainer(&sj->jb->root, "names", 5, NULL) != NULL;
	if (JB_ROOT_COUNT(sj->jb) != (uint32) nkeys + (sj->named ? 1 : 0))
		sketch_json_bad(sj, psprintf("expected exactly the keys %s%s", keys,
									 names_allowed ? " (and optionally names)" : ""));
}

/* A key of the top-level object, of the given JSON type. */
JsonbValue *
sketch_json_key(const SketchJson *sj, const char *key, enum jbvType type)
{
	JsonbValue *v = getKeyJsonValueFromContainer(&sj->jb->root, key, strlen(key), NULL);

	if (v == NULL)
		sketch_json_bad(sj, psprintf("key \"%s\" is missing", key));
	if (v->type != type)
		sketch_json_bad(sj, psprintf("key \"%s\" has the wrong JSON type", key));
	return v;
}

/* A JSON number as int64. */
int64
sketch_json_int64(const SketchJson *sj, JsonbValue *v, const char *what)
{
	if (v == NULL || v->type != jbvNumeric)
		sketch_json_bad(sj, psprintf("%s must be an integer", what));
	return DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(v->val.numeric)));
}

/* A JSON number as a double (exactly: numeric -> shortest decimal -> strtod). */
double
sketch_json_double(const SketchJson *sj, JsonbValue *v, const char *what)
{
	if (v == NULL || v->type != jbvNumeric)
		sketch_json_bad(sj, psprintf("%s holds a non-number", what));
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(v->val.numeric)));
}

/* The array container of a value. */
JsonbContainer *
sketch_json_array(const SketchJson *sj, JsonbValue *v, const char *what)
{
	if (v == NULL || v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data))
		sketch_json_bad(sj, psprintf("%s must be an array", what));
	return v->val.binary.data;
}
