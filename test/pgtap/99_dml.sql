-- Double machine learning against test/data/dml_reference.csv (test/scripts/make_dml_reference.py:
-- DoubleML's published scores with scikit-learn / statsmodels / xgboost nuisances on the same
-- fold column): estimates and standard errors to 1e-8 relative with OLS and logistic nuisances,
-- 1e-6 with the lasso (coordinate descent to a tolerance) and xgboost (float32 trees).
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(92);

CREATE TEMP TABLE dml (id int, y float8, d float8, tr int, yb float8, z1 float8, z2 float8, dv float8,
                       yv float8, unit int, fold int, fold_unit int, fold_irm int,
                       x1 float8, x2 float8, x3 float8, x4 float8, x5 float8, x6 float8, x7 float8,
                       x8 float8, x9 float8, x10 float8);
\copy dml FROM 'test/data/dml_data.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE dref (name text, estimate float8, std_error float8);
\copy dref FROM 'test/data/dml_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE lref (learner text, lambda float8, term text, estimate float8);
\copy lref FROM 'test/data/dml_lasso_reference.csv' WITH (FORMAT csv, HEADER)
CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false);

CREATE TEMP TABLE runs (name text, tol float8, e causal.effect);
INSERT INTO runs
SELECT 'plr_ols', 1e-8, causal.dml('dml', 'y', 'd', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', fold_column => 'fold')
UNION ALL
SELECT 'plr_ols_ivtype', 1e-8, causal.dml('dml', 'y', 'd', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', score => 'IV-type',
                                          fold_column => 'fold')
UNION ALL
SELECT 'plr_lasso', 1e-6, causal.dml('dml', 'y', 'd', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', ml_l => 'lasso', ml_m => 'lasso',
                                     learner_options => '{"ml_l": {"lambda": 0.05}, "ml_m": {"lambda": 0.02}}',
                                     fold_column => 'fold')
UNION ALL
SELECT 'plr_ridge', 1e-8, causal.dml('dml', 'y', 'd', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', ml_l => 'ridge', ml_m => 'ridge',
                                     learner_options => '{"ml_l": {"lambda": 10}, "ml_m": {"lambda": 10}}',
                                     fold_column => 'fold')
UNION ALL
SELECT 'plr_lasso_cv', 1e-6, causal.dml('dml', 'y', 'd', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', ml_l => 'lasso', ml_m => 'lasso',
                                        learner_options => '{"ml_l": {"lambda": "cv"}, "ml_m": {"lambda": "cv"}}',
                                        fold_column => 'fold')
UNION ALL
SELECT 'plr_xgboost', 1e-6, causal.dml('dml', 'y', 'd', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', ml_l => 'xgboost', ml_m => 'xgboost',
                                       learner_options => '{"ml_l": {"n_trees": 30, "max_depth": 3}, "ml_m": {"n_trees": 30, "max_depth": 3}}',
                                       fold_column => 'fold')
UNION ALL
SELECT 'irm_ate', 1e-8, causal.dml('dml', 'yb', 'tr', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', model => 'irm',
                                   fold_column => 'fold_irm')
UNION ALL
SELECT 'irm_atte', 1e-8, causal.dml('dml', 'yb', 'tr', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', model => 'irm', score => 'ATTE',
                                    fold_column => 'fold_irm')
UNION ALL
SELECT 'irm_ate_normalized', 1e-8, causal.dml('dml', 'yb', 'tr', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', model => 'irm',
                                              normalize_ipw => true, fold_column => 'fold_irm')
UNION ALL
SELECT 'irm_ate_xgboost', 1e-6, causal.dml('dml', 'yb', 'tr', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', model => 'irm',
                                           ml_g => 'xgboost', ml_m => 'xgboost',
                                           learner_options => '{"ml_g": {"n_trees": 30, "max_depth": 3}, "ml_m": {"n_trees": 30, "max_depth": 3}}',
                                           fold_column => 'fold_irm')
UNION ALL
SELECT 'pliv_one', 1e-8, causal.dml('dml', 'yv', 'dv', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', model => 'pliv',
                                    instruments => '{z1}', fold_column => 'fold')
UNION ALL
SELECT 'pliv_two', 1e-8, causal.dml('dml', 'yv', 'dv', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', model => 'pliv',
                                    instruments => '{z1,z2}', fold_column => 'fold')
UNION ALL
SELECT 'plr_cluster', 1e-8, causal.dml('dml', 'y', 'd', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', fold_column => 'fold_unit',
                                       cluster => 'unit')
UNION ALL
SELECT 'plr_mundlak', 1e-8, causal.dml('dml', 'y', 'd', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', fold_column => 'fold_unit',
                                       cluster => 'unit', mundlak => true);

SELECT ok(pg_temp.close((r.e).estimate, d.estimate, r.tol), r.name || ': estimate matches the reference')
  FROM runs r JOIN dref d USING (name) ORDER BY r.name;
SELECT ok(pg_temp.close((r.e).std_error, d.std_error, r.tol), r.name || ': standard error matches the reference')
  FROM runs r JOIN dref d USING (name) ORDER BY r.name;
SELECT is((SELECT count(*) FROM runs r JOIN dref d USING (name)), 14::bigint, 'every reference case ran');
SELECT is((SELECT ((e).method, (e).estimand, (e).n, (e).n_treated, (e).n_control)::text FROM runs WHERE name = 'irm_atte'),
          '(dml_irm,ATTE,500,' || (SELECT count(*) FROM dml WHERE tr = 1) || ',' || (SELECT count(*) FROM dml WHERE tr = 0) || ')',
          'IRM effect row: method, estimand and counts');
SELECT ok((SELECT pg_temp.close((e).ci_lower, (e).estimate - causal.qnorm(0.975) * (e).std_error, 1e-12)
              AND pg_temp.close((e).p_value, 2 * causal.pnorm(-abs((e).estimate / (e).std_error)), 1e-9)
             FROM runs WHERE name = 'plr_ols'), 'normal interval and p-value');

-- learners on their own: lasso and ridge coefficients against scikit-learn
SELECT ok(bool_and(pg_temp.close(f.estimate, r.estimate, 1e-6) OR abs(f.estimate - r.estimate) < 1e-10),
          'lasso lambda ' || r.lambda || ': coefficients match scikit-learn''s Lasso to 1e-6')
  FROM lref r
  JOIN causal.learner_fit('dml', 'y', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', 'lasso',
                          jsonb_build_object('lambda', r.lambda)) f ON f.term = r.term
 WHERE r.learner = 'lasso' GROUP BY r.lambda ORDER BY r.lambda;
SELECT ok(bool_and(pg_temp.close(f.estimate, r.estimate, 1e-9)),
          'ridge lambda 10: coefficients match scikit-learn''s Ridge to 1e-9')
  FROM lref r
  JOIN causal.learner_fit('dml', 'y', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', 'ridge', '{"lambda": 10}') f ON f.term = r.term
 WHERE r.learner = 'ridge';
SELECT is((SELECT count(*) FROM causal.learner_predict('dml', 'y', '{x1,x2}', 'id', n_folds => 5)), 500::bigint,
          'learner_predict: one out-of-fold prediction per row');
SELECT ok((SELECT max(abs(p.prediction - (f0.estimate + f1.estimate * t.x1 + f2.estimate * t.x2))) < 1e-9
             FROM causal.learner_predict('dml', 'y', '{x1,x2}', 'id') p
             JOIN dml t ON t.id::text = p.id,
                  (SELECT estimate FROM causal.learner_fit('dml', 'y', '{x1,x2}') WHERE term = 'intercept') f0,
                  (SELECT estimate FROM causal.learner_fit('dml', 'y', '{x1,x2}') WHERE term = 'x1') f1,
                  (SELECT estimate FROM causal.learner_fit('dml', 'y', '{x1,x2}') WHERE term = 'x2') f2),
          'learner_predict in sample equals the fitted coefficients applied to the rows');

-- repeated cross-fitting: median aggregation of DoubleML
SELECT ok((SELECT pg_temp.close((e).estimate,
                                (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t::float8)
                                   FROM jsonb_array_elements_text((e).details -> 'thetas') t), 1e-12)
              AND pg_temp.close((e).std_error,
                                ((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t.v::float8 + 1.96 * s.v::float8)
                                    FROM jsonb_array_elements_text((e).details -> 'thetas') WITH ORDINALITY t(v, i)
                                    JOIN jsonb_array_elements_text((e).details -> 'std_errors') WITH ORDINALITY s(v, i) USING (i))
                                 - (e).estimate) / 1.96, 1e-12)
              AND jsonb_array_length((e).details -> 'thetas') = 4
             FROM (SELECT causal.dml('dml', 'y', 'd', '{x1,x2,x3}', n_rep => 4) AS e) s),
          'n_rep = 4: median of the estimates, standard error from the median upper bound');
