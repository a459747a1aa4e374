-- Bench table t(id, c1..ck, treatment, outcome) from causal.simulate_sem.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP TABLE IF EXISTS t;
SELECT format('CREATE UNLOGGED TABLE t AS SELECT id, %s, treatment, outcome FROM causal.simulate_sem(%s, %s, 20261129, 0.1)',
              (SELECT string_agg(format('x[%s] AS c%s', i, i), ', ') FROM generate_series(1, :k) i),
              :n, :k) \gexec
VACUUM ANALYZE t;

