-- Weighting: inverse probability weights from the propensity model.

CREATE FUNCTION causal.ipw_weights(relation regclass, treatment text, covariates text[],
                                   id_column text, estimand text, stabilize boolean, ridge float8,
                                   trim_at float8, ps_clip float8)
    RETURNS TABLE (id causal.id, weight float8)
    AS 'MODULE_PATHNAME', 'causal_ipw_weights'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.ipw_weights(regclass, text, text[], text, text, boolean, float8, float8, float8) IS
  'inverse probability weights per row; the body of causal.weights(method => ''ipw'')';

CREATE FUNCTION causal.balancing_weights(relation regclass, treatment text, covariates text[], id text,
                                         method text, estimand text, moments int, trim_at float8,
                                         options jsonb)
    RETURNS TABLE (id causal.id, weight float8, info jsonb)
    AS 'MODULE_PATHNAME', 'causal_balancing_weights'
    LANGUAGE C STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.balancing_weights(regclass, text, text[], text, text, text, int, float8, jsonb) IS
  'covariate-balancing weights per row (ebal, ipm_mmd, ipm_energy, ipm_sigmoid) with a report of the fit on the first row; the body of causal.weights for those methods';

-- Raises an error unless the weighting method is available.
CREATE FUNCTION causal.check_weighting_method(method text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- option values are case-insensitive; blanks around them do not count
    method := lower(btrim(method));
    IF method IS NULL THEN
        PERFORM causal.raise_error('null_value_not_allowed',
            'weighting method must not be NULL',
            'Methods: ipw, ebal, ipm_mmd, ipm_energy, ipm_sigmoid.');
    END IF;
    IF method NOT IN ('ipw', 'ebal', 'ipm_mmd', 'ipm_energy', 'ipm_sigmoid') THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('unknown weighting method "%s"', method),
            'Methods: ipw, ebal, ipm_mmd, ipm_energy, ipm_sigmoid.');
    END IF;
    RETURN true;
END;
$$;
COMMENT ON FUNCTION causal.check_weighting_method(text) IS
  'raises an error unless the weighting method is available';

CREATE FUNCTION causal.weights_info(relation regclass, treatment text, covariates text[], id text,
                                    method text, estimand text, stabilize boolean, ridge float8,
                                    moments int, trim_at float8, ps_clip float8, options jsonb)
    RETURNS TABLE (id causal.id, weight float8, info jsonb)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT w.*, NULL::jsonb FROM causal.ipw_weights($1, $2, $3, $4, $6, $7, $8, $10, $11) w
     WHERE causal.check_weighting_method($5) AND lower(btrim($5)) = 'ipw'
    UNION ALL
    SELECT w.* FROM causal.balancing_weights($1, $2, $3, $4, $5, $6, $9, $10, $12) w
     WHERE causal.check_weighting_method($5) AND lower(btrim($5)) <> 'ipw'
$$;
COMMENT ON FUNCTION causal.weights_info(regclass, text, text[], text, text, text, boolean, float8, int, float8, float8, jsonb) IS
  'weights per row with the fit report of the balancing methods (first row); the body of causal.weights and causal.weighting_effect';

