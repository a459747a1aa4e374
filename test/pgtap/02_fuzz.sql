-- The sketch fuzz target (test/fuzz/fuzz.sql): mutated text and binary forms of every sketch
-- type and of causal.graph, each accepted value fed to every function that takes the type.  Bounded and seeded by
-- the settings causal_fuzz.values (default 1500), causal_fuzz.seconds (30) and causal_fuzz.seed
-- (0.42); `make fuzz` runs 10,000 values, `make check-asan` two minutes.  A crash fails the file.
\set ON_ERROR_STOP 1
\set QUIET 1
BEGIN;
\i test/walk/walk.sql
\i test/fuzz/fuzz.sql
CREATE TEMP TABLE fuzz_out AS
SELECT * FROM causal_fuzz(coalesce(nullif(current_setting('causal_fuzz.seed', true), '')::float8, 0.42),
                          coalesce(nullif(current_setting('causal_fuzz.values', true), '')::int, 1500),
                          coalesce(nullif(current_setting('causal_fuzz.seconds', true), '')::float8, 30));

SELECT plan(6);
SELECT diag(format('%s mutated values (%s text, %s binary); %s accepted; %s calls on them',
                   sum(n) FILTER (WHERE step LIKE '% input'), sum(n) FILTER (WHERE step = 'text input'),
                   sum(n) FILTER (WHERE step = 'binary input'),
                   sum(n) FILTER (WHERE step LIKE '% input' AND state IS NULL),
                   sum(n) FILTER (WHERE step LIKE '% call')))
  FROM fuzz_out;
SELECT is((SELECT string_agg(format('%s %s: %s', typ, step, example), E'\n') FROM fuzz_out WHERE state = 'XX000'),
          NULL, 'no internal error (XX000) from an input function or a function reading a mutated sketch');
SELECT is((SELECT string_agg(format('%s %s: %s', typ, step, example), E'\n') FROM fuzz_out WHERE state = 'NaN'),
          NULL, 'no NaN or infinity in the result of a function reading an accepted sketch');
SELECT cmp_ok((SELECT max(max_ms) FROM fuzz_out), '<', 5000::float8, 'no call on a mutated sketch took 5 s or more (no hang)');
SELECT is((SELECT count(DISTINCT typ) FROM fuzz_out WHERE step = 'text input' AND state IS NULL), 4::bigint,
          'some mutated text values of every sketch type are accepted and reach the functions');
SELECT is((SELECT count(DISTINCT typ) FROM fuzz_out WHERE step = 'binary input' AND state IS NULL), 4::bigint,
          'some mutated binary values of every sketch type are accepted and reach the functions');
-- 42703: causal.estimate reads a table, and a mutated graph can name an adjustment node that is no column
SELECT ok((SELECT bool_and(state IS NULL OR state = 'NaN' OR state ~ '^(22|08|0A|54|42703)') FROM fuzz_out),
          'every rejection is a data, protocol, feature or limit error (or an unknown column)');
SELECT * FROM finish();
ROLLBACK;
