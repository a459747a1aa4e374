-- Inverse probability weighting and AIPW against R (test/data/lalonde_ipw_reference.csv, lalonde_aipw_reference.csv from
-- test/scripts/make_lalonde_reference.R: glm propensity scores, lm(weights = w) and
-- sandwich::vcovHC(type = "HC0")): estimates and standard errors to 1e-8 relative.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(73);

CREATE TEMP TABLE lalonde (id text, treat int, age int, educ int, race text, married int,
                           nodegree int, re74 float8, re75 float8, re78 float8);
\copy lalonde FROM 'test/data/lalonde.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE lalonde ADD COLUMN black int, ADD COLUMN hispan int;
UPDATE lalonde SET black = (race = 'black')::int, hispan = (race = 'hispan')::int;
CREATE TEMP TABLE iref (estimand text, estimate float8, std_error float8);
\copy iref FROM 'test/data/lalonde_ipw_reference.csv' WITH (FORMAT csv, HEADER)
CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false);
CREATE TEMP TABLE eff AS
SELECT r.estimand AS ref_estimand, r.estimate AS ref_estimate, r.std_error AS ref_se,
       causal.weighting_effect('pg_temp.lalonde', 're78', 'treat',
                               '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id',
                               estimand => r.estimand) AS e
  FROM iref r;

SELECT ok(pg_temp.close((e).estimate, ref_estimate, 1e-8) AND pg_temp.close((e).std_error, ref_se, 1e-8),
          ref_estimand || ': IPW estimate and HC0 standard error match R to 1e-8')
  FROM eff ORDER BY ref_estimand;
SELECT is((SELECT ((e).n, (e).n_treated, (e).n_control)::text FROM eff WHERE ref_estimand = 'ATT'),
          '(614,185,429)', 'counts');
SELECT ok(pg_temp.close(
            (causal.weighting_effect('pg_temp.lalonde', 're78', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}',
                                     'id', estimand => 'ATE', stabilize => true)).estimate,
            (SELECT ref_estimate FROM eff WHERE ref_estimand = 'ATE'), 1e-10),
          'stabilized weights give the same (normalised) estimate');
-- the composable aggregate over weights joined back to the table
CREATE TEMP TABLE att_w AS
  SELECT * FROM causal.weights('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id',
                               estimand => 'ATT');
SELECT ok(pg_temp.close((e).estimate, r.estimate, 1e-8) AND pg_temp.close((e).std_error, r.std_error, 1e-8),
          'causal.weighted_effect over joined weights matches R''s ATT and HC0 SE to 1e-8')
  FROM (SELECT causal.weighted_effect(l.re78, l.treat = 1, w.weight) AS e
          FROM lalonde l JOIN att_w w USING (id)) s, iref r WHERE r.estimand = 'ATT';
SELECT is((SELECT count(*) FROM (SELECT married, causal.weighted_effect(l.re78, l.treat = 1, w.weight)
                                   FROM lalonde l JOIN att_w w USING (id) GROUP BY married) g), 2::bigint,
          'one effect per segment with GROUP BY');
SELECT throws_ok($$SELECT causal.weighted_effect(y, t, w) FROM (VALUES (1.0::float8, true, -1.0::float8)) v(y, t, w)$$,
                 '22023', NULL, 'negative weight');
SELECT throws_ok($$SELECT causal.weighted_effect(y, t, w) FROM (VALUES (1.0::float8, true, 1.0::float8)) v(y, t, w)$$,
                 '22000', NULL, 'only one arm');
-- AIPW against R (lm outcome models per arm, glm scores, influence function)
CREATE TEMP TABLE aref (estimand text, estimate float8, std_error float8);
\copy aref FROM 'test/data/lalonde_aipw_reference.csv' WITH (FORMAT csv, HEADER)
SELECT ok(pg_temp.close((e).estimate, r.estimate, 1e-8) AND pg_temp.close((e).std_error, r.std_error, 1e-8),
          'AIPW ' || r.estimand || ' and influence-function SE match R to 1e-8')
  FROM aref r, LATERAL (SELECT causal.aipw_effect('pg_temp.lalonde', 're78', 'treat',
                                  '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id', estimand => r.estimand) AS e) s
 ORDER BY r.estimand;
