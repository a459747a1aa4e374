#!/usr/bin/env bash
# ALTER EXTENSION causal UPDATE from the released 0.1.0 (sql/causal--0.1.0.sql, frozen as
# shipped): sketches, a contingency table and an effect row stored under 0.1.0 read the same
# after the update, and the updated catalog equals a fresh install's, object by object
# (functions with their arguments, defaults, result, volatility, parallel safety, settings,
# body and comment; aggregates; types with their attributes; the extension's members).
# Prints TAP-style lines.  Usage: test/upgrade.sh (PGHOST/PGPORT set, the extension installed)
set -uo pipefail
cd "$(dirname "$0")/.."
OLD=causal_up_old NEW=causal_up_new
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
i=0
ok() { i=$((i + 1)); echo "ok $i - $1"; }
notok() { i=$((i + 1)); echo "not ok $i - $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/#   /' | head -40; }

for db in $OLD $NEW; do
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1
done

# what 0.1.0 users may hold: stored sketches and effect rows
STORE="
CREATE TABLE obs AS SELECT g AS id, (g % 3)::text AS grp, sin(g) AS x1, cos(g * 0.7) + 0.1 * g % 5 AS x2,
                           (g % 2) AS t, sin(g) + (g % 2) * 2.0 AS y
  FROM generate_series(1, 500) g;
CREATE TABLE rollup AS SELECT grp, causal.moments(x1, x2, y) AS m, causal.crosstab(grp, t::text) AS c
  FROM obs GROUP BY grp;
CREATE TABLE effects AS SELECT causal.weighted_effect(y, t = 1, 1.0) AS e FROM obs;"
READ="
SELECT grp, causal.n(m), causal.means(m), causal.covariance(m), causal.correlation(m)
  FROM rollup ORDER BY grp;
SELECT causal.covariance(causal.merge(m)) FROM rollup;
SELECT grp, causal.n(c) FROM rollup ORDER BY grp;
SELECT (e).estimate, (e).std_error, (e).n FROM effects;"

# values the 0.1.0 library itself made (test/data/sketches_0.1.0.csv, written by
# test/scripts/make_sketch_fixture.sh with the 0.1.0 build): their text form, the bytes 0.1.0
# stored for them on disk, and what 0.1.0's readers returned
FIXTURE="
CREATE TABLE fixture (kind text, grp int, value text, raw_hex text, reading float8[]);"
STORED="
CREATE TABLE stored AS
SELECT kind, grp, reading, raw_hex,
       CASE WHEN kind LIKE 'moments%' THEN value::causal.moments END AS m,
       CASE WHEN kind = 'crosstab' THEN value::causal.crosstab END AS c,
       CASE WHEN kind = 'dml_sketch' THEN value::causal.dml_sketch END AS d
  FROM fixture;"
# how many of the stored values read otherwise than 0.1.0 read them (1e-12 relative), of how many
CHECK_STORED="
SELECT count(*) FILTER (WHERE NOT coalesce(ok, false)), count(*)
  FROM (SELECT kind, grp, cardinality(now) = cardinality(reading)
                          AND (SELECT bool_and(abs(a - b) <= 1e-12 * abs(b) + 1e-300) FROM unnest(now, reading) u(a, b)) AS ok
          FROM (SELECT kind, grp, reading,
                       CASE WHEN m IS NOT NULL THEN array[causal.n(m)::float8] || causal.means(m)
                                                    || ARRAY(SELECT unnest(causal.covariance(m)))
                            WHEN c IS NOT NULL THEN ARRAY(SELECT n::float8 FROM causal.cells(c) ORDER BY labels::text)
                            ELSE array[(causal.dml_plr(d)).estimate, (causal.dml_plr(d)).std_error] END AS now
                  FROM stored) s) t;"
# the bytes this library stores for the same values, read as the fixture's were
# (test/scripts/sketch_raw.sql): how many differ from 0.1.0's, of how many
CHECK_BYTES="
INSERT INTO m_plain SELECT m FROM stored WHERE kind = 'moments' ORDER BY grp;
INSERT INTO w_plain SELECT m FROM stored WHERE kind = 'moments_weighted' ORDER BY grp;
INSERT INTO c_plain SELECT c FROM stored WHERE kind = 'crosstab' ORDER BY grp;
INSERT INTO d_plain SELECT d FROM stored WHERE kind = 'dml_sketch' ORDER BY grp;
SELECT count(*) FILTER (WHERE r.raw IS DISTINCT FROM decode(f.raw_hex, 'hex')), count(*)
  FROM fixture f
  LEFT JOIN (SELECT 'moments' AS kind, row_number() OVER (ORDER BY lp) - 1 AS grp, raw FROM raw_bytes('m_plain')
             UNION ALL SELECT 'moments_weighted', row_number() OVER (ORDER BY lp) - 1, raw FROM raw_bytes('w_plain')
             UNION ALL SELECT 'crosstab', row_number() OVER (ORDER BY lp) - 1, raw FROM raw_bytes('c_plain')
             UNION ALL SELECT 'dml_sketch', row_number() OVER (ORDER BY lp) - 1, raw FROM raw_bytes('d_plain')) r
    ON r.kind = f.kind AND r.grp = f.grp;"

if out=$(q -d $OLD -c "CREATE EXTENSION causal VERSION '0.1.0'" -c "$STORE" -c "$FIXTURE" \
		-c "\\copy fixture FROM 'test/data/sketches_0.1.0.csv' WITH (FORMAT csv, HEADER)" -c "$STORED" 2>&1); then
	ok "CREATE EXTENSION causal VERSION '0.1.0' (the frozen script) and storing sketches and effects under it"
else
	notok "CREATE EXTENSION causal VERSION '0.1.0'" "$out"
fi
got=$(q -d $OLD -c "$CHECK_STORED" 2>&1)
if [ "$got" = "0|12" ]; then
	ok "sketches made by the 0.1.0 library (moments, weighted moments, crosstab, DML; 12 values) read as 0.1.0 read them"
else
	notok "sketches made by the 0.1.0 library read as 0.1.0 read them (mismatches|values)" "$got"
fi
got=$(q -d $OLD -f test/scripts/sketch_raw.sql -c "$CHECK_BYTES" 2>&1 | tail -1)
if [ "$got" = "0|12" ]; then
	ok "this library stores those 12 values in the very bytes 0.1.0 stored: its on-disk format is 0.1.0's"
else
	notok "this library stores the values in the bytes 0.1.0 stored (differing|values)" "$got"
fi
before=$(q -d $OLD -c "$READ" 2>&1)
updated=false
if out=$(q -d $OLD -c "ALTER EXTENSION causal UPDATE" 2>&1) &&
	[ "$(q -d $OLD -c "SELECT extversion FROM pg_extension WHERE extname = 'causal'")" = "$(sed -n "s/^default_version = '\(.*\)'/\1/p" causal.control)" ]; then
	ok "ALTER EXTENSION causal UPDATE reaches the default version"
	updated=true
else
	notok "ALTER EXTENSION causal UPDATE" "$out"
fi
after=$(q -d $OLD -c "$READ" 2>&1)
if $updated && [ -n "$before" ] && [ "$before" = "$after" ] && ! grep -q ERROR <<<"$before"; then
	ok "sketches, contingency tables and effect rows stored under 0.1.0 read the same after the update"
else
	notok "stored values read the same after the update" "$(diff <(echo "$before") <(echo "$after"))"
fi
got=$(q -d $OLD -c "$CHECK_STORED" 2>&1)
if $updated && [ "$got" = "0|12" ]; then
	ok "after the update the sketches 0.1.0 stored still read the same"
else
	notok "after the update the sketches 0.1.0 stored read the same (mismatches|values)" "$got"
fi
got=$(q -d $OLD -c "SELECT (e).statistic IS NULL, round((s.t / ((e).estimate / (e).std_error))::numeric, 12)
                      FROM effects, causal.summary(ARRAY[(SELECT e FROM effects)]) s" 2>&1)
if [ "$got" = "t|1.000000000000" ]; then
	ok "an effect row stored by 0.1.0 has no statistic; causal.summary computes its t"
else
	notok "an effect row stored by 0.1.0 in causal.summary" "$got"
fi

q -d $NEW -c "CREATE EXTENSION causal" >/dev/null 2>&1
CATALOG="
SELECT format('function %s (%s) -> %s %s%s%s%s%s%s %s %s %s %s', p.oid::regprocedure, pg_get_function_arguments(p.oid),
              pg_get_function_result(p.oid), p.prokind, p.provolatile, p.proparallel, p.prosecdef, p.proisstrict,
              p.proretset, p.proconfig, md5(p.prosrc), p.probin, md5(obj_description(p.oid, 'pg_proc')))
  FROM pg_proc p WHERE p.pronamespace = 'causal'::regnamespace
UNION ALL
SELECT format('aggregate %s %s %s %s %s %s %s %s %s%s', a.aggfnoid::regprocedure, a.aggtransfn, a.aggfinalfn,
              a.aggcombinefn, a.aggserialfn, a.aggdeserialfn, a.aggtranstype::regtype, a.agginitval,
              a.aggfinalmodify, a.aggfinalextra)
  FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid WHERE p.pronamespace = 'causal'::regnamespace
UNION ALL
SELECT format('type %s %s %s %s %s %s %s%s%s [%s] %s', t.typname, t.typtype, t.typinput, t.typoutput, t.typreceive,
              t.typsend, t.typlen, t.typalign, t.typstorage,
              (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                 FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped),
              md5(obj_description(t.oid, 'pg_type')))
  FROM pg_type t WHERE t.typnamespace = 'causal'::regnamespace
UNION ALL
SELECT 'member ' || pg_describe_object(d.classid, d.objid, d.objsubid)
  FROM pg_depend d WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'causal')
UNION ALL
SELECT 'schema comment ' || md5(obj_description('causal'::regnamespace, 'pg_namespace'))
ORDER BY 1;"
old_cat=$(q -d $OLD -c "$CATALOG" 2>&1)
new_cat=$(q -d $NEW -c "$CATALOG" 2>&1)
if [ "$(echo "$new_cat" | wc -l)" -gt 100 ] && [ "$old_cat" = "$new_cat" ]; then
	ok "0.1.0 updated has the catalog of a fresh install ($(echo "$new_cat" | wc -l) objects compared)"
else
	notok "0.1.0 updated has the catalog of a fresh install (< fresh install, > updated)" \
		"$(diff <(echo "$new_cat") <(echo "$old_cat") | grep '^[<>]' | cut -c1-300)"
fi
for db in $OLD $NEW; do
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
done
