-- causal.graph: text and binary I/O, the aggregate over edge rows, relatives,
-- and d-separation / adjustment sets / identification against dagitty
-- (test/data/graph_reference.tsv, made by test/scripts/make_graph_reference.js; PAGs in
-- test/data/pag_reference.tsv, made by test/scripts/make_pag_reference.js).
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
SET client_min_messages = warning;

BEGIN;
SELECT plan(89);

-- I/O -----------------------------------------------------------------------
SELECT has_type('causal', 'graph', 'causal.graph exists');
SELECT is('z --> x; z --> y; x --> y; u <-> y; w'::causal.graph::text,
          'z --> x; z --> y; x --> y; u <-> y; w', 'text round trip of a DAG with a bidirected edge and an isolated node');
SELECT is('a <-- b; c <-o d; e o-- f; g --o h; "x y" --- "q""r"; i o-o j'::causal.graph::text,
          'b --> a; d o-> c; f --o e; g --o h; "x y" --- "q""r"; i o-o j',
          'marks pointing back are written from the other node; names with other characters are quoted');
SELECT is(('a --> b --> c <-- d' || E'\n' || 'e')::causal.graph::text, 'a --> b; b --> c; d --> c; e',
          'chains and new lines');
SELECT is(''::causal.graph::text, '', 'the empty graph');
SELECT is(causal.nodes('b --> a; c'), '{b,a,c}'::text[], 'nodes in order of appearance');
SELECT is(causal.graph_kind('a --> b'), 'dag', 'kind dag');
SELECT is(causal.graph_kind('a --> b; a <-> b'), 'admg', 'kind admg (a bow arc is one directed and one bidirected edge)');
SELECT is(causal.graph_kind('a --> b; b --- c'), 'cpdag', 'kind cpdag');
SELECT is(causal.graph_kind('a o-> b'), 'pag', 'kind pag');
SELECT is('a --- b; b --- a; a --- b'::causal.graph::text, 'a --- b', 'a repeated edge is kept once');

CREATE TEMP TABLE gbin (id int, g causal.graph);
INSERT INTO gbin VALUES (1, 'z --> x; z --> y; x --> y; u <-> y; w'), (2, ''), (3, '"a""b" o-> c; c <-> d; d --> c');
\copy gbin TO '/tmp/causal_tap_graph.bin' WITH (FORMAT binary)
CREATE TEMP TABLE gbin2 (LIKE gbin);
\copy gbin2 FROM '/tmp/causal_tap_graph.bin' WITH (FORMAT binary)
SELECT is((SELECT string_agg(g::text, ' | ' ORDER BY id) FROM gbin2),
          (SELECT string_agg(g::text, ' | ' ORDER BY id) FROM gbin), 'binary round trip (COPY BINARY)');
SELECT is((SELECT causal.graph_send(g) FROM gbin WHERE id = 3),
          (SELECT causal.graph_send(g) FROM gbin2 WHERE id = 3), 'binary form is stable across a round trip');

-- the aggregate ---------------------------------------------------------------
SELECT is((SELECT causal.graph(s, t, e)::text FROM (VALUES ('a', 'b', '-->'), ('b', 'c', '---'), ('c', 'b', '---'),
                                                         ('d', NULL, NULL), (NULL, NULL, NULL)) v(s, t, e)),
          'a --> b; b --- c; d', 'aggregate: undirected edges given both ways, an isolated node, an empty row');
SELECT is((SELECT causal.graph(s, t, e)::text FROM (VALUES ('a', 'b', '-->')) v(s, t, e) WHERE false), '',
          'aggregate over no rows: the empty graph');
SELECT is((SELECT causal.graph(source, target, edge)::text FROM causal.edges('x --> y; y <-> z; w')), 'x --> y; y <-> z',
          'edges() feeds the aggregate back (isolated nodes are not edges)');
SELECT is((SELECT causal.graph(source, target, edge)::text
             FROM causal.pc((SELECT causal.moments(a, b, c) FROM (SELECT x, x + sin(i), x + cos(3 * i)
                                                                  FROM (SELECT i, sin(7.3 * i) * 2 AS x FROM generate_series(1, 2000) i) q) r(a, b, c)),
                            '{a,b,c}')),
          'a --- b; a --- c', 'the PC output of a fork builds its CPDAG');