SELECT is((SELECT (causal.dml('dml', 'y', 'd', '{x1,x2,x3}', seed => 7)).estimate),
          (SELECT (causal.dml('dml', 'y', 'd', '{x1,x2,x3}', seed => 7)).estimate), 'same seed, same folds, same estimate');
SELECT ok((SELECT ((e).details -> 'bootstrap' ->> 'critical_value')::float8 BETWEEN 1.7 AND 2.3
              AND pg_temp.close((e).ci_upper - (e).estimate,
                                ((e).details -> 'bootstrap' ->> 'critical_value')::float8 * (e).std_error, 1e-12)
             FROM (SELECT causal.dml('dml', 'y', 'd', '{x1,x2,x3}', n_boot => 500) AS e) s),
          'multiplier bootstrap: a critical value near 1.96 sets the interval');

-- the one-scan aggregate equals the table form, from a table, a merge of partition sketches and a rollup
CREATE TEMP TABLE agg AS
SELECT causal.dml_plr(fold, y, d, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10) AS e FROM dml;
SELECT ok(pg_temp.close((a.e).estimate, (r.e).estimate, 1e-10) AND pg_temp.close((a.e).std_error, (r.e).std_error, 1e-10),
          'causal.dml_plr aggregate equals causal.dml with OLS nuisances and the same folds')
  FROM agg a, runs r WHERE r.name = 'plr_ols';
