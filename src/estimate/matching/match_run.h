/*
 * match_run.h
 *		What the SQL entry points of matching share (not for other folders):
 *		the settings of one causal.match call, what a matching leaves, and
 *		the steps of a run -- distances (match_distance.c), the units that take
 *		part (match_units.c), the run itself (match_sql.c: match_run reads the
 *		arguments and the rows, match_rows matches rows in memory) and the
 *		effect on matched rows (match_effect_sql.c).  Other folders use
 *		match_effect.h.
 */
#ifndef CAUSAL_MATCH_RUN_H
#define CAUSAL_MATCH_RUN_H

#include "fmgr.h"
#include "utils/jsonb.h"

#include "estimate/arm_rows.h"
#include "estimate/effect.h"

#define FN "causal.match"

typedef enum DistanceKind
{
	DIST_GLM,
	DIST_LOGIT,
	DIST_MAHALANOBIS,
	DIST_SCALED,
	DIST_EUCLIDEAN
} DistanceKind;

/* The settings of one call. */
typedef struct MatchArgs
{
	const char *method;
	DistanceKind distance;
	const char *distance_name;
	int			estimand;		/* 1 ATT, 0 ATC, -1 ATE */
	int			ratio;
	bool		replace;
	double		caliper;		/* 0: none */
	bool		std_caliper;
	const char *m_order;		/* NULL: MatchIt's default */
	const char *discard;
	int64		seed;
	Jsonb	   *options;
} MatchArgs;

/* What a matching leaves: the rows, their weights (0 = unmatched), subclasses (0 = none), distance. */
typedef struct MatchOutput
{
	ArmRows		r;
	double	   *w;
	int64	   *subclass;
	double	   *dist;			/* NULL for covariate distances and exact/cem */
	const double *y;			/* the outcome, for match_effect */
	const bool *focal;			/* the units matched to others */
	const int  *mm;				/* nearest: n x ratio match matrix, else NULL */
	int			ratio;
	bool		replace;
	int			estimand;
	const char *method;
	const char *distance;
} MatchOutput;

/* The distance named *s (any case, blanks around); *s becomes its canonical spelling. */
extern DistanceKind match_parse_distance(const char **s);
extern double *match_propensity_distance(const ArmRows *r, const MatchArgs *a);
extern double *match_covariate_coordinates(const ArmRows *r, DistanceKind kind);
extern double *match_malts_coordinates(const ArmRows *r, const double *y, const MatchArgs *a);
extern double match_distance_sd(int n, const double *d, const bool *eligible);
extern void match_discard(const ArmRows *r, const double *d, const char *discard, bool *eligible);
extern int *match_focal_order(const ArmRows *r, const bool *focal, const double *d,
							  const char *m_order, int64 seed, int *nf);
extern void match_value_codes(int n, const double *x, int *code);
extern void match_cem_bins(Jsonb *opts, const char *cov, int n, int *nbins, double **cuts, int *ncuts);
extern void match_run(FunctionCallInfo fcinfo, int shift, const char *outcome_arg, MatchOutput *out);
extern void match_rows(const ArmRows *rows, const MatchArgs *a, int nexact, const double *y, MatchOutput *out);
extern void match_effect_of(const MatchOutput *mo, const char *se_name, double alpha, bool adjust, EffectRow *e,
							const char *fn);

#endif
