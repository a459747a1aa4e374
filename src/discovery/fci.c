/*
 * fci.c
 *		FCI, as Zhang (2008, "On the completeness of orientation rules for
 *		causal discovery in the presence of latent confounders and selection
 *		bias") completes it, in the steps of causal-learn's fci():
 *
 *		1. the stable PC skeleton (pc_skeleton), each removed pair keeping
 *		   the first conditioning set that separated it;
 *		2. all edges o-o; for every unshielded a *-* b *-* c with b outside
 *		   sepset(a, c), a *-> b <-* c (rule 0);
 *		3. possible-d-sep: for each remaining edge x - y, the nodes v reached
 *		   from x by paths on which every inner node is a collider or sits in
 *		   a triangle with its neighbours on the path; x and y are tested
 *		   given subsets of Possible-D-Sep(x) (then of y's), smallest first,
 *		   and the edge is removed at the first independence;
 *		4. all edges back to o-o, rule 0 again;
 *		5. Zhang's rules R1-R4 (R4 on discriminating paths) and R8-R10 (the
 *		   rules for no selection bias) until nothing changes.
 *
 *		Marks are causal-learn's: mark(i, j) is the endpoint at i of edge i-j.
 *		Written here: no library implements FCI for C.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "core/settings.h"
#include "discovery/fci.h"

#define M(g, a, b) GMARK(g, a, b)

typedef struct Fci
{
	PcResult   *r;
	Graph	   *g;
	int			k;
} Fci;

/* The separating set of a removed pair (first found), as flags; NULL if the pair was not separated. */
static bool
InSepset(PcResult *r, int a, int c, int b)
{
	PcSepset   *s = a < c ? &r->sep[a * r->g->k + c] : &r->sep[c * r->g->k + a];

	if (!s->removed)
		return false;
	for (int t = 0; t < s->nfirst; t++)
		if (s->first[t] == b)
			return true;
	return false;
}

static bool
Separated(PcResult *r, int a, int c)
{
	PcSepset   *s = a < c ? &r->sep[a * r->g->k + c] : &r->sep[c * r->g->k + a];

	return s->removed;
}

/* Sets the mark at b of edge a-b (keeping the mark at a). */
static void
SetMarkAt(Graph *g, int a, int b, int mark)
{
	M(g, b, a) = (int8) mark;
}

static void
AllCircles(Graph *g)
{
	for (int a = 0; a < g->k; a++)
		for (int b = 0; b < g->k; b++)
			if (a != b && graph_adjacent(g, a, b))
				M(g, a, b) = MARK_CIRCLE;
}

/* Rule 0: unshielded colliders from the separating sets. */
static void
Rule0(Fci *f)
{
	Graph	   *g = f->g;

	for (int b = 0; b < f->k; b++)
		for (int a = 0; a < f->k; a++)
		{
			if (a == b || !graph_adjacent(g, a, b))
				continue;
			for (int c = a + 1; c < f->k; c++)
			{
				if (c == b || !graph_adjacent(g, c, b) || graph_adjacent(g, a, c))
					continue;
				if (Separated(f->r, a, c) && !InSepset(f->r, a, c, b))
				{
					SetMarkAt(g, a, b, MARK_ARROW);
					SetMarkAt(g, c, b, MARK_ARROW);
				}
			}
		}
}

/* Possible-D-Sep(x) given y excluded, by a search over edges (a, b) with path lengths up to maxlen. */
static int
PossibleDsep(const Graph *g, int x, int y, int maxlen, int *out)
{
	int			k = g->k,
				qh = 0,
				qt = 0,
				cnt = 0;
	bool	   *in = palloc0(sizeof(bool) * k),
			   *seen = palloc0(sizeof(bool) * k * k);
	int		   *qa = palloc(sizeof(int) * k * k),
			   *qb = palloc(sizeof(int) * k * k),
			   *ql = palloc(sizeof(int) * k * k);

	for (int b = 0; b < k; b++)
		if (b != y && graph_adjacent(g, x, b))
		{
			qa[qt] = x;
			qb[qt] = b;
			ql[qt++] = 1;
			seen[x * k + b] = true;
			in[b] = true;
		}
	while (qh < qt)
	{
		int			a = qa[qh],
					b = qb[qh],
					len = ql[qh++];

		if (maxlen >= 0 && len >= maxlen)
			continue;
		for (int c = 0; c < k; c++)
		{
			bool		collider,
						triangle;

			if (c == a || c == x || c == y || !graph_adjacent(g, b, c) || seen[b * k + c])
				continue;
			collider = M(g, b, a) == MARK_ARROW && M(g, b, c) == MARK_ARROW;
			triangle = graph_adjacent(g, a, c);
			if (!collider && !triangle)
				continue;
			seen[b * k + c] = true;
			in[c] = true;
			qa[qt] = b;
			qb[qt] = c;
			ql[qt++] = len + 1;
		}
	}
	for (int v = 0; v < k; v++)
		if (in[v] && v != x && v != y)
			out[cnt++] = v;
	pfree(in);
	pfree(seen);
	pfree(qa);
	pfree(qb);
	pfree(ql);
	return cnt;
}

