-- Omitted-variable-bias sensitivity from a moment sketch (causal.sensitivity_stats, causal.ovb_bounds)
-- on sensemakr's darfur example: peacefactor on directlyharmed, six covariates and village fixed
-- effects (partialled out by within-village demeaning, absorbed = villages - 1).  References:
-- sensemakr's own output (test/data/darfur_sensemakr_reference.csv) and R lm()
-- (darfur_lm_reference.csv), both from test/scripts/make_darfur_reference.R, and the numbers
-- published in Cinelli and Hazlett (2020) and sensemakr's tests.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(27);

CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false);

CREATE TEMP TABLE darfur (id int, village int, peacefactor float8, directlyharmed float8, age float8,
                          farmer_dar float8, herder_dar float8, pastvoted float8, hhsize_darfur float8,
                          female float8);
\copy darfur FROM 'test/data/darfur.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE smref (quantity text, kd int, value float8);
\copy smref FROM 'test/data/darfur_sensemakr_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE lmref (model text, term text, estimate float8, std_error float8, t_value float8, df_resid float8);
\copy lmref FROM 'test/data/darfur_lm_reference.csv' WITH (FORMAT csv, HEADER)

-- within-village demeaning: the sketch of the columns with the fixed effects partialled out
CREATE TEMP TABLE dm AS
SELECT id % 4 AS part,
       peacefactor - avg(peacefactor) OVER w AS y, directlyharmed - avg(directlyharmed) OVER w AS d,
       age - avg(age) OVER w AS age, farmer_dar - avg(farmer_dar) OVER w AS farmer,
       herder_dar - avg(herder_dar) OVER w AS herder, pastvoted - avg(pastvoted) OVER w AS voted,
       hhsize_darfur - avg(hhsize_darfur) OVER w AS hhsize, female - avg(female) OVER w AS female
  FROM darfur WINDOW w AS (PARTITION BY village);
CREATE TEMP TABLE sk AS SELECT causal.moments(y, d, age, farmer, herder, voted, hhsize, female) AS m FROM dm;
SELECT count(DISTINCT village) - 1 AS absorbed FROM darfur \gset

CREATE TEMP TABLE st AS
SELECT (causal.sensitivity_stats((SELECT m FROM sk), 1, 2, '{3,4,5,6,7,8}', absorbed => :absorbed)).*;
SELECT ok(pg_temp.close(st.estimate, r.estimate, 1e-9) AND pg_temp.close(st.std_error, r.std_error, 1e-9)
          AND st.dof = r.df_resid,
          'estimate, standard error and dof equal R lm() with village fixed effects')
  FROM st, lmref r WHERE r.model = 'outcome' AND r.term = 'directlyharmed';
SELECT ok(pg_temp.close(CASE r.quantity WHEN 'dof' THEN st.dof WHEN 'r2yd_x' THEN st.r2yd_x
                                        WHEN 'rv_q' THEN st.rv_q ELSE st.rv_qa END, r.value, 1e-9),
          r.quantity || ' equals sensemakr')
  FROM st, smref r WHERE r.kd IS NULL ORDER BY r.quantity;
SELECT ok(abs(r2yd_x - 0.02187) < 5e-6 AND abs(rv_q - 0.13878) < 5e-6 AND abs(rv_qa - 0.07626) < 5e-6,
          'the published values: partial R2 2.19 %, RV 13.9 %, RV(alpha = 0.05) 7.6 %')
  FROM st;

CREATE TEMP TABLE bd AS
SELECT * FROM causal.ovb_bounds((SELECT m FROM sk), 1, 2, '{3,4,5,6,7,8}', 8, '{1,2,3}', absorbed => :absorbed);
SELECT is((SELECT count(*) FROM bd b JOIN smref r ON r.kd = b.kd
            WHERE NOT pg_temp.close(CASE r.quantity WHEN 'r2dz_x' THEN b.r2dz_x WHEN 'r2yz_dx' THEN b.r2yz_dx
                                                   WHEN 'adjusted_estimate' THEN b.adjusted_estimate
                                                   WHEN 'adjusted_se' THEN b.adjusted_se
                                                   WHEN 'adjusted_t' THEN b.adjusted_t
                                                   WHEN 'adjusted_lower' THEN b.adjusted_lower
                                                   ELSE b.adjusted_upper END, r.value, 1e-9)),
          0::bigint, 'the bounds table for 1x, 2x, 3x female equals sensemakr''s (21 numbers, 1e-9)');
SELECT ok(abs(adjusted_estimate - 0.0752202712144491) < 1e-10 AND abs(adjusted_t - 3.43890386024675) < 1e-10
          AND abs(adjusted_lower - 0.032282966) < 5e-9, 'the published 1x female row')
  FROM bd WHERE kd = 1;
SELECT ok(abs(adjusted_estimate - 0.0303960234641548) < 1e-10 AND abs(adjusted_lower + 0.006253282) < 5e-9,
          'the published 3x female row: the interval includes zero')
  FROM bd WHERE kd = 3;

-- the sketch is mergeable: four partial sketches merged give the same analysis
SELECT ok(pg_temp.close((causal.sensitivity_stats(m, 1, 2, '{3,4,5,6,7,8}', absorbed => :absorbed)).rv_qa,
                        (SELECT rv_qa FROM st), 1e-10),
          'the same robustness value from four merged partial sketches')
  FROM (SELECT causal.merge(m) AS m
          FROM (SELECT causal.moments(y, d, age, farmer, herder, voted, hhsize, female) AS m FROM dm GROUP BY part) p) q;
