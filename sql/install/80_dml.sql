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
