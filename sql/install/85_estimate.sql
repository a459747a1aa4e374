-- One call from a graph to an effect: identify, choose the adjustment set, estimate.

-- The adjustment set causal.estimate uses: the given covariates (checked
-- against the graph when there is one), else the optimal (or canonical) set,
-- else the first minimal set whose nodes are all columns of the relation.
CREATE FUNCTION causal.estimate_adjustment(relation regclass, treatment text, outcome text,
                                           graph causal.graph, covariates text[],
                                           OUT adjustment_set text[], OUT identification jsonb)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[];
    r record;
    ident jsonb;
    alternatives jsonb;
    reason text;
BEGIN
    IF relation IS NULL OR treatment IS NULL OR outcome IS NULL THEN
        PERFORM causal.raise_error('null_value_not_allowed',
            format('causal.estimate: %s must not be NULL', CASE WHEN relation IS NULL THEN 'relation' WHEN treatment IS NULL THEN 'treatment' ELSE 'outcome' END),
            'Name the table, the treatment and the outcome column.');
    END IF;
    PERFORM causal.check_columns(relation, ARRAY[treatment, outcome]);
    IF graph IS NULL THEN
        IF covariates IS NULL THEN
            PERFORM causal.raise_error('null_value_not_allowed',
                'causal.estimate: pass a graph, or the covariates to adjust for',
                'For example graph => ''z --> x; z --> y; x --> y''::causal.graph, or covariates => ''{z}''.');
        END IF;
        PERFORM causal.check_columns(relation, covariates || ARRAY[treatment]);
        adjustment_set := covariates;
        identification := jsonb_build_object('strategy', 'given', 'adjustment_set', to_jsonb(covariates));
        RETURN;
    END IF;
    IF covariates IS NOT NULL THEN
        PERFORM causal.check_columns(relation, covariates || ARRAY[treatment]);
        IF NOT causal.is_adjustment_set(graph, ARRAY[treatment], ARRAY[outcome], covariates) THEN
            PERFORM causal.raise_error('invalid_parameter_value',
                format('causal.estimate: covariates %s are not an adjustment set for the effect of "%s" on "%s" in the graph', covariates, treatment, outcome),
                'causal.adjustment_sets(graph, treatment, outcome) lists valid sets; leave covariates out to use the optimal one.');
        END IF;
        adjustment_set := covariates;
        identification := jsonb_build_object('strategy', 'backdoor', 'kind', 'given',
                                             'adjustment_set', to_jsonb(covariates));
        RETURN;
    END IF;

    SELECT array_agg(a.attname::text) INTO cols
      FROM pg_catalog.pg_attribute a
     WHERE a.attrelid = relation AND a.attnum > 0 AND NOT a.attisdropped;
    -- identification runs once: its rows, then the minimal sets among them as alternatives
    ident := (SELECT jsonb_agg(to_jsonb(i) ORDER BY i.ord)
                FROM causal.identify(graph, treatment, outcome) WITH ORDINALITY
                     AS i(strategy, kind, variables, conditioning, note, ord));
    SELECT jsonb_agg(e->'variables' ORDER BY o) INTO alternatives
      FROM jsonb_array_elements(ident) WITH ORDINALITY AS x(e, o)
     WHERE e->>'kind' = 'minimal' AND jsonb_typeof(e->'variables') = 'array';
    FOR r IN SELECT e->>'strategy' AS strategy, e->>'kind' AS kind, e->>'note' AS note,
                    CASE WHEN jsonb_typeof(e->'variables') = 'array'
                         THEN ARRAY(SELECT jsonb_array_elements_text(e->'variables')) END AS variables
               FROM jsonb_array_elements(ident) WITH ORDINALITY AS x(e, o)
              WHERE e->>'strategy' IN ('backdoor', 'none') ORDER BY o LOOP
        IF r.variables IS NULL THEN
            PERFORM causal.raise_error('invalid_parameter_value',
                format('causal.estimate: the effect of "%s" on "%s" is %s', treatment, outcome, r.note),
                CASE WHEN r.strategy = 'backdoor'
                                  THEN 'The graph offers a front-door set or instruments (causal.identify): use method => ''frontdoor'' or ''iv''.'
                                  ELSE 'No estimate is made: fix the graph, or pass covariates you trust and graph => NULL.' END);
        END IF;
        IF r.variables <@ cols THEN
            adjustment_set := r.variables;
            identification := jsonb_build_object('strategy', r.strategy, 'kind', r.kind,
                                                 'adjustment_set', to_jsonb(r.variables),
                                                 'minimal_sets', coalesce(alternatives, '[]'::jsonb));
            RETURN;
        END IF;
        reason := coalesce(reason || '; ', '') || format('%s set %s', r.kind, r.variables);
    END LOOP;
    PERFORM causal.raise_error('undefined_column',
        format('causal.estimate: every adjustment set the graph offers has a node that is not a column of %s: %s', relation, reason),
        'Mark unobserved variables as latent with <-> edges, or add the columns.');
