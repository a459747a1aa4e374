-- The graph value causal.graph, and the queries on it: relatives,
-- d-separation, adjustment sets, identification.

CREATE TYPE causal.graph;

CREATE FUNCTION causal.graph_in(cstring) RETURNS causal.graph
    AS 'MODULE_PATHNAME', 'graph_in'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.graph_in(cstring) IS
  'text input of causal.graph: ''z --> x; z --> y; x --> y; u <-> y; w''';

CREATE FUNCTION causal.graph_out(causal.graph) RETURNS cstring
    AS 'MODULE_PATHNAME', 'graph_out'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.graph_out(causal.graph) IS
  'text output of causal.graph: edges, then isolated nodes';

CREATE FUNCTION causal.graph_recv(internal) RETURNS causal.graph
    AS 'MODULE_PATHNAME', 'graph_recv'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.graph_recv(internal) IS 'binary input of causal.graph, validated';

CREATE FUNCTION causal.graph_send(causal.graph) RETURNS bytea
    AS 'MODULE_PATHNAME', 'graph_send'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.graph_send(causal.graph) IS 'binary output of causal.graph';

CREATE TYPE causal.graph (
    INPUT = causal.graph_in,
    OUTPUT = causal.graph_out,
    RECEIVE = causal.graph_recv,
    SEND = causal.graph_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);
COMMENT ON TYPE causal.graph IS
  'a causal graph: named nodes and edges -->, ---, <->, o->, o-o (DAG, CPDAG, ADMG, PAG)';

CREATE FUNCTION causal.graph_rows_accum(state text[], source text, target text, edge text)
    RETURNS text[]
    AS 'MODULE_PATHNAME', 'graph_rows_accum'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.graph_rows_accum(text[], text, text, text) IS
  'transition function of the aggregate causal.graph: checks the row, appends the triple';

CREATE FUNCTION causal.graph_rows_final(state text[]) RETURNS causal.graph
    AS 'MODULE_PATHNAME', 'graph_rows_final'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION causal.graph_rows_final(text[]) IS
  'final function of the aggregate causal.graph: the graph of the (source, target, edge) triples';

