-- Factor covariates: a text covariate (LaLonde's race: black, hispan, white) is one-hot encoded,
-- the first level in text order (black) the reference, as R's treatment contrasts.  The propensity
-- model against R's glm reparametrised, its scores against R's fitted values; IPW and AIPW
-- with race equal R on the same model written with indicators (test/data/lalonde_ipw_reference.csv,
-- lalonde_aipw_reference.csv from test/scripts/make_lalonde_reference.R: glm with black and
-- hispan; the same column space with an intercept); entropy balancing, matching on the propensity
-- and on the Mahalanobis distance (invariant to the coding) and MALTS equal the calls with the
-- indicators built in SQL.  Regression adjustment from a sketch with race (causal.design_moments)
-- against R's lm with black and hispan (test/data/lalonde_ols_reference.csv): the same column space,
-- so the treatment's and the other covariates' coefficients are R's.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(24);

CREATE TEMP TABLE lalonde (id text, treat int, age int, educ int, race text, married int,
                           nodegree int, re74 float8, re75 float8, re78 float8);
\copy lalonde FROM 'test/data/lalonde.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE lalonde ADD COLUMN rid serial, ADD COLUMN hispan int, ADD COLUMN white int, ADD COLUMN black int,
                    ADD COLUMN single text;
UPDATE lalonde SET hispan = (race = 'hispan')::int, white = (race = 'white')::int, black = (race = 'black')::int,
                   single = 'x';
CREATE TEMP TABLE iref (estimand text, estimate float8, std_error float8);
\copy iref FROM 'test/data/lalonde_ipw_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE aref (estimand text, estimate float8, std_error float8);
\copy aref FROM 'test/data/lalonde_aipw_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE pref (term text, estimate float8, std_error float8, z_value float8, p_value float8);
\copy pref FROM 'test/data/lalonde_propensity_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE sref (id text, score float8);
\copy sref FROM 'test/data/lalonde_propensity_scores.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE bref (weighting text, covariate text, mean_treated float8, mean_control float8, std_mean_diff float8,
                        var_ratio text, ecdf_mean float8, ecdf_max float8);
\copy bref FROM 'test/data/lalonde_balance_reference.csv' WITH (FORMAT csv, HEADER)
CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false);

SELECT ok(bool_and(pg_temp.close((e).estimate, r.estimate, 1e-8) AND pg_temp.close((e).std_error, r.std_error, 1e-8)),
          'IPW (ATE, ATT) with the text covariate race equals R''s glm with black and hispan')
  FROM iref r, LATERAL (SELECT causal.weighting_effect('lalonde', 're78', 'treat',
                               '{age,educ,race,married,nodegree,re74,re75}', 'id', estimand => r.estimand) AS e) x;
SELECT ok(bool_and(pg_temp.close((e).estimate, r.estimate, 1e-8) AND pg_temp.close((e).std_error, r.std_error, 1e-8)),
          'AIPW (ATE, ATT) with race equals R (indicators in the outcome models and the propensity)')
  FROM aref r, LATERAL (SELECT causal.aipw_effect('lalonde', 're78', 'treat',
                               '{age,educ,race,married,nodegree,re74,re75}', 'id', estimand => r.estimand) AS e) x;
SELECT ok(max(abs(a.weight - b.weight)) < 1e-6,
          'entropy balancing on race equals balancing on its indicators (hispan, white)')
  FROM causal.weights('lalonde', 'treat', '{age,educ,race,re74}', 'id', 'ebal', 'ATT') a
  JOIN causal.weights('lalonde', 'treat', '{age,educ,hispan,white,re74}', 'id', 'ebal', 'ATT') b USING (id);
SELECT is((SELECT array_agg(m ORDER BY m.id)::text FROM causal.match('lalonde', 'treat', '{age,educ,race,re74}', 'rid') m),
          (SELECT array_agg(m ORDER BY m.id)::text FROM causal.match('lalonde', 'treat', '{age,educ,hispan,white,re74}', 'rid') m),
          'nearest-neighbour matching on the propensity: the same matches');
