-- causal.refute: DoWhy's refuters on a simulated table with a known effect (causal.simulate_sem,
-- effect 2, x1 and x2 confounders).  Properties: the placebo and dummy-outcome refuters are
-- centred on zero, a random common cause leaves the estimate inside its interval, subsets and
-- bootstrap samples stay near it (the bootstrap spread near the standard error), the results
-- are seeded, and the table is read once.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(106);

CREATE TABLE causal_test_refute AS
SELECT id, x[1] AS x1, x[2] AS x2, treatment AS t, outcome AS y FROM causal.simulate_sem(1500, 2, seed => 11);
CREATE TEMP TABLE g AS SELECT 'x1 --> x2; x1 --> t; x2 --> t; x1 --> y; x2 --> y; t --> y'::causal.graph AS g;
SELECT pg_stat_get_xact_numscans('causal_test_refute'::regclass) AS scans_before \gset
CREATE TEMP TABLE rf AS SELECT * FROM causal.refute('causal_test_refute', 't', 'y', (SELECT g FROM g), n_simulations => 30);
SELECT is(pg_stat_get_xact_numscans('causal_test_refute'::regclass) - :scans_before, 1::bigint,
          'five refuters of 30 simulations read the table once');
CREATE TEMP TABLE orig AS SELECT (causal.estimate('causal_test_refute', 't', 'y', (SELECT g FROM g), 'regression')).*;

SELECT ok(abs(new_estimate) < 3 * new_std / sqrt(runs) + 0.01,
          format('%s: centred on zero (mean %s, sd %s)', refuter, round(new_estimate::numeric, 4), round(new_std::numeric, 4)))
  FROM rf WHERE refuter IN ('placebo_treatment', 'dummy_outcome') ORDER BY refuter;
SELECT ok(verdict = 'passed' AND p_value < 1e-6, refuter || ': passed, the real effect stands out from the placebo effects')
  FROM rf WHERE refuter IN ('placebo_treatment', 'dummy_outcome') ORDER BY refuter;
SELECT ok(rf.new_estimate BETWEEN o.ci_lower AND o.ci_upper AND rf.verdict = 'passed' AND rf.new_std < 0.1 * o.std_error,
          'random_common_cause: the estimate stays inside its interval and barely moves')
  FROM rf, orig o WHERE rf.refuter = 'random_common_cause';
SELECT ok(abs(rf.new_estimate - o.estimate) < 3 * rf.new_std / sqrt(rf.runs) + 3 * o.std_error / sqrt(rf.runs) AND rf.verdict = 'passed',
          rf.refuter || ': near the original estimate')
  FROM rf, orig o WHERE rf.refuter IN ('data_subset', 'bootstrap') ORDER BY rf.refuter;
SELECT ok(rf.new_std BETWEEN 0.6 * o.std_error AND 1.5 * o.std_error,
          format('bootstrap: the spread %s is near the standard error %s', round(rf.new_std::numeric, 4), round(o.std_error::numeric, 4)))
  FROM rf, orig o WHERE rf.refuter = 'bootstrap';
SELECT is((SELECT array_agg(new_estimate ORDER BY refuter)
             FROM causal.refute('causal_test_refute', 't', 'y', (SELECT g FROM g), refuters => '{placebo_treatment,bootstrap}',
                                n_simulations => 5)),
          (SELECT array_agg(new_estimate ORDER BY refuter)
             FROM causal.refute('causal_test_refute', 't', 'y', (SELECT g FROM g), refuters => '{placebo_treatment,bootstrap}',
                                n_simulations => 5)),
          'the same seed gives the same refutations');
SELECT isnt((SELECT new_estimate FROM causal.refute('causal_test_refute', 't', 'y', (SELECT g FROM g),
                                                    refuters => '{placebo_treatment}', n_simulations => 5, seed => 1)),
            (SELECT new_estimate FROM causal.refute('causal_test_refute', 't', 'y', (SELECT g FROM g),
                                                    refuters => '{placebo_treatment}', n_simulations => 5, seed => 2)),
            'another seed, other refutations');