END;
$$;
COMMENT ON FUNCTION causal.estimate_adjustment(regclass, text, text, causal.graph, text[]) IS
  'the adjustment set causal.estimate uses and how it was identified';

CREATE FUNCTION causal.estimate(relation regclass, treatment text, outcome text,
                                graph causal.graph DEFAULT NULL, method text DEFAULT 'aipw',
                                estimand text DEFAULT 'ATE', covariates text[] DEFAULT NULL,
                                id text DEFAULT NULL, alpha float8 DEFAULT 0.05, seed bigint DEFAULT 42)
    RETURNS causal.effect
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    adj record;
    e causal.effect;
    m causal.moments;
    r record;
    k int;
    q float8;
BEGIN
    -- option values are case-insensitive; blanks around them do not count
    method := lower(btrim(method));
    estimand := upper(btrim(estimand));
    IF method IS NULL OR estimand IS NULL OR alpha IS NULL THEN
        PERFORM causal.raise_error('null_value_not_allowed',
            format('causal.estimate: %s must not be NULL', CASE WHEN method IS NULL THEN 'method' WHEN estimand IS NULL THEN 'estimand' ELSE 'alpha' END),
            'Leave the argument out to use its default.');
    END IF;
    IF estimand NOT IN ('ATE', 'ATT', 'ATC') THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('causal.estimate: estimand must be ATE, ATT or ATC, got "%s"', estimand),
            'Estimands are ATE, ATT and ATC, in any case.');
    END IF;
    IF NOT (alpha > 0 AND alpha < 1) THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('causal.estimate: alpha must lie in (0, 1), got %s', alpha),
            'alpha = 0.05 gives 95% confidence intervals.');
    END IF;
    IF method = 'iv' THEN
        RETURN causal.estimate_iv(relation, treatment, outcome, graph, estimand, alpha);
    END IF;
    IF method = 'frontdoor' THEN
        RETURN causal.estimate_frontdoor(relation, treatment, outcome, graph, estimand, alpha);
    END IF;
    adj := causal.estimate_adjustment(relation, treatment, outcome, graph, covariates);

    IF method = 'regression' OR cardinality(adj.adjustment_set) = 0 THEN
        -- linear regression adjustment from one moment-sketch scan: the coefficient of the
        -- treatment in OLS of the outcome on the treatment and the adjustment set (with no
        -- set, the difference in means)
        IF estimand <> 'ATE' THEN
            PERFORM causal.raise_error('feature_not_supported',
                format('causal.estimate: %s by regression adjustment is not supported', estimand),
                'Regression adjustment estimates the ATE of a linear model; use method => ''aipw'' for ATT or ATC.');
        END IF;
        -- factor covariates enter as indicators (causal.design_moments); the outcome and the
        -- treatment must be numbers (or booleans)
        m := causal.design_moments(relation, ARRAY[outcome, treatment] || adj.adjustment_set);
        IF m IS NULL THEN
            PERFORM causal.raise_error('data_exception',
                format('causal.estimate: %s has no rows without NULLs in the outcome, treatment and covariates', relation),
                'Rows with a NULL in any of the columns are skipped.');
        END IF;
        IF (causal.column_names(m))[1:2] IS DISTINCT FROM ARRAY[outcome, treatment] THEN
            PERFORM causal.raise_error('datatype_mismatch',
                format('causal.estimate: regression needs a numeric or boolean outcome and treatment ("%s", "%s")',
                       outcome, treatment),
                'Code the treatment as 0/1 or boolean.');
        END IF;
        k := causal.columns(m);
        SELECT * INTO r FROM causal.ols(m, 1, ARRAY(SELECT generate_series(2, k))) o
         WHERE o.term = treatment;
        q := causal.qt(1 - alpha / 2, r.df_resid);
        e := ROW('regression', 'ATE', r.estimate, r.std_error, r.estimate - q * r.std_error,
                 r.estimate + q * r.std_error, r.p_value, r.n, NULL, NULL,
                 jsonb_strip_nulls(jsonb_build_object('r2', r.r2, 'df_resid', r.df_resid, 'std_error', 'classical (OLS)',
                                    'alpha', alpha,
                                    'note', CASE WHEN method <> 'regression'
                                                 THEN format('the adjustment set is empty: the difference in means by OLS, not %s', method) END)));
    ELSIF method = 'aipw' THEN
        PERFORM causal.estimate_needs_id(id, method);
        e := causal.aipw_effect(relation, outcome, treatment, adj.adjustment_set, id,
                                estimand => estimand, alpha => alpha);
    ELSIF method = 'matching' THEN
        PERFORM causal.estimate_needs_id(id, method);
        e := causal.match_effect(relation, outcome, treatment, adj.adjustment_set, id,
                                 estimand => estimand, alpha => alpha, seed => seed::int);
    ELSIF method IN ('dml', 'dml_plr', 'dml_irm') THEN
        -- PLR's theta is an average effect; IRM has DoubleML's ATE and ATTE scores
        IF estimand <> 'ATE' AND NOT (method = 'dml_irm' AND estimand = 'ATT') THEN
            PERFORM causal.raise_error('feature_not_supported',
                format('causal.estimate: %s by method %s is not supported', estimand, method),
                'Methods dml and dml_plr estimate the ATE, dml_irm the ATE or the ATT (DoubleML''s ATTE score); aipw and the weighting methods have the ATC.');
        END IF;
        e := causal.dml(relation, outcome, treatment, adj.adjustment_set,
                        model => CASE method WHEN 'dml_irm' THEN 'irm' ELSE 'plr' END,
                        score => CASE WHEN estimand = 'ATT' THEN 'ATTE' END,
                        seed => seed, alpha => alpha);
    ELSE
        -- every weighting method of causal.weighting_effect (ipw, ebal, energy, mmd, ...)
        PERFORM causal.estimate_needs_id(id, method);
        e := causal.weighting_effect(relation, outcome, treatment, adj.adjustment_set, id,
                                     method => method, estimand => estimand, alpha => alpha);
        -- plain IPW: the sandwich that stacks the propensity model (the one conditional on the
        -- weights stays in details.sandwich_std_error)
        IF e.details ? 'std_error_mest' THEN
            q := causal.qnorm(1 - alpha / 2);
            e.details := e.details || jsonb_build_object('sandwich_std_error', e.std_error,
                'std_error', 'M-estimation sandwich stacking the logistic propensity model');
            e.std_error := (e.details ->> 'std_error_mest')::float8;
            e.ci_lower := e.estimate - q * e.std_error;
            e.ci_upper := e.estimate + q * e.std_error;
            e.p_value := CASE WHEN e.std_error > 0 THEN 2 * causal.pnorm(-abs(e.estimate / e.std_error)) END;
        END IF;
    END IF;
    e.details := coalesce(e.details, '{}'::jsonb) || jsonb_build_object('identification', adj.identification);
    e.statistic := CASE WHEN e.std_error > 0 THEN e.estimate / e.std_error END;
    RETURN e;