SELECT is((SELECT array_agg((m.id, m.treated, m.weight, m.subclass) ORDER BY m.id)::text
             FROM causal.match('lalonde', 'treat', '{age,educ,race,re74}', 'rid', distance => 'mahalanobis') m),
          (SELECT array_agg((m.id, m.treated, m.weight, m.subclass) ORDER BY m.id)::text
             FROM causal.match('lalonde', 'treat', '{age,educ,black,hispan,re74}', 'rid', distance => 'mahalanobis') m),
          'Mahalanobis matching: the same matches under another coding of race (the distance is affine-invariant)');
SELECT ok(pg_temp.close((causal.match_effect('lalonde', 're78', 'treat', '{age,educ,race,re74}', 'rid')).estimate,
                        (causal.match_effect('lalonde', 're78', 'treat', '{age,educ,hispan,white,re74}', 'rid')).estimate, 1e-9),
          'match_effect with the outcome model: the same effect');
SELECT ok(pg_temp.close((causal.malts_effect('lalonde', 're78', 'treat', '{age,educ,race}', 'rid', n_folds => 2, k => 5,
                                             options => '{"stretch": [1, 1, 2, 3]}')).estimate,
                        (causal.malts_effect('lalonde', 're78', 'treat', '{age,educ,hispan,white}', 'rid', n_folds => 2, k => 5,
                                             options => '{"stretch": [1, 1, 2, 3]}')).estimate, 1e-12),
          'MALTS at a fixed stretch: race takes one stretch per indicator');
SELECT is((SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(
             (SELECT (e).details -> 'stretch' FROM (SELECT causal.malts_effect('lalonde', 're78', 'treat', '{age,race}', 'rid',
                                                                               n_folds => 2, k => 5,
                                                                               options => '{"stretch": [1, 2, 3]}') AS e) s)) k),
          'age,race=hispan,race=white', 'the indicators are named column=level; the first level (black) is the reference');
SELECT ok(pg_temp.close((causal.weighting_effect('lalonde', 're78', 'treat', '{age,educ,race}', 'id', estimand => 'ATT')).estimate,
                        (causal.weighting_effect('lalonde', 're78', 'treat', '{age,educ,race}', 'id', estimand => 'att')).estimate, 0),
          'the same with the estimand in lower case');

-- the propensity model: R's glm has black and hispan (white the reference); with race, black is the
-- reference: race=white = -black, race=hispan = hispan - black, intercept + black (closed form)
CREATE TEMP TABLE pm AS
SELECT * FROM causal.propensity_model('lalonde', 'treat', '{age,educ,race,married,nodegree,re74,re75}');
SELECT is((SELECT array_agg(term ORDER BY term) FROM pm),
          '{age,educ,intercept,married,nodegree,race=hispan,race=white,re74,re75}', 'propensity_model names the indicators');
SELECT ok((SELECT pg_temp.close((SELECT estimate FROM pm WHERE term = 'race=white'), -b.estimate, 1e-6)
              AND pg_temp.close((SELECT estimate FROM pm WHERE term = 'race=hispan'), h.estimate - b.estimate, 1e-6)
              AND pg_temp.close((SELECT estimate FROM pm WHERE term = 'intercept'), i.estimate + b.estimate, 1e-6)
              AND pg_temp.close((SELECT std_error FROM pm WHERE term = 'race=white'), b.std_error, 1e-6)
              AND pg_temp.close((SELECT estimate FROM pm WHERE term = 'educ'), e.estimate, 1e-6)
             FROM pref b, pref h, pref i, pref e
            WHERE b.term = 'black' AND h.term = 'hispan' AND i.term = 'intercept' AND e.term = 'educ'),
          'its coefficients are R''s glm reparametrised (race=white = -black, race=hispan = hispan - black), to 1e-6');
SELECT is((SELECT count(*) FROM causal.propensity('lalonde', 'treat', '{age,educ,race,married,nodegree,re74,re75}', 'id') p
             JOIN sref r USING (id) WHERE pg_temp.close(p.score, r.score, 1e-6)), 614::bigint,
          'all 614 propensity scores with race equal R''s fitted values');
-- DML and the learners: the indicators are the columns hispan and white themselves
SELECT ok(pg_temp.close((causal.dml('lalonde', 're78', 'treat', '{age,educ,race,re74}', n_folds => 3)).estimate,
                        (causal.dml('lalonde', 're78', 'treat', '{age,educ,hispan,white,re74}', n_folds => 3)).estimate, 1e-12),
          'causal.dml (PLR, OLS, random folds): race gives the estimate of its indicators');
