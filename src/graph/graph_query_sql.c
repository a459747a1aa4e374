/*
 * graph_query_sql.c
 *		SQL functions that query a causal.graph: relatives, d-separation,
 *		adjustment sets and the identification of a total effect.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "core/sql_args.h"
#include "graph/adjustment.h"

/* The node set named by a text[] argument; an unknown name is 22023. */
static bool *
NodeSet(const MixedGraph *g, ArrayType *a, const char *fn, const char *arg, int min_count)
{
	int			n,
				i;
	char	  **names = sql_args_names(a, fn, arg, min_count, &n);
	bool	   *set = sep_set_new(g);

	for (i = 0; i < n; i++)
	{
		int			v = mixed_node(g, names[i]);

		if (v < 0)
			ereport_user(
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: %s \"%s\" is not a node of the graph", fn, arg, names[i]),
					 errhint("causal.nodes(g) lists the nodes; names are case-sensitive.")));
		set[v] = true;
	}
	return set;
}

/* A one-node set from a text argument. */
static bool *
NodeOne(const MixedGraph *g, text *t, const char *fn, const char *arg)
{
	char	   *name = text_to_cstring(t);
	int			v = mixed_node(g, name);
	bool	   *set = sep_set_new(g);

	if (v < 0)
		ereport_user(
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s \"%s\" is not a node of the graph", fn, arg, name),
				 errhint("causal.nodes(g) lists the nodes; names are case-sensitive.")));
	set[v] = true;
	return set;
}

/* Errors when two argument sets share a node. */
static void
Disjoint(const MixedGraph *g, const bool *a, const bool *b, const char *fn,
		 const char *name_a, const char *name_b)
{
	int			i;

	for (i = 0; i < g->n; i++)
		if (a[i] && b[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: \"%s\" is in both %s and %s", fn, g->names[i], name_a, name_b),
					 errhint("The node sets must be disjoint.")));
}

/* A node set as text[] in graph order. */
static Datum
SetArray(const MixedGraph *g, const bool *set)
{
	Datum	   *d = palloc(sizeof(Datum) * Max(g->n, 1));
	int			i,
				k = 0;

	for (i = 0; i < g->n; i++)
		if (set[i])
			d[k++] = CStringGetTextDatum(g->names[i]);
	return PointerGetDatum(construct_array(d, k, TEXTOID, -1, false, TYPALIGN_INT));
}

/* A graph ready for separation queries: acyclic, of a kind they handle. */
static MixedGraph *
OpenAcyclic(Datum d, const char *fn)
{
	MixedGraph *g = graph_value_open(graph_value_detoast(d));
	GraphKind	kind = mixed_kind(g);
	int			on_cycle;

	if (kind == GRAPH_MIXED)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s takes DAGs, ADMGs, CPDAGs and PAGs, not a graph of kind %s", fn,
						graph_kind_name(kind)),
				 errhint("A graph may not mix undirected (---) and bidirected (<->) edges.")));
	/* a PAG as dagitty reads it: circle marks as tails */
	if (kind == GRAPH_PAG)
		g = mixed_circles_as_tails(g);
	if (mixed_directed_cycle(g, &on_cycle))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the graph has a directed cycle through \"%s\"", fn,
						g->names[on_cycle]),
				 errhint("Separation is defined for acyclic graphs.")));
	return g;
}

static Datum
Relatives(FunctionCallInfo fcinfo, Reach how, bool one, const char *fn)
{
	MixedGraph *g;
	bool	   *start,
			   *out;
	int			i;

	sql_args_not_null(fcinfo, fn, 0);
	g = graph_value_open(PG_GETARG_GRAPH(0));
	start = one ? NodeOne(g, PG_GETARG_TEXT_PP(1), fn, "node")
		: NodeSet(g, PG_GETARG_ARRAYTYPE_P(1), fn, "nodes", 0);
	if (one)
	{
		/* parents / children: one step */
		out = sep_set_new(g);
		for (i = 0; i < g->n; i++)
			if (start[i])
			{
				int			k;

				for (k = g->start[i]; k < g->start[i + 1]; k++)
				{
					const Adjacent *e = &g->adj[k];

					if (how == REACH_PARENTS ? (e->mark_here == MARK_ARROW && e->mark_there == MARK_TAIL)
						: (e->mark_here == MARK_TAIL && e->mark_there == MARK_ARROW))
						out[e->node] = true;
				}
			}
	}
	else
		out = sep_closure(g, start, how, NULL);
	return SetArray(g, out);
}

