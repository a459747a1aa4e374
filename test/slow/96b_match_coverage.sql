-- Coverage of the 95% intervals after matching over 200 seeded data sets (simulated in SQL,
-- seeds 1..200): n = 1000, x1..x3 standard normal, P(treated) = expit(-1.5 + 0.8 x1 - 0.5 x2 + 0.3 x3)
-- (about 22% treated), y = 1 + x1 + 0.5 x2 - 0.5 x3 + 2 t + N(0, 1): the ATT is 2.
-- Both with the default outcome model (the covariates in the weighted regression).
--  * 1:1 nearest-neighbour matching on the propensity score without replacement,
--    cluster-robust standard error by pair;
--  * 2:1 nearest-neighbour Mahalanobis matching with replacement, HC3 standard error.
-- Accepted range 90-98% (the issue's acceptance range); the simulation also checks the mean bias.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(4);

CREATE FUNCTION pg_temp.rnorm() RETURNS float8 LANGUAGE sql VOLATILE
RETURN sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random());

CREATE FUNCTION pg_temp.make_data(seed int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM setseed(seed / 1000.0);
  DROP TABLE IF EXISTS pg_temp.sim;
  CREATE TEMP TABLE sim AS
    SELECT i, x1, x2, x3, t, 1 + x1 + 0.5 * x2 - 0.5 * x3 + 2 * t + pg_temp.rnorm() AS y
      FROM (SELECT i, x1, x2, x3,
                   (random() < 1 / (1 + exp(-(-1.5 + 0.8 * x1 - 0.5 * x2 + 0.3 * x3))))::int AS t
              FROM (SELECT i, pg_temp.rnorm() AS x1, pg_temp.rnorm() AS x2, pg_temp.rnorm() AS x3
                      FROM generate_series(1, 1000) i ORDER BY i) s0) s1;
END $$;

CREATE TEMP TABLE runs (seed int, design text, estimate float8, ci_lower float8, ci_upper float8);
DO $$
DECLARE e causal.effect;
BEGIN
  FOR s IN 1 .. 200 LOOP
    PERFORM pg_temp.make_data(s);
    e := causal.match_effect('pg_temp.sim', 'y', 't', '{x1,x2,x3}', 'i');
    INSERT INTO runs VALUES (s, 'nn_ps', e.estimate, e.ci_lower, e.ci_upper);
    e := causal.match_effect('pg_temp.sim', 'y', 't', '{x1,x2,x3}', 'i', distance => 'mahalanobis',
                             ratio => 2, replace => true);
    INSERT INTO runs VALUES (s, 'nn_mahal', e.estimate, e.ci_lower, e.ci_upper);
  END LOOP;
END $$;

SELECT ok(c BETWEEN 0.90 AND 0.98, format('1:1 propensity matching, pair-clustered SE: coverage %s in [0.90, 0.98]', c))
  FROM (SELECT avg((ci_lower <= 2 AND 2 <= ci_upper)::int) AS c FROM runs WHERE design = 'nn_ps') x;
SELECT ok(c BETWEEN 0.90 AND 0.98, format('2:1 Mahalanobis matching with replacement, HC3 SE: coverage %s in [0.90, 0.98]', c))
  FROM (SELECT avg((ci_lower <= 2 AND 2 <= ci_upper)::int) AS c FROM runs WHERE design = 'nn_mahal') x;
-- the mean estimate is within 3 Monte Carlo standard errors of the truth plus a small matching bias (0.05)
SELECT ok(abs(m - 2) < 3 * sd / sqrt(200) + 0.05, format('%s: mean estimate %s (truth 2)', design, round(m::numeric, 4)))
  FROM (SELECT design, avg(estimate) AS m, stddev(estimate) AS sd FROM runs GROUP BY design) x ORDER BY design;

SELECT * FROM finish();
ROLLBACK;
