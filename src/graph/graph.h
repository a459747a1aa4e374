/*
 * graph.h
 *		Graphs with endpoint marks, as causal discovery returns them.
 *
 * mark(i, j) is the endpoint at node i of the edge between i and j, with
 * causal-learn's codes: 0 no edge, -1 tail, 1 arrowhead, 2 circle.  So
 * i --> j has mark(i, j) = -1 and mark(j, i) = 1.
 */
#ifndef CAUSAL_GRAPH_H
#define CAUSAL_GRAPH_H

#include "fmgr.h"

#define MARK_NONE 0
#define MARK_TAIL (-1)
#define MARK_ARROW 1
#define MARK_CIRCLE 2

typedef struct Graph
{
	int			k;
	int8	   *m;				/* k x k, m[i * k + j] = mark at i on edge i-j */
} Graph;

#define GMARK(g, i, j) ((g)->m[(i) * (g)->k + (j)])

extern Graph *graph_new(int k);
extern Graph *graph_copy(const Graph *g);
extern void graph_set(Graph *g, int i, int j, int mark_i, int mark_j);
extern void graph_remove(Graph *g, int i, int j);
extern bool graph_adjacent(const Graph *g, int i, int j);
extern bool graph_directed(const Graph *g, int i, int j);	/* i --> j */
extern bool graph_undirected(const Graph *g, int i, int j); /* i --- j */
extern int	graph_degree(const Graph *g, int i);
extern int	graph_max_degree(const Graph *g);

/* Emits the edges as (source, target, edge) rows of a materialized SRF. */
extern void graph_edge_rows(FunctionCallInfo fcinfo, const Graph *g, char **names);

#endif
