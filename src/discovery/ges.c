/*
 * ges.c
 *		Greedy equivalence search (Chickering, "Optimal structure
 *		identification with greedy search", JMLR 2002) over CPDAGs with the
 *		linear-Gaussian BIC score, following causal-learn's ges() step by step
 *		so that the graphs agree:
 *
 *		- forward phase: for each ordered non-adjacent pair (i, j), in index
 *		  order, and each subset T (by size, then lexicographically) of the
 *		  undirected neighbours of j not adjacent to i, the operator
 *		  Insert(i, j, T) is valid when NA_ij + T is a clique (NA_ij: the
 *		  neighbours of j adjacent to i) and every semi-directed path from j to
 *		  i meets NA_ij + T; its gain is s(j, NA + T + Pa_j + i) - s(j, NA + T
 *		  + Pa_j).  Validity carries over to supersets as causal-learn's flags
 *		  do (a superset of a subset failing the clique test fails; the path
 *		  test is not repeated for supersets of a subset that passed).  The
 *		  best operator (the first of equal gains) is applied while its gain
 *		  is positive: i --> j, and t --> j for t in T; the result is turned
 *		  into a DAG and back into its CPDAG.
 *		- backward phase: for each i --> j or i --- j and each subset H of
 *		  NA_ij, Delete(i, j, H) is valid when NA_ij - H is a clique; gain
 *		  s(j, (NA - H) + Pa_j) - s(j, (NA - H) + Pa_j + i); applied as
 *		  removing i-j and orienting j --> h, i --> h for h in H.
 *
 *		The score (causal-learn's local_score_BIC on the covariance): s(j, P)
 *		= -(n/2)(1 + ln sigma^2_j|P) - lambda (|P| + 1) ln n, sigma^2 the
 *		residual variance of j on P from the covariance with divisor n.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "core/linalg.h"
#include "core/settings.h"
#include "discovery/ges.h"
#include "graph/meek.h"

/* Residual variance of j on the nodes pa, from the covariance. */
static double
ResidualVariance(const GesProblem *p, int j, const int *pa, int npa)
{
	int			k = p->k;
	double	   *a,
			   *b,
				v = p->cov[j + (Size) j * k];

	if (npa == 0)
		return v;
	a = palloc(sizeof(double) * npa * npa);
	b = palloc(sizeof(double) * npa);
	for (int r = 0; r < npa; r++)
	{
		b[r] = p->cov[pa[r] + (Size) j * k];
		for (int c = 0; c < npa; c++)
			a[r + c * npa] = p->cov[pa[r] + (Size) pa[c] * k];
	}
	{
		double	   *rhs = palloc(sizeof(double) * npa);

		memcpy(rhs, b, sizeof(double) * npa);
		if (!linalg_solve(npa, a, rhs))
			v = NAN;
		else
			for (int r = 0; r < npa; r++)
				v -= b[r] * rhs[r];
		pfree(rhs);
	}
	pfree(a);
	pfree(b);
	return v;
}

double
ges_local_score(const GesProblem *p, int j, const int *pa, int npa)
{
	double		s2 = ResidualVariance(p, j, pa, npa);

	/* a singular parent set (collinear columns) is never chosen */
	if (!(s2 > 0))
		return -INFINITY;
	return -(p->n / 2.0) * (1.0 + log(s2)) - p->lambda * (npa + 1) * log(p->n);
}

/* Node sets as membership flags over k nodes. */
static int
Members(const bool *in, int k, int *out)
{
	int			c = 0;

	for (int i = 0; i < k; i++)
		if (in[i])
			out[c++] = i;
	return c;
}

static bool
Undirected(const Graph *g, int a, int b)
{
	return GMARK(g, a, b) == MARK_TAIL && GMARK(g, b, a) == MARK_TAIL;
}

/* Whether the nodes (ignoring edge directions) form a clique. */
static bool
Clique(const Graph *g, const int *nodes, int m)
{
	for (int a = 0; a < m; a++)
		for (int b = a + 1; b < m; b++)
			if (!graph_adjacent(g, nodes[a], nodes[b]))
				return false;
	return true;
}

/*
 * Whether every semi-directed path from j to i passes through a node of
 * block: i.e. i is not reachable from j along directed (v --> c) or
 * undirected (v --- c) edges without entering block.
 */
