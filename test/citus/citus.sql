-- make check-citus: the sketch aggregates and the table-level functions on Citus (a coordinator
-- and two workers, test/citus/run.sh) give what they give on one node.  Every distributed,
-- reference and columnar table has a plain twin on the coordinator with the same rows; each
-- result on the distributed table is compared with the same call on the twin.  Tolerance: the
-- workers' partial sketches merge in another order than one scan adds rows, so floating-point
-- sums agree to rounding: 1e-12 relative to the size of the quantity (counts exactly).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
-- the helpers live in a schema of their own, which Citus creates on the workers too (a query
-- may run them there)
CREATE SCHEMA citus_check;
SELECT plan(54);

-- |a - b| <= 1e-12 (|b| + scale), elementwise; NULL only if both are NULL
CREATE FUNCTION citus_check.near(a float8[], b float8[], scale float8 DEFAULT 1) RETURNS boolean
LANGUAGE sql IMMUTABLE
RETURN (a IS NULL AND b IS NULL)
    OR (cardinality(a) = cardinality(b)
        AND (SELECT bool_and(abs(x - y) <= 1e-12 * (abs(y) + scale))
               FROM unnest(a, b) AS u(x, y)));
-- a moment sketch as numbers: n, means, covariance
CREATE FUNCTION citus_check.nums(m causal.moments) RETURNS float8[]
LANGUAGE sql IMMUTABLE
RETURN ARRAY[causal.n(m)::float8] || causal.means(m)
       || ARRAY(SELECT unnest(causal.covariance(m)));
