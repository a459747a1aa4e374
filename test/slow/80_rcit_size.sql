-- RCIT's size (n = 2000, 1000 null data sets: x and y depend on z only, non-linearly; accepted
-- rejection rate 3-7% at alpha 0.05) and its power against a quadratic dependence (n = 500,
-- 100 data sets; at least 90%).  make check-slow.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(2);

-- size: 1000 null data sets of n = 2000, x and y depend on z only (non-linearly)
SELECT ok(rate BETWEEN 0.03 AND 0.07, 'RCIT size at n = 2000: ' || rate)
  FROM (SELECT avg((NOT (causal.rcit(xs, ys, zs, seed => seed)).independent)::int)::numeric(6, 4) AS rate
          FROM (SELECT seed, array_agg(sin(x[3]) + 0.5 * x[1]) AS xs, array_agg(x[3] * x[3] + 0.5 * x[2]) AS ys,
                       array_agg(x[3]) AS zs
                  FROM generate_series(1, 1000) seed, causal.simulate_sem(2000, 3, 20000 + seed, 0.0)
                 GROUP BY seed) s) t;
-- power against y = x^2 + noise at n = 500
SELECT ok(power >= 0.9, 'RCIT power against a quadratic dependence at n = 500: ' || power)
  FROM (SELECT avg((NOT (causal.rcit(xs, ys, seed => seed)).independent)::int)::numeric(6, 4) AS power
          FROM (SELECT seed, array_agg(x[1]) AS xs, array_agg(x[1] * x[1] + 0.5 * x[2]) AS ys
                  FROM generate_series(1, 100) seed, causal.simulate_sem(500, 2, 9000 + seed, 0.0)
                 GROUP BY seed) s) t;
SELECT * FROM finish();
ROLLBACK;
