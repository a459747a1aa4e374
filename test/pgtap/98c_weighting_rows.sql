-- causal.weighting_effect, causal.aipw_effect and causal.ipw_weights read the table once, in C
-- (src/estimate/weighting/): rows with a NULL outcome inform the weights but not the effect.
-- Checked against statsmodels on that design (test/data/lalonde_missing_reference.csv), and for
-- consistency against the composable path (causal.weights joined back, the causal.weighted_effect
-- aggregates) and the AIPW influence function written out in SQL; 98_weighting.sql has R's values
-- for complete data.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(21);

CREATE TEMP TABLE lalonde (id text, treat int, age int, educ int, race text, married int,
                           nodegree int, re74 float8, re75 float8, re78 float8);
\copy lalonde FROM 'test/data/lalonde.csv' WITH (FORMAT csv, HEADER)
-- every seventh outcome missing, in both arms
CREATE TEMP TABLE lal AS
SELECT id, treat, age, educ, married, nodegree, re74, re75,
       CASE WHEN row_number() OVER (ORDER BY id) % 7 = 0 THEN NULL ELSE re78 END AS y,
       (educ / 3)::bigint AS g
  FROM lalonde;
CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false);
CREATE FUNCTION pg_temp.plan_lines(q text) RETURNS SETOF text LANGUAGE plpgsql AS $f$
DECLARE l text;
BEGIN
  FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP RETURN NEXT l; END LOOP;
END $f$;

-- IPW ATT, HC0: the weights of every row, the effect over the rows with an outcome
CREATE TEMP TABLE w_att AS
  SELECT * FROM causal.weights('pg_temp.lal', 'treat', '{age,educ,married,nodegree,re74,re75}', 'id', estimand => 'ATT');
SELECT is((SELECT count(*) FROM w_att), 614::bigint, 'weights for every row, with or without an outcome');
SELECT ok(pg_temp.close((a).estimate, (b).estimate, 1e-10) AND pg_temp.close((a).std_error, (b).std_error, 1e-10),
          'weighting_effect with NULL outcomes = weighted_effect over the joined weights (HC0), 1e-10')
  FROM (SELECT causal.weighting_effect('pg_temp.lal', 'y', 'treat', '{age,educ,married,nodegree,re74,re75}', 'id',
                                       estimand => 'ATT') AS a) x,
       (SELECT causal.weighted_effect(l.y, l.treat = 1, w.weight) AS b
          FROM lal l JOIN w_att w USING (id) WHERE l.y IS NOT NULL) z;
SELECT is((SELECT ((e).n, (e).n_treated + (e).n_control)::text
             FROM (SELECT causal.weighting_effect('pg_temp.lal', 'y', 'treat', '{age,educ,married,nodegree,re74,re75}',
                                                  'id', estimand => 'ATT') AS e) s),
          (SELECT (count(*), count(*))::text FROM lal WHERE y IS NOT NULL), 'n counts the rows with an outcome');
-- clustered: the same scores summed per cluster, vcovCL's factor
SELECT ok(pg_temp.close((a).estimate, (b).estimate, 1e-10) AND pg_temp.close((a).std_error, (b).std_error, 1e-10)
          AND (a).details->>'clusters' = (b).details->>'clusters',
          'weighting_effect(cluster) = the clustered weighted_effect aggregate, 1e-10')
  FROM (SELECT causal.weighting_effect('pg_temp.lal', 'y', 'treat', '{age,educ,married,nodegree,re74,re75}', 'id',
                                       estimand => 'ATT', cluster => 'g') AS a) x,
       (SELECT causal.weighted_effect(l.y, l.treat = 1, w.weight, l.g) AS b
          FROM lal l JOIN w_att w USING (id) WHERE l.y IS NOT NULL) z;
-- ebal ATE with an outcome model is refused; ebal ATT: the same agreement
SELECT ok(pg_temp.close((a).estimate, (b).estimate, 1e-8) AND pg_temp.close((a).std_error, (b).std_error, 1e-8),
          'ebal: weighting_effect with NULL outcomes = weighted_effect over causal.weights(method => ebal)')
  FROM (SELECT causal.weighting_effect('pg_temp.lal', 'y', 'treat', '{age,educ,married}', 'id', method => 'ebal',
                                       estimand => 'ATT') AS a) x,
       (SELECT causal.weighted_effect(l.y, l.treat = 1, w.weight) AS b
          FROM lal l JOIN causal.weights('pg_temp.lal', 'treat', '{age,educ,married}', 'id', method => 'ebal',
                                         estimand => 'ATT') w USING (id) WHERE l.y IS NOT NULL) z;
