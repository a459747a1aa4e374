/*
 * pc.c
 *		PC (Spirtes and Glymour 1991; PC-stable of Colombo and Maathuis 2014)
 *		with causal-learn's conventions, so that graphs agree with it exactly.
 *
 * Skeleton: start complete; at depth d = 0, 1, ... while some node has more
 * than d + 1 neighbours, test every adjacent x, y given every d-subset S of
 * the neighbours of x other than y (subsets in lexicographic order); p > alpha
 * removes the edge.  Stable mode removes edges only at the end of each depth
 * and keeps, as the separating set of a pair, the union of all sets that
 * separated it at that depth (from either side); otherwise the first set found
 * removes the edge at once.
 *
 * Unshielded colliders (uc_rule 0): for x - y - z with x, z non-adjacent and y
 * in no separating set of (x, z), orient x --> y <-- z, resolving conflicts by
 * uc_priority: 0 overwrite, 1 make bidirected, 2 keep existing orientations,
 * 3 and 4 orient in order of the largest p-value of x _||_ z over the
 * conditioning sets (subsets of the neighbours of x and of z) with y,
 * ascending, or without y, descending; uc_rule 1 (maxP) decides the colliders
 * themselves by comparing those two p-values.
 * Meek's rules R1-R3 then orient what follows, skipping an orientation that
 * would close a directed cycle.  Triples, triangles and kites are enumerated
 * in causal-learn's order, which decides conflicts.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "core/settings.h"
#include "discovery/pc.h"
#include "graph/meek.h"

/* Index of the sepset of a pair. */
static inline PcSepset *
Sep(PcResult *r, int i, int j)
{
	return i < j ? &r->sep[i * r->g->k + j] : &r->sep[j * r->g->k + i];
}

/* Adds the members of s to the union of the pair's separating sets. */
static void
SepUnion(PcSepset *p, const int *s, int ns, int k)
{
	int			a,
				b;

	if (p->nodes == NULL)
		p->nodes = palloc(sizeof(int) * Max(k, 1));
	for (a = 0; a < ns; a++)
	{
		bool		seen = false;

		for (b = 0; b < p->nnodes && !seen; b++)
			seen = p->nodes[b] == s[a];
		if (!seen)
			p->nodes[p->nnodes++] = s[a];
	}
}

/* Records a separating test of the pair. */
static void
SepRecord(PcSepset *p, const int *s, int ns, double pv, int depth, int k)
{
	SepUnion(p, s, ns, k);
	if (p->first == NULL && !p->removed)
	{
		p->first = palloc(sizeof(int) * Max(ns, 1));
		memcpy(p->first, s, sizeof(int) * ns);
		p->nfirst = ns;
		p->p_value = pv;
		p->depth = depth;
	}
}

/* Next d-subset of n items in lexicographic order; false after the last. */
static bool
NextSubset(int *c, int d, int n)
{
	int			i = d - 1;

	while (i >= 0 && c[i] == n - d + i)
		i--;
	if (i < 0)
		return false;
	c[i]++;
	for (i = i + 1; i < d; i++)
		c[i] = c[i - 1] + 1;
	return true;
}

