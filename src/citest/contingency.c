/*
 * contingency.c
 *		Chi-square and G-squared tests of conditional independence on a
 *		causal.crosstab, with causal-learn's conventions.
 *
 * For each stratum s of the conditioning set that occurs in the data, with
 * O the counts of (x, y) and E = N_sx N_sy / N_s:
 *	 chi^2 = sum (O - E)^2 / E over cells with E > 0,
 *	 G^2   = 2 sum O ln(O / E) over cells with O > 0,
 *	 dof   = sum over strata of (|X| - 1 - absent_x(s)) (|Y| - 1 - absent_y(s)),
 * where |X|, |Y| are the numbers of distinct values in the whole column and
 * absent_x(s) the values of x that do not occur in stratum s; the terms are
 * (present_x(s) - 1)(present_y(s) - 1).  dof = 0 gives p = 1.  Strata that
 * do not occur contribute nothing, so the test works on the sparse table and
 * never enumerates the cartesian product of the conditioning columns.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "core/distributions.h"
#include "citest/citest.h"
#include "sketch/crosstab_funcs.h"

/* Adds one stratum's statistic and degrees of freedom. */
static void
Stratum(const MarginalCell *c, int count, int ns, bool gsq, double *nx, double *ny,
		double *stat, double *dof)
{
	double		ntot = 0.0,
				sum_e_obs = 0.0,
				st = 0.0;
	int			present_x = 0,
				present_y = 0,
				i;

	for (i = 0; i < count; i++)
	{
		int			x = c[i].codes[ns],
					y = c[i].codes[ns + 1];

		if (nx[x] == 0.0)
			present_x++;
		if (ny[y] == 0.0)
			present_y++;
		nx[x] += c[i].count;
		ny[y] += c[i].count;
		ntot += c[i].count;
	}
	for (i = 0; i < count; i++)
	{
		double		o = (double) c[i].count;
		double		e = nx[c[i].codes[ns]] * ny[c[i].codes[ns + 1]] / ntot;

		if (gsq)
			st += o * log(o / e);
		else
		{
			st += (o - e) * (o - e) / e;
			sum_e_obs += e;
		}
	}
	if (gsq)
		*stat += 2.0 * st;
	else
		*stat += st + (ntot - sum_e_obs);	/* empty cells of present rows and columns add E */
	*dof += (double) (present_x - 1) * (present_y - 1);
	for (i = 0; i < count; i++)
	{
		nx[c[i].codes[ns]] = 0.0;
		ny[c[i].codes[ns + 1]] = 0.0;
	}
}

void
citest_check_levels(const CrosstabFlat *f, int col, const char *name, const char *fn)
{
	int64		levels = CROSSTAB_NLABELS(f)[col];

	if (levels > CITEST_MAX_SPARSE_LEVELS && levels * CITEST_MIN_ROWS_PER_LEVEL > f->n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 name != NULL
				 ? errmsg("%s: column \"%s\" has %lld levels in %lld rows, too many for a discrete test",
						  fn, name, (long long) levels, (long long) f->n)
				 : errmsg("%s: column %d of the crosstab has %lld levels in %lld rows, too many for a discrete test",
						  fn, col + 1, (long long) levels, (long long) f->n),
				 errhint("A chi-square or G-squared test needs a few levels with several rows each (here more than %d levels "
						 "and fewer than %d rows a level): leave out an id column (exclude => ...), use ci_test => 'fisherz' "
						 "or 'kci' for a continuous column, or bin it (width_bucket).",
						 CITEST_MAX_SPARSE_LEVELS, CITEST_MIN_ROWS_PER_LEVEL)));
}

void
citest_check_all_levels(const CrosstabFlat *f, char **names, int nnames, const char *fn)
{
	for (int j = 0; j < f->k; j++)
		citest_check_levels(f, j, nnames == f->k ? names[j] : NULL, fn);
}

/* Chi-square or G-squared test of x and y given s. */
CiResult
citest_contingency(const CrosstabFlat *f, int x, int y, const int *s, int ns, bool gsq)
{
	int		   *cols = palloc(sizeof(int) * (ns + 2));
	int			card_x = CROSSTAB_NLABELS(f)[x],
				card_y = CROSSTAB_NLABELS(f)[y],
				ncells,
				i,
				j,
				start;
	double	   *nx = palloc0(sizeof(double) * Max(card_x, 1));
	double	   *ny = palloc0(sizeof(double) * Max(card_y, 1));
	MarginalCell *cells;
	CiResult	res;

	for (i = 0; i < ns; i++)
		cols[i] = s[i];
	cols[ns] = x;
	cols[ns + 1] = y;
	for (i = 0; i < ns + 2; i++)
		for (j = 0; j < i; j++)
			if (cols[i] == cols[j])
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s test: column %d appears twice among x, y and the conditioning set",
								gsq ? "G-squared" : "chi-square", cols[i] + 1)));
	if (f->n < 1)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s test on an empty crosstab", gsq ? "G-squared" : "chi-square"),
				 errhint("Too few rows: the crosstab counts no row.")));

	cells = crosstab_marginal(f, cols, ns + 2, &ncells);
	res.method = gsq ? "gsq" : "chisq";
	res.statistic = 0.0;
	res.dof = 0.0;
	res.n = f->n;
	start = 0;
	for (i = 1; i <= ncells; i++)
	{
		bool		same = i < ncells;

		for (j = 0; j < ns && same; j++)
			if (cells[i].codes[j] != cells[start].codes[j])
				same = false;
		if (same)
			continue;
		CHECK_FOR_INTERRUPTS();
		Stratum(cells + start, i - start, ns, gsq, nx, ny, &res.statistic, &res.dof);
		start = i;
	}
	res.p_value = res.dof == 0.0 ? 1.0 : dist_pchisq(res.statistic, res.dof, false);
	return res;
}
