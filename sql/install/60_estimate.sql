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

-- The rows of a propensity model: treatment as 0/1, covariates (causal.design_columns: a factor
-- as indicator columns name=level), ids; checks the treatment is binary.
CREATE FUNCTION causal.propensity_rows(relation regclass, treatment text, covariates text[],
                                       id text DEFAULT NULL,
                                       OUT y float8[], OUT x float8[], OUT ids text[], OUT names text[])
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    found text;
    items text[];
    kept text;
BEGIN
    PERFORM causal.check_columns(relation, CASE WHEN id IS NULL THEN ARRAY[treatment] ELSE ARRAY[treatment, id] END);
    PERFORM causal.check_columns(relation, covariates);
    -- the rows used: none of the columns NULL (a factor's levels are those of these rows)
    kept := format('%I IS NOT NULL', treatment) || coalesce(
              (SELECT string_agg(format(' AND %I IS NOT NULL', c), '')
                 FROM unnest(CASE WHEN id IS NULL THEN covariates ELSE covariates || id END) AS c), '');
    SELECT d.items, d.names INTO items, names
      FROM causal.design_columns(relation, covariates,
                                 CASE WHEN id IS NULL THEN ARRAY[treatment] ELSE ARRAY[treatment, id] END) d;
    EXECUTE format('SELECT string_agg(DISTINCT v, '', '') FROM (SELECT %I::text AS v FROM %s WHERE %I IS NOT NULL) s
                     WHERE v NOT IN (''0'', ''1'', ''true'', ''false'')',
                   treatment, relation, treatment)
       INTO found;
    IF found IS NOT NULL THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('treatment column "%s" is not binary: it has the values %s', treatment, found),
            'The treatment must be 0/1 or boolean.');
    END IF;
    EXECUTE format('SELECT array_agg(CASE WHEN %1$I::text IN (''1'', ''true'') THEN 1.0 ELSE 0.0 END::float8),
                           array_agg(ARRAY[%2$s]::float8[]), array_agg(%3$s)
                      FROM %4$s WHERE %5$s',
                   treatment,
                   array_to_string(items, ', '),
                   CASE WHEN id IS NULL THEN 'NULL::text' ELSE format('%I::text', id) END,
                   relation,
                   kept)
       INTO y, x, ids;
    IF y IS NULL THEN
        PERFORM causal.raise_error('data_exception',
            format('%s has no rows without NULLs in the treatment and covariates', relation),
            'Rows with a NULL are skipped.');
    END IF;
    IF id IS NOT NULL THEN
        found := NULL;
        SELECT v INTO found FROM unnest(ids) AS v GROUP BY v HAVING count(*) > 1 LIMIT 1;
        IF found IS NOT NULL THEN
            PERFORM causal.raise_error('unique_violation',
                format('id column "%s" has duplicate values (such as "%s")', id, found),
                'Each row needs its own id, so that results join back to the table.');
        END IF;
    END IF;
END;
$$;
COMMENT ON FUNCTION causal.propensity_rows(regclass, text, text[], text) IS
  'the treatment (0/1), covariate matrix (factors as indicators), ids and column names of a propensity model, rows with NULLs skipped';