PG_FUNCTION_INFO_V1(graph_parents);
/* causal.parents(g, node): the nodes with an edge --> into node. */
Datum
graph_parents(PG_FUNCTION_ARGS)
{
	return Relatives(fcinfo, REACH_PARENTS, true, "causal.parents");
}

PG_FUNCTION_INFO_V1(graph_children);
/* causal.children(g, node): the nodes node points to with -->. */
Datum
graph_children(PG_FUNCTION_ARGS)
{
	return Relatives(fcinfo, REACH_CHILDREN, true, "causal.children");
}

PG_FUNCTION_INFO_V1(graph_ancestors);
/* causal.ancestors(g, nodes): the nodes with a directed path into nodes, nodes included. */
Datum
graph_ancestors(PG_FUNCTION_ARGS)
{
	return Relatives(fcinfo, REACH_PARENTS, false, "causal.ancestors");
}

PG_FUNCTION_INFO_V1(graph_descendants);
/* causal.descendants(g, nodes): the nodes reached by directed paths, nodes included. */
Datum
graph_descendants(PG_FUNCTION_ARGS)
{
	return Relatives(fcinfo, REACH_CHILDREN, false, "causal.descendants");
}

PG_FUNCTION_INFO_V1(graph_d_separated);
/* causal.d_separated(g, x, y, given): whether given d-/m-separates x and y. */
Datum
graph_d_separated(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.d_separated";
	MixedGraph *g;
	bool	   *x,
			   *y,
			   *z,
			   *conn;

	sql_args_not_null(fcinfo, fn, 0);
	g = OpenAcyclic(PG_GETARG_DATUM(0), fn);
	x = NodeSet(g, PG_GETARG_ARRAYTYPE_P(1), fn, "x", 1);
	y = NodeSet(g, PG_GETARG_ARRAYTYPE_P(2), fn, "y", 1);
	z = NodeSet(g, PG_GETARG_ARRAYTYPE_P(3), fn, "given", 0);
	Disjoint(g, x, y, fn, "x", "y");
	Disjoint(g, x, z, fn, "x", "given");
	Disjoint(g, y, z, fn, "y", "given");
	conn = sep_connected(g, x, z, NULL, NULL);
	PG_RETURN_BOOL(!sep_intersects(g, conn, y));
}

/* The Adjustment of a call's graph, treatment and outcome arguments. */
static Adjustment *
OpenAdjustment(FunctionCallInfo fcinfo, const char *fn, bool single)
{
	MixedGraph *g = graph_value_open(PG_GETARG_GRAPH(0));
	bool	   *x,
			   *y;

	if (single)
	{
		x = NodeOne(g, PG_GETARG_TEXT_PP(1), fn, "treatment");
		y = NodeOne(g, PG_GETARG_TEXT_PP(2), fn, "outcome");
	}
	else
	{
		x = NodeSet(g, PG_GETARG_ARRAYTYPE_P(1), fn, "treatment", 1);
		y = NodeSet(g, PG_GETARG_ARRAYTYPE_P(2), fn, "outcome", 1);
	}
	Disjoint(g, x, y, fn, "treatment", "outcome");
	return adjustment_new(g, x, y, fn);
}

PG_FUNCTION_INFO_V1(graph_is_adjustment_set);
/* causal.is_adjustment_set(g, treatment, outcome, covariates). */
Datum
graph_is_adjustment_set(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.is_adjustment_set";
	Adjustment *a;
	bool	   *z;

	sql_args_not_null(fcinfo, fn, 0);
	a = OpenAdjustment(fcinfo, fn, false);
	z = NodeSet(a->g, PG_GETARG_ARRAYTYPE_P(3), fn, "covariates", 0);
	Disjoint(a->g, a->x, z, fn, "treatment", "covariates");
	Disjoint(a->g, a->y, z, fn, "outcome", "covariates");
	PG_RETURN_BOOL(adjustment_valid(a, z));
}

