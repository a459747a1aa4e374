-- Core: distribution functions, shared types, the simulator.
SELECT round(causal.pchisq(3.84, 1, lower_tail => false)::numeric, 4) AS pchisq_3_84;
SELECT round(causal.qnorm(0.975)::numeric, 6) AS z975,
       round(causal.pnorm(1.959963984540054)::numeric, 6) AS p,
       round(causal.pt(2.0, 10, false)::numeric, 6) AS t_upper,
       round(causal.pf(3.0, 2, 20, false)::numeric, 6) AS f_upper;
-- NULL in, NULL out; NaN propagates
SELECT causal.pnorm(NULL) IS NULL AS strict_null, causal.pnorm('NaN')::text AS nan;
-- bad parameters
SELECT causal.pt(1.0, -3);
SELECT causal.pchisq(1.0, 0);
SELECT causal.pf(1.0, 1, 'Infinity');
SELECT causal.qnorm(-0.1);
SELECT causal.pnorm(0, 0, 0);
-- the shared result types
SELECT (ROW('ipw', 'ATE', 1.5, 0.2, 1.1, 1.9, 0.001, 100, 40, 60, '{}', 7.5)::causal.effect).estimand;
SELECT * FROM (VALUES ('a', 'b', '-->')) v(source, target, edge) WHERE causal.is_edge_mark(edge);
SELECT causal.is_edge_mark('<-');
-- seeded simulation: same seed, same data; the true graph
SELECT count(*), round(avg(treatment), 2) AS treated_share
  FROM causal.simulate_sem(1000, 5, 7);
SELECT (SELECT array_agg(x[3]) FROM causal.simulate_sem(3, 4, 11))
     = (SELECT array_agg(x[3]) FROM causal.simulate_sem(3, 4, 11)) AS reproducible;
SELECT source, target, edge, round(weight::numeric, 3) AS weight
  FROM causal.simulate_sem_graph(6, 3, 0.4) ORDER BY 1, 2;
SELECT * FROM causal.simulate_sem(-1, 3);
SELECT * FROM causal.simulate_sem(10, 0);
SELECT * FROM causal.simulate_sem_graph(3, 1, 1.5);