SELECT ok((e).details ? 'fit' AND jsonb_typeof((e).details->'fit') = 'object',
          'the balancing report is in details.fit')
  FROM (SELECT causal.weighting_effect('pg_temp.lal', 'y', 'treat', '{age,educ,married}', 'id', method => 'ebal',
                                       estimand => 'ATT') AS e) s;

-- IPW weights against the formula over causal.propensity (logistic_scores, another path)
SELECT ok(bool_and(pg_temp.close(w.weight, CASE WHEN l.treat = 1 THEN p1 / p.score ELSE (1 - p1) / (1 - p.score) END,
                                 1e-10)),
          'stabilized ATE weights = P(T = t) / P(T = t | x) from causal.propensity, 1e-10')
  FROM causal.weights('pg_temp.lal', 'treat', '{age,educ,married,nodegree,re74,re75}', 'id', stabilize => true) w
  JOIN causal.propensity('pg_temp.lal', 'treat', '{age,educ,married,nodegree,re74,re75}', 'id') p USING (id)
  JOIN lal l USING (id), (SELECT avg(treat) AS p1 FROM lal) a;

-- AIPW with NULL outcomes: the influence function in SQL over causal.propensity and causal.ols per arm
CREATE TEMP TABLE arm_coef AS
SELECT arm, array_agg(estimate ORDER BY ord) AS b
  FROM (VALUES (0), (1)) v(arm),
       LATERAL causal.ols((SELECT causal.moments(y, age, educ, married, nodegree, re74, re75) FROM lal WHERE treat = arm),
                          1, ARRAY[2, 3, 4, 5, 6, 7]) WITH ORDINALITY AS o(term, estimate, se, tv, pv, r2, df, n, ord)
 GROUP BY arm;
CREATE TEMP TABLE eif AS
SELECT l.treat = 1 AS tr, l.y, p.score AS e,
       b1.b[1] + b1.b[2] * age + b1.b[3] * educ + b1.b[4] * married + b1.b[5] * nodegree + b1.b[6] * re74 + b1.b[7] * re75 AS m1,
       b0.b[1] + b0.b[2] * age + b0.b[3] * educ + b0.b[4] * married + b0.b[5] * nodegree + b0.b[6] * re74 + b0.b[7] * re75 AS m0
  FROM lal l JOIN causal.propensity('pg_temp.lal', 'treat', '{age,educ,married,nodegree,re74,re75}', 'id') p USING (id),
       (SELECT b FROM arm_coef WHERE arm = 1) b1, (SELECT b FROM arm_coef WHERE arm = 0) b0
 WHERE l.y IS NOT NULL;
SELECT ok(pg_temp.close((e).estimate, r.est, 1e-8) AND pg_temp.close((e).std_error, r.se, 1e-8),
          'AIPW ATE with NULL outcomes = the influence function in SQL, 1e-8')
  FROM (SELECT causal.aipw_effect('pg_temp.lal', 'y', 'treat', '{age,educ,married,nodegree,re74,re75}', 'id') AS e) s,
       (SELECT avg(v) AS est, stddev_samp(v) / sqrt(count(*)) AS se
          FROM (SELECT m1 - m0 + CASE WHEN tr THEN (y - m1) / e ELSE -(y - m0) / (1 - e) END AS v FROM eif) q) r;
SELECT ok(pg_temp.close((e).estimate, r.att, 1e-8) AND pg_temp.close((e).std_error, r.se, 1e-8),
          'AIPW ATT with NULL outcomes = the influence function in SQL, 1e-8')
  FROM (SELECT causal.aipw_effect('pg_temp.lal', 'y', 'treat', '{age,educ,married,nodegree,re74,re75}', 'id',
                                  estimand => 'ATT') AS e) s,
       (SELECT max(a.att) AS att, stddev_samp((num - tr::int * a.att) / a.p1) / sqrt(count(*)) AS se
          FROM (SELECT tr, CASE WHEN tr THEN y - m0 ELSE -e / (1 - e) * (y - m0) END AS num FROM eif) q,
               (SELECT sum(CASE WHEN tr THEN y - m0 ELSE -e / (1 - e) * (y - m0) END) / count(*) FILTER (WHERE tr) AS att,
                       avg(tr::int) AS p1 FROM eif) a) r;
