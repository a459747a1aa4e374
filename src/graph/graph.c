/*
 * graph.c
 *		The graph structure of causal discovery and its edge rows.
 */
#include "postgres.h"

#include "funcapi.h"
#include "utils/builtins.h"

#include "graph/graph.h"

/* An empty graph of k nodes. */
Graph *
graph_new(int k)
{
	Graph	   *g = palloc(sizeof(Graph));

	g->k = k;
	g->m = palloc0(sizeof(int8) * k * k);
	return g;
}

/* A copy of g. */
Graph *
graph_copy(const Graph *g)
{
	Graph	   *c = graph_new(g->k);

	memcpy(c->m, g->m, sizeof(int8) * g->k * g->k);
	return c;
}

/* Sets the edge i-j with the given endpoint marks. */
void
graph_set(Graph *g, int i, int j, int mark_i, int mark_j)
{
	GMARK(g, i, j) = (int8) mark_i;
	GMARK(g, j, i) = (int8) mark_j;
}

/* Removes the edge between i and j. */
void
graph_remove(Graph *g, int i, int j)
{
	graph_set(g, i, j, MARK_NONE, MARK_NONE);
}

/* Whether i and j are adjacent. */
bool
graph_adjacent(const Graph *g, int i, int j)
{
	return GMARK(g, i, j) != MARK_NONE;
}

/* Whether i --> j. */
bool
graph_directed(const Graph *g, int i, int j)
{
	return GMARK(g, i, j) == MARK_TAIL && GMARK(g, j, i) == MARK_ARROW;
}

/* Whether i --- j. */
bool
graph_undirected(const Graph *g, int i, int j)
{
	return GMARK(g, i, j) == MARK_TAIL && GMARK(g, j, i) == MARK_TAIL;
}

/* Number of nodes adjacent to i. */
int
graph_degree(const Graph *g, int i)
{
	int			j,
				d = 0;

	for (j = 0; j < g->k; j++)
		if (GMARK(g, i, j) != MARK_NONE)
			d++;
	return d;
}

/* Largest degree in the graph. */
int
graph_max_degree(const Graph *g)
{
	int			i,
				d = 0;

	for (i = 0; i < g->k; i++)
		d = Max(d, graph_degree(g, i));
	return d;
}

/* The edge text for marks a (at source) and b (at target), or NULL to swap. */
static const char *
EdgeText(int a, int b)
{
	if (a == MARK_TAIL && b == MARK_ARROW)
		return "-->";
	if (a == MARK_TAIL && b == MARK_TAIL)
		return "---";
	if (a == MARK_ARROW && b == MARK_ARROW)
		return "<->";
	if (a == MARK_CIRCLE && b == MARK_ARROW)
		return "o->";
	if (a == MARK_CIRCLE && b == MARK_CIRCLE)
		return "o-o";
	if (a == MARK_TAIL && b == MARK_CIRCLE)
		return "--o";
	return NULL;
}

/*
 * Emits one row per edge.  Undirected and bidirected edges, and pairs of
 * equal marks, list the earlier node first; otherwise the row is written in
 * the direction that reads as one of -->, ---, <->, o->, o-o.
 */
void
graph_edge_rows(FunctionCallInfo fcinfo, const Graph *g, char **names)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			i,
				j;

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < g->k; i++)
		for (j = i + 1; j < g->k; j++)
		{
			int			a = GMARK(g, i, j),
						b = GMARK(g, j, i),
						s = i,
						t = j;
			const char *txt;
			Datum		values[3];
			bool		nulls[3] = {false, false, false};

			if (a == MARK_NONE && b == MARK_NONE)
				continue;
			txt = EdgeText(a, b);
			if (txt == NULL)
			{
				txt = EdgeText(b, a);
				s = j;
				t = i;
			}
			if (txt == NULL)
				elog(ERROR, "unexpected endpoint marks %d, %d", a, b);
			values[0] = CStringGetTextDatum(names[s]);
			values[1] = CStringGetTextDatum(names[t]);
			values[2] = CStringGetTextDatum(txt);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
}
