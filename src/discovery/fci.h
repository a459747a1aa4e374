/*
 * fci.h
 *		FCI (Spirtes, Glymour and Scheines; Zhang 2008's orientation rules):
 *		causal discovery that allows latent confounders, returning a PAG.
 */
#ifndef CAUSAL_FCI_H
#define CAUSAL_FCI_H

#include "discovery/pc.h"

/*
 * Runs FCI with the CI test: the stable skeleton, unshielded colliders,
 * possible-d-sep removal (paths up to max_path_length edges, -1 no limit;
 * conditioning sets up to depth nodes, -1 no limit), colliders again, then
 * Zhang's rules R1-R4 and R8-R10.  Returns the PcResult whose graph is the
 * PAG and whose separating sets include the possible-d-sep removals.
 */
extern PcResult *fci_search(int k, PcTestFn test, void *ctx, double alpha, int depth, int max_path_length);

#endif
