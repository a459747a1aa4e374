-- GES against causal-learn's own result on its test data (../shared/fixtures, ges_linear: ges(X,
-- 'local_score_BIC') on data_linear_10; loaded by test/fixtures.sh; skipped when absent): every
-- endpoint mark of the CPDAG must be identical, and the BIC of the result equals causal-learn's score.
\set ON_ERROR_STOP 1
SELECT to_regclass('fixtures.reference') IS NOT NULL AS have_fixtures \gset
BEGIN;
\if :have_fixtures
SELECT plan(4);

CREATE TEMP TABLE sk AS
SELECT (SELECT causal.moments("X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8", "X9", "X10", "X11",
                              "X12", "X13", "X14", "X15", "X16", "X17", "X18", "X19", "X20")
          FROM fixtures.pc_linear) AS m,
       ARRAY(SELECT 'X' || i FROM generate_series(1, 20) i) AS names;
CREATE TEMP TABLE ref AS SELECT doc FROM fixtures.reference WHERE name = 'ges_linear';

CREATE FUNCTION pg_temp.marks(source text, target text, edge text, OUT i int, OUT j int, OUT mark int)
RETURNS SETOF record LANGUAGE sql IMMUTABLE AS $$
  SELECT substr(source, 2)::int - 1, substr(target, 2)::int - 1,
         CASE edge WHEN '-->' THEN -1 WHEN '---' THEN -1 WHEN '<->' THEN 1 ELSE 2 END
  UNION ALL
  SELECT substr(target, 2)::int - 1, substr(source, 2)::int - 1,
         CASE edge WHEN '-->' THEN 1 WHEN '---' THEN -1 WHEN '<->' THEN 1 WHEN 'o->' THEN 1 ELSE 2 END
$$;
CREATE TEMP TABLE ours AS
SELECT mk.* FROM sk, LATERAL causal.ges(sk.m, sk.names) e, LATERAL pg_temp.marks(e.source, e.target, e.edge) mk;
CREATE TEMP TABLE theirs AS
SELECT i - 1 AS i, j - 1 AS j, (ref.doc->'cpdag'->'graph'->(i - 1)->>(j - 1))::int AS mark
  FROM ref, generate_series(1, 20) i, generate_series(1, 20) j WHERE i <> j;

SELECT is((SELECT count(*) FROM theirs t LEFT JOIN ours o USING (i, j) WHERE coalesce(o.mark, 0) <> t.mark), 0::bigint,
          'GES (BIC, lambda 0.5): every endpoint mark equals causal-learn''s');
SELECT is((SELECT count(*) FROM ours o LEFT JOIN theirs t USING (i, j) WHERE t.i IS NULL OR t.mark = 0), 0::bigint,
          'no edge of ours is missing from the reference');
SELECT is((SELECT count(*) / 2 FROM ours), (SELECT (doc->'cpdag'->>'n_edges')::bigint FROM ref),
          'the same number of edges (30)');
SELECT ok(abs(causal.ges_score(sk.m, sk.names) - (ref.doc->>'score')::float8) < 1e-6 * abs((ref.doc->>'score')::float8),
          format('the BIC of the result, %s, equals causal-learn''s score %s', causal.ges_score(sk.m, sk.names),
                 ref.doc->>'score'))
  FROM sk, ref;

\else
SELECT plan(1);
SELECT skip('../shared/fixtures/causal-learn is absent', 1);
\endif
SELECT * FROM finish();
ROLLBACK;
