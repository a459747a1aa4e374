-- The propensity model against R's glm(family = binomial) on MatchIt's lalonde
-- (test/data/lalonde_propensity_*.csv from test/scripts/make_lalonde_reference.R,
-- fully converged): coefficients, standard errors and scores to 1e-6 relative.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(10);

CREATE TEMP TABLE lalonde (id text, treat int, age int, educ int, race text, married int,
                           nodegree int, re74 float8, re75 float8, re78 float8);
\copy lalonde FROM 'test/data/lalonde.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE lalonde ADD COLUMN black int, ADD COLUMN hispan int;
UPDATE lalonde SET black = (race = 'black')::int, hispan = (race = 'hispan')::int;
CREATE TEMP TABLE pref (term text, estimate float8, std_error float8, z_value float8, p_value float8);
\copy pref FROM 'test/data/lalonde_propensity_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE sref (id text, score float8);
\copy sref FROM 'test/data/lalonde_propensity_scores.csv' WITH (FORMAT csv, HEADER)
CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false);

CREATE TEMP TABLE fit AS
SELECT * FROM causal.propensity_model('pg_temp.lalonde', 'treat',
                                      '{age,educ,black,hispan,married,nodegree,re74,re75}');
SELECT is((SELECT count(*) FROM fit f JOIN pref r USING (term)), 9::bigint, 'nine terms, intercept named intercept');
SELECT is((SELECT count(*) FROM fit f JOIN pref r USING (term)
            WHERE NOT (pg_temp.close(f.estimate, r.estimate, 1e-6) AND pg_temp.close(f.std_error, r.std_error, 1e-6)
                       AND pg_temp.close(f.z_value, r.z_value, 1e-6) AND pg_temp.close(f.p_value, r.p_value, 1e-6))),
          0::bigint, 'coefficients, standard errors, z and p match R''s glm to 1e-6');
SELECT is((SELECT count(*) FROM causal.propensity('pg_temp.lalonde', 'treat',
                                                  '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id') p
             JOIN sref r USING (id) WHERE pg_temp.close(p.score, r.score, 1e-6)), 614::bigint,
          'all 614 propensity scores match R''s fitted values to 1e-6, keyed by id');

-- NULLs are skipped; a boolean treatment works
CREATE TEMP TABLE lal2 AS SELECT *, treat = 1 AS treated FROM lalonde;
UPDATE lal2 SET age = NULL WHERE id IN ('NSW1', 'NSW2');
SELECT is((SELECT count(*) FROM causal.propensity('pg_temp.lal2', 'treated', '{age,educ}', 'id')), 612::bigint,
          'rows with a NULL covariate are skipped; boolean treatment accepted');
-- ridge shrinks the slopes
SELECT ok((SELECT abs(estimate) FROM causal.propensity_model('pg_temp.lalonde', 'treat', '{black,married}', ridge => 50)
            WHERE term = 'black')
          < (SELECT abs(estimate) FROM causal.propensity_model('pg_temp.lalonde', 'treat', '{black,married}')
              WHERE term = 'black'), 'a ridge penalty shrinks the coefficients');

-- bad input
SELECT throws_ok($$SELECT * FROM causal.propensity_model('pg_temp.lalonde', 'race', '{age}')$$, '22023',
                 'treatment column "race" is not binary: it has the values black, hispan, white',
                 'non-binary treatment names the values found');
CREATE TEMP TABLE sep AS SELECT i, (i > 50)::int AS t, i::float8 AS x FROM generate_series(1, 100) i;
SELECT throws_ok($$SELECT * FROM causal.propensity_model('pg_temp.sep', 't', '{x}')$$, '22000', NULL,
                 'perfect separation');
SELECT lives_ok($$SELECT * FROM causal.propensity_model('pg_temp.sep', 't', '{x}', ridge => 0.1)$$,
                'a ridge penalty resolves separation');
CREATE TEMP TABLE const AS SELECT i, (i % 3 = 0)::int AS t, 1.0::float8 AS k, i::float8 AS x FROM generate_series(1, 60) i;
SELECT throws_ok($$SELECT * FROM causal.propensity_model('pg_temp.const', 't', '{x,k}')$$, '22000', NULL,
                 'a constant covariate');
SELECT throws_ok($$SELECT * FROM causal.propensity_model('pg_temp.lalonde', 'treat', '{nope}')$$, '42703', NULL,
                 'unknown covariate');

SELECT * FROM finish();
ROLLBACK;
