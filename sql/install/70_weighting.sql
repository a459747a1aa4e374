-- Weighting: inverse probability weights from the propensity model.

CREATE FUNCTION causal.ipw_weights(relation regclass, treatment text, covariates text[],
                                   id_column text, estimand text, stabilize boolean, ridge float8,
                                   trim_at float8, ps_clip float8)
    RETURNS TABLE (id text, weight float8)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
    p_treated float8;
BEGIN
    IF estimand NOT IN ('ATE', 'ATT', 'ATC') THEN
        RAISE EXCEPTION 'estimand must be ATE, ATT or ATC, got "%"', estimand
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF ps_clip IS NOT NULL AND NOT (ps_clip > 0 AND ps_clip < 0.5) THEN
        RAISE EXCEPTION 'ps_clip must be between 0 and 0.5, got %', ps_clip
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'ps_clip => 0.01 clips the propensity scores to [0.01, 0.99].';
    END IF;
    IF trim_at IS NOT NULL AND NOT (trim_at > 0.5 AND trim_at < 1) THEN
        RAISE EXCEPTION 'trim_at must be a quantile between 0.5 and 1, got %', trim_at
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'trim_at => 0.99 caps each group''s weights at their 99th percentile.';
    END IF;
    SELECT * INTO r FROM causal.propensity_rows(relation, treatment, covariates, id_column);
    SELECT avg(t) INTO p_treated FROM unnest(r.y) AS t;
    RETURN QUERY
    WITH u AS (
        SELECT s.i, s.t, least(greatest(s.e, coalesce(ps_clip, 0)), 1 - coalesce(ps_clip, 0)) AS e
          FROM unnest(r.ids, r.y, causal.logistic_scores(r.y, r.x, covariates, ridge)) AS s(i, t, e)),
    raw AS (
        SELECT u.i, u.t,
               CASE estimand
                 WHEN 'ATE' THEN CASE WHEN u.t = 1 THEN (CASE WHEN stabilize THEN p_treated ELSE 1 END) / u.e
                                      ELSE (CASE WHEN stabilize THEN 1 - p_treated ELSE 1 END) / (1 - u.e) END
                 WHEN 'ATT' THEN CASE WHEN u.t = 1 THEN 1 ELSE u.e / (1 - u.e) END
                 ELSE CASE WHEN u.t = 1 THEN (1 - u.e) / u.e ELSE 1 END
               END AS w
          FROM u),
    cap AS (
        SELECT raw.t, percentile_cont(trim_at) WITHIN GROUP (ORDER BY raw.w) AS q
          FROM raw WHERE trim_at IS NOT NULL GROUP BY raw.t)
    SELECT raw.i, CASE WHEN cap.q IS NULL THEN raw.w ELSE least(raw.w, cap.q) END
      FROM raw LEFT JOIN cap ON cap.t = raw.t;
END;
$$;
COMMENT ON FUNCTION causal.ipw_weights(regclass, text, text[], text, text, boolean, float8, float8, float8) IS
  'inverse probability weights per row; the body of causal.weights(method => ''ipw'')';

CREATE FUNCTION causal.balancing_weights(relation regclass, treatment text, covariates text[], id text,
                                         method text, estimand text, moments int, trim_at float8,
                                         options jsonb)
    RETURNS TABLE (id text, weight float8, info jsonb)
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
    IF method IS NULL THEN
        RAISE EXCEPTION 'weighting method must not be NULL'
            USING ERRCODE = 'null_value_not_allowed', HINT = 'Methods: ipw, ebal, ipm_mmd, ipm_energy, ipm_sigmoid.';
    END IF;
    IF method NOT IN ('ipw', 'ebal', 'ipm_mmd', 'ipm_energy', 'ipm_sigmoid') THEN
        RAISE EXCEPTION 'unknown weighting method "%"', method
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Methods: ipw, ebal, ipm_mmd, ipm_energy, ipm_sigmoid.';
    END IF;
    RETURN true;
END;
$$;
COMMENT ON FUNCTION causal.check_weighting_method(text) IS
  'raises an error unless the weighting method is available';

