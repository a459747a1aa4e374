/*
 * sketch_names.c
 *		Column names of the sketches: checks, stored, text and binary forms,
 *		and the rules of merging and reading.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/json.h"

#include "core/sql_args.h"
#include "sketch/sketch_names.h"

/* NULL when the k names are valid, else what is wrong with them. */
static const char *
NamesProblem(char *const *names, int k)
{
	for (int i = 0; i < k; i++)
	{
		size_t		len = strlen(names[i]);

		if (len == 0)
			return psprintf("name %d is empty", i + 1);
		if (len >= NAMEDATALEN)
			return psprintf("name %d is longer than %d bytes", i + 1, NAMEDATALEN - 1);
		if (!pg_verifymbstr(names[i], (int) len, true))
			return psprintf("name %d is not valid in the database encoding", i + 1);
		for (int j = 0; j < i; j++)
			if (strcmp(names[i], names[j]) == 0)
				return psprintf("name \"%s\" appears twice", names[i]);
	}
	return NULL;
}

/* The names a text[] argument gives to a sketch of k columns (NULL array: none). */
char	  **
sketch_names_from_array(ArrayType *a, int k, const char *typname)
{
	int			n;
	char	  **names;
	const char *problem;

	if (a == NULL)
		return NULL;
	names = sql_args_names(a, "causal.with_names", "names", 0, &n);
	if (n != k)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"names\" has %d names for the %d columns of the %s sketch", n, k,
						typname),
				 errhint("Name every column of the sketch, in the order they were passed to the aggregate.")));
	problem = NamesProblem(names, k);
	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"names\": %s", problem),
				 errhint("Column names are distinct, non-empty and at most %d bytes.", NAMEDATALEN - 1)));
	return names;
}

/* The names as a text[] (NULL when unnamed). */
ArrayType *
sketch_names_array(char *const *names, int k)
{
	Datum	   *d;

	if (names == NULL)
		return NULL;
	d = palloc(sizeof(Datum) * k);
	for (int i = 0; i < k; i++)
		d[i] = CStringGetTextDatum(names[i]);
	return construct_array(d, k, TEXTOID, -1, false, TYPALIGN_INT);
}

/* A copy in the current memory context (NULL stays NULL). */
char	  **
sketch_names_copy(char *const *names, int k)
{
	char	  **out;

	if (names == NULL)
		return NULL;
	out = palloc(sizeof(char *) * k);
	for (int i = 0; i < k; i++)
		out[i] = pstrdup(names[i]);
	return out;
}

/* Bytes of the stored form: the k strings with their NULs (0 when unnamed). */
Size
sketch_names_bytes(char *const *names, int k)
{
	Size		n = 0;

	if (names == NULL)
		return 0;
	for (int i = 0; i < k; i++)
		n += strlen(names[i]) + 1;
	return n;
}

/* Writes the stored form at dst (sketch_names_bytes bytes). */
void
sketch_names_write(char *const *names, int k, char *dst)
{
	if (names == NULL)
		return;
	for (int i = 0; i < k; i++)
	{
		Size		len = strlen(names[i]) + 1;

		memcpy(dst, names[i], len);
		dst += len;
	}
}

/* Reads and checks the stored form: exactly k strings filling len bytes. */
char	  **
sketch_names_read(const char *src, Size len, int k, int sqlerrcode, const char *typname)
{
	char	  **names = palloc(sizeof(char *) * k);
	const char *end = src + len;
	const char *problem = NULL;

	for (int i = 0; i < k && problem == NULL; i++)
	{
		const char *z = src < end ? memchr(src, '\0', end - src) : NULL;

		if (z == NULL)
			problem = "column names cut short";
		else
		{
			names[i] = pnstrdup(src, z - src);
			src = z + 1;
		}
	}
	if (problem == NULL && src != end)
		problem = "trailing bytes after the column names";
	if (problem == NULL)
		problem = NamesProblem(names, k);
	if (problem)
		ereport(ERROR,
				(errcode(sqlerrcode),
				 errmsg("invalid %s value: %s", typname, problem),
				 errhint("A sketch must come from %s() or its own text or binary output.", typname)));
	return names;
}

/* Appends , "names": [...] to a JSON text form (nothing when unnamed). */
void
sketch_names_append_json(StringInfo s, char *const *names, int k)
{
	if (names == NULL)
		return;
	appendStringInfoString(s, ", \"names\": [");
	for (int i = 0; i < k; i++)
	{
		if (i > 0)
			appendStringInfoString(s, ", ");
		escape_json(s, names[i]);
	}
	appendStringInfoChar(s, ']');
}

