-- causal.estimate(method => 'regression') on 2,000,000 rows against the causal.moments scan of the
-- same columns (target: at most 1.2x), and sensemakr's bounds and IDA on a stored sketch
-- (target: under 10 ms), against reading the sketch (causal.n); 2SLS on the rows against the
-- moment scan, and DoubleML's sensitivity bounds of a stored DML effect.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
\ir helpers.sql
CREATE TEMP TABLE b (name text, ms float8);
DROP TABLE IF EXISTS estimate_bench;
CREATE UNLOGGED TABLE estimate_bench AS
SELECT id, x[1] AS x1, x[2] AS x2, x[3] AS x3, treatment AS t, outcome AS y, (id % 1000)::int AS g
  FROM causal.simulate_sem(2000000, 3, seed => 9);
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
-- 2SLS on the rows (x1 as the instrument of t, HC1 and clustered) against the moment scan of the
-- same columns, and 2SLS from that sketch
INSERT INTO b VALUES ('moments scan of y, t, x1, x2, x3', pg_temp.best_ms(
  'SELECT causal.moments(y, t, x1, x2, x3) FROM estimate_bench', 3));
INSERT INTO b VALUES ('2SLS on the rows, HC1', pg_temp.best_ms(
  'SELECT count(*) FROM causal.iv_2sls(''estimate_bench'', ''y'', ''{t}'', ''{x1}'', ''{x2,x3}'')', 3));
INSERT INTO b VALUES ('2SLS on the rows, 1000 clusters', pg_temp.best_ms(
  'SELECT count(*) FROM causal.iv_2sls(''estimate_bench'', ''y'', ''{t}'', ''{x1}'', ''{x2,x3}'', cluster => ''g'')', 3));
INSERT INTO b VALUES ('2SLS on the stored sketch', pg_temp.best_ms(
  'SELECT count(*) FROM sk, causal.iv_2sls(sk.m, 1, ''{2}'', ''{3}'', ''{4,5}'')', 20));
-- DoubleML's sensitivity bounds of a stored DML effect (no rows, no refit)
CREATE TEMP TABLE dml_eff AS
SELECT causal.dml_plr((id % 5)::bigint, y, t, x1, x2, x3) AS e FROM estimate_bench;
INSERT INTO b VALUES ('DML sensitivity of a stored effect', pg_temp.best_ms(
  'SELECT causal.dml_sensitivity(e, 0.05, 0.05) FROM dml_eff', 20));
DROP TABLE estimate_bench;

\echo
\echo Estimation from a sketch, n = 2000000
SELECT rpad(name, 48) || lpad(round(ms::numeric, 2)::text, 12) || ' ms' FROM b ORDER BY name;
SELECT rpad('estimate(regression) / moments scan', 68)
       || lpad(round((e.ms / s.ms)::numeric, 2)::text, 12) || '   (target: <= 1.2)'
  FROM b e, b s WHERE e.name LIKE 'estimate, regression%' AND s.name = 'moments scan of y, t, x1, x2';
SELECT rpad(format('%s / reading the sketch', e.name), 68)
       || lpad(round((e.ms / s.ms)::numeric, 1)::text, 12) || format('   (%s ms; target: < 10 ms)', round(e.ms::numeric, 2))
  FROM b e, b s WHERE e.name IN ('sensemakr bounds on the stored sketch', 'IDA on the stored sketch')
   AND s.name = 'read the stored sketch (causal.n)';
SELECT rpad(format('%s / moments scan', e.name), 68)
       || lpad(round((e.ms / s.ms)::numeric, 2)::text, 12)
  FROM b e, b s WHERE e.name LIKE '2SLS on the rows%' AND s.name = 'moments scan of y, t, x1, x2, x3';
SELECT rpad(format('%s / reading the sketch', e.name), 68)
       || lpad(round((e.ms / s.ms)::numeric, 1)::text, 12) || format('   (%s ms)', round(e.ms::numeric, 2))
  FROM b e, b s WHERE e.name IN ('2SLS on the stored sketch', 'DML sensitivity of a stored effect')
   AND s.name = 'read the stored sketch (causal.n)';