PG_FUNCTION_INFO_V1(graph_is_frontdoor_set);
/* causal.is_frontdoor_set(g, treatment, outcome, mediators). */
Datum
graph_is_frontdoor_set(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.is_frontdoor_set";
	Adjustment *a;
	bool	   *z;

	sql_args_not_null(fcinfo, fn, 0);
	a = OpenAdjustment(fcinfo, fn, false);
	z = NodeSet(a->g, PG_GETARG_ARRAYTYPE_P(3), fn, "mediators", 0);
	Disjoint(a->g, a->x, z, fn, "treatment", "mediators");
	Disjoint(a->g, a->y, z, fn, "outcome", "mediators");
	PG_RETURN_BOOL(frontdoor_valid(a, z, fn));
}

/*
 * One result row: (kind, covariates, note) for adjustment_sets when strategy
 * is NULL, else (strategy, kind, variables, conditioning, note) for
 * identify, with conditioning NULL.
 */
static void
PutSet(ReturnSetInfo *rsinfo, const char *strategy, const char *kind, const MixedGraph *g,
	   const bool *set, const char *note)
{
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};
	int			c = 0;

	if (strategy)
		values[c++] = CStringGetTextDatum(strategy);
	nulls[c] = kind == NULL;
	values[c++] = kind ? CStringGetTextDatum(kind) : (Datum) 0;
	nulls[c] = set == NULL;
	values[c++] = set ? SetArray(g, set) : (Datum) 0;
	if (strategy)
		nulls[c++] = true;		/* conditioning */
	nulls[c] = note == NULL;
	values[c++] = note ? CStringGetTextDatum(note) : (Datum) 0;
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

/* Emits the minimal sets as rows (strategy as PutSet). */
static void
PutMinimal(ReturnSetInfo *rsinfo, const Adjustment *a, const char *strategy, int max_sets)
{
	const char *reason;
	bool		truncated;
	List	   *sets = adjustment_minimal(a, max_sets, &truncated, &reason);
	ListCell   *c;

	if (sets == NIL)
	{
		PutSet(rsinfo, strategy, "minimal", a->g, NULL, reason);
		return;
	}
	foreach(c, sets)
		PutSet(rsinfo, strategy, "minimal", a->g, lfirst(c),
			   truncated && lnext(sets, c) == NULL
			   ? psprintf("more minimal sets exist; listed the first %d", max_sets) : NULL);
}

PG_FUNCTION_INFO_V1(graph_adjustment_sets);
/*
 * causal.adjustment_sets(g, treatment, outcome, kind, max_sets): rows
 * (kind, covariates, note); covariates NULL and the reason in note when
 * the effect is not identifiable by adjustment.
 */
Datum
graph_adjustment_sets(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.adjustment_sets";
	static const char *const kinds[] = {"minimal", "canonical", "optimal", NULL};
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Adjustment *a;
	int			kind,
				max_sets;
	const char *reason;
	bool	   *set;

	sql_args_not_null(fcinfo, fn, 0);
	kind = sql_args_choice(text_to_cstring(PG_GETARG_TEXT_PP(3)), fn, "kind", kinds);
	max_sets = PG_GETARG_INT32(4);
	if (max_sets < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: max_sets must be at least 1, not %d", fn, max_sets),
				 errhint("max_sets bounds how many minimal sets are listed.")));
	a = OpenAdjustment(fcinfo, fn, false);
	InitMaterializedSRF(fcinfo, 0);
	if (kind == 0)
	{
		PutMinimal(rsinfo, a, NULL, max_sets);
		return (Datum) 0;
	}
	set = kind == 1 ? adjustment_canonical(a, &reason) : adjustment_optimal(a, &reason);
	PutSet(rsinfo, NULL, kinds[kind], a->g, set, set ? NULL : reason);
	return (Datum) 0;
}

/*
 * The front-door rows of identify from the qualifying mediators m (NULL:
 * none): an inclusion-minimal set, and m itself when it differs.
 */
static void
PutFrontdoor(ReturnSetInfo *rsinfo, const Adjustment *a, const bool *m)
{
	bool	   *z;

	if (m == NULL)
		return;
	z = frontdoor_minimal(a, m);
	PutSet(rsinfo, "frontdoor", "minimal", a->g, z,
		   "an inclusion-minimal front-door set: it intercepts every causal path, no back-door "
		   "path from the treatment reaches it, and the treatment blocks its back-door paths to "
		   "the outcome");
	if (memcmp(z, m, sizeof(bool) * a->g->n) != 0)
		PutSet(rsinfo, "frontdoor", "mediators", a->g, m,
			   "every mediator that qualifies: the largest front-door set on the causal paths");
}