static bool
PathsBlocked(const Graph *g, int j, int i, const bool *block)
{
	int			k = g->k,
				top = 0;
	bool	   *seen = palloc0(sizeof(bool) * k);
	int		   *stack = palloc(sizeof(int) * k);
	bool		reached = false;

	stack[top++] = j;
	seen[j] = true;
	while (top > 0 && !reached)
	{
		int			v = stack[--top];

		for (int c = 0; c < k && !reached; c++)
		{
			if (seen[c] || !graph_adjacent(g, v, c))
				continue;
			/* v --> c (arrowhead at c, tail at v) or v --- c */
			if (!(GMARK(g, c, v) == MARK_ARROW && GMARK(g, v, c) == MARK_TAIL) && !Undirected(g, v, c))
				continue;
			if (c == i)
				reached = true;
			else if (!block[c])
			{
				seen[c] = true;
				stack[top++] = c;
			}
		}
	}
	pfree(seen);
	pfree(stack);
	return !reached;
}

/* Parents of j (arrowheads at j) as a list; returns the count. */
static int
Parents(const Graph *g, int j, int *out)
{
	int			c = 0;

	for (int t = 0; t < g->k; t++)
		if (GMARK(g, j, t) == MARK_ARROW && GMARK(g, t, j) == MARK_TAIL)
			out[c++] = t;
	return c;
}

/*
 * The subsets of base[0..m-1] in causal-learn's order: by size, then as
 * itertools.combinations lists them.  Each subset is a bitmask over the
 * positions of base (m is at most 30 here: the search would not finish
 * otherwise).
 */
static int
Subsets(int m, uint32 **out)
{
	int			total = 1 << m,
				c = 0;
	uint32	   *s = palloc(sizeof(uint32) * total);

	for (int size = 0; size <= m; size++)
	{
		int			idx[32];

		for (int a = 0; a < size; a++)
			idx[a] = a;
		for (;;)
		{
			uint32		mask = 0;
			int			a;

			for (a = 0; a < size; a++)
				mask |= (uint32) 1 << idx[a];
			s[c++] = mask;
			/* next combination in lexicographic order */
			for (a = size - 1; a >= 0 && idx[a] == m - size + a; a--)
				;
			if (a < 0)
				break;
			idx[a]++;
			for (int b = a + 1; b < size; b++)
				idx[b] = idx[b - 1] + 1;
		}
	}
	*out = s;
	return c;
}

typedef struct GesOp
{
	int			i;
	int			j;
	bool	   *set;			/* T (insert) or H (delete), over all nodes */
	double		gain;
} GesOp;

/* Local score of j with the nodes flagged in a set plus extra (or minus drop). */
static double
ScoreOf(const GesProblem *p, int j, const bool *set, int *buf)
{
	return ges_local_score(p, j, buf, Members(set, p->k, buf));
}

/* Keeps the operator (i, j, the members of base picked by mask) if it beats the best so far (the first of equals wins). */
static void
Consider(GesOp *best, double gain, int i, int j, const int *base, int m, uint32 mask, int k)
{
	if (!(gain > best->gain))
		return;
	best->gain = gain;
	best->i = i;
	best->j = j;
	memset(best->set, 0, sizeof(bool) * k);
	for (int a = 0; a < m; a++)
		if (mask & ((uint32) 1 << a))
			best->set[base[a]] = true;
}