CREATE FUNCTION causal.propensity_model(relation regclass, treatment text, covariates text[],
                                        ridge float8 DEFAULT 0)
    RETURNS TABLE (term text, estimate float8, std_error float8, z_value float8, p_value float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT f.* FROM causal.propensity_rows(relation, treatment, covariates) r,
                    causal.logistic_fit(r.y, r.x, r.names, ridge) f
$$;
COMMENT ON FUNCTION causal.propensity_model(regclass, text, text[], float8) IS
  'logistic propensity model of a binary treatment: coefficients with standard errors (intercept as term ''intercept'')';

CREATE FUNCTION causal.propensity(relation regclass, treatment text, covariates text[], id text,
                                  ridge float8 DEFAULT 0)
    RETURNS TABLE (id causal.id, score float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT u.i::causal.id, u.s
      FROM causal.propensity_rows(relation, treatment, covariates, id) r,
           unnest(r.ids, causal.logistic_scores(r.y, r.x, r.names, ridge)) AS u(i, s)
$$;
COMMENT ON FUNCTION causal.propensity(regclass, text, text[], text, float8) IS
  'propensity scores per row, keyed by the id column (rows with NULLs skipped)';

-- Matching -----------------------------------------------------------------------

CREATE FUNCTION causal.match(relation regclass, treatment text, covariates text[], id text,
                             method text DEFAULT 'nearest', distance text DEFAULT 'glm',
                             estimand text DEFAULT 'ATT', ratio int DEFAULT 1, replace boolean DEFAULT false,
                             caliper float8 DEFAULT NULL, std_caliper boolean DEFAULT true,
                             exact text[] DEFAULT NULL, m_order text DEFAULT NULL, discard text DEFAULT 'none',
                             seed bigint DEFAULT NULL, options jsonb DEFAULT NULL)
    RETURNS TABLE (id causal.id, treated boolean, weight float8, subclass bigint, distance float8)
    AS 'MODULE_PATHNAME', 'causal_match'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER ROWS 1000
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.match(regclass, text, text[], text, text, text, text, int, boolean, float8, boolean, text[], text, text, bigint, jsonb) IS
  'matching (nearest neighbour on a propensity or covariate distance, exact, coarsened exact, propensity subclasses): the matched rows with MatchIt''s weights, subclasses and distance';

-- The effect after matching (match_effect.c): weighted least squares of the outcome on the
-- treatment and, with adjust (the default), the covariates, over the matched rows; cluster-robust
-- by pair/subclass without replacement, HC3 with replacement, or as chosen.
CREATE FUNCTION causal.match_effect(relation regclass, outcome text, treatment text, covariates text[], id text,
                                    method text DEFAULT 'nearest', distance text DEFAULT 'glm',
                                    estimand text DEFAULT 'ATT', ratio int DEFAULT 1, replace boolean DEFAULT false,
                                    caliper float8 DEFAULT NULL, std_caliper boolean DEFAULT true,
                                    exact text[] DEFAULT NULL, m_order text DEFAULT NULL,
                                    discard text DEFAULT 'none', seed bigint DEFAULT NULL, options jsonb DEFAULT NULL,
                                    std_error text DEFAULT NULL, alpha float8 DEFAULT 0.05,
                                    adjust boolean DEFAULT true)
    RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'causal_match_effect'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.match_effect(regclass, text, text, text[], text, text, text, text, int, boolean, float8, boolean, text[], text, text, bigint, jsonb, text, float8, boolean) IS
  'effect after matching: weighted regression of the outcome on the treatment (and covariates) over the matched rows, with a cluster-robust (pairs/subclasses) or HC standard error, as a causal.effect';

-- MALTS (malts.c): matching after learning to stretch ---------------------------

CREATE FUNCTION causal.malts(relation regclass, outcome text, treatment text, covariates text[], id text,
                             discrete text[] DEFAULT NULL, n_folds int DEFAULT 5, k int DEFAULT 10,
                             k_est int DEFAULT 50, c float8 DEFAULT 1, seed bigint DEFAULT 42,
                             fold_column text DEFAULT NULL, options jsonb DEFAULT NULL)
    RETURNS TABLE (id causal.id, cate float8, cate_sd float8)
    AS 'MODULE_PATHNAME', 'causal_malts'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER ROWS 1000
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.malts(regclass, text, text, text[], text, text[], int, int, int, float8, bigint, text, jsonb) IS
  'MALTS (Parikh, Rudin, Volfovsky 2022): a stretch metric learned per fold, k_est nearest treated and controls per unit, ridge fits; per-unit CATE and its spread over folds';

CREATE FUNCTION causal.malts_effect(relation regclass, outcome text, treatment text, covariates text[], id text,
                                    discrete text[] DEFAULT NULL, n_folds int DEFAULT 5, k int DEFAULT 10,
                                    k_est int DEFAULT 50, c float8 DEFAULT 1, seed bigint DEFAULT 42,
                                    fold_column text DEFAULT NULL, options jsonb DEFAULT NULL,
                                    estimand text DEFAULT 'ATE')
    RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'causal_malts_effect'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.malts_effect(regclass, text, text, text[], text, text[], int, int, int, float8, bigint, text, jsonb, text) IS
  'MALTS average effect (mean CATE over all units, the treated or the controls) with the learned stretch in details';
