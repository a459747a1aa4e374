-- KCI against an independent numpy/scipy reference (test/data/kci_reference.csv
-- from test/scripts/make_kci_reference.py): statistic and p-value to 1e-6
-- relative, for the empirical, median and manual kernel widths.  Simulations
-- check the size (n = 200, 1000 data sets) and the power against a quadratic
-- dependence (n = 500), where Fisher-z fails.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(10);

CREATE TEMP TABLE kd (x float8, y float8, z1 float8, z2 float8, w float8);
\copy kd FROM 'test/data/kci_data.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE kref (x text, y text, given text, width text, sigmas text, statistic float8, p_value float8);
\copy kref FROM 'test/data/kci_reference.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE kd ADD COLUMN rn serial;

-- a column of kd by name, as an array in row order
CREATE FUNCTION pg_temp.col(name text) RETURNS float8[] LANGUAGE plpgsql AS $$
DECLARE r float8[];
BEGIN
  EXECUTE format('SELECT array_agg(%I ORDER BY rn) FROM pg_temp.kd', name) INTO r;
  RETURN r;
END $$;
-- several columns as an n x d array
CREATE FUNCTION pg_temp.cols(names text) RETURNS float8[] LANGUAGE plpgsql AS $$
DECLARE r float8[];
BEGIN
  IF names IS NULL OR names = '' THEN RETURN NULL; END IF;
  EXECUTE format('SELECT array_agg(ARRAY[%s] ORDER BY rn) FROM pg_temp.kd',
                 (SELECT string_agg(format('%I', c), ', ') FROM unnest(string_to_array(names, ' ')) c))
     INTO r;
  RETURN r;
END $$;
CREATE TEMP TABLE kgot AS
SELECT r.*, causal.kci(pg_temp.col(r.x), pg_temp.col(r.y), pg_temp.cols(r.given), width => r.width,
                       sigmas => string_to_array(nullif(r.sigmas, ''), ' ')::float8[]) AS got
  FROM kref r;
CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false);

SELECT is((SELECT count(*) FROM kgot), 9::bigint, '9 reference cases');
SELECT is((SELECT count(*) FROM kgot WHERE coalesce(given, '') = ''
             AND NOT (pg_temp.close((got).statistic, statistic, 1e-6) AND pg_temp.close((got).p_value, p_value, 1e-6))),
          0::bigint, 'unconditional KCI matches the reference to 1e-6');
SELECT is((SELECT count(*) FROM kgot WHERE coalesce(given, '') <> ''
             AND NOT (pg_temp.close((got).statistic, statistic, 1e-6) AND pg_temp.close((got).p_value, p_value, 1e-6))),
          0::bigint, 'conditional KCI matches the reference to 1e-6');
SELECT ok((SELECT bool_and(pg_temp.close((causal.ci_test('pg_temp.kd'::regclass, x, y,
                                COALESCE(string_to_array(nullif(given, ''), ' '), '{}'), 'kci')).p_value,
                                p_value, 1e-6))
             FROM kref WHERE width = 'empirical'),
          'the table-level form gives the same p-values');

-- size: 1000 null data sets of n = 200
SELECT ok(rate BETWEEN 0.03 AND 0.07, 'unconditional KCI size at n = 200: ' || rate)
  FROM (SELECT avg((NOT (causal.kci(xs, ys)).independent)::int)::numeric(6, 4) AS rate
          FROM (SELECT seed, array_agg(x[1]) AS xs, array_agg(x[2] * x[2]) AS ys
                  FROM generate_series(1, 1000) seed, causal.simulate_sem(200, 2, seed, 0.0)
                 GROUP BY seed) s) t;
SELECT ok(rate BETWEEN 0.03 AND 0.07, 'conditional KCI size at n = 200: ' || rate)
  FROM (SELECT avg((NOT (causal.kci(xs, ys, zs)).independent)::int)::numeric(6, 4) AS rate
          FROM (SELECT seed, array_agg(x[3] + 0.5 * x[1]) AS xs, array_agg(x[3] * 0.8 + 0.5 * x[2]) AS ys,
                       array_agg(x[3]) AS zs
                  FROM generate_series(1, 1000) seed, causal.simulate_sem(200, 3, 5000 + seed, 0.0)
                 GROUP BY seed) s) t;
-- power against y = x^2 + noise at n = 500, where Fisher-z sees nothing
CREATE TEMP TABLE quad AS
SELECT seed, array_agg(x[1]) AS xs, array_agg(x[1] * x[1] + 0.5 * x[2]) AS ys,
       causal.moments(x[1], x[1] * x[1] + 0.5 * x[2]) AS m
  FROM generate_series(1, 100) seed, causal.simulate_sem(500, 2, 9000 + seed, 0.0)
 GROUP BY seed;
SELECT ok(power >= 0.9, 'KCI power against a quadratic dependence at n = 500: ' || power)
  FROM (SELECT avg((NOT (causal.kci(xs, ys)).independent)::int)::numeric(6, 4) AS power FROM quad) t;
SELECT ok(power <= 0.5, 'Fisher-z power there is far lower: ' || power)
  FROM (SELECT avg((NOT (causal.ci_test(m, 1, 2)).independent)::int)::numeric(6, 4) AS power FROM quad) t;

-- bad input
SELECT throws_ok($$SELECT causal.kci(ARRAY[1, 2, 3, 4, 5]::float8[], ARRAY[1, 2, 3]::float8[])$$, '2202E',
                 NULL, 'x and y of different lengths');
SET LOCAL causal.max_memory = '1MB';
SELECT throws_ok($$SELECT causal.kci(array_agg(x[1]), array_agg(x[2])) FROM causal.simulate_sem(1000, 2)$$,
                 '54000', NULL, 'memory limit');

SELECT * FROM finish();
ROLLBACK;
