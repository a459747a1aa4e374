-- Catalog contract: the functions exist, carry explicit and truthful markings,
-- and every object of the extension is commented.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(33);

SELECT has_schema('causal');
SELECT has_type('causal', 'moments', 'type causal.moments');
SELECT has_type('causal', 'effect', 'type causal.effect');
SELECT has_type('causal', 'edge', 'type causal.edge');
SELECT has_function('causal', 'pchisq', ARRAY['double precision', 'double precision', 'boolean']);
SELECT has_function('causal', 'ols', ARRAY['causal.moments', 'integer', 'integer[]', 'boolean', 'text[]']);
SELECT has_function('causal', 'correlations', ARRAY['regclass', 'text[]', 'text[]']);
SELECT has_type('causal', 'crosstab', 'type causal.crosstab');
SELECT has_type('causal', 'ci_result', 'type causal.ci_result');
SELECT has_function('causal', 'ci_test', ARRAY['causal.moments', 'integer', 'integer', 'integer[]', 'double precision']);
SELECT has_function('causal', 'ci_test', ARRAY['regclass', 'text', 'text', 'text[]', 'text', 'double precision', 'bigint']);
SELECT has_function('causal', 'kci', ARRAY['double precision[]', 'double precision[]', 'double precision[]', 'double precision', 'text', 'double precision[]']);
SELECT has_function('causal', 'rcit', ARRAY['double precision[]', 'double precision[]', 'double precision[]', 'double precision', 'bigint', 'integer', 'integer', 'text']);
SELECT has_function('causal', 'pc', ARRAY['regclass', 'text[]', 'double precision', 'text', 'boolean', 'integer', 'integer', 'integer', 'jsonb', 'text[]', 'text', 'text']);
SELECT has_function('causal', 'dot', ARRAY['text', 'text', 'text']);
SELECT has_function('causal', 'mermaid', ARRAY['text', 'text', 'text']);
SELECT has_function('causal', 'propensity_model', ARRAY['regclass', 'text', 'text[]', 'double precision']);
SELECT has_function('causal', 'propensity', ARRAY['regclass', 'text', 'text[]', 'text', 'double precision']);
SELECT has_function('causal', 'weighting_effect', ARRAY['regclass', 'text', 'text', 'text[]', 'text', 'text', 'text', 'boolean', 'double precision', 'double precision', 'integer', 'double precision', 'double precision', 'jsonb', 'boolean', 'integer', 'bigint', 'text']);
SELECT has_function('causal', 'weighted_effect', ARRAY['double precision', 'boolean', 'double precision']);
SELECT volatility_is('causal', 'pnorm', ARRAY['double precision', 'double precision', 'double precision', 'boolean'], 'immutable');
SELECT volatility_is('causal', 'correlations', ARRAY['regclass', 'text[]', 'text[]'], 'stable');

CREATE TEMP VIEW ext_funcs AS
SELECT p.oid, p.proname, p.prokind, p.provolatile, p.proparallel, p.prosecdef, p.prolang,
       p.proconfig, p.proargtypes
  FROM pg_proc p
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'causal';

SELECT is((SELECT count(*) FROM ext_funcs WHERE prosecdef), 0::bigint,
          'no SECURITY DEFINER function');
-- C functions that read a table through SPI are STABLE and PARALLEL RESTRICTED; all others PARALLEL SAFE
-- (iv_2sls by its signature: the sketch form is pure, the table form a reader)
SELECT is((SELECT count(*) FROM ext_funcs f JOIN pg_language l ON l.oid = f.prolang
            WHERE l.lanname = 'c'
              AND CASE WHEN f.proname IN ('dml', 'learner_fit_keyed', 'learner_predict_keyed', 'balancing_weights', 'match', 'match_effect', 'balance', 'malts', 'malts_effect', 'cdnod_change_dependence', 'weighting_bootstrap', 'ipw_weights', 'weighting_effect', 'aipw_effect', 'refute_rows')
                             OR (f.proname = 'iv_2sls' AND f.proargtypes[0] = 'regclass'::regtype)
                       THEN f.proparallel <> 'r' OR f.provolatile <> 's'
                       ELSE f.proparallel <> 's' END), 0::bigint,
          'every C function is PARALLEL SAFE, except the table readers (STABLE, PARALLEL RESTRICTED)');
SELECT has_function('causal', 'dml', ARRAY['regclass', 'text', 'text', 'text[]', 'text', 'text[]', 'text', 'text', 'text', 'text', 'text', 'jsonb', 'integer', 'integer', 'text', 'bigint', 'double precision', 'boolean', 'text', 'boolean', 'integer', 'double precision', 'double precision']);
SELECT has_function('causal', 'dml_plr', ARRAY['bigint', 'double precision', 'double precision', '"any"']);
SELECT has_type('causal', 'dml_sketch', 'type causal.dml_sketch');
SELECT is((SELECT count(*) FROM ext_funcs f JOIN pg_language l ON l.oid = f.prolang
            WHERE l.lanname = 'plpgsql'
              AND ((f.provolatile = 'i'
                    -- raising an argument error (causal.raise_error) reads nothing
                    AND regexp_replace((SELECT prosrc FROM pg_proc WHERE oid = f.oid), 'PERFORM causal\.raise_error', '', 'g')
                        ~* '(EXECUTE|SELECT|PERFORM)')
                   OR NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (f.proconfig), false))),
          0::bigint, 'functions that run SQL are not IMMUTABLE, and every PL/pgSQL function pins search_path');
SELECT is((SELECT count(*) FROM ext_funcs WHERE obj_description(oid, 'pg_proc') IS NULL),
          0::bigint, 'every function and aggregate has a COMMENT');
SELECT is((SELECT count(*) FROM pg_type t
             JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
             JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'causal'
            WHERE obj_description(t.oid, 'pg_type') IS NULL), 0::bigint,
          'every type has a COMMENT');
SELECT is((SELECT count(*) FROM pg_depend d
             JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'causal'
            WHERE d.deptype = 'e'
              AND d.classid IN ('pg_operator'::regclass, 'pg_opclass'::regclass, 'pg_cast'::regclass)
              AND obj_description(d.objid, d.classid::regclass::name) IS NULL), 0::bigint,
          'every operator, operator class and cast has a COMMENT');
SELECT is((SELECT count(*) FROM pg_aggregate a JOIN ext_funcs f ON f.oid = a.aggfnoid
            WHERE a.aggcombinefn = 0 OR a.aggtranstype = 'internal'::regtype), 0::bigint,
          'every aggregate has a combine function and a real state type');
SELECT is((SELECT count(*) FROM ext_funcs f JOIN pg_language l ON l.oid = f.prolang
            WHERE l.lanname = 'c' AND f.prokind = 'f' AND f.provolatile <> 'i'
              AND f.proname NOT IN ('dml', 'learner_fit_keyed', 'learner_predict_keyed', 'balancing_weights', 'match', 'match_effect', 'balance', 'malts', 'malts_effect', 'cdnod_change_dependence', 'weighting_bootstrap', 'ipw_weights', 'weighting_effect', 'aipw_effect', 'refute_rows')
              AND NOT (f.proname = 'iv_2sls' AND f.proargtypes[0] = 'regclass'::regtype)), 0::bigint,
          'C functions other than the table readers are pure (IMMUTABLE)');

SELECT * FROM finish();
ROLLBACK;
