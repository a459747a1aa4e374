-- Sketches that know their columns: causal.with_names and the table-level functions name a
-- sketch; the names survive text and binary output, merges and parallel/partial aggregation;
-- merging sketches over other columns (or one named and one not) is refused; readers label their
-- output with the names, refuse names that contradict them, and take columns by name.  The
-- references: the same calls by position on unnamed sketches (checked against R, statsmodels
-- and causal-learn in their own files), and PostgreSQL's covar_samp for a merged sketch.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(74);

CREATE TEMP TABLE s AS
SELECT i AS id, x[1] AS a, x[2] AS b, x[3] AS c, x[4] AS d, (i % 3) AS g, t::int AS t
  FROM causal.simulate_sem(600, 4, seed => 11, edge_prob => 0.7) s(i, x, t, y);
CREATE TEMP TABLE l AS SELECT * FROM causal.lalonde();

-- a value's binary form written as a COPY file and read back as type typ: its text form, or the
-- SQLSTATE of the error
CREATE FUNCTION pg_temp.binary_load(typ text, b bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    path text := format('/tmp/causal_names_%s.bin', pg_backend_pid());
    out text;
BEGIN
    EXECUTE format('CREATE TEMP TABLE IF NOT EXISTS names_bin (v %s)', typ);
    TRUNCATE names_bin;
    EXECUTE format('COPY (SELECT translate(encode(%L::bytea, ''base64''), E''\n'', '''')) TO PROGRAM %L',
                   '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea || '\x0001'::bytea
                   || int4send(length(b)) || b || '\xffff'::bytea, 'base64 -d > ' || path);
    BEGIN
        EXECUTE format('COPY names_bin FROM %L (FORMAT binary)', path);
        EXECUTE 'SELECT v::text FROM names_bin' INTO out;
    EXCEPTION WHEN OTHERS THEN
        out := SQLSTATE;
    END;
    EXECUTE format('COPY (SELECT 1) TO PROGRAM %L', 'rm -f ' || path);
    DROP TABLE names_bin;
    RETURN out;
END $$;

CREATE TEMP TABLE sk AS
SELECT causal.table_moments('s', '{a,b,c,d}') AS m, causal.table_crosstab('s', '{g,t}') AS c,
       (SELECT causal.moments(a, b, c, d) FROM s) AS mu, (SELECT causal.crosstab(g, t) FROM s) AS cu;

-- naming
SELECT is((SELECT causal.column_names(mu) FROM sk), NULL, 'an aggregate''s sketch is unnamed');
SELECT is((SELECT causal.column_names(cu) FROM sk), NULL, 'an aggregate''s crosstab is unnamed');
SELECT is((SELECT causal.column_names(m) FROM sk), '{a,b,c,d}', 'causal.table_moments names its sketch');
SELECT is((SELECT causal.column_names(c) FROM sk), '{g,t}', 'causal.table_crosstab names its crosstab');
SELECT is((SELECT causal.with_names(mu, '{a,b,c,d}')::text FROM sk), (SELECT m::text FROM sk),
          'with_names on the aggregate''s sketch equals the table-level sketch');
SELECT is((SELECT causal.with_names(m, NULL)::text FROM sk), (SELECT mu::text FROM sk),
          'with_names(NULL) drops the names: the unnamed sketch again');
SELECT is((SELECT causal.with_names(c, NULL)::text FROM sk), (SELECT cu::text FROM sk), 'the same for a crosstab');
SELECT is((SELECT causal.moments_send(causal.with_names(m, NULL)) = causal.moments_send(mu) FROM sk), true,
          'an unnamed sketch keeps the 0.1.0 binary form (version 1)');
SELECT is((SELECT (m::text::jsonb) -> 'version' FROM sk), '2'::jsonb, 'a named sketch prints version 2');
SELECT is((SELECT (mu::text::jsonb) -> 'version' FROM sk), '1'::jsonb, 'an unnamed one version 1');
SELECT is((SELECT causal.column_positions(m, '{d,a}') FROM sk), '{4,1}', 'column_positions');
SELECT is((SELECT causal.column_positions(c, '{t}') FROM sk), '{2}', 'column_positions on a crosstab');

-- text and binary forms keep the names
SELECT is((SELECT m::text::causal.moments::text FROM sk), (SELECT m::text FROM sk), 'text round trip (moments)');
SELECT is((SELECT c::text::causal.crosstab::text FROM sk), (SELECT c::text FROM sk), 'text round trip (crosstab)');
SELECT is((SELECT pg_temp.binary_load('causal.moments', causal.moments_send(m)) FROM sk), (SELECT m::text FROM sk),
          'binary round trip (moments)');
SELECT is((SELECT pg_temp.binary_load('causal.crosstab', causal.crosstab_send(c)) FROM sk), (SELECT c::text FROM sk),
          'binary round trip (crosstab)');
SELECT is((SELECT pg_temp.binary_load('causal.moments', causal.moments_send(mu)) FROM sk), (SELECT mu::text FROM sk),
          'binary round trip of an unnamed sketch');

-- merging
CREATE TEMP TABLE daily AS
SELECT id % 5 AS day, causal.with_names(causal.moments(a, b), '{a,b}') AS m,
       causal.with_names(causal.crosstab(g, t), '{g,t}') AS c
  FROM s GROUP BY id % 5;
SELECT is((SELECT causal.column_names(causal.merge(m)) FROM daily), '{a,b}', 'a rollup of named sketches keeps the names');
SELECT ok((SELECT abs((causal.covariance(causal.merge(m)))[1][2] - (SELECT covar_samp(a, b) FROM s)) < 1e-12
                  * abs((SELECT covar_samp(a, b) FROM s))
             FROM daily), 'the merged covariance equals covar_samp over the rows (1e-12)');
SELECT is((SELECT causal.n(causal.merge(c)) FROM daily), 600::bigint, 'merged crosstab counts every row');
SELECT is((SELECT causal.column_names(causal.merge(c)) FROM daily), '{g,t}', 'and keeps its names');
SELECT throws_ok($$SELECT causal.merge(m) FROM (SELECT m FROM daily UNION ALL
                                                 SELECT causal.with_names(causal.moments(b, a), '{b,a}') FROM s) u$$,
                 '22023', 'cannot merge causal.moments sketches over different columns: column 1 is "a" in one and "b" in the other',
                 'columns in another order: refused (the same width merged silently before)');
SELECT throws_ok($$SELECT causal.merge(m) FROM (SELECT m FROM daily UNION ALL SELECT causal.moments(a, b) FROM s) u$$,
                 '22023', 'cannot merge a causal.moments sketch with column names and one without',
                 'named with unnamed: refused');
SELECT throws_ok($$SELECT causal.merge(c) FROM (SELECT c FROM daily UNION ALL
                                                 SELECT causal.with_names(causal.crosstab(g, t), '{g,treat}') FROM s) u$$,
                 '22023', NULL, 'crosstabs with other names: refused');
SELECT throws_ok($$SELECT causal.merge(c) FROM (SELECT c FROM daily UNION ALL SELECT causal.crosstab(g, t) FROM s) u$$,
                 '22023', NULL, 'named crosstab with unnamed: refused');
-- a parallel merge (partial states combined) keeps the names
CREATE TEMP TABLE many AS SELECT d.* FROM daily d, generate_series(1, 400);
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT is((SELECT causal.column_names(causal.merge(m)) || causal.column_names(causal.merge(c)) FROM many),
          '{a,b,g,t}', 'names survive a parallel merge');
SELECT is((SELECT causal.n(causal.merge(m)) FROM many), 240000::bigint, 'and every sketch is counted');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- the DML sketch: names for y, d and the covariates
CREATE TEMP TABLE dml_daily AS
SELECT id % 3 AS day, causal.with_names(causal.dml_plr_sketch(id % 5, d, t, a, b), '{d,t,a,b}') AS s
  FROM s GROUP BY id % 3;
SELECT is((SELECT causal.column_names(causal.merge(s)) FROM dml_daily), '{d,t,a,b}', 'a rollup of named DML sketches keeps the names');
SELECT is((SELECT causal.column_names(causal.dml_plr_sketch(id % 5, d, t, a, b)) FROM s), NULL, 'the aggregate''s DML sketch is unnamed');
SELECT ok((SELECT abs((causal.dml_plr(causal.merge(s))).estimate - (SELECT (causal.dml_plr(causal.dml_plr_sketch(id % 5, d, t, a, b))).estimate FROM s))
                  < 1e-9 FROM dml_daily), 'the named rollup gives the estimate of one scan');
SELECT is((SELECT causal.merge(s)::text::causal.dml_sketch::text FROM dml_daily), (SELECT causal.merge(s)::text FROM dml_daily),
          'text round trip (DML sketch)');
SELECT is((SELECT pg_temp.binary_load('causal.dml_sketch', causal.dml_sketch_send(causal.merge(s))) FROM dml_daily),
          (SELECT causal.merge(s)::text FROM dml_daily), 'binary round trip (DML sketch)');
SELECT is((SELECT causal.dml_sketch_send(causal.with_names(causal.merge(s), NULL)) FROM dml_daily),
          (SELECT causal.dml_sketch_send(causal.merge(s)) FROM (SELECT causal.dml_plr_sketch(id % 5, d, t, a, b) AS s FROM s GROUP BY id % 3) x),
          'an unnamed DML sketch keeps the version-2 bytes');
SELECT throws_ok($$SELECT causal.merge(s) FROM (SELECT s FROM dml_daily UNION ALL
                                                 SELECT causal.with_names(causal.dml_plr_sketch(id % 5, d, t, b, a), '{d,t,b,a}') FROM s) u$$,
                 '22023', 'cannot merge causal.dml_sketch sketches over different columns: column 3 is "a" in one and "b" in the other',
                 'DML sketches over covariates in another order: refused (they would add up wrongly)');
SELECT throws_ok($$SELECT causal.merge(s) FROM (SELECT s FROM dml_daily UNION ALL SELECT causal.dml_plr_sketch(id % 5, d, t, a, b) FROM s) u$$,
                 '22023', NULL, 'a named DML sketch with an unnamed one: refused');
SELECT throws_ok($$SELECT causal.with_names(s, '{d,t,a}') FROM dml_daily$$, '22023', NULL, 'DML sketch: one name per column (y, d, covariates)');

-- readers label their output with the names
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.pc((SELECT m FROM sk)) p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.pc((SELECT mu FROM sk), '{a,b,c,d}') p),
          'pc on a named sketch: the names label the nodes');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.pc((SELECT m FROM sk), '{a,b,c,d}') p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.pc((SELECT mu FROM sk), '{a,b,c,d}') p),
          'pc: names equal to the sketch''s are accepted');
SELECT throws_ok($$SELECT * FROM causal.pc((SELECT m FROM sk), '{x1,x2,x3,x4}')$$, '22023',
                 'argument "names" differs from the sketch''s column names at column 1 ("a")',
                 'pc: names that contradict the sketch''s are refused');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.pc((SELECT c FROM sk)) p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.pc((SELECT cu FROM sk), '{g,t}') p),
          'pc on a named crosstab');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.pc_sepsets((SELECT m FROM sk)) p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.pc_sepsets((SELECT mu FROM sk), '{a,b,c,d}') p), 'pc_sepsets');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.ges((SELECT m FROM sk)) p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.ges((SELECT mu FROM sk), '{a,b,c,d}') p), 'ges');
SELECT throws_ok($$SELECT causal.ges_score((SELECT m FROM sk), '{a,b,d,c}')$$, '22023', NULL, 'ges_score checks names');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.fci((SELECT m FROM sk)) p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.fci((SELECT mu FROM sk), '{a,b,c,d}') p), 'fci');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.cdnod((SELECT m FROM sk), domain => 4) p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.cdnod((SELECT mu FROM sk), '{a,b,c,d}', 4) p),
          'cdnod');
SELECT is((SELECT array_agg(term ORDER BY term) FROM causal.ols((SELECT m FROM sk), 4, '{1,2}')),
          '{a,b,intercept}', 'ols terms carry the sketch''s names');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.ida((SELECT m FROM sk), 'a --- b; a --> d; b --> d'::causal.graph, 'a', 'd') p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.ida((SELECT mu FROM sk), 'a --- b; a --> d; b --> d'::causal.graph, 'a', 'd', '{a,b,c,d}') p),
          'ida reads the names from a named sketch');
SELECT throws_ok($$SELECT * FROM causal.ida((SELECT mu FROM sk), 'a --- b; a --> d; b --> d'::causal.graph, 'a', 'd')$$,
                 '22004', NULL, 'ida on an unnamed sketch still needs names');

-- columns by name equal columns by position
SELECT is((SELECT causal.partial_correlation(m, 'a', 'd', '{b}') FROM sk),
          (SELECT causal.partial_correlation(mu, 1, 4, '{2}') FROM sk), 'partial_correlation by name');
SELECT is((SELECT array_agg(ROW(o.term, o.estimate, o.std_error)::text ORDER BY o.term) FROM sk, causal.ols(m, 'd', '{a,c}') o),
          (SELECT array_agg(ROW(o.term, o.estimate, o.std_error)::text ORDER BY o.term) FROM sk, causal.ols(mu, 4, '{1,3}', names => '{a,b,c,d}') o),
          'ols by name');
SELECT is((SELECT causal.ci_test(m, (causal.column_positions(m, '{a}'))[1], (causal.column_positions(m, '{d}'))[1],
                                 causal.column_positions(m, '{b,c}'))::text FROM sk),
          (SELECT causal.ci_test(mu, 1, 4, '{2,3}')::text FROM sk), 'ci_test through column_positions');
SELECT is((SELECT causal.levels(c, 't') FROM sk), (SELECT causal.levels(cu, 2) FROM sk), 'levels by name');
SELECT is((SELECT (causal.frontdoor_linear(m, 'd', 'a', '{b}'))::text FROM sk),
          (SELECT (causal.frontdoor_linear(mu, 4, 1, '{2}'))::text FROM sk), 'frontdoor_linear by name');
SELECT is((SELECT (causal.sensitivity_stats(m, 'd', 'a', '{b,c}'))::text FROM sk),
          (SELECT (causal.sensitivity_stats(mu, 4, 1, '{2,3}'))::text FROM sk), 'sensitivity_stats by name');
SELECT is((SELECT array_agg(o::text) FROM sk, causal.ovb_bounds(m, 'd', 'a', '{b,c}', 'b', kd => '{0.2,0.5}') o),
          (SELECT array_agg(o::text) FROM sk, causal.ovb_bounds(mu, 4, 1, '{2,3}', 2, kd => '{0.2,0.5}') o),
          'ovb_bounds by name');
SELECT is((SELECT causal.partial_correlation(causal.table_moments('l', '{re78,treat,age}'), 're78', 'treat', '{age}')),
          (SELECT causal.partial_correlation(causal.moments(re78, treat, age), 1, 2, '{3}') FROM l),
          'by name on LaLonde');

-- errors
SELECT throws_ok($$SELECT causal.partial_correlation(m, 'a', 'zz') FROM sk$$, '42703',
                 'column "zz" is not in the causal.moments sketch', 'an unknown name: 42703');
SELECT throws_ok($$SELECT causal.partial_correlation(mu, 'a', 'b') FROM sk$$, '22023',
                 'this causal.moments sketch has no column names, so columns cannot be given by name',
                 'by name on an unnamed sketch: 22023 with a hint');
SELECT throws_ok($$SELECT causal.levels(cu, 't') FROM sk$$, '22023', NULL, 'by name on an unnamed crosstab');
SELECT throws_ok($$SELECT causal.with_names(mu, '{a,b}') FROM sk$$, '22023',
                 'argument "names" has 2 names for the 4 columns of the causal.moments sketch', 'too few names');
SELECT throws_ok($$SELECT causal.with_names(mu, '{a,b,NULL,d}') FROM sk$$, '22004', NULL, 'a NULL name');
SELECT throws_ok($$SELECT causal.with_names(mu, '{a,b,"",d}') FROM sk$$, '22023', 'argument "names": name 3 is empty', 'an empty name');
SELECT throws_ok($$SELECT causal.with_names(cu, ARRAY['g', repeat('x', 64)]) FROM sk$$, '22023',
                 'argument "names": name 2 is longer than 63 bytes', 'a name longer than an identifier');
SELECT throws_ok($$SELECT causal.with_names(cu, '{g,g}') FROM sk$$, '22023', 'argument "names": name "g" appears twice', 'a repeated name');
SELECT throws_ok($$SELECT causal.with_names(NULL::causal.moments, '{a}')$$, '22004', NULL, 'a NULL sketch');
SELECT throws_ok($$SELECT causal.column_positions(m, NULL) FROM sk$$, '22004', NULL, 'column_positions without names');
-- malformed text forms
SELECT throws_ok($$SELECT '{"version": 2, "k": 1, "weighted": false, "n": 3, "n_skipped": 0, "sum_w": 3, "sum_w2": 3, "shift": [1], "delta": [0], "comoment": [1]}'::causal.moments$$,
                 '22P02', 'invalid input syntax for type causal.moments: version 2 carries "names", version 1 does not',
                 'text: version 2 without names');
SELECT throws_ok($$SELECT '{"version": 1, "k": 1, "weighted": false, "n": 3, "n_skipped": 0, "sum_w": 3, "sum_w2": 3, "shift": [1], "delta": [0], "comoment": [1], "names": ["a"]}'::causal.moments$$,
                 '22P02', NULL, 'text: version 1 with names');
SELECT throws_ok($$SELECT '{"version": 2, "k": 2, "weighted": false, "n": 0, "n_skipped": 0, "sum_w": 0, "sum_w2": 0, "shift": [0,0], "delta": [0,0], "comoment": [0,0,0], "names": ["a", "a"]}'::causal.moments$$,
                 '22P02', 'invalid input syntax for type causal.moments: name "a" appears twice', 'text: repeated names');
SELECT throws_ok($$SELECT '{"version": 2, "k": 2, "n": 0, "n_skipped": 0, "labels": [[], []], "cells": [], "names": ["a", 1]}'::causal.crosstab$$,
                 '22P02', NULL, 'text: a name that is no string (crosstab)');
SELECT throws_ok($$SELECT '{"version": 2, "k": 2, "n": 0, "n_skipped": 0, "labels": [[], []], "cells": [], "names": ["a"]}'::causal.crosstab$$,
                 '22P02', NULL, 'text: too few names (crosstab)');
-- malformed binary forms: the names cut short, a repeated name patched in
SELECT is((SELECT pg_temp.binary_load('causal.moments', substr(causal.moments_send(m), 1, length(causal.moments_send(m)) - 1)) FROM sk),
          '22P03', 'binary: names cut short');
SELECT is((SELECT pg_temp.binary_load('causal.crosstab', overlay(causal.crosstab_send(c) PLACING 'g'::bytea FROM length(causal.crosstab_send(c))))
             FROM sk), '22P03', 'binary: a repeated name (crosstab)');
SELECT is((SELECT pg_temp.binary_load('causal.moments', overlay(causal.moments_send(m) PLACING '\x00000000'::bytea
                                                                 FROM length(causal.moments_send(m)) - 4)) FROM sk),
          '22P03', 'binary: an empty name');

SELECT * FROM finish();
ROLLBACK;