CREATE FUNCTION causal.weights(relation regclass, treatment text, covariates text[], id text,
                               method text DEFAULT 'ipw', estimand text DEFAULT 'ATE',
                               stabilize boolean DEFAULT false, ridge float8 DEFAULT 0,
                               moments int DEFAULT 1, trim_at float8 DEFAULT NULL,
                               ps_clip float8 DEFAULT NULL, options jsonb DEFAULT NULL)
    RETURNS TABLE (id causal.id, weight float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT w.id, w.weight FROM causal.weights_info($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) w
$$;
COMMENT ON FUNCTION causal.weights(regclass, text, text[], text, text, text, boolean, float8, int, float8, float8, jsonb) IS
  'weights per row (id, weight) for the ATE, ATT or ATC: inverse probability (ipw), entropy balancing (ebal), or IPM balancing (ipm_mmd, ipm_energy, ipm_sigmoid)';

CREATE FUNCTION causal.weighting_bootstrap(relation regclass, outcome text, treatment text, covariates text[],
                                           id text, method text, estimand text, stabilize boolean, ridge float8,
                                           moments int, trim_at float8, ps_clip float8, options jsonb,
                                           augmented boolean, n_boot int, seed bigint)
    RETURNS float8[]
    AS 'MODULE_PATHNAME', 'causal_weighting_bootstrap'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.weighting_bootstrap(regclass, text, text, text[], text, text, text, boolean, float8, int, float8, float8, jsonb, boolean, int, bigint) IS
  'the bootstrap replicate estimates of causal.weighting_effect (rows resampled by seeded hash draws, weights re-estimated), computed in memory';

CREATE FUNCTION causal.weighting_effect(relation regclass, outcome text, treatment text,
                                        covariates text[], id text, method text DEFAULT 'ipw',
                                        estimand text DEFAULT 'ATE', stabilize boolean DEFAULT false,
                                        ridge float8 DEFAULT 0, alpha float8 DEFAULT 0.05,
                                        moments int DEFAULT 1, trim_at float8 DEFAULT NULL,
                                        ps_clip float8 DEFAULT NULL, options jsonb DEFAULT NULL,
                                        augmented boolean DEFAULT false, n_boot int DEFAULT 0,
                                        seed bigint DEFAULT 42, cluster text DEFAULT NULL)
    RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'causal_weighting_effect'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.weighting_effect(regclass, text, text, text[], text, text, text, boolean, float8, float8, int, float8, float8, jsonb, boolean, int, bigint, text) IS
  'weighted effect (inverse probability, entropy balancing or IPM balancing weights; optionally augmented by an OLS outcome model) with a robust standard error, as a causal.effect row';

-- A composable effect aggregate: join weights (or matched rows) back to a table and estimate in SQL.
-- State per arm: sum w, sum w y, sum w^2, sum w^2 y, sum w^2 y^2, rows of positive weight (treated first).
CREATE FUNCTION causal.weighted_effect_accum(state float8[], outcome float8, treated boolean, weight float8)
    RETURNS float8[]
    AS 'MODULE_PATHNAME', 'weighted_effect_accum'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.weighted_effect_accum(float8[], float8, boolean, float8) IS
  'transition function of causal.weighted_effect';

CREATE FUNCTION causal.weighted_effect_combine(a float8[], b float8[]) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'weighted_effect_combine'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.weighted_effect_combine(float8[], float8[]) IS
  'combine function of causal.weighted_effect';

CREATE FUNCTION causal.weighted_effect_final(s float8[]) RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'weighted_effect_final'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.weighted_effect_final(float8[]) IS 'final function of causal.weighted_effect';

CREATE AGGREGATE causal.weighted_effect(outcome float8, treated boolean, weight float8) (
    SFUNC = causal.weighted_effect_accum,
    STYPE = float8[],
    INITCOND = '{0,0,0,0,0,0,0,0,0,0,0,0}',
    FINALFUNC = causal.weighted_effect_final,
    COMBINEFUNC = causal.weighted_effect_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.weighted_effect(float8, boolean, float8) IS
  'difference of weighted outcome means, treated minus control, with an HC0 standard error, as a causal.effect';

-- The same with a cluster-robust standard error (weighted_effect.c): cluster by matched pair or
-- subclass (causal.match's subclass column), or any unit id.
CREATE FUNCTION causal.weighted_effect_cluster_accum(state float8[], outcome float8, treated boolean, weight float8,
                                                     cluster bigint)
    RETURNS float8[]
    AS 'MODULE_PATHNAME', 'weighted_effect_cluster_accum'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.weighted_effect_cluster_accum(float8[], float8, boolean, float8, bigint) IS
  'transition function of causal.weighted_effect with a cluster';

CREATE FUNCTION causal.weighted_effect_cluster_combine(a float8[], b float8[]) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'weighted_effect_cluster_combine'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.weighted_effect_cluster_combine(float8[], float8[]) IS
  'combine function of causal.weighted_effect with a cluster';

CREATE FUNCTION causal.weighted_effect_cluster_final(state float8[]) RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'weighted_effect_cluster_final'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.weighted_effect_cluster_final(float8[]) IS
  'final function of causal.weighted_effect with a cluster';

CREATE AGGREGATE causal.weighted_effect(outcome float8, treated boolean, weight float8, cluster bigint) (
    SFUNC = causal.weighted_effect_cluster_accum,
    STYPE = float8[],
    FINALFUNC = causal.weighted_effect_cluster_final,
    COMBINEFUNC = causal.weighted_effect_cluster_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.weighted_effect(float8, boolean, float8, bigint) IS
  'difference of weighted outcome means, treated minus control, with a cluster-robust standard error (sandwich::vcovCL''s default), as a causal.effect';

-- AIPW ---------------------------------------------------------------------

-- Linear predictor of an OLS fit (coefficients from causal.ols) for a row of covariates.
CREATE FUNCTION causal.ols_predict(coefs float8[], x float8[]) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN coefs[1] + (SELECT coalesce(sum(c * v), 0) FROM unnest(coefs[2:], x) AS u(c, v));
COMMENT ON FUNCTION causal.ols_predict(float8[], float8[]) IS
  'intercept + slopes . x for coefficients ordered (intercept, slopes)';

CREATE FUNCTION causal.aipw_effect(relation regclass, outcome text, treatment text, covariates text[],
                                   id text, estimand text DEFAULT 'ATE', ridge float8 DEFAULT 0,
                                   alpha float8 DEFAULT 0.05)
    RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'causal_aipw_effect'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.aipw_effect(regclass, text, text, text[], text, text, float8, float8) IS
  'augmented IPW (doubly robust) ATE or ATT with OLS outcome models per arm, a logistic propensity model and an influence-function standard error';

-- Balance diagnostics ------------------------------------------------------------

CREATE FUNCTION causal.balance(relation regclass, treatment text, covariates text[], weight text DEFAULT NULL,
                               estimand text DEFAULT 'ATT', matches regclass DEFAULT NULL, id text DEFAULT NULL)
    RETURNS TABLE (covariate text, mean_treated float8, mean_control float8, std_mean_diff float8,
                   var_ratio float8, ecdf_mean float8, ecdf_max float8, n_treated bigint, n_control bigint,
                   ess_treated float8, ess_control float8)
    AS 'MODULE_PATHNAME', 'causal_balance'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER ROWS 10
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.balance(regclass, text, text[], text, text, regclass, text) IS
  'covariate balance per covariate (MatchIt''s summary statistics): means, standardized mean difference, variance ratio, eCDF mean and max, optionally weighted by a column or by a matching result (matches: the rows of causal.match, joined on id; unmatched rows weigh 0)';

-- Love plot: absolute (or signed) standardized mean differences per covariate before (unweighted)
-- and after weighting or matching (a weight column, or a matching result keyed by id), as an SVG document.
CREATE FUNCTION causal.love_plot(relation regclass, treatment text, covariates text[], weight text DEFAULT NULL,
                                 estimand text DEFAULT 'ATT', threshold float8 DEFAULT 0.1,
                                 absolute boolean DEFAULT true, matches regclass DEFAULT NULL,
                                 id text DEFAULT NULL)
    RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    rows_svg text := '';
    r record;
    k int := 0;
    nrow int := cardinality(covariates);
    lo float8;
    hi float8;
    left_m int := 170;
    plot_w int := 420;
    top_m int := 50;
    row_h int := 22;
    height int;
    x0 float8;
    esc text;
    before_x float8;
    after_x float8;
    names text[];
    before_smd float8[];
    after_smd float8[];
    step float8;
    t float8;
    ticks_svg text := '';
    title text;
    width int;
BEGIN
    IF weight IS NULL AND matches IS NULL THEN
        PERFORM causal.raise_error('null_value_not_allowed',
            'causal.love_plot: pass weight (a weight column of the relation) or matches and id (a matching result)',
            'For example matches => ''my_matches'', id => ''row_id'' with a table made from causal.match(), or weight => a column of weights.');
    END IF;
    IF threshold IS NULL OR NOT threshold > 0 THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('causal.love_plot: threshold must be positive, got %s', threshold));
    END IF;
    SELECT array_agg(b.covariate ORDER BY b.ord),
           array_agg(CASE WHEN absolute THEN abs(b.std_mean_diff) ELSE b.std_mean_diff END ORDER BY b.ord),
           array_agg(CASE WHEN absolute THEN abs(a.std_mean_diff) ELSE a.std_mean_diff END ORDER BY b.ord)
      INTO names, before_smd, after_smd
      FROM causal.balance(relation, treatment, covariates, NULL, estimand) WITH ORDINALITY b(covariate, mean_treated,
             mean_control, std_mean_diff, var_ratio, ecdf_mean, ecdf_max, n_treated, n_control, ess_treated, ess_control, ord)
      JOIN causal.balance(relation, treatment, covariates, weight, estimand, matches, id) a USING (covariate);
    nrow := cardinality(names);     -- a factor covariate has a row per level
    SELECT least(coalesce(min(least(x, y)), 0), CASE WHEN absolute THEN 0 ELSE -threshold END, 0),
           greatest(coalesce(max(greatest(x, y)), 0), threshold)
      INTO lo, hi FROM unnest(before_smd, after_smd) AS u(x, y);
    hi := hi + 0.05 * (hi - lo);
    IF NOT absolute THEN
        lo := lo - 0.05 * (hi - lo);
    END IF;
    height := top_m + nrow * row_h + 44;
    FOR r IN SELECT * FROM unnest(names, before_smd, after_smd) AS u(covariate, before, after) LOOP
        esc := replace(replace(replace(replace(r.covariate, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;');
        before_x := left_m + plot_w * (coalesce(r.before, 0) - lo) / (hi - lo);
        after_x := left_m + plot_w * (coalesce(r.after, 0) - lo) / (hi - lo);
        rows_svg := rows_svg || format(
            E'  <text x="%s" y="%s" text-anchor="end" font-size="12">%s</text>\n'
            '  <line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#ddd"/>\n'
            '  <circle data-covariate="%s" data-stage="before" data-smd="%s" cx="%s" cy="%s" r="4" fill="white" stroke="#888"/>\n'
            '  <circle data-covariate="%s" data-stage="after" data-smd="%s" cx="%s" cy="%s" r="4" fill="#1f4e79"/>\n',
            left_m - 8, top_m + k * row_h + 4, esc,
            left_m, top_m + k * row_h, left_m + plot_w, top_m + k * row_h,
            esc, r.before, round(before_x::numeric, 2), top_m + k * row_h,
            esc, r.after, round(after_x::numeric, 2), top_m + k * row_h);
        k := k + 1;
    END LOOP;
    x0 := left_m + plot_w * (0 - lo) / (hi - lo);
    -- axis ticks at 1, 2 or 5 times a power of ten, about five of them
    step := power(10, floor(log(greatest((hi - lo) / 5, 1e-12))));
    step := CASE WHEN (hi - lo) / step > 35 THEN 10 * step WHEN (hi - lo) / step > 14 THEN 5 * step
                 WHEN (hi - lo) / step > 7 THEN 2 * step ELSE step END;
    FOR t IN SELECT g * step FROM generate_series(ceil(lo / step)::int, floor(hi / step)::int) g LOOP
        ticks_svg := ticks_svg || format(
            E'  <line x1="%s" y1="%s" x2="%s" y2="%s" stroke="black"/>\n'
            '  <text x="%s" y="%s" font-size="11" text-anchor="middle">%s</text>\n',
            round((left_m + plot_w * (t - lo) / (hi - lo))::numeric, 2), top_m + nrow * row_h - 8,
            round((left_m + plot_w * (t - lo) / (hi - lo))::numeric, 2), top_m + nrow * row_h - 4,
            round((left_m + plot_w * (t - lo) / (hi - lo))::numeric, 2), top_m + nrow * row_h + 10,
            trim_scale(round(t::numeric, 6)));
    END LOOP;
    title := format('Covariate balance: %s standardized mean differences (%s)',
                    CASE WHEN absolute THEN 'absolute' ELSE 'signed' END, estimand);
    -- wide enough for the title (about 7.5 px a character at 14 px) and the plot
    width := greatest(left_m + plot_w + 20, 20 + ceil(7.5 * length(title))::int);
    RETURN format(E'<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="sans-serif">\n'
                  '  <text x="10" y="20" font-size="14">%s</text>\n'
                  '  <line x1="%s" y1="%s" x2="%s" y2="%s" stroke="black"/>\n'
                  '  <line x1="%s" y1="%s" x2="%s" y2="%s" stroke="black"/>\n'
                  '  <line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#c00" stroke-dasharray="4 3"/>\n'
                  '%s'
                  '  <text x="%s" y="%s" font-size="11" fill="#c00" text-anchor="middle">threshold %s</text>\n'
                  '%s'
                  '%s'
                  '  <circle cx="%s" cy="%s" r="4" fill="white" stroke="#888"/><text x="%s" y="%s" font-size="11">before</text>\n'
                  '  <circle cx="%s" cy="%s" r="4" fill="#1f4e79"/><text x="%s" y="%s" font-size="11">after</text>\n'
                  '</svg>\n',
                  width, height, width, height,
                  replace(replace(title, '&', '&amp;'), '<', '&lt;'),
                  x0, top_m - 12, x0, top_m + nrow * row_h - 8,
                  left_m, top_m + nrow * row_h - 8, left_m + plot_w, top_m + nrow * row_h - 8,
                  left_m + plot_w * (threshold - lo) / (hi - lo), top_m - 12, left_m + plot_w * (threshold - lo) / (hi - lo), top_m + nrow * row_h - 8,
                  CASE WHEN absolute THEN '' ELSE format(E'  <line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#c00" stroke-dasharray="4 3"/>\n',
                       left_m + plot_w * (-threshold - lo) / (hi - lo), top_m - 12, left_m + plot_w * (-threshold - lo) / (hi - lo), top_m + nrow * row_h - 8) END,
                  left_m + plot_w * (threshold - lo) / (hi - lo), top_m - 18, threshold,
                  ticks_svg,
                  rows_svg,
                  left_m, height - 8, left_m + 8, height - 4,
                  left_m + 70, height - 8, left_m + 78, height - 4);
END;
$$;
COMMENT ON FUNCTION causal.love_plot(regclass, text, text[], text, text, float8, boolean, regclass, text) IS
  'Love plot as SVG text: standardized mean differences per covariate before and after weighting (weight: a column) or matching (matches: the rows of causal.match, joined on id), with the threshold marked';
