-- Two-stage least squares and its first stage from a moment sketch (causal.iv_2sls,
-- causal.iv_first_stage) against statsmodels' IV2SLS and OLS F tests (test/data/iv_reference.csv,
-- made with test/data/iv_data.csv by test/scripts/make_iv_reference.py): 1e-9 relative.
-- 2SLS on the table's rows with classical, HC0, HC1, HC3 and cluster-robust standard errors against
-- R's AER::ivreg with sandwich (test/data/iv_table_reference.csv, test/scripts/make_iv_table_reference.R):
-- 1e-9 relative; and the coverage of its HC1 interval under heteroskedasticity (200 data sets).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(47);

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

-- on the table's rows
ALTER TABLE ivd ADD COLUMN g int;
UPDATE ivd SET g = (id - 1) / 8;
CREATE TEMP TABLE tref (model text, typ text, term text, estimate float8, std_error float8, df float8);
\copy tref FROM 'test/data/iv_table_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE tspec (model text, d text[], z text[], x text[]);
INSERT INTO tspec VALUES ('a', '{d1}', '{z1}', '{x1,x2}'), ('b', '{d1,d2}', '{z1,z2,z3}', '{x1,x2}'), ('c', '{d1}', '{z1,z2}', NULL);
CREATE TEMP TABLE tours AS
SELECT s.model, v AS typ, o.*
  FROM tspec s, unnest('{classical,HC0,HC1,HC3,cluster}'::text[]) v,
       causal.iv_2sls('ivd', 'y', s.d, s.z, s.x, v, CASE WHEN v = 'cluster' THEN 'g' END) o;
SELECT is((SELECT count(*) FROM tref r JOIN tours o USING (model, typ, term)
            WHERE pg_temp.close(o.estimate, r.estimate, 1e-9) AND pg_temp.close(o.std_error, r.std_error, 1e-9)
              AND o.df_resid = r.df AND r.model = m AND r.typ = v),
          (SELECT count(*) FROM tref WHERE model = m AND typ = v),
          format('table 2SLS, model %s, %s: estimates and standard errors equal R''s ivreg with sandwich', m, v))
  FROM unnest(ARRAY['a', 'b', 'c']) m, unnest('{classical,HC0,HC1,HC3,cluster}'::text[]) v;
SELECT ok((SELECT bool_and(pg_temp.close(o.p_value, 2 * causal.pt(-abs(o.estimate / o.std_error), o.df_resid), 1e-9)
                            AND pg_temp.close(o.t_value, o.estimate / o.std_error, 1e-12))
             FROM tours o), 'table 2SLS: t values and two-sided p-values from t with the residual degrees of freedom');
SELECT is((SELECT array_agg(std_error ORDER BY term) FROM causal.iv_2sls('ivd', 'y', '{d1}', '{z1}', '{x1,x2}')),
          (SELECT array_agg(std_error ORDER BY term) FROM tours WHERE model = 'a' AND typ = 'HC1'),
          'vcov defaults to HC1');
SELECT is((SELECT array_agg(std_error ORDER BY term) FROM causal.iv_2sls('ivd', 'y', '{d1}', '{z1}', '{x1,x2}', cluster => 'g')),
          (SELECT array_agg(std_error ORDER BY term) FROM tours WHERE model = 'a' AND typ = 'cluster'),
          'a cluster column makes vcov default to cluster');
SELECT ok((SELECT bool_and(pg_temp.close(t.estimate, k.estimate, 1e-9) AND pg_temp.close(t.std_error, k.std_error, 1e-9))
             FROM tours t JOIN ours k ON k.model = 'b' AND k.term = t.term
            WHERE t.model = 'b' AND t.typ = 'classical'),
          'classical standard errors on the rows equal those from the sketch');

-- coverage: errors whose variance grows with the instrument, where the classical interval is wrong
CREATE TEMP TABLE hsim AS
SELECT k, i, z, d, 1.0 * d + (0.2 + z * z) * e + u AS y
  FROM (SELECT k, i, z, u, e, z + u + causal.refute_normal(k, 4 * i + 2) AS d
          FROM (SELECT k, i, causal.refute_normal(k, 4 * i) AS z, causal.refute_normal(k, 4 * i + 1) AS u,
                       causal.refute_normal(k, 4 * i + 3) AS e
                  FROM generate_series(1, 200) k, generate_series(1, 400) i) s0) s1;
