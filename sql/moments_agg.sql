-- causal.moments aggregates: argument types, NULLs, bad values, plans, GROUP BY, merge.
CREATE TABLE agg_t (id int, g int, a float8, b float4, c int, d numeric, e bigint, f smallint, s text);
INSERT INTO agg_t
  SELECT i, i % 3, i * 0.5, (i % 7)::float4, i % 5, (i * 1.25)::numeric, i * 2, (i % 4)::smallint, 'x'
    FROM generate_series(1, 60) i;
UPDATE agg_t SET a = NULL WHERE id IN (3, 9);
UPDATE agg_t SET d = NULL WHERE id = 10;

-- every numeric type; rows with a NULL are skipped and counted
SELECT causal.n(m), causal.n_skipped(m), causal.columns(m),
       (SELECT array_agg(round(v::numeric, 6)) FROM unnest(causal.means(m)) v) AS means
  FROM (SELECT causal.moments(a, b, c, d, e, f) AS m FROM agg_t) s;
-- agrees with PostgreSQL's own covar_samp over the same rows
SELECT round(((causal.covariance(m))[1][3])::numeric, 9) = round(cv::numeric, 9) AS same_cov,
       round(((causal.correlation(m))[1][2])::numeric, 9) = round(cr::numeric, 9) AS same_cor
  FROM (SELECT causal.moments(a, b, d) m, covar_samp(a, d::float8) cv, corr(a, b) cr
          FROM agg_t WHERE a IS NOT NULL AND d IS NOT NULL) s;
-- VARIADIC array form
SELECT causal.n(causal.moments(VARIADIC ARRAY[a, c::float8])) FROM agg_t;
SELECT causal.columns(m), causal.n(m), causal.n_skipped(m)
  FROM (SELECT causal.moments(VARIADIC ARRAY[a, c]) AS m FROM agg_t) s;
SELECT causal.moments(VARIADIC CASE WHEN id < 5 THEN ARRAY[a, 1] ELSE ARRAY[a] END) FROM agg_t;
-- no rows: NULL, like sum()
SELECT causal.moments(a, b) IS NULL AS empty_is_null FROM agg_t WHERE false;
-- all rows NULL: a sketch of zero rows that counts them
SELECT causal.n(m), causal.n_skipped(m) FROM (SELECT causal.moments(a) m FROM agg_t WHERE a IS NULL) s;
SELECT causal.means(causal.moments(a)) FROM agg_t WHERE a IS NULL;
-- GROUP BY: one sketch per group
SELECT g, causal.n(causal.moments(a, c)) FROM agg_t GROUP BY g ORDER BY g;
-- weighted
SELECT round(causal.total_weight(m)::numeric, 3), causal.n(m)
  FROM (SELECT causal.moments_weighted(c, a, b) m FROM agg_t) s;

-- bad input
SELECT causal.moments(a, s) FROM agg_t;
SELECT causal.moments(a, 'NaN'::float8) FROM agg_t;
SELECT causal.moments(b, 'Infinity'::float4) FROM agg_t;
SELECT causal.moments(a, 'NaN'::numeric) FROM agg_t;
SELECT causal.moments_weighted(-1, a) FROM agg_t;
SELECT causal.moments_weighted('NaN', a) FROM agg_t;
SELECT causal.moments_transfn(NULL, 1.0);
SELECT causal.merge(m) FROM (SELECT causal.moments(a) m FROM agg_t UNION ALL
                             SELECT causal.moments(a, b) FROM agg_t) s;

-- parallel plans: partial aggregates combined by the leader
CREATE TABLE agg_big AS SELECT id, x[1] AS x1, x[2] AS x2 FROM causal.simulate_sem(20000, 2, 5);
ANALYZE agg_big;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT causal.moments(x1, x2) FROM agg_big;
EXPLAIN (COSTS OFF) SELECT causal.merge(m) FROM (SELECT causal.moments(x1, x2) m FROM agg_big GROUP BY id % 10) s;
EXPLAIN (COSTS OFF) SELECT causal.moments_weighted(1, x1, x2) FROM agg_big;
SELECT round((causal.covariance(causal.moments(x1, x2)))[1][2]::numeric, 10) AS parallel FROM agg_big;
RESET max_parallel_workers_per_gather;
SET max_parallel_workers_per_gather = 0;
SELECT round((causal.covariance(causal.moments(x1, x2)))[1][2]::numeric, 10) AS serial FROM agg_big;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
DROP TABLE agg_t, agg_big;
-- a long aggregation can be cancelled
SET statement_timeout = '300ms';
SELECT causal.moments(x[1], x[2]) FROM causal.simulate_sem(1000000000, 2);
RESET statement_timeout;