-- a crosstab as its cells, canonical order
CREATE FUNCTION citus_check.cells(c causal.crosstab) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN (SELECT string_agg(array_to_string(labels, '|') || '=' || n, ',' ORDER BY labels) FROM causal.cells(c));
CREATE FUNCTION citus_check.edges(q text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
    EXECUTE format('SELECT string_agg(source || '' '' || edge || '' '' || target, ''; '' ORDER BY source, target) FROM (%s) e', q) INTO r;
    RETURN r;
END $$;

-- the data: a simulated SEM (x1..x3 -> t -> y), a day, discrete columns, a weight
CREATE TABLE obs_local AS
SELECT id, id % 7 AS day, x[1] AS x1, x[2] AS x2, x[3] AS x3, treatment AS t, outcome AS y,
       (id % 3)::int AS c1, (id * 7 % 4 = 0) AS b1, ((x[1] > 0)::int + (treatment > 0)::int)::text AS s1,
       (1 + (id * 5 % 7) * 0.25)::numeric AS w
  FROM causal.simulate_sem(20000, 3, seed => 7, edge_prob => 0.6);
CREATE TABLE obs (LIKE obs_local);
SELECT create_distributed_table('obs', 'id');
INSERT INTO obs SELECT * FROM obs_local;
CREATE TABLE obs_ref (LIKE obs_local);
SELECT create_reference_table('obs_ref');
INSERT INTO obs_ref SELECT * FROM obs_local;
CREATE TABLE obs_col (LIKE obs_local) USING columnar;
SELECT create_distributed_table('obs_col', 'id');
INSERT INTO obs_col SELECT * FROM obs_local;
CREATE TABLE twins (dist text, kind text);
INSERT INTO twins VALUES ('obs', 'hash-distributed'), ('obs_ref', 'reference'), ('obs_col', 'columnar, hash-distributed');

-- 1. every sketch aggregate, not grouped, on each kind of table
CREATE FUNCTION citus_check.agg_cmp(tbl text, expr text, num text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE a float8[]; b float8[];
BEGIN
    EXECUTE format('SELECT %s FROM (SELECT %s AS v FROM %I) s', num, expr, tbl) INTO a;
    EXECUTE format('SELECT %s FROM (SELECT %s AS v FROM obs_local) s', num, expr) INTO b;
    RETURN citus_check.near(a, b);
END $$;
CREATE TABLE citus_check.aggs (name text, expr text, num text);
INSERT INTO citus_check.aggs VALUES
  ('moments(x1, x2, y, c1)', 'causal.moments(x1, x2, y, c1)', 'citus_check.nums(v)'),
  ('moments_weighted(w, x1, y)', 'causal.moments_weighted(w, x1, y)', 'citus_check.nums(v)'),
  ('moments(float8[])', 'causal.moments(ARRAY[x1, x2, x3, t, y])', 'citus_check.nums(v)'),
  ('moments_weighted(float8, float8[])', 'causal.moments_weighted(w, ARRAY[x1, y])', 'citus_check.nums(v)'),
  ('dml_plr(day, y, t, x1, x2, x3)', 'causal.dml_plr(day, y, t, x1, x2, x3)', 'ARRAY[(v).estimate, (v).std_error]'),
  ('dml_plr_sketch then dml_plr(sketch)', 'causal.dml_plr_sketch(day, y, t, x1, x2, x3)',
   'ARRAY[(causal.dml_plr(v)).estimate, (causal.dml_plr(v)).std_error]');
SELECT ok(citus_check.agg_cmp(w.dist, a.expr, a.num), format('%s on the %s table equals one node', a.name, w.kind))
  FROM citus_check.aggs a, twins w ORDER BY w.dist, a.name;

-- crosstab: the text overloads (columns cast to text, as causal.table_crosstab does)
SELECT is((SELECT citus_check.cells(causal.crosstab(c1::text, b1::text, s1)) FROM obs),
          (SELECT citus_check.cells(causal.crosstab(c1::text, b1::text, s1)) FROM obs_local),
          'crosstab(text, text, text) on the hash-distributed table: the same cells');
SELECT is((SELECT citus_check.cells(causal.crosstab(s1)) FROM obs_col),
          (SELECT citus_check.cells(causal.crosstab(s1)) FROM obs_local),
          'crosstab(text) on the columnar table: the same cells');
SELECT is((SELECT citus_check.cells(causal.crosstab(c1, b1, s1)) FROM obs_local),
          (SELECT citus_check.cells(causal.crosstab(c1::text, b1::text, s1)) FROM obs_local),
          'the text overloads label integers and booleans as the "any" form does');

-- 2. grouped by a column that is not the distribution column, and by the distribution column
SELECT ok((SELECT bool_and(citus_check.near(citus_check.nums(d.m), citus_check.nums(l.m)))
             FROM (SELECT day, causal.moments(x1, x2, y) AS m FROM obs GROUP BY day) d
             JOIN (SELECT day, causal.moments(x1, x2, y) AS m FROM obs_local GROUP BY day) l USING (day))
          AND (SELECT count(DISTINCT day) FROM obs) = 7,
          'moments GROUP BY day (not the distribution column): seven sketches equal one node''s');
SELECT ok((SELECT bool_and(citus_check.near(causal.means(d.m), causal.means(l.m)) AND causal.n(d.m) = 1)
             FROM (SELECT id, causal.moments(x1, y) AS m FROM obs WHERE id <= 50 GROUP BY id) d
             JOIN (SELECT id, causal.moments(x1, y) AS m FROM obs_local WHERE id <= 50 GROUP BY id) l USING (id)),
          'moments GROUP BY id (the distribution column, pushed down whole): one row each');
SELECT ok((SELECT bool_and(citus_check.near(citus_check.nums(d.m), citus_check.nums(l.m)))
             FROM (SELECT day, causal.moments_weighted(w, x1, y) AS m FROM obs_col GROUP BY day) d
             JOIN (SELECT day, causal.moments_weighted(w, x1, y) AS m FROM obs_local GROUP BY day) l USING (day)),
          'moments_weighted GROUP BY day on the columnar table');
SELECT ok((SELECT bool_and(d.cells = l.cells)
             FROM (SELECT day, citus_check.cells(causal.crosstab(c1::text, s1)) AS cells FROM obs GROUP BY day) d
             JOIN (SELECT day, citus_check.cells(causal.crosstab(c1::text, s1)) AS cells FROM obs_local GROUP BY day) l USING (day)),
          'crosstab GROUP BY day');
SELECT ok((SELECT bool_and(citus_check.near(ARRAY[(d.e).estimate, (d.e).std_error], ARRAY[(l.e).estimate, (l.e).std_error]))
             FROM (SELECT c1, causal.dml_plr(day, y, t, x1, x2) AS e FROM obs GROUP BY c1) d
             JOIN (SELECT c1, causal.dml_plr(day, y, t, x1, x2) AS e FROM obs_local GROUP BY c1) l USING (c1)),
          'dml_plr GROUP BY c1');

-- 3. merge over stored sketches, and the rollup pattern of doc/moments.md
CREATE TABLE rollup (day int, m causal.moments, c causal.crosstab, s causal.dml_sketch);
INSERT INTO rollup SELECT day, causal.moments(x1, x2, y), causal.crosstab(c1::text, s1),
                          causal.dml_plr_sketch(c1, y, t, x1, x2)
                     FROM obs GROUP BY day;
SELECT ok(citus_check.near((SELECT citus_check.nums(causal.merge(m)) FROM rollup),
                       (SELECT citus_check.nums(causal.moments(x1, x2, y)) FROM obs_local)),
          'the rollup (INSERT ... SELECT day, causal.moments(...) FROM obs GROUP BY day) merges to the whole table''s sketch');
SELECT is((SELECT citus_check.cells(causal.merge(c)) FROM rollup),
          (SELECT citus_check.cells(causal.crosstab(c1::text, s1)) FROM obs_local), 'the crosstab rollup merges to the whole');
SELECT ok(citus_check.near((SELECT ARRAY[(causal.dml_plr(causal.merge(s))).estimate] FROM rollup),
                       (SELECT ARRAY[(causal.dml_plr(c1, y, t, x1, x2)).estimate] FROM obs_local)),
          'the DML rollup merges to the whole');
CREATE TABLE rollup_dist (day int, m causal.moments);
SELECT create_distributed_table('rollup_dist', 'day');
INSERT INTO rollup_dist SELECT day, causal.moments(x1, x2, y) FROM obs GROUP BY day;
SELECT ok(citus_check.near((SELECT citus_check.nums(causal.merge(m)) FROM rollup_dist),
                       (SELECT citus_check.nums(causal.moments(x1, x2, y)) FROM obs_local)),
          'a distributed rollup table, merged across the workers');
-- named sketches (format version 2) stored on the workers, merged across them
CREATE TABLE rollup_named (day int, m causal.moments, c causal.crosstab);
SELECT create_distributed_table('rollup_named', 'day');
INSERT INTO rollup_named
SELECT day, causal.with_names(causal.moments(x1, x2, y), '{x1,x2,y}'), causal.with_names(causal.crosstab(c1::text, s1), '{c1,s1}')
  FROM obs GROUP BY day;
SELECT ok(citus_check.near((SELECT citus_check.nums(causal.merge(m)) FROM rollup_named),
                       (SELECT citus_check.nums(causal.moments(x1, x2, y)) FROM obs_local))
          AND (SELECT causal.column_names(causal.merge(m)) FROM rollup_named) = '{x1,x2,y}',
          'named sketches on the workers merge across them and keep their names');
SELECT is((SELECT causal.column_names(causal.merge(c)) || causal.column_names(causal.table_moments('obs', '{x1,y}')) FROM rollup_named),
          '{c1,s1,x1,y}', 'named crosstabs too; table_moments on a distributed table names its sketch');
SELECT throws_ok($$SELECT causal.merge(m) FROM (SELECT m FROM rollup_named UNION ALL SELECT causal.moments(x1, y, x2) FROM obs) u$$,
                 '22023', NULL, 'a named rollup and an unnamed sketch do not merge on Citus either');

-- 4. the partial aggregates run on the workers
CREATE FUNCTION citus_check.plan(q text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE r text; line text;
BEGIN
    r := '';
    FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q LOOP r := r || line || E'\n'; END LOOP;
    RETURN r;
END $$;
SELECT ok(citus_check.plan('SELECT causal.moments(x1, x2, y) FROM obs') ~ 'worker_partial_agg\(.*causal\.moments\(double precision,double precision,double precision\)'
          AND citus_check.plan('SELECT causal.moments(x1, x2, y) FROM obs') ~ 'coord_combine_agg',
          'EXPLAIN: causal.moments runs as partial aggregates on the workers, combined on the coordinator');
SELECT ok(citus_check.plan('SELECT day, causal.crosstab(c1::text, s1) FROM obs GROUP BY day') ~ 'worker_partial_agg',
          'EXPLAIN: crosstab grouped by day, partial on the workers');
SELECT ok(citus_check.plan('SELECT causal.dml_plr(day, y, t, x1, x2) FROM obs') ~ 'worker_partial_agg',
          'EXPLAIN: dml_plr, partial on the workers');

-- 5. the table-level functions (each runs its aggregate on the distributed table)
SELECT is(citus_check.edges('SELECT * FROM causal.pc(''obs'', ''{x1,x2,x3,t,y}'')'),
          citus_check.edges('SELECT * FROM causal.pc(''obs_local'', ''{x1,x2,x3,t,y}'')'), 'pc (Fisher-z) on the distributed table');
SELECT is(citus_check.edges('SELECT * FROM causal.pc(''obs'', ''{c1,b1,s1}'', ci_test => ''gsq'')'),
          citus_check.edges('SELECT * FROM causal.pc(''obs_local'', ''{c1,b1,s1}'', ci_test => ''gsq'')'), 'pc (G-squared, a crosstab of text casts)');
SELECT is(citus_check.edges('SELECT * FROM causal.ges(''obs_col'', ''{x1,x2,x3,t,y}'')'),
          citus_check.edges('SELECT * FROM causal.ges(''obs_local'', ''{x1,x2,x3,t,y}'')'), 'ges on the columnar table');
SELECT is(citus_check.edges('SELECT * FROM causal.fci(''obs'', ''{x1,x2,x3,t,y}'')'),
          citus_check.edges('SELECT * FROM causal.fci(''obs_local'', ''{x1,x2,x3,t,y}'')'), 'fci');
SELECT is(citus_check.edges('SELECT source, target, edge FROM causal.cdnod(''obs'', ''{x1,x2,t,y}'', ''day'', independent_change => false)'),
          citus_check.edges('SELECT source, target, edge FROM causal.cdnod(''obs_local'', ''{x1,x2,t,y}'', ''day'', independent_change => false)'),
          'cdnod (its moment sketch on the distributed table)');
SELECT ok(citus_check.near(ARRAY[(causal.ci_test('obs', 'x1', 'y', '{t,x2}')).statistic],
                       ARRAY[(causal.ci_test('obs_local', 'x1', 'y', '{t,x2}')).statistic]), 'ci_test, Fisher-z');
SELECT ok(citus_check.near(ARRAY[(causal.ci_test('obs', 'c1', 's1', '{b1}', 'chisq')).statistic],
                       ARRAY[(causal.ci_test('obs_local', 'c1', 's1', '{b1}', 'chisq')).statistic]), 'ci_test, chi-square');
SELECT ok(citus_check.near((SELECT array_agg(correlation ORDER BY x, y) FROM causal.correlations('obs', '{x1,x2,y}')),
                       (SELECT array_agg(correlation ORDER BY x, y) FROM causal.correlations('obs_local', '{x1,x2,y}'))),
          'correlations');
SELECT ok(citus_check.near(citus_check.nums(causal.table_moments('obs_ref', '{x1,x2,x3,t,y,c1,w}')),
                       citus_check.nums(causal.table_moments('obs_local', '{x1,x2,x3,t,y,c1,w}'))), 'table_moments on the reference table');
SELECT ok(citus_check.near(ARRAY[(e).estimate, (e).std_error], ARRAY[(l).estimate, (l).std_error]),
          'causal.estimate by regression adjustment (one moment-sketch scan)')
  FROM (SELECT causal.estimate('obs', 't', 'y', 'x1 --> t; x2 --> t; x1 --> y; x2 --> y; t --> y', 'regression') AS e) a,
       (SELECT causal.estimate('obs_local', 't', 'y', 'x1 --> t; x2 --> t; x1 --> y; x2 --> y; t --> y', 'regression') AS l) b;
SELECT ok(citus_check.near(ARRAY[(causal.dml_plr(s)).estimate], ARRAY[(causal.dml_plr(l)).estimate]),
          'dml_plr from a sketch of the distributed table')
  FROM (SELECT causal.dml_plr_sketch(day, y, t, x1, x2) AS s FROM obs) a,
       (SELECT causal.dml_plr_sketch(day, y, t, x1, x2) AS l FROM obs_local) b;

-- 5b. row-level methods pull the rows to the coordinator in whatever order the shards send them;
-- their seeded draws start from a canonical row order, so the numbers equal one node's
SELECT ok(citus_check.near(ARRAY[(d).estimate, (d).std_error], ARRAY[(l).estimate, (l).std_error], 1e3),
          'causal.dml (random folds) on the distributed table equals one node (1e-9)')
  FROM (SELECT causal.dml('obs', 'y', 't', '{x1,x2,x3}') AS d) a,
       (SELECT causal.dml('obs_local', 'y', 't', '{x1,x2,x3}') AS l) b;
SELECT ok(citus_check.near((SELECT array_agg(estimate ORDER BY refuter_position, simulation)
                              FROM causal.refute_rows('obs', 't', 'y', '{x1,x2}', 'aipw', 'ATE',
                                                      '{placebo_treatment,bootstrap}', 3, 0.8, 0.05, 42)),
                           (SELECT array_agg(estimate ORDER BY refuter_position, simulation)
                              FROM causal.refute_rows('obs_local', 't', 'y', '{x1,x2}', 'aipw', 'ATE',
                                                      '{placebo_treatment,bootstrap}', 3, 0.8, 0.05, 42)), 1e3),
          'the refuters on the distributed table equal one node''s');
SELECT ok(citus_check.near(ARRAY[(causal.weighting_effect('obs', 'y', 't', '{x1,x2,x3}', 'id', 'ipw')).estimate],
                           ARRAY[(causal.weighting_effect('obs_local', 'y', 't', '{x1,x2,x3}', 'id', 'ipw')).estimate], 1e3),
          'IPW on the distributed table equals one node''s');

-- 5c. row keys: weights of the distributed table (ids as causal.id) joined back to it without a
-- cast, on the workers, as on one node
SELECT ok(citus_check.near(ARRAY[(d).estimate, (d).std_error], ARRAY[(l).estimate, (l).std_error], 1e3),
          'causal.weights joined back to the distributed table by w.id = id equals one node''s')
  FROM (SELECT causal.weighted_effect(o.y, o.t = 1, w.weight) AS d
          FROM causal.weights('obs', 't', '{x1,x2,x3}', 'id') w JOIN obs o ON w.id = o.id) a,
       (SELECT causal.weighted_effect(o.y, o.t = 1, w.weight) AS l
          FROM causal.weights('obs_local', 't', '{x1,x2,x3}', 'id') w JOIN obs_local o ON w.id = o.id) b;
-- and a result stored as a table distributed by its causal.id column (the type's hash opclass)
CREATE TABLE wts AS SELECT * FROM causal.weights('obs_local', 't', '{x1,x2,x3}', 'id');
SELECT create_distributed_table('wts', 'id');
SELECT ok(citus_check.near(ARRAY[(SELECT sum(w.weight * o.y) FROM wts w JOIN obs_local o ON w.id = o.id)],
                           ARRAY[(SELECT sum(w.weight * o.y)
                                    FROM causal.weights('obs_local', 't', '{x1,x2,x3}', 'id') w
                                    JOIN obs_local o ON w.id = o.id)]),
          'weights stored in a table distributed by its causal.id column join back as on one node');

-- 6. wider than the typed overloads: the array form; and types the overloads do not take
SELECT ok(citus_check.near(citus_check.nums(d.m), citus_check.nums(l.m)), 'the float8[] form (any width)')
  FROM (SELECT causal.moments(ARRAY[x1, x2, x3, t, y, c1, w, x1 * x2, x2 * x3, x1 * y]) AS m FROM obs) d,
       (SELECT causal.moments(ARRAY[x1, x2, x3, t, y, c1, w, x1 * x2, x2 * x3, x1 * y]) AS m FROM obs_local) l;
SELECT throws_ok($$SELECT causal.crosstab(c1, s1) FROM obs$$, NULL, NULL,
                 'crosstab of an integer column without a cast takes the "any" form, which Citus cannot distribute');

DROP TABLE obs, obs_local, obs_ref, obs_col, twins, rollup, rollup_dist, wts;
DROP SCHEMA citus_check CASCADE;
SELECT * FROM finish();