SELECT is((SELECT array_agg(term ORDER BY term) FROM causal.learner_fit('lalonde', 're78', '{age,race}')),
          '{age,intercept,race=hispan,race=white}', 'learner_fit reports a coefficient per indicator');

-- balance: a row per level, the reference too (as MatchIt's summary and cobalt list them)
SELECT is((SELECT count(*) FROM causal.balance('lalonde', 'treat', '{race}') b
             JOIN bref r ON r.weighting = 'none' AND b.covariate = 'race=' || r.covariate
            WHERE pg_temp.close(b.mean_treated, r.mean_treated, 1e-9) AND pg_temp.close(b.mean_control, r.mean_control, 1e-9)
              AND pg_temp.close(b.std_mean_diff, r.std_mean_diff, 1e-9) AND pg_temp.close(b.ecdf_max, r.ecdf_max, 1e-9)),
          2::bigint, 'causal.balance of race: race=black and race=hispan equal MatchIt''s rows for black and hispan');

-- regression from a sketch with a factor
CREATE TEMP TABLE oref (model text, term text, estimate float8, std_error float8, t_value float8, p_value float8,
                        r2 float8, df_resid float8);
\copy oref FROM 'test/data/lalonde_ols_reference.csv' WITH (FORMAT csv, HEADER)
SELECT is((SELECT causal.column_names(causal.design_moments('lalonde', '{re78,treat,race,married}'))),
          '{re78,treat,race=hispan,race=white,married}', 'design_moments: race as race=hispan and race=white (black the reference)');
SELECT ok((SELECT pg_temp.close(e.estimate, r.estimate, 1e-9) AND pg_temp.close(e.std_error, r.std_error, 1e-9)
             FROM causal.estimate('lalonde', 'treat', 're78', covariates => '{age,educ,race,married,nodegree,re74,re75}',
                                  method => 'regression') e, oref r
            WHERE r.model = 'adjusted' AND r.term = 'treat'),
          'causal.estimate(method => regression) with race equals R''s lm with black and hispan (estimate, std. error)');
SELECT is((SELECT count(*) FILTER (WHERE pg_temp.close(o.estimate, r.estimate, 1e-9) AND pg_temp.close(o.std_error, r.std_error, 1e-9))
             FROM causal.ols(causal.design_moments('lalonde', '{re78,treat,age,educ,race,married,nodegree,re74,re75}'),
                             're78', '{treat,age,educ,race=hispan,race=white,married,nodegree,re74,re75}') o
             JOIN oref r ON r.model = 'adjusted' AND r.term = o.term),
          7::bigint, 'causal.ols on design_moments: treat, age, educ, married, nodegree, re74 and re75 equal R''s');
SELECT throws_ok($$SELECT causal.estimate('lalonde', 'race', 're78', covariates => '{age}', method => 'regression')$$,
                 '42804', 'causal.estimate: regression needs a numeric or boolean outcome and treatment ("re78", "race")',
                 'regression with a text treatment: 42804');
SELECT throws_ok($$SELECT causal.design_moments('lalonde', '{re78,single}')$$, '22000',
                 'covariate "single" has the single value "x"', 'a factor of one level');

-- bad factors
SELECT throws_ok($$SELECT causal.weighting_effect('lalonde', 're78', 'treat', '{age,single}', 'id')$$, '22000',
                 'causal.weighting_effect: covariate "single" has the single value "x"', 'a factor with one level');
SELECT throws_ok($$SELECT causal.weighting_effect('lalonde', 're78', 'treat', '{age,id}', 'rid')$$, '22023',
                 'causal.weighting_effect: covariate "id" is not a number and has 614 distinct values, too many for a factor',
                 'an id as a covariate');
SELECT throws_ok($$SELECT causal.match('lalonde', 'treat', '{age,nosuch}', 'rid')$$, '42703', NULL,
                 'an unknown covariate is still 42703');
UPDATE lalonde SET race = NULL WHERE rid % 10 = 0;
SELECT is((SELECT (e).n FROM (SELECT causal.weighting_effect('lalonde', 're78', 'treat', '{age,race}', 'id') AS e) s),
          (SELECT count(*) FROM lalonde WHERE race IS NOT NULL),
          'rows with a NULL factor are skipped, as with a NULL number');

SELECT * FROM finish();
ROLLBACK;
