-- Two-stage least squares and its first stage from a moment sketch (causal.iv_2sls,
-- causal.iv_first_stage) against statsmodels' IV2SLS and OLS F tests (test/data/iv_reference.csv,
-- made with test/data/iv_data.csv by test/scripts/make_iv_reference.py): 1e-9 relative.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(15);

CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false);
CREATE TEMP TABLE ivd (id int, y float8, d1 float8, d2 float8, x1 float8, x2 float8, z1 float8, z2 float8, z3 float8);
\copy ivd FROM 'test/data/iv_data.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE ivref (model text, kind text, term text, value1 float8, value2 float8, df float8);
\copy ivref FROM 'test/data/iv_reference.csv' WITH (FORMAT csv, HEADER)
-- sketch columns: 1 y, 2 d1, 3 d2, 4 x1, 5 x2, 6 z1, 7 z2, 8 z3
CREATE TEMP TABLE sk AS SELECT causal.moments(y, d1, d2, x1, x2, z1, z2, z3) AS m FROM ivd;
CREATE TEMP TABLE spec (model text, d int[], z int[], x int[]);
INSERT INTO spec VALUES ('a', '{2}', '{6,7}', '{4,5}'), ('b', '{2,3}', '{6,7,8}', '{4,5}'), ('c', '{2}', '{6}', '{}');
CREATE TEMP TABLE ours AS
SELECT s.model, o.* FROM spec s, sk,
       causal.iv_2sls(sk.m, 1, s.d, s.z, s.x, names => '{y,d1,d2,x1,x2,z1,z2,z3}') o;
CREATE TEMP TABLE fs AS
SELECT s.model, o.* FROM spec s, sk, causal.iv_first_stage(sk.m, s.d, s.z, s.x, names => '{y,d1,d2,x1,x2,z1,z2,z3}') o;

SELECT is((SELECT count(*) FROM ivref r JOIN ours o ON o.model = r.model AND o.term = r.term
            WHERE r.kind = 'coef' AND pg_temp.close(o.estimate, r.value1, 1e-9) AND pg_temp.close(o.std_error, r.value2, 1e-9)
              AND o.df_resid = r.df AND r.model = m),
          (SELECT count(*) FROM ivref WHERE kind = 'coef' AND model = m),
          format('model %s: 2SLS estimates and standard errors equal statsmodels'' IV2SLS', m))
  FROM unnest(ARRAY['a', 'b', 'c']) m;
SELECT is((SELECT count(*) FROM ivref r JOIN fs o ON o.model = r.model AND o.endogenous = r.term
            WHERE r.kind = 'first_stage' AND pg_temp.close(o.f_statistic, r.value1, 1e-9)
              AND pg_temp.close(o.partial_r2, r.value2, 1e-9) AND o.df2 = r.df),
          (SELECT count(*) FROM ivref WHERE kind = 'first_stage'),
          'first-stage F statistics and partial R2 equal statsmodels');
SELECT ok(abs(estimate - 2) < 3 * std_error AND abs((SELECT estimate FROM ours WHERE model = 'b' AND term = 'd2') + 1) < 0.3,
          'the correctly specified model b recovers the effects 2 and -1')
  FROM ours WHERE model = 'b' AND term = 'd1';
SELECT ok((SELECT estimate FROM causal.ols((SELECT m FROM sk), 1, '{2,3,4,5}') WHERE term = 'x2') > 2.2,
          'while OLS, confounded by the latent u, overstates the effect of d1');

-- causal.estimate(method => 'iv'): the graph's instrument, 2SLS from one scan
CREATE TABLE causal_test_iv AS SELECT * FROM ivd;
SELECT ok(pg_temp.close((e).estimate, r.value1, 1e-9) AND pg_temp.close((e).std_error, r.value2, 1e-9)
          AND (e).details->>'instrument' = 'z1',
          'estimate(method => iv) with the instrument z1 of the graph equals statsmodels'' just-identified 2SLS')
  FROM (SELECT causal.estimate('causal_test_iv', 'd1', 'y', 'z1 --> d1; d1 --> y; d1 <-> y', 'iv') AS e) q,
       ivref r WHERE r.model = 'c' AND r.kind = 'coef' AND r.term = 'd1';
SELECT is((e).details->>'instrument',
          (SELECT CASE WHEN f1 > f2 THEN 'z1' ELSE 'z2' END
             FROM (SELECT (SELECT f_statistic FROM causal.iv_first_stage((SELECT m FROM sk), '{2}', '{6}')) AS f1,
                          (SELECT f_statistic FROM causal.iv_first_stage((SELECT m FROM sk), '{2}', '{7}')) AS f2) f),
          'with two instruments it takes the one with the stronger first stage')
  FROM (SELECT causal.estimate('causal_test_iv', 'd1', 'y', 'z1 --> d1; z2 --> d1; d1 --> y; d1 <-> y', 'iv') AS e) q;
SELECT throws_ok($$SELECT causal.estimate('causal_test_iv', 'd1', 'y', 'x1 --> d1; x1 --> y; d1 --> y', 'iv')$$,
                 '22023', NULL, 'method iv on a graph without an instrument');
SELECT throws_ok($$SELECT causal.estimate('causal_test_iv', 'd1', 'y', 'z1 --> d1; d1 --> y; d1 <-> y')$$,
                 '22023', 'causal.estimate: the effect of "d1" on "y" is not identifiable by adjustment: a latent confounder (d1 <-> y) joins the treatment to the outcome',
                 'adjustment methods refuse the latent confounder, pointing at the instruments');

SELECT throws_ok($$SELECT * FROM causal.iv_2sls((SELECT m FROM sk), 1, '{2,3}', '{6}')$$, '22023', NULL,
                 'fewer instruments than endogenous regressors');
SELECT throws_ok($$SELECT * FROM causal.iv_2sls((SELECT m FROM sk), 1, '{2}', '{2}')$$, '22023', NULL,
                 'a column in two roles');
SELECT throws_ok($$SELECT * FROM causal.iv_2sls(NULL, 1, '{2}', '{6}')$$, '22004', NULL, 'a NULL sketch');
SELECT throws_ok($$SELECT * FROM causal.iv_2sls((SELECT causal.moments(y, d1, z1, z1 * 2) FROM ivd), 1, '{2}', '{3,4}')$$,
                 '22000', NULL, 'collinear instruments');
SELECT throws_ok($$SELECT * FROM causal.iv_first_stage((SELECT m FROM sk), '{2}', NULL)$$, '22004', NULL, 'NULL instruments');

SELECT * FROM finish();
ROLLBACK;