END;
$$;
COMMENT ON FUNCTION causal.estimate(regclass, text, text, causal.graph, text, text, text[], text, float8, bigint) IS
  'the total effect of treatment on outcome: identified from the graph (optimal adjustment set by default), estimated by regression, aipw, matching, dml or a weighting method, by the linear front-door formula (method frontdoor) or by 2SLS with an instrument of the graph (method iv); the identification is in details';

-- What methods iv and frontdoor check first: a graph, the ATE, the two columns; the relation's columns.
CREATE FUNCTION causal.estimate_linear_columns(relation regclass, treatment text, outcome text,
                                               graph causal.graph, estimand text, method text)
    RETURNS text[]
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[];
BEGIN
    IF graph IS NULL THEN
        PERFORM causal.raise_error('null_value_not_allowed',
            format('causal.estimate: method %s needs a graph to find the %s in', method,
                   CASE method WHEN 'iv' THEN 'instruments' ELSE 'front-door set' END),
            CASE method WHEN 'iv' THEN 'Pass graph => ..., or use causal.iv_2sls with instruments you choose.'
                         ELSE 'Pass graph => ..., or use causal.frontdoor_linear on a sketch with mediators you choose.' END);
    END IF;
    IF estimand <> 'ATE' THEN
        PERFORM causal.raise_error('feature_not_supported',
            format('causal.estimate: %s by method %s is not supported', estimand, method),
            CASE method WHEN 'iv' THEN '2SLS estimates the effect of a linear model (a local average effect otherwise).'
                         ELSE 'The linear front-door estimate is the effect of a linear model (the same for every unit).' END);
    END IF;
    PERFORM causal.check_columns(relation, ARRAY[treatment, outcome]);
    SELECT array_agg(a.attname::text) INTO cols
      FROM pg_catalog.pg_attribute a
     WHERE a.attrelid = relation AND a.attnum > 0 AND NOT a.attisdropped;
    RETURN cols;
