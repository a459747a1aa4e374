-- CD-NOD's orientation by independent changes (causal.cdnod_change_dependence
-- and causal.cdnod(independent_change => true)): the criterion against an
-- independent numpy implementation (test/scripts/make_cdnod_reference.py),
-- its accuracy over seeded multi-domain designs, the whole search, bad input.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(20);

CREATE TEMP TABLE cdd (dataset text, c float8, x float8, y float8);
\copy cdd FROM 'test/data/cdnod_data.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE cdref (dataset text, kernel text, forward float8, backward float8);
\copy cdref FROM 'test/data/cdnod_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE cd_multi AS SELECT c, x, y FROM cdd WHERE dataset = 'multi';
CREATE TEMP TABLE cd_time AS SELECT c, x, y FROM cdd WHERE dataset = 'time';

-- 1. the criterion equals the reference (relative 1e-8) for both kernels on both data sets
SELECT is((SELECT count(*) FROM cdref r,
                  LATERAL causal.cdnod_change_dependence(
                      CASE r.dataset WHEN 'multi' THEN 'pg_temp.cd_multi'::regclass ELSE 'pg_temp.cd_time'::regclass END,
                      'x', 'y', 'c', domain_kernel => r.kernel) d
            WHERE abs(d.forward - r.forward) <= 1e-8 * abs(r.forward)
              AND abs(d.backward - r.backward) <= 1e-8 * abs(r.backward)
              AND d.domain_kernel_used = r.kernel AND d.n_rows = (SELECT count(*) FROM cdd WHERE dataset = r.dataset)),
          4::bigint, 'forward and backward dependence equal the numpy reference to 1e-8');
SELECT is((SELECT domain_kernel_used FROM causal.cdnod_change_dependence('pg_temp.cd_multi', 'x', 'y', 'c')),
          'categorical', 'auto: 20 domains of 25 rows take the domain kernel');
SELECT is((SELECT domain_kernel_used FROM causal.cdnod_change_dependence('pg_temp.cd_time', 'x', 'y', 'c')),
          'gaussian', 'auto: a time index takes the Gaussian kernel');
SELECT ok((SELECT forward < backward FROM causal.cdnod_change_dependence('pg_temp.cd_time', 'x', 'y', 'c')),
          'smooth nonstationarity: x --> y has the less dependent changes');
-- swapping cause and effect swaps the two numbers
SELECT ok((SELECT abs(a.forward - b.backward) < 1e-12 AND abs(a.backward - b.forward) < 1e-12
             FROM causal.cdnod_change_dependence('pg_temp.cd_multi', 'x', 'y', 'c') a,
                  causal.cdnod_change_dependence('pg_temp.cd_multi', 'y', 'x', 'c') b),
          'the criterion is symmetric in its two columns');

-- sampling: more rows than max_rows gives a seeded reservoir sample of max_rows rows, read in one pass
-- with bounded memory (200,000 rows of three columns exceed 1 MB; the sample does not)
SELECT is((SELECT n_rows FROM causal.cdnod_change_dependence('pg_temp.cd_multi', 'x', 'y', 'c', max_rows => 100)),
          100, 'max_rows caps the rows used');
SELECT ok((SELECT a.forward = b.forward AND a.backward = b.backward AND a.forward <> c.forward
             FROM causal.cdnod_change_dependence('pg_temp.cd_multi', 'x', 'y', 'c', max_rows => 100, seed => 1) a,
                  causal.cdnod_change_dependence('pg_temp.cd_multi', 'x', 'y', 'c', max_rows => 100, seed => 1) b,
                  causal.cdnod_change_dependence('pg_temp.cd_multi', 'x', 'y', 'c', max_rows => 100, seed => 2) c),
          'the sample is fixed by the seed and changes with it');
CREATE TEMP TABLE cd_big AS SELECT c, x + 0.001 * g AS x, y FROM cd_multi, generate_series(1, 400) g;
SET LOCAL causal.max_memory = '1MB';
SELECT is((SELECT n_rows FROM causal.cdnod_change_dependence('pg_temp.cd_big', 'x', 'y', 'c', max_rows => 100)),
          100, 'a table larger than causal.max_memory is sampled within it');
RESET causal.max_memory;
-- a cancelled criterion (statement_timeout) stops cleanly with SQLSTATE 57014
CREATE FUNCTION pg_temp.cancelled(q text) RETURNS boolean LANGUAGE plpgsql AS $f$
BEGIN
    EXECUTE q;
    RETURN false;
EXCEPTION WHEN query_canceled THEN
    RETURN true;
END $f$;
SET LOCAL statement_timeout = '300ms';
SELECT ok(pg_temp.cancelled($$SELECT * FROM causal.cdnod_change_dependence('pg_temp.cd_big', 'x', 'y', 'c', max_rows => 3000)$$),
          'the criterion is cancellable');
