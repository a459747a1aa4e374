-- Fixed-arity overloads of the sketch aggregates, for distributed planners.
--
-- Citus runs an aggregate with a combine function as partial aggregates on the workers and
-- merges their states on the coordinator, but only after checking that the aggregate declares
-- exactly the argument types of the call, one by one, and it calls the transition function
-- without a call expression.  A VARIADIC "any" aggregate fails both checks.  So each sketch
-- aggregate also has overloads with concrete types, one per number of columns:
--
--   causal.moments(float8 x k)                          k = 1 .. 99
--   causal.moments_weighted(float8, float8 x k)         k = 1 .. 98
--   causal.dml_plr(bigint, float8, float8, float8 x k)  k = 1 .. 60 (and dml_plr_sketch; its limit)
--   causal.crosstab(text x k)                           k = 2 .. 64 (k = 1: crosstab(text))
--
-- (99 is PostgreSQL's limit of 100 arguments less the transition function's state.)  A call on
-- numeric columns resolves to them (smallint, integer, bigint, real and numeric cast implicitly to
-- float8, as the "any" forms convert them), so a user's query needs no change; other types keep
-- the VARIADIC "any" forms, which run anywhere but on Citus's workers.  For wider sketches,
-- causal.moments(float8[]) and causal.moments_weighted(float8, float8[]) take one array per row;
-- crosstab's text overloads take every column cast to text (labels are the same: integers in
-- decimal, booleans true/false).  The overloads share the C transition functions of the "any"
-- forms, which read the declared types when the call has none (core/sql_args.c).
DO $$
DECLARE
    k int;
    cols text;
