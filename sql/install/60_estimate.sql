-- Estimation: the propensity model (logistic regression by IRLS).

CREATE FUNCTION causal.logistic_fit(y float8[], x float8[], names text[] DEFAULT NULL,
                                    ridge float8 DEFAULT 0,
                                    OUT term text, OUT estimate float8, OUT std_error float8,
                                    OUT z_value float8, OUT p_value float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'logistic_fit_sql'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION causal.logistic_fit(float8[], float8[], text[], float8) IS
  'logistic regression of a 0/1 y on the n x p array x (intercept added), optional ridge on the slopes';

CREATE FUNCTION causal.logistic_scores(y float8[], x float8[], names text[] DEFAULT NULL,
                                       ridge float8 DEFAULT 0)
    RETURNS float8[]
    AS 'MODULE_PATHNAME', 'logistic_scores_sql'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.logistic_scores(float8[], float8[], text[], float8) IS
  'fitted probabilities of the logistic regression, in row order';

-- The rows of a propensity model: treatment as 0/1, covariates, ids; checks the treatment is binary.
CREATE FUNCTION causal.propensity_rows(relation regclass, treatment text, covariates text[],
                                       id text DEFAULT NULL,
                                       OUT y float8[], OUT x float8[], OUT ids text[])
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    found text;
BEGIN
    PERFORM causal.check_columns(relation, CASE WHEN id IS NULL THEN ARRAY[treatment] ELSE ARRAY[treatment, id] END);
    PERFORM causal.check_numeric_columns(relation, covariates);
    EXECUTE format('SELECT string_agg(DISTINCT v, '', '') FROM (SELECT %I::text AS v FROM %s WHERE %I IS NOT NULL) s
                     WHERE v NOT IN (''0'', ''1'', ''true'', ''false'')',
                   treatment, relation, treatment)
       INTO found;
    IF found IS NOT NULL THEN
        RAISE EXCEPTION 'treatment column "%" is not binary: it has the values %', treatment, found
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The treatment must be 0/1 or boolean.';
    END IF;
    EXECUTE format('SELECT array_agg(CASE WHEN %1$I::text IN (''1'', ''true'') THEN 1.0 ELSE 0.0 END::float8),
                           array_agg(ARRAY[%2$s]::float8[]), array_agg(%3$s)
                      FROM %4$s WHERE %1$I IS NOT NULL AND %5$s',
                   treatment,
                   (SELECT string_agg(format('%I', c), ', ') FROM unnest(covariates) AS c),
                   CASE WHEN id IS NULL THEN 'NULL::text' ELSE format('%I::text', id) END,
                   relation,
                   (SELECT string_agg(format('%I IS NOT NULL', c), ' AND ') FROM unnest(covariates) AS c))
       INTO y, x, ids;
    IF y IS NULL THEN
        RAISE EXCEPTION '% has no rows without NULLs in the treatment and covariates', relation
            USING ERRCODE = 'data_exception', HINT = 'Rows with a NULL are skipped.';
    END IF;
END;
$$;
COMMENT ON FUNCTION causal.propensity_rows(regclass, text, text[], text) IS
  'the treatment (0/1), covariate matrix and ids of a propensity model, rows with NULLs skipped';

CREATE FUNCTION causal.propensity_model(relation regclass, treatment text, covariates text[],
                                        ridge float8 DEFAULT 0)
    RETURNS TABLE (term text, estimate float8, std_error float8, z_value float8, p_value float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT f.* FROM causal.propensity_rows(relation, treatment, covariates) r,
                    causal.logistic_fit(r.y, r.x, covariates, ridge) f
$$;
COMMENT ON FUNCTION causal.propensity_model(regclass, text, text[], float8) IS
  'logistic propensity model of a binary treatment: coefficients with standard errors (intercept as term ''intercept'')';

CREATE FUNCTION causal.propensity(relation regclass, treatment text, covariates text[], id text,
                                  ridge float8 DEFAULT 0)
    RETURNS TABLE (id text, score float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT u.i, u.s
      FROM causal.propensity_rows(relation, treatment, covariates, id) r,
           unnest(r.ids, causal.logistic_scores(r.y, r.x, covariates, ridge)) AS u(i, s)
$$;
COMMENT ON FUNCTION causal.propensity(regclass, text, text[], text, float8) IS
  'propensity scores per row, keyed by the id column (rows with NULLs skipped)';

-- Matching -----------------------------------------------------------------------

CREATE FUNCTION causal.match(relation regclass, treatment text, covariates text[], id text,
                             method text DEFAULT 'nearest', distance text DEFAULT 'glm',
                             estimand text DEFAULT 'ATT', ratio int DEFAULT 1, replace boolean DEFAULT false,
                             caliper float8 DEFAULT NULL, std_caliper boolean DEFAULT true,
                             exact text[] DEFAULT NULL, m_order text DEFAULT NULL, discard text DEFAULT 'none',
                             seed int DEFAULT NULL, options jsonb DEFAULT NULL)
    RETURNS TABLE (id text, treated boolean, weight float8, subclass bigint, distance float8)
    AS 'MODULE_PATHNAME', 'causal_match'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER ROWS 1000;
COMMENT ON FUNCTION causal.match(regclass, text, text[], text, text, text, text, int, boolean, float8, boolean, text[], text, text, int, jsonb) IS
  'matching (nearest neighbour on a propensity or covariate distance, exact, coarsened exact, propensity subclasses): the matched rows with MatchIt''s weights, subclasses and distance';

-- The effect after matching: lm(outcome ~ treat, weights) on the matched rows, as MatchIt's
-- vignettes estimate it, with a cluster-robust (by pair or subclass) or heteroskedasticity-
-- robust standard error.  The treatment coefficient is the weighted difference of means;
-- with psi_i = w_i (y_i - mean of its arm) (t_i / S1 - (1 - t_i) / S0), S_arm the arm's
-- weight, the sandwich variances are sum psi^2 (HC0), times n / (n - 2) (HC1), sum
-- (psi / (1 - h))^2 with h_i = w_i / S_arm (HC3), and G/(G-1) (n-1)/(n-2) sum_g (sum psi)^2
-- over subclasses g (cluster; sandwich::vcovCL's default, statsmodels' cluster).
CREATE FUNCTION causal.match_effect(relation regclass, outcome text, treatment text, covariates text[], id text,
                                    method text DEFAULT 'nearest', distance text DEFAULT 'glm',
                                    estimand text DEFAULT 'ATT', ratio int DEFAULT 1, replace boolean DEFAULT false,
                                    caliper float8 DEFAULT NULL, std_caliper boolean DEFAULT true,
                                    exact text[] DEFAULT NULL, m_order text DEFAULT NULL,
                                    discard text DEFAULT 'none', seed int DEFAULT NULL, options jsonb DEFAULT NULL,
                                    std_error text DEFAULT NULL, alpha float8 DEFAULT 0.05)
    RETURNS causal.effect
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    res causal.effect;
    s record;
    se_type text := std_error;
    v float8;
BEGIN
    IF se_type IS NOT NULL AND se_type NOT IN ('cluster', 'HC0', 'HC1', 'HC3') THEN
        RAISE EXCEPTION 'causal.match_effect: std_error must be cluster, HC0, HC1 or HC3, got "%"', se_type
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF alpha IS NULL OR NOT (alpha > 0 AND alpha < 1) THEN
        RAISE EXCEPTION 'causal.match_effect: alpha must lie between 0 and 1, got %', alpha
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM causal.check_numeric_columns(relation, ARRAY[outcome]);
    EXECUTE format($q$
        WITH d AS (
            SELECT m.treated, m.weight AS w, m.subclass AS g, t.%1$I::float8 AS y
              FROM causal.match($1, $2, $3, $4, method => $5, distance => $6, estimand => $7, ratio => $8,
                                replace => $9, caliper => $10, std_caliper => $11, exact => $12, m_order => $13,
                                discard => $14, seed => $15, options => $16) m
              JOIN %2$s t ON t.%3$I::text = m.id),
        s AS (
            SELECT sum(w) FILTER (WHERE treated) AS s1, sum(w) FILTER (WHERE NOT treated) AS s0,
                   sum(w * y) FILTER (WHERE treated) / sum(w) FILTER (WHERE treated) AS m1,
                   sum(w * y) FILTER (WHERE NOT treated) / sum(w) FILTER (WHERE NOT treated) AS m0,
                   sum(w * w) FILTER (WHERE treated) AS q1, sum(w * w) FILTER (WHERE NOT treated) AS q0,
                   count(*) FILTER (WHERE treated) AS n1, count(*) FILTER (WHERE NOT treated) AS n0,
                   count(*) FILTER (WHERE y IS NULL OR y IN ('NaN', 'Infinity', '-Infinity')) AS bad,
                   count(*) FILTER (WHERE g IS NULL) AS nog, count(DISTINCT g) AS ng
              FROM d),
        u AS (
            SELECT d.g, d.w * (d.y - CASE WHEN d.treated THEN s.m1 ELSE s.m0 END)
                        * CASE WHEN d.treated THEN 1 / s.s1 ELSE -1 / s.s0 END AS psi,
                   d.w / CASE WHEN d.treated THEN s.s1 ELSE s.s0 END AS h
              FROM d, s)
        SELECT s.*, (SELECT sum(psi * psi) FROM u) AS hc0,
               (SELECT sum((psi / nullif(1 - h, 0)) ^ 2) FROM u) AS hc3,
               (SELECT sum(c * c) FROM (SELECT sum(psi) AS c FROM u GROUP BY g) z) AS cl
          FROM s
        $q$, outcome, relation, id)
       INTO s
      USING relation, treatment, covariates, id, method, distance, estimand, ratio, replace, caliper, std_caliper,
            exact, m_order, discard, seed, options;
    IF s.bad > 0 THEN
        RAISE EXCEPTION 'causal.match_effect: outcome column "%" is NULL, NaN or infinite in % matched rows', outcome, s.bad
            USING ERRCODE = 'data_exception',
                  HINT = 'Matching does not read the outcome; leave such rows out in a view before matching.';
    END IF;
    IF coalesce(s.n1, 0) = 0 OR coalesce(s.n0, 0) = 0 THEN
        RAISE EXCEPTION 'causal.match_effect: no matched pairs (% treated and % control rows matched)',
                        coalesce(s.n1, 0), coalesce(s.n0, 0)
            USING ERRCODE = 'data_exception',
                  HINT = 'The caliper, exact constraints or discard rule left no matches: widen the caliper or drop constraints.';
    END IF;
    IF se_type IS NULL THEN
        se_type := CASE WHEN s.nog = 0 THEN 'cluster' ELSE 'HC3' END;
    END IF;
    IF se_type = 'cluster' AND s.nog > 0 THEN
        RAISE EXCEPTION 'causal.match_effect: matching with replacement has no pairs to cluster on'
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use std_error => ''HC3''.';
    END IF;
    v := CASE se_type
             WHEN 'HC0' THEN s.hc0
             WHEN 'HC1' THEN s.hc0 * (s.n1 + s.n0) / (s.n1 + s.n0 - 2)
             WHEN 'HC3' THEN s.hc3
             ELSE s.cl * s.ng / greatest(s.ng - 1, 1) * (s.n1 + s.n0 - 1) / (s.n1 + s.n0 - 2)
         END;
    res.method := format('matching (%s%s)', method,
                         CASE WHEN method IN ('nearest', 'subclass') THEN ', ' || distance ELSE '' END);
    res.estimand := estimand;
    res.estimate := s.m1 - s.m0;
    res.std_error := sqrt(v);
    res.ci_lower := res.estimate - causal.qnorm(1 - alpha / 2) * res.std_error;
    res.ci_upper := res.estimate + causal.qnorm(1 - alpha / 2) * res.std_error;
    res.p_value := 2 * causal.pnorm(-abs(res.estimate / nullif(res.std_error, 0)));
    res.n_treated := s.n1;
    res.n_control := s.n0;
    res.n := s.n1 + s.n0;
    res.details := jsonb_build_object('std_error', se_type, 'subclasses', CASE WHEN s.nog = 0 THEN s.ng END,
                                      'ess_treated', s.s1 * s.s1 / s.q1, 'ess_control', s.s0 * s.s0 / s.q0,
                                      'outcome_model', 'lm(outcome ~ treatment, weights) on the matched rows');
    RETURN res;
END;
$$;
COMMENT ON FUNCTION causal.match_effect(regclass, text, text, text[], text, text, text, text, int, boolean, float8, boolean, text[], text, text, int, jsonb, text, float8) IS
  'effect after matching: weighted difference of matched outcome means with a cluster-robust (pairs/subclasses) or HC standard error, as a causal.effect';
