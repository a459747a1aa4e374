-- PC (Fisher-z) on a table of n = 1,000,000 rows and k = 50 columns from a
-- sparse DAG: the whole call (scan + discovery) against a sum() scan of the
-- same 50 columns, and the discovery alone from a stored sketch.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
\ir helpers.sql
CREATE TEMP TABLE b (name text, ms float8);
DROP TABLE IF EXISTS pc50;
SELECT format('CREATE UNLOGGED TABLE pc50 AS SELECT %s FROM causal.simulate_sem(1000000, 50, 77, 0.05)',
              (SELECT string_agg(format('x[%s] AS c%s', i, i), ', ') FROM generate_series(1, 50) i)) \gexec
VACUUM ANALYZE pc50;
SELECT format('SELECT %s FROM pc50', string_agg(format('sum(c%s)', i), ', ')) AS q_sum
  FROM generate_series(1, 50) i \gset
INSERT INTO b VALUES ('sum() over 50 columns', pg_temp.best_ms(:'q_sum', 3));
INSERT INTO b VALUES ('pc on the table (scan + discovery)', pg_temp.best_ms(
  $q$SELECT count(*) FROM causal.pc('pc50')$q$, 1));
CREATE TEMP TABLE pc50_sketch AS
  SELECT causal.table_moments('pc50', causal.numeric_columns('pc50')) AS m;
INSERT INTO b VALUES ('pc from the stored sketch', pg_temp.best_ms(
  'SELECT count(*) FROM causal.pc((SELECT m FROM pc50_sketch))', 3));
INSERT INTO b VALUES ('ges from the stored sketch (k = 50)', pg_temp.best_ms(
  'SELECT count(*) FROM causal.ges((SELECT m FROM pc50_sketch))', 1));
DROP TABLE pc50;

\echo
\echo PC, n = 1e6, k = 50
SELECT rpad(name, 44) || lpad(round(ms::numeric, 1)::text, 10) || ' ms' FROM b ORDER BY name;
SELECT rpad(label, 68) || lpad(round(value::numeric, 2)::text, 12) FROM (VALUES
  ('pc on the table / sum() scan                    (target: total < 5 s)',
     (SELECT ms FROM b WHERE name = 'pc on the table (scan + discovery)') / (SELECT ms FROM b WHERE name = 'sum() over 50 columns')),
  ('pc on the table, seconds',
     (SELECT ms FROM b WHERE name = 'pc on the table (scan + discovery)') / 1000.0),
  ('discovery share of the total (sketch-only time / table time)',
     (SELECT ms FROM b WHERE name = 'pc from the stored sketch') / (SELECT ms FROM b WHERE name = 'pc on the table (scan + discovery)')),
  ('ges from a sketch, k = 50, seconds                (target < 10 s)',
     (SELECT ms FROM b WHERE name = 'ges from the stored sketch (k = 50)') / 1000.0),
  ('ges from a sketch / sum() scan of the table',
     (SELECT ms FROM b WHERE name = 'ges from the stored sketch (k = 50)') / (SELECT ms FROM b WHERE name = 'sum() over 50 columns'))
) x(label, value);
