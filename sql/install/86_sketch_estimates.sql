-- Estimates from a moment sketch: two-stage least squares, its first stage, and IDA.

CREATE FUNCTION causal.iv_2sls(m causal.moments, y int, d int[], z int[], x int[] DEFAULT '{}',
                               names text[] DEFAULT NULL,
                               OUT term text, OUT estimate float8, OUT std_error float8,
                               OUT t_value float8, OUT p_value float8, OUT df_resid float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'moments_iv_2sls'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION causal.iv_2sls(causal.moments, int, int[], int[], int[], text[]) IS
  'two-stage least squares of column y on the endogenous columns d and exogenous x, instrumented by z, from the sketch (classical standard errors, as statsmodels'' IV2SLS)';

CREATE FUNCTION causal.iv_first_stage(m causal.moments, d int[], z int[], x int[] DEFAULT '{}',
                                      names text[] DEFAULT NULL,
                                      OUT endogenous text, OUT f_statistic float8, OUT df1 float8,
                                      OUT df2 float8, OUT p_value float8, OUT partial_r2 float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'moments_iv_first_stage'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 2;
COMMENT ON FUNCTION causal.iv_first_stage(causal.moments, int[], int[], int[], text[]) IS
  'the first stage of 2SLS per endogenous column: F statistic, degrees of freedom and p-value of the excluded instruments, and their partial R2';

CREATE FUNCTION causal.ida(m causal.moments, g causal.graph, treatment text, outcome text, names text[])
    RETURNS TABLE (parents text[], effect float8)
    AS 'MODULE_PATHNAME', 'moments_ida'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 4;
COMMENT ON FUNCTION causal.ida(causal.moments, causal.graph, text, text, text[]) IS
  'IDA (Maathuis et al. 2009, local method): the possible total effects of treatment on outcome in a CPDAG, one per locally valid parent set, from the sketch (names: the sketch''s columns)';