SELECT ok(pg_temp.close((a.e).estimate, d.estimate, 1e-8) AND pg_temp.close((a.e).std_error, d.std_error, 1e-8),
          'causal.dml_plr aggregate matches the reference')
  FROM agg a, dref d WHERE d.name = 'plr_ols';
CREATE TEMP TABLE parts AS
SELECT unit % 7 AS part, causal.dml_plr_sketch(fold, y + 1e6, d - 500, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10) AS s
  FROM dml GROUP BY unit % 7;
SELECT ok(pg_temp.close((causal.dml_plr(causal.merge(s))).estimate, (SELECT (e).estimate FROM agg), 1e-9)
          AND pg_temp.close((causal.dml_plr(causal.merge(s))).std_error, (SELECT (e).std_error FROM agg), 1e-9),
          'merged partition sketches (shifted data, different shifts) give the same effect')
  FROM parts;
SELECT ok(pg_temp.close((causal.dml_plr(causal.merge(s::text::causal.dml_sketch))).std_error, (SELECT (e).std_error FROM agg), 1e-9),
          'text round trip of the sketch keeps the effect')
  FROM parts;
SELECT is((SELECT count(*) FROM (SELECT unit % 3 AS seg, (causal.dml_plr(fold, y, d, x1, x2)).* FROM dml GROUP BY 1) g
            WHERE estimate IS NOT NULL), 3::bigint, 'GROUP BY gives an effect per segment');
-- k = 20 covariates (23 x 23 pairs: many tiles and chunks of the fourth-moment kernel, partial ones
-- too), under every instruction set this CPU has, against the table form, which fits OLS per fold on
-- the materialized rows and forms the scores row by row (no fourth moments involved).
CREATE TEMP TABLE wide AS
SELECT id, (id % 5)::int AS fold, outcome * (1 + 0.5 * abs(x[3])) AS y, x[1] + treatment AS d,
       x[2] AS c1, x[3] AS c2, x[4] AS c3, x[5] AS c4, x[6] AS c5, x[7] AS c6, x[8] AS c7, x[9] AS c8, x[10] AS c9, x[11] AS c10, x[12] AS c11, x[13] AS c12, x[14] AS c13, x[15] AS c14, x[16] AS c15, x[17] AS c16, x[18] AS c17, x[19] AS c18, x[20] AS c19, x[21] AS c20
  FROM causal.simulate_sem(3000, 21, 7, 0.2);
