-- causal.svg: a layered picture of a graph.  Every node drawn once, every edge once with its type,
-- every directed edge (-->, o->) pointing to a lower layer, no two boxes of a layer overlapping, no
-- edge running through a box (edges across several layers go through the gaps between boxes);
-- test/render.sh renders it to PNG.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(9);

CREATE TEMP TABLE pic AS
SELECT g, causal.svg(g) AS svg
  FROM (VALUES ('z --> x; z --> y; x --> m; m --> y; u <-> y; w --- x; a o-> b; b o-o c; "a & <b>" --> y'::causal.graph)) v(g);
CREATE TEMP TABLE boxes AS
SELECT m[1] AS node, m[2]::int AS layer, m[3]::float8 AS x, m[4]::float8 AS w
  FROM pic, regexp_matches(svg, '<g data-node="([^"]*)" data-layer="([0-9]+)"><rect x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)"', 'g') m;
CREATE TEMP TABLE boxes_y AS
SELECT m[1] AS node, m[2]::float8 AS x, m[3]::float8 AS y, m[4]::float8 AS w, m[5]::float8 AS h
  FROM pic, regexp_matches(svg, '<g data-node="([^"]*)" data-layer="[0-9]+"><rect x="([0-9.]+)" y="([0-9.]+)" width="([0-9.]+)" height="([0-9.]+)"', 'g') m;
-- the points of every edge's path, in order
CREATE TEMP TABLE pts AS
SELECT m[1] AS source, m[2] AS target, p.k, p.v[1]::float8 AS x, p.v[2]::float8 AS y
  FROM pic, regexp_matches(svg, '<path data-source="([^"]*)" data-target="([^"]*)" data-edge="[^"]*" d="([^"]*)"', 'g') m,
       LATERAL (SELECT k, regexp_match(c, '([0-9.]+) ([0-9.]+)') AS v
                  FROM unnest(regexp_split_to_array(trim(m[3]), ' ?[ML] ')) WITH ORDINALITY AS u(c, k)
                 WHERE c <> '') p;
-- 50 points along every segment: inside which box (but the edge's own two)?
CREATE TEMP TABLE crossings AS
SELECT a.source, a.target, b.node
  FROM pts a JOIN pts a2 ON a2.source = a.source AND a2.target = a.target AND a2.k = a.k + 1,
       generate_series(0, 50) t, boxes_y b
 WHERE b.node NOT IN (a.source, a.target)
   AND a.x + (a2.x - a.x) * t / 50.0 BETWEEN b.x + 1 AND b.x + b.w - 1
   AND a.y + (a2.y - a.y) * t / 50.0 BETWEEN b.y + 1 AND b.y + b.h - 1;
CREATE TEMP TABLE lines AS
SELECT m[1] AS source, m[2] AS target, replace(replace(m[3], '&gt;', '>'), '&lt;', '<') AS edge
  FROM pic, regexp_matches(svg, '<path data-source="([^"]*)" data-target="([^"]*)" data-edge="([^"]*)"', 'g') m;

SELECT ok(xml_is_well_formed_document(svg), 'well-formed SVG (a node name with & and < is escaped)') FROM pic;
SELECT is((SELECT count(*) FROM boxes), (SELECT cardinality(causal.nodes(g))::bigint FROM pic), 'every node drawn once');
SELECT is((SELECT array_agg(source || ' ' || edge || ' ' || target ORDER BY 1) FROM lines),
          (SELECT array_agg(replace(replace(e.source, '&', '&amp;'), '<', '&lt;') || ' ' || e.edge || ' ' || e.target ORDER BY 1)
             FROM pic, causal.edges(g) e), 'every edge drawn once, with its type');
SELECT is((SELECT count(*) FROM lines l JOIN boxes s ON s.node = l.source JOIN boxes t ON t.node = l.target
            WHERE l.edge IN ('-->', 'o->') AND NOT s.layer < t.layer), 0::bigint,
          'every directed edge points to a lower layer');
SELECT is((SELECT count(*) FROM boxes a JOIN boxes b ON a.layer = b.layer AND a.node < b.node
            WHERE a.x < b.x + b.w AND b.x < a.x + a.w), 0::bigint, 'no two boxes of a layer overlap');
SELECT is((SELECT max(layer) FROM boxes), 3, 'the longest directed path (z, x, m, y) sets the depth');
SELECT cmp_ok((SELECT count(*) FROM pts WHERE source = 'z' AND target = 'y'), '>=', 4::bigint,
              'an edge across three layers (z --> y) is routed, not drawn straight');
SELECT is((SELECT string_agg(DISTINCT format('%s-%s through %s', source, target, node), ', ') FROM crossings), NULL,
          'no edge runs through a box');
SELECT ok(xml_is_well_formed_document(causal.svg(''::causal.graph)), 'an empty graph is an empty picture');

SELECT * FROM finish();
ROLLBACK;