SELECT ok((SELECT bool_and(verdict = 'passed') FROM causal.refute('causal_test_refute', 't', 'y', (SELECT g FROM g), 'aipw',
                                                                  refuters => '{placebo_treatment,random_common_cause}',
                                                                  n_simulations => 5)),
          'AIPW passes the placebo and random-common-cause refuters');

SELECT count(*) AS rels_before FROM pg_class \gset
SELECT lives_ok($$SELECT * FROM causal.refute('causal_test_refute', 't', 'y', 'x1 --> t; x1 --> y; t --> y', 'matching', 'ATT',
                                              refuters => '{placebo_treatment,placebo_treatment}', n_simulations => 2)$$,
                'matching refutes in memory; a refuter may repeat');
SELECT is((SELECT count(*) FROM pg_class), :rels_before::bigint, 'refute creates no table, not even a temporary one');
SELECT throws_ok($$SELECT * FROM causal.refute('causal_test_refute', 't', 'y', 'x1 --> t; x1 --> y; t --> y', refuters => '{placebo}')$$,
                 '22023', NULL, 'an unknown refuter');
SELECT throws_ok($$SELECT * FROM causal.refute('causal_test_refute', 't', 'y', 'x1 --> t; x1 --> y; t --> y', n_simulations => 1)$$,
                 '22023', NULL, 'one simulation is too few');
SELECT throws_ok($$SELECT * FROM causal.refute('causal_test_refute', 't', 'y', 't --> y; t <-> y')$$,
                 '22023', NULL, 'an unidentifiable effect is not refuted but refused');


