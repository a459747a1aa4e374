/*
 * frontdoor.c
 *		Front-door sets (Pearl 1995; Causality, Def. 3.3.3) in DAGs and
 *		ADMGs.
 *
 * Z satisfies the front-door criterion for (X, Y) when
 *   (i)   Z intercepts every directed path from X to Y (and one exists);
 *   (ii)  no back-door path from X to a node of Z is open: Z is separated
 *         from X in the graph without the edges out of X;
 *   (iii) X blocks every back-door path from each z of Z to Y: Y is
 *         separated from z given X in the graph without the edges out of z.
 * Conditions (ii) and (iii) are read per node, as in Pearl's statement and
 * pgmpy's check (Jeong, Tian and Bareinboim 2022 read (iii) for the set in
 * the graph without the edges out of all of Z, which admits some sets this
 * reading refuses, so every set found here is front-door under both).  Per
 * node they make the admissible nodes one set A, and (i) holds for every
 * superset of a set that has it: a front-door set exists exactly when the
 * admissible nodes on causal paths (the mediators) intercept every directed
 * path, and every inclusion-minimal front-door set lies among them; one is
 * found by dropping mediators while (i) still holds.  Two separation walks
 * per candidate: O(m (n + e)) for m mediators.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "graph/adjustment.h"

/* Whether every directed path from X to Y meets z (false when none exists). */
static bool
Intercepts(const Adjustment *a, const bool *z)
{
	bool	   *reach = sep_closure(a->g, a->x, REACH_CHILDREN, z);
	bool		open = sep_intersects(a->g, reach, a->y);

	pfree(reach);
	return !open;
}

/* Whether some directed path leads from X to Y. */
static bool
Reaches(const Adjustment *a)
{
	bool	   *none = sep_set_new(a->g);
	bool		r = !Intercepts(a, none);

	pfree(none);
	return r;
}

/* The nodes a back-door path from X reaches: (ii) fails for them. */
static bool *
BackdoorFromX(const Adjustment *a)
{
	const MixedGraph *g = a->g;
	bool	   *none = sep_set_new(g),
			   *all = sep_set_new(g),
			   *conn;

	memset(all, true, sizeof(bool) * g->n);
	conn = sep_connected(g, a->x, none, a->x, all);
	pfree(none);
	pfree(all);
	return conn;
}

/* Condition (iii) for node z: X blocks every back-door path from z to Y. */
static bool
BlockedToY(const Adjustment *a, int z)
{
	const MixedGraph *g = a->g;
	bool	   *start = sep_set_new(g),
			   *all = sep_set_new(g),
			   *conn;
	bool		blocked;

	start[z] = true;
	memset(all, true, sizeof(bool) * g->n);
	conn = sep_connected(g, start, a->x, start, all);
	blocked = !sep_intersects(g, conn, a->y);
	pfree(start);
	pfree(all);
	pfree(conn);
	return blocked;
}

static void
RequireDagOrAdmg(const Adjustment *a, const char *fn)
{
	if (a->kind != GRAPH_DAG && a->kind != GRAPH_ADMG)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s: front-door sets are defined here for DAGs and ADMGs, not CPDAGs", fn),
				 errhint("Orient the CPDAG into a DAG of its class, or use the back-door sets.")));
}

bool
frontdoor_valid(const Adjustment *a, const bool *z, const char *fn)
{
	bool	   *bd;
	bool		ok;
	int			i;

	RequireDagOrAdmg(a, fn);
	if (!Reaches(a) || !Intercepts(a, z))
		return false;
	bd = BackdoorFromX(a);
	ok = !sep_intersects(a->g, bd, z);
	pfree(bd);
	for (i = 0; i < a->g->n && ok; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (z[i])
			ok = BlockedToY(a, i);
	}
	return ok;
}

bool *
frontdoor_mediators(const Adjustment *a, const char *fn, const char **reason)
{
	const MixedGraph *g = a->g;
	bool	   *m = sep_set_new(g),
			   *bd;
	int			i,
				excluded = -1;

	RequireDagOrAdmg(a, fn);
	if (!Reaches(a))
	{
		*reason = "no front-door set: no directed path leads from the treatment to the outcome";
		pfree(m);
		return NULL;
	}
	bd = BackdoorFromX(a);
	for (i = 0; i < g->n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (!a->cn[i] || a->y[i] || a->x[i])
			continue;
		if (!bd[i] && BlockedToY(a, i))
			m[i] = true;
		else if (excluded < 0)
			excluded = i;
	}
	pfree(bd);
	if (!Intercepts(a, m))
	{
		*reason = excluded >= 0
			? psprintf("no front-door set: the mediators that qualify do not intercept every causal "
					   "path (\"%s\" has an open back-door path from the treatment or to the outcome)",
					   g->names[excluded])
			: "no front-door set: a directed edge joins the treatment to the outcome";
		pfree(m);
		return NULL;
	}
	*reason = NULL;
	return m;
}

bool *
frontdoor_minimal(const Adjustment *a, const bool *mediators)
{
	const MixedGraph *g = a->g;
	bool	   *z = palloc(sizeof(bool) * Max(g->n, 1));
	int			i;

	memcpy(z, mediators, sizeof(bool) * g->n);
	for (i = 0; i < g->n; i++)
		if (z[i])
		{
			z[i] = false;
			if (!Intercepts(a, z))
				z[i] = true;
		}
	return z;
}