-- a negative effect mirrors
SELECT ok(pg_temp.close(b.adjusted_estimate, -a.adjusted_estimate, 1e-10) AND pg_temp.close(b.adjusted_lower, -a.adjusted_upper, 1e-10),
          'with the treatment negated the bounds mirror (reduce moves towards zero)')
  FROM (SELECT * FROM causal.ovb_bounds((SELECT causal.moments(y, -d, age, farmer, herder, voted, hhsize, female) FROM dm),
                                        1, 2, '{3,4,5,6,7,8}', 8, '{2}', absorbed => :absorbed)) b,
       bd a WHERE a.kd = 2;
SELECT ok(b.adjusted_estimate > (SELECT estimate FROM st), 'reduce => false moves away from zero')
  FROM causal.ovb_bounds((SELECT m FROM sk), 1, 2, '{3,4,5,6,7,8}', 8, '{1}', reduce => false, absorbed => :absorbed) b;
SELECT ok(pg_temp.close(b.r2dz_x, a.r2dz_x, 1e-12) AND b.r2yz_dx < a.r2yz_dx,
          'ky smaller than kd: the same r2dz.x, a smaller r2yz.dx')
  FROM causal.ovb_bounds((SELECT m FROM sk), 1, 2, '{3,4,5,6,7,8}', 8, '{1}', '{0.5}', absorbed => :absorbed) b,
       bd a WHERE a.kd = 1;

-- bad input
SELECT throws_ok($$SELECT causal.ovb_bounds((SELECT m FROM sk), 1, 2, '{3,4}', 8)$$, '22023', NULL,
                 'a benchmark that is not a covariate');
SELECT throws_ok($$SELECT causal.ovb_bounds((SELECT m FROM sk), 1, 2, '{3,4,5,6,7,8}', 8, '{200}')$$, '22023', NULL,
                 'a confounder that would explain all of the treatment');
SELECT throws_ok($$SELECT causal.ovb_bounds((SELECT m FROM sk), 1, 2, '{3,4,5,6,7,8}', 8, '{1,2}', '{1}')$$, '2202E', NULL,
                 'kd and ky of different lengths');
SELECT throws_ok($$SELECT causal.sensitivity_stats((SELECT m FROM sk), 1, 2, '{3}', q => 0)$$, '22023', NULL, 'q = 0');
SELECT throws_ok($$SELECT causal.sensitivity_stats((SELECT m FROM sk), 1, 2, '{3}', alpha => 1)$$, '22023', NULL, 'alpha = 1');
SELECT throws_ok($$SELECT causal.sensitivity_stats(NULL, 1, 2, '{3}')$$, '22004', NULL, 'a NULL sketch');
SELECT throws_ok($$SELECT causal.sensitivity_stats((SELECT m FROM sk), 1, 2, '{3}', absorbed => -1)$$, '22023', NULL,
                 'negative absorbed');

-- E-values against R's EValue (test/data/evalue_reference.csv, test/scripts/make_evalue_reference.R)
CREATE TEMP TABLE evref (measure text, estimate float8, lower float8, upper float8, rare boolean, se float8,
                         true_value float8, rr float8, rr_lower float8, rr_upper float8, evalue float8,
                         evalue_lower float8, evalue_upper float8);
\copy evref FROM 'test/data/evalue_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE evours AS
SELECT r.*, o.rr AS o_rr, o.rr_lower AS o_rr_lower, o.rr_upper AS o_rr_upper, o.evalue AS o_evalue,
       o.evalue_lower AS o_evalue_lower, o.evalue_upper AS o_evalue_upper
  FROM evref r, causal.evalue(r.estimate, r.lower, r.upper, r.measure, r.rare, r.se, r.true_value) o;
CREATE FUNCTION pg_temp.same(a float8, b float8) RETURNS boolean LANGUAGE sql IMMUTABLE
    RETURN (a IS NULL AND b IS NULL) OR pg_temp.close(a, b, 1e-12);
SELECT is((SELECT count(*) FROM evours
            WHERE NOT (pg_temp.same(o_rr, rr) AND pg_temp.same(o_rr_lower, rr_lower) AND pg_temp.same(o_rr_upper, rr_upper)
                       AND pg_temp.same(o_evalue, evalue) AND pg_temp.same(o_evalue_lower, evalue_lower)
                       AND pg_temp.same(o_evalue_upper, evalue_upper))),
          0::bigint, format('E-values of %s cases (RR, OR and HR rare and common, SMD, non-null true values) equal EValue',
                            (SELECT count(*) FROM evref)));
SELECT ok(round((e).evalue::numeric, 2) = 7.26 AND (e).evalue_lower = 3,
          'VanderWeele and Ding''s published example: RR 3.9 (1.8, 8.7) has E-values 7.26 and 3.00')
  FROM (SELECT causal.evalue(3.9, 1.8, 8.7) AS e) q;
SELECT throws_ok($$SELECT causal.evalue(2.5, measure => 'OR')$$, '22004', NULL, 'an OR without rare');
SELECT throws_ok($$SELECT causal.evalue(-1)$$, '22023', NULL, 'a negative ratio');
SELECT throws_ok($$SELECT causal.evalue(2, 2.5, 3)$$, '22023', NULL, 'an interval that misses the estimate');
SELECT throws_ok($$SELECT causal.evalue(0.5, measure => 'SMD')$$, '22023', NULL, 'an SMD without se');
SELECT throws_ok($$SELECT causal.evalue(2, measure => 'RD')$$, '22023', NULL, 'an unknown measure');

SELECT * FROM finish();
ROLLBACK;
