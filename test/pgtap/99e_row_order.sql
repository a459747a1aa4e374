-- Results that do not depend on how a table is stored (issue: scale, item 2).  The same rows in
-- three physical orders -- as generated, shuffled by a hash of the id, and after an UPDATE that
-- moves a third of the rows to the end of the heap -- must give the same answers from every
-- method with seeded draws over rows: DML's folds (PLR, IRM, the lasso's inner folds, the
-- multiplier bootstrap), out-of-fold learner predictions, the median-heuristic subsample of IPM
-- balancing, the refuters, CD-NOD's sample, and RCIT/KCI on tables.  Equal to 1e-9 relative
-- (sums may add in another order; 1e-6 for the iterative IPM solver).  And a control that the comparison can fail: another seed
-- changes the DML estimate.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(17);

CREATE FUNCTION pg_temp.same(a float8, b float8, tol float8 DEFAULT 1e-9) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN abs(a - b) <= tol * (abs(b) + 1e-12);

CREATE TABLE ro_a AS
SELECT id, x[1] AS x1, x[2] AS x2, x[3] AS x3, treatment AS t, outcome AS y, (id % 3)::int AS dom
  FROM causal.simulate_sem(1200, 3, seed => 21, edge_prob => 0.6);
CREATE TABLE ro_b AS SELECT * FROM ro_a ORDER BY md5(id::text);
CREATE TABLE ro_c AS SELECT * FROM ro_a;
UPDATE ro_c SET x1 = x1 WHERE id % 3 = 0;
SELECT ok((SELECT array_agg(id) FROM (SELECT id FROM ro_a LIMIT 20) s) <> (SELECT array_agg(id) FROM (SELECT id FROM ro_b LIMIT 20) s)
          AND (SELECT array_agg(id) FROM (SELECT id FROM ro_a LIMIT 40) s) <> (SELECT array_agg(id) FROM (SELECT id FROM ro_c LIMIT 40) s),
          'the three tables hold the rows in different scan orders');

-- each call on the three tables: the values must agree
CREATE FUNCTION pg_temp.agree(q text, tol float8 DEFAULT 1e-9) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE a float8[]; b float8[]; c float8[];
BEGIN
    EXECUTE replace(q, 'TBL', 'ro_a') INTO a;
    EXECUTE replace(q, 'TBL', 'ro_b') INTO b;
    EXECUTE replace(q, 'TBL', 'ro_c') INTO c;
    RETURN cardinality(a) > 0 AND cardinality(a) = cardinality(b) AND cardinality(a) = cardinality(c)
       AND (SELECT bool_and(pg_temp.same(u, v, tol) AND pg_temp.same(w, v, tol))
              FROM unnest(b, a, c) AS z(u, v, w));
END $$;

SELECT ok(pg_temp.agree($$SELECT ARRAY[(e).estimate, (e).std_error]
                            FROM (SELECT causal.dml('TBL', 'y', 't', '{x1,x2,x3}') AS e) s$$),
          'dml PLR (random folds): the same estimate and standard error');
SELECT ok(pg_temp.agree($$SELECT ARRAY[(e).estimate, (e).std_error]
                            FROM (SELECT causal.dml('TBL', 'y', 't', '{x1,x2,x3}', 'irm') AS e) s$$),
          'dml IRM (folds stratified by treatment)');
SELECT ok(pg_temp.agree($$SELECT ARRAY[(e).estimate, (e).std_error]
                            FROM (SELECT causal.dml('TBL', 'y', 't', '{x1,x2,x3}', ml_l => 'lasso', ml_m => 'lasso',
                                                    learner_options => '{"ml_l": {"lambda": "cv"}, "ml_m": {"lambda": "cv"}}') AS e) s$$),
          'dml with lasso-CV learners (inner folds over the training rows)');
SELECT ok(pg_temp.agree($$SELECT ARRAY[(e).estimate, (e).ci_lower, (e).ci_upper]
                            FROM (SELECT causal.dml('TBL', 'y', 't', '{x1,x2,x3}', n_boot => 200, n_rep => 2) AS e) s$$),
          'dml with two repetitions and the multiplier bootstrap');
