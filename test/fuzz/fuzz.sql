-- The sketch fuzz target (needs test/walk/walk.sql loaded first, and a superuser for the binary
-- forms, which reach the receive functions through COPY ... FORMAT binary).
--
-- causal_fuzz(seed, max_values, max_seconds) mutates the text and binary forms of valid
-- causal.moments, causal.crosstab, causal.dml_sketch and causal.graph values (characters and bits flipped,
-- ranges cut, doubled or truncated, numbers replaced by extreme ones: 1e308, 2^63 - 1, -1, a
-- column count past the limit, NaN and infinity bit patterns) with PostgreSQL's seeded random(),
-- and feeds every value that the input function accepts to every function that takes the type
-- (the catalog walk's calls).  It returns one row per outcome: the form, the SQLSTATE (NULL for
-- success, 'NaN' for a result holding NaN or infinity), how often and the slowest call in ms;
-- XX000 and NaN rows keep an example value.  A crash ends the session.

CREATE TABLE causal_fuzz_value (m causal.moments, c causal.crosstab, s causal.dml_sketch, g causal.graph);
INSERT INTO causal_fuzz_value VALUES (NULL, NULL, NULL, NULL);
UPDATE causal_walk_sample SET expr = '(SELECT m FROM causal_fuzz_value)' WHERE typ = 'causal.moments';
UPDATE causal_walk_sample SET expr = '(SELECT c FROM causal_fuzz_value)' WHERE typ = 'causal.crosstab';
UPDATE causal_walk_sample SET expr = '(SELECT s FROM causal_fuzz_value)' WHERE typ = 'causal.dml_sketch';
UPDATE causal_walk_sample SET expr = '(SELECT g FROM causal_fuzz_value)' WHERE typ = 'causal.graph';

-- the calls that read the fuzzed value, per type
CREATE TABLE causal_fuzz_call AS
SELECT t.typ, c.sql
  FROM causal_walk_calls() c
  JOIN (VALUES ('causal.moments', 'm'), ('causal.crosstab', 'c'), ('causal.dml_sketch', 's'),
               ('causal.graph', 'g')) t(typ, col)
    ON c.sql LIKE format('%%(SELECT %s FROM causal_fuzz_value)%%', t.col)
 WHERE c.label IN ('baseline', 'support baseline');

-- valid seeds of each type, as text and as the bytes of the send function
CREATE TABLE causal_fuzz_seed (typ text, txt text, bin bytea);
INSERT INTO causal_fuzz_seed
SELECT 'causal.moments', m::text, causal.moments_send(m) FROM causal_walk_sketch
UNION ALL SELECT 'causal.moments', m::text, causal.moments_send(m)
            FROM (SELECT causal.moments_weighted(w, x1, x2, y, z) AS m FROM causal_walk) s
UNION ALL SELECT 'causal.crosstab', c::text, causal.crosstab_send(c) FROM causal_walk_sketch
UNION ALL SELECT 'causal.moments', m::text, causal.moments_send(m)
            FROM (SELECT causal.with_names(causal.merge(m), '{x1,x2,y}') AS m FROM causal_walk_sketch) s
UNION ALL SELECT 'causal.crosstab', c::text, causal.crosstab_send(c)
            FROM (SELECT causal.with_names(causal.merge(c), '{x1,x2,y}') AS c FROM causal_walk_sketch) s
UNION ALL SELECT 'causal.dml_sketch', s::text, causal.dml_sketch_send(s)
            FROM (SELECT causal.with_names(causal.merge(s), '{y,treat,x1,x2}') AS s FROM causal_walk_sketch) s
UNION ALL SELECT 'causal.crosstab', c::text, causal.crosstab_send(c)
            FROM (SELECT causal.crosstab(d, c1) AS c FROM causal_walk) s
UNION ALL SELECT 'causal.dml_sketch', s::text, causal.dml_sketch_send(s) FROM causal_walk_sketch
UNION ALL SELECT 'causal.dml_sketch', s::text, causal.dml_sketch_send(s)
            FROM (SELECT causal.dml_plr_sketch(fold % 2, y, x1, x2) AS s FROM causal_walk) s
