-- Sliced energy balancing (16 random directions) by first-order steps alone, the path large tables
-- take: the weights within 5e-2 of the independent QP (test/data/ipm_weights_reference.csv from
-- test/scripts/make_ipm_reference.py), the energy distance within 1e-6 of the polished optimum.
-- make check-slow (a few minutes: FISTA to convergence on LaLonde).
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(1);

CREATE TEMP TABLE lalonde (id text, treat int, age int, educ int, race text, married int,
                           nodegree int, re74 float8, re75 float8, re78 float8);
\copy lalonde FROM 'test/data/lalonde.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE lalonde ADD COLUMN black int, ADD COLUMN hispan int;
UPDATE lalonde SET black = (race = 'black')::int, hispan = (race = 'hispan')::int;
CREATE TEMP TABLE iwref (method text, id text, weight float8);
\copy iwref FROM 'test/data/ipm_weights_reference.csv' WITH (FORMAT csv, HEADER)
CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false);

SET LOCAL client_min_messages = error;
SELECT ok(max(abs(w.weight - r.weight)) < 5e-2
          AND pg_temp.close(((e).details -> 'fit' -> 'control' ->> 'energy_after')::float8,
                            ((x).details -> 'fit' -> 'control' ->> 'energy_after')::float8, 1e-6),
          'sliced energy by first-order steps alone (the large-table path): weights within 5e-2, distance within 1e-6 of the optimum')
  FROM causal.weights('pg_temp.lalonde', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id', 'ipm_energy', 'ATT',
                      options => '{"slices": 16, "seed": 42, "polish": false}') w
  JOIN iwref r USING (id),
       (SELECT causal.weighting_effect('pg_temp.lalonde', 're78', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id',
                                       'ipm_energy', 'ATT', options => '{"slices": 16, "seed": 42, "polish": false}') AS e) e,
       (SELECT causal.weighting_effect('pg_temp.lalonde', 're78', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id',
                                       'ipm_energy', 'ATT', options => '{"slices": 16, "seed": 42}') AS x) x
 WHERE r.method = 'ipm_energy_sliced'
 GROUP BY e.e, x.x;
RESET client_min_messages;

SELECT * FROM finish();
ROLLBACK;
