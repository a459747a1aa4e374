-- Front-door sets against pgmpy (test/data/frontdoor_reference.tsv, made by
-- test/scripts/make_frontdoor_reference.py from pgmpy's own CausalInference): every subset of the
-- other observed nodes of 11 textbook graphs and 40 seeded random ADMGs, and the front-door rows
-- of causal.identify (present exactly when pgmpy finds a front-door set; the minimal one valid and
-- minimal; the qualifying mediators valid).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(14);

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
