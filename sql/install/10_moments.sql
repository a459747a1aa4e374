-- The mergeable moment sketch: type, aggregates, functions on it.

CREATE TYPE causal.moments;

CREATE FUNCTION causal.moments_in(cstring) RETURNS causal.moments
    AS 'MODULE_PATHNAME', 'moments_in'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.moments_in(cstring) IS 'text input of causal.moments (JSON), validated';

CREATE FUNCTION causal.moments_out(causal.moments) RETURNS cstring
    AS 'MODULE_PATHNAME', 'moments_out'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.moments_out(causal.moments) IS 'text output of causal.moments (JSON, lossless)';

CREATE FUNCTION causal.moments_recv(internal) RETURNS causal.moments
    AS 'MODULE_PATHNAME', 'moments_recv'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.moments_recv(internal) IS 'binary input of causal.moments, validated';

CREATE FUNCTION causal.moments_send(causal.moments) RETURNS bytea
    AS 'MODULE_PATHNAME', 'moments_send'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.moments_send(causal.moments) IS 'binary output of causal.moments';

CREATE TYPE causal.moments (
    INPUT = causal.moments_in,
    OUTPUT = causal.moments_out,
    RECEIVE = causal.moments_recv,
    SEND = causal.moments_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended,
    -- the category of regclass: so that causal.ci_test('tbl', 'x', 'y') with
    -- untyped literals resolves to the table-level form by its text arguments
    CATEGORY = 'N'
);
COMMENT ON TYPE causal.moments IS
  'mergeable sketch of n, means and co-moments of k columns (optionally weighted)';

CREATE FUNCTION causal.moments_transfn(causal.moments, VARIADIC "any") RETURNS causal.moments
    AS 'MODULE_PATHNAME', 'moments_transfn'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.moments_transfn(causal.moments, "any") IS
  'transition function of causal.moments';

CREATE FUNCTION causal.moments_weighted_transfn(causal.moments, float8, VARIADIC "any")
    RETURNS causal.moments
    AS 'MODULE_PATHNAME', 'moments_weighted_transfn'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.moments_weighted_transfn(causal.moments, float8, "any") IS
  'transition function of causal.moments_weighted';

CREATE FUNCTION causal.moments_combine(causal.moments, causal.moments) RETURNS causal.moments
    AS 'MODULE_PATHNAME', 'moments_combine'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.moments_combine(causal.moments, causal.moments) IS
  'combine function of the causal.moments aggregates (pairwise merge)';

CREATE FUNCTION causal.moments_final(causal.moments) RETURNS causal.moments
    AS 'MODULE_PATHNAME', 'moments_final'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.moments_final(causal.moments) IS
  'final function of the causal.moments aggregates';