CREATE FUNCTION causal.weights_info(relation regclass, treatment text, covariates text[], id text,
                                    method text, estimand text, stabilize boolean, ridge float8,
                                    moments int, trim_at float8, ps_clip float8, options jsonb)
    RETURNS TABLE (id text, weight float8, info jsonb)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT w.*, NULL::jsonb FROM causal.ipw_weights($1, $2, $3, $4, $6, $7, $8, $10, $11) w
     WHERE causal.check_weighting_method($5) AND $5 = 'ipw'
    UNION ALL
    SELECT w.* FROM causal.balancing_weights($1, $2, $3, $4, $5, $6, $9, $10, $12) w
     WHERE causal.check_weighting_method($5) AND $5 <> 'ipw'
$$;
COMMENT ON FUNCTION causal.weights_info(regclass, text, text[], text, text, text, boolean, float8, int, float8, float8, jsonb) IS
  'weights per row with the fit report of the balancing methods (first row); the body of causal.weights and causal.weighting_effect';

CREATE FUNCTION causal.weights(relation regclass, treatment text, covariates text[], id text,
                               method text DEFAULT 'ipw', estimand text DEFAULT 'ATE',
                               stabilize boolean DEFAULT false, ridge float8 DEFAULT 0,
                               moments int DEFAULT 1, trim_at float8 DEFAULT NULL,
                               ps_clip float8 DEFAULT NULL, options jsonb DEFAULT NULL)
    RETURNS TABLE (id text, weight float8)
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
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    res causal.effect;
    s record;
    z float8 := causal.qnorm(1 - alpha / 2);
    coefs float8[];
    yexpr text;
    boot float8[];