END;
$$;
COMMENT ON FUNCTION causal.estimate_linear_columns(regclass, text, text, causal.graph, text, text) IS
  'the checks methods iv and frontdoor of causal.estimate share, and the relation''s columns';

-- causal.estimate(method => 'iv'): the graph's instruments whose nodes are columns, the one
-- with the strongest first stage, 2SLS from one moment-sketch scan.
CREATE FUNCTION causal.estimate_iv(relation regclass, treatment text, outcome text, graph causal.graph,
                                   estimand text, alpha float8)
    RETURNS causal.effect
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[];
    cand_z text[];
    cand_w jsonb;
    cands record;
    all_cols text[];
    m causal.moments;
    best_z text;
    best_w text[];
    best_f float8;
    best_r2 float8;
    fs record;
    r record;
    q float8;
    e causal.effect;
    tried jsonb := '[]';
BEGIN
    cols := causal.estimate_linear_columns(relation, treatment, outcome, graph, estimand, 'iv');
    SELECT array_agg(i.instrument ORDER BY i.instrument), jsonb_agg(to_jsonb(i.conditioning) ORDER BY i.instrument)
      INTO cand_z, cand_w
      FROM causal.instruments(graph, treatment, outcome) i
     WHERE ARRAY[i.instrument] || i.conditioning <@ cols;
    IF cand_z IS NULL THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('causal.estimate: the graph offers no instrument for the effect of "%s" on "%s" among the columns of %s', treatment, outcome, relation),
            'causal.instruments(graph, treatment, outcome) lists the graph''s instruments.');
    END IF;
    SELECT ARRAY[outcome, treatment] || array_agg(DISTINCT c) INTO all_cols
      FROM (SELECT unnest(cand_z) AS c
            UNION SELECT jsonb_array_elements_text(w) FROM jsonb_array_elements(cand_w) w) u;
    m := causal.table_moments(relation, all_cols);
    FOR cands IN SELECT z AS instrument, ARRAY(SELECT jsonb_array_elements_text(cand_w -> (o::int - 1))) AS conditioning
                   FROM unnest(cand_z) WITH ORDINALITY AS u(z, o) LOOP
        SELECT * INTO fs FROM causal.iv_first_stage(
            m, '{2}', ARRAY[array_position(all_cols, cands.instrument)],
            ARRAY(SELECT array_position(all_cols, c) FROM unnest(cands.conditioning) c));
        tried := tried || jsonb_build_object('instrument', cands.instrument, 'conditioning', to_jsonb(cands.conditioning),
                                             'first_stage_f', fs.f_statistic);
        IF best_z IS NULL OR fs.f_statistic > best_f THEN
            best_z := cands.instrument;
            best_w := cands.conditioning;
            best_f := fs.f_statistic;
            best_r2 := fs.partial_r2;
        END IF;
    END LOOP;
    SELECT * INTO r FROM causal.iv_2sls(m, 1, '{2}', ARRAY[array_position(all_cols, best_z)],
                                        ARRAY(SELECT array_position(all_cols, c) FROM unnest(best_w) c),
                                        names => all_cols) o
     WHERE o.term = treatment;
    q := causal.qt(1 - alpha / 2, r.df_resid);
    e := ROW('iv (2SLS)', 'ATE', r.estimate, r.std_error, r.estimate - q * r.std_error, r.estimate + q * r.std_error,
             r.p_value, causal.n(m), NULL, NULL,
             jsonb_build_object('instrument', best_z, 'conditioning', to_jsonb(best_w),
                                'first_stage_f', best_f, 'first_stage_partial_r2', best_r2,
                                'weak_instrument', best_f < 10, 'instruments_tried', tried,
                                'std_error', 'classical (2SLS)', 'alpha', alpha,
                                'identification', jsonb_build_object('strategy', 'iv', 'instrument', best_z,
                                                                     'conditioning', to_jsonb(best_w))));
    e.statistic := CASE WHEN e.std_error > 0 THEN e.estimate / e.std_error END;
    RETURN e;
END;
$$;
COMMENT ON FUNCTION causal.estimate_iv(regclass, text, text, causal.graph, text, float8) IS
  'causal.estimate by instrumental variables: the graph''s instrument with the strongest first stage, 2SLS from one sketch scan';

-- causal.estimate(method => 'frontdoor'): the graph's front-door set (the minimal one, else all
-- qualifying mediators) whose nodes are columns, the linear front-door estimate from one sketch scan.
CREATE FUNCTION causal.estimate_frontdoor(relation regclass, treatment text, outcome text, graph causal.graph,
                                          estimand text, alpha float8)
    RETURNS causal.effect
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[];
    fd record;
    all_cols text[];
    m causal.moments;
    r record;
    q float8;
