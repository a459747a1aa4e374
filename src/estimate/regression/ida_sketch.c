/*
 * ida_sketch.c
 *		IDA, local method, from a moment sketch and a CPDAG (Maathuis, Kalisch
 *		and Bühlmann 2009, "Estimating high-dimensional intervention effects
 *		from observational data", Ann. Statist. 37:3133; pcalg's
 *		ida(method = "local")).
 *
 * When the graph is known only up to Markov equivalence, the total effect
 * of x on y (linear Gaussian model) is one of a few values: for each way to
 * orient the undirected edges at x that creates no new v-structure at x —
 * a subset S of x's siblings such that the nodes of S are pairwise adjacent
 * and each is adjacent to every parent of x — the parents of x are
 * pa(x) u S, and the effect is the coefficient of x in the regression of y
 * on x and those parents (0 when y is one of them).  The regressions come
 * from the sketch: no row is read.  The multiset has one value per valid S;
 * its distinct values are those of the effects in the DAGs of the class
 * (their Thm 4.1).  Siblings are limited to 20 (about a million subsets).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "graph/graph_value.h"
#include "sketch/moments.h"
#include "sketch/moments_funcs.h"
#include "sketch/sketch_names.h"
#include "estimate/regression/ols_sketch.h"

#define IDA_MAX_SIBLINGS 20

/* The sketch column of each graph node, from names (the sketch's columns). */
static int *
ColumnOfNode(const MixedGraph *g, const Moments *m, ArrayType *names, const char *fn)
{
	int		   *col = palloc(sizeof(int) * Max(g->n, 1));
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i,
				j;

	deconstruct_array(names, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	if (n != m->k)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: names has %d elements for a sketch of %d columns", fn, n, m->k),
				 errhint("Name every column of the sketch, in order.")));
	for (i = 0; i < g->n; i++)
	{
		col[i] = -1;
		for (j = 0; j < n; j++)
			if (!nulls[j] && strcmp(TextDatumGetCString(elems[j]), g->names[i]) == 0)
				col[i] = j;
	}
	return col;
}

static bool
NodesAdjacent(const MixedGraph *g, int a, int b)
{
	int			k;

	for (k = g->start[a]; k < g->start[a + 1]; k++)
		if (g->adj[k].node == b)
			return true;
	return false;
}

/* The sketch column of node v, or an error naming it. */
static int
Col(const MixedGraph *g, const int *col, int v, const char *fn)
{
	if (col[v] < 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("%s: node \"%s\" of the graph is not a column of the sketch", fn, g->names[v]),
				 errhint("names lists the sketch's columns; the parents and siblings of the treatment need one.")));
	return col[v];
}

