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
