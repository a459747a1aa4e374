#!/usr/bin/python3
"""Writes sql/install/90_lalonde.sql: MatchIt's lalonde data (test/data/lalonde.csv) as
causal.lalonde(), so that the walk-through in doc/matching.md and the demo need no file.
Run from the project root: /usr/bin/python3 test/scripts/make_lalonde_sql.py"""
import csv

rows = list(csv.DictReader(open("test/data/lalonde.csv")))
out = ["-- MatchIt's lalonde data (Dehejia and Wahba 1999 NSW treated + PSID controls, 614 rows),",
       "-- generated from test/data/lalonde.csv by test/scripts/make_lalonde_sql.py.",
       "CREATE FUNCTION causal.lalonde()",
       "    RETURNS TABLE (row_id int, id text, \"treat\" int, age int, educ int, race text, married int, nodegree int,",
       "                   re74 float8, re75 float8, re78 float8)",
       "    LANGUAGE sql IMMUTABLE PARALLEL SAFE",
       "AS $$",
       "VALUES"]
vals = []
for i, r in enumerate(rows, 1):
    vals.append("  (%d, '%s', %s, %s, %s, '%s', %s, %s, %s::float8, %s::float8, %s::float8)" % (
        i, r["id"], r["treat"], r["age"], r["educ"], r["race"], r["married"], r["nodegree"],
        r["re74"], r["re75"], r["re78"]))
out.append(",\n".join(vals))
out.append("$$;")
out.append("COMMENT ON FUNCTION causal.lalonde() IS")
out.append("  'MatchIt''s lalonde job-training data (NSW treated, PSID controls; 614 rows, row_id in data order) for examples';")
open("sql/install/90_lalonde.sql", "w").write("\n".join(out) + "\n")