/* The PC skeleton with separating sets. */
PcResult *
pc_skeleton(int k, PcTestFn test, void *ctx, double alpha, bool stable, int max_depth,
			const Knowledge *kn)
{
	PcResult   *r = palloc0(sizeof(PcResult));
	int		   *nb = palloc(sizeof(int) * k);
	int		   *nbx = palloc(sizeof(int) * k);
	int		   *c = palloc(sizeof(int) * (k + 1));
	int		   *s = palloc(sizeof(int) * (k + 1));
	bool	   *remove = palloc(sizeof(bool) * k * k);
	int			depth = -1,
				i,
				j;

	r->g = graph_new(k);
	r->sep = palloc0(sizeof(PcSepset) * k * k);
	r->kn = kn;
	for (i = 0; i < k; i++)
		for (j = i + 1; j < k; j++)
			graph_set(r->g, i, j, MARK_TAIL, MARK_TAIL);

	while (graph_max_degree(r->g) - 1 > depth)
	{
		int			x;

		if (max_depth >= 0 && depth >= max_depth)
			break;
		depth++;
		memset(remove, 0, sizeof(bool) * k * k);
		for (x = 0; x < k; x++)
		{
			int			nnb = 0,
						yi;

			for (j = 0; j < k; j++)
				if (graph_adjacent(r->g, x, j))
					nb[nnb++] = j;
			if (nnb < depth - 1)
				continue;
			for (yi = 0; yi < nnb; yi++)
			{
				int			y = nb[yi],
							n2 = 0;
				PcSepset   *ps = Sep(r, x, y);

				/* an edge forbidden both ways goes, whatever the tests say */
				if (knowledge_forbidden(kn, x, y) && knowledge_forbidden(kn, y, x))
				{
					if (!stable)
					{
						ps->removed = true;
						graph_remove(r->g, x, y);
						continue;
					}
					remove[x * k + y] = remove[y * k + x] = true;
				}
				for (j = 0; j < nnb; j++)
					if (j != yi)
						nbx[n2++] = nb[j];
				if (n2 < depth)
					continue;
				for (i = 0; i < depth; i++)
					c[i] = i;
				do
				{
					double		p;

					CHECK_FOR_INTERRUPTS();
					for (i = 0; i < depth; i++)
						s[i] = nbx[c[i]];
					p = test(ctx, x, y, s, depth);
					r->ntests++;
					if (p > alpha)
					{
						if (!stable)
						{
							SepRecord(ps, s, depth, p, depth, k);
							ps->removed = true;
							graph_remove(r->g, x, y);
							break;
						}
						SepRecord(ps, s, depth, p, depth, k);
						remove[x * k + y] = remove[y * k + x] = true;
					}
				} while (depth > 0 && NextSubset(c, depth, n2));
			}
		}
		if (stable)
			for (i = 0; i < k; i++)
				for (j = i + 1; j < k; j++)
					if (remove[i * k + j])
					{
						graph_remove(r->g, i, j);
						Sep(r, i, j)->removed = true;
					}
		if (causal_progress)
			ereport(NOTICE,
					(errmsg("PC: depth %d done, " INT64_FORMAT " tests so far", depth, r->ntests)));
	}
	return r;
}

typedef struct RankedTriple
{
	int			x,
				y,
				z,
				order;
	double		p;
} RankedTriple;

static bool rank_descending;

static int
CmpRanked(const void *a, const void *b)
{
	const RankedTriple *u = a,
			   *v = b;

	if (u->p != v->p)
		return (u->p < v->p) == !rank_descending ? -1 : 1;
	return u->order - v->order;
}

/*
 * Largest p-value of x _||_ z | S over the subsets S of the neighbours of x
 * and of the neighbours of z that contain y (with_y) or do not.
 */
static double
MaxPOverSets(const Graph *g, PcTestFn test, void *ctx, int x, int z, int y, bool with_y)
{
	int			ends[2] = {x, z},
				e,
				nnb,
				i;
	int		   *nb = palloc(sizeof(int) * g->k);
	int		   *s = palloc(sizeof(int) * g->k);
	double		best = -1.0;

	for (e = 0; e < 2; e++)
	{
		uint32		mask;

		nnb = 0;
		for (i = 0; i < g->k; i++)
			if (graph_adjacent(g, ends[e], i))
				nb[nnb++] = i;
		if (nnb > 16)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("uc_priority 3 and 4 and maxP test every subset of a node's neighbours; node %d has %d",
							ends[e] + 1, nnb),
					 errhint("Use uc_priority 2, or a smaller alpha for a sparser skeleton.")));
		for (mask = 0; mask < ((uint32) 1 << nnb); mask++)
		{
			int			ns = 0;
			bool		has_y = false;
			double		p;

			for (i = 0; i < nnb; i++)
				if (mask & ((uint32) 1 << i))
				{
					s[ns++] = nb[i];
					if (nb[i] == y)
						has_y = true;
				}
			if (has_y != with_y)
				continue;
			CHECK_FOR_INTERRUPTS();
			p = test(ctx, x, z, s, ns);
			best = Max(best, p);
		}
	}
	pfree(nb);
	pfree(s);
	return best;
}

