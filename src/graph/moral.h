/*
 * moral.h
 *		The moral (augmented) graph of a set of nodes of a mixed graph, and
 *		components and neighbours in it.
 */
#ifndef CAUSAL_MORAL_H
#define CAUSAL_MORAL_H

#include "graph/graph_value.h"

/* An undirected graph as adjacency lists over the nodes of keep. */
typedef struct Moral
{
	int			n;
	List	  **nbr;			/* integer lists */
	const bool *keep;
	int		   *queue;
} Moral;

/*
 * The augmented graph of d restricted to keep, leaving out the directed
 * edges v --> w with cut_from[v] and cut_to[w] (both may be NULL).
 */
extern Moral *moral_graph(const MixedGraph *d, const bool *keep, const bool *cut_from,
						  const bool *cut_to);

/* The start nodes and the kept nodes reached from them without entering wall. */
extern bool *moral_component(const Moral *m, const bool *start, const bool *wall);

/* The kept nodes outside side adjacent to it. */
extern bool *moral_neighbours(const Moral *m, const bool *side);

#endif
