-- Conditional-independence tests: Fisher-z throughput from a stored k = 50
-- sketch, RCIT on a million rows, KCI on 2,000 rows.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE b (name text, ms float8);
\ir helpers.sql

-- a k = 50 sketch of 100,000 rows, and 20,000 tests with |S| <= 3 drawn from it
CREATE TEMP TABLE sk50 AS
SELECT causal.moments(VARIADIC x) AS m FROM causal.simulate_sem(100000, 50, 7, 0.05);
CREATE TEMP TABLE tests AS
SELECT g, 1 + (g * 7) % 50 AS i, 1 + (g * 13 + 1) % 50 AS j,
       ARRAY(SELECT 1 + (g * s * 17 + 3) % 50 FROM generate_series(1, g % 4) s) AS given
  FROM generate_series(1, 20000) g;
DELETE FROM tests WHERE i = j OR i = ANY (given) OR j = ANY (given)
   OR cardinality(given) <> (SELECT count(DISTINCT v) FROM unnest(given) v);
SELECT count(*) AS ntests FROM tests \gset
INSERT INTO b VALUES ('fisherz: all tests', pg_temp.best_ms(
  'SELECT count(*) FROM tests, sk50 WHERE (causal.ci_test(sk50.m, i, j, given)).independent', 3));
INSERT INTO b VALUES ('baseline: causal.n(m) per test', pg_temp.best_ms(
  'SELECT count(*) FROM tests, sk50 WHERE causal.n(sk50.m) > 0', 3));

-- RCIT, n = 1,000,000, |S| = 2; baseline: a sum() scan over the same columns
CREATE UNLOGGED TABLE rc AS
SELECT x[1] + x[3] AS a, x[2] + x[3] AS b2, x[3] AS c, x[4] AS d
  FROM causal.simulate_sem(1000000, 4, 11, 0.0);
VACUUM ANALYZE rc;
INSERT INTO b VALUES ('rcit: n = 1e6, |S| = 2', pg_temp.best_ms(
  $q$SELECT * FROM causal.ci_test('rc', 'a', 'b2', '{c,d}', 'rcit', seed => 1)$q$, 1));
INSERT INTO b VALUES ('baseline: sum() over the 4 columns', pg_temp.best_ms(
  'SELECT sum(a), sum(b2), sum(c), sum(d) FROM rc', 3));

-- KCI, n = 2,000, |S| = 1
CREATE TEMP TABLE kc AS SELECT x[1] + x[3] AS a, x[2] + x[3] AS b2, x[3] AS c
  FROM causal.simulate_sem(2000, 3, 12, 0.0);
INSERT INTO b VALUES ('kci: n = 2000, |S| = 1', pg_temp.best_ms(
  $q$SELECT * FROM causal.ci_test('pg_temp.kc', 'a', 'b2', '{c}', 'kci')$q$, 1));
INSERT INTO b VALUES ('kci: n = 2000, unconditional', pg_temp.best_ms(
  $q$SELECT * FROM causal.ci_test('pg_temp.kc', 'a', 'b2', method => 'kci')$q$, 1));
DROP TABLE rc;

\echo
\echo conditional-independence tests
SELECT rpad(name, 44) || lpad(round(ms::numeric, 1)::text, 10) || ' ms' FROM b ORDER BY name;
\echo
SELECT rpad(label, 68) || lpad(round(value::numeric, 2)::text, 12) FROM (VALUES
  ('fisherz tests per second from SQL (PC calls the C path directly)',
     :ntests / ((SELECT ms FROM b WHERE name = 'fisherz: all tests') / 1000.0)),
  ('fisherz per test / causal.n(m) per test (sketch unpacking)',
     (SELECT ms FROM b WHERE name = 'fisherz: all tests') / (SELECT ms FROM b WHERE name = 'baseline: causal.n(m) per test')),
  ('rcit 1e6 rows / sum() scan                        (target < 10 s)',
     (SELECT ms FROM b WHERE name = 'rcit: n = 1e6, |S| = 2') / (SELECT ms FROM b WHERE name = 'baseline: sum() over the 4 columns')),
  ('kci n = 2000 with |S| = 1, seconds               (target < 3 s)',
     (SELECT ms FROM b WHERE name = 'kci: n = 2000, |S| = 1') / 1000.0)
) x(label, value);