static void
ForwardCandidates(const GesProblem *p, const Graph *g, GesOp *best, int *buf)
{
	int			k = p->k;
	bool	   *base = palloc(sizeof(bool) * k),
			   *with = palloc(sizeof(bool) * k),
			   *block = palloc(sizeof(bool) * k);
	int		   *t0 = palloc(sizeof(int) * k),
			   *na = palloc(sizeof(int) * k),
			   *pa = palloc(sizeof(int) * k);

	for (int i = 0; i < k; i++)
	{
		CHECK_FOR_INTERRUPTS();
		for (int j = 0; j < k; j++)
		{
			int			m = 0,
						nna = 0,
						npa,
						nsub;
			uint32	   *sub;
			uint8	   *flag;

			if (i == j || graph_adjacent(g, i, j))
				continue;
			npa = Parents(g, j, pa);
			if (npa > p->max_parents)
				continue;
			for (int t = 0; t < k; t++)
				if (Undirected(g, j, t))
				{
					if (graph_adjacent(g, i, t))
						na[nna++] = t;
					else
						t0[m++] = t;
				}
			if (m > 20)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("GES: node %d has %d undirected neighbours to try; the search is too large", j + 1, m),
						 errhint("Use max_parents to bound the search, or PC.")));
			nsub = Subsets(m, &sub);
			flag = palloc0(nsub);	/* 0 test both, 1 clique test only, 2 invalid */
			for (int s = 0; s < nsub; s++)
			{
				int			nt = 0,
							cl[64 + 1];
				bool		v1,
							v2;
				double		gain;

				if (flag[s] == 2)
					continue;
				/* NA + T */
				if (nna + m > 64)
					ereport(ERROR,
							(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
							 errmsg("GES: node %d has too many neighbours", j + 1)));
				for (int a = 0; a < nna; a++)
					cl[nt++] = na[a];
				for (int a = 0; a < m; a++)
					if (sub[s] & ((uint32) 1 << a))
						cl[nt++] = t0[a];
				v1 = Clique(g, cl, nt);
				if (!v1)
				{
					for (int u = s; u < nsub; u++)
						if ((sub[u] & sub[s]) == sub[s])
							flag[u] = 2;
					continue;
				}
				if (flag[s] == 0)
				{
					memset(block, 0, sizeof(bool) * k);
					for (int a = 0; a < nt; a++)
						block[cl[a]] = true;
					v2 = PathsBlocked(g, j, i, block);
				}
				else
					v2 = true;
				if (!v2)
					continue;
				for (int u = s; u < nsub; u++)
					if ((sub[u] & sub[s]) == sub[s])
						flag[u] = Max(flag[u], 1);
				/* gain of i --> j with NA + T + Pa_j */
				memset(base, 0, sizeof(bool) * k);
				for (int a = 0; a < nt; a++)
					base[cl[a]] = true;
				for (int a = 0; a < npa; a++)
					base[pa[a]] = true;
				memcpy(with, base, sizeof(bool) * k);
				with[i] = true;
				gain = ScoreOf(p, j, with, buf) - ScoreOf(p, j, base, buf);
				Consider(best, gain, i, j, t0, m, sub[s], k);
			}
			pfree(sub);
			pfree(flag);
		}
	}
	pfree(base);
	pfree(with);
	pfree(block);
	pfree(t0);
	pfree(na);
	pfree(pa);
}

static void
BackwardCandidates(const GesProblem *p, const Graph *g, GesOp *best, int *buf)
{
	int			k = p->k;
	bool	   *keep = palloc(sizeof(bool) * k),
			   *with = palloc(sizeof(bool) * k);
	int		   *h0 = palloc(sizeof(int) * k),
			   *pa = palloc(sizeof(int) * k);

	for (int i = 0; i < k; i++)
	{
		CHECK_FOR_INTERRUPTS();
		for (int j = 0; j < k; j++)
		{
			int			m = 0,
						npa,
						nsub;
			uint32	   *sub;
			uint8	   *flag;

			if (i == j || !(Undirected(g, i, j) || (GMARK(g, j, i) == MARK_ARROW && GMARK(g, i, j) == MARK_TAIL)))
				continue;
			for (int t = 0; t < k; t++)
				if (t != i && Undirected(g, j, t) && graph_adjacent(g, i, t))
					h0[m++] = t;
			if (m > 20)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("GES: node %d has %d neighbours to try; the search is too large", j + 1, m)));
			npa = Parents(g, j, pa);
			nsub = Subsets(m, &sub);
			flag = palloc(nsub);
			memset(flag, 1, nsub);	/* 1 test, 2 valid without a test */
			for (int s = 0; s < nsub; s++)
			{
				int			nr = 0,
							rest[64];
				double		gain;

				if (flag[s] == 1)
				{
					/* NA - H must be a clique */
					for (int a = 0; a < m && nr < 64; a++)
						if (!(sub[s] & ((uint32) 1 << a)))
							rest[nr++] = h0[a];
					if (!Clique(g, rest, nr))
						continue;
					for (int u = s; u < nsub; u++)
						if ((sub[u] & sub[s]) == sub[s])
							flag[u] = 2;
				}
				/* gain of removing i from (NA - H) + Pa_j + i */
				memset(keep, 0, sizeof(bool) * k);
				for (int a = 0; a < m; a++)
					if (!(sub[s] & ((uint32) 1 << a)))
						keep[h0[a]] = true;
				for (int a = 0; a < npa; a++)
					keep[pa[a]] = true;
				keep[i] = false;
				memcpy(with, keep, sizeof(bool) * k);
				with[i] = true;
				gain = ScoreOf(p, j, keep, buf) - ScoreOf(p, j, with, buf);
				Consider(best, gain, i, j, h0, m, sub[s], k);
			}
			pfree(sub);
			pfree(flag);
		}
	}
	pfree(keep);
	pfree(with);
	pfree(h0);
	pfree(pa);
}

