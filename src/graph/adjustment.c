/*
 * adjustment.c
 *		The generalized adjustment criterion and the canonical and optimal
 *		adjustment sets.
 *
 * Perković, Textor, Kalisch and Maathuis (2018, JMLR 18:220), "Complete
 * graphical characterization and construction of adjustment sets in Markov
 * equivalence classes of ancestral graphs": Z is an adjustment set for
 * (X, Y) in a DAG, ADMG or CPDAG G exactly when
 *   (a) G is adjustment amenable: no proper possibly causal path from X to
 *       Y starts with an undirected edge (always true in DAGs and ADMGs);
 *   (b) Z has no node of Forb(X, Y) = X and the possible descendants of the
 *       nodes cn(X, Y) other than X on proper possibly causal paths to Y;
 *   (c) Z blocks every proper definite-status non-causal path from X to Y,
 *       that is, Z separates X and Y once the first edges X --> cn of the
 *       proper causal paths are removed (the proper back-door graph; van der
 *       Zander, Liśkiewicz and Textor 2019, Thm 4.6).
 * The canonical set Adjust(X, Y) = PossAn(X u Y) \ (X u Y u Forb) is an
 * adjustment set whenever any is (Perković et al., Thm 4.12 / van der
 * Zander et al., Thm 4.7).  The optimal set O(X, Y) = pa(cn) \ Forb of
 * Henckel, Perković and Maathuis (2022, JRSS-B 84:579) has the smallest
 * asymptotic variance among adjustment sets for linear models, in DAGs and
 * in CPDAGs.  It is defined when Y is a (possible) descendant of X; for an
 * outcome X cannot reach, the caller is told so.
 */
#include "postgres.h"

#include "core/sql_args.h"
#include "graph/adjustment.h"

static void
UnsupportedKind(const MixedGraph *g, GraphKind kind, const char *fn)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: the graph mixes undirected (---) and bidirected (<->) edges", fn),
			 errhint("Pass a DAG, an ADMG (--> and <->), a CPDAG (--> and ---) or a PAG (with circle marks).")));
}

/*
 * Whether the edge a --> b of a PAG read with circles as tails is visible
 * (Zhang 2008, Def. 3.1, as dagitty's isEdgeVisible): some c not adjacent
 * to b has an arrowhead into a, or into a node of a's district among b and
 * b's parents (a collider path into a through parents of b).  A visible edge
 * has no latent confounder behind it in any MAG of the class.
 */
static bool
EdgeVisible(const MixedGraph *g, int a, int b)
{
	bool	   *adj_b = sep_set_new(g),
			   *in_p = sep_set_new(g),
			   *dist = sep_set_new(g);
	int		   *queue = palloc(sizeof(int) * Max(g->n, 1));
	int			head = 0,
				tail = 0,
				k;
	bool		visible = false;

	for (k = g->start[b]; k < g->start[b + 1]; k++)
	{
		adj_b[g->adj[k].node] = true;
		/* parents of b: c --> b */
		if (g->adj[k].mark_here == MARK_ARROW && g->adj[k].mark_there == MARK_TAIL)
			in_p[g->adj[k].node] = true;
	}
	in_p[b] = true;
	/* a's district within b and its parents, through <-> */
	dist[a] = true;
	queue[tail++] = a;
	while (head < tail)
	{
		int			v = queue[head++];

		for (k = g->start[v]; k < g->start[v + 1]; k++)
		{
			const Adjacent *e = &g->adj[k];

			if (e->mark_here == MARK_ARROW && e->mark_there == MARK_ARROW && in_p[e->node] && !dist[e->node])
			{
				dist[e->node] = true;
				queue[tail++] = e->node;
			}
		}
	}
	/* an arrowhead into the district (a --> or <-> from outside it) from a node not adjacent to b */
	for (head = 0; head < tail && !visible; head++)
	{
		int			v = queue[head];

		for (k = g->start[v]; k < g->start[v + 1]; k++)
		{
			const Adjacent *e = &g->adj[k];
			bool		parent = e->mark_here == MARK_ARROW && e->mark_there == MARK_TAIL,
						spouse = e->mark_here == MARK_ARROW && e->mark_there == MARK_ARROW && !dist[e->node];

			if ((parent || spouse) && e->node != b && !adj_b[e->node])
			{
				visible = true;
				break;
			}
		}
	}
	pfree(adj_b);
	pfree(in_p);
	pfree(dist);
	pfree(queue);
	return visible;
}

