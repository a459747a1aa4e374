-- Weighting on 1,000,000 rows and 10 covariates: entropy balancing and IPM (MMD, 256 random features)
-- against a sum() scan of the same columns.
\set ON_ERROR_STOP 1
SET client_min_messages = error;
SET max_parallel_workers_per_gather = 0;
SET causal.max_memory = '2GB';
CREATE TEMP TABLE b (name text, ms float8);
\ir helpers.sql

CREATE TEMP TABLE w1m AS SELECT id, treatment, outcome, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10 FROM t WHERE id <= 1000000;
INSERT INTO b VALUES ('sum 1M', pg_temp.best_ms(
  'SELECT sum(treatment), sum(c1), sum(c2), sum(c3), sum(c4), sum(c5), sum(c6), sum(c7), sum(c8), sum(c9), sum(c10) FROM w1m', :reps));
INSERT INTO b VALUES ('ebal ATT 1M', pg_temp.best_ms(
  'SELECT count(*), sum(weight) FROM causal.weights(''w1m'', ''treatment'', ''{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10}'', ''id'', ''ebal'', ''ATT'')', 1));
INSERT INTO b VALUES ('ipw ATT 1M', pg_temp.best_ms(
  'SELECT count(*), sum(weight) FROM causal.weights(''w1m'', ''treatment'', ''{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10}'', ''id'', ''ipw'', ''ATT'')', 1));
INSERT INTO b VALUES ('moments 1M', pg_temp.best_ms(
  'SELECT causal.n(causal.moments(outcome, treatment, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10)) FROM w1m', :reps));
INSERT INTO b VALUES ('ipw effect 1M', pg_temp.best_ms(
  'SELECT (causal.weighting_effect(''w1m'', ''outcome'', ''treatment'', ''{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10}'', ''id'')).estimate', 1));
INSERT INTO b VALUES ('aipw ATE 1M', pg_temp.best_ms(
  'SELECT (causal.aipw_effect(''w1m'', ''outcome'', ''treatment'', ''{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10}'', ''id'')).estimate', 1));
CREATE TEMP TABLE w100k AS SELECT * FROM w1m WHERE id <= 100000;
INSERT INTO b VALUES ('ipw effect 100k', pg_temp.best_ms(
  'SELECT (causal.weighting_effect(''w100k'', ''outcome'', ''treatment'', ''{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10}'', ''id'')).estimate', :reps));
INSERT INTO b VALUES ('ipw effect 100k, 20 bootstrap replicates', pg_temp.best_ms(
  'SELECT (causal.weighting_effect(''w100k'', ''outcome'', ''treatment'', ''{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10}'', ''id'', n_boot => 20)).estimate', 1));
INSERT INTO b VALUES ('ipm_mmd ATT 1M', pg_temp.best_ms(
  'SELECT count(*), sum(weight) FROM causal.weights(''w1m'', ''treatment'', ''{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10}'', ''id'', ''ipm_mmd'', ''ATT'')', 1));
INSERT INTO b VALUES ('ipm_energy sliced grid ATT 1M', pg_temp.best_ms(
  'SELECT count(*), sum(weight) FROM causal.weights(''w1m'', ''treatment'', ''{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10}'', ''id'', ''ipm_energy'', ''ATT'', options => ''{"slices": 32, "bins": 128}'')', 1));
-- joining the weights back by their key: causal.id against integer keys (and the 0.1.0 text join)
CREATE TEMP TABLE wt_id AS SELECT * FROM causal.weights('w1m', 'treatment', '{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10}', 'id');
CREATE TEMP TABLE wt_int AS SELECT id::bigint AS id, weight FROM wt_id;
ANALYZE w1m, wt_id, wt_int;
INSERT INTO b VALUES ('join bigint keys 1M', pg_temp.best_ms(
  'SELECT count(*), sum(w.weight * t.c1) FROM wt_int w JOIN w1m t ON w.id = t.id', :reps));
INSERT INTO b VALUES ('join causal.id = integer 1M', pg_temp.best_ms(
  'SELECT count(*), sum(w.weight * t.c1) FROM wt_id w JOIN w1m t ON w.id = t.id', :reps));
INSERT INTO b VALUES ('join causal.id = integer::text 1M', pg_temp.best_ms(
  'SELECT count(*), sum(w.weight * t.c1) FROM wt_id w JOIN w1m t ON w.id = t.id::text', :reps));

\echo
\echo weighting, 1,000,000 rows, 10 covariates; ratios against baselines measured in this run
SELECT rpad(name, 44) || lpad(round(ms::numeric, 1)::text, 12) || ' ms' FROM b ORDER BY name;
\echo
WITH v AS (SELECT name, ms FROM b)
SELECT rpad(label, 68) || lpad(round(value::numeric, 2)::text, 10) FROM (VALUES
  ('ebal ATT 1M / sum 1M', (SELECT ms FROM v WHERE name = 'ebal ATT 1M') / (SELECT ms FROM v WHERE name = 'sum 1M')),
  ('ebal ATT 1M, s                                  (target < 5)', (SELECT ms FROM v WHERE name = 'ebal ATT 1M') / 1000),
  ('ipw ATT 1M / sum 1M', (SELECT ms FROM v WHERE name = 'ipw ATT 1M') / (SELECT ms FROM v WHERE name = 'sum 1M')),
  ('aipw ATE 1M / sum 1M', (SELECT ms FROM v WHERE name = 'aipw ATE 1M') / (SELECT ms FROM v WHERE name = 'sum 1M')),
  ('ipw effect 1M / moments 1M          (target: one scan + IRLS)', (SELECT ms FROM v WHERE name = 'ipw effect 1M') / (SELECT ms FROM v WHERE name = 'moments 1M')),
  ('ipw effect 100k with 20 bootstrap replicates / without', (SELECT ms FROM v WHERE name = 'ipw effect 100k, 20 bootstrap replicates') / (SELECT ms FROM v WHERE name = 'ipw effect 100k')),
  ('ipm_mmd ATT 1M (256 features) / sum 1M', (SELECT ms FROM v WHERE name = 'ipm_mmd ATT 1M') / (SELECT ms FROM v WHERE name = 'sum 1M')),
  ('ipm_mmd ATT 1M (256 features), s               (target < 60)', (SELECT ms FROM v WHERE name = 'ipm_mmd ATT 1M') / 1000),
  ('join weights back: causal.id = integer 1M / bigint = bigint', (SELECT ms FROM v WHERE name = 'join causal.id = integer 1M') / (SELECT ms FROM v WHERE name = 'join bigint keys 1M')),
  ('join weights back: causal.id = integer::text 1M / bigint = bigint', (SELECT ms FROM v WHERE name = 'join causal.id = integer::text 1M') / (SELECT ms FROM v WHERE name = 'join bigint keys 1M')),
  ('ipm_energy sliced grid ATT 1M (32 x 128) / sum 1M', (SELECT ms FROM v WHERE name = 'ipm_energy sliced grid ATT 1M') / (SELECT ms FROM v WHERE name = 'sum 1M'))
) x(label, value);
