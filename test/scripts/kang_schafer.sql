-- Kang and Schafer's (2007) design as the IPM paper uses it (true ATT 0), simulated in SQL with seeded
-- random(): Z ~ N(0, I4); Y = 210 + 27.4 Z1 + 13.7 (Z2 + Z3 + Z4) + N(0, 1); observed
-- X = (exp(Z1/2), Z2/(1 + exp(Z1)) + 10, (Z1 Z3/25 + 0.6)^3, (Z2 + Z4 + 20)^2);
-- T ~ Bernoulli(expit(-Z1 + 0.5 Z2 - 0.25 Z3 - 0.1 Z4)).
-- Defines pg_temp.ks_data(seed, n) (table pg_temp.ksd) and pg_temp.ks_run(reps, n) (table pg_temp.ks_results).
-- Included by test/slow/98b_kang_schafer.sql; run on its own for the table in doc/estimation.md:
--   psql -d db -c 'CREATE EXTENSION IF NOT EXISTS causal' -f test/scripts/kang_schafer.sql \
--        -c 'SELECT pg_temp.ks_run(200, 200); SELECT pg_temp.ks_run(200, 1000); SELECT * FROM pg_temp.ks_summary'
CREATE FUNCTION pg_temp.ks_rnorm() RETURNS float8 LANGUAGE sql VOLATILE
RETURN sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random());

CREATE FUNCTION pg_temp.ks_data(seed int, n int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM setseed(seed / 100000.0);
  DROP TABLE IF EXISTS pg_temp.ksz;
  CREATE TEMP TABLE ksz AS
    SELECT i, pg_temp.ks_rnorm() z1, pg_temp.ks_rnorm() z2, pg_temp.ks_rnorm() z3, pg_temp.ks_rnorm() z4,
           pg_temp.ks_rnorm() e, random() u
      FROM generate_series(1, n) i ORDER BY i;
  DROP TABLE IF EXISTS pg_temp.ksd;
  CREATE TEMP TABLE ksd AS
    SELECT i AS id, exp(z1 / 2) x1, z2 / (1 + exp(z1)) + 10 x2, (z1 * z3 / 25 + 0.6) ^ 3 x3, (z2 + z4 + 20) ^ 2 x4,
           210 + 27.4 * z1 + 13.7 * (z2 + z3 + z4) + e AS y,
           (u < 1 / (1 + exp(-(-z1 + 0.5 * z2 - 0.25 * z3 - 0.1 * z4))))::int AS t
      FROM ksz;
END $$;

CREATE TEMP TABLE ks_results (n int, seed int, method text, estimate float8, ipm_ratio float8);

CREATE FUNCTION pg_temp.ks_run(reps int, n int,
                               methods text[] DEFAULT ARRAY['ipw', 'ebal', 'ipm_energy', 'ipm_mmd', 'ipm_sigmoid'])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  m text;
  e causal.effect;
BEGIN
  FOR s IN 1 .. reps LOOP
    PERFORM pg_temp.ks_data(s, n);
    FOREACH m IN ARRAY methods LOOP
      e := causal.weighting_effect('pg_temp.ksd', 'y', 't', '{x1,x2,x3,x4}', 'id', m, 'ATT');
      INSERT INTO ks_results VALUES (n, s, m, e.estimate,
        CASE m WHEN 'ipm_mmd' THEN (e.details -> 'fit' -> 'control' ->> 'mmd2_after')::float8
                                   / (e.details -> 'fit' -> 'control' ->> 'mmd2_before')::float8
               WHEN 'ipm_sigmoid' THEN (e.details -> 'fit' -> 'control' ->> 'sigmoid_ipm_after')::float8
                                   / (e.details -> 'fit' -> 'control' ->> 'sigmoid_ipm_before')::float8 END);
    END LOOP;
  END LOOP;
END $$;

CREATE TEMP VIEW ks_summary AS
SELECT n, method, count(*) AS reps, round(avg(estimate)::numeric, 2) AS bias,
       round(sqrt(avg(estimate * estimate))::numeric, 2) AS rmse
  FROM ks_results GROUP BY n, method ORDER BY n, rmse;
