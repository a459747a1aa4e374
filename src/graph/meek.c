/*
 * meek.c
 *		Meek's (1995) orientation rules on a partially directed graph, with
 *		causal-learn's enumeration of triples, triangles and kites (which
 *		decides conflicts between rules), background knowledge, and an
 *		orientation skipped when it would close a directed cycle:
 *
 *		R1  i --> j --- k, i and k non-adjacent: j --> k;
 *		R2  i --> j --> k and i --- k: i --> k;
 *		R3  i --- j --> l, i --- k --> l, j and k non-adjacent, i --- l: i --> l.
 *
 * Used by PC (and its conservative, majority and definite-maxP variants) and
 * by GES to complete a pattern.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "graph/meek.h"

/*
 * The adjacencies as causal-learn lists them: (j, i) for every mark(i, j) =
 * tail in row-major order, then (j, i) for every mark(i, j) = arrowhead.
 */
static int
AdjList(const Graph *g, int *adj)
{
	int			n = 0,
				i,
				j,
				pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < g->k; i++)
			for (j = 0; j < g->k; j++)
				if (GMARK(g, i, j) == (pass == 0 ? MARK_TAIL : MARK_ARROW))
				{
					adj[2 * n] = j;
					adj[2 * n + 1] = i;
					n++;
				}
	return n;
}

/*
 * Paths i - j - k (i != k) over the adjacency list in causal-learn's order,
 * with i and k non-adjacent (unshielded triples) or adjacent (triangles, each
 * orientation); returns their count.
 */
int
graph_triples(const Graph *g, bool shielded, int **out)
{
	int		   *adj = palloc(sizeof(int) * 2 * g->k * g->k);
	int			n = AdjList(g, adj),
				a,
				b,
				cnt = 0,
				cap = 64;
	int		   *t = palloc(sizeof(int) * 3 * cap);

	for (a = 0; a < n; a++)
		for (b = 0; b < n; b++)
		{
			if (a == b || adj[2 * a + 1] != adj[2 * b] || adj[2 * a] == adj[2 * b + 1] ||
				graph_adjacent(g, adj[2 * a], adj[2 * b + 1]) != shielded)
				continue;
			if (cnt == cap)
			{
				cap *= 2;
				t = repalloc(t, sizeof(int) * 3 * cap);
			}
			t[3 * cnt] = adj[2 * a];
			t[3 * cnt + 1] = adj[2 * a + 1];
			t[3 * cnt + 2] = adj[2 * b + 1];
			cnt++;
		}
	pfree(adj);
	*out = t;
	return cnt;
}

/* graph_kites (i, j, k, l): triangles (i, j, l) and (i, k, l) with j < k non-adjacent. */
int
graph_kites(const Graph *g, const int *tri, int ntri, int **out)
{
	int			a,
				b,
				cnt = 0,
				cap = 64;
	int		   *t = palloc(sizeof(int) * 4 * cap);

	for (a = 0; a < ntri; a++)
		for (b = 0; b < ntri; b++)
		{
			const int  *p = tri + 3 * a,
					   *q = tri + 3 * b;

			if (a == b || p[0] != q[0] || p[2] != q[2] || !(p[1] < q[1]) ||
				graph_adjacent(g, p[1], q[1]))
				continue;
			if (cnt == cap)
			{
				cap *= 2;
				t = repalloc(t, sizeof(int) * 4 * cap);
			}
			t[4 * cnt] = p[0];
			t[4 * cnt + 1] = p[1];
			t[4 * cnt + 2] = q[1];
			t[4 * cnt + 3] = p[2];
			cnt++;
		}
	*out = t;
	return cnt;
}

/* Whether (a, b, c) or (c, b, a) is among the n triples of list. */
static bool
HasTriple(const int *list, int n, int a, int b, int c)
{
	int			t;

	for (t = 0; t < n; t++)
		if (list[3 * t + 1] == b &&
			((list[3 * t] == a && list[3 * t + 2] == c) || (list[3 * t] == c && list[3 * t + 2] == a)))
			return true;
	return false;
}

/* Whether a is an ancestor of b through directed edges (a = b counts). */
static bool
IsAncestor(const Graph *g, int a, int b)
{
	bool	   *seen = palloc0(sizeof(bool) * g->k);
	int		   *stack = palloc(sizeof(int) * g->k);
	int			top = 0,
				i;
	bool		found = false;

	stack[top++] = b;
	seen[b] = true;
	while (top > 0 && !found)
	{
		int			v = stack[--top];

		if (v == a)
			found = true;
		for (i = 0; i < g->k && !found; i++)
			if (!seen[i] && graph_directed(g, i, v))
			{
				seen[i] = true;
				stack[top++] = i;
			}
	}
	pfree(seen);
	pfree(stack);
	return found;
}

