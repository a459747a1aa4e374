-- causal 0.2.0: core types, distribution functions, data simulator.
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
    details    jsonb,
    statistic  float8
);
COMMENT ON TYPE causal.effect IS
  'An effect estimate, returned by every estimator; NULL where a field means nothing for the method; statistic = estimate / std_error (the z or t value p_value refers to), last so that an upgrade can add it';

CREATE TYPE causal.edge AS (
    source  text,
    target  text,
    edge    text
);
COMMENT ON TYPE causal.edge IS
  'One edge of a graph: edge is one of -->, ---, <->, o->, o-o';

CREATE FUNCTION causal.is_edge_mark(edge text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN edge IN ('-->', '---', '<->', 'o->', 'o-o', '--o');
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

CREATE FUNCTION causal.qt(p float8, df float8, lower_tail boolean DEFAULT true)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'causal_qt'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.qt(float8, float8, boolean) IS
  'Student t quantile function: the q with P(T <= q) = p (or P(T > q) = p when lower_tail is false)';

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

-- The canonical order of rows: where seeded draws over rows start (cross-fitting folds,
-- subsamples, the refuters' row numbers), so that results do not depend on how a table is
-- stored.  Rows sort by this key, then by their values: ORDER BY causal.row_key(ARRAY[a, b]), a, b.
CREATE FUNCTION causal.row_key(row_values float8[]) RETURNS bigint
    AS 'MODULE_PATHNAME', 'causal_row_key'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.row_key(float8[]) IS
  'the sort key of a row in the canonical row order (a 64-bit hash of its values; -0 as 0); NULL if a value is NULL';

-- Errors about a user's argument from the PL/pgSQL functions, without the wrappers' context lines
-- (a PL/pgSQL RAISE always adds its function's; the C checks drop theirs the same way).
CREATE FUNCTION causal.raise_error(condition text, message text, hint text DEFAULT NULL) RETURNS void
    AS 'MODULE_PATHNAME', 'causal_raise_error'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.raise_error(text, text, text) IS
  'raises an error (condition: a SQLSTATE or a condition name such as invalid_parameter_value) with a hint and no context lines';