UNION ALL SELECT 'causal.graph', g::text, causal.graph_send(g)
            FROM (VALUES ('x1 --> treat; x2 --> treat; x1 --> y; x2 --> y; treat --> y; u <-> x2; w'::causal.graph),
                         ('x1 --- x2; x2 --> treat; treat --> y; x1 --> y; "a b" --> y'),
                         ('x1 o-> treat; treat o-o y; x2 --o y')) v(g);

CREATE FUNCTION causal_fuzz_int(lo int, hi int) RETURNS int LANGUAGE sql
    RETURN lo + floor(random() * (hi - lo + 1))::int;

-- one mutation of a text form
CREATE FUNCTION causal_fuzz_text(t text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    n int := length(t);
    p int := causal_fuzz_int(1, greatest(n, 1));
    q int := causal_fuzz_int(p, least(n, p + 40));
    extreme text[] := ARRAY['1e308', '-1e308', '0', '-1', '9223372036854775807', '-9223372036854775808',
                            '1e-320', '2147483648', '1001', '1000000000', '1.5', '"x"', 'null', '[]', '{}',
                            '[1e308, 1e308]', '-0'];
    num_pos int;
BEGIN
    CASE causal_fuzz_int(0, 6)
    WHEN 0 THEN   -- one character replaced
        RETURN overlay(t placing chr(causal_fuzz_int(32, 126)) from p for 1);
    WHEN 1 THEN   -- a range cut
        RETURN overlay(t placing '' from p for q - p + 1);
    WHEN 2 THEN   -- a range doubled
        RETURN overlay(t placing substr(t, p, q - p + 1) || substr(t, p, q - p + 1) from p for q - p + 1);
    WHEN 3 THEN   -- truncated
        RETURN left(t, p - 1);
    ELSE          -- one number (the k-th in the text) replaced by an extreme value
        num_pos := regexp_count(t, '-?[0-9][0-9.e+-]*');
        IF num_pos = 0 THEN
            RETURN t;
        END IF;
        RETURN regexp_replace(t, '-?[0-9][0-9.e+-]*', extreme[causal_fuzz_int(1, cardinality(extreme))],
                              1, causal_fuzz_int(1, num_pos));
    END CASE;
END
$$;

-- one mutation of a binary form
CREATE FUNCTION causal_fuzz_bytes(b bytea) RETURNS bytea LANGUAGE plpgsql AS $$
DECLARE
    n int := length(b);
    p int := causal_fuzz_int(0, greatest(n - 1, 0));
    bit int := causal_fuzz_int(0, 7);
    patterns bytea[] := ARRAY['\x7fffffff'::bytea, '\xffffffff', '\x80000000', '\x00000000', '\x000003e9',
                              '\x7ff8000000000000', '\x7ff0000000000000', '\xfff0000000000000',
                              '\x7fefffffffffffff', '\x7fffffffffffffff', '\x8000000000000000'];
    pat bytea;
BEGIN
    IF n = 0 THEN
        RETURN b;
    END IF;
    CASE causal_fuzz_int(0, 4)
    WHEN 0 THEN   -- one bit flipped
        RETURN set_bit(b, p * 8 + bit, 1 - get_bit(b, p * 8 + bit));
    WHEN 1 THEN   -- truncated
        RETURN substr(b, 1, p);
    WHEN 2 THEN   -- junk appended
        RETURN b || substr(b, 1, causal_fuzz_int(1, least(n, 64)));
    ELSE          -- an integer or double field overwritten with an extreme bit pattern
        pat := patterns[causal_fuzz_int(1, cardinality(patterns))];
        IF p + length(pat) > n THEN
            p := greatest(n - length(pat), 0);
        END IF;
        RETURN overlay(b placing pat from p + 1 for least(length(pat), n));
    END CASE;
END
$$;

CREATE TABLE causal_fuzz_tally (typ text, step text, state text, example text, ms float8);

-- Runs the calls of a type on the value in causal_fuzz_value; adds their outcomes to the tally.
CREATE FUNCTION causal_fuzz_calls(t text, form text, example text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    c record;
    st text;
    bad boolean;
    t0 timestamptz;
BEGIN
    FOR c IN SELECT sql FROM causal_fuzz_call WHERE typ = t LOOP
        st := NULL;
        t0 := clock_timestamp();
        BEGIN
            -- the result as text: NaN or infinity in it is tallied as such
            EXECUTE replace(c.sql, 'SELECT length(string_agg(r.v::text, '',''))',
                            'SELECT string_agg(r.v::text, '','') ~ ''NaN|Infinity''') INTO bad;
            IF bad THEN
                st := 'NaN';
            END IF;
        EXCEPTION WHEN OTHERS THEN
            st := SQLSTATE;
        END;
        INSERT INTO causal_fuzz_tally
        VALUES (t, form || ' call', st, CASE WHEN st IN ('XX000', 'NaN') THEN example || ' -> ' || c.sql END,
                1000 * extract(epoch FROM clock_timestamp() - t0));
    END LOOP;
END
$$;

CREATE FUNCTION causal_fuzz(seed float8, max_values int, max_seconds float8)
    RETURNS TABLE (typ text, step text, state text, n bigint, example text, max_ms float8)
    LANGUAGE plpgsql AS $$
DECLARE
    started timestamptz := clock_timestamp();
    s record;
    done int := 0;
    txt text;
    bin bytea;
    col text;
    st text;
    path text := format('/tmp/causal_fuzz_%s.bin', pg_backend_pid());
BEGIN
    PERFORM setseed(seed);
    TRUNCATE causal_fuzz_tally;
    WHILE done < max_values AND extract(epoch FROM clock_timestamp() - started) < max_seconds LOOP
        -- a type first, each as likely as the others whatever its count of seeds, then one of its seeds
        SELECT * INTO s FROM causal_fuzz_seed f
         WHERE f.typ = (SELECT (ARRAY['causal.moments', 'causal.crosstab', 'causal.dml_sketch', 'causal.graph'])[causal_fuzz_int(1, 4)])
         ORDER BY random() LIMIT 1;
        col := CASE s.typ WHEN 'causal.moments' THEN 'm' WHEN 'causal.crosstab' THEN 'c'
                          WHEN 'causal.graph' THEN 'g' ELSE 's' END;
        done := done + 1;
        UPDATE causal_fuzz_value SET m = NULL, c = NULL, s = NULL, g = NULL;
        IF random() < 0.6 THEN
            -- text form, one to three mutations
            txt := s.txt;
            FOR i IN 1 .. causal_fuzz_int(1, 3) LOOP
                txt := causal_fuzz_text(txt);
            END LOOP;
            st := NULL;
            BEGIN
                EXECUTE format('UPDATE causal_fuzz_value SET %I = %L::%s', col, txt, s.typ);
            EXCEPTION WHEN OTHERS THEN
                st := SQLSTATE;
            END;
            INSERT INTO causal_fuzz_tally VALUES (s.typ, 'text input', st, CASE WHEN st = 'XX000' THEN txt END);
            IF st IS NULL THEN
                PERFORM causal_fuzz_calls(s.typ, 'text', txt);
            END IF;
        ELSE
            -- binary form through COPY (the receive function), one to three mutations
            bin := s.bin;
            FOR i IN 1 .. causal_fuzz_int(1, 3) LOOP
                bin := causal_fuzz_bytes(bin);
            END LOOP;
            EXECUTE format('COPY (SELECT translate(encode(%L::bytea, ''base64''), E''\n'', '''')) TO PROGRAM %L',
                           '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea || '\x0001'::bytea
                           || int4send(length(bin)) || bin || '\xffff'::bytea,
                           format('base64 -d > %s', path));
            st := NULL;
            BEGIN
                DELETE FROM causal_fuzz_value;
                EXECUTE format('COPY causal_fuzz_value (%I) FROM %L (FORMAT binary)', col, path);
            EXCEPTION WHEN OTHERS THEN
                st := SQLSTATE;
            END;
            INSERT INTO causal_fuzz_tally
            VALUES (s.typ, 'binary input', st, CASE WHEN st = 'XX000' THEN encode(bin, 'hex') END);
            IF st IS NULL THEN
                PERFORM causal_fuzz_calls(s.typ, 'binary', encode(bin, 'hex'));
            END IF;
        END IF;
    END LOOP;
    EXECUTE format('COPY (SELECT 1) TO PROGRAM %L', 'rm -f ' || path);
    RETURN QUERY SELECT t.typ, t.step, t.state, count(*), min(t.example), max(t.ms)
                   FROM causal_fuzz_tally t GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
END
$$;
