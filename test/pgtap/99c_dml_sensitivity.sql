-- DoubleML's sensitivity analysis (causal.dml_sensitivity) against DoubleML itself:
-- test/data/dml_sensitivity_reference.csv is written by test/scripts/make_dml_sensitivity_reference.py,
-- which runs DoubleML's own sources (outside the project) on test/data/dml_data.csv with that file's
-- fold columns as DoubleML's sample splitting.  Bounds, their standard errors and the confidence
-- bounds to 1e-9 relative; rv and rva to 2e-5 absolute (DoubleML finds them with a bounded
-- minimizer whose tolerance is 1e-5; ours bisect to 1e-14, checked separately in closed form).
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(90);

CREATE TEMP TABLE dml (id int, y float8, d float8, tr int, yb float8, z1 float8, z2 float8, dv float8,
                       yv float8, unit int, fold int, fold_unit int, fold_irm int,
                       x1 float8, x2 float8, x3 float8, x4 float8, x5 float8, x6 float8, x7 float8,
                       x8 float8, x9 float8, x10 float8);
\copy dml FROM 'test/data/dml_data.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE sref (name text, cf_y float8, cf_d float8, rho float8, level float8, h0 float8,
                        theta float8, se float8, theta_lower float8, theta_upper float8,
                        se_lower float8, se_upper float8, ci_lower float8, ci_upper float8,
                        rv float8, rva float8);
\copy sref FROM 'test/data/dml_sensitivity_reference.csv' WITH (FORMAT csv, HEADER)
CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-12, false);

