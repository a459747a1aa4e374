/*
 * table_rows.c
 *		Reads chosen columns of a relation through SPI.  The query is built
 *		from the relation's regclass output and quote_identifier() of each
 *		column name, never from the user's text as such; columns are checked
 *		to exist and to have a usable type first, so the user gets a message
 *		naming the column rather than a cast error.  Type names are qualified
 *		with pg_catalog (a caller's temporary schema is searched before
 *		pg_catalog for types), and the result's column types are checked before
 *		any value is read.  Rows are fetched through
 *		a cursor in batches and the total is held to causal.max_memory.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "core/row_order.h"
#include "core/settings.h"
#include "core/sql_args.h"
#include "core/table_rows.h"

#define FETCH_BATCH 10000

/* Whether a type (or the base type of a domain) is numeric or boolean. */
static bool
NumericOrBool(Oid type)
{
	type = getBaseType(type);
	return type == INT2OID || type == INT4OID || type == INT8OID || type == FLOAT4OID ||
		type == FLOAT8OID || type == NUMERICOID || type == BOOLOID;
}

void
table_rows_mark_factors(Oid relid, TableRows *t, int first, int count)
{
	for (int j = first; j < first + count; j++)
	{
		AttrNumber	att = get_attnum(relid, t->cols[j].name);

		/* a missing column stays numeric, so that the read raises 42703 */
		if (att > 0 && !NumericOrBool(get_atttype(relid, att)))
			t->cols[j].kind = TABLE_COL_CODE;
	}
}

int
table_rows_design(const TableRows *t, int first, int count, bool all_levels, const char *fn,
				  char ***names, double ***x)
{
	int			p = 0,
				q = 0;

	for (int j = first; j < first + count; j++)
	{
		const TableColumn *c = &t->cols[j];

		if (c->kind != TABLE_COL_CODE)
			p++;
		else if (c->ncodes < 2 && t->nrows > 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("%s: covariate \"%s\" has the single value \"%s\"", fn, c->name, c->labels[0]),
					 errhint("Drop it: a constant carries no information.")));
		else if (c->ncodes > TABLE_MAX_FACTOR_LEVELS)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: covariate \"%s\" is not a number and has %d distinct values, too many for a factor",
							fn, c->name, c->ncodes),
					 errhint("A text covariate is one-hot encoded (one column per value but the first, at most %d values); "
							 "an id or a free-text column is not a covariate. Cast a numeric text to a number.",
							 TABLE_MAX_FACTOR_LEVELS)));
		else
			p += c->ncodes - !all_levels;
	}
	*names = palloc(sizeof(char *) * Max(p, 1));
	*x = palloc(sizeof(double *) * Max(p, 1));
	for (int j = first; j < first + count; j++)
	{
		const TableColumn *c = &t->cols[j];

		if (c->kind != TABLE_COL_CODE)
		{
			(*names)[q] = unconstify(char *, c->name);
			(*x)[q++] = c->values;
			continue;
		}
		for (int l = all_levels ? 0 : 1; l < c->ncodes; l++)
		{
			double	   *v = palloc_extended(sizeof(double) * Max(t->nrows, 1), MCXT_ALLOC_HUGE);

			for (int i = 0; i < t->nrows; i++)
				v[i] = c->codes[i] == l ? 1.0 : 0.0;
			(*names)[q] = psprintf("%s=%s", c->name, c->labels[l]);
			(*x)[q++] = v;
		}
	}
	return p;
}

/* The select-list entry of a column. */
static char *
SelectItem(Oid relid, const TableColumn *c, const char *fn)
{
	AttrNumber	att = get_attnum(relid, c->name);
	Oid			type;

	if (att == InvalidAttrNumber || att < 0)
		ereport_user(
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("%s: column \"%s\" does not exist in %s", fn, c->name, get_rel_name(relid)),
				 errhint("Column names are case-sensitive, as in quoted identifiers.")));
	type = get_atttype(relid, att);
	if (c->kind == TABLE_COL_CODE)
		return psprintf("%s::pg_catalog.text", quote_identifier(c->name));
	if (!NumericOrBool(type))
		ereport_user(
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s: column \"%s\" has type %s, which is not numeric", fn, c->name,
						format_type_be(type)),
				 errhint("Use smallint, integer, bigint, real, double precision, numeric or boolean columns.")));
	if (getBaseType(type) == BOOLOID)
		return psprintf("%s::pg_catalog.int4::pg_catalog.float8", quote_identifier(c->name));
	return psprintf("%s::pg_catalog.float8", quote_identifier(c->name));
}