CREATE AGGREGATE causal.moments(VARIADIC "any") (
    SFUNC = causal.moments_transfn,
    STYPE = causal.moments,
    FINALFUNC = causal.moments_final,
    COMBINEFUNC = causal.moments_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.moments(VARIADIC "any") IS
  'moment sketch of numeric columns in one scan; rows with a NULL are skipped and counted';

CREATE AGGREGATE causal.moments_weighted(float8, VARIADIC "any") (
    SFUNC = causal.moments_weighted_transfn,
    STYPE = causal.moments,
    FINALFUNC = causal.moments_final,
    COMBINEFUNC = causal.moments_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.moments_weighted(float8, VARIADIC "any") IS
  'weighted moment sketch: first argument the weight (>= 0), then the numeric columns';

CREATE AGGREGATE causal.merge(causal.moments) (
    SFUNC = causal.moments_combine,
    STYPE = causal.moments,
    FINALFUNC = causal.moments_final,
    COMBINEFUNC = causal.moments_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.merge(causal.moments) IS
  'merges stored moment sketches (rollups) into one';

-- Functions on a sketch ----------------------------------------------------

CREATE FUNCTION causal.n(m causal.moments) RETURNS bigint
    AS 'MODULE_PATHNAME', 'moments_n'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.n(causal.moments) IS 'rows in the sketch (rows of positive weight when weighted)';

CREATE FUNCTION causal.n_skipped(m causal.moments) RETURNS bigint
    AS 'MODULE_PATHNAME', 'moments_n_skipped'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.n_skipped(causal.moments) IS 'rows skipped because an argument was NULL';

CREATE FUNCTION causal.total_weight(m causal.moments) RETURNS float8
    AS 'MODULE_PATHNAME', 'moments_total_weight'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.total_weight(causal.moments) IS 'sum of the weights (n when unweighted)';

CREATE FUNCTION causal.columns(m causal.moments) RETURNS int
    AS 'MODULE_PATHNAME', 'moments_k'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.columns(causal.moments) IS 'number of columns k of the sketch';

CREATE FUNCTION causal.column_names(m causal.moments) RETURNS text[]
    AS 'MODULE_PATHNAME', 'moments_column_names'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.column_names(causal.moments) IS
  'the column names the sketch carries, in order (NULL when unnamed)';

CREATE FUNCTION causal.with_names(m causal.moments, names text[]) RETURNS causal.moments
    AS 'MODULE_PATHNAME', 'moments_with_names'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.with_names(causal.moments, text[]) IS
  'the sketch carrying these column names (one per column, distinct; NULL drops the names); named sketches merge only with the same names';

CREATE FUNCTION causal.column_positions(m causal.moments, names text[]) RETURNS int[]
    AS 'MODULE_PATHNAME', 'moments_column_positions'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.column_positions(causal.moments, text[]) IS
  '1-based positions of the named columns of a named sketch (for the functions that take positions)';

CREATE FUNCTION causal.means(m causal.moments) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'moments_means'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.means(causal.moments) IS 'column means (weighted means when weighted)';

CREATE FUNCTION causal.covariance(m causal.moments, weights text DEFAULT 'frequency')
    RETURNS float8[]
    AS 'MODULE_PATHNAME', 'moments_covariance'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.covariance(causal.moments, text) IS
  'k x k sample covariance; divisor W - 1 (weights => ''frequency'') or W - sum(w^2)/W (''reliability'')';

CREATE FUNCTION causal.correlation(m causal.moments) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'moments_correlation'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.correlation(causal.moments) IS 'k x k Pearson correlation matrix';

CREATE FUNCTION causal.partial_correlation(m causal.moments, i int, j int,
                                           given int[] DEFAULT '{}')
    RETURNS float8
    AS 'MODULE_PATHNAME', 'moments_partial_corr'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.partial_correlation(causal.moments, int, int, int[]) IS
  'partial correlation of columns i and j given the columns in "given" (1-based positions)';

CREATE FUNCTION causal.partial_correlation(m causal.moments, i text, j text, given text[] DEFAULT '{}')
    RETURNS float8
    LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN causal.partial_correlation(m, (causal.column_positions(m, ARRAY[i]))[1],
                                      (causal.column_positions(m, ARRAY[j]))[1],
                                      causal.column_positions(m, given));
COMMENT ON FUNCTION causal.partial_correlation(causal.moments, text, text, text[]) IS
  'partial correlation of the named columns i and j given the named columns in "given" (a named sketch)';

CREATE FUNCTION causal.ols(m causal.moments, y int, x int[], intercept boolean DEFAULT true,
                           names text[] DEFAULT NULL,
                           OUT term text, OUT estimate float8, OUT std_error float8,
                           OUT t_value float8, OUT p_value float8, OUT r2 float8,
                           OUT df_resid float8, OUT n bigint)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'moments_ols'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION causal.ols(causal.moments, int, int[], boolean, text[]) IS
  'least squares of column y on columns x from a sketch, classical standard errors (weighted sketch: WLS as R''s lm(weights =))';

CREATE FUNCTION causal.ols(m causal.moments, y text, x text[], intercept boolean DEFAULT true,
                           OUT term text, OUT estimate float8, OUT std_error float8,
                           OUT t_value float8, OUT p_value float8, OUT r2 float8,
                           OUT df_resid float8, OUT n bigint)
    RETURNS SETOF record
    LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 10
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM causal.ols(m, (causal.column_positions(m, ARRAY[y]))[1],
                             causal.column_positions(m, x), intercept)
$$;
COMMENT ON FUNCTION causal.ols(causal.moments, text, text[], boolean) IS
  'least squares of the named column y on the named columns x from a named sketch (terms carry the sketch''s names)';

-- Table level --------------------------------------------------------------

-- Columns of a relation usable as numbers, in table order.
CREATE FUNCTION causal.numeric_columns(relation regclass) RETURNS text[]
    LANGUAGE sql STABLE STRICT PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT array_agg(a.attname::text ORDER BY a.attnum)
              FROM pg_catalog.pg_attribute a
              JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
             WHERE a.attrelid = relation AND a.attnum > 0 AND NOT a.attisdropped
               AND (CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END)
                   IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype,
                       'float4'::regtype, 'float8'::regtype, 'numeric'::regtype));
COMMENT ON FUNCTION causal.numeric_columns(regclass) IS
  'names of the numeric columns of a table or view, in column order';

-- The columns a call uses when the caller names none: the numeric ones (or all, for the discrete
-- tests), less the keys -- a column that is a one-column primary key or unique constraint or
-- index, an identity column, or a serial (a nextval default): a row id is not a variable.
CREATE FUNCTION causal.default_columns(relation regclass, numeric_only boolean) RETURNS text[]
    LANGUAGE sql STABLE STRICT PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT array_agg(a.attname::text ORDER BY a.attnum)
              FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = relation AND a.attnum > 0 AND NOT a.attisdropped
               AND (NOT numeric_only OR a.attname::text = ANY (causal.numeric_columns(relation)))
               AND a.attidentity = ''
               AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i
                                WHERE i.indrelid = relation AND i.indisunique AND i.indnkeyatts = 1
                                  AND i.indkey[0] = a.attnum AND i.indpred IS NULL)
               AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attrdef d
                                WHERE d.adrelid = relation AND d.adnum = a.attnum
                                  AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%'));
