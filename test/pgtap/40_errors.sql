-- Bad input: every error carries the documented SQLSTATE.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(25);

CREATE TEMP TABLE e (a float8, b float8, t text, k float8);
INSERT INTO e SELECT i, i * i % 7, 'x', 1 FROM generate_series(1, 20) i;
CREATE TEMP TABLE es AS SELECT causal.moments(a, b, k) AS m, causal.moments(a) AS m1 FROM e;

SELECT throws_ok($$SELECT causal.moments(a, 'NaN'::float8) FROM e$$, '22023', NULL, 'NaN value');
SELECT throws_ok($$SELECT causal.moments(a, 'Infinity'::float8) FROM e$$, '22023', NULL, 'infinite value');
SELECT throws_ok($$SELECT causal.moments(a, t) FROM e$$, '42804', NULL, 'text column');
SELECT throws_ok($$SELECT causal.moments_weighted(-a, b) FROM e$$, '22023', NULL, 'negative weight');
SELECT throws_ok($$SELECT 'garbage'::causal.moments$$, '22P02', NULL, 'malformed text (not JSON)');
SELECT throws_ok($$SELECT '{"version": 1}'::causal.moments$$, '22P02', NULL, 'malformed text (keys)');
SELECT throws_ok(
  $$SELECT '{"version": 1, "k": 1, "weighted": false, "n": 2, "n_skipped": 0, "sum_w": 2, "sum_w2": 2, "shift": [0], "delta": [0], "comoment": [-4]}'::causal.moments$$,
  '22P02', NULL, 'text with a negative variance');
CREATE TEMP TABLE eb (b bytea);
INSERT INTO eb SELECT substr(causal.moments_send(m), 1, 40) FROM es;
COPY eb TO '/tmp/causal_tap_bad.bin' WITH (FORMAT binary);
CREATE TEMP TABLE eback (m causal.moments);
SELECT throws_ok($$COPY eback FROM '/tmp/causal_tap_bad.bin' WITH (FORMAT binary)$$, '22P03', NULL,
                 'truncated binary value');
SELECT throws_ok($$SELECT causal.covariance(causal.moments(a)) FROM e WHERE a = 1$$, '22000', NULL,
                 'covariance of one row');
SELECT throws_ok($$SELECT causal.correlation(m) FROM es$$, '22000', NULL, 'constant column');
SELECT throws_ok($$SELECT causal.partial_correlation(m, 1, 2, '{3}') FROM es$$, '22000', NULL,
                 'constant conditioning column');
SELECT throws_ok($$SELECT * FROM causal.ols((SELECT m FROM es), 1, '{2,3}')$$, '22000', NULL,
                 'OLS with a constant regressor');
SELECT throws_ok($$SELECT causal.partial_correlation(m, 1, 9) FROM es$$, '22023', NULL,
                 'column index out of range');
SELECT throws_ok($$SELECT causal.merge(x) FROM (SELECT m FROM es UNION ALL SELECT m1 FROM es) s(x)$$,
                 '22000', NULL, 'merging sketches of different k');
SELECT throws_ok($$SELECT * FROM causal.correlations('pg_temp.e', ARRAY['nope'])$$, '42703', NULL,
                 'unknown column');
SELECT throws_ok($$SELECT * FROM causal.correlations('pg_temp.e', ARRAY['t'])$$, '42804', NULL,
                 'non-numeric column');
CREATE TEMP TABLE e1 AS SELECT * FROM e LIMIT 1;
SELECT throws_ok($$SELECT * FROM causal.correlations('pg_temp.e1', ARRAY['a'])$$, '22000', NULL,
                 'table level: too few rows');
SELECT lives_ok($$SELECT * FROM causal.correlations('pg_temp.e')$$, 'constant column at table level gives NULL correlation, not an error');
SELECT throws_ok($$SELECT causal.qnorm(2)$$, '22023', NULL, 'probability above 1');
-- a NULL sketch (an aggregate over no rows) or a NULL option is an error, never a crash
SELECT throws_ok($$SELECT * FROM causal.ols(NULL::causal.moments, 1, '{2}')$$, '22004', NULL, 'ols of a NULL sketch');
SELECT throws_ok($$SELECT * FROM causal.pc(NULL::causal.moments)$$, '22004', NULL, 'PC on a NULL sketch');
SELECT throws_ok($$SELECT * FROM causal.ges(NULL::causal.moments)$$, '22004', NULL, 'GES on a NULL sketch');
SELECT throws_ok($$SELECT * FROM causal.cells(NULL::causal.crosstab)$$, '22004', NULL, 'cells of a NULL crosstab');
SELECT throws_ok($$SELECT * FROM causal.pc((SELECT causal.crosstab(a, b) FROM (VALUES (1, 2), (2, 1)) v(a, b)), ci_test => 'fisherz')$$,
                 '22023', NULL, 'PC on a crosstab with a test for numbers (ci_test NULL, like the deprecated method, is the default chisq)');
SELECT throws_ok($$SELECT * FROM causal.pc((SELECT causal.moments(a, b) FROM (VALUES (1.0::float8, 2.0::float8), (2, 1), (3, 5)) v(a, b)),
                                            stable => NULL)$$, '22004', NULL, 'PC with a NULL option');
SELECT * FROM finish();
ROLLBACK;
