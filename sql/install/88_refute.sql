-- Refuters (DoWhy's semantics): re-estimate on altered data and see whether the estimate behaves
-- as a causal effect should.  The relation is read once (causal.refute_rows): every simulation
-- alters arrays in memory and re-estimates there with the estimator causal.estimate would call;
-- nothing is written, not even a temporary table.

-- Seeded random numbers from a hash of a key (no session random state is touched).
CREATE FUNCTION causal.refute_uniform(k bigint, seed bigint) RETURNS float8
    AS 'MODULE_PATHNAME', 'causal_refute_uniform'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.refute_uniform(bigint, bigint) IS
  'a seeded uniform number in (0, 1) from a hash of the key (the refuters'' random source)';

CREATE FUNCTION causal.refute_normal(k bigint, seed bigint) RETURNS float8
    AS 'MODULE_PATHNAME', 'causal_refute_normal'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.refute_normal(bigint, bigint) IS
  'a seeded standard normal number from hashes of the key (Box-Muller)';

CREATE FUNCTION causal.refute_rows(relation regclass, treatment text, outcome text, covariates text[],
                                   method text, estimand text, refuters text[], n_simulations int,
                                   subset_fraction float8, alpha float8, seed bigint)
    RETURNS TABLE (refuter_position int, refuter text, simulation int, estimate float8,
                   ci_lower float8, ci_upper float8)
    AS 'MODULE_PATHNAME', 'causal_refute_rows'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.refute_rows(regclass, text, text, text[], text, text, text[], int, float8, float8, bigint) IS
  'the estimates behind causal.refute for regression, AIPW, IPW and DML from one read of the rows: position 0 the original estimate and its interval, then one row per refuter and simulation';

-- One causal.refute row: the refutation estimates est of a refuter against the original estimate.
CREATE FUNCTION causal.refute_summary(name text, estimate float8, ci_lower float8,
                                      ci_upper float8, estimates float8[], alpha float8,
                                      OUT refuter text, OUT original_estimate float8, OUT new_estimate float8,
                                      OUT new_std float8, OUT p_value float8, OUT verdict text, OUT runs int)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT $1, $2, s.m, s.sd, p.p,
           CASE WHEN $1 IN ('placebo_treatment', 'dummy_outcome')
                -- the real effect must stand out from the placebo effects
                THEN CASE WHEN p.p < $6 THEN 'passed' ELSE 'failed' END
                -- the altered data must leave the estimate inside its original interval
                ELSE CASE WHEN s.m BETWEEN $3 AND $4 THEN 'passed' ELSE 'failed' END END,
           cardinality($5)
      FROM (SELECT avg(v) AS m, stddev_samp(v) AS sd FROM unnest($5) v) s,
           -- two-sided normal test of the original estimate against the refutation estimates
           LATERAL (SELECT CASE WHEN s.sd > 0 THEN 2 * causal.pnorm(abs($2 - s.m) / s.sd, lower_tail => false) END AS p) p
$$;
COMMENT ON FUNCTION causal.refute_summary(text, float8, float8, float8, float8[], float8) IS
  'one row of causal.refute: the mean and spread of the refutation estimates, the normal p-value of the original estimate among them, the verdict';

CREATE FUNCTION causal.refute(relation regclass, treatment text, outcome text,
                              graph causal.graph DEFAULT NULL, method text DEFAULT 'regression',
                              estimand text DEFAULT 'ATE', covariates text[] DEFAULT NULL,
                              refuters text[] DEFAULT '{placebo_treatment,random_common_cause,data_subset,dummy_outcome,bootstrap}',
                              n_simulations int DEFAULT 20, subset_fraction float8 DEFAULT 0.8,
                              alpha float8 DEFAULT 0.05, seed bigint DEFAULT 42)
    RETURNS TABLE (refuter text, original_estimate float8, new_estimate float8, new_std float8,
                   p_value float8, verdict text, runs int)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    adj record;
    orig causal.effect;
    r text;
    rr record;
    known text[] := ARRAY['placebo_treatment', 'random_common_cause', 'data_subset', 'dummy_outcome', 'bootstrap'];
BEGIN
    IF refuters IS NULL OR n_simulations IS NULL OR subset_fraction IS NULL OR alpha IS NULL OR seed IS NULL
       OR method IS NULL OR estimand IS NULL THEN
        PERFORM causal.raise_error('null_value_not_allowed',
            'causal.refute: arguments other than graph and covariates must not be NULL',
            'Leave an argument out to use its default.');
    END IF;
    -- option values are case-insensitive; blanks around them do not count
    method := lower(btrim(method));
    estimand := upper(btrim(estimand));
    refuters := ARRAY(SELECT lower(btrim(u.v)) FROM unnest(refuters) WITH ORDINALITY AS u(v, k) ORDER BY u.k);
    FOREACH r IN ARRAY refuters LOOP
        IF r IS NULL OR NOT r = ANY (known) THEN
            PERFORM causal.raise_error('invalid_parameter_value',
                format('causal.refute: unknown refuter "%s"', r),
                'Refuters are ' || array_to_string(known, ', ') || '.');
        END IF;
    END LOOP;
    IF n_simulations < 2 OR n_simulations > 10000 THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('causal.refute: n_simulations must lie in [2, 10000], got %s', n_simulations),
            'DoWhy''s default is 100; 20 is quick.');
    END IF;
    IF NOT (subset_fraction > 0 AND subset_fraction < 1) OR NOT (alpha > 0 AND alpha < 1) THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            'causal.refute: subset_fraction and alpha must lie in (0, 1)',
            'For example subset_fraction => 0.8, alpha => 0.05.');
    END IF;
    adj := causal.estimate_adjustment(relation, treatment, outcome, graph, covariates);
    -- one read of the rows, every simulation altered and re-estimated in memory (with no
    -- adjustment set, causal.estimate's difference in means by OLS)
    FOR rr IN SELECT o.refuter_position AS pos, min(o.refuter) AS name,
                     array_agg(o.estimate ORDER BY o.simulation) AS est,
                     min(o.ci_lower) AS lo, min(o.ci_upper) AS hi
                FROM causal.refute_rows(relation, treatment, outcome, adj.adjustment_set,
                                        CASE WHEN cardinality(adj.adjustment_set) = 0 THEN 'regression' ELSE method END,
                                        estimand, refuters, n_simulations, subset_fraction, alpha, seed) o
               GROUP BY o.refuter_position ORDER BY o.refuter_position LOOP
        IF rr.pos = 0 THEN
            orig.estimate := rr.est[1];
            orig.ci_lower := rr.lo;
            orig.ci_upper := rr.hi;
        ELSE
            RETURN QUERY SELECT * FROM causal.refute_summary(rr.name, orig.estimate, orig.ci_lower,
                                                             orig.ci_upper, rr.est, alpha);
        END IF;
    END LOOP;
END;
$$;
COMMENT ON FUNCTION causal.refute(regclass, text, text, causal.graph, text, text, text[], text[], int, float8, float8, bigint) IS
  'DoWhy''s refuters (placebo treatment, random common cause, data subset, dummy outcome, bootstrap) for causal.estimate: one row per refuter with the new estimates'' mean and spread, a p-value and a verdict';
