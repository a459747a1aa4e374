/*
 * minimal_sets.c
 *		All minimal adjustment sets, listed with a bound on their number.
 *
 * van der Zander, Liśkiewicz and Textor (2019, Artif. Intell. 270:1-40)
 * reduce minimal adjustment sets to minimal separators: in the proper
 * back-door graph restricted to the ancestors of X u Y, Z is a minimal
 * adjustment set exactly when it is a minimal X-Y vertex separator of the
 * moral (augmented) graph that avoids Forb(X, Y) (their Thm 4.6 with
 * Lemma 3.4; for ADMGs the augmented graph joins every node of a district
 * and the district's parents).  For CPDAGs the separators are taken in one
 * DAG of the class (Perković et al. 2018, Lemma 5.? with Thm 5.6): Forb
 * and amenability stay those of the CPDAG.
 *
 * The separators are listed with the method of Kloks and Kratsch (1998,
 * SIAM J. Comput. 27:605), "close to Y" separators grown by moving one
 * node at a time to X's side; nodes that may not be in a set (Forb) are
 * never removed, so they join whichever side they touch.  Each set costs
 * O(|S| (nodes + edges)); the caller bounds how many are listed, since
 * there can be exponentially many.  Written here because no C library of
 * the field offers it.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "miscadmin.h"
#include "nodes/pg_list.h"
#include "utils/hsearch.h"

#include "graph/adjustment.h"
#include "graph/moral.h"

/*
 * A DAG of the class of a CPDAG: its undirected edges oriented along a
 * maximum cardinality search order, which adds no v-structure and no cycle
 * because the undirected components of a CPDAG are chordal (Andersson,
 * Madigan and Perlman 1997; Tarjan and Yannakakis 1984).
 */
