/*
 * graph_value.c
 *		The stored form of causal.graph, its validation, and the adjacency
 *		lists built from it.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "miscadmin.h"
#include "utils/hsearch.h"

#include "graph/graph_value.h"

typedef struct NameEntry
{
	char		key[NAMEDATALEN * 2];
	int			index;
} NameEntry;

/* The edges (at most a directed and a bidirected one) of a node pair. */
typedef struct PairEntry
{
	uint64		key;
	int			edge[2];
} PairEntry;

/* A builder with no nodes and no edges, in the current memory context. */
GraphBuilder *
graph_builder_new(void)
{
	GraphBuilder *b = palloc0(sizeof(GraphBuilder));

	b->cap_nodes = 16;
	b->names = palloc(sizeof(char *) * b->cap_nodes);
	b->cap_edges = 16;
	b->edges = palloc(sizeof(GraphEdge) * b->cap_edges);
	return b;
}

/* Checks a node name: not empty, not too long, no control characters. */
static void
CheckNodeName(const char *name)
{
	size_t		len = strlen(name);
	const char *p;

	if (len == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a node name of causal.graph is empty"),
				 errhint("Name every node, for example x --> y.")));
	if (len >= NAMEDATALEN * 2)
		ereport(ERROR,
				(errcode(ERRCODE_NAME_TOO_LONG),
				 errmsg("node name \"%.40s...\" is longer than %d bytes",
						name, NAMEDATALEN * 2 - 1),
				 errhint("Use shorter node names.")));
	for (p = name; *p; p++)
		if ((unsigned char) *p < 0x20)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("node name \"%s\" contains a control character", name),
					 errhint("Node names are printable text.")));
}

/* The index of the node called name, added when new. */
int
graph_builder_node(GraphBuilder *b, const char *name)
{
	NameEntry  *e;
	bool		found;
	char		key[NAMEDATALEN * 2];

	CheckNodeName(name);
	if (b->index == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = NAMEDATALEN * 2;
		ctl.entrysize = sizeof(NameEntry);
		ctl.hcxt = CurrentMemoryContext;
		b->index = hash_create("causal graph nodes", 64, &ctl,
							   HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	}
	memset(key, 0, sizeof(key));
	strlcpy(key, name, sizeof(key));
	e = hash_search(b->index, key, HASH_ENTER, &found);
	if (found)
		return e->index;
	if (b->n >= GRAPH_MAX_NODES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("causal.graph holds at most %d nodes", GRAPH_MAX_NODES),
				 errhint("Query a subgraph: the graph queries are polynomial up to this limit.")));
	if (b->n == b->cap_nodes)
	{
		b->cap_nodes *= 2;
		b->names = repalloc(b->names, sizeof(char *) * b->cap_nodes);
	}
	b->names[b->n] = pstrdup(name);
	e->index = b->n;
	return b->n++;
}

/* Whether two edges of one pair are a directed and a bidirected one. */
static bool
BowArc(int a1, int b1, int a2, int b2)
{
	bool		bi1 = a1 == MARK_ARROW && b1 == MARK_ARROW,
				bi2 = a2 == MARK_ARROW && b2 == MARK_ARROW,
				di1 = (a1 == MARK_TAIL && b1 == MARK_ARROW) || (a1 == MARK_ARROW && b1 == MARK_TAIL),
				di2 = (a2 == MARK_TAIL && b2 == MARK_ARROW) || (a2 == MARK_ARROW && b2 == MARK_TAIL);

	return (bi1 && di2) || (di1 && bi2);
}

/*
 * Adds the edge a-b with the given marks.  The same edge given again is
 * ignored (PC's undirected edges arrive once per direction).  A pair may
 * carry one directed and one bidirected edge (a bow arc: x --> y with a
 * latent confounder x <-> y); any other second edge is an error, as is a
 * self-loop.
 */
