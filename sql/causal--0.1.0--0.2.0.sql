-- causal 0.1.0 -> 0.2.0: ALTER EXTENSION causal UPDATE (see doc/releases.md).
-- 0.1.0 is the first release (commit 750d631), frozen in sql/causal--0.1.0.sql.  Below the
-- hand-written part, the statements are those of test/scripts/make_upgrade.py
-- (sql/causal--0.1.0.sql causal.effect): every object created, replaced or dropped since, as
-- sql/install writes it.  test/upgrade.sh checks that 0.1.0 updated by this script has the
-- catalog of a fresh 0.2.0 install.
\echo Use "ALTER EXTENSION causal UPDATE TO '0.2.0'" to load this file. \quit

-- by hand: causal.effect gains the statistic (estimate / std_error) as its last field; rows
-- stored by 0.1.0 keep their values and read it as NULL (causal.summary recomputes it)
ALTER TYPE causal.effect ADD ATTRIBUTE statistic float8;


DROP FUNCTION causal.correlations(regclass, text[]);

DROP FUNCTION causal.ci_test(regclass, text, text, text[], text, float8, int);

DROP FUNCTION causal.pc(causal.moments, text[], float8, boolean, int, int, int, jsonb);

DROP FUNCTION causal.pc(causal.crosstab, text[], float8, text, boolean, int, int, int, jsonb);

DROP FUNCTION causal.pc_sepsets(causal.crosstab, text[], float8, text, boolean, int);

DROP FUNCTION causal.pc_kernel(float8[], text[], float8, text, bigint, boolean, int, int, int, jsonb);

DROP FUNCTION causal.discovery_columns(regclass, text[], text);

DROP FUNCTION causal.pc(regclass, text[], float8, text, boolean, int, int, int, jsonb);

DROP FUNCTION causal.pc_sepsets(regclass, text[], float8, text, boolean, int);

DROP FUNCTION causal.pc(text, text[], float8, text, boolean, int, int, int, jsonb);

DROP FUNCTION causal.pc_sepsets(text, text[], float8, text, boolean, int);

DROP FUNCTION causal.cdnod(causal.moments, text[], int, float8, boolean, int, int, int, jsonb);

DROP FUNCTION causal.cdnod(regclass, text[], text, float8, text, boolean, int, int, int, jsonb, boolean, int, bigint);

DROP FUNCTION causal.cdnod(text, text[], text, float8, text, boolean, int, int, int, jsonb, boolean, int, bigint);

DROP FUNCTION causal.ges(regclass, text[], float8, int);

DROP FUNCTION causal.ges(text, text[], float8, int);

DROP FUNCTION causal.fci(causal.crosstab, text[], float8, text, int, int);

DROP FUNCTION causal.fci(regclass, text[], float8, text, int, int);

DROP FUNCTION causal.fci(text, text[], float8, text, int, int);

DROP FUNCTION causal.match(regclass, text, text[], text, text, text, text, int, boolean, float8, boolean, text[], text, text, int, jsonb);

DROP FUNCTION causal.match_effect(regclass, text, text, text[], text, text, text, text, int, boolean, float8, boolean, text[], text, text, int, jsonb, text, float8, boolean);

DROP FUNCTION causal.balance(regclass, text, text[], text, text);

DROP FUNCTION causal.love_plot(regclass, text, text[], text, text, float8, boolean);

DROP FUNCTION causal.dml(regclass, text, text, text[], text, text[], text, text, text, text, text, jsonb, int, int, text, bigint, float8, boolean, text, boolean, int, float8);

COMMENT ON TYPE causal.effect IS
  'An effect estimate, returned by every estimator; NULL where a field means nothing for the method; statistic = estimate / std_error (the z or t value p_value refers to), last so that an upgrade can add it';

