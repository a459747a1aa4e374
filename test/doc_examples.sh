#!/usr/bin/env bash
# Runs every ```sql block of each doc/*.md page, in order, in a fresh database
# with the extension, and compares what the page prints (results, notices,
# warnings) with expected/doc/<page>.out.  A page passes when none of its
# statements fails and its output matches.  Numbers are compared to 6
# significant digits (the last digits of a BLAS sum may differ between CPUs);
# everything else exactly.  Prints one TAP-style line per page.
#   test/doc_examples.sh            check
#   test/doc_examples.sh --record   (re)write expected/doc/*.out after a deliberate change
set -uo pipefail
cd "$(dirname "$0")/.."
record=false
[ "${1:-}" = "--record" ] && record=true
mkdir -p expected/doc

# numbers with a fraction or an exponent, rounded to 6 significant digits; -0 is 0
normalize() {
	perl -pe 's/(?<![\w.])(-?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?|-?\d+[eE][-+]?\d+)(?![\w.])/my $v = sprintf("%.6g", $1); $v eq "-0" ? "0" : $v/ge'
}

i=0
for page in doc/*.md; do
	sqlfile=$(mktemp)
	awk '/^```sql[[:space:]]*$/ {on = 1; next} /^```/ {on = 0} on {print}' "$page" > "$sqlfile"
	[ -s "$sqlfile" ] || { rm -f "$sqlfile"; continue; }
	i=$((i + 1))
	name=$(basename "$page" .md)
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS causal_doc" -c "CREATE DATABASE causal_doc" >/dev/null 2>&1
	if out=$(PGOPTIONS="-c client_min_messages=notice" psql -X -q -A -v ON_ERROR_STOP=1 -v VERBOSITY=default \
			-d causal_doc -c "CREATE EXTENSION causal" -f "$sqlfile" 2>&1); then
		got=$(printf '%s\n' "$out" | sed "s|^psql:$sqlfile:|psql:|" | normalize)
		if $record; then
			printf '%s\n' "$got" > "expected/doc/$name.out"
			echo "ok $i - examples in $page run (output recorded)"
		elif [ ! -f "expected/doc/$name.out" ]; then
			echo "not ok $i - examples in $page: no expected/doc/$name.out (run test/doc_examples.sh --record)"
		elif d=$(diff <(cat "expected/doc/$name.out") <(printf '%s\n' "$got")); then
			echo "ok $i - examples in $page run and print the expected output"
		else
			echo "not ok $i - examples in $page print other output than expected/doc/$name.out"
			printf '%s\n' "$d" | sed 's/^/#   /' | head -40
		fi
	else
		echo "not ok $i - examples in $page run"
		printf '%s\n' "$out" | sed 's/^/#   /' | tail -20
	fi
	rm -f "$sqlfile"
done
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS causal_doc" >/dev/null 2>&1