COMMENT ON FUNCTION causal.default_columns(regclass, boolean) IS
  'the columns a call uses by default: numeric ones (or all), less keys (one-column primary key or unique, identity, serial)';

-- columns less those named in exclude (NULL or empty: none), in their order; a name in exclude
-- that is no column of relation is an error (a typo would otherwise exclude nothing).
CREATE FUNCTION causal.exclude_columns(relation regclass, columns text[], exclude text[]) RETURNS text[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    bad text;
BEGIN
    IF exclude IS NULL OR cardinality(exclude) = 0 OR columns IS NULL THEN
        RETURN columns;
    END IF;
    SELECT e INTO bad FROM unnest(exclude) AS u(e)
     WHERE e IS NULL OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                                     WHERE a.attrelid = relation AND a.attname = e
                                       AND a.attnum > 0 AND NOT a.attisdropped)
     LIMIT 1;
    IF FOUND THEN
        PERFORM causal.raise_error('undefined_column',
            format('exclude names "%s", which is no column of %s', bad, relation),
            'Column names are case-sensitive, as in quoted identifiers.');
    END IF;
    RETURN ARRAY(SELECT c FROM unnest(columns) WITH ORDINALITY AS u(c, k)
                  WHERE NOT c = ANY (exclude) ORDER BY k);
END;
$$;
COMMENT ON FUNCTION causal.exclude_columns(regclass, text[], text[]) IS
  'columns less the names in exclude, each checked to be a column of the relation';

-- Checks that each name is a column of relation; raises a clear error otherwise.
CREATE FUNCTION causal.check_columns(relation regclass, columns text[])
    RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    col text;
