/*
 * sketch_names.h
 *		The optional column names a moments or crosstab sketch carries.
 *
 * A sketch made by the aggregates is unnamed (its columns are positions);
 * causal.with_names and the table-level functions give it names.  Names are
 * stored after the sketch's numbers as k NUL-terminated strings (format
 * version 2; version 1, no names, is what 0.1.0 wrote and what unnamed
 * sketches still write, byte for byte).  Sketches merge only when both are
 * unnamed or both carry the same names in the same order.
 */
#ifndef CAUSAL_SKETCH_NAMES_H
#define CAUSAL_SKETCH_NAMES_H

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"

#include "sketch/sketch_json.h"

/* names: NULL (unnamed) or k strings, each 1 to NAMEDATALEN - 1 bytes, all distinct */

extern char **sketch_names_from_array(ArrayType *a, int k, const char *typname);
extern ArrayType *sketch_names_array(char *const *names, int k);
extern char **sketch_names_copy(char *const *names, int k);

/* the stored form */
extern Size sketch_names_bytes(char *const *names, int k);
extern void sketch_names_write(char *const *names, int k, char *dst);
extern char **sketch_names_read(const char *src, Size len, int k, int sqlerrcode,
								const char *typname);

/* text and binary forms */
extern void sketch_names_append_json(StringInfo s, char *const *names, int k);
extern char **sketch_names_from_json(const SketchJson *sj, int k);
extern void sketch_names_send(StringInfo buf, char *const *names, int k);
extern char **sketch_names_recv(StringInfo buf, int k, const char *typname);

/* merging and reading */
extern void sketch_names_check_merge(char *const *a, char *const *b, int k, const char *typname);
extern ArrayType *sketch_names_argument(char *const *names, int k, FunctionCallInfo fcinfo,
										int argno);
extern int	sketch_names_position(char *const *names, int k, const char *name,
								  const char *typname);

#endif