/* Sort support for the codes of a text column. */
typedef struct CodeItem
{
	char	   *text;
	int			row;
} CodeItem;

static int
CodeCmp(const void *a, const void *b)
{
	return strcmp(((const CodeItem *) a)->text, ((const CodeItem *) b)->text);
}

/* Turns the texts of a CODE column into codes 0.. in sorted order. */
static void
MakeCodes(TableColumn *c, char **texts, int n)
{
	CodeItem   *items = palloc_extended(sizeof(CodeItem) * Max(n, 1), MCXT_ALLOC_HUGE);
	int			i;

	int			m = 0;

	c->codes = palloc_extended(sizeof(int) * Max(n, 1), MCXT_ALLOC_HUGE);
	/* NULLs of a nullable column get code -1 and no label */
	for (i = 0; i < n; i++)
	{
		if (texts[i] == NULL)
		{
			c->codes[i] = -1;
			continue;
		}
		items[m].text = texts[i];
		items[m].row = i;
		m++;
	}
	qsort(items, m, sizeof(CodeItem), CodeCmp);
	c->labels = palloc(sizeof(char *) * Max(m, 1));
	c->ncodes = 0;
	for (i = 0; i < m; i++)
	{
		if (i == 0 || strcmp(items[i].text, items[i - 1].text) != 0)
			c->labels[c->ncodes++] = items[i].text;
		c->codes[items[i].row] = c->ncodes - 1;
	}
	pfree(items);
}

/*
 * The sample of a sampled read: the sample_rows rows of smallest key, a hash
 * of the row's values and the seed -- the same rows whatever order the scan
 * delivers them in (a reservoir over the scan order would not be), in memory
 * for sample_rows rows.  Copies of a row share its key, so distinct rows
 * enter in a random order, each with all its copies, until sample_rows rows
 * are taken (a cluster sample; counting copies to give each its own key
 * would take memory per distinct row, which a sample must not).  A max-heap
 * of the kept slots by (key, values); the slot after the kept ones holds the
 * row just read.
 */
typedef struct SampleHeap
{
	uint64	   *key;			/* per slot */
	int		   *slot;			/* heap of slots, largest first */
	int			n;
	double	   *row;			/* scratch: one row's values */
} SampleHeap;

/* Slot a's row against slot b's: by key, then by the values. */
static int
SlotCmp(const TableRows *t, const SampleHeap *h, int a, int b)
{
	if (h->key[a] != h->key[b])
		return h->key[a] < h->key[b] ? -1 : 1;
	for (int j = 0; j < t->ncols; j++)
	{
		double		u = t->cols[j].values[a],
					v = t->cols[j].values[b];

		if (u != v)
			return u < v ? -1 : 1;
	}
	return 0;
}

static void
SiftDown(const TableRows *t, SampleHeap *h, int i)
{
	for (;;)
	{
		int			l = 2 * i + 1,
					big = i;

		if (l < h->n && SlotCmp(t, h, h->slot[l], h->slot[big]) > 0)
			big = l;
		if (l + 1 < h->n && SlotCmp(t, h, h->slot[l + 1], h->slot[big]) > 0)
			big = l + 1;
		if (big == i)
			return;
		{
			int			s = h->slot[i];

			h->slot[i] = h->slot[big];
			h->slot[big] = s;
		}
		i = big;
	}
}

