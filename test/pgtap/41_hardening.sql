-- Trust at the SQL boundary: each reproduced crash, silent wrong answer and privilege surprise
-- of issue 15 as a test.  Expected values are closed forms (a count, a NULL, a SQLSTATE).
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(47);

CREATE TABLE hard_t AS
SELECT i AS id, (i % 2) AS treat, sin(i * 1.3) + (i % 2) * 0.4 AS x1, cos(i * 0.7) AS x2,
       sin(i * 0.37) * 2 + (i % 2) AS y, (i % 5) AS fold
  FROM generate_series(1, 200) AS i;
-- the same rows with every id repeated (ids 1..40, five rows each)
CREATE TABLE hard_dup AS SELECT 1 + (id % 40) AS id, treat, x1, x2, y FROM hard_t;
CREATE TABLE hard_inf AS SELECT id, treat, x1, x2, CASE WHEN id = 7 THEN 'Infinity'::float8 ELSE y END AS y FROM hard_t;

-- Reproduced crashes: NULL arguments of the balancing weights and the learners -----------------
SELECT throws_ok($$SELECT count(*) FROM causal.weights('hard_t'::regclass, NULL, ARRAY['x1'], 'id', 'ebal', 'ATT')$$,
                 '22004', NULL, 'causal.weights(ebal) with a NULL treatment: 22004, not a crash');
SELECT throws_ok($$SELECT count(*) FROM causal.balancing_weights('hard_t', 'treat', '{x1}', 'id', 'ebal', NULL, 1, NULL, NULL)$$,
                 '22004', 'causal.weights: argument "estimand" must not be NULL', 'balancing_weights names the NULL argument');
SELECT throws_ok($$SELECT (causal.weighting_effect('hard_t', 'y', 'treat', ARRAY['x1'], NULL, method => 'ipm_energy')).estimate$$,
                 '22004', NULL, 'weighting_effect(ipm_energy) with a NULL id: 22004');
SELECT throws_ok($$SELECT count(*) FROM causal.learner_fit('hard_t', NULL, '{x1,x2}')$$,
                 '22004', 'causal.learner_fit: argument "target" must not be NULL', 'learner_fit with a NULL target: 22004');
SELECT throws_ok($$SELECT count(*) FROM causal.learner_fit('hard_t', 'y', NULL)$$,
                 '22004', NULL, 'learner_fit with NULL covariates: 22004');
SELECT throws_ok($$SELECT count(*) FROM causal.learner_fit('hard_t', 'y', '{x1}', learner => NULL)$$,
                 '22004', NULL, 'learner_fit with a NULL learner: 22004');
SELECT throws_ok($$SELECT count(*) FROM causal.learner_predict('hard_t', 'y', '{x1}', NULL)$$,
                 '22004', NULL, 'learner_predict with a NULL id: 22004');
SELECT throws_ok($$SELECT count(*) FROM causal.learner_predict_keyed('hard_t', 'y', '{x1}', 'id', 'ols', NULL, NULL, NULL)$$,
                 '22004', 'causal.learner_predict: argument "n_folds" must not be NULL', 'learner_predict_keyed with a NULL n_folds: 22004');
SELECT lives_ok($$SELECT count(*) FROM causal.learner_fit_keyed('hard_t', 'y', '{x1}', 'ols', NULL, NULL)$$,
                'learner_fit_keyed: NULL options and seed mean the defaults');

-- Reproduced crashes: the DML sketch over no rows --------------------------------------------------
SELECT ok((SELECT causal.dml_plr_sketch(fold, y, treat, x1) FROM hard_t WHERE false) IS NULL,
          'dml_plr_sketch over zero rows is NULL');
SELECT is((SELECT count(*) FROM (SELECT fold, causal.dml_plr_sketch(fold, y, treat, x1) FILTER (WHERE fold > 10) AS s
                                    FROM hard_t GROUP BY fold) g WHERE s IS NULL), 5::bigint,
          'dml_plr_sketch of a GROUP BY group whose rows are all filtered out is NULL');
SELECT ok((SELECT causal.merge(v) FROM (SELECT NULL::causal.dml_sketch v) s) IS NULL, 'merge of a NULL DML sketch is NULL');
SELECT ok((SELECT causal.dml_plr(fold, y, treat, x1) FROM hard_t WHERE false) IS NULL, 'dml_plr over zero rows is NULL');
SELECT ok((SELECT causal.merge(s) FROM (SELECT causal.dml_plr_sketch(fold, y, treat, x1) AS s FROM hard_t
                                         UNION ALL SELECT NULL) u) IS NOT NULL,
          'merge skips a NULL sketch among real ones');

