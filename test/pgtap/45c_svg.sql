-- causal.svg: a layered picture of a graph.  Every node drawn once, every edge once with its type,
-- every directed edge (-->, o->) pointing to a lower layer, no two boxes of a layer overlapping;
-- test/render.sh renders it to PNG.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(7);

CREATE TEMP TABLE pic AS
SELECT g, causal.svg(g) AS svg
  FROM (VALUES ('z --> x; z --> y; x --> m; m --> y; u <-> y; w --- x; a o-> b; b o-o c; "a & <b>" --> y'::causal.graph)) v(g);
CREATE TEMP TABLE boxes AS
SELECT m[1] AS node, m[2]::int AS layer, m[3]::float8 AS x, m[4]::float8 AS w
  FROM pic, regexp_matches(svg, '<g data-node="([^"]*)" data-layer="([0-9]+)"><rect x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)"', 'g') m;
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
SELECT ok(xml_is_well_formed_document(causal.svg(''::causal.graph)), 'an empty graph is an empty picture');

SELECT * FROM finish();
ROLLBACK;