/* Offers the row in slot t->nrows to the sample. */
static void
SampleRow(TableRows *t, SampleHeap *h, int sample_rows, int64 seed)
{
	int			next = t->nrows;

	for (int j = 0; j < t->ncols; j++)
		h->row[j] = t->cols[j].values[next];
	h->key[next] = row_order_mix(row_order_hash(h->row, t->ncols), (uint64) seed);
	if (h->n < sample_rows)
	{
		/* room left: the row stays in its slot, sifted up the heap */
		int			i = h->n++;

		h->slot[i] = next;
		while (i > 0 && SlotCmp(t, h, h->slot[(i - 1) / 2], h->slot[i]) < 0)
		{
			int			s = h->slot[i];

			h->slot[i] = h->slot[(i - 1) / 2];
			h->slot[(i - 1) / 2] = s;
			i = (i - 1) / 2;
		}
		t->nrows++;
	}
	else if (SlotCmp(t, h, next, h->slot[0]) < 0)
	{
		/* smaller than the largest kept: it takes that one's slot */
		int			top = h->slot[0];

		for (int j = 0; j < t->ncols; j++)
			t->cols[j].values[top] = t->cols[j].values[next];
		h->key[top] = h->key[next];
		SiftDown(t, h, 0);
	}
}

/* Puts the sample in ascending (key, values) order, a canonical order. */
static void
SampleOrder(TableRows *t, SampleHeap *h)
{
	int			n = h->n;
	double	   *tmp = palloc(sizeof(double) * Max(n, 1));
	int		   *sorted = palloc(sizeof(int) * Max(n, 1));

	/* heap sort: the largest off the top, into the back */
	for (int i = n - 1; i >= 0; i--)
	{
		sorted[i] = h->slot[0];
		h->slot[0] = h->slot[--h->n];
		SiftDown(t, h, 0);
	}
	for (int j = 0; j < t->ncols; j++)
	{
		for (int i = 0; i < n; i++)
			tmp[i] = t->cols[j].values[sorted[i]];
		memcpy(t->cols[j].values, tmp, sizeof(double) * n);
	}
	pfree(tmp);
	pfree(sorted);
}

void
table_rows_read(Oid relid, TableRows *t, const char *fn)
{
	table_rows_read_sample(relid, t, fn, 0, 0);
}

