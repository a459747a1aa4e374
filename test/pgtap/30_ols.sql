-- causal.ols from a sketch against statsmodels (test/data/ols_reference.csv)
-- and NIST's certified Longley values (test/data/longley_certified.csv).
-- Tolerances: statsmodels 1e-9 relative (p-values: 1e-9 relative + 1e-300);
-- Longley 1e-10 (coefficients) and 1e-9 (standard errors) relative, well past
-- the 7 significant digits asked for (12 and 10 are reached).
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(13);

CREATE TEMP TABLE obs (dataset text, id int, c1 float8, c2 float8, c3 float8, c4 float8,
                       c5 float8, w float8);
\copy obs FROM 'test/data/moments_random.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE oref (model text, term text, estimate float8, std_error float8,
                        t_value float8, p_value float8, r2 float8, df_resid float8);
\copy oref FROM 'test/data/ols_reference.csv' WITH (FORMAT csv, HEADER)

CREATE TEMP TABLE fits AS
SELECT 'ols' AS model, f.*
  FROM causal.ols((SELECT causal.moments(c1, c2, c3, c4, c5) FROM obs), 1, '{2,3,4,5}',
                  names => '{c1,c2,c3,c4,c5}') f
UNION ALL
SELECT 'wls', f.*
  FROM causal.ols((SELECT causal.moments_weighted(w, c1, c2, c3, c4, c5) FROM obs), 1, '{2,3,4,5}',
                  names => '{c1,c2,c3,c4,c5}') f
UNION ALL
SELECT 'ols_noint', f.*
  FROM causal.ols((SELECT causal.moments(c1, c2, c3, c4, c5) FROM obs), 1, '{2,3,4,5}',
                  intercept => false, names => '{c1,c2,c3,c4,c5}') f;

CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false) $$;

SELECT is((SELECT count(*) FROM oref r JOIN fits f USING (model, term) WHERE r.model = m), 
          (SELECT count(*) FROM oref WHERE model = m), m || ': every term present')
  FROM unnest(ARRAY['ols', 'wls', 'ols_noint']) AS m;
SELECT is((SELECT count(*) FROM oref r JOIN fits f USING (model, term)
            WHERE r.model = m
              AND NOT (pg_temp.close(f.estimate, r.estimate, 1e-9)
                       AND pg_temp.close(f.std_error, r.std_error, 1e-9)
                       AND pg_temp.close(f.t_value, r.t_value, 1e-9)
                       AND pg_temp.close(f.p_value, r.p_value, 1e-9)
                       AND pg_temp.close(f.r2, r.r2, 1e-9)
                       AND f.df_resid = r.df_resid)),
          0::bigint, m || ': estimates, SEs, t, p, R2, df match statsmodels to 1e-9')
  FROM unnest(ARRAY['ols', 'wls', 'ols_noint']) AS m;

-- Longley (NIST StRD): an ill-conditioned classic.
CREATE TEMP TABLE longley (totemp float8, gnpdefl float8, gnp float8, unemp float8,
                           armed float8, pop float8, year float8);
\copy longley FROM 'test/data/longley.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE lref (term text, estimate float8, std_error float8, r2 float8);
\copy lref FROM 'test/data/longley_certified.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE lfit AS
SELECT * FROM causal.ols((SELECT causal.moments(totemp, gnpdefl, gnp, unemp, armed, pop, year)
                            FROM longley), 1, '{2,3,4,5,6,7}',
                         names => '{totemp,gnpdefl,gnp,unemp,armed,pop,year}');
SELECT is((SELECT count(*) FROM lref r JOIN lfit f USING (term)
            WHERE pg_temp.close(f.estimate, r.estimate, 1e-10)), 7::bigint,
          'Longley: all 7 coefficients match NIST to 10 significant digits');
