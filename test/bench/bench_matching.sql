-- Matching on 1,000,000 rows (10% treated) and 10 covariates: propensity fit + 1:1 nearest-neighbour
-- matching on the score; Mahalanobis 1:1 matching on 200,000 rows; the balance table over 1M rows;
-- MALTS estimation on 20,000 rows at a fixed stretch, exact and approximate (max_checks 200) neighbour
-- search; each against a sum() scan of the same columns.
\set ON_ERROR_STOP 1
SET client_min_messages = error;
SET max_parallel_workers_per_gather = 0;
SET causal.max_memory = '2GB';
CREATE TEMP TABLE b (name text, ms float8);
\ir helpers.sql

-- 10% treated: every fifth treated row of the (half-treated) bench table keeps its treatment
CREATE TEMP TABLE m1m AS SELECT id, (treatment = 1 AND id % 5 = 0)::int AS treatment, outcome, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10 FROM t WHERE id <= 1000000;
CREATE TEMP TABLE m200k AS SELECT * FROM m1m WHERE id <= 200000;
INSERT INTO b VALUES ('sum 1M', pg_temp.best_ms(
  'SELECT sum(treatment), sum(c1), sum(c2), sum(c3), sum(c4), sum(c5), sum(c6), sum(c7), sum(c8), sum(c9), sum(c10) FROM m1m', :reps));
INSERT INTO b VALUES ('sum 200k', pg_temp.best_ms(
  'SELECT sum(treatment), sum(c1), sum(c2), sum(c3), sum(c4), sum(c5), sum(c6), sum(c7), sum(c8), sum(c9), sum(c10) FROM m200k', :reps));
INSERT INTO b VALUES ('match nearest glm 1M', pg_temp.best_ms(
  'SELECT count(*), sum(weight) FROM causal.match(''m1m'', ''treatment'', ''{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10}'', ''id'')', 1));
INSERT INTO b VALUES ('match nearest mahalanobis 200k', pg_temp.best_ms(
  'SELECT count(*), sum(weight) FROM causal.match(''m200k'', ''treatment'', ''{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10}'', ''id'', distance => ''mahalanobis'')', 1));
CREATE TEMP TABLE m20k AS SELECT * FROM m1m WHERE id <= 20000;
INSERT INTO b VALUES ('sum 20k', pg_temp.best_ms(
  'SELECT sum(treatment), sum(c1), sum(c2), sum(c3), sum(c4), sum(c5), sum(c6), sum(c7), sum(c8), sum(c9), sum(c10) FROM m20k', :reps));
INSERT INTO b VALUES ('malts exact 20k', pg_temp.best_ms(
  'SELECT (causal.malts_effect(''m20k'', ''outcome'', ''treatment'', ''{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10}'', ''id'', n_folds => 2,
     options => ''{"stretch": [2, 2, 1, 0.5, 0.5, 0.2, 0.2, 0.2, 0.2, 0.2], "learn_rows": 50}'')).estimate', 1));
INSERT INTO b VALUES ('malts max_checks 200 20k', pg_temp.best_ms(
  'SELECT (causal.malts_effect(''m20k'', ''outcome'', ''treatment'', ''{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10}'', ''id'', n_folds => 2,
     options => ''{"stretch": [2, 2, 1, 0.5, 0.5, 0.2, 0.2, 0.2, 0.2, 0.2], "learn_rows": 50, "max_checks": 200}'')).estimate', 1));
INSERT INTO b VALUES ('balance 1M', pg_temp.best_ms(
  'SELECT count(*) FROM causal.balance(''m1m'', ''treatment'', ''{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10}'')', 1));

\echo
\echo matching, 10 covariates; ratios against baselines measured in this run
SELECT rpad(name, 44) || lpad(round(ms::numeric, 1)::text, 12) || ' ms' FROM b ORDER BY name;
\echo
WITH v AS (SELECT name, ms FROM b)
SELECT rpad(label, 68) || lpad(round(value::numeric, 2)::text, 10) FROM (VALUES
  ('match nearest glm 1M / sum 1M', (SELECT ms FROM v WHERE name = 'match nearest glm 1M') / (SELECT ms FROM v WHERE name = 'sum 1M')),
  ('match nearest glm 1M, s                         (target < 10)', (SELECT ms FROM v WHERE name = 'match nearest glm 1M') / 1000),
  ('match mahalanobis 200k / sum 200k', (SELECT ms FROM v WHERE name = 'match nearest mahalanobis 200k') / (SELECT ms FROM v WHERE name = 'sum 200k')),
  ('match mahalanobis 200k, s                       (target < 20)', (SELECT ms FROM v WHERE name = 'match nearest mahalanobis 200k') / 1000),
  ('malts exact 20k / sum 20k', (SELECT ms FROM v WHERE name = 'malts exact 20k') / (SELECT ms FROM v WHERE name = 'sum 20k')),
  ('malts max_checks 200 20k / sum 20k', (SELECT ms FROM v WHERE name = 'malts max_checks 200 20k') / (SELECT ms FROM v WHERE name = 'sum 20k')),
  ('malts max_checks 200 20k / malts exact 20k', (SELECT ms FROM v WHERE name = 'malts max_checks 200 20k') / (SELECT ms FROM v WHERE name = 'malts exact 20k')),
  ('balance 1M / sum 1M', (SELECT ms FROM v WHERE name = 'balance 1M') / (SELECT ms FROM v WHERE name = 'sum 1M')),
  ('balance 1M, s                                   (target < 3)', (SELECT ms FROM v WHERE name = 'balance 1M') / 1000)
) x(label, value);
