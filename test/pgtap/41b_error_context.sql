-- Errors about a user's argument show the message and the hint, not the lines of the wrapper
-- functions and generated SQL between the user's call and the check (#18 item 6): the context
-- captured with the error is empty.  Errors still carry their SQLSTATE and message, and a
-- handler that catches one gets the context stack back (its own later errors have context).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(15);

CREATE TEMP TABLE l AS SELECT * FROM causal.lalonde();

-- runs a statement, returns 'SQLSTATE|context line count|message'
CREATE FUNCTION pg_temp.err(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    st text;
    msg text;
    ctx text;
BEGIN
    EXECUTE stmt;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, ctx = PG_EXCEPTION_CONTEXT;
    RETURN format('%s|%s|%s', st, CASE WHEN ctx = '' THEN 0 ELSE cardinality(string_to_array(ctx, E'\n')) END, msg);
END $$;

SELECT is(pg_temp.err($$SELECT * FROM causal.pc('l', ci_test => 'bogus')$$),
          '22023|0|PC with ci_test "bogus" is not available', 'pc: an unknown ci_test (PL/pgSQL check)');
SELECT is(pg_temp.err($$SELECT * FROM causal.correlations('l', '{nope}')$$),
          '42703|0|column "nope" does not exist in l', 'correlations: an unknown column, four functions deep');
SELECT is(pg_temp.err($$SELECT * FROM causal.ges('l', '{age,nope}')$$),
          '42703|0|column "nope" does not exist in l', 'ges on a table: the same check under another wrapper');
SELECT is(pg_temp.err($$SELECT * FROM causal.weights('l', 'treat', '{age}', 'row_id', method => 'bogus')$$),
          '22023|0|unknown weighting method "bogus"', 'weights: an unknown method inside a SQL wrapper');
SELECT is(pg_temp.err($$SELECT * FROM causal.dml('l', 're78', 'treat', '{age}', ml_l => 'bogus')$$),
          '22023|0|causal.dml: ml_l must be ols, ridge, lasso, logistic or xgboost, got "bogus"', 'dml: an unknown learner (C check)');
SELECT is(pg_temp.err($$SELECT causal.estimate(NULL, 're78', 'treat', covariates => '{age}')$$),
          '22004|0|causal.estimate: relation must not be NULL', 'estimate: a NULL relation');
SELECT is(pg_temp.err($$SELECT causal.estimate('l', 're78', 'treat', covariates => '{age,nope}')$$),
          '42703|0|column "nope" does not exist in l', 'estimate: an unknown covariate through the estimate wrapper');
SELECT is(pg_temp.err($$SELECT causal.partial_correlation(causal.table_moments('l', '{age,educ}'), 'age', 'zz')$$),
          '42703|0|column "zz" is not in the causal.moments sketch', 'a column by name through a SQL function');
SELECT is(pg_temp.err($$SELECT * FROM causal.match('l', 'treat', '{age}', 'row_id', distance => 'bogus')$$),
          '22023|0|causal.match: distance must be glm, logit, mahalanobis, scaled_euclidean or euclidean, got "bogus"',
          'match: an unknown distance');
SELECT is(pg_temp.err($$SELECT * FROM causal.match_effect('l', 're78', 'treat', '{age,educ}', 'row_id', estimand => 'ATX')$$),
          '22023|0|causal.match_effect: estimand must be ATE, ATT or ATC, got "ATX"', 'match_effect: an unknown estimand');

SELECT is(pg_temp.err($$SELECT causal.estimate('l', 're78', 'treat', graph => 'age --> treat; treat --> re78')$$),
          '22023|0|causal.identify: outcome "treat" is an ancestor of the treatment', 'estimate: treatment and outcome swapped (graph layer)');
SELECT is(pg_temp.err($$SELECT * FROM causal.adjustment_sets('a --> b; b --> c', '{a}', '{d}')$$),
          '22023|0|causal.adjustment_sets: outcome "d" is not a node of the graph', 'a node that is not in the graph');

-- errors that are not about an argument keep their context (here: the data of a sketch value)
SELECT ok(split_part(pg_temp.err($$SELECT '{"version": 1}'::causal.moments$$), '|', 2)::int > 0,
          'a malformed sketch value still names what was being read (context kept)');

-- after catching such an error a handler's own errors have their context again
CREATE FUNCTION pg_temp.catch_then_fail() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        PERFORM * FROM causal.pc('l', ci_test => 'bogus');
    EXCEPTION WHEN OTHERS THEN
        NULL;
    END;
    RAISE EXCEPTION 'mine';
END $$;
SELECT alike(pg_temp.err($$SELECT pg_temp.catch_then_fail()$$), 'P0001|%|mine', 'a caught error, then one of the caller''s own');
SELECT ok(split_part(pg_temp.err($$SELECT pg_temp.catch_then_fail()$$), '|', 2)::int >= 1,
          'the caller''s own error has its context (the stack was restored)');

SELECT * FROM finish();
ROLLBACK;
