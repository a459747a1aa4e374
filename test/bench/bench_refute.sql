-- Refutation cost: 20 placebo-treatment refutations of regression adjustment, AIPW, matching
-- (ATT) and entropy balancing (ATT) on 200,000 rows, as a ratio to one causal.estimate call of the same method (the table is read
-- once; each refutation re-estimates in memory).  The ideal is 20 + 1.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
\ir helpers.sql
CREATE TEMP TABLE b (name text, ms float8);
DROP TABLE IF EXISTS refute_bench;
CREATE UNLOGGED TABLE refute_bench AS
SELECT id, x[1] AS x1, x[2] AS x2, treatment AS t, outcome AS y FROM causal.simulate_sem(200000, 2, seed => 5);
VACUUM ANALYZE refute_bench;
\set g '''x1 --> x2; x1 --> t; x2 --> t; x1 --> y; x2 --> y; t --> y'''
-- method, estimand: every family causal.refute_rows runs in memory
CREATE TEMP TABLE m (method text, estimand text);
INSERT INTO m VALUES ('regression', 'ATE'), ('aipw', 'ATE'), ('matching', 'ATT'), ('ebal', 'ATT');
INSERT INTO b SELECT 'estimate, ' || method, pg_temp.best_ms(format(
  'SELECT causal.estimate(%L, %L, %L, %L::causal.graph, %L, %L, id => %L)', 'refute_bench', 't', 'y', :g,
  method, estimand, 'id'), 3) FROM m;
INSERT INTO b SELECT '20 placebo refutations, ' || method, pg_temp.best_ms(format(
  'SELECT count(*) FROM causal.refute(%L, %L, %L, %L::causal.graph, %L, %L, refuters => %L, n_simulations => 20)',
  'refute_bench', 't', 'y', :g, method, estimand, '{placebo_treatment}'), 1) FROM m;
DROP TABLE refute_bench;

\echo
\echo Refutation, n = 200000
SELECT rpad(name, 44) || lpad(round(ms::numeric, 1)::text, 10) || ' ms' FROM b ORDER BY name;
SELECT rpad(format('20 placebo refutations / one estimate (%s)', m), 68)
       || lpad(round((r.ms / e.ms)::numeric, 1)::text, 12) || '   (ideal: 21)'
  FROM (SELECT method AS m FROM m) m
  JOIN b r ON r.name = '20 placebo refutations, ' || m
  JOIN b e ON e.name = 'estimate, ' || m;
