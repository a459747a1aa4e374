-- causal.moments against sum() and covar_samp() over the same columns.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE b (name text, ms float8);

SELECT format('SELECT %s FROM t', string_agg(format('sum(c%s)', i), ', ')) AS q_sum,
       format('SELECT causal.moments(%s) FROM t', string_agg(format('c%s', i), ', ')) AS q_mom
  FROM generate_series(1, :k) i \gset
SELECT format('SELECT %s FROM t', string_agg(format('covar_samp(c%s, c%s)', i, j), ', ')) AS q_cov
  FROM generate_series(1, :k) i, generate_series(1, :k) j WHERE i <= j \gset

\ir helpers.sql

INSERT INTO b VALUES ('sum serial', pg_temp.best_ms(:'q_sum', :reps));
INSERT INTO b VALUES ('moments serial', pg_temp.best_ms(:'q_mom', :reps));
INSERT INTO b VALUES ('covar_samp serial', pg_temp.best_ms(:'q_cov', 1));

SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
INSERT INTO b VALUES ('sum parallel', pg_temp.best_ms(:'q_sum', :reps));
INSERT INTO b VALUES ('moments parallel', pg_temp.best_ms(:'q_mom', :reps));
RESET max_parallel_workers_per_gather;

-- rollup: 1000 stored sketches, merged
SET max_parallel_workers_per_gather = 0;
SELECT format('CREATE TEMP TABLE sketches AS SELECT id %% 1000 AS part, causal.moments(%s) AS m FROM t GROUP BY 1',
              string_agg(format('c%s', i), ', ')) FROM generate_series(1, :k) i \gexec
INSERT INTO b VALUES ('merge 1000 sketches', pg_temp.best_ms('SELECT causal.merge(m) FROM sketches', :reps));
INSERT INTO b VALUES ('count 1000 sketches', pg_temp.best_ms('SELECT count(m) FROM sketches', :reps));
INSERT INTO b VALUES ('ols from a sketch', pg_temp.best_ms(
  format('SELECT count(*) FROM causal.ols((SELECT causal.merge(m) FROM sketches), 1, %L)',
         (SELECT array_agg(i) FROM generate_series(2, :k) i)), :reps));

\echo
\echo causal.moments, k columns; ratios against baselines measured in this run
SELECT rpad(name, 44) || lpad(round(ms::numeric, 1)::text, 10) || ' ms' FROM b ORDER BY name;
\echo
WITH v AS (SELECT name, ms FROM b)
SELECT rpad(label, 68) || lpad(round(value::numeric, 2)::text, 8) FROM (VALUES
  ('moments serial / sum serial               (target <= 1.5)',
     (SELECT ms FROM v WHERE name = 'moments serial') / (SELECT ms FROM v WHERE name = 'sum serial')),
  ('covar_samp serial / moments serial        (target >= 8)',
     (SELECT ms FROM v WHERE name = 'covar_samp serial') / (SELECT ms FROM v WHERE name = 'moments serial')),
  ('moments parallel speed-up / sum parallel speed-up (target >= 0.9)',
     ((SELECT ms FROM v WHERE name = 'moments serial') / (SELECT ms FROM v WHERE name = 'moments parallel'))
     / ((SELECT ms FROM v WHERE name = 'sum serial') / (SELECT ms FROM v WHERE name = 'sum parallel'))),
  ('merge 1000 sketches / count 1000 sketches',
     (SELECT ms FROM v WHERE name = 'merge 1000 sketches') / (SELECT ms FROM v WHERE name = 'count 1000 sketches')),
  ('merge 1000 sketches, ms                   (target < 50)',
     (SELECT ms FROM v WHERE name = 'merge 1000 sketches'))
) x(label, value);