-- the overlap report (details.overlap) against R's glm scores (test/data/lalonde_propensity_scores.csv):
-- the range of the fitted scores and how many lie outside [0.01, 0.99]
CREATE TEMP TABLE pscore (id text, score float8);
\copy pscore FROM 'test/data/lalonde_propensity_scores.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE ov AS
SELECT 'aipw' AS fn, (causal.aipw_effect('pg_temp.lalonde', 're78', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}',
                                         'id')).details -> 'overlap' AS o
UNION ALL
SELECT 'ipw', (causal.weighting_effect('pg_temp.lalonde', 're78', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}',
                                       'id')).details -> 'overlap';
SELECT ok(pg_temp.close((o->>'min_propensity')::float8, (SELECT min(score) FROM pscore), 1e-8)
          AND pg_temp.close((o->>'max_propensity')::float8, (SELECT max(score) FROM pscore), 1e-8)
          AND (o->>'n_extreme')::int = (SELECT count(*) FROM pscore WHERE score < 0.01 OR score > 0.99)
          AND (o->>'n')::int = 614 AND (o->>'n_clipped')::int = 0 AND NOT (o->>'poor')::boolean,
          fn || ': details.overlap has the range of R''s glm scores and the count outside [0.01, 0.99] (one: good overlap)')
  FROM ov ORDER BY fn;
SELECT is((SELECT ((causal.weighting_effect('pg_temp.lalonde', 're78', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}',
                                            'id', ps_clip => 0.05)).details -> 'overlap' ->> 'n_clipped')::int),
          (SELECT count(*)::int FROM pscore WHERE score < 0.05 OR score > 0.95),
          'IPW with ps_clip 0.05: n_clipped counts R''s scores outside [0.05, 0.95]');
-- poor overlap: a treatment nearly determined by a covariate warns and says so in details
CREATE TEMP TABLE poor_overlap AS
SELECT i AS id, x, (causal.refute_uniform(i, 3) < 1 / (1 + exp(-6 * x)))::int AS t, x + causal.refute_normal(i, 4) AS y
  FROM (SELECT i, causal.refute_normal(i, 2) AS x FROM generate_series(1, 800) i) s;
SELECT ok(((causal.aipw_effect('pg_temp.poor_overlap', 'y', 't', '{x}', 'id')).details -> 'overlap' ->> 'poor')::boolean
          AND ((causal.weighting_effect('pg_temp.poor_overlap', 'y', 't', '{x}', 'id')).details -> 'overlap' ->> 'poor')::boolean,
          'a treatment nearly determined by x: AIPW and IPW report poor overlap');
SELECT throws_ok($$SELECT causal.aipw_effect('pg_temp.lalonde', 're78', 'treat', '{age}', 'id', estimand => 'ATC')$$,
                 '22023', NULL, 'AIPW: an estimand it does not have');
SELECT throws_ok($$SELECT causal.weighting_effect('pg_temp.lalonde', 're78', 'race', '{age}', 'id')$$, '22023', NULL,
                 'non-binary treatment');
SELECT throws_ok($$SELECT * FROM causal.weights('pg_temp.lalonde', 'treat', '{age}', 'id', method => 'magic')$$,
                 '22023', NULL, 'an unknown method');
SELECT throws_ok($$SELECT * FROM causal.weights('pg_temp.lalonde', 'treat', '{age}', 'id', estimand => 'ATX')$$,
                 '22023', NULL, 'an unknown estimand');

