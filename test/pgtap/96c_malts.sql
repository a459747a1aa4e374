-- MALTS: (1) matching and estimation at a fixed stretch against an independent numpy/scikit-learn
-- implementation (test/scripts/make_malts_reference.py), CATEs to 1e-8; (2) learning the stretch on the
-- authors' "dense endo" design (their data_generation_dense_endo: 5 relevant covariates N(1, 0.5^2) with
-- outcome coefficients 10/2^j of alternating sign, 15 irrelevant N(1, 1.5^2), effect linear plus all
-- pairwise products of the relevant covariates, N(0, 1) noise, about 25% treated), n = 2000, seeded:
-- test/slow/96c_malts_learning.sql (make check-slow).
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(31);

CREATE TEMP TABLE md (id int, t int, y float8, x1 float8, x2 float8, x3 int, x4 float8, fold int);
\copy md FROM 'test/data/malts_data.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE mref (id int, cate float8, cate_sd float8);
\copy mref FROM 'test/data/malts_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE oref (fold int, objective float8);
\copy oref FROM 'test/data/malts_objective_reference.csv' WITH (FORMAT csv, HEADER)

CREATE TEMP TABLE got AS
SELECT * FROM causal.malts('pg_temp.md', 'y', 't', '{x1,x2,x3,x4}', 'id', discrete => '{x3}', k => 10, k_est => 20,
                           fold_column => 'fold', options => '{"stretch": [2.0, 0.3, 1.5, 0.1]}');
SELECT is((SELECT count(*) FROM got g JOIN mref r ON r.id::text = g.id
            WHERE abs(g.cate - r.cate) <= 1e-8 * (1 + abs(r.cate)) AND abs(g.cate_sd - r.cate_sd) <= 1e-8 * (1 + r.cate_sd)),
          240::bigint, 'fixed stretch: every CATE and its spread over folds match the reference to 1e-8');
SELECT ok(bool_and(abs((p ->> 'objective')::float8 - r.objective) <= 1e-9 * r.objective),
          'fixed stretch: the training objective of every fold matches the reference')
  FROM (SELECT causal.malts_effect('pg_temp.md', 'y', 't', '{x1,x2,x3,x4}', 'id', discrete => '{x3}', k => 10,
                                   k_est => 20, fold_column => 'fold',
                                   options => '{"stretch": [2.0, 0.3, 1.5, 0.1]}') AS e) x,
       jsonb_array_elements((e).details -> 'per_fold') WITH ORDINALITY AS f(p, k)
  JOIN oref r ON r.fold = f.k;
SELECT ok(abs((e).estimate - (SELECT avg(cate) FROM mref)) < 1e-8 AND (e).estimand = 'ATE' AND (e).std_error IS NULL,
          'malts_effect: the ATE is the mean CATE (no standard error)')
  FROM (SELECT causal.malts_effect('pg_temp.md', 'y', 't', '{x1,x2,x3,x4}', 'id', discrete => '{x3}', k => 10,
                                   k_est => 20, fold_column => 'fold',
                                   options => '{"stretch": [2.0, 0.3, 1.5, 0.1]}') AS e) x;

