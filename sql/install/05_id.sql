-- Row keys (id_type.c): causal.id is the id column of every result with a row per input row.
-- It holds the key's text and joins with integer, text and uuid key columns without a cast
-- (implicit casts to bigint, text and uuid); integer keys sort in numeric order.

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

-- Only bigint among the integer types is implicit: two implicit integer targets would make
-- `id = int_column` ambiguous.  text -> causal.id is for assignment only, so that comparing a
-- causal.id with text is text's equality and never ambiguous with causal.id's own.
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