CREATE FUNCTION pg_temp.hcover(v text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE hits int := 0; r record;
BEGIN
  FOR kk IN 1 .. 200 LOOP
    DROP TABLE IF EXISTS pg_temp.hone;
    CREATE TEMP TABLE hone AS SELECT z, d, y FROM hsim WHERE hsim.k = kk;
    SELECT * INTO r FROM causal.iv_2sls('hone', 'y', '{d}', '{z}', NULL, v) WHERE term = 'd';
    IF abs(r.estimate - 1.0) <= causal.qt(0.975, r.df_resid) * r.std_error THEN hits := hits + 1; END IF;
  END LOOP;
  RETURN hits;
END $$;
CREATE TEMP TABLE hcov AS SELECT pg_temp.hcover('HC1') AS hc1, pg_temp.hcover('classical') AS classical;
SELECT ok(hc1 BETWEEN 180 AND 196,
          'heteroskedastic errors: the HC1 interval covers the true effect in 90-98% of 200 data sets (' || hc1 || ')')
  FROM hcov;
SELECT ok(classical < 180, 'while the classical interval undercovers there (' || classical || ')') FROM hcov;

SELECT throws_like($$SELECT * FROM causal.iv_2sls('ivd', 'y', '{d1}', '{z1}', vcov => 'cluster')$$,
                   '%vcov ''cluster'' needs the cluster column%', 'vcov cluster without a cluster column');
SELECT throws_ok($$SELECT * FROM causal.iv_2sls('ivd', 'y', '{d1}', '{z1}', vcov => 'HC1', cluster => 'g')$$, '22023', NULL,
                 'a cluster column with another vcov');
SELECT throws_like($$SELECT * FROM causal.iv_2sls('ivd', 'y', '{d1}', '{z1}', vcov => 'HC2')$$, '%vcov%', 'unknown vcov');
SELECT throws_like($$SELECT * FROM causal.iv_2sls('ivd', 'y', '{d1,d2}', '{z1}')$$, '%not identified%',
                   'table form: fewer instruments than treatments');
SELECT throws_like($$SELECT * FROM causal.iv_2sls('ivd', 'y', '{d1}', '{z1}', '{z1}')$$, '%both an instrument and a covariate%',
                   'table form: a column in two roles');
SELECT throws_like($$SELECT * FROM causal.iv_2sls('ivd', 'y', '{d1}', '{z1,z2}', '{x1,x1x}')$$, '%x1x%',
                   'table form: an unknown column is named');
CREATE TEMP TABLE ivcol AS SELECT *, 2 * z1 AS z1b, 0.0 AS zc FROM ivd;
SELECT throws_like($$SELECT * FROM causal.iv_2sls('ivcol', 'y', '{d1}', '{z1,z1b}')$$, '%"z1b" is constant or collinear%',
                   'table form: collinear instruments name the column');
SELECT throws_like($$SELECT * FROM causal.iv_2sls('ivcol', 'y', '{d1}', '{zc}')$$, '%"zc" is constant or collinear%',
                   'table form: a constant instrument');
SELECT throws_ok($$SELECT * FROM causal.iv_2sls('ivd', 'y', NULL, '{z1}')$$, '22004', NULL, 'table form: NULL treatment');
SELECT throws_ok($$SELECT * FROM causal.iv_2sls('ivd', 'y', '{}', '{z1}')$$, '22023', NULL, 'table form: no treatment');
CREATE TEMP TABLE ivtiny AS SELECT * FROM ivd LIMIT 3;
SELECT throws_like($$SELECT * FROM causal.iv_2sls('ivtiny', 'y', '{d1}', '{z1}', '{x1,x2}')$$, '%too few%',
                   'table form: too few rows');

SELECT * FROM finish();
ROLLBACK;
