/*
 * crosstab.c
 *		Dictionaries, cells, merges, the canonical flat form and the expanded
 *		form of the contingency sketch.
 */
#include "postgres.h"

#include <math.h>
#include <stdlib.h>

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/memutils.h"

#include "core/overflow.h"
#include "sketch/crosstab.h"
#include "sketch/sketch_names.h"

int			causal_crosstab_max_levels = 10000;
int			causal_crosstab_max_cells = 1000000;

typedef struct LabelEntry
{
	char		label[CROSSTAB_MAX_LABEL];	/* hash key */
	int32		code;
} LabelEntry;

/* Creates an empty crosstab of k columns whose tables live in cxt. */
void
crosstab_init(Crosstab *ct, int k, MemoryContext cxt)
{
	HASHCTL		ctl;
	int			j;

	ct->cxt = cxt;
	ct->k = k;
	ct->n = 0;
	ct->n_skipped = 0;
	ct->names = NULL;
	ct->cols = MemoryContextAllocZero(cxt, sizeof(CrosstabColumn) * k);
	for (j = 0; j < k; j++)
	{
		memset(&ctl, 0, sizeof(ctl));
		ctl.keysize = CROSSTAB_MAX_LABEL;
		ctl.entrysize = sizeof(LabelEntry);
		ctl.hcxt = cxt;
		ct->cols[j].index = hash_create("causal.crosstab labels", 16, &ctl,
										HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
		ct->cols[j].cap = 8;
		ct->cols[j].labels = MemoryContextAlloc(cxt, sizeof(char *) * 8);
	}
	ct->count_off = MAXALIGN(sizeof(int32) * k);
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(int32) * k;
	ctl.entrysize = ct->count_off + sizeof(int64);
	ctl.hcxt = cxt;
	ct->cells = hash_create("causal.crosstab cells", 64, &ctl,
							HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
}

/* The code of a label in column col, adding the label when new. */
int32
crosstab_code(Crosstab *ct, int col, const char *label)
{
	CrosstabColumn *c = &ct->cols[col];
	LabelEntry *e;
	bool		found;

	if (strlen(label) >= CROSSTAB_MAX_LABEL)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("value of column %d of causal.crosstab is longer than %d bytes",
						col + 1, CROSSTAB_MAX_LABEL - 1),
				 errhint("Crosstabs count categories; map long values to short codes first.")));
	e = hash_search(c->index, label, HASH_ENTER, &found);
	if (!found)
	{
		if (c->nlabels >= causal_crosstab_max_levels)
		{
			hash_search(c->index, label, HASH_REMOVE, NULL);
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("column %d of causal.crosstab has more than %d distinct values",
							col + 1, causal_crosstab_max_levels),
					 errhint("Raise causal.crosstab_max_levels, or discretize the column: it does not look categorical.")));
		}
		if (c->nlabels == c->cap)
		{
			c->cap *= 2;
			c->labels = repalloc(c->labels, sizeof(char *) * c->cap);
		}
		e->code = c->nlabels;
		c->labels[c->nlabels++] = MemoryContextStrdup(ct->cxt, label);
	}
	return e->code;
}

/* Adds count to the cell with the given codes. */
void
crosstab_add(Crosstab *ct, const int32 *codes, int64 count)
{
	bool		found;
	char	   *entry;

	entry = hash_search(ct->cells, codes, HASH_FIND, NULL);
	if (entry == NULL)
	{
		if (hash_get_num_entries(ct->cells) >= causal_crosstab_max_cells)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("causal.crosstab has more than %d observed cells", causal_crosstab_max_cells),
					 errhint("Raise causal.crosstab_max_cells, or use fewer or coarser columns.")));
		entry = hash_search(ct->cells, codes, HASH_ENTER, &found);
		*(int64 *) (entry + ct->count_off) = 0;
	}
	*(int64 *) (entry + ct->count_off) = count_add(*(int64 *) (entry + ct->count_off), count,
												   "causal.crosstab cell count");
}