/* Whether the knowledge rules out the collider x --> y <-- z. */
static bool
KnowledgeBlocks(const Knowledge *kn, int x, int y, int z)
{
	return knowledge_forbidden(kn, x, y) || knowledge_forbidden(kn, z, y) ||
		knowledge_required(kn, y, x) || knowledge_required(kn, y, z);
}

/*
 * The unshielded triples x - y - z of a copy of the graph (the skeleton the
 * collider rules read while they orient the graph), and the candidate
 * colliders ranked among them.
 */
typedef struct Candidates
{
	Graph	   *skel;
	int		   *ut;
	int			nut;
	RankedTriple *rt;
	int			nr;
} Candidates;

static void
CandidatesInit(Candidates *c, Graph *g)
{
	c->skel = graph_copy(g);
	c->nut = graph_triples(c->skel, false, &c->ut);
	c->rt = palloc(sizeof(RankedTriple) * Max(c->nut, 1));
	c->nr = 0;
}

/* Appends a candidate collider with its ranking p-value. */
static void
AddRanked(Candidates *c, int x, int y, int z, double p)
{
	RankedTriple *r = &c->rt[c->nr];

	r->x = x;
	r->y = y;
	r->z = z;
	r->order = c->nr;
	r->p = p;
	c->nr++;
}

/* Orients x --> y <-- z unless y --> x or y --> z is already oriented. */
static void
OrientRanked(Graph *g, RankedTriple *rt, int n, bool descending, const Knowledge *kn)
{
	int			t;

	rank_descending = descending;
	qsort(rt, n, sizeof(RankedTriple), CmpRanked);
	for (t = 0; t < n; t++)
		if (!KnowledgeBlocks(kn, rt[t].x, rt[t].y, rt[t].z) &&
			!graph_directed(g, rt[t].y, rt[t].x) && !graph_directed(g, rt[t].y, rt[t].z))
		{
			graph_set(g, rt[t].x, rt[t].y, MARK_TAIL, MARK_ARROW);
			graph_set(g, rt[t].z, rt[t].y, MARK_TAIL, MARK_ARROW);
		}
}

/* Applies priorities 0-2 to one collider x --> y <-- z. */
static void
OrientCollider(Graph *g, int x, int y, int z, int priority)
{
	if (priority == 0)
	{
		graph_set(g, x, y, MARK_TAIL, MARK_ARROW);
		graph_set(g, z, y, MARK_TAIL, MARK_ARROW);
	}
	else if (priority == 1)
	{
		int			ends[2] = {x, z},
					e;

		for (e = 0; e < 2; e++)
		{
			int			w = ends[e];

			if (graph_undirected(g, w, y))
				graph_set(g, w, y, MARK_TAIL, MARK_ARROW);
			else if (graph_directed(g, y, w))
				graph_set(g, w, y, MARK_ARROW, MARK_ARROW);
		}
	}
	else if (!graph_directed(g, y, x) && !graph_directed(g, y, z))
	{
		graph_set(g, x, y, MARK_TAIL, MARK_ARROW);
		graph_set(g, z, y, MARK_TAIL, MARK_ARROW);
	}
}

/*
 * Orients unshielded colliders by maxP (uc_rule 1, Ramsey 2016): x - y - z is
 * a collider when the largest p-value of x _||_ z over conditioning sets
 * without y exceeds the largest over sets with y.  Priorities 3 and 4 rank
 * the colliders by those p-values (with y ascending, without y descending).
 */
