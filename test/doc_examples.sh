#!/usr/bin/env bash
# Runs every ```sql block of each doc/*.md page, in order, in a fresh database
# with the extension; a page passes when none of its statements fails.
# Prints one TAP-style line per page.  Usage: test/doc_examples.sh
set -uo pipefail
cd "$(dirname "$0")/.."
i=0
for page in doc/*.md; do
	sqlfile=$(mktemp)
	awk '/^```sql[[:space:]]*$/ {on = 1; next} /^```/ {on = 0} on {print}' "$page" > "$sqlfile"
	[ -s "$sqlfile" ] || { rm -f "$sqlfile"; continue; }
	i=$((i + 1))
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS causal_doc" -c "CREATE DATABASE causal_doc" >/dev/null 2>&1
	if out=$(psql -X -q -v ON_ERROR_STOP=1 -d causal_doc -c "CREATE EXTENSION causal" -f "$sqlfile" 2>&1 >/dev/null); then
		echo "ok $i - examples in $page run"
	else
		echo "not ok $i - examples in $page run"
		printf '%s\n' "$out" | sed 's/^/#   /' | head -20
	fi
	rm -f "$sqlfile"
done
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS causal_doc" >/dev/null 2>&1