/* Label of a code in column col of a flat crosstab. */
const char *
crosstab_label(const CrosstabFlat *f, int col, int code)
{
	const char *p = CROSSTAB_LABELS(f);
	const int32 *nl = CROSSTAB_NLABELS(f);
	int			j,
				i;

	for (j = 0; j < col; j++)
		for (i = 0; i < nl[j]; i++)
			p += strlen(p) + 1;
	for (i = 0; i < code; i++)
		p += strlen(p) + 1;
	return p;
}

/* Merges flat crosstab b into a, translating b's codes through the labels. */
void
crosstab_merge(Crosstab *a, const CrosstabFlat *b)
{
	const int32 *nl = CROSSTAB_NLABELS(b);
	const int32 *codes = CROSSTAB_CODES(b);
	const int64 *counts = CROSSTAB_COUNTS(b);
	const char *p = CROSSTAB_LABELS(b);
	int32	  **map = palloc(sizeof(int32 *) * b->k);
	int32	   *key = palloc(sizeof(int32) * b->k);
	int			j,
				i;

	if (a->k != b->k)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("cannot merge causal.crosstab sketches of %d and %d columns", a->k, b->k),
				 errhint("Only sketches built over the same columns can be merged.")));
	sketch_names_check_merge(a->names, crosstab_flat_names(b), a->k, "causal.crosstab");
	for (j = 0; j < b->k; j++)
	{
		map[j] = palloc(sizeof(int32) * Max(nl[j], 1));
		for (i = 0; i < nl[j]; i++)
		{
			map[j][i] = crosstab_code(a, j, p);
			p += strlen(p) + 1;
		}
	}
	for (i = 0; i < b->ncells; i++)
	{
		CHECK_FOR_INTERRUPTS();
		for (j = 0; j < b->k; j++)
			key[j] = map[j][codes[(Size) i * b->k + j]];
		crosstab_add(a, key, counts[i]);
	}
	a->n = count_add(a->n, b->n, "causal.crosstab row count");
	a->n_skipped = count_add(a->n_skipped, b->n_skipped, "causal.crosstab skipped-row count");
}

/* Parses a label as a finite number; false if it is not one. */
static bool
LabelNumber(const char *s, double *v)
{
	char	   *end;

	if (*s == '\0')
		return false;
	*v = strtod(s, &end);
	return *end == '\0' && isfinite(*v);
}

typedef struct LabelSort
{
	const char *label;
	double		num;
	int32		old;
} LabelSort;

static int
CmpLabelNum(const void *a, const void *b)
{
	const LabelSort *x = a,
			   *y = b;

	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	return strcmp(x->label, y->label);
}

static int
CmpLabelText(const void *a, const void *b)
{
	return strcmp(((const LabelSort *) a)->label, ((const LabelSort *) b)->label);
}

static int	cmp_k;				/* width of the cell keys being sorted */

static int
CmpCell(const void *a, const void *b)
{
	const int32 *x = *(int32 *const *) a,
			   *y = *(int32 *const *) b;
	int			j;

	for (j = 0; j < cmp_k; j++)
		if (x[j] != y[j])
			return x[j] < y[j] ? -1 : 1;
	return 0;
}

/*
 * Writes the canonical flat form: labels of each column sorted (numerically
 * when every label of the column is a number, else bytewise), cells sorted.
 */
