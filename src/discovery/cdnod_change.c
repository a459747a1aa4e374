/*
 * cdnod_change.c
 *		CD-NOD's orientation by independent changes (Huang, Zhang, Zhang,
 *		Sanchez-Romero, Glymour and Schoelkopf, JMLR 2020, section 4.2; the
 *		kernel estimator of nonstationary conditional distributions is from
 *		their ICDM 2017 paper).
 *
 * When X and Y are adjacent and both have changing mechanisms (both are
 * adjacent to the domain or time index C), the skeleton and the colliders
 * may leave X --- Y undirected.  If X --> Y, the changes of P(X) and of
 * P(Y | X) across C are independent, while in the anticausal factorization
 * P(Y) and P(X | Y) change together.  On n rows (x, y, c) this module
 * measures, for each direction, how dependent the two modules' changes are:
 *
 *	 Kx, Ky		  Gaussian Gram matrices of the standardized columns,
 *				  K_ij = exp(-(a_i - a_j)^2 / m), m the median of the positive
 *				  squared distances;
 *	 Kc			  for domains (categorical), Kc_ij = 1 when rows i and j share
 *				  the domain, else 0, so that each domain's distributions are
 *				  estimated from its own rows; for a time index, Gaussian like
 *				  Kx, so that distributions at nearby times borrow strength.
 *				  'auto' takes domains when the rows average at least two per
 *				  distinct value, a time index otherwise.  (A Gaussian kernel
 *				  on domain numbers smooths unrelated domains together, and
 *				  the criterion is then no better than chance on designs whose
 *				  parameters are drawn independently per domain);
 *	 M_X		  the Gram matrix across rows of the conditional mean
 *				  embeddings of P(X | C = c_i):
 *				  M_X = B' Kx B,  B = (Kc + l1 I)^-1 Kc;
 *	 M_Y|X		  the Gram matrix of the embeddings of P(Y | X, C = c_i):
 *				  M_Y|X = Kc ((Kx Kx) o (R Ky R)) Kc / n^2,
 *				  R = (Kx o Kc + l2 I)^-1 (o the elementwise product);
 *	 G_X, G_Y|X   Gaussian kernels on those embeddings,
 *				  G_ij = exp(-d_ij / (2 m)), d_ij = M_ii + M_jj - 2 M_ij
 *				  (0 below 1e-10 max M_ii), m the median positive d, each
 *				  centred (H G H);
 *	 Delta(X->Y)  = <G_X, G_Y|X> / (|G_X| |G_Y|X|), the normalized HSIC
 *				  (Frobenius inner product of the centred matrices).
 *
 * The direction with the smaller Delta is the causal one.  l1 = 1 and
 * l2 = 2 (the authors' constant for the joint regression).  Cost O(n^3): the
 * caller samples at most max_rows rows.  Written here because no library
 * offers these estimators; the linear algebra is LAPACK's (dposv) and
 * BLAS's (dgemm).
 */
#include "postgres.h"

#include <math.h>
#include <stdlib.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "citest/kernel.h"
#include "core/compare.h"
#include "core/linalg.h"
#include "core/sql_args.h"
#include "core/table_rows.h"

#define CHANGE_LAMBDA_MARGINAL 1.0
#define CHANGE_LAMBDA_CONDITIONAL 2.0


/* The median of the positive strictly-upper entries of the n x n matrix d; 0 if none. */
static double
MedianPositive(const double *d, int n)
{
	double	   *v = palloc(sizeof(double) * ((Size) n * (n - 1) / 2 + 1));
	Size		m = 0;
	double		med;

	for (int j = 1; j < n; j++)
		for (int i = 0; i < j; i++)
			if (d[i + (Size) j * n] > 0.0)
				v[m++] = d[i + (Size) j * n];
	if (m == 0)
	{
		pfree(v);
		return 0.0;
	}
	qsort(v, m, sizeof(double), compare_double);
	med = (m % 2 == 1) ? v[m / 2] : 0.5 * (v[m / 2 - 1] + v[m / 2]);
	pfree(v);
	return med;
}

/* The Gaussian Gram matrix of the standardized column a (n values), median width. */
static double *
ColumnGram(const double *a, int n)
{
	double	   *z = palloc(sizeof(double) * n),
			   *k = kernel_alloc_matrix(n),
				m;

	memcpy(z, a, sizeof(double) * n);
	kernel_standardize(z, n, 1);
	for (int j = 0; j < n; j++)
		for (int i = 0; i < n; i++)
			k[i + (Size) j * n] = (z[i] - z[j]) * (z[i] - z[j]);
	m = MedianPositive(k, n);
	for (Size i = 0; i < (Size) n * n; i++)
		k[i] = exp(-k[i] / m);
	pfree(z);
	return k;
}

/* The indicator Gram matrix of equal values of c. */
static double *
DomainGram(const double *c, int n)
{
	double	   *k = kernel_alloc_matrix(n);

	for (int j = 0; j < n; j++)
		for (int i = 0; i < n; i++)
			k[i + (Size) j * n] = c[i] == c[j] ? 1.0 : 0.0;
	return k;
}

