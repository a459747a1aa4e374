-- Coverage of DML's 95% intervals over 200 seeded data sets (simulated in SQL, seeds 1..200):
--  * PLR, the design of Chernozhukov et al. (2018) / DoubleML's make_plr_CCDDHNR2018: Toeplitz-0.7
--    covariates (p = 20, built as an AR(1) across columns), n = 500, theta = 0.5, with lasso nuisances
--    (penalty by 5-fold CV) and with xgboost nuisances; accepted range 91-98%.
--  * IRM ATE, the design of DoubleML's make_irm_data (Toeplitz 0.5, p = 20, R2_d = R2_y = 0.5,
--    theta = 0) with OLS outcome models and a logistic propensity; accepted range 92-99%.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(3);

-- standard normals from random() (Box-Muller)
CREATE FUNCTION pg_temp.rnorm() RETURNS float8 LANGUAGE sql VOLATILE
RETURN sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random());
-- p covariates with correlation rho^|i-j|: x_1 = e_1, x_j = rho x_{j-1} + sqrt(1 - rho^2) e_j
CREATE FUNCTION pg_temp.ar1(p int, rho float8) RETURNS float8[] LANGUAGE plpgsql VOLATILE AS $$
DECLARE x float8[] := ARRAY[pg_temp.rnorm()];
BEGIN
  FOR j IN 2 .. p LOOP
    x := x || (rho * x[j - 1] + sqrt(1 - rho * rho) * pg_temp.rnorm());
  END LOOP;
  RETURN x;
END $$;

CREATE FUNCTION pg_temp.make_data(seed int, design text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  b float8[] := ARRAY(SELECT 1.0 / (j * j) FROM generate_series(1, 20) j);
  bsb float8;
  c_y float8;
  c_d float8;
BEGIN
  SELECT sum(b[i] * b[j] * 0.5 ^ abs(i - j)) INTO bsb FROM generate_series(1, 20) i, generate_series(1, 20) j;
  c_y := sqrt(0.5 / (0.5 * bsb));
  c_d := sqrt(pi() ^ 2 / 3 * 0.5 / (0.5 * bsb));
  PERFORM setseed(seed / 1000.0);
  DROP TABLE IF EXISTS pg_temp.sim_x;
  CREATE TEMP TABLE sim_x AS
    SELECT i, pg_temp.ar1(20, CASE WHEN design = 'plr' THEN 0.7 ELSE 0.5 END) AS x, random() AS v,
           pg_temp.rnorm() AS e1, pg_temp.rnorm() AS e2
      FROM generate_series(1, 500) i ORDER BY i;
  DROP TABLE IF EXISTS pg_temp.sim;
  EXECUTE format('CREATE TEMP TABLE sim AS SELECT i, %s, d, y FROM (SELECT *, %s) s',
                 (SELECT string_agg(format('x[%s] AS x%s', j, j), ', ') FROM generate_series(1, 20) j),
                 CASE WHEN design = 'plr'
                      THEN 'x[1] + 0.25 / (1 + exp(-x[3])) + e1 AS d, 0.5 * (x[1] + 0.25 / (1 + exp(-x[3])) + e1)
                            + 1 / (1 + exp(-x[1])) + 0.25 * x[3] + e2 AS y FROM sim_x'
                      ELSE c_y || ' * xb + e2 AS y FROM (SELECT *, (1 / (1 + exp(-' || c_d
                            || ' * xb)) > v)::int AS d FROM (SELECT *, (SELECT sum(x[j] / (j * j)) FROM generate_series(1, 20) j) AS xb
                            FROM sim_x) s0) s1' END);
END $$;

CREATE FUNCTION pg_temp.coverage(design text, learner text, opts jsonb, theta float8) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
  hits int := 0;
  e causal.effect;
  covs text[] := ARRAY(SELECT 'x' || j FROM generate_series(1, 20) j);
BEGIN
  FOR s IN 1 .. 200 LOOP
    PERFORM pg_temp.make_data(s, design);
    IF design = 'plr' THEN
      e := causal.dml('pg_temp.sim', 'y', 'd', covs, ml_l => learner, ml_m => learner,
                      learner_options => opts, seed => s);
    ELSE
      e := causal.dml('pg_temp.sim', 'y', 'd', covs, model => 'irm', seed => s);
    END IF;
    IF e.ci_lower <= theta AND theta <= e.ci_upper THEN
      hits := hits + 1;
    END IF;
  END LOOP;
  RETURN hits / 200.0;
END $$;

SELECT ok(c BETWEEN 0.91 AND 0.98, 'PLR, lasso (CV penalty): 95% interval coverage ' || c || ' in [0.91, 0.98]')
  FROM pg_temp.coverage('plr', 'lasso', '{"ml_l": {"lambda": "cv"}, "ml_m": {"lambda": "cv"}}', 0.5) c;
SELECT ok(c BETWEEN 0.91 AND 0.98, 'PLR, xgboost: 95% interval coverage ' || c || ' in [0.91, 0.98]')
  FROM pg_temp.coverage('plr', 'xgboost', '{"ml_l": {"n_trees": 100, "max_depth": 2, "eta": 0.1},
                                            "ml_m": {"n_trees": 100, "max_depth": 2, "eta": 0.1}}', 0.5) c;
SELECT ok(c BETWEEN 0.92 AND 0.99, 'IRM ATE, OLS + logistic: 95% interval coverage ' || c || ' in [0.92, 0.99]')
  FROM pg_temp.coverage('irm', NULL, NULL, 0.0) c;

SELECT * FROM finish();
ROLLBACK;
