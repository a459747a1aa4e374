-- Double machine learning: the one-scan causal.dml_plr aggregate against causal.moments and sum()
-- over the same columns; causal.dml (lasso, xgboost) on 1,000,000 rows against a sum() scan of them.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE b (name text, ms float8);
\ir helpers.sql

-- y = outcome, d = c1, covariates c2..ck and the treatment (k covariates: 20 by default, as in
-- the issue's target), 5 folds from the id
SELECT format('SELECT causal.dml_plr((id %% 5)::bigint, outcome, c1, %s, treatment) FROM t',
              string_agg(format('c%s', i), ', ')) AS q_dml,
       format('SELECT causal.moments(outcome, c1, %s, treatment) FROM t', string_agg(format('c%s', i), ', ')) AS q_mom,
       format('SELECT sum(outcome), sum(c1), %s, sum(treatment) FROM t', string_agg(format('sum(c%s)', i), ', ')) AS q_sum,
       format('SELECT sum(outcome), sum(c1), %s FROM t1m', string_agg(format('sum(c%s)', i), ', ')) AS q_sum1m,
       array_agg(format('c%s', i)) AS covs
  FROM generate_series(2, :k) i \gset

INSERT INTO b VALUES ('sum serial', pg_temp.best_ms(:'q_sum', :reps));
INSERT INTO b VALUES ('moments serial', pg_temp.best_ms(:'q_mom', :reps));
INSERT INTO b VALUES ('dml_plr serial', pg_temp.best_ms(:'q_dml', :reps));

CREATE TEMP TABLE t1m AS SELECT * FROM t WHERE id <= 1000000;
INSERT INTO b VALUES ('sum 1M', pg_temp.best_ms(:'q_sum1m', :reps));
INSERT INTO b VALUES ('dml lasso 1M', pg_temp.best_ms(
  format('SELECT causal.dml(%L, %L, %L, %L, ml_l => %L, ml_m => %L, learner_options => %L)',
         't1m', 'outcome', 'c1', :'covs', 'lasso', 'lasso', '{"ml_l": {"lambda": 0.01}, "ml_m": {"lambda": 0.01}}'), 1));
INSERT INTO b VALUES ('dml lasso cv 1M', pg_temp.best_ms(
  format('SELECT causal.dml(%L, %L, %L, %L, ml_l => %L, ml_m => %L, learner_options => %L)',
         't1m', 'outcome', 'c1', :'covs', 'lasso', 'lasso', '{"ml_l": {"lambda": "cv"}, "ml_m": {"lambda": "cv"}}'), 1));
INSERT INTO b VALUES ('dml xgboost 1M', pg_temp.best_ms(
  format('SELECT causal.dml(%L, %L, %L, %L, ml_l => %L, ml_m => %L, learner_options => %L)',
         't1m', 'outcome', 'c1', :'covs', 'xgboost', 'xgboost',
         '{"ml_l": {"n_trees": 100, "max_depth": 6}, "ml_m": {"n_trees": 100, "max_depth": 6}}'), 1));

\echo
\echo double machine learning; ratios against baselines measured in this run
SELECT rpad(name, 44) || lpad(round(ms::numeric, 1)::text, 12) || ' ms' FROM b ORDER BY name;
\echo
WITH v AS (SELECT name, ms FROM b)
SELECT rpad(label, 68) || lpad(round(value::numeric, 2)::text, 10) FROM (VALUES
  ('dml_plr serial / moments serial, same columns   (target <= 2)',
     (SELECT ms FROM v WHERE name = 'dml_plr serial') / (SELECT ms FROM v WHERE name = 'moments serial')),
  ('dml_plr serial / sum serial',
     (SELECT ms FROM v WHERE name = 'dml_plr serial') / (SELECT ms FROM v WHERE name = 'sum serial')),
  ('dml lasso 1M / sum 1M',
     (SELECT ms FROM v WHERE name = 'dml lasso 1M') / (SELECT ms FROM v WHERE name = 'sum 1M')),
  ('dml lasso 1M, s                                 (target < 30)',
     (SELECT ms FROM v WHERE name = 'dml lasso 1M') / 1000),
  ('dml lasso cv 1M, s',
     (SELECT ms FROM v WHERE name = 'dml lasso cv 1M') / 1000),
  ('dml xgboost 1M / sum 1M',
     (SELECT ms FROM v WHERE name = 'dml xgboost 1M') / (SELECT ms FROM v WHERE name = 'sum 1M')),
  ('dml xgboost 1M (100 trees, depth 6, 1 thread), s (target < 300)',
     (SELECT ms FROM v WHERE name = 'dml xgboost 1M') / 1000)
) x(label, value);
