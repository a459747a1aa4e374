/*
 * overlap.c
 *		The overlap report of the propensity scores (see overlap.h).
 */
#include "postgres.h"

#include <math.h>

#include "estimate/propensity/overlap.h"

void
overlap_init(Overlap *o, double clip)
{
	o->n = 0;
	o->min = INFINITY;
	o->max = -INFINITY;
	o->n_extreme = 0;
	o->clip = clip;
	o->n_clipped = 0;
}

double
overlap_add(Overlap *o, double e)
{
	double		c = Min(Max(e, o->clip), 1.0 - o->clip);

	o->n++;
	o->min = Min(o->min, e);
	o->max = Max(o->max, e);
	if (e < OVERLAP_EXTREME || e > 1.0 - OVERLAP_EXTREME)
		o->n_extreme++;
	if (c != e)
		o->n_clipped++;
	return c;
}

bool
overlap_poor(const Overlap *o)
{
	return o->n > 0 && (double) o->n_extreme > OVERLAP_POOR_SHARE * (double) o->n;
}

void
overlap_json(JsonOut *js, const Overlap *o)
{
	json_out_open(js, "overlap", '{');
	json_out_num(js, "min_propensity", o->min);
	json_out_num(js, "max_propensity", o->max);
	json_out_int(js, "n_extreme", o->n_extreme);
	json_out_num(js, "extreme_below", OVERLAP_EXTREME);
	json_out_num(js, "clip", o->clip);
	json_out_int(js, "n_clipped", o->n_clipped);
	json_out_int(js, "n", o->n);
	json_out_bool(js, "poor", overlap_poor(o));
	json_out_close(js);
}

void
overlap_warn(const Overlap *o, const char *fn)
{
	if (!overlap_poor(o))
		return;
	ereport(WARNING,
			(errmsg("%s: %lld of %lld propensity scores (%.1f%%) lie outside [%g, %g]%s: the groups overlap poorly",
					fn, (long long) o->n_extreme, (long long) o->n, 100.0 * o->n_extreme / o->n,
					OVERLAP_EXTREME, 1.0 - OVERLAP_EXTREME,
					o->n_clipped > 0 ? psprintf(", %lld were clipped to [%g, %g]", (long long) o->n_clipped,
												o->clip, 1.0 - o->clip) : ""),
			 errhint("The estimate leans on a few rows with extreme weights: compare the groups' covariates "
					 "(causal.balance), restrict the sample to the common support, or use a smoother "
					 "propensity model.  details.overlap has the counts.")));
}
