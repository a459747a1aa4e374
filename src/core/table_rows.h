/*
 * table_rows.h
 *		Reads chosen columns of a table into memory, for the estimators that
 *		need the rows themselves (cross-fitting, matching).
 */
#ifndef CAUSAL_TABLE_ROWS_H
#define CAUSAL_TABLE_ROWS_H

typedef enum TableColumnKind
{
	TABLE_COL_NUMERIC,			/* a numeric or boolean column, as double */
	TABLE_COL_CODE				/* any column, as integer codes 0..ncodes-1 in sort order of its text */
} TableColumnKind;

typedef struct TableColumn
{
	const char *name;
	TableColumnKind kind;
	bool		nullable;		/* a NULL is kept (NaN, or code -1) instead of skipping the row */
	double	   *values;			/* NUMERIC: nrows values */
	int		   *codes;			/* CODE: nrows codes */
	int			ncodes;
	char	  **labels;			/* CODE: ncodes texts */
} TableColumn;

typedef struct TableRows
{
	int			nrows;
	int64		n_skipped;		/* rows with a NULL in a used column */
	int			ncols;
	TableColumn *cols;
	const char *order_by;		/* a column to order the rows by, or NULL (scan order) */
	int64		n_seen;			/* rows without NULLs (more than nrows when sampled) */
} TableRows;

/*
 * Factor covariates.  table_rows_mark_factors, before the read, makes the
 * columns first .. first + count - 1 that are not numbers or booleans (text,
 * enum, ...) factors, read as codes; table_rows_design, after it, returns the
 * numeric columns of that range: numbers as read, each factor as indicator
 * columns "name=level", one per level but the first in text order (the
 * reference level, as R's treatment contrasts take the first level; race with
 * levels black, hispan, white gives race=hispan and race=white).  A factor
 * with one level, or with more than TABLE_MAX_FACTOR_LEVELS (an id, free
 * text), is an error naming it.  With all_levels the first level gets its
 * column too (for balance tables, as cobalt lists every level; a model
 * with an intercept takes the others).  The count of columns is returned, their
 * names and values (palloc'd) in *names and *x.
 */
#define TABLE_MAX_FACTOR_LEVELS 100
extern void table_rows_mark_factors(Oid relid, TableRows *t, int first, int count);
extern int	table_rows_design(const TableRows *t, int first, int count, bool all_levels, const char *fn,
							  char ***names, double ***x);

/*
 * Reads the columns (kinds set by the caller) of relid; rows with a NULL in
 * any of them are skipped and counted; NaN or infinity is an error naming
 * the column; fn names the calling function in messages.
 */
extern void table_rows_read(Oid relid, TableRows *t, const char *fn);

/*
 * The same, keeping a sample of at most sample_rows of the rows without
 * NULLs, so that memory stays bounded on any table; numeric columns only.
 * The rows kept are those of smallest hash of their values and the seed, in
 * that order: the same sample whatever order the scan delivers the rows in
 * (copies of a row share the hash and enter together).
 */
extern void table_rows_read_sample(Oid relid, TableRows *t, const char *fn, int sample_rows, int64 seed);

#endif