-- entropy balancing against an independent solver (test/scripts/make_ebal_reference.py: scipy trust-exact on
-- Hainmueller's dual, statsmodels WLS HC0)
CREATE TEMP TABLE ewref (estimand text, moments int, id text, weight float8);
\copy ewref FROM 'test/data/ebal_weights_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE eeref (estimand text, moments int, estimate float8, std_error float8);
\copy eeref FROM 'test/data/ebal_effect_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE ebw AS
SELECT c.estimand, c.moments, w.id, w.weight
  FROM (SELECT DISTINCT estimand, moments FROM eeref) c,
       LATERAL causal.weights('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id',
                              method => 'ebal', estimand => c.estimand, moments => c.moments) w;
SELECT ok(bool_and(pg_temp.close(w.weight, r.weight, 1e-6)) AND count(*) = 614,
          'ebal ' || r.estimand || ', moments ' || r.moments || ': weights match the independent solver to 1e-6')
  FROM ebw w JOIN ewref r USING (estimand, moments, id) GROUP BY r.estimand, r.moments ORDER BY r.estimand, r.moments;
-- the balance itself: weighted means of the reweighted group equal the target, to 1e-8 of a standard deviation
SELECT ok(max(abs(m.wmean - m.target) / m.sd) < 1e-8,
          'ebal ' || m.estimand || ', moments ' || m.moments || ': weighted moments hit the target to 1e-8 sd (worst '
          || to_char(max(abs(m.wmean - m.target) / m.sd), '9.9EEEE') || ')')
  FROM (SELECT w.estimand, w.moments, v.name, g.arm,
               sum(w.weight * v.x) FILTER (WHERE l.treat = g.arm) / sum(w.weight) FILTER (WHERE l.treat = g.arm) AS wmean,
               CASE w.estimand WHEN 'ATT' THEN avg(v.x) FILTER (WHERE l.treat = 1)
                               WHEN 'ATC' THEN avg(v.x) FILTER (WHERE l.treat = 0) ELSE avg(v.x) END AS target,
               stddev_pop(v.x) AS sd
          FROM ebw w JOIN lalonde l USING (id)
          CROSS JOIN LATERAL (VALUES ('age', l.age::float8), ('educ', l.educ), ('black', l.black), ('hispan', l.hispan),
                                     ('married', l.married), ('nodegree', l.nodegree), ('re74', l.re74), ('re75', l.re75),
                                     ('age2', CASE WHEN w.moments = 2 THEN l.age::float8 ^ 2 END),
                                     ('re74_2', CASE WHEN w.moments = 2 THEN l.re74 ^ 2 END)) v(name, x)
          CROSS JOIN LATERAL (SELECT a FROM unnest(CASE w.estimand WHEN 'ATT' THEN '{0}'::int[] WHEN 'ATC' THEN '{1}'::int[]
                                                                   ELSE '{0,1}'::int[] END) a) g(arm)
         WHERE v.x IS NOT NULL
         GROUP BY 1, 2, 3, 4) m
 GROUP BY m.estimand, m.moments ORDER BY m.estimand, m.moments;
SELECT ok(pg_temp.close((e).estimate, r.estimate, 1e-6) AND pg_temp.close((e).std_error, r.std_error, 1e-6),
          'ebal ' || r.estimand || ', moments ' || r.moments || ': effect and HC0 SE match statsmodels to 1e-6')
  FROM eeref r, LATERAL (SELECT causal.weighting_effect('pg_temp.lalonde', 're78', 'treat',
                              '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id', method => 'ebal',
                              estimand => r.estimand, moments => r.moments) AS e) s
 ORDER BY r.estimand, r.moments;
-- trimming (WeightIt's trim(at = q): weights above the group's q-quantile set to it) and clipped scores
SELECT ok(bool_and(pg_temp.close(t.weight, least(u.weight, q.cap), 1e-12)),
          'trim_at caps each group''s weights at its quantile')
  FROM causal.weights('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id',
                      trim_at => 0.9) t
  JOIN causal.weights('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id') u USING (id)
  JOIN lalonde l USING (id)
  JOIN (SELECT l2.treat, percentile_cont(0.9) WITHIN GROUP (ORDER BY u2.weight) AS cap
          FROM causal.weights('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id') u2
          JOIN lalonde l2 USING (id) GROUP BY 1) q ON q.treat = l.treat;
SELECT ok(bool_and(pg_temp.close(t.weight, CASE WHEN l.treat = 1 THEN 1 / greatest(least(p.score, 0.9), 0.1)
                                              ELSE 1 / (1 - greatest(least(p.score, 0.9), 0.1)) END, 1e-12)),
          'ps_clip clips the propensity scores before weighting')
  FROM causal.weights('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id',
                      ps_clip => 0.1) t
  JOIN causal.propensity('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id') p USING (id)
  JOIN lalonde l USING (id);
SELECT ok(bool_and(pg_temp.close(t.weight, least(u.weight, q.cap), 1e-12)), 'trim_at works on entropy-balancing weights too')
  FROM causal.weights('pg_temp.lalonde', 'treat', '{age,educ,re74}', 'id', method => 'ebal', estimand => 'ATT', trim_at => 0.95) t
  JOIN causal.weights('pg_temp.lalonde', 'treat', '{age,educ,re74}', 'id', method => 'ebal', estimand => 'ATT') u USING (id)
  JOIN lalonde l USING (id)
  JOIN (SELECT l2.treat, percentile_cont(0.95) WITHIN GROUP (ORDER BY u2.weight) AS cap
          FROM causal.weights('pg_temp.lalonde', 'treat', '{age,educ,re74}', 'id', method => 'ebal', estimand => 'ATT') u2
          JOIN lalonde l2 USING (id) GROUP BY 1) q ON q.treat = l.treat;
SELECT throws_ok($$SELECT * FROM causal.weights('pg_temp.lalonde', 'treat', '{age}', 'id', trim_at => 0.3)$$,
                 '22023', NULL, 'trim_at must be an upper quantile');
-- bad input for entropy balancing
CREATE TEMP TABLE sep AS SELECT id, treat, age + 100 * treat AS shifted_age, 5 AS five, re78 FROM lalonde;
SELECT throws_like($$SELECT * FROM causal.weights('pg_temp.sep', 'treat', '{shifted_age}', 'id', method => 'ebal', estimand => 'ATT')$$,
                   '%no weights of the controls that match%', 'ebal with no overlap: an error naming the group');
SELECT throws_like($$SELECT * FROM causal.weights('pg_temp.sep', 'treat', '{shifted_age,five}', 'id', method => 'ebal')$$,
                   '%covariate "five" is constant%', 'ebal: a constant covariate');
SELECT throws_like($$SELECT * FROM causal.weights('pg_temp.lalonde', 'race', '{age}', 'id', method => 'ebal')$$,
                   '%treatment column "race" is not binary: it has type text%', 'ebal: a text treatment column is named in the error');
SELECT throws_like($$SELECT * FROM causal.weights('pg_temp.lalonde', 'age', '{educ}', 'id', method => 'ebal')$$,
                   '%not binary%', 'ebal: non-binary treatment');
CREATE TEMP TABLE lal_null AS SELECT * FROM lalonde;
UPDATE lal_null SET educ = NULL WHERE id IN ('NSW1', 'NSW2');
SELECT is((SELECT count(*) FROM causal.weights('pg_temp.lal_null', 'treat', '{age,educ}', 'id', method => 'ebal', estimand => 'ATT')),
          612::bigint, 'ebal: rows with NULLs are skipped');
-- weights that explode: a warning with the effective sample size, flagged in details
CREATE TEMP TABLE poor AS
SELECT g::text AS id, g / 100.0 AS x, (g > 300 OR g % 97 = 0)::int AS treat, (g % 7)::float8 AS y
  FROM generate_series(1, 400) g;
SET LOCAL client_min_messages = error;
SELECT ok((e).details ->> 'extreme_weights' = 'true' AND ((e).details ->> 'ess_treated')::float8 < 0.1 * (e).n_treated,
          'poor overlap: extreme weights flagged with the effective sample size')
  FROM (SELECT causal.weighting_effect('pg_temp.poor', 'y', 'treat', '{x}', 'id') AS e) s;
SELECT ok((e).details ->> 'extreme_weights' = 'false', 'good overlap: no flag')
  FROM (SELECT causal.weighting_effect('pg_temp.lalonde', 're78', 'treat', '{age,educ}', 'id', estimand => 'ATT') AS e) s;
RESET client_min_messages;

-- IPM balancing against test/scripts/make_ipm_reference.py (the same random features, scipy's trust-region
-- Newton; the energy QP by SLSQP and an exact KKT solve)
CREATE TEMP TABLE iwref (method text, id text, weight float8);
\copy iwref FROM 'test/data/ipm_weights_reference.csv' WITH (FORMAT csv, HEADER)
SELECT ok(max(abs(w.weight - r.weight) / r.weight) < 1e-5 AND count(*) = 614,
          'ipm_mmd ATT (64 features, gamma 10, lambda 1e-3): weights match the independent solver to 1e-5')
  FROM causal.weights('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id', 'ipm_mmd', 'ATT',
                      options => '{"features": 64, "gamma": 10, "lambda": 1e-3, "seed": 42}') w
  JOIN iwref r USING (id) WHERE r.method = 'ipm_mmd';
SELECT ok(max(abs(w.weight - r.weight)) < 1e-7 AND count(*) = 614,
          'ipm_energy ATT: weights match the independent QP solution to 1e-7')
  FROM causal.weights('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id', 'ipm_energy', 'ATT') w
  JOIN iwref r USING (id) WHERE r.method = 'ipm_energy';
SELECT ok(max(abs(w.weight - r.weight) / r.weight) < 1e-5 AND count(*) = 614,
          'ipm_sigmoid ATT (8 discriminators, 2 rounds of 5 steps): weights match the numpy reimplementation to 1e-5')
  FROM causal.weights('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id', 'ipm_sigmoid', 'ATT',
                      options => '{"discriminators": 8, "rounds": 2, "steps": 5, "radius": 5, "lambda": 1e-3, "seed": 42}') w
  JOIN iwref r USING (id) WHERE r.method = 'ipm_sigmoid';
-- the sliced energy on a grid: the L-BFGS dual stops where the objective is flat to 1e-14 (nested step
-- features make it ill-conditioned), so the weights agree to 1e-4
SELECT ok(max(abs(w.weight - r.weight) / r.weight) < 1e-4 AND count(*) = 614,
          'ipm_energy sliced on a grid (8 slices, 32 bins, KL 1e-4): weights match the trust-region solution to 1e-4')
  FROM causal.weights('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id', 'ipm_energy', 'ATT',
                      options => '{"slices": 8, "bins": 32, "lambda": 1e-4}') w
  JOIN iwref r USING (id) WHERE r.method = 'ipm_energy_binned';
SELECT ok((d -> 'control' ->> 'energy_after')::float8 <= 0.1 * (d -> 'control' ->> 'energy_before')::float8
          AND (d ->> 'bins')::int = 64,
          'sliced energy on a grid, ATT: the binned distance falls by at least 90%')
  FROM (SELECT info AS d FROM causal.weights_info('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}',
                                                 'id', 'ipm_energy', 'ATT', false, 0, 1, NULL, NULL, '{"slices": 16, "bins": 64}')
         WHERE info IS NOT NULL) q;
SELECT throws_like($$SELECT * FROM causal.weights('pg_temp.lalonde', 'treat', '{age}', 'id', 'ipm_energy', options => '{"bins": 16}')$$,
                   '%needs "slices"%', 'IPM energy: bins without slices');
SET LOCAL causal.max_memory = '1MB';
SELECT throws_like($$SELECT * FROM causal.weights('pg_temp.lalonde', 'treat', '{age,educ}', 'id', 'ipm_energy',
                                                  options => '{"slices": 2000, "bins": 64}')$$,
                   '%more memory than causal.max_memory%', 'IPM energy on a grid: memory beyond causal.max_memory is refused');
RESET causal.max_memory;
-- a cancelled sigmoid run (statement_timeout) stops cleanly with SQLSTATE 57014
CREATE FUNCTION pg_temp.cancelled(q text) RETURNS boolean LANGUAGE plpgsql AS $f$
BEGIN
    EXECUTE q;
    RETURN false;
EXCEPTION WHEN query_canceled THEN
    RETURN true;
END $f$;
CREATE TEMP TABLE lal_big AS SELECT l.id || '_' || g AS id, l.treat, l.age, l.educ, l.re74 FROM lalonde l, generate_series(1, 40) g;
SET LOCAL statement_timeout = '300ms';
SELECT ok(pg_temp.cancelled($$SELECT count(*) FROM causal.weights('pg_temp.lal_big', 'treat', '{age,educ,re74}', 'id', 'ipm_sigmoid', 'ATT',
                                                                  options => '{"discriminators": 64, "rounds": 50}')$$),
          'ipm_sigmoid is cancellable');
RESET statement_timeout;
SELECT is((SELECT count(*) FROM causal.weights('pg_temp.lalonde', 'treat', '{age,educ,re74}', 'id', 'ipm_sigmoid', 'ATT') a
             JOIN causal.weights('pg_temp.lalonde', 'treat', '{age,educ,re74}', 'id', 'ipm_sigmoid', 'ATT') b USING (id)
            WHERE a.weight = b.weight), 614::bigint, 'ipm_sigmoid is deterministic: two runs give the same weights');
SELECT ok((d -> 'control' ->> 'sigmoid_ipm_after')::float8 <= 0.25 * (d -> 'control' ->> 'sigmoid_ipm_before')::float8
          AND (d -> 'control' ->> 'converged')::boolean AND (d ->> 'discriminators')::int = 32,
          'ipm_sigmoid ATT with defaults: the largest discriminator gap falls by at least 75%')
  FROM (SELECT info AS d FROM causal.weights_info('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}',
                                                          'id', 'ipm_sigmoid', 'ATT', false, 0, 1, NULL, NULL, NULL)
         WHERE info IS NOT NULL) q;
SELECT throws_like($$SELECT * FROM causal.weights('pg_temp.lalonde', 'treat', '{age}', 'id', 'ipm_sigmoid', options => '{"lambda": 0}')$$,
                   '%positive lambda%', 'IPM sigmoid: the penalty must be positive');
SELECT throws_like($$SELECT * FROM causal.weights('pg_temp.lalonde', 'treat', '{age}', 'id', 'ipm_sigmoid', options => '{"features": 8}')$$,
                   '%has no option "features"%', 'IPM sigmoid: options of another method are refused');
SET LOCAL client_min_messages = error;
CREATE TEMP TABLE ipm_eff AS
SELECT m AS method, e FROM unnest(ARRAY['ipm_mmd', 'ipm_energy']) m,
       LATERAL (SELECT causal.weighting_effect('pg_temp.lalonde', 're78', 'treat',
                  '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id', m, 'ATE') AS e) s;
SELECT ok(((e).details -> 'fit' -> 'treated' ->> (k || '_after'))::float8 <= 0.1 * ((e).details -> 'fit' -> 'treated' ->> (k || '_before'))::float8
          AND ((e).details -> 'fit' -> 'control' ->> (k || '_after'))::float8 <= 0.1 * ((e).details -> 'fit' -> 'control' ->> (k || '_before'))::float8
          AND ((e).details -> 'fit' -> 'control' ->> 'converged')::boolean,
          method || ' ATE: both groups reweighted, the metric falls by at least 90%')
  FROM (SELECT *, CASE method WHEN 'ipm_mmd' THEN 'mmd2' ELSE 'energy' END AS k FROM ipm_eff) q ORDER BY method;
RESET client_min_messages;
-- augmented ATT: Y - m0(X) with m0 an OLS fit on the controls (coefficients here from causal.learner_fit)
CREATE TEMP TABLE lal_ctrl AS SELECT * FROM lalonde WHERE treat = 0;
SELECT ok(pg_temp.close((causal.weighting_effect('pg_temp.lalonde', 're78', 'treat', '{age,educ,re74}', 'id', 'ebal', 'ATT',
                                                 augmented => true)).estimate,
                        (SELECT avg(l.re78 - m0.fit) FILTER (WHERE l.treat = 1)
                                - sum(w.weight * (l.re78 - m0.fit)) FILTER (WHERE l.treat = 0) / sum(w.weight) FILTER (WHERE l.treat = 0)
                           FROM lalonde l
                           JOIN causal.weights('pg_temp.lalonde', 'treat', '{age,educ,re74}', 'id', 'ebal', 'ATT') w USING (id)
                           CROSS JOIN LATERAL (SELECT sum(c.estimate * CASE c.term WHEN 'intercept' THEN 1 WHEN 'age' THEN l.age
                                                                     WHEN 'educ' THEN l.educ ELSE l.re74 END) AS fit
                                                 FROM causal.learner_fit('pg_temp.lal_ctrl', 're78', '{age,educ,re74}') c) m0),
                        1e-9),
          'augmented ATT equals the weighted difference of Y - m0(X), m0 fitted on the controls');
SELECT throws_ok($$SELECT causal.weighting_effect('pg_temp.lalonde', 're78', 'treat', '{age}', 'id', 'ebal', 'ATE', augmented => true)$$,
                 '0A000', NULL, 'augmented weighting is for the ATT and ATC');
SELECT throws_like($$SELECT * FROM causal.weights('pg_temp.lalonde', 'treat', '{age}', 'id', 'ipm_mmd', options => '{"gama": 1}')$$,
                   '%has no option "gama"%', 'IPM: an unknown option');
SELECT throws_like($$SELECT * FROM causal.weights('pg_temp.lalonde', 'treat', '{age}', 'id', 'ipm_mmd', options => '{"lambda": 0}')$$,
                   '%positive lambda%', 'IPM MMD: the penalty must be positive');
SET LOCAL causal.max_memory = '1MB';
SELECT throws_like($$SELECT * FROM causal.weights('pg_temp.lalonde', 'treat', '{age}', 'id', 'ipm_energy', 'ATE')$$,
                   '%more than causal.max_memory%', 'IPM energy: the distance matrix is held to causal.max_memory');
RESET causal.max_memory;

-- balance tables against MatchIt's summary() (test/data/lalonde_balance_reference.csv), unweighted and with the
-- reference entropy-balancing weights as a weight column
CREATE TEMP TABLE bref (weighting text, covariate text, mean_treated float8, mean_control float8, std_mean_diff float8,
                        var_ratio float8, ecdf_mean float8, ecdf_max float8);
\copy bref FROM 'test/data/lalonde_balance_reference.csv' WITH (FORMAT csv, HEADER, NULL 'NA')
UPDATE bref SET var_ratio = NULL WHERE var_ratio::text = 'NaN';
CREATE TEMP VIEW lal_w AS
SELECT l.*, r.weight FROM lalonde l JOIN ewref r USING (id) WHERE r.estimand = 'ATT' AND r.moments = 1;
CREATE FUNCTION pg_temp.near(a float8, b float8) RETURNS boolean LANGUAGE sql IMMUTABLE
RETURN (a IS NULL AND b IS NULL) OR coalesce(abs(a - b) <= 1e-9 * abs(b) + 1e-13, false);
-- (MatchIt given s.weights reports raw mean differences as its "Std. Mean Diff." here, so the weighted
-- SMD is checked as the weighted mean difference over the unweighted denominator MatchIt uses unweighted)
UPDATE bref e SET std_mean_diff = (e.mean_treated - e.mean_control) / ((n.mean_treated - n.mean_control) / n.std_mean_diff)
  FROM bref n WHERE e.weighting = 'ebal' AND n.weighting = 'none' AND n.covariate = e.covariate;
SELECT ok(bool_and(pg_temp.near(b.mean_treated, r.mean_treated) AND pg_temp.near(b.mean_control, r.mean_control)
                   AND pg_temp.near(b.std_mean_diff, r.std_mean_diff) AND pg_temp.near(b.var_ratio, r.var_ratio)
                   AND pg_temp.near(b.ecdf_mean, r.ecdf_mean) AND pg_temp.near(b.ecdf_max, r.ecdf_max)) AND count(*) = 8,
          'balance table (' || r.weighting || ') matches MatchIt''s summary to 1e-9')
  FROM bref r
  JOIN LATERAL (SELECT * FROM causal.balance(CASE r.weighting WHEN 'none' THEN 'pg_temp.lalonde' ELSE 'pg_temp.lal_w' END::regclass,
                                             'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}',
                                             CASE r.weighting WHEN 'none' THEN NULL ELSE 'weight' END)) b
    ON b.covariate = r.covariate
 GROUP BY r.weighting ORDER BY r.weighting;
SELECT throws_like($$SELECT * FROM causal.balance('pg_temp.lalonde', 'treat', '{age}', 'race')$$, '%not numeric%',
                   'balance: a non-numeric weight column');
SELECT throws_like($$SELECT * FROM causal.balance('pg_temp.lalonde', 'age', '{educ}')$$, '%not binary%',
                   'balance: non-binary treatment');

-- cluster-robust standard errors (by educ) against R's lm + sandwich::vcovCL (test/data/lalonde_cluster_reference.csv,
-- test/scripts/make_cluster_reference.R)
CREATE TEMP TABLE clref (estimand text, estimate float8, std_error float8);
\copy clref FROM 'test/data/lalonde_cluster_reference.csv' WITH (FORMAT csv, HEADER)
SELECT ok(pg_temp.close(e.estimate, r.estimate, 1e-8) AND pg_temp.close(e.std_error, r.std_error, 1e-8),
          r.estimand || ': IPW with a cluster-robust SE (cluster => educ) matches R''s vcovCL to 1e-8')
  FROM clref r, LATERAL causal.weighting_effect('pg_temp.lalonde', 're78', 'treat',
                                                '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id',
                                                estimand => r.estimand, cluster => 'educ') e
 ORDER BY r.estimand;