void
graph_builder_edge(GraphBuilder *b, int a, int bnode, int mark_a, int mark_b)
{
	PairEntry  *p;
	GraphEdge  *e;
	uint64		key;
	bool		found;
	int			k;

	if (a == bnode)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("edge from \"%s\" to itself", b->names[a]),
				 errhint("A causal graph has no self-loops.")));
	if (b->pairs == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(uint64);
		ctl.entrysize = sizeof(PairEntry);
		ctl.hcxt = CurrentMemoryContext;
		b->pairs = hash_create("causal graph edges", 64, &ctl,
							   HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	}
	key = ((uint64) Min(a, bnode) << 32) | (uint64) Max(a, bnode);
	p = hash_search(b->pairs, &key, HASH_ENTER, &found);
	if (!found)
		p->edge[0] = p->edge[1] = -1;
	for (k = 0; k < 2 && p->edge[k] >= 0; k++)
	{
		e = &b->edges[p->edge[k]];
		if ((e->a == a && e->mark_a == mark_a && e->mark_b == mark_b) ||
			(e->a == bnode && e->mark_a == mark_b && e->mark_b == mark_a))
			return;
		if (k == 1 || !BowArc(e->mark_a, e->mark_b, mark_a, mark_b))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("two different edges between \"%s\" and \"%s\": %s and %s",
							b->names[e->a], b->names[e->b],
							graph_mark_text(e->mark_a, e->mark_b),
							a == e->a ? graph_mark_text(mark_a, mark_b)
							: graph_mark_text(mark_b, mark_a)),
					 errhint("Give each pair of nodes one edge, or a directed and a bidirected one.")));
	}
	if (b->n_edges >= GRAPH_MAX_EDGES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("causal.graph holds at most %d edges", GRAPH_MAX_EDGES),
				 errhint("Query a subgraph.")));
	if (b->n_edges == b->cap_edges)
	{
		b->cap_edges *= 2;
		b->edges = repalloc(b->edges, sizeof(GraphEdge) * b->cap_edges);
	}
	p->edge[k] = b->n_edges;
	e = &b->edges[b->n_edges++];
	e->a = a;
	e->b = bnode;
	e->mark_a = (int8) mark_a;
	e->mark_b = (int8) mark_b;
	e->pad = 0;
}

/* The varlena of what was built. */
GraphValue *
graph_builder_value(GraphBuilder *b)
{
	Size		names_len = 0,
				size;
	GraphValue *v;
	char	   *p;
	int			i;

	for (i = 0; i < b->n; i++)
		names_len += strlen(b->names[i]) + 1;
	size = offsetof(GraphValue, edges) + sizeof(GraphEdge) * b->n_edges + names_len;
	v = palloc0(size);
	SET_VARSIZE(v, size);
	v->version = GRAPH_FORMAT_VERSION;
	v->n_nodes = b->n;
	v->n_edges = b->n_edges;
	memcpy(v->edges, b->edges, sizeof(GraphEdge) * b->n_edges);
	p = (char *) &v->edges[b->n_edges];
	for (i = 0; i < b->n; i++)
	{
		size_t		len = strlen(b->names[i]) + 1;

		memcpy(p, b->names[i], len);
		p += len;
	}
	return v;
}

static bool
ValidMark(int m)
{
	return m == MARK_TAIL || m == MARK_ARROW || m == MARK_CIRCLE;
}

/*
 * Detoasts and validates a stored graph: a value that does not hold together
 * (a corrupted or hand-made binary) is an error, never a wild read.
 */
GraphValue *
graph_value_detoast(Datum d)
{
	GraphValue *v = (GraphValue *) PG_DETOAST_DATUM(d);
	Size		size = VARSIZE(v),
				fixed;
	const char *p,
			   *end;
	int			i;

	if (size < offsetof(GraphValue, edges) || v->version != GRAPH_FORMAT_VERSION ||
		v->n_nodes < 0 || v->n_nodes > GRAPH_MAX_NODES ||
		v->n_edges < 0 || v->n_edges > GRAPH_MAX_EDGES)
		goto bad;
	fixed = offsetof(GraphValue, edges) + sizeof(GraphEdge) * (Size) v->n_edges;
	if (fixed > size)
		goto bad;
	for (i = 0; i < v->n_edges; i++)
	{
		const GraphEdge *e = &v->edges[i];

		if (e->a < 0 || e->a >= v->n_nodes || e->b < 0 || e->b >= v->n_nodes ||
			e->a == e->b || !ValidMark(e->mark_a) || !ValidMark(e->mark_b))
			goto bad;
	}
	p = (const char *) v + fixed;
	end = (const char *) v + size;
	for (i = 0; i < v->n_nodes; i++)
	{
		const char *nul = memchr(p, '\0', end - p);

		if (nul == NULL || nul == p)
			goto bad;
		p = nul + 1;
	}
	if (p != end)
		goto bad;
	return v;

bad:
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("malformed causal.graph value"),
			 errhint("Build graphs with causal.graph(source, target, edge) or from text.")));
	return NULL;				/* keep the compiler quiet */
}