void
pc_orient_maxp(PcResult *r, int priority, PcTestFn test, void *ctx)
{
	Graph	   *g = r->g;
	Candidates	c;

	CandidatesInit(&c, g);
	for (int t = 0; t < c.nut; t++)
	{
		int			x = c.ut[3 * t],
					y = c.ut[3 * t + 1],
					z = c.ut[3 * t + 2];
		double		p_with,
					p_without;

		if (!(x < z) || KnowledgeBlocks(r->kn, x, y, z))
			continue;
		p_with = MaxPOverSets(c.skel, test, ctx, x, z, y, true);
		p_without = MaxPOverSets(c.skel, test, ctx, x, z, y, false);
		if (!(p_without > p_with))
			continue;
		if (priority <= 2)
			OrientCollider(g, x, y, z, priority);
		else
			AddRanked(&c, x, y, z, priority == 3 ? p_with : p_without);
	}
	if (priority > 2)
		OrientRanked(g, c.rt, c.nr, priority == 4, r->kn);
}

/*
 * Definite maxP (uc_rule 2): a triple is a definite collider when no
 * conditioning set with y separates x and z (at alpha) and, if some set without
 * y does, or the largest p-value without y exceeds the largest with y; it is a
 * definite non-collider when no set without y separates them but one with y
 * does (or the p-values say so).  Colliders are oriented by priority (2 in the
 * order found, 3 ascending p with y, 4 descending p without y); then Meek's
 * rules run over the definite triples only (graph_definite_meek), then over all.
 */
void
pc_orient_definite_maxp(PcResult *r, int priority, double alpha, PcTestFn test, void *ctx)
{
	Graph	   *g = r->g;
	Candidates	c;
	RankedTriple *rt;
	int			t;

	CandidatesInit(&c, g);
	r->def_uc = palloc(sizeof(int) * 3 * Max(c.nut, 1));
	r->def_nonuc = palloc(sizeof(int) * 3 * Max(c.nut, 1));
	r->n_def_uc = r->n_def_nonuc = 0;
	for (t = 0; t < c.nut; t++)
	{
		int			x = c.ut[3 * t],
					y = c.ut[3 * t + 1],
					z = c.ut[3 * t + 2];
		double		p_with,
					p_without;
		bool		uc,
					nuc;

		if (!(x < z))
			continue;
		/* largest p-values; a set separates when its p-value exceeds alpha */
		p_with = MaxPOverSets(c.skel, test, ctx, x, z, y, true);
		p_without = MaxPOverSets(c.skel, test, ctx, x, z, y, false);
		uc = !(p_with > alpha);		/* no set with y separates */
		nuc = !(p_without > alpha); /* no set without y separates */
		if (uc && (!nuc || p_without > p_with))
			AddRanked(&c, x, y, z, priority == 4 ? p_without : Max(p_with, 0.0));
		else if (nuc)
		{
			int			q = r->n_def_nonuc++;

			r->def_nonuc[3 * q] = x;
			r->def_nonuc[3 * q + 1] = y;
			r->def_nonuc[3 * q + 2] = z;
		}
	}
	rank_descending = priority == 4;
	rt = c.rt;
	if (priority != 2)
		qsort(rt, c.nr, sizeof(RankedTriple), CmpRanked);
	for (t = 0; t < c.nr; t++)
	{
		if (KnowledgeBlocks(r->kn, rt[t].x, rt[t].y, rt[t].z) ||
			graph_directed(g, rt[t].y, rt[t].x) || graph_directed(g, rt[t].y, rt[t].z))
			continue;
		graph_set(g, rt[t].x, rt[t].y, MARK_TAIL, MARK_ARROW);
		graph_set(g, rt[t].z, rt[t].y, MARK_TAIL, MARK_ARROW);
		{
			int			q = r->n_def_uc++;

			r->def_uc[3 * q] = rt[t].x;
			r->def_uc[3 * q + 1] = rt[t].y;
			r->def_uc[3 * q + 2] = rt[t].z;
		}
	}
}