SELECT is((SELECT count(*) FROM lref r JOIN lfit f USING (term)
            WHERE pg_temp.close(f.std_error, r.std_error, 1e-9)), 7::bigint,
          'Longley: all 7 standard errors match NIST to 9 significant digits');
SELECT ok((SELECT bool_and(pg_temp.close(f.r2, r.r2, 1e-9) AND f.df_resid = 9)
             FROM lref r JOIN lfit f USING (term)), 'Longley: R2 and residual df');

-- LaLonde (MatchIt's lalonde) against R's lm(), test/data/lalonde_ols_reference.csv.
CREATE TEMP TABLE lalonde (id text, treat int, age int, educ int, race text, married int,
                           nodegree int, re74 float8, re75 float8, re78 float8);
\copy lalonde FROM 'test/data/lalonde.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE rref (model text, term text, estimate float8, std_error float8,
                        t_value float8, p_value float8, r2 float8, df_resid float8);
\copy rref FROM 'test/data/lalonde_ols_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE lalfit AS
SELECT 'adjusted' AS model, f.*
  FROM causal.ols((SELECT causal.moments(re78, treat, age, educ, (race = 'black')::int,
                                         (race = 'hispan')::int, married, nodegree, re74, re75)
                     FROM lalonde), 1, '{2,3,4,5,6,7,8,9,10}',
                  names => '{re78,treat,age,educ,black,hispan,married,nodegree,re74,re75}') f
UNION ALL
SELECT 'naive', f.*
  FROM causal.ols((SELECT causal.moments(re78, treat) FROM lalonde), 1, '{2}',
                  names => '{re78,treat}') f;
SELECT is((SELECT count(*) FROM rref r JOIN lalfit f USING (model, term)), 12::bigint,
          'lalonde: all 12 terms present');
SELECT is((SELECT count(*) FROM rref r JOIN lalfit f USING (model, term)
            WHERE NOT (pg_temp.close(f.estimate, r.estimate, 1e-9)
                       AND pg_temp.close(f.std_error, r.std_error, 1e-9)
                       AND pg_temp.close(f.t_value, r.t_value, 1e-9)
                       AND pg_temp.close(f.p_value, r.p_value, 1e-9)
                       AND pg_temp.close(f.r2, r.r2, 1e-9) AND f.df_resid = r.df_resid)),
          0::bigint, 'lalonde: naive and adjusted OLS match R''s lm() to 1e-9');

-- Test size under the null: x1 and x2 independent (edge_prob 0), n = 100,
-- 1000 seeded data sets; the slope's t-test rejects at 5% in 3% to 7% of them.
SELECT ok(rate BETWEEN 0.03 AND 0.07, 'OLS t-test size under the null: ' || rate)
  FROM (SELECT avg((f.p_value < 0.05)::int)::numeric(6, 4) AS rate
          FROM generate_series(1, 1000) AS seed,
               LATERAL (SELECT causal.moments(x[1], x[2]) AS m
                          FROM causal.simulate_sem(100, 2, seed, 0.0)) s,
               LATERAL causal.ols(s.m, 2, '{1}') f
         WHERE f.term = 'x1') t;

-- Coverage: 95% intervals for a true slope (simulate_sem's outcome on
-- treatment, x1, x2 has effect 2.0) cover it in 93% to 97% of 500 data sets.
SELECT ok(cover BETWEEN 0.93 AND 0.97, 'OLS 95% interval coverage: ' || cover)
  FROM (SELECT avg((abs(f.estimate - 2.0) <= causal.qnorm(0.975) * f.std_error)::int)::numeric(6, 4) AS cover
          FROM generate_series(1, 500) AS seed,
               LATERAL (SELECT causal.moments(outcome, treatment, x[1], x[2]) AS m
                          FROM causal.simulate_sem(400, 3, seed)) s,
               LATERAL causal.ols(s.m, 1, '{2,3,4}') f
         WHERE f.term = 'x2') t;

SELECT * FROM finish();
ROLLBACK;