BEGIN
    cols := causal.estimate_linear_columns(relation, treatment, outcome, graph, estimand, 'frontdoor');
    SELECT i.kind, i.variables INTO fd
      FROM causal.identify(graph, treatment, outcome) WITH ORDINALITY AS i(strategy, kind, variables, conditioning, note, ord)
     WHERE i.strategy = 'frontdoor' AND i.variables <@ cols
     ORDER BY i.ord LIMIT 1;
    IF fd.variables IS NULL THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('causal.estimate: the graph offers no front-door set for the effect of "%s" on "%s" among the columns of %s', treatment, outcome, relation),
            'causal.identify(graph, treatment, outcome) lists the strategies the graph allows.');
    END IF;
    all_cols := ARRAY[outcome, treatment] || fd.variables;
    m := causal.table_moments(relation, all_cols);
    r := causal.frontdoor_linear(m, 1, 2, ARRAY(SELECT generate_series(3, cardinality(all_cols))), names => all_cols);
    q := causal.qnorm(1 - alpha / 2);
    RETURN ROW('frontdoor (linear)', 'ATE', r.estimate, r.std_error, r.estimate - q * r.std_error,
               r.estimate + q * r.std_error, r.p_value, r.n, NULL, NULL,
               jsonb_build_object('mediators', to_jsonb(fd.variables),
                                  'std_error', 'delta method (product of the two stages'' coefficients)',
                                  'alpha', alpha,
                                  'identification', jsonb_build_object('strategy', 'frontdoor', 'kind', fd.kind,
                                                                       'mediators', to_jsonb(fd.variables))),
               CASE WHEN r.std_error > 0 THEN r.estimate / r.std_error END)::causal.effect;
END;
$$;
COMMENT ON FUNCTION causal.estimate_frontdoor(regclass, text, text, causal.graph, text, float8) IS
  'causal.estimate by the front-door formula: the graph''s front-door set, the linear estimate from one sketch scan';

CREATE FUNCTION causal.estimate_needs_id(id text, method text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF id IS NULL THEN
        PERFORM causal.raise_error('null_value_not_allowed',
            format('causal.estimate: method %s needs id, a column that identifies rows', method),
            'Pass id => ''id'' (a unique row key), or use method => ''regression''.');
    END IF;
END;
$$;
COMMENT ON FUNCTION causal.estimate_needs_id(text, text) IS
  'raises an error when a row-level method of causal.estimate has no id column';

-- Several effect rows side by side, one line each, with the columns of DoubleML's summary table
-- (coef, std err, t, P>|t|, the interval). The statistic of a row stored by 0.1.0 (without the
-- field) is recomputed from its estimate and standard error.
CREATE FUNCTION causal.summary(effects causal.effect[], labels text[] DEFAULT NULL)
    RETURNS TABLE (label text, estimand text, coef float8, std_err float8, t float8, p_value float8,
                   ci_lower float8, ci_upper float8, n bigint, n_treated bigint, n_control bigint)
    LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF effects IS NULL THEN
        PERFORM causal.raise_error('null_value_not_allowed',
            'causal.summary: effects must not be NULL',
            'Pass an array of effect rows, e.g. ARRAY[causal.estimate(...), causal.dml(...)].');
    END IF;
    IF labels IS NOT NULL AND cardinality(labels) <> cardinality(effects) THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('causal.summary: %s labels for %s effects', cardinality(labels), cardinality(effects)),
            'Give one label per effect, or none to use the methods.');
    END IF;
    RETURN QUERY
    SELECT coalesce(labels[u.k::int], u.f_method), u.f_estimand, u.f_estimate, u.f_std_error,
           coalesce(u.f_statistic, CASE WHEN u.f_std_error > 0 THEN u.f_estimate / u.f_std_error END),
           u.f_p_value, u.f_ci_lower, u.f_ci_upper, u.f_n, u.f_n_treated, u.f_n_control
      FROM unnest(effects) WITH ORDINALITY
           AS u(f_method, f_estimand, f_estimate, f_std_error, f_ci_lower, f_ci_upper, f_p_value, f_n,
                f_n_treated, f_n_control, f_details, f_statistic, k)
     ORDER BY u.k;
END;
$$;
COMMENT ON FUNCTION causal.summary(causal.effect[], text[]) IS
  'effect rows side by side as DoubleML''s summary table: label (default the method), estimand, coef, std err, t, P>|t|, interval, sample sizes';
