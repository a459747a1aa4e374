/*
 * graph_value.h
 *		The SQL type causal.graph: named nodes and edges with endpoint marks,
 *		and the adjacency lists the graph queries walk.
 *
 * Marks are those of graph.h (MARK_TAIL, MARK_ARROW, MARK_CIRCLE): a --> b
 * is mark_a = tail, mark_b = arrow; a <-> b is arrow at both ends; a --- b
 * tail at both ends; a o-> b circle at a.
 */
#ifndef CAUSAL_GRAPH_VALUE_H
#define CAUSAL_GRAPH_VALUE_H

#include "fmgr.h"

#include "graph/graph.h"

/* Most nodes one graph value holds; every query is polynomial below it. */
#define GRAPH_MAX_NODES 10000
#define GRAPH_MAX_EDGES 1000000
#define GRAPH_FORMAT_VERSION 1

/* One stored edge: nodes a < b are not required; marks are at a and at b. */
typedef struct GraphEdge
{
	int32		a;
	int32		b;
	int8		mark_a;
	int8		mark_b;
	int16		pad;
} GraphEdge;

/*
 * The varlena: header, edges, then the node names as n_nodes NUL-terminated
 * strings, in node order.
 */
typedef struct GraphValue
{
	int32		vl_len_;
	int32		version;
	int32		n_nodes;
	int32		n_edges;
	GraphEdge	edges[FLEXIBLE_ARRAY_MEMBER];
} GraphValue;

/* One neighbour of a node: its index and the marks at both ends. */
typedef struct Adjacent
{
	int			node;
	int8		mark_here;
	int8		mark_there;
} Adjacent;

/* The graph as the queries use it: names, edges and adjacency lists. */
typedef struct MixedGraph
{
	int			n;
	char	  **names;
	int			n_edges;
	GraphEdge  *edges;
	int		   *start;			/* adjacency of v is adj[start[v] .. start[v+1]) */
	Adjacent   *adj;
	int		   *sorted;			/* node indexes ordered by name, for lookup */
} MixedGraph;

/* What the marks make of a graph, from the least to the most general. */
typedef enum GraphKind
{
	GRAPH_DAG,					/* only --> */
	GRAPH_ADMG,					/* --> and <-> */
	GRAPH_CPDAG,				/* --> and --- */
	GRAPH_PAG,					/* circle marks */
	GRAPH_MIXED					/* --- together with <->: no class we know */
} GraphKind;

/* Building a graph: names in order of first appearance, edges as given. */
typedef struct GraphBuilder
{
	int			n;
	int			cap_nodes;
	char	  **names;
	struct HTAB *index;			/* name -> node */
	struct HTAB *pairs;			/* node pair -> its edges */
	int			n_edges;
	int			cap_edges;
	GraphEdge  *edges;
} GraphBuilder;

extern GraphBuilder *graph_builder_new(void);
extern int	graph_builder_node(GraphBuilder *b, const char *name);
extern void graph_builder_edge(GraphBuilder *b, int a, int bnode, int mark_a, int mark_b);
extern GraphValue *graph_builder_value(GraphBuilder *b);

extern GraphValue *graph_value_detoast(Datum d);
extern MixedGraph *graph_value_open(GraphValue *v);
extern MixedGraph *mixed_build(int n, char **names, GraphEdge *edges, int n_edges);
extern MixedGraph *mixed_circles_as_tails(const MixedGraph *g);
extern const char *graph_value_name(GraphValue *v, int i);
extern bool graph_mark_parse(const char *s, int *mark_a, int *mark_b);
extern const char *graph_mark_text(int mark_a, int mark_b);

extern int	mixed_node(const MixedGraph *g, const char *name);
extern GraphKind mixed_kind(const MixedGraph *g);
extern const char *graph_kind_name(GraphKind kind);
extern bool mixed_directed_cycle(const MixedGraph *g, int *on_cycle);

#define DatumGetGraphValue(d) graph_value_detoast(d)
#define PG_GETARG_GRAPH(n) graph_value_detoast(PG_GETARG_DATUM(n))

#endif
