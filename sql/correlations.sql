-- Table-level causal.correlations: quoting, column checks, NULL handling.
\set SHOW_CONTEXT never
CREATE SCHEMA "odd schema";
CREATE TABLE "odd schema"."My Table" ("Weird ""col""" float8, b int, label text, c numeric);
INSERT INTO "odd schema"."My Table"
  SELECT i, i % 4, 'l' || i, CASE WHEN i = 5 THEN NULL ELSE i * i END FROM generate_series(1, 20) i;
SELECT x, y, round(covariance::numeric, 6) AS covariance, round(correlation::numeric, 6) AS correlation, n
  FROM causal.correlations('"odd schema"."My Table"');
SELECT x, y, round(correlation::numeric, 6) AS correlation
  FROM causal.correlations('"odd schema"."My Table"', ARRAY['b', 'Weird "col"']);
-- errors name the column
SELECT * FROM causal.correlations('"odd schema"."My Table"', ARRAY['nope']);
SELECT * FROM causal.correlations('"odd schema"."My Table"', ARRAY['label']);
SELECT * FROM causal.correlations('"odd schema"."My Table"', ARRAY['b; DROP TABLE x']);
SELECT * FROM causal.correlations('"odd schema"."My Table"', ARRAY[]::text[]);
SELECT * FROM causal.correlations('no_such_table');
-- a constant column: correlation NULL, covariance 0
CREATE TABLE "odd schema".k AS SELECT i::float8 AS a, 1.0::float8 AS one FROM generate_series(1, 5) i;
SELECT x, y, covariance, correlation FROM causal.correlations('"odd schema".k');
-- too few rows
SELECT * FROM causal.correlations('"odd schema".k', ARRAY['a']) WHERE false;
DELETE FROM "odd schema".k WHERE a > 1;
SELECT * FROM causal.correlations('"odd schema".k');
DROP SCHEMA "odd schema" CASCADE;
