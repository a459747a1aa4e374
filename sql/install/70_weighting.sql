-- Weighting: inverse probability weights from the propensity model.

CREATE FUNCTION causal.ipw_weights(relation regclass, treatment text, covariates text[],
                                   id_column text, estimand text, stabilize boolean, ridge float8)
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
    SELECT * INTO r FROM causal.propensity_rows(relation, treatment, covariates, id_column);
    SELECT avg(t) INTO p_treated FROM unnest(r.y) AS t;
    RETURN QUERY
    SELECT u.i,
           CASE estimand
             WHEN 'ATE' THEN CASE WHEN u.t = 1 THEN (CASE WHEN stabilize THEN p_treated ELSE 1 END) / u.e
                                  ELSE (CASE WHEN stabilize THEN 1 - p_treated ELSE 1 END) / (1 - u.e) END
             WHEN 'ATT' THEN CASE WHEN u.t = 1 THEN 1 ELSE u.e / (1 - u.e) END
             ELSE CASE WHEN u.t = 1 THEN (1 - u.e) / u.e ELSE 1 END
           END
      FROM unnest(r.ids, r.y, causal.logistic_scores(r.y, r.x, covariates, ridge)) AS u(i, t, e);
END;
$$;
COMMENT ON FUNCTION causal.ipw_weights(regclass, text, text[], text, text, boolean, float8) IS
  'inverse probability weights per row; the body of causal.weights(method => ''ipw'')';

-- Raises an error unless the weighting method is available.
CREATE FUNCTION causal.check_weighting_method(method text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF method <> 'ipw' THEN
        RAISE EXCEPTION 'weighting method "%" is not available yet', method
            USING ERRCODE = 'feature_not_supported', HINT = 'This release has method => ''ipw''.';
    END IF;
    RETURN true;
END;
$$;
COMMENT ON FUNCTION causal.check_weighting_method(text) IS
  'raises an error unless the weighting method is available';

CREATE FUNCTION causal.weights(relation regclass, treatment text, covariates text[], id text,
                               method text DEFAULT 'ipw', estimand text DEFAULT 'ATE',
                               stabilize boolean DEFAULT false, ridge float8 DEFAULT 0)
    RETURNS TABLE (id text, weight float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT w.* FROM causal.ipw_weights($1, $2, $3, $4, $6, $7, $8) w
     WHERE causal.check_weighting_method($5)
$$;
COMMENT ON FUNCTION causal.weights(regclass, text, text[], text, text, text, boolean, float8) IS
  'weights per row (id, weight): inverse probability weights for the ATE, ATT or ATC (method ipw) from a logistic propensity model';

CREATE FUNCTION causal.weighting_effect(relation regclass, outcome text, treatment text,
                                        covariates text[], id text, method text DEFAULT 'ipw',
                                        estimand text DEFAULT 'ATE', stabilize boolean DEFAULT false,
                                        ridge float8 DEFAULT 0, alpha float8 DEFAULT 0.05)
    RETURNS causal.effect
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    res causal.effect;
    s record;
    z float8 := causal.qnorm(1 - alpha / 2);
BEGIN
    PERFORM causal.check_numeric_columns(relation, ARRAY[outcome]);
    -- weighted means per arm, and the HC0 sandwich variance of their difference
    EXECUTE format($q$
        WITH d AS (
            SELECT w.weight AS w, t.%1$I::float8 AS y,
                   (t.%2$I::text IN ('1', 'true')) AS tr
              FROM %3$s t JOIN causal.weights(%4$L::regclass, %5$L, %6$L::text[], %7$L, %8$L, %9$L, %10$L, %11$L) w
                ON w.id = t.%12$I::text
             WHERE t.%1$I IS NOT NULL),
        m AS (SELECT tr, sum(w * y) / sum(w) AS mean, sum(w) AS sw, sum(w * w) AS sw2, count(*) AS n
                FROM d GROUP BY tr)
        SELECT (SELECT mean FROM m WHERE tr) - (SELECT mean FROM m WHERE NOT tr) AS est,
               (SELECT sum(d.w * d.w * (d.y - m.mean) ^ 2 / (m.sw * m.sw)) FROM d JOIN m USING (tr)) AS var,
               (SELECT n FROM m WHERE tr) AS n1, (SELECT n FROM m WHERE NOT tr) AS n0,
               (SELECT sw * sw / sw2 FROM m WHERE tr) AS ess1, (SELECT sw * sw / sw2 FROM m WHERE NOT tr) AS ess0
    $q$, outcome, treatment, relation, relation::text, treatment, covariates, id, method, estimand,
         stabilize, ridge, id)
      INTO s;
    IF s.n1 IS NULL OR s.n0 IS NULL THEN
        RAISE EXCEPTION 'both treatment groups need rows with an outcome'
            USING ERRCODE = 'data_exception';
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
    res.details := jsonb_build_object('weights', 'inverse probability (Hajek)', 'std_error', 'HC0 sandwich of the weighted difference, conditional on the weights',
                                      'ess_treated', s.ess1, 'ess_control', s.ess0, 'stabilized', stabilize,
                                      'ridge', ridge);
    RETURN res;
END;
$$;
COMMENT ON FUNCTION causal.weighting_effect(regclass, text, text, text[], text, text, text, boolean, float8, float8) IS
  'inverse-probability-weighted effect (Hajek) with a robust standard error, as a causal.effect row';