MixedGraph *
adjustment_dag_member(const MixedGraph *g)
{
	int		   *order = palloc(sizeof(int) * Max(g->n, 1));
	int		   *weight = palloc0(sizeof(int) * Max(g->n, 1));
	bool	   *done = palloc0(sizeof(bool) * Max(g->n, 1));
	GraphEdge  *edges;
	int			step,
				i,
				k;

	if (mixed_kind(g) != GRAPH_CPDAG)
		return (MixedGraph *) g;
	for (step = 0; step < g->n; step++)
	{
		int			best = -1;

		for (i = 0; i < g->n; i++)
			if (!done[i] && (best < 0 || weight[i] > weight[best]))
				best = i;
		done[best] = true;
		order[best] = step;
		for (k = g->start[best]; k < g->start[best + 1]; k++)
			if (g->adj[k].mark_here == MARK_TAIL && g->adj[k].mark_there == MARK_TAIL &&
				!done[g->adj[k].node])
				weight[g->adj[k].node]++;
		if ((step & 255) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	edges = palloc(sizeof(GraphEdge) * Max(g->n_edges, 1));
	memcpy(edges, g->edges, sizeof(GraphEdge) * g->n_edges);
	for (i = 0; i < g->n_edges; i++)
		if (edges[i].mark_a == MARK_TAIL && edges[i].mark_b == MARK_TAIL)
		{
			if (order[edges[i].a] < order[edges[i].b])
				edges[i].mark_b = MARK_ARROW;
			else
				edges[i].mark_a = MARK_ARROW;
		}
	return mixed_build(g->n, g->names, edges, g->n_edges);
}

/* What the separator search knows: the moral graph and the roles of nodes. */
typedef struct Search
{
	Moral	   *m;
	const bool *x;
	const bool *y;
	const bool *allowed;		/* may be in a set */
} Search;

/*
 * The minimal separator closest to Y for an X-side containing aside: the
 * side first takes in every node it touches that may not be separated;
 * NULL when that reaches Y.
 */
static bool *
CloseToY(const Search *s, const bool *aside)
{
	int			n = s->m->n,
				i;
	bool	   *wall = palloc0(sizeof(bool) * Max(n, 1)),
			   *side,
			   *nb,
			   *cy,
			   *sep;

	for (i = 0; i < n; i++)
		wall[i] = s->allowed[i];
	side = moral_component(s->m, aside, wall);	/* aside plus what cannot be removed */
	for (i = 0; i < n; i++)
		if (side[i] && s->y[i])
			return NULL;
	nb = moral_neighbours(s->m, side);
	for (i = 0; i < n; i++)
		if (nb[i] && !s->allowed[i])
			return NULL;		/* Y itself is next to X's side */
	cy = moral_component(s->m, s->y, nb);
	sep = moral_neighbours(s->m, cy);
	pfree(wall);
	pfree(side);
	pfree(nb);
	pfree(cy);
	return sep;
}

/* A hash of a node set, for the seen-sets table. */
static uint32
SetHash(const bool *set, int n)
{
	uint32		h = 0;
	int			i;

	for (i = 0; i < n; i++)
		if (set[i])
			h = hash_combine(h, murmurhash32((uint32) i));
	return h;
}

typedef struct SeenEntry
{
	uint32		hash;
	List	   *sets;
} SeenEntry;

/* Records set; false when it was seen before. */
static bool
Remember(HTAB *seen, bool *set, int n)
{
	uint32		h = SetHash(set, n);
	bool		found;
	SeenEntry  *e = hash_search(seen, &h, HASH_ENTER, &found);
	ListCell   *c;

	if (!found)
		e->sets = NIL;
	foreach(c, e->sets)
		if (memcmp(lfirst(c), set, sizeof(bool) * n) == 0)
			return false;
	e->sets = lappend(e->sets, set);
	return true;
}

/*
 * The anteriors of start in a PAG as dagitty takes them for its ancestral
 * moral graph: the closure over possible parents (u --> v, u o-> v) and
 * possible neighbours (u --- v, u o-o v); a partly undirected edge (u o-- v)
 * is not followed.
 */
static bool *
PagAnteriors(const MixedGraph *pag, const bool *start)
{
	bool	   *seen = palloc0(sizeof(bool) * Max(pag->n, 1));
	int		   *stack = palloc(sizeof(int) * Max(pag->n, 1));
	int			top = 0;

	for (int i = 0; i < pag->n; i++)
		if (start[i])
		{
			seen[i] = true;
			stack[top++] = i;
		}
	while (top > 0)
	{
		int			v = stack[--top];

		for (int k = pag->start[v]; k < pag->start[v + 1]; k++)
		{
			const Adjacent *e = &pag->adj[k];
			bool		parent = e->mark_here == MARK_ARROW &&
				(e->mark_there == MARK_TAIL || e->mark_there == MARK_CIRCLE);
			bool		neighbour = e->mark_here == e->mark_there &&
				(e->mark_here == MARK_TAIL || e->mark_here == MARK_CIRCLE);

			if ((parent || neighbour) && !seen[e->node])
			{
				seen[e->node] = true;
				stack[top++] = e->node;
			}
		}
	}
	pfree(stack);
	return seen;
}

List *
adjustment_minimal(const Adjustment *a, int max_sets, bool *truncated, const char **reason)
{
	const MixedGraph *g = a->g;
	MixedGraph *d;
	bool	   *canonical,
			   *xy,
			   *keep,
			   *allowed,
			   *first;
	Search		s;
	HTAB	   *seen;
	HASHCTL		ctl;
	List	   *out = NIL,
			   *todo = NIL;
	int			i;

	*truncated = false;
	canonical = adjustment_canonical(a, reason);
	if (canonical == NULL)
		return NIL;

	d = adjustment_dag_member(g);
	xy = sep_set_new(g);
	for (i = 0; i < g->n; i++)
		xy[i] = a->x[i] || a->y[i];
	keep = a->pag != NULL ? PagAnteriors(a->pag, xy) : sep_closure(d, xy, REACH_PARENTS, NULL);
	allowed = sep_set_new(g);
	for (i = 0; i < g->n; i++)
		allowed[i] = keep[i] && !xy[i] && !a->forb[i];

	s.m = moral_graph(d, keep, a->x, a->cn);
	s.x = a->x;
	s.y = a->y;
	s.allowed = allowed;

	ctl.keysize = sizeof(uint32);
	ctl.entrysize = sizeof(SeenEntry);
	ctl.hcxt = CurrentMemoryContext;
	seen = hash_create("causal minimal sets", 256, &ctl,
					   HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);

	first = CloseToY(&s, a->x);
	if (first == NULL)
		elog(ERROR, "no minimal separator although the canonical set separates");
	Remember(seen, first, g->n);
	todo = lappend(todo, first);
	while (todo != NIL)
	{
		bool	   *sep = linitial(todo),
				   *cx;

		todo = list_delete_first(todo);
		if (list_length(out) >= max_sets)
		{
			*truncated = true;
			break;
		}
		if (!adjustment_valid(a, sep))
			elog(ERROR, "a minimal separator is not an adjustment set");
		out = lappend(out, sep);
		cx = moral_component(s.m, a->x, sep);
		for (i = 0; i < g->n; i++)
			if (sep[i])
			{
				bool	   *next;

				cx[i] = true;
				next = CloseToY(&s, cx);
				cx[i] = false;
				if (next != NULL && Remember(seen, next, g->n))
					todo = lappend(todo, next);
				else if (next != NULL)
					pfree(next);	/* found before */
				CHECK_FOR_INTERRUPTS();
			}
		pfree(cx);
	}
	return out;
}
