# Makefile for the causal PostgreSQL extension (PGXS).
#
#   make            build the shared library and the install script
#   make install    install into the PostgreSQL found by PG_CONFIG
#   make test       install missing packages, build, start a throwaway
#                   cluster, run pg_regress and pgTAP, print "N passed, N failed"
#   make demo       the same set-up, then the bundled example pipeline
#   make bench      benchmarks in test/bench (ratios against in-run baselines)
#   make fuzz       the sketch fuzz target (10,000 mutated values; FUZZ_VALUES,
#                   FUZZ_SECONDS, FUZZ_SEED)
#   make check-slow the simulations of test/slow (coverage of intervals, size and
#                   power of tests; tens of minutes)
#   make check-asan make test's suites with AddressSanitizer + UBSan (fuzz: 2 minutes)
#   make check-citus Citus built from ../shared/citus, a coordinator and two
#                   workers, test/citus/citus.sql (skipped without ../shared/citus)
#
# The set-up lives in test/harness.sh; this file only builds.

EXTENSION   = causal
EXTVERSION  = 0.2.0
MODULE_big  = causal

PG_CONFIG  ?= $(shell test -x /usr/lib/postgresql/15/bin/pg_config && \
                echo /usr/lib/postgresql/15/bin/pg_config || echo pg_config)

SRCS       := $(sort $(wildcard src/*.c src/*/*.c src/*/*/*.c))
OBJS        = $(SRCS:.c=.o)
SQL_PARTS  := $(sort $(wildcard sql/install/*.sql))
DATA_built  = sql/$(EXTENSION)--$(EXTVERSION).sql
# released versions, frozen as shipped, and the scripts that update them (test/upgrade.sh
# checks that 0.1.0 updated equals a fresh install, function by function)
DATA        = sql/$(EXTENSION)--0.1.0.sql sql/$(EXTENSION)--0.1.0--0.2.0.sql
REGRESS    := $(sort $(patsubst sql/%.sql,%,$(filter-out sql/$(EXTENSION)--%,$(wildcard sql/*.sql))))
REGRESS_OPTS = --load-extension=$(EXTENSION)
EXTRA_CLEAN = results regression.diffs regression.out $(OBJS:.o=.d)

# Our own files build warning-free under -Wall -Wextra -Werror.  PostgreSQL's
# fmgr macros leave fcinfo unused in some functions and its node structs are
# routinely initialised partially, so those two -Wextra members are off.
PG_CPPFLAGS = -I$(CURDIR)/src -I/usr/include/x86_64-linux-gnu
# -MMD -MP: GCC writes a .d file beside each object listing the headers it
# read, included below, so that changing a header (a struct's layout)
# rebuilds every object that uses it; PGXS alone does not track headers.
PG_CFLAGS   = -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
              -Wno-missing-field-initializers -MMD -MP $(CAUSAL_CFLAGS)
SHLIB_LINK  = -lopenblas -llapacke -lRmath -lxgboost -lnlopt -lm $(CAUSAL_LDFLAGS)

PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
else
all:
	@echo "PostgreSQL server headers not found; run 'make test' or 'make demo'," \
	      "which install them, or: apt-get install postgresql-server-dev-15" >&2; exit 1
endif

# The IPM solvers' per-row loops (widening the single-precision features,
# the binned and sigmoid passes) are their hot paths; -O3 lets GCC vectorize
# them.
src/estimate/weighting/ipm_%.o: CFLAGS += -O3

-include $(OBJS:.o=.d)

$(DATA_built): $(SQL_PARTS)
	cat $(SQL_PARTS) > $@

.PHONY: test demo bench fuzz check-slow check-asan check-citus prove deps

test:
	bash test/harness.sh test

demo:
	bash test/harness.sh demo

bench:
	bash test/harness.sh bench

fuzz:
	bash test/harness.sh fuzz

check-slow:
	bash test/harness.sh slow

check-asan:
	bash test/harness.sh asan

# the sketch aggregates and table-level functions on a Citus coordinator and two workers
check-citus:
	bash test/citus/run.sh

deps:
	bash test/harness.sh deps

# pgTAP suites against the server named by PGHOST/PGPORT (the harness sets them).
prove:
	pg_prove -v -d $${CAUSAL_TAP_DB:-causal_tap} test/pgtap/*.sql
