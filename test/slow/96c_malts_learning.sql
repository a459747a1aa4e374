-- MALTS learning its stretch on the authors' "dense endo" design (their data_generation_dense_endo: 5
-- relevant covariates N(1, 0.5^2) with outcome coefficients 10/2^j of alternating sign, 15 irrelevant
-- N(1, 1.5^2), effect linear plus all pairwise products of the relevant covariates, N(0, 1) noise,
-- about 25% treated), n = 2000, seeded: the learned stretch ignores the irrelevant covariates, the ATE
-- is close to the sample's, and the CATEs and the matched pairs beat Mahalanobis matching.
-- make check-slow (about a minute).
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(6);

-- learning on the authors' design
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
CREATE TEMP TABLE eff AS
SELECT causal.malts_effect('pg_temp.ms', 'y', 't', ARRAY(SELECT 'x' || j FROM generate_series(1, 20) j), 'i') AS e;
CREATE TEMP TABLE ratios AS
SELECT avg(v::float8) FILTER (WHERE k NOT IN ('x1', 'x2', 'x3', 'x4', 'x5'))
       / avg(v::float8) FILTER (WHERE k IN ('x1', 'x2', 'x3', 'x4', 'x5')) AS raw,
       (SELECT avg(v2::float8) FILTER (WHERE k2 NOT IN ('x1', 'x2', 'x3', 'x4', 'x5'))
               / avg(v2::float8) FILTER (WHERE k2 IN ('x1', 'x2', 'x3', 'x4', 'x5'))
          FROM jsonb_each_text((SELECT (e).details -> 'stretch_standardized' FROM eff)) AS s2(k2, v2)) AS standardized
  FROM jsonb_each_text((SELECT (e).details -> 'stretch' FROM eff)) AS s(k, v);
SELECT ok(raw < 0.10, format('learned stretch (per raw unit, as d_M defines it): irrelevant / relevant = %s < 0.10 (per SD: %s)',
                             round(raw::numeric, 3), round(standardized::numeric, 3)))
  FROM ratios;
SELECT ok(abs((e).estimate - (SELECT avg(tau) FROM ms)) < 0.3,
          format('ATE %s within 0.3 of the sample average effect %s', round((e).estimate::numeric, 3),
                 round((SELECT avg(tau) FROM ms)::numeric, 3)))
  FROM eff;
-- CATE error on the treated: MALTS against 1:1 Mahalanobis nearest-neighbour matching (pair differences)
CREATE TEMP TABLE mc AS SELECT * FROM causal.malts('pg_temp.ms', 'y', 't', ARRAY(SELECT 'x' || j FROM generate_series(1, 20) j), 'i');
CREATE TEMP TABLE mm AS SELECT * FROM causal.match('pg_temp.ms', 't', ARRAY(SELECT 'x' || j FROM generate_series(1, 20) j), 'i',
                                                  distance => 'mahalanobis');
SELECT ok(malts < mahal, format('CATE RMSE on the treated: MALTS %s < Mahalanobis matching %s',
                                round(malts::numeric, 3), round(mahal::numeric, 3)))
  FROM (SELECT (SELECT sqrt(avg((c.cate - s.tau) ^ 2)) FROM mc c JOIN ms s ON s.i::text = c.id WHERE s.t = 1) AS malts,
               (SELECT sqrt(avg((mt.y - mc2.y - mt.tau) ^ 2))
                  FROM mm a JOIN mm b ON a.subclass = b.subclass AND a.treated AND NOT b.treated
                  JOIN ms mt ON mt.i::text = a.id JOIN ms mc2 ON mc2.i::text = b.id) AS mahal) x;

-- 1:1 matching on the learned distance (causal.match method malts) against 1:1 Mahalanobis matching:
-- the error of the pair differences as estimates of the treated units' effects
CREATE TEMP TABLE mlm AS SELECT * FROM causal.match('pg_temp.ms', 't', ARRAY(SELECT 'x' || j FROM generate_series(1, 20) j), 'i',
                                                   method => 'malts', options => '{"outcome": "y"}');
SELECT ok(malts < mahal, format('pair-difference RMSE on the treated: matching on the MALTS distance %s < Mahalanobis %s',
                                round(malts::numeric, 3), round(mahal::numeric, 3)))
  FROM (SELECT (SELECT sqrt(avg((mt.y - mc2.y - mt.tau) ^ 2))
                  FROM mlm a JOIN mlm b ON a.subclass = b.subclass AND a.treated AND NOT b.treated
                  JOIN ms mt ON mt.i::text = a.id JOIN ms mc2 ON mc2.i::text = b.id) AS malts,
               (SELECT sqrt(avg((mt.y - mc2.y - mt.tau) ^ 2))
                  FROM mm a JOIN mm b ON a.subclass = b.subclass AND a.treated AND NOT b.treated
                  JOIN ms mt ON mt.i::text = a.id JOIN ms mc2 ON mc2.i::text = b.id) AS mahal) x;

-- learning on a sample of 60 units per fold and arm (options.learn_rows; about a fifth of each fold's
-- controls and two thirds of its treated): the stretch still ignores the irrelevant covariates and
-- the ATE stays close to the sample's
CREATE TEMP TABLE eff_sampled AS
SELECT causal.malts_effect('pg_temp.ms', 'y', 't', ARRAY(SELECT 'x' || j FROM generate_series(1, 20) j), 'i',
                           options => '{"learn_rows": 60}') AS e;
SELECT ok(ratio < 0.20, format('learned on 60 rows per fold and arm: irrelevant / relevant stretch = %s < 0.20',
                               round(ratio::numeric, 3)))
  FROM (SELECT avg(v::float8) FILTER (WHERE k NOT IN ('x1', 'x2', 'x3', 'x4', 'x5'))
               / avg(v::float8) FILTER (WHERE k IN ('x1', 'x2', 'x3', 'x4', 'x5')) AS ratio
          FROM jsonb_each_text((SELECT (e).details -> 'stretch' FROM eff_sampled)) AS s(k, v)) x;
SELECT ok(abs((e).estimate - (SELECT avg(tau) FROM ms)) < 0.3,
          format('learned on 60 rows per fold and arm: ATE %s within 0.3 of the sample average effect %s',
                 round((e).estimate::numeric, 3), round((SELECT avg(tau) FROM ms)::numeric, 3)))
  FROM eff_sampled;

SELECT * FROM finish();
ROLLBACK;
