-- Estimates from a moment sketch: two-stage least squares (also on a table's rows, for robust
-- standard errors), its first stage, the linear front-door estimate, and IDA.

CREATE FUNCTION causal.iv_2sls(m causal.moments, y int, d int[], z int[], x int[] DEFAULT '{}',
                               names text[] DEFAULT NULL,
                               OUT term text, OUT estimate float8, OUT std_error float8,
                               OUT t_value float8, OUT p_value float8, OUT df_resid float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'moments_iv_2sls'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION causal.iv_2sls(causal.moments, int, int[], int[], int[], text[]) IS
  'two-stage least squares of column y on the endogenous columns d and exogenous x, instrumented by z, from the sketch (classical standard errors, as statsmodels'' IV2SLS)';

-- the same on a table's rows, for robust and cluster-robust standard errors (iv_table.c)
CREATE FUNCTION causal.iv_2sls(relation regclass, outcome text, treatment text[], instruments text[],
                               covariates text[] DEFAULT NULL, vcov text DEFAULT NULL, cluster text DEFAULT NULL,
                               OUT term text, OUT estimate float8, OUT std_error float8,
                               OUT t_value float8, OUT p_value float8, OUT df_resid float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'causal_iv_2sls_table'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER ROWS 5
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.iv_2sls(regclass, text, text[], text[], text[], text, text) IS
  'two-stage least squares of outcome on the endogenous treatment columns and the covariates, instrumented by instruments, on the table''s rows; vcov classical, HC0, HC1 (default), HC3 or cluster (the default with a cluster column), as R''s sandwich on AER::ivreg';

CREATE FUNCTION causal.iv_first_stage(m causal.moments, d int[], z int[], x int[] DEFAULT '{}',
                                      names text[] DEFAULT NULL,
                                      OUT endogenous text, OUT f_statistic float8, OUT df1 float8,
                                      OUT df2 float8, OUT p_value float8, OUT partial_r2 float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'moments_iv_first_stage'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 2;
COMMENT ON FUNCTION causal.iv_first_stage(causal.moments, int[], int[], int[], text[]) IS
  'the first stage of 2SLS per endogenous column: F statistic, degrees of freedom and p-value of the excluded instruments, and their partial R2';

CREATE FUNCTION causal.frontdoor_linear(m causal.moments, y int, x int, mediators int[], names text[] DEFAULT NULL,
                                        OUT estimate float8, OUT std_error float8, OUT z_value float8,
                                        OUT p_value float8, OUT n bigint)
    RETURNS record
    AS 'MODULE_PATHNAME', 'moments_frontdoor_linear'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.frontdoor_linear(causal.moments, int, int, int[], text[]) IS
  'the linear front-door estimate of the effect of column x on y through the mediators (a front-door set), sum_j a_j b_j from the sketch, with a delta-method standard error';

CREATE FUNCTION causal.frontdoor_linear(m causal.moments, y text, x text, mediators text[],
                                        OUT estimate float8, OUT std_error float8, OUT z_value float8,
                                        OUT p_value float8, OUT n bigint)
    RETURNS record
    LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM causal.frontdoor_linear(m, (causal.column_positions(m, ARRAY[y]))[1],
                                          (causal.column_positions(m, ARRAY[x]))[1],
                                          causal.column_positions(m, mediators))
$$;
COMMENT ON FUNCTION causal.frontdoor_linear(causal.moments, text, text, text[]) IS
  'the linear front-door estimate from a named sketch, with the outcome, treatment and mediators given by name';

CREATE FUNCTION causal.ida(m causal.moments, g causal.graph, treatment text, outcome text, names text[] DEFAULT NULL)
    RETURNS TABLE (parents text[], effect float8)
    AS 'MODULE_PATHNAME', 'moments_ida'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 4;
COMMENT ON FUNCTION causal.ida(causal.moments, causal.graph, text, text, text[]) IS
  'IDA (Maathuis et al. 2009, local method): the possible total effects of treatment on outcome in a CPDAG, one per locally valid parent set, from the sketch (names: the sketch''s columns; by default the names a named sketch carries)';
