/*
 * kernel.c
 *		Gaussian kernel matrices, centring, standardisation and the median
 *		distance heuristic, for KCI and RCIT.
 */
#include "postgres.h"

#include <math.h>
#include <stdlib.h>

#include "miscadmin.h"
#include "utils/memutils.h"

#include "core/settings.h"
#include "citest/kernel.h"

/* z-scores each column (ddof 1); a constant column becomes zeros. */
void
kernel_standardize(double *a, int n, int d)
{
	int			i,
				j;

	for (j = 0; j < d; j++)
	{
		double	   *c = a + (Size) j * n;
		double		mean = 0.0,
					ss = 0.0,
					sd;

		for (i = 0; i < n; i++)
			mean += c[i];
		mean /= n;
		for (i = 0; i < n; i++)
			ss += (c[i] - mean) * (c[i] - mean);
		sd = n > 1 ? sqrt(ss / (n - 1)) : 0.0;
		for (i = 0; i < n; i++)
			c[i] = sd > 0.0 ? (c[i] - mean) / sd : 0.0;
	}
}

static int
CmpDouble(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

/* Median of the non-zero Euclidean distances between the first max_rows rows. */
double
kernel_median_distance(const double *a, int n, int d, int max_rows)
{
	int			m = Min(n, max_rows),
				i,
				j,
				l;
	Size		cnt = 0;
	double	   *dist = palloc_extended(sizeof(double) * Max((Size) m * (m - 1) / 2, 1),
									   MCXT_ALLOC_HUGE);
	double		med;

	for (i = 0; i < m; i++)
	{
		CHECK_FOR_INTERRUPTS();
		for (j = i + 1; j < m; j++)
		{
			double		s = 0.0;

			for (l = 0; l < d; l++)
			{
				double		t = a[i + (Size) l * n] - a[j + (Size) l * n];

				s += t * t;
			}
			if (s > 0.0)
				dist[cnt++] = sqrt(s);
		}
	}
	if (cnt == 0)
	{
		pfree(dist);
		return 0.0;
	}
	qsort(dist, cnt, sizeof(double), CmpDouble);
	med = (cnt % 2) ? dist[cnt / 2] : 0.5 * (dist[cnt / 2 - 1] + dist[cnt / 2]);
	pfree(dist);
	return med;
}

/* K_ij = exp(-theta/2 * ||a_i - a_j||^2), full n x n. */
void
kernel_gaussian(const double *a, int n, int d, double theta, double *k)
{
	int			i,
				j,
				l;

	for (j = 0; j < n; j++)
	{
		CHECK_FOR_INTERRUPTS();
		k[j + (Size) j * n] = 1.0;
		for (i = 0; i < j; i++)
		{
			double		s = 0.0,
						v;

			for (l = 0; l < d; l++)
			{
				double		t = a[i + (Size) l * n] - a[j + (Size) l * n];

				s += t * t;
			}
			v = exp(-0.5 * theta * s);
			k[i + (Size) j * n] = v;
			k[j + (Size) i * n] = v;
		}
	}
}

/* Replaces the symmetric K by HKH, H = I - 11'/n. */
void
kernel_center(double *k, int n)
{
	double	   *r = palloc0(sizeof(double) * n);
	double		m = 0.0;
	int			i,
				j;

	for (j = 0; j < n; j++)
		for (i = 0; i < n; i++)
			r[j] += k[i + (Size) j * n];
	for (j = 0; j < n; j++)
	{
		r[j] /= n;
		m += r[j];
	}
	m /= n;
	for (j = 0; j < n; j++)
		for (i = 0; i < n; i++)
			k[i + (Size) j * n] += m - r[i] - r[j];
	pfree(r);
}

/* Raises the memory-limit error when a computation would need more than causal.max_memory. */
void
kernel_check_memory(double bytes, const char *what)
{
	double		limit = (double) causal_max_memory_kb * 1024.0;

	if (bytes > limit)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s would need %.0f MB, more than causal.max_memory (%.0f MB)",
						what, bytes / 1048576.0, limit / 1048576.0),
				 errhint("Use fewer rows (sample them), have a superuser raise causal.max_memory, or use a test that scales (rcit).")));
}

/* Allocates one n x n matrix (callers check the memory limit first). */
double *
kernel_alloc_matrix(int n)
{
	return palloc_extended(sizeof(double) * (Size) n * n, MCXT_ALLOC_HUGE);
}