-- Silent wrong answers ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT (causal.weighting_effect('hard_dup', 'y', 'treat', ARRAY['x1', 'x2'], 'id')).n$$,
                 '23505', NULL, 'weighting_effect(ipw) with repeated ids: 23505, not n = 1000');
SELECT throws_ok($$SELECT (causal.weighting_effect('hard_dup', 'y', 'treat', ARRAY['x1', 'x2'], 'id', method => 'ebal', estimand => 'ATT')).n$$,
                 '23505', NULL, 'weighting_effect(ebal) with repeated ids: 23505');
SELECT throws_ok($$SELECT (causal.aipw_effect('hard_dup', 'y', 'treat', ARRAY['x1', 'x2'], 'id')).n$$,
                 '23505', NULL, 'aipw_effect with repeated ids: 23505');
SELECT throws_ok($$SELECT count(*) FROM causal.learner_predict('hard_dup', 'y', '{x1}', 'id')$$,
                 '23505', NULL, 'learner_predict with repeated ids: 23505');
SELECT is((SELECT (causal.weighting_effect('hard_t', 'y', 'treat', ARRAY['x1', 'x2'], 'id')).n), 200::bigint,
          'weighting_effect with unique ids counts each row once');
SELECT throws_ok($$SELECT (causal.weighting_effect('hard_inf', 'y', 'treat', ARRAY['x1', 'x2'], 'id')).estimate$$,
                 '22023', NULL, 'weighting_effect with an infinite outcome: 22023, not NaN');
SELECT throws_ok($$SELECT count(*) FROM causal.weights('hard_t', 'treat', ARRAY['x1'], 'id', method => NULL)$$,
                 '22004', NULL, 'causal.weights(method => NULL): an error, not zero rows');
SELECT throws_ok($$SELECT (causal.dml('hard_t', 'y', 'treat', NULL)).estimate$$,
                 '22023', 'causal.dml: covariates must name at least one column', 'causal.dml with no covariates: 22023, not LAPACK''s XX000');
SELECT throws_ok($$SELECT (causal.dml('hard_t', 'y', 'treat', '{x1}', n_folds => 2147483647)).estimate$$,
                 '22000', NULL, 'causal.dml with n_folds => 2147483647: 22000, not an allocation failure');
SELECT throws_ok($$SELECT count(*) FROM causal.malts('hard_t', 'y', 'treat', '{x1,x2}', 'id', k => 2147483647)$$,
                 '22023', NULL, 'MALTS with k => 2147483647: 22023, not an allocation failure');
SELECT throws_ok($$SELECT causal.moments(VARIADIC array_fill(1.0::float8, ARRAY[1001]))$$,
                 '54000', 'causal.moments takes 1 to 1000 columns, got 1001', 'causal.moments: the same 1,000-column limit as its input function');
SELECT throws_ok($$SELECT causal.moments_weighted(1e308, x1, x2) FROM hard_t$$,
                 '22003', NULL, 'moments_weighted(1e308): the total weight overflows, an error, not Infinity in the sketch');
SELECT throws_ok($$SELECT causal.moments(x1 * 1e200, x2) FROM hard_t$$,
                 '22003', NULL, 'moments of values whose squares overflow: 22003');
SELECT throws_ok($$SELECT causal.merge(m) FROM (VALUES
                     ('{"version": 1, "k": 1, "weighted": false, "n": 9223372036854775807, "n_skipped": 0, "sum_w": 9223372036854775807, "sum_w2": 9223372036854775807, "shift": [1], "delta": [0], "comoment": [1]}'::causal.moments),
                     ('{"version": 1, "k": 1, "weighted": false, "n": 9223372036854775807, "n_skipped": 0, "sum_w": 9223372036854775807, "sum_w2": 9223372036854775807, "shift": [1], "delta": [0], "comoment": [1]}'::causal.moments)) v(m)$$,
                 '22003', NULL, 'merging moments whose row counts add past 2^63 - 1: 22003, not a negative n');
SELECT throws_ok($$SELECT causal.merge(c) FROM (VALUES
                     ('{"version": 1, "k": 1, "n": 9223372036854775807, "n_skipped": 0, "labels": [["1"]], "cells": [[0,9223372036854775807]]}'::causal.crosstab),
                     ('{"version": 1, "k": 1, "n": 9223372036854775807, "n_skipped": 0, "labels": [["1"]], "cells": [[0,9223372036854775807]]}'::causal.crosstab)) v(c)$$,
                 '22003', NULL, 'merging crosstabs whose cell counts add past 2^63 - 1: 22003, not a negative count');