SELECT throws_ok($$SELECT causal.weighting_effect('pg_temp.lalonde', 're78', 'treat', '{age,educ}', 'id', cluster => 'educ',
                                                  n_boot => 10)$$, '22023', NULL, 'cluster and bootstrap do not combine');

-- bootstrap: rows resampled by seeded hash draws, weights re-estimated on each resample
SET LOCAL client_min_messages = error;
CREATE TEMP TABLE boot_e AS
SELECT causal.weighting_effect('pg_temp.lalonde', 're78', 'treat', '{age,educ,re74}', 'id', 'ebal', 'ATT',
                               n_boot => 30, seed => 7) AS e;
CREATE TEMP TABLE bs1 AS
WITH src AS (SELECT row_number() OVER (ORDER BY t.id::text) AS rn, t.re78, t.treat, t.age, t.educ, t.re74 FROM lalonde t),
     draw AS (SELECT j, 1 + (hashint8extended(j, 7 * 100003 + 1) & 9223372036854775807) % 614 AS rn
                FROM generate_series(1, 614) j)
SELECT draw.j::text AS id, src.re78, src.treat, src.age, src.educ, src.re74 FROM draw JOIN src USING (rn);
SELECT ok(pg_temp.close(((e).details -> 'bootstrap' -> 'estimates' ->> 0)::float8,
                        (causal.weighting_effect('pg_temp.bs1', 're78', 'treat', '{age,educ,re74}', 'id', 'ebal', 'ATT')).estimate, 1e-12),
          'bootstrap replicate 1 is the estimator on the first resample')
  FROM boot_e;