CREATE TABLE causal_test_graph_rows AS
SELECT 'v' || (i % 9000) AS s, 'v' || (i % 9000 + 1 + i / 9000) AS t,
       CASE WHEN i % 5 = 0 THEN '<->' ELSE '-->' END AS e
  FROM generate_series(0, 59999) i;
ANALYZE causal_test_graph_rows;
CREATE TEMP TABLE gserial AS SELECT causal.graph(s, t, e) AS g FROM causal_test_graph_rows;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
CREATE FUNCTION pg_temp.plan_lines(q text) RETURNS SETOF text LANGUAGE plpgsql AS $f$
DECLARE l text;
BEGIN
    FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP RETURN NEXT l; END LOOP;
END $f$;
SELECT ok(EXISTS (SELECT 1 FROM pg_temp.plan_lines($$SELECT causal.graph(s, t, e) FROM causal_test_graph_rows$$) l
                   WHERE l ~ 'Partial Aggregate'), 'the aggregate runs as a partial aggregate');
SELECT is((SELECT array_length(causal.nodes(causal.graph(s, t, e)), 1) FROM causal_test_graph_rows),
          (SELECT array_length(causal.nodes(g), 1) FROM gserial), 'parallel and serial aggregates have the same nodes');
SELECT is((SELECT count(*) FROM causal.edges((SELECT causal.graph(s, t, e) FROM causal_test_graph_rows))),
          60000::bigint, 'and all 60000 edges');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- renderings ----------------------------------------------------------------------
SELECT is(causal.dot('a --> b; b <-> c; d'), E'digraph {\n  "a" -> "b";\n  "b" -> "c" [dir=both];\n  "d";\n}',
          'DOT with an isolated node');
SELECT ok(causal.dot('a --o b; b o-o c') LIKE E'%"a" -> "b" [dir=both, arrowtail=none, arrowhead=odot];%'
          AND causal.mermaid('a --o b') LIKE '%"] --o n%',
          'a --o edge (FCI can leave one) renders in DOT and Mermaid');
SELECT is(causal.mermaid('a --> b'), (SELECT causal.mermaid(source, target, edge) FROM causal.edges('a --> b')),
          'Mermaid of a graph equals the edge-row aggregate');

-- relatives (closed form on a small DAG) ---------------------------------------------
SELECT is(causal.parents('a --> c; b --> c; c --> d; a --> d', 'd'), '{a,c}'::text[], 'parents');
SELECT is(causal.children('a --> c; b --> c; c --> d; a --> d', 'a'), '{c,d}'::text[], 'children');
SELECT is(causal.ancestors('a --> c; b --> c; c --> d; a --> d; e --> b', '{c}'), '{a,c,b,e}'::text[],
          'ancestors include the node (as dagitty)');
SELECT is(causal.descendants('a --> c; b --> c; c --> d; a --> d; e --> b', '{b}'), '{c,b,d}'::text[],
          'descendants include the node');

-- against dagitty ---------------------------------------------------------------------
CREATE TEMP TABLE gref (id text, kind text, graph text, query text, x text, y text, z text, expected text);
\copy gref FROM 'test/data/graph_reference.tsv' WITH (FORMAT text, HEADER true)
\copy gref FROM 'test/data/pag_reference.tsv' WITH (FORMAT text, HEADER true)
CREATE FUNCTION pg_temp.names(s text) RETURNS text[] LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN s = '-' THEN '{}'::text[] ELSE string_to_array(s, ',') END;
CREATE FUNCTION pg_temp.setstr(a text[]) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN a IS NULL THEN 'NONE'
                ELSE coalesce(nullif(array_to_string(ARRAY(SELECT u FROM unnest(a) u ORDER BY u COLLATE "C"), ','), ''), '-') END;