/* Distinct values of c (n values). */
static int
DistinctValues(const double *c, int n)
{
	double	   *s = palloc(sizeof(double) * n);
	int			d = 1;

	memcpy(s, c, sizeof(double) * n);
	qsort(s, n, sizeof(double), compare_double);
	for (int i = 1; i < n; i++)
		if (s[i] != s[i - 1])
			d++;
	pfree(s);
	return d;
}

/* M = B' Kx B with B = (Kc + l I)^-1 Kc: the embeddings of P(X | C). */
static double *
MarginalModule(const double *kx, const double *kc, int n)
{
	double	   *a = kernel_alloc_matrix(n),
			   *b = kernel_alloc_matrix(n),
			   *t = kernel_alloc_matrix(n),
			   *m = kernel_alloc_matrix(n);

	memcpy(a, kc, sizeof(double) * n * n);
	for (int i = 0; i < n; i++)
		a[i + (Size) i * n] += CHANGE_LAMBDA_MARGINAL;
	memcpy(b, kc, sizeof(double) * n * n);
	if (!linalg_spd_solve(n, a, b, n))
		elog(ERROR, "CD-NOD independent change: the regularized domain kernel is not positive definite");
	linalg_gemm(n, n, n, kx, b, t);
	linalg_gemm_tn(n, n, n, b, t, m);
	pfree(a);
	pfree(b);
	pfree(t);
	return m;
}

/* M = Kc ((Kx Kx) o (R Ky R)) Kc / n^2, R = (Kx o Kc + l I)^-1: the embeddings of P(Y | X, C). */
static double *
ConditionalModule(const double *kx, const double *ky, const double *kc, int n)
{
	Size		nn = (Size) n * n;
	double	   *a = kernel_alloc_matrix(n),
			   *s = kernel_alloc_matrix(n),
			   *t = kernel_alloc_matrix(n),
			   *m = kernel_alloc_matrix(n);

	/* one Cholesky factor of Kx o Kc + l I; s = R Ky, then t = R (R Ky)' = R Ky R (symmetric) */
	for (Size i = 0; i < nn; i++)
		a[i] = kx[i] * kc[i];
	for (int i = 0; i < n; i++)
		a[i + (Size) i * n] += CHANGE_LAMBDA_CONDITIONAL;
	if (!linalg_cholesky_upper(n, a))
		elog(ERROR, "CD-NOD independent change: the regularized joint kernel is not positive definite");
	memcpy(s, ky, sizeof(double) * nn);
	linalg_cholesky_solve(n, a, s, n);
	CHECK_FOR_INTERRUPTS();
	for (int j = 0; j < n; j++)
		for (int i = 0; i < n; i++)
			t[i + (Size) j * n] = s[j + (Size) i * n];
	linalg_cholesky_solve(n, a, t, n);
	CHECK_FOR_INTERRUPTS();
	/* s = (Kx Kx) o t */
	linalg_gemm(n, n, n, kx, kx, s);
	for (Size i = 0; i < nn; i++)
		s[i] *= t[i];
	linalg_gemm(n, n, n, kc, s, t);
	linalg_gemm(n, n, n, t, kc, m);
	for (Size i = 0; i < nn; i++)
		m[i] /= (double) n * n;
	pfree(a);
	pfree(s);
	pfree(t);
	return m;
}

/*
 * Replaces the embedding Gram matrix m by its centred Gaussian kernel; false
 * when the embeddings do not vary (the module does not change).
 */
static bool
EmbeddingKernel(double *m, int n)
{
	double	   *d = kernel_alloc_matrix(n),
				med,
				eps = 0.0;

	/*
	 * Rows of one domain share their embeddings; rounding leaves their
	 * distances at about 1e-16 of the diagonal instead of 0, and those must not
	 * count among the positive distances of the median.
	 */
	for (int i = 0; i < n; i++)
		eps = Max(eps, fabs(m[i + (Size) i * n]));
	eps *= 1e-10;
	for (int j = 0; j < n; j++)
		for (int i = 0; i < n; i++)
		{
			double		v = m[i + (Size) i * n] + m[j + (Size) j * n] - 2.0 * m[i + (Size) j * n];

			d[i + (Size) j * n] = v > eps ? v : 0.0;
		}
	med = MedianPositive(d, n);
	if (!(med > 0.0))
	{
		pfree(d);
		return false;
	}
	for (Size i = 0; i < (Size) n * n; i++)
		m[i] = exp(-d[i] / (2.0 * med));
	kernel_center(m, n);
	pfree(d);
	return true;
}

