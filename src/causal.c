/*
 * causal.c
 *		Module entry: PG_MODULE_MAGIC and the extension's settings (GUCs).
 */
#include "postgres.h"

#include <limits.h>

#include "fmgr.h"
#include "utils/guc.h"

#include "core/settings.h"
#include "core/linalg.h"
#include "sketch/crosstab.h"
#include "sketch/fourth.h"

PG_MODULE_MAGIC;

bool		causal_progress = false;
int			causal_blas_threads = 1;
int			causal_max_memory_kb = 1024 * 1024;
int			causal_simd = SIMD_AUTO;

static const struct config_enum_entry simd_options[] = {
	{"auto", SIMD_AUTO, false},
	{"avx512", SIMD_AVX512, false},
	{"avx2", SIMD_AVX2, false},
	{"generic", SIMD_GENERIC, false},
	{NULL, 0, false}
};

void		_PG_init(void);

/* Applies a new value of causal.blas_threads to the BLAS library. */
static void
AssignBlasThreads(int newval, void *extra)
{
	linalg_set_threads(newval);
}

/* Rejects an instruction set that this CPU does not have. */
static bool
CheckSimd(int *newval, void **extra, GucSource source)
{
	const char *name = *newval == SIMD_AVX512 ? "avx512" :
		*newval == SIMD_AVX2 ? "avx2" : "generic";

	if (*newval == SIMD_AUTO || fourth_simd_supported(name))
		return true;
	GUC_check_errdetail("This CPU does not support %s.", name);
	GUC_check_errhint("Use auto, which picks the best the CPU has.");
	return false;
}

/* Registers the settings and pins BLAS to one thread per backend. */
void
_PG_init(void)
{
	DefineCustomBoolVariable("causal.progress",
							 "Report progress of long computations through NOTICE messages.",
							 NULL,
							 &causal_progress,
							 false,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);

	DefineCustomIntVariable("causal.blas_threads",
							"Threads that BLAS/LAPACK may use inside one backend.",
							"A database runs many backends at once, so the default is one.",
							&causal_blas_threads,
							1, 1, 64,
							PGC_USERSET, 0,
							NULL, AssignBlasThreads, NULL);

	/*
	 * Superuser-only: it is the administrator's bound on what one call may
	 * take from the server (GRANT SET ON PARAMETER hands it to a role).
	 */
	DefineCustomIntVariable("causal.max_memory",
							"Largest amount of memory a row-level method may materialize.",
							"Bounds the rows a method reads into memory and its largest matrices; see doc/data.md.",
							&causal_max_memory_kb,
							1024 * 1024, 1024, INT_MAX,
							PGC_SUSET, GUC_UNIT_KB,
							NULL, NULL, NULL);

	DefineCustomIntVariable("causal.crosstab_max_levels",
							"Most distinct values one column of a causal.crosstab may have.",
							NULL,
							&causal_crosstab_max_levels,
							10000, 2, 1000000,
							PGC_USERSET, 0,
							NULL, NULL, NULL);

	DefineCustomIntVariable("causal.crosstab_max_cells",
							"Most observed cells a causal.crosstab may hold.",
							NULL,
							&causal_crosstab_max_cells,
							1000000, 1, INT_MAX / 2,
							PGC_USERSET, 0,
							NULL, NULL, NULL);

	DefineCustomEnumVariable("causal.simd",
							 "Instruction set of the hand-vectorized kernels (the one-scan DML sketch).",
							 "auto picks the best this CPU has; the others exist to test and compare them.",
							 &causal_simd,
							 SIMD_AUTO, simd_options,
							 PGC_USERSET, 0,
							 CheckSimd, NULL, NULL);

	MarkGUCPrefixReserved("causal");
	linalg_set_threads(causal_blas_threads);
}