/* The name of node i of a validated value (a linear walk: for output). */
const char *
graph_value_name(GraphValue *v, int i)
{
	const char *p = (const char *) &v->edges[v->n_edges];

	while (i-- > 0)
		p += strlen(p) + 1;
	return p;
}

/* Orders node indexes by their names. */
static int
CompareIndexByName(const void *a, const void *b, void *arg)
{
	char	  **names = (char **) arg;

	return strcmp(names[*(const int *) a], names[*(const int *) b]);
}

/* The adjacency lists of a validated value. */
MixedGraph *
graph_value_open(GraphValue *v)
{
	char	  **names = palloc(sizeof(char *) * Max(v->n_nodes, 1));
	const char *p = (const char *) &v->edges[v->n_edges];
	int			i;

	for (i = 0; i < v->n_nodes; i++)
	{
		names[i] = (char *) p;
		p += strlen(p) + 1;
	}
	return mixed_build(v->n_nodes, names, v->edges, v->n_edges);
}

/* A graph over n named nodes with the given edges (arrays are kept). */
MixedGraph *
mixed_build(int n, char **names, GraphEdge *edges, int n_edges)
{
	MixedGraph *g = palloc0(sizeof(MixedGraph));
	int		   *deg,
				i;

	g->n = n;
	g->n_edges = n_edges;
	g->edges = edges;
	g->names = names;
	deg = palloc0(sizeof(int) * (g->n + 1));
	for (i = 0; i < g->n_edges; i++)
	{
		deg[g->edges[i].a]++;
		deg[g->edges[i].b]++;
	}
	g->start = palloc(sizeof(int) * (g->n + 1));
	g->start[0] = 0;
	for (i = 0; i < g->n; i++)
		g->start[i + 1] = g->start[i] + deg[i];
	g->adj = palloc(sizeof(Adjacent) * Max(g->start[g->n], 1));
	memset(deg, 0, sizeof(int) * (g->n + 1));
	for (i = 0; i < g->n_edges; i++)
	{
		const GraphEdge *e = &g->edges[i];
		Adjacent   *x = &g->adj[g->start[e->a] + deg[e->a]++];
		Adjacent   *y = &g->adj[g->start[e->b] + deg[e->b]++];

		x->node = e->b;
		x->mark_here = e->mark_a;
		x->mark_there = e->mark_b;
		y->node = e->a;
		y->mark_here = e->mark_b;
		y->mark_there = e->mark_a;
	}
	pfree(deg);
	g->sorted = palloc(sizeof(int) * Max(g->n, 1));
	for (i = 0; i < g->n; i++)
		g->sorted[i] = i;
	qsort_arg(g->sorted, g->n, sizeof(int), CompareIndexByName, g->names);
	return g;
}

/*
 * The graph with every circle mark read as a tail: o-> as -->, o-o and o--
 * as ---.  This is how dagitty reads a PAG for its adjustment and
 * separation queries (pagToPdag); the edge visibility that keeps a PAG
 * honest about latent confounding is checked on the result by the caller.
 */
MixedGraph *
mixed_circles_as_tails(const MixedGraph *g)
{
	GraphEdge  *edges = palloc(sizeof(GraphEdge) * Max(g->n_edges, 1));
	int			i;

	for (i = 0; i < g->n_edges; i++)
	{
		edges[i] = g->edges[i];
		if (edges[i].mark_a == MARK_CIRCLE)
			edges[i].mark_a = MARK_TAIL;
		if (edges[i].mark_b == MARK_CIRCLE)
			edges[i].mark_b = MARK_TAIL;
	}
	return mixed_build(g->n, g->names, edges, g->n_edges);
}

