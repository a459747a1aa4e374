/*
 * pc.h
 *		The PC algorithm over any conditional-independence test.
 */
#ifndef CAUSAL_PC_H
#define CAUSAL_PC_H

#include "graph/knowledge.h"
#include "graph/graph.h"

/* p-value of x _||_ y | s */
typedef double (*PcTestFn) (void *ctx, int x, int y, const int *s, int ns);

typedef struct PcSepset
{
	bool		removed;
	int		   *nodes;			/* union of the separating sets (for orientation) */
	int			nnodes;
	int		   *first;			/* the first separating set found, for auditing */
	int			nfirst;
	double		p_value;		/* its p-value */
	int			depth;			/* the depth at which the edge was removed */
} PcSepset;

typedef struct PcResult
{
	Graph	   *g;
	PcSepset   *sep;			/* k x k, used for i < j */
	int64		ntests;
	const Knowledge *kn;		/* background knowledge, or NULL */
	int		   *def_uc;			/* definite colliders (definite maxP), 3 ints each */
	int			n_def_uc;
	int		   *def_nonuc;		/* definite non-colliders */
	int			n_def_nonuc;
	int		   *ambiguous;		/* CPC/MPC: unshielded triples left undecided, 3 ints each */
	int			n_ambiguous;
} PcResult;

extern PcResult *pc_skeleton(int k, PcTestFn test, void *ctx, double alpha, bool stable,
							 int max_depth, const Knowledge *kn);
extern void pc_orient_colliders(PcResult *r, int priority, PcTestFn test, void *ctx);
extern void pc_orient_maxp(PcResult *r, int priority, PcTestFn test, void *ctx);
extern void pc_orient_definite_maxp(PcResult *r, int priority, double alpha, PcTestFn test,
									void *ctx);

/*
 * The conservative (CPC, Ramsey, Zhang and Spirtes 2006) or majority (MPC,
 * Colombo and Maathuis 2014) rule for unshielded triples, as pcalg has them:
 * x - y - z is re-tested given every subset of the neighbours of x and of z;
 * y in none of the separating sets found makes a collider, in all of them a
 * non-collider (CPC; MPC: in under half / over half), otherwise the triple
 * is ambiguous and stays unoriented.  Colliders use priority 0-2.
 */
extern void pc_orient_conservative(PcResult *r, int priority, bool majority, double alpha, PcTestFn test,
								   void *ctx);

#endif
