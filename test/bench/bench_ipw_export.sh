#!/usr/bin/env bash
# IPW in the database against exporting the rows and fitting in Python (#17): 1M rows x 10
# covariates of table t; causal.weighting_effect (logistic propensity, Hajek) against \copy to CSV +
# pandas + statsmodels Logit + Hajek, both timed in this run, and one moments scan of the same
# columns as the in-run baseline.  Skipped when python3's pandas or statsmodels is missing
# (Debian: python3-pandas, python3-statsmodels).  Usage: bench_ipw_export.sh DB
set -euo pipefail
DB=$1
HERE=$(cd "$(dirname "$0")" && pwd)
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
if ! /usr/bin/python3 -c "import pandas, statsmodels" 2>/dev/null; then
	echo "IPW vs export + statsmodels: skipped (python3-pandas and python3-statsmodels are not installed)"
	exit 0
fi
csv=$(mktemp /tmp/causal-bench-ipw.XXXXXX.csv)
q -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS bench_ipw" \
  -c "CREATE TABLE bench_ipw AS SELECT id, treatment AS t, outcome AS y, x[1] AS x1, x[2] AS x2, x[3] AS x3, x[4] AS x4,
             x[5] AS x5, x[6] AS x6, x[7] AS x7, x[8] AS x8, x[9] AS x9, x[10] AS x10
        FROM causal.simulate_sem(1000000, 10, seed => 7, edge_prob => 0.1)"
now() { date +%s.%N; }
t0=$(now); q -c "SELECT causal.n(causal.moments(t, y, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10)) FROM bench_ipw" >/dev/null; t1=$(now)
db_est=$(q -c "SELECT estimate FROM causal.weighting_effect('bench_ipw', 'y', 't', ARRAY['x1','x2','x3','x4','x5','x6','x7','x8','x9','x10'], 'id')")
t2=$(now)
q -c "\\copy bench_ipw TO '$csv' WITH (FORMAT csv, HEADER)"
t3=$(now)
read -r read_s fit_s py_est < <(/usr/bin/python3 "$HERE/ipw_statsmodels.py" "$csv")
rm -f "$csv"
q -c "DROP TABLE bench_ipw"
awk -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" -v rd="$read_s" -v fit="$fit_s" -v a="$db_est" -v b="$py_est" 'BEGIN {
	scan = t1 - t0; ipw = t2 - t1; cp = t3 - t2
	printf "IPW 1M x 10: in the database %.2f s = %.1f moments scans; export %.2f s + read %.2f s + statsmodels %.2f s = %.2f s; export/database %.1fx (target >= 3); estimates %.5f and %.5f\n",
	       ipw, ipw / scan, cp, rd, fit, cp + rd + fit, (cp + rd + fit) / ipw, a, b }'
