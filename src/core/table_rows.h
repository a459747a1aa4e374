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