BEGIN
    FOR k IN 1 .. 99 LOOP
        cols := array_to_string(array_fill('float8'::text, ARRAY[k]), ', ');
        EXECUTE format('CREATE FUNCTION causal.moments_transfn(causal.moments, %s) RETURNS causal.moments
                            AS %L, %L LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE',
                       cols, 'MODULE_PATHNAME', 'moments_transfn');
        EXECUTE format('COMMENT ON FUNCTION causal.moments_transfn(causal.moments, %s) IS %L', cols,
                       format('transition function of causal.moments over %s float8 columns (typed overload)', k));
        EXECUTE format('CREATE AGGREGATE causal.moments(%s) (SFUNC = causal.moments_transfn, STYPE = causal.moments,
                            FINALFUNC = causal.moments_final, COMBINEFUNC = causal.moments_combine, PARALLEL = SAFE)', cols);
        EXECUTE format('COMMENT ON AGGREGATE causal.moments(%s) IS %L', cols,
                       format('moment sketch of %s numeric columns (typed overload of causal.moments for distributed planners)', k));
        IF k <= 98 THEN
            EXECUTE format('CREATE FUNCTION causal.moments_weighted_transfn(causal.moments, float8, %s) RETURNS causal.moments
                                AS %L, %L LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE',
                           cols, 'MODULE_PATHNAME', 'moments_weighted_transfn');
            EXECUTE format('COMMENT ON FUNCTION causal.moments_weighted_transfn(causal.moments, float8, %s) IS %L', cols,
                           format('transition function of causal.moments_weighted over %s float8 columns (typed overload)', k));
            EXECUTE format('CREATE AGGREGATE causal.moments_weighted(float8, %s) (SFUNC = causal.moments_weighted_transfn,
                                STYPE = causal.moments, FINALFUNC = causal.moments_final,
                                COMBINEFUNC = causal.moments_combine, PARALLEL = SAFE)', cols);
            EXECUTE format('COMMENT ON AGGREGATE causal.moments_weighted(float8, %s) IS %L', cols,
                           format('weighted moment sketch of %s numeric columns (typed overload of causal.moments_weighted for distributed planners)', k));
        END IF;
        IF k <= 60 THEN
            EXECUTE format('CREATE FUNCTION causal.dml_plr_accum(causal.dml_sketch, bigint, float8, float8, %s)
                                RETURNS causal.dml_sketch AS %L, %L LANGUAGE C IMMUTABLE PARALLEL SAFE',
                           cols, 'MODULE_PATHNAME', 'dml_plr_accum');
            EXECUTE format('COMMENT ON FUNCTION causal.dml_plr_accum(causal.dml_sketch, bigint, float8, float8, %s) IS %L', cols,
                           format('transition function of causal.dml_plr and causal.dml_plr_sketch over %s float8 covariates (typed overload)', k));
            EXECUTE format('CREATE AGGREGATE causal.dml_plr(bigint, float8, float8, %s) (SFUNC = causal.dml_plr_accum,
                                STYPE = causal.dml_sketch, COMBINEFUNC = causal.dml_plr_combine,
                                FINALFUNC = causal.dml_plr_final_effect, PARALLEL = SAFE)', cols);
            EXECUTE format('COMMENT ON AGGREGATE causal.dml_plr(bigint, float8, float8, %s) IS %L', cols,
                           format('one-scan cross-fitted PLR with %s numeric covariates (typed overload of causal.dml_plr for distributed planners)', k));
            EXECUTE format('CREATE AGGREGATE causal.dml_plr_sketch(bigint, float8, float8, %s) (SFUNC = causal.dml_plr_accum,
                                STYPE = causal.dml_sketch, COMBINEFUNC = causal.dml_plr_combine,
                                FINALFUNC = causal.dml_plr_final_sketch, PARALLEL = SAFE)', cols);
            EXECUTE format('COMMENT ON AGGREGATE causal.dml_plr_sketch(bigint, float8, float8, %s) IS %L', cols,
                           format('the state of causal.dml_plr with %s numeric covariates (typed overload for distributed planners)', k));
        END IF;
        IF k BETWEEN 2 AND 64 THEN
            cols := array_to_string(array_fill('text'::text, ARRAY[k]), ', ');
            EXECUTE format('CREATE FUNCTION causal.crosstab_transfn(causal.crosstab, %s) RETURNS causal.crosstab
                                AS %L, %L LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE',
                           cols, 'MODULE_PATHNAME', 'crosstab_transfn');
            EXECUTE format('COMMENT ON FUNCTION causal.crosstab_transfn(causal.crosstab, %s) IS %L', cols,
                           format('transition function of causal.crosstab over %s text columns (typed overload)', k));
            EXECUTE format('CREATE AGGREGATE causal.crosstab(%s) (SFUNC = causal.crosstab_transfn, STYPE = causal.crosstab,
                                FINALFUNC = causal.crosstab_final, COMBINEFUNC = causal.crosstab_combine, PARALLEL = SAFE)', cols);
            EXECUTE format('COMMENT ON AGGREGATE causal.crosstab(%s) IS %L', cols,
                           format('contingency sketch of %s text columns (typed overload of causal.crosstab for distributed planners)', k));
        END IF;
    END LOOP;
END;
$$;

-- one float8[] per row: no limit on the width
CREATE FUNCTION causal.moments_transfn(causal.moments, float8[]) RETURNS causal.moments
    AS 'MODULE_PATHNAME', 'moments_transfn'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.moments_transfn(causal.moments, float8[]) IS
  'transition function of causal.moments(float8[])';
CREATE AGGREGATE causal.moments(float8[]) (
    SFUNC = causal.moments_transfn, STYPE = causal.moments, FINALFUNC = causal.moments_final,
    COMBINEFUNC = causal.moments_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.moments(float8[]) IS
  'moment sketch of the columns of one float8[] per row (any width; distributes on Citus)';
CREATE FUNCTION causal.moments_weighted_transfn(causal.moments, float8, float8[]) RETURNS causal.moments
    AS 'MODULE_PATHNAME', 'moments_weighted_transfn'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.moments_weighted_transfn(causal.moments, float8, float8[]) IS
  'transition function of causal.moments_weighted(float8, float8[])';
CREATE AGGREGATE causal.moments_weighted(float8, float8[]) (
    SFUNC = causal.moments_weighted_transfn, STYPE = causal.moments, FINALFUNC = causal.moments_final,
    COMBINEFUNC = causal.moments_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.moments_weighted(float8, float8[]) IS
  'weighted moment sketch of one float8[] per row (any width; distributes on Citus)';
