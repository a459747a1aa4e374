/*
 * json_out.c
 *		A small streaming JSON writer over a StringInfo (see json_out.h).
 *		PostgreSQL's JsonbValue builder would do as well but needs a numeric
 *		per double; the reports are small, and text parsed once by jsonb_in is
 *		the simplest way to produce a jsonb with exactly printed doubles.
 */
#include "postgres.h"

#include <math.h>

#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"

#include "core/json_out.h"

/* Writes the separator and, inside an object, the escaped key. */
static void
Member(JsonOut *j, const char *key)
{
	if (j->comma[j->depth])
		appendStringInfoString(&j->buf, ", ");
	j->comma[j->depth] = true;
	if (key != NULL)
	{
		escape_json(&j->buf, key);
		appendStringInfoString(&j->buf, ": ");
	}
}

void
json_out_init(JsonOut *j)
{
	initStringInfo(&j->buf);
	appendStringInfoChar(&j->buf, '{');
	j->depth = 0;
	memset(j->comma, 0, sizeof(j->comma));
	j->open[0] = '{';
}

void
json_out_str(JsonOut *j, const char *key, const char *v)
{
	Member(j, key);
	if (v == NULL)
		appendStringInfoString(&j->buf, "null");
	else
		escape_json(&j->buf, v);
}

void
json_out_num(JsonOut *j, const char *key, double v)
{
	Member(j, key);
	if (isfinite(v))
		appendStringInfo(&j->buf, "%.17g", v);
	else
		appendStringInfoString(&j->buf, "null");
}

void
json_out_null(JsonOut *j, const char *key)
{
	Member(j, key);
	appendStringInfoString(&j->buf, "null");
}

void
json_out_int(JsonOut *j, const char *key, int64 v)
{
	Member(j, key);
	appendStringInfo(&j->buf, INT64_FORMAT, v);
}

void
json_out_bool(JsonOut *j, const char *key, bool v)
{
	Member(j, key);
	appendStringInfoString(&j->buf, v ? "true" : "false");
}

void
json_out_nums(JsonOut *j, const char *key, const double *v, int n)
{
	json_out_open(j, key, '[');
	for (int i = 0; i < n; i++)
		json_out_num(j, NULL, v[i]);
	json_out_close(j);
}

void
json_out_open(JsonOut *j, const char *key, char bracket)
{
	Assert(bracket == '{' || bracket == '[');
	if (j->depth + 1 >= JSON_OUT_MAX_DEPTH)
		elog(ERROR, "JSON report nested too deeply");
	Member(j, key);
	appendStringInfoChar(&j->buf, bracket);
	j->depth++;
	j->comma[j->depth] = false;
	j->open[j->depth] = bracket;
}

void
json_out_close(JsonOut *j)
{
	if (j->depth == 0)
		elog(ERROR, "JSON report closed more often than opened");
	appendStringInfoChar(&j->buf, j->open[j->depth] == '[' ? ']' : '}');
	j->depth--;
}

Datum
json_out_jsonb(JsonOut *j)
{
	if (j->depth != 0)
		elog(ERROR, "JSON report left %d containers open", j->depth);
	appendStringInfoChar(&j->buf, '}');
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(j->buf.data));
}
