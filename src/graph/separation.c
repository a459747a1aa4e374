/*
 * separation.c
 *		Closures along edges and d-/m-connection as reachability over walks.
 *
 * d-separation is decided by a breadth-first search over (node, how the
 * walk entered it) states, the "Bayes-ball" reachability of Shachter (1998)
 * in the walk form of Koller and Friedman (2009, Thm 3.3 and Alg. 3.1):
 * X and Y are d-connected given Z exactly when some walk from X to Y has
 * every collider in Z and every other node outside Z.  The same rule read
 * with arrowheads instead of parents is m-connection in ADMGs (Richardson
 * 2003); in CPDAGs only walks whose nodes have a definite status count
 * (Perković et al. 2018, Def. 3.5), which gives the same answer as
 * d-separation in any DAG of the class.  Each state is visited once:
 * O(nodes + edges).  Written here because no library of the field is
 * packaged for C.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "graph/separation.h"

/* An empty node set. */
bool *
sep_set_new(const MixedGraph *g)
{
	return palloc0(sizeof(bool) * Max(g->n, 1));
}

/* Whether two node sets share a node. */
bool
sep_intersects(const MixedGraph *g, const bool *a, const bool *b)
{
	int			i;

	for (i = 0; i < g->n; i++)
		if (a[i] && b[i])
			return true;
	return false;
}

static bool
Follows(const Adjacent *e, Reach how)
{
	bool		directed_in = e->mark_here == MARK_ARROW && e->mark_there == MARK_TAIL;
	bool		directed_out = e->mark_here == MARK_TAIL && e->mark_there == MARK_ARROW;
	bool		undirected = e->mark_here == MARK_TAIL && e->mark_there == MARK_TAIL;

	switch (how)
	{
		case REACH_PARENTS:
			return directed_in;
		case REACH_CHILDREN:
			return directed_out;
		case REACH_POSSIBLE_PARENTS:
			return directed_in || undirected;
		case REACH_POSSIBLE_CHILDREN:
			return directed_out || undirected;
	}
	return false;
}

/* Breadth-first closure from start along the edges how names. */
bool *
sep_closure(const MixedGraph *g, const bool *start, Reach how, const bool *avoid)
{
	bool	   *seen = sep_set_new(g);
	int		   *queue = palloc(sizeof(int) * Max(g->n, 1));
	int			head = 0,
				tail = 0,
				i;

	for (i = 0; i < g->n; i++)
		if (start[i])
		{
			seen[i] = true;
			queue[tail++] = i;
		}
	while (head < tail)
	{
		int			v = queue[head++],
					k;

		for (k = g->start[v]; k < g->start[v + 1]; k++)
		{
			const Adjacent *e = &g->adj[k];

			if (seen[e->node] || (avoid && avoid[e->node]) || !Follows(e, how))
				continue;
			seen[e->node] = true;
			queue[tail++] = e->node;
		}
		if ((head & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	pfree(queue);
	return seen;
}

/* How a walk entered a node. */
enum
{
	ENTER_START = 0,			/* the walk starts here */
	ENTER_ARROW = 1,			/* through an arrowhead at the node */
	ENTER_TAIL = 2,				/* through a tail of a directed edge */
	ENTER_UNDIRECTED = 3,		/* through an undirected edge */
	ENTER_KINDS = 4
};

bool *
sep_connected(const MixedGraph *g, const bool *start, const bool *given,
			  const bool *cut_from, const bool *cut_to)
{
	bool	   *reached = sep_set_new(g);
	bool	   *seen = palloc0(sizeof(bool) * Max(g->n, 1) * ENTER_KINDS);
	int		   *queue = palloc(sizeof(int) * Max(g->n, 1) * ENTER_KINDS);
	int			head = 0,
				tail = 0,
				i;

	for (i = 0; i < g->n; i++)
		if (start[i])
		{
			seen[i * ENTER_KINDS + ENTER_START] = true;
			queue[tail++] = i * ENTER_KINDS + ENTER_START;
			reached[i] = true;
		}
	while (head < tail)
	{
		int			state = queue[head++],
					v = state / ENTER_KINDS,
					how = state % ENTER_KINDS,
					k;

		for (k = g->start[v]; k < g->start[v + 1]; k++)
		{
			const Adjacent *e = &g->adj[k];
			bool		undirected = e->mark_here == MARK_TAIL && e->mark_there == MARK_TAIL;
			bool		collider = how == ENTER_ARROW && e->mark_here == MARK_ARROW;
			int			next;

			if (cut_from && cut_from[v] && cut_to[e->node] &&
				e->mark_here == MARK_TAIL && e->mark_there == MARK_ARROW)
				continue;
			/* definite status only: --> v --- and --- v <-- have none */
			if ((how == ENTER_ARROW && undirected) ||
				(how == ENTER_UNDIRECTED && e->mark_here == MARK_ARROW))
				continue;
			if (collider ? !given[v] : given[v])
				continue;
			next = e->node * ENTER_KINDS +
				(e->mark_there == MARK_ARROW ? ENTER_ARROW :
				 undirected ? ENTER_UNDIRECTED : ENTER_TAIL);
			if (seen[next])
				continue;
			seen[next] = true;
			queue[tail++] = next;
			reached[e->node] = true;
		}
		if ((head & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	pfree(seen);
	pfree(queue);
	return reached;
}
