#!/usr/bin/env bash
# Writes test/data/sketches_0.1.0.csv: sketches made by the 0.1.0 library (commit 750d631) --
# moments, weighted moments, crosstab, the DML fold sketch -- with their text form, the bytes
# 0.1.0 stores on disk for them (read back from the heap page with pageinspect, storage PLAIN so
# that no compression or short header hides them) and what 0.1.0's readers return for them.
# test/upgrade.sh checks that the current library reads the same numbers from the text and
# writes the same bytes, so values that 0.1.0 users stored read the same after an upgrade.
# Run it against a server where 0.1.0 is built and installed (superuser, for pageinspect):
#   git worktree add /tmp/old010 750d631 && make -C /tmp/old010 -j2 && make -C /tmp/old010 install
#   PGHOST=... PGPORT=... bash test/scripts/make_sketch_fixture.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
db=causal_fixture010
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -X -q -v ON_ERROR_STOP=1 -d $db -f test/scripts/sketch_fixture.sql
psql -X -q -v ON_ERROR_STOP=1 -d $db \
	-c "\\copy (SELECT kind, grp, value, raw_hex, reading FROM fixture ORDER BY kind, grp) TO 'test/data/sketches_0.1.0.csv' WITH (FORMAT csv, HEADER)"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db"
