/*
 * overlap.h
 *		How well the treated and control groups overlap, read off the
 *		propensity scores an estimator used: the range of the fitted scores,
 *		how many lie outside [0.01, 0.99] (an inverse weight above 100) and
 *		how many a clip moved.  Every propensity-based estimator (AIPW, IPW,
 *		DML's IRM) reports it in details.overlap and warns when it is poor.
 */
#ifndef CAUSAL_OVERLAP_H
#define CAUSAL_OVERLAP_H

#include "core/json_out.h"

/* A fitted score below this or above 1 - this is extreme. */
#define OVERLAP_EXTREME 0.01
/* Poor overlap: more than this share of the scores is extreme. */
#define OVERLAP_POOR_SHARE 0.05

typedef struct Overlap
{
	int64		n;
	double		min;			/* of the fitted scores, before any clip */
	double		max;
	int64		n_extreme;		/* outside [OVERLAP_EXTREME, 1 - OVERLAP_EXTREME] */
	double		clip;			/* the estimator's clip (0: none) */
	int64		n_clipped;		/* scores the clip moved */
} Overlap;

extern void overlap_init(Overlap *o, double clip);

/* Counts one fitted score e; returns it clipped to [clip, 1 - clip]. */
extern double overlap_add(Overlap *o, double e);

/* Whether more than OVERLAP_POOR_SHARE of the scores are extreme. */
extern bool overlap_poor(const Overlap *o);

/* Writes "overlap": {...} into js. */
extern void overlap_json(JsonOut *js, const Overlap *o);

/* A WARNING naming fn when the overlap is poor. */
extern void overlap_warn(const Overlap *o, const char *fn);

#endif