SELECT ok(pg_temp.close((a).estimate, (b).estimate, 1e-12),
          'weighting_effect(method => aipw) is causal.aipw_effect')
  FROM (SELECT causal.weighting_effect('pg_temp.lal', 'y', 'treat', '{age,educ}', 'id', method => 'aipw') AS a,
               causal.aipw_effect('pg_temp.lal', 'y', 'treat', '{age,educ}', 'id') AS b) s;

-- arguments
SELECT throws_ok($$SELECT causal.weighting_effect('pg_temp.lal', 'y', 'treat', '{age}', 'id', alpha => NULL)$$,
                 '22004', NULL, 'a NULL alpha is an error naming it');
SELECT throws_ok($$SELECT causal.weighting_effect('pg_temp.lal', 'y', 'treat', '{age}', 'id', alpha => 0)$$,
                 '22023', NULL, 'alpha outside (0, 1)');
SELECT ok((e).std_error IS NULL AND (e).p_value IS NULL AND (e).ci_lower = (e).ci_upper,
          'one bootstrap replicate: no standard error, no p-value')
  FROM (SELECT causal.weighting_effect('pg_temp.lal', 'y', 'treat', '{age,educ}', 'id', n_boot => 1) AS e) s;
SELECT throws_ok($$SELECT causal.weighted_effect_accum('{1,2,3}'::float8[], 1, true, 1)$$,
                 '22023', NULL, 'weighted_effect: a malformed state');
SELECT throws_ok($$SELECT causal.weighted_effect_final('{0,0,0,0,0,0,0,0,0,0,0,NULL}'::float8[])$$,
                 '22023', NULL, 'weighted_effect: a state with a NULL');

-- the same four effects against statsmodels (test/scripts/make_missing_outcome_reference.py: Logit on
-- every row, WLS HC0 / cluster-robust and the AIPW influence function on the rows with an outcome);
-- both sides converge the logistic model far below 1e-9, so 1e-9 relative
CREATE TEMP TABLE mref (quantity text, estimate float8, std_error float8);
\copy mref FROM 'test/data/lalonde_missing_reference.csv' WITH (FORMAT csv, HEADER)
SELECT ok(pg_temp.close((e).estimate, r.estimate, 1e-9) AND pg_temp.close((e).std_error, r.std_error, 1e-9),
          r.quantity || ' with missing outcomes matches statsmodels to 1e-9')
  FROM mref r,
       LATERAL (SELECT CASE r.quantity
                  WHEN 'ipw_att' THEN causal.weighting_effect('pg_temp.lal', 'y', 'treat', '{age,educ,married,nodegree,re74,re75}',
                                                              'id', estimand => 'ATT')
                  WHEN 'ipw_att_cluster' THEN causal.weighting_effect('pg_temp.lal', 'y', 'treat',
                                                              '{age,educ,married,nodegree,re74,re75}', 'id', estimand => 'ATT',
                                                              cluster => 'g')
                  WHEN 'aipw_ate' THEN causal.aipw_effect('pg_temp.lal', 'y', 'treat', '{age,educ,married,nodegree,re74,re75}', 'id')
                  ELSE causal.aipw_effect('pg_temp.lal', 'y', 'treat', '{age,educ,married,nodegree,re74,re75}', 'id',
                                          estimand => 'ATT') END AS e) s
 ORDER BY r.quantity;

-- the HC0 aggregate in parallel: partial states combined, the same effect as a serial scan (a
-- regular table, dropped by the ROLLBACK: temp tables are never scanned in parallel)
CREATE TABLE causal_test_we_big AS
SELECT (g % 3 = 0) AS tr, (g % 17)::float8 + sin(g) + 2 * (g % 3 = 0)::int AS y, 0.5 + (g % 5) / 4.0 AS w FROM generate_series(1, 200000) g;
ANALYZE causal_test_we_big;
CREATE TEMP TABLE serial AS SELECT causal.weighted_effect(y, tr, w) AS e FROM causal_test_we_big;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT ok(EXISTS (SELECT 1 FROM (SELECT pg_temp.plan_lines($$SELECT causal.weighted_effect(y, tr, w) FROM causal_test_we_big$$) AS l) p
                   WHERE l ~ 'Partial Aggregate'),
          'weighted_effect runs as a partial aggregate');
SELECT ok(pg_temp.close((p).estimate, (s).estimate, 1e-12) AND pg_temp.close((p).std_error, (s).std_error, 1e-10)
          AND (p).n = (s).n,
          'the parallel weighted_effect equals the serial one')
  FROM (SELECT causal.weighted_effect(y, tr, w) AS p FROM causal_test_we_big) x, (SELECT e AS s FROM serial) z;

SELECT * FROM finish();
ROLLBACK;
