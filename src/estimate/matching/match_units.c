/*
 * match_units.c
 *		Which units take part in a matching and how: MatchIt's discard
 *		(common support), the order in which focal units pick their
 *		matches, and the codes of exact and coarsened exact matching.
 */
#include "postgres.h"

#include <math.h>

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "core/compare.h"
#include "core/json_options.h"
#include "core/random.h"
#include "estimate/matching/match_run.h"

/* Codes 0.. of a numeric column's distinct values, in order. */
void
match_value_codes(int n, const double *x, int *code)
{
	double	   *v = palloc_extended(sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
	int			m = 0;

	memcpy(v, x, sizeof(double) * n);
	qsort(v, n, sizeof(double), compare_double);
	for (int i = 0; i < n; i++)
		if (m == 0 || v[i] != v[m - 1])
			v[m++] = v[i];
	for (int i = 0; i < n; i++)
	{
		int			lo = 0,
					hi = m - 1;

		while (lo < hi)
		{
			int			mid = (lo + hi) / 2;

			if (v[mid] < x[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		code[i] = lo;
	}
	pfree(v);
}

/* MatchIt's discard: units outside the other arm's range of the distance are dropped. */
void
match_discard(const ArmRows *r, const double *d, const char *discard, bool *eligible)
{
	double		lo[2] = {INFINITY, INFINITY},
				hi[2] = {-INFINITY, -INFINITY};
	bool		drop[2];

	drop[1] = strcmp(discard, "treated") == 0 || strcmp(discard, "both") == 0;
	drop[0] = strcmp(discard, "control") == 0 || strcmp(discard, "both") == 0;
	for (int i = 0; i < r->n; i++)
	{
		int			g = r->treat[i] == 1.0;

		lo[g] = Min(lo[g], d[i]);
		hi[g] = Max(hi[g], d[i]);
	}
	for (int i = 0; i < r->n; i++)
	{
		int			g = r->treat[i] == 1.0;

		eligible[i] = !(drop[g] && (d[i] < lo[1 - g] || d[i] > hi[1 - g]));
	}
}

/* Order of the focal rows: largest or smallest distance first (ties in row order), random, or data. */
int *
match_focal_order(const ArmRows *r, const bool *focal, const double *d, const char *m_order, int64 seed, int *nf)
{
	int		   *ord = palloc(sizeof(int) * Max(r->n, 1));
	int			m = 0;

	for (int i = 0; i < r->n; i++)
		if (focal[i])
			ord[m++] = i;
	*nf = m;
	if (strcmp(m_order, "largest") == 0 || strcmp(m_order, "smallest") == 0)
	{
		bool		desc = m_order[0] == 'l';

		/* insertion by a stable merge sort on (distance, row) */
		int		   *tmp = palloc(sizeof(int) * Max(m, 1));

		for (int width = 1; width < m; width *= 2)
		{
			for (int lo = 0; lo < m; lo += 2 * width)
			{
				int			mid = Min(lo + width, m),
							hi = Min(lo + 2 * width, m),
							a = lo,
							b = mid,
							k = lo;

				while (a < mid || b < hi)
				{
					bool		takea;

					if (a >= mid)
						takea = false;
					else if (b >= hi)
						takea = true;
					else
						takea = desc ? d[ord[a]] >= d[ord[b]] : d[ord[a]] <= d[ord[b]];
					tmp[k++] = takea ? ord[a++] : ord[b++];
				}
			}
			memcpy(ord, tmp, sizeof(int) * m);
		}
		pfree(tmp);
	}
	else if (strcmp(m_order, "random") == 0)
	{
		CausalRandom rng;

		random_seed(&rng, seed);
		random_shuffle(&rng, ord, m);
	}
	return ord;
}

/* Cut points or bin count of a covariate for cem from options {"cutpoints": {"x": 4 | [..]}}. */
void
match_cem_bins(Jsonb *opts, const char *cov, int n, int *nbins, double **cuts, int *ncuts)
{
	JsonbValue *cp = opts ? getKeyJsonValueFromContainer(&opts->root, "cutpoints", 9, NULL) : NULL;
	JsonbValue *v = NULL;

	*nbins = (int) ceil(log2((double) n) + 1.0);	/* Sturges */
	*ncuts = 0;
	*cuts = NULL;
	if (cp != NULL && cp->type == jbvBinary)
		v = getKeyJsonValueFromContainer(cp->val.binary.data, cov, strlen(cov), NULL);
	else if (cp != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: option \"cutpoints\" must be an object keyed by covariate", FN)));
	if (v == NULL)
		return;
	if (v->type == jbvNumeric)
	{
		*nbins = (int) DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(v->val.numeric)));
		if (*nbins < 1 || *nbins > 10000)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: cutpoints of \"%s\": the number of bins must be between 1 and 10000", FN, cov)));
		return;
	}
	if (v->type == jbvBinary && JsonContainerIsArray(v->val.binary.data))
	{
		int			m = JsonContainerSize(v->val.binary.data);

		*cuts = palloc(sizeof(double) * Max(m, 1));
		for (int k = 0; k < m; k++)
		{
			JsonbValue *e = getIthJsonbValueFromContainer(v->val.binary.data, k);

			if (e == NULL || e->type != jbvNumeric)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: cutpoints of \"%s\" must be numbers", FN, cov)));
			(*cuts)[k] = DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(e->val.numeric)));
			if (k > 0 && !((*cuts)[k] > (*cuts)[k - 1]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: cutpoints of \"%s\" must increase", FN, cov)));
		}
		*ncuts = m;
		return;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: cutpoints of \"%s\" must be a number of bins or an array of cut points", FN, cov)));
}
