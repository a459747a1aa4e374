/*
 * discovery_sql.h
 *		What the SQL entry points of discovery share (discovery_sql.c): node
 *		names, the CI test a search calls (Fisher-z on a moment sketch,
 *		chi-square or G-squared on a crosstab, KCI or RCIT on rows), and the
 *		PC run with its options, which CD-NOD reuses.
 */
#ifndef CAUSAL_DISCOVERY_SQL_H
#define CAUSAL_DISCOVERY_SQL_H

#include "fmgr.h"

#include "discovery/pc.h"
#include "graph/knowledge.h"
#include "sketch/crosstab_funcs.h"
#include "sketch/moments.h"

typedef struct PcTestCtx
{
	Moments    *m;				/* Fisher-z */
	CrosstabFlat *c;			/* chi-square / G-squared */
	bool		gsq;
	double	   *rows;			/* kci / rcit: n x k column-major data */
	int			n;
	bool		rcit;
	int64		seed;
	MemoryContext tmp;			/* reset after every test */
} PcTestCtx;

/* Node names from the text[] argument argno (k of them), or x1..xk when it is NULL. */
extern char **discovery_node_names(FunctionCallInfo fcinfo, int argno, int k,
								   char *const *sketch_names);
extern char **discovery_sketch_names(const PcTestCtx *ctx);

/* One CI test of ctx (a PcTestCtx): its p-value. */
extern double discovery_ci_test(void *ctx, int x, int y, const int *s, int ns);

/* Fills ctx from a moments or crosstab first argument; returns the variable count. */
extern int	discovery_test_context(FunctionCallInfo fcinfo, const char *fn, bool crosstab,
								   const char *method, PcTestCtx *ctx);

/* Checks alpha, uc_rule, uc_priority and max_depth. */
extern void discovery_check_pc_options(double alpha, int uc_rule, int uc_priority, int max_depth);

/*
 * The collider rule and priority codes from collider_rule and
 * collider_priority (names; rule_arg, priority_arg) or the deprecated uc_rule
 * and uc_priority (codes); sepset and existing (0, 2) when neither is given.
 */
extern void discovery_collider_args(FunctionCallInfo fcinfo, const char *fn, int uc_rule_arg,
									int uc_priority_arg, int rule_arg, int priority_arg, int *uc_rule,
									int *uc_priority);

/* The test of a crosstab form: ci_test or the deprecated method, else dflt. */
extern const char *discovery_ci_test_arg(FunctionCallInfo fcinfo, const char *fn, int ci_arg,
										 int method_arg, const char *dflt);

/* Runs PC (orient: colliders, knowledge and Meek's rules; domain >= 0: CD-NOD's index). */
extern PcResult *discovery_run_pc(PcTestCtx *ctx, int k, double alpha, bool stable, int uc_rule,
								  int uc_priority, int max_depth, bool orient, const Knowledge *kn,
								  int domain);

#endif
