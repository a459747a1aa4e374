-- causal.moments against exact references (test/data/moments_*.csv; exact
-- rational arithmetic on the same doubles, which numpy's two-pass results
-- also match, see test/scripts/make_references.py).
-- Tolerances: covariances 1e-12 relative to sqrt(var_i var_j); correlations
-- and partial correlations 1e-12 absolute; means 2 ulp + 1e-12 sd.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(21);

CREATE TEMP TABLE obs (dataset text, id int, c1 float8, c2 float8, c3 float8, c4 float8,
                       c5 float8, w float8);
\copy obs FROM 'test/data/moments_random.csv' WITH (FORMAT csv, HEADER)
\copy obs FROM 'test/data/moments_offset.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE mref (dataset text, stat text, i int, j int, value float8);
\copy mref FROM 'test/data/moments_reference.csv' WITH (FORMAT csv, HEADER)
ANALYZE obs;

CREATE TEMP TABLE sk AS
SELECT dataset,
       causal.moments(c1, c2, c3, c4, c5) AS m,
       causal.moments_weighted(w, c1, c2, c3, c4, c5) AS mw
  FROM obs GROUP BY dataset;

-- entries of the 2-D arrays next to the reference
CREATE TEMP VIEW cov_cmp AS
SELECT r.dataset, r.stat, r.i, r.j, r.value,
       CASE r.stat
         WHEN 'cov' THEN (causal.covariance(s.m))[r.i][r.j]
         WHEN 'cor' THEN (causal.correlation(s.m))[r.i][r.j]
         WHEN 'wcov_frequency' THEN (causal.covariance(s.mw))[r.i][r.j]
         WHEN 'wcov_reliability' THEN (causal.covariance(s.mw, 'reliability'))[r.i][r.j]
       END AS got,
       sqrt(d1.value * d2.value) AS scale
  FROM mref r
  JOIN sk s USING (dataset)
  JOIN mref d1 ON d1.dataset = r.dataset AND d1.stat = CASE WHEN r.stat = 'cor' THEN 'cov' ELSE r.stat END
              AND d1.i = r.i AND d1.j = r.i
  JOIN mref d2 ON d2.dataset = r.dataset AND d2.stat = d1.stat AND d2.i = r.j AND d2.j = r.j
 WHERE r.stat IN ('cov', 'cor', 'wcov_frequency', 'wcov_reliability');

SELECT is((SELECT count(*) FROM cov_cmp WHERE dataset = d AND stat = 'cov'
             AND NOT coalesce(abs(got - value) <= 1e-12 * scale, false)), 0::bigint,
          d || ': covariance matches the exact values to 1e-12')
  FROM unnest(ARRAY['random', 'offset']) AS d;
SELECT is((SELECT count(*) FROM cov_cmp WHERE dataset = d AND stat = 'cor'
             AND NOT coalesce(abs(got - value) <= 1e-12, false)), 0::bigint,
          d || ': correlation matches the exact values to 1e-12')
  FROM unnest(ARRAY['random', 'offset']) AS d;
SELECT is((SELECT count(*) FROM cov_cmp WHERE dataset = d AND stat LIKE 'wcov%'
             AND NOT coalesce(abs(got - value) <= 1e-12 * scale, false)), 0::bigint,
          d || ': weighted covariances (frequency, reliability) match to 1e-12')
  FROM unnest(ARRAY['random', 'offset']) AS d;
SELECT is((SELECT count(*) FROM mref r JOIN sk s USING (dataset)
             JOIN mref v ON v.dataset = r.dataset AND v.stat = 'cov' AND v.i = r.i AND v.j = r.i
            WHERE r.dataset = d AND r.stat IN ('mean', 'wmean')
              AND NOT coalesce(abs((CASE r.stat WHEN 'mean' THEN causal.means(s.m)
                                                 ELSE causal.means(s.mw) END)[r.i] - r.value)
                               <= 4.5e-16 * abs(r.value) + 1e-12 * sqrt(v.value), false)),
          0::bigint, d || ': means and weighted means match to 2 ulp')
  FROM unnest(ARRAY['random', 'offset']) AS d;
SELECT is((SELECT count(*) FROM mref r JOIN sk s USING (dataset)
            WHERE r.dataset = d AND r.stat LIKE 'pcor%'
              AND NOT coalesce(abs(causal.partial_correlation(s.m, 1, 2,
                    COALESCE(string_to_array(nullif(substr(r.stat, 6), ''), '_')::int[], '{}'))
                    - r.value) <= 1e-12, false)),
          0::bigint, d || ': partial correlations given {}, {3}, {3,4,5} match to 1e-12')
  FROM unnest(ARRAY['random', 'offset']) AS d;