BEGIN
    IF relation IS NULL THEN
        PERFORM causal.raise_error('null_value_not_allowed',
            'relation must not be NULL',
            'Pass a table or view, for example ''sales''::regclass.');
    END IF;
    IF columns IS NULL OR cardinality(columns) = 0 THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('no columns given for %s', relation),
            'Pass column names, or NULL for every numeric column.');
    END IF;
    FOREACH col IN ARRAY columns LOOP
        IF col IS NULL THEN
            PERFORM causal.raise_error('null_value_not_allowed',
                format('column list for %s contains a NULL', relation));
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
                        WHERE attrelid = relation AND attname = col
                          AND attnum > 0 AND NOT attisdropped) THEN
            PERFORM causal.raise_error('undefined_column',
                format('column "%s" does not exist in %s', col, relation),
                'Column names are case-sensitive, as in quoted identifiers.');
        END IF;
    END LOOP;
END;
$$;
COMMENT ON FUNCTION causal.check_columns(regclass, text[]) IS
  'raises an error unless every name is a column of the relation';

-- Checks that each name is a numeric column of relation; raises a clear error otherwise.
CREATE FUNCTION causal.check_numeric_columns(relation regclass, columns text[])
    RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    col text;
    numeric_cols text[] := causal.numeric_columns(relation);
BEGIN
    PERFORM causal.check_columns(relation, columns);
    FOREACH col IN ARRAY columns LOOP
        IF numeric_cols IS NULL OR NOT col = ANY (numeric_cols) THEN
            PERFORM causal.raise_error('datatype_mismatch',
                format('column "%s" of %s is not numeric', col, relation),
                'Use smallint, integer, bigint, real, double precision or numeric columns.');
        END IF;
    END LOOP;
END;
$$;
COMMENT ON FUNCTION causal.check_numeric_columns(regclass, text[]) IS
  'raises an error unless every name is a numeric column of the relation';