CrosstabFlat *
crosstab_flatten(const Crosstab *ct)
{
	int			k = ct->k,
				j,
				i;
	int			ncells = (int) hash_get_num_entries(ct->cells);
	int32	  **remap = palloc(sizeof(int32 *) * k);
	int32	  **keys = palloc(sizeof(int32 *) * Max(ncells, 1));
	int32	   *newkeys = palloc(sizeof(int32) * Max((Size) ncells * k, 1));
	Size		label_bytes = 0,
				size;
	HASH_SEQ_STATUS seq;
	char	   *entry,
			   *lp;
	CrosstabFlat *f;
	LabelSort **sorted = palloc(sizeof(LabelSort *) * k);

	for (j = 0; j < k; j++)
	{
		const CrosstabColumn *c = &ct->cols[j];
		LabelSort  *ls = palloc(sizeof(LabelSort) * Max(c->nlabels, 1));
		bool		numeric = true;

		for (i = 0; i < c->nlabels; i++)
		{
			ls[i].label = c->labels[i];
			ls[i].old = i;
			if (!LabelNumber(c->labels[i], &ls[i].num))
				numeric = false;
			label_bytes += strlen(c->labels[i]) + 1;
		}
		qsort(ls, c->nlabels, sizeof(LabelSort), numeric ? CmpLabelNum : CmpLabelText);
		remap[j] = palloc(sizeof(int32) * Max(c->nlabels, 1));
		for (i = 0; i < c->nlabels; i++)
			remap[j][ls[i].old] = i;
		sorted[j] = ls;
	}

	hash_seq_init(&seq, ct->cells);
	i = 0;
	while ((entry = hash_seq_search(&seq)) != NULL)
	{
		int32	   *key = newkeys + (Size) i * k;

		for (j = 0; j < k; j++)
			key[j] = remap[j][((int32 *) entry)[j]];
		keys[i++] = key;
	}
	/* sorting moves only the keys; each count is looked up again below */
	cmp_k = k;
	qsort(keys, ncells, sizeof(int32 *), CmpCell);

	size = offsetof(CrosstabFlat, data) + sizeof(int64) * ncells + sizeof(int32) * k +
		sizeof(int32) * (Size) ncells * k + label_bytes;
	f = palloc0(size + sketch_names_bytes(ct->names, k));
	SET_VARSIZE(f, size + sketch_names_bytes(ct->names, k));
	f->version = ct->names ? CROSSTAB_VERSION_NAMED : CROSSTAB_VERSION;
	f->k = k;
	f->ncells = ncells;
	f->n = ct->n;
	f->n_skipped = ct->n_skipped;
	for (j = 0; j < k; j++)
		CROSSTAB_NLABELS(f)[j] = ct->cols[j].nlabels;
	for (i = 0; i < ncells; i++)
	{
		int32	   *oldkey = palloc(sizeof(int32) * k);

		memcpy(CROSSTAB_CODES(f) + (Size) i * k, keys[i], sizeof(int32) * k);
		/* translate back to working codes to fetch the count */
		for (j = 0; j < k; j++)
			oldkey[j] = sorted[j][keys[i][j]].old;
		entry = hash_search(ct->cells, oldkey, HASH_FIND, NULL);
		Assert(entry != NULL);
		CROSSTAB_COUNTS(f)[i] = *(int64 *) (entry + ct->count_off);
		pfree(oldkey);
	}
	lp = CROSSTAB_LABELS(f);
	for (j = 0; j < k; j++)
		for (i = 0; i < ct->cols[j].nlabels; i++)
		{
			Size		len = strlen(sorted[j][i].label) + 1;

			memcpy(lp, sorted[j][i].label, len);
			lp += len;
		}
	sketch_names_write(ct->names, k, lp);
	return f;
}

/* Where the column names of a version-2 flat crosstab start: after the last label. */
static const char *
NamesStart(const CrosstabFlat *f)
{
	const char *p = CROSSTAB_LABELS(f);
	const int32 *nl = CROSSTAB_NLABELS(f);

	for (int j = 0; j < f->k; j++)
		for (int i = 0; i < nl[j]; i++)
			p += strlen(p) + 1;
	return p;
}

/* Column names of a flat crosstab (checked), or NULL when it is unnamed. */
char	  **
crosstab_flat_names(const CrosstabFlat *f)
{
	const char *p;

	if (f->version != CROSSTAB_VERSION_NAMED)
		return NULL;
	p = NamesStart(f);
	return sketch_names_read(p, (const char *) f + VARSIZE(f) - p, f->k, ERRCODE_DATA_CORRUPTED,
							 "causal.crosstab");
}

