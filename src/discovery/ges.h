/*
 * ges.h
 *		Greedy equivalence search (Chickering 2002) with the linear-Gaussian
 *		BIC score computed from a covariance matrix.
 */
#ifndef CAUSAL_GES_H
#define CAUSAL_GES_H

#include "graph/graph.h"

typedef struct GesProblem
{
	int			k;
	const double *cov;			/* k x k covariance with divisor n (ddof 0) */
	double		n;				/* rows */
	double		lambda;			/* penalty per parameter, in units of ln n */
	int			max_parents;	/* a node takes a new parent only while it has at most this many */
} GesProblem;

typedef struct GesResult
{
	Graph	   *g;				/* the CPDAG */
	double		score;			/* BIC of the result (higher is better) */
	int			inserts;
	int			deletes;
} GesResult;

extern void ges_search(const GesProblem *p, GesResult *r);

/* s(j, parents) = -(n/2)(1 + ln sigma^2) - lambda (|parents| + 1) ln n */
extern double ges_local_score(const GesProblem *p, int j, const int *pa, int npa);

/* A consistent DAG extension of a PDAG (Dor and Tarsi 1992), in place; false if none. */
extern bool ges_pdag_to_dag(Graph *g);

/* The CPDAG of a DAG: skeleton, its v-structures, then Meek's rules, in place. */
extern void ges_dag_to_cpdag(Graph *g);

#endif