Adjustment *
adjustment_new(const MixedGraph *g, const bool *x, const bool *y, const char *fn)
{
	Adjustment *a = palloc0(sizeof(Adjustment));
	bool	   *an_x,
			   *des,
			   *anc;
	int			on_cycle,
				i,
				k;
	const MixedGraph *pag = NULL;

	a->kind = mixed_kind(g);
	if (a->kind == GRAPH_MIXED)
		UnsupportedKind(g, a->kind, fn);
	if (a->kind == GRAPH_PAG)
	{
		pag = g;
		g = mixed_circles_as_tails(g);
	}
	a->g = g;
	a->pag = pag;
	if (mixed_directed_cycle(g, &on_cycle))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the graph has a directed cycle through \"%s\"", fn,
						g->names[on_cycle]),
				 errhint("Adjustment needs an acyclic graph (a DAG, ADMG or CPDAG).")));
	a->x = palloc(sizeof(bool) * Max(g->n, 1));
	a->y = palloc(sizeof(bool) * Max(g->n, 1));
	memcpy(a->x, x, sizeof(bool) * g->n);
	memcpy(a->y, y, sizeof(bool) * g->n);

	an_x = sep_closure(g, x, REACH_PARENTS, NULL);
	for (i = 0; i < g->n; i++)
		if (y[i] && an_x[i])
			ereport_user(
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: outcome \"%s\" is an ancestor of the treatment", fn, g->names[i]),
					 errhint("The treatment cannot affect its own cause; swap treatment and outcome?")));

	des = sep_closure(g, x, REACH_POSSIBLE_CHILDREN, x);
	anc = sep_closure(g, y, REACH_POSSIBLE_PARENTS, x);
	a->cn = sep_set_new(g);
	for (i = 0; i < g->n; i++)
		a->cn[i] = des[i] && anc[i] && !x[i];
	a->forb = sep_closure(g, a->cn, REACH_POSSIBLE_CHILDREN, NULL);
	for (i = 0; i < g->n; i++)
		a->forb[i] = a->forb[i] || x[i];

	/*
	 * amenable: no x --- w with w reaching Y by a possibly directed path;
	 * in a PAG also every x --> w (x o-> w) starting such a path visible
	 */
	a->amenable = true;
	a->blocker_x = a->blocker_w = -1;
	a->blocker_invisible = false;
	for (i = 0; i < g->n && a->amenable; i++)
		if (x[i])
			for (k = g->start[i]; k < g->start[i + 1]; k++)
			{
				const Adjacent *e = &g->adj[k];
				bool		undirected = e->mark_here == MARK_TAIL && e->mark_there == MARK_TAIL,
							out = e->mark_here == MARK_TAIL && e->mark_there == MARK_ARROW;

				if (x[e->node] || !anc[e->node])
					continue;
				/*
				 * x o-> w is no edge out of x (it may be x <-> w in a MAG of
				 * the class): never visible.  The adjacency of the converted
				 * graph is in the order of the PAG's.
				 */
				if (undirected ||
					(out && pag != NULL &&
					 (pag->adj[k].mark_here == MARK_CIRCLE || !EdgeVisible(g, i, e->node))))
				{
					a->amenable = false;
					a->blocker_x = i;
					a->blocker_w = e->node;
					a->blocker_invisible = !undirected;
					break;
				}
			}
	pfree(an_x);
	pfree(des);
	pfree(anc);
	return a;
}

bool
adjustment_valid(const Adjustment *a, const bool *z)
{
	bool	   *conn;
	bool		open;

	if (!a->amenable || sep_intersects(a->g, z, a->forb))
		return false;
	conn = sep_connected(a->g, a->x, z, a->x, a->cn);
	open = sep_intersects(a->g, conn, a->y);
	pfree(conn);
	return !open;
}