/* The index of the node called name, or -1. */
int
mixed_node(const MixedGraph *g, const char *name)
{
	int			lo = 0,
				hi = g->n - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			c = strcmp(name, g->names[g->sorted[mid]]);

		if (c == 0)
			return g->sorted[mid];
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Which class of graphs the marks allow. */
GraphKind
mixed_kind(const MixedGraph *g)
{
	bool		bidirected = false,
				undirected = false;
	int			i;

	for (i = 0; i < g->n_edges; i++)
	{
		int			a = g->edges[i].mark_a,
					b = g->edges[i].mark_b;

		if (a == MARK_CIRCLE || b == MARK_CIRCLE)
			return GRAPH_PAG;
		if (a == MARK_ARROW && b == MARK_ARROW)
			bidirected = true;
		if (a == MARK_TAIL && b == MARK_TAIL)
			undirected = true;
	}
	if (bidirected && undirected)
		return GRAPH_MIXED;
	if (undirected)
		return GRAPH_CPDAG;
	return bidirected ? GRAPH_ADMG : GRAPH_DAG;
}

/* The SQL name of a kind. */
const char *
graph_kind_name(GraphKind kind)
{
	switch (kind)
	{
		case GRAPH_DAG:
			return "dag";
		case GRAPH_ADMG:
			return "admg";
		case GRAPH_CPDAG:
			return "cpdag";
		case GRAPH_PAG:
			return "pag";
		case GRAPH_MIXED:
			break;
	}
	return "mixed";
}

/*
 * Whether the directed edges (-->) close a cycle; if so, *on_cycle is a node
 * on it.  Kahn's algorithm: the nodes never freed lie on or behind a cycle,
 * and following a remaining parent from one of them reaches the cycle.
 */
bool
mixed_directed_cycle(const MixedGraph *g, int *on_cycle)
{
	int		   *indeg = palloc0(sizeof(int) * Max(g->n, 1));
	int		   *queue = palloc(sizeof(int) * Max(g->n, 1));
	int			head = 0,
				tail = 0,
				i,
				k;

	for (i = 0; i < g->n; i++)
		for (k = g->start[i]; k < g->start[i + 1]; k++)
			if (g->adj[k].mark_here == MARK_ARROW && g->adj[k].mark_there == MARK_TAIL)
				indeg[i]++;
	for (i = 0; i < g->n; i++)
		if (indeg[i] == 0)
			queue[tail++] = i;
	while (head < tail)
	{
		int			v = queue[head++];

		for (k = g->start[v]; k < g->start[v + 1]; k++)
			if (g->adj[k].mark_here == MARK_TAIL && g->adj[k].mark_there == MARK_ARROW &&
				--indeg[g->adj[k].node] == 0)
				queue[tail++] = g->adj[k].node;
	}
	if (tail == g->n)
		return false;
	if (on_cycle)
	{
		int			v = -1,
					step;

		for (i = 0; i < g->n; i++)
			if (indeg[i] > 0)
			{
				v = i;
				break;
			}
		/* n steps back along unfreed parents end on the cycle */
		for (step = 0; step < g->n; step++)
			for (k = g->start[v]; k < g->start[v + 1]; k++)
				if (g->adj[k].mark_here == MARK_ARROW && g->adj[k].mark_there == MARK_TAIL &&
					indeg[g->adj[k].node] > 0)
				{
					v = g->adj[k].node;
					break;
				}
		*on_cycle = v;
	}
	return true;
}

/*
 * Reads an edge mark written from its first node to its second: -->, <--,
 * ---, <->, o->, <-o, o-o, --o, o--.
 */
bool
graph_mark_parse(const char *s, int *mark_a, int *mark_b)
{
	static const struct
	{
		const char *text;
		int			a;
		int			b;
	}			marks[] =
	{
		{"-->", MARK_TAIL, MARK_ARROW},
		{"<--", MARK_ARROW, MARK_TAIL},
		{"---", MARK_TAIL, MARK_TAIL},
		{"<->", MARK_ARROW, MARK_ARROW},
		{"o->", MARK_CIRCLE, MARK_ARROW},
		{"<-o", MARK_ARROW, MARK_CIRCLE},
		{"o-o", MARK_CIRCLE, MARK_CIRCLE},
		{"--o", MARK_TAIL, MARK_CIRCLE},
		{"o--", MARK_CIRCLE, MARK_TAIL},
	};
	int			i;

	for (i = 0; i < (int) lengthof(marks); i++)
		if (strcmp(s, marks[i].text) == 0)
		{
			*mark_a = marks[i].a;
			*mark_b = marks[i].b;
			return true;
		}
	return false;
}

/* The text of marks (a at the first node, b at the second), or NULL. */
const char *
graph_mark_text(int mark_a, int mark_b)
{
	static const char *const text[3][3] = {
		/* mark_b: tail, arrow, circle */
		{"---", "-->", "--o"},	/* mark_a tail */
		{"<--", "<->", "<-o"},	/* mark_a arrow */
		{"o--", "o->", "o-o"},	/* mark_a circle */
	};
	int			a = mark_a == MARK_TAIL ? 0 : mark_a == MARK_ARROW ? 1 : mark_a == MARK_CIRCLE ? 2 : -1,
				b = mark_b == MARK_TAIL ? 0 : mark_b == MARK_ARROW ? 1 : mark_b == MARK_CIRCLE ? 2 : -1;

	return a < 0 || b < 0 ? NULL : text[a][b];
}