SELECT ok(NOT pg_temp.same((causal.dml('ro_a', 'y', 't', '{x1,x2,x3}', seed => 1)).estimate,
                           (causal.dml('ro_a', 'y', 't', '{x1,x2,x3}', seed => 2)).estimate),
          'control: another seed draws other folds and another estimate');
SELECT ok(pg_temp.agree($$SELECT array_agg(prediction ORDER BY id::bigint)
                            FROM causal.learner_predict('TBL', 'y', '{x1,x2,x3}', 'id', 'lasso', '{"lambda": "cv"}', n_folds => 5)$$),
          'learner_predict out of fold (folds from the ids, lasso-CV inside)');
-- (an iterative solver over single-precision features: the same to its tolerance)
SELECT ok(pg_temp.agree($$SELECT ARRAY[(e).estimate, (e).std_error, ((e).details->'fit'->>'gamma')::float8]
                            FROM (SELECT causal.weighting_effect('TBL', 'y', 't', '{x1,x2,x3}', 'id', 'ipm_mmd',
                                                                 options => '{"gamma": "median"}') AS e) s$$, 1e-6),
          'IPM balancing by MMD with the median heuristic (its subsample of rows), to the solver''s tolerance');
SELECT ok(pg_temp.agree($$SELECT ARRAY[(e).estimate]
                            FROM (SELECT causal.weighting_effect('TBL', 'y', 't', '{x1,x2,x3}', 'id', 'ebal', 'ATT') AS e) s$$),
          'entropy balancing');
SELECT ok(pg_temp.agree($$SELECT array_agg(estimate ORDER BY refuter_position, simulation)
                            FROM causal.refute_rows('TBL', 't', 'y', '{x1,x2}', 'regression', 'ATE',
                                                    '{placebo_treatment,random_common_cause,data_subset,dummy_outcome,bootstrap}',
                                                    4, 0.8, 0.05, 42)$$),
          'refute_rows, regression: every refuter''s simulations (rows numbered in canonical order)');
SELECT ok(pg_temp.agree($$SELECT array_agg(estimate ORDER BY refuter_position, simulation)
                            FROM causal.refute_rows('TBL', 't', 'y', '{x1,x2}', 'dml_irm', 'ATE',
                                                    '{placebo_treatment,bootstrap}', 3, 0.8, 0.05, 42)$$),
          'refute_rows, DML IRM');
SELECT ok(pg_temp.agree($$SELECT array_agg(estimate ORDER BY refuter_position, simulation)
                            FROM causal.refute_rows('TBL', 't', 'y', '{x1,x2}', 'matching', 'ATT',
                                                    '{placebo_treatment,data_subset}', 3, 0.8, 0.05, 42)$$),
          'refute_rows, matching');
SELECT ok(pg_temp.agree($$SELECT ARRAY[forward, backward, n_rows]
                            FROM causal.cdnod_change_dependence('TBL', 'x1', 'y', 'dom', max_rows => 300)$$),
          'cdnod_change_dependence on a sample of 300 of 1200 rows');
SELECT ok(pg_temp.agree($$SELECT ARRAY[(r).statistic, (r).p_value]
                            FROM (SELECT causal.ci_test('TBL', 'x1', 'y', '{t}', 'rcit', seed => 3) AS r) s$$),
          'ci_test by RCIT on the table');
SELECT ok(pg_temp.agree($$SELECT ARRAY[(r).statistic, (r).p_value]
                            FROM (SELECT causal.ci_test('TBL', 'x1', 'x3', '{}', 'kci') AS r) s$$),
          'ci_test by KCI on the table');

-- the canonical order in SQL is the one the C code uses
SELECT is(causal.row_key(ARRAY[1.5, -0.0, 3]), causal.row_key(ARRAY[1.5, 0.0, 3]), 'row_key reads -0 as 0');
SELECT isnt(causal.row_key(ARRAY[1, 2]::float8[]), causal.row_key(ARRAY[2, 1]::float8[]), 'row_key depends on the column order');

SELECT * FROM finish();
ROLLBACK;
