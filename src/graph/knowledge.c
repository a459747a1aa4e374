/*
 * knowledge.c
 *		Background knowledge from a jsonb value:
 *		{"forbidden": [["a", "b"], ...], "required": [["c", "d"], ...],
 *		 "tiers": [["a", "c"], ["b"], ...]}
 * An edge a --> b is forbidden when listed, or when a is in a later tier than
 * b; required when listed.  PC removes edges forbidden in both directions,
 * orients the skeleton by the knowledge before looking for colliders (as
 * causal-learn's orient_by_background_knowledge does), and never orients
 * against it afterwards.
 */
#include "postgres.h"

#include "utils/builtins.h"

#include "graph/knowledge.h"

/* Raises the error for malformed knowledge. */
static void
BadKnowledge(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid background knowledge: %s", what),
			 errhint("Expected {\"forbidden\": [[\"a\", \"b\"]], \"required\": [[\"c\", \"d\"]], \"tiers\": [[\"a\"], [\"b\", \"c\"]]}, all keys optional.")));
}

/* Index of a node name. */
static int
NodeIndex(JsonbValue *v, char **names, int k)
{
	char	   *name;
	int			i;

	if (v == NULL || v->type != jbvString)
		BadKnowledge("node names must be strings");
	name = pnstrdup(v->val.string.val, v->val.string.len);
	for (i = 0; i < k; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	BadKnowledge(psprintf("\"%s\" is not a column of the graph", name));
	return -1;					/* keep the compiler quiet */
}

/* The array container under a key, or NULL when the key is absent. */
static JsonbContainer *
ArrayKey(Jsonb *jb, const char *key)
{
	JsonbValue *v = getKeyJsonValueFromContainer(&jb->root, key, strlen(key), NULL);

	if (v == NULL)
		return NULL;
	if (v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data))
		BadKnowledge(psprintf("\"%s\" must be an array", key));
	return v->val.binary.data;
}

/* Reads a list of [from, to] pairs into m. */
static void
ReadPairs(Jsonb *jb, const char *key, char **names, int k, bool *m)
{
	JsonbContainer *c = ArrayKey(jb, key);
	uint32		i;

	if (c == NULL)
		return;
	for (i = 0; i < JsonContainerSize(c); i++)
	{
		JsonbValue *p = getIthJsonbValueFromContainer(c, i);
		JsonbContainer *pc;
		int			a,
					b;

		if (p->type != jbvBinary || !JsonContainerIsArray(p->val.binary.data) ||
			JsonContainerSize(p->val.binary.data) != 2)
			BadKnowledge(psprintf("each entry of \"%s\" must be a pair [from, to]", key));
		pc = p->val.binary.data;
		a = NodeIndex(getIthJsonbValueFromContainer(pc, 0), names, k);
		b = NodeIndex(getIthJsonbValueFromContainer(pc, 1), names, k);
		if (a == b)
			BadKnowledge("an edge needs two different nodes");
		m[a * k + b] = true;
	}
}

/* Parses background knowledge for a graph of the given node names. */
Knowledge *
knowledge_from_jsonb(Jsonb *jb, char **names, int k)
{
	Knowledge  *kn = palloc(sizeof(Knowledge));
	JsonbContainer *tiers;
	int		   *tier = palloc(sizeof(int) * k);
	int			a,
				b;

	if (!JB_ROOT_IS_OBJECT(jb))
		BadKnowledge("not a JSON object");
	kn->k = k;
	kn->forbidden = palloc0(sizeof(bool) * k * k);
	kn->required = palloc0(sizeof(bool) * k * k);
	ReadPairs(jb, "forbidden", names, k, kn->forbidden);
	ReadPairs(jb, "required", names, k, kn->required);
	for (a = 0; a < k; a++)
		tier[a] = -1;
	tiers = ArrayKey(jb, "tiers");
	if (tiers != NULL)
	{
		uint32		t,
					i;

		for (t = 0; t < JsonContainerSize(tiers); t++)
		{
			JsonbValue *tv = getIthJsonbValueFromContainer(tiers, t);

			if (tv->type != jbvBinary || !JsonContainerIsArray(tv->val.binary.data))
				BadKnowledge("\"tiers\" must be an array of arrays of names");
			for (i = 0; i < JsonContainerSize(tv->val.binary.data); i++)
			{
				int			n = NodeIndex(getIthJsonbValueFromContainer(tv->val.binary.data, i), names, k);

				if (tier[n] >= 0)
					BadKnowledge(psprintf("\"%s\" is in two tiers", names[n]));
				tier[n] = (int) t;
			}
		}
	}
	for (a = 0; a < k; a++)
		for (b = 0; b < k; b++)
		{
			if (tier[a] >= 0 && tier[b] >= 0 && tier[a] > tier[b])
				kn->forbidden[a * k + b] = true;
			if (kn->forbidden[a * k + b] && kn->required[a * k + b])
				BadKnowledge(psprintf("%s --> %s is both forbidden and required", names[a], names[b]));
		}
	return kn;
}

/* Whether a --> b is forbidden (no knowledge: never). */
bool
knowledge_forbidden(const Knowledge *kn, int a, int b)
{
	return kn != NULL && kn->forbidden[a * kn->k + b];
}

/* Whether a --> b is required. */
bool
knowledge_required(const Knowledge *kn, int a, int b)
{
	return kn != NULL && kn->required[a * kn->k + b];
}

/* Orients undirected edges that the knowledge decides. */
void
knowledge_orient(Graph *g, const Knowledge *kn)
{
	int			i,
				j;

	if (kn == NULL)
		return;
	for (i = 0; i < g->k; i++)
		for (j = i + 1; j < g->k; j++)
		{
			if (!graph_undirected(g, i, j))
				continue;
			if (knowledge_forbidden(kn, j, i) || knowledge_required(kn, i, j))
				graph_set(g, i, j, MARK_TAIL, MARK_ARROW);
			else if (knowledge_forbidden(kn, i, j) || knowledge_required(kn, j, i))
				graph_set(g, j, i, MARK_TAIL, MARK_ARROW);
		}
}
