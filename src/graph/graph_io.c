/*
 * graph_io.c
 *		causal.graph's text and binary forms, its aggregate over edge rows,
 *		and the functions that read it back as rows.
 *
 * The text form is a list of statements separated by ';' or new lines; a
 * statement is a node name alone (an isolated node) or a chain of nodes
 * joined by edge marks:  'z --> x; z --> y; x --> y; u <-> y; w'.
 * Names are letters, digits, '_', '.', '$' and non-ASCII characters, or
 * any text in double quotes (a quote inside doubled).  Marks are -->, <--,
 * ---, <->, o->, <-o, o-o, --o and o--.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/expandeddatum.h"
#include "utils/builtins.h"

#include "graph/graph_value.h"

static bool
NameChar(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '$' || c >= 0x80;
}

static const char *
SkipBlanks(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

/* Reads a node name at *pp into buf; false when none starts there. */
static bool
ReadName(const char **pp, StringInfo buf)
{
	const char *p = *pp;

	resetStringInfo(buf);
	if (*p == '"')
	{
		p++;
		for (;;)
		{
			if (*p == '\0')
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("unterminated quoted node name in causal.graph"),
						 errhint("Close the name with a double quote.")));
			if (*p == '"' && p[1] == '"')
			{
				appendStringInfoChar(buf, '"');
				p += 2;
				continue;
			}
			if (*p == '"')
				break;
			appendStringInfoChar(buf, *p++);
		}
		*pp = p + 1;
		return true;
	}
	while (NameChar((unsigned char) *p))
		appendStringInfoChar(buf, *p++);
	*pp = p;
	return buf->len > 0;
}

/* Parses the text form. */
static GraphValue *
ParseGraph(const char *text)
{
	GraphBuilder *b = graph_builder_new();
	StringInfoData name;
	const char *p = text;

	initStringInfo(&name);
	for (;;)
	{
		int			prev;

		p = SkipBlanks(p);
		if (*p == '\0')
			break;
		if (*p == ';' || *p == '\n')
		{
			p++;
			continue;
		}
		if (!ReadName(&p, &name))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("expected a node name at \"%.20s\" in causal.graph", p),
					 errhint("Write statements like 'z --> x; x --> y; u <-> y; w', "
							 "quoting names with other characters in double quotes.")));
		prev = graph_builder_node(b, name.data);
		for (;;)
		{
			char		mark[4];
			int			ma,
						mb,
						next;

			p = SkipBlanks(p);
			if (*p == '\0' || *p == ';' || *p == '\n')
				break;
			strlcpy(mark, p, sizeof(mark));
			if (!graph_mark_parse(mark, &ma, &mb))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("unknown edge mark \"%.3s\" after node \"%s\" in causal.graph",
								p, b->names[prev]),
						 errhint("Edges are -->, <--, ---, <->, o->, <-o, o-o, --o or o--; "
								 "separate statements with ';'.")));
			p = SkipBlanks(p + 3);
			if (!ReadName(&p, &name))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("edge mark %s after node \"%s\" has no node after it",
								mark, b->names[prev]),
						 errhint("Write an edge as: source mark target.")));
			next = graph_builder_node(b, name.data);
			graph_builder_edge(b, prev, next, ma, mb);
			prev = next;
		}
		CHECK_FOR_INTERRUPTS();
	}
	return graph_builder_value(b);
}

/* Appends a node name, quoted when it has characters a bare name cannot. */
static void
AppendName(StringInfo out, const char *name)
{
	const char *p;
	bool		bare = true;

	for (p = name; *p; p++)
		if (!NameChar((unsigned char) *p))
			bare = false;
	if (bare)
	{
		appendStringInfoString(out, name);
		return;
	}
	appendStringInfoChar(out, '"');
	for (p = name; *p; p++)
	{
		if (*p == '"')
			appendStringInfoChar(out, '"');
		appendStringInfoChar(out, *p);
	}
	appendStringInfoChar(out, '"');
}

/*
 * The edge as it reads in the edge rows: marks pointing back (<--, <-o,
 * o--) are written from the other node.
 */
static void
EdgeInOrder(const GraphEdge *e, int *s, int *t, const char **txt)
{
	*s = e->a;
	*t = e->b;
	*txt = graph_mark_text(e->mark_a, e->mark_b);
	if ((*txt)[0] == '<' && (*txt)[2] != '>')
	{
		*s = e->b;
		*t = e->a;
		*txt = graph_mark_text(e->mark_b, e->mark_a);
	}
	else if (strcmp(*txt, "o--") == 0)
	{
		*s = e->b;
		*t = e->a;
		*txt = "--o";
	}
}

PG_FUNCTION_INFO_V1(graph_in);
/* Text input of causal.graph. */
Datum
graph_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(ParseGraph(PG_GETARG_CSTRING(0)));
}