-- In memory (every method that adjusts): each simulation equals causal.estimate on the altered table
-- built in SQL the way the refuters are defined (rows numbered in canonical order, keys
-- seed * 1000003 + refuter's position * 10007 + simulation, the hash-random numbers of SQL; the
-- altered table in row-number order, which DML's random folds follow).  ipm_energy takes the
-- path of ipm_mmd (balancing_weights_compute) and is left out: 8 s a fit at 1500 rows.
CREATE TEMP TABLE rf_base AS
SELECT row_number() OVER (ORDER BY causal.row_key(ARRAY[t, y, x1, x2]), t, y, x1, x2) AS rid, t, y, x1, x2
  FROM causal_test_refute;
CREATE FUNCTION pg_temp.sim_estimate(refuter text, pos int, s int, method text, estimand text) RETURNS float8
    LANGUAGE plpgsql AS $f$
DECLARE
    key bigint := 42 * 1000003 + pos * 10007 + s;
    n bigint := (SELECT count(*) FROM rf_base);
    q text;
    covs text[] := '{x1,x2}';
BEGIN
    q := CASE refuter
        WHEN 'placebo_treatment' THEN format(
            'SELECT b.rid, p.t, b.y, b.x1, b.x2 FROM rf_base b JOIN (SELECT t, row_number() OVER '
            '(ORDER BY causal.refute_uniform(rid, %s), rid) AS k FROM rf_base) p ON p.k = b.rid', key)
        WHEN 'random_common_cause' THEN format('SELECT *, causal.refute_normal(rid, %s) AS w FROM rf_base', key)
        WHEN 'data_subset' THEN format('SELECT * FROM rf_base WHERE causal.refute_uniform(rid, %s) < 0.8', key)
        WHEN 'dummy_outcome' THEN format('SELECT rid, t, causal.refute_normal(rid, %s) AS y, x1, x2 FROM rf_base', key)
        ELSE format('SELECT g.i AS rid, b.t, b.y, b.x1, b.x2 FROM generate_series(1, %s) g(i) JOIN rf_base b '
                    'ON b.rid = 1 + floor(causal.refute_uniform(g.i, %s) * %s)::bigint', n, key, n) END;
    IF refuter = 'random_common_cause' THEN covs := covs || 'w'::text; END IF;
    DROP TABLE IF EXISTS rf_sim;
    EXECUTE 'CREATE TEMP TABLE rf_sim AS SELECT * FROM (' || q || ') s ORDER BY rid';
    RETURN (causal.estimate('rf_sim', 't', 'y', NULL, method, estimand, covariates => covs, id => 'rid', seed => 42)).estimate;
END;
$f$;
CREATE TEMP TABLE rf_mem AS
SELECT m.method, m.estimand, o.*
  FROM (VALUES ('regression', 'ATE'), ('aipw', 'ATE'), ('aipw', 'ATT'), ('ipw', 'ATE'), ('ipw', 'ATC'),
               ('dml', 'ATE'), ('dml_irm', 'ATE'), ('dml_irm', 'ATT'), ('matching', 'ATT'), ('matching', 'ATC'),
               ('ebal', 'ATT'), ('ipm_mmd', 'ATE'), ('ipm_mmd', 'ATT'), ('ipm_sigmoid', 'ATE')) m(method, estimand),
       causal.refute_rows('causal_test_refute', 't', 'y', '{x1,x2}', m.method, m.estimand,
                          '{placebo_treatment,random_common_cause,data_subset,dummy_outcome,bootstrap}',
                          3, 0.8, 0.05, 42) o;
SELECT ok(abs(r.estimate - pg_temp.sim_estimate(r.refuter, r.refuter_position, r.simulation, r.method, r.estimand))
          <= 1e-9 * (1 + abs(r.estimate)),
          format('%s %s, %s, simulation 3: equals causal.estimate on the altered table', r.method, r.estimand, r.refuter))
  FROM rf_mem r WHERE r.simulation = 3 ORDER BY r.method, r.estimand, r.refuter_position;
SELECT ok(abs(r.estimate - e.estimate) <= 1e-9 * (1 + abs(e.estimate))
          AND abs(r.ci_lower - e.ci_lower) <= 1e-9 * (1 + abs(e.ci_lower))
          AND abs(r.ci_upper - e.ci_upper) <= 1e-9 * (1 + abs(e.ci_upper)),
          r.method || ' ' || r.estimand || ': the original estimate and interval equal causal.estimate')
  FROM rf_mem r,
       -- (the table in canonical order: the iterative IPM solvers agree to their tolerance only
       -- when their sums run in another order)
       LATERAL causal.estimate('rf_base', 't', 'y', NULL, r.method, r.estimand, covariates => '{x1,x2}',
                               id => 'rid', seed => 42) e
 WHERE r.refuter_position = 0 ORDER BY r.method, r.estimand;
SELECT is((SELECT count(*) FROM rf_mem WHERE refuter_position > 0), 210::bigint, 'one row per method, refuter and simulation');
SELECT pg_stat_get_xact_numscans('causal_test_refute'::regclass) AS scans_before \gset
SELECT lives_ok($$SELECT * FROM causal.refute('causal_test_refute', 't', 'y', (SELECT g FROM g), 'aipw', n_simulations => 10)$$,
                'AIPW refutes in memory');
SELECT is(pg_stat_get_xact_numscans('causal_test_refute'::regclass) - :scans_before, 1::bigint,
          'five AIPW refuters of 10 simulations read the table once');
UPDATE causal_test_refute SET t = 2 WHERE id = 1;
SELECT throws_ok($$SELECT * FROM causal.refute_rows('causal_test_refute', 't', 'y', '{x1,x2}', 'aipw', 'ATE',
                                                    '{placebo_treatment}', 3, 0.8, 0.05, 42)$$,
                 '22023', NULL, 'AIPW in memory: a treatment that is not 0/1 is refused');
SELECT throws_ok($$SELECT * FROM causal.refute_rows('causal_test_refute', 't', 'y', '{x1,x2}', 'regression', 'ATT',
                                                    '{placebo_treatment}', 3, 0.8, 0.05, 42)$$,
                 '0A000', NULL, 'regression refutes the ATE only');

SELECT * FROM finish();
ROLLBACK;
