-- Conditional-independence tests.

CREATE TYPE causal.ci_result AS (
    method       text,
    statistic    float8,
    p_value      float8,
    dof          float8,
    n            bigint,
    independent  boolean
);
COMMENT ON TYPE causal.ci_result IS
  'result of a conditional-independence test; independent = p_value > alpha';

CREATE FUNCTION causal.ci_test(m causal.moments, x int, y int, given int[] DEFAULT '{}',
                               alpha float8 DEFAULT 0.05)
    RETURNS causal.ci_result
    AS 'MODULE_PATHNAME', 'ci_test_moments'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.ci_test(causal.moments, int, int, int[], float8) IS
  'Fisher-z test of columns x and y given the columns in "given", on a moment sketch';

CREATE FUNCTION causal.ci_test(c causal.crosstab, x int, y int, given int[] DEFAULT '{}',
                               method text DEFAULT 'chisq', alpha float8 DEFAULT 0.05)
    RETURNS causal.ci_result
    AS 'MODULE_PATHNAME', 'ci_test_crosstab'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.ci_test(causal.crosstab, int, int, int[], text, float8) IS
  'chi-square (method => ''chisq'') or G-squared (''gsq'') test of columns x and y given "given", on a crosstab';

CREATE FUNCTION causal.ci_test_check_levels(c causal.crosstab, names text[]) RETURNS void
    AS 'MODULE_PATHNAME', 'ci_test_check_levels'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.ci_test_check_levels(causal.crosstab, text[]) IS
  'refuses a crosstab column with too many levels for a discrete test (more than 50, fewer than 5 rows a level), naming it';

-- The crosstab of the named columns of a table (one scan).
CREATE FUNCTION causal.table_crosstab(relation regclass, columns text[])
    RETURNS causal.crosstab
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c causal.crosstab;
BEGIN
    PERFORM causal.check_columns(relation, columns);
    -- every column as text (the labels the "any" form gives, but for char(n)'s padding): the
    -- text overloads (89_typed_aggregates.sql) distribute on Citus
    EXECUTE format('SELECT causal.crosstab(%s) FROM %s',
                   (SELECT string_agg(format('%I::pg_catalog.text', u.c), ', ' ORDER BY u.o)
                      FROM unnest(columns) WITH ORDINALITY AS u(c, o)),
                   relation)
       INTO c;
    -- the crosstab carries its columns' names (NULL stays NULL: a table of no rows)
    RETURN CASE WHEN c IS NULL THEN NULL ELSE causal.with_names(c, columns) END;
END;
$$;
COMMENT ON FUNCTION causal.table_crosstab(regclass, text[]) IS
  'the crosstab of the named columns of a table (one scan), carrying the column names';

CREATE FUNCTION causal.kci(x float8[], y float8[], z float8[] DEFAULT NULL,
                           alpha float8 DEFAULT 0.05, width text DEFAULT 'empirical',
                           sigmas float8[] DEFAULT NULL)
    RETURNS causal.ci_result
    AS 'MODULE_PATHNAME', 'kci_arrays'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.kci(float8[], float8[], float8[], float8, text, float8[]) IS
  'kernel-based conditional independence test (KCI) of x and y given z; arrays of n values or n x d rows';

CREATE FUNCTION causal.rcit(x float8[], y float8[], z float8[] DEFAULT NULL,
                            alpha float8 DEFAULT 0.05, seed bigint DEFAULT NULL,
                            num_f int DEFAULT 100, num_f2 int DEFAULT 5, approx text DEFAULT 'lpb4')
    RETURNS causal.ci_result
    AS 'MODULE_PATHNAME', 'rcit_arrays'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.rcit(float8[], float8[], float8[], float8, bigint, int, int, text) IS
  'randomized conditional independence test (RCIT; RIT without z) by random Fourier features, seeded';

CREATE FUNCTION causal.ci_test(relation regclass, x text, y text, given text[] DEFAULT '{}',
                               method text DEFAULT 'fisherz', alpha float8 DEFAULT 0.05,
                               seed bigint DEFAULT NULL)
    RETURNS causal.ci_result
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[] := ARRAY[x, y] || COALESCE(given, '{}');
    idx int[] := ARRAY(SELECT generate_series(3, cardinality(cols)));
    m causal.moments;
    c causal.crosstab;
    xa float8[];
    ya float8[];
    za float8[];
    ord text;
BEGIN
    -- option values are case-insensitive; blanks around them do not count
    method := lower(btrim(method));
    IF (SELECT count(DISTINCT u.col) FROM unnest(cols) AS u(col)) < cardinality(cols) THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('a column appears twice among x = %s, y = %s and given = %s', x, y, given),
            'x and y must differ and must not be in the conditioning set.');
    END IF;
    IF method = 'fisherz' THEN
        m := causal.table_moments(relation, cols);
        IF m IS NULL THEN
            PERFORM causal.raise_error('data_exception',
                format('%s has no rows', relation),
                'Too few rows for a test.');
        END IF;
        RETURN causal.ci_test(m, 1, 2, idx, alpha);
    ELSIF method IN ('chisq', 'gsq') THEN
        c := causal.table_crosstab(relation, cols);
        IF c IS NULL THEN
            PERFORM causal.raise_error('data_exception',
                format('%s has no rows', relation),
                'Too few rows for a test.');
        END IF;
        PERFORM causal.ci_test_check_levels(c, cols);
        RETURN causal.ci_test(c, 1, 2, idx, method, alpha);
    ELSIF method IN ('kci', 'rcit') THEN
        PERFORM causal.check_numeric_columns(relation, cols);
        -- the rows in canonical order (causal.row_key, then the values): the kernels' widths
        -- (from the first rows) and RCIT's features do not depend on how the table is stored
        ord := format('ORDER BY causal.row_key(ARRAY[%1$s]::pg_catalog.float8[]), %1$s',
                      (SELECT string_agg(format('%I', u), ', ' ORDER BY o) FROM unnest(cols) WITH ORDINALITY AS c(u, o)));
        EXECUTE format('SELECT array_agg(%I::float8 %s), array_agg(%I::float8 %s), %s FROM %s WHERE %s',
                       x, ord, y, ord,
                       CASE WHEN cardinality(cols) = 2 THEN 'NULL::float8[]'
                            ELSE format('array_agg(ARRAY[%s]::float8[] %s)',
                                        (SELECT string_agg(format('%I', g), ', ')
                                           FROM unnest(cols[3:]) AS g), ord) END,
                       relation,
                       (SELECT string_agg(format('%I IS NOT NULL', u), ' AND ') FROM unnest(cols) AS u))
           INTO xa, ya, za;
        IF xa IS NULL THEN
            PERFORM causal.raise_error('data_exception',
                format('%s has no rows without NULLs in the test columns', relation),
                'Too few rows for a test.');
        END IF;
        IF method = 'kci' THEN
            RETURN causal.kci(xa, ya, za, alpha);
        END IF;
        RETURN causal.rcit(xa, ya, za, alpha, seed);
    END IF;
    PERFORM causal.raise_error('invalid_parameter_value',
        format('unknown method "%s"', method),
        'The methods are fisherz, chisq, gsq, kci and rcit.');
END;
$$;
COMMENT ON FUNCTION causal.ci_test(regclass, text, text, text[], text, float8, bigint) IS
  'conditional-independence test of columns x and y given "given" on a table (fisherz, chisq, gsq, kci, rcit)';

