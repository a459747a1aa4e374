/*
 * knowledge.h
 *		Background knowledge for discovery: forbidden and required directed
 *		edges, and tiers (a node may not cause a node of an earlier tier).
 */
#ifndef CAUSAL_KNOWLEDGE_H
#define CAUSAL_KNOWLEDGE_H

#include "graph/graph.h"
#include "utils/jsonb.h"

typedef struct Knowledge
{
	int			k;
	bool	   *forbidden;		/* [a * k + b]: a --> b is forbidden */
	bool	   *required;		/* [a * k + b]: a --> b is required */
} Knowledge;

extern Knowledge *knowledge_from_jsonb(Jsonb *jb, char **names, int k);
extern bool knowledge_forbidden(const Knowledge *kn, int a, int b);
extern bool knowledge_required(const Knowledge *kn, int a, int b);
extern void knowledge_orient(Graph *g, const Knowledge *kn);

#endif