-- learning on a sample of each fold (options.learn_rows): a sample as large as every fold's arms is
-- the whole fold (the numpy reference's objectives); a smaller one changes what the stretch is learned
-- on, never the estimation (at a fixed stretch the CATEs still equal the reference)
SELECT ok(bool_and(abs((p ->> 'objective')::float8 - r.objective) <= 1e-9 * r.objective)
          AND bool_and((e).details ->> 'learn_rows' = '1000'),
          'learn_rows past every fold''s arm size: the per-fold objectives are the whole folds'' (reference)')
  FROM (SELECT causal.malts_effect('pg_temp.md', 'y', 't', '{x1,x2,x3,x4}', 'id', discrete => '{x3}', k => 10,
                                   k_est => 20, fold_column => 'fold',
                                   options => '{"stretch": [2.0, 0.3, 1.5, 0.1], "learn_rows": 1000}') AS e) x,
       jsonb_array_elements((e).details -> 'per_fold') WITH ORDINALITY AS f(p, k)
  JOIN oref r ON r.fold = f.k;
CREATE TEMP TABLE got_sampled AS
SELECT * FROM causal.malts('pg_temp.md', 'y', 't', '{x1,x2,x3,x4}', 'id', discrete => '{x3}', k => 10, k_est => 20,
                           fold_column => 'fold', options => '{"stretch": [2.0, 0.3, 1.5, 0.1], "learn_rows": 15}');
SELECT is((SELECT count(*) FROM got_sampled g JOIN mref r ON r.id = g.id
            WHERE abs(g.cate - r.cate) <= 1e-8 * (1 + abs(r.cate))), 240::bigint,
          'learn_rows 15 at a fixed stretch: every CATE still matches the reference (estimation uses every row)');
SELECT ok(bool_and(abs((p ->> 'objective')::float8 - r.objective) > 1e-6 * r.objective),
          'learn_rows 15: each fold''s objective is taken on the sample, not on the whole fold')
  FROM (SELECT causal.malts_effect('pg_temp.md', 'y', 't', '{x1,x2,x3,x4}', 'id', discrete => '{x3}', k => 10,
                                   k_est => 20, fold_column => 'fold',
                                   options => '{"stretch": [2.0, 0.3, 1.5, 0.1], "learn_rows": 15}') AS e) x,
       jsonb_array_elements((e).details -> 'per_fold') WITH ORDINALITY AS f(p, k)
  JOIN oref r ON r.fold = f.k;
-- the sample is drawn from the seed, not from the order the rows arrive in
CREATE TEMP TABLE md_shuffled AS SELECT * FROM md ORDER BY md5(id::text || 'x');
SELECT is((SELECT (e).details -> 'per_fold' FROM (SELECT causal.malts_effect('pg_temp.md_shuffled', 'y', 't', '{x1,x2,x3,x4}', 'id',
                                                      discrete => '{x3}', k => 5, k_est => 20, options => '{"learn_rows": 12}') AS e) a),
          (SELECT (e).details -> 'per_fold' FROM (SELECT causal.malts_effect('pg_temp.md', 'y', 't', '{x1,x2,x3,x4}', 'id',
                                                      discrete => '{x3}', k => 5, k_est => 20, options => '{"learn_rows": 12}') AS e) b),
          'learning on a sample: the same stretches and objectives whatever the order of the rows');
SELECT throws_ok($$SELECT * FROM causal.malts('pg_temp.md', 'y', 't', '{x1,x2}', 'id', options => '{"learn_rows": 10}')$$,
                 '22023', 'causal.malts: option learn_rows (10) must be larger than k (10)', 'learn_rows must exceed k');
SELECT throws_ok($$SELECT * FROM causal.malts('pg_temp.md', 'y', 't', '{x1,x2}', 'id', options => '{"learn_rows": "all"}')$$,
                 '22023', NULL, 'learn_rows must be a number');
SELECT throws_ok($$SELECT * FROM causal.malts('pg_temp.md', 'y', 't', '{x1,x2}', 'id', options => '{"learn_rows": -5}')$$,
                 '22023', NULL, 'a negative learn_rows is an error');
SELECT throws_ok($$SELECT * FROM causal.malts('pg_temp.md', 'y', 't', '{x1,x2}', 'id', options => '{"learn_rows": 1e12}')$$,
                 '22023', NULL, 'a learn_rows past 1e8 is an error, not a wrapped integer');

-- the neighbour search (a k-d tree): exact, ties to the earlier row, on a design where most distances
-- tie (600 rows in 144 covariate cells; numpy reference, same script)
CREATE TEMP TABLE td (id int, t int, y float8, a int, b int, c int, z float8, fold int);
\copy td FROM 'test/data/malts_ties_data.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE tref (id int, cate float8, cate_sd float8);
\copy tref FROM 'test/data/malts_ties_reference.csv' WITH (FORMAT csv, HEADER)
SELECT is((SELECT count(*) FROM causal.malts('pg_temp.td', 'y', 't', '{a,b,c,z}', 'id', discrete => '{a,b,c}', k => 10,
                                             k_est => 15, fold_column => 'fold',
                                             options => '{"stretch": [1, 0.5, 0.25, 0.7]}') g
             JOIN tref r ON r.id = g.id
            WHERE abs(g.cate - r.cate) <= 1e-8 * (1 + abs(r.cate)) AND abs(g.cate_sd - r.cate_sd) <= 1e-8 * (1 + r.cate_sd)),
          600::bigint, 'ties everywhere: every CATE matches the reference (exact neighbours, the earlier row wins a tie)');
-- options.max_checks: approximate search; a budget past the rows is exact search, always through the tree
-- (without a budget, exact search switches to a plain scan when the tree visits most rows, as here)
SELECT is((SELECT count(*) FROM causal.malts('pg_temp.td', 'y', 't', '{a,b,c,z}', 'id', discrete => '{a,b,c}', k => 10,
                                             k_est => 15, fold_column => 'fold',
                                             options => '{"stretch": [1, 0.5, 0.25, 0.7], "max_checks": 100000}') g
             JOIN tref r ON r.id = g.id
            WHERE abs(g.cate - r.cate) <= 1e-8 * (1 + abs(r.cate)) AND abs(g.cate_sd - r.cate_sd) <= 1e-8 * (1 + r.cate_sd)),
          600::bigint, 'ties everywhere, the tree for every search: every CATE matches the reference');
SELECT is((SELECT count(*) FROM causal.malts('pg_temp.md', 'y', 't', '{x1,x2,x3,x4}', 'id', discrete => '{x3}', k => 10,
                                             k_est => 20, fold_column => 'fold',
                                             options => '{"stretch": [2.0, 0.3, 1.5, 0.1], "max_checks": 1000}') g
             JOIN mref r ON r.id = g.id WHERE abs(g.cate - r.cate) <= 1e-8 * (1 + abs(r.cate))),
          240::bigint, 'max_checks past the rows: every CATE matches the exact reference');
SELECT ok((e).details ->> 'max_checks' = '1000' AND ((e).details ->> 'neighbour_recall')::float8 = 1
          AND (SELECT (x).details -> 'neighbour_recall' = 'null' AND (x).details -> 'max_checks' = 'null'
                 FROM (SELECT causal.malts_effect('pg_temp.md', 'y', 't', '{x1,x2,x3,x4}', 'id', discrete => '{x3}',
                                                  k => 10, k_est => 20, fold_column => 'fold',
                                                  options => '{"stretch": [2.0, 0.3, 1.5, 0.1]}') AS x) y),
          'details: max_checks and the measured neighbour_recall (1 here; both null for exact search)')
  FROM (SELECT causal.malts_effect('pg_temp.md', 'y', 't', '{x1,x2,x3,x4}', 'id', discrete => '{x3}', k => 10, k_est => 20,
                                   fold_column => 'fold', options => '{"stretch": [2.0, 0.3, 1.5, 0.1], "max_checks": 1000}') AS e) x;
SELECT ok(((a).details ->> 'neighbour_recall')::float8 BETWEEN 0.3 AND 0.99
          AND ((a).details ->> 'mean_checks')::float8 < ((b).details ->> 'mean_checks')::float8,
          'max_checks 30 on the tied design: fewer distances than exact search, and a recall below 1')
  FROM (SELECT causal.malts_effect('pg_temp.td', 'y', 't', '{a,b,c,z}', 'id', discrete => '{a,b,c}', k => 10, k_est => 15,
                                   fold_column => 'fold', options => '{"stretch": [1, 0.5, 0.25, 0.7], "max_checks": 30}') AS a,
               causal.malts_effect('pg_temp.td', 'y', 't', '{a,b,c,z}', 'id', discrete => '{a,b,c}', k => 10, k_est => 15,
                                   fold_column => 'fold', options => '{"stretch": [1, 0.5, 0.25, 0.7]}') AS b) x;
SELECT throws_ok($$SELECT * FROM causal.malts('pg_temp.md', 'y', 't', '{x1,x2}', 'id', options => '{"max_checks": 0}')$$,
                 '22023', NULL, 'max_checks must be positive');
SELECT throws_ok($$SELECT * FROM causal.malts('pg_temp.md', 'y', 't', '{x1,x2}', 'id', options => '{"max_checks": "fast"}')$$,
                 '22023', NULL, 'max_checks must be a number');
SELECT throws_ok($$SELECT * FROM causal.malts('pg_temp.md', 'y', 't', '{x1,x2}', 'id', options => '{"max_checks": 1e13}')$$,
                 '22023', NULL, 'a max_checks past 1e12 is an error');

-- the authors' design (the learning checks on it are in test/slow/96c_malts_learning.sql, make check-slow)
CREATE FUNCTION pg_temp.rnorm() RETURNS float8 LANGUAGE sql VOLATILE
RETURN sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random());
SELECT setseed(0.25);
CREATE TEMP TABLE ms AS
SELECT i, r, u, (random() < (1 + tanh((r[1] + r[2]) / 20)) / 4)::int AS t, pg_temp.rnorm() AS e
  FROM (SELECT i, ARRAY(SELECT 1 + 0.5 * pg_temp.rnorm() FROM generate_series(1, 5) WHERE i > 0) AS r,
               ARRAY(SELECT 1 + 1.5 * pg_temp.rnorm() FROM generate_series(1, 15) WHERE i > 0) AS u
          FROM generate_series(1, 2000) i ORDER BY i) s;
