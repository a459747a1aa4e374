-- causal.estimate: graph -> adjustment set -> effect.  Against R on LaLonde (regression adjustment:
-- lm() in test/data/lalonde_ols_reference.csv; AIPW: lalonde_aipw_reference.csv, both from
-- test/scripts/make_lalonde_reference.R; IPW's M-estimation standard error: lalonde_ipw_mest_reference.csv from
-- test/scripts/make_ipw_mest_reference.py), and the coverage of its 95% intervals over 200 seeded
-- simulations per method with the true graph (causal.simulate_sem: effect 2, x1 and x2 confound).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(33);

CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false);

CREATE TEMP TABLE lalonde (id text, treat int, age int, educ int, race text, married int,
                           nodegree int, re74 float8, re75 float8, re78 float8);
\copy lalonde FROM 'test/data/lalonde.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE lalonde ADD COLUMN black int, ADD COLUMN hispan int;
UPDATE lalonde SET black = (race = 'black')::int, hispan = (race = 'hispan')::int;
CREATE TEMP TABLE olsref (model text, term text, estimate float8, std_error float8, t_value float8,
                          p_value float8, r2 float8, df_resid float8);
\copy olsref FROM 'test/data/lalonde_ols_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE aipwref (estimand text, estimate float8, std_error float8);
\copy aipwref FROM 'test/data/lalonde_aipw_reference.csv' WITH (FORMAT csv, HEADER)

-- each pre-treatment covariate causes treatment and earnings
CREATE TEMP TABLE lg AS
SELECT (SELECT string_agg(format('%s --> treat; %s --> re78', c, c), '; ')
          FROM unnest(ARRAY['age', 'educ', 'black', 'hispan', 'married', 'nodegree', 're74', 're75']) c)
       || '; treat --> re78' AS g;

CREATE TEMP TABLE le AS
SELECT causal.estimate('lalonde', 'treat', 're78', (SELECT g FROM lg)::causal.graph, 'regression') AS e;
SELECT ok(pg_temp.close((e).estimate, r.estimate, 1e-9) AND pg_temp.close((e).std_error, r.std_error, 1e-9)
          AND pg_temp.close((e).p_value, r.p_value, 1e-7),
          'regression adjustment with the optimal set equals R lm() of re78 on treat and the covariates')
  FROM le, olsref r WHERE r.model = 'adjusted' AND r.term = 'treat';
SELECT ok(pg_temp.close((e).ci_upper - (e).estimate, causal.qt(0.975, r.df_resid) * r.std_error, 1e-9)
          AND pg_temp.close((e).estimate - (e).ci_lower, causal.qt(0.975, r.df_resid) * r.std_error, 1e-9),
          'its interval is R''s confint(): estimate +- qt(0.975, 604) SE')
  FROM le, olsref r WHERE r.model = 'adjusted' AND r.term = 'treat';
SELECT is((SELECT (e).details->'identification'->>'kind' FROM le), 'optimal', 'details: the optimal set was used');
SELECT is((SELECT ARRAY(SELECT jsonb_array_elements_text((e).details->'identification'->'adjustment_set') ORDER BY 1) FROM le),
          '{age,black,educ,hispan,married,nodegree,re74,re75}'::text[], 'details: the adjustment set');
SELECT is((SELECT (e).n FROM le), 614::bigint, 'n');

SELECT ok(pg_temp.close((causal.estimate('lalonde', 'treat', 're78', (SELECT g FROM lg)::causal.graph, 'aipw',
                                         estimand => r.estimand, id => 'id')).estimate, r.estimate, 1e-8),
          'AIPW ' || r.estimand || ' through causal.estimate equals R')
  FROM aipwref r ORDER BY r.estimand;
-- plain IPW: the M-estimation standard error (propensity model stacked) against a numpy sandwich
-- with a finite-difference Jacobian (test/data/lalonde_ipw_mest_reference.csv,
-- test/scripts/make_ipw_mest_reference.py): 1e-6
CREATE TEMP TABLE mestref (estimand text, estimate float8, std_error float8);
\copy mestref FROM 'test/data/lalonde_ipw_mest_reference.csv' WITH (FORMAT csv, HEADER)
SELECT ok(pg_temp.close((w).estimate, r.estimate, 1e-8)
          AND pg_temp.close(((w).details->>'std_error_mest')::float8, r.std_error, 1e-6),
          'IPW ' || r.estimand || ': the M-estimation standard error equals the stacked sandwich')
  FROM mestref r,
       LATERAL (SELECT causal.weighting_effect('lalonde', 're78', 'treat',
                                               '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id',
                                               estimand => r.estimand) AS w) x
 ORDER BY r.estimand;
SELECT ok(pg_temp.close((e).std_error, r.std_error, 1e-6)
          AND pg_temp.close((e).ci_upper - (e).estimate, causal.qnorm(0.975) * r.std_error, 1e-6)
          AND (e).details->>'std_error' LIKE 'M-estimation%'
          AND ((e).details->>'sandwich_std_error')::float8 > (e).std_error,
          'causal.estimate(method => ipw) reports it (the ATE''s conditional HC0 error, larger, stays in details)')
  FROM mestref r,
       LATERAL (SELECT causal.estimate('lalonde', 'treat', 're78', (SELECT g FROM lg)::causal.graph, 'ipw', id => 'id') AS e) x
 WHERE r.estimand = 'ATE';
SELECT ok((SELECT NOT ((causal.weighting_effect('lalonde', 're78', 'treat', '{age,educ}', 'id', trim_at => 0.99)).details
                       ? 'std_error_mest')),
          'trimmed weights get no M-estimation standard error');
