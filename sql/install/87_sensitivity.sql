-- Sensitivity analysis: omitted-variable bias of a regression estimate (sensemakr), from a
-- moment sketch.

CREATE FUNCTION causal.sensitivity_stats(m causal.moments, y int, d int, x int[],
                                         q float8 DEFAULT 1, alpha float8 DEFAULT 0.05,
                                         absorbed float8 DEFAULT 0,
                                         OUT estimate float8, OUT std_error float8, OUT t_value float8,
                                         OUT dof float8, OUT r2yd_x float8, OUT f2yd_x float8,
                                         OUT rv_q float8, OUT rv_qa float8)
    RETURNS record
    AS 'MODULE_PATHNAME', 'sensitivity_stats'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.sensitivity_stats(causal.moments, int, int, int[], float8, float8, float8) IS
  'OLS of column y on d and x from the sketch: the partial R2 of the treatment d and the robustness values RV_q and RV_q,alpha (Cinelli and Hazlett 2020)';

CREATE FUNCTION causal.sensitivity_stats(m causal.moments, y text, d text, x text[],
                                         q float8 DEFAULT 1, alpha float8 DEFAULT 0.05,
                                         absorbed float8 DEFAULT 0,
                                         OUT estimate float8, OUT std_error float8, OUT t_value float8,
                                         OUT dof float8, OUT r2yd_x float8, OUT f2yd_x float8,
                                         OUT rv_q float8, OUT rv_qa float8)
    RETURNS record
    LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM causal.sensitivity_stats(m, (causal.column_positions(m, ARRAY[y]))[1],
                                           (causal.column_positions(m, ARRAY[d]))[1],
                                           causal.column_positions(m, x), q, alpha, absorbed)
$$;
COMMENT ON FUNCTION causal.sensitivity_stats(causal.moments, text, text, text[], float8, float8, float8) IS
  'causal.sensitivity_stats with the outcome, treatment and covariates given by name (a named sketch)';

CREATE FUNCTION causal.ovb_bounds(m causal.moments, y int, d int, x int[], benchmark int,
                                  kd float8[] DEFAULT '{1}', ky float8[] DEFAULT NULL,
                                  alpha float8 DEFAULT 0.05, reduce boolean DEFAULT true,
                                  absorbed float8 DEFAULT 0)
    RETURNS TABLE (kd float8, ky float8, r2dz_x float8, r2yz_dx float8, adjusted_estimate float8,
                   adjusted_se float8, adjusted_t float8, adjusted_lower float8, adjusted_upper float8)
    AS 'MODULE_PATHNAME', 'ovb_bounds'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 3;
COMMENT ON FUNCTION causal.ovb_bounds(causal.moments, int, int, int[], int, float8[], float8[], float8, boolean, float8) IS
  'bounds on the estimate of d for a confounder kd (ky) times as strong as the benchmark covariate (Cinelli and Hazlett 2020, Sec. 6.2), from the sketch';

CREATE FUNCTION causal.ovb_bounds(m causal.moments, y text, d text, x text[], benchmark text,
                                  kd float8[] DEFAULT '{1}', ky float8[] DEFAULT NULL,
                                  alpha float8 DEFAULT 0.05, reduce boolean DEFAULT true,
                                  absorbed float8 DEFAULT 0)
    RETURNS TABLE (kd float8, ky float8, r2dz_x float8, r2yz_dx float8, adjusted_estimate float8,
                   adjusted_se float8, adjusted_t float8, adjusted_lower float8, adjusted_upper float8)
    LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 3
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM causal.ovb_bounds(m, (causal.column_positions(m, ARRAY[y]))[1],
                                    (causal.column_positions(m, ARRAY[d]))[1],
                                    causal.column_positions(m, x),
                                    (causal.column_positions(m, ARRAY[benchmark]))[1],
                                    kd, ky, alpha, reduce, absorbed)
$$;
COMMENT ON FUNCTION causal.ovb_bounds(causal.moments, text, text, text[], text, float8[], float8[], float8, boolean, float8) IS
  'causal.ovb_bounds with the outcome, treatment, covariates and benchmark given by name (a named sketch)';

CREATE FUNCTION causal.evalue(estimate float8, lower float8 DEFAULT NULL, upper float8 DEFAULT NULL,
                              measure text DEFAULT 'RR', rare boolean DEFAULT NULL, se float8 DEFAULT NULL,
                              true_value float8 DEFAULT NULL,
                              OUT rr float8, OUT rr_lower float8, OUT rr_upper float8,
                              OUT evalue float8, OUT evalue_lower float8, OUT evalue_upper float8)
    RETURNS record
    AS 'MODULE_PATHNAME', 'causal_evalue'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.evalue(float8, float8, float8, text, boolean, float8, float8) IS
  'E-values (VanderWeele and Ding 2017) of a risk ratio, odds ratio, hazard ratio or standardized mean difference and of its confidence limit nearer the null, as R''s EValue';
