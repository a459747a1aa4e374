-- The catalog walk's generator (loaded by test/pgtap/01_catalog_walk.sql and by
-- test/walk/run.sh, which runs each call in a fresh session to find crashes).
--
-- It reads pg_proc for every function and aggregate of the extension and builds
-- calls from a table of sample argument values, keyed by argument name and type
-- (with a few per-function overrides).  For each function: one baseline call,
-- then one call per argument with that argument NULL, and for each sketch
-- argument one with the sketch of zero rows.  For each aggregate: over zero rows,
-- and per group with every row of the group filtered out.  A function or an
-- argument that the table does not know makes the walk fail by name, so a new
-- function is walked as soon as its arguments have samples.

-- a small table with every kind of column the functions take
CREATE TABLE causal_walk AS
SELECT i AS id,
       (i % 2) AS treat,
       sin(i * 1.3) + (i % 2) * 0.5 AS x1,
       cos(i * 0.7) AS x2,
       sin(i * 0.37) * 2 + (i % 2) AS y,
       sin(i * 2.1) + cos(i * 0.9) AS z,
       ((i % 7) % 3) AS c1,
       ((i * 7) % 4 = 0)::int AS c2,
       (i % 5) AS fold,
       (i % 4)::bigint AS g,
       (i / 41) AS site,
       1 + ((i * 5) % 7) * 0.25 AS w,
       CASE i % 3 WHEN 0 THEN 'a' WHEN 1 THEN 'b' ELSE 'c' END AS d,
       CASE i % 3 WHEN 0 THEN 'a' WHEN 1 THEN 'b' ELSE 'c' END AS source,
       CASE i % 3 WHEN 0 THEN 'b' WHEN 1 THEN 'c' ELSE 'a' END AS target,
       '-->'::text AS edge
  FROM generate_series(1, 120) AS i;

-- a matching result, for balance and love_plot (matches => ..., id => 'id')
CREATE TABLE causal_walk_matches AS SELECT * FROM causal.match('causal_walk', 'treat', '{x1,x2}', 'id');

-- sketches per group, for merge and the sketch readers
CREATE TABLE causal_walk_sketch AS
SELECT g, causal.moments(x1, x2, y) AS m, causal.crosstab(c1, c2, treat) AS c,
       causal.dml_plr_sketch(fold, y, treat, x1, x2) AS s
  FROM causal_walk GROUP BY g;

-- degenerate data of the same shape: too few rows, a constant column, two collinear columns, one
-- treatment arm only (each with its sketch table); every call that reads causal_walk or its
-- sketches is repeated on each
CREATE TABLE causal_walk_tiny AS SELECT * FROM causal_walk WHERE id <= 3;
CREATE TABLE causal_walk_constant AS SELECT * FROM causal_walk;
UPDATE causal_walk_constant SET x1 = 1, c1 = 1;
CREATE TABLE causal_walk_collinear AS SELECT * FROM causal_walk;
UPDATE causal_walk_collinear SET x2 = 2 * x1 - 1, z = y, c2 = c1;
CREATE TABLE causal_walk_one_arm AS SELECT * FROM causal_walk;
UPDATE causal_walk_one_arm SET treat = 1;
CREATE TABLE causal_walk_degenerate (variant text);
INSERT INTO causal_walk_degenerate VALUES ('tiny'), ('constant'), ('collinear'), ('one_arm');
DO $$
DECLARE
    v text;