CREATE TEMP TABLE runs AS
SELECT 'plr_po' AS name, causal.dml('dml', 'y', 'd', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', fold_column => 'fold') AS e
UNION ALL
SELECT 'plr_ivtype', causal.dml('dml', 'y', 'd', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', score => 'IV-type',
                                fold_column => 'fold')
UNION ALL
SELECT 'irm_ate', causal.dml('dml', 'yb', 'tr', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', model => 'irm',
                             fold_column => 'fold_irm')
UNION ALL
SELECT 'irm_atte', causal.dml('dml', 'yb', 'tr', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', model => 'irm', score => 'ATTE',
                              fold_column => 'fold_irm')
UNION ALL
SELECT 'irm_ate_normalized', causal.dml('dml', 'yb', 'tr', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', model => 'irm',
                                        normalize_ipw => true, fold_column => 'fold_irm')
UNION ALL
SELECT 'plr_cluster', causal.dml('dml', 'y', 'd', '{x1,x2,x3,x4,x5,x6,x7,x8,x9,x10}', fold_column => 'fold_unit',
                                 cluster => 'unit');

CREATE TEMP TABLE got AS
SELECT r.*, s.theta_lower AS g_tl, s.theta AS g_theta, s.theta_upper AS g_tu, s.se_lower AS g_sl,
       s.se_upper AS g_su, s.ci_lower AS g_cl, s.ci_upper AS g_cu, s.rv AS g_rv, s.rva AS g_rva, u.e
  FROM sref r JOIN runs u USING (name),
       LATERAL causal.dml_sensitivity(u.e, r.cf_y, r.cf_d, r.rho, r.level, r.h0) s;

SELECT is((SELECT count(*) FROM got), 24::bigint, 'every reference scenario ran (6 models x 4 scenarios)');
SELECT ok(pg_temp.close(g_theta, theta, 1e-9) AND pg_temp.close(g_tl, theta_lower, 1e-9)
          AND pg_temp.close(g_tu, theta_upper, 1e-9) AND pg_temp.close(g_sl, se_lower, 1e-9)
          AND pg_temp.close(g_su, se_upper, 1e-9) AND pg_temp.close(g_cl, ci_lower, 1e-9)
          AND pg_temp.close(g_cu, ci_upper, 1e-9),
          format('%s cf_y=%s cf_d=%s rho=%s level=%s: bounds, their SEs and CI bounds equal DoubleML''s',
                 name, cf_y, cf_d, rho, level))
  FROM got ORDER BY name, cf_y, cf_d;
SELECT ok(abs(g_rv - rv) < 2e-5 AND abs(g_rva - rva) < 2e-5,
          format('%s cf_y=%s rho=%s null=%s: rv and rva equal DoubleML''s', name, cf_y, rho, h0))
  FROM got ORDER BY name, cf_y, cf_d;

-- rv in closed form (one repetition): |rho| v / sqrt(1 - v) = |theta - h0| / S
SELECT ok(pg_temp.close(g_rv,
                        (-a * a + sqrt(a ^ 4 + 4 * rho * rho * a * a)) / (2 * rho * rho), 1e-10),
          format('%s rho=%s null=%s: rv solves |rho| v/sqrt(1-v) = |theta - null|/S', name, rho, h0))
  FROM (SELECT *, abs(g_theta - h0) / ((e).details -> 'sensitivity' -> 'max_bias' ->> 0)::float8 AS a FROM got
         WHERE name IN ('plr_po', 'irm_atte')) s
 ORDER BY name, cf_y;
-- at rva the confidence bound sits on the null
SELECT ok(abs(CASE WHEN h0 > g_theta THEN s.ci_upper ELSE s.ci_lower END - h0) < 1e-9,
          format('%s rho=%s null=%s: at cf_y = cf_d = rva the confidence bound is the null', name, rho, h0))
  FROM got, LATERAL causal.dml_sensitivity(e, g_rva, g_rva, rho, level, h0) s
 WHERE name = 'plr_cluster' AND g_rva > 0 ORDER BY cf_y;

SELECT is((SELECT ((e).details -> 'sensitivity' ->> 'nu2_from_riesz')::int FROM runs WHERE name = 'irm_ate_normalized'),
          1, 'normalized IRM: nu2 came out non-positive and was re-estimated from the representer, as DoubleML warns');
SELECT ok((SELECT pg_temp.close(((e).details -> 'sensitivity' -> 'max_bias' ->> 0)::float8 ^ 2,
                                ((e).details -> 'sensitivity' -> 'sigma2' ->> 0)::float8
                                * ((e).details -> 'sensitivity' -> 'nu2' ->> 0)::float8, 1e-12)
             FROM runs WHERE name = 'irm_ate'), 'the stored max_bias is sqrt(sigma2 nu2)');

-- no confounding: the bounds collapse to the estimate and its interval (n_rep = 3 aggregates like the
-- estimate; the CI bound, as DoubleML aggregates it, is the median over repetitions of each
-- repetition's one-sided bound theta_r - q se_r, which need not equal estimate - q se)
CREATE TEMP TABLE rep3 AS SELECT causal.dml('dml', 'y', 'd', '{x1,x2,x3}', n_rep => 3) AS e;
SELECT ok(pg_temp.close(s.theta_lower, (e).estimate, 1e-12) AND pg_temp.close(s.theta_upper, (e).estimate, 1e-12)
          AND pg_temp.close(s.se_lower, (e).std_error, 1e-10) AND pg_temp.close(s.se_upper, (e).std_error, 1e-10)
          AND pg_temp.close(s.ci_lower,
                            (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t.v::float8 - causal.qnorm(0.9) * u.v::float8)
                               FROM jsonb_array_elements_text((e).details -> 'thetas') WITH ORDINALITY AS t(v, o)
                               JOIN jsonb_array_elements_text((e).details -> 'std_errors') WITH ORDINALITY AS u(v, o) USING (o)),
                            1e-10)
          AND jsonb_array_length((e).details -> 'sensitivity' -> 'theta') = 3,
          'n_rep = 3, cf_y = cf_d = 0: bounds are the estimate, SEs the standard error, CI bound the median of the repetitions'' one-sided bounds')
  FROM rep3, LATERAL causal.dml_sensitivity(e, 0, 0, level => 0.9) s;
SELECT ok(s.theta_lower < (e).estimate AND s.theta_upper > (e).estimate AND s.ci_lower < s.theta_lower
          AND s.rva < s.rv AND s.rv > 0,
          'n_rep = 3: the bounds widen with the confounder, the CI bound lies outside, rva < rv')
  FROM rep3, LATERAL causal.dml_sensitivity(e) s;
SELECT ok((SELECT s.rv IS NULL FROM runs, LATERAL causal.dml_sensitivity(e, rho => 0) s WHERE name = 'plr_po'),
          'rho = 0: no confounder moves the estimate, rv is NULL');
SELECT ok((SELECT s.rva = 0 AND s.rv > 0 FROM runs, LATERAL causal.dml_sensitivity(e, null_hypothesis => 0.45) s
            WHERE name = 'plr_po'),
          'a null inside the confidence interval (0.45 for 0.473 +- 0.07) has rva 0 and rv > 0');

-- A simulation with a latent confounder of known strength: D = 0.5 x1 + 0.5 u + e, Y = 0.5 D + x1 - 0.5 x2
-- + 0.5 u + e', u ~ N(0, 1) unobserved.  In this Gaussian linear model cf_d = R2(D ~ u | x) = 0.2,
-- cf_y = (0.25/1.25) / (0.25/1.25 + 1) = 1/6 and rho = 1, so the short estimate's bias (0.2) equals the
-- bound S cs exactly: theta_lower is centred on the true 0.5 and [ci_lower, ci_upper] covers it in about
-- 95% of data sets (one-sided at level 0.95); the unadjusted 95% interval almost never does.
CREATE TEMP TABLE latent AS
SELECT k, i, x1, x2, d, 0.5 * d + x1 - 0.5 * x2 + 0.5 * u + e2 AS y
  FROM (SELECT k, i, x1, x2, u, e2, 0.5 * x1 + 0.5 * u + e1 AS d
          FROM (SELECT k, i, causal.refute_normal(k, 5 * i) AS x1, causal.refute_normal(k, 5 * i + 1) AS x2,
                       causal.refute_normal(k, 5 * i + 2) AS u, causal.refute_normal(k, 5 * i + 3) AS e1,
                       causal.refute_normal(k, 5 * i + 4) AS e2
                  FROM generate_series(1, 200) k, generate_series(1, 1000) i) s0) s1;
CREATE FUNCTION pg_temp.latent_runs() RETURNS TABLE (k int, naive_covers boolean, bound_covers boolean, lower float8)
LANGUAGE plpgsql AS $$
DECLARE e causal.effect; s record;
BEGIN
  FOR kk IN 1 .. 200 LOOP
    SET LOCAL client_min_messages = warning;
    DROP TABLE IF EXISTS pg_temp.one;
    CREATE TEMP TABLE one AS SELECT * FROM latent WHERE latent.k = kk;
    e := causal.dml('one', 'y', 'd', '{x1,x2}', seed => kk);
    SELECT * INTO s FROM causal.dml_sensitivity(e, 1.0 / 6, 0.2, 1.0);
    k := kk;
    naive_covers := e.ci_lower <= 0.5 AND 0.5 <= e.ci_upper;
    bound_covers := s.ci_lower <= 0.5 AND 0.5 <= s.ci_upper;
    lower := s.theta_lower;
    RETURN NEXT;
  END LOOP;
END $$;
CREATE TEMP TABLE latent_res AS SELECT * FROM pg_temp.latent_runs();
SELECT ok((SELECT avg(bound_covers::int) BETWEEN 0.90 AND 0.98 FROM latent_res),
          'latent confounder at its true strength: the sensitivity CI covers the true effect in 90-98% of 200 data sets ('
          || (SELECT sum(bound_covers::int) FROM latent_res) || '/200)');
SELECT ok((SELECT abs(avg(lower) - 0.5) < 0.01 FROM latent_res),
          'theta_lower is centred on the true effect (mean ' || (SELECT round(avg(lower)::numeric, 4) FROM latent_res) || ')');
SELECT ok((SELECT avg(naive_covers::int) < 0.2 FROM latent_res),
          'while the unadjusted 95% interval misses it (covers ' || (SELECT sum(naive_covers::int) FROM latent_res) || '/200)');

-- from the one-scan aggregate and from a merge of stored partition sketches (shifted data): the
-- elements are fourth-order forms of the fold sums, and the bounds equal DoubleML's
CREATE TEMP TABLE agg_sens AS
SELECT 'scan' AS src, causal.dml_plr(fold, y, d, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10) AS e FROM dml
UNION ALL
SELECT 'merged', causal.dml_plr(causal.merge(s))
  FROM (SELECT unit % 7, causal.dml_plr_sketch(fold, y + 1e3, d - 50, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10) AS s
          FROM dml GROUP BY unit % 7) p;
SELECT ok(bool_and(pg_temp.close(s.theta_lower, r.theta_lower, 1e-9) AND pg_temp.close(s.theta_upper, r.theta_upper, 1e-9)
                   AND pg_temp.close(s.ci_lower, r.ci_lower, 1e-9) AND pg_temp.close(s.ci_upper, r.ci_upper, 1e-9)
                   AND pg_temp.close(s.se_lower, r.se_lower, 1e-9) AND pg_temp.close(s.se_upper, r.se_upper, 1e-9)
                   AND abs(s.rv - r.rv) < 2e-5 AND abs(s.rva - r.rva) < 2e-5),
          'causal.dml_plr (' || a.src || '): the sensitivity bounds equal DoubleML''s in all four scenarios')
  FROM agg_sens a, sref r, LATERAL causal.dml_sensitivity(a.e, r.cf_y, r.cf_d, r.rho, r.level, r.h0) s
 WHERE r.name = 'plr_po' GROUP BY a.src ORDER BY a.src;

-- through causal.estimate
SELECT ok((SELECT pg_temp.close(s.theta_lower, t.theta_lower, 1e-12)
             FROM (SELECT causal.estimate('dml', 'd', 'y', 'x1 --> d; x2 --> d; x1 --> y; x2 --> y; d --> y',
                                          method => 'dml') AS e) x,
                  LATERAL causal.dml_sensitivity(x.e) s,
                  LATERAL causal.dml_sensitivity(causal.dml('dml', 'y', 'd', '{x1,x2}')) t),
          'the effect of causal.estimate(method => dml) carries the sensitivity elements');

-- bad input
SELECT throws_like($$SELECT causal.dml_sensitivity(causal.dml('dml', 'yv', 'dv', '{x1,x2}', model => 'pliv', instruments => '{z1}'))$$,
                   '%has no sensitivity elements%', 'PLIV effect: no sensitivity elements (DoubleML has none either)');
SELECT throws_ok($$SELECT causal.dml_sensitivity(causal.aipw_effect('dml', 'yb', 'tr', '{x1,x2}', 'id'))$$, '22023', NULL,
                 'an effect of another estimator');
SELECT throws_ok($$SELECT causal.dml_sensitivity(ROW('dml_plr', 'theta', 1, 1, 0, 2, 0.1, 10, NULL, NULL, NULL, NULL)::causal.effect)$$,
                 '22023', NULL, 'NULL details');
SELECT throws_ok($$SELECT causal.dml_sensitivity(NULL::causal.effect)$$, '22004', NULL, 'NULL effect');
SELECT throws_ok($$SELECT causal.dml_sensitivity(e, cf_y => NULL) FROM runs WHERE name = 'plr_po'$$, '22004', NULL, 'NULL cf_y');
SELECT throws_like($$SELECT causal.dml_sensitivity(e, cf_y => 1) FROM runs WHERE name = 'plr_po'$$,
                   '%cf_y and cf_d must be in [0, 1)%', 'cf_y = 1');
SELECT throws_ok($$SELECT causal.dml_sensitivity(e, cf_d => -0.1) FROM runs WHERE name = 'plr_po'$$, '22023', NULL, 'negative cf_d');
SELECT throws_ok($$SELECT causal.dml_sensitivity(e, cf_d => 'NaN') FROM runs WHERE name = 'plr_po'$$, '22023', NULL, 'NaN cf_d');
SELECT throws_like($$SELECT causal.dml_sensitivity(e, rho => 1.5) FROM runs WHERE name = 'plr_po'$$,
                   '%rho must be in [-1, 1]%', 'rho out of range');
SELECT throws_ok($$SELECT causal.dml_sensitivity(e, level => 1) FROM runs WHERE name = 'plr_po'$$, '22023', NULL, 'level 1');
SELECT throws_ok($$SELECT causal.dml_sensitivity(e, null_hypothesis => 'Infinity') FROM runs WHERE name = 'plr_po'$$,
                 '22023', NULL, 'infinite null hypothesis');
CREATE FUNCTION pg_temp.with_sens(e causal.effect, s jsonb) RETURNS causal.effect
LANGUAGE sql RETURN ROW(e.method, e.estimand, e.estimate, e.std_error, e.ci_lower, e.ci_upper, e.p_value, e.n,
                        e.n_treated, e.n_control, e.details || jsonb_build_object('sensitivity', s), e.statistic)::causal.effect;
SELECT throws_like($$SELECT causal.dml_sensitivity(pg_temp.with_sens(e, (e).details -> 'sensitivity' || '{"theta": ["a"]}'))
                       FROM runs WHERE name = 'plr_po'$$, '%"theta" holds a value that is not a number%', 'a string in the elements');
SELECT throws_like($$SELECT causal.dml_sensitivity(pg_temp.with_sens(e, (e).details -> 'sensitivity' || '{"theta": [1, 2]}'))
                       FROM runs WHERE name = 'plr_po'$$, '%arrays differ in length%', 'arrays of different lengths');
SELECT throws_like($$SELECT causal.dml_sensitivity(pg_temp.with_sens(e, (e).details -> 'sensitivity' || '{"var_bias": [-1]}'))
                       FROM runs WHERE name = 'plr_po'$$, '%out of range%', 'a negative variance');
SELECT throws_like($$SELECT causal.dml_sensitivity(pg_temp.with_sens(e, (e).details -> 'sensitivity' || '{"max_bias": 3}'))
                       FROM runs WHERE name = 'plr_po'$$, '%"max_bias" is not an array%', 'a scalar for an array');
SELECT throws_like($$SELECT causal.dml_sensitivity(pg_temp.with_sens(e, '[1, 2]'))
                       FROM runs WHERE name = 'plr_po'$$, '%no sensitivity elements%', 'sensitivity not an object');
SELECT throws_ok($$SELECT causal.dml_sensitivity(pg_temp.with_sens(e, (e).details -> 'sensitivity' || '{"max_bias": [1e308]}'), 0.9, 0.9)
                     FROM runs WHERE name = 'plr_po'$$, '22003', NULL, 'bounds that overflow');

SELECT * FROM finish();
ROLLBACK;
