/*
 * moral.c
 *		The moral (augmented) graph of an ancestral set and reachability in it.
 *
 * Lauritzen's moralization, extended to ADMGs as the augmented graph of
 * Richardson (2003): within the kept nodes, every adjacency, and a clique
 * over each district (nodes joined by <->) with the parents of its nodes;
 * undirected edges (a PAG read with circles as tails) stay as they are, as
 * dagitty's moralGraph keeps them.
 * In the moral graph of the ancestors of X u Y u Z, separation of X and Y by
 * Z is d-/m-separation given Z (Lauritzen et al. 1990; Richardson 2003).
 */
#include "postgres.h"

#include "miscadmin.h"
#include "nodes/pg_list.h"

#include "core/settings.h"
#include "graph/moral.h"

/* Joins u and v (repeats are removed once the graph is built). */
static void
MoralJoin(Moral *m, int u, int v)
{
	if (u == v)
		return;
	m->nbr[u] = lappend_int(m->nbr[u], v);
	m->nbr[v] = lappend_int(m->nbr[v], u);
}

/* Drops repeated neighbours. */
static void
MoralDedupe(Moral *m)
{
	int		   *stamp = palloc(sizeof(int) * Max(m->n, 1));
	int			u;

	for (u = 0; u < m->n; u++)
		stamp[u] = -1;
	for (u = 0; u < m->n; u++)
	{
		List	   *kept = NIL;
		ListCell   *c;

		foreach(c, m->nbr[u])
			if (stamp[lfirst_int(c)] != u)
			{
				stamp[lfirst_int(c)] = u;
				kept = lappend_int(kept, lfirst_int(c));
			}
		list_free(m->nbr[u]);
		m->nbr[u] = kept;
	}
	pfree(stamp);
}

/*
 * The augmented graph of the proper back-door graph of d restricted to
 * keep: adjacencies, and cliques over each district with its parents.
 */
Moral *
moral_graph(const MixedGraph *d, const bool *keep, const bool *cut_from, const bool *cut_to)
{
	Moral	   *m = palloc(sizeof(Moral));
	int		   *district = palloc(sizeof(int) * Max(d->n, 1));
	int		   *stack = palloc(sizeof(int) * Max(d->n, 1));
	int			i,
				k;
	double		cells = 0.0,
				limit = (double) causal_max_memory_kb * 1024.0 / 32.0;

	m->n = d->n;
	m->nbr = palloc0(sizeof(List *) * Max(d->n, 1));
	m->keep = keep;
	m->queue = palloc(sizeof(int) * Max(d->n, 1));
	for (i = 0; i < d->n; i++)
		district[i] = -1;
	for (i = 0; i < d->n; i++)
	{
		List	   *members = NIL,
				   *parents = NIL;
		ListCell   *p,
				   *q;
		int			top = 0;

		if (!keep[i] || district[i] >= 0)
			continue;
		district[i] = i;
		stack[top++] = i;
		while (top > 0)
		{
			int			v = stack[--top];

			members = lappend_int(members, v);
			for (k = d->start[v]; k < d->start[v + 1]; k++)
			{
				const Adjacent *e = &d->adj[k];

				if (!keep[e->node])
					continue;
				if (e->mark_here == MARK_ARROW && e->mark_there == MARK_ARROW)
				{
					MoralJoin(m, v, e->node);
					if (district[e->node] < 0)
					{
						district[e->node] = i;
						stack[top++] = e->node;
					}
				}
				else if (e->mark_here == MARK_ARROW && e->mark_there == MARK_TAIL &&
						 !(cut_from && cut_from[e->node] && cut_to[v]))
					parents = lappend_int(parents, e->node);
				else if (e->mark_here == MARK_TAIL && e->mark_there == MARK_TAIL)
					MoralJoin(m, v, e->node);	/* --- (a PAG's circles as tails) stays */
			}
		}
		members = list_concat(members, parents);
		/* a clique of s nodes costs s^2 list cells (about 32 bytes each with growth) */
		cells += (double) list_length(members) * list_length(members);
		if (cells > limit)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("the moral graph of these ancestors needs more memory than causal.max_memory (%d kB)",
							causal_max_memory_kb),
					 errhint("A node with very many parents makes a large clique; have a superuser raise "
							 "causal.max_memory, or query a smaller graph.")));
		foreach(p, members)
			foreach(q, members)
				MoralJoin(m, lfirst_int(p), lfirst_int(q));
		CHECK_FOR_INTERRUPTS();
	}
	MoralDedupe(m);
	pfree(district);
	pfree(stack);
	return m;
}

/* The start nodes and the nodes of keep reached from them without entering wall. */
bool *
moral_component(const Moral *m, const bool *start, const bool *wall)
{
	bool	   *seen = palloc0(sizeof(bool) * Max(m->n, 1));
	int			head = 0,
				tail = 0,
				i;

	for (i = 0; i < m->n; i++)
		if (start[i])
		{
			seen[i] = true;
			m->queue[tail++] = i;
		}
	while (head < tail)
	{
		ListCell   *c;

		foreach(c, m->nbr[m->queue[head++]])
		{
			int			w = lfirst_int(c);

			if (!seen[w] && !wall[w] && m->keep[w])
			{
				seen[w] = true;
				m->queue[tail++] = w;
			}
		}
	}
	return seen;
}

/* The nodes outside side adjacent to it. */
bool *
moral_neighbours(const Moral *m, const bool *side)
{
	bool	   *nb = palloc0(sizeof(bool) * Max(m->n, 1));
	int			i;

	for (i = 0; i < m->n; i++)
		if (side[i])
		{
			ListCell   *c;

			foreach(c, m->nbr[i])
				if (!side[lfirst_int(c)] && m->keep[lfirst_int(c)])
					nb[lfirst_int(c)] = true;
		}
	return nb;
}

