-- Front-door sets against pgmpy (test/data/frontdoor_reference.tsv, made by
-- test/scripts/make_frontdoor_reference.py from pgmpy's own CausalInference): every subset of the
-- other observed nodes of 11 textbook graphs and 40 seeded random ADMGs, and the front-door rows
-- of causal.identify (present exactly when pgmpy finds a front-door set; the minimal one valid and
-- minimal; the qualifying mediators valid).  The linear front-door estimate (causal.frontdoor_linear,
-- causal.estimate(method => 'frontdoor')) against statsmodels (test/data/frontdoor_estimate_reference.csv,
-- test/scripts/make_frontdoor_estimate_reference.py; 1e-9), and the coverage of its interval in 200
-- simulated data sets with a latent confounder of treatment and outcome.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(25);

CREATE TEMP TABLE fd (graph text, treatment text, outcome text, mediators text, valid boolean);
\copy fd FROM 'test/data/frontdoor_reference.tsv' WITH (FORMAT csv, DELIMITER E'\t', HEADER)
UPDATE fd SET mediators = coalesce(mediators, '');
CREATE TEMP TABLE fdm AS
SELECT *, coalesce(string_to_array(nullif(mediators, ''), ','), '{}') AS m FROM fd;

SELECT is((SELECT count(*) FROM fdm
            WHERE causal.is_frontdoor_set(graph::causal.graph, ARRAY[treatment], ARRAY[outcome], m) IS DISTINCT FROM valid),
          0::bigint,
          format('is_frontdoor_set equals pgmpy on all %s (graph, treatment, outcome, subset) cases, %s of them valid',
                 (SELECT count(*) FROM fdm), (SELECT count(*) FROM fdm WHERE valid)));

CREATE TEMP TABLE cases AS
SELECT graph, treatment, outcome, bool_or(valid) AS any_valid FROM fdm GROUP BY 1, 2, 3;
CREATE TEMP TABLE ident AS
SELECT c.graph, c.treatment, c.outcome, i.kind, i.variables
  FROM cases c, causal.identify(c.graph::causal.graph, c.treatment, c.outcome) i
 WHERE i.strategy = 'frontdoor';
SELECT is((SELECT count(*) FROM cases c
            WHERE c.any_valid IS DISTINCT FROM EXISTS (SELECT 1 FROM ident i WHERE (i.graph, i.treatment, i.outcome)
                                                                         = (c.graph, c.treatment, c.outcome))),
          0::bigint,
          format('identify lists a front-door set exactly when pgmpy finds one (%s of %s cases)',
                 (SELECT count(*) FROM cases WHERE any_valid), (SELECT count(*) FROM cases)));
SELECT is((SELECT count(*) FROM ident i
            WHERE NOT EXISTS (SELECT 1 FROM fdm f WHERE (f.graph, f.treatment, f.outcome) = (i.graph, i.treatment, i.outcome)
                                                    AND f.valid AND f.m @> i.variables AND f.m <@ i.variables)),
          0::bigint, 'every front-door set identify reports is valid for pgmpy');
SELECT is((SELECT count(*) FROM ident i
            WHERE i.kind = 'minimal'
              AND EXISTS (SELECT 1 FROM fdm f WHERE (f.graph, f.treatment, f.outcome) = (i.graph, i.treatment, i.outcome)
                                                AND f.valid AND f.m <@ i.variables AND NOT f.m @> i.variables)),
          0::bigint, 'the minimal one has no valid proper subset');

-- textbook cases
SELECT is((SELECT array_agg(strategy || ':' || coalesce(kind, '-') || ':' || coalesce(variables::text, '-') ORDER BY ord)
             FROM causal.identify('x --> m; m --> y; x <-> y', 'x', 'y') WITH ORDINALITY AS i(strategy, kind, variables, conditioning, note, ord)),
          ARRAY['backdoor:-:-', 'frontdoor:minimal:{m}'], 'Pearl''s graph: no back-door set, the front-door set {m}');
SELECT is((SELECT count(*) FROM causal.identify('x --> m; m --> y; x <-> y; m <-> y', 'x', 'y') WHERE strategy = 'frontdoor'),
          0::bigint, 'a latent confounder of mediator and outcome leaves no front-door set');
SELECT is((SELECT array_agg(kind || ':' || variables::text ORDER BY kind)
             FROM causal.identify('x --> m1; m1 --> m2; m2 --> y; x <-> y', 'x', 'y') WHERE strategy = 'frontdoor'),
          ARRAY['mediators:{m1,m2}', 'minimal:{m2}'], 'a chain of mediators: either one suffices (the greedy pass keeps the last), both qualify');
SELECT ok(causal.is_frontdoor_set('x --> m1; x --> m2; m1 --> y; m2 --> y; x <-> y', '{x}', '{y}', '{m1,m2}')
          AND NOT causal.is_frontdoor_set('x --> m1; x --> m2; m1 --> y; m2 --> y; x <-> y', '{x}', '{y}', '{m1}'),
          'two parallel mediators: both are needed to intercept');
SELECT ok(NOT causal.is_frontdoor_set('x --> m; m --> y; x --> y', '{x}', '{y}', '{m}'),
          'a direct edge x --> y: nothing intercepts it');
SELECT ok(NOT causal.is_frontdoor_set('x --> y; z --> y', '{z}', '{y}', '{}'),
          'no directed path: no front-door set (as pgmpy)');

-- estimation: sum_j a_j b_j from one sketch, delta-method standard error
CREATE TEMP TABLE fdd (id int, x float8, m1 float8, m2 float8, y float8);
\copy fdd FROM 'test/data/frontdoor_data.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE fdref (name text, estimate float8, std_error float8);
\copy fdref FROM 'test/data/frontdoor_estimate_reference.csv' WITH (FORMAT csv, HEADER)
CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false);
CREATE TEMP TABLE fdsk AS SELECT causal.moments(y, x, m1, m2) AS m FROM fdd;
SELECT ok(pg_temp.close(f.estimate, r.estimate, 1e-9) AND pg_temp.close(f.std_error, r.std_error, 1e-9),
          format('frontdoor_linear, mediators %s: estimate and standard error equal statsmodels'' two regressions', r.name))
  FROM fdref r, fdsk,
       LATERAL causal.frontdoor_linear(fdsk.m, 1, 2, CASE r.name WHEN 'm1' THEN '{3}'::int[] ELSE '{3,4}' END) f
 ORDER BY r.name;
