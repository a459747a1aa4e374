-- PC on simulated linear SEMs with a known DAG (causal.simulate_sem_graph):
-- skeleton F1 >= 0.9 at n = 10,000 for k = 10, 20, 50; identical graphs from
-- a table, from its sketch and from a merge of per-partition sketches;
-- DOT and Mermaid rendering; bad input.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(29);

-- skeleton F1 of PC (Fisher-z, alpha 0.05) against the true DAG
CREATE FUNCTION pg_temp.f1(k int, seed bigint, edge_prob float8) RETURNS float8 LANGUAGE sql AS $$
  WITH est AS (SELECT least(source, target) a, greatest(source, target) b
                 FROM causal.pc((SELECT causal.moments(VARIADIC x) FROM causal.simulate_sem(10000, k, seed, edge_prob)),
                                ARRAY(SELECT 'x' || i FROM generate_series(1, k) i))),
       tru AS (SELECT least(source, target) a, greatest(source, target) b
                 FROM causal.simulate_sem_graph(k, seed, edge_prob)),
       tp AS (SELECT count(*) c FROM est JOIN tru USING (a, b))
  SELECT 2.0 * tp.c / nullif((SELECT count(*) FROM est) + (SELECT count(*) FROM tru), 0) FROM tp
$$;
SELECT ok(f1 >= 0.9, format('skeleton F1 at k = %s: %s', k, round(f1::numeric, 3)))
  FROM (SELECT k, pg_temp.f1(k, 100 + k, p) AS f1
          FROM (VALUES (10, 0.3), (20, 0.15), (50, 0.05)) v(k, p)) t ORDER BY k;

-- the same graph from a table, its sketch, and a merge of partial sketches
CREATE TABLE causal_pc_t AS
  SELECT id, x[1] AS a, x[2] AS b, x[3] AS c, x[4] AS d, x[5] AS e
    FROM causal.simulate_sem(5000, 5, 31, 0.5);
CREATE TEMP TABLE g_table AS SELECT * FROM causal.pc('causal_pc_t'::regclass, '{a,b,c,d,e}');
CREATE TEMP TABLE g_sketch AS
  SELECT * FROM causal.pc((SELECT causal.moments(a, b, c, d, e) FROM causal_pc_t), '{a,b,c,d,e}');
CREATE TEMP TABLE g_merge AS
  SELECT * FROM causal.pc((SELECT causal.merge(m) FROM (SELECT causal.moments(a, b, c, d, e) m
                                                          FROM causal_pc_t GROUP BY id % 4) s),
                          '{a,b,c,d,e}');
SELECT ok((SELECT count(*) FROM g_table) > 0, 'the table graph has edges');
SELECT is((SELECT array_agg(g ORDER BY g) FROM (SELECT source || edge || target g FROM g_table) s),
          (SELECT array_agg(g ORDER BY g) FROM (SELECT source || edge || target g FROM g_sketch) s),
          'table and sketch give the same graph');
SELECT is((SELECT array_agg(g ORDER BY g) FROM (SELECT source || edge || target g FROM g_merge) s),
          (SELECT array_agg(g ORDER BY g) FROM (SELECT source || edge || target g FROM g_sketch) s),
          'a merge of four partial sketches gives the same graph');

SELECT is((SELECT count(*) FROM causal.pc('causal_pc_t', '{a,b,c,d,e}')), (SELECT count(*) FROM g_table),
          'an untyped table name resolves to the table-level form');

-- background knowledge on the sprinkler graph (rain --> wet <-- sprinkler, wet --> slippery)
CREATE TEMP TABLE ds AS
  SELECT id, x[1] AS rain, x[2] AS sprinkler, x[3] AS wet, x[4] AS slippery
    FROM causal.simulate_sem(20000, 4, seed => 19, edge_prob => 0.5);
CREATE FUNCTION pg_temp.g(bk jsonb) RETURNS text LANGUAGE sql AS $$
  SELECT string_agg(source || edge || target, ' ' ORDER BY source, target)
    FROM causal.pc('pg_temp.ds'::regclass, '{rain,sprinkler,wet,slippery}', background => bk) $$;
SELECT is(pg_temp.g(NULL), 'rain-->wet sprinkler-->wet wet-->slippery', 'without knowledge: the true CPDAG');
SELECT is(pg_temp.g('{"forbidden": [["rain", "wet"], ["wet", "rain"]]}'), 'sprinkler---wet wet---slippery',
          'an edge forbidden both ways is removed (and its collider with it)');
SELECT is(pg_temp.g('{"tiers": [["slippery"], ["rain", "sprinkler", "wet"]]}'),
          'rain-->wet slippery-->wet sprinkler-->wet', 'tiers orient against later tiers');
SELECT throws_ok($$SELECT pg_temp.g('{"required": [["nope", "wet"]]}')$$, '22023', NULL,
                 'knowledge naming an unknown column');

-- CD-NOD on two-domain models: the mechanism of a (first) or of b (second) shifts between domains
CREATE TEMP TABLE two AS
  SELECT id, (id % 2) AS domain, x[1] + 2 * (id % 2) AS a, x[1] + 2 * (id % 2) + x[2] AS b,
         x[1] AS a2, x[1] + x[2] + 2 * (id % 2) AS b2
    FROM causal.simulate_sem(5000, 2, 3, 0.0);
SELECT is((SELECT string_agg(source || edge || target, ' ') FROM causal.pc('pg_temp.two'::regclass, '{a,b}')),
          'a---b', 'PC leaves a - b undirected');
