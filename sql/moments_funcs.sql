-- Functions on a sketch: errors for too few rows, constant and collinear columns, bad indexes.
CREATE TABLE fn_t AS
  SELECT i, (i % 10)::float8 AS x, ((i * 7) % 13)::float8 AS y, 5.0::float8 AS k,
         (i % 10) * 2.0 + 1 AS x2, sin(i)::float8 AS z
    FROM generate_series(1, 50) i;
CREATE TABLE fn_s AS SELECT causal.moments(x, y, k, x2, z) AS m FROM fn_t;
CREATE TABLE fn_one AS SELECT causal.moments(x, y) AS m FROM fn_t WHERE i = 1;

SELECT causal.covariance(m) FROM fn_one;
SELECT causal.covariance(m, 'other') FROM fn_s;
SELECT causal.correlation(m) FROM fn_s;
SELECT round(causal.partial_correlation(m, 1, 2)::numeric, 8) AS r12,
       round(causal.partial_correlation(m, 1, 2, '{5}')::numeric, 8) AS r12_5
  FROM fn_s;
SELECT causal.partial_correlation(m, 1, 2, '{3}') FROM fn_s;
SELECT causal.partial_correlation(m, 1, 2, '{4}') FROM fn_s;
SELECT causal.partial_correlation(m, 1, 1) FROM fn_s;
SELECT causal.partial_correlation(m, 1, 2, '{1}') FROM fn_s;
SELECT causal.partial_correlation(m, 0, 2) FROM fn_s;
SELECT causal.partial_correlation(m, 1, 6) FROM fn_s;
SELECT causal.partial_correlation(m, 1, 2, '{NULL}') FROM fn_s;

-- OLS
SELECT term, round(estimate::numeric, 6) AS estimate, round(std_error::numeric, 6) AS se,
       round(r2::numeric, 6) AS r2, df_resid, n
  FROM causal.ols((SELECT m FROM fn_s), 2, '{1,5}', names => '{x,y,k,x2,z}');
SELECT term, round(estimate::numeric, 6) AS estimate FROM causal.ols((SELECT m FROM fn_s), 2, '{}');
SELECT * FROM causal.ols((SELECT m FROM fn_s), 2, '{1,4}', names => '{x,y,k,x2,z}');
SELECT * FROM causal.ols((SELECT m FROM fn_s), 2, '{3}');
SELECT * FROM causal.ols((SELECT m FROM fn_s), 3, '{1}');
SELECT * FROM causal.ols((SELECT m FROM fn_s), 2, '{2}');
SELECT * FROM causal.ols((SELECT m FROM fn_s), 2, '{1,1}');
SELECT * FROM causal.ols((SELECT m FROM fn_s), 2, NULL);
SELECT * FROM causal.ols((SELECT m FROM fn_s), 2, '{}', false);
SELECT * FROM causal.ols((SELECT m FROM fn_s), 2, '{1}', names => '{a,b}');
SELECT * FROM causal.ols((SELECT m FROM fn_one), 2, '{1}');
-- a perfect fit has no sampling error: t and p are NULL
SELECT term, round(estimate::numeric, 6) AS estimate, t_value, p_value
  FROM causal.ols((SELECT m FROM fn_s), 4, '{1}');
DROP TABLE fn_t, fn_s, fn_one;