SELECT ok(pg_temp.close((causal.estimate('lalonde', 'treat', 're78', 'treat --> re78', 'regression')).estimate,
                        (SELECT estimate FROM olsref WHERE model = 'naive' AND term = 'treat'), 1e-9),
          'an empty adjustment set: the difference in means');
SELECT ok(pg_temp.close((causal.estimate('lalonde', 'treat', 're78', NULL, 'regression',
                                         covariates => '{age,educ,black,hispan,married,nodegree,re74,re75}')).estimate,
                        (SELECT estimate FROM olsref WHERE model = 'adjusted' AND term = 'treat'), 1e-9),
          'covariates without a graph are used as given');

-- coverage of the 95% intervals with the true graph, 200 seeded simulations per method
CREATE TEMP TABLE sim (id bigint, x1 float8, x2 float8, x3 float8, x4 float8, t int, y float8);
CREATE TEMP TABLE cover (seed int, method text, estimate float8, covered boolean, adjustment text);
DO $$
DECLARE
    s int;
    g causal.graph;
    e causal.effect;
    m text;
BEGIN
    FOR s IN 1 .. 200 LOOP
        TRUNCATE sim;
        INSERT INTO sim SELECT id, x[1], x[2], x[3], x[4], treatment, outcome
                          FROM causal.simulate_sem(400, 4, seed => s, edge_prob => 0.5);
        SELECT causal.graph(source, target, edge) INTO g
          FROM (SELECT source, target, edge FROM causal.simulate_sem_graph(4, seed => s, edge_prob => 0.5)
                UNION ALL VALUES ('x1', 't', '-->'), ('x2', 't', '-->'), ('x1', 'y', '-->'), ('x2', 'y', '-->'),
                                 ('t', 'y', '-->'), ('x3', NULL, NULL), ('x4', NULL, NULL)) e;
        -- matching by nearest neighbours estimates the ATT (here equal to the ATE, 2)
        FOREACH m IN ARRAY ARRAY['regression', 'aipw', 'ipw', 'matching', 'dml'] LOOP
            e := causal.estimate('sim', 't', 'y', g, m, CASE m WHEN 'matching' THEN 'ATT' ELSE 'ATE' END,
                                 id => 'id', seed => s);
            INSERT INTO cover VALUES (s, m, e.estimate, e.ci_lower <= 2 AND 2 <= e.ci_upper,
                                      (SELECT string_agg(v, ',' ORDER BY v)
                                         FROM jsonb_array_elements_text(e.details->'identification'->'adjustment_set') v));
        END LOOP;
    END LOOP;
END $$;
-- IPW's standard error is the M-estimation sandwich stacking the propensity model (the HC0 one
-- conditional on the weights covered 200 of 200: conservative for the ATE)
SELECT ok(avg(covered::int) BETWEEN 0.90 AND 0.98,
          format('%s: the 95%% interval covers the true effect in %s of 200 simulations (90-98%%)',
                 method, sum(covered::int)))
  FROM cover GROUP BY method ORDER BY method;
SELECT ok(abs(avg(estimate) - 2) < 0.05, format('%s: the mean estimate is %s (true 2)', method, round(avg(estimate)::numeric, 3)))
  FROM cover GROUP BY method ORDER BY method;
SELECT is((SELECT count(*) FROM cover WHERE adjustment <> 'x1,x2'), 0::bigint,
          'the optimal set is {x1, x2} in every simulated graph');

-- bad input
SELECT throws_ok($$SELECT causal.estimate('lalonde', 'treat', 're78', 'treat --> re78; treat <-> re78', 'regression')$$,
                 '22023', NULL, 'an unidentifiable effect is an error, not an estimate');
SELECT throws_ok($$SELECT causal.estimate('lalonde', 'treat', 're78', 'u --> treat; u --> re78; treat --> re78', 'regression')$$,
                 '42703', NULL, 'an adjustment set with an unobserved node');
SELECT throws_ok($$SELECT causal.estimate('lalonde', 'treat', 're78', 'age --> treat; age --> re78; treat --> re78',
                                          'regression', covariates => '{educ}')$$,
                 '22023', NULL, 'covariates that the graph does not allow');
SELECT throws_ok($$SELECT causal.estimate('lalonde', 'treat', 're78')$$, '22004', NULL, 'neither graph nor covariates');
SELECT throws_ok($$SELECT causal.estimate('lalonde', 'treat', 're78', 'age --> treat; age --> re78; treat --> re78')$$,
                 '22004', NULL, 'aipw without an id column');
SELECT throws_ok($$SELECT causal.estimate('lalonde', 'treat', 're78', 'age --> treat; age --> re78; treat --> re78',
                                          'regression', 'ATT')$$, '0A000', NULL, 'ATT by regression adjustment');
SELECT throws_ok($$SELECT causal.estimate('lalonde', 'treat', 're78', 'age --> treat; age --> re78; treat --> re78',
                                          'dml', 'ATT')$$, '0A000', NULL, 'ATT by the partially linear model');
-- (causal.dml's ATTE score is checked against DoubleML in 99_dml)
SELECT ok(pg_temp.close((causal.estimate('lalonde', 'treat', 're78', 'age --> treat; age --> re78; educ --> treat; educ --> re78; treat --> re78',
                                         'dml_irm', 'ATT')).estimate,
                        (causal.dml('lalonde', 're78', 'treat', '{age,educ}', 'irm', score => 'ATTE')).estimate, 1e-12),
          'dml_irm estimates the ATT by DoubleML''s ATTE score, not the ATE');

SELECT * FROM finish();
ROLLBACK;