CREATE TEMP TABLE gours AS
SELECT r.*, CASE r.query
   WHEN 'dsep' THEN CASE WHEN causal.d_separated(r.graph::causal.graph, pg_temp.names(r.x), pg_temp.names(r.y),
                                                 pg_temp.names(r.z)) THEN 't' ELSE 'f' END
   WHEN 'adjust' THEN CASE WHEN causal.is_adjustment_set(r.graph::causal.graph, pg_temp.names(r.x), pg_temp.names(r.y),
                                                         pg_temp.names(r.z)) THEN 't' ELSE 'f' END
   WHEN 'instruments' THEN (SELECT coalesce(string_agg(instrument || ':' || pg_temp.setstr(conditioning), '|'
                                                       ORDER BY instrument || ':' || pg_temp.setstr(conditioning) COLLATE "C"), 'NONE')
                              FROM causal.instruments(r.graph::causal.graph, r.x, r.y))
   WHEN 'minimal' THEN (SELECT string_agg(s, '|' ORDER BY s COLLATE "C")
                          FROM (SELECT pg_temp.setstr(covariates) s
                                  FROM causal.adjustment_sets(r.graph::causal.graph, pg_temp.names(r.x),
                                                              pg_temp.names(r.y), 'minimal', 100000)) q)
   ELSE (SELECT pg_temp.setstr(covariates)
           FROM causal.adjustment_sets(r.graph::causal.graph, pg_temp.names(r.x), pg_temp.names(r.y), r.query))
   END AS ours
  FROM gref r;
SELECT ok(count(*) >= 60, 'at least 60 graphs in the dagitty reference') FROM (SELECT DISTINCT id FROM gref) d;
SELECT is(count(*) FILTER (WHERE ours IS DISTINCT FROM expected), 0::bigint,
          format('%s on %s graphs (%s): %s queries equal dagitty', q.query, q.kind, count(DISTINCT id), count(*)))
  FROM gours JOIN (SELECT DISTINCT query, kind FROM gref) q USING (query, kind)
 GROUP BY q.query, q.kind ORDER BY q.query, q.kind;
SELECT diag(format('%s %s x=%s y=%s z=%s: dagitty %s, ours %s', id, query, x, y, z, left(expected, 80), left(ours, 80)))
  FROM gours WHERE ours IS DISTINCT FROM expected;
SELECT ok(count(*) FILTER (WHERE expected = 't') >= 40 AND count(*) FILTER (WHERE expected = 'f') >= 40,
          'the d-separation and adjustment checks have both answers often')
  FROM gref WHERE query IN ('dsep', 'adjust');
SELECT ok(max(array_length(string_to_array(expected, '|'), 1)) > 100,
          'one reference graph (200 nodes) has more than 100 minimal sets')
  FROM gref WHERE query = 'minimal';

-- against pcalg (test/data/pcalg_reference.tsv, made by test/scripts/make_pcalg_reference.R):
-- its generalized adjustment criterion (gac) on the DAGs, CPDAGs and R1-closed PAGs above, and
-- its optimal set (optAdjSet).  On 7 PAG checks pcalg and dagitty differ, and ours says what dagitty
-- says: pcalg's amenability lets a possibly causal path start with x o-> w (4 checks; it may be
-- x <-> w in a MAG of the class), and pcalg ignores a back-door path x <-o c o-> y through a node
-- without definite status (3 checks; open in the MAG c --> x, c --> y of the class).
CREATE TEMP TABLE pref (id text, kind text, graph text, query text, x text, y text, z text, expected text);
\copy pref FROM 'test/data/pcalg_reference.tsv' WITH (FORMAT text, HEADER true)
CREATE TEMP TABLE pours AS
SELECT p.*, CASE p.query
   WHEN 'gac' THEN CASE WHEN causal.is_adjustment_set(p.graph::causal.graph, pg_temp.names(p.x), pg_temp.names(p.y),
                                                      pg_temp.names(p.z)) THEN 't' ELSE 'f' END
   ELSE (SELECT pg_temp.setstr(covariates)
           FROM causal.adjustment_sets(p.graph::causal.graph, pg_temp.names(p.x), pg_temp.names(p.y), 'optimal'))
   END AS ours
  FROM pref p WHERE p.query IN ('gac', 'optimal');
SELECT is(count(*) FILTER (WHERE ours IS DISTINCT FROM expected), 0::bigint,
          format('%s on %s graphs (%s): %s answers equal pcalg''s', query, kind, count(DISTINCT id), count(*)))
  FROM pours WHERE kind IN ('dag', 'cpdag') GROUP BY query, kind ORDER BY query, kind;
SELECT is(count(*) FILTER (WHERE o.ours IS DISTINCT FROM o.expected), 7::bigint,
          format('gac on PAGs (%s graphs): %s of %s answers equal pcalg''s, the 7 others dagitty''s',
                 count(DISTINCT o.id), count(*) FILTER (WHERE o.ours = o.expected), count(*)))
  FROM pours o WHERE o.kind = 'pag';