BEGIN
    IF method = 'aipw' THEN
        -- the doubly robust estimator has its own influence-function standard error
        IF n_boot > 0 OR augmented OR stabilize OR trim_at IS NOT NULL OR ps_clip IS NOT NULL OR options IS NOT NULL
           OR cluster IS NOT NULL THEN
            RAISE EXCEPTION 'method aipw takes ridge and alpha only'
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'Bootstrap, trimming, clipping, options, clusters and augmentation apply to the weighting methods.';
        END IF;
        RETURN causal.aipw_effect(relation, outcome, treatment, covariates, id, estimand, ridge, alpha);
    END IF;
    PERFORM causal.check_numeric_columns(relation, ARRAY[outcome]);
    IF cluster IS NOT NULL THEN
        PERFORM causal.check_columns(relation, ARRAY[cluster]);
        IF n_boot > 0 THEN
            RAISE EXCEPTION 'cluster and n_boot cannot be combined'
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'The bootstrap resamples rows, not clusters: use one or the other.';
        END IF;
    END IF;
    IF n_boot < 0 OR n_boot > 10000 THEN
        RAISE EXCEPTION 'n_boot must be between 0 and 10000, got %', n_boot
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    yexpr := format('t.%I::float8', outcome);
    IF augmented THEN
        -- the paper's augmented variant: Y - m(X), m an OLS outcome model of the reference arm
        IF estimand NOT IN ('ATT', 'ATC') THEN
            RAISE EXCEPTION 'augmented weighting is available for the ATT and the ATC, got "%"', estimand
                USING ERRCODE = 'feature_not_supported',
                      HINT = 'For a doubly robust ATE use causal.aipw_effect.';
        END IF;
        PERFORM causal.check_numeric_columns(relation, covariates);
        EXECUTE format('SELECT array_agg(estimate ORDER BY ord) FROM causal.ols(
                          (SELECT causal.moments(t.%I, %s) FROM %s t WHERE (t.%I::text IN (''1'', ''true'')) = %L), 1,
                          ARRAY(SELECT generate_series(2, %s))) WITH ORDINALITY AS o(term, estimate, se, tv, pv, r2, df, n, ord)',
                       outcome, (SELECT string_agg(format('t.%I', c), ', ') FROM unnest(covariates) AS c),
                       relation, treatment, estimand = 'ATC', cardinality(covariates) + 1)
           INTO coefs;
        yexpr := format('(t.%I::float8 - causal.ols_predict(%L::float8[], ARRAY[%s]::float8[]))', outcome, coefs,
                        (SELECT string_agg(format('t.%I', c), ', ') FROM unnest(covariates) AS c));
    END IF;
    -- weighted means per arm, and the HC0 sandwich variance of their difference
    EXECUTE format($q$
        WITH d AS (
            SELECT w.weight AS w, %1$s AS y, (t.%2$I::text IN ('1', 'true')) AS tr, w.info, %17$s AS g
              FROM %3$s t JOIN causal.weights_info(%4$L::regclass, %5$L, %6$L::text[], %7$L, %8$L, %9$L, %10$L, %11$L,
                                                   %13$L, %14$L, %15$L, %16$L) w
                ON w.id = t.%12$I::text
             WHERE %1$s IS NOT NULL),
        m AS (SELECT tr, sum(w * y) / sum(w) AS mean, sum(w) AS sw, sum(w * w) AS sw2, count(*) AS n
                FROM d GROUP BY tr),
        -- per-row scores of the treatment coefficient of lm(y ~ treat, weights = w)
        u AS (SELECT d.g, d.w * (d.y - m.mean) / m.sw * CASE WHEN d.tr THEN 1 ELSE -1 END AS psi
                FROM d JOIN m USING (tr) WHERE d.w > 0)
        SELECT (SELECT mean FROM m WHERE tr) - (SELECT mean FROM m WHERE NOT tr) AS est,
               (SELECT sum(psi * psi) FROM u) AS var,
               (SELECT sum(c * c) FROM (SELECT sum(psi) AS c FROM u GROUP BY g) z) AS cl,
               (SELECT count(DISTINCT g) FROM u) AS ng, (SELECT count(*) FROM u) AS npos,
               (SELECT count(*) FROM d WHERE g IS NULL) AS nog,
               (SELECT n FROM m WHERE tr) AS n1, (SELECT n FROM m WHERE NOT tr) AS n0,
               (SELECT sw * sw / sw2 FROM m WHERE tr) AS ess1, (SELECT sw * sw / sw2 FROM m WHERE NOT tr) AS ess0,
               (SELECT info FROM d WHERE info IS NOT NULL LIMIT 1) AS info,
               (SELECT count(*) FROM d WHERE y IN ('Infinity', '-Infinity', 'NaN')) AS nonfinite
    $q$, yexpr, treatment, relation, relation::text, treatment, covariates, id, method, estimand,
         stabilize, ridge, id, moments, trim_at, ps_clip, options,
         CASE WHEN cluster IS NULL THEN 'NULL::text' ELSE format('t.%I::text', cluster) END)
      INTO s;
    IF s.nonfinite > 0 THEN
        RAISE EXCEPTION 'causal.weighting_effect: outcome column "%" holds NaN or an infinite value (% rows)', outcome, s.nonfinite
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Filter such rows out, or replace the values, in a view.';
    END IF;
    IF s.n1 IS NULL OR s.n0 IS NULL THEN
        RAISE EXCEPTION 'both treatment groups need rows with an outcome'
            USING ERRCODE = 'data_exception';
    END IF;
    IF cluster IS NOT NULL THEN
        IF s.nog > 0 THEN
            RAISE EXCEPTION 'cluster column "%" is NULL in % rows', cluster, s.nog
                USING ERRCODE = 'null_value_not_allowed', HINT = 'Give every row a cluster, or leave such rows out in a view.';
        END IF;
        IF s.ng < 2 THEN
            RAISE EXCEPTION 'cluster column "%" has % cluster(s); a clustered standard error needs at least two', cluster, s.ng
                USING ERRCODE = 'data_exception';
        END IF;
        -- sandwich::vcovCL's default: HC1-type with G/(G - 1), over the rows of positive weight
        s.var := s.cl * s.ng / (s.ng - 1) * (s.npos - 1) / (s.npos - 2);
    END IF;
    res.method := method;
    res.estimand := estimand;
    res.estimate := s.est;
    res.std_error := sqrt(s.var);
    res.ci_lower := s.est - z * res.std_error;
    res.ci_upper := s.est + z * res.std_error;
    res.p_value := 2 * causal.pnorm(-abs(s.est / res.std_error));
    res.n := s.n1 + s.n0;
    res.n_treated := s.n1;
    res.n_control := s.n0;
    IF s.ess1 < 0.1 * s.n1 OR s.ess0 < 0.1 * s.n0 THEN
        RAISE WARNING 'weights are extreme: effective sample size % of % treated, % of % controls',
                      round(s.ess1::numeric, 1), s.n1, round(s.ess0::numeric, 1), s.n0
            USING HINT = 'Poor overlap: check the propensity scores, trim the weights (trim_at => 0.99) or restrict the sample.';
    END IF;
    IF n_boot > 0 THEN
        -- nonparametric bootstrap in C on the rows read once (weighting_boot.c): resamples drawn by
        -- seeded hashes (no global random state), weights and effect re-estimated on each
        boot := causal.weighting_bootstrap(relation, outcome, treatment, covariates, id, method, estimand,
                                           stabilize, ridge, moments, trim_at, ps_clip, options, augmented,
                                           n_boot, seed);
        res.std_error := (SELECT stddev_samp(v) FROM unnest(boot) v);
        res.ci_lower := (SELECT percentile_cont(alpha / 2) WITHIN GROUP (ORDER BY v) FROM unnest(boot) v);
        res.ci_upper := (SELECT percentile_cont(1 - alpha / 2) WITHIN GROUP (ORDER BY v) FROM unnest(boot) v);
        res.p_value := 2 * causal.pnorm(-abs(s.est / res.std_error));
    END IF;
    res.details := jsonb_build_object('weights', CASE method WHEN 'ipw' THEN 'inverse probability (Hajek)'
                                                             WHEN 'ebal' THEN 'entropy balancing'
                                                             ELSE 'IPM balancing' END,
                                      'std_error', CASE WHEN cluster IS NULL THEN 'HC0 sandwich' ELSE 'cluster-robust sandwich (by '
                                                   || cluster || ', HC1-type as sandwich::vcovCL)' END
                                                   || ' of the weighted difference, conditional on the weights'
                                                   || CASE WHEN augmented THEN ' and the outcome model' ELSE '' END,
                                      'clusters', CASE WHEN cluster IS NOT NULL THEN s.ng END,
                                      'ess_treated', s.ess1, 'ess_control', s.ess0, 'stabilized', stabilize,
                                      'ridge', ridge, 'moments', moments, 'trim_at', trim_at, 'ps_clip', ps_clip,
                                      'augmented', augmented, 'outcome_model', coefs,
                                      'extreme_weights', s.ess1 < 0.1 * s.n1 OR s.ess0 < 0.1 * s.n0)
                   || coalesce(jsonb_build_object('fit', s.info), '{}')
                   || CASE WHEN n_boot > 0 THEN jsonb_build_object('bootstrap', jsonb_build_object(
                          'n_boot', n_boot, 'seed', seed, 'std_error', res.std_error,
                          'interval', 'percentile', 'sandwich_std_error', sqrt(s.var), 'estimates', to_jsonb(boot)))
                      ELSE '{}' END;
    IF n_boot > 0 THEN
        res.details := jsonb_set(res.details, '{std_error}', to_jsonb('bootstrap: rows resampled, weights re-estimated'::text));
    END IF;
    RETURN res;
