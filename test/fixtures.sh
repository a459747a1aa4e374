#!/usr/bin/env bash
# Loads causal-learn's public test fixtures (../shared/fixtures/causal-learn,
# present only beside a checkout) into schema "fixtures" of database $1, for
# the pgTAP suites that compare with them.  Nothing is copied into the project.
# Usage: test/fixtures.sh DB FIXTURE_DIR
set -euo pipefail
db=$1
dir=$2
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
cols=$(head -1 "$dir/pc_linear/data.csv" | tr -d '\r')
q -c "CREATE SCHEMA fixtures"
for case in pc_linear pc_discrete; do
	type=float8
	[ "$case" = pc_discrete ] && type=int
	defs=$(echo "$cols" | tr ',' '\n' | sed "s/.*/\"&\" $type/" | paste -sd, -)
	q -c "CREATE TABLE fixtures.$case (row_id serial, $defs)"
	q -c "\\copy fixtures.$case ($(echo "$cols" | sed 's/[^,]*/"&"/g')) FROM '$dir/$case/data.csv' WITH (FORMAT csv, HEADER)"
done
q -c "CREATE TABLE fixtures.reference (name text PRIMARY KEY, doc jsonb)"
for case in pc_linear pc_discrete ges_linear; do
	[ -f "$dir/$case/reference.json" ] || continue
	echo "INSERT INTO fixtures.reference VALUES (:'name', :'doc'::jsonb);" |
		q -v doc="$(cat "$dir/$case/reference.json")" -v name="$case" -f -
done
q -c "ANALYZE fixtures.pc_linear" -c "ANALYZE fixtures.pc_discrete"
