/*
 * json_out.h
 *		The one writer of the extension's JSON reports (the details of a
 *		causal.effect, the fit report of the weights): keys and strings are
 *		escaped (a column may be named ag"e), doubles are written exactly with
 *		%.17g and a non-finite one as null, so the text is always valid JSON.
 */
#ifndef CAUSAL_JSON_OUT_H
#define CAUSAL_JSON_OUT_H

#include "lib/stringinfo.h"

#define JSON_OUT_MAX_DEPTH 8

typedef struct JsonOut
{
	StringInfoData buf;
	int			depth;
	bool		comma[JSON_OUT_MAX_DEPTH];	/* a member was written at this depth */
	char		open[JSON_OUT_MAX_DEPTH];	/* the bracket that opened this depth */
} JsonOut;

/* Starts a report: the top-level object is open. */
extern void json_out_init(JsonOut *j);

/*
 * Members: key names the member inside an object and is NULL inside an
 * array.  A NULL string is written as null.
 */
extern void json_out_str(JsonOut *j, const char *key, const char *v);
extern void json_out_num(JsonOut *j, const char *key, double v);
extern void json_out_int(JsonOut *j, const char *key, int64 v);
extern void json_out_bool(JsonOut *j, const char *key, bool v);
extern void json_out_null(JsonOut *j, const char *key);
extern void json_out_nums(JsonOut *j, const char *key, const double *v, int n);

/* Opens a nested object ('{') or array ('['); json_out_close closes the innermost. */
extern void json_out_open(JsonOut *j, const char *key, char bracket);
extern void json_out_close(JsonOut *j);

/* Closes the top-level object and returns the report as a jsonb Datum. */
extern Datum json_out_jsonb(JsonOut *j);

#endif
