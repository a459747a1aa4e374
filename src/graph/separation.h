/*
 * separation.h
 *		Reachability in mixed graphs: ancestors and descendants (possible
 *		ones through undirected edges), and d-/m-connection by walks.
 *
 * Sets of nodes are bool arrays of length g->n.
 */
#ifndef CAUSAL_SEPARATION_H
#define CAUSAL_SEPARATION_H

#include "graph/graph_value.h"

/* Which edges a closure follows from a node. */
typedef enum Reach
{
	REACH_PARENTS,				/* u --> v: from v to u */
	REACH_CHILDREN,				/* v --> u: from v to u */
	REACH_POSSIBLE_PARENTS,		/* u --> v or u --- v */
	REACH_POSSIBLE_CHILDREN		/* v --> u or v --- u */
} Reach;

/*
 * Everything reached from the start set along the chosen edges, start
 * nodes included; nodes in avoid (may be NULL) are never entered.
 */
extern bool *sep_closure(const MixedGraph *g, const bool *start, Reach how,
						 const bool *avoid);

/*
 * The nodes connected to the start set by a walk on which every collider is
 * in given and every other node is not: d-connection in DAGs, m-connection
 * in ADMGs, and in CPDAGs connection along definite-status walks (an edge
 * into a node followed by an undirected one, or the reverse, does not
 * continue).  A directed edge v --> w with cut_from[v] and cut_to[w] (both
 * may be NULL) is left out: the proper back-door graph.
 */
extern bool *sep_connected(const MixedGraph *g, const bool *start, const bool *given,
						   const bool *cut_from, const bool *cut_to);

extern bool *sep_set_new(const MixedGraph *g);
extern bool sep_intersects(const MixedGraph *g, const bool *a, const bool *b);

#endif