END;
$$;
COMMENT ON FUNCTION causal.weighting_effect(regclass, text, text, text[], text, text, text, boolean, float8, float8, int, float8, float8, jsonb, boolean, int, bigint, text) IS
  'weighted effect (inverse probability, entropy balancing or IPM balancing weights; optionally augmented by an OLS outcome model) with a robust standard error, as a causal.effect row';

-- A composable effect aggregate: join weights (or matched rows) back to a table and estimate in SQL.
-- State per arm: sum w, sum w y, sum w^2, sum w^2 y, sum w^2 y^2, rows (treated first).
CREATE FUNCTION causal.weighted_effect_accum(state float8[], outcome float8, treated boolean, weight float8)
    RETURNS float8[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o int;
BEGIN
    IF outcome IS NULL OR treated IS NULL OR weight IS NULL THEN
        RETURN state;
    END IF;
    IF outcome = 'NaN' OR outcome IN ('Infinity', '-Infinity') OR weight = 'NaN' OR weight IN ('Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'causal.weighted_effect: outcome or weight is NaN or infinite'
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Filter such rows out.';
    END IF;
    IF weight < 0 THEN
        RAISE EXCEPTION 'causal.weighted_effect: negative weight %', weight
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Weights must be zero or positive.';
    END IF;
    o := CASE WHEN treated THEN 0 ELSE 6 END;
    state[o + 1] := state[o + 1] + weight;
    state[o + 2] := state[o + 2] + weight * outcome;
    state[o + 3] := state[o + 3] + weight * weight;
    state[o + 4] := state[o + 4] + weight * weight * outcome;
    state[o + 5] := state[o + 5] + weight * weight * outcome * outcome;
    state[o + 6] := state[o + 6] + 1;
    RETURN state;
END;
$$;
COMMENT ON FUNCTION causal.weighted_effect_accum(float8[], float8, boolean, float8) IS
  'transition function of causal.weighted_effect';

CREATE FUNCTION causal.weighted_effect_combine(a float8[], b float8[]) RETURNS float8[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN ARRAY(SELECT x + y FROM unnest(a, b) AS u(x, y));
COMMENT ON FUNCTION causal.weighted_effect_combine(float8[], float8[]) IS
  'combine function of causal.weighted_effect';

CREATE FUNCTION causal.weighted_effect_final(s float8[]) RETURNS causal.effect
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    res causal.effect;
    m1 float8;
    m0 float8;
    v float8;
BEGIN
    IF NOT (s[1] > 0 AND s[7] > 0) THEN
        RAISE EXCEPTION 'causal.weighted_effect needs rows of positive weight in both arms'
            USING ERRCODE = 'data_exception', HINT = 'Too few rows, or all weights zero in one arm.';
    END IF;
    m1 := s[2] / s[1];
    m0 := s[8] / s[7];
    -- HC0: sum w^2 (y - mean)^2 / (sum w)^2 per arm
    v := greatest(s[5] - 2 * m1 * s[4] + m1 * m1 * s[3], 0) / (s[1] * s[1])
       + greatest(s[11] - 2 * m0 * s[10] + m0 * m0 * s[9], 0) / (s[7] * s[7]);
    res.method := 'weighted difference';
    res.estimate := m1 - m0;
    res.std_error := sqrt(v);
    res.ci_lower := res.estimate - causal.qnorm(0.975) * res.std_error;
    res.ci_upper := res.estimate + causal.qnorm(0.975) * res.std_error;
    res.p_value := 2 * causal.pnorm(-abs(res.estimate / res.std_error));
    res.n_treated := s[6]::bigint;
    res.n_control := s[12]::bigint;
    res.n := res.n_treated + res.n_control;
    res.details := jsonb_build_object('std_error', 'HC0 sandwich, conditional on the weights',
                                      'ess_treated', s[1] * s[1] / s[3], 'ess_control', s[7] * s[7] / s[9]);
    RETURN res;
END;
$$;
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
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    res causal.effect;
    b1 float8[];
    b0 float8[];
    coefs float8[];
    arm int;
    s record;
    cols text := (SELECT string_agg(format('%I', c), ', ') FROM unnest(covariates) AS c);
    xs text := (SELECT format('ARRAY[%s]::float8[]', string_agg(format('t.%I', c), ', ')) FROM unnest(covariates) AS c);
    is_treated text := format('(t.%I::text IN (''1'', ''true''))', treatment);
    z float8 := causal.qnorm(1 - alpha / 2);
BEGIN
    IF estimand NOT IN ('ATE', 'ATT') THEN
        RAISE EXCEPTION 'AIPW estimand must be ATE or ATT, got "%"', estimand
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM causal.check_numeric_columns(relation, ARRAY[outcome]);
    PERFORM causal.check_numeric_columns(relation, covariates);
    -- outcome regressions per arm, from one moment sketch each
    FOR arm IN 0 .. 1 LOOP
        EXECUTE format('SELECT array_agg(estimate ORDER BY ord) FROM causal.ols(
                          (SELECT causal.moments(t.%I, %s) FROM %s t WHERE %s = %L), 1,
                          ARRAY(SELECT generate_series(2, %s))) WITH ORDINALITY AS o(term, estimate, se, tv, pv, r2, df, n, ord)',
                       outcome, (SELECT string_agg(format('t.%I', c), ', ') FROM unnest(covariates) AS c),
                       relation, is_treated, arm = 1, cardinality(covariates) + 1)
           INTO coefs;
        IF arm = 1 THEN
            b1 := coefs;
        ELSE
            b0 := coefs;
        END IF;
    END LOOP;
    -- the efficient influence function of the ATE, per row
    EXECUTE format($q$
        WITH d AS (
            SELECT t.%1$I::float8 AS y, %2$s AS tr, p.score AS e,
                   causal.ols_predict(%3$L::float8[], %4$s) AS m1,
                   causal.ols_predict(%5$L::float8[], %4$s) AS m0
              FROM %6$s t JOIN causal.propensity(%7$L::regclass, %8$L, %9$L::text[], %10$L, %11$L) p
                ON p.id = t.%10$I::text
             WHERE t.%1$I IS NOT NULL),
        s AS (SELECT tr, m1 - m0 + CASE WHEN tr THEN (y - m1) / e ELSE -(y - m0) / (1 - e) END AS v,
                     CASE WHEN tr THEN y - m0 ELSE -e / (1 - e) * (y - m0) END AS num FROM d),
        a AS (SELECT sum(num) / count(*) FILTER (WHERE tr) AS att, avg(tr::int) AS p1 FROM s)
        SELECT CASE WHEN %12$L = 'ATE' THEN avg(v) ELSE max(a.att) END AS est,
               CASE WHEN %12$L = 'ATE' THEN stddev_samp(v)
                    ELSE stddev_samp((num - tr::int * a.att) / a.p1) END / sqrt(count(*)) AS se,
               count(*) AS n, count(*) FILTER (WHERE tr) AS n1, count(*) FILTER (WHERE NOT tr) AS n0
          FROM s, a
    $q$, outcome, is_treated, b1, xs, b0, relation, relation::text, treatment, covariates, id, ridge, estimand)
      INTO s;
    res.method := 'aipw';
    res.estimand := estimand;
    res.estimate := s.est;
    res.std_error := s.se;
    res.ci_lower := s.est - z * s.se;
    res.ci_upper := s.est + z * s.se;
    res.p_value := 2 * causal.pnorm(-abs(s.est / s.se));
    res.n := s.n;
    res.n_treated := s.n1;
    res.n_control := s.n0;
    res.details := jsonb_build_object('outcome_model', 'OLS per arm', 'propensity_model', 'logistic',
                                      'std_error', 'influence function', 'ridge', ridge);
    RETURN res;
END;
$$;
COMMENT ON FUNCTION causal.aipw_effect(regclass, text, text, text[], text, text, float8, float8) IS
  'augmented IPW (doubly robust) ATE or ATT with OLS outcome models per arm, a logistic propensity model and an influence-function standard error';

-- Balance diagnostics ------------------------------------------------------------

CREATE FUNCTION causal.balance(relation regclass, treatment text, covariates text[], weight text DEFAULT NULL,
                               estimand text DEFAULT 'ATT')
    RETURNS TABLE (covariate text, mean_treated float8, mean_control float8, std_mean_diff float8,
                   var_ratio float8, ecdf_mean float8, ecdf_max float8, n_treated bigint, n_control bigint,
                   ess_treated float8, ess_control float8)
    AS 'MODULE_PATHNAME', 'causal_balance'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER ROWS 10
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.balance(regclass, text, text[], text, text) IS
  'covariate balance per covariate (MatchIt''s summary statistics): means, standardized mean difference, variance ratio, eCDF mean and max, optionally weighted by a column';

-- Love plot: absolute (or signed) standardized mean differences per covariate before (unweighted)
-- and after weighting or matching (the weight column; 0 for unmatched rows), as an SVG document.
CREATE FUNCTION causal.love_plot(relation regclass, treatment text, covariates text[], weight text,
                                 estimand text DEFAULT 'ATT', threshold float8 DEFAULT 0.1,
                                 absolute boolean DEFAULT true)
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
    top_m int := 40;
    row_h int := 22;
    height int;
    x0 float8;
    esc text;
    before_x float8;
    after_x float8;
    names text[];
    before_smd float8[];
    after_smd float8[];
BEGIN
    IF weight IS NULL THEN
        RAISE EXCEPTION 'causal.love_plot: weight must name the weight column of the weighted or matched rows'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Join causal.weights() or causal.match() back to the table (weight 0 for unmatched rows).';
    END IF;
    IF threshold IS NULL OR NOT threshold > 0 THEN
        RAISE EXCEPTION 'causal.love_plot: threshold must be positive, got %', threshold
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT array_agg(b.covariate ORDER BY b.ord),
           array_agg(CASE WHEN absolute THEN abs(b.std_mean_diff) ELSE b.std_mean_diff END ORDER BY b.ord),
           array_agg(CASE WHEN absolute THEN abs(a.std_mean_diff) ELSE a.std_mean_diff END ORDER BY b.ord)
      INTO names, before_smd, after_smd
      FROM causal.balance(relation, treatment, covariates, NULL, estimand) WITH ORDINALITY b(covariate, mean_treated,
             mean_control, std_mean_diff, var_ratio, ecdf_mean, ecdf_max, n_treated, n_control, ess_treated, ess_control, ord)
      JOIN causal.balance(relation, treatment, covariates, weight, estimand) a USING (covariate);
    SELECT least(coalesce(min(least(x, y)), 0), CASE WHEN absolute THEN 0 ELSE -threshold END, 0),
           greatest(coalesce(max(greatest(x, y)), 0), threshold)
      INTO lo, hi FROM unnest(before_smd, after_smd) AS u(x, y);
    hi := hi + 0.05 * (hi - lo);
    IF NOT absolute THEN
        lo := lo - 0.05 * (hi - lo);
    END IF;
    height := top_m + nrow * row_h + 40;
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
    RETURN format(E'<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="sans-serif">\n'
                  '  <text x="%s" y="20" font-size="14">Covariate balance (%s standardized mean differences, %s)</text>\n'
                  '  <line x1="%s" y1="%s" x2="%s" y2="%s" stroke="black"/>\n'
                  '  <line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#c00" stroke-dasharray="4 3"/>\n'
                  '%s'
                  '%s'
                  '  <text x="%s" y="%s" font-size="11">0</text>\n'
                  '  <text x="%s" y="%s" font-size="11">%s</text>\n'
                  '  <circle cx="%s" cy="%s" r="4" fill="white" stroke="#888"/><text x="%s" y="%s" font-size="11">before</text>\n'
                  '  <circle cx="%s" cy="%s" r="4" fill="#1f4e79"/><text x="%s" y="%s" font-size="11">after</text>\n'
                  '</svg>\n',
                  left_m + plot_w + 20, height, left_m + plot_w + 20, height,
                  left_m, CASE WHEN absolute THEN 'absolute' ELSE 'signed' END, estimand,
                  x0, top_m - 12, x0, top_m + nrow * row_h,
                  left_m + plot_w * (threshold - lo) / (hi - lo), top_m - 12, left_m + plot_w * (threshold - lo) / (hi - lo), top_m + nrow * row_h,
                  CASE WHEN absolute THEN '' ELSE format(E'  <line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#c00" stroke-dasharray="4 3"/>\n',
                       left_m + plot_w * (-threshold - lo) / (hi - lo), top_m - 12, left_m + plot_w * (-threshold - lo) / (hi - lo), top_m + nrow * row_h) END,
                  rows_svg,
                  x0 - 3, top_m + nrow * row_h + 16,
                  left_m + plot_w * (threshold - lo) / (hi - lo) - 8, top_m + nrow * row_h + 16, threshold,
                  left_m, height - 8, left_m + 8, height - 4,
                  left_m + 70, height - 8, left_m + 78, height - 4);
END;
$$;
COMMENT ON FUNCTION causal.love_plot(regclass, text, text[], text, text, float8, boolean) IS
  'Love plot as SVG text: standardized mean differences per covariate before and after weighting or matching, with the threshold marked';