/* Tests x, y given the subsets of set (sizes 0..depth); records and returns true at the first independence. */
static bool
SeparateBy(Fci *f, PcTestFn test, void *ctx, double alpha, int x, int y, const int *set, int n, int depth)
{
	int		   *c = palloc(sizeof(int) * (n + 1)),
			   *s = palloc(sizeof(int) * (n + 1));
	int			maxd = depth < 0 ? n : Min(depth, n);

	for (int d = 0; d <= maxd; d++)
	{
		for (int a = 0; a < d; a++)
			c[a] = a;
		for (;;)
		{
			double		pv;
			int			a;

			CHECK_FOR_INTERRUPTS();
			for (a = 0; a < d; a++)
				s[a] = set[c[a]];
			pv = test(ctx, x, y, s, d);
			f->r->ntests++;
			if (pv > alpha)
			{
				PcSepset   *p = x < y ? &f->r->sep[x * f->k + y] : &f->r->sep[y * f->k + x];

				p->removed = true;
				p->first = palloc(sizeof(int) * Max(d, 1));
				memcpy(p->first, s, sizeof(int) * d);
				p->nfirst = d;
				p->p_value = pv;
				p->depth = d;
				return true;
			}
			for (a = d - 1; a >= 0 && c[a] == n - d + a; a--)
				;
			if (a < 0)
				break;
			c[a]++;
			for (int b = a + 1; b < d; b++)
				c[b] = c[b - 1] + 1;
		}
	}
	return false;
}

/* Step 3: remove edges separated by subsets of Possible-D-Sep. */
static void
PossibleDsepRemoval(Fci *f, PcTestFn test, void *ctx, double alpha, int depth, int maxlen)
{
	int			k = f->k;
	int		   *set = palloc(sizeof(int) * k);
	bool	   *drop = palloc0(sizeof(bool) * k * k);

	/* the sets come from the graph before any removal of this step, as in causal-learn */
	for (int x = 0; x < k; x++)
		for (int y = x + 1; y < k; y++)
		{
			int			n;

			if (!graph_adjacent(f->g, x, y))
				continue;
			n = PossibleDsep(f->g, x, y, maxlen, set);
			if (SeparateBy(f, test, ctx, alpha, x, y, set, n, depth))
			{
				drop[x * k + y] = true;
				continue;
			}
			n = PossibleDsep(f->g, y, x, maxlen, set);
			if (SeparateBy(f, test, ctx, alpha, x, y, set, n, depth))
				drop[x * k + y] = true;
		}
	for (int x = 0; x < k; x++)
		for (int y = x + 1; y < k; y++)
			if (drop[x * k + y])
				graph_remove(f->g, x, y);
	pfree(set);
	pfree(drop);
}

/* R1: a *-> b o-* c, a and c not adjacent: b --> c. */
static bool
R1(Fci *f, int a, int b, int c)
{
	Graph	   *g = f->g;

	if (graph_adjacent(g, a, c) || M(g, b, a) != MARK_ARROW || M(g, b, c) != MARK_CIRCLE)
		return false;
	M(g, b, c) = MARK_TAIL;
	M(g, c, b) = MARK_ARROW;
	return true;
}

/* R2: a --> b *-> c or a *-> b --> c, and a *-o c: a *-> c. */
static bool
R2(Fci *f, int a, int b, int c)
{
	Graph	   *g = f->g;

	if (!graph_adjacent(g, a, c) || M(g, c, a) != MARK_CIRCLE)
		return false;
	if (!((M(g, a, b) == MARK_TAIL && M(g, b, a) == MARK_ARROW && M(g, c, b) == MARK_ARROW) ||
		  (M(g, b, a) == MARK_ARROW && M(g, b, c) == MARK_TAIL && M(g, c, b) == MARK_ARROW)))
		return false;
	M(g, c, a) = MARK_ARROW;
	return true;
}

