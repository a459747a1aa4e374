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
-- Each has a transition function of its own type, so that a caller that passes no
-- call expression (Citus's partial aggregates) still learns the argument's type.
CREATE FUNCTION causal.crosstab_transfn(causal.crosstab, text) RETURNS causal.crosstab
    AS 'MODULE_PATHNAME', 'crosstab_transfn'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.crosstab_transfn(causal.crosstab, text) IS
  'transition function of causal.crosstab(text)';
CREATE FUNCTION causal.crosstab_transfn(causal.crosstab, varchar) RETURNS causal.crosstab
    AS 'MODULE_PATHNAME', 'crosstab_transfn'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.crosstab_transfn(causal.crosstab, varchar) IS
  'transition function of causal.crosstab(varchar)';
CREATE FUNCTION causal.crosstab_transfn(causal.crosstab, bpchar) RETURNS causal.crosstab
    AS 'MODULE_PATHNAME', 'crosstab_transfn'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.crosstab_transfn(causal.crosstab, bpchar) IS
  'transition function of causal.crosstab(bpchar)';
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

CREATE FUNCTION causal.column_names(c causal.crosstab) RETURNS text[]
    AS 'MODULE_PATHNAME', 'crosstab_column_names'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.column_names(causal.crosstab) IS
  'the column names the crosstab carries, in order (NULL when unnamed)';

CREATE FUNCTION causal.with_names(c causal.crosstab, names text[]) RETURNS causal.crosstab
    AS 'MODULE_PATHNAME', 'crosstab_with_names'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.with_names(causal.crosstab, text[]) IS
  'the crosstab carrying these column names (one per column, distinct; NULL drops the names); named crosstabs merge only with the same names';

CREATE FUNCTION causal.column_positions(c causal.crosstab, names text[]) RETURNS int[]
    AS 'MODULE_PATHNAME', 'crosstab_column_positions'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.column_positions(causal.crosstab, text[]) IS
  '1-based positions of the named columns of a named crosstab (for the functions that take positions)';

CREATE FUNCTION causal.levels(c causal.crosstab, col int) RETURNS text[]
    AS 'MODULE_PATHNAME', 'crosstab_levels'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.levels(causal.crosstab, int) IS
  'the distinct values (labels) of column col, in canonical order';

CREATE FUNCTION causal.levels(c causal.crosstab, col text) RETURNS text[]
    LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN causal.levels(c, (causal.column_positions(c, ARRAY[col]))[1]);
COMMENT ON FUNCTION causal.levels(causal.crosstab, text) IS
  'the distinct values (labels) of the named column of a named crosstab, in canonical order';

CREATE FUNCTION causal.cells(c causal.crosstab, columns int[] DEFAULT NULL,
                             OUT labels text[], OUT n bigint)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'crosstab_cells'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION causal.cells(causal.crosstab, int[]) IS
  'observed cells with their counts, marginal over the given columns (NULL: all columns)';