SELECT ok(pg_temp.close((e).estimate, r.estimate, 1e-9) AND pg_temp.close((e).std_error, r.std_error, 1e-9)
          AND (e).method = 'frontdoor (linear)'
          AND (e).details -> 'identification' ->> 'strategy' = 'frontdoor'
          AND pg_temp.close((e).ci_upper, (e).estimate + causal.qnorm(0.975) * (e).std_error, 1e-12),
          'causal.estimate(method => frontdoor) finds {m1,m2} in the graph and equals the reference')
  FROM fdref r,
       (SELECT causal.estimate('fdd', 'x', 'y', 'x --> m1; x --> m2; m1 --> y; m2 --> y; x <-> y',
                               method => 'frontdoor') AS e) s
 WHERE r.name = 'm1_m2';
SELECT throws_like($$SELECT causal.estimate('fdd', 'x', 'y', 'x --> m1; x --> m2; m1 --> y; m2 --> y; x <-> y')$$,
                   '%not identifiable by adjustment%', 'the default method refuses, and its hint names the front-door method');
SELECT throws_like($$SELECT causal.estimate('fdd', 'x', 'y', 'x --> q; q --> y; x <-> y', method => 'frontdoor')$$,
                   '%no front-door set%among the columns%', 'a front-door set that is not a column');
SELECT throws_ok($$SELECT causal.estimate('fdd', 'x', 'y', 'x --> m1; m1 --> y; x <-> y', method => 'frontdoor', estimand => 'ATT')$$,
                 '0A000', NULL, 'ATT by the linear front-door formula');
SELECT throws_ok($$SELECT * FROM causal.frontdoor_linear((SELECT m FROM fdsk), 1, 2, '{}')$$, '22023', NULL,
                 'frontdoor_linear: no mediator');
SELECT throws_ok($$SELECT * FROM causal.frontdoor_linear((SELECT m FROM fdsk), 1, 2, '{2}')$$, '22023', NULL,
                 'frontdoor_linear: the treatment as a mediator');
SELECT throws_ok($$SELECT * FROM causal.frontdoor_linear(NULL, 1, 2, '{3}')$$, '22004', NULL, 'frontdoor_linear: NULL sketch');
SELECT throws_ok($$SELECT * FROM causal.frontdoor_linear((SELECT causal.moments(y, 1.0, m1) FROM fdd), 1, 2, '{3}')$$,
                 '22000', NULL, 'frontdoor_linear: a constant treatment');

-- coverage: 200 data sets of 500 rows, latent u confounds x and y, effect 0.8 * 1.0 = 0.8
CREATE TEMP TABLE fdsim AS
SELECT k, i, x, m, 1.0 * m + 1.5 * u + causal.refute_normal(k, 4 * i + 3) AS y
  FROM (SELECT k, i, u, x, 0.8 * x + causal.refute_normal(k, 4 * i + 2) AS m
          FROM (SELECT k, i, u, u + causal.refute_normal(k, 4 * i + 1) AS x
                  FROM (SELECT k, i, causal.refute_normal(k, 4 * i) AS u
                          FROM generate_series(1, 200) k, generate_series(1, 500) i) s0) s1) s2;
CREATE FUNCTION pg_temp.fdcover() RETURNS int LANGUAGE plpgsql AS $$
DECLARE hits int := 0; e causal.effect;
BEGIN
  FOR kk IN 1 .. 200 LOOP
    DROP TABLE IF EXISTS pg_temp.fdone;
    CREATE TEMP TABLE fdone AS SELECT x, m, y FROM fdsim WHERE fdsim.k = kk;
    e := causal.estimate('fdone', 'x', 'y', 'x --> m; m --> y; x <-> y', method => 'frontdoor');
    IF e.ci_lower <= 0.8 AND 0.8 <= e.ci_upper THEN hits := hits + 1; END IF;
  END LOOP;
  RETURN hits;
END $$;
CREATE TEMP TABLE fdcov AS SELECT pg_temp.fdcover() AS hits;
SELECT ok(hits BETWEEN 180 AND 196,
          'front-door 95% interval covers the true effect in 90-98% of 200 confounded data sets (' || hits || ')')
  FROM fdcov;

-- bad input
SELECT throws_ok($$SELECT causal.is_frontdoor_set('x --- m; m --> y', '{x}', '{y}', '{m}')$$, '0A000', NULL,
                 'a CPDAG is refused');
SELECT throws_like($$SELECT causal.is_frontdoor_set('x --> m; m --> y', '{x}', '{y}', '{q}')$$, '%"q" is not a node%',
                   'an unknown mediator');
SELECT throws_like($$SELECT causal.is_frontdoor_set('x --> m; m --> y', '{x}', '{y}', '{x}')$$, '%in both treatment and mediators%',
                   'the treatment among the mediators');
SELECT is(causal.is_frontdoor_set('x --> m; m --> y', '{x}', '{y}', NULL), NULL, 'NULL mediators: NULL (strict, as is_adjustment_set)');

SELECT * FROM finish();
ROLLBACK;
