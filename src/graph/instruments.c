/*
 * instruments.c
 *		Conditional instrumental variables from a DAG or ADMG.
 *
 * van der Zander, Textor and Liśkiewicz (2015, IJCAI), "Efficiently finding
 * conditional instruments for causal inference", as dagitty's
 * instrumentalVariables: Z is an instrument for the effect of X on Y
 * conditional on W when, in the proper back-door graph G' (the first edges
 * X --> cn of the causal paths removed), W d-separates Z and Y, contains no
 * descendant of Y (in G') and neither X nor a mediator, and Z and X stay
 * d-connected given W.  For each candidate Z the set tried is the nearest
 * minimal separator of Y and Z: within the ancestors of {Y, Z} in G', the
 * nodes that may be conditioned on and that the moral graph shows reachable
 * from Y, then of those the ones reachable from Z (van der Zander et al.
 * 2019, FindMinSep): if Z is a conditional instrument given any W, it is
 * one given this "ancestral" W (van der Zander et al. 2015).  Each
 * candidate costs O(nodes + edges) plus the moral graph of the ancestors;
 * descendants of Y, mediators and neighbours of Y are never instruments
 * and are skipped first.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/memutils.h"

#include "graph/adjustment.h"
#include "graph/moral.h"

/* g without the directed edges v --> w with cut_from[v] and cut_to[w]. */
static MixedGraph *
WithoutEdges(const MixedGraph *g, const bool *cut_from, const bool *cut_to)
{
	GraphEdge  *edges = palloc(sizeof(GraphEdge) * Max(g->n_edges, 1));
	int			n = 0,
				i;

	for (i = 0; i < g->n_edges; i++)
	{
		const GraphEdge *e = &g->edges[i];

		if ((e->mark_a == MARK_TAIL && e->mark_b == MARK_ARROW && cut_from[e->a] && cut_to[e->b]) ||
			(e->mark_b == MARK_TAIL && e->mark_a == MARK_ARROW && cut_from[e->b] && cut_to[e->a]))
			continue;
		edges[n++] = *e;
	}
	return mixed_build(g->n, g->names, edges, n);
}

List *
adjustment_instruments(const Adjustment *a)
{
	const MixedGraph *g = a->g;
	MixedGraph *bd;
	bool	   *de_y,
			   *mediator,
			   *adj_y;
	List	   *out = NIL;
	MemoryContext iter,
				outer = CurrentMemoryContext;
	int			x = -1,
				y = -1,
				z,
				i;

	if (a->kind != GRAPH_DAG && a->kind != GRAPH_ADMG)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("instruments are found in DAGs and ADMGs, not in a graph of kind %s",
						graph_kind_name(a->kind)),
				 errhint("Orient the undirected edges first.")));
	for (i = 0; i < g->n; i++)
	{
		if (a->x[i])
			x = x < 0 ? i : -2;
		if (a->y[i])
			y = y < 0 ? i : -2;
	}
	if (x < 0 || y < 0)
		elog(ERROR, "instruments need one treatment and one outcome");

	bd = WithoutEdges(g, a->x, a->cn);
	de_y = sep_closure(bd, a->y, REACH_CHILDREN, NULL);
	mediator = sep_set_new(g);
	for (i = 0; i < g->n; i++)
		mediator[i] = a->cn[i] && !a->y[i];
	adj_y = sep_set_new(g);
	for (i = bd->start[y]; i < bd->start[y + 1]; i++)
		adj_y[bd->adj[i].node] = true;

	/* each candidate's sets and moral graph live in a context reset after it */
	iter = AllocSetContextCreate(CurrentMemoryContext, "causal instruments", ALLOCSET_DEFAULT_SIZES);
	for (z = 0; z < g->n; z++)
	{
		bool	   *yz,
				   *keep,
				   *allowed,
				   *side,
				   *near,
				   *w,
				   *conn;
		Moral	   *m;
		bool		ok = true;

		/*
		 * No set W can separate Y from a descendant of Y (W holds none), from
		 * a mediator (W holds none, and the mediators lead on to Y) or from a
		 * neighbour of Y: skipped before any moral graph is built.
		 */
		if (z == x || z == y || de_y[z] || mediator[z] || adj_y[z])
			continue;
		CHECK_FOR_INTERRUPTS();
		MemoryContextReset(iter);
		MemoryContextSwitchTo(iter);
		yz = sep_set_new(g);
		yz[y] = yz[z] = true;
		keep = sep_closure(bd, yz, REACH_PARENTS, NULL);
		allowed = sep_set_new(g);
		for (i = 0; i < g->n; i++)
			allowed[i] = keep[i] && !yz[i] && !mediator[i];
		m = moral_graph(bd, keep, NULL, NULL);

		/* the allowed nodes next to Y's side, then those of them next to Z's side */
		side = moral_component(m, a->y, allowed);
		if (side[z])
			ok = false;
		else
		{
			bool	   *zs = sep_set_new(g);

			near = moral_neighbours(m, side);
			for (i = 0; i < g->n; i++)
				near[i] = near[i] && allowed[i];
			zs[z] = true;
			side = moral_component(m, zs, near);
			if (side[y])
				ok = false;
			else
			{
				w = moral_neighbours(m, side);
				for (i = 0; i < g->n; i++)
				{
					w[i] = w[i] && near[i];
					if (w[i] && (de_y[i] || i == x))
						ok = false;
				}
				if (ok)
				{
					bool	   *xs = sep_set_new(g);

					xs[x] = true;
					conn = sep_connected(bd, xs, w, NULL, NULL);
					if (conn[z])
					{
						AdjustmentInstrument *iv;

						MemoryContextSwitchTo(outer);
						iv = palloc(sizeof(AdjustmentInstrument));
						iv->z = z;
						iv->w = palloc(sizeof(bool) * g->n);
						memcpy(iv->w, w, sizeof(bool) * g->n);
						out = lappend(out, iv);
					}
				}
			}
		}
		MemoryContextSwitchTo(outer);
	}
	MemoryContextSwitchTo(outer);
	MemoryContextDelete(iter);
	return out;
}
