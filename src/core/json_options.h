/*
 * json_options.h
 *		Reading method settings from a jsonb options object.
 */
#ifndef CAUSAL_JSON_OPTIONS_H
#define CAUSAL_JSON_OPTIONS_H

#include "utils/jsonb.h"

/*
 * The number under key in c (def when c or the key is absent), checked to lie
 * in [lo, hi]; errors begin with prefix and carry hint (may be NULL).
 */
extern double json_option_number(JsonbContainer *c, const char *key, double def, double lo, double hi,
								 const char *prefix, const char *hint);

/* Raises "<prefix>: <owner> has no option "<key>"" for a key of c not in known (NULL-ended). */
extern void json_option_check_keys(JsonbContainer *c, const char *const *known, const char *prefix,
								   const char *owner, const char *hint);

#endif