/* Orients a --> b unless the knowledge or a cycle forbids it; true if oriented. */
static bool
OrientIfAcyclic(Graph *g, int a, int b, const Knowledge *kn)
{
	if (knowledge_forbidden(kn, a, b) || knowledge_required(kn, b, a))
		return false;
	if (IsAncestor(g, b, a))
		return false;
	graph_set(g, a, b, MARK_TAIL, MARK_ARROW);
	return true;
}

/*
 * Where R1 and R3 may fire.  Plain Meek (definite false): R1 over every
 * unshielded triple, R1 and R3 skipping the ambiguous triples amb.  Definite
 * Meek (causal-learn's definite_meek for definite maxP): R1 only over the
 * definite non-colliders, either way round; R3 only where (j, l, k) is a
 * definite collider and (j, i, k) a definite non-collider.
 */
typedef struct MeekScope
{
	bool		definite;
	const int  *amb;
	int			namb;
	const int  *def_uc;
	int			n_def_uc;
	const int  *def_nonuc;
	int			n_def_nonuc;
} MeekScope;

/* R1 over the n triples r1 (see MeekScope); true if it oriented one. */
static bool
MeekR1(Graph *g, const int *r1, int n, const MeekScope *sc, const Knowledge *kn)
{
	bool		changed = false;

	for (int t = 0; t < n; t++)
	{
		int			i = r1[3 * t],
					j = r1[3 * t + 1],
					k = r1[3 * t + 2];

		if (graph_directed(g, i, j) && graph_undirected(g, j, k))
		{
			if (!HasTriple(sc->amb, sc->namb, i, j, k) && OrientIfAcyclic(g, j, k, kn))
				changed = true;
		}
		else if (sc->definite && graph_directed(g, k, j) && graph_undirected(g, j, i))
		{
			if (OrientIfAcyclic(g, j, i, kn))
				changed = true;
		}
	}
	return changed;
}

/* R2 over the triangles: i --> j --> k and i --- k give i --> k; true if it oriented one. */
static bool
MeekR2(Graph *g, const int *tri, int ntri, const Knowledge *kn)
{
	bool		changed = false;

	for (int t = 0; t < ntri; t++)
	{
		int			i = tri[3 * t],
					j = tri[3 * t + 1],
					k = tri[3 * t + 2];

		if (graph_directed(g, i, j) && graph_directed(g, j, k) && graph_undirected(g, i, k) &&
			OrientIfAcyclic(g, i, k, kn))
			changed = true;
	}
	return changed;
}

/* R3 over the kites (see MeekScope); true if it oriented one. */
static bool
MeekR3(Graph *g, const int *kite, int nkite, const MeekScope *sc, const Knowledge *kn)
{
	bool		changed = false;

	for (int t = 0; t < nkite; t++)
	{
		int			i = kite[4 * t],
					j = kite[4 * t + 1],
					k = kite[4 * t + 2],
					l = kite[4 * t + 3];
		bool		applies;

		if (sc->definite)
			applies = HasTriple(sc->def_uc, sc->n_def_uc, j, l, k) &&
				HasTriple(sc->def_nonuc, sc->n_def_nonuc, j, i, k);
		else
			applies = graph_undirected(g, i, j) && graph_undirected(g, i, k) && graph_directed(g, j, l) &&
				graph_directed(g, k, l) && !HasTriple(sc->amb, sc->namb, j, i, k);
		if (applies && graph_undirected(g, i, l) && OrientIfAcyclic(g, i, l, kn))
			changed = true;
	}
	return changed;
}

/* R1, R2, R3 in causal-learn's order until a pass orients nothing. */
static void
MeekLoop(Graph *g, const Knowledge *kn, const int *r1, int nr1, const MeekScope *sc)
{
	int		   *tri,
			   *kite;
	int			ntri = graph_triples(g, true, &tri),
				nkite = graph_kites(g, tri, ntri, &kite);
	bool		loop = true;

	while (loop)
	{
		CHECK_FOR_INTERRUPTS();
		loop = MeekR1(g, r1, nr1, sc, kn);
		loop = MeekR2(g, tri, ntri, kn) || loop;
		loop = MeekR3(g, kite, nkite, sc, kn) || loop;
	}
	pfree(tri);
	pfree(kite);
}

void
graph_definite_meek(Graph *g, const Knowledge *kn, const int *def_uc, int n_def_uc,
					const int *def_nonuc, int n_def_nonuc)
{
	MeekScope	sc = {true, NULL, 0, def_uc, n_def_uc, def_nonuc, n_def_nonuc};

	MeekLoop(g, kn, def_nonuc, n_def_nonuc, &sc);
}

void
graph_meek(Graph *g, const Knowledge *kn, const int *amb, int namb)
{
	MeekScope	sc = {false, amb, namb, NULL, 0, NULL, 0};
	int		   *ut;
	int			nut = graph_triples(g, false, &ut);

	MeekLoop(g, kn, ut, nut, &sc);
	pfree(ut);
}
