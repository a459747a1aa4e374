-- Row keys (causal.id): the id column of causal.weights, match, propensity, malts and
-- learner_predict joins integer, bigint, text and uuid key columns without a cast.  The
-- reference for every join is the same join written with both sides cast to text (the
-- 0.1.0 way); for the order of keys, PostgreSQL's own integer and numeric order and the
-- byte order of bytea; for the casts, PostgreSQL's own int4/int8/uuid input.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(28);
SET LOCAL search_path = public, pg_temp;

CREATE TEMP TABLE lalonde (id text, treat int, age int, educ int, race text, married int,
                           nodegree int, re74 float8, re75 float8, re78 float8);
\copy lalonde FROM 'test/data/lalonde.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE lalonde ADD COLUMN rid serial, ADD COLUMN r8 bigint, ADD COLUMN u uuid;
UPDATE lalonde SET r8 = 1000000000000 + rid, u = md5(id)::uuid;
ANALYZE lalonde;

CREATE FUNCTION pg_temp.plan(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    r text;
    s text := '';
BEGIN
    FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        s := s || r || E'\n';
    END LOOP;
    RETURN s;
END $$;

-- 1. every function with a row per input row returns causal.id, none returns a text id
SELECT is((SELECT count(*) FROM pg_proc WHERE pronamespace = 'causal'::regnamespace
            AND pg_get_function_result(oid) LIKE 'TABLE(id causal.id,%'), 9::bigint,
          'nine functions return their rows keyed by causal.id');
SELECT is((SELECT count(*) FROM pg_proc WHERE pronamespace = 'causal'::regnamespace
            AND pg_get_function_result(oid) LIKE 'TABLE(id text%'), 0::bigint,
          'no function returns a text id');

-- 2. joins without a cast, for each key type
CREATE TEMP TABLE w_int AS SELECT * FROM causal.weights('lalonde', 'treat', '{age,educ,re74}', 'rid');
CREATE TEMP TABLE w_big AS SELECT * FROM causal.weights('lalonde', 'treat', '{age,educ,re74}', 'r8');
CREATE TEMP TABLE w_txt AS SELECT * FROM causal.weights('lalonde', 'treat', '{age,educ,re74}', 'id');
CREATE TEMP TABLE w_uid AS SELECT * FROM causal.weights('lalonde', 'treat', '{age,educ,re74}', 'u');
SELECT is((SELECT format_type(atttypid, NULL) FROM pg_attribute
            WHERE attrelid = 'w_int'::regclass AND attname = 'id'), 'causal.id',
          'a table made from causal.weights has a causal.id column');
SELECT is((SELECT array_agg(l.rid || ':' || w.weight ORDER BY l.rid) FROM w_int w JOIN lalonde l ON w.id = l.rid),
          (SELECT array_agg(l.rid || ':' || w.weight ORDER BY l.rid) FROM w_int w JOIN lalonde l ON w.id::text = l.rid::text),
          'w.id = an integer column joins every row to its own weight (as the text join)');
SELECT is((SELECT count(*) FROM w_int w JOIN lalonde l ON l.rid = w.id), 614::bigint,
          'integer column = w.id joins too');
SELECT is((SELECT array_agg(l.rid || ':' || w.weight ORDER BY l.rid) FROM w_big w JOIN lalonde l ON w.id = l.r8),
          (SELECT array_agg(l.rid || ':' || w.weight ORDER BY l.rid) FROM w_big w JOIN lalonde l ON w.id::text = l.r8::text),
          'w.id = a bigint column (values past int4) joins as the text join');
SELECT is((SELECT array_agg(l.rid || ':' || w.weight ORDER BY l.rid) FROM w_txt w JOIN lalonde l ON w.id = l.id),
          (SELECT array_agg(l.rid || ':' || w.weight ORDER BY l.rid) FROM w_txt w JOIN lalonde l ON w.id::text = l.id),
          'w.id = a text column joins as the text join');
SELECT is((SELECT count(*) FROM w_txt w JOIN lalonde l USING (id)), 614::bigint,
          'JOIN ... USING (id) with a text key column');
SELECT is((SELECT array_agg(l.rid || ':' || w.weight ORDER BY l.rid) FROM w_uid w JOIN lalonde l ON w.id = l.u),
          (SELECT array_agg(l.rid || ':' || w.weight ORDER BY l.rid) FROM w_uid w JOIN lalonde l ON w.id::text = l.u::text),
          'w.id = a uuid column joins as the text join');
SELECT is((SELECT count(*) FROM causal.match('lalonde', 'treat', '{age,educ,re74}', 'rid') m
             JOIN lalonde l ON m.id = l.rid AND m.treated = (l.treat = 1)), 370::bigint,
          'causal.match rows join the table by an integer key: 185 treated and 185 matched controls');
SELECT is((SELECT count(*) FROM causal.propensity('lalonde', 'treat', '{age,educ}', 'r8') p JOIN lalonde l ON p.id = l.r8)
          + (SELECT count(*) FROM causal.learner_predict('lalonde', 're78', '{age,educ}', 'u') p JOIN lalonde l ON p.id = l.u),
          1228::bigint, 'propensity (bigint key) and learner_predict (uuid key) rows join their tables');

-- 3. the integer join is a hash join on PostgreSQL's integer equality, not a nested loop
SET LOCAL enable_mergejoin = off;
SET LOCAL enable_nestloop = off;
SELECT matches(pg_temp.plan('SELECT * FROM w_int w JOIN lalonde l ON w.id = l.rid'), 'Hash Join',
               'w.id = an integer column is hash-joinable');
SELECT matches(pg_temp.plan('SELECT * FROM w_txt w JOIN lalonde l ON w.id = l.id'), 'Hash Join',
               'w.id = a text column is hash-joinable');
SELECT matches(pg_temp.plan('SELECT * FROM w_int a JOIN w_int b ON a.id = b.id'), 'Hash Join',
               'two causal.id columns hash-join (causal schema not on the search path)');
SET LOCAL search_path = causal, public, pg_temp;
SELECT matches(pg_temp.plan('SELECT * FROM w_int a JOIN w_int b ON a.id = b.id'), 'Hash Join',
               'two causal.id columns hash-join with causal on the search path (causal.id''s own =)');
SELECT is((SELECT count(*) FROM w_int a JOIN w_int b ON a.id = b.id), 614::bigint,
          'and join each key to itself only');
SET LOCAL search_path = public, pg_temp;
RESET enable_mergejoin;
RESET enable_nestloop;

-- 4. order: integer keys by value (as PostgreSQL orders the integers), then other keys by bytes
SELECT is((SELECT array_agg(w.id::text ORDER BY w.id) FROM w_int w),
          (SELECT array_agg(l.rid::text ORDER BY l.rid) FROM lalonde l),
          'ORDER BY id sorts integer keys numerically');
CREATE TEMP TABLE keys (k text);
INSERT INTO keys VALUES ('-20'), ('-3'), ('0'), ('-0'), ('007'), ('7'), ('10'), ('9'), ('99999999999999999999'),
                        ('-99999999999999999999'), ('100000000000000000000'), ('1e3'), ('abc'), (''), ('Abc'),
                        ('a1'), ('-'), ('--1'), ('+5'), (' 1'), ('2 '), ('00'), ('-007'), ('ä'), ('z');
CREATE TEMP TABLE ranked AS
SELECT k, rank() OVER (ORDER BY (k ~ '^-?[0-9]+$') DESC, CASE WHEN k ~ '^-?[0-9]+$' THEN k::numeric END,
                                 convert_to(k, 'UTF8')) AS r
  FROM keys;
SELECT is((SELECT count(*) FROM ranked a, ranked b
            WHERE (a.k::causal.id OPERATOR(causal.<) b.k::causal.id) IS DISTINCT FROM (a.r < b.r)
               OR (a.k::causal.id OPERATOR(causal.<=) b.k::causal.id) IS DISTINCT FROM (a.r <= b.r)
               OR (a.k::causal.id OPERATOR(causal.=) b.k::causal.id) IS DISTINCT FROM (a.r = b.r)
               OR (a.k::causal.id OPERATOR(causal.<>) b.k::causal.id) IS DISTINCT FROM (a.r <> b.r)
               OR (a.k::causal.id OPERATOR(causal.>=) b.k::causal.id) IS DISTINCT FROM (a.r >= b.r)
               OR (a.k::causal.id OPERATOR(causal.>) b.k::causal.id) IS DISTINCT FROM (a.r > b.r)
               OR sign(causal.id_cmp(a.k::causal.id, b.k::causal.id)) IS DISTINCT FROM sign(a.r - b.r)::int),
          0::bigint, 'every operator agrees with the reference order on 625 pairs of keys (integers, leading zeros, signs, past int64, text)');
SELECT is((SELECT array_agg(k ORDER BY k::causal.id) FROM keys), (SELECT array_agg(k ORDER BY r) FROM ranked),
          'ORDER BY a causal.id column sorts by that order');

-- 5. equality is byte equality and the hash agrees with it
CREATE TEMP TABLE dup AS SELECT (k || '')::causal.id AS id FROM keys, generate_series(1, 3);
SET LOCAL enable_sort = off;
SELECT is((SELECT count(*) FROM (SELECT id FROM dup GROUP BY id) g), (SELECT count(DISTINCT k) FROM keys),
          'hash grouping of keys: one group per distinct key text');
RESET enable_sort;
SET LOCAL enable_hashagg = off;
SELECT is((SELECT count(*) FROM (SELECT id FROM dup GROUP BY id) g), (SELECT count(DISTINCT k) FROM keys),
          'sort grouping of keys: one group per distinct key text');
RESET enable_hashagg;

-- 6. casts
SELECT is(ARRAY['42'::causal.id::int::text, '-9223372036854775808'::causal.id::bigint::text,
                '-2147483648'::causal.id::int::text, '9223372036854775807'::causal.id::bigint::text,
                '-007'::causal.id::int::text, '-0'::causal.id::bigint::text,
                'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::causal.id::uuid::text, length('NSW12'::causal.id)::text],
          ARRAY['42'::int::text, '-9223372036854775808'::bigint::text,
                '-2147483648'::int::text, '9223372036854775807'::bigint::text,
                '-007'::int::text, '-0'::bigint::text,
                'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::text, '5'],
          'casts to integer, bigint and uuid give PostgreSQL''s own values; text functions take an id');
SELECT throws_ok($$SELECT 'NSW1'::causal.id::int$$, '22P02', NULL, 'a text key cast to integer: 22P02 naming the key');
SELECT throws_ok($$SELECT count(*) FROM w_txt w JOIN lalonde l ON w.id = l.rid$$, '22P02', NULL,
                 'joining text keys to an integer column: 22P02, not a silent empty join');
SELECT throws_ok($$SELECT '2147483648'::causal.id::int$$, '22003', NULL, 'an integer key past int4: 22003');
SELECT throws_ok($$SELECT '-9223372036854775809'::causal.id::bigint$$, '22003', NULL, 'an integer key past int8: 22003');
SELECT throws_ok($$SELECT '-'::causal.id::bigint$$, '22P02', NULL, 'a lone minus is not an integer: 22P02');
SELECT is((SELECT causal.id_send(w.id) = textsend(w.id::text) FROM w_txt w LIMIT 1), true,
          'the binary form of an id is text''s');

SELECT * FROM finish();
ROLLBACK;