PG_FUNCTION_INFO_V1(graph_out);
/* Text output of causal.graph: edges in stored order, then isolated nodes. */
Datum
graph_out(PG_FUNCTION_ARGS)
{
	GraphValue *v = PG_GETARG_GRAPH(0);
	MixedGraph *g = graph_value_open(v);
	StringInfoData out;
	bool		first = true;
	int			i;

	initStringInfo(&out);
	for (i = 0; i < g->n_edges; i++)
	{
		int			s,
					t;
		const char *txt;

		EdgeInOrder(&g->edges[i], &s, &t, &txt);
		if (!first)
			appendStringInfoString(&out, "; ");
		first = false;
		AppendName(&out, g->names[s]);
		appendStringInfo(&out, " %s ", txt);
		AppendName(&out, g->names[t]);
	}
	for (i = 0; i < g->n; i++)
		if (g->start[i] == g->start[i + 1])
		{
			if (!first)
				appendStringInfoString(&out, "; ");
			first = false;
			AppendName(&out, g->names[i]);
		}
	PG_RETURN_CSTRING(out.data);
}

PG_FUNCTION_INFO_V1(graph_send);
/* Binary output: version, node count, names, edge count, edges. */
Datum
graph_send(PG_FUNCTION_ARGS)
{
	GraphValue *v = PG_GETARG_GRAPH(0);
	MixedGraph *g = graph_value_open(v);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, GRAPH_FORMAT_VERSION);
	pq_sendint32(&buf, g->n);
	for (i = 0; i < g->n; i++)
		pq_sendstring(&buf, g->names[i]);
	pq_sendint32(&buf, g->n_edges);
	for (i = 0; i < g->n_edges; i++)
	{
		pq_sendint32(&buf, g->edges[i].a);
		pq_sendint32(&buf, g->edges[i].b);
		pq_sendint8(&buf, g->edges[i].mark_a);
		pq_sendint8(&buf, g->edges[i].mark_b);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
BadBinary(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("malformed binary causal.graph: %s", what),
			 errhint("Send values produced by causal.graph's binary output.")));
}

PG_FUNCTION_INFO_V1(graph_recv);
/* Binary input, validated as the text input is. */
Datum
graph_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	GraphBuilder *b = graph_builder_new();
	int			n,
				m,
				i;

	if (pq_getmsgint(buf, 4) != GRAPH_FORMAT_VERSION)
		BadBinary("unknown format version");
	n = pq_getmsgint(buf, 4);
	if (n < 0 || n > GRAPH_MAX_NODES)
		BadBinary("node count out of range");
	for (i = 0; i < n; i++)
		if (graph_builder_node(b, pq_getmsgstring(buf)) != i)
			BadBinary("a node name appears twice");
	m = pq_getmsgint(buf, 4);
	if (m < 0 || m > GRAPH_MAX_EDGES)
		BadBinary("edge count out of range");
	for (i = 0; i < m; i++)
	{
		int			a = pq_getmsgint(buf, 4),
					bn = pq_getmsgint(buf, 4),
					ma = (int8) pq_getmsgbyte(buf),
					mb = (int8) pq_getmsgbyte(buf);

		if (a < 0 || a >= n || bn < 0 || bn >= n)
			BadBinary("edge node out of range");
		if (graph_mark_text(ma, mb) == NULL)
			BadBinary("unknown endpoint mark");
		graph_builder_edge(b, a, bn, ma, mb);
	}
	pq_getmsgend(buf);
	PG_RETURN_POINTER(graph_builder_value(b));
}

/* Appends one element to an expanded text[] state, in place. */
static Datum
AppendElement(Datum state, int *n, Datum value, bool isnull)
{
	int			index = ++(*n);

	return array_set_element(state, 1, &index, value, isnull, -1, -1, false, TYPALIGN_INT);
}

PG_FUNCTION_INFO_V1(graph_rows_accum);
/*
 * Transition function of the aggregate causal.graph(source, target, edge).
 * The state is a text[] of (source, target, edge) triples, grown in place
 * as an expanded array, so the aggregate combines with array_cat and runs
 * in parallel.  The row is checked here so that errors name it: a row
 * (source, NULL, NULL) is an isolated node, an all-NULL row is skipped,
 * any other NULL is an error, as is an unknown edge.
 */