PG_FUNCTION_INFO_V1(moments_ida);
/* causal.ida(m, g, treatment, outcome, names): rows (parents, effect). */
Datum
moments_ida(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.ida";
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Moments    *m;
	ArrayType  *names;
	MixedGraph *g;
	GraphKind	kind;
	int		   *col,
			   *pa,
			   *sib,
				npa = 0,
				nsib = 0,
				x,
				y,
				on_cycle,
				k;
	char	   *xname,
			   *yname;
	uint32		s;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: %s must not be NULL", fn,
						PG_ARGISNULL(0) ? "m" : PG_ARGISNULL(1) ? "g" : PG_ARGISNULL(2) ? "treatment"
						: "outcome"),
				 errhint("Pass the sketch, the CPDAG, and the treatment and outcome nodes.")));
	m = moments_get_arg(fcinfo, 0);
	names = sketch_names_argument(m->names, m->k, fcinfo, 4);
	if (names == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: names must not be NULL: the sketch carries no column names", fn),
				 errhint("Pass names => the sketch's columns in order, or a sketch from causal.table_moments or causal.with_names.")));
	g = graph_value_open(PG_GETARG_GRAPH(1));
	kind = mixed_kind(g);
	if (kind != GRAPH_DAG && kind != GRAPH_CPDAG)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s takes a CPDAG (or a DAG), not a graph of kind %s", fn, graph_kind_name(kind)),
				 errhint("IDA assumes no latent confounding: pass PC's or GES's graph.")));
	if (mixed_directed_cycle(g, &on_cycle))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the graph has a directed cycle through \"%s\"", fn, g->names[on_cycle]),
				 errhint("IDA needs an acyclic graph.")));
	xname = text_to_cstring(PG_GETARG_TEXT_PP(2));
	yname = text_to_cstring(PG_GETARG_TEXT_PP(3));
	x = mixed_node(g, xname);
	y = mixed_node(g, yname);
	if (x < 0 || y < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s \"%s\" is not a node of the graph", fn, x < 0 ? "treatment" : "outcome",
						x < 0 ? xname : yname),
				 errhint("causal.nodes(g) lists the nodes; names are case-sensitive.")));
	if (x == y)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the treatment and the outcome are the same node", fn)));
	col = ColumnOfNode(g, m, names, fn);

	pa = palloc(sizeof(int) * Max(g->n, 1));
	sib = palloc(sizeof(int) * Max(g->n, 1));
	for (k = g->start[x]; k < g->start[x + 1]; k++)
	{
		const Adjacent *e = &g->adj[k];

		if (e->mark_here == MARK_ARROW && e->mark_there == MARK_TAIL)
			pa[npa++] = e->node;
		else if (e->mark_here == MARK_TAIL && e->mark_there == MARK_TAIL)
			sib[nsib++] = e->node;
	}
	if (nsib > IDA_MAX_SIBLINGS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: \"%s\" has %d undirected neighbours; IDA enumerates at most %d",
						fn, g->names[x], nsib, IDA_MAX_SIBLINGS),
				 errhint("Add background knowledge to orient more edges.")));

	InitMaterializedSRF(fcinfo, 0);
	for (s = 0; s < ((uint32) 1 << nsib); s++)
	{
		int		   *reg = palloc(sizeof(int) * (npa + nsib + 1));
		bool	   *par = palloc0(sizeof(bool) * Max(g->n, 1));
		int			nreg = 0,
					i,
					j;
		bool		valid = true,
					y_parent = false;
		double		effect = 0.0;
		Datum		values[2];
		bool		nulls[2] = {false, false};
		Datum	   *names;
		int			nn = 0;

		CHECK_FOR_INTERRUPTS();
		/* no new v-structure at x: the chosen siblings pairwise adjacent, and to the parents */
		for (i = 0; i < nsib && valid; i++)
		{
			if (!(s & ((uint32) 1 << i)))
				continue;
			for (j = i + 1; j < nsib && valid; j++)
				if ((s & ((uint32) 1 << j)) && !NodesAdjacent(g, sib[i], sib[j]))
					valid = false;
			for (j = 0; j < npa && valid; j++)
				if (!NodesAdjacent(g, sib[i], pa[j]))
					valid = false;
		}
		if (!valid)
			continue;
		for (i = 0; i < npa; i++)
			par[pa[i]] = true;
		for (i = 0; i < nsib; i++)
			if (s & ((uint32) 1 << i))
				par[sib[i]] = true;
		y_parent = par[y];
		if (!y_parent)
		{
			OlsFit	   *f;

			reg[nreg++] = Col(g, col, x, fn);
			for (i = 0; i < g->n; i++)
				if (par[i])
					reg[nreg++] = Col(g, col, i, fn);
			f = ols_sketch_fit(m, Col(g, col, y, fn), reg, nreg, true, 0.0, NULL, fn);
			effect = f->beta[0];
			if (!isfinite(effect))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("%s: the effect overflows double precision", fn),
						 errhint("Rescale the columns before sketching.")));
		}
		names = palloc(sizeof(Datum) * Max(g->n, 1));
		for (i = 0; i < g->n; i++)
			if (par[i])
				names[nn++] = CStringGetTextDatum(g->names[i]);
		values[0] = PointerGetDatum(construct_array(names, nn, TEXTOID, -1, false, TYPALIGN_INT));
		values[1] = Float8GetDatum(effect);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
