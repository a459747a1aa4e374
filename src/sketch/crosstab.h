/*
 * crosstab.h
 *		The mergeable contingency sketch behind causal.crosstab.
 *
 * A crosstab holds, for k discrete columns, the counts of the joint values
 * that occur (only observed cells are stored), the row count n and the rows
 * skipped for NULLs.  Values are kept as text labels (integers, booleans and
 * text all become labels), each column with its own dictionary.
 *
 * Working form (Crosstab): per-column hash tables label -> code and a hash
 * table of cells keyed by the k codes.  Flat form (CrosstabFlat): canonical,
 * with the labels of each column sorted (numerically when they are all
 * numbers) and the cells sorted by their codes, so equal data give equal
 * bytes whatever the row or merge order.
 */
#ifndef CAUSAL_CROSSTAB_H
#define CAUSAL_CROSSTAB_H

#include "fmgr.h"
#include "utils/expandeddatum.h"
#include "utils/hsearch.h"

#define CROSSTAB_VERSION 1		/* unnamed: the layout 0.1.0 wrote */
#define CROSSTAB_VERSION_NAMED 2	/* the same, then k column names (sketch_names.h) */
#define CROSSTAB_MAX_K 64
#define CROSSTAB_MAX_LABEL 128	/* bytes, with the terminating NUL */

extern int	causal_crosstab_max_levels;
extern int	causal_crosstab_max_cells;

typedef struct CrosstabFlat
{
	int32		vl_len_;
	uint8		version;
	uint8		reserved[3];
	int32		k;
	int32		ncells;
	int64		n;
	int64		n_skipped;
	/*
	 * int64 counts[ncells]; int32 nlabels[k]; int32 codes[ncells * k]; labels,
	 * NUL-terminated; version 2: then the k column names, NUL-terminated
	 */
	char		data[FLEXIBLE_ARRAY_MEMBER];
} CrosstabFlat;

#define CROSSTAB_COUNTS(f)	((int64 *) (f)->data)
#define CROSSTAB_NLABELS(f) ((int32 *) ((f)->data + sizeof(int64) * (f)->ncells))
#define CROSSTAB_CODES(f)	(CROSSTAB_NLABELS(f) + (f)->k)
#define CROSSTAB_LABELS(f)	((char *) (CROSSTAB_CODES(f) + (Size) (f)->ncells * (f)->k))

typedef struct CrosstabColumn
{
	HTAB	   *index;			/* label -> code */
	int			nlabels;
	int			cap;
	char	  **labels;			/* code -> label */
} CrosstabColumn;

typedef struct Crosstab
{
	MemoryContext cxt;			/* where the hash tables live */
	int			k;
	int64		n;
	int64		n_skipped;
	CrosstabColumn *cols;
	HTAB	   *cells;			/* key: int32 codes[k]; then an int64 count */
	Size		count_off;
	char	  **names;			/* k column names (in cxt), or NULL (unnamed) */
} Crosstab;

typedef struct CrosstabExpanded
{
	ExpandedObjectHeader hdr;
	Crosstab	ct;
	CrosstabFlat *flat;			/* cached flat form, NULL when stale */
} CrosstabExpanded;

extern void crosstab_init(Crosstab *ct, int k, MemoryContext cxt);
extern int32 crosstab_code(Crosstab *ct, int col, const char *label);
extern void crosstab_add(Crosstab *ct, const int32 *codes, int64 count);
extern void crosstab_merge(Crosstab *a, const CrosstabFlat *b);
extern CrosstabFlat *crosstab_flatten(const Crosstab *ct);
extern void crosstab_validate_flat(const CrosstabFlat *f, int sqlerrcode);
extern const char *crosstab_label(const CrosstabFlat *f, int col, int code);
extern CrosstabFlat *crosstab_get_arg(FunctionCallInfo fcinfo, int argno);
extern char **crosstab_flat_names(const CrosstabFlat *f);
extern void crosstab_adopt_names(Crosstab *ct, const CrosstabFlat *f);
extern CrosstabFlat *crosstab_flat_with_names(const CrosstabFlat *f, char *const *names);

extern CrosstabExpanded *crosstab_expanded_new(MemoryContext parent, int k);
extern Datum crosstab_expanded_datum(CrosstabExpanded *e);

#endif
