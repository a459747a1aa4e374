-- causal 0.1.0: core types, distribution functions, data simulator.
\echo Use "CREATE EXTENSION causal" to load this file. \quit

COMMENT ON SCHEMA causal IS 'causal inference inside PostgreSQL';

-- Shared result types ------------------------------------------------------

CREATE TYPE causal.effect AS (
    method     text,
    estimand   text,
    estimate   float8,
    std_error  float8,
    ci_lower   float8,
    ci_upper   float8,
    p_value    float8,
    n          bigint,
    n_treated  bigint,
    n_control  bigint,
    details    jsonb
);
COMMENT ON TYPE causal.effect IS
  'An effect estimate, returned by every estimator; NULL where a field means nothing for the method';

CREATE TYPE causal.edge AS (
    source  text,
    target  text,
    edge    text
);
COMMENT ON TYPE causal.edge IS
  'One edge of a graph: edge is one of -->, ---, <->, o->, o-o';

CREATE FUNCTION causal.is_edge_mark(edge text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN edge IN ('-->', '---', '<->', 'o->', 'o-o');
COMMENT ON FUNCTION causal.is_edge_mark(text) IS
  'true when edge is one of the edge kinds of causal.edge';

-- Distribution functions (R's libRmath) ------------------------------------

CREATE FUNCTION causal.pnorm(q float8, mean float8 DEFAULT 0, sd float8 DEFAULT 1,
                             lower_tail boolean DEFAULT true)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'causal_pnorm'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.pnorm(float8, float8, float8, boolean) IS
  'normal distribution function P(X <= q), or P(X > q) when lower_tail is false';

CREATE FUNCTION causal.qnorm(p float8, mean float8 DEFAULT 0, sd float8 DEFAULT 1,
                             lower_tail boolean DEFAULT true)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'causal_qnorm'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.qnorm(float8, float8, float8, boolean) IS
  'normal quantile function: the q with P(X <= q) = p (or P(X > q) = p when lower_tail is false)';

CREATE FUNCTION causal.pt(q float8, df float8, lower_tail boolean DEFAULT true)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'causal_pt'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.pt(float8, float8, boolean) IS
  'Student t distribution function with df degrees of freedom';

CREATE FUNCTION causal.pchisq(q float8, df float8, lower_tail boolean DEFAULT true)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'causal_pchisq'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.pchisq(float8, float8, boolean) IS
  'chi-square distribution function with df degrees of freedom';

CREATE FUNCTION causal.pf(q float8, df1 float8, df2 float8, lower_tail boolean DEFAULT true)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'causal_pf'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.pf(float8, float8, float8, boolean) IS
  'F distribution function with df1 and df2 degrees of freedom';

-- Seeded synthetic data ----------------------------------------------------

CREATE FUNCTION causal.simulate_sem(n bigint, k int, seed bigint DEFAULT 42,
                                    edge_prob float8 DEFAULT 0.2, effect float8 DEFAULT 2.0,
                                    OUT id bigint, OUT x float8[], OUT treatment int,
                                    OUT outcome float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'causal_simulate_sem'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION causal.simulate_sem(bigint, int, bigint, float8, float8) IS
  'n rows of a seeded random sparse linear SEM over k variables, a binary treatment confounded by x1 and x2, and an outcome with treatment effect "effect"';

CREATE FUNCTION causal.simulate_sem_graph(k int, seed bigint DEFAULT 42,
                                          edge_prob float8 DEFAULT 0.2,
                                          OUT source text, OUT target text, OUT edge text,
                                          OUT weight float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'causal_simulate_sem_graph'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION causal.simulate_sem_graph(int, bigint, float8) IS
  'the true DAG (with coefficients) behind causal.simulate_sem for the same k, seed and edge_prob';
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

-- Checks that each name is a column of relation; raises a clear error otherwise.
CREATE FUNCTION causal.check_columns(relation regclass, columns text[])
    RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    col text;
BEGIN
    IF columns IS NULL OR cardinality(columns) = 0 THEN
        RAISE EXCEPTION 'no columns given for %', relation
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass column names, or NULL for every numeric column.';
    END IF;
    FOREACH col IN ARRAY columns LOOP
        IF col IS NULL THEN
            RAISE EXCEPTION 'column list for % contains a NULL', relation
                USING ERRCODE = 'null_value_not_allowed';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
                        WHERE attrelid = relation AND attname = col
                          AND attnum > 0 AND NOT attisdropped) THEN
            RAISE EXCEPTION 'column "%" does not exist in %', col, relation
                USING ERRCODE = 'undefined_column',
                      HINT = 'Column names are case-sensitive, as in quoted identifiers.';
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
            RAISE EXCEPTION 'column "%" of % is not numeric', col, relation
                USING ERRCODE = 'datatype_mismatch',
                      HINT = 'Use smallint, integer, bigint, real, double precision or numeric columns.';
        END IF;
    END LOOP;
END;
$$;
COMMENT ON FUNCTION causal.check_numeric_columns(regclass, text[]) IS
  'raises an error unless every name is a numeric column of the relation';

CREATE FUNCTION causal.table_moments(relation regclass, columns text[])
    RETURNS causal.moments
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m causal.moments;
BEGIN
    PERFORM causal.check_numeric_columns(relation, columns);
    EXECUTE format('SELECT causal.moments(%s) FROM %s',
                   (SELECT string_agg(format('%I', c), ', ' ORDER BY o)
                      FROM unnest(columns) WITH ORDINALITY AS u(c, o)),
                   relation)
       INTO m;
    RETURN m;
END;
$$;
COMMENT ON FUNCTION causal.table_moments(regclass, text[]) IS
  'the moment sketch of the named columns of a table (one scan)';

CREATE FUNCTION causal.correlations(relation regclass, columns text[] DEFAULT NULL)
    RETURNS TABLE (x text, y text, covariance float8, correlation float8, n bigint)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[] := COALESCE(columns, causal.numeric_columns(relation));
    m causal.moments;
    cov float8[];
BEGIN
    IF cols IS NULL THEN
        RAISE EXCEPTION '% has no numeric columns', relation
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    m := causal.table_moments(relation, cols);
    IF m IS NULL OR causal.n(m) < 2 THEN
        RAISE EXCEPTION '% has fewer than 2 rows with every column non-NULL', relation
            USING ERRCODE = 'data_exception',
                  HINT = 'Rows with a NULL in any of the columns are skipped.';
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
COMMENT ON FUNCTION causal.correlations(regclass, text[]) IS
  'covariance and correlation of every pair of columns (NULL columns: every numeric column), one scan, listwise deletion of NULLs';
-- The mergeable contingency sketch: type, aggregates, functions on it.

CREATE TYPE causal.crosstab;

CREATE FUNCTION causal.crosstab_in(cstring) RETURNS causal.crosstab
    AS 'MODULE_PATHNAME', 'crosstab_in'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.crosstab_in(cstring) IS 'text input of causal.crosstab (JSON), validated';

CREATE FUNCTION causal.crosstab_out(causal.crosstab) RETURNS cstring
    AS 'MODULE_PATHNAME', 'crosstab_out'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.crosstab_out(causal.crosstab) IS 'text output of causal.crosstab (JSON)';

CREATE FUNCTION causal.crosstab_recv(internal) RETURNS causal.crosstab
    AS 'MODULE_PATHNAME', 'crosstab_recv'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.crosstab_recv(internal) IS 'binary input of causal.crosstab, validated';

CREATE FUNCTION causal.crosstab_send(causal.crosstab) RETURNS bytea
    AS 'MODULE_PATHNAME', 'crosstab_send'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.crosstab_send(causal.crosstab) IS 'binary output of causal.crosstab';

CREATE TYPE causal.crosstab (
    INPUT = causal.crosstab_in,
    OUTPUT = causal.crosstab_out,
    RECEIVE = causal.crosstab_recv,
    SEND = causal.crosstab_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended,
    -- the category of regclass: so that causal.ci_test('tbl', 'x', 'y') with
    -- untyped literals resolves to the table-level form by its text arguments
    CATEGORY = 'N'
);
COMMENT ON TYPE causal.crosstab IS
  'mergeable sparse contingency table: counts of the observed joint values of k discrete columns';

CREATE FUNCTION causal.crosstab_transfn(causal.crosstab, VARIADIC "any") RETURNS causal.crosstab
    AS 'MODULE_PATHNAME', 'crosstab_transfn'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.crosstab_transfn(causal.crosstab, "any") IS
  'transition function of causal.crosstab';

CREATE FUNCTION causal.crosstab_combine(causal.crosstab, causal.crosstab) RETURNS causal.crosstab
    AS 'MODULE_PATHNAME', 'crosstab_combine'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.crosstab_combine(causal.crosstab, causal.crosstab) IS
  'combine function of the causal.crosstab aggregates';

CREATE FUNCTION causal.crosstab_final(causal.crosstab) RETURNS causal.crosstab
    AS 'MODULE_PATHNAME', 'crosstab_final'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.crosstab_final(causal.crosstab) IS
  'final function of the causal.crosstab aggregates (canonical form)';

CREATE AGGREGATE causal.crosstab(VARIADIC "any") (
    SFUNC = causal.crosstab_transfn,
    STYPE = causal.crosstab,
    FINALFUNC = causal.crosstab_final,
    COMBINEFUNC = causal.crosstab_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.crosstab(VARIADIC "any") IS
  'contingency sketch of discrete columns in one scan; rows with a NULL are skipped and counted';

-- A call with one argument whose name is also a type name would be read as a
-- cast from string types; these one-column forms for string types win over it.
CREATE AGGREGATE causal.crosstab(text) (
    SFUNC = causal.crosstab_transfn,
    STYPE = causal.crosstab,
    FINALFUNC = causal.crosstab_final,
    COMBINEFUNC = causal.crosstab_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.crosstab(text) IS 'contingency sketch of one text column';

CREATE AGGREGATE causal.crosstab(varchar) (
    SFUNC = causal.crosstab_transfn,
    STYPE = causal.crosstab,
    FINALFUNC = causal.crosstab_final,
    COMBINEFUNC = causal.crosstab_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.crosstab(varchar) IS 'contingency sketch of one varchar column';

CREATE AGGREGATE causal.crosstab(bpchar) (
    SFUNC = causal.crosstab_transfn,
    STYPE = causal.crosstab,
    FINALFUNC = causal.crosstab_final,
    COMBINEFUNC = causal.crosstab_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.crosstab(bpchar) IS 'contingency sketch of one char(n) column';

CREATE AGGREGATE causal.merge(causal.crosstab) (
    SFUNC = causal.crosstab_combine,
    STYPE = causal.crosstab,
    FINALFUNC = causal.crosstab_final,
    COMBINEFUNC = causal.crosstab_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.merge(causal.crosstab) IS 'merges stored crosstabs into one';

CREATE FUNCTION causal.n(c causal.crosstab) RETURNS bigint
    AS 'MODULE_PATHNAME', 'crosstab_n'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.n(causal.crosstab) IS 'rows counted in the crosstab';

CREATE FUNCTION causal.n_skipped(c causal.crosstab) RETURNS bigint
    AS 'MODULE_PATHNAME', 'crosstab_n_skipped'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.n_skipped(causal.crosstab) IS 'rows skipped because an argument was NULL';

CREATE FUNCTION causal.columns(c causal.crosstab) RETURNS int
    AS 'MODULE_PATHNAME', 'crosstab_k'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.columns(causal.crosstab) IS 'number of columns of the crosstab';

CREATE FUNCTION causal.levels(c causal.crosstab, col int) RETURNS text[]
    AS 'MODULE_PATHNAME', 'crosstab_levels'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.levels(causal.crosstab, int) IS
  'the distinct values (labels) of column col, in canonical order';

CREATE FUNCTION causal.cells(c causal.crosstab, columns int[] DEFAULT NULL,
                             OUT labels text[], OUT n bigint)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'crosstab_cells'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION causal.cells(causal.crosstab, int[]) IS
  'observed cells with their counts, marginal over the given columns (NULL: all columns)';
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
    EXECUTE format('SELECT causal.crosstab(%s) FROM %s',
                   (SELECT string_agg(format('%I', u.c), ', ' ORDER BY u.o)
                      FROM unnest(columns) WITH ORDINALITY AS u(c, o)),
                   relation)
       INTO c;
    RETURN c;
END;
$$;
COMMENT ON FUNCTION causal.table_crosstab(regclass, text[]) IS
  'the crosstab of the named columns of a table (one scan)';

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
                               seed int DEFAULT NULL)
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
BEGIN
    IF (SELECT count(DISTINCT u.col) FROM unnest(cols) AS u(col)) < cardinality(cols) THEN
        RAISE EXCEPTION 'a column appears twice among x = %, y = % and given = %', x, y, given
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'x and y must differ and must not be in the conditioning set.';
    END IF;
    IF method = 'fisherz' THEN
        m := causal.table_moments(relation, cols);
        IF m IS NULL THEN
            RAISE EXCEPTION '% has no rows', relation
                USING ERRCODE = 'data_exception', HINT = 'Too few rows for a test.';
        END IF;
        RETURN causal.ci_test(m, 1, 2, idx, alpha);
    ELSIF method IN ('chisq', 'gsq') THEN
        c := causal.table_crosstab(relation, cols);
        IF c IS NULL THEN
            RAISE EXCEPTION '% has no rows', relation
                USING ERRCODE = 'data_exception', HINT = 'Too few rows for a test.';
        END IF;
        RETURN causal.ci_test(c, 1, 2, idx, method, alpha);
    ELSIF method IN ('kci', 'rcit') THEN
        PERFORM causal.check_numeric_columns(relation, cols);
        EXECUTE format('SELECT array_agg(%I::float8), array_agg(%I::float8), %s FROM %s WHERE %s',
                       x, y,
                       CASE WHEN cardinality(cols) = 2 THEN 'NULL::float8[]'
                            ELSE format('array_agg(ARRAY[%s]::float8[])',
                                        (SELECT string_agg(format('%I', g), ', ')
                                           FROM unnest(cols[3:]) AS g)) END,
                       relation,
                       (SELECT string_agg(format('%I IS NOT NULL', u), ' AND ') FROM unnest(cols) AS u))
           INTO xa, ya, za;
        IF xa IS NULL THEN
            RAISE EXCEPTION '% has no rows without NULLs in the test columns', relation
                USING ERRCODE = 'data_exception', HINT = 'Too few rows for a test.';
        END IF;
        IF method = 'kci' THEN
            RETURN causal.kci(xa, ya, za, alpha);
        END IF;
        RETURN causal.rcit(xa, ya, za, alpha, seed);
    END IF;
    RAISE EXCEPTION 'unknown method "%"', method
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'The methods are fisherz, chisq, gsq, kci and rcit.';
END;
$$;
COMMENT ON FUNCTION causal.ci_test(regclass, text, text, text[], text, float8, int) IS
  'conditional-independence test of columns x and y given "given" on a table (fisherz, chisq, gsq, kci, rcit)';

-- Graphs as edge rows, rendered as Graphviz DOT or Mermaid.

-- One rendered line for an edge row; raises an error for an unknown edge kind.
CREATE FUNCTION causal.graph_line(format text, source text, target text, edge text)
    RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    dot_s text := '"' || replace(replace(source, '\', '\\'), '"', '\"') || '"';
    dot_t text := '"' || replace(replace(target, '\', '\\'), '"', '\"') || '"';
BEGIN
    IF NOT causal.is_edge_mark(edge) THEN
        RAISE EXCEPTION 'unknown edge "%" between "%" and "%"', edge, source, target
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Edges are -->, ---, <->, o-> or o-o.';
    END IF;
    IF format = 'dot' THEN
        RETURN '  ' || dot_s || ' -> ' || dot_t ||
               CASE edge WHEN '-->' THEN ''
                         WHEN '---' THEN ' [dir=none]'
                         WHEN '<->' THEN ' [dir=both]'
                         WHEN 'o->' THEN ' [dir=both, arrowtail=odot]'
                         ELSE ' [dir=both, arrowtail=odot, arrowhead=odot]' END || ';';
    END IF;
    RETURN '  n' || substr(md5(source), 1, 12) || '["' || replace(source, '"', '#quot;') || '"] ' ||
           CASE edge WHEN '-->' THEN '-->' WHEN '---' THEN '---' WHEN '<->' THEN '<-->'
                     WHEN 'o->' THEN 'o-->' ELSE 'o--o' END ||
           ' n' || substr(md5(target), 1, 12) || '["' || replace(target, '"', '#quot;') || '"]';
END;
$$;
COMMENT ON FUNCTION causal.graph_line(text, text, text, text) IS
  'one edge row rendered as a line of Graphviz DOT (format => ''dot'') or Mermaid';

CREATE FUNCTION causal.dot_accum(state text[], source text, target text, edge text)
    RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN source IS NULL OR target IS NULL OR edge IS NULL THEN state
                ELSE state || causal.graph_line('dot', source, target, edge) END;
COMMENT ON FUNCTION causal.dot_accum(text[], text, text, text) IS 'transition function of causal.dot';

CREATE FUNCTION causal.mermaid_accum(state text[], source text, target text, edge text)
    RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN source IS NULL OR target IS NULL OR edge IS NULL THEN state
                ELSE state || causal.graph_line('mermaid', source, target, edge) END;
COMMENT ON FUNCTION causal.mermaid_accum(text[], text, text, text) IS 'transition function of causal.mermaid';

CREATE FUNCTION causal.dot_final(state text[]) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN 'digraph {' || E'\n' || array_to_string(state || '}'::text, E'\n');
COMMENT ON FUNCTION causal.dot_final(text[]) IS 'final function of causal.dot';

CREATE FUNCTION causal.mermaid_final(state text[]) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN array_to_string('flowchart LR'::text || state, E'\n');
COMMENT ON FUNCTION causal.mermaid_final(text[]) IS 'final function of causal.mermaid';

CREATE AGGREGATE causal.dot(source text, target text, edge text) (
    SFUNC = causal.dot_accum,
    STYPE = text[],
    INITCOND = '{}',
    FINALFUNC = causal.dot_final,
    COMBINEFUNC = array_cat,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.dot(text, text, text) IS
  'renders edge rows (source, target, edge) as a Graphviz DOT digraph';

CREATE AGGREGATE causal.mermaid(source text, target text, edge text) (
    SFUNC = causal.mermaid_accum,
    STYPE = text[],
    INITCOND = '{}',
    FINALFUNC = causal.mermaid_final,
    COMBINEFUNC = array_cat,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.mermaid(text, text, text) IS
  'renders edge rows (source, target, edge) as a Mermaid flowchart';
-- Causal discovery: PC.

CREATE FUNCTION causal.pc(m causal.moments, names text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                          stable boolean DEFAULT true, uc_rule int DEFAULT 0,
                          uc_priority int DEFAULT 2, max_depth int DEFAULT -1,
                          background jsonb DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    AS 'MODULE_PATHNAME', 'pc_moments'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 50;
COMMENT ON FUNCTION causal.pc(causal.moments, text[], float8, boolean, int, int, int, jsonb) IS
  'PC with Fisher-z tests on a moment sketch; the CPDAG as edge rows';

CREATE FUNCTION causal.pc(c causal.crosstab, names text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                          method text DEFAULT 'chisq', stable boolean DEFAULT true,
                          uc_rule int DEFAULT 0, uc_priority int DEFAULT 2, max_depth int DEFAULT -1,
                          background jsonb DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    AS 'MODULE_PATHNAME', 'pc_crosstab'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 50;
COMMENT ON FUNCTION causal.pc(causal.crosstab, text[], float8, text, boolean, int, int, int, jsonb) IS
  'PC with chi-square or G-squared tests on a crosstab; the CPDAG as edge rows';

CREATE FUNCTION causal.pc_sepsets(m causal.moments, names text[] DEFAULT NULL,
                                  alpha float8 DEFAULT 0.05, stable boolean DEFAULT true,
                                  max_depth int DEFAULT -1)
    RETURNS TABLE (x text, y text, sepset text[], p_value float8, depth int, sepset_union text[])
    AS 'MODULE_PATHNAME', 'pc_sepsets_moments'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION causal.pc_sepsets(causal.moments, text[], float8, boolean, int) IS
  'why PC removed each edge: the first separating set, its p-value and depth, and the union used for orientation';

CREATE FUNCTION causal.pc_sepsets(c causal.crosstab, names text[] DEFAULT NULL,
                                  alpha float8 DEFAULT 0.05, method text DEFAULT 'chisq',
                                  stable boolean DEFAULT true, max_depth int DEFAULT -1)
    RETURNS TABLE (x text, y text, sepset text[], p_value float8, depth int, sepset_union text[])
    AS 'MODULE_PATHNAME', 'pc_sepsets_crosstab'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION causal.pc_sepsets(causal.crosstab, text[], float8, text, boolean, int) IS
  'why PC removed each edge (crosstab tests)';

CREATE FUNCTION causal.pc_kernel(rows float8[], names text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                                 method text DEFAULT 'kci', seed bigint DEFAULT NULL,
                                 stable boolean DEFAULT true, uc_rule int DEFAULT 0,
                                 uc_priority int DEFAULT 2, max_depth int DEFAULT -1,
                                 background jsonb DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    AS 'MODULE_PATHNAME', 'pc_rows'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 50;
COMMENT ON FUNCTION causal.pc_kernel(float8[], text[], float8, text, bigint, boolean, int, int, int, jsonb) IS
  'PC with the kernel tests (KCI or RCIT) on rows given as an n x k float8 array';

-- Columns of a table for discovery: the given ones, or every numeric column
-- (fisherz, kci, rcit) / every column (chisq, gsq).
CREATE FUNCTION causal.discovery_columns(relation regclass, columns text[], ci_test text)
    RETURNS text[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF columns IS NOT NULL THEN
        RETURN columns;
    END IF;
    IF ci_test IN ('fisherz', 'kci', 'rcit') THEN
        RETURN causal.numeric_columns(relation);
    END IF;
    RETURN (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_catalog.pg_attribute
             WHERE attrelid = relation AND attnum > 0 AND NOT attisdropped);
END;
$$;
COMMENT ON FUNCTION causal.discovery_columns(regclass, text[], text) IS
  'the columns a table-level discovery call uses';

CREATE FUNCTION causal.pc(relation regclass, columns text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                          ci_test text DEFAULT 'fisherz', stable boolean DEFAULT true,
                          uc_rule int DEFAULT 0, uc_priority int DEFAULT 2, max_depth int DEFAULT -1,
                          background jsonb DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[] := causal.discovery_columns(relation, columns, ci_test);
    rows float8[];
BEGIN
    IF cols IS NULL OR cardinality(cols) < 2 THEN
        RAISE EXCEPTION 'PC needs at least two columns of %', relation
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF ci_test = 'fisherz' THEN
        RETURN QUERY SELECT * FROM causal.pc(causal.table_moments(relation, cols), cols, alpha,
                                             stable, uc_rule, uc_priority, max_depth, background);
    ELSIF ci_test IN ('chisq', 'gsq') THEN
        RETURN QUERY SELECT * FROM causal.pc(causal.table_crosstab(relation, cols), cols, alpha,
                                             ci_test, stable, uc_rule, uc_priority, max_depth,
                                             background);
    ELSIF ci_test IN ('kci', 'rcit') THEN
        PERFORM causal.check_numeric_columns(relation, cols);
        EXECUTE format('SELECT array_agg(ARRAY[%s]::float8[]) FROM %s WHERE %s',
                       (SELECT string_agg(format('%I', c), ', ') FROM unnest(cols) AS c),
                       relation,
                       (SELECT string_agg(format('%I IS NOT NULL', c), ' AND ') FROM unnest(cols) AS c))
           INTO rows;
        IF rows IS NULL THEN
            RAISE EXCEPTION '% has no rows without NULLs in the columns', relation
                USING ERRCODE = 'data_exception';
        END IF;
        RETURN QUERY SELECT * FROM causal.pc_kernel(rows, cols, alpha, ci_test, NULL, stable,
                                                    uc_rule, uc_priority, max_depth, background);
    ELSE
        RAISE EXCEPTION 'PC with ci_test "%" is not available', ci_test
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use fisherz, chisq, gsq, kci or rcit.';
    END IF;
END;
$$;
COMMENT ON FUNCTION causal.pc(regclass, text[], float8, text, boolean, int, int, int, jsonb) IS
  'PC on a table (one scan builds the sketch); the CPDAG as edge rows';

CREATE FUNCTION causal.pc_sepsets(relation regclass, columns text[] DEFAULT NULL,
                                  alpha float8 DEFAULT 0.05, ci_test text DEFAULT 'fisherz',
                                  stable boolean DEFAULT true, max_depth int DEFAULT -1)
    RETURNS TABLE (x text, y text, sepset text[], p_value float8, depth int, sepset_union text[])
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[] := causal.discovery_columns(relation, columns, ci_test);
BEGIN
    IF ci_test = 'fisherz' THEN
        RETURN QUERY SELECT * FROM causal.pc_sepsets(causal.table_moments(relation, cols), cols,
                                                     alpha, stable, max_depth);
    ELSIF ci_test IN ('chisq', 'gsq') THEN
        RETURN QUERY SELECT * FROM causal.pc_sepsets(causal.table_crosstab(relation, cols), cols,
                                                     alpha, ci_test, stable, max_depth);
    ELSE
        RAISE EXCEPTION 'PC with ci_test "%" is not available', ci_test
            USING ERRCODE = 'feature_not_supported',
                  HINT = 'Use fisherz, chisq or gsq.';
    END IF;
END;
$$;
COMMENT ON FUNCTION causal.pc_sepsets(regclass, text[], float8, text, boolean, int) IS
  'why PC removed each edge, on a table';

-- Text forms of the table-level calls: an untyped literal such as
-- causal.pc('my_table') resolves to these (the sketch forms take the same
-- array argument, so the regclass form alone would be ambiguous), and they
-- pass the name on as a regclass.  They leave search_path alone: the name is
-- resolved as the caller wrote it, and everything called is schema-qualified.
CREATE FUNCTION causal.pc(relation text, columns text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                          ci_test text DEFAULT 'fisherz', stable boolean DEFAULT true,
                          uc_rule int DEFAULT 0, uc_priority int DEFAULT 2, max_depth int DEFAULT -1,
                          background jsonb DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT * FROM causal.pc(relation::pg_catalog.regclass, columns, alpha, ci_test, stable,
                            uc_rule, uc_priority, max_depth, background)
$$;
COMMENT ON FUNCTION causal.pc(text, text[], float8, text, boolean, int, int, int, jsonb) IS
  'PC on a table named by text (see the regclass form)';

CREATE FUNCTION causal.pc_sepsets(relation text, columns text[] DEFAULT NULL,
                                  alpha float8 DEFAULT 0.05, ci_test text DEFAULT 'fisherz',
                                  stable boolean DEFAULT true, max_depth int DEFAULT -1)
    RETURNS TABLE (x text, y text, sepset text[], p_value float8, depth int, sepset_union text[])
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT * FROM causal.pc_sepsets(relation::pg_catalog.regclass, columns, alpha, ci_test,
                                    stable, max_depth)
$$;
COMMENT ON FUNCTION causal.pc_sepsets(text, text[], float8, text, boolean, int) IS
  'why PC removed each edge, on a table named by text';

-- CD-NOD ------------------------------------------------------------------

CREATE FUNCTION causal.cdnod(m causal.moments, names text[] DEFAULT NULL, domain int DEFAULT NULL,
                             alpha float8 DEFAULT 0.05, stable boolean DEFAULT true,
                             uc_rule int DEFAULT 0, uc_priority int DEFAULT 2,
                             max_depth int DEFAULT -1, background jsonb DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    AS 'MODULE_PATHNAME', 'cdnod_moments'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 50;
COMMENT ON FUNCTION causal.cdnod(causal.moments, text[], int, float8, boolean, int, int, int, jsonb) IS
  'CD-NOD on a moment sketch whose column "domain" is the domain or time index (Fisher-z)';

CREATE FUNCTION causal.cdnod_change_dependence(relation regclass, cause text, effect text, domain text,
                                               max_rows int DEFAULT 500, seed bigint DEFAULT 42,
                                               domain_kernel text DEFAULT 'auto',
                                               OUT forward float8, OUT backward float8, OUT n_rows int,
                                               OUT domain_kernel_used text)
    AS 'MODULE_PATHNAME', 'cdnod_change_dependence'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED;
COMMENT ON FUNCTION causal.cdnod_change_dependence(regclass, text, text, text, int, bigint, text) IS
  'CD-NOD independent-change criterion: dependence between the changes of P(cause) and P(effect | cause) (forward) and of P(effect) and P(cause | effect) (backward); the smaller is the causal direction';

CREATE FUNCTION causal.cdnod(relation regclass, columns text[], domain text,
                             alpha float8 DEFAULT 0.05, ci_test text DEFAULT 'fisherz',
                             stable boolean DEFAULT true, uc_rule int DEFAULT 0,
                             uc_priority int DEFAULT 2, max_depth int DEFAULT -1,
                             background jsonb DEFAULT NULL, independent_change boolean DEFAULT true,
                             max_rows int DEFAULT 500, seed bigint DEFAULT 42)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[] := COALESCE(columns, causal.numeric_columns(relation));
    m causal.moments;
    g record;
    e record;
    decided jsonb := '[]'::jsonb;
    src text[];
    tgt text[];
    edg text[];
    kn jsonb;
BEGIN
    IF domain IS NULL THEN
        RAISE EXCEPTION 'causal.cdnod needs the domain (or time index) column'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF ci_test <> 'fisherz' THEN
        RAISE EXCEPTION 'CD-NOD with ci_test "%" is not available', ci_test
            USING ERRCODE = 'feature_not_supported',
                  HINT = 'Use fisherz; the domain index is then treated as a numeric variable.';
    END IF;
    IF independent_change IS NULL THEN
        RAISE EXCEPTION 'argument "independent_change" of causal.cdnod must not be NULL'
            USING ERRCODE = 'null_value_not_allowed', HINT = 'Pass true or false.';
    END IF;
    -- the domain column goes last, where causal-learn's cdnod puts it
    cols := array_remove(cols, domain) || domain;
    IF cardinality(cols) < 2 THEN
        RAISE EXCEPTION 'CD-NOD needs at least one column besides the domain'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    m := causal.table_moments(relation, cols);
    IF NOT independent_change THEN
        RETURN QUERY SELECT * FROM causal.cdnod(m, cols, cardinality(cols), alpha, stable, uc_rule,
                                                uc_priority, max_depth, background);
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
                        max_depth, background) c;
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
                                            uc_priority, max_depth, kn);
END;
$$;
COMMENT ON FUNCTION causal.cdnod(regclass, text[], text, float8, text, boolean, int, int, int, jsonb, boolean, int, bigint) IS
  'CD-NOD on a table: causal discovery from heterogeneous (multi-domain or nonstationary) data, with the orientation by independent changes';

CREATE FUNCTION causal.cdnod(relation text, columns text[], domain text,
                             alpha float8 DEFAULT 0.05, ci_test text DEFAULT 'fisherz',
                             stable boolean DEFAULT true, uc_rule int DEFAULT 0,
                             uc_priority int DEFAULT 2, max_depth int DEFAULT -1,
                             background jsonb DEFAULT NULL, independent_change boolean DEFAULT true,
                             max_rows int DEFAULT 500, seed bigint DEFAULT 42)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT * FROM causal.cdnod(relation::pg_catalog.regclass, columns, domain, alpha, ci_test,
                               stable, uc_rule, uc_priority, max_depth, background,
                               independent_change, max_rows, seed)
$$;
COMMENT ON FUNCTION causal.cdnod(text, text[], text, float8, text, boolean, int, int, int, jsonb, boolean, int, bigint) IS
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
                           max_parents int DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[] := causal.discovery_columns(relation, columns, 'fisherz');
BEGIN
    IF cols IS NULL OR cardinality(cols) < 2 THEN
        RAISE EXCEPTION 'GES needs at least two columns of %', relation
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY SELECT * FROM causal.ges(causal.table_moments(relation, cols), cols, lambda, max_parents);
END;
$$;
COMMENT ON FUNCTION causal.ges(regclass, text[], float8, int) IS
  'GES on a table (one scan builds the moment sketch); the CPDAG as edge rows';

CREATE FUNCTION causal.ges(relation text, columns text[] DEFAULT NULL, lambda float8 DEFAULT 0.5,
                           max_parents int DEFAULT NULL)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT * FROM causal.ges(relation::pg_catalog.regclass, columns, lambda, max_parents)
$$;
COMMENT ON FUNCTION causal.ges(text, text[], float8, int) IS
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
                           method text DEFAULT 'chisq', depth int DEFAULT -1, max_path_length int DEFAULT -1)
    RETURNS TABLE (source text, target text, edge text)
    AS 'MODULE_PATHNAME', 'fci_crosstab'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION causal.fci(causal.crosstab, text[], float8, text, int, int) IS
  'FCI with chi-square or G-squared on a crosstab sketch: the PAG as edge rows';

CREATE FUNCTION causal.fci(relation regclass, columns text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                           ci_test text DEFAULT 'fisherz', depth int DEFAULT -1, max_path_length int DEFAULT -1)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols text[] := causal.discovery_columns(relation, columns, ci_test);
BEGIN
    IF cols IS NULL OR cardinality(cols) < 2 THEN
        RAISE EXCEPTION 'FCI needs at least two columns of %', relation
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF ci_test = 'fisherz' THEN
        RETURN QUERY SELECT * FROM causal.fci(causal.table_moments(relation, cols), cols, alpha, depth, max_path_length);
    ELSIF ci_test IN ('chisq', 'gsq') THEN
        RETURN QUERY SELECT * FROM causal.fci(causal.table_crosstab(relation, cols), cols, alpha, ci_test, depth,
                                              max_path_length);
    ELSE
        RAISE EXCEPTION 'FCI with ci_test "%" is not available', ci_test
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use fisherz, chisq or gsq.';
    END IF;
END;
$$;
COMMENT ON FUNCTION causal.fci(regclass, text[], float8, text, int, int) IS
  'FCI on a table (one scan builds the sketch); the PAG as edge rows';

CREATE FUNCTION causal.fci(relation text, columns text[] DEFAULT NULL, alpha float8 DEFAULT 0.05,
                           ci_test text DEFAULT 'fisherz', depth int DEFAULT -1, max_path_length int DEFAULT -1)
    RETURNS TABLE (source text, target text, edge text)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT * FROM causal.fci(relation::pg_catalog.regclass, columns, alpha, ci_test, depth, max_path_length)
$$;
COMMENT ON FUNCTION causal.fci(text, text[], float8, text, int, int) IS
  'FCI on a table named by text (see the regclass form)';
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

-- The effect after matching (match_effect.c): weighted least squares of the outcome on the
-- treatment and, with adjust (the default), the covariates, over the matched rows; cluster-robust
-- by pair/subclass without replacement, HC3 with replacement, or as chosen.
CREATE FUNCTION causal.match_effect(relation regclass, outcome text, treatment text, covariates text[], id text,
                                    method text DEFAULT 'nearest', distance text DEFAULT 'glm',
                                    estimand text DEFAULT 'ATT', ratio int DEFAULT 1, replace boolean DEFAULT false,
                                    caliper float8 DEFAULT NULL, std_caliper boolean DEFAULT true,
                                    exact text[] DEFAULT NULL, m_order text DEFAULT NULL,
                                    discard text DEFAULT 'none', seed int DEFAULT NULL, options jsonb DEFAULT NULL,
                                    std_error text DEFAULT NULL, alpha float8 DEFAULT 0.05,
                                    adjust boolean DEFAULT true)
    RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'causal_match_effect'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER;
COMMENT ON FUNCTION causal.match_effect(regclass, text, text, text[], text, text, text, text, int, boolean, float8, boolean, text[], text, text, int, jsonb, text, float8, boolean) IS
  'effect after matching: weighted regression of the outcome on the treatment (and covariates) over the matched rows, with a cluster-robust (pairs/subclasses) or HC standard error, as a causal.effect';

-- MALTS (malts.c): matching after learning to stretch ---------------------------

CREATE FUNCTION causal.malts(relation regclass, outcome text, treatment text, covariates text[], id text,
                             discrete text[] DEFAULT NULL, n_folds int DEFAULT 5, k int DEFAULT 10,
                             k_est int DEFAULT 50, c float8 DEFAULT 1, seed bigint DEFAULT 42,
                             fold_column text DEFAULT NULL, options jsonb DEFAULT NULL)
    RETURNS TABLE (id text, cate float8, cate_sd float8)
    AS 'MODULE_PATHNAME', 'causal_malts'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER ROWS 1000;
COMMENT ON FUNCTION causal.malts(regclass, text, text, text[], text, text[], int, int, int, float8, bigint, text, jsonb) IS
  'MALTS (Parikh, Rudin, Volfovsky 2022): a stretch metric learned per fold, k_est nearest treated and controls per unit, ridge fits; per-unit CATE and its spread over folds';

CREATE FUNCTION causal.malts_effect(relation regclass, outcome text, treatment text, covariates text[], id text,
                                    discrete text[] DEFAULT NULL, n_folds int DEFAULT 5, k int DEFAULT 10,
                                    k_est int DEFAULT 50, c float8 DEFAULT 1, seed bigint DEFAULT 42,
                                    fold_column text DEFAULT NULL, options jsonb DEFAULT NULL,
                                    estimand text DEFAULT 'ATE')
    RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'causal_malts_effect'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER;
COMMENT ON FUNCTION causal.malts_effect(regclass, text, text, text[], text, text[], int, int, int, float8, bigint, text, jsonb, text) IS
  'MALTS average effect (mean CATE over all units, the treated or the controls) with the learned stretch in details';
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
    LANGUAGE C STABLE PARALLEL RESTRICTED SECURITY INVOKER;
COMMENT ON FUNCTION causal.balancing_weights(regclass, text, text[], text, text, text, int, float8, jsonb) IS
  'covariate-balancing weights per row (ebal, ipm_mmd, ipm_energy, ipm_sigmoid) with a report of the fit on the first row; the body of causal.weights for those methods';

-- Raises an error unless the weighting method is available.
CREATE FUNCTION causal.check_weighting_method(method text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
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
AS $$
    SELECT w.id, w.weight FROM causal.weights_info($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) w
$$;
COMMENT ON FUNCTION causal.weights(regclass, text, text[], text, text, text, boolean, float8, int, float8, float8, jsonb) IS
  'weights per row (id, weight) for the ATE, ATT or ATC: inverse probability (ipw), entropy balancing (ebal), or IPM balancing (ipm_mmd, ipm_energy, ipm_sigmoid)';

CREATE FUNCTION causal.weighting_effect(relation regclass, outcome text, treatment text,
                                        covariates text[], id text, method text DEFAULT 'ipw',
                                        estimand text DEFAULT 'ATE', stabilize boolean DEFAULT false,
                                        ridge float8 DEFAULT 0, alpha float8 DEFAULT 0.05,
                                        moments int DEFAULT 1, trim_at float8 DEFAULT NULL,
                                        ps_clip float8 DEFAULT NULL, options jsonb DEFAULT NULL,
                                        augmented boolean DEFAULT false, n_boot int DEFAULT 0,
                                        seed bigint DEFAULT 42, cluster text DEFAULT NULL)
    RETURNS causal.effect
    LANGUAGE plpgsql VOLATILE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    res causal.effect;
    s record;
    z float8 := causal.qnorm(1 - alpha / 2);
    coefs float8[];
    yexpr text;
    boot float8[];
    cols text;
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
               (SELECT info FROM d WHERE info IS NOT NULL LIMIT 1) AS info
    $q$, yexpr, treatment, relation, relation::text, treatment, covariates, id, method, estimand,
         stabilize, ridge, id, moments, trim_at, ps_clip, options,
         CASE WHEN cluster IS NULL THEN 'NULL::text' ELSE format('t.%I::text', cluster) END)
      INTO s;
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
        -- nonparametric bootstrap: resample rows (seeded hash draws, no global random state), re-estimate
        -- the weights and the effect on each resample
        cols := (SELECT string_agg(DISTINCT format('t.%I', c), ', ')
                   FROM unnest(ARRAY[outcome, treatment] || covariates) AS c);
        FOR b IN 1 .. n_boot LOOP
            DROP TABLE IF EXISTS pg_temp.causal_boot_sample;
            EXECUTE format($b$
                CREATE TEMP TABLE causal_boot_sample AS
                WITH src AS (SELECT row_number() OVER (ORDER BY t.%1$I::text) AS rn, %2$s FROM %3$s t),
                     draw AS (SELECT j, 1 + (hashint8extended(j, %4$s) & 9223372036854775807) %% (SELECT count(*) FROM src) AS rn
                                FROM generate_series(1, (SELECT count(*) FROM src)) j)
                SELECT draw.j::text AS %1$I, %5$s FROM draw JOIN src USING (rn)$b$,
                id, cols, relation, seed * 100003 + b,
                (SELECT string_agg(DISTINCT format('%I', c), ', ') FROM unnest(ARRAY[outcome, treatment] || covariates) AS c));
            boot := boot || (causal.weighting_effect('pg_temp.causal_boot_sample', outcome, treatment, covariates, id,
                                                      method, estimand, stabilize, ridge, alpha, moments, trim_at,
                                                      ps_clip, options, augmented)).estimate;
        END LOOP;
        DROP TABLE IF EXISTS pg_temp.causal_boot_sample;
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
    PERFORM causal.check_numeric_columns(relation, ARRAY[outcome] || covariates);
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
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER ROWS 10;
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
-- Double/debiased machine learning: cross-fitted PLR, IRM and PLIV with learners from OLS to xgboost.

CREATE FUNCTION causal.dml(relation regclass, outcome text, treatment text, covariates text[],
                           model text DEFAULT 'plr', instruments text[] DEFAULT NULL,
                           score text DEFAULT NULL, ml_l text DEFAULT NULL, ml_m text DEFAULT NULL,
                           ml_g text DEFAULT NULL, ml_r text DEFAULT NULL,
                           learner_options jsonb DEFAULT NULL, n_folds int DEFAULT 5,
                           n_rep int DEFAULT 1, fold_column text DEFAULT NULL,
                           seed bigint DEFAULT 42, clip float8 DEFAULT 0.01,
                           normalize_ipw boolean DEFAULT false, cluster text DEFAULT NULL,
                           mundlak boolean DEFAULT false, n_boot int DEFAULT 0,
                           alpha float8 DEFAULT 0.05)
    RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'causal_dml'
    LANGUAGE C STABLE PARALLEL RESTRICTED SECURITY INVOKER;
COMMENT ON FUNCTION causal.dml(regclass, text, text, text[], text, text[], text, text, text, text, text, jsonb, int, int, text, bigint, float8, boolean, text, boolean, int, float8) IS
  'double machine learning (DoubleML''s scores): model plr, irm or pliv, cross-fitted nuisances by ols, ridge, lasso, logistic or xgboost; returns a causal.effect';

CREATE FUNCTION causal.learner_fit_keyed(relation regclass, target text, covariates text[],
                                         learner text, options jsonb, seed bigint)
    RETURNS TABLE (term text, estimate float8)
    AS 'MODULE_PATHNAME', 'causal_learner_fit'
    LANGUAGE C STABLE PARALLEL RESTRICTED SECURITY INVOKER;
COMMENT ON FUNCTION causal.learner_fit_keyed(regclass, text, text[], text, jsonb, bigint) IS
  'body of causal.learner_fit (options keyed by "learner")';

CREATE FUNCTION causal.learner_fit(relation regclass, target text, covariates text[],
                                   learner text DEFAULT 'ols', options jsonb DEFAULT NULL)
    RETURNS TABLE (term text, estimate float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT * FROM causal.learner_fit_keyed($1, $2, $3, $4,
                                           pg_catalog.jsonb_build_object('learner', coalesce($5, '{}'::jsonb)), 42)
$$;
COMMENT ON FUNCTION causal.learner_fit(regclass, text, text[], text, jsonb) IS
  'coefficients (intercept first) of a DML learner fitted on a table: ols, ridge, lasso (lambda or "cv") or logistic';

CREATE FUNCTION causal.learner_predict_keyed(relation regclass, target text, covariates text[], id text,
                                             learner text, options jsonb, n_folds int, seed bigint)
    RETURNS TABLE (id text, prediction float8)
    AS 'MODULE_PATHNAME', 'causal_learner_predict'
    LANGUAGE C STABLE PARALLEL RESTRICTED SECURITY INVOKER;
COMMENT ON FUNCTION causal.learner_predict_keyed(regclass, text, text[], text, text, jsonb, int, bigint) IS
  'body of causal.learner_predict (options keyed by "learner")';

CREATE FUNCTION causal.learner_predict(relation regclass, target text, covariates text[], id text,
                                       learner text DEFAULT 'ols', options jsonb DEFAULT NULL,
                                       n_folds int DEFAULT 0, seed bigint DEFAULT 42)
    RETURNS TABLE (id text, prediction float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
AS $$
    SELECT * FROM causal.learner_predict_keyed($1, $2, $3, $4, $5,
                                               pg_catalog.jsonb_build_object('learner', coalesce($6, '{}'::jsonb)), $7, $8)
$$;
COMMENT ON FUNCTION causal.learner_predict(regclass, text, text[], text, text, jsonb, int, bigint) IS
  'predictions of a DML learner per row (id, prediction): in-sample (n_folds 0) or out of fold';

-- One-scan linear DML ------------------------------------------------------

CREATE TYPE causal.dml_sketch;
CREATE FUNCTION causal.dml_sketch_in(cstring) RETURNS causal.dml_sketch
    AS 'MODULE_PATHNAME', 'dml_sketch_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION causal.dml_sketch_out(causal.dml_sketch) RETURNS cstring
    AS 'MODULE_PATHNAME', 'dml_sketch_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION causal.dml_sketch_recv(internal) RETURNS causal.dml_sketch
    AS 'MODULE_PATHNAME', 'dml_sketch_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION causal.dml_sketch_send(causal.dml_sketch) RETURNS bytea
    AS 'MODULE_PATHNAME', 'dml_sketch_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE causal.dml_sketch (
    INPUT = causal.dml_sketch_in, OUTPUT = causal.dml_sketch_out,
    RECEIVE = causal.dml_sketch_recv, SEND = causal.dml_sketch_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended, CATEGORY = 'N'
);
COMMENT ON TYPE causal.dml_sketch IS
  'per-fold fourth moments of (1, y, d, x): the mergeable state of the one-scan DML aggregate causal.dml_plr';
COMMENT ON FUNCTION causal.dml_sketch_in(cstring) IS 'text input of causal.dml_sketch (JSON)';
COMMENT ON FUNCTION causal.dml_sketch_out(causal.dml_sketch) IS 'text output of causal.dml_sketch (JSON)';
COMMENT ON FUNCTION causal.dml_sketch_recv(internal) IS 'binary input of causal.dml_sketch';
COMMENT ON FUNCTION causal.dml_sketch_send(causal.dml_sketch) IS 'binary output of causal.dml_sketch';

CREATE FUNCTION causal.dml_plr_accum(causal.dml_sketch, bigint, float8, float8, VARIADIC "any")
    RETURNS causal.dml_sketch
    AS 'MODULE_PATHNAME', 'dml_plr_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION causal.dml_plr_combine(causal.dml_sketch, causal.dml_sketch) RETURNS causal.dml_sketch
    AS 'MODULE_PATHNAME', 'dml_plr_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION causal.dml_plr_final_sketch(causal.dml_sketch) RETURNS causal.dml_sketch
    AS 'MODULE_PATHNAME', 'dml_plr_final_sketch' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION causal.dml_plr_final_effect(causal.dml_sketch) RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'dml_plr_final_effect' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.dml_plr_accum(causal.dml_sketch, bigint, float8, float8, VARIADIC "any") IS 'transition function of causal.dml_plr and causal.dml_plr_sketch';
COMMENT ON FUNCTION causal.dml_plr_combine(causal.dml_sketch, causal.dml_sketch) IS 'combine function of the DML sketch aggregates; transition function of causal.merge(causal.dml_sketch)';
COMMENT ON FUNCTION causal.dml_plr_final_sketch(causal.dml_sketch) IS 'final function of causal.dml_plr_sketch and causal.merge(causal.dml_sketch)';
COMMENT ON FUNCTION causal.dml_plr_final_effect(causal.dml_sketch) IS 'final function of causal.dml_plr';

CREATE AGGREGATE causal.dml_plr(fold bigint, y float8, d float8, VARIADIC x "any") (
    SFUNC = causal.dml_plr_accum, STYPE = causal.dml_sketch,
    COMBINEFUNC = causal.dml_plr_combine, FINALFUNC = causal.dml_plr_final_effect,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.dml_plr(bigint, float8, float8, VARIADIC "any") IS
  'one-scan cross-fitted PLR (partialling out, OLS nuisances) over the given folds: a causal.effect per group';

CREATE AGGREGATE causal.dml_plr_sketch(fold bigint, y float8, d float8, VARIADIC x "any") (
    SFUNC = causal.dml_plr_accum, STYPE = causal.dml_sketch,
    COMBINEFUNC = causal.dml_plr_combine, FINALFUNC = causal.dml_plr_final_sketch,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.dml_plr_sketch(bigint, float8, float8, VARIADIC "any") IS
  'the mergeable state of causal.dml_plr, to store in rollups and merge later';

CREATE AGGREGATE causal.merge(causal.dml_sketch) (
    SFUNC = causal.dml_plr_combine, STYPE = causal.dml_sketch,
    COMBINEFUNC = causal.dml_plr_combine, FINALFUNC = causal.dml_plr_final_sketch,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.merge(causal.dml_sketch) IS 'merges DML sketches (rollups, partitions)';

CREATE FUNCTION causal.dml_plr(sketch causal.dml_sketch, alpha float8 DEFAULT 0.05) RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'dml_sketch_effect' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.dml_plr(causal.dml_sketch, float8) IS
  'the cross-fitted PLR effect of a stored DML sketch';
-- MatchIt's lalonde data (Dehejia and Wahba 1999 NSW treated + PSID controls, 614 rows),
-- generated from test/data/lalonde.csv by test/scripts/make_lalonde_sql.py.
CREATE FUNCTION causal.lalonde()
    RETURNS TABLE (row_id int, id text, "treat" int, age int, educ int, race text, married int, nodegree int,
                   re74 float8, re75 float8, re78 float8)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
VALUES
  (1, 'NSW1', 1, 37, 11, 'black', 1, 1, 0::float8, 0::float8, 9930.046::float8),
  (2, 'NSW2', 1, 22, 9, 'hispan', 0, 1, 0::float8, 0::float8, 3595.894::float8),
  (3, 'NSW3', 1, 30, 12, 'black', 0, 0, 0::float8, 0::float8, 24909.45::float8),
  (4, 'NSW4', 1, 27, 11, 'black', 0, 1, 0::float8, 0::float8, 7506.146::float8),
  (5, 'NSW5', 1, 33, 8, 'black', 0, 1, 0::float8, 0::float8, 289.7899::float8),
  (6, 'NSW6', 1, 22, 9, 'black', 0, 1, 0::float8, 0::float8, 4056.494::float8),
  (7, 'NSW7', 1, 23, 12, 'black', 0, 0, 0::float8, 0::float8, 0::float8),
  (8, 'NSW8', 1, 32, 11, 'black', 0, 1, 0::float8, 0::float8, 8472.158::float8),
  (9, 'NSW9', 1, 22, 16, 'black', 0, 0, 0::float8, 0::float8, 2164.022::float8),
  (10, 'NSW10', 1, 33, 12, 'white', 1, 0, 0::float8, 0::float8, 12418.07::float8),
  (11, 'NSW11', 1, 19, 9, 'black', 0, 1, 0::float8, 0::float8, 8173.908::float8),
  (12, 'NSW12', 1, 21, 13, 'black', 0, 0, 0::float8, 0::float8, 17094.64::float8),
  (13, 'NSW13', 1, 18, 8, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (14, 'NSW14', 1, 27, 10, 'black', 1, 1, 0::float8, 0::float8, 18739.93::float8),
  (15, 'NSW15', 1, 17, 7, 'black', 0, 1, 0::float8, 0::float8, 3023.879::float8),
  (16, 'NSW16', 1, 19, 10, 'black', 0, 1, 0::float8, 0::float8, 3228.503::float8),
  (17, 'NSW17', 1, 27, 13, 'black', 0, 0, 0::float8, 0::float8, 14581.86::float8),
  (18, 'NSW18', 1, 23, 10, 'black', 0, 1, 0::float8, 0::float8, 7693.4::float8),
  (19, 'NSW19', 1, 40, 12, 'black', 0, 0, 0::float8, 0::float8, 10804.32::float8),
  (20, 'NSW20', 1, 26, 12, 'black', 0, 0, 0::float8, 0::float8, 10747.35::float8),
  (21, 'NSW21', 1, 23, 11, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (22, 'NSW22', 1, 41, 14, 'white', 0, 0, 0::float8, 0::float8, 5149.501::float8),
  (23, 'NSW23', 1, 38, 9, 'white', 0, 1, 0::float8, 0::float8, 6408.95::float8),
  (24, 'NSW24', 1, 24, 11, 'black', 0, 1, 0::float8, 0::float8, 1991.4::float8),
  (25, 'NSW25', 1, 18, 10, 'black', 0, 1, 0::float8, 0::float8, 11163.17::float8),
  (26, 'NSW26', 1, 29, 11, 'black', 1, 1, 0::float8, 0::float8, 9642.999::float8),
  (27, 'NSW27', 1, 25, 11, 'black', 0, 1, 0::float8, 0::float8, 9897.049::float8),
  (28, 'NSW28', 1, 27, 10, 'hispan', 0, 1, 0::float8, 0::float8, 11142.87::float8),
  (29, 'NSW29', 1, 17, 10, 'black', 0, 1, 0::float8, 0::float8, 16218.04::float8),
  (30, 'NSW30', 1, 24, 11, 'black', 0, 1, 0::float8, 0::float8, 995.7002::float8),
  (31, 'NSW31', 1, 17, 10, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (32, 'NSW32', 1, 48, 4, 'black', 0, 1, 0::float8, 0::float8, 6551.592::float8),
  (33, 'NSW33', 1, 25, 11, 'black', 1, 1, 0::float8, 0::float8, 1574.424::float8),
  (34, 'NSW34', 1, 20, 12, 'black', 0, 0, 0::float8, 0::float8, 0::float8),
  (35, 'NSW35', 1, 25, 12, 'black', 0, 0, 0::float8, 0::float8, 3191.753::float8),
  (36, 'NSW36', 1, 42, 14, 'black', 0, 0, 0::float8, 0::float8, 20505.93::float8),
  (37, 'NSW37', 1, 25, 5, 'black', 0, 1, 0::float8, 0::float8, 6181.88::float8),
  (38, 'NSW38', 1, 23, 12, 'black', 1, 0, 0::float8, 0::float8, 5911.551::float8),
  (39, 'NSW39', 1, 46, 8, 'black', 1, 1, 0::float8, 0::float8, 3094.156::float8),
  (40, 'NSW40', 1, 24, 10, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (41, 'NSW41', 1, 21, 12, 'black', 0, 0, 0::float8, 0::float8, 1254.582::float8),
  (42, 'NSW42', 1, 19, 9, 'white', 0, 1, 0::float8, 0::float8, 13188.83::float8),
  (43, 'NSW43', 1, 17, 8, 'black', 0, 1, 0::float8, 0::float8, 8061.485::float8),
  (44, 'NSW44', 1, 18, 8, 'hispan', 1, 1, 0::float8, 0::float8, 2787.96::float8),
  (45, 'NSW45', 1, 20, 11, 'black', 0, 1, 0::float8, 0::float8, 3972.54::float8),
  (46, 'NSW46', 1, 25, 11, 'black', 1, 1, 0::float8, 0::float8, 0::float8),
  (47, 'NSW47', 1, 17, 8, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (48, 'NSW48', 1, 17, 9, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (49, 'NSW49', 1, 25, 5, 'black', 0, 1, 0::float8, 0::float8, 12187.41::float8),
  (50, 'NSW50', 1, 23, 12, 'black', 0, 0, 0::float8, 0::float8, 4843.176::float8),
  (51, 'NSW51', 1, 28, 8, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (52, 'NSW52', 1, 31, 11, 'black', 1, 1, 0::float8, 0::float8, 8087.487::float8),
  (53, 'NSW53', 1, 18, 11, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (54, 'NSW54', 1, 25, 12, 'black', 0, 0, 0::float8, 0::float8, 2348.973::float8),
  (55, 'NSW55', 1, 30, 11, 'black', 1, 1, 0::float8, 0::float8, 590.7818::float8),
  (56, 'NSW56', 1, 17, 10, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (57, 'NSW57', 1, 37, 9, 'black', 0, 1, 0::float8, 0::float8, 1067.506::float8),
  (58, 'NSW58', 1, 41, 4, 'black', 1, 1, 0::float8, 0::float8, 7284.986::float8),
  (59, 'NSW59', 1, 42, 14, 'black', 1, 0, 0::float8, 0::float8, 13167.52::float8),
  (60, 'NSW60', 1, 22, 11, 'white', 0, 1, 0::float8, 0::float8, 1048.432::float8),
  (61, 'NSW61', 1, 17, 8, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (62, 'NSW62', 1, 29, 8, 'black', 0, 1, 0::float8, 0::float8, 1923.938::float8),
  (63, 'NSW63', 1, 35, 10, 'black', 0, 1, 0::float8, 0::float8, 4666.236::float8),
  (64, 'NSW64', 1, 27, 11, 'black', 0, 1, 0::float8, 0::float8, 549.2984::float8),
  (65, 'NSW65', 1, 29, 4, 'black', 0, 1, 0::float8, 0::float8, 762.9146::float8),
  (66, 'NSW66', 1, 28, 9, 'black', 0, 1, 0::float8, 0::float8, 10694.29::float8),
  (67, 'NSW67', 1, 27, 11, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (68, 'NSW68', 1, 23, 7, 'white', 0, 1, 0::float8, 0::float8, 0::float8),
  (69, 'NSW69', 1, 45, 5, 'black', 1, 1, 0::float8, 0::float8, 8546.715::float8),
  (70, 'NSW70', 1, 29, 13, 'black', 0, 0, 0::float8, 0::float8, 7479.656::float8),
  (71, 'NSW71', 1, 27, 9, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (72, 'NSW72', 1, 46, 13, 'black', 0, 0, 0::float8, 0::float8, 647.2046::float8),
  (73, 'NSW73', 1, 18, 6, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (74, 'NSW74', 1, 25, 12, 'black', 0, 0, 0::float8, 0::float8, 11965.81::float8),
  (75, 'NSW75', 1, 28, 15, 'black', 0, 0, 0::float8, 0::float8, 9598.541::float8),
  (76, 'NSW76', 1, 25, 11, 'white', 0, 1, 0::float8, 0::float8, 18783.35::float8),
  (77, 'NSW77', 1, 22, 12, 'black', 0, 0, 0::float8, 0::float8, 18678.08::float8),
  (78, 'NSW78', 1, 21, 9, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (79, 'NSW79', 1, 40, 11, 'black', 0, 1, 0::float8, 0::float8, 23005.6::float8),
  (80, 'NSW80', 1, 22, 11, 'black', 0, 1, 0::float8, 0::float8, 6456.697::float8),
  (81, 'NSW81', 1, 25, 12, 'black', 0, 0, 0::float8, 0::float8, 0::float8),
  (82, 'NSW82', 1, 18, 12, 'black', 0, 0, 0::float8, 0::float8, 2321.107::float8),
  (83, 'NSW83', 1, 38, 12, 'white', 0, 0, 0::float8, 0::float8, 4941.849::float8),
  (84, 'NSW84', 1, 27, 13, 'black', 0, 0, 0::float8, 0::float8, 0::float8),
  (85, 'NSW85', 1, 27, 8, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (86, 'NSW86', 1, 38, 11, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (87, 'NSW87', 1, 23, 8, 'hispan', 0, 1, 0::float8, 0::float8, 3881.284::float8),
  (88, 'NSW88', 1, 26, 11, 'black', 0, 1, 0::float8, 0::float8, 17230.96::float8),
  (89, 'NSW89', 1, 21, 12, 'white', 0, 0, 0::float8, 0::float8, 8048.603::float8),
  (90, 'NSW90', 1, 25, 8, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (91, 'NSW91', 1, 31, 11, 'black', 1, 1, 0::float8, 0::float8, 14509.93::float8),
  (92, 'NSW92', 1, 17, 10, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (93, 'NSW93', 1, 25, 11, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (94, 'NSW94', 1, 21, 12, 'black', 0, 0, 0::float8, 0::float8, 9983.784::float8),
  (95, 'NSW95', 1, 44, 11, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (96, 'NSW96', 1, 25, 12, 'white', 0, 0, 0::float8, 0::float8, 5587.503::float8),
  (97, 'NSW97', 1, 18, 9, 'black', 0, 1, 0::float8, 0::float8, 4482.845::float8),
  (98, 'NSW98', 1, 42, 12, 'black', 0, 0, 0::float8, 0::float8, 2456.153::float8),
  (99, 'NSW99', 1, 25, 10, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (100, 'NSW100', 1, 31, 9, 'hispan', 0, 1, 0::float8, 0::float8, 26817.6::float8),
  (101, 'NSW101', 1, 24, 10, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (102, 'NSW102', 1, 26, 10, 'black', 0, 1, 0::float8, 0::float8, 9265.788::float8),
  (103, 'NSW103', 1, 25, 11, 'black', 0, 1, 0::float8, 0::float8, 485.2298::float8),
  (104, 'NSW104', 1, 18, 11, 'black', 0, 1, 0::float8, 0::float8, 4814.627::float8),
  (105, 'NSW105', 1, 19, 11, 'black', 0, 1, 0::float8, 0::float8, 7458.105::float8),
  (106, 'NSW106', 1, 43, 9, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (107, 'NSW107', 1, 27, 13, 'black', 0, 0, 0::float8, 0::float8, 34099.28::float8),
  (108, 'NSW108', 1, 17, 9, 'black', 0, 1, 0::float8, 0::float8, 1953.268::float8),
  (109, 'NSW109', 1, 30, 11, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (110, 'NSW110', 1, 26, 10, 'black', 1, 1, 2027.999::float8, 0::float8, 0::float8),
  (111, 'NSW111', 1, 20, 9, 'black', 0, 1, 6083.994::float8, 0::float8, 8881.665::float8),
  (112, 'NSW112', 1, 17, 9, 'hispan', 0, 1, 445.1704::float8, 74.34345::float8, 6210.67::float8),
  (113, 'NSW113', 1, 20, 12, 'black', 0, 0, 989.2678::float8, 165.2077::float8, 0::float8),
  (114, 'NSW114', 1, 18, 11, 'black', 0, 1, 858.2543::float8, 214.5636::float8, 929.8839::float8),
  (115, 'NSW115', 1, 27, 12, 'black', 1, 0, 3670.872::float8, 334.0493::float8, 0::float8),
  (116, 'NSW116', 1, 21, 12, 'white', 0, 0, 3670.872::float8, 334.0494::float8, 12558.02::float8),
  (117, 'NSW117', 1, 27, 12, 'black', 0, 0, 2143.413::float8, 357.9499::float8, 22163.25::float8),
  (118, 'NSW118', 1, 20, 12, 'black', 0, 0, 0::float8, 377.5686::float8, 1652.637::float8),
  (119, 'NSW119', 1, 19, 10, 'black', 0, 1, 0::float8, 385.2741::float8, 8124.715::float8),
  (120, 'NSW120', 1, 23, 12, 'black', 0, 0, 5506.308::float8, 501.0741::float8, 671.3318::float8),
  (121, 'NSW121', 1, 29, 14, 'black', 0, 0, 0::float8, 679.6734::float8, 17814.98::float8),
  (122, 'NSW122', 1, 18, 10, 'black', 0, 1, 0::float8, 798.9079::float8, 9737.154::float8),
  (123, 'NSW123', 1, 19, 9, 'black', 0, 1, 0::float8, 798.9079::float8, 17685.18::float8),
  (124, 'NSW124', 1, 27, 13, 'white', 1, 0, 9381.566::float8, 853.7225::float8, 0::float8),
  (125, 'NSW125', 1, 18, 11, 'white', 0, 1, 3678.231::float8, 919.5579::float8, 4321.705::float8),
  (126, 'NSW126', 1, 27, 9, 'black', 1, 1, 0::float8, 934.4454::float8, 1773.423::float8),
  (127, 'NSW127', 1, 22, 12, 'black', 0, 0, 5605.852::float8, 936.1773::float8, 0::float8),
  (128, 'NSW128', 1, 23, 10, 'black', 1, 1, 0::float8, 936.4386::float8, 11233.26::float8),
  (129, 'NSW129', 1, 23, 12, 'hispan', 0, 0, 9385.74::float8, 1117.439::float8, 559.4432::float8),
  (130, 'NSW130', 1, 20, 11, 'black', 0, 1, 3637.498::float8, 1220.836::float8, 1085.44::float8),
  (131, 'NSW131', 1, 17, 9, 'black', 0, 1, 1716.509::float8, 1253.439::float8, 5445.2::float8),
  (132, 'NSW132', 1, 28, 11, 'black', 0, 1, 0::float8, 1284.079::float8, 60307.93::float8),
  (133, 'NSW133', 1, 26, 11, 'black', 1, 1, 0::float8, 1392.853::float8, 1460.36::float8),
  (134, 'NSW134', 1, 20, 11, 'black', 0, 1, 16318.62::float8, 1484.994::float8, 6943.342::float8),
  (135, 'NSW135', 1, 24, 11, 'black', 1, 1, 824.3886::float8, 1666.113::float8, 4032.708::float8),
  (136, 'NSW136', 1, 31, 9, 'black', 0, 1, 0::float8, 1698.607::float8, 10363.27::float8),
  (137, 'NSW137', 1, 23, 8, 'white', 1, 1, 0::float8, 1713.15::float8, 4232.309::float8),
  (138, 'NSW138', 1, 18, 10, 'black', 0, 1, 2143.411::float8, 1784.274::float8, 11141.39::float8),
  (139, 'NSW139', 1, 29, 12, 'black', 0, 0, 10881.94::float8, 1817.284::float8, 0::float8),
  (140, 'NSW140', 1, 26, 11, 'white', 0, 1, 0::float8, 2226.266::float8, 13385.86::float8),
  (141, 'NSW141', 1, 24, 9, 'black', 0, 1, 9154.7::float8, 2288.675::float8, 4849.559::float8),
  (142, 'NSW142', 1, 25, 12, 'black', 0, 0, 14426.79::float8, 2409.274::float8, 0::float8),
  (143, 'NSW143', 1, 24, 10, 'black', 0, 1, 4250.402::float8, 2421.947::float8, 1660.508::float8),
  (144, 'NSW144', 1, 46, 8, 'black', 0, 1, 3165.658::float8, 2594.723::float8, 0::float8),
  (145, 'NSW145', 1, 31, 12, 'white', 0, 0, 0::float8, 2611.218::float8, 2484.549::float8),
  (146, 'NSW146', 1, 19, 11, 'black', 0, 1, 2305.026::float8, 2615.276::float8, 4146.603::float8),
  (147, 'NSW147', 1, 19, 8, 'black', 0, 1, 0::float8, 2657.057::float8, 9970.681::float8),
  (148, 'NSW148', 1, 27, 11, 'black', 0, 1, 2206.94::float8, 2666.274::float8, 0::float8),
  (149, 'NSW149', 1, 26, 11, 'black', 1, 1, 0::float8, 2754.646::float8, 26372.28::float8),
  (150, 'NSW150', 1, 20, 10, 'black', 0, 1, 5005.731::float8, 2777.355::float8, 5615.189::float8),
  (151, 'NSW151', 1, 28, 10, 'black', 0, 1, 0::float8, 2836.506::float8, 3196.571::float8),
  (152, 'NSW152', 1, 24, 12, 'black', 0, 0, 13765.75::float8, 2842.764::float8, 6167.681::float8),
  (153, 'NSW153', 1, 19, 8, 'black', 0, 1, 2636.353::float8, 2937.264::float8, 7535.942::float8),
  (154, 'NSW154', 1, 23, 12, 'black', 0, 0, 6269.341::float8, 3039.96::float8, 8484.239::float8),
  (155, 'NSW155', 1, 42, 9, 'black', 1, 1, 0::float8, 3058.531::float8, 1294.409::float8),
  (156, 'NSW156', 1, 25, 13, 'black', 0, 0, 12362.93::float8, 3090.732::float8, 0::float8),
  (157, 'NSW157', 1, 18, 9, 'black', 0, 1, 0::float8, 3287.375::float8, 5010.342::float8),
  (158, 'NSW158', 1, 21, 12, 'black', 0, 0, 6473.683::float8, 3332.409::float8, 9371.037::float8),
  (159, 'NSW159', 1, 27, 10, 'black', 0, 1, 1001.146::float8, 3550.075::float8, 0::float8),
  (160, 'NSW160', 1, 21, 8, 'black', 0, 1, 989.2678::float8, 3695.897::float8, 4279.613::float8),
  (161, 'NSW161', 1, 22, 9, 'black', 0, 1, 2192.877::float8, 3836.986::float8, 3462.564::float8),
  (162, 'NSW162', 1, 31, 4, 'black', 0, 1, 8517.589::float8, 4023.211::float8, 7382.549::float8),
  (163, 'NSW163', 1, 24, 10, 'black', 1, 1, 11703.2::float8, 4078.152::float8, 0::float8),
  (164, 'NSW164', 1, 29, 10, 'black', 0, 1, 0::float8, 4398.95::float8, 0::float8),
  (165, 'NSW165', 1, 29, 12, 'black', 0, 0, 9748.387::float8, 4878.937::float8, 10976.51::float8),
  (166, 'NSW166', 1, 19, 10, 'white', 0, 1, 0::float8, 5324.109::float8, 13829.62::float8),
  (167, 'NSW167', 1, 19, 11, 'hispan', 1, 1, 5424.485::float8, 5463.803::float8, 6788.463::float8),
  (168, 'NSW168', 1, 31, 9, 'black', 0, 1, 10717.03::float8, 5517.841::float8, 9558.501::float8),
  (169, 'NSW169', 1, 22, 10, 'black', 1, 1, 1468.348::float8, 5588.664::float8, 13228.28::float8),
  (170, 'NSW170', 1, 21, 9, 'black', 0, 1, 6416.47::float8, 5749.331::float8, 743.6666::float8),
  (171, 'NSW171', 1, 17, 10, 'black', 0, 1, 1291.468::float8, 5793.852::float8, 5522.788::float8),
  (172, 'NSW172', 1, 26, 12, 'black', 1, 0, 8408.762::float8, 5794.831::float8, 1424.944::float8),
  (173, 'NSW173', 1, 20, 9, 'hispan', 0, 1, 12260.78::float8, 5875.049::float8, 1358.643::float8),
  (174, 'NSW174', 1, 19, 10, 'black', 0, 1, 4121.949::float8, 6056.754::float8, 0::float8),
  (175, 'NSW175', 1, 26, 10, 'black', 0, 1, 25929.68::float8, 6788.958::float8, 672.8773::float8),
  (176, 'NSW176', 1, 28, 11, 'black', 0, 1, 1929.029::float8, 6871.856::float8, 0::float8),
  (177, 'NSW177', 1, 22, 12, 'hispan', 1, 0, 492.2305::float8, 7055.702::float8, 10092.83::float8),
  (178, 'NSW178', 1, 33, 11, 'black', 0, 1, 0::float8, 7867.916::float8, 6281.433::float8),
  (179, 'NSW179', 1, 22, 12, 'white', 0, 0, 6759.994::float8, 8455.504::float8, 12590.71::float8),
  (180, 'NSW180', 1, 29, 10, 'hispan', 0, 1, 0::float8, 8853.674::float8, 5112.014::float8),
  (181, 'NSW181', 1, 33, 12, 'black', 1, 0, 20279.95::float8, 10941.35::float8, 15952.6::float8),
  (182, 'NSW182', 1, 25, 14, 'black', 1, 0, 35040.07::float8, 11536.57::float8, 36646.95::float8),
  (183, 'NSW183', 1, 35, 9, 'black', 1, 1, 13602.43::float8, 13830.64::float8, 12803.97::float8),
  (184, 'NSW184', 1, 35, 8, 'black', 1, 1, 13732.07::float8, 17976.15::float8, 3786.628::float8),
  (185, 'NSW185', 1, 33, 11, 'black', 1, 1, 14660.71::float8, 25142.24::float8, 4181.942::float8),
  (186, 'PSID1', 0, 30, 12, 'white', 1, 0, 20166.73::float8, 18347.23::float8, 25564.67::float8),
  (187, 'PSID2', 0, 26, 12, 'white', 1, 0, 25862.32::float8, 17806.55::float8, 25564.67::float8),
  (188, 'PSID3', 0, 25, 16, 'white', 1, 0, 25862.32::float8, 15316.21::float8, 25564.67::float8),
  (189, 'PSID4', 0, 42, 11, 'white', 1, 1, 21787.05::float8, 14265.29::float8, 15491.01::float8),
  (190, 'PSID5', 0, 25, 9, 'black', 1, 1, 14829.69::float8, 13776.53::float8, 0::float8),
  (191, 'PSID6', 0, 37, 9, 'black', 1, 1, 13685.48::float8, 12756.05::float8, 17833.2::float8),
  (192, 'PSID7', 0, 32, 12, 'white', 1, 0, 19067.58::float8, 12625.35::float8, 14146.28::float8),
  (193, 'PSID8', 0, 20, 12, 'black', 0, 0, 7392.314::float8, 12396.19::float8, 17765.23::float8),
  (194, 'PSID9', 0, 38, 9, 'hispan', 1, 1, 16826.18::float8, 12029.18::float8, 0::float8),
  (195, 'PSID10', 0, 39, 10, 'white', 1, 1, 16767.41::float8, 12022.02::float8, 4433.18::float8),
  (196, 'PSID11', 0, 41, 5, 'white', 1, 1, 10785.76::float8, 11991.58::float8, 19451.31::float8),
  (197, 'PSID12', 0, 31, 14, 'white', 1, 0, 17831.29::float8, 11563.69::float8, 22094.97::float8),
  (198, 'PSID13', 0, 34, 8, 'white', 1, 1, 8038.872::float8, 11404.35::float8, 5486.799::float8),
  (199, 'PSID14', 0, 29, 12, 'white', 1, 0, 14768.95::float8, 11146.55::float8, 6420.722::float8),
  (200, 'PSID15', 0, 22, 14, 'black', 1, 0, 748.4399::float8, 11105.37::float8, 18208.55::float8),
  (201, 'PSID16', 0, 42, 0, 'hispan', 1, 1, 2797.833::float8, 10929.92::float8, 9922.934::float8),
  (202, 'PSID17', 0, 25, 9, 'hispan', 0, 1, 5460.477::float8, 10589.76::float8, 7539.361::float8),
  (203, 'PSID18', 0, 28, 9, 'white', 1, 1, 11091.41::float8, 10357.02::float8, 15406.78::float8),
  (204, 'PSID19', 0, 40, 13, 'white', 1, 0, 3577.621::float8, 10301.52::float8, 11911.95::float8),
  (205, 'PSID20', 0, 35, 9, 'white', 1, 1, 11475.43::float8, 9397.403::float8, 11087.38::float8),
  (206, 'PSID21', 0, 27, 10, 'hispan', 1, 1, 15711.36::float8, 9098.419::float8, 17023.41::float8),
  (207, 'PSID22', 0, 27, 6, 'hispan', 1, 1, 7831.189::float8, 9071.565::float8, 5661.171::float8),
  (208, 'PSID23', 0, 36, 12, 'white', 1, 0, 25535.12::float8, 8695.597::float8, 21905.82::float8),
  (209, 'PSID24', 0, 47, 8, 'black', 1, 1, 9275.169::float8, 8543.419::float8, 0::float8),
  (210, 'PSID25', 0, 40, 11, 'white', 1, 1, 20666.35::float8, 8502.242::float8, 25564.67::float8),
  (211, 'PSID26', 0, 27, 7, 'white', 1, 1, 3064.293::float8, 8461.065::float8, 11149.45::float8),
  (212, 'PSID27', 0, 36, 9, 'black', 1, 1, 13256.4::float8, 8457.484::float8, 0::float8),
  (213, 'PSID28', 0, 39, 6, 'hispan', 1, 1, 13279.91::float8, 8441.371::float8, 25048.94::float8),
  (214, 'PSID29', 0, 21, 9, 'white', 1, 1, 11156.07::float8, 8441.371::float8, 1213.214::float8),
  (215, 'PSID30', 0, 29, 12, 'white', 1, 0, 11199.17::float8, 8081.516::float8, 0::float8),
  (216, 'PSID31', 0, 22, 13, 'hispan', 0, 0, 6404.843::float8, 7882.79::float8, 9453.017::float8),
  (217, 'PSID32', 0, 25, 10, 'white', 1, 1, 13634.54::float8, 7793.274::float8, 11688.82::float8),
  (218, 'PSID33', 0, 27, 12, 'white', 1, 0, 12270.89::float8, 7709.129::float8, 7806.829::float8),
  (219, 'PSID34', 0, 45, 8, 'white', 1, 1, 22415.97::float8, 7635.726::float8, 15931.37::float8),
  (220, 'PSID35', 0, 26, 12, 'white', 1, 0, 2345.242::float8, 7565.903::float8, 2838.713::float8),
  (221, 'PSID36', 0, 27, 12, 'white', 1, 0, 9788.497::float8, 7496.081::float8, 14038.4::float8),
  (222, 'PSID37', 0, 33, 8, 'white', 1, 1, 12312.03::float8, 7474.597::float8, 25514.43::float8),
  (223, 'PSID38', 0, 25, 12, 'white', 1, 0, 11381.38::float8, 7467.435::float8, 4162.756::float8),
  (224, 'PSID39', 0, 49, 8, 'white', 1, 1, 6459.703::float8, 7431.629::float8, 7503.896::float8),
  (225, 'PSID40', 0, 40, 3, 'hispan', 1, 1, 7576.485::float8, 7426.258::float8, 12104.06::float8),
  (226, 'PSID41', 0, 22, 12, 'black', 1, 0, 9729.719::float8, 7372.548::float8, 2231.367::float8),
  (227, 'PSID42', 0, 25, 5, 'white', 1, 1, 7891.927::float8, 7293.774::float8, 14617.67::float8),
  (228, 'PSID43', 0, 25, 12, 'white', 1, 0, 11516.57::float8, 7263.339::float8, 19588.74::float8),
  (229, 'PSID44', 0, 21, 12, 'white', 1, 0, 13601.23::float8, 7202.468::float8, 10746.03::float8),
  (230, 'PSID45', 0, 33, 9, 'hispan', 1, 1, 11959.36::float8, 7087.887::float8, 25564.67::float8),
  (231, 'PSID46', 0, 20, 12, 'black', 1, 0, 9555.344::float8, 7055.661::float8, 0::float8),
  (232, 'PSID47', 0, 19, 11, 'white', 1, 1, 4306.468::float8, 6978.677::float8, 837.871::float8),
  (233, 'PSID48', 0, 25, 12, 'black', 1, 0, 295.8493::float8, 6942.871::float8, 461.0507::float8),
  (234, 'PSID49', 0, 29, 12, 'white', 1, 0, 15303.83::float8, 6932.129::float8, 24290.87::float8),
  (235, 'PSID50', 0, 20, 12, 'white', 1, 0, 3558.029::float8, 6797.855::float8, 6680.802::float8),
  (236, 'PSID51', 0, 29, 6, 'hispan', 1, 1, 8542.403::float8, 6701.177::float8, 7196.528::float8),
  (237, 'PSID52', 0, 25, 13, 'white', 1, 0, 19259.59::float8, 6652.839::float8, 13015.82::float8),
  (238, 'PSID53', 0, 41, 15, 'white', 1, 0, 25862.32::float8, 6563.323::float8, 24647::float8),
  (239, 'PSID54', 0, 39, 10, 'white', 1, 1, 22745.13::float8, 6493.5::float8, 25564.67::float8),
  (240, 'PSID55', 0, 33, 12, 'white', 1, 0, 10819.07::float8, 6369.968::float8, 2936.243::float8),
  (241, 'PSID56', 0, 29, 8, 'white', 1, 1, 9169.369::float8, 6352.065::float8, 20575.86::float8),
  (242, 'PSID57', 0, 21, 11, 'white', 1, 1, 10679.96::float8, 6276.871::float8, 10923.35::float8),
  (243, 'PSID58', 0, 31, 12, 'white', 1, 0, 23652.27::float8, 6228.532::float8, 22403.81::float8),
  (244, 'PSID59', 0, 36, 12, 'black', 1, 0, 11040.47::float8, 6221.371::float8, 7215.739::float8),
  (245, 'PSID60', 0, 25, 7, 'white', 1, 1, 5597.625::float8, 6099.629::float8, 122.6513::float8),
  (246, 'PSID61', 0, 35, 7, 'white', 1, 1, 10715.23::float8, 6087.097::float8, 15177.73::float8),
  (247, 'PSID62', 0, 22, 9, 'white', 1, 1, 5683.833::float8, 6038.758::float8, 4742.025::float8),
  (248, 'PSID63', 0, 31, 2, 'hispan', 1, 1, 3262.179::float8, 5965.355::float8, 9732.307::float8),
  (249, 'PSID64', 0, 40, 15, 'white', 1, 0, 10907.24::float8, 5922.387::float8, 6238.962::float8),
  (250, 'PSID65', 0, 47, 3, 'white', 1, 1, 9047.894::float8, 5911.645::float8, 6145.865::float8),
  (251, 'PSID66', 0, 26, 8, 'hispan', 0, 1, 3168.134::float8, 5872.258::float8, 11136.15::float8),
  (252, 'PSID67', 0, 42, 7, 'white', 1, 1, 10971.89::float8, 5806.016::float8, 9241.702::float8),
  (253, 'PSID68', 0, 53, 12, 'white', 0, 0, 17104.4::float8, 5775.581::float8, 19965.56::float8),
  (254, 'PSID69', 0, 30, 17, 'black', 0, 0, 17827.37::float8, 5546.419::float8, 14421.13::float8),
  (255, 'PSID70', 0, 28, 10, 'white', 1, 1, 10415.46::float8, 5544.629::float8, 10289.41::float8),
  (256, 'PSID71', 0, 46, 11, 'white', 1, 1, 14753.28::float8, 5299.355::float8, 0::float8),
  (257, 'PSID72', 0, 28, 12, 'white', 0, 0, 8256.35::float8, 5279.661::float8, 21602.88::float8),
  (258, 'PSID73', 0, 27, 12, 'hispan', 1, 0, 17604.01::float8, 5222.371::float8, 25564.67::float8),
  (259, 'PSID74', 0, 25, 10, 'white', 1, 1, 4335.857::float8, 5181.194::float8, 12418.81::float8),
  (260, 'PSID75', 0, 38, 8, 'white', 1, 1, 11242.27::float8, 5174.032::float8, 0::float8),
  (261, 'PSID76', 0, 26, 12, 'hispan', 0, 0, 7968.338::float8, 5109.581::float8, 4181.966::float8),
  (262, 'PSID77', 0, 54, 12, 'white', 0, 0, 7165.039::float8, 5012.903::float8, 0::float8),
  (263, 'PSID78', 0, 38, 8, 'hispan', 1, 1, 22606.02::float8, 4978.887::float8, 8720.065::float8),
  (264, 'PSID79', 0, 23, 17, 'white', 0, 0, 0::float8, 4876.839::float8, 16747.08::float8),
  (265, 'PSID80', 0, 23, 8, 'white', 1, 1, 3595.255::float8, 4866.097::float8, 2782.559::float8),
  (266, 'PSID81', 0, 23, 12, 'white', 1, 0, 11690.95::float8, 4764.048::float8, 14065::float8),
  (267, 'PSID82', 0, 25, 12, 'hispan', 1, 0, 8746.167::float8, 4762.258::float8, 379.7757::float8),
  (268, 'PSID83', 0, 25, 15, 'white', 1, 0, 7386.436::float8, 4738.984::float8, 12705.49::float8),
  (269, 'PSID84', 0, 37, 11, 'hispan', 0, 1, 615.2098::float8, 4713.919::float8, 0::float8),
  (270, 'PSID85', 0, 40, 12, 'white', 1, 0, 18389.68::float8, 4688.855::float8, 21857.05::float8),
  (271, 'PSID86', 0, 19, 10, 'white', 0, 1, 5777.878::float8, 4672.742::float8, 135.9508::float8),
  (272, 'PSID87', 0, 48, 7, 'white', 1, 1, 13326.93::float8, 4636.935::float8, 0::float8),
  (273, 'PSID88', 0, 19, 12, 'white', 0, 0, 8530.648::float8, 4620.823::float8, 0::float8),
  (274, 'PSID89', 0, 16, 9, 'white', 0, 1, 2539.21::float8, 4579.645::float8, 0::float8),
  (275, 'PSID90', 0, 29, 10, 'white', 1, 1, 713.1731::float8, 4542.048::float8, 7781.708::float8),
  (276, 'PSID91', 0, 30, 16, 'white', 0, 0, 3093.682::float8, 4468.645::float8, 15538.29::float8),
  (277, 'PSID92', 0, 22, 11, 'white', 1, 1, 8761.841::float8, 4463.274::float8, 10642.59::float8),
  (278, 'PSID93', 0, 22, 10, 'white', 0, 1, 17268.98::float8, 4400.613::float8, 2453.026::float8),
  (279, 'PSID94', 0, 47, 10, 'black', 1, 1, 13311.26::float8, 4397.032::float8, 19330.14::float8),
  (280, 'PSID95', 0, 25, 12, 'hispan', 1, 0, 2266.872::float8, 4361.226::float8, 3020.473::float8),
  (281, 'PSID96', 0, 47, 10, 'black', 0, 1, 21918.32::float8, 4323.629::float8, 19438.02::float8),
  (282, 'PSID97', 0, 24, 12, 'black', 1, 0, 8573.752::float8, 4293.194::float8, 0::float8),
  (283, 'PSID98', 0, 20, 12, 'black', 1, 0, 2648.929::float8, 4273.5::float8, 0::float8),
  (284, 'PSID99', 0, 28, 12, 'black', 0, 0, 16722.34::float8, 4253.806::float8, 7314.747::float8),
  (285, 'PSID100', 0, 47, 11, 'white', 0, 1, 8060.424::float8, 4232.323::float8, 3358.873::float8),
  (286, 'PSID101', 0, 50, 0, 'white', 1, 1, 10162.72::float8, 4218::float8, 220.1813::float8),
  (287, 'PSID102', 0, 18, 12, 'white', 0, 0, 2217.89::float8, 4191.145::float8, 8957.978::float8),
  (288, 'PSID103', 0, 21, 12, 'white', 0, 0, 9665.063::float8, 4110.581::float8, 1687.564::float8),
  (289, 'PSID104', 0, 47, 11, 'white', 1, 1, 23924.61::float8, 4096.258::float8, 17358.85::float8),
  (290, 'PSID105', 0, 21, 12, 'white', 0, 0, 2827.222::float8, 4056.871::float8, 5937.505::float8),
  (291, 'PSID106', 0, 34, 11, 'white', 1, 1, 0::float8, 4010.323::float8, 18133.18::float8),
  (292, 'PSID107', 0, 19, 12, 'white', 1, 0, 5817.063::float8, 3919.016::float8, 1066.919::float8),
  (293, 'PSID108', 0, 44, 13, 'white', 1, 0, 8032.994::float8, 3881.419::float8, 3104.704::float8),
  (294, 'PSID109', 0, 21, 15, 'white', 1, 0, 6951.479::float8, 3879.629::float8, 0::float8),
  (295, 'PSID110', 0, 20, 12, 'black', 0, 0, 5099.971::float8, 3842.032::float8, 12718.79::float8),
  (296, 'PSID111', 0, 51, 11, 'white', 0, 1, 48.98167::float8, 3813.387::float8, 1525.014::float8),
  (297, 'PSID112', 0, 28, 13, 'white', 0, 0, 5260.631::float8, 3790.113::float8, 9253.524::float8),
  (298, 'PSID113', 0, 24, 15, 'white', 0, 0, 12746.99::float8, 3743.565::float8, 0::float8),
  (299, 'PSID114', 0, 28, 8, 'hispan', 1, 1, 8305.332::float8, 3718.5::float8, 0::float8),
  (300, 'PSID115', 0, 20, 11, 'white', 1, 1, 5822.941::float8, 3532.306::float8, 11075.56::float8),
  (301, 'PSID116', 0, 29, 12, 'white', 1, 0, 14288.93::float8, 3503.661::float8, 8133.407::float8),
  (302, 'PSID117', 0, 23, 12, 'white', 1, 0, 14347.71::float8, 3482.177::float8, 3818.445::float8),
  (303, 'PSID118', 0, 20, 11, 'black', 0, 1, 0::float8, 3480.387::float8, 5495.665::float8),
  (304, 'PSID119', 0, 42, 7, 'white', 1, 1, 4324.102::float8, 3457.113::float8, 9856.436::float8),
  (305, 'PSID120', 0, 43, 12, 'white', 1, 0, 14328.12::float8, 3453.532::float8, 18781.9::float8),
  (306, 'PSID121', 0, 27, 13, 'white', 0, 0, 16406.9::float8, 3426.677::float8, 5344.937::float8),
  (307, 'PSID122', 0, 27, 4, 'hispan', 1, 1, 626.9654::float8, 3410.565::float8, 3367.739::float8),
  (308, 'PSID123', 0, 25, 12, 'white', 1, 0, 21469.65::float8, 3405.194::float8, 7981.201::float8),
  (309, 'PSID124', 0, 18, 12, 'white', 0, 0, 4729.67::float8, 3328.21::float8, 12602.05::float8),
  (310, 'PSID125', 0, 31, 16, 'white', 1, 0, 25862.32::float8, 3254.806::float8, 25564.67::float8),
  (311, 'PSID126', 0, 27, 12, 'white', 1, 0, 4043.927::float8, 3231.532::float8, 7240.86::float8),
  (312, 'PSID127', 0, 18, 11, 'white', 0, 1, 0::float8, 3226.161::float8, 15814.63::float8),
  (313, 'PSID128', 0, 24, 7, 'white', 1, 1, 7860.578::float8, 3213.629::float8, 0::float8),
  (314, 'PSID129', 0, 23, 12, 'white', 1, 0, 7856.66::float8, 3213.629::float8, 5535.564::float8),
  (315, 'PSID130', 0, 50, 12, 'white', 1, 0, 19929.66::float8, 3190.355::float8, 18597.19::float8),
  (316, 'PSID131', 0, 19, 12, 'white', 0, 0, 99.92261::float8, 3172.452::float8, 15436.33::float8),
  (317, 'PSID132', 0, 23, 10, 'white', 1, 1, 15811.28::float8, 3145.597::float8, 6398.556::float8),
  (318, 'PSID133', 0, 51, 12, 'white', 1, 0, 21001.38::float8, 3140.226::float8, 16015.6::float8),
  (319, 'PSID134', 0, 19, 11, 'black', 0, 1, 5607.422::float8, 3054.29::float8, 94.5745::float8),
  (320, 'PSID135', 0, 20, 10, 'white', 1, 1, 3099.56::float8, 2970.145::float8, 21141.83::float8),
  (321, 'PSID136', 0, 20, 11, 'hispan', 0, 1, 2868.367::float8, 2968.355::float8, 7403.41::float8),
  (322, 'PSID137', 0, 21, 12, 'white', 0, 0, 8128.998::float8, 2939.71::float8, 0::float8),
  (323, 'PSID138', 0, 39, 10, 'white', 1, 1, 0::float8, 2886::float8, 18761.22::float8),
  (324, 'PSID139', 0, 36, 5, 'white', 0, 1, 3814.692::float8, 2873.468::float8, 2751.527::float8),
  (325, 'PSID140', 0, 19, 9, 'black', 0, 1, 1079.556::float8, 2873.468::float8, 14344.29::float8),
  (326, 'PSID141', 0, 42, 6, 'hispan', 1, 1, 2425.572::float8, 2832.29::float8, 1907.745::float8),
  (327, 'PSID142', 0, 20, 7, 'white', 0, 1, 1902.448::float8, 2792.903::float8, 6098.578::float8),
  (328, 'PSID143', 0, 23, 12, 'white', 1, 0, 4954.986::float8, 2771.419::float8, 0::float8),
  (329, 'PSID144', 0, 35, 12, 'white', 1, 0, 1469.45::float8, 2719.5::float8, 0::float8),
  (330, 'PSID145', 0, 18, 12, 'white', 0, 0, 881.6701::float8, 2696.226::float8, 12120.31::float8),
  (331, 'PSID146', 0, 43, 8, 'white', 1, 1, 18338.74::float8, 2674.742::float8, 6395.601::float8),
  (332, 'PSID147', 0, 37, 14, 'white', 1, 0, 18501.36::float8, 2638.935::float8, 13429.58::float8),
  (333, 'PSID148', 0, 24, 10, 'white', 1, 1, 4719.874::float8, 2565.532::float8, 2173.736::float8),
  (334, 'PSID149', 0, 51, 12, 'white', 0, 0, 20742.76::float8, 2538.677::float8, 1019.631::float8),
  (335, 'PSID150', 0, 22, 11, 'hispan', 0, 1, 7341.373::float8, 2535.097::float8, 14187.65::float8),
  (336, 'PSID151', 0, 19, 12, 'white', 0, 0, 336.9939::float8, 2518.984::float8, 7118.209::float8),
  (337, 'PSID152', 0, 52, 0, 'hispan', 1, 1, 773.9104::float8, 2506.452::float8, 0::float8),
  (338, 'PSID153', 0, 21, 12, 'white', 0, 0, 2903.633::float8, 2456.323::float8, 4787.834::float8),
  (339, 'PSID154', 0, 24, 12, 'white', 0, 0, 9784.578::float8, 2413.355::float8, 0::float8),
  (340, 'PSID155', 0, 35, 8, 'white', 1, 1, 2241.401::float8, 2399.032::float8, 9460.406::float8),
  (341, 'PSID156', 0, 20, 13, 'white', 0, 0, 0::float8, 2352.484::float8, 0::float8),
  (342, 'PSID157', 0, 17, 7, 'black', 0, 1, 1054.086::float8, 2286.242::float8, 1613.677::float8),
  (343, 'PSID158', 0, 18, 10, 'black', 0, 1, 311.5234::float8, 2284.452::float8, 8154.095::float8),
  (344, 'PSID159', 0, 28, 12, 'black', 0, 0, 6285.328::float8, 2255.806::float8, 7310.313::float8),
  (345, 'PSID160', 0, 25, 14, 'hispan', 1, 0, 1622.273::float8, 2239.694::float8, 1892.968::float8),
  (346, 'PSID161', 0, 40, 12, 'hispan', 0, 0, 13616.9::float8, 2228.952::float8, 876.2919::float8),
  (347, 'PSID162', 0, 50, 3, 'white', 1, 1, 3136.786::float8, 2203.887::float8, 13976.34::float8),
  (348, 'PSID163', 0, 48, 8, 'white', 1, 1, 16050.31::float8, 2116.161::float8, 11600.15::float8),
  (349, 'PSID164', 0, 17, 7, 'hispan', 0, 1, 0::float8, 2082.145::float8, 6460.621::float8),
  (350, 'PSID165', 0, 30, 12, 'white', 1, 0, 7347.251::float8, 2080.355::float8, 14475.81::float8),
  (351, 'PSID166', 0, 30, 7, 'white', 1, 1, 574.0652::float8, 2010.532::float8, 366.4762::float8),
  (352, 'PSID167', 0, 22, 11, 'white', 1, 1, 3030.986::float8, 1976.516::float8, 0::float8),
  (353, 'PSID168', 0, 27, 12, 'white', 1, 0, 11493.06::float8, 1906.694::float8, 13419.24::float8),
  (354, 'PSID169', 0, 25, 9, 'white', 1, 1, 23377.97::float8, 1901.323::float8, 1898.879::float8),
  (355, 'PSID170', 0, 21, 14, 'white', 0, 0, 80.32994::float8, 1890.581::float8, 6389.69::float8),
  (356, 'PSID171', 0, 17, 10, 'white', 0, 1, 0::float8, 1888.79::float8, 19993.64::float8),
  (357, 'PSID172', 0, 39, 7, 'white', 0, 1, 7786.126::float8, 1844.032::float8, 9206.237::float8),
  (358, 'PSID173', 0, 18, 9, 'black', 0, 1, 1183.397::float8, 1822.548::float8, 803.8833::float8),
  (359, 'PSID174', 0, 25, 12, 'white', 1, 0, 2721.422::float8, 1754.516::float8, 1037.364::float8),
  (360, 'PSID175', 0, 20, 8, 'white', 1, 1, 2360.916::float8, 1741.984::float8, 0::float8),
  (361, 'PSID176', 0, 19, 13, 'white', 0, 0, 2366.794::float8, 1709.758::float8, 0::float8),
  (362, 'PSID177', 0, 19, 11, 'white', 0, 1, 0::float8, 1693.645::float8, 9853.481::float8),
  (363, 'PSID178', 0, 22, 12, 'white', 0, 0, 10137.25::float8, 1679.323::float8, 25564.67::float8),
  (364, 'PSID179', 0, 18, 11, 'black', 0, 1, 2068.986::float8, 1623.823::float8, 20243.38::float8),
  (365, 'PSID180', 0, 21, 10, 'white', 0, 1, 1767.259::float8, 1555.79::float8, 7675.312::float8),
  (366, 'PSID181', 0, 24, 12, 'white', 1, 0, 7643.1::float8, 1546.839::float8, 3262.82::float8),
  (367, 'PSID182', 0, 18, 11, 'white', 0, 1, 1273.523::float8, 1532.516::float8, 12489.75::float8),
  (368, 'PSID183', 0, 17, 10, 'white', 0, 1, 568.1874::float8, 1525.355::float8, 6231.573::float8),
  (369, 'PSID184', 0, 17, 10, 'white', 0, 1, 0::float8, 1503.871::float8, 7843.773::float8),
  (370, 'PSID185', 0, 18, 10, 'white', 0, 1, 0::float8, 1491.339::float8, 237.914::float8),
  (371, 'PSID186', 0, 53, 10, 'hispan', 0, 1, 7878.212::float8, 1489.548::float8, 13170.98::float8),
  (372, 'PSID187', 0, 18, 11, 'black', 0, 1, 1191.234::float8, 1478.806::float8, 3683.972::float8),
  (373, 'PSID188', 0, 17, 10, 'hispan', 0, 1, 0::float8, 1453.742::float8, 6918.716::float8),
  (374, 'PSID189', 0, 26, 12, 'black', 0, 0, 0::float8, 1448.371::float8, 0::float8),
  (375, 'PSID190', 0, 39, 5, 'white', 1, 1, 13082.02::float8, 1434.048::float8, 18323.81::float8),
  (376, 'PSID191', 0, 18, 12, 'black', 0, 0, 1579.169::float8, 1408.984::float8, 3057.416::float8),
  (377, 'PSID192', 0, 23, 13, 'white', 0, 0, 601.4949::float8, 1394.661::float8, 4975.505::float8),
  (378, 'PSID193', 0, 18, 8, 'white', 0, 1, 5023.56::float8, 1391.081::float8, 6756.166::float8),
  (379, 'PSID194', 0, 28, 10, 'white', 1, 1, 7578.444::float8, 1383.919::float8, 2404.261::float8),
  (380, 'PSID195', 0, 32, 4, 'white', 1, 1, 0::float8, 1378.548::float8, 0::float8),
  (381, 'PSID196', 0, 18, 11, 'black', 0, 1, 0::float8, 1367.806::float8, 33.98771::float8),
  (382, 'PSID197', 0, 40, 10, 'white', 1, 1, 1543.902::float8, 1342.742::float8, 0::float8),
  (383, 'PSID198', 0, 21, 14, 'white', 0, 0, 8456.196::float8, 1330.21::float8, 16967.26::float8),
  (384, 'PSID199', 0, 29, 10, 'hispan', 0, 1, 3732.403::float8, 1323.048::float8, 6694.101::float8),
  (385, 'PSID200', 0, 31, 6, 'white', 0, 1, 2666.562::float8, 1321.258::float8, 0::float8),
  (386, 'PSID201', 0, 46, 7, 'white', 1, 1, 19171.43::float8, 1317.677::float8, 0::float8),
  (387, 'PSID202', 0, 20, 9, 'hispan', 1, 1, 0::float8, 1283.661::float8, 0::float8),
  (388, 'PSID203', 0, 36, 18, 'white', 1, 0, 3273.935::float8, 1269.339::float8, 18227.76::float8),
  (389, 'PSID204', 0, 45, 12, 'white', 1, 0, 16559.72::float8, 1265.758::float8, 7987.112::float8),
  (390, 'PSID205', 0, 16, 10, 'white', 0, 1, 1026.656::float8, 1224.581::float8, 6847.785::float8),
  (391, 'PSID206', 0, 18, 12, 'white', 0, 0, 818.9735::float8, 1208.468::float8, 2232.845::float8),
  (392, 'PSID207', 0, 40, 12, 'hispan', 0, 0, 11867.28::float8, 1195.935::float8, 3873.121::float8),
  (393, 'PSID208', 0, 16, 9, 'white', 0, 1, 0::float8, 1188.774::float8, 2451.548::float8),
  (394, 'PSID209', 0, 16, 10, 'white', 0, 1, 574.0652::float8, 1181.613::float8, 5578.418::float8),
  (395, 'PSID210', 0, 28, 5, 'hispan', 1, 1, 10967.98::float8, 1178.032::float8, 239.3917::float8),
  (396, 'PSID211', 0, 20, 12, 'white', 0, 0, 0::float8, 1147.597::float8, 15554.55::float8),
  (397, 'PSID212', 0, 19, 8, 'white', 1, 1, 39.18534::float8, 1136.855::float8, 5327.204::float8),
  (398, 'PSID213', 0, 16, 8, 'white', 0, 1, 0::float8, 1113.581::float8, 542.3257::float8),
  (399, 'PSID214', 0, 20, 11, 'white', 1, 1, 2547.047::float8, 1099.258::float8, 0::float8),
  (400, 'PSID215', 0, 35, 10, 'white', 1, 1, 4964.782::float8, 1086.726::float8, 1745.195::float8),
  (401, 'PSID216', 0, 32, 6, 'hispan', 1, 1, 979.6334::float8, 1036.597::float8, 0::float8),
  (402, 'PSID217', 0, 32, 16, 'black', 0, 0, 17135.75::float8, 1031.226::float8, 0::float8),
  (403, 'PSID218', 0, 17, 9, 'black', 0, 1, 0::float8, 981.0968::float8, 8900.347::float8),
  (404, 'PSID219', 0, 16, 7, 'white', 0, 1, 0::float8, 975.7258::float8, 4728.725::float8),
  (405, 'PSID220', 0, 32, 15, 'white', 0, 0, 489.8167::float8, 968.5645::float8, 7684.178::float8),
  (406, 'PSID221', 0, 19, 12, 'white', 0, 0, 815.055::float8, 964.9839::float8, 12059.73::float8),
  (407, 'PSID222', 0, 40, 12, 'white', 1, 0, 16851.65::float8, 961.4032::float8, 17717.94::float8),
  (408, 'PSID223', 0, 50, 7, 'white', 1, 1, 11473.47::float8, 956.0323::float8, 0::float8),
  (409, 'PSID224', 0, 39, 11, 'white', 0, 1, 0::float8, 930.9677::float8, 0::float8),
  (410, 'PSID225', 0, 18, 8, 'hispan', 0, 1, 0::float8, 902.3226::float8, 1306.31::float8),
  (411, 'PSID226', 0, 39, 10, 'black', 0, 1, 844.444::float8, 889.7903::float8, 701.9201::float8),
  (412, 'PSID227', 0, 17, 11, 'hispan', 0, 1, 0::float8, 873.6774::float8, 7759.542::float8),
  (413, 'PSID228', 0, 17, 5, 'black', 0, 1, 96.00407::float8, 868.3065::float8, 0::float8),
  (414, 'PSID229', 0, 19, 12, 'white', 0, 0, 2425.572::float8, 861.1452::float8, 2587.499::float8),
  (415, 'PSID230', 0, 27, 15, 'white', 0, 0, 0::float8, 857.5645::float8, 3392.86::float8),
  (416, 'PSID231', 0, 18, 11, 'black', 0, 1, 587.78::float8, 841.4516::float8, 7933.914::float8),
  (417, 'PSID232', 0, 20, 14, 'white', 1, 0, 0::float8, 805.6452::float8, 1454.083::float8),
  (418, 'PSID233', 0, 20, 12, 'white', 1, 0, 12145.49::float8, 791.3226::float8, 13683.75::float8),
  (419, 'PSID234', 0, 19, 13, 'black', 0, 0, 1714.358::float8, 785.9516::float8, 9067.33::float8),
  (420, 'PSID235', 0, 24, 8, 'white', 1, 1, 213.5601::float8, 760.8871::float8, 2340.719::float8),
  (421, 'PSID236', 0, 27, 12, 'white', 1, 0, 4222.22::float8, 751.9355::float8, 0::float8),
  (422, 'PSID237', 0, 19, 9, 'white', 0, 1, 773.9104::float8, 676.7419::float8, 5647.871::float8),
  (423, 'PSID238', 0, 52, 8, 'black', 1, 1, 5454.599::float8, 666::float8, 0::float8),
  (424, 'PSID239', 0, 18, 11, 'hispan', 0, 1, 0::float8, 630.1935::float8, 0::float8),
  (425, 'PSID240', 0, 16, 10, 'hispan', 0, 1, 0::float8, 630.1935::float8, 3892.332::float8),
  (426, 'PSID241', 0, 18, 12, 'hispan', 0, 0, 0::float8, 630.1935::float8, 4843.988::float8),
  (427, 'PSID242', 0, 45, 12, 'white', 0, 0, 4473.006::float8, 608.7097::float8, 0::float8),
  (428, 'PSID243', 0, 21, 14, 'white', 0, 0, 9708.167::float8, 594.3871::float8, 2256.488::float8),
  (429, 'PSID244', 0, 36, 8, 'white', 1, 1, 2715.544::float8, 585.4355::float8, 0::float8),
  (430, 'PSID245', 0, 21, 13, 'white', 0, 0, 513.3279::float8, 578.2742::float8, 0::float8),
  (431, 'PSID246', 0, 41, 7, 'white', 1, 1, 19573.08::float8, 565.7419::float8, 0::float8),
  (432, 'PSID247', 0, 18, 7, 'white', 0, 1, 491.776::float8, 558.5806::float8, 642.8111::float8),
  (433, 'PSID248', 0, 39, 9, 'white', 0, 1, 11230.52::float8, 537.0968::float8, 5752.79::float8),
  (434, 'PSID249', 0, 19, 3, 'white', 1, 1, 0::float8, 537.0968::float8, 0::float8),
  (435, 'PSID250', 0, 32, 13, 'white', 1, 0, 12553.02::float8, 524.5645::float8, 15353.58::float8),
  (436, 'PSID251', 0, 16, 9, 'white', 0, 1, 0::float8, 485.1774::float8, 4112.513::float8),
  (437, 'PSID252', 0, 16, 7, 'white', 0, 1, 658.3136::float8, 479.8065::float8, 6210.885::float8),
  (438, 'PSID253', 0, 21, 9, 'black', 0, 1, 1030.574::float8, 470.8548::float8, 1223.558::float8),
  (439, 'PSID254', 0, 22, 12, 'white', 1, 0, 12096.51::float8, 469.0645::float8, 14289.62::float8),
  (440, 'PSID255', 0, 23, 11, 'hispan', 1, 1, 8946.012::float8, 469.0645::float8, 4776.012::float8),
  (441, 'PSID256', 0, 17, 8, 'black', 0, 1, 0::float8, 451.1613::float8, 0::float8),
  (442, 'PSID257', 0, 21, 8, 'white', 1, 1, 5699.507::float8, 388.5::float8, 8844.194::float8),
  (443, 'PSID258', 0, 18, 10, 'white', 0, 1, 0::float8, 386.7097::float8, 0::float8),
  (444, 'PSID259', 0, 24, 12, 'white', 1, 0, 9051.813::float8, 327.629::float8, 8547.171::float8),
  (445, 'PSID260', 0, 24, 12, 'black', 1, 0, 4232.016::float8, 320.4677::float8, 1273.8::float8),
  (446, 'PSID261', 0, 16, 9, 'white', 0, 1, 0::float8, 320.4677::float8, 3707.616::float8),
  (447, 'PSID262', 0, 20, 8, 'white', 1, 1, 621.0876::float8, 306.1452::float8, 5551.819::float8),
  (448, 'PSID263', 0, 42, 8, 'white', 0, 1, 17925.33::float8, 300.7742::float8, 14116.72::float8),
  (449, 'PSID264', 0, 17, 8, 'hispan', 0, 1, 391.8534::float8, 300.7742::float8, 18891.26::float8),
  (450, 'PSID265', 0, 19, 8, 'hispan', 0, 1, 368.3422::float8, 300.7742::float8, 18510::float8),
  (451, 'PSID266', 0, 17, 9, 'black', 0, 1, 0::float8, 297.1935::float8, 54.67588::float8),
  (452, 'PSID267', 0, 21, 14, 'white', 0, 0, 107.7597::float8, 293.6129::float8, 7698.955::float8),
  (453, 'PSID268', 0, 16, 9, 'black', 0, 1, 0::float8, 277.5::float8, 3983.951::float8),
  (454, 'PSID269', 0, 23, 13, 'black', 0, 0, 172.4155::float8, 272.129::float8, 582.2243::float8),
  (455, 'PSID270', 0, 16, 9, 'white', 0, 1, 411.446::float8, 254.2258::float8, 1725.985::float8),
  (456, 'PSID271', 0, 17, 11, 'hispan', 0, 1, 803.2994::float8, 248.8548::float8, 5173.521::float8),
  (457, 'PSID272', 0, 46, 7, 'white', 0, 1, 1081.515::float8, 245.2742::float8, 0::float8),
  (458, 'PSID273', 0, 32, 10, 'white', 1, 1, 4145.809::float8, 238.1129::float8, 8245.714::float8),
  (459, 'PSID274', 0, 18, 11, 'white', 0, 1, 131.2709::float8, 218.4194::float8, 7503.896::float8),
  (460, 'PSID275', 0, 23, 12, 'hispan', 1, 0, 0::float8, 216.629::float8, 0::float8),
  (461, 'PSID276', 0, 18, 10, 'white', 1, 1, 0::float8, 211.2581::float8, 14053.18::float8),
  (462, 'PSID277', 0, 19, 10, 'black', 0, 1, 1056.045::float8, 205.8871::float8, 0::float8),
  (463, 'PSID278', 0, 16, 7, 'black', 0, 1, 133.2301::float8, 205.8871::float8, 6145.865::float8),
  (464, 'PSID279', 0, 26, 7, 'white', 1, 1, 1538.024::float8, 189.7742::float8, 650.1997::float8),
  (465, 'PSID280', 0, 16, 10, 'white', 0, 1, 0::float8, 189.7742::float8, 2136.793::float8),
  (466, 'PSID281', 0, 17, 10, 'white', 0, 1, 0::float8, 182.6129::float8, 6423.677::float8),
  (467, 'PSID282', 0, 17, 10, 'white', 0, 1, 0::float8, 171.871::float8, 1483.637::float8),
  (468, 'PSID283', 0, 23, 8, 'white', 1, 1, 33.30754::float8, 166.5::float8, 0::float8),
  (469, 'PSID284', 0, 29, 12, 'white', 1, 0, 14641.6::float8, 162.9194::float8, 9473.705::float8),
  (470, 'PSID285', 0, 17, 10, 'white', 0, 1, 0::float8, 152.1774::float8, 10301.23::float8),
  (471, 'PSID286', 0, 49, 8, 'white', 1, 1, 14684.7::float8, 136.0645::float8, 14963.46::float8),
  (472, 'PSID287', 0, 20, 10, 'white', 1, 1, 6563.544::float8, 134.2742::float8, 15363.92::float8),
  (473, 'PSID288', 0, 40, 16, 'white', 1, 0, 0::float8, 114.5806::float8, 0::float8),
  (474, 'PSID289', 0, 19, 10, 'white', 0, 1, 1933.796::float8, 112.7903::float8, 675.321::float8),
  (475, 'PSID290', 0, 18, 11, 'white', 0, 1, 1481.206::float8, 57.29032::float8, 1421.573::float8),
  (476, 'PSID291', 0, 16, 6, 'black', 0, 1, 0::float8, 44.75806::float8, 0::float8),
  (477, 'PSID292', 0, 22, 8, 'white', 1, 1, 105.8004::float8, 42.96774::float8, 209.8372::float8),
  (478, 'PSID293', 0, 31, 12, 'black', 1, 0, 0::float8, 42.96774::float8, 11023.84::float8),
  (479, 'PSID294', 0, 20, 11, 'white', 1, 1, 4478.884::float8, 39.3871::float8, 6280.338::float8),
  (480, 'PSID295', 0, 17, 11, 'hispan', 0, 1, 601.4949::float8, 10.74194::float8, 1913.656::float8),
  (481, 'PSID296', 0, 50, 12, 'white', 1, 0, 25862.32::float8, 0::float8, 25564.67::float8),
  (482, 'PSID297', 0, 49, 14, 'white', 1, 0, 25862.32::float8, 0::float8, 25564.67::float8),
  (483, 'PSID298', 0, 47, 9, 'white', 1, 1, 25862.32::float8, 0::float8, 25564.67::float8),
  (484, 'PSID299', 0, 34, 11, 'hispan', 1, 1, 22198.49::float8, 0::float8, 0::float8),
  (485, 'PSID300', 0, 22, 8, 'black', 1, 1, 16961.37::float8, 0::float8, 959.0445::float8),
  (486, 'PSID301', 0, 27, 12, 'white', 1, 0, 15509.56::float8, 0::float8, 12593.19::float8),
  (487, 'PSID302', 0, 30, 10, 'white', 1, 1, 14913.94::float8, 0::float8, 11563.21::float8),
  (488, 'PSID303', 0, 52, 12, 'white', 1, 0, 14780.71::float8, 0::float8, 25564.67::float8),
  (489, 'PSID304', 0, 43, 12, 'white', 1, 0, 13321.05::float8, 0::float8, 16860.86::float8),
  (490, 'PSID305', 0, 27, 9, 'hispan', 1, 1, 12829.28::float8, 0::float8, 0::float8),
  (491, 'PSID306', 0, 35, 13, 'white', 0, 0, 9537.711::float8, 0::float8, 11269.14::float8),
  (492, 'PSID307', 0, 45, 12, 'white', 1, 0, 9277.128::float8, 0::float8, 12108.49::float8),
  (493, 'PSID308', 0, 22, 11, 'black', 1, 1, 9049.853::float8, 0::float8, 9088.018::float8),
  (494, 'PSID309', 0, 22, 12, 'white', 1, 0, 9022.424::float8, 0::float8, 3342.618::float8),
  (495, 'PSID310', 0, 23, 11, 'white', 1, 1, 8910.745::float8, 0::float8, 4183.444::float8),
  (496, 'PSID311', 0, 55, 7, 'white', 1, 1, 8832.375::float8, 0::float8, 0::float8),
  (497, 'PSID312', 0, 26, 14, 'white', 0, 0, 8411.132::float8, 0::float8, 0::float8),
  (498, 'PSID313', 0, 34, 12, 'white', 0, 0, 8125.079::float8, 0::float8, 6032.08::float8),
  (499, 'PSID314', 0, 22, 11, 'white', 0, 1, 8013.401::float8, 0::float8, 5748.356::float8),
  (500, 'PSID315', 0, 31, 12, 'white', 0, 0, 6156.016::float8, 0::float8, 4094.78::float8),
  (501, 'PSID316', 0, 19, 12, 'white', 0, 0, 5797.47::float8, 0::float8, 2160.436::float8),
  (502, 'PSID317', 0, 24, 10, 'white', 1, 1, 5523.173::float8, 0::float8, 5040.525::float8),
  (503, 'PSID318', 0, 36, 12, 'white', 1, 0, 5374.269::float8, 0::float8, 0::float8),
  (504, 'PSID319', 0, 20, 9, 'white', 1, 1, 5229.283::float8, 0::float8, 15892.95::float8),
  (505, 'PSID320', 0, 23, 8, 'white', 1, 1, 4610.155::float8, 0::float8, 0::float8),
  (506, 'PSID321', 0, 35, 11, 'white', 1, 1, 3975.352::float8, 0::float8, 21963.45::float8),
  (507, 'PSID322', 0, 23, 12, 'white', 0, 0, 3893.063::float8, 0::float8, 16324.45::float8),
  (508, 'PSID323', 0, 29, 10, 'white', 0, 1, 3751.996::float8, 0::float8, 251.2135::float8),
  (509, 'PSID324', 0, 24, 9, 'white', 1, 1, 3438.513::float8, 0::float8, 818.6605::float8),
  (510, 'PSID325', 0, 18, 10, 'white', 0, 1, 3360.143::float8, 0::float8, 0::float8),
  (511, 'PSID326', 0, 45, 8, 'black', 0, 1, 3299.405::float8, 0::float8, 31.03226::float8),
  (512, 'PSID327', 0, 21, 13, 'hispan', 0, 0, 3015.312::float8, 0::float8, 17627.8::float8),
  (513, 'PSID328', 0, 29, 13, 'white', 1, 0, 2780.2::float8, 0::float8, 14339.86::float8),
  (514, 'PSID329', 0, 21, 15, 'white', 0, 0, 2629.336::float8, 0::float8, 1717.118::float8),
  (515, 'PSID330', 0, 22, 16, 'black', 0, 0, 2564.68::float8, 0::float8, 116.7404::float8),
  (516, 'PSID331', 0, 24, 12, 'black', 1, 0, 2355.039::float8, 0::float8, 2448.593::float8),
  (517, 'PSID332', 0, 20, 14, 'white', 0, 0, 2210.053::float8, 0::float8, 2813.591::float8),
  (518, 'PSID333', 0, 19, 6, 'black', 0, 1, 1955.348::float8, 0::float8, 14998.92::float8),
  (519, 'PSID334', 0, 19, 9, 'hispan', 0, 1, 1822.118::float8, 0::float8, 3372.172::float8),
  (520, 'PSID335', 0, 19, 12, 'black', 0, 0, 1681.051::float8, 0::float8, 0::float8),
  (521, 'PSID336', 0, 20, 13, 'white', 0, 0, 1657.54::float8, 0::float8, 913.235::float8),
  (522, 'PSID337', 0, 19, 12, 'black', 0, 0, 1655.58::float8, 0::float8, 0::float8),
  (523, 'PSID338', 0, 26, 5, 'white', 1, 1, 1573.291::float8, 0::float8, 3700.227::float8),
  (524, 'PSID339', 0, 26, 9, 'hispan', 0, 1, 1563.495::float8, 0::float8, 2862.356::float8),
  (525, 'PSID340', 0, 23, 12, 'white', 0, 0, 1504.717::float8, 0::float8, 0::float8),
  (526, 'PSID341', 0, 20, 9, 'hispan', 0, 1, 1500.798::float8, 0::float8, 12618.31::float8),
  (527, 'PSID342', 0, 20, 10, 'white', 0, 1, 1412.631::float8, 0::float8, 6290.682::float8),
  (528, 'PSID343', 0, 36, 11, 'white', 1, 1, 1404.794::float8, 0::float8, 0::float8),
  (529, 'PSID344', 0, 39, 12, 'white', 1, 0, 1289.198::float8, 0::float8, 1202.869::float8),
  (530, 'PSID345', 0, 17, 9, 'black', 0, 1, 1222.582::float8, 0::float8, 422.6298::float8),
  (531, 'PSID346', 0, 55, 3, 'white', 0, 1, 1208.868::float8, 0::float8, 0::float8),
  (532, 'PSID347', 0, 28, 8, 'white', 1, 1, 1202.99::float8, 0::float8, 19516.33::float8),
  (533, 'PSID348', 0, 19, 12, 'hispan', 0, 0, 1058.004::float8, 0::float8, 8923.991::float8),
  (534, 'PSID349', 0, 37, 7, 'white', 1, 1, 963.9593::float8, 0::float8, 0::float8),
  (535, 'PSID350', 0, 16, 9, 'white', 1, 1, 920.8554::float8, 0::float8, 15997.87::float8),
  (536, 'PSID351', 0, 17, 10, 'white', 0, 1, 646.558::float8, 0::float8, 9438.24::float8),
  (537, 'PSID352', 0, 24, 12, 'black', 0, 0, 566.2281::float8, 0::float8, 2284.565::float8),
  (538, 'PSID353', 0, 19, 11, 'white', 0, 1, 540.7576::float8, 0::float8, 3406.16::float8),
  (539, 'PSID354', 0, 50, 5, 'black', 1, 1, 411.446::float8, 0::float8, 9166.338::float8),
  (540, 'PSID355', 0, 19, 9, 'black', 0, 1, 384.0163::float8, 0::float8, 0::float8),
  (541, 'PSID356', 0, 36, 1, 'black', 0, 1, 348.7495::float8, 0::float8, 0::float8),
  (542, 'PSID357', 0, 18, 11, 'white', 0, 1, 321.3198::float8, 0::float8, 7722.599::float8),
  (543, 'PSID358', 0, 16, 7, 'hispan', 0, 1, 289.9715::float8, 0::float8, 7515.717::float8),
  (544, 'PSID359', 0, 21, 11, 'white', 1, 1, 246.8676::float8, 0::float8, 6708.879::float8),
  (545, 'PSID360', 0, 55, 6, 'white', 1, 1, 111.6782::float8, 0::float8, 0::float8),
  (546, 'PSID361', 0, 37, 12, 'white', 0, 0, 48.98167::float8, 0::float8, 877.7696::float8),
  (547, 'PSID362', 0, 26, 12, 'hispan', 1, 0, 47.0224::float8, 0::float8, 0::float8),
  (548, 'PSID363', 0, 54, 12, 'white', 1, 0, 0::float8, 0::float8, 0::float8),
  (549, 'PSID364', 0, 50, 12, 'white', 1, 0, 0::float8, 0::float8, 0::float8),
  (550, 'PSID365', 0, 16, 8, 'white', 0, 1, 0::float8, 0::float8, 2559.422::float8),
  (551, 'PSID366', 0, 16, 9, 'hispan', 0, 1, 0::float8, 0::float8, 0::float8),
  (552, 'PSID367', 0, 18, 10, 'black', 0, 1, 0::float8, 0::float8, 2281.61::float8),
  (553, 'PSID368', 0, 40, 11, 'black', 1, 1, 0::float8, 0::float8, 0::float8),
  (554, 'PSID369', 0, 16, 8, 'white', 0, 1, 0::float8, 0::float8, 0::float8),
  (555, 'PSID370', 0, 16, 9, 'black', 0, 1, 0::float8, 0::float8, 2158.959::float8),
  (556, 'PSID371', 0, 26, 14, 'white', 0, 0, 0::float8, 0::float8, 6717.745::float8),
  (557, 'PSID372', 0, 20, 9, 'black', 0, 1, 0::float8, 0::float8, 6083.8::float8),
  (558, 'PSID373', 0, 20, 12, 'black', 0, 0, 0::float8, 0::float8, 0::float8),
  (559, 'PSID374', 0, 18, 11, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (560, 'PSID375', 0, 46, 11, 'black', 1, 1, 0::float8, 0::float8, 2820.98::float8),
  (561, 'PSID376', 0, 17, 8, 'black', 0, 1, 0::float8, 0::float8, 12760.17::float8),
  (562, 'PSID377', 0, 16, 9, 'white', 0, 1, 0::float8, 0::float8, 4974.028::float8),
  (563, 'PSID378', 0, 30, 10, 'white', 1, 1, 0::float8, 0::float8, 3151.991::float8),
  (564, 'PSID379', 0, 33, 12, 'hispan', 1, 0, 0::float8, 0::float8, 5841.453::float8),
  (565, 'PSID380', 0, 34, 12, 'black', 1, 0, 0::float8, 0::float8, 18716.88::float8),
  (566, 'PSID381', 0, 21, 13, 'black', 0, 0, 0::float8, 0::float8, 17941.08::float8),
  (567, 'PSID382', 0, 29, 11, 'white', 1, 1, 0::float8, 0::float8, 0::float8),
  (568, 'PSID383', 0, 19, 12, 'white', 0, 0, 0::float8, 0::float8, 0::float8),
  (569, 'PSID384', 0, 31, 4, 'hispan', 0, 1, 0::float8, 0::float8, 1161.493::float8),
  (570, 'PSID385', 0, 19, 12, 'hispan', 0, 0, 0::float8, 0::float8, 18573.55::float8),
  (571, 'PSID386', 0, 20, 12, 'black', 0, 0, 0::float8, 0::float8, 11594.24::float8),
  (572, 'PSID387', 0, 55, 4, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (573, 'PSID388', 0, 19, 11, 'black', 0, 1, 0::float8, 0::float8, 16485.52::float8),
  (574, 'PSID389', 0, 18, 11, 'black', 0, 1, 0::float8, 0::float8, 7146.286::float8),
  (575, 'PSID390', 0, 48, 13, 'white', 1, 0, 0::float8, 0::float8, 0::float8),
  (576, 'PSID391', 0, 16, 9, 'hispan', 1, 1, 0::float8, 0::float8, 6821.186::float8),
  (577, 'PSID392', 0, 17, 10, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (578, 'PSID393', 0, 38, 12, 'white', 1, 0, 0::float8, 0::float8, 18756.78::float8),
  (579, 'PSID394', 0, 34, 8, 'white', 1, 1, 0::float8, 0::float8, 2664.341::float8),
  (580, 'PSID395', 0, 53, 12, 'white', 0, 0, 0::float8, 0::float8, 0::float8),
  (581, 'PSID396', 0, 48, 14, 'white', 1, 0, 0::float8, 0::float8, 7236.427::float8),
  (582, 'PSID397', 0, 16, 9, 'white', 0, 1, 0::float8, 0::float8, 6494.608::float8),
  (583, 'PSID398', 0, 17, 8, 'black', 0, 1, 0::float8, 0::float8, 4520.366::float8),
  (584, 'PSID399', 0, 27, 14, 'black', 0, 0, 0::float8, 0::float8, 10122.43::float8),
  (585, 'PSID400', 0, 37, 8, 'black', 0, 1, 0::float8, 0::float8, 648.722::float8),
  (586, 'PSID401', 0, 17, 10, 'black', 0, 1, 0::float8, 0::float8, 1053.619::float8),
  (587, 'PSID402', 0, 16, 8, 'white', 0, 1, 0::float8, 0::float8, 0::float8),
  (588, 'PSID403', 0, 48, 12, 'white', 1, 0, 0::float8, 0::float8, 1491.026::float8),
  (589, 'PSID404', 0, 55, 7, 'white', 0, 1, 0::float8, 0::float8, 0::float8),
  (590, 'PSID405', 0, 21, 15, 'white', 0, 0, 0::float8, 0::float8, 0::float8),
  (591, 'PSID406', 0, 16, 10, 'black', 0, 1, 0::float8, 0::float8, 1730.418::float8),
  (592, 'PSID407', 0, 23, 12, 'white', 0, 0, 0::float8, 0::float8, 3902.676::float8),
  (593, 'PSID408', 0, 46, 11, 'black', 1, 1, 0::float8, 0::float8, 0::float8),
  (594, 'PSID409', 0, 17, 10, 'white', 0, 1, 0::float8, 0::float8, 14942.77::float8),
  (595, 'PSID410', 0, 42, 16, 'white', 0, 0, 0::float8, 0::float8, 23764.8::float8),
  (596, 'PSID411', 0, 18, 10, 'black', 0, 1, 0::float8, 0::float8, 5306.516::float8),
  (597, 'PSID412', 0, 53, 12, 'black', 0, 0, 0::float8, 0::float8, 0::float8),
  (598, 'PSID413', 0, 17, 10, 'white', 1, 1, 0::float8, 0::float8, 3859.822::float8),
  (599, 'PSID414', 0, 17, 6, 'white', 0, 1, 0::float8, 0::float8, 0::float8),
  (600, 'PSID415', 0, 43, 6, 'white', 1, 1, 0::float8, 0::float8, 0::float8),
  (601, 'PSID416', 0, 34, 12, 'black', 0, 0, 0::float8, 0::float8, 0::float8),
  (602, 'PSID417', 0, 16, 8, 'hispan', 0, 1, 0::float8, 0::float8, 12242.96::float8),
  (603, 'PSID418', 0, 27, 12, 'white', 1, 0, 0::float8, 0::float8, 1533.88::float8),
  (604, 'PSID419', 0, 51, 4, 'black', 0, 1, 0::float8, 0::float8, 0::float8),
  (605, 'PSID420', 0, 39, 2, 'black', 1, 1, 0::float8, 0::float8, 964.9555::float8),
  (606, 'PSID421', 0, 55, 8, 'white', 1, 1, 0::float8, 0::float8, 0::float8),
  (607, 'PSID422', 0, 16, 9, 'white', 0, 1, 0::float8, 0::float8, 5551.819::float8),
  (608, 'PSID423', 0, 27, 10, 'black', 0, 1, 0::float8, 0::float8, 7543.794::float8),
  (609, 'PSID424', 0, 25, 14, 'white', 0, 0, 0::float8, 0::float8, 0::float8),
  (610, 'PSID425', 0, 18, 11, 'white', 0, 1, 0::float8, 0::float8, 10150.5::float8),
  (611, 'PSID426', 0, 24, 1, 'hispan', 1, 1, 0::float8, 0::float8, 19464.61::float8),
  (612, 'PSID427', 0, 21, 18, 'white', 0, 0, 0::float8, 0::float8, 0::float8),
  (613, 'PSID428', 0, 32, 5, 'black', 1, 1, 0::float8, 0::float8, 187.6713::float8),
  (614, 'PSID429', 0, 16, 9, 'white', 0, 1, 0::float8, 0::float8, 1495.459::float8)
$$;
COMMENT ON FUNCTION causal.lalonde() IS
  'MatchIt''s lalonde job-training data (NSW treated, PSID controls; 614 rows, row_id in data order) for examples';