void
table_rows_read_sample(Oid relid, TableRows *t, const char *fn, int sample_rows, int64 seed)
{
	StringInfoData q;
	MemoryContext outer = CurrentMemoryContext;
	Portal		portal;
	SPIPlanPtr	plan;
	char	 ***texts;
	bool	   *wasnull;		/* per column, of the row being read */
	int			cap = 1024,
				j;
	Size		rowbytes = 0,
				limit = (Size) causal_max_memory_kb * 1024;
	SampleHeap	heap;

	initStringInfo(&q);
	appendStringInfoString(&q, "SELECT ");
	for (j = 0; j < t->ncols; j++)
	{
		appendStringInfo(&q, "%s%s", j > 0 ? ", " : "", SelectItem(relid, &t->cols[j], fn));
		rowbytes += t->cols[j].kind == TABLE_COL_NUMERIC ? sizeof(double) : sizeof(int) + 16;
	}
	appendStringInfo(&q, " FROM %s AS r",
					 DatumGetCString(DirectFunctionCall1(regclassout, ObjectIdGetDatum(relid))));
	/* qualified: an output column of the same name (cast to text) would win otherwise */
	if (t->order_by != NULL)
		appendStringInfo(&q, " ORDER BY r.%s", quote_identifier(t->order_by));

	if (sample_rows > 0)
	{
		for (j = 0; j < t->ncols; j++)
			if (t->cols[j].kind != TABLE_COL_NUMERIC)
				elog(ERROR, "%s: sampled reads take numeric columns only", fn);
		/* the sample, and one slot to read the next row into */
		cap = sample_rows + 1;
		heap.key = palloc(sizeof(uint64) * cap);
		heap.slot = palloc(sizeof(int) * cap);
		heap.row = palloc(sizeof(double) * t->ncols);
		heap.n = 0;
	}
	texts = palloc0(sizeof(char **) * t->ncols);
	wasnull = palloc0(sizeof(bool) * t->ncols);
	for (j = 0; j < t->ncols; j++)
	{
		if (t->cols[j].kind == TABLE_COL_NUMERIC)
			t->cols[j].values = palloc(sizeof(double) * cap);
		else
			texts[j] = palloc(sizeof(char *) * cap);
	}
	t->nrows = 0;
	t->n_skipped = 0;
	t->n_seen = 0;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	plan = SPI_prepare(q.data, 0, NULL);
	if (plan == NULL)
		elog(ERROR, "%s: could not prepare \"%s\": %s", fn, q.data, SPI_result_code_string(SPI_result));
	portal = SPI_cursor_open(NULL, plan, NULL, NULL, true);
	/* the reads below rely on these types (a "cannot happen" since the casts are qualified) */
	for (j = 0; j < t->ncols; j++)
	{
		Oid			got = SPI_gettypeid(portal->tupDesc, j + 1);

		if (got != (t->cols[j].kind == TABLE_COL_CODE ? TEXTOID : FLOAT8OID))
			elog(ERROR, "%s: column %d of the internal query has type %u", fn, j + 1, got);
	}
	for (;;)
	{
		uint64		r;

		CHECK_FOR_INTERRUPTS();
		SPI_cursor_fetch(portal, true, FETCH_BATCH);
		if (SPI_processed == 0)
			break;
		for (r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		skip = false;
			MemoryContext spi = MemoryContextSwitchTo(outer);

			if (t->nrows == cap)
			{
				if ((Size) cap * 2 * rowbytes > limit)
					ereport(ERROR,
							(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
							 errmsg("%s: the rows of %s need more memory than causal.max_memory (%d kB)",
									fn, get_rel_name(relid), causal_max_memory_kb),
							 errhint("Have a superuser raise causal.max_memory (a superuser-only setting), or run on a sample of the table.")));
				cap *= 2;
				for (j = 0; j < t->ncols; j++)
				{
					if (t->cols[j].kind == TABLE_COL_NUMERIC)
						t->cols[j].values = repalloc_huge(t->cols[j].values, sizeof(double) * cap);
					else
						texts[j] = repalloc_huge(texts[j], sizeof(char *) * cap);
				}
			}
			/* one pass over the columns: a NULL abandons the row (slot nrows is reused) */
			for (j = 0; j < t->ncols && !skip; j++)
			{
				bool		isnull;
				Datum		v = SPI_getbinval(tup, desc, j + 1, &isnull);

				wasnull[j] = isnull;
				if (isnull && t->cols[j].nullable)
				{
					if (t->cols[j].kind == TABLE_COL_CODE)
						texts[j][t->nrows] = NULL;
					else
						t->cols[j].values[t->nrows] = get_float8_nan();
				}
				else if (isnull)
					skip = true;
				else if (t->cols[j].kind == TABLE_COL_CODE)
					texts[j][t->nrows] = TextDatumGetCString(v);
				else
					t->cols[j].values[t->nrows] = DatumGetFloat8(v);
			}
			if (skip)
			{
				t->n_skipped++;
				MemoryContextSwitchTo(spi);
				continue;
			}
			/* NaN or infinity is an error, in a row without NULLs */
			for (j = 0; j < t->ncols; j++)
				if (t->cols[j].kind == TABLE_COL_NUMERIC && !wasnull[j] && !isfinite(t->cols[j].values[t->nrows]))
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("%s: column \"%s\" holds %s", fn, t->cols[j].name,
									isnan(t->cols[j].values[t->nrows]) ? "NaN" : "an infinite value"),
							 errhint("Filter such rows out, or replace the values, in a view.")));
			t->n_seen++;
			if (sample_rows > 0)
				SampleRow(t, &heap, sample_rows, seed);
			else
				t->nrows++;
			MemoryContextSwitchTo(spi);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	SPI_finish();
	if (sample_rows > 0)
		SampleOrder(t, &heap);
	for (j = 0; j < t->ncols; j++)
		if (t->cols[j].kind == TABLE_COL_CODE)
			MakeCodes(&t->cols[j], texts[j], t->nrows);
}