/* R3: a *-> b <-* c, a *-o d o-* c, a and c not adjacent, d *-o b: d *-> b. */
static bool
R3(Fci *f, int b)
{
	Graph	   *g = f->g;
	bool		changed = false;

	for (int d = 0; d < f->k; d++)
	{
		if (d == b || !graph_adjacent(g, d, b) || M(g, b, d) != MARK_CIRCLE)
			continue;
		for (int a = 0; a < f->k && M(g, b, d) == MARK_CIRCLE; a++)
		{
			if (a == b || a == d || M(g, b, a) != MARK_ARROW || M(g, d, a) != MARK_CIRCLE)
				continue;
			for (int c = a + 1; c < f->k; c++)
			{
				if (c == b || c == d || M(g, b, c) != MARK_ARROW || M(g, d, c) != MARK_CIRCLE ||
					graph_adjacent(g, a, c))
					continue;
				M(g, b, d) = MARK_ARROW;
				changed = true;
				break;
			}
		}
	}
	return changed;
}

/*
 * R4: a discriminating path <d, ..., a, b, c> for b: d not adjacent to c,
 * every node strictly between d and b a collider on the path and a parent
 * of c.  If b o-* c: b --> c when b is in sepset(d, c), else a <-> b <-> c.
 * The path is searched backwards from a, the node next to b, breadth first
 * over such colliders (each node visited once: the shortest path counts).
 */
static bool
R4(Fci *f, int b, int c)
{
	Graph	   *g = f->g;
	int			k = f->k;

	if (M(g, b, c) != MARK_CIRCLE)
		return false;
	for (int a = 0; a < k; a++)
	{
		int		   *prev,
				   *queue,
					qh = 0,
					qt = 0;
		bool	   *seen;

		/* a must be a collider candidate: a <-* b (arrow at a), a --> c */
		if (a == b || a == c || !graph_adjacent(g, a, b) || M(g, a, b) != MARK_ARROW ||
			!(M(g, a, c) == MARK_TAIL && M(g, c, a) == MARK_ARROW))
			continue;
		prev = palloc(sizeof(int) * k);
		queue = palloc(sizeof(int) * k);
		seen = palloc0(sizeof(bool) * k);
		seen[a] = seen[b] = seen[c] = true;
		queue[qt++] = a;
		prev[a] = b;
		while (qh < qt)
		{
			int			v = queue[qh++];

			for (int u = 0; u < k; u++)
			{
				if (seen[u] || !graph_adjacent(g, u, v) || M(g, v, u) != MARK_ARROW)
					continue;
				/* u *-> v: v is a collider between u and prev[v] (arrow at v from prev[v]) */
				if (M(g, v, prev[v]) != MARK_ARROW)
					continue;
				if (!graph_adjacent(g, u, c))
				{
					/* u is the start d of a discriminating path */
					if (InSepset(f->r, u, c, b))
					{
						M(g, b, c) = MARK_TAIL;
						M(g, c, b) = MARK_ARROW;
					}
					else
					{
						M(g, b, a) = MARK_ARROW;
						M(g, a, b) = MARK_ARROW;
						M(g, b, c) = MARK_ARROW;
						M(g, c, b) = MARK_ARROW;
					}
					pfree(prev);
					pfree(queue);
					pfree(seen);
					return true;
				}
				/* u adjacent to c: it continues the path only as a parent of c */
				if (M(g, u, c) == MARK_TAIL && M(g, c, u) == MARK_ARROW)
				{
					seen[u] = true;
					prev[u] = v;
					queue[qt++] = u;
				}
			}
		}
		pfree(prev);
		pfree(queue);
		pfree(seen);
	}
	return false;
}

/* Whether a potentially directed edge runs from a to b: no arrowhead at a, no tail at b. */
static bool
PotDirected(const Graph *g, int a, int b)
{
	return graph_adjacent(g, a, b) && M(g, a, b) != MARK_ARROW && M(g, b, a) != MARK_TAIL;
}

/*
 * Whether an uncovered potentially directed path runs from a through first
 * (the second node) to target, avoiding the nodes in used; the path is
 * uncovered when no two nodes two apart on it are adjacent.
 */
static bool
UncoveredPd(const Graph *g, int prev, int cur, int target, bool *used)
{
	if (cur == target)
		return true;
	for (int nx = 0; nx < g->k; nx++)
	{
		if (used[nx] || !PotDirected(g, cur, nx) || graph_adjacent(g, prev, nx))
			continue;
		used[nx] = true;
		if (UncoveredPd(g, cur, nx, target, used))
		{
			used[nx] = false;
			return true;
		}
		used[nx] = false;
	}
	return false;
}

/* R8: a --> b --> c or a -o b --> c, and a o-> c: a --> c. */
static bool
R8(Fci *f, int a, int c)
{
	Graph	   *g = f->g;

	for (int b = 0; b < f->k; b++)
	{
		if (b == a || b == c)
			continue;
		if (!(M(g, b, c) == MARK_TAIL && M(g, c, b) == MARK_ARROW))
			continue;
		if ((M(g, a, b) == MARK_TAIL && M(g, b, a) == MARK_ARROW) ||
			(M(g, a, b) == MARK_TAIL && M(g, b, a) == MARK_CIRCLE))
		{
			M(g, a, c) = MARK_TAIL;
			return true;
		}
	}
	return false;
}

