-- FCI on models with a known PAG (simulated in SQL, seeded): a latent confounder between B and C
-- (A --> B <-- L --> C <-- D, L hidden) gives A o-> B <-> C <-o D; a DAG without latents
-- (X1 --> X3 <-- X2, X3 --> X4) gives X1 o-> X3 <-o X2 and X3 --> X4 (rule R1); same PAG from a
-- table and from its sketch; bad input.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(8);

CREATE FUNCTION pg_temp.rnorm() RETURNS float8 LANGUAGE sql VOLATILE
RETURN sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random());
SELECT setseed(0.42);
CREATE TABLE causal_fci_latent AS
SELECT a, 0.8 * a + 0.8 * l + pg_temp.rnorm() AS b, 0.8 * l + 0.8 * d + pg_temp.rnorm() AS c, d
  FROM (SELECT i, pg_temp.rnorm() AS a, pg_temp.rnorm() AS l, pg_temp.rnorm() AS d
          FROM generate_series(1, 20000) i ORDER BY i) s;
CREATE TEMP TABLE pag AS SELECT * FROM causal.fci((SELECT causal.moments(a, b, c, d) FROM causal_fci_latent), '{A,B,C,D}');
SELECT is((SELECT array_agg(source || ' ' || edge || ' ' || target ORDER BY source, target) FROM pag),
          ARRAY['A o-> B', 'B <-> C', 'D o-> C'],
          'latent confounder: A o-> B <-> C <-o D');

CREATE TABLE causal_fci_dag AS
SELECT x1, x2, x3, 0.9 * x3 + pg_temp.rnorm() AS x4
  FROM (SELECT x1, x2, 0.8 * x1 + 0.8 * x2 + pg_temp.rnorm() AS x3
          FROM (SELECT i, pg_temp.rnorm() AS x1, pg_temp.rnorm() AS x2 FROM generate_series(1, 20000) i ORDER BY i) s0) s1;
CREATE TEMP TABLE pag2 AS SELECT * FROM causal.fci((SELECT causal.moments(x1, x2, x3, x4) FROM causal_fci_dag), '{X1,X2,X3,X4}');
SELECT is((SELECT array_agg(source || ' ' || edge || ' ' || target ORDER BY source, target) FROM pag2),
          ARRAY['X1 o-> X3', 'X2 o-> X3', 'X3 --> X4'],
          'no latent: X1 o-> X3 <-o X2, X3 --> X4 (away from the collider)');

SELECT is((SELECT array_agg(source || edge || target ORDER BY source, target)
             FROM causal.fci('causal_fci_dag'::regclass, '{x1,x2,x3,x4}')),
          (SELECT array_agg(source || edge || target ORDER BY source, target)
             FROM causal.fci((SELECT causal.moments(x1, x2, x3, x4) FROM causal_fci_dag), '{x1,x2,x3,x4}')),
          'table and sketch give the same PAG');
-- discrete data through a crosstab: a chain of three binary variables has no collider, all circles
CREATE TEMP TABLE disc AS
SELECT p, q, (random() < CASE WHEN q THEN 0.8 ELSE 0.2 END) AS r
  FROM (SELECT p, (random() < CASE WHEN p THEN 0.8 ELSE 0.2 END) AS q
          FROM (SELECT i, random() < 0.5 AS p FROM generate_series(1, 5000) i ORDER BY i) s0) s1;
SELECT is((SELECT array_agg(source || ' ' || edge || ' ' || target ORDER BY source, target)
             FROM causal.fci((SELECT causal.crosstab(p, q, r) FROM disc), '{p,q,r}', ci_test => 'gsq')),
          ARRAY['p o-o q', 'q o-o r'], 'crosstab (G-squared): a chain stays o-o');

SELECT throws_ok($$SELECT * FROM causal.fci((SELECT causal.moments(a, b) FROM causal_fci_latent), alpha => NULL)$$,
                 '22004', NULL, 'a NULL alpha is an error');
SELECT throws_ok($$SELECT * FROM causal.fci((SELECT causal.moments(a, b) FROM causal_fci_latent), depth => -2)$$,
                 '22023', NULL, 'depth below -1 is an error');
SELECT throws_ok($$SELECT * FROM causal.fci((SELECT causal.moments(a, b) FROM causal_fci_latent), alpha => 2)$$,
                 '22023', NULL, 'alpha outside (0, 1) is an error');
SELECT throws_ok($$SELECT * FROM causal.fci('causal_fci_latent'::regclass, ci_test => 'kci')$$,
                 '22023', NULL, 'FCI with an unsupported test is an error');

SELECT * FROM finish();
ROLLBACK;