/* A copy of f carrying names instead of its own (NULL: unnamed). */
CrosstabFlat *
crosstab_flat_with_names(const CrosstabFlat *f, char *const *names)
{
	Size		body = (f->version == CROSSTAB_VERSION_NAMED ? NamesStart(f) :
						(const char *) f + VARSIZE(f)) - (const char *) f;
	Size		size = body + sketch_names_bytes(names, f->k);
	CrosstabFlat *out = palloc(size);

	memcpy(out, f, body);
	sketch_names_write(names, f->k, (char *) out + body);
	SET_VARSIZE(out, size);
	out->version = names ? CROSSTAB_VERSION_NAMED : CROSSTAB_VERSION;
	return out;
}

/* Gives ct (empty, about to take f by crosstab_merge) the column names of f. */
void
crosstab_adopt_names(Crosstab *ct, const CrosstabFlat *f)
{
	MemoryContext old = MemoryContextSwitchTo(ct->cxt);

	ct->names = crosstab_flat_names(f);
	MemoryContextSwitchTo(old);
}

/* Raises an error naming the first broken invariant of a flat crosstab. */
void
crosstab_validate_flat(const CrosstabFlat *f, int sqlerrcode)
{
	const char *problem = NULL;
	const int32 *nl,
			   *codes;
	const int64 *counts;
	const char *p,
			   *end;
	int64		total = 0;
	Size		expect;
	int			i,
				j;
	bool	  **used;

	if (f->version != CROSSTAB_VERSION && f->version != CROSSTAB_VERSION_NAMED)
		problem = "unsupported version";
	else if (f->k < 1 || f->k > CROSSTAB_MAX_K)
		problem = "number of columns out of range";
	else if (f->ncells < 0 || f->n < 0 || f->n_skipped < 0)
		problem = "negative count";
	if (problem == NULL)
	{
		expect = offsetof(CrosstabFlat, data) + sizeof(int64) * f->ncells + sizeof(int32) * f->k +
			sizeof(int32) * (Size) f->ncells * f->k;
		if (VARSIZE(f) < expect)
			problem = "value too short";
	}
	if (problem)
		goto fail;
	nl = CROSSTAB_NLABELS(f);
	codes = CROSSTAB_CODES(f);
	counts = CROSSTAB_COUNTS(f);
	p = CROSSTAB_LABELS(f);
	end = (const char *) f + VARSIZE(f);
	used = palloc(sizeof(bool *) * f->k);
	for (j = 0; j < f->k && problem == NULL; j++)
	{
		if (nl[j] < (f->n > 0 ? 1 : 0) || nl[j] > causal_crosstab_max_levels)
			problem = "label count out of range";
		used[j] = palloc0(sizeof(bool) * Max(nl[j], 1));
		for (i = 0; i < nl[j] && problem == NULL; i++)
		{
			const char *z = memchr(p, '\0', end - p);

			if (z == NULL || z - p >= CROSSTAB_MAX_LABEL)
				problem = "label missing or too long";
			else if (!pg_verifymbstr(p, z - p, true))
				problem = "label not valid in the database encoding";
			else
				p = z + 1;
		}
	}
	if (problem == NULL && f->version == CROSSTAB_VERSION && p != end)
		problem = "trailing bytes after the labels";
	if (problem == NULL && f->version == CROSSTAB_VERSION_NAMED)
		(void) sketch_names_read(p, end - p, f->k, sqlerrcode, "causal.crosstab");
	/* labels of each column strictly increasing in canonical order (so unique) */
	p = CROSSTAB_LABELS(f);
	for (j = 0; j < f->k && problem == NULL; j++)
	{
		LabelSort  *ls = palloc(sizeof(LabelSort) * nl[j]);
		bool		numeric = true;

		for (i = 0; i < nl[j]; i++)
		{
			ls[i].label = p;
			if (!LabelNumber(p, &ls[i].num))
				numeric = false;
			p += strlen(p) + 1;
		}
		for (i = 1; i < nl[j] && problem == NULL; i++)
			if ((numeric ? CmpLabelNum(&ls[i - 1], &ls[i]) : CmpLabelText(&ls[i - 1], &ls[i])) >= 0)
				problem = "labels not in canonical order or repeated";
		pfree(ls);
	}
	for (i = 0; i < f->ncells && problem == NULL; i++)
	{
		if (counts[i] <= 0)
			problem = "cell count not positive";
		else if (pg_add_s64_overflow(total, counts[i], &total))
			problem = "cell counts add up past 2^63 - 1";
		for (j = 0; j < f->k && problem == NULL; j++)
		{
			int32		c = codes[(Size) i * f->k + j];

			if (c < 0 || c >= nl[j])
				problem = "cell code out of range";
			else
				used[j][c] = true;
		}
		if (problem == NULL && i > 0)
		{
			cmp_k = f->k;
			{
				const int32 *prev = codes + (Size) (i - 1) * f->k;
				const int32 *cur = codes + (Size) i * f->k;

				if (CmpCell(&prev, &cur) >= 0)
					problem = "cells not in canonical order or repeated";
			}
		}
	}
	if (problem == NULL && total != f->n)
		problem = "cell counts do not add up to n";
	for (j = 0; j < f->k && problem == NULL; j++)
		for (i = 0; i < nl[j] && problem == NULL; i++)
			if (!used[j][i] && f->n > 0)
				problem = "a label that no cell uses";
	if (problem == NULL)
		return;
fail:
	ereport(ERROR,
			(errcode(sqlerrcode),
			 errmsg("invalid causal.crosstab value: %s", problem),
			 errhint("A crosstab must come from causal.crosstab() or its own text or binary output.")));
}