Datum
graph_rows_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	Datum		state;
	int			n;
	bool		isolated;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("causal.graph transition function called outside an aggregate")));
	if (PG_ARGISNULL(1) && PG_ARGISNULL(2) && PG_ARGISNULL(3))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	isolated = !PG_ARGISNULL(1) && PG_ARGISNULL(2) && PG_ARGISNULL(3);
	if (!isolated && (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3)))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("causal.graph: %s is NULL in an edge row",
						PG_ARGISNULL(1) ? "source" : PG_ARGISNULL(2) ? "target" : "edge"),
				 errhint("An edge row has source, target and edge; (source, NULL, NULL) "
						 "adds an isolated node.")));
	if (!isolated)
	{
		char	   *edge = text_to_cstring(PG_GETARG_TEXT_PP(3));
		int			ma,
					mb;

		if (!graph_mark_parse(edge, &ma, &mb))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("causal.graph: unknown edge \"%s\" between \"%s\" and \"%s\"", edge,
							text_to_cstring(PG_GETARG_TEXT_PP(1)),
							text_to_cstring(PG_GETARG_TEXT_PP(2))),
					 errhint("Edges are -->, <--, ---, <->, o->, <-o, o-o, --o or o--.")));
	}

	if (PG_ARGISNULL(0))
		state = expand_array(PointerGetDatum(construct_empty_array(TEXTOID)), aggcxt, NULL);
	else if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(PG_GETARG_DATUM(0))))
		state = PG_GETARG_DATUM(0);
	else
		state = expand_array(PG_GETARG_DATUM(0), aggcxt, NULL);
	{
		ExpandedArrayHeader *eah = (ExpandedArrayHeader *) DatumGetEOHP(state);

		if (eah->ndims > 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("causal.graph: the aggregate state is not a one-dimensional array")));
		n = eah->ndims == 0 ? 0 : eah->dims[0] + eah->lbound[0] - 1;
	}
	state = AppendElement(state, &n, PG_GETARG_DATUM(1), false);
	state = AppendElement(state, &n, isolated ? (Datum) 0 : PG_GETARG_DATUM(2), isolated);
	state = AppendElement(state, &n, isolated ? (Datum) 0 : PG_GETARG_DATUM(3), isolated);
	PG_RETURN_DATUM(state);
}

PG_FUNCTION_INFO_V1(graph_rows_final);
/* Final function of the aggregate: the graph of the triples (empty over no rows). */
Datum
graph_rows_final(PG_FUNCTION_ARGS)
{
	GraphBuilder *b = graph_builder_new();
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;

	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(graph_builder_value(b));
	deconstruct_array(PG_GETARG_ARRAYTYPE_P(0), TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &n);
	if (n % 3 != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.graph: the aggregate state has %d elements, not triples", n),
				 errhint("The state holds (source, target, edge) triples.")));
	for (i = 0; i + 2 < n; i += 3)
	{
		int			s,
					t,
					ma,
					mb;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("causal.graph: a NULL source in the aggregate state"),
					 errhint("Each triple starts with a node name.")));
		s = graph_builder_node(b, TextDatumGetCString(elems[i]));
		if (nulls[i + 1] || nulls[i + 2])
			continue;
		if (!graph_mark_parse(TextDatumGetCString(elems[i + 2]), &ma, &mb))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("causal.graph: an unknown edge in the aggregate state"),
					 errhint("Edges are -->, <--, ---, <->, o->, <-o, o-o, --o or o--.")));
		t = graph_builder_node(b, TextDatumGetCString(elems[i + 1]));
		graph_builder_edge(b, s, t, ma, mb);
		if ((i & 3071) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	PG_RETURN_POINTER(graph_builder_value(b));
}

PG_FUNCTION_INFO_V1(graph_edges);
/* causal.edges(g): the edges as (source, target, edge) rows. */
Datum
graph_edges(PG_FUNCTION_ARGS)
{
	MixedGraph *g = graph_value_open(PG_GETARG_GRAPH(0));
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < g->n_edges; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};
		int			s,
					t;
		const char *txt;

		EdgeInOrder(&g->edges[i], &s, &t, &txt);
		values[0] = CStringGetTextDatum(g->names[s]);
		values[1] = CStringGetTextDatum(g->names[t]);
		values[2] = CStringGetTextDatum(txt);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(graph_nodes);
/* causal.nodes(g): the node names in graph order. */
Datum
graph_nodes(PG_FUNCTION_ARGS)
{
	MixedGraph *g = graph_value_open(PG_GETARG_GRAPH(0));
	Datum	   *d = palloc(sizeof(Datum) * Max(g->n, 1));
	int			i;

	for (i = 0; i < g->n; i++)
		d[i] = CStringGetTextDatum(g->names[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(d, g->n, TEXTOID, -1, false, TYPALIGN_INT));
}

PG_FUNCTION_INFO_V1(graph_kind);
/* causal.graph_kind(g): dag, admg, cpdag, pag or mixed. */
Datum
graph_kind(PG_FUNCTION_ARGS)
{
	MixedGraph *g = graph_value_open(PG_GETARG_GRAPH(0));

	PG_RETURN_TEXT_P(cstring_to_text(graph_kind_name(mixed_kind(g))));
}