-- the bootstrap reads the rows once and writes nothing: a read-only transaction runs it, and each
-- replicate is the estimator on the resample the documented hash draws make (built here in SQL)
CREATE TABLE hard_bs1 AS
WITH src AS (SELECT row_number() OVER (ORDER BY t.id::text) AS rn, t.* FROM hard_t t),
     draw AS (SELECT j, 1 + (hashint8extended(j, 3 * 100003 + 1) & 9223372036854775807) % 200 AS rn
                FROM generate_series(1, 200) j)
SELECT draw.j AS id, src.treat, src.x1, src.x2, src.y FROM draw JOIN src USING (rn);
CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false);
SELECT ok(pg_temp.close((causal.weighting_bootstrap('hard_t', 'y', 'treat', '{x1,x2}', 'id', 'ipw', 'ATE', true, 0.1, 1,
                                                    0.95, 0.02, NULL, false, 2, 3))[1],
                        (causal.weighting_effect('hard_bs1', 'y', 'treat', '{x1,x2}', 'id', 'ipw', 'ATE', stabilize => true,
                                                 ridge => 0.1, trim_at => 0.95, ps_clip => 0.02)).estimate, 1e-10),
          'bootstrap replicate 1 (ipw, stabilized, ridge, trimmed, clipped) is the estimator on the first resample');
SELECT ok(pg_temp.close((causal.weighting_bootstrap('hard_t', 'y', 'treat', '{x1,x2}', 'id', 'ebal', 'ATT', false, 0, 1,
                                                    NULL, NULL, NULL, true, 1, 3))[1],
                        (causal.weighting_effect('hard_bs1', 'y', 'treat', '{x1,x2}', 'id', 'ebal', 'ATT',
                                                 augmented => true)).estimate, 1e-8),
          'bootstrap replicate 1 (augmented entropy balancing, ATT) is the estimator on the first resample');
-- binary input: a crosstab label that is not valid UTF-8 (the send form of a crosstab over 'a' and 'b'
-- with the byte of 'b' replaced by 0xff, so the labels stay in order), through COPY ... FORMAT binary
CREATE TABLE hard_ct (c causal.crosstab);
CREATE TEMP TABLE hard_ct_state (state text);
DO $$
DECLARE
    b bytea := causal.crosstab_send((SELECT causal.crosstab(v) FROM (VALUES ('a'), ('b')) s(v)));
    path text := format('/tmp/causal_hard_%s.bin', pg_backend_pid());
