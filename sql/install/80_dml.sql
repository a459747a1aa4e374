-- Double/debiased machine learning: cross-fitted PLR, IRM and PLIV with learners from OLS to xgboost.

CREATE FUNCTION causal.dml(relation regclass, outcome text, treatment text, covariates text[],
                           model text DEFAULT 'plr', instruments text[] DEFAULT NULL,
                           score text DEFAULT NULL, ml_l text DEFAULT NULL, ml_m text DEFAULT NULL,
                           ml_g text DEFAULT NULL, ml_r text DEFAULT NULL,
                           learner_options jsonb DEFAULT NULL, n_folds int DEFAULT 5,
                           n_rep int DEFAULT 1, fold_column text DEFAULT NULL,
                           seed bigint DEFAULT 42, clip float8 DEFAULT NULL,
                           normalize_ipw boolean DEFAULT false, cluster text DEFAULT NULL,
                           mundlak boolean DEFAULT false, n_boot int DEFAULT 0,
                           alpha float8 DEFAULT 0.05, ps_clip float8 DEFAULT NULL)
    RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'causal_dml'
    LANGUAGE C STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.dml(regclass, text, text, text[], text, text[], text, text, text, text, text, jsonb, int, int, text, bigint, float8, boolean, text, boolean, int, float8, float8) IS
  'double machine learning (DoubleML''s scores): model plr, irm or pliv, cross-fitted nuisances by ols, ridge, lasso, logistic or xgboost; returns a causal.effect (ps_clip: the propensity clip, 0.01 by default; clip its deprecated name)';

CREATE FUNCTION causal.learner_fit_keyed(relation regclass, target text, covariates text[],
                                         learner text, options jsonb, seed bigint)
    RETURNS TABLE (term text, estimate float8)
    AS 'MODULE_PATHNAME', 'causal_learner_fit'
    LANGUAGE C STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.learner_fit_keyed(regclass, text, text[], text, jsonb, bigint) IS
  'body of causal.learner_fit (options keyed by "learner")';