RESET statement_timeout;

-- 2. accuracy: 20 seeded designs with parameters drawn independently per domain
-- (x --> y); chance would orient 16 or more of 20 right with probability 0.6%
CREATE FUNCTION pg_temp.right_way(seed bigint) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    ok boolean;
BEGIN
    SET LOCAL client_min_messages = warning;
    DROP TABLE IF EXISTS pg_temp.cd_sim;
    CREATE TEMP TABLE cd_sim AS
      WITH p AS (SELECT id AS dom, x[1] + 1.5 * (id - 1) / 20.0 AS a, exp(0.3 * x[2]) AS s,
                        0.8 + 0.4 * x[3] AS b, x[4] - 1.5 * (id - 1) / 20.0 AS d
                   FROM causal.simulate_sem(20, 4, seed, 0.0)),
           r AS (SELECT (id - 1) / 25 + 1 AS dom, x[1] AS e1, x[2] AS e2
                   FROM causal.simulate_sem(500, 2, seed + 1000, 0.0))
      SELECT r.dom::float8 AS c, p.a + p.s * r.e1 AS x,
             p.b * (p.a + p.s * r.e1) + p.d + 0.5 * r.e2 AS y
        FROM r JOIN p USING (dom);
    SELECT forward < backward INTO ok FROM causal.cdnod_change_dependence('pg_temp.cd_sim', 'x', 'y', 'c');
    RETURN ok;
END;
$$;
SELECT cmp_ok((SELECT count(*) FILTER (WHERE pg_temp.right_way(s)) FROM generate_series(1, 20) s),
              '>=', 16::bigint, 'independent changes orient x --> y in at least 16 of 20 designs');

-- 3. the whole search: Fisher-z leaves x --- y between two changing variables
SELECT is((SELECT string_agg(source || edge || target, ' ' ORDER BY source, target)
             FROM causal.cdnod('pg_temp.cd_multi'::regclass, '{x,y}', 'c', independent_change => false)),
          'c-->x c-->y x---y', 'without the step, x --- y stays undirected');
SELECT is((SELECT string_agg(source || edge || target, ' ' ORDER BY source, target)
             FROM causal.cdnod('pg_temp.cd_multi'::regclass, '{x,y}', 'c')),
          'c-->x c-->y x-->y', 'independent changes orient x --> y');
SELECT is((SELECT string_agg(source || edge || target, ' ' ORDER BY source, target)
             FROM causal.cdnod('pg_temp.cd_multi', '{y,x}', 'c')),
          'c-->x c-->y x-->y', 'the same from the text form, columns in the other order');
-- the user's knowledge wins over the step
SELECT is((SELECT string_agg(source || edge || target, ' ' ORDER BY source, target)
             FROM causal.cdnod('pg_temp.cd_multi'::regclass, '{x,y}', 'c',
                               background => '{"required": [["y", "x"]]}')),
          'c-->x c-->y y-->x', 'required edges of the background knowledge are kept');

-- 4. bad input
SELECT throws_ok($$SELECT * FROM causal.cdnod_change_dependence('pg_temp.cd_multi', 'x', 'y', 'c', domain_kernel => 'linear')$$,
                 '22023', NULL, 'unknown domain kernel');
SELECT throws_ok($$SELECT * FROM causal.cdnod_change_dependence('pg_temp.cd_multi', 'x', 'y', 'c', max_rows => 5)$$,
                 '22023', NULL, 'max_rows out of range');
SELECT throws_ok($$SELECT * FROM causal.cdnod_change_dependence('pg_temp.cd_multi', 'x', 'x', 'c')$$,
                 '22023', NULL, 'the same column twice');
SELECT throws_ok($$SELECT * FROM causal.cdnod_change_dependence('pg_temp.cd_multi', 'x', NULL, 'c')$$,
                 '22004', NULL, 'a NULL argument');
CREATE TEMP TABLE cd_const AS SELECT c, x, 1.0::float8 AS y FROM cd_multi;
SELECT throws_ok($$SELECT * FROM causal.cdnod_change_dependence('pg_temp.cd_const', 'x', 'y', 'c')$$,
                 '22023', NULL, 'a constant column');
CREATE TEMP TABLE cd_few AS
  (SELECT c, x, y FROM cd_multi ORDER BY c, x LIMIT 8) UNION ALL (SELECT c, x, NULL FROM cd_multi LIMIT 20);
SELECT throws_ok($$SELECT * FROM causal.cdnod_change_dependence('pg_temp.cd_few', 'x', 'y', 'c')$$,
                 '22000', NULL, 'fewer than 10 rows without NULLs');

SELECT * FROM finish();
ROLLBACK;