/* R9: a o-> c and an uncovered potentially directed path a, b, ..., c with b, c not adjacent: a --> c. */
static bool
R9(Fci *f, int a, int c)
{
	Graph	   *g = f->g;
	bool	   *used = palloc0(sizeof(bool) * f->k);

	used[a] = true;
	for (int b = 0; b < f->k; b++)
	{
		if (b == c || !PotDirected(g, a, b) || graph_adjacent(g, b, c))
			continue;
		used[b] = true;
		if (UncoveredPd(g, a, b, c, used))
		{
			M(g, a, c) = MARK_TAIL;
			pfree(used);
			return true;
		}
		used[b] = false;
	}
	pfree(used);
	return false;
}

/*
 * R10: a o-> c, b --> c <-- d, uncovered potentially directed paths from a
 * to b and from a to d whose second nodes mu != omega are not adjacent:
 * a --> c.
 */
static bool
R10(Fci *f, int a, int c)
{
	Graph	   *g = f->g;
	int			k = f->k;
	bool	   *used = palloc0(sizeof(bool) * k);

	for (int b = 0; b < k; b++)
	{
		if (b == a || b == c || !(M(g, b, c) == MARK_TAIL && M(g, c, b) == MARK_ARROW))
			continue;
		for (int d = b + 1; d < k; d++)
		{
			if (d == a || d == c || !(M(g, d, c) == MARK_TAIL && M(g, c, d) == MARK_ARROW))
				continue;
			for (int mu = 0; mu < k; mu++)
			{
				if (mu == c || !PotDirected(g, a, mu))
					continue;
				memset(used, 0, sizeof(bool) * k);
				used[a] = used[mu] = true;
				if (!(mu == b || UncoveredPd(g, a, mu, b, used)))
					continue;
				for (int om = 0; om < k; om++)
				{
					if (om == c || om == mu || !PotDirected(g, a, om) || graph_adjacent(g, mu, om))
						continue;
					memset(used, 0, sizeof(bool) * k);
					used[a] = used[om] = true;
					if (om == d || UncoveredPd(g, a, om, d, used))
					{
						M(g, a, c) = MARK_TAIL;
						pfree(used);
						return true;
					}
				}
			}
		}
	}
	pfree(used);
	return false;
}

/* Step 5: the orientation rules until nothing changes. */
static void
Orient(Fci *f)
{
	Graph	   *g = f->g;
	int			k = f->k;

	for (bool changed = true; changed;)
	{
		changed = false;
		CHECK_FOR_INTERRUPTS();
		for (int b = 0; b < k; b++)
			for (int a = 0; a < k; a++)
			{
				if (a == b || !graph_adjacent(g, a, b))
					continue;
				for (int c = 0; c < k; c++)
				{
					if (c == a || c == b || !graph_adjacent(g, b, c))
						continue;
					changed |= R1(f, a, b, c);
					changed |= R2(f, a, b, c);
				}
			}
		for (int b = 0; b < k; b++)
			changed |= R3(f, b);
		for (int b = 0; b < k; b++)
			for (int c = 0; c < k; c++)
				if (b != c && graph_adjacent(g, b, c))
					changed |= R4(f, b, c);
		/* the rules for tails (no selection bias) act on a o-> c */
		for (int a = 0; a < k; a++)
			for (int c = 0; c < k; c++)
			{
				if (a == c || !graph_adjacent(g, a, c) || M(g, a, c) != MARK_CIRCLE || M(g, c, a) != MARK_ARROW)
					continue;
				if (R8(f, a, c) || R9(f, a, c) || R10(f, a, c))
					changed = true;
			}
	}
}

PcResult *
fci_search(int k, PcTestFn test, void *ctx, double alpha, int depth, int max_path_length)
{
	Fci			f;

	f.r = pc_skeleton(k, test, ctx, alpha, true, depth, NULL);
	f.g = f.r->g;
	f.k = k;
	if (causal_progress)
		ereport(NOTICE, (errmsg("FCI: skeleton done, %lld tests", (long long) f.r->ntests)));
	AllCircles(f.g);
	Rule0(&f);
	PossibleDsepRemoval(&f, test, ctx, alpha, depth, max_path_length);
	if (causal_progress)
		ereport(NOTICE, (errmsg("FCI: possible-d-sep step done, %lld tests in all", (long long) f.r->ntests)));
	AllCircles(f.g);
	Rule0(&f);
	Orient(&f);
	return f.r;
}