CREATE AGGREGATE causal.graph(source text, target text, edge text) (
    SFUNC = causal.graph_rows_accum,
    STYPE = text[],
    FINALFUNC = causal.graph_rows_final,
    COMBINEFUNC = array_cat,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.graph(text, text, text) IS
  'builds a causal.graph from edge rows (source, target, edge); (node, NULL, NULL) adds an isolated node';

CREATE FUNCTION causal.edges(g causal.graph) RETURNS SETOF causal.edge
    AS 'MODULE_PATHNAME', 'graph_edges'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION causal.edges(causal.graph) IS
  'the edges of a graph as (source, target, edge) rows, as the discovery functions return them';

CREATE FUNCTION causal.nodes(g causal.graph) RETURNS text[]
    AS 'MODULE_PATHNAME', 'graph_nodes'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.nodes(causal.graph) IS 'the node names of a graph, in graph order';

CREATE FUNCTION causal.graph_kind(g causal.graph) RETURNS text
    AS 'MODULE_PATHNAME', 'graph_kind'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.graph_kind(causal.graph) IS
  'dag (only -->), admg (--> and <->), cpdag (--> and ---), pag (circle marks) or mixed';

CREATE FUNCTION causal.dot(g causal.graph) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT 'digraph {' || E'\n' ||
                   coalesce(string_agg(line, E'\n' ORDER BY ord), '') ||
                   CASE WHEN count(*) > 0 THEN E'\n' ELSE '' END || '}'
              FROM (SELECT ord, causal.graph_line('dot', e.source, e.target, e.edge) AS line
                      FROM causal.edges(g) WITH ORDINALITY AS e(source, target, edge, ord)
                    UNION ALL
                    SELECT 1e9 + ord, '  "' || replace(replace(n, '\', '\\'), '"', '\"') || '";'
                      FROM unnest(causal.nodes(g)) WITH ORDINALITY AS u(n, ord)
                     WHERE NOT EXISTS (SELECT 1 FROM causal.edges(g) e
                                        WHERE e.source = u.n OR e.target = u.n)) AS l);
COMMENT ON FUNCTION causal.dot(causal.graph) IS 'a graph as Graphviz DOT, isolated nodes included';

CREATE FUNCTION causal.mermaid(g causal.graph) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT 'flowchart LR' || coalesce(E'\n' || string_agg(line, E'\n' ORDER BY ord), '')
              FROM (SELECT ord, causal.graph_line('mermaid', e.source, e.target, e.edge) AS line
                      FROM causal.edges(g) WITH ORDINALITY AS e(source, target, edge, ord)
                    UNION ALL
                    SELECT 1e9 + ord, '  n' || substr(md5(n), 1, 12) || '["' ||
                           replace(n, '"', '#quot;') || '"]'
                      FROM unnest(causal.nodes(g)) WITH ORDINALITY AS u(n, ord)
                     WHERE NOT EXISTS (SELECT 1 FROM causal.edges(g) e
                                        WHERE e.source = u.n OR e.target = u.n)) AS l);
COMMENT ON FUNCTION causal.mermaid(causal.graph) IS 'a graph as a Mermaid flowchart, isolated nodes included';

-- A picture of the graph as SVG, laid out in layers (Sugiyama's scheme, kept simple): a node's
-- layer is the length of the longest directed path (-->, o->) into it, so every such edge points
-- down; within a layer nodes are ordered by the mean position of their neighbours in the layer
-- above (two sweeps, ties by graph order); edges are straight lines with the marks of their
-- type (arrow, circle, none).  Written in PL/pgSQL rather than with a layout library: Graphviz
-- is no library a PostgreSQL backend can call, and a graph worth drawing here has tens of nodes.
CREATE FUNCTION causal.svg(g causal.graph) RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    nodes text[] := causal.nodes(g);
    n int := cardinality(nodes);
    layer int[];
    pos float8[];
    xs float8[];
    wid int[];
    e record;
    changed boolean := true;
    guard int := 0;
    nlayers int;
    row_w float8[];
    width float8 := 0;
    height int;
    out text := '';
    i int;
    j int;
    esc text;
    gap int := 24;
    row_h int := 80;
    box_h int := 28;
    span int;
    route text;
    gx float8;
    lr int;
    x1 float8;
    y1 float8;
    x2 float8;
    y2 float8;
BEGIN
    IF n = 0 THEN
        RETURN E'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20"></svg>\n';
    END IF;
    layer := array_fill(0, ARRAY[n]);
    -- longest-path layers over the directed edges (bounded: a directed cycle stops after n rounds)
    WHILE changed AND guard <= n LOOP
        changed := false;
        guard := guard + 1;
        FOR e IN SELECT array_position(nodes, x.source) AS s, array_position(nodes, x.target) AS t
                   FROM causal.edges(g) x WHERE x.edge IN ('-->', 'o->') LOOP
            IF layer[e.t] < layer[e.s] + 1 THEN
                layer[e.t] := layer[e.s] + 1;
                changed := true;
            END IF;
        END LOOP;
    END LOOP;
    nlayers := (SELECT max(v) FROM unnest(layer) v) + 1;
    -- order within layers: graph order first, then two sweeps of barycenters of the layer above
    pos := ARRAY(SELECT (SELECT count(*) FROM generate_series(1, k - 1) j2 WHERE layer[j2] = layer[k])::float8
                   FROM generate_series(1, n) k);
    FOR sweep IN 1 .. 2 LOOP
        pos := ARRAY(
            SELECT (row_number() OVER (PARTITION BY layer[k]
                                       ORDER BY coalesce((SELECT avg(pos[array_position(nodes, CASE WHEN x.target = nodes[k] THEN x.source ELSE x.target END)])
                                                            FROM causal.edges(g) x
                                                           WHERE (x.target = nodes[k] AND layer[array_position(nodes, x.source)] < layer[k])
                                                              OR (x.source = nodes[k] AND layer[array_position(nodes, x.target)] < layer[k])),
                                                         pos[k]), pos[k], k) - 1)::float8
              FROM generate_series(1, n) k ORDER BY k);
    END LOOP;
    -- boxes as wide as their labels (about 7 px a character at 12 px), laid side by side, each layer centred
    wid := ARRAY(SELECT 16 + ceil(7 * length(nodes[k]))::int FROM generate_series(1, n) k);
    row_w := ARRAY(SELECT coalesce((SELECT sum(wid[k] + gap) - gap FROM generate_series(1, n) k WHERE layer[k] = l), 0)
                     FROM generate_series(0, nlayers - 1) l);
    -- a margin of a gap and more on either side, for edges routed left or right of a row
    width := (SELECT max(v) FROM unnest(row_w) v) + 40 + 2 * gap;
    xs := ARRAY(SELECT 20 + (width - 40 - row_w[layer[k] + 1]) / 2
                       + coalesce((SELECT sum(wid[k2] + gap) FROM generate_series(1, n) k2
                                    WHERE layer[k2] = layer[k] AND pos[k2] < pos[k]), 0)
                  FROM generate_series(1, n) k);
    height := 20 + nlayers * row_h - (row_h - box_h) + 20;
    -- edges first, under the boxes: from the bottom of the upper box to the top of the lower one;
    -- an edge across more than one layer is routed through the gap between boxes of each layer it
    -- crosses (the gap nearest to the straight line), down the gap and on through the free band
    -- between the rows, so that it runs through no box
    FOR e IN SELECT array_position(nodes, x.source) AS s, array_position(nodes, x.target) AS t, x.edge
               FROM causal.edges(g) x LOOP
        i := e.s;
        j := e.t;
        span := abs(layer[i] - layer[j]);
        x1 := xs[i] + wid[i] / 2.0;
        y1 := 20 + layer[i] * row_h + CASE WHEN layer[i] > layer[j] THEN 0 ELSE box_h END;
        x2 := xs[j] + wid[j] / 2.0;
        y2 := 20 + layer[j] * row_h + CASE WHEN layer[j] > layer[i] THEN 0 ELSE box_h END;
        route := '';
        IF span = 0 THEN
            -- within a row: from the bottom of one box along the band below the row to the other
            route := format(' L %s %s L %s %s', round(x1::numeric, 1), y1 + 14, round(x2::numeric, 1), y2 + 14);
        END IF;
        IF span > 1 THEN
            FOR lr IN SELECT v FROM generate_series(layer[i] + sign(layer[j] - layer[i])::int,
                                                   layer[j] - sign(layer[j] - layer[i])::int,
                                                   sign(layer[j] - layer[i])::int) v LOOP
                -- where the straight line would cross the middle of the row, and the nearest gap:
                -- left of the row's first box, between two boxes, or right of its last
                gx := x1 + (x2 - x1) * ((20 + lr * row_h + box_h / 2.0) - y1) / (y2 - y1);
                SELECT c INTO gx
                  FROM (SELECT min(xs[k]) - gap / 2.0 AS c FROM generate_series(1, n) k WHERE layer[k] = lr
                        UNION ALL
                        SELECT xs[k] + wid[k] + gap / 2.0 FROM generate_series(1, n) k WHERE layer[k] = lr) gaps
                 ORDER BY abs(c - gx), c LIMIT 1;
                route := route || format(' L %s %s L %s %s', round(gx::numeric, 1),
                                         20 + lr * row_h + CASE WHEN layer[j] > layer[i] THEN -6 ELSE box_h + 6 END,
                                         round(gx::numeric, 1),
                                         20 + lr * row_h + CASE WHEN layer[j] > layer[i] THEN box_h + 6 ELSE -6 END);
            END LOOP;
        END IF;
        out := out || format(
            E'  <path data-source="%s" data-target="%s" data-edge="%s" d="M %s %s%s L %s" fill="none" stroke="#333"%s%s/>\n',
            replace(replace(replace(nodes[i], '&', '&amp;'), '<', '&lt;'), '"', '&quot;'),
            replace(replace(replace(nodes[j], '&', '&amp;'), '<', '&lt;'), '"', '&quot;'),
            replace(replace(e.edge, '<', '&lt;'), '>', '&gt;'),
            round(x1::numeric, 1), round(y1::numeric, 1),
            route,
            round(x2::numeric, 1) || ' ' || round(y2::numeric, 1),
            CASE e.edge WHEN '-->' THEN ' marker-end="url(#arrow)"' WHEN '<->' THEN ' marker-end="url(#arrow)"'
                        WHEN 'o->' THEN ' marker-end="url(#arrow)"' WHEN 'o-o' THEN ' marker-end="url(#circle)"'
                        WHEN '--o' THEN ' marker-end="url(#circle)"' ELSE '' END,
            CASE e.edge WHEN '<->' THEN ' marker-start="url(#arrow-back)"' WHEN 'o->' THEN ' marker-start="url(#circle)"'
                        WHEN 'o-o' THEN ' marker-start="url(#circle)"' ELSE '' END);
    END LOOP;
    FOR i IN 1 .. n LOOP
        esc := replace(replace(replace(nodes[i], '&', '&amp;'), '<', '&lt;'), '"', '&quot;');
        out := out || format(
            E'  <g data-node="%s" data-layer="%s"><rect x="%s" y="%s" width="%s" height="%s" rx="6" fill="#eef3f8" stroke="#1f4e79"/>'
            '<text x="%s" y="%s" text-anchor="middle" font-size="12">%s</text></g>\n',
            esc, layer[i], round(xs[i]::numeric, 1), 20 + layer[i] * row_h, wid[i], box_h,
            round((xs[i] + wid[i] / 2.0)::numeric, 1), 20 + layer[i] * row_h + 18, esc);
    END LOOP;
    RETURN format(E'<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="sans-serif">\n'
                  '  <defs>\n'
                  '    <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker>\n'
                  '    <marker id="arrow-back" viewBox="0 0 10 10" refX="0" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M10,0 L0,5 L10,10 z" fill="#333"/></marker>\n'
                  '    <marker id="circle" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="7" markerHeight="7"><circle cx="5" cy="5" r="4" fill="white" stroke="#333"/></marker>\n'
                  '  </defs>\n%s</svg>\n',
                  ceil(width)::int, height, ceil(width)::int, height, out);
END;
$$;
COMMENT ON FUNCTION causal.svg(causal.graph) IS
  'a picture of the graph as SVG: nodes in layers so that directed edges point down, edges marked by type (for BI tools that show images)';

-- Relatives ------------------------------------------------------------------

CREATE FUNCTION causal.parents(g causal.graph, node text) RETURNS text[]
    AS 'MODULE_PATHNAME', 'graph_parents'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.parents(causal.graph, text) IS 'the nodes with an edge --> into node';

CREATE FUNCTION causal.children(g causal.graph, node text) RETURNS text[]
    AS 'MODULE_PATHNAME', 'graph_children'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.children(causal.graph, text) IS 'the nodes node points to with -->';

CREATE FUNCTION causal.ancestors(g causal.graph, nodes text[]) RETURNS text[]
    AS 'MODULE_PATHNAME', 'graph_ancestors'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.ancestors(causal.graph, text[]) IS
  'the nodes with a directed path into one of nodes, the nodes themselves included (as dagitty)';

CREATE FUNCTION causal.descendants(g causal.graph, nodes text[]) RETURNS text[]
    AS 'MODULE_PATHNAME', 'graph_descendants'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.descendants(causal.graph, text[]) IS
  'the nodes reached from nodes by directed paths, the nodes themselves included (as dagitty)';

-- Separation and adjustment -----------------------------------------------------

CREATE FUNCTION causal.d_separated(g causal.graph, x text[], y text[], given text[] DEFAULT '{}')
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'graph_d_separated'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.d_separated(causal.graph, text[], text[], text[]) IS
  'whether given d-separates x and y (m-separation with <->; in a CPDAG, as in every DAG of its class)';

CREATE FUNCTION causal.is_adjustment_set(g causal.graph, treatment text[], outcome text[],
                                         covariates text[])
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'graph_is_adjustment_set'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.is_adjustment_set(causal.graph, text[], text[], text[]) IS
  'whether covariates satisfy the generalized adjustment criterion (Perković et al. 2018) for the total effect';

CREATE FUNCTION causal.adjustment_sets(g causal.graph, treatment text[], outcome text[],
                                       kind text DEFAULT 'minimal', max_sets int DEFAULT 100)
    RETURNS TABLE (kind text, covariates text[], note text)
    AS 'MODULE_PATHNAME', 'graph_adjustment_sets'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION causal.adjustment_sets(causal.graph, text[], text[], text, int) IS
  'adjustment sets for the total effect: minimal (up to max_sets), canonical or optimal; covariates NULL with the reason when none exists';

CREATE FUNCTION causal.identify(g causal.graph, treatment text, outcome text)
    RETURNS TABLE (strategy text, kind text, variables text[], conditioning text[], note text)
    AS 'MODULE_PATHNAME', 'graph_identify'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION causal.identify(causal.graph, text, text) IS
  'ways to identify the total effect of treatment on outcome from the graph: back-door sets, front-door sets, instruments; strategy none with the reason when there is none';

CREATE FUNCTION causal.instruments(g causal.graph, treatment text, outcome text)
    RETURNS TABLE (instrument text, conditioning text[])
    AS 'MODULE_PATHNAME', 'graph_instruments'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION causal.instruments(causal.graph, text, text) IS
  'the conditional instruments for the effect of treatment on outcome in a DAG or ADMG, each with its conditioning set (as dagitty''s instrumentalVariables)';

CREATE FUNCTION causal.is_frontdoor_set(g causal.graph, treatment text[], outcome text[], mediators text[])
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'graph_is_frontdoor_set'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION causal.is_frontdoor_set(causal.graph, text[], text[], text[]) IS
  'whether mediators satisfy the front-door criterion (Pearl) for the effect of treatment on outcome in a DAG or ADMG';