/* Argument argno as a flat crosstab (an expanded one is flattened). */
CrosstabFlat *
crosstab_get_arg(FunctionCallInfo fcinfo, int argno)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the crosstab sketch (argument %d) is NULL", argno + 1),
				 errhint("An aggregate over no rows gives NULL; check the WHERE clause or the table.")));
	return (CrosstabFlat *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));
}

/* Expanded-object method: size of the flat form (cached until the next change). */
static Size
CrosstabGetFlatSize(ExpandedObjectHeader *eohptr)
{
	CrosstabExpanded *e = (CrosstabExpanded *) eohptr;

	if (e->flat == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(e->hdr.eoh_context);

		e->flat = crosstab_flatten(&e->ct);
		MemoryContextSwitchTo(old);
	}
	return VARSIZE(e->flat);
}

/* Expanded-object method: copies the cached flat form into result. */
static void
CrosstabFlattenInto(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	CrosstabExpanded *e = (CrosstabExpanded *) eohptr;

	if (e->flat == NULL)
		(void) CrosstabGetFlatSize(eohptr);
	Assert(allocated_size == VARSIZE(e->flat));
	memcpy(result, e->flat, allocated_size);
}

static const ExpandedObjectMethods CrosstabMethods = {
	CrosstabGetFlatSize,
	CrosstabFlattenInto
};

/* Creates an empty expanded crosstab of k columns in its own context under parent. */
CrosstabExpanded *
crosstab_expanded_new(MemoryContext parent, int k)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "causal.crosstab", ALLOCSET_DEFAULT_SIZES);
	CrosstabExpanded *e = MemoryContextAllocZero(cxt, sizeof(CrosstabExpanded));

	EOH_init_header(&e->hdr, &CrosstabMethods, cxt);
	crosstab_init(&e->ct, k, cxt);
	e->flat = NULL;
	return e;
}

/* The read-write datum of an expanded crosstab. */
Datum
crosstab_expanded_datum(CrosstabExpanded *e)
{
	return EOHPGetRWDatum(&e->hdr);
}