bool
ges_pdag_to_dag(Graph *g)
{
	int			k = g->k;
	Graph	   *h = graph_copy(g);	/* the part not yet removed */
	bool	   *gone = palloc0(sizeof(bool) * k);

	for (int left = k; left > 0; left--)
	{
		int			x = -1;

		for (int c = 0; c < k && x < 0; c++)
		{
			bool		ok = !gone[c];

			/* a sink: no edge out of c */
			for (int y = 0; y < k && ok; y++)
				if (!gone[y] && GMARK(h, y, c) == MARK_ARROW && GMARK(h, c, y) == MARK_TAIL)
					ok = false;
			/* every undirected neighbour of c is adjacent to all other neighbours of c */
			for (int y = 0; y < k && ok; y++)
			{
				if (gone[y] || !Undirected(h, c, y))
					continue;
				for (int z = 0; z < k && ok; z++)
					if (z != y && !gone[z] && graph_adjacent(h, c, z) && !graph_adjacent(h, y, z))
						ok = false;
			}
			if (ok)
				x = c;
		}
		if (x < 0)
			return false;
		/* orient x's undirected edges into x, in g */
		for (int y = 0; y < k; y++)
			if (!gone[y] && Undirected(h, x, y))
				graph_set(g, y, x, MARK_TAIL, MARK_ARROW);
		for (int y = 0; y < k; y++)
			if (graph_adjacent(h, x, y))
				graph_remove(h, x, y);
		gone[x] = true;
	}
	return true;
}

void
ges_dag_to_cpdag(Graph *g)
{
	int			k = g->k;
	Graph	   *dag = graph_copy(g);

	/* skeleton, then the v-structures a --> c <-- b of the DAG, then Meek's rules */
	for (int a = 0; a < k; a++)
		for (int b = a + 1; b < k; b++)
			if (graph_adjacent(dag, a, b))
				graph_set(g, a, b, MARK_TAIL, MARK_TAIL);
	for (int c = 0; c < k; c++)
		for (int a = 0; a < k; a++)
		{
			if (!graph_directed(dag, a, c))
				continue;
			for (int b = a + 1; b < k; b++)
				if (graph_directed(dag, b, c) && !graph_adjacent(dag, a, b))
				{
					graph_set(g, a, c, MARK_TAIL, MARK_ARROW);
					graph_set(g, b, c, MARK_TAIL, MARK_ARROW);
				}
		}
	graph_meek(g, NULL, NULL, 0);
}

/* Back to a CPDAG after an operator. */
static void
Normalize(Graph *g)
{
	if (!ges_pdag_to_dag(g))
		elog(ERROR, "GES: the graph after an operator has no consistent extension");
	ges_dag_to_cpdag(g);
}

/* BIC of the CPDAG through one of its DAGs. */
static double
TotalScore(const GesProblem *p, const Graph *cpdag, int *buf)
{
	Graph	   *d = graph_copy(cpdag);
	double		s = 0.0;

	if (!ges_pdag_to_dag(d))
		elog(ERROR, "GES: the result has no consistent extension");
	for (int j = 0; j < p->k; j++)
		s += ges_local_score(p, j, buf, Parents(d, j, buf));
	return s;
}

void
ges_search(const GesProblem *p, GesResult *r)
{
	int			k = p->k;
	Graph	   *g = graph_new(k);
	int		   *buf = palloc(sizeof(int) * k);
	GesOp		op;

	op.set = palloc(sizeof(bool) * k);
	r->inserts = r->deletes = 0;
	for (;;)
	{
		op.gain = 0.0;			/* only improvements */
		op.i = -1;
		ForwardCandidates(p, g, &op, buf);
		if (op.i < 0)
			break;
		graph_set(g, op.i, op.j, MARK_TAIL, MARK_ARROW);
		for (int t = 0; t < k; t++)
			if (op.set[t])
				graph_set(g, t, op.j, MARK_TAIL, MARK_ARROW);
		Normalize(g);
		r->inserts++;
		if (causal_progress)
			ereport(NOTICE,
					(errmsg("GES forward step %d: insert %d --> %d (gain %.6g)", r->inserts, op.i + 1, op.j + 1, op.gain)));
	}
	for (;;)
	{
		op.gain = 0.0;
		op.i = -1;
		BackwardCandidates(p, g, &op, buf);
		if (op.i < 0)
			break;
		graph_remove(g, op.i, op.j);
		for (int h = 0; h < k; h++)
			if (op.set[h])
			{
				graph_set(g, op.j, h, MARK_TAIL, MARK_ARROW);
				graph_set(g, op.i, h, MARK_TAIL, MARK_ARROW);
			}
		Normalize(g);
		r->deletes++;
		if (causal_progress)
			ereport(NOTICE,
					(errmsg("GES backward step %d: delete %d - %d (gain %.6g)", r->deletes, op.i + 1, op.j + 1, op.gain)));
	}
	r->g = g;
	r->score = TotalScore(p, g, buf);
}
