/*
 * kernel_sql.c
 *		SQL entry points of the kernel CI tests: causal.kci(...) over arrays.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "citest/citest.h"
#include "citest/kci.h"
#include "citest/rcit.h"
#include "citest/kernel_sql.h"
#include "core/sql_args.h"

/*
 * Reads a float8[] of n values (one variable) or a float8[][] of n rows and
 * d columns into a column-major n x d matrix.
 */
double *
kernel_array_columns(ArrayType *a, const char *name, int *n, int *d)
{
	int			ndim = ARR_NDIM(a);
	Datum	   *elems;
	bool	   *nulls;
	int			count,
				rows,
				cols,
				i,
				j;
	double	   *out;

	if (ndim < 1 || ndim > 2)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("argument \"%s\" must be a float8[] of n values or a float8[][] of n rows", name)));
	rows = ARR_DIMS(a)[0];
	cols = ndim == 2 ? ARR_DIMS(a)[1] : 1;
	deconstruct_array(a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &count);
	out = palloc_extended(sizeof(double) * Max((Size) rows * cols, 1), MCXT_ALLOC_HUGE);
	for (i = 0; i < rows; i++)
		for (j = 0; j < cols; j++)
		{
			Size		k = (Size) i * cols + j;
			double		v;

			if (nulls[k])
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("argument \"%s\" contains a NULL at row %d", name, i + 1),
						 errhint("Filter out rows with NULLs first.")));
			v = DatumGetFloat8(elems[k]);
			if (!isfinite(v))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("argument \"%s\" is NaN or infinite at row %d", name, i + 1)));
			out[i + (Size) j * rows] = v;
		}
	*n = rows;
	*d = cols;
	return out;
}

PG_FUNCTION_INFO_V1(kci_arrays);
/* causal.kci(x, y, z, alpha, width, sigmas): KCI on arrays of rows. */
Datum
kci_arrays(PG_FUNCTION_ARGS)
{
	static const char *const widths[] = {"empirical", "median", "manual", NULL};
	static const KciWidthRule rules[] = {KCI_EMPIRICAL, KCI_MEDIAN, KCI_MANUAL};
	KciInput	in;
	int			ny,
				nz;
	double		alpha;
	char	   *width;
	CiResult	r;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(3) || PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("x, y, alpha and width of causal.kci must not be NULL")));
	memset(&in, 0, sizeof(in));
	in.x = kernel_array_columns(PG_GETARG_ARRAYTYPE_P(0), "x", &in.n, &in.dx);
	in.y = kernel_array_columns(PG_GETARG_ARRAYTYPE_P(1), "y", &ny, &in.dy);
	if (ny != in.n)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("x has %d rows but y has %d", in.n, ny)));
	if (!PG_ARGISNULL(2))
	{
		in.z = kernel_array_columns(PG_GETARG_ARRAYTYPE_P(2), "z", &nz, &in.dz);
		if (nz != in.n)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("x has %d rows but z has %d", in.n, nz)));
	}
	alpha = citest_alpha(PG_GETARG_FLOAT8(3));
	width = text_to_cstring(PG_GETARG_TEXT_PP(4));
	in.rule = rules[sql_args_choice_hint(width, "causal.kci", "width", widths,
										 "empirical: causal-learn's width from the sample size; median: the median distance; manual: pass sigmas.")];
	if (in.rule == KCI_MANUAL)
	{
		ArrayType  *s;
		Datum	   *elems;
		bool	   *nulls;
		int			count,
					i;

		in.rule = KCI_MANUAL;
		if (PG_ARGISNULL(5))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("width => 'manual' needs sigmas => ARRAY[sigma_x, sigma_y, sigma_z]")));
		s = PG_GETARG_ARRAYTYPE_P(5);
		deconstruct_array(s, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
						  &elems, &nulls, &count);
		if (count < (in.dz > 0 ? 3 : 2))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"sigmas\" needs a kernel width for x, y%s", in.dz > 0 ? " and z" : "")));
		for (i = 0; i < Min(count, 3); i++)
		{
			in.manual[i] = nulls[i] ? NAN : DatumGetFloat8(elems[i]);
			if (!(in.manual[i] > 0.0) || isinf(in.manual[i]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("kernel widths in \"sigmas\" must be finite and positive")));
		}
	}
	r = citest_kci(&in);
	PG_RETURN_DATUM(citest_result_datum(fcinfo, &r, alpha));
}

PG_FUNCTION_INFO_V1(rcit_arrays);
/* causal.rcit(x, y, z, alpha, seed, num_f, num_f2, approx): RCIT on arrays of rows. */
Datum
rcit_arrays(PG_FUNCTION_ARGS)
{
	static const char *const approxes[] = {"lpb4", "hbe", NULL};
	RcitInput	in;
	int			n,
				ny,
				nz;
	double		alpha;
	char	   *approx;
	CiResult	r;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(3) || PG_ARGISNULL(5) ||
		PG_ARGISNULL(6) || PG_ARGISNULL(7))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("only z and seed of causal.rcit may be NULL")));
	memset(&in, 0, sizeof(in));
	in.x = kernel_array_columns(PG_GETARG_ARRAYTYPE_P(0), "x", &n, &in.dx);
	in.n = n;
	in.y = kernel_array_columns(PG_GETARG_ARRAYTYPE_P(1), "y", &ny, &in.dy);
	if (ny != n)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("x has %d rows but y has %d", n, ny)));
	if (!PG_ARGISNULL(2))
	{
		in.z = kernel_array_columns(PG_GETARG_ARRAYTYPE_P(2), "z", &nz, &in.dz);
		if (nz != n)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("x has %d rows but z has %d", n, nz)));
	}
	alpha = citest_alpha(PG_GETARG_FLOAT8(3));
	in.seed = PG_ARGISNULL(4) ? 0 : PG_GETARG_INT64(4);
	in.num_f = PG_GETARG_INT32(5);
	in.num_f2 = PG_GETARG_INT32(6);
	if (in.num_f < 1 || in.num_f > 1000 || in.num_f2 < 1 || in.num_f2 > 50)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("num_f must lie in [1, 1000] and num_f2 in [1, 50]")));
	approx = text_to_cstring(PG_GETARG_TEXT_PP(7));
	/* lpb4 with one product weight has nothing to fit: Hall-Buckley-Eagleson then */
	in.use_hbe = sql_args_choice_hint(approx, "causal.rcit", "approx", approxes,
									  "lpb4: Lindsay-Pilla-Basak; hbe: Hall-Buckley-Eagleson.") == 1 ||
		in.num_f2 == 1;
	r = citest_rcit(&in);
	PG_RETURN_DATUM(citest_result_datum(fcinfo, &r, alpha));
}
