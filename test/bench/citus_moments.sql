-- causal.moments on Citus (a coordinator and two workers on this machine), run by
-- test/citus/run.sh bench (make bench, when ../shared/citus holds a Citus release): 2,000,000 rows
-- of 20 columns, hash-distributed on id (32 shards) and the same rows in a local table.  Each
-- figure is a ratio of best wall times in one run; the target of issue #17: the distributed
-- causal.moments within 1.5x of the same query on the local table.  The plain sum() of the same
-- 20 columns on both tables is printed too, so that Citus's own overhead on this machine shows.
\set QUIET 1
SET client_min_messages = error;
\i test/bench/helpers.sql
DROP TABLE IF EXISTS bench_obs, bench_obs_local;
CREATE TABLE bench_obs_local AS
SELECT i AS id, x[1] x1, x[2] x2, x[3] x3, x[4] x4, x[5] x5, x[6] x6, x[7] x7, x[8] x8, x[9] x9, x[10] x10,
       x[11] x11, x[12] x12, x[13] x13, x[14] x14, x[15] x15, x[16] x16, x[17] x17, x[18] x18, x[19] x19, x[20] x20
  FROM causal.simulate_sem(2000000, 20, seed => 5, edge_prob => 0.2) s(i, x, t, y);
CREATE TABLE bench_obs (LIKE bench_obs_local);
DO $$ BEGIN PERFORM create_distributed_table('bench_obs', 'id'); END $$;
INSERT INTO bench_obs SELECT * FROM bench_obs_local;
VACUUM ANALYZE bench_obs_local;
VACUUM ANALYZE bench_obs;
\set cols 'x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17, x18, x19, x20'
\set sums 'sum(x1), sum(x2), sum(x3), sum(x4), sum(x5), sum(x6), sum(x7), sum(x8), sum(x9), sum(x10), sum(x11), sum(x12), sum(x13), sum(x14), sum(x15), sum(x16), sum(x17), sum(x18), sum(x19), sum(x20)'
CREATE TEMP TABLE bench_citus (what text, ms float8);
INSERT INTO bench_citus VALUES
  ('sum local', pg_temp.best_ms('SELECT ' || :'sums' || ' FROM bench_obs_local', 5)),
  ('sum citus', pg_temp.best_ms('SELECT ' || :'sums' || ' FROM bench_obs', 5)),
  ('moments local', pg_temp.best_ms('SELECT causal.n(causal.moments(' || :'cols' || ')) FROM bench_obs_local', 5)),
  ('moments citus', pg_temp.best_ms('SELECT causal.n(causal.moments(' || :'cols' || ')) FROM bench_obs', 5)),
  ('table_moments citus', pg_temp.best_ms($$SELECT causal.n(causal.table_moments('bench_obs', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10,x11,x12,x13,x14,x15,x16,x17,x18,x19,x20}'))$$, 5)),
  -- five columns: less work a row, so the wrapper's cost a row weighs more
  ('sum5 local', pg_temp.best_ms('SELECT sum(x1), sum(x2), sum(x3), sum(x4), sum(x5) FROM bench_obs_local', 5)),
  ('sum5 citus', pg_temp.best_ms('SELECT sum(x1), sum(x2), sum(x3), sum(x4), sum(x5) FROM bench_obs', 5)),
  ('moments5 local', pg_temp.best_ms('SELECT causal.n(causal.moments(x1, x2, x3, x4, x5)) FROM bench_obs_local', 5)),
  ('moments5 citus', pg_temp.best_ms('SELECT causal.n(causal.moments(x1, x2, x3, x4, x5)) FROM bench_obs', 5));
\pset format unaligned
\pset tuples_only on
CREATE FUNCTION pg_temp.ms(w text) RETURNS float8 LANGUAGE sql AS $$ SELECT ms FROM bench_citus WHERE what = w $$;
SELECT format('citus: causal.moments over 2M x 20 distributed / local = %s (target <= 1.5); sum() distributed / local = %s; '
              'table_moments distributed / local moments = %s; 2M x 5: moments distributed / local = %s, sum() %s  [ms: %s]',
              round((pg_temp.ms('moments citus') / pg_temp.ms('moments local'))::numeric, 2),
              round((pg_temp.ms('sum citus') / pg_temp.ms('sum local'))::numeric, 2),
              round((pg_temp.ms('table_moments citus') / pg_temp.ms('moments local'))::numeric, 2),
              round((pg_temp.ms('moments5 citus') / pg_temp.ms('moments5 local'))::numeric, 2),
              round((pg_temp.ms('sum5 citus') / pg_temp.ms('sum5 local'))::numeric, 2),
              (SELECT string_agg(format('%s %s', what, round(ms::numeric)), ', ') FROM bench_citus));
DROP TABLE bench_obs, bench_obs_local;
