/*
 * meek.h
 *		Meek's orientation rules and the triples they run over.
 */
#ifndef CAUSAL_MEEK_H
#define CAUSAL_MEEK_H

#include "graph/graph.h"
#include "graph/knowledge.h"

/* Paths i - j - k with i, k non-adjacent (shielded false) or adjacent, 3 ints each. */
extern int	graph_triples(const Graph *g, bool shielded, int **out);

/* Kites (i, j, k, l) among the triangles tri, 4 ints each. */
extern int	graph_kites(const Graph *g, const int *tri, int ntri, int **out);

/* R1-R3 until nothing changes, skipping the namb ambiguous triples amb (may be NULL). */
extern void graph_meek(Graph *g, const Knowledge *kn, const int *amb, int namb);

/* R1-R3 restricted by definite colliders and non-colliders (definite maxP). */
extern void graph_definite_meek(Graph *g, const Knowledge *kn, const int *def_uc, int n_def_uc,
								const int *def_nonuc, int n_def_nonuc);

#endif
