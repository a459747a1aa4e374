-- PC against causal-learn's own graphs on its test data (../shared/fixtures,
-- loaded by test/fixtures.sh; skipped when absent): every endpoint mark of
-- every run (causal-learn's uc_rule 0 separating sets, 1 maxP, 2 definite maxP, as collider_rule
-- sepset, maxp, definite_maxp; any priority)
-- must be identical.
\set ON_ERROR_STOP 1
SELECT to_regclass('fixtures.reference') IS NOT NULL AS have_fixtures \gset
BEGIN;
\if :have_fixtures
SELECT plan(20);

CREATE TEMP TABLE sk AS
SELECT (SELECT causal.moments("X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8", "X9", "X10", "X11",
                              "X12", "X13", "X14", "X15", "X16", "X17", "X18", "X19", "X20")
          FROM fixtures.pc_linear) AS m,
       (SELECT causal.crosstab("X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8", "X9", "X10", "X11",
                               "X12", "X13", "X14", "X15", "X16", "X17", "X18", "X19", "X20")
          FROM fixtures.pc_discrete) AS c,
       ARRAY(SELECT 'X' || i FROM generate_series(1, 20) i) AS names;

-- the runs this release supports
CREATE TEMP TABLE runs AS
SELECT r.name AS fixture, run.key AS run, run.value AS doc,
       (run.value->'settings'->>'alpha')::float8 AS alpha,
       run.value->'settings'->>'indep_test' AS test,
       -- causal-learn's codes as our names (uc_rule 0..4, uc_priority -1..4)
       (ARRAY['sepset', 'maxp', 'definite_maxp'])[(run.value->'settings'->>'uc_rule')::int + 1] AS rule,
       (ARRAY['rule_default', 'overwrite', 'bidirected', 'existing', 'stronger', 'stronger_star'])
         [(run.value->'settings'->>'uc_priority')::int + 2] AS priority
  FROM fixtures.reference r, jsonb_each(r.doc->'runs') run
 WHERE r.name IN ('pc_linear', 'pc_discrete')
   AND (run.value->'settings'->>'uc_rule')::int IN (0, 1, 2);

-- the endpoint marks of our edges, causal-learn's encoding
CREATE FUNCTION pg_temp.marks(source text, target text, edge text, OUT i int, OUT j int, OUT mark int)
RETURNS SETOF record LANGUAGE sql IMMUTABLE AS $$
  SELECT substr(source, 2)::int - 1, substr(target, 2)::int - 1,
         CASE edge WHEN '-->' THEN -1 WHEN '---' THEN -1 WHEN '<->' THEN 1 ELSE 2 END
  UNION ALL
  SELECT substr(target, 2)::int - 1, substr(source, 2)::int - 1,
         CASE edge WHEN '-->' THEN 1 WHEN '---' THEN -1 WHEN '<->' THEN 1 WHEN 'o->' THEN 1 ELSE 2 END
$$;
CREATE TEMP TABLE ours AS
SELECT rn.run, mk.*
  FROM runs rn, sk,
       LATERAL (SELECT * FROM causal.pc(sk.m, sk.names, rn.alpha, collider_rule => rn.rule,
                                        collider_priority => rn.priority)
                 WHERE rn.test = 'fisherz'
                UNION ALL
                SELECT * FROM causal.pc(sk.c, sk.names, rn.alpha, ci_test => rn.test, collider_rule => rn.rule,
                                        collider_priority => rn.priority)
                 WHERE rn.test IN ('chisq', 'gsq')) e,
       LATERAL pg_temp.marks(e.source, e.target, e.edge) mk;
CREATE TEMP TABLE theirs AS
SELECT rn.run, i - 1 AS i, j - 1 AS j, (rn.doc->'graph'->(i - 1)->>(j - 1))::int AS mark
  FROM runs rn, generate_series(1, 20) i, generate_series(1, 20) j WHERE i <> j;

SELECT is((SELECT count(*) FROM theirs t LEFT JOIN ours o USING (run, i, j)
            WHERE t.run = r.run AND coalesce(o.mark, 0) <> t.mark), 0::bigint,
          r.run || ': every endpoint mark equals causal-learn''s')
  FROM (SELECT DISTINCT run FROM runs) r ORDER BY r.run;
SELECT is((SELECT count(*) FROM runs), 14::bigint, 'all fourteen causal-learn PC runs compared');
SELECT ok((SELECT count(*) FROM ours o LEFT JOIN theirs t USING (run, i, j) WHERE t.run IS NULL) = 0,
          'no edge of ours is missing from the reference');

-- separating sets: the union over all separating sets of a removed pair equals causal-learn's
CREATE TEMP TABLE their_sep AS
SELECT rn.run, (e->>'i')::int AS i, (e->>'j')::int AS j,
       ARRAY(SELECT DISTINCT v::int FROM jsonb_array_elements(e->'sepsets_1based') t,
                                          jsonb_array_elements_text(t) v ORDER BY 1) AS nodes
  FROM runs rn, jsonb_array_elements(rn.doc->'sepsets') e
 WHERE rn.doc ? 'sepsets';
CREATE TEMP TABLE our_sep AS
SELECT rn.run, substr(s.x, 2)::int AS i, substr(s.y, 2)::int AS j,
       ARRAY(SELECT substr(v, 2)::int FROM unnest(s.sepset_union) v ORDER BY 1) AS nodes
  FROM runs rn, sk,
       LATERAL (SELECT * FROM causal.pc_sepsets(sk.m, sk.names, rn.alpha) WHERE rn.test = 'fisherz'
                UNION ALL
                SELECT * FROM causal.pc_sepsets(sk.c, sk.names, rn.alpha, ci_test => rn.test)
                 WHERE rn.test IN ('chisq', 'gsq')) s
 WHERE rn.doc ? 'sepsets';
SELECT cmp_ok((SELECT count(*) FROM our_sep), '>', 100::bigint, 'separating sets of removed pairs were compared');
SELECT is((SELECT count(*) FROM our_sep o LEFT JOIN their_sep t USING (run, i, j)
            WHERE t.nodes IS DISTINCT FROM o.nodes), 0::bigint,
          'separating sets (union over the removal depth) equal causal-learn''s');
-- the conservative and majority rules (collider_rule conservative and majority) against an independent implementation of pcalg's
-- definitions on the same data and skeleton (test/data/cpc_reference.csv, test/scripts/make_cpc_reference.py)
CREATE TEMP TABLE cpcref (rule text, source text, target text, edge text);
\copy cpcref FROM 'test/data/cpc_reference.csv' WITH (FORMAT csv, HEADER)
SELECT is((SELECT array_agg(e ORDER BY e) FROM (SELECT source || edge || target AS e
                                                  FROM causal.pc(sk.m, sk.names, 0.05, collider_rule => r.rule)) x),
          (SELECT array_agg(source || edge || target ORDER BY source || edge || target) FROM cpcref WHERE rule = r.name),
          upper(r.name) || ' (collider_rule ' || r.rule || '): the graph equals the reference')
  FROM sk, (VALUES (3, 'cpc', 'conservative'), (4, 'mpc', 'majority')) r(n, name, rule) ORDER BY r.n;
\else
SELECT plan(1);
SELECT skip('../shared/fixtures/causal-learn is absent', 1);
\endif
SELECT * FROM finish();
ROLLBACK;