/* The "names" key of a JSON text form (NULL when absent), checked. */
char	  **
sketch_names_from_json(const SketchJson *sj, int k)
{
	JsonbContainer *c;
	char	  **names;
	const char *problem;

	if (!sj->named)
		return NULL;
	c = sketch_json_array(sj, sketch_json_key(sj, "names", jbvBinary), "names");
	if (JsonContainerSize(c) != (uint32) k)
		sketch_json_bad(sj, psprintf("key \"names\" must be an array of %d strings", k));
	names = palloc(sizeof(char *) * k);
	for (int i = 0; i < k; i++)
	{
		JsonbValue *v = getIthJsonbValueFromContainer(c, (uint32) i);

		if (v->type != jbvString || memchr(v->val.string.val, '\0', v->val.string.len) != NULL)
			sketch_json_bad(sj, "names must be strings without NUL");
		names[i] = pnstrdup(v->val.string.val, v->val.string.len);
	}
	problem = NamesProblem(names, k);
	if (problem)
		sketch_json_bad(sj, problem);
	return names;
}

/* Binary form: each name as a 32-bit length and its bytes. */
void
sketch_names_send(StringInfo buf, char *const *names, int k)
{
	if (names == NULL)
		return;
	for (int i = 0; i < k; i++)
	{
		int			len = (int) strlen(names[i]);

		pq_sendint32(buf, len);
		pq_sendbytes(buf, names[i], len);
	}
}

/* Reads what sketch_names_send wrote, checked. */
char	  **
sketch_names_recv(StringInfo buf, int k, const char *typname)
{
	char	  **names = palloc(sizeof(char *) * k);
	const char *problem;

	for (int i = 0; i < k; i++)
	{
		int			len = pq_getmsgint(buf, 4);
		const char *bytes;

		if (len < 1 || len >= NAMEDATALEN || len > buf->len - buf->cursor)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary %s value: column name %d has length %d", typname, i + 1, len)));
		bytes = pq_getmsgbytes(buf, len);
		if (memchr(bytes, '\0', len) != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary %s value: column name %d contains NUL", typname, i + 1)));
		names[i] = pnstrdup(bytes, len);
	}
	problem = NamesProblem(names, k);
	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s value: %s", typname, problem)));
	return names;
}

/*
 * Merging: both unnamed, or the same names in the same order.  Anything else
 * would add up columns that are not the same (two sketches of the same width
 * over columns in another order) or drop the names silently.
 */
void
sketch_names_check_merge(char *const *a, char *const *b, int k, const char *typname)
{
	if (a == NULL && b == NULL)
		return;
	if (a == NULL || b == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge a %s sketch with column names and one without", typname),
				 errhint("Name both with causal.with_names(sketch, ARRAY[...]), or drop the names with causal.with_names(sketch, NULL).")));
	for (int i = 0; i < k; i++)
		if (strcmp(a[i], b[i]) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot merge %s sketches over different columns: column %d is \"%s\" in one and \"%s\" in the other",
							typname, i + 1, a[i], b[i]),
					 errhint("Sketch the same columns in the same order.")));
}

/*
 * The names argument (argno) of a function that labels its output with the
 * sketch's columns: the argument when given, else the sketch's names as a
 * text[], else NULL (the function's own defaults).  A names argument that
 * differs from the names the sketch carries is an error: it would label the
 * columns wrongly.  The caller still checks the argument's length.
 */
ArrayType *
sketch_names_argument(char *const *names, int k, FunctionCallInfo fcinfo, int argno)
{
	ArrayType  *given;
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	if (PG_ARGISNULL(argno))
		return sketch_names_array(names, k);
	given = PG_GETARG_ARRAYTYPE_P(argno);
	if (names == NULL)
		return given;
	deconstruct_array(given, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	for (int i = 0; i < k; i++)
		if (i >= n || nulls[i] || strcmp(names[i], TextDatumGetCString(elems[i])) != 0 ||
			(i == k - 1 && n != k))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"names\" differs from the sketch's column names at column %d (\"%s\")",
							i + 1, names[i]),
					 errhint("Leave \"names\" out to use the sketch's own (causal.column_names(sketch) lists them).")));
	return given;
}

/* 0-based position of a named column; 42703 when absent, 22023 when the sketch is unnamed. */
int
sketch_names_position(char *const *names, int k, const char *name, const char *typname)
{
	if (names == NULL)
		ereport_user(
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("this %s sketch has no column names, so columns cannot be given by name", typname),
				 errhint("Give positions (1-based), or name the columns with causal.with_names(sketch, ARRAY[...]); causal.table_moments and causal.table_crosstab name them.")));
	for (int i = 0; i < k; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	ereport_user(
			(errcode(ERRCODE_UNDEFINED_COLUMN),
			 errmsg("column \"%s\" is not in the %s sketch", name, typname),
			 errhint("causal.column_names(sketch) lists its columns.")));
	return -1;					/* not reached */
}
