-- CI tests against causal-learn's own p-values (../shared/fixtures/causal-learn,
-- loaded by test/fixtures.sh when present; skipped otherwise).
-- Tolerance: 1e-10 absolute on the p-value (causal-learn computes the normal
-- tail as 1 - cdf, so its tiny p-values are exactly 0).
\set ON_ERROR_STOP 1
SELECT to_regclass('fixtures.reference') IS NOT NULL AS have_fixtures \gset
BEGIN;
\if :have_fixtures
SELECT plan(6);
CREATE TEMP TABLE ref AS
SELECT t.key AS method, e.value->>0 AS x, e.value->>1 AS y,
       ARRAY(SELECT jsonb_array_elements_text(e.value->2)) AS given,
       (e.value->>3)::float8 AS p
  FROM fixtures.reference r, jsonb_each(r.doc->'ci_test_pvalues') t,
       jsonb_array_elements(t.value) e
 WHERE jsonb_typeof(t.value) = 'array';
-- column positions X1..X20 -> 1..20
CREATE FUNCTION pg_temp.pos(name text) RETURNS int LANGUAGE sql IMMUTABLE
  RETURN substr(name, 2)::int;
CREATE TEMP TABLE sk AS
SELECT (SELECT causal.moments("X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8", "X9", "X10", "X11",
                              "X12", "X13", "X14", "X15", "X16", "X17", "X18", "X19", "X20")
          FROM fixtures.pc_linear) AS m,
       (SELECT causal.crosstab("X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8", "X9", "X10", "X11",
                               "X12", "X13", "X14", "X15", "X16", "X17", "X18", "X19", "X20")
          FROM fixtures.pc_discrete) AS c;
CREATE TEMP TABLE got AS
SELECT r.*, CASE r.method
              WHEN 'fisherz' THEN (causal.ci_test(sk.m, pg_temp.pos(x), pg_temp.pos(y),
                                   ARRAY(SELECT pg_temp.pos(g) FROM unnest(given) g))).p_value
              ELSE (causal.ci_test(sk.c, pg_temp.pos(x), pg_temp.pos(y),
                    ARRAY(SELECT pg_temp.pos(g) FROM unnest(given) g), r.method)).p_value
            END AS ours
  FROM ref r, sk;
SELECT is((SELECT count(*) FROM got WHERE method = mth), 10::bigint, mth || ': 10 reference p-values')
  FROM unnest(ARRAY['fisherz', 'chisq', 'gsq']) mth;
SELECT is((SELECT count(*) FROM got WHERE method = mth AND NOT coalesce(abs(ours - p) <= 1e-10, false)),
          0::bigint, mth || ': p-values match causal-learn to 1e-10')
  FROM unnest(ARRAY['fisherz', 'chisq', 'gsq']) mth;
\else
SELECT plan(1);
SELECT skip('../shared/fixtures/causal-learn is absent', 1);
\endif
SELECT * FROM finish();
ROLLBACK;