/* The instrument rows of identify (DAGs and ADMGs only). */
static void
PutInstruments(ReturnSetInfo *rsinfo, const Adjustment *a)
{
	ListCell   *c;

	if (a->kind != GRAPH_DAG && a->kind != GRAPH_ADMG)
		return;
	foreach(c, adjustment_instruments(a))
	{
		AdjustmentInstrument *iv = lfirst(c);
		bool	   *z = sep_set_new(a->g);
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, true};
		bool		any = false;
		int			i;

		z[iv->z] = true;
		for (i = 0; i < a->g->n; i++)
			any = any || iv->w[i];
		values[0] = CStringGetTextDatum("iv");
		values[1] = CStringGetTextDatum(any ? "conditional" : "unconditional");
		values[2] = SetArray(a->g, z);
		values[3] = SetArray(a->g, iv->w);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

PG_FUNCTION_INFO_V1(graph_identify);
/*
 * causal.identify(g, treatment, outcome): one row per way to identify the
 * total effect — (strategy, kind, variables, note); a single row with
 * strategy 'none' and the reason when there is none.
 */
Datum
graph_identify(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.identify";
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Adjustment *a;
	const char *reason;
	bool	   *set,
				reached = false;
	int			i;

	sql_args_not_null(fcinfo, fn, 0);
	a = OpenAdjustment(fcinfo, fn, true);
	InitMaterializedSRF(fcinfo, 0);
	set = adjustment_canonical(a, &reason);
	if (set == NULL)
	{
		/*
		 * No adjustment set; a front-door set or an instrument may still
		 * identify the effect: then the back-door row carries the reason,
		 * else a row 'none' does.
		 */
		if (a->kind == GRAPH_DAG || a->kind == GRAPH_ADMG)
		{
			List	   *ivs = adjustment_instruments(a);
			const char *fd_reason;
			bool	   *m = frontdoor_mediators(a, fn, &fd_reason);

			if (ivs != NIL || m != NULL)
			{
				PutSet(rsinfo, "backdoor", NULL, a->g, NULL, reason);
				PutFrontdoor(rsinfo, a, m);
				PutInstruments(rsinfo, a);
				return (Datum) 0;
			}
		}
		PutSet(rsinfo, "none", NULL, a->g, NULL, reason);
		return (Datum) 0;
	}
	for (i = 0; i < a->g->n; i++)
		if (a->y[i])
			reached = a->cn[i];
	if ((a->kind == GRAPH_DAG || a->kind == GRAPH_CPDAG) && reached)
		PutSet(rsinfo, "backdoor", "optimal", a->g, adjustment_optimal(a, &reason),
			   "the optimal set O(X,Y): smallest asymptotic variance among adjustment sets");
	else
		PutSet(rsinfo, "backdoor", "canonical", a->g, set,
			   a->kind == GRAPH_ADMG
			   ? "the canonical set Adjust(X,Y) (the optimal set is not defined with <->)"
			   : a->kind == GRAPH_PAG
			   ? "the canonical set Adjust(X,Y) (the optimal set is not defined for PAGs)"
			   : "the canonical set Adjust(X,Y): the outcome is not a descendant of the "
			   "treatment, so the total effect is zero");
	PutMinimal(rsinfo, a, "backdoor", 20);
	if (a->kind == GRAPH_DAG || a->kind == GRAPH_ADMG)
		PutFrontdoor(rsinfo, a, frontdoor_mediators(a, fn, &reason));
	PutInstruments(rsinfo, a);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(graph_instruments);
/*
 * causal.instruments(g, treatment, outcome): rows (instrument, conditioning),
 * the conditional instruments of a DAG or ADMG as dagitty's
 * instrumentalVariables.
 */
Datum
graph_instruments(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.instruments";
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Adjustment *a;
	List	   *ivs;
	ListCell   *c;

	sql_args_not_null(fcinfo, fn, 0);
	a = OpenAdjustment(fcinfo, fn, true);
	ivs = adjustment_instruments(a);
	InitMaterializedSRF(fcinfo, 0);
	foreach(c, ivs)
	{
		AdjustmentInstrument *iv = lfirst(c);
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = CStringGetTextDatum(a->g->names[iv->z]);
		values[1] = SetArray(a->g, iv->w);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