BEGIN
    b := set_byte(b, position('\x62'::bytea IN b) - 1, 255);
    EXECUTE format('COPY (SELECT translate(encode(%L::bytea, ''base64''), E''\n'', '''')) TO PROGRAM %L',
                   '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea || '\x0001'::bytea
                   || int4send(length(b)) || b || '\xffff'::bytea, 'base64 -d > ' || path);
    BEGIN
        EXECUTE format('COPY hard_ct FROM %L (FORMAT binary)', path);
        INSERT INTO hard_ct_state VALUES ('accepted');
    EXCEPTION WHEN OTHERS THEN
        INSERT INTO hard_ct_state VALUES (SQLSTATE);
    END;
    EXECUTE format('COPY (SELECT 1) TO PROGRAM %L', 'rm -f ' || path);
END $$;
SELECT is((SELECT state FROM hard_ct_state), '22P03', 'binary crosstab input rejects a label that is not valid UTF-8 (22P03)');

-- details JSON: a column name that needs escaping
CREATE TABLE hard_quote AS SELECT id, treat, x1 AS "ag""e", x2, y FROM hard_t;
SELECT ok((SELECT (e).details -> 'stretch' ? 'ag"e'
             FROM (SELECT causal.malts_effect('hard_quote', 'y', 'treat', ARRAY['ag"e', 'x2'], 'id', n_folds => 2) AS e) s),
          'malts_effect: a column named ag"e is escaped in details');
SELECT ok((SELECT (e).details ->> 'std_error' IS NOT NULL
             FROM (SELECT causal.match_effect('hard_quote', 'y', 'treat', ARRAY['ag"e', 'x2'], 'id') AS e) s),
          'match_effect: details are valid JSON with the same column');

-- Cancellation: a statement timeout stops DML with lasso-CV nuisances and MALTS within half a second
CREATE TABLE hard_big AS
SELECT id, (x[1] > 0)::int AS d, outcome AS y, x[2] AS c1, x[3] AS c2, x[4] AS c3, x[5] AS c4, x[6] AS c5,
       x[7] AS c6, x[8] AS c7, x[9] AS c8, x[10] AS c9, x[11] AS c10, x[12] AS c11, x[13] AS c12
  FROM causal.simulate_sem(300000, 13, 5, 0.3);
CREATE TABLE hard_malts AS SELECT * FROM hard_big WHERE id <= 4000;
CREATE TABLE hard_latency (what text, ms float8);
SET LOCAL statement_timeout = '300ms';
DO $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    PERFORM causal.dml('hard_big', 'y', 'd', '{c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12}', ml_l => 'lasso', ml_m => 'lasso');
    INSERT INTO hard_latency VALUES ('dml finished', NULL);
EXCEPTION WHEN query_canceled THEN
    INSERT INTO hard_latency VALUES ('dml', 1000 * extract(epoch FROM clock_timestamp() - t0));
END $$;
DO $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    PERFORM causal.malts_effect('hard_malts', 'y', 'd', '{c1,c2,c3,c4,c5,c6}', 'id', n_folds => 2);
    INSERT INTO hard_latency VALUES ('malts finished', NULL);
EXCEPTION WHEN query_canceled THEN
    INSERT INTO hard_latency VALUES ('malts', 1000 * extract(epoch FROM clock_timestamp() - t0));
END $$;
SET LOCAL statement_timeout = 0;
SELECT diag((SELECT string_agg(format('%s: %s ms', what, round(ms::numeric)), ', ') FROM hard_latency));
SELECT cmp_ok((SELECT ms FROM hard_latency WHERE what = 'dml'), '<', 800::float8,
              'DML with lasso-CV nuisances stops within 0.5 s of a 300 ms statement timeout');
SELECT cmp_ok((SELECT ms FROM hard_latency WHERE what = 'malts'), '<', 800::float8,
              'MALTS stops within 0.5 s of a 300 ms statement timeout');

-- Privileges and side effects ----------------------------------------------------------------------
SELECT is((SELECT count(*) FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
            JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'causal'
            JOIN pg_language l ON l.oid = p.prolang
           WHERE (l.lanname IN ('sql', 'plpgsql') OR 'regclass'::regtype = ANY (p.proargtypes::oid[]))
             AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false)
             AND NOT (p.proargnames[1] = 'relation' AND p.proargtypes[0] = 'text'::regtype)),
          0::bigint, 'every SQL-language function and every table reader pins search_path');
SELECT is((SELECT count(*) FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
            JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'causal'
           WHERE p.proargnames[1] = 'relation' AND p.proargtypes[0] = 'text'::regtype
             AND (p.proconfig IS NOT NULL OR p.prosrc !~ 'relation::pg_catalog\.regclass'
                  OR p.prosrc ~ '::(?!pg_catalog\.)')),
          0::bigint, 'the text-relation forms resolve the name in the caller''s path, casting only to pg_catalog types');
SELECT is((SELECT string_agg(p.proname, ', ') FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
            JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'causal'
           WHERE p.prosrc ~* '\m(CREATE|DROP|INSERT|UPDATE|DELETE|TRUNCATE|ALTER)\s+(TEMP|TABLE|INTO|FROM|VIEW|INDEX)'),
          NULL, 'no function body writes (no CREATE, DROP, INSERT, UPDATE, DELETE, TRUNCATE or ALTER), not even a temporary table');
SELECT is((SELECT count(*) FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
            JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'causal'
           WHERE 'regclass'::regtype = ANY (p.proargtypes::oid[])
             -- (these read the catalog only, never the table's rows)
             AND p.proname NOT IN ('check_columns', 'check_numeric_columns', 'numeric_columns', 'discovery_columns', 'default_columns',
                                   'exclude_columns')
             AND (p.provolatile = 'i' OR p.proparallel = 's')),
          0::bigint, 'table readers are neither IMMUTABLE nor PARALLEL SAFE');
SELECT is((SELECT context FROM pg_settings WHERE name = 'causal.max_memory'), 'superuser',
          'causal.max_memory can be changed by a superuser only');

-- a plain role: representative calls, then the temporary-schema and operator attacks
CREATE ROLE causal_hard_plain;
GRANT USAGE ON SCHEMA causal TO causal_hard_plain;
GRANT SELECT ON hard_t TO causal_hard_plain;
CREATE SCHEMA hard_evil;
GRANT USAGE ON SCHEMA hard_evil TO causal_hard_plain;
CREATE FUNCTION hard_evil.eq(text, text) RETURNS boolean LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'the operator of schema hard_evil ran'; END $$;
CREATE OPERATOR hard_evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hard_evil.eq);
-- (as the plain role nothing of pgTAP is called: its state tables belong to the superuser; the
-- outcomes go to a temporary table and are asserted after RESET ROLE)
SET LOCAL ROLE causal_hard_plain;
CREATE TEMP TABLE plain_res (name pg_catalog.text, state pg_catalog.text);
DO $$
BEGIN
    BEGIN
        SET LOCAL causal.max_memory = '2GB';
        INSERT INTO plain_res VALUES ('max_memory', 'ok');
    EXCEPTION WHEN OTHERS THEN
        INSERT INTO plain_res VALUES ('max_memory', SQLSTATE);
    END;
END $$;
CREATE TEMP TABLE plain_out AS
SELECT (SELECT causal.n(causal.moments(x1, x2, y)) FROM hard_t) AS n,
       (SELECT count(*) FROM causal.pc('hard_t'::regclass, '{x1,x2,y}')) AS edges,
       (SELECT (causal.match_effect('hard_t', 'y', 'treat', '{x1,x2}', 'id')).n) AS match_n,
       (SELECT (causal.weighting_effect('hard_t', 'y', 'treat', '{x1,x2}', 'id')).n) AS weight_n,
       (SELECT (causal.dml('hard_t', 'y', 'treat', '{x1,x2}')).n) AS dml_n;
SET LOCAL search_path = hard_evil, pg_catalog, public;
DO $$
BEGIN
    BEGIN
        PERFORM count(*) FROM causal.weights_info('hard_t', 'treat', '{x1,x2}', 'id', 'ipw', 'ATE', false, 0, 1, NULL, NULL, NULL);
        PERFORM count(*) FROM causal.weights('hard_t', 'treat', '{x1,x2}', 'id');
        INSERT INTO plain_res VALUES ('operator', 'ok');
    EXCEPTION WHEN OTHERS THEN
        INSERT INTO plain_res VALUES ('operator', SQLSTATE || ' ' || SQLERRM);
    END;
END $$;
SET LOCAL search_path = public;
-- temporary types that shadow pg_catalog's for unqualified names (any role may create them)
CREATE DOMAIN pg_temp.text AS int4;
CREATE DOMAIN pg_temp.float8 AS int4;
CREATE DOMAIN pg_temp.int4 AS int8;
CREATE TEMP TABLE attack_out AS
SELECT (causal.match_effect('hard_t', 'y', 'treat', '{x1,x2}', 'id')).n AS match_n,
       (SELECT pg_catalog.count(*) FROM causal.weights('hard_t', 'treat', '{x1,x2}', 'id', 'ebal', 'ATT')) AS w_n,
       (causal.dml('hard_t', 'y', 'treat', '{x1,x2}')).n AS dml_n;
DROP DOMAIN pg_temp.text;
DROP DOMAIN pg_temp.float8;
DROP DOMAIN pg_temp.int4;
RESET ROLE;
SET LOCAL search_path = public;

SELECT is((SELECT state FROM plain_res WHERE name = 'max_memory'), '42501', 'a plain role cannot raise causal.max_memory');
SELECT is((SELECT ARRAY[n, match_n, weight_n, dml_n] FROM plain_out), ARRAY[200, 200, 200, 200]::bigint[],
          'a role with USAGE on schema causal and SELECT on the table runs sketches, matching, weighting and DML');
SELECT is((SELECT state FROM plain_res WHERE name = 'operator'), 'ok',
          'weights_info and weights do not run an operator of a schema ahead of pg_catalog');
SELECT is((SELECT ARRAY[match_n, w_n, dml_n] FROM attack_out), ARRAY[200, 200, 200]::bigint[],
          'with pg_temp.text, pg_temp.float8 and pg_temp.int4 shadowing the catalog: right answers, no crash');

-- (last: a read-only transaction stays read-only)
CREATE TEMP TABLE ro_out (state text, se float8);
SET LOCAL transaction_read_only = on;
DO $$
BEGIN
    INSERT INTO ro_out
    SELECT 'ok', (causal.weighting_effect('hard_t', 'y', 'treat', '{x1,x2}', 'id', n_boot => 20)).std_error;
EXCEPTION WHEN OTHERS THEN
    INSERT INTO ro_out VALUES (SQLSTATE, NULL);
END $$;
SELECT is((SELECT state FROM ro_out), 'ok', 'weighting_effect(n_boot => 20) runs in a read-only transaction');
SELECT is((SELECT provolatile FROM pg_proc WHERE proname = 'weighting_effect' AND pronamespace = 'causal'::regnamespace),
          's', 'weighting_effect is STABLE: it writes nothing');


SELECT * FROM finish();
ROLLBACK;
