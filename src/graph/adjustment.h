/*
 * adjustment.h
 *		Covariate adjustment sets from a graph: the generalized adjustment
 *		criterion, the canonical, optimal and minimal sets.
 */
#ifndef CAUSAL_ADJUSTMENT_H
#define CAUSAL_ADJUSTMENT_H

#include "nodes/pg_list.h"

#include "graph/separation.h"

/*
 * A treatment set X and an outcome set Y in a DAG, ADMG, CPDAG or PAG.  A
 * PAG is held with its circle marks read as tails (g; kind stays
 * GRAPH_PAG), as dagitty does, and is amenable only when every proper
 * possibly causal path starts with a visible edge (Perković et al. 2018).
 */
typedef struct Adjustment
{
	const MixedGraph *g;		/* a PAG with circles read as tails */
	const MixedGraph *pag;		/* the PAG itself (NULL for other kinds) */
	GraphKind	kind;
	bool	   *x;
	bool	   *y;
	bool	   *cn;				/* nodes other than X on proper possibly causal paths */
	bool	   *forb;			/* possible descendants of cn, and X */
	bool		amenable;
	int			blocker_x;		/* when not amenable: x --- w starts such a path, */
	int			blocker_w;
	bool		blocker_invisible;	/* ... or the PAG's edge x --> w (x o-> w) is not visible */
} Adjustment;

/*
 * Checks the graph (a DAG, ADMG, CPDAG or PAG without directed cycles) and the
 * sets (disjoint, outcome not an ancestor of the treatment), and computes
 * cn, forb and amenability.  fn names the SQL function in messages.
 */
extern Adjustment *adjustment_new(const MixedGraph *g, const bool *x, const bool *y,
								  const char *fn);

/* Whether z satisfies the generalized adjustment criterion. */
extern bool adjustment_valid(const Adjustment *a, const bool *z);

/*
 * The canonical set Adjust(X, Y); NULL with *reason set when no adjustment
 * set exists.
 */
extern bool *adjustment_canonical(const Adjustment *a, const char **reason);

/* The optimal set O(X, Y) of Henckel et al. (DAGs and CPDAGs); as above. */
extern bool *adjustment_optimal(const Adjustment *a, const char **reason);

/*
 * The minimal adjustment sets, at most max_sets of them (*truncated says
 * whether more exist); NIL with *reason set when none exists.  A List of
 * bool arrays.
 */
extern List *adjustment_minimal(const Adjustment *a, int max_sets, bool *truncated,
								const char **reason);

/* A conditional instrument: node z, given the node set w. */
typedef struct AdjustmentInstrument
{
	int			z;
	bool	   *w;
} AdjustmentInstrument;

/*
 * The conditional instruments for one treatment and one outcome in a DAG or
 * ADMG, one per instrument node (with its nearest conditioning set).
 */
extern List *adjustment_instruments(const Adjustment *a);

/*
 * Front-door sets (frontdoor.c; DAGs and ADMGs, else 0A000): whether z is
 * one; the mediators that qualify when they form one (NULL with *reason set
 * when no front-door set exists); an inclusion-minimal one among them.
 */
extern bool frontdoor_valid(const Adjustment *a, const bool *z, const char *fn);
extern bool *frontdoor_mediators(const Adjustment *a, const char *fn, const char **reason);
extern bool *frontdoor_minimal(const Adjustment *a, const bool *mediators);

/* A DAG in the Markov equivalence class of a CPDAG (the graph itself otherwise). */
extern MixedGraph *adjustment_dag_member(const MixedGraph *g);

#endif