/* Why no adjustment set exists, in words. */
static const char *
NoSetReason(const Adjustment *a)
{
	const MixedGraph *g = a->g;
	int			i,
				k;

	if (!a->amenable && a->blocker_invisible)
		return psprintf("not identifiable by adjustment: the PAG is not adjustment amenable "
						"(the edge from %s to %s starts a possibly causal path to the outcome and "
						"is not a visible directed edge: a latent confounder of the two cannot be "
						"ruled out)", g->names[a->blocker_x], g->names[a->blocker_w]);
	if (!a->amenable)
		return psprintf("not identifiable by adjustment: the %s is not adjustment amenable "
						"(the edge %s --- %s%s starts a possibly causal path to the "
						"outcome, so the effect differs between the graphs of the class)",
						a->kind == GRAPH_PAG ? "PAG" : "CPDAG",
						g->names[a->blocker_x], g->names[a->blocker_w],
						a->kind == GRAPH_PAG ? " (a circle mark in the PAG)" : "");
	for (i = 0; i < g->n; i++)
		if (a->x[i])
			for (k = g->start[i]; k < g->start[i + 1]; k++)
				if (g->adj[k].mark_here == MARK_ARROW && g->adj[k].mark_there == MARK_ARROW &&
					(a->y[g->adj[k].node] || a->cn[g->adj[k].node]))
					return psprintf("not identifiable by adjustment: a latent confounder "
									"(%s <-> %s) joins the treatment to %s",
									g->names[i], g->names[g->adj[k].node],
									a->y[g->adj[k].node] ? "the outcome" :
									"a node on a causal path to the outcome");
	return "not identifiable by adjustment: no set of observed nodes blocks every non-causal "
		"path (the canonical set Adjust(X,Y) leaves one open)";
}

bool *
adjustment_canonical(const Adjustment *a, const char **reason)
{
	const MixedGraph *g = a->g;
	bool	   *xy = sep_set_new(g),
			   *z;
	int			i;

	*reason = NULL;
	if (!a->amenable)
	{
		*reason = NoSetReason(a);
		return NULL;
	}
	for (i = 0; i < g->n; i++)
		xy[i] = a->x[i] || a->y[i];
	z = sep_closure(g, xy, REACH_POSSIBLE_PARENTS, NULL);
	for (i = 0; i < g->n; i++)
		z[i] = z[i] && !xy[i] && !a->forb[i];
	pfree(xy);
	if (!adjustment_valid(a, z))
	{
		*reason = NoSetReason(a);
		pfree(z);
		return NULL;
	}
	return z;
}

bool *
adjustment_optimal(const Adjustment *a, const char **reason)
{
	const MixedGraph *g = a->g;
	bool	   *canonical,
			   *o;
	int			i,
				k;

	if (a->kind == GRAPH_ADMG || a->kind == GRAPH_PAG)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("the optimal adjustment set is defined for DAGs and CPDAGs, "
						"not for graphs with latent confounding (<->, PAGs)"),
				 errhint("Ask for the canonical or the minimal sets.")));
	canonical = adjustment_canonical(a, reason);
	if (canonical == NULL)
		return NULL;
	pfree(canonical);
	o = sep_set_new(g);
	for (i = 0; i < g->n; i++)
		if (a->y[i] && !a->cn[i])
		{
			*reason = psprintf("the optimal set is defined when the outcome is a possible "
							   "descendant of the treatment, and \"%s\" is not (the total "
							   "effect is zero); use the canonical or the minimal sets",
							   g->names[i]);
			return NULL;
		}
	for (i = 0; i < g->n; i++)
		if (a->cn[i])
			for (k = g->start[i]; k < g->start[i + 1]; k++)
				if (g->adj[k].mark_here == MARK_ARROW && g->adj[k].mark_there == MARK_TAIL &&
					!a->forb[g->adj[k].node])
					o[g->adj[k].node] = true;
	if (!adjustment_valid(a, o))
		elog(ERROR, "the optimal adjustment set is not an adjustment set");
	return o;
}