CREATE TEMP TABLE wide_ref AS
SELECT causal.dml('wide', 'y', 'd', '{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14,c15,c16,c17,c18,c19,c20}', ml_l => 'ols', ml_m => 'ols', fold_column => 'fold') AS e;
CREATE FUNCTION pg_temp.plr_under(simd text) RETURNS causal.effect
LANGUAGE plpgsql AS $f$
DECLARE r causal.effect;
BEGIN
  BEGIN
    PERFORM set_config('causal.simd', simd, true);
  EXCEPTION WHEN invalid_parameter_value THEN
    RETURN NULL;   -- this CPU lacks it
  END;
  r := (SELECT causal.dml_plr(fold, y, d, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20) FROM pg_temp.wide);
  PERFORM set_config('causal.simd', 'auto', true);
  RETURN r;
END $f$;
-- (e.n, not e: a bare e would name wide_ref's column e, never NULL)
SELECT CASE WHEN e.n IS NULL THEN skip('this CPU has no ' || simd, 1)
            ELSE ok(pg_temp.close(e.estimate, (r.e).estimate, 1e-9) AND pg_temp.close(e.std_error, (r.e).std_error, 1e-9)
                    AND e.n = 3000, 'k = 20, causal.simd = ' || simd || ': aggregate equals the table form') END
  FROM (VALUES ('auto'), ('avx512'), ('avx2'), ('generic')) v(simd)
       CROSS JOIN LATERAL pg_temp.plr_under(simd) e, wide_ref r;
SELECT is(current_setting('causal.simd'), 'auto', 'causal.simd is back to auto');
SELECT throws_ok($$SET causal.simd = 'neon'$$, '22023', NULL, 'causal.simd: unknown instruction set');

-- a parallel plan: partial states combined (temp tables are never scanned in parallel, so this
-- one is a regular table, dropped by the ROLLBACK)
CREATE TABLE causal_test_dml_wide AS SELECT * FROM wide;
ANALYZE causal_test_dml_wide;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE r text; acc text := '';
BEGIN
  FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP acc := acc || r || E'\n'; END LOOP;
  RETURN acc;
END $f$;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL force_parallel_mode = on;
SELECT ok(pg_temp.plan_of('SELECT causal.dml_plr(fold, y, d, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20) FROM causal_test_dml_wide')
            ~ 'Partial Aggregate.*Parallel Seq Scan', 'forced plan of causal.dml_plr is parallel with a partial aggregate');
SELECT ok(pg_temp.close(e.estimate, (r.e).estimate, 1e-9) AND pg_temp.close(e.std_error, (r.e).std_error, 1e-9),
          'the parallel aggregate equals the table form')
  FROM (SELECT (causal.dml_plr(fold, y, d, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20)).* FROM causal_test_dml_wide) e, wide_ref r;
RESET force_parallel_mode;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- the sketch's binary form: exact round trip through COPY, malformed values rejected
CREATE TEMP TABLE wsk AS SELECT causal.dml_plr_sketch(fold, y, d, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20) AS s FROM wide;
COPY wsk TO '/tmp/causal_tap_dml.bin' WITH (FORMAT binary);
CREATE TEMP TABLE wsk2 (s causal.dml_sketch);
COPY wsk2 FROM '/tmp/causal_tap_dml.bin' WITH (FORMAT binary);
SELECT is((SELECT s::text FROM wsk2), (SELECT s::text FROM wsk), 'binary COPY round trip of the sketch is exact');
SELECT ok((SELECT pg_temp.close((causal.dml_plr(s)).std_error, (r.e).std_error, 1e-9) FROM wsk2, wide_ref r),
          'the restored sketch gives the same effect');
CREATE TEMP TABLE wbad (b bytea);
-- the header is 17 bytes, then 5 fold ids; the first fold's row count starts at byte 58
INSERT INTO wbad SELECT overlay(causal.dml_sketch_send(s) PLACING '\x0000000000000007'::bytea FROM 58 FOR 8) FROM wsk;
COPY wbad TO '/tmp/causal_tap_dml_bad.bin' WITH (FORMAT binary);
SELECT throws_like($$COPY wsk2 FROM '/tmp/causal_tap_dml_bad.bin' WITH (FORMAT binary)$$,
                   '%row count does not match%', 'binary sketch whose row count disagrees with its moments');
TRUNCATE wbad;
INSERT INTO wbad SELECT substr(causal.dml_sketch_send(s), 1, 1000) FROM wsk;
COPY wbad TO '/tmp/causal_tap_dml_bad.bin' WITH (FORMAT binary);
SELECT throws_ok($$COPY wsk2 FROM '/tmp/causal_tap_dml_bad.bin' WITH (FORMAT binary)$$, '22P03', NULL,
                 'truncated binary sketch');
SELECT throws_ok($$SELECT '{"version": 2, "k": 1, "n_skipped": 0, "shift": [0, 1, 2, 3], "folds": [{"fold": 1, "n": 5, "m4": [1]}]}'::causal.dml_sketch$$,
                 '22P02', NULL, 'sketch text with the wrong number of moments');
-- k = 1: C(7, 4) = 35 moments; the third is the sum of x1^2 (index (0, 0, 1, 1))
SELECT throws_like(format($$SELECT '{"version": 2, "k": 1, "n_skipped": 0, "shift": [0, 0, 0, 0], "folds": [{"fold": 1, "n": 5, "m4": [5, 0, -1%s]}]}'::causal.dml_sketch$$,
                          repeat(', 0', 32)),
                   '%sum of squares is negative%', 'sketch text with a negative sum of squares');
SELECT throws_like($$SELECT causal.merge(s) FROM (SELECT causal.dml_plr_sketch(fold, y, d, x1) FROM dml
                                                  UNION ALL SELECT causal.dml_plr_sketch(fold, y, d, x1, x2) FROM dml) t(s)$$,
                   '%cannot merge DML sketches of 1 and 2 covariates%', 'merging sketches of different k');
SET LOCAL causal.max_memory = '1MB';
SELECT throws_ok($$SELECT causal.dml_plr(fold, y, d, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20) FROM wide$$, '54000', NULL,
                 'the state of 5 folds of 20 covariates is held to causal.max_memory');
RESET causal.max_memory;
-- a cancelled aggregate (statement_timeout) stops cleanly with SQLSTATE 57014
CREATE FUNCTION pg_temp.cancelled(q text) RETURNS boolean LANGUAGE plpgsql AS $f$
BEGIN
    EXECUTE q;
    RETURN false;
EXCEPTION WHEN query_canceled THEN
    RETURN true;
END $f$;
SET LOCAL statement_timeout = '300ms';
SELECT ok(pg_temp.cancelled($$SELECT causal.dml_plr(fold, y, d, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20) FROM wide, generate_series(1, 2000)$$),
          'the aggregate over 6,000,000 rows is cancellable');
RESET statement_timeout;
SELECT ok((SELECT (causal.dml_plr(fold, y, d, x1)).n FROM dml) = 500, 'and the session goes on');
SELECT ok((SELECT pg_temp.close((causal.dml_plr(fold, y, d, x1::numeric, x2::real, unit)).std_error,
                                (causal.dml_plr(fold, y, d, x1, x2::real::float8, unit::float8)).std_error, 1e-12) FROM dml),
          'covariates of any numeric type (numeric, real, integer)');
SELECT ok((SELECT pg_temp.close((causal.dml_plr(fold, y, d, VARIADIC ARRAY[x1, x2, x3])).std_error,
                                (causal.dml_plr(fold, y, d, x1, x2, x3)).std_error, 1e-12) FROM dml),
          'covariates as one VARIADIC float8[] array');
SELECT throws_ok($$SELECT causal.dml_plr(fold, y, d, x1, 'a'::text) FROM dml$$, '42804', NULL,
                 'aggregate: a text covariate');
SELECT throws_like($$SELECT causal.dml_plr(1, y, d, x1) FROM dml$$, '%has 1 distinct value%', 'aggregate: one fold');
SELECT throws_ok($$SELECT causal.dml_plr(fold, y, x1 + 2 * x2, x1, x2) FROM dml$$, '22000', NULL,
                 'aggregate: a treatment the covariates predict exactly');
SELECT throws_ok($$SELECT causal.dml('dml', 'y', 'x1', '{x2,x1}', ml_l => 'ols', ml_m => 'ols')$$, '22000', NULL,
                 'table form: the treatment among the covariates');
SELECT throws_ok($$SELECT causal.dml('dml', 'yv', 'dv', '{x1,x2}', model => 'pliv', instruments => '{x1}',
                                     ml_l => 'ols', ml_m => 'ols', ml_r => 'ols')$$, '22000', NULL,
                 'PLIV: the instrument among the covariates');
SELECT throws_like($$SELECT causal.dml_plr(fold, y, d, x1, x2, x3, x4, x5, x6) FROM dml WHERE id <= 7$$,
                   '%training rows outside fold%too few for 6 covariates%', 'aggregate: too few rows for the covariates');
SELECT throws_like($$SELECT causal.dml_plr(fold, y, d, x1, 'NaN'::float8) FROM dml$$, '%argument 5 of causal.dml_plr is NaN%',
                   'aggregate: NaN names the argument');
SELECT is((SELECT (causal.dml_plr(fold, y, d, CASE WHEN id <= 5 THEN NULL ELSE x1 END)).details ->> 'n_skipped' FROM dml), '5',
          'aggregate: rows with NULLs are skipped and counted');
SELECT throws_like($$SELECT causal.dml_plr(fold, y, d, x1, 2 * x1) FROM dml$$, '%x2 is constant or collinear%',
                   'aggregate: collinear covariates');
SELECT throws_ok($$SELECT '{"version": 1, "k": 1, "n_skipped": 0, "shift": [0, 1, 2, 3], "folds": [{"fold": 1, "n": 5, "s4": [1]}]}'::causal.dml_sketch$$,
                 '22P02', NULL, 'malformed sketch text is rejected');
SELECT throws_ok($$SELECT '{"version": 1, "k": 1}'::causal.dml_sketch$$, '22P02', NULL, 'sketch text with missing keys is rejected');

-- bad input
SELECT throws_ok($$SELECT causal.dml('dml', 'yb', 'd', '{x1,x2}', model => 'irm')$$, '22023', NULL,
                 'IRM with a non-binary treatment');
SELECT throws_like($$SELECT causal.dml('dml', 'yv', 'dv', '{x1,x2}', model => 'pliv')$$, '%needs at least one instrument%',
                   'PLIV without an instrument');
SELECT throws_ok($$SELECT causal.dml('dml', 'y', 'd', '{x1}', fold_column => 'unit_one')$$, '42703', NULL,
                 'unknown fold column');
CREATE TEMP TABLE one_fold AS SELECT *, 1 AS f FROM dml;
SELECT throws_like($$SELECT causal.dml('one_fold', 'y', 'd', '{x1}', fold_column => 'f')$$, '%has 1 distinct value%',
                   'a fold column with one fold');
CREATE TEMP TABLE tiny AS SELECT * FROM dml LIMIT 7;
SELECT throws_like($$SELECT causal.dml('tiny', 'y', 'd', '{x1}')$$, '%too few for 5 folds%', 'fewer rows than folds need');
CREATE TEMP TABLE with_nulls AS SELECT * FROM dml;
UPDATE with_nulls SET x1 = NULL WHERE id <= 10;
SELECT is((SELECT ((e).n, (e).details ->> 'n_skipped')::text FROM (SELECT causal.dml('with_nulls', 'y', 'd', '{x1,x2}') e) s),
          '(490,10)', 'rows with NULLs are skipped and counted');
CREATE TEMP TABLE with_nan AS SELECT * FROM dml;
UPDATE with_nan SET x2 = 'NaN' WHERE id = 3;
SELECT throws_like($$SELECT causal.dml('with_nan', 'y', 'd', '{x1,x2}')$$, '%column "x2" holds NaN%', 'NaN names the column');
SELECT throws_like($$SELECT causal.dml('dml', 'y', 'd', '{x1,x2}', ml_l => 'forest')$$, '%ml_l must be ols, ridge, lasso, logistic or xgboost, got "forest"%',
                   'unknown learner');
SELECT throws_like($$SELECT causal.dml('dml', 'y', 'd', '{x1}', ml_l => 'lasso', learner_options => '{"ml_l": {"alpha": 1}}')$$,
                   '%has no option "alpha"%', 'unknown learner option');
SELECT throws_like($$SELECT causal.dml('dml', 'y', 'd', '{x1}', ml_r => 'ols')$$, '%has no nuisance ml_r%',
                   'a learner for a nuisance the model does not have');
CREATE TEMP TABLE collinear AS SELECT *, 2 * x1 AS x1b FROM dml;
SELECT throws_like($$SELECT causal.dml('collinear', 'y', 'd', '{x1,x1b}')$$, '%"x1b" is constant or collinear%',
                   'collinear covariates name the column');
SELECT throws_like($$SELECT causal.dml('dml', 'y', 'd', '{x1}', fold_column => 'fold', cluster => 'unit')$$,
                   '%cluster lies in more than one fold%', 'clusters split across the given folds');
SELECT throws_like($$SELECT causal.dml('dml', 'y', 'd', '{x1}', mundlak => true)$$, '%mundlak needs the cluster%',
                   'Mundlak without a unit column');
SELECT throws_like($$SELECT causal.dml('dml', 'yb', 'tr', '{x1}', model => 'irm', ml_m => 'lasso')$$,
                   '%cannot model the binary treatment%', 'a regression learner for a propensity');

-- the overlap of IRM's cross-fitted propensities (details.overlap): every score of every repetition
-- counted, the clip's count equal to n_clipped, a warning and poor = true when more than 5% lie
-- outside [0.01, 0.99]
CREATE TEMP TABLE irm_ov AS
SELECT (causal.dml('dml', 'yb', 'tr', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', model => 'irm', n_rep => 3)).details AS d;
SELECT ok((d -> 'overlap' ->> 'n')::int = 3 * (SELECT count(*) FROM dml)
          AND (d -> 'overlap' ->> 'clip')::float8 = 0.01
          AND (d -> 'overlap' ->> 'n_clipped')::int >= (d ->> 'n_clipped')::int
          AND (d -> 'overlap' ->> 'n_clipped')::int = (d -> 'overlap' ->> 'n_extreme')::int
          AND (d -> 'overlap' ->> 'min_propensity')::float8 > 0 AND (d -> 'overlap' ->> 'max_propensity')::float8 < 1,
          'IRM: details.overlap counts the scores of all three repetitions; with clip 0.01 the clipped are the extreme ones')
  FROM irm_ov;
SELECT is((SELECT ((causal.dml('dml', 'yb', 'tr', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', model => 'irm', clip => 0.4999)).details
                    -> 'overlap' ->> 'n_clipped')::int), (SELECT count(*)::int FROM dml),
          'IRM with clip 0.4999: every score is clipped');
CREATE TEMP TABLE irm_poor AS
SELECT i AS id, x, (causal.refute_uniform(i, 3) < 1 / (1 + exp(-6 * x)))::int AS t,
       (causal.refute_uniform(i, 5) < 0.5)::int AS c, x + causal.refute_normal(i, 4) AS y
  FROM (SELECT i, causal.refute_normal(i, 2) AS x FROM generate_series(1, 800) i) s;
SELECT ok(((causal.dml('irm_poor', 'y', 't', '{x}', model => 'irm')).details -> 'overlap' ->> 'poor')::boolean
          AND NOT ((causal.dml('irm_poor', 'y', 'c', '{x}', model => 'irm')).details -> 'overlap' ->> 'poor')::boolean,
          'IRM: poor overlap when the treatment is nearly determined by x, not when it is a coin flip');

SELECT * FROM finish();
ROLLBACK;
