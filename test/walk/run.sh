#!/usr/bin/env bash
# Runs every call of the catalog walk (test/walk/walk.sql) in a session of its own,
# so that a crash names the call that caused it.  Prints one line per call whose
# outcome is a crash or XX000; exits non-zero if there is one.
#   bash test/walk/run.sh DB
set -uo pipefail
db=${1:?database}
dir=$(cd "$(dirname "$0")" && pwd)
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f "$dir/walk.sql" >/dev/null || exit 1
bad=0
while IFS=$'\t' read -r fn label sql; do
	out=$(psql -X -q -At -d "$db" -v VERBOSITY=verbose -c "SET statement_timeout = '30s'" -c "$sql" 2>&1)
	rc=$?
	if [ $rc -eq 2 ] || printf '%s' "$out" | grep -q 'server closed\|terminated abnormally'; then
		printf 'CRASH\t%s\t%s\t%s\n' "$fn" "$label" "$sql"; bad=1; sleep 2
	elif printf '%s' "$out" | grep -q 'ERROR:  XX000\|ERROR:  57014'; then
		printf '%s\t%s\t%s\t%s\n' "$(printf '%s' "$out" | grep -o 'ERROR:  [0-9A-Z]*: .*' | head -1)" "$fn" "$label" "$sql"; bad=1
	elif [ "$label" = baseline ] && printf '%s' "$out" | grep -q 'ERROR:'; then
		printf 'BASELINE\t%s\t%s\t%s\n' "$(printf '%s' "$out" | grep -o 'ERROR:  [0-9A-Z]*: .*' | head -1)" "$fn" "$sql"; bad=1
	elif [ "$label" = missing ]; then
		printf 'MISSING\t%s\t%s\n' "$fn" "$sql"; bad=1
	fi
done < <(psql -X -q -At -F $'\t' -d "$db" -c "SELECT fn, label, sql FROM causal_walk_calls()")
exit $bad