SELECT ok(pg_temp.close((e).std_error, (SELECT stddev_samp(v::float8) FROM jsonb_array_elements_text((e).details -> 'bootstrap' -> 'estimates') v), 1e-12)
          AND pg_temp.close((e).ci_upper, (SELECT percentile_cont(0.975) WITHIN GROUP (ORDER BY v::float8)
                                             FROM jsonb_array_elements_text((e).details -> 'bootstrap' -> 'estimates') v), 1e-12)
          AND (e).std_error BETWEEN 0.5 * ((e).details -> 'bootstrap' ->> 'sandwich_std_error')::float8
                                AND 2 * ((e).details -> 'bootstrap' ->> 'sandwich_std_error')::float8,
          'bootstrap SE is the replicates'' sd, the interval their percentiles, of the sandwich''s order')
  FROM boot_e;
SELECT is((SELECT (causal.weighting_effect('pg_temp.lalonde', 're78', 'treat', '{age,educ,re74}', 'id', 'ebal', 'ATT',
                                           n_boot => 30, seed => 7)).std_error), (SELECT (e).std_error FROM boot_e),
          'the same seed gives the same bootstrap');
RESET client_min_messages;

SELECT ok((SELECT (causal.weighting_effect('pg_temp.lalonde', 're78', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}',
                                            'id', method => 'aipw', estimand => 'ATT')).estimate)
          = (SELECT (causal.aipw_effect('pg_temp.lalonde', 're78', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}',
                                        'id', estimand => 'ATT')).estimate),
          'weighting_effect(method => ''aipw'') is the AIPW estimator');

-- sliced energy (16 random directions): the sorted-sweep FISTA, with and without the exact finish
SELECT ok(max(abs(w.weight - r.weight)) < 1e-7 AND count(*) = 614,
          'ipm_energy, 16 slices: weights match the independent QP on averaged 1-D distances to 1e-7')
  FROM causal.weights('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id', 'ipm_energy', 'ATT',
                      options => '{"slices": 16, "seed": 42}') w
  JOIN iwref r USING (id) WHERE r.method = 'ipm_energy_sliced';
-- the same by first-order steps alone (minutes): test/slow/98_energy_first_order.sql, make check-slow
RESET client_min_messages;

SELECT * FROM finish();
ROLLBACK;
