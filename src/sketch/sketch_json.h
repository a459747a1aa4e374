/*
 * sketch_json.h
 *		Reading the JSON text form of the sketch types, with errors that name
 *		the type.
 */
#ifndef CAUSAL_SKETCH_JSON_H
#define CAUSAL_SKETCH_JSON_H

#include "utils/jsonb.h"

typedef struct SketchJson
{
	Jsonb	   *jb;
	const char *typname;		/* "causal.moments", ... */
	bool		named;			/* the optional "names" key is present */
} SketchJson;

extern void sketch_json_parse(SketchJson *sj, const char *str, const char *typname, int nkeys,
							  const char *keys, bool names_allowed);
extern void sketch_json_bad(const SketchJson *sj, const char *what) pg_attribute_noreturn();
extern JsonbValue *sketch_json_key(const SketchJson *sj, const char *key, enum jbvType type);
extern int64 sketch_json_int64(const SketchJson *sj, JsonbValue *v, const char *what);
extern double sketch_json_double(const SketchJson *sj, JsonbValue *v, const char *what);
extern JsonbContainer *sketch_json_array(const SketchJson *sj, JsonbValue *v, const char *what);

#endif