ALTER TABLE ms ADD COLUMN tau float8, ADD COLUMN y float8;
UPDATE ms SET tau = r[1] + 1.5 * r[2] + 0.5 * r[3] + r[4] + 0.8 * r[5]
                  + (SELECT sum(r[a] * r[b]) FROM generate_series(1, 5) a, generate_series(1, 5) b WHERE a < b);
UPDATE ms SET y = 5 * r[1] - 2.5 * r[2] + 1.25 * r[3] - 0.625 * r[4] + 0.3125 * r[5] + t * tau + e;
DO $$ BEGIN
  FOR j IN 1..5 LOOP EXECUTE format('ALTER TABLE ms ADD COLUMN x%s float8', j); EXECUTE format('UPDATE ms SET x%s = r[%s]', j, j); END LOOP;
  FOR j IN 6..20 LOOP EXECUTE format('ALTER TABLE ms ADD COLUMN x%s float8', j); EXECUTE format('UPDATE ms SET x%s = u[%s]', j, j - 5); END LOOP;
END $$;
-- approximate search at 2000 rows x 20 covariates, at a stretch that favours the 5 relevant covariates:
-- with 200 distances per search (of about 650 for exact search) most neighbours are the exact ones and
-- the ATE moves by less than 0.1 (the effect's spread over units is about 9)
SELECT ok(((a).details ->> 'neighbour_recall')::float8 > 0.8 AND abs((a).estimate - (b).estimate) < 0.1
          AND abs((a).estimate - (SELECT avg(tau) FROM ms)) < 0.3,
          'max_checks 200 on the authors'' design: recall above 0.8, the ATE within 0.1 of exact search''s and 0.3 of the truth')
  FROM (SELECT causal.malts_effect('pg_temp.ms', 'y', 't', (SELECT array_agg('x' || j) FROM generate_series(1, 20) j), 'i',
                                   options => jsonb_build_object('stretch', s, 'learn_rows', 50, 'max_checks', 200)) AS a,
               causal.malts_effect('pg_temp.ms', 'y', 't', (SELECT array_agg('x' || j) FROM generate_series(1, 20) j), 'i',
                                   options => jsonb_build_object('stretch', s, 'learn_rows', 50)) AS b
          FROM (SELECT to_jsonb(array_cat(array_fill(2.0, ARRAY[5]), array_fill(0.2, ARRAY[15]))) AS s) st) x;
-- bad input
SELECT throws_ok($$SELECT * FROM causal.malts('pg_temp.md', 'y', 't', '{x1,x2}', 'id', discrete => '{x3}')$$, '22023',
                 'causal.malts: discrete covariate "x3" is not among the covariates', 'discrete names a covariate');
SELECT throws_ok($$SELECT * FROM causal.malts('pg_temp.md', 'y', 't', '{x1,x2}', 'id', n_folds => 1)$$, '22023', NULL,
                 'n_folds below 2 is an error');
SELECT throws_ok($$SELECT * FROM causal.malts('pg_temp.md', 'y', 't', '{x1,x2}', 'id', options => '{"stretch": [1]}')$$,
                 '22023', NULL, 'a fixed stretch needs one entry per covariate');
SELECT throws_ok($$SELECT * FROM causal.malts('pg_temp.md', 'y', 't', '{x1,x2}', 'id', options => '{"stretch": [1, -1]}')$$,
                 '22023', NULL, 'a negative stretch is an error');
SELECT throws_ok($$SELECT * FROM causal.malts('pg_temp.md', 'y', 'x3', '{x1,x2}', 'id')$$, '22023', NULL,
                 'a non-binary treatment is an error');
SELECT throws_ok($$SELECT * FROM causal.malts('pg_temp.md', 'y', 't', '{x1,x2}', 'id', options => '{"lambda": 1}')$$,
                 '22023', NULL, 'unknown options are an error');

SET LOCAL causal.max_memory = '1MB';
SELECT throws_ok($$SELECT * FROM causal.malts('pg_temp.ms', 'y', 't', '{x1,x2,x3,x4,x5}', 'i')$$, '54000', NULL,
                 'the pairwise differences of a training fold are held to causal.max_memory');
SELECT ok((SELECT count(*) FROM causal.malts('pg_temp.ms', 'y', 't', '{x1,x2,x3,x4,x5}', 'i',
                                             options => '{"learn_rows": 100}')) = 2000,
          'the same call learning on 100 rows per fold and arm fits in causal.max_memory and estimates every unit');
SELECT throws_ok($$SELECT * FROM causal.match('pg_temp.ms', 't', '{x1,x2,x3,x4,x5}', 'i', method => 'malts',
                                              options => '{"outcome": "y"}')$$, '54000', NULL,
                 'causal.match(method => malts) learns on whole folds within causal.max_memory too');
SELECT ok((SELECT count(*) FILTER (WHERE treated) FROM causal.match('pg_temp.ms', 't', '{x1,x2,x3,x4,x5}', 'i', method => 'malts',
                                                                   options => '{"outcome": "y", "learn_rows": 100}'))
          = (SELECT count(*) FROM ms WHERE t = 1),
          'causal.match(method => malts) learning on 100 rows per fold and arm fits and matches every treated unit');
RESET causal.max_memory;
SELECT is((SELECT array_agg(id::text || ':' || subclass ORDER BY id)
             FROM causal.match('pg_temp.md', 't', '{x1,x2,x4}', 'id', method => 'malts',
                               options => '{"outcome": "y", "learn_rows": 1000}')),
          (SELECT array_agg(id::text || ':' || subclass ORDER BY id)
             FROM causal.match('pg_temp.md', 't', '{x1,x2,x4}', 'id', method => 'malts', options => '{"outcome": "y"}')),
          'causal.match(method => malts): learn_rows past every fold''s arm size matches as whole folds do');

SELECT * FROM finish();
ROLLBACK;
