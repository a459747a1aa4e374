#!/usr/bin/env bash
# Benchmarks for `make bench` (not part of `make test`).  Every figure is a
# ratio against a baseline measured in the same run on the same table, so it
# speaks of our code rather than of the machine.
#
#   BENCH_N (default 5000000 rows), BENCH_K (default 20 columns), BENCH_REPS (3)
set -euo pipefail
DB=${1:-causal_bench}
N=${BENCH_N:-5000000}
K=${BENCH_K:-20}
REPS=${BENCH_REPS:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

echo "== generating t: n = $N rows, k = $K columns (seeded linear SEM)"
q -v n="$N" -v k="$K" -f "$HERE/setup.sql"
for f in "$HERE"/bench_*.sql; do
	q -v reps="$REPS" -v k="$K" -f "$f"
done
bash "$HERE/bench_ipw_export.sh" "$DB"