SELECT is(count(*), 0::bigint, 'where ours differs from pcalg on a PAG, dagitty says what ours says')
  FROM pours o
 WHERE o.kind = 'pag' AND o.ours <> o.expected
   AND NOT EXISTS (SELECT 1 FROM gref d WHERE d.id = o.id AND d.query = 'adjust' AND d.x = o.x AND d.y = o.y
                                          AND d.z = o.z AND d.expected = o.ours);

-- identification ------------------------------------------------------------------------
SELECT is((SELECT string_agg(format('%s/%s/%s', strategy, kind, variables), ' ' ORDER BY kind DESC, variables)
             FROM causal.identify('a --> x; a --> b; b --> y; c --> b; c --> y; x --> y', 'x', 'y') WHERE strategy = 'backdoor'),
          'backdoor/optimal/{b,c} backdoor/minimal/{a} backdoor/minimal/{b,c}',
          'identify: the optimal set first, then the minimal sets');
SELECT is((SELECT string_agg(format('%s/%s/%s/%s', strategy, kind, variables, conditioning), ' ' ORDER BY strategy)
             FROM causal.identify('z --> x; x --> y; x <-> y', 'x', 'y')),
          'backdoor/// iv/unconditional/{z}/{}',
          'identify: no adjustment set, but an instrument');
SELECT is((SELECT format('%s/%s/%s', kind, variables, conditioning)
             FROM causal.identify('w --> z; w --> y; z --> x; x --> y; u --> x; u --> y', 'x', 'y') WHERE strategy = 'iv'),
          'conditional/{z}/{w}', 'identify: a conditional instrument with its conditioning set');
SELECT is((SELECT strategy || ': ' || note FROM causal.identify('x --> m; m --> y; x <-> y; m <-> y', 'x', 'y')),
          'none: not identifiable by adjustment: a latent confounder (x <-> y) joins the treatment to the outcome',
          'identify: a latent confounder of treatment and outcome (and no front-door set) is reported, not estimated');
SELECT ok((SELECT note ~ 'not adjustment amenable.*x --- y' FROM causal.identify('x --- y', 'x', 'y')),
          'identify: a non-amenable CPDAG is reported with the undirected edge');
SELECT is((SELECT format('%s/%s', kind, variables) FROM causal.identify('z --> x; a --> y; z --> a; x --> b', 'x', 'y') LIMIT 1),
          'canonical/{z,a}', 'identify: an outcome the treatment cannot reach gets the canonical set');
SELECT is((SELECT format('%s/%s', kind, variables) FROM causal.identify('z --> x; z --> y; x --> y; x <-> w; w --> y', 'x', 'y') LIMIT 1),
          'canonical/{z,w}', 'identify in an ADMG: the canonical set');
SELECT is((SELECT note FROM causal.adjustment_sets('x --> y', '{x}', '{y}', 'optimal')), NULL,
          'adjustment_sets: no note when a set exists');
SELECT ok((SELECT note ~ 'more minimal sets exist' FROM causal.adjustment_sets(
             (SELECT string_agg(format('c%s --> x; c%s --> d%s; d%s --> y', i, i, i, i), '; ') || '; x --> y'
                FROM generate_series(1, 6) i)::causal.graph, '{x}', '{y}', 'minimal', 5) OFFSET 4),
          'adjustment_sets: a bounded list says that more sets exist');

-- bad input -------------------------------------------------------------------------------
SELECT throws_ok($$SELECT 'a -> b'::causal.graph$$, '22P02', NULL, 'an unknown mark');
SELECT throws_ok($$SELECT 'a --> '::causal.graph$$, '22P02', NULL, 'a mark without a node after it');
SELECT throws_ok($$SELECT '"a --> b'::causal.graph$$, '22P02', NULL, 'an unterminated quoted name');
SELECT throws_ok($$SELECT 'a --> a'::causal.graph$$, '22023', 'edge from "a" to itself', 'a self-loop');
SELECT throws_ok($$SELECT 'a --> b; b --> a'::causal.graph$$, '22023', NULL, 'two directed edges between one pair');
SELECT throws_ok($$SELECT (SELECT string_agg('v' || i, '; ') FROM generate_series(1, 10001) i)::causal.graph$$,
                 '54000', 'causal.graph holds at most 10000 nodes', 'beyond the node limit');