/* Orients unshielded colliders from the separating sets (uc_rule 0). */
void
pc_orient_colliders(PcResult *r, int priority, PcTestFn test, void *ctx)
{
	Graph	   *g = r->g;
	Candidates	c;

	CandidatesInit(&c, g);
	for (int t = 0; t < c.nut; t++)
	{
		int			x = c.ut[3 * t],
					y = c.ut[3 * t + 1],
					z = c.ut[3 * t + 2],
					a;
		PcSepset   *ps;
		bool		in_sep = false;

		if (!(x < z) || KnowledgeBlocks(r->kn, x, y, z))
			continue;
		ps = Sep(r, x, z);
		for (a = 0; a < ps->nnodes; a++)
			if (ps->nodes[a] == y)
				in_sep = true;
		if (in_sep)
			continue;
		if (priority <= 2)
			OrientCollider(g, x, y, z, priority);
		else
		{
			/* 3: weakest evidence for separation by y first; 4: strongest without y first */
			AddRanked(&c, x, y, z, MaxPOverSets(c.skel, test, ctx, x, z, y, priority == 3));
		}
	}
	if (priority > 2)
		OrientRanked(g, c.rt, c.nr, priority == 4, r->kn);
}

/* Whether two sorted sets of size n are equal. */
static bool
SameSet(const int *a, const int *b, int n)
{
	for (int i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

void
pc_orient_conservative(PcResult *r, int priority, bool majority, double alpha, PcTestFn test, void *ctx)
{
	Graph	   *g = r->g;
	Graph	   *orig = graph_copy(g);
	int			k = g->k;
	int		   *ut,
			   *nb = palloc(sizeof(int) * k),
			   *c = palloc(sizeof(int) * (k + 1)),
			   *s = palloc(sizeof(int) * (k + 1));
	int			nut = graph_triples(orig, false, &ut);

	r->ambiguous = palloc(sizeof(int) * 3 * Max(nut, 1));
	r->n_ambiguous = 0;
	for (int t = 0; t < nut; t++)
	{
		int			x = ut[3 * t],
					y = ut[3 * t + 1],
					z = ut[3 * t + 2],
					nsep = 0,
					nin = 0,
					cap = 16;
		int		   *found = palloc(sizeof(int) * (k + 1) * cap);	/* distinct separating sets: size, members */

		if (!(x < z) || KnowledgeBlocks(r->kn, x, y, z))
			continue;
		CHECK_FOR_INTERRUPTS();
		/* every subset of the neighbours of x (without z), then of z (without x) */
		for (int end = 0; end < 2; end++)
		{
			int			a = end == 0 ? x : z,
						other = end == 0 ? z : x,
						m = 0;

			for (int v = 0; v < k; v++)
				if (v != other && graph_adjacent(orig, a, v))
					nb[m++] = v;
			for (int d = 0; d <= m; d++)
			{
				for (int i = 0; i < d; i++)
					c[i] = i;
				do
				{
					bool		dup = false;

					for (int i = 0; i < d; i++)
						s[i] = nb[c[i]];
					/* a set already seen from the other end is not counted twice */
					for (int f = 0; f < nsep && !dup; f++)
						dup = found[f * (k + 1)] == d && SameSet(found + f * (k + 1) + 1, s, d);
					if (dup)
						continue;
					r->ntests++;
					if (test(ctx, x, z, s, d) > alpha)
					{
						bool		has = false;

						if (nsep == cap)
						{
							cap *= 2;
							found = repalloc(found, sizeof(int) * (k + 1) * cap);
						}
						found[nsep * (k + 1)] = d;
						memcpy(found + nsep * (k + 1) + 1, s, sizeof(int) * d);
						nsep++;
						for (int i = 0; i < d; i++)
							has |= s[i] == y;
						nin += has;
					}
				} while (d > 0 && NextSubset(c, d, m));
			}
		}
		pfree(found);
		if (nsep > 0 && (majority ? 2 * nin < nsep : nin == 0))
			OrientCollider(g, x, y, z, priority);
		else if (!(nsep > 0 && (majority ? 2 * nin > nsep : nin == nsep)))
		{
			r->ambiguous[3 * r->n_ambiguous] = x;
			r->ambiguous[3 * r->n_ambiguous + 1] = y;
			r->ambiguous[3 * r->n_ambiguous + 2] = z;
			r->n_ambiguous++;
		}
	}
}
