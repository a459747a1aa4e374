/*
 * crosstab_funcs.c
 *		Functions on a causal.crosstab: counts, labels and (marginal) cells.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "sketch/crosstab.h"
#include "sketch/crosstab_funcs.h"
#include "sketch/sketch_args.h"

PG_FUNCTION_INFO_V1(crosstab_n);
/* causal.n(crosstab): rows counted. */
Datum
crosstab_n(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(crosstab_get_arg(fcinfo, 0)->n);
}

PG_FUNCTION_INFO_V1(crosstab_n_skipped);
/* causal.n_skipped(crosstab): rows skipped for a NULL. */
Datum
crosstab_n_skipped(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(crosstab_get_arg(fcinfo, 0)->n_skipped);
}

PG_FUNCTION_INFO_V1(crosstab_k);
/* causal.columns(crosstab): number of columns. */
Datum
crosstab_k(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(crosstab_get_arg(fcinfo, 0)->k);
}

/* Checks a 1-based column index of a crosstab; returns it 0-based. */
int
crosstab_column_index(const CrosstabFlat *f, int32 idx, const char *argname)
{
	return sketch_column_index(f->k, idx, argname, "causal.crosstab");
}

PG_FUNCTION_INFO_V1(crosstab_levels);
/* causal.levels(crosstab, col): the labels of a column in canonical order. */
Datum
crosstab_levels(PG_FUNCTION_ARGS)
{
	CrosstabFlat *f = crosstab_get_arg(fcinfo, 0);
	int			col = crosstab_column_index(f, PG_GETARG_INT32(1), "col");
	int			n = CROSSTAB_NLABELS(f)[col],
				i;
	Datum	   *elems = palloc(sizeof(Datum) * Max(n, 1));
	const char *p = crosstab_label(f, col, 0);

	for (i = 0; i < n; i++)
	{
		elems[i] = CStringGetTextDatum(p);
		p += strlen(p) + 1;
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/* Pointers to every label of every column: labels[j][code]. */
const char ***
crosstab_label_table(const CrosstabFlat *f)
{
	const char ***t = palloc(sizeof(char **) * f->k);
	const char *p = CROSSTAB_LABELS(f);
	int			j,
				i;

	for (j = 0; j < f->k; j++)
	{
		t[j] = palloc(sizeof(char *) * Max(CROSSTAB_NLABELS(f)[j], 1));
		for (i = 0; i < CROSSTAB_NLABELS(f)[j]; i++)
		{
			t[j][i] = p;
			p += strlen(p) + 1;
		}
	}
	return t;
}

PG_FUNCTION_INFO_V1(crosstab_cells);
/* causal.cells(crosstab, columns int[]): observed cells, marginal over the given columns. */
Datum
crosstab_cells(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	CrosstabFlat *f = crosstab_get_arg(fcinfo, 0);
	const char ***labels = crosstab_label_table(f);
	int		   *cols;
	int			ncols,
				i,
				j;
	MarginalCell *cells;
	int			ncells;

	if (PG_ARGISNULL(1))
	{
		ncols = f->k;
		cols = palloc(sizeof(int) * ncols);
		for (j = 0; j < ncols; j++)
			cols[j] = j;
	}
	else
	{
		cols = sketch_index_array(f->k, PG_GETARG_ARRAYTYPE_P(1), "columns", "causal.crosstab", &ncols);
	}
	cells = crosstab_marginal(f, cols, ncols, &ncells);
	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < ncells; i++)
	{
		Datum	   *elems = palloc(sizeof(Datum) * Max(ncols, 1));
		Datum		values[2];
		bool		nulls[2] = {false, false};

		for (j = 0; j < ncols; j++)
			elems[j] = CStringGetTextDatum(labels[cols[j]][cells[i].codes[j]]);
		values[0] = PointerGetDatum(construct_array(elems, ncols, TEXTOID, -1, false, TYPALIGN_INT));
		values[1] = Int64GetDatum(cells[i].count);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_VOID();
}

static int	marg_k;

static int
CmpMarginal(const void *a, const void *b)
{
	const MarginalCell *x = a,
			   *y = b;
	int			j;

	for (j = 0; j < marg_k; j++)
		if (x->codes[j] != y->codes[j])
			return x->codes[j] < y->codes[j] ? -1 : 1;
	return 0;
}

/*
 * The observed cells of the marginal table over cols (0-based, in the given
 * order), sorted by their codes and merged.
 */
MarginalCell *
crosstab_marginal(const CrosstabFlat *f, const int *cols, int ncols, int *ncells)
{
	MarginalCell *m = palloc(sizeof(MarginalCell) * Max(f->ncells, 1));
	int32	   *codes = palloc(sizeof(int32) * Max((Size) f->ncells * ncols, 1));
	const int32 *src = CROSSTAB_CODES(f);
	int			i,
				j,
				out = 0;

	for (i = 0; i < f->ncells; i++)
	{
		m[i].codes = codes + (Size) i * ncols;
		for (j = 0; j < ncols; j++)
			m[i].codes[j] = src[(Size) i * f->k + cols[j]];
		m[i].count = CROSSTAB_COUNTS(f)[i];
	}
	marg_k = ncols;
	qsort(m, f->ncells, sizeof(MarginalCell), CmpMarginal);
	for (i = 0; i < f->ncells; i++)
	{
		if (out > 0 && CmpMarginal(&m[out - 1], &m[i]) == 0)
			m[out - 1].count += m[i].count;
		else
			m[out++] = m[i];
	}
	*ncells = out;
	return m;
}
