-- Identification on random DAGs of 200 and 1,000 nodes (about 2 parents per node, causal order
-- v1 .. vn, treatment and outcome in the middle): the optimal set, the minimal sets (up to 100)
-- and causal.identify, against reading the same graph's edges (causal.edges), the baseline.
-- Targets (issue #16): optimal and minimal sets under 100 ms at 200 nodes, under 2 s at 1,000.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
\ir helpers.sql
CREATE TEMP TABLE b (nodes int, name text, ms float8);
CREATE TEMP TABLE g (nodes int, g causal.graph);
CREATE TEMP TABLE xy (nodes int, x text, y text);
-- each earlier node is a parent with probability 2 / (j - 1), by a hash of the pair (seeded)
INSERT INTO g
SELECT n, (SELECT string_agg(format('v%s --> v%s', i, j), '; ')
             FROM generate_series(2, n) j, generate_series(1, n) i
            WHERE i < j AND abs(hashtext(format('%s:%s:%s', n, i, j))) / 2147483648.0 < 2.0 / (j - 1))::causal.graph
  FROM (VALUES (200), (1000)) v(n);
DO $$
DECLARE r record; x text; y text;
BEGIN
  FOR r IN SELECT * FROM g LOOP
    -- the treatment: the node nearest v(n/3) with at least 10 descendants
    SELECT v INTO x FROM unnest(causal.nodes(r.g)) v
     WHERE cardinality(causal.descendants(r.g, ARRAY[v])) >= 10
     ORDER BY abs(substr(v, 2)::int - r.nodes / 3) LIMIT 1;
    -- the outcome: the last descendant of x (so that x has an effect on it)
    SELECT d INTO y FROM unnest(causal.descendants(r.g, ARRAY[x])) d ORDER BY substr(d, 2)::int DESC LIMIT 1;
    INSERT INTO xy VALUES (r.nodes, x, y);
    INSERT INTO b VALUES (r.nodes, 'edges (baseline)', pg_temp.best_ms(format(
      'SELECT count(*) FROM g, causal.edges(g.g) WHERE nodes = %s', r.nodes), 5));
    INSERT INTO b VALUES (r.nodes, 'optimal set', pg_temp.best_ms(format(
      'SELECT count(*) FROM g, causal.adjustment_sets(g.g, %L, %L, %L) WHERE nodes = %s',
      ARRAY[x], ARRAY[y], 'optimal', r.nodes), 5));
    INSERT INTO b VALUES (r.nodes, 'minimal sets (at most 100)', pg_temp.best_ms(format(
      'SELECT count(*) FROM g, causal.adjustment_sets(g.g, %L, %L, %L, 100) WHERE nodes = %s',
      ARRAY[x], ARRAY[y], 'minimal', r.nodes), 5));
    INSERT INTO b VALUES (r.nodes, 'identify', pg_temp.best_ms(format(
      'SELECT count(*) FROM g, causal.identify(g.g, %L, %L) WHERE nodes = %s', x, y, r.nodes), 5));
  END LOOP;
END $$;

\echo
\echo Identification on random DAGs
SELECT format('%5s nodes %6s edges, %s --> .. --> %s; %s minimal sets listed, optimal set of %s nodes', nodes,
              (SELECT count(*) FROM causal.edges(g.g)), x, y,
              (SELECT count(*) FROM causal.adjustment_sets(g.g, ARRAY[x], ARRAY[y], 'minimal', 100)),
              (SELECT cardinality(covariates) FROM causal.adjustment_sets(g.g, ARRAY[x], ARRAY[y], 'optimal')))
  FROM g JOIN xy USING (nodes) ORDER BY nodes;
SELECT rpad(nodes || ' nodes: ' || name, 44) || lpad(round(ms::numeric, 1)::text, 10) || ' ms'
  FROM b ORDER BY nodes, name;
SELECT rpad(format('%s nodes: %s / edges()', b.nodes, b.name), 68) || lpad(round((b.ms / e.ms)::numeric, 1)::text, 12)
       || format('   (target: %s)', CASE b.nodes WHEN 200 THEN '< 100 ms' ELSE '< 2 s' END)
  FROM b JOIN b e ON e.nodes = b.nodes AND e.name = 'edges (baseline)'
 WHERE b.name <> 'edges (baseline)' ORDER BY b.nodes, b.name;