CREATE FUNCTION causal.learner_fit(relation regclass, target text, covariates text[],
                                   learner text DEFAULT 'ols', options jsonb DEFAULT NULL)
    RETURNS TABLE (term text, estimate float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM causal.learner_fit_keyed($1, $2, $3, $4,
                                           pg_catalog.jsonb_build_object('learner', coalesce($5, '{}'::jsonb)), 42)
$$;
COMMENT ON FUNCTION causal.learner_fit(regclass, text, text[], text, jsonb) IS
  'coefficients (intercept first) of a DML learner fitted on a table: ols, ridge, lasso (lambda or "cv") or logistic';

CREATE FUNCTION causal.learner_predict_keyed(relation regclass, target text, covariates text[], id text,
                                             learner text, options jsonb, n_folds int, seed bigint)
    RETURNS TABLE (id causal.id, prediction float8)
    AS 'MODULE_PATHNAME', 'causal_learner_predict'
    LANGUAGE C STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.learner_predict_keyed(regclass, text, text[], text, text, jsonb, int, bigint) IS
  'body of causal.learner_predict (options keyed by "learner")';

CREATE FUNCTION causal.learner_predict(relation regclass, target text, covariates text[], id text,
                                       learner text DEFAULT 'ols', options jsonb DEFAULT NULL,
                                       n_folds int DEFAULT 0, seed bigint DEFAULT 42)
    RETURNS TABLE (id causal.id, prediction float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM causal.learner_predict_keyed($1, $2, $3, $4, $5,
                                               pg_catalog.jsonb_build_object('learner', coalesce($6, '{}'::jsonb)), $7, $8)
$$;
COMMENT ON FUNCTION causal.learner_predict(regclass, text, text[], text, text, jsonb, int, bigint) IS
  'predictions of a DML learner per row (id, prediction): in-sample (n_folds 0) or out of fold';

-- One-scan linear DML ------------------------------------------------------

CREATE TYPE causal.dml_sketch;
CREATE FUNCTION causal.dml_sketch_in(cstring) RETURNS causal.dml_sketch
    AS 'MODULE_PATHNAME', 'dml_sketch_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION causal.dml_sketch_out(causal.dml_sketch) RETURNS cstring
    AS 'MODULE_PATHNAME', 'dml_sketch_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION causal.dml_sketch_recv(internal) RETURNS causal.dml_sketch
    AS 'MODULE_PATHNAME', 'dml_sketch_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION causal.dml_sketch_send(causal.dml_sketch) RETURNS bytea
    AS 'MODULE_PATHNAME', 'dml_sketch_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE causal.dml_sketch (
    INPUT = causal.dml_sketch_in, OUTPUT = causal.dml_sketch_out,
    RECEIVE = causal.dml_sketch_recv, SEND = causal.dml_sketch_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended, CATEGORY = 'N'
);
COMMENT ON TYPE causal.dml_sketch IS
  'per-fold fourth moments of (1, y, d, x): the mergeable state of the one-scan DML aggregate causal.dml_plr';
COMMENT ON FUNCTION causal.dml_sketch_in(cstring) IS 'text input of causal.dml_sketch (JSON)';
COMMENT ON FUNCTION causal.dml_sketch_out(causal.dml_sketch) IS 'text output of causal.dml_sketch (JSON)';
COMMENT ON FUNCTION causal.dml_sketch_recv(internal) IS 'binary input of causal.dml_sketch';
COMMENT ON FUNCTION causal.dml_sketch_send(causal.dml_sketch) IS 'binary output of causal.dml_sketch';

CREATE FUNCTION causal.dml_plr_accum(causal.dml_sketch, bigint, float8, float8, VARIADIC "any")
    RETURNS causal.dml_sketch
    AS 'MODULE_PATHNAME', 'dml_plr_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION causal.dml_plr_combine(causal.dml_sketch, causal.dml_sketch) RETURNS causal.dml_sketch
    AS 'MODULE_PATHNAME', 'dml_plr_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION causal.dml_plr_final_sketch(causal.dml_sketch) RETURNS causal.dml_sketch
    AS 'MODULE_PATHNAME', 'dml_plr_final_sketch' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION causal.dml_plr_final_effect(causal.dml_sketch) RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'dml_plr_final_effect' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.dml_plr_accum(causal.dml_sketch, bigint, float8, float8, VARIADIC "any") IS 'transition function of causal.dml_plr and causal.dml_plr_sketch';
COMMENT ON FUNCTION causal.dml_plr_combine(causal.dml_sketch, causal.dml_sketch) IS 'combine function of the DML sketch aggregates; transition function of causal.merge(causal.dml_sketch)';
COMMENT ON FUNCTION causal.dml_plr_final_sketch(causal.dml_sketch) IS 'final function of causal.dml_plr_sketch and causal.merge(causal.dml_sketch)';
COMMENT ON FUNCTION causal.dml_plr_final_effect(causal.dml_sketch) IS 'final function of causal.dml_plr';

CREATE AGGREGATE causal.dml_plr(fold bigint, y float8, d float8, VARIADIC x "any") (
    SFUNC = causal.dml_plr_accum, STYPE = causal.dml_sketch,
    COMBINEFUNC = causal.dml_plr_combine, FINALFUNC = causal.dml_plr_final_effect,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.dml_plr(bigint, float8, float8, VARIADIC "any") IS
  'one-scan cross-fitted PLR (partialling out, OLS nuisances) over the given folds: a causal.effect per group';

CREATE AGGREGATE causal.dml_plr_sketch(fold bigint, y float8, d float8, VARIADIC x "any") (
    SFUNC = causal.dml_plr_accum, STYPE = causal.dml_sketch,
    COMBINEFUNC = causal.dml_plr_combine, FINALFUNC = causal.dml_plr_final_sketch,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.dml_plr_sketch(bigint, float8, float8, VARIADIC "any") IS
  'the mergeable state of causal.dml_plr, to store in rollups and merge later';

CREATE AGGREGATE causal.merge(causal.dml_sketch) (
    SFUNC = causal.dml_plr_combine, STYPE = causal.dml_sketch,
    COMBINEFUNC = causal.dml_plr_combine, FINALFUNC = causal.dml_plr_final_sketch,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.merge(causal.dml_sketch) IS 'merges DML sketches (rollups, partitions)';

CREATE FUNCTION causal.column_names(sketch causal.dml_sketch) RETURNS text[]
    AS 'MODULE_PATHNAME', 'dml_sketch_column_names'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.column_names(causal.dml_sketch) IS
  'the names the DML sketch carries for y, d and the covariates, in order (NULL when unnamed)';

CREATE FUNCTION causal.with_names(sketch causal.dml_sketch, names text[]) RETURNS causal.dml_sketch
    AS 'MODULE_PATHNAME', 'dml_sketch_with_names'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.with_names(causal.dml_sketch, text[]) IS
  'the DML sketch carrying names for y, d and the covariates (distinct; NULL drops them); named sketches merge only with the same names';

CREATE FUNCTION causal.dml_plr(sketch causal.dml_sketch, alpha float8 DEFAULT 0.05) RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'dml_sketch_effect' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.dml_plr(causal.dml_sketch, float8) IS
  'the cross-fitted PLR effect of a stored DML sketch';

CREATE FUNCTION causal.dml_sensitivity(effect causal.effect, cf_y float8 DEFAULT 0.03,
                                       cf_d float8 DEFAULT 0.03, rho float8 DEFAULT 1.0,
                                       level float8 DEFAULT 0.95, null_hypothesis float8 DEFAULT 0,
                                       OUT theta_lower float8, OUT theta float8, OUT theta_upper float8,
                                       OUT se_lower float8, OUT se_upper float8,
                                       OUT ci_lower float8, OUT ci_upper float8,
                                       OUT rv float8, OUT rva float8)
    RETURNS record
    AS 'MODULE_PATHNAME', 'causal_dml_sensitivity'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.dml_sensitivity(causal.effect, float8, float8, float8, float8, float8) IS
  'bounds on a DML estimate (PLR or IRM) and its confidence interval under a latent confounder of strength cf_y, cf_d, rho, and the robustness values rv and rva (Chernozhukov et al. 2022; DoubleML''s sensitivity_analysis), from the effect row alone';
