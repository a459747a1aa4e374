-- Graphs as edge rows, rendered as Graphviz DOT or Mermaid.

-- One rendered line for an edge row; raises an error for an unknown edge kind.
CREATE FUNCTION causal.graph_line(format text, source text, target text, edge text)
    RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    dot_s text := '"' || replace(replace(source, '\', '\\'), '"', '\"') || '"';
    dot_t text := '"' || replace(replace(target, '\', '\\'), '"', '\"') || '"';
BEGIN
    -- option values are case-insensitive; blanks around them do not count
    format := lower(btrim(format));
    IF NOT causal.is_edge_mark(edge) THEN
        PERFORM causal.raise_error('invalid_parameter_value',
            format('unknown edge "%s" between "%s" and "%s"', edge, source, target),
            'Edges are -->, ---, <->, o->, o-o or --o.');
    END IF;
    IF format = 'dot' THEN
        RETURN '  ' || dot_s || ' -> ' || dot_t ||
               CASE edge WHEN '-->' THEN ''
                         WHEN '---' THEN ' [dir=none]'
                         WHEN '<->' THEN ' [dir=both]'
                         WHEN 'o->' THEN ' [dir=both, arrowtail=odot]'
                         WHEN '--o' THEN ' [dir=both, arrowtail=none, arrowhead=odot]'
                         ELSE ' [dir=both, arrowtail=odot, arrowhead=odot]' END || ';';
    END IF;
    RETURN '  n' || substr(md5(source), 1, 12) || '["' || replace(source, '"', '#quot;') || '"] ' ||
           CASE edge WHEN '-->' THEN '-->' WHEN '---' THEN '---' WHEN '<->' THEN '<-->'
                     WHEN 'o->' THEN 'o-->' WHEN '--o' THEN '--o' ELSE 'o--o' END ||
           ' n' || substr(md5(target), 1, 12) || '["' || replace(target, '"', '#quot;') || '"]';
END;
$$;
COMMENT ON FUNCTION causal.graph_line(text, text, text, text) IS
  'one edge row rendered as a line of Graphviz DOT (format => ''dot'') or Mermaid';

CREATE FUNCTION causal.dot_accum(state text[], source text, target text, edge text)
    RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE WHEN source IS NULL OR target IS NULL OR edge IS NULL THEN state
                ELSE state || causal.graph_line('dot', source, target, edge) END;
COMMENT ON FUNCTION causal.dot_accum(text[], text, text, text) IS 'transition function of causal.dot';

CREATE FUNCTION causal.mermaid_accum(state text[], source text, target text, edge text)
    RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE WHEN source IS NULL OR target IS NULL OR edge IS NULL THEN state
                ELSE state || causal.graph_line('mermaid', source, target, edge) END;
COMMENT ON FUNCTION causal.mermaid_accum(text[], text, text, text) IS 'transition function of causal.mermaid';

CREATE FUNCTION causal.dot_final(state text[]) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN 'digraph {' || E'\n' || array_to_string(state || '}'::text, E'\n');
COMMENT ON FUNCTION causal.dot_final(text[]) IS 'final function of causal.dot';

CREATE FUNCTION causal.mermaid_final(state text[]) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN array_to_string('flowchart LR'::text || state, E'\n');
COMMENT ON FUNCTION causal.mermaid_final(text[]) IS 'final function of causal.mermaid';

CREATE AGGREGATE causal.dot(source text, target text, edge text) (
    SFUNC = causal.dot_accum,
    STYPE = text[],
    INITCOND = '{}',
    FINALFUNC = causal.dot_final,
    COMBINEFUNC = array_cat,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.dot(text, text, text) IS
  'renders edge rows (source, target, edge) as a Graphviz DOT digraph';

CREATE AGGREGATE causal.mermaid(source text, target text, edge text) (
    SFUNC = causal.mermaid_accum,
    STYPE = text[],
    INITCOND = '{}',
    FINALFUNC = causal.mermaid_final,
    COMBINEFUNC = array_cat,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE causal.mermaid(text, text, text) IS
  'renders edge rows (source, target, edge) as a Mermaid flowchart';