SELECT is((SELECT causal.n(m) FROM sk WHERE dataset = 'offset'), 3000::bigint, 'n counts rows');
SELECT is((SELECT causal.total_weight(mw) FROM sk WHERE dataset = 'random')::numeric(20, 6),
          (SELECT sum(w) FROM obs WHERE dataset = 'random')::numeric(20, 6), 'total weight');

-- Parallel plan: the same sketch as a serial scan (temp tables are never
-- scanned in parallel, so this one is a regular table, dropped by the ROLLBACK).
CREATE TABLE causal_test_big AS
  SELECT o.* FROM obs o, generate_series(1, 20) g WHERE dataset = 'offset';
ANALYZE causal_test_big;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text; acc text := '';
BEGIN
  FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP acc := acc || r || E'\n'; END LOOP;
  RETURN acc;
END $$;
CREATE TEMP TABLE serial_sk AS SELECT causal.moments(c1, c2, c3, c4, c5) AS m FROM causal_test_big;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL force_parallel_mode = on;
SELECT ok(pg_temp.plan_of('SELECT causal.moments(c1, c2, c3, c4, c5) FROM causal_test_big')
            ~ 'Partial Aggregate.*Parallel Seq Scan',
          'forced plan is parallel with a partial aggregate');
CREATE TEMP TABLE parallel_sk AS SELECT causal.moments(c1, c2, c3, c4, c5) AS m FROM causal_test_big;
RESET force_parallel_mode;
RESET max_parallel_workers_per_gather;

-- a, b equal to 1e-12 relative to the scale of the diagonal
CREATE FUNCTION pg_temp.same_sketch(a causal.moments, b causal.moments) RETURNS boolean
LANGUAGE sql AS $$
  SELECT causal.n(a) = causal.n(b) AND causal.n_skipped(a) = causal.n_skipped(b)
     AND bool_and(abs((causal.covariance(a))[i][j] - (causal.covariance(b))[i][j])
                  <= 1e-12 * sqrt((causal.covariance(a))[i][i] * (causal.covariance(a))[j][j]))
     AND bool_and(abs((causal.means(a))[i] - (causal.means(b))[i])
                  <= 4.5e-16 * abs((causal.means(a))[i]) + 1e-12 * sqrt((causal.covariance(a))[i][i]))
    FROM generate_series(1, causal.columns(a)) i, generate_series(1, causal.columns(a)) j
$$;
SELECT ok(pg_temp.same_sketch(s.m, p.m), 'parallel sketch equals serial sketch to 1e-12')
  FROM serial_sk s, parallel_sk p;
-- Rollups: per-part sketches stored in a table, merged later.
CREATE TEMP TABLE rollup AS
SELECT dataset, id % 7 AS part, causal.moments(c1, c2, c3, c4, c5) AS m
  FROM obs GROUP BY dataset, id % 7;
SELECT ok(pg_temp.same_sketch((SELECT causal.merge(r.m) FROM rollup r WHERE r.dataset = s.dataset), s.m),
          s.dataset || ': merging 7 disjoint parts equals the sketch of the whole')
  FROM sk s ORDER BY s.dataset;
SELECT ok(pg_temp.same_sketch(
            (SELECT causal.merge(m ORDER BY part DESC) FROM rollup WHERE dataset = 'random'),
            (SELECT causal.merge(m ORDER BY part) FROM rollup WHERE dataset = 'random')),
          'merge order does not matter');

-- Dump and restore: text and binary round trips are exact.
SELECT is((s.m::text)::causal.moments::text, s.m::text, s.dataset || ': text round trip is exact')
  FROM sk s ORDER BY s.dataset;
SELECT is((s.mw::text)::causal.moments::text, s.mw::text, 'weighted text round trip is exact')
  FROM sk s WHERE dataset = 'offset';
COPY (SELECT dataset, m, mw FROM sk) TO '/tmp/causal_tap_moments.bin' WITH (FORMAT binary);
CREATE TEMP TABLE restored (dataset text, m causal.moments, mw causal.moments);
COPY restored FROM '/tmp/causal_tap_moments.bin' WITH (FORMAT binary);
SELECT is((SELECT count(*) FROM restored r JOIN sk s USING (dataset)
            WHERE r.m::text = s.m::text AND r.mw::text = s.mw::text), 2::bigint,
          'binary COPY round trip is exact');

SELECT * FROM finish();
ROLLBACK;