/* Delta(cause -> effect), or NaN when a module does not change. */
static double
ChangeDependence(const double *kcause, const double *keffect, const double *kc, int n)
{
	double	   *g1 = MarginalModule(kcause, kc, n),
			   *g2;
	double		s12 = 0.0,
				s11 = 0.0,
				s22 = 0.0;
	bool		ok1,
				ok2;

	CHECK_FOR_INTERRUPTS();
	g2 = ConditionalModule(kcause, keffect, kc, n);
	ok1 = EmbeddingKernel(g1, n);
	ok2 = EmbeddingKernel(g2, n);
	if (ok1 && ok2)
		for (Size i = 0; i < (Size) n * n; i++)
		{
			s12 += g1[i] * g2[i];
			s11 += g1[i] * g1[i];
			s22 += g2[i] * g2[i];
		}
	pfree(g1);
	pfree(g2);
	if (!ok1 || !ok2 || !(s11 > 0.0) || !(s22 > 0.0))
		return NAN;
	return s12 / sqrt(s11 * s22);
}


PG_FUNCTION_INFO_V1(cdnod_change_dependence);

/*
 * causal.cdnod_change_dependence(relation, cause, effect, domain, max_rows,
 * seed, domain_kernel) returns (forward, backward, n_rows, domain_kernel):
 * Delta(cause -> effect) and Delta(effect -> cause) on the rows without NULLs
 * (a seeded reservoir sample of max_rows of them when there are more, so
 * memory is bounded on any table), and the domain kernel used.  NULL for a direction in which a module does not change.
 */
Datum
cdnod_change_dependence(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.cdnod_change_dependence";
	TableRows	t;
	TableColumn cols[3];
	int			max_rows,
				n,
				i;
	int64		seed;
	double	   *v[3],
			   *kx,
			   *ky,
			   *kc,
				fwd,
				bwd;
	TupleDesc	desc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	static const char *const kinds[] = {"auto", "categorical", "gaussian", NULL};
	char	   *kind;
	int			kind_code;
	bool		categorical;
	const char *argnames[3] = {"cause", "effect", "domain"};

	for (i = 0; i < 7; i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: no argument may be NULL (argument %d is)", fn, i + 1),
					 errhint("Pass a table, the two columns of the edge, the domain column, max_rows, seed and domain_kernel.")));
	max_rows = PG_GETARG_INT32(4);
	seed = PG_GETARG_INT64(5);
	kind = text_to_cstring(PG_GETARG_TEXT_PP(6));
	kind_code = sql_args_choice_hint(kind, fn, "domain_kernel", kinds,
									 "'categorical' for domains (data sets, sites), 'gaussian' for a time index.");
	if (max_rows < 10 || max_rows > 5000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: argument \"max_rows\" must be between 10 and 5000, got %d", fn, max_rows),
				 errhint("The cost grows with the cube of the rows used; 500 to 1000 is typical.")));
	/* seven n x n matrices live at the peak */
	kernel_check_memory(7.0 * 8.0 * (double) max_rows * max_rows, fn);
	memset(cols, 0, sizeof(cols));
	for (i = 0; i < 3; i++)
	{
		cols[i].name = text_to_cstring(PG_GETARG_TEXT_PP(i + 1));
		cols[i].kind = TABLE_COL_NUMERIC;
	}
	if (strcmp(cols[0].name, cols[1].name) == 0 || strcmp(cols[0].name, cols[2].name) == 0 ||
		strcmp(cols[1].name, cols[2].name) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: cause, effect and domain must be three different columns", fn)));
	memset(&t, 0, sizeof(t));
	t.ncols = 3;
	t.cols = cols;
	/* a seeded uniform sample of max_rows rows when there are more, read in one pass */
	table_rows_read_sample(PG_GETARG_OID(0), &t, fn, max_rows, seed);
	n = t.nrows;
	if (n < 10)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: %d rows without NULLs, at least 10 are needed", fn, n),
				 errhint("Rows with a NULL in cause, effect or domain are skipped.")));
	for (i = 0; i < 3; i++)
		v[i] = cols[i].values;
	for (int c = 0; c < 3; c++)
	{
		bool		constant = true;

		for (i = 1; i < n && constant; i++)
			constant = v[c][i] == v[c][0];
		if (constant)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: column \"%s\" (argument \"%s\") is constant on the rows used", fn,
							cols[c].name, argnames[c]),
					 errhint("Independent changes need a varying cause, effect and domain.")));
	}
	kx = ColumnGram(v[0], n);
	ky = ColumnGram(v[1], n);
	if (kind_code == 0)			/* auto */
		categorical = 2 * DistinctValues(v[2], n) <= n;
	else
		categorical = kind_code == 1;
	kc = categorical ? DomainGram(v[2], n) : ColumnGram(v[2], n);
	CHECK_FOR_INTERRUPTS();
	fwd = ChangeDependence(kx, ky, kc, n);
	bwd = ChangeDependence(ky, kx, kc, n);

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "%s: the result type must be a row", fn);
	desc = BlessTupleDesc(desc);
	values[0] = Float8GetDatum(fwd);
	nulls[0] = isnan(fwd);
	values[1] = Float8GetDatum(bwd);
	nulls[1] = isnan(bwd);
	values[2] = Int32GetDatum(n);
	values[3] = CStringGetTextDatum(categorical ? "categorical" : "gaussian");
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
