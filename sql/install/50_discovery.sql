-- Causal discovery: PC.

CREATE FUNCTION causal.pc(m causal.moments, names text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                          stable boolean DEFAULT true, uc_rule int DEFAULT NULL,
                          uc_priority int DEFAULT NULL, max_depth int DEFAULT -1,
                          background jsonb DEFAULT NULL, collider_rule text DEFAULT NULL,
                          collider_priority text DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    AS 'MODULE_PATHNAME', 'pc_moments'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 50;
COMMENT ON FUNCTION causal.pc(causal.moments, text[], float8, boolean, int, int, int, jsonb, text, text) IS
  'PC with Fisher-z tests on a moment sketch; the CPDAG as edge rows (uc_rule and uc_priority: deprecated codes of collider_rule and collider_priority)';

CREATE FUNCTION causal.pc(c causal.crosstab, names text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                          method text DEFAULT NULL, stable boolean DEFAULT true,
                          uc_rule int DEFAULT NULL, uc_priority int DEFAULT NULL, max_depth int DEFAULT -1,
                          background jsonb DEFAULT NULL, ci_test text DEFAULT NULL,
                          collider_rule text DEFAULT NULL, collider_priority text DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    AS 'MODULE_PATHNAME', 'pc_crosstab'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 50;
COMMENT ON FUNCTION causal.pc(causal.crosstab, text[], float8, text, boolean, int, int, int, jsonb, text, text, text) IS
  'PC with chi-square or G-squared tests (ci_test) on a crosstab; the CPDAG as edge rows (method, uc_rule and uc_priority: deprecated names)';

CREATE FUNCTION causal.pc_sepsets(m causal.moments, names text[] DEFAULT NULL,
                                  alpha float8 DEFAULT 0.05, stable boolean DEFAULT true,
                                  max_depth int DEFAULT -1)
    RETURNS TABLE (x text, y text, sepset text[], p_value float8, depth int, sepset_union text[])
    AS 'MODULE_PATHNAME', 'pc_sepsets_moments'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION causal.pc_sepsets(causal.moments, text[], float8, boolean, int) IS
  'why PC removed each edge: the first separating set, its p-value and depth, and the union used for orientation';

CREATE FUNCTION causal.pc_sepsets(c causal.crosstab, names text[] DEFAULT NULL,
                                  alpha float8 DEFAULT 0.05, method text DEFAULT NULL,
                                  stable boolean DEFAULT true, max_depth int DEFAULT -1,
                                  ci_test text DEFAULT NULL)
    RETURNS TABLE (x text, y text, sepset text[], p_value float8, depth int, sepset_union text[])
    AS 'MODULE_PATHNAME', 'pc_sepsets_crosstab'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION causal.pc_sepsets(causal.crosstab, text[], float8, text, boolean, int, text) IS
  'why PC removed each edge (crosstab tests: ci_test chisq or gsq; method its deprecated name)';

CREATE FUNCTION causal.pc_kernel(rows float8[], names text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                                 method text DEFAULT NULL, seed bigint DEFAULT NULL,
                                 stable boolean DEFAULT true, uc_rule int DEFAULT NULL,
                                 uc_priority int DEFAULT NULL, max_depth int DEFAULT -1,
                                 background jsonb DEFAULT NULL, ci_test text DEFAULT NULL,
                                 collider_rule text DEFAULT NULL, collider_priority text DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    AS 'MODULE_PATHNAME', 'pc_rows'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 50;
COMMENT ON FUNCTION causal.pc_kernel(float8[], text[], float8, text, bigint, boolean, int, int, int, jsonb, text, text, text) IS
  'PC with the kernel tests (ci_test kci or rcit) on rows given as an n x k float8 array (method, uc_rule and uc_priority: deprecated names)';

-- Columns of a table for discovery: the given ones, or every numeric column
-- (fisherz, kci, rcit) / every column (chisq, gsq).
CREATE FUNCTION causal.discovery_columns(relation regclass, columns text[], ci_test text,
                                         exclude text[] DEFAULT NULL)
    RETURNS text[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- option values are case-insensitive; blanks around them do not count
    ci_test := lower(btrim(ci_test));
    IF relation IS NULL OR ci_test IS NULL THEN
        PERFORM causal.raise_error('null_value_not_allowed',
            'the relation and ci_test of a discovery call must not be NULL');
    END IF;
    -- the columns given, else the numeric columns (every column for the discrete tests) less
    -- the keys; then less the excluded ones
    RETURN causal.exclude_columns(relation,
                                  coalesce(columns, causal.default_columns(relation, ci_test IN ('fisherz', 'kci', 'rcit'))),
                                  exclude);
END;
$$;
COMMENT ON FUNCTION causal.discovery_columns(regclass, text[], text, text[]) IS
  'the columns a table-level discovery call uses';

CREATE FUNCTION causal.pc(relation regclass, columns text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                          ci_test text DEFAULT 'fisherz', stable boolean DEFAULT true,
                          uc_rule int DEFAULT NULL, uc_priority int DEFAULT NULL, max_depth int DEFAULT -1,
                          background jsonb DEFAULT NULL, exclude text[] DEFAULT NULL,
                          collider_rule text DEFAULT NULL, collider_priority text DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[] := causal.discovery_columns(relation, columns, ci_test, exclude);
    rows float8[];
BEGIN
    -- option values are case-insensitive; blanks around them do not count
    ci_test := lower(btrim(ci_test));
    IF cols IS NULL OR cardinality(cols) < 2 THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('PC needs at least two columns of %s', relation));
    END IF;
    IF ci_test = 'fisherz' THEN
        RETURN QUERY SELECT * FROM causal.pc(causal.table_moments(relation, cols), cols, alpha,
                                             stable, uc_rule, uc_priority, max_depth, background,
                                             collider_rule, collider_priority);
    ELSIF ci_test IN ('chisq', 'gsq') THEN
        RETURN QUERY SELECT * FROM causal.pc(causal.table_crosstab(relation, cols), cols, alpha,
                                             NULL, stable, uc_rule, uc_priority, max_depth,
                                             background, ci_test, collider_rule, collider_priority);
    ELSIF ci_test IN ('kci', 'rcit') THEN
        PERFORM causal.check_numeric_columns(relation, cols);
        -- the rows in canonical order (causal.row_key): the tests' widths and features do not
        -- depend on how the table is stored
        EXECUTE format('SELECT array_agg(ARRAY[%1$s]::float8[] ORDER BY causal.row_key(ARRAY[%1$s]::pg_catalog.float8[]), %1$s) FROM %2$s WHERE %3$s',
                       (SELECT string_agg(format('%I', c), ', ') FROM unnest(cols) AS c),
                       relation,
                       (SELECT string_agg(format('%I IS NOT NULL', c), ' AND ') FROM unnest(cols) AS c))
           INTO rows;
        IF rows IS NULL THEN
            PERFORM causal.raise_error('data_exception',
                format('%s has no rows without NULLs in the columns', relation));
        END IF;
        RETURN QUERY SELECT * FROM causal.pc_kernel(rows, cols, alpha, NULL, NULL, stable,
                                                    uc_rule, uc_priority, max_depth, background,
                                                    ci_test, collider_rule, collider_priority);
    ELSE
        PERFORM causal.raise_error('invalid_parameter_value',
            format('PC with ci_test "%s" is not available', ci_test),
            'Use fisherz, chisq, gsq, kci or rcit.');
    END IF;
END;
$$;
COMMENT ON FUNCTION causal.pc(regclass, text[], float8, text, boolean, int, int, int, jsonb, text[], text, text) IS
  'PC on a table (one scan builds the sketch); the CPDAG as edge rows';

CREATE FUNCTION causal.pc_sepsets(relation regclass, columns text[] DEFAULT NULL,
                                  alpha float8 DEFAULT 0.05, ci_test text DEFAULT 'fisherz',
                                  stable boolean DEFAULT true, max_depth int DEFAULT -1,
                                  exclude text[] DEFAULT NULL)
    RETURNS TABLE (x text, y text, sepset text[], p_value float8, depth int, sepset_union text[])
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[] := causal.discovery_columns(relation, columns, ci_test, exclude);
BEGIN
    -- option values are case-insensitive; blanks around them do not count
    ci_test := lower(btrim(ci_test));
    IF ci_test = 'fisherz' THEN
        RETURN QUERY SELECT * FROM causal.pc_sepsets(causal.table_moments(relation, cols), cols,
                                                     alpha, stable, max_depth);
    ELSIF ci_test IN ('chisq', 'gsq') THEN
        RETURN QUERY SELECT * FROM causal.pc_sepsets(causal.table_crosstab(relation, cols), cols,
                                                     alpha, NULL, stable, max_depth, ci_test);
    ELSE
        PERFORM causal.raise_error('feature_not_supported',
            format('PC with ci_test "%s" is not available', ci_test),
            'Use fisherz, chisq or gsq.');
    END IF;
END;
$$;
COMMENT ON FUNCTION causal.pc_sepsets(regclass, text[], float8, text, boolean, int, text[]) IS
  'why PC removed each edge, on a table';

-- Text forms of the table-level calls: an untyped literal such as
-- causal.pc('my_table') resolves to these (the sketch forms take the same
-- array argument, so the regclass form alone would be ambiguous), and they
-- pass the name on as a regclass.  They leave search_path alone: the name is
-- resolved as the caller wrote it, and everything called is schema-qualified.
CREATE FUNCTION causal.pc(relation text, columns text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                          ci_test text DEFAULT 'fisherz', stable boolean DEFAULT true,
                          uc_rule int DEFAULT NULL, uc_priority int DEFAULT NULL, max_depth int DEFAULT -1,
                          background jsonb DEFAULT NULL, exclude text[] DEFAULT NULL,
                          collider_rule text DEFAULT NULL, collider_priority text DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT * FROM causal.pc(relation::pg_catalog.regclass, columns, alpha, ci_test, stable,
                            uc_rule, uc_priority, max_depth, background, exclude,
                            collider_rule, collider_priority)
$$;
COMMENT ON FUNCTION causal.pc(text, text[], float8, text, boolean, int, int, int, jsonb, text[], text, text) IS
  'PC on a table named by text (see the regclass form)';

CREATE FUNCTION causal.pc_sepsets(relation text, columns text[] DEFAULT NULL,
                                  alpha float8 DEFAULT 0.05, ci_test text DEFAULT 'fisherz',
                                  stable boolean DEFAULT true, max_depth int DEFAULT -1,
                                  exclude text[] DEFAULT NULL)
    RETURNS TABLE (x text, y text, sepset text[], p_value float8, depth int, sepset_union text[])
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT * FROM causal.pc_sepsets(relation::pg_catalog.regclass, columns, alpha, ci_test,
                                    stable, max_depth, exclude)
$$;
COMMENT ON FUNCTION causal.pc_sepsets(text, text[], float8, text, boolean, int, text[]) IS
  'why PC removed each edge, on a table named by text';

-- CD-NOD ------------------------------------------------------------------

CREATE FUNCTION causal.cdnod(m causal.moments, names text[] DEFAULT NULL, domain int DEFAULT NULL,
                             alpha float8 DEFAULT 0.05, stable boolean DEFAULT true,
                             uc_rule int DEFAULT NULL, uc_priority int DEFAULT NULL,
                             max_depth int DEFAULT -1, background jsonb DEFAULT NULL,
                             collider_rule text DEFAULT NULL, collider_priority text DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    AS 'MODULE_PATHNAME', 'cdnod_moments'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 50;
COMMENT ON FUNCTION causal.cdnod(causal.moments, text[], int, float8, boolean, int, int, int, jsonb, text, text) IS
  'CD-NOD on a moment sketch whose column "domain" is the domain or time index (Fisher-z)';

CREATE FUNCTION causal.cdnod_change_dependence(relation regclass, cause text, effect text, domain text,
                                               max_rows int DEFAULT 500, seed bigint DEFAULT 42,
                                               domain_kernel text DEFAULT 'auto',
                                               OUT forward float8, OUT backward float8, OUT n_rows int,
                                               OUT domain_kernel_used text)
    AS 'MODULE_PATHNAME', 'cdnod_change_dependence'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION causal.cdnod_change_dependence(regclass, text, text, text, int, bigint, text) IS
  'CD-NOD independent-change criterion: dependence between the changes of P(cause) and P(effect | cause) (forward) and of P(effect) and P(cause | effect) (backward); the smaller is the causal direction';

CREATE FUNCTION causal.cdnod(relation regclass, columns text[], domain text,
                             alpha float8 DEFAULT 0.05, ci_test text DEFAULT 'fisherz',
                             stable boolean DEFAULT true, uc_rule int DEFAULT NULL,
                             uc_priority int DEFAULT NULL, max_depth int DEFAULT -1,
                             background jsonb DEFAULT NULL, independent_change boolean DEFAULT true,
                             max_rows int DEFAULT 500, seed bigint DEFAULT 42, exclude text[] DEFAULT NULL,
                             collider_rule text DEFAULT NULL, collider_priority text DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[] := causal.exclude_columns(relation, COALESCE(columns, causal.default_columns(relation, true)), exclude);
    m causal.moments;
    g record;
    e record;
    decided jsonb := '[]'::jsonb;
    src text[];
    tgt text[];
    edg text[];
    kn jsonb;
BEGIN
    -- option values are case-insensitive; blanks around them do not count
    ci_test := lower(btrim(ci_test));
    IF domain IS NULL THEN
        PERFORM causal.raise_error('null_value_not_allowed',
            'causal.cdnod needs the domain (or time index) column');
    END IF;
    IF ci_test <> 'fisherz' THEN
        PERFORM causal.raise_error('feature_not_supported',
            format('CD-NOD with ci_test "%s" is not available', ci_test),
            'Use fisherz; the domain index is then treated as a numeric variable.');
    END IF;
    IF independent_change IS NULL THEN
        PERFORM causal.raise_error('null_value_not_allowed',
            'argument "independent_change" of causal.cdnod must not be NULL',
            'Pass true or false.');
    END IF;
    -- the domain column goes last, where causal-learn's cdnod puts it
    cols := array_remove(cols, domain) || domain;
    IF cardinality(cols) < 2 THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            'CD-NOD needs at least one column besides the domain');
    END IF;
    m := causal.table_moments(relation, cols);
    IF NOT independent_change THEN
        RETURN QUERY SELECT * FROM causal.cdnod(m, cols, cardinality(cols), alpha, stable, uc_rule,
                                                uc_priority, max_depth, background, collider_rule,
                                                collider_priority);
        RETURN;
    END IF;
    -- Independent changes (Huang et al. 2020, section 4.2): an undirected edge between
    -- two variables whose mechanisms both change is oriented the way in which the
    -- changes of the two modules are the less dependent.  The surest decisions come
    -- first; one that would close a directed cycle is skipped.  The decisions then
    -- join the background knowledge as required edges and the search runs again
    -- on the same sketch, so that the colliders and Meek's rules take them up.
    SELECT pg_catalog.array_agg(c.source), pg_catalog.array_agg(c.target), pg_catalog.array_agg(c.edge)
      INTO src, tgt, edg
      FROM causal.cdnod(m, cols, cardinality(cols), alpha, stable, uc_rule, uc_priority,
                        max_depth, background, collider_rule, collider_priority) c;
    FOR e IN
        WITH graph AS (SELECT * FROM unnest(src, tgt, edg) AS x(source, target, edge))
        SELECT u.source AS a, u.target AS b, d.forward, d.backward
          FROM graph u,
               LATERAL causal.cdnod_change_dependence(relation, u.source, u.target, domain,
                                                      max_rows, seed) d
         WHERE u.edge = '---'
           AND EXISTS (SELECT 1 FROM graph c
                        WHERE c.source = domain AND c.target = u.source AND c.edge = '-->')
           AND EXISTS (SELECT 1 FROM graph c
                        WHERE c.source = domain AND c.target = u.target AND c.edge = '-->')
         ORDER BY abs(d.forward - d.backward) DESC NULLS LAST, u.source, u.target
    LOOP
        IF pg_catalog.current_setting('causal.progress', true) = 'on' THEN
            RAISE NOTICE 'CD-NOD independent change: % --- %: dependence of changes % (% --> %), % (% --> %)',
                e.a, e.b, round(e.forward::numeric, 4), e.a, e.b, round(e.backward::numeric, 4), e.b, e.a;
        END IF;
        CONTINUE WHEN e.forward IS NULL OR e.backward IS NULL OR e.forward = e.backward;
        SELECT CASE WHEN e.forward < e.backward THEN e.a ELSE e.b END AS s,
               CASE WHEN e.forward < e.backward THEN e.b ELSE e.a END AS t INTO g;
        -- skip when t already reaches s along directed edges
        CONTINUE WHEN EXISTS (
            WITH RECURSIVE arcs(s, t) AS (
                SELECT x.source, x.target FROM unnest(src, tgt, edg) AS x(source, target, edge)
                 WHERE x.edge = '-->'
                UNION ALL
                SELECT d ->> 0, d ->> 1 FROM jsonb_array_elements(decided) d),
            reach(v) AS (
                SELECT g.t
                UNION
                SELECT arcs.t FROM arcs JOIN reach ON arcs.s = reach.v)
            SELECT 1 FROM reach WHERE v = g.s);
        decided := decided || jsonb_build_array(jsonb_build_array(g.s, g.t));
    END LOOP;
    IF jsonb_array_length(decided) = 0 THEN
        RETURN QUERY SELECT * FROM unnest(src, tgt, edg);
        RETURN;
    END IF;
    kn := COALESCE(background, '{}'::jsonb);
    kn := jsonb_set(kn, '{required}', COALESCE(kn -> 'required', '[]'::jsonb) || decided);
    RETURN QUERY SELECT * FROM causal.cdnod(m, cols, cardinality(cols), alpha, stable, uc_rule,
                                            uc_priority, max_depth, kn, collider_rule, collider_priority);
END;
$$;
COMMENT ON FUNCTION causal.cdnod(regclass, text[], text, float8, text, boolean, int, int, int, jsonb, boolean, int, bigint, text[], text, text) IS
  'CD-NOD on a table: causal discovery from heterogeneous (multi-domain or nonstationary) data, with the orientation by independent changes';

CREATE FUNCTION causal.cdnod(relation text, columns text[], domain text,
                             alpha float8 DEFAULT 0.05, ci_test text DEFAULT 'fisherz',
                             stable boolean DEFAULT true, uc_rule int DEFAULT NULL,
                             uc_priority int DEFAULT NULL, max_depth int DEFAULT -1,
                             background jsonb DEFAULT NULL, independent_change boolean DEFAULT true,
                             max_rows int DEFAULT 500, seed bigint DEFAULT 42, exclude text[] DEFAULT NULL,
                             collider_rule text DEFAULT NULL, collider_priority text DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT * FROM causal.cdnod(relation::pg_catalog.regclass, columns, domain, alpha, ci_test,
                               stable, uc_rule, uc_priority, max_depth, background,
                               independent_change, max_rows, seed, exclude, collider_rule,
                               collider_priority)
$$;
COMMENT ON FUNCTION causal.cdnod(text, text[], text, float8, text, boolean, int, int, int, jsonb, boolean, int, bigint, text[], text, text) IS
  'CD-NOD on a table named by text';

-- GES -----------------------------------------------------------------------

CREATE FUNCTION causal.ges(m causal.moments, names text[] DEFAULT NULL, lambda float8 DEFAULT 0.5,
                           max_parents int DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    AS 'MODULE_PATHNAME', 'ges_moments'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION causal.ges(causal.moments, text[], float8, int) IS
  'GES (Chickering 2002) with the linear-Gaussian BIC score on a moment sketch: the CPDAG as edge rows';

CREATE FUNCTION causal.ges_score(m causal.moments, names text[] DEFAULT NULL, lambda float8 DEFAULT 0.5,
                                 max_parents int DEFAULT NULL)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'ges_score_moments'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.ges_score(causal.moments, text[], float8, int) IS
  'the BIC score (higher is better) of the CPDAG that causal.ges returns';

CREATE FUNCTION causal.ges(relation regclass, columns text[] DEFAULT NULL, lambda float8 DEFAULT 0.5,
                           max_parents int DEFAULT NULL, exclude text[] DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[] := causal.discovery_columns(relation, columns, 'fisherz', exclude);
BEGIN
    IF cols IS NULL OR cardinality(cols) < 2 THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('GES needs at least two columns of %s', relation));
    END IF;
    RETURN QUERY SELECT * FROM causal.ges(causal.table_moments(relation, cols), cols, lambda, max_parents);
END;
$$;
COMMENT ON FUNCTION causal.ges(regclass, text[], float8, int, text[]) IS
  'GES on a table (one scan builds the moment sketch); the CPDAG as edge rows';

CREATE FUNCTION causal.ges(relation text, columns text[] DEFAULT NULL, lambda float8 DEFAULT 0.5,
                           max_parents int DEFAULT NULL, exclude text[] DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT * FROM causal.ges(relation::pg_catalog.regclass, columns, lambda, max_parents, exclude)
$$;
COMMENT ON FUNCTION causal.ges(text, text[], float8, int, text[]) IS
  'GES on a table named by text (see the regclass form)';

-- FCI -----------------------------------------------------------------------

CREATE FUNCTION causal.fci(m causal.moments, names text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                           depth int DEFAULT -1, max_path_length int DEFAULT -1)
    RETURNS TABLE (source text, target text, edge text)
    AS 'MODULE_PATHNAME', 'fci_moments'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION causal.fci(causal.moments, text[], float8, int, int) IS
  'FCI with Fisher-z on a moment sketch: the PAG (edges -->, <->, o->, o-o) as edge rows';

CREATE FUNCTION causal.fci(c causal.crosstab, names text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                           method text DEFAULT NULL, depth int DEFAULT -1, max_path_length int DEFAULT -1,
                           ci_test text DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    AS 'MODULE_PATHNAME', 'fci_crosstab'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION causal.fci(causal.crosstab, text[], float8, text, int, int, text) IS
  'FCI with chi-square or G-squared (ci_test; method its deprecated name) on a crosstab sketch: the PAG as edge rows';

CREATE FUNCTION causal.fci(relation regclass, columns text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                           ci_test text DEFAULT 'fisherz', depth int DEFAULT -1, max_path_length int DEFAULT -1,
                           exclude text[] DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[] := causal.discovery_columns(relation, columns, ci_test, exclude);
BEGIN
    -- option values are case-insensitive; blanks around them do not count
    ci_test := lower(btrim(ci_test));
    IF cols IS NULL OR cardinality(cols) < 2 THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('FCI needs at least two columns of %s', relation));
    END IF;
    IF ci_test = 'fisherz' THEN
        RETURN QUERY SELECT * FROM causal.fci(causal.table_moments(relation, cols), cols, alpha, depth, max_path_length);
    ELSIF ci_test IN ('chisq', 'gsq') THEN
        RETURN QUERY SELECT * FROM causal.fci(causal.table_crosstab(relation, cols), cols, alpha, NULL, depth,
                                              max_path_length, ci_test);
    ELSE
        PERFORM causal.raise_error('invalid_parameter_value',
            format('FCI with ci_test "%s" is not available', ci_test),
            'Use fisherz, chisq or gsq.');
    END IF;
END;
$$;
COMMENT ON FUNCTION causal.fci(regclass, text[], float8, text, int, int, text[]) IS
  'FCI on a table (one scan builds the sketch); the PAG as edge rows';

CREATE FUNCTION causal.fci(relation text, columns text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                           ci_test text DEFAULT 'fisherz', depth int DEFAULT -1, max_path_length int DEFAULT -1,
                           exclude text[] DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT * FROM causal.fci(relation::pg_catalog.regclass, columns, alpha, ci_test, depth, max_path_length,
                             exclude)
$$;
COMMENT ON FUNCTION causal.fci(text, text[], float8, text, int, int, text[]) IS
  'FCI on a table named by text (see the regclass form)';