SELECT is((SELECT string_agg(source || edge || target, ' ' ORDER BY source)
             FROM causal.cdnod('pg_temp.two'::regclass, '{a,b}', 'domain')),
          'a-->b domain-->a', 'CD-NOD: the changing cause, then R1, orients a --> b');
SELECT is((SELECT string_agg(source || edge || target, ' ' ORDER BY source)
             FROM causal.cdnod('pg_temp.two'::regclass, '{a2,b2}', 'domain')),
          'a2-->b2 domain-->b2', 'CD-NOD: a changing effect makes a collider, a2 --> b2 <-- domain');
SELECT is((SELECT string_agg(source || edge || target, ' ' ORDER BY source)
             FROM causal.cdnod((SELECT causal.moments(a, b, domain) FROM two), '{a,b,domain}', domain => 3)),
          'a-->b domain-->a', 'CD-NOD on a sketch equals the table form');

-- PC with the kernel tests on non-linear data: a --> b and a --> c through cos and sin
-- (b and c independent given a; the true CPDAG is b --- a --- c); Fisher-z misses a - b
CREATE TEMP TABLE nl AS
  SELECT x[1] AS a, cos(2 * x[1]) + 0.3 * x[2] AS b, sin(2 * x[1]) + cos(2 * x[1]) + 0.3 * x[3] AS c
    FROM causal.simulate_sem(300, 3, 4, 0.0);
SELECT is((SELECT string_agg(source || edge || target, ' ' ORDER BY source, target)
             FROM causal.pc('pg_temp.nl'::regclass, '{a,b,c}', ci_test => m)),
          'a---b a---c', 'PC with ' || m || ' recovers the non-linear CPDAG')
  FROM unnest(ARRAY['kci', 'rcit']) m;
SELECT isnt((SELECT string_agg(source || edge || target, ' ' ORDER BY source, target)
               FROM causal.pc('pg_temp.nl'::regclass, '{a,b,c}')),
            'a---b a---c', 'PC with Fisher-z does not');

-- rendering
SELECT is(causal.dot(source, target, edge ORDER BY source, target),
          E'digraph {\n  "a" -> "b";\n  "b" -> "c" [dir=none];\n  "c" -> "d" [dir=both];\n  "d" -> "e" [dir=both, arrowtail=odot];\n}',
          'DOT rendering')
  FROM (VALUES ('a', 'b', '-->'), ('b', 'c', '---'), ('c', 'd', '<->'), ('d', 'e', 'o->')) v(source, target, edge);
SELECT ok(causal.mermaid(source, target, edge) LIKE E'flowchart LR\n  n%["a"] --> n%["b"]%["c"] o--o n%["d"]',
          'Mermaid rendering')
  FROM (VALUES ('a', 'b', '-->'), ('c', 'd', 'o-o')) v(source, target, edge);

-- bad input
SELECT throws_ok($$SELECT causal.dot(s, t, e) FROM (VALUES ('a', 'b', '->')) v(s, t, e)$$, '22023', NULL,
                 'unknown edge kind');
SELECT throws_ok($$SELECT * FROM causal.pc('causal_pc_t'::regclass, uc_rule => 5)$$, '22023', NULL,
                 'an unknown uc_rule (the deprecated code)');
SELECT throws_ok($$SELECT * FROM causal.pc('causal_pc_t'::regclass, collider_rule => 'conservative', collider_priority => 'stronger')$$,
                 '22023', 'collider_rule ''conservative'' takes collider_priority ''overwrite'', ''bidirected'', ''existing'' or ''rule_default'', not ''stronger''',
                 'CPC takes the priorities overwrite, bidirected and existing');
SELECT throws_ok($$SELECT * FROM causal.pc((SELECT causal.moments(a, b) FROM causal_pc_t), '{a}')$$, '2202E', NULL,
                 'names must match the columns');

-- key columns are not variables: the default column lists leave out a serial primary key, an
-- identity column and a one-column unique index (named columns are used as given)
CREATE TABLE causal_pc_keys (row_id serial PRIMARY KEY, seq int GENERATED ALWAYS AS IDENTITY,
                             code int, a float8, b float8, c float8, label text);
CREATE UNIQUE INDEX ON causal_pc_keys (code);
INSERT INTO causal_pc_keys (code, a, b, c, label)
SELECT i, x[1], x[2], x[3], (i % 3)::text FROM causal.simulate_sem(500, 3, seed => 5, edge_prob => 0.6) s(i, x, t, y);
SELECT is(causal.default_columns('causal_pc_keys', true), '{a,b,c}'::text[],
          'default_columns: the numeric columns less the serial key, the identity and the unique column');
SELECT is(causal.default_columns('causal_pc_keys', false), '{a,b,c,label}'::text[],
          'default_columns, every type: the text column stays');
SELECT is((SELECT count(*) FROM causal.pc('causal_pc_keys') WHERE 'row_id' IN (source, target) OR 'seq' IN (source, target)
                                                              OR 'code' IN (source, target)), 0::bigint,
          'pc without a column list draws no edge to a key');
SELECT is((SELECT array_agg(DISTINCT x ORDER BY x) FROM causal.correlations('causal_pc_keys')), '{a,b,c}'::text[],
          'correlations without a column list skip the keys');
SELECT ok((SELECT count(*) FROM causal.correlations('causal_pc_keys', '{row_id,a}')) > 0,
          'a key named explicitly is used');

SELECT * FROM finish();
ROLLBACK;
