-- Inverse probability weighting and AIPW against R (test/data/lalonde_ipw_reference.csv, lalonde_aipw_reference.csv from
-- test/scripts/make_lalonde_reference.R: glm propensity scores, lm(weights = w) and
-- sandwich::vcovHC(type = "HC0")): estimates and standard errors to 1e-8 relative.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(14);

CREATE TEMP TABLE lalonde (id text, treat int, age int, educ int, race text, married int,
                           nodegree int, re74 float8, re75 float8, re78 float8);
\copy lalonde FROM 'test/data/lalonde.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE lalonde ADD COLUMN black int, ADD COLUMN hispan int;
UPDATE lalonde SET black = (race = 'black')::int, hispan = (race = 'hispan')::int;
CREATE TEMP TABLE iref (estimand text, estimate float8, std_error float8);
\copy iref FROM 'test/data/lalonde_ipw_reference.csv' WITH (FORMAT csv, HEADER)
CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false);
CREATE TEMP TABLE eff AS
SELECT r.estimand AS ref_estimand, r.estimate AS ref_estimate, r.std_error AS ref_se,
       causal.weighting_effect('pg_temp.lalonde', 're78', 'treat',
                               '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id',
                               estimand => r.estimand) AS e
  FROM iref r;

SELECT ok(pg_temp.close((e).estimate, ref_estimate, 1e-8) AND pg_temp.close((e).std_error, ref_se, 1e-8),
          ref_estimand || ': IPW estimate and HC0 standard error match R to 1e-8')
  FROM eff ORDER BY ref_estimand;
SELECT is((SELECT ((e).n, (e).n_treated, (e).n_control)::text FROM eff WHERE ref_estimand = 'ATT'),
          '(614,185,429)', 'counts');
SELECT ok(pg_temp.close(
            (causal.weighting_effect('pg_temp.lalonde', 're78', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}',
                                     'id', estimand => 'ATE', stabilize => true)).estimate,
            (SELECT ref_estimate FROM eff WHERE ref_estimand = 'ATE'), 1e-10),
          'stabilized weights give the same (normalised) estimate');
-- the composable aggregate over weights joined back to the table
CREATE TEMP TABLE att_w AS
  SELECT * FROM causal.weights('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id',
                               estimand => 'ATT');
SELECT ok(pg_temp.close((e).estimate, r.estimate, 1e-8) AND pg_temp.close((e).std_error, r.std_error, 1e-8),
          'causal.weighted_effect over joined weights matches R''s ATT and HC0 SE to 1e-8')
  FROM (SELECT causal.weighted_effect(l.re78, l.treat = 1, w.weight) AS e
          FROM lalonde l JOIN att_w w USING (id)) s, iref r WHERE r.estimand = 'ATT';
SELECT is((SELECT count(*) FROM (SELECT married, causal.weighted_effect(l.re78, l.treat = 1, w.weight)
                                   FROM lalonde l JOIN att_w w USING (id) GROUP BY married) g), 2::bigint,
          'one effect per segment with GROUP BY');
SELECT throws_ok($$SELECT causal.weighted_effect(y, t, w) FROM (VALUES (1.0::float8, true, -1.0::float8)) v(y, t, w)$$,
                 '22023', NULL, 'negative weight');
SELECT throws_ok($$SELECT causal.weighted_effect(y, t, w) FROM (VALUES (1.0::float8, true, 1.0::float8)) v(y, t, w)$$,
                 '22000', NULL, 'only one arm');
-- AIPW against R (lm outcome models per arm, glm scores, influence function)
CREATE TEMP TABLE aref (estimand text, estimate float8, std_error float8);
\copy aref FROM 'test/data/lalonde_aipw_reference.csv' WITH (FORMAT csv, HEADER)
SELECT ok(pg_temp.close((e).estimate, r.estimate, 1e-8) AND pg_temp.close((e).std_error, r.std_error, 1e-8),
          'AIPW ATE and influence-function SE match R to 1e-8')
  FROM (SELECT causal.aipw_effect('pg_temp.lalonde', 're78', 'treat',
                                  '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id') AS e) s, aref r;
SELECT throws_ok($$SELECT causal.aipw_effect('pg_temp.lalonde', 're78', 'treat', '{age}', 'id', estimand => 'ATT')$$,
                 '0A000', NULL, 'AIPW for the ATT is not available yet');
SELECT throws_ok($$SELECT causal.weighting_effect('pg_temp.lalonde', 're78', 'race', '{age}', 'id')$$, '22023', NULL,
                 'non-binary treatment');
SELECT throws_ok($$SELECT * FROM causal.weights('pg_temp.lalonde', 'treat', '{age}', 'id', method => 'ebal')$$,
                 '0A000', NULL, 'a method that is not available yet');
SELECT throws_ok($$SELECT * FROM causal.weights('pg_temp.lalonde', 'treat', '{age}', 'id', estimand => 'ATX')$$,
                 '22023', NULL, 'an unknown estimand');

SELECT * FROM finish();
ROLLBACK;
