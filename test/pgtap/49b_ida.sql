-- IDA from a moment sketch (causal.ida, local method) against the global method: for 12 random
-- CPDAGs of 8 nodes (dagitty: the CPDAG and every DAG of its class), the effect of x on y in each
-- DAG by numpy least squares on simulated data (test/data/ida_reference.csv, ida_data.csv, made by
-- test/scripts/make_ida_reference.js and .py).  Maathuis et al. (2009, Thm 4.1): the local
-- method's distinct values are the global ones.  And against pcalg's local IDA itself, multiset
-- for multiset.  Tolerance 1e-8.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(11);

CREATE TEMP TABLE idad (id text, row int, v1 float8, v2 float8, v3 float8, v4 float8, v5 float8, v6 float8, v7 float8, v8 float8);
\copy idad FROM 'test/data/ida_data.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE idaref (id text, cpdag text, x text, y text, members int, effects text);
\copy idaref FROM 'test/data/ida_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE sk AS SELECT id, causal.moments(v1, v2, v3, v4, v5, v6, v7, v8) AS m FROM idad GROUP BY id;
CREATE TEMP TABLE ours AS
SELECT r.id, i.parents, i.effect
  FROM idaref r JOIN sk USING (id),
       causal.ida(sk.m, r.cpdag::causal.graph, r.x, r.y, '{v1,v2,v3,v4,v5,v6,v7,v8}') i;
-- distinct values of ours matched one to one with the reference's, within 1e-8
CREATE TEMP TABLE cmp AS
SELECT r.id, r.effects,
       (SELECT count(*) FROM unnest(string_to_array(r.effects, '|')::float8[]) e
         WHERE EXISTS (SELECT 1 FROM ours o WHERE o.id = r.id AND abs(o.effect - e) < 1e-8)) AS found,
       cardinality(string_to_array(r.effects, '|')) AS expected,
       (SELECT count(*) FROM ours o WHERE o.id = r.id
         AND NOT EXISTS (SELECT 1 FROM unnest(string_to_array(r.effects, '|')::float8[]) e WHERE abs(o.effect - e) < 1e-8)) AS stray
  FROM idaref r;
SELECT is((SELECT count(*) FROM cmp WHERE found = expected AND stray = 0), 12::bigint,
          'on 12 CPDAGs the local IDA values are the distinct effects over all DAGs of the class');
SELECT diag(format('%s: reference %s, found %s of %s, %s stray', id, effects, found, expected, stray)) FROM cmp
 WHERE found <> expected OR stray > 0;
-- pcalg's ida(method = "local") (test/data/pcalg_reference.tsv, test/scripts/make_pcalg_reference.R):
-- the same multiset, repeats included, element by element in sorted order within 1e-8
CREATE TEMP TABLE pref (id text, kind text, graph text, query text, x text, y text, z text, expected text);
\copy pref FROM 'test/data/pcalg_reference.tsv' WITH (FORMAT text, HEADER true)
CREATE TEMP TABLE pcmp AS
SELECT p.id,
       (SELECT array_agg(e ORDER BY e) FROM unnest(string_to_array(p.expected, '|')::float8[]) e) AS theirs,
       (SELECT array_agg(o.effect ORDER BY o.effect) FROM ours o WHERE o.id = p.id) AS mine
  FROM pref p WHERE p.query = 'ida';
SELECT is((SELECT count(*) FROM pcmp
            WHERE cardinality(theirs) = cardinality(mine)
              AND (SELECT bool_and(abs(theirs[i] - mine[i]) < 1e-8) FROM generate_subscripts(theirs, 1) i)), 12::bigint,
          'on 12 CPDAGs the multiset of effects equals pcalg''s local IDA');
SELECT diag(format('%s: pcalg %s, ours %s', id, theirs, mine)) FROM pcmp
 WHERE cardinality(theirs) IS DISTINCT FROM cardinality(mine)
    OR NOT (SELECT bool_and(abs(theirs[i] - mine[i]) < 1e-8) FROM generate_subscripts(theirs, 1) i);
SELECT ok((SELECT sum(cardinality(theirs)) FROM pcmp) > (SELECT count(*) FROM pcmp p, LATERAL (SELECT DISTINCT round(e::numeric, 8) FROM unnest(p.theirs) e) d),
          'the multisets have repeated values (not only the distinct ones)');
SELECT ok((SELECT count(*) FROM ours) >= (SELECT count(DISTINCT (id, effect)) FROM ours), 'one row per valid parent set');
SELECT ok((SELECT bool_or(effect = 0) FROM ours WHERE id = 'ida7'), 'an outcome among the possible parents gives 0');
SELECT is((SELECT count(*) FROM causal.ida((SELECT m FROM sk WHERE id = 'ida0'), 'v1 --> v2; v2 --> v3'::causal.graph, 'v2', 'v3',
                                             '{v1,v2,v3,v4,v5,v6,v7,v8}')), 1::bigint, 'a DAG: one parent set, one effect');

SELECT throws_ok($$SELECT * FROM causal.ida((SELECT m FROM sk WHERE id = 'ida0'), 'v1 --> v2; v2 <-> v3', 'v2', 'v3', '{v1,v2,v3,v4,v5,v6,v7,v8}')$$,
                 '0A000', NULL, 'latent confounding is not IDA''s');
SELECT throws_ok($$SELECT * FROM causal.ida((SELECT m FROM sk WHERE id = 'ida0'), 'v1 --> v2; q --> v2; v2 --> v3', 'v2', 'v3', '{v1,v2,v3,v4,v5,v6,v7,v8}')$$,
                 '42703', NULL, 'a parent that is not a column of the sketch');
SELECT throws_ok($$SELECT * FROM causal.ida((SELECT m FROM sk WHERE id = 'ida0'), 'v1 --> v2', 'v2', 'v1', '{v1,v2}')$$,
                 '22023', NULL, 'names must name every column');
SELECT throws_ok($$SELECT * FROM causal.ida((SELECT m FROM sk WHERE id = 'ida0'), 'v1 --> v2', 'v2', 'v9', '{v1,v2,v3,v4,v5,v6,v7,v8}')$$,
                 '22023', NULL, 'an outcome not in the graph');
SELECT throws_ok($$SELECT * FROM causal.ida((SELECT m FROM sk WHERE id = 'ida0'),
                   (SELECT string_agg(format('c%s --- x', i), '; ') || '; x --> v1' FROM generate_series(1, 21) i)::causal.graph,
                   'x', 'v1', '{v1,v2,v3,v4,v5,v6,v7,v8}')$$, '54000', NULL, 'more than 20 siblings');

SELECT * FROM finish();
ROLLBACK;