-- The numeric design of columns of a relation, as SQL expressions over the relation (items) and
-- their names: a number as it is, a boolean as 0/1, any other column (text, enum) a factor, an
-- indicator name=level for each level but the first in byte order of the text (the reference
-- level, as R's treatment contrasts; core/table_rows.c codes factors the same way), at most 100
-- levels.  A factor's levels are those of the rows where none of columns and required is NULL.
CREATE FUNCTION causal.design_columns(relation regclass, columns text[], required text[] DEFAULT '{}',
                                      OUT items text[], OUT names text[])
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    col text;
    typ regtype;
    lv text[];
    kept text;
    numeric_cols text[] := causal.numeric_columns(relation);
BEGIN
    PERFORM causal.check_columns(relation, columns);
    IF cardinality(required) > 0 THEN
        PERFORM causal.check_columns(relation, required);
    END IF;
    kept := (SELECT string_agg(format('%I IS NOT NULL', c), ' AND ')
               FROM unnest(columns || coalesce(required, '{}')) AS c);
    items := '{}';
    names := '{}';
    FOREACH col IN ARRAY columns LOOP
        SELECT a.atttypid::regtype INTO typ FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = relation AND a.attname = col AND a.attnum > 0 AND NOT a.attisdropped;
        IF col = ANY (numeric_cols) THEN
            items := items || format('%I', col);
            names := names || col;
        ELSIF 'boolean'::pg_catalog.regtype IN (typ, (SELECT t.typbasetype FROM pg_catalog.pg_type t WHERE t.oid = typ)) THEN
            items := items || format('%I::pg_catalog.int4', col);
            names := names || col;
        ELSE
            EXECUTE format('SELECT array_agg(v ORDER BY v COLLATE "C") FROM (SELECT DISTINCT %I::pg_catalog.text AS v FROM %s WHERE %s) s',
                           col, relation, kept)
               INTO lv;
            IF cardinality(lv) = 1 THEN
                PERFORM causal.raise_error('data_exception',
                    format('covariate "%s" has the single value "%s"', col, lv[1]),
                    'Drop it: a constant carries no information.');
            ELSIF cardinality(lv) > 100 THEN
                PERFORM causal.raise_error('invalid_parameter_value',
                    format('covariate "%s" is not a number and has %s distinct values, too many for a factor', col, cardinality(lv)),
                    'A text covariate is one-hot encoded (one column per value but the first, at most 100 values); an id or a free-text column is not a covariate.');
            END IF;
            FOR k IN 2 .. coalesce(cardinality(lv), 0) LOOP
                items := items || format('(%I::pg_catalog.text = %L)::pg_catalog.int4', col, lv[k]);
                names := names || (col || '=' || lv[k]);
            END LOOP;
        END IF;
    END LOOP;
END;
$$;
COMMENT ON FUNCTION causal.design_columns(regclass, text[], text[]) IS
  'the numeric design of columns as SQL expressions with names: numbers, booleans as 0/1, factors as indicators name=level (the first level in byte order the reference)';

-- The moment sketch of the design of columns (causal.design_columns), named: regression from a
-- sketch with factor columns (causal.ols, causal.estimate(method => 'regression')).
CREATE FUNCTION causal.design_moments(relation regclass, columns text[])
    RETURNS causal.moments
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    d record;
    m causal.moments;
BEGIN
    SELECT * INTO d FROM causal.design_columns(relation, columns);
    -- the double precision overloads (89_typed_aggregates.sql) up to 99 columns, one array per
    -- row beyond: both distribute on Citus
    EXECUTE format(CASE WHEN cardinality(d.items) <= 99 THEN 'SELECT causal.moments(%s) FROM %s'
                        ELSE 'SELECT causal.moments(ARRAY[%s]) FROM %s' END,
                   (SELECT string_agg(format('(%s)::pg_catalog.float8', i), ', ' ORDER BY o)
                      FROM unnest(d.items) WITH ORDINALITY AS u(i, o)),
                   relation)
       INTO m;
    -- the sketch carries the design's names (NULL stays NULL: a table of no rows)
    RETURN CASE WHEN m IS NULL THEN NULL ELSE causal.with_names(m, d.names) END;
END;
$$;
COMMENT ON FUNCTION causal.design_moments(regclass, text[]) IS
  'the moment sketch of columns with factors one-hot encoded (names name=level, the first level the reference) and booleans as 0/1, named (one scan, plus one per factor for its levels)';

CREATE FUNCTION causal.table_moments(relation regclass, columns text[])
    RETURNS causal.moments
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM causal.check_numeric_columns(relation, columns);
    -- numeric columns only: their design is the columns themselves, named after them
    RETURN causal.design_moments(relation, columns);
END;
$$;
COMMENT ON FUNCTION causal.table_moments(regclass, text[]) IS
  'the moment sketch of the named columns of a table (one scan), carrying the column names';

CREATE FUNCTION causal.correlations(relation regclass, columns text[] DEFAULT NULL, exclude text[] DEFAULT NULL)
    RETURNS TABLE (x text, y text, covariance float8, correlation float8, n bigint)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[] := causal.exclude_columns(relation, COALESCE(columns, causal.default_columns(relation, true)), exclude);
    m causal.moments;
    cov float8[];
BEGIN
    IF relation IS NULL THEN
        PERFORM causal.raise_error('null_value_not_allowed',
            'relation must not be NULL',
            'Pass a table or view, for example ''sales''::regclass.');
    END IF;
    IF cols IS NULL THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('%s has no numeric columns', relation));
    END IF;
    m := causal.table_moments(relation, cols);
    IF m IS NULL OR causal.n(m) < 2 THEN
        PERFORM causal.raise_error('data_exception',
            format('%s has fewer than 2 rows with every column non-NULL', relation),
            'Rows with a NULL in any of the columns are skipped.');
    END IF;
    cov := causal.covariance(m);
    RETURN QUERY
        SELECT cols[i], cols[j], cov[i][j],
               CASE WHEN cov[i][i] > 0 AND cov[j][j] > 0
                    THEN cov[i][j] / sqrt(cov[i][i] * cov[j][j]) END,
               causal.n(m)
          FROM generate_series(1, cardinality(cols)) AS i,
               generate_series(i, cardinality(cols)) AS j
         ORDER BY i, j;
END;
$$;
COMMENT ON FUNCTION causal.correlations(regclass, text[], text[]) IS
  'covariance and correlation of every pair of columns (NULL columns: every numeric column), one scan, listwise deletion of NULLs';
