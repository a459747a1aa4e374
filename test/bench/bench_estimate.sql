-- causal.estimate(method => 'regression') on 2,000,000 rows against the causal.moments scan of the
-- same columns (target: at most 1.2x), and sensemakr's bounds and IDA on a stored sketch
-- (target: under 10 ms), against reading the sketch (causal.n).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
\ir helpers.sql
CREATE TEMP TABLE b (name text, ms float8);
DROP TABLE IF EXISTS estimate_bench;
CREATE UNLOGGED TABLE estimate_bench AS
SELECT id, x[1] AS x1, x[2] AS x2, x[3] AS x3, treatment AS t, outcome AS y FROM causal.simulate_sem(2000000, 3, seed => 9);
VACUUM ANALYZE estimate_bench;
INSERT INTO b VALUES ('moments scan of y, t, x1, x2', pg_temp.best_ms(
  'SELECT causal.moments(y, t, x1, x2) FROM estimate_bench', 3));
INSERT INTO b VALUES ('estimate, regression (identify + scan + OLS)', pg_temp.best_ms(format(
  'SELECT causal.estimate(%L, %L, %L, %L::causal.graph, %L)', 'estimate_bench', 't', 'y',
  'x1 --> x2; x1 --> x3; x1 --> t; x2 --> t; x1 --> y; x2 --> y; t --> y', 'regression'), 3));
CREATE TEMP TABLE sk AS SELECT causal.moments(y, t, x1, x2, x3) AS m FROM estimate_bench;
INSERT INTO b VALUES ('read the stored sketch (causal.n)', pg_temp.best_ms('SELECT causal.n(m) FROM sk', 20));
INSERT INTO b VALUES ('sensemakr bounds on the stored sketch', pg_temp.best_ms(
  'SELECT count(*) FROM sk, causal.ovb_bounds(sk.m, 1, 2, ''{3,4,5}'', 3, ''{1,2,3}'')', 20));
INSERT INTO b VALUES ('IDA on the stored sketch', pg_temp.best_ms(
  'SELECT count(*) FROM sk, causal.ida(sk.m, ''x1 --- x2; x1 --- x3; x2 --- t; x1 --> t; t --> y; x1 --> y; x2 --> y'', ''t'', ''y'', ''{y,t,x1,x2,x3}'')', 20));
DROP TABLE estimate_bench;

\echo
\echo Estimation from a sketch, n = 2000000
SELECT rpad(name, 48) || lpad(round(ms::numeric, 2)::text, 12) || ' ms' FROM b ORDER BY name;
SELECT rpad('estimate(regression) / moments scan', 68)
       || lpad(round((e.ms / s.ms)::numeric, 2)::text, 12) || '   (target: <= 1.2)'
  FROM b e, b s WHERE e.name LIKE 'estimate, regression%' AND s.name LIKE 'moments scan%';
SELECT rpad(format('%s / reading the sketch', e.name), 68)
       || lpad(round((e.ms / s.ms)::numeric, 1)::text, 12) || format('   (%s ms; target: < 10 ms)', round(e.ms::numeric, 2))
  FROM b e, b s WHERE e.name IN ('sensemakr bounds on the stored sketch', 'IDA on the stored sketch')
   AND s.name = 'read the stored sketch (causal.n)';
