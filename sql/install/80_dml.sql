-- Double/debiased machine learning: cross-fitted PLR, IRM and PLIV with learners from OLS to xgboost.

CREATE FUNCTION causal.dml(relation regclass, outcome text, treatment text, covariates text[],
                           model text DEFAULT 'plr', instruments text[] DEFAULT NULL,
                           score text DEFAULT NULL, ml_l text DEFAULT NULL, ml_m text DEFAULT NULL,
                           ml_g text DEFAULT NULL, ml_r text DEFAULT NULL,
                           learner_options jsonb DEFAULT NULL, n_folds int DEFAULT 5,
                           n_rep int DEFAULT 1, fold_column text DEFAULT NULL,
                           seed bigint DEFAULT 42, clip float8 DEFAULT 0.01,
                           normalize_ipw boolean DEFAULT false, cluster text DEFAULT NULL,
                           mundlak boolean DEFAULT false, n_boot int DEFAULT 0,
                           alpha float8 DEFAULT 0.05)
    RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'causal_dml'
    LANGUAGE C STABLE PARALLEL RESTRICTED SECURITY INVOKER;
COMMENT ON FUNCTION causal.dml(regclass, text, text, text[], text, text[], text, text, text, text, text, jsonb, int, int, text, bigint, float8, boolean, text, boolean, int, float8) IS
  'double machine learning (DoubleML''s scores): model plr, irm or pliv, cross-fitted nuisances by ols, ridge, lasso, logistic or xgboost; returns a causal.effect';

CREATE FUNCTION causal.learner_fit_keyed(relation regclass, target text, covariates text[],
                                         learner text, options jsonb, seed bigint)
    RETURNS TABLE (term text, estimate float8)
    AS 'MODULE_PATHNAME', 'causal_learner_fit'
    LANGUAGE C STABLE PARALLEL RESTRICTED SECURITY INVOKER;
COMMENT ON FUNCTION causal.learner_fit_keyed(regclass, text, text[], text, jsonb, bigint) IS
  'body of causal.learner_fit (options keyed by "learner")';

CREATE FUNCTION causal.learner_fit(relation regclass, target text, covariates text[],
                                   learner text DEFAULT 'ols', options jsonb DEFAULT NULL)
    RETURNS TABLE (term text, estimate float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT * FROM causal.learner_fit_keyed($1, $2, $3, $4,
                                           pg_catalog.jsonb_build_object('learner', coalesce($5, '{}'::jsonb)), 42)
$$;
COMMENT ON FUNCTION causal.learner_fit(regclass, text, text[], text, jsonb) IS
  'coefficients (intercept first) of a DML learner fitted on a table: ols, ridge, lasso (lambda or "cv") or logistic';

CREATE FUNCTION causal.learner_predict_keyed(relation regclass, target text, covariates text[], id text,
                                             learner text, options jsonb, n_folds int, seed bigint)
    RETURNS TABLE (id text, prediction float8)
    AS 'MODULE_PATHNAME', 'causal_learner_predict'
    LANGUAGE C STABLE PARALLEL RESTRICTED SECURITY INVOKER;
COMMENT ON FUNCTION causal.learner_predict_keyed(regclass, text, text[], text, text, jsonb, int, bigint) IS
  'body of causal.learner_predict (options keyed by "learner")';

CREATE FUNCTION causal.learner_predict(relation regclass, target text, covariates text[], id text,
                                       learner text DEFAULT 'ols', options jsonb DEFAULT NULL,
                                       n_folds int DEFAULT 0, seed bigint DEFAULT 42)
    RETURNS TABLE (id text, prediction float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT * FROM causal.learner_predict_keyed($1, $2, $3, $4, $5,
                                               pg_catalog.jsonb_build_object('learner', coalesce($6, '{}'::jsonb)), $7, $8)
$$;
COMMENT ON FUNCTION causal.learner_predict(regclass, text, text[], text, text, jsonb, int, bigint) IS
  'predictions of a DML learner per row (id, prediction): in-sample (n_folds 0) or out of fold';