CREATE OR REPLACE FUNCTION causal.is_edge_mark(edge text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN edge IN ('-->', '---', '<->', 'o->', 'o-o', '--o');

CREATE FUNCTION causal.qt(p float8, df float8, lower_tail boolean DEFAULT true)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'causal_qt'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.qt(float8, float8, boolean) IS
  'Student t quantile function: the q with P(T <= q) = p (or P(T > q) = p when lower_tail is false)';

CREATE FUNCTION causal.row_key(row_values float8[]) RETURNS bigint
    AS 'MODULE_PATHNAME', 'causal_row_key'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.row_key(float8[]) IS
  'the sort key of a row in the canonical row order (a 64-bit hash of its values; -0 as 0); NULL if a value is NULL';

CREATE FUNCTION causal.raise_error(condition text, message text, hint text DEFAULT NULL) RETURNS void
    AS 'MODULE_PATHNAME', 'causal_raise_error'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION causal.raise_error(text, text, text) IS
  'raises an error (condition: a SQLSTATE or a condition name such as invalid_parameter_value) with a hint and no context lines';

CREATE TYPE causal.id;

CREATE FUNCTION causal.id_in(cstring) RETURNS causal.id
    AS 'MODULE_PATHNAME', 'causal_id_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_in(cstring) IS 'input function of causal.id (the key as text)';

CREATE FUNCTION causal.id_out(causal.id) RETURNS cstring
    AS 'MODULE_PATHNAME', 'causal_id_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_out(causal.id) IS 'output function of causal.id (the key as text)';

CREATE FUNCTION causal.id_recv(internal) RETURNS causal.id
    AS 'MODULE_PATHNAME', 'causal_id_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_recv(internal) IS 'binary input function of causal.id (text''s)';

CREATE FUNCTION causal.id_send(causal.id) RETURNS bytea
    AS 'MODULE_PATHNAME', 'causal_id_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_send(causal.id) IS 'binary output function of causal.id (text''s)';

CREATE TYPE causal.id (
    INPUT = causal.id_in,
    OUTPUT = causal.id_out,
    RECEIVE = causal.id_recv,
    SEND = causal.id_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended,
    CATEGORY = 'S'
);

COMMENT ON TYPE causal.id IS
  'a row key returned by causal.weights, match, propensity, malts and learner_predict: the id column''s value as text, joining integer (implicit cast to bigint), text and uuid key columns without a cast; integer keys sort numerically';

CREATE FUNCTION causal.id_cmp(causal.id, causal.id) RETURNS int
    AS 'MODULE_PATHNAME', 'causal_id_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_cmp(causal.id, causal.id) IS
  'order of row keys: integers by value first, then other keys by bytes; 0 only for equal bytes';

CREATE FUNCTION causal.id_eq(causal.id, causal.id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'causal_id_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_eq(causal.id, causal.id) IS 'row keys equal (the same bytes)';

CREATE FUNCTION causal.id_ne(causal.id, causal.id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'causal_id_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_ne(causal.id, causal.id) IS 'row keys differ';

CREATE FUNCTION causal.id_lt(causal.id, causal.id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'causal_id_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_lt(causal.id, causal.id) IS 'row key before another (causal.id_cmp < 0)';

CREATE FUNCTION causal.id_le(causal.id, causal.id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'causal_id_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_le(causal.id, causal.id) IS 'row key before or equal to another';

CREATE FUNCTION causal.id_gt(causal.id, causal.id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'causal_id_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_gt(causal.id, causal.id) IS 'row key after another (causal.id_cmp > 0)';

CREATE FUNCTION causal.id_ge(causal.id, causal.id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'causal_id_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_ge(causal.id, causal.id) IS 'row key after or equal to another';

CREATE FUNCTION causal.id_hash(causal.id) RETURNS int
    AS 'MODULE_PATHNAME', 'causal_id_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_hash(causal.id) IS 'hash of a row key''s bytes';

CREATE FUNCTION causal.id_hash_extended(causal.id, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME', 'causal_id_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_hash_extended(causal.id, bigint) IS 'seeded 64-bit hash of a row key''s bytes';

CREATE OPERATOR causal.= (LEFTARG = causal.id, RIGHTARG = causal.id, FUNCTION = causal.id_eq,
                          COMMUTATOR = OPERATOR(causal.=), NEGATOR = OPERATOR(causal.<>),
                          RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);

CREATE OPERATOR causal.<> (LEFTARG = causal.id, RIGHTARG = causal.id, FUNCTION = causal.id_ne,
                           COMMUTATOR = OPERATOR(causal.<>), NEGATOR = OPERATOR(causal.=),
                           RESTRICT = neqsel, JOIN = neqjoinsel);

CREATE OPERATOR causal.< (LEFTARG = causal.id, RIGHTARG = causal.id, FUNCTION = causal.id_lt,
                          COMMUTATOR = OPERATOR(causal.>), NEGATOR = OPERATOR(causal.>=),
                          RESTRICT = scalarltsel, JOIN = scalarltjoinsel);

CREATE OPERATOR causal.<= (LEFTARG = causal.id, RIGHTARG = causal.id, FUNCTION = causal.id_le,
                           COMMUTATOR = OPERATOR(causal.>=), NEGATOR = OPERATOR(causal.>),
                           RESTRICT = scalarlesel, JOIN = scalarlejoinsel);

CREATE OPERATOR causal.> (LEFTARG = causal.id, RIGHTARG = causal.id, FUNCTION = causal.id_gt,
                          COMMUTATOR = OPERATOR(causal.<), NEGATOR = OPERATOR(causal.<=),
                          RESTRICT = scalargtsel, JOIN = scalargtjoinsel);

CREATE OPERATOR causal.>= (LEFTARG = causal.id, RIGHTARG = causal.id, FUNCTION = causal.id_ge,
                           COMMUTATOR = OPERATOR(causal.<=), NEGATOR = OPERATOR(causal.<),
                           RESTRICT = scalargesel, JOIN = scalargejoinsel);

COMMENT ON OPERATOR causal.= (causal.id, causal.id) IS 'row keys equal (the same bytes)';

COMMENT ON OPERATOR causal.<> (causal.id, causal.id) IS 'row keys differ';

COMMENT ON OPERATOR causal.< (causal.id, causal.id) IS 'row key before another: integers by value, then other keys by bytes';

COMMENT ON OPERATOR causal.<= (causal.id, causal.id) IS 'row key before or equal to another';

COMMENT ON OPERATOR causal.> (causal.id, causal.id) IS 'row key after another';

COMMENT ON OPERATOR causal.>= (causal.id, causal.id) IS 'row key after or equal to another';

CREATE OPERATOR CLASS causal.id_ops DEFAULT FOR TYPE causal.id USING btree AS
    OPERATOR 1 causal.<,
    OPERATOR 2 causal.<=,
    OPERATOR 3 causal.=,
    OPERATOR 4 causal.>=,
    OPERATOR 5 causal.>,
    FUNCTION 1 causal.id_cmp(causal.id, causal.id);

COMMENT ON OPERATOR CLASS causal.id_ops USING btree IS
  'row keys in order: integers by value, then other keys by bytes';

CREATE OPERATOR CLASS causal.id_hash_ops DEFAULT FOR TYPE causal.id USING hash AS
    OPERATOR 1 causal.=,
    FUNCTION 1 causal.id_hash(causal.id),
    FUNCTION 2 causal.id_hash_extended(causal.id, bigint);

COMMENT ON OPERATOR CLASS causal.id_hash_ops USING hash IS 'row keys hashed by their bytes';

CREATE FUNCTION causal.id_to_int8(causal.id) RETURNS bigint
    AS 'MODULE_PATHNAME', 'causal_id_to_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_to_int8(causal.id) IS
  'an integer row key as bigint (the implicit cast that joins causal.id with integer key columns)';

CREATE FUNCTION causal.id_to_int4(causal.id) RETURNS integer
    AS 'MODULE_PATHNAME', 'causal_id_to_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_to_int4(causal.id) IS 'an integer row key as integer (the cast id::int)';

CREATE FUNCTION causal.id_to_uuid(causal.id) RETURNS uuid
    AS 'MODULE_PATHNAME', 'causal_id_to_uuid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.id_to_uuid(causal.id) IS
  'a uuid row key as uuid (the implicit cast that joins causal.id with uuid key columns)';

CREATE CAST (causal.id AS text) WITHOUT FUNCTION AS IMPLICIT;

COMMENT ON CAST (causal.id AS text) IS 'a row key as text: binary coercible, implicit';

CREATE CAST (text AS causal.id) WITHOUT FUNCTION AS ASSIGNMENT;

COMMENT ON CAST (text AS causal.id) IS 'text stored as a row key (assignment, e.g. into a causal.id column)';

CREATE CAST (causal.id AS bigint) WITH FUNCTION causal.id_to_int8(causal.id) AS IMPLICIT;

COMMENT ON CAST (causal.id AS bigint) IS 'an integer row key as bigint: implicit, so that id = an integer column joins';

CREATE CAST (causal.id AS integer) WITH FUNCTION causal.id_to_int4(causal.id);

COMMENT ON CAST (causal.id AS integer) IS 'an integer row key as integer (explicit)';

CREATE CAST (causal.id AS uuid) WITH FUNCTION causal.id_to_uuid(causal.id) AS IMPLICIT;

COMMENT ON CAST (causal.id AS uuid) IS 'a uuid row key as uuid: implicit, so that id = a uuid column joins';

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

CREATE FUNCTION causal.partial_correlation(m causal.moments, i text, j text, given text[] DEFAULT '{}')
    RETURNS float8
    LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN causal.partial_correlation(m, (causal.column_positions(m, ARRAY[i]))[1],
                                      (causal.column_positions(m, ARRAY[j]))[1],
                                      causal.column_positions(m, given));

COMMENT ON FUNCTION causal.partial_correlation(causal.moments, text, text, text[]) IS
  'partial correlation of the named columns i and j given the named columns in "given" (a named sketch)';

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

CREATE OR REPLACE FUNCTION causal.check_columns(relation regclass, columns text[])
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

CREATE OR REPLACE FUNCTION causal.check_numeric_columns(relation regclass, columns text[])
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

CREATE OR REPLACE FUNCTION causal.table_moments(relation regclass, columns text[])
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

CREATE FUNCTION causal.levels(c causal.crosstab, col text) RETURNS text[]
    LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN causal.levels(c, (causal.column_positions(c, ARRAY[col]))[1]);

COMMENT ON FUNCTION causal.levels(causal.crosstab, text) IS
  'the distinct values (labels) of the named column of a named crosstab, in canonical order';

CREATE FUNCTION causal.ci_test_check_levels(c causal.crosstab, names text[]) RETURNS void
    AS 'MODULE_PATHNAME', 'ci_test_check_levels'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.ci_test_check_levels(causal.crosstab, text[]) IS
  'refuses a crosstab column with too many levels for a discrete test (more than 50, fewer than 5 rows a level), naming it';

CREATE OR REPLACE FUNCTION causal.table_crosstab(relation regclass, columns text[])
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

CREATE OR REPLACE FUNCTION causal.graph_line(format text, source text, target text, edge text)
    RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    dot_s text := '"' || replace(replace(source, '\', '\\'), '"', '\"') || '"';
    dot_t text := '"' || replace(replace(target, '\', '\\'), '"', '\"') || '"';
BEGIN
    -- option values are case-insensitive; blanks around them do not count
    format := lower(btrim(format));
    IF NOT causal.is_edge_mark(edge) THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('unknown edge "%s" between "%s" and "%s"', edge, source, target),
            'Edges are -->, ---, <->, o->, o-o or --o.');
    END IF;
    IF format = 'dot' THEN
        RETURN '  ' || dot_s || ' -> ' || dot_t ||
               CASE edge WHEN '-->' THEN ''
                         WHEN '---' THEN ' [dir=none]'
                         WHEN '<->' THEN ' [dir=both]'
                         WHEN 'o->' THEN ' [dir=both, arrowtail=odot]'
                         WHEN '--o' THEN ' [dir=both, arrowtail=none, arrowhead=odot]'
                         ELSE ' [dir=both, arrowtail=odot, arrowhead=odot]' END || ';';
    END IF;
    RETURN '  n' || substr(md5(source), 1, 12) || '["' || replace(source, '"', '#quot;') || '"] ' ||
           CASE edge WHEN '-->' THEN '-->' WHEN '---' THEN '---' WHEN '<->' THEN '<-->'
                     WHEN 'o->' THEN 'o-->' WHEN '--o' THEN '--o' ELSE 'o--o' END ||
           ' n' || substr(md5(target), 1, 12) || '["' || replace(target, '"', '#quot;') || '"]';
END;
$$;

CREATE OR REPLACE FUNCTION causal.dot_accum(state text[], source text, target text, edge text)
    RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE WHEN source IS NULL OR target IS NULL OR edge IS NULL THEN state
                ELSE state || causal.graph_line('dot', source, target, edge) END;

CREATE OR REPLACE FUNCTION causal.mermaid_accum(state text[], source text, target text, edge text)
    RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE WHEN source IS NULL OR target IS NULL OR edge IS NULL THEN state
                ELSE state || causal.graph_line('mermaid', source, target, edge) END;

CREATE OR REPLACE FUNCTION causal.dot_final(state text[]) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN 'digraph {' || E'\n' || array_to_string(state || '}'::text, E'\n');

CREATE OR REPLACE FUNCTION causal.mermaid_final(state text[]) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN array_to_string('flowchart LR'::text || state, E'\n');

CREATE TYPE causal.graph;

CREATE FUNCTION causal.graph_in(cstring) RETURNS causal.graph
    AS 'MODULE_PATHNAME', 'graph_in'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.graph_in(cstring) IS
  'text input of causal.graph: ''z --> x; z --> y; x --> y; u <-> y; w''';

CREATE FUNCTION causal.graph_out(causal.graph) RETURNS cstring
    AS 'MODULE_PATHNAME', 'graph_out'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.graph_out(causal.graph) IS
  'text output of causal.graph: edges, then isolated nodes';

CREATE FUNCTION causal.graph_recv(internal) RETURNS causal.graph
    AS 'MODULE_PATHNAME', 'graph_recv'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.graph_recv(internal) IS 'binary input of causal.graph, validated';

CREATE FUNCTION causal.graph_send(causal.graph) RETURNS bytea
    AS 'MODULE_PATHNAME', 'graph_send'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.graph_send(causal.graph) IS 'binary output of causal.graph';

CREATE TYPE causal.graph (
    INPUT = causal.graph_in,
    OUTPUT = causal.graph_out,
    RECEIVE = causal.graph_recv,
    SEND = causal.graph_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);

COMMENT ON TYPE causal.graph IS
  'a causal graph: named nodes and edges -->, ---, <->, o->, o-o (DAG, CPDAG, ADMG, PAG)';

CREATE FUNCTION causal.graph_rows_accum(state text[], source text, target text, edge text)
    RETURNS text[]
    AS 'MODULE_PATHNAME', 'graph_rows_accum'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION causal.graph_rows_accum(text[], text, text, text) IS
  'transition function of the aggregate causal.graph: checks the row, appends the triple';

CREATE FUNCTION causal.graph_rows_final(state text[]) RETURNS causal.graph
    AS 'MODULE_PATHNAME', 'graph_rows_final'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION causal.graph_rows_final(text[]) IS
  'final function of the aggregate causal.graph: the graph of the (source, target, edge) triples';

CREATE AGGREGATE causal.graph(source text, target text, edge text) (
    SFUNC = causal.graph_rows_accum,
    STYPE = text[],
    FINALFUNC = causal.graph_rows_final,
    COMBINEFUNC = array_cat,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE causal.graph(text, text, text) IS
  'builds a causal.graph from edge rows (source, target, edge); (node, NULL, NULL) adds an isolated node';

CREATE FUNCTION causal.edges(g causal.graph) RETURNS SETOF causal.edge
    AS 'MODULE_PATHNAME', 'graph_edges'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;

COMMENT ON FUNCTION causal.edges(causal.graph) IS
  'the edges of a graph as (source, target, edge) rows, as the discovery functions return them';

CREATE FUNCTION causal.nodes(g causal.graph) RETURNS text[]
    AS 'MODULE_PATHNAME', 'graph_nodes'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.nodes(causal.graph) IS 'the node names of a graph, in graph order';

CREATE FUNCTION causal.graph_kind(g causal.graph) RETURNS text
    AS 'MODULE_PATHNAME', 'graph_kind'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.graph_kind(causal.graph) IS
  'dag (only -->), admg (--> and <->), cpdag (--> and ---), pag (circle marks) or mixed';

CREATE FUNCTION causal.dot(g causal.graph) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT 'digraph {' || E'\n' ||
                   coalesce(string_agg(line, E'\n' ORDER BY ord), '') ||
                   CASE WHEN count(*) > 0 THEN E'\n' ELSE '' END || '}'
              FROM (SELECT ord, causal.graph_line('dot', e.source, e.target, e.edge) AS line
                      FROM causal.edges(g) WITH ORDINALITY AS e(source, target, edge, ord)
                    UNION ALL
                    SELECT 1e9 + ord, '  "' || replace(replace(n, '\', '\\'), '"', '\"') || '";'
                      FROM unnest(causal.nodes(g)) WITH ORDINALITY AS u(n, ord)
                     WHERE NOT EXISTS (SELECT 1 FROM causal.edges(g) e
                                        WHERE e.source = u.n OR e.target = u.n)) AS l);

COMMENT ON FUNCTION causal.dot(causal.graph) IS 'a graph as Graphviz DOT, isolated nodes included';

CREATE FUNCTION causal.mermaid(g causal.graph) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT 'flowchart LR' || coalesce(E'\n' || string_agg(line, E'\n' ORDER BY ord), '')
              FROM (SELECT ord, causal.graph_line('mermaid', e.source, e.target, e.edge) AS line
                      FROM causal.edges(g) WITH ORDINALITY AS e(source, target, edge, ord)
                    UNION ALL
                    SELECT 1e9 + ord, '  n' || substr(md5(n), 1, 12) || '["' ||
                           replace(n, '"', '#quot;') || '"]'
                      FROM unnest(causal.nodes(g)) WITH ORDINALITY AS u(n, ord)
                     WHERE NOT EXISTS (SELECT 1 FROM causal.edges(g) e
                                        WHERE e.source = u.n OR e.target = u.n)) AS l);

COMMENT ON FUNCTION causal.mermaid(causal.graph) IS 'a graph as a Mermaid flowchart, isolated nodes included';

CREATE FUNCTION causal.svg(g causal.graph) RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    nodes text[] := causal.nodes(g);
    n int := cardinality(nodes);
    layer int[];
    pos float8[];
    xs float8[];
    wid int[];
    e record;
    changed boolean := true;
    guard int := 0;
    nlayers int;
    row_w float8[];
    width float8 := 0;
    height int;
    out text := '';
    i int;
    j int;
    esc text;
    gap int := 24;
    row_h int := 80;
    box_h int := 28;
    span int;
    route text;
    gx float8;
    lr int;
    x1 float8;
    y1 float8;
    x2 float8;
    y2 float8;
BEGIN
    IF n = 0 THEN
        RETURN E'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20"></svg>\n';
    END IF;
    layer := array_fill(0, ARRAY[n]);
    -- longest-path layers over the directed edges (bounded: a directed cycle stops after n rounds)
    WHILE changed AND guard <= n LOOP
        changed := false;
        guard := guard + 1;
        FOR e IN SELECT array_position(nodes, x.source) AS s, array_position(nodes, x.target) AS t
                   FROM causal.edges(g) x WHERE x.edge IN ('-->', 'o->') LOOP
            IF layer[e.t] < layer[e.s] + 1 THEN
                layer[e.t] := layer[e.s] + 1;
                changed := true;
            END IF;
        END LOOP;
    END LOOP;
    nlayers := (SELECT max(v) FROM unnest(layer) v) + 1;
    -- order within layers: graph order first, then two sweeps of barycenters of the layer above
    pos := ARRAY(SELECT (SELECT count(*) FROM generate_series(1, k - 1) j2 WHERE layer[j2] = layer[k])::float8
                   FROM generate_series(1, n) k);
    FOR sweep IN 1 .. 2 LOOP
        pos := ARRAY(
            SELECT (row_number() OVER (PARTITION BY layer[k]
                                       ORDER BY coalesce((SELECT avg(pos[array_position(nodes, CASE WHEN x.target = nodes[k] THEN x.source ELSE x.target END)])
                                                            FROM causal.edges(g) x
                                                           WHERE (x.target = nodes[k] AND layer[array_position(nodes, x.source)] < layer[k])
                                                              OR (x.source = nodes[k] AND layer[array_position(nodes, x.target)] < layer[k])),
                                                         pos[k]), pos[k], k) - 1)::float8
              FROM generate_series(1, n) k ORDER BY k);
    END LOOP;
    -- boxes as wide as their labels (about 7 px a character at 12 px), laid side by side, each layer centred
    wid := ARRAY(SELECT 16 + ceil(7 * length(nodes[k]))::int FROM generate_series(1, n) k);
    row_w := ARRAY(SELECT coalesce((SELECT sum(wid[k] + gap) - gap FROM generate_series(1, n) k WHERE layer[k] = l), 0)
                     FROM generate_series(0, nlayers - 1) l);
    -- a margin of a gap and more on either side, for edges routed left or right of a row
    width := (SELECT max(v) FROM unnest(row_w) v) + 40 + 2 * gap;
    xs := ARRAY(SELECT 20 + (width - 40 - row_w[layer[k] + 1]) / 2
                       + coalesce((SELECT sum(wid[k2] + gap) FROM generate_series(1, n) k2
                                    WHERE layer[k2] = layer[k] AND pos[k2] < pos[k]), 0)
                  FROM generate_series(1, n) k);
    height := 20 + nlayers * row_h - (row_h - box_h) + 20;
    -- edges first, under the boxes: from the bottom of the upper box to the top of the lower one;
    -- an edge across more than one layer is routed through the gap between boxes of each layer it
    -- crosses (the gap nearest to the straight line), down the gap and on through the free band
    -- between the rows, so that it runs through no box
    FOR e IN SELECT array_position(nodes, x.source) AS s, array_position(nodes, x.target) AS t, x.edge
               FROM causal.edges(g) x LOOP
        i := e.s;
        j := e.t;
        span := abs(layer[i] - layer[j]);
        x1 := xs[i] + wid[i] / 2.0;
        y1 := 20 + layer[i] * row_h + CASE WHEN layer[i] > layer[j] THEN 0 ELSE box_h END;
        x2 := xs[j] + wid[j] / 2.0;
        y2 := 20 + layer[j] * row_h + CASE WHEN layer[j] > layer[i] THEN 0 ELSE box_h END;
        route := '';
        IF span = 0 THEN
            -- within a row: from the bottom of one box along the band below the row to the other
            route := format(' L %s %s L %s %s', round(x1::numeric, 1), y1 + 14, round(x2::numeric, 1), y2 + 14);
        END IF;
        IF span > 1 THEN
            FOR lr IN SELECT v FROM generate_series(layer[i] + sign(layer[j] - layer[i])::int,
                                                   layer[j] - sign(layer[j] - layer[i])::int,
                                                   sign(layer[j] - layer[i])::int) v LOOP
                -- where the straight line would cross the middle of the row, and the nearest gap:
                -- left of the row's first box, between two boxes, or right of its last
                gx := x1 + (x2 - x1) * ((20 + lr * row_h + box_h / 2.0) - y1) / (y2 - y1);
                SELECT c INTO gx
                  FROM (SELECT min(xs[k]) - gap / 2.0 AS c FROM generate_series(1, n) k WHERE layer[k] = lr
                        UNION ALL
                        SELECT xs[k] + wid[k] + gap / 2.0 FROM generate_series(1, n) k WHERE layer[k] = lr) gaps
                 ORDER BY abs(c - gx), c LIMIT 1;
                route := route || format(' L %s %s L %s %s', round(gx::numeric, 1),
                                         20 + lr * row_h + CASE WHEN layer[j] > layer[i] THEN -6 ELSE box_h + 6 END,
                                         round(gx::numeric, 1),
                                         20 + lr * row_h + CASE WHEN layer[j] > layer[i] THEN box_h + 6 ELSE -6 END);
            END LOOP;
        END IF;
        out := out || format(
            E'  <path data-source="%s" data-target="%s" data-edge="%s" d="M %s %s%s L %s" fill="none" stroke="#333"%s%s/>\n',
            replace(replace(replace(nodes[i], '&', '&amp;'), '<', '&lt;'), '"', '&quot;'),
            replace(replace(replace(nodes[j], '&', '&amp;'), '<', '&lt;'), '"', '&quot;'),
            replace(replace(e.edge, '<', '&lt;'), '>', '&gt;'),
            round(x1::numeric, 1), round(y1::numeric, 1),
            route,
            round(x2::numeric, 1) || ' ' || round(y2::numeric, 1),
            CASE e.edge WHEN '-->' THEN ' marker-end="url(#arrow)"' WHEN '<->' THEN ' marker-end="url(#arrow)"'
                        WHEN 'o->' THEN ' marker-end="url(#arrow)"' WHEN 'o-o' THEN ' marker-end="url(#circle)"'
                        WHEN '--o' THEN ' marker-end="url(#circle)"' ELSE '' END,
            CASE e.edge WHEN '<->' THEN ' marker-start="url(#arrow-back)"' WHEN 'o->' THEN ' marker-start="url(#circle)"'
                        WHEN 'o-o' THEN ' marker-start="url(#circle)"' ELSE '' END);
    END LOOP;
    FOR i IN 1 .. n LOOP
        esc := replace(replace(replace(nodes[i], '&', '&amp;'), '<', '&lt;'), '"', '&quot;');
        out := out || format(
            E'  <g data-node="%s" data-layer="%s"><rect x="%s" y="%s" width="%s" height="%s" rx="6" fill="#eef3f8" stroke="#1f4e79"/>'
            '<text x="%s" y="%s" text-anchor="middle" font-size="12">%s</text></g>\n',
            esc, layer[i], round(xs[i]::numeric, 1), 20 + layer[i] * row_h, wid[i], box_h,
            round((xs[i] + wid[i] / 2.0)::numeric, 1), 20 + layer[i] * row_h + 18, esc);
    END LOOP;
    RETURN format(E'<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="sans-serif">\n'
                  '  <defs>\n'
                  '    <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker>\n'
                  '    <marker id="arrow-back" viewBox="0 0 10 10" refX="0" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M10,0 L0,5 L10,10 z" fill="#333"/></marker>\n'
                  '    <marker id="circle" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="7" markerHeight="7"><circle cx="5" cy="5" r="4" fill="white" stroke="#333"/></marker>\n'
                  '  </defs>\n%s</svg>\n',
                  ceil(width)::int, height, ceil(width)::int, height, out);
END;
$$;

COMMENT ON FUNCTION causal.svg(causal.graph) IS
  'a picture of the graph as SVG: nodes in layers so that directed edges point down, edges marked by type (for BI tools that show images)';

CREATE FUNCTION causal.parents(g causal.graph, node text) RETURNS text[]
    AS 'MODULE_PATHNAME', 'graph_parents'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.parents(causal.graph, text) IS 'the nodes with an edge --> into node';

CREATE FUNCTION causal.children(g causal.graph, node text) RETURNS text[]
    AS 'MODULE_PATHNAME', 'graph_children'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.children(causal.graph, text) IS 'the nodes node points to with -->';

CREATE FUNCTION causal.ancestors(g causal.graph, nodes text[]) RETURNS text[]
    AS 'MODULE_PATHNAME', 'graph_ancestors'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.ancestors(causal.graph, text[]) IS
  'the nodes with a directed path into one of nodes, the nodes themselves included (as dagitty)';

CREATE FUNCTION causal.descendants(g causal.graph, nodes text[]) RETURNS text[]
    AS 'MODULE_PATHNAME', 'graph_descendants'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.descendants(causal.graph, text[]) IS
  'the nodes reached from nodes by directed paths, the nodes themselves included (as dagitty)';

CREATE FUNCTION causal.d_separated(g causal.graph, x text[], y text[], given text[] DEFAULT '{}')
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'graph_d_separated'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.d_separated(causal.graph, text[], text[], text[]) IS
  'whether given d-separates x and y (m-separation with <->; in a CPDAG, as in every DAG of its class)';

CREATE FUNCTION causal.is_adjustment_set(g causal.graph, treatment text[], outcome text[],
                                         covariates text[])
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'graph_is_adjustment_set'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.is_adjustment_set(causal.graph, text[], text[], text[]) IS
  'whether covariates satisfy the generalized adjustment criterion (Perković et al. 2018) for the total effect';

CREATE FUNCTION causal.adjustment_sets(g causal.graph, treatment text[], outcome text[],
                                       kind text DEFAULT 'minimal', max_sets int DEFAULT 100)
    RETURNS TABLE (kind text, covariates text[], note text)
    AS 'MODULE_PATHNAME', 'graph_adjustment_sets'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;

COMMENT ON FUNCTION causal.adjustment_sets(causal.graph, text[], text[], text, int) IS
  'adjustment sets for the total effect: minimal (up to max_sets), canonical or optimal; covariates NULL with the reason when none exists';

CREATE FUNCTION causal.identify(g causal.graph, treatment text, outcome text)
    RETURNS TABLE (strategy text, kind text, variables text[], conditioning text[], note text)
    AS 'MODULE_PATHNAME', 'graph_identify'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;

COMMENT ON FUNCTION causal.identify(causal.graph, text, text) IS
  'ways to identify the total effect of treatment on outcome from the graph: back-door sets, front-door sets, instruments; strategy none with the reason when there is none';

CREATE FUNCTION causal.instruments(g causal.graph, treatment text, outcome text)
    RETURNS TABLE (instrument text, conditioning text[])
    AS 'MODULE_PATHNAME', 'graph_instruments'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;

COMMENT ON FUNCTION causal.instruments(causal.graph, text, text) IS
  'the conditional instruments for the effect of treatment on outcome in a DAG or ADMG, each with its conditioning set (as dagitty''s instrumentalVariables)';

CREATE FUNCTION causal.is_frontdoor_set(g causal.graph, treatment text[], outcome text[], mediators text[])
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'graph_is_frontdoor_set'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.is_frontdoor_set(causal.graph, text[], text[], text[]) IS
  'whether mediators satisfy the front-door criterion (Pearl) for the effect of treatment on outcome in a DAG or ADMG';

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

CREATE OR REPLACE FUNCTION causal.cdnod_change_dependence(relation regclass, cause text, effect text, domain text,
                                               max_rows int DEFAULT 500, seed bigint DEFAULT 42,
                                               domain_kernel text DEFAULT 'auto',
                                               OUT forward float8, OUT backward float8, OUT n_rows int,
                                               OUT domain_kernel_used text)
    AS 'MODULE_PATHNAME', 'cdnod_change_dependence'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp;

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

DROP FUNCTION causal.propensity_rows(regclass, text, text[], text);

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

CREATE OR REPLACE FUNCTION causal.propensity_model(relation regclass, treatment text, covariates text[],
                                        ridge float8 DEFAULT 0)
    RETURNS TABLE (term text, estimate float8, std_error float8, z_value float8, p_value float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT f.* FROM causal.propensity_rows(relation, treatment, covariates) r,
                    causal.logistic_fit(r.y, r.x, r.names, ridge) f
$$;

DROP FUNCTION causal.propensity(regclass, text, text[], text, float8);

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

DROP FUNCTION causal.malts(regclass, text, text, text[], text, text[], int, int, int, float8, bigint, text, jsonb);

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

CREATE OR REPLACE FUNCTION causal.malts_effect(relation regclass, outcome text, treatment text, covariates text[], id text,
                                    discrete text[] DEFAULT NULL, n_folds int DEFAULT 5, k int DEFAULT 10,
                                    k_est int DEFAULT 50, c float8 DEFAULT 1, seed bigint DEFAULT 42,
                                    fold_column text DEFAULT NULL, options jsonb DEFAULT NULL,
                                    estimand text DEFAULT 'ATE')
    RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'causal_malts_effect'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;

DROP FUNCTION causal.ipw_weights(regclass, text, text[], text, text, boolean, float8, float8, float8);

CREATE FUNCTION causal.ipw_weights(relation regclass, treatment text, covariates text[],
                                   id_column text, estimand text, stabilize boolean, ridge float8,
                                   trim_at float8, ps_clip float8)
    RETURNS TABLE (id causal.id, weight float8)
    AS 'MODULE_PATHNAME', 'causal_ipw_weights'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION causal.ipw_weights(regclass, text, text[], text, text, boolean, float8, float8, float8) IS
  'inverse probability weights per row; the body of causal.weights(method => ''ipw'')';

DROP FUNCTION causal.balancing_weights(regclass, text, text[], text, text, text, int, float8, jsonb);

CREATE FUNCTION causal.balancing_weights(relation regclass, treatment text, covariates text[], id text,
                                         method text, estimand text, moments int, trim_at float8,
                                         options jsonb)
    RETURNS TABLE (id causal.id, weight float8, info jsonb)
    AS 'MODULE_PATHNAME', 'causal_balancing_weights'
    LANGUAGE C STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION causal.balancing_weights(regclass, text, text[], text, text, text, int, float8, jsonb) IS
  'covariate-balancing weights per row (ebal, ipm_mmd, ipm_energy, ipm_sigmoid) with a report of the fit on the first row; the body of causal.weights for those methods';

CREATE OR REPLACE FUNCTION causal.check_weighting_method(method text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- option values are case-insensitive; blanks around them do not count
    method := lower(btrim(method));
    IF method IS NULL THEN
        PERFORM causal.raise_error('null_value_not_allowed',
            'weighting method must not be NULL',
            'Methods: ipw, ebal, ipm_mmd, ipm_energy, ipm_sigmoid.');
    END IF;
    IF method NOT IN ('ipw', 'ebal', 'ipm_mmd', 'ipm_energy', 'ipm_sigmoid') THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('unknown weighting method "%s"', method),
            'Methods: ipw, ebal, ipm_mmd, ipm_energy, ipm_sigmoid.');
    END IF;
    RETURN true;
END;
$$;

DROP FUNCTION causal.weights_info(regclass, text, text[], text, text, text, boolean, float8, int, float8, float8, jsonb);

CREATE FUNCTION causal.weights_info(relation regclass, treatment text, covariates text[], id text,
                                    method text, estimand text, stabilize boolean, ridge float8,
                                    moments int, trim_at float8, ps_clip float8, options jsonb)
    RETURNS TABLE (id causal.id, weight float8, info jsonb)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT w.*, NULL::jsonb FROM causal.ipw_weights($1, $2, $3, $4, $6, $7, $8, $10, $11) w
     WHERE causal.check_weighting_method($5) AND lower(btrim($5)) = 'ipw'
    UNION ALL
    SELECT w.* FROM causal.balancing_weights($1, $2, $3, $4, $5, $6, $9, $10, $12) w
     WHERE causal.check_weighting_method($5) AND lower(btrim($5)) <> 'ipw'
$$;

COMMENT ON FUNCTION causal.weights_info(regclass, text, text[], text, text, text, boolean, float8, int, float8, float8, jsonb) IS
  'weights per row with the fit report of the balancing methods (first row); the body of causal.weights and causal.weighting_effect';

DROP FUNCTION causal.weights(regclass, text, text[], text, text, text, boolean, float8, int, float8, float8, jsonb);

CREATE FUNCTION causal.weights(relation regclass, treatment text, covariates text[], id text,
                               method text DEFAULT 'ipw', estimand text DEFAULT 'ATE',
                               stabilize boolean DEFAULT false, ridge float8 DEFAULT 0,
                               moments int DEFAULT 1, trim_at float8 DEFAULT NULL,
                               ps_clip float8 DEFAULT NULL, options jsonb DEFAULT NULL)
    RETURNS TABLE (id causal.id, weight float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT w.id, w.weight FROM causal.weights_info($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) w
$$;

COMMENT ON FUNCTION causal.weights(regclass, text, text[], text, text, text, boolean, float8, int, float8, float8, jsonb) IS
  'weights per row (id, weight) for the ATE, ATT or ATC: inverse probability (ipw), entropy balancing (ebal), or IPM balancing (ipm_mmd, ipm_energy, ipm_sigmoid)';

CREATE FUNCTION causal.weighting_bootstrap(relation regclass, outcome text, treatment text, covariates text[],
                                           id text, method text, estimand text, stabilize boolean, ridge float8,
                                           moments int, trim_at float8, ps_clip float8, options jsonb,
                                           augmented boolean, n_boot int, seed bigint)
    RETURNS float8[]
    AS 'MODULE_PATHNAME', 'causal_weighting_bootstrap'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION causal.weighting_bootstrap(regclass, text, text, text[], text, text, text, boolean, float8, int, float8, float8, jsonb, boolean, int, bigint) IS
  'the bootstrap replicate estimates of causal.weighting_effect (rows resampled by seeded hash draws, weights re-estimated), computed in memory';

CREATE OR REPLACE FUNCTION causal.weighting_effect(relation regclass, outcome text, treatment text,
                                        covariates text[], id text, method text DEFAULT 'ipw',
                                        estimand text DEFAULT 'ATE', stabilize boolean DEFAULT false,
                                        ridge float8 DEFAULT 0, alpha float8 DEFAULT 0.05,
                                        moments int DEFAULT 1, trim_at float8 DEFAULT NULL,
                                        ps_clip float8 DEFAULT NULL, options jsonb DEFAULT NULL,
                                        augmented boolean DEFAULT false, n_boot int DEFAULT 0,
                                        seed bigint DEFAULT 42, cluster text DEFAULT NULL)
    RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'causal_weighting_effect'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;

CREATE OR REPLACE FUNCTION causal.weighted_effect_accum(state float8[], outcome float8, treated boolean, weight float8)
    RETURNS float8[]
    AS 'MODULE_PATHNAME', 'weighted_effect_accum'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION causal.weighted_effect_combine(a float8[], b float8[]) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'weighted_effect_combine'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION causal.weighted_effect_final(s float8[]) RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'weighted_effect_final'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION causal.ols_predict(coefs float8[], x float8[]) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN coefs[1] + (SELECT coalesce(sum(c * v), 0) FROM unnest(coefs[2:], x) AS u(c, v));

CREATE OR REPLACE FUNCTION causal.aipw_effect(relation regclass, outcome text, treatment text, covariates text[],
                                   id text, estimand text DEFAULT 'ATE', ridge float8 DEFAULT 0,
                                   alpha float8 DEFAULT 0.05)
    RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'causal_aipw_effect'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;

CREATE FUNCTION causal.balance(relation regclass, treatment text, covariates text[], weight text DEFAULT NULL,
                               estimand text DEFAULT 'ATT', matches regclass DEFAULT NULL, id text DEFAULT NULL)
    RETURNS TABLE (covariate text, mean_treated float8, mean_control float8, std_mean_diff float8,
                   var_ratio float8, ecdf_mean float8, ecdf_max float8, n_treated bigint, n_control bigint,
                   ess_treated float8, ess_control float8)
    AS 'MODULE_PATHNAME', 'causal_balance'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER ROWS 10
    SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION causal.balance(regclass, text, text[], text, text, regclass, text) IS
  'covariate balance per covariate (MatchIt''s summary statistics): means, standardized mean difference, variance ratio, eCDF mean and max, optionally weighted by a column or by a matching result (matches: the rows of causal.match, joined on id; unmatched rows weigh 0)';

CREATE FUNCTION causal.love_plot(relation regclass, treatment text, covariates text[], weight text DEFAULT NULL,
                                 estimand text DEFAULT 'ATT', threshold float8 DEFAULT 0.1,
                                 absolute boolean DEFAULT true, matches regclass DEFAULT NULL,
                                 id text DEFAULT NULL)
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
    top_m int := 50;
    row_h int := 22;
    height int;
    x0 float8;
    esc text;
    before_x float8;
    after_x float8;
    names text[];
    before_smd float8[];
    after_smd float8[];
    step float8;
    t float8;
    ticks_svg text := '';
    title text;
    width int;
BEGIN
    IF weight IS NULL AND matches IS NULL THEN
        PERFORM causal.raise_error('null_value_not_allowed',
            'causal.love_plot: pass weight (a weight column of the relation) or matches and id (a matching result)',
            'For example matches => ''my_matches'', id => ''row_id'' with a table made from causal.match(), or weight => a column of weights.');
    END IF;
    IF threshold IS NULL OR NOT threshold > 0 THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('causal.love_plot: threshold must be positive, got %s', threshold));
    END IF;
    SELECT array_agg(b.covariate ORDER BY b.ord),
           array_agg(CASE WHEN absolute THEN abs(b.std_mean_diff) ELSE b.std_mean_diff END ORDER BY b.ord),
           array_agg(CASE WHEN absolute THEN abs(a.std_mean_diff) ELSE a.std_mean_diff END ORDER BY b.ord)
      INTO names, before_smd, after_smd
      FROM causal.balance(relation, treatment, covariates, NULL, estimand) WITH ORDINALITY b(covariate, mean_treated,
             mean_control, std_mean_diff, var_ratio, ecdf_mean, ecdf_max, n_treated, n_control, ess_treated, ess_control, ord)
      JOIN causal.balance(relation, treatment, covariates, weight, estimand, matches, id) a USING (covariate);
    nrow := cardinality(names);     -- a factor covariate has a row per level
    SELECT least(coalesce(min(least(x, y)), 0), CASE WHEN absolute THEN 0 ELSE -threshold END, 0),
           greatest(coalesce(max(greatest(x, y)), 0), threshold)
      INTO lo, hi FROM unnest(before_smd, after_smd) AS u(x, y);
    hi := hi + 0.05 * (hi - lo);
    IF NOT absolute THEN
        lo := lo - 0.05 * (hi - lo);
    END IF;
    height := top_m + nrow * row_h + 44;
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
    -- axis ticks at 1, 2 or 5 times a power of ten, about five of them
    step := power(10, floor(log(greatest((hi - lo) / 5, 1e-12))));
    step := CASE WHEN (hi - lo) / step > 35 THEN 10 * step WHEN (hi - lo) / step > 14 THEN 5 * step
                 WHEN (hi - lo) / step > 7 THEN 2 * step ELSE step END;
    FOR t IN SELECT g * step FROM generate_series(ceil(lo / step)::int, floor(hi / step)::int) g LOOP
        ticks_svg := ticks_svg || format(
            E'  <line x1="%s" y1="%s" x2="%s" y2="%s" stroke="black"/>\n'
            '  <text x="%s" y="%s" font-size="11" text-anchor="middle">%s</text>\n',
            round((left_m + plot_w * (t - lo) / (hi - lo))::numeric, 2), top_m + nrow * row_h - 8,
            round((left_m + plot_w * (t - lo) / (hi - lo))::numeric, 2), top_m + nrow * row_h - 4,
            round((left_m + plot_w * (t - lo) / (hi - lo))::numeric, 2), top_m + nrow * row_h + 10,
            trim_scale(round(t::numeric, 6)));
    END LOOP;
    title := format('Covariate balance: %s standardized mean differences (%s)',
                    CASE WHEN absolute THEN 'absolute' ELSE 'signed' END, estimand);
    -- wide enough for the title (about 7.5 px a character at 14 px) and the plot
    width := greatest(left_m + plot_w + 20, 20 + ceil(7.5 * length(title))::int);
    RETURN format(E'<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="sans-serif">\n'
                  '  <text x="10" y="20" font-size="14">%s</text>\n'
                  '  <line x1="%s" y1="%s" x2="%s" y2="%s" stroke="black"/>\n'
                  '  <line x1="%s" y1="%s" x2="%s" y2="%s" stroke="black"/>\n'
                  '  <line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#c00" stroke-dasharray="4 3"/>\n'
                  '%s'
                  '  <text x="%s" y="%s" font-size="11" fill="#c00" text-anchor="middle">threshold %s</text>\n'
                  '%s'
                  '%s'
                  '  <circle cx="%s" cy="%s" r="4" fill="white" stroke="#888"/><text x="%s" y="%s" font-size="11">before</text>\n'
                  '  <circle cx="%s" cy="%s" r="4" fill="#1f4e79"/><text x="%s" y="%s" font-size="11">after</text>\n'
                  '</svg>\n',
                  width, height, width, height,
                  replace(replace(title, '&', '&amp;'), '<', '&lt;'),
                  x0, top_m - 12, x0, top_m + nrow * row_h - 8,
                  left_m, top_m + nrow * row_h - 8, left_m + plot_w, top_m + nrow * row_h - 8,
                  left_m + plot_w * (threshold - lo) / (hi - lo), top_m - 12, left_m + plot_w * (threshold - lo) / (hi - lo), top_m + nrow * row_h - 8,
                  CASE WHEN absolute THEN '' ELSE format(E'  <line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#c00" stroke-dasharray="4 3"/>\n',
                       left_m + plot_w * (-threshold - lo) / (hi - lo), top_m - 12, left_m + plot_w * (-threshold - lo) / (hi - lo), top_m + nrow * row_h - 8) END,
                  left_m + plot_w * (threshold - lo) / (hi - lo), top_m - 18, threshold,
                  ticks_svg,
                  rows_svg,
                  left_m, height - 8, left_m + 8, height - 4,
                  left_m + 70, height - 8, left_m + 78, height - 4);
END;
$$;

COMMENT ON FUNCTION causal.love_plot(regclass, text, text[], text, text, float8, boolean, regclass, text) IS
  'Love plot as SVG text: standardized mean differences per covariate before and after weighting (weight: a column) or matching (matches: the rows of causal.match, joined on id), with the threshold marked';

CREATE FUNCTION causal.dml(relation regclass, outcome text, treatment text, covariates text[],
                           model text DEFAULT 'plr', instruments text[] DEFAULT NULL,
                           score text DEFAULT NULL, ml_l text DEFAULT NULL, ml_m text DEFAULT NULL,
                           ml_g text DEFAULT NULL, ml_r text DEFAULT NULL,
                           learner_options jsonb DEFAULT NULL, n_folds int DEFAULT 5,
                           n_rep int DEFAULT 1, fold_column text DEFAULT NULL,
                           seed bigint DEFAULT 42, clip float8 DEFAULT NULL,
                           normalize_ipw boolean DEFAULT false, cluster text DEFAULT NULL,
                           mundlak boolean DEFAULT false, n_boot int DEFAULT 0,
                           alpha float8 DEFAULT 0.05, ps_clip float8 DEFAULT NULL)
    RETURNS causal.effect
    AS 'MODULE_PATHNAME', 'causal_dml'
    LANGUAGE C STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION causal.dml(regclass, text, text, text[], text, text[], text, text, text, text, text, jsonb, int, int, text, bigint, float8, boolean, text, boolean, int, float8, float8) IS
  'double machine learning (DoubleML''s scores): model plr, irm or pliv, cross-fitted nuisances by ols, ridge, lasso, logistic or xgboost; returns a causal.effect (ps_clip: the propensity clip, 0.01 by default; clip its deprecated name)';

CREATE OR REPLACE FUNCTION causal.learner_fit_keyed(relation regclass, target text, covariates text[],
                                         learner text, options jsonb, seed bigint)
    RETURNS TABLE (term text, estimate float8)
    AS 'MODULE_PATHNAME', 'causal_learner_fit'
    LANGUAGE C STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;

CREATE OR REPLACE FUNCTION causal.learner_fit(relation regclass, target text, covariates text[],
                                   learner text DEFAULT 'ols', options jsonb DEFAULT NULL)
    RETURNS TABLE (term text, estimate float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM causal.learner_fit_keyed($1, $2, $3, $4,
                                           pg_catalog.jsonb_build_object('learner', coalesce($5, '{}'::jsonb)), 42)
$$;

DROP FUNCTION causal.learner_predict_keyed(regclass, text, text[], text, text, jsonb, int, bigint);

CREATE FUNCTION causal.learner_predict_keyed(relation regclass, target text, covariates text[], id text,
                                             learner text, options jsonb, n_folds int, seed bigint)
    RETURNS TABLE (id causal.id, prediction float8)
    AS 'MODULE_PATHNAME', 'causal_learner_predict'
    LANGUAGE C STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION causal.learner_predict_keyed(regclass, text, text[], text, text, jsonb, int, bigint) IS
  'body of causal.learner_predict (options keyed by "learner")';

DROP FUNCTION causal.learner_predict(regclass, text, text[], text, text, jsonb, int, bigint);

CREATE FUNCTION causal.learner_predict(relation regclass, target text, covariates text[], id text,
                                       learner text DEFAULT 'ols', options jsonb DEFAULT NULL,
                                       n_folds int DEFAULT 0, seed bigint DEFAULT 42)
    RETURNS TABLE (id causal.id, prediction float8)
    LANGUAGE sql STABLE PARALLEL RESTRICTED SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM causal.learner_predict_keyed($1, $2, $3, $4, $5,
                                               pg_catalog.jsonb_build_object('learner', coalesce($6, '{}'::jsonb)), $7, $8)
$$;

COMMENT ON FUNCTION causal.learner_predict(regclass, text, text[], text, text, jsonb, int, bigint) IS
  'predictions of a DML learner per row (id, prediction): in-sample (n_folds 0) or out of fold';

CREATE FUNCTION causal.column_names(sketch causal.dml_sketch) RETURNS text[]
    AS 'MODULE_PATHNAME', 'dml_sketch_column_names'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION causal.column_names(causal.dml_sketch) IS
  'the names the DML sketch carries for y, d and the covariates, in order (NULL when unnamed)';

CREATE FUNCTION causal.with_names(sketch causal.dml_sketch, names text[]) RETURNS causal.dml_sketch
    AS 'MODULE_PATHNAME', 'dml_sketch_with_names'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION causal.with_names(causal.dml_sketch, text[]) IS
  'the DML sketch carrying names for y, d and the covariates (distinct; NULL drops them); named sketches merge only with the same names';

CREATE FUNCTION causal.dml_sensitivity(effect causal.effect, cf_y float8 DEFAULT 0.03,
                                       cf_d float8 DEFAULT 0.03, rho float8 DEFAULT 1.0,
                                       level float8 DEFAULT 0.95, null_hypothesis float8 DEFAULT 0,
                                       OUT theta_lower float8, OUT theta float8, OUT theta_upper float8,
                                       OUT se_lower float8, OUT se_upper float8,
                                       OUT ci_lower float8, OUT ci_upper float8,
                                       OUT rv float8, OUT rva float8)
    RETURNS record
    AS 'MODULE_PATHNAME', 'causal_dml_sensitivity'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION causal.dml_sensitivity(causal.effect, float8, float8, float8, float8, float8) IS
  'bounds on a DML estimate (PLR or IRM) and its confidence interval under a latent confounder of strength cf_y, cf_d, rho, and the robustness values rv and rva (Chernozhukov et al. 2022; DoubleML''s sensitivity_analysis), from the effect row alone';

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

CREATE FUNCTION causal.iv_2sls(m causal.moments, y int, d int[], z int[], x int[] DEFAULT '{}',
                               names text[] DEFAULT NULL,
                               OUT term text, OUT estimate float8, OUT std_error float8,
                               OUT t_value float8, OUT p_value float8, OUT df_resid float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'moments_iv_2sls'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 5;

COMMENT ON FUNCTION causal.iv_2sls(causal.moments, int, int[], int[], int[], text[]) IS
  'two-stage least squares of column y on the endogenous columns d and exogenous x, instrumented by z, from the sketch (classical standard errors, as statsmodels'' IV2SLS)';

CREATE FUNCTION causal.iv_2sls(relation regclass, outcome text, treatment text[], instruments text[],
                               covariates text[] DEFAULT NULL, vcov text DEFAULT NULL, cluster text DEFAULT NULL,
                               OUT term text, OUT estimate float8, OUT std_error float8,
                               OUT t_value float8, OUT p_value float8, OUT df_resid float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'causal_iv_2sls_table'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED SECURITY INVOKER ROWS 5
    SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION causal.iv_2sls(regclass, text, text[], text[], text[], text, text) IS
  'two-stage least squares of outcome on the endogenous treatment columns and the covariates, instrumented by instruments, on the table''s rows; vcov classical, HC0, HC1 (default), HC3 or cluster (the default with a cluster column), as R''s sandwich on AER::ivreg';

CREATE FUNCTION causal.iv_first_stage(m causal.moments, d int[], z int[], x int[] DEFAULT '{}',
                                      names text[] DEFAULT NULL,
                                      OUT endogenous text, OUT f_statistic float8, OUT df1 float8,
                                      OUT df2 float8, OUT p_value float8, OUT partial_r2 float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'moments_iv_first_stage'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 2;

COMMENT ON FUNCTION causal.iv_first_stage(causal.moments, int[], int[], int[], text[]) IS
  'the first stage of 2SLS per endogenous column: F statistic, degrees of freedom and p-value of the excluded instruments, and their partial R2';

CREATE FUNCTION causal.frontdoor_linear(m causal.moments, y int, x int, mediators int[], names text[] DEFAULT NULL,
                                        OUT estimate float8, OUT std_error float8, OUT z_value float8,
                                        OUT p_value float8, OUT n bigint)
    RETURNS record
    AS 'MODULE_PATHNAME', 'moments_frontdoor_linear'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION causal.frontdoor_linear(causal.moments, int, int, int[], text[]) IS
  'the linear front-door estimate of the effect of column x on y through the mediators (a front-door set), sum_j a_j b_j from the sketch, with a delta-method standard error';

CREATE FUNCTION causal.frontdoor_linear(m causal.moments, y text, x text, mediators text[],
                                        OUT estimate float8, OUT std_error float8, OUT z_value float8,
                                        OUT p_value float8, OUT n bigint)
    RETURNS record
    LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM causal.frontdoor_linear(m, (causal.column_positions(m, ARRAY[y]))[1],
                                          (causal.column_positions(m, ARRAY[x]))[1],
                                          causal.column_positions(m, mediators))
$$;

COMMENT ON FUNCTION causal.frontdoor_linear(causal.moments, text, text, text[]) IS
  'the linear front-door estimate from a named sketch, with the outcome, treatment and mediators given by name';

CREATE FUNCTION causal.ida(m causal.moments, g causal.graph, treatment text, outcome text, names text[] DEFAULT NULL)
    RETURNS TABLE (parents text[], effect float8)
    AS 'MODULE_PATHNAME', 'moments_ida'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 4;

COMMENT ON FUNCTION causal.ida(causal.moments, causal.graph, text, text, text[]) IS
  'IDA (Maathuis et al. 2009, local method): the possible total effects of treatment on outcome in a CPDAG, one per locally valid parent set, from the sketch (names: the sketch''s columns; by default the names a named sketch carries)';

CREATE FUNCTION causal.sensitivity_stats(m causal.moments, y int, d int, x int[],
                                         q float8 DEFAULT 1, alpha float8 DEFAULT 0.05,
                                         absorbed float8 DEFAULT 0,
                                         OUT estimate float8, OUT std_error float8, OUT t_value float8,
                                         OUT dof float8, OUT r2yd_x float8, OUT f2yd_x float8,
                                         OUT rv_q float8, OUT rv_qa float8)
    RETURNS record
    AS 'MODULE_PATHNAME', 'sensitivity_stats'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION causal.sensitivity_stats(causal.moments, int, int, int[], float8, float8, float8) IS
  'OLS of column y on d and x from the sketch: the partial R2 of the treatment d and the robustness values RV_q and RV_q,alpha (Cinelli and Hazlett 2020)';

CREATE FUNCTION causal.sensitivity_stats(m causal.moments, y text, d text, x text[],
                                         q float8 DEFAULT 1, alpha float8 DEFAULT 0.05,
                                         absorbed float8 DEFAULT 0,
                                         OUT estimate float8, OUT std_error float8, OUT t_value float8,
                                         OUT dof float8, OUT r2yd_x float8, OUT f2yd_x float8,
                                         OUT rv_q float8, OUT rv_qa float8)
    RETURNS record
    LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM causal.sensitivity_stats(m, (causal.column_positions(m, ARRAY[y]))[1],
                                           (causal.column_positions(m, ARRAY[d]))[1],
                                           causal.column_positions(m, x), q, alpha, absorbed)
$$;

COMMENT ON FUNCTION causal.sensitivity_stats(causal.moments, text, text, text[], float8, float8, float8) IS
  'causal.sensitivity_stats with the outcome, treatment and covariates given by name (a named sketch)';

CREATE FUNCTION causal.ovb_bounds(m causal.moments, y int, d int, x int[], benchmark int,
                                  kd float8[] DEFAULT '{1}', ky float8[] DEFAULT NULL,
                                  alpha float8 DEFAULT 0.05, reduce boolean DEFAULT true,
                                  absorbed float8 DEFAULT 0)
    RETURNS TABLE (kd float8, ky float8, r2dz_x float8, r2yz_dx float8, adjusted_estimate float8,
                   adjusted_se float8, adjusted_t float8, adjusted_lower float8, adjusted_upper float8)
    AS 'MODULE_PATHNAME', 'ovb_bounds'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 3;

COMMENT ON FUNCTION causal.ovb_bounds(causal.moments, int, int, int[], int, float8[], float8[], float8, boolean, float8) IS
  'bounds on the estimate of d for a confounder kd (ky) times as strong as the benchmark covariate (Cinelli and Hazlett 2020, Sec. 6.2), from the sketch';

CREATE FUNCTION causal.ovb_bounds(m causal.moments, y text, d text, x text[], benchmark text,
                                  kd float8[] DEFAULT '{1}', ky float8[] DEFAULT NULL,
                                  alpha float8 DEFAULT 0.05, reduce boolean DEFAULT true,
                                  absorbed float8 DEFAULT 0)
    RETURNS TABLE (kd float8, ky float8, r2dz_x float8, r2yz_dx float8, adjusted_estimate float8,
                   adjusted_se float8, adjusted_t float8, adjusted_lower float8, adjusted_upper float8)
    LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 3
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM causal.ovb_bounds(m, (causal.column_positions(m, ARRAY[y]))[1],
                                    (causal.column_positions(m, ARRAY[d]))[1],
                                    causal.column_positions(m, x),
                                    (causal.column_positions(m, ARRAY[benchmark]))[1],
                                    kd, ky, alpha, reduce, absorbed)
$$;

COMMENT ON FUNCTION causal.ovb_bounds(causal.moments, text, text, text[], text, float8[], float8[], float8, boolean, float8) IS
  'causal.ovb_bounds with the outcome, treatment, covariates and benchmark given by name (a named sketch)';

CREATE FUNCTION causal.evalue(estimate float8, lower float8 DEFAULT NULL, upper float8 DEFAULT NULL,
                              measure text DEFAULT 'RR', rare boolean DEFAULT NULL, se float8 DEFAULT NULL,
                              true_value float8 DEFAULT NULL,
                              OUT rr float8, OUT rr_lower float8, OUT rr_upper float8,
                              OUT evalue float8, OUT evalue_lower float8, OUT evalue_upper float8)
    RETURNS record
    AS 'MODULE_PATHNAME', 'causal_evalue'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION causal.evalue(float8, float8, float8, text, boolean, float8, float8) IS
  'E-values (VanderWeele and Ding 2017) of a risk ratio, odds ratio, hazard ratio or standardized mean difference and of its confidence limit nearer the null, as R''s EValue';

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

CREATE OR REPLACE FUNCTION causal.lalonde()
    RETURNS TABLE (row_id int, id text, "treat" int, age int, educ int, race text, married int, nodegree int,
                   re74 float8, re75 float8, re78 float8)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
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
