/*
 * match_strata.c
 *		Subclass-based matching (exact, coarsened exact, propensity
 *		subclasses) and its weights, with MatchIt's conventions.
 */
#include "postgres.h"

#include <math.h>

#include "core/compare.h"
#include "estimate/matching/match.h"

/* Lexicographic order of rows over code columns, for qsort_arg. */
typedef struct CodeCols
{
	int			ncols;
	int *const *codes;
} CodeCols;

static int
ByCodes(const void *a, const void *b, void *arg)
{
	const CodeCols *c = arg;
	int			i = *(const int *) a,
				j = *(const int *) b;

	for (int k = 0; k < c->ncols; k++)
		if (c->codes[k][i] != c->codes[k][j])
			return c->codes[k][i] < c->codes[k][j] ? -1 : 1;
	return 0;
}

int
match_strata(int n, int ncols, int *const *codes, int *stratum)
{
	int		   *idx = palloc(sizeof(int) * Max(n, 1));
	int			count = 0;
	CodeCols	c;

	c.ncols = ncols;
	c.codes = codes;
	for (int i = 0; i < n; i++)
		idx[i] = i;
	qsort_arg(idx, n, sizeof(int), ByCodes, &c);
	for (int i = 0; i < n; i++)
	{
		if (i > 0 && ByCodes(&idx[i - 1], &idx[i], &c) != 0)
			count++;
		stratum[idx[i]] = count;
	}
	pfree(idx);
	return n > 0 ? count + 1 : 0;
}

void
match_coarsen(int n, const double *x, int nbins, const double *cuts, int ncuts, int *code)
{
	double		lo = x[0],
				hi = x[0];
	double	   *edge = (double *) cuts;

	for (int i = 1; i < n; i++)
	{
		lo = Min(lo, x[i]);
		hi = Max(hi, x[i]);
	}
	if (ncuts == 0)
	{
		/* the interior breaks of nbins equal-width bins: lo + j (hi - lo) / nbins, j = 1..nbins-1 */
		ncuts = nbins - 1;
		edge = palloc(sizeof(double) * Max(ncuts, 1));
		for (int j = 1; j < nbins; j++)
			edge[j - 1] = lo + j * ((hi - lo) / nbins);
	}
	/* intervals closed on the right: the bin is the number of breaks strictly below x */
	for (int i = 0; i < n; i++)
	{
		int			a = 0,
					b = ncuts;

		while (a < b)
		{
			int			mid = (a + b) / 2;

			if (edge[mid] < x[i])
				a = mid + 1;
			else
				b = mid;
		}
		code[i] = a;
	}
}

/* R's quantile type 7 of sorted values v[0..m-1] at probability q. */
static double
Quantile7(const double *v, int m, double q)
{
	double		h = (m - 1) * q;
	int			lo = (int) floor(h);

	if (lo >= m - 1)
		return v[m - 1];
	return v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
}

int
match_propensity_subclasses(int n, const double *dist, const double *treat, const bool *use,
							int nsub, int *sub)
{
	double	   *v = palloc(sizeof(double) * Max(n, 1)),
			   *cut = palloc(sizeof(double) * nsub);
	int		   *n1 = palloc0(sizeof(int) * nsub),
			   *n0 = palloc0(sizeof(int) * nsub),
			   *map = palloc(sizeof(int) * nsub);
	int			m = 0,
				kept = 0;

	for (int i = 0; i < n; i++)
		if (use[i])
			v[m++] = dist[i];
	qsort(v, m, sizeof(double), compare_double);
	for (int j = 1; j < nsub; j++)
		cut[j] = Quantile7(v, m, (double) j / nsub);
	for (int i = 0; i < n; i++)
	{
		int			b = 0;

		while (b + 1 < nsub && dist[i] >= cut[b + 1])
			b++;
		sub[i] = b;
		if (treat[i] == 1.0)
			n1[b]++;
		else
			n0[b]++;
	}
	/*
	 * A subclass lacking an arm joins the next non-empty one up (the last
	 * joins the one below), until every subclass has both arms or one is left.
	 */
	for (int j = 0; j < nsub; j++)
		map[j] = n1[j] + n0[j] > 0 ? j : -1;
	for (;;)
	{
		int			bad = -1,
					to = -1;

		for (int j = 0; j < nsub && bad < 0; j++)
			if (map[j] == j && (n1[j] == 0 || n0[j] == 0))
				bad = j;
		if (bad < 0)
			break;
		for (int j = bad + 1; j < nsub && to < 0; j++)
			if (map[j] == j)
				to = j;
		for (int j = bad - 1; j >= 0 && to < 0; j--)
			if (map[j] == j)
				to = j;
		if (to < 0)
			break;
		n1[to] += n1[bad];
		n0[to] += n0[bad];
		for (int j = 0; j < nsub; j++)
			if (map[j] == bad)
				map[j] = to;
	}
	/* number the surviving subclasses 0.. in order */
	{
		int		   *num = palloc(sizeof(int) * nsub);

		for (int j = 0; j < nsub; j++)
			num[j] = map[j] == j ? kept++ : -1;
		for (int i = 0; i < n; i++)
			sub[i] = num[map[sub[i]]];
		pfree(num);
	}
	pfree(v);
	pfree(cut);
	pfree(n1);
	pfree(n0);
	pfree(map);
	return kept;
}

int
match_subclass_weights(int n, const double *treat, int *sub, int nsub, int estimand, double *w)
{
	int		   *n1 = palloc0(sizeof(int) * Max(nsub, 1)),
			   *n0 = palloc0(sizeof(int) * Max(nsub, 1)),
			   *num = palloc(sizeof(int) * Max(nsub, 1));
	int			kept = 0;
	double		sum[2] = {0.0, 0.0};
	int			cnt[2] = {0, 0};

	for (int i = 0; i < n; i++)
		if (sub[i] >= 0)
		{
			if (treat[i] == 1.0)
				n1[sub[i]]++;
			else
				n0[sub[i]]++;
		}
	for (int s = 0; s < nsub; s++)
		num[s] = n1[s] > 0 && n0[s] > 0 ? kept++ : -1;
	for (int i = 0; i < n; i++)
	{
		int			s = sub[i],
					arm;

		w[i] = 0.0;
		if (s < 0 || num[s] < 0)
		{
			sub[i] = -1;
			continue;
		}
		arm = treat[i] == 1.0;
		if (estimand == 1)
			w[i] = arm ? 1.0 : (double) n1[s] / n0[s];
		else if (estimand == 0)
			w[i] = arm ? (double) n0[s] / n1[s] : 1.0;
		else
			w[i] = (double) (n1[s] + n0[s]) / (arm ? n1[s] : n0[s]);
		sub[i] = num[s];
		sum[arm] += w[i];
		cnt[arm]++;
	}
	for (int i = 0; i < n; i++)
		if (sub[i] >= 0)
		{
			int			arm = treat[i] == 1.0;

			w[i] *= cnt[arm] / sum[arm];
		}
	pfree(n1);
	pfree(n0);
	pfree(num);
	return kept;
}
