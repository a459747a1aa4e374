-- Conditional-independence tests against independent references
-- (test/data/citest_reference.csv from test/scripts/make_citest_reference.py:
-- statsmodels residual regressions for Fisher-z, scipy's chi2_contingency per
-- stratum for chi-square and G-squared).  Tolerances: statistic 1e-10
-- relative, p-value 1e-10 relative (+1e-300), dof exact.  Simulations check
-- the size of each test.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(20);

CREATE TEMP TABLE cd (x float8, y float8, z1 float8, z2 float8, w float8,
                      s int, a int, b int, c int, d int);
\copy cd FROM 'test/data/citest_data.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE cref (method text, x text, y text, given text, statistic float8, p_value float8, dof float8);
\copy cref FROM 'test/data/citest_reference.csv' WITH (FORMAT csv, HEADER)

CREATE TEMP TABLE cgot AS
SELECT r.method AS ref_method, r.statistic, r.p_value, r.dof, r.given,
       causal.ci_test('pg_temp.cd'::regclass, r.x, r.y,
                      COALESCE(string_to_array(nullif(r.given, ''), ' '), '{}'), r.method) AS got
  FROM cref r;

CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false);

SELECT is((SELECT count(*) FROM cref WHERE method = m), 7::bigint, m || ': 7 reference tests')
  FROM unnest(ARRAY['fisherz', 'chisq', 'gsq']) m;
SELECT is((SELECT count(*) FROM cgot g
            WHERE g.ref_method = m
              AND NOT (pg_temp.close((g.got).statistic, g.statistic, 1e-10)
                       AND pg_temp.close((g.got).p_value, g.p_value, 1e-10)
                       AND ((g.got).dof IS NOT DISTINCT FROM g.dof)
                       AND (g.got).n = 400)),
          0::bigint, m || ': statistic, p-value and dof match the reference')
  FROM unnest(ARRAY['fisherz', 'chisq', 'gsq']) m;

-- the same tests on sketches: stored, merged from parts, through the table function
CREATE TEMP TABLE parts AS
SELECT ntile AS part, causal.moments(x, y, z1, z2, w) AS m, causal.crosstab(s, a, b, c, d) AS c
  FROM (SELECT *, ntile(4) OVER (ORDER BY x) FROM cd) t GROUP BY ntile;
SELECT ok(pg_temp.close((causal.ci_test(causal.merge(m), 1, 2, '{3,4}')).p_value,
                        (SELECT p_value FROM cref WHERE method = 'fisherz' AND given = 'z1 z2'), 1e-10),
          'Fisher-z on a merge of four partial sketches')
  FROM parts;
SELECT ok(pg_temp.close((causal.ci_test(causal.merge(c), 4, 3, '{2,1}', 'gsq')).p_value,
                        (SELECT p_value FROM cref WHERE method = 'gsq' AND given = 'a s'), 1e-10),
          'G-squared on a merge of four partial crosstabs')
  FROM parts;
SELECT is((causal.ci_test(causal.crosstab(a, b), 1, 2, alpha => 0.01)).independent, false,
          'independent is p > alpha')
  FROM cd;

-- Size under the null, 1000 seeded data sets each: rejection rate at 5% in [0.03, 0.07].
-- Fisher-z: n = 200, x1 + x3 and x2 + x3 given x3.
SELECT ok(rate BETWEEN 0.03 AND 0.07, 'Fisher-z size at n = 200: ' || rate)
  FROM (SELECT avg((NOT (causal.ci_test(m, 1, 2, '{3}')).independent)::int)::numeric(6, 4) AS rate
          FROM (SELECT seed, causal.moments(x[1] + x[3], x[2] + x[3], x[3]) AS m
                  FROM generate_series(1, 1000) seed, causal.simulate_sem(200, 3, seed, 0.0)
                 GROUP BY seed) s) t;
-- chi-square and G-squared: n = 500, s, a and b with 3 levels each, a and b depend on s only.
CREATE TEMP TABLE disc AS
SELECT seed, sv AS s, width_bucket(x[1] + 0.5 * sv, ARRAY[-0.5, 0.5]) AS a,
       width_bucket(x[2] - 0.5 * sv, ARRAY[-0.5, 0.5]) AS b
  FROM generate_series(1, 1000) seed,
       LATERAL causal.simulate_sem(500, 3, 100000 + seed, 0.0),
       LATERAL (SELECT width_bucket(x[3], -0.5, 0.5, 1) AS sv) v;
CREATE TEMP TABLE disc_ct AS SELECT seed, causal.crosstab(s, a, b) AS c FROM disc GROUP BY seed;
SELECT ok(rate BETWEEN 0.03 AND 0.07, m || ' size at n = 500: ' || rate)
  FROM (SELECT m, avg((NOT (causal.ci_test(c, 2, 3, '{1}', m)).independent)::int)::numeric(6, 4) AS rate
          FROM disc_ct, unnest(ARRAY['chisq', 'gsq']) m GROUP BY m) t;
-- and they have power when a and b do depend on each other given s
SELECT ok(rate >= 0.9, 'chi-square power against a dependence: ' || rate)
  FROM (SELECT avg((NOT (causal.ci_test(c, 1, 2, '{3}')).independent)::int)::numeric(6, 4) AS rate
          FROM (SELECT seed, causal.crosstab(a, least(a + b, 4), s) AS c FROM disc
                 WHERE seed <= 200 GROUP BY seed) s) t;

-- bad input
SELECT throws_ok($$SELECT causal.ci_test('pg_temp.cd'::regclass, 'x', 'x')$$, '22023', NULL, 'x = y');
SELECT throws_ok($$SELECT causal.ci_test('pg_temp.cd'::regclass, 'x', 'y', '{x}')$$, '22023', NULL,
                 'x in the conditioning set');
SELECT throws_ok($$SELECT causal.ci_test('pg_temp.cd'::regclass, 'x', 'nope')$$, '42703', NULL,
                 'unknown column');
SELECT throws_ok($$SELECT causal.ci_test('pg_temp.cd'::regclass, 'x', 'y', method => 'magic')$$, '22023',
                 NULL, 'unknown method');
SELECT throws_ok($$SELECT causal.ci_test(causal.moments(x, y, z1, z2), 1, 2, '{3,4}') FROM (SELECT * FROM cd LIMIT 5) s$$,
                 '22000', NULL, 'Fisher-z with n <= |S| + 3 rows');
CREATE TEMP TABLE cdt AS SELECT x, y, s::text AS st FROM cd;
SELECT throws_ok($$SELECT causal.ci_test('pg_temp.cdt'::regclass, 'x', 'st')$$, '42804', NULL,
                 'a text column with fisherz');
SELECT throws_ok($$SELECT causal.ci_test('pg_temp.cdt'::regclass, 'x', 'y', method => 'rcit', alpha => 0)$$,
                 '22023', NULL, 'alpha outside (0, 1)');

SELECT * FROM finish();
ROLLBACK;