BEGIN
    FOR v IN SELECT variant FROM causal_walk_degenerate LOOP
        EXECUTE format('CREATE TABLE %I AS
                        SELECT g, causal.moments(x1, x2, y) AS m, causal.crosstab(c1, c2, treat) AS c,
                               causal.dml_plr_sketch(fold, y, treat, x1, x2) AS s
                          FROM %I GROUP BY g', 'causal_walk_' || v || '_sketch', 'causal_walk_' || v);
    END LOOP;
END $$;

-- the same shapes with every value NULL
CREATE TABLE causal_walk_null AS SELECT (NULL::causal_walk).* FROM generate_series(1, 5);
CREATE TABLE causal_walk_sketch_null AS SELECT (NULL::causal_walk_sketch).* FROM generate_series(1, 5);

-- sample values: (function or NULL for any, argument name, argument type) -> SQL expression
CREATE TABLE causal_walk_sample (fn text, arg text, typ text, expr text);
INSERT INTO causal_walk_sample VALUES
  (NULL, 'relation', 'regclass', '''causal_walk''::regclass'),
  (NULL, 'relation', 'text', '''causal_walk'''),
  (NULL, 'treatment', 'text', '''treat'''),
  (NULL, 'outcome', 'text', '''y'''),
  (NULL, 'covariates', 'text[]', '''{x1,x2}''::text[]'),
  (NULL, 'id', 'text', '''id'''),
  (NULL, 'id_column', 'text', '''id'''),
  (NULL, 'target', 'text', '''y'''),
  (NULL, 'columns', 'text[]', '''{x1,x2,y}''::text[]'),
  (NULL, 'columns', 'integer[]', '''{1,2}''::int[]'),
  (NULL, 'exclude', 'text[]', '''{x2}''::text[]'),
  ('ci_test_check_levels', 'names', 'text[]', '''{x1,x2}''::text[]'),
  ('design_columns', 'required', 'text[]', '''{treat}''::text[]'),
  ('design_columns', 'columns', 'text[]', '''{x1,d}''::text[]'),
  ('design_moments', 'columns', 'text[]', '''{y,x1,d}''::text[]'),
  ('raise_error', 'condition', 'text', '''invalid_parameter_value'''),
  ('raise_error', 'message', 'text', '''a message'''),
  ('raise_error', 'hint', 'text', '''a hint'''),
  ('balance', 'weight', 'text', 'NULL::text'),
  ('balance', 'matches', 'regclass', '''causal_walk_matches''::regclass'),
  ('balance', 'id', 'text', '''id'''),
  ('love_plot', 'weight', 'text', 'NULL::text'),
  ('love_plot', 'matches', 'regclass', '''causal_walk_matches''::regclass'),
  ('love_plot', 'id', 'text', '''id'''),
  ('with_names', 'names', 'text[]', '''{x1,x2,y}''::text[]'),
  ('with_names', 'sketch', 'causal.dml_sketch', '(SELECT causal.dml_plr_sketch(fold, y, treat, x1) FROM causal_walk)'),
  ('column_positions', 'names', 'text[]', '''{y,x1}''::text[]'),
  ('column_positions', 'm', 'causal.moments', '(SELECT causal.with_names(causal.merge(m), ''{x1,x2,y}'') FROM causal_walk_sketch)'),
  ('partial_correlation', 'm', 'causal.moments', '(SELECT causal.with_names(causal.merge(m), ''{x1,x2,y}'') FROM causal_walk_sketch)'),
  ('ols', 'm', 'causal.moments', '(SELECT causal.with_names(causal.merge(m), ''{x1,x2,y}'') FROM causal_walk_sketch)'),
  ('frontdoor_linear', 'm', 'causal.moments', '(SELECT causal.with_names(causal.merge(m), ''{x1,x2,y}'') FROM causal_walk_sketch)'),
  ('sensitivity_stats', 'm', 'causal.moments', '(SELECT causal.with_names(causal.merge(m), ''{x1,x2,y}'') FROM causal_walk_sketch)'),
  ('ovb_bounds', 'm', 'causal.moments', '(SELECT causal.with_names(causal.merge(m), ''{x1,x2,y}'') FROM causal_walk_sketch)'),
  ('column_positions', 'c', 'causal.crosstab', '(SELECT causal.with_names(causal.merge(c), ''{x1,x2,y}'') FROM causal_walk_sketch)'),
  ('levels', 'c', 'causal.crosstab', '(SELECT causal.with_names(causal.merge(c), ''{x1,x2,y}'') FROM causal_walk_sketch)'),
  ('partial_correlation', 'i', 'text', '''x1'''),
  ('partial_correlation', 'j', 'text', '''x2'''),
  ('partial_correlation', 'given', 'text[]', '''{y}''::text[]'),
  ('ols', 'x', 'text[]', '''{x1,x2}''::text[]'),
  ('levels', 'col', 'text', '''x2'''),
  ('frontdoor_linear', 'mediators', 'text[]', '''{x2}''::text[]'),
  ('sensitivity_stats', 'd', 'text', '''x1'''),
  ('sensitivity_stats', 'x', 'text[]', '''{x2}''::text[]'),
  ('ovb_bounds', 'd', 'text', '''x1'''),
  ('ovb_bounds', 'x', 'text[]', '''{x2}''::text[]'),
  ('ovb_bounds', 'benchmark', 'text', '''x2'''),
  (NULL, 'domain', 'text', '''site'''),
  (NULL, 'cause', 'text', '''x1'''),
  (NULL, 'effect', 'text', '''y'''),
  (NULL, 'x', 'text', '''x1'''),
  (NULL, 'y', 'text', '''y'''),
  (NULL, 'ci_test', 'text', '''fisherz'''),
  (NULL, 'm', 'causal.moments', '(SELECT causal.merge(m) FROM causal_walk_sketch)'),
  (NULL, 'c', 'causal.crosstab', '(SELECT causal.merge(c) FROM causal_walk_sketch)'),
  (NULL, 'sketch', 'causal.dml_sketch', '(SELECT causal.merge(s) FROM causal_walk_sketch)'),
  (NULL, 'i', 'integer', '1'),
  -- row keys (causal.id): an integer key; the uuid cast takes a uuid key
  (NULL, '', 'causal.id', '''42''::causal.id'),
  ('id_to_uuid', '', 'causal.id', '''a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11''::causal.id'),
  ('id_hash_extended', '', 'bigint', '7'),
  (NULL, 'j', 'integer', '2'),
  (NULL, 'x', 'integer', '1'),
  (NULL, 'y', 'integer', '2'),
  (NULL, 'col', 'integer', '1'),
  (NULL, 'given', 'integer[]', '''{3}''::int[]'),
  (NULL, 'q', 'double precision', '0.5'),
  (NULL, 'p', 'double precision', '0.3'),
  (NULL, 'df', 'double precision', '3'),
  (NULL, 'df1', 'double precision', '3'),
  (NULL, 'df2', 'double precision', '4'),
  (NULL, 'n', 'bigint', '50'),
  (NULL, 'k', 'integer', '3'),
  (NULL, 'edge', 'text', '''-->'''),
  (NULL, 'source', 'text', '''a'''),
  (NULL, 'format', 'text', '''dot'''),
  (NULL, 'state', 'text[]', '''{}''::text[]'),
  (NULL, 'state', 'double precision[]', '''{0,0,0,0,0,0,0,0,0,0,0,0}''::float8[]'),
  (NULL, 'a', 'double precision[]', '''{1,2,3,4,5,6,7,8,9,10,11,12}''::float8[]'),
  (NULL, 'b', 'double precision[]', '''{1,2,3,4,5,6,7,8,9,10,11,12}''::float8[]'),
  (NULL, 's', 'double precision[]', '''{4,3,5,7,20,2,5,2,3,6,10,3}''::float8[]'),
  (NULL, 'outcome', 'double precision', '1.5'),
  (NULL, 'treated', 'boolean', 'true'),
  (NULL, 'numeric_only', 'boolean', 'true'),
  (NULL, 'weight', 'double precision', '2'),
  (NULL, 'weight', 'text', '''w'''),
  (NULL, 'cluster', 'bigint', '3'),
  (NULL, 'coefs', 'double precision[]', '''{1,2,3}''::float8[]'),
  (NULL, 'x', 'double precision[]', '(SELECT array_agg(x1 ORDER BY id) FROM causal_walk)'),
  (NULL, 'y', 'double precision[]', '(SELECT array_agg(y ORDER BY id) FROM causal_walk)'),
  (NULL, 'rows', 'double precision[]', '(SELECT array_agg(ARRAY[x1, x2, y] ORDER BY id) FROM causal_walk)'),
  (NULL, '', 'bigint', '1'),
  (NULL, '', 'double precision', '1.5'),
  (NULL, '', 'text', '''a'''),
  (NULL, '', 'character varying', '''a''::varchar'),
  (NULL, '', 'character', '''a''::char'),
  (NULL, '', 'double precision[]', '''{1.5,2.5}''::float8[]'),
  (NULL, 'row_values', 'double precision[]', '''{1.5,-0.0,3}''::float8[]'),
  (NULL, 'learner', 'text', '''ols'''),
  (NULL, 'options', 'jsonb', '''{}''::jsonb'),
  (NULL, 'seed', 'bigint', '42'),
  (NULL, 'n_folds', 'integer', '2'),
  (NULL, 'estimand', 'text', '''ATT'''),
  (NULL, 'stabilize', 'boolean', 'false'),
  (NULL, 'ridge', 'double precision', '0'),
  (NULL, 'trim_at', 'double precision', '0.99'),
  (NULL, 'ps_clip', 'double precision', '0.01'),
  (NULL, 'moments', 'integer', '1'),
  (NULL, 'method', 'text', '''ipw'''),
  (NULL, 'augmented', 'boolean', 'false'),
  (NULL, 'n_boot', 'integer', '3'),
  ('balancing_weights', 'method', 'text', '''ebal'''),
  ('ols', 'y', 'integer', '1'),
  ('ols', 'x', 'integer[]', '''{2,3}''::int[]'),
  ('ols_predict', 'x', 'double precision[]', '''{1,2}''::float8[]'),
  ('logistic_fit', 'y', 'double precision[]', '(SELECT array_agg(treat::float8 ORDER BY id) FROM causal_walk)'),
  ('logistic_fit', 'x', 'double precision[]', '(SELECT array_agg(ARRAY[x1, x2] ORDER BY id) FROM causal_walk)'),
  ('logistic_scores', 'y', 'double precision[]', '(SELECT array_agg(treat::float8 ORDER BY id) FROM causal_walk)'),
  ('logistic_scores', 'x', 'double precision[]', '(SELECT array_agg(ARRAY[x1, x2] ORDER BY id) FROM causal_walk)'),
  ('graph_line', 'target', 'text', '''b'''),
  ('dot_accum', 'target', 'text', '''b'''),
  ('mermaid_accum', 'target', 'text', '''b'''),
  ('partial_correlation', 'given', 'integer[]', '''{3}''::int[]'),
  ('cdnod', 'columns', 'text[]', '''{x1,y}''::text[]'),
  ('cdnod', 'domain', 'integer', '3'),
  (NULL, 'g', 'causal.graph', '''x1 --> treat; x2 --> treat; x1 --> y; x2 --> y; treat --> y; u <-> x2; w''::causal.graph'),
  (NULL, '', 'causal.graph', '''x1 --> treat; treat --> y''::causal.graph'),
  (NULL, 'node', 'text', '''y'''),
  (NULL, 'nodes', 'text[]', '''{treat}''::text[]'),
  (NULL, 'kind', 'text', '''minimal'''),
  (NULL, 'max_sets', 'integer', '10'),
  ('d_separated', 'x', 'text[]', '''{x1}''::text[]'),
  ('d_separated', 'y', 'text[]', '''{x2}''::text[]'),
  ('d_separated', 'given', 'text[]', '''{}''::text[]'),
  ('adjustment_sets', 'treatment', 'text[]', '''{treat}''::text[]'),
  ('adjustment_sets', 'outcome', 'text[]', '''{y}''::text[]'),
  ('is_adjustment_set', 'treatment', 'text[]', '''{treat}''::text[]'),
  ('is_adjustment_set', 'outcome', 'text[]', '''{y}''::text[]'),
  ('graph_rows_accum', 'target', 'text', '''b'''),
  ('graph_rows_final', 'state', 'text[]', '''{a,b,-->}''::text[]'),
  ('estimate', 'graph', 'causal.graph', '''x1 --> treat; x2 --> treat; x1 --> y; x2 --> y; treat --> y''::causal.graph'),
  ('estimate', 'id', 'text', '''id'''),
  ('estimate_adjustment', 'graph', 'causal.graph', '''x1 --> treat; x2 --> treat; x1 --> y; x2 --> y; treat --> y''::causal.graph'),
  ('estimate_needs_id', 'id', 'text', '''id'''),
  ('estimate_needs_id', 'method', 'text', '''aipw'''),
  ('sensitivity_stats', 'y', 'integer', '3'),
  ('sensitivity_stats', 'd', 'integer', '1'),
  ('sensitivity_stats', 'x', 'integer[]', '''{2}''::int[]'),
  ('ovb_bounds', 'y', 'integer', '3'),
  ('ovb_bounds', 'd', 'integer', '1'),
  ('ovb_bounds', 'x', 'integer[]', '''{2}''::int[]'),
  ('ovb_bounds', 'benchmark', 'integer', '2'),
  ('ovb_bounds', 'kd', 'double precision[]', '''{1,2}''::float8[]'),
  ('refute', 'graph', 'causal.graph', '''x1 --> treat; x2 --> treat; x1 --> y; x2 --> y; treat --> y''::causal.graph'),
  ('refute', 'n_simulations', 'integer', '2'),
  ('refute_rows', 'method', 'text', '''aipw'''),
  ('refute_rows', 'refuters', 'text[]', '''{placebo_treatment,random_common_cause,data_subset,dummy_outcome,bootstrap}''::text[]'),
  ('refute_rows', 'n_simulations', 'integer', '2'),
  ('refute_rows', 'subset_fraction', 'double precision', '0.8'),
  ('refute_rows', 'alpha', 'double precision', '0.05'),
  ('refute_summary', 'alpha', 'double precision', '0.05'),
  ('refute_summary', 'name', 'text', '''placebo_treatment'''),
  ('refute_summary', 'estimate', 'double precision', '2'),
  ('refute_summary', 'ci_lower', 'double precision', '1.5'),
  ('refute_summary', 'ci_upper', 'double precision', '2.5'),
  ('refute_summary', 'estimates', 'double precision[]', '''{0.1,-0.2,0.05}''::float8[]'),
  ('refute_uniform', 'k', 'bigint', '5'),
  ('refute_normal', 'k', 'bigint', '5'),
  ('iv_2sls', 'y', 'integer', '3'),
  ('iv_2sls', 'd', 'integer[]', '''{1}''::int[]'),
  ('iv_2sls', 'z', 'integer[]', '''{2}''::int[]'),
  ('iv_first_stage', 'd', 'integer[]', '''{1}''::int[]'),
  ('iv_first_stage', 'z', 'integer[]', '''{2}''::int[]'),
  ('ida', 'g', 'causal.graph', '''x1 --- x2; x2 --> y''::causal.graph'),
  ('ida', 'treatment', 'text', '''x1'''),
  ('ida', 'names', 'text[]', '''{x1,x2,y}''::text[]'),
  ('estimate_iv', 'graph', 'causal.graph', '''x1 --> treat; treat --> y; treat <-> y''::causal.graph'),
  ('estimate_iv', 'estimand', 'text', '''ATE'''),
  ('estimate_iv', 'alpha', 'double precision', '0.05'),
  ('evalue', 'estimate', 'double precision', '2.5'),
  ('evalue', 'lower', 'double precision', '1.5'),
  ('evalue', 'upper', 'double precision', '4'),
  ('is_frontdoor_set', 'treatment', 'text[]', '''{treat}''::text[]'),
  ('is_frontdoor_set', 'outcome', 'text[]', '''{y}''::text[]'),
  ('is_frontdoor_set', 'mediators', 'text[]', '''{}''::text[]'),
  ('frontdoor_linear', 'y', 'integer', '3'),
  ('frontdoor_linear', 'x', 'integer', '1'),
  ('frontdoor_linear', 'mediators', 'integer[]', '''{2}''::int[]'),
  ('frontdoor_linear', 'names', 'text[]', '''{x1,x2,y}''::text[]'),
  ('estimate_frontdoor', 'graph', 'causal.graph', '''treat --> x1; x1 --> y; treat <-> y''::causal.graph'),
  ('estimate_frontdoor', 'estimand', 'text', '''ATE'''),
  ('estimate_frontdoor', 'alpha', 'double precision', '0.05'),
  ('estimate_linear_columns', 'graph', 'causal.graph', '''treat --> x1; x1 --> y; treat <-> y''::causal.graph'),
  ('estimate_linear_columns', 'estimand', 'text', '''ATE'''),
  ('estimate_linear_columns', 'method', 'text', '''iv'''),
  ('iv_2sls', 'treatment', 'text[]', '''{treat}''::text[]'),
  ('iv_2sls', 'instruments', 'text[]', '''{x1}''::text[]'),
  ('iv_2sls', 'covariates', 'text[]', '''{x2}''::text[]'),
  ('iv_2sls', 'vcov', 'text', '''HC1'''),
  ('summary', 'effects', 'causal.effect[]',
   'ARRAY[ROW(''m'', ''ATE'', 1.0, 0.5, 0.0, 2.0, 0.05, 10, 5, 5, NULL, 2.0)::causal.effect]'),
  ('summary', 'labels', 'text[]', '''{a}''::text[]'),
  ('dml_sensitivity', 'effect', 'causal.effect',
   '(SELECT causal.dml(''causal_walk'', ''y'', ''treat'', ''{x1,x2}'', n_folds => 2))');

-- calls left out, with the reason
CREATE TABLE causal_walk_skip (fn text, label text, reason text);
INSERT INTO causal_walk_skip VALUES
  ('simulate_sem', 'n 9223372036854775807',
   'a value-per-call set-returning function of n rows, like generate_series: 2^63 - 1 rows is a valid, endless request'),
  ('raise_error', 'baseline', 'raises the error it is given: its calls with NULLs are walked');

-- aggregates: argument list over causal_walk (or causal_walk_sketch for merge)
CREATE TABLE causal_walk_aggregate (agg regprocedure, args text, source text);
INSERT INTO causal_walk_aggregate VALUES
  ('causal.moments("any")', 'x1, x2, y', 'causal_walk'),
  ('causal.moments_weighted(float8, "any")', 'w, x1, x2', 'causal_walk'),
  ('causal.merge(causal.moments)', 'm', 'causal_walk_sketch'),
  ('causal.crosstab("any")', 'c1, c2', 'causal_walk'),
  ('causal.crosstab(text)', 'd', 'causal_walk'),
  ('causal.crosstab(varchar)', 'd::varchar', 'causal_walk'),
  ('causal.crosstab(char)', 'd::char', 'causal_walk'),
  ('causal.merge(causal.crosstab)', 'c', 'causal_walk_sketch'),
  ('causal.dot(text, text, text)', 'source, target, edge', 'causal_walk'),
  ('causal.mermaid(text, text, text)', 'source, target, edge', 'causal_walk'),
  ('causal.weighted_effect(float8, boolean, float8)', 'y, treat = 1, w', 'causal_walk'),
  ('causal.weighted_effect(float8, boolean, float8, bigint)', 'y, treat = 1, w, g', 'causal_walk'),
  ('causal.dml_plr(bigint, float8, float8, "any")', 'fold, y, treat, x1, x2', 'causal_walk'),
  ('causal.dml_plr_sketch(bigint, float8, float8, "any")', 'fold, y, treat, x1, x2', 'causal_walk'),
  ('causal.merge(causal.dml_sketch)', 's', 'causal_walk_sketch'),
  ('causal.graph(text, text, text)', 'source, target, edge', 'causal_walk'),
  ('causal.moments(float8[])', 'ARRAY[x1, x2, y]', 'causal_walk'),
  ('causal.moments_weighted(float8, float8[])', 'w, ARRAY[x1, x2]', 'causal_walk');
-- the typed overloads (sql/install/89_typed_aggregates.sql): columns by type, in turn
INSERT INTO causal_walk_aggregate
SELECT p.oid,
       -- (numeric columns as distinct smooth functions of id: the widest DML sketch is not singular)
       (SELECT string_agg(CASE WHEN o = 1 AND t = 'bigint'::regtype THEN 'fold'
                               WHEN t = 'text'::regtype THEN (ARRAY['c1::text', 'c2::text', 'treat::text', 'd'])[1 + o % 4]
                               WHEN p.proname = 'moments_weighted' AND o = 1 THEN 'w'
                               WHEN p.proname LIKE 'dml_plr%' AND o = 3 THEN 'treat'
                               ELSE format('sin(id * %s + %s)', 0.1 + 0.37 * o, o) END, ', ' ORDER BY o)
          FROM unnest(p.proargtypes::regtype[]) WITH ORDINALITY AS a(t, o)),
       'causal_walk'
  FROM pg_catalog.pg_proc p
 WHERE p.prokind = 'a' AND p.pronamespace = 'causal'::regnamespace
   AND obj_description(p.oid, 'pg_proc') LIKE '%(typed overload%';

-- the extension's functions and aggregates
CREATE VIEW causal_walk_procs AS
SELECT p.oid, p.proname::text AS name, p.prokind, p.pronargs, p.pronargdefaults,
       p.proargnames, ARRAY(SELECT unnest(p.proargtypes::oid[])) AS argtypes,
       -- transition, combine and final functions: called outside their aggregate they may refuse
       EXISTS (SELECT 1 FROM pg_catalog.pg_aggregate a
                WHERE p.oid IN (a.aggtransfn, a.aggcombinefn, a.aggfinalfn)) AS support
  FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'causal'
 -- the typed overloads of sql/install/89_typed_aggregates.sql share their C functions: the walk
 -- takes the narrowest ones and the widest of each name
 WHERE coalesce(obj_description(p.oid, 'pg_proc'), '') NOT LIKE '%(typed overload%'
    OR p.pronargs <= 5
    OR p.pronargs = (SELECT max(q.pronargs) FROM pg_catalog.pg_proc q
                      WHERE q.proname = p.proname AND q.pronamespace = p.pronamespace);

-- The calls: (function, label, SQL).  A label 'missing' carries the name of an argument
-- without a sample; the test fails on it.
CREATE FUNCTION causal_walk_calls()
    RETURNS TABLE (fn regprocedure, label text, sql text)
    LANGUAGE plpgsql
AS $$
DECLARE
    p record;
    a record;
    i int;
    nreq int;
    args text[];
    names text[];
    types text[];
    expr text;
    variant text;
    call text;
    empty_expr text;
BEGIN
    FOR p IN SELECT * FROM causal_walk_procs WHERE prokind = 'f' ORDER BY oid LOOP
        -- type I/O functions take cstring or internal: the fuzz target covers them
        CONTINUE WHEN EXISTS (SELECT 1 FROM unnest(p.argtypes) t
                               WHERE t IN ('cstring'::regtype, 'internal'::regtype));
        nreq := p.pronargs - p.pronargdefaults;
        args := '{}';
        names := '{}';
        types := '{}';
        FOR i IN 1 .. p.pronargs LOOP
            names := names || coalesce(p.proargnames[i], '');
            types := types || format_type(p.argtypes[i], NULL);
            IF p.argtypes[i] = '"any"'::regtype THEN
                expr := '1.5::float8';
            ELSIF i > nreq THEN
                -- defaulted: left out of the baseline call, unless the function has its own sample
                SELECT s.expr INTO expr FROM causal_walk_sample s
                 WHERE s.fn = p.name AND s.arg = p.proargnames[i] AND s.typ = format_type(p.argtypes[i], NULL);
            ELSE
                SELECT s.expr INTO expr FROM causal_walk_sample s
                 WHERE s.arg = coalesce(p.proargnames[i], '') AND s.typ = format_type(p.argtypes[i], NULL)
                   AND (s.fn = p.name OR s.fn IS NULL)
                 ORDER BY s.fn NULLS LAST LIMIT 1;
                IF expr IS NULL AND coalesce(p.proargnames[i], '') = '' THEN
                    -- unnamed arguments of transition and combine functions: a sample by type
                    SELECT s.expr INTO expr FROM causal_walk_sample s
                     WHERE s.fn IS NULL AND s.typ = format_type(p.argtypes[i], NULL)
                       AND s.arg IN ('', 'm', 'c', 'sketch')
                     ORDER BY s.arg DESC LIMIT 1;
                END IF;
                IF expr IS NULL THEN
                    fn := p.oid; label := 'missing';
                    sql := format('no sample for argument %s %s', coalesce(nullif(p.proargnames[i], ''), '$' || i),
                                  format_type(p.argtypes[i], NULL));
                    args := NULL;
                    RETURN NEXT;
                    EXIT;
                END IF;
            END IF;
            args := args || expr;
        END LOOP;
        CONTINUE WHEN args IS NULL;
        -- variant 0: baseline; variant i: argument i NULL; variant -i: argument i the empty sketch
        -- variant 'null': argument i NULL; 'empty': the sketch of zero rows; else an extreme number
        FOR i IN 0 .. p.pronargs LOOP
            FOR variant IN SELECT unnest(ARRAY['null', 'empty'] ||
                                         CASE WHEN i = 0 THEN '{}'::text[]
                                              WHEN types[i] = 'integer' THEN ARRAY['0', '-1', '2147483647']
                                              WHEN types[i] = 'bigint' THEN ARRAY['-1', '9223372036854775807']
                                              WHEN types[i] = 'double precision' AND p.argtypes[i] <> '"any"'::regtype
                                              THEN ARRAY['0', '-1', '1e308', '''NaN''', '''Infinity''']
                                              ELSE '{}'::text[] END) LOOP
                CONTINUE WHEN i = 0 AND variant = 'empty';
                empty_expr := NULL;
                IF variant NOT IN ('null', 'empty') THEN
                    empty_expr := format('%s::%s', variant, types[i]);
                ELSIF variant = 'empty' THEN
                    CONTINUE WHEN types[i] NOT IN ('causal.moments', 'causal.crosstab', 'causal.dml_sketch');
                    empty_expr := CASE types[i]
                        WHEN 'causal.moments' THEN '(SELECT causal.moments(x1, x2, y) FROM causal_walk WHERE false)'
                        WHEN 'causal.crosstab' THEN '(SELECT causal.crosstab(c1, c2, treat) FROM causal_walk WHERE false)'
                        ELSE '(SELECT causal.dml_plr_sketch(fold, y, treat, x1, x2) FROM causal_walk WHERE false)' END;
                END IF;
                call := '';
                FOR a IN SELECT * FROM generate_subscripts(args, 1) AS k LOOP
                    expr := args[a.k];
                    IF a.k = i THEN
                        expr := coalesce(empty_expr, format('NULL::%s', types[a.k]));
                    END IF;
                    CONTINUE WHEN expr IS NULL;
                    IF a.k > nreq THEN
                        call := call || format(', %I => %s', names[a.k], expr);
                    ELSE
                        call := call || ', ' || expr;
                    END IF;
                END LOOP;
                fn := p.oid;
                label := CASE WHEN i = 0 AND p.support THEN 'support baseline'
                              WHEN i = 0 THEN 'baseline'
                              ELSE format('%s %s', coalesce(nullif(names[i], ''), '$' || i), variant) END;
                sql := format('SELECT length(string_agg(r.v::text, '','')) FROM (SELECT %s(%s) AS v) AS r',
                              p.oid::regproc, substr(call, 3));
                CONTINUE WHEN EXISTS (SELECT 1 FROM causal_walk_skip k WHERE k.fn = p.name AND k.label = causal_walk_calls.label);
                RETURN NEXT;
                -- the baseline on degenerate data
                IF i = 0 AND sql ~ '\mcausal_walk' THEN
                    FOR a IN SELECT d.variant FROM causal_walk_degenerate d LOOP
                        label := CASE WHEN p.support THEN 'support ' ELSE '' END || 'degenerate: ' || a.variant;
                        sql := regexp_replace(regexp_replace(format('SELECT length(string_agg(r.v::text, '','')) FROM (SELECT %s(%s) AS v) AS r',
                                                                    p.oid::regproc, substr(call, 3)),
                                                             '\mcausal_walk_sketch\M', 'causal_walk_' || a.variant || '_sketch', 'g'),
                                              '\mcausal_walk\M', 'causal_walk_' || a.variant, 'g');
                        RETURN NEXT;
                    END LOOP;
                END IF;
            END LOOP;
        END LOOP;
    END LOOP;
    -- aggregates
    FOR p IN SELECT c.*, w.args, w.source FROM causal_walk_procs c LEFT JOIN causal_walk_aggregate w ON w.agg = c.oid
              WHERE c.prokind = 'a' ORDER BY c.oid LOOP
        fn := p.oid;
        IF p.args IS NULL THEN
            label := 'missing';
            sql := 'no argument list in causal_walk_aggregate';
            RETURN NEXT;
            CONTINUE;
        END IF;
        label := 'zero rows';
        sql := format('SELECT length(string_agg(r.v::text, '','')) FROM (SELECT %s(%s) AS v FROM %I WHERE false) AS r', p.oid::regproc, p.args, p.source);
        RETURN NEXT;
        label := 'all-filtered group';
        sql := format('SELECT length(string_agg(r.v::text, '','')) FROM (SELECT g, %s(%s) FILTER (WHERE g > 1) AS v FROM %I GROUP BY g) AS r',
                      p.oid::regproc, p.args, p.source);
        RETURN NEXT;
        label := 'all-NULL rows';
        sql := format('SELECT length(string_agg(r.v::text, '','')) FROM (SELECT %s(%s) AS v FROM %I) AS r', p.oid::regproc, p.args, p.source || '_null');
        RETURN NEXT;
        label := 'baseline';
        sql := format('SELECT length(string_agg(r.v::text, '','')) FROM (SELECT %s(%s) AS v FROM %I) AS r', p.oid::regproc, p.args, p.source);
        RETURN NEXT;
        FOR a IN SELECT d.variant FROM causal_walk_degenerate d LOOP
            label := 'degenerate: ' || a.variant;
            sql := format('SELECT length(string_agg(r.v::text, '','')) FROM (SELECT %s(%s) AS v FROM %I) AS r', p.oid::regproc, p.args,
                          replace(p.source, 'causal_walk', 'causal_walk_' || a.variant));
            RETURN NEXT;
        END LOOP;
    END LOOP;
END;
$$;
