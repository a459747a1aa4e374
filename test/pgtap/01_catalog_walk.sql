-- The catalog walk: every function and aggregate of the extension, found in pg_catalog, is
-- called with sample arguments, then with each argument NULL in turn and each sketch argument
-- the sketch of zero rows; every aggregate over zero rows, over all-NULL rows and over a GROUP BY
-- group whose rows are all filtered out (test/walk/walk.sql builds the calls).  Each outcome must
-- be a result or an error with a SQLSTATE other than XX000 (internal error); a crash ends the
-- file early and fails it.  A new function is walked as soon as its arguments have samples, and
-- the first test fails naming any argument that has none.
\set ON_ERROR_STOP 1
\set QUIET 1
BEGIN;
\i test/walk/walk.sql

-- runs every call in a subtransaction and keeps (function, label, SQLSTATE, message)
CREATE TEMP TABLE walk_outcome AS SELECT NULL::regprocedure AS fn, ''::text AS label, ''::text AS state,
                                         ''::text AS message, ''::text AS sql LIMIT 0;
DO $$
DECLARE
    c record;
    st text;
    msg text;
BEGIN
    FOR c IN SELECT * FROM causal_walk_calls() WHERE label <> 'missing' LOOP
        st := NULL;
        msg := NULL;
        BEGIN
            EXECUTE c.sql;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
        END;
        INSERT INTO walk_outcome VALUES (c.fn, c.label, st, msg, c.sql);
    END LOOP;
END
$$;

SELECT plan(3 + (SELECT count(DISTINCT fn)::int FROM walk_outcome));

SELECT is((SELECT string_agg(fn::text || ': ' || sql, E'\n') FROM causal_walk_calls() WHERE label = 'missing'),
          NULL, 'every argument of every function has a sample value in test/walk/walk.sql');
SELECT cmp_ok((SELECT count(*) FROM walk_outcome), '>', 700::bigint, 'the walk made its calls');
SELECT is((SELECT string_agg(format('%s: %s %s', fn, state, message), E'\n') FROM walk_outcome
            WHERE label = 'baseline' AND state IS NOT NULL),
          NULL, 'every function runs on its sample arguments (so the NULL calls reach past the first check)');

-- per function: no internal error, whatever the argument
SELECT ok(bool_and(state IS DISTINCT FROM 'XX000'),
          format('%s: no internal error (XX000) in %s calls', fn, count(*)))
       || coalesce(E'\n' || diag(string_agg(format('%s -> %s %s', label, state, message), E'\n')
                                 FILTER (WHERE state = 'XX000')), '')
  FROM walk_outcome GROUP BY fn ORDER BY fn::text;

SELECT * FROM finish();
ROLLBACK;