SELECT throws_ok($$SELECT causal.graph(s, t, e) FROM (VALUES ('a', NULL, '-->')) v(s, t, e)$$, '22004',
                 'causal.graph: target is NULL in an edge row', 'aggregate: a NULL target');
SELECT throws_ok($$SELECT causal.graph(s, t, e) FROM (VALUES ('a', 'b', '->')) v(s, t, e)$$, '22023', NULL,
                 'aggregate: an unknown edge');
SELECT throws_ok($$SELECT causal.d_separated('a --> b', '{a}', '{q}')$$, '22023',
                 'causal.d_separated: y "q" is not a node of the graph', 'a node not in the graph');
SELECT throws_ok($$SELECT causal.d_separated('a --> b', '{a}', '{b}', '{a}')$$, '22023', NULL, 'x inside given');
SELECT throws_ok($$SELECT causal.d_separated('a --> b', '{a}', ARRAY['b', NULL])$$, '22004', NULL, 'a NULL node name');
SELECT throws_ok($$SELECT * FROM causal.identify('x --> y; y --> z; z --> x', 'x', 'y')$$, '22023',
                 NULL, 'a cyclic "DAG"');
SELECT throws_ok($$SELECT * FROM causal.identify('y --> x', 'x', 'y')$$, '22023',
                 'causal.identify: outcome "y" is an ancestor of the treatment', 'the outcome is an ancestor of the treatment');
SELECT throws_ok($$SELECT * FROM causal.identify('x --> y', 'x', 'x')$$, '22023', NULL, 'treatment equals outcome');
SELECT is((SELECT strategy || ': ' || note FROM causal.identify('x o-> y', 'x', 'y')),
          'none: not identifiable by adjustment: the PAG is not adjustment amenable (the edge from x to y starts a possibly causal path to the outcome and is not a visible directed edge: a latent confounder of the two cannot be ruled out)',
          'a PAG whose first causal edge has a circle at the treatment: not identifiable, with the reason');
SELECT is((SELECT string_agg(format('%s/%s/%s', strategy, kind, variables), ' ')
             FROM causal.identify('a o-> x; x --> y; b o-> y', 'x', 'y')),
          'backdoor/canonical/{a,b} backdoor/minimal/{}',
          'a PAG with a visible edge x --> y: the canonical set and the minimal sets (no optimal set)');
SELECT is((SELECT array_agg(covariates) FROM causal.adjustment_sets('c o-> x; c o-> y; x --> y; d o-> x', '{x}', '{y}')),
          '{{c}}'::text[][], 'the minimal sets of a PAG (dagitty: {c})');
SELECT throws_ok($$SELECT * FROM causal.adjustment_sets('a o-> x; x --> y', '{x}', '{y}', 'optimal')$$, '0A000', NULL,
                 'the optimal set of a PAG');
SELECT throws_ok($$SELECT * FROM causal.identify('x --> y; y --- z; z <-> x', 'x', 'y')$$, '22023', NULL,
                 'undirected and bidirected edges together');
SELECT throws_ok($$SELECT * FROM causal.adjustment_sets('x --> y; x <-> y', '{x}', '{y}', 'optimal')$$, '0A000', NULL,
                 'the optimal set of an ADMG');
SELECT throws_ok($$SELECT * FROM causal.adjustment_sets('x --> y', '{x}', '{y}', 'best')$$, '22023', NULL, 'an unknown kind');
SELECT throws_ok($$SELECT * FROM causal.adjustment_sets('x --> y', '{x}', '{y}', 'minimal', 0)$$, '22023', NULL, 'max_sets 0');
SELECT is(causal.d_separated(NULL, '{a}', '{b}'), NULL, 'a NULL graph gives NULL');
SET LOCAL causal.max_memory = '1MB';
SELECT throws_ok($$SELECT * FROM causal.adjustment_sets(
                    (SELECT string_agg(format('p%s --> y; p%s --> x', i, i), '; ') || '; x --> y'
                       FROM generate_series(1, 400) i)::causal.graph, '{x}', '{y}')$$,
                 '54000', NULL, 'a moral graph beyond causal.max_memory (a node with 400 parents) is refused');
RESET causal.max_memory;

SELECT * FROM finish();
ROLLBACK;
