-- Matching against an independent plain implementation of MatchIt's rules
-- (test/scripts/make_match_reference.py: brute-force greedy matching, statsmodels
-- propensity scores and WLS standard errors) on MatchIt's lalonde data, ids in data order.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(40);

CREATE TEMP TABLE lalonde (id text, treat int, age int, educ int, race text, married int,
                           nodegree int, re74 float8, re75 float8, re78 float8);
\copy lalonde FROM 'test/data/lalonde.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE lalonde ADD COLUMN rid serial, ADD COLUMN black int, ADD COLUMN hispan int;
UPDATE lalonde SET black = (race = 'black')::int, hispan = (race = 'hispan')::int;
CREATE TEMP TABLE mref (name text, id int, treated int, weight float8, subclass bigint, distance float8);
\copy mref FROM 'test/data/match_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE eref (name text, se_type text, estimate float8, std_error float8);
\copy eref FROM 'test/data/match_effect_reference.csv' WITH (FORMAT csv, HEADER)
CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-12, false);

-- the cases of the reference script, as calls
CREATE TEMP TABLE cases (name text, args jsonb);
INSERT INTO cases VALUES
 ('nn_glm', '{}'), ('nn_glm_ratio2', '{"ratio": 2}'), ('nn_glm_replace2', '{"ratio": 2, "replace": true}'),
 ('nn_glm_caliper', '{"caliper": 0.1}'), ('nn_glm_smallest', '{"m_order": "smallest"}'),
 ('nn_glm_discard', '{"discard": "both", "caliper": 0.25}'),
 ('nn_logit_atc', '{"distance": "logit", "estimand": "ATC"}'),
 ('nn_glm_exact', '{"exact": ["married", "nodegree"]}'),
 ('nn_mahal', '{"distance": "mahalanobis", "covs": ["age", "educ", "re74", "re75"]}'),
 ('nn_mahal_exact', '{"distance": "mahalanobis", "covs": ["age", "educ", "re74", "re75"], "exact": ["married"]}'),
 ('nn_mahal_caliper', '{"distance": "mahalanobis", "covs": ["age", "educ", "re74", "re75"], "caliper": 0.05}'),
 ('nn_scaled_replace', '{"distance": "scaled_euclidean", "covs": ["age", "educ", "re74", "re75"], "replace": true, "ratio": 3}'),
 ('nn_euclid_atc', '{"distance": "euclidean", "covs": ["age", "educ"], "estimand": "ATC"}'),
 ('exact_att', '{"method": "exact", "covs": ["black", "hispan", "married", "nodegree"]}'),
 ('exact_ate', '{"method": "exact", "covs": ["black", "hispan", "married", "nodegree"], "estimand": "ATE"}'),
 ('cem_att', '{"method": "cem", "covs": ["age", "educ", "black", "married", "re74"]}'),
 ('cem_ate_cuts', '{"method": "cem", "covs": ["age", "educ", "black", "re75"], "estimand": "ATE", "options": {"cutpoints": {"age": [25, 35], "educ": 3, "re75": [0.5]}}}'),
 ('sub_att', '{"method": "subclass"}'), ('sub_ate', '{"method": "subclass", "estimand": "ATE", "options": {"subclasses": 5}}'),
 ('sub_atc', '{"method": "subclass", "estimand": "ATC", "options": {"subclasses": 4}}');

CREATE FUNCTION pg_temp.run(a jsonb)
RETURNS TABLE (id text, treated boolean, weight float8, subclass bigint, distance float8)
LANGUAGE sql AS $$
  SELECT * FROM causal.match('pg_temp.lalonde', 'treat',
           coalesce(ARRAY(SELECT jsonb_array_elements_text(a -> 'covs')),
                    '{}') || CASE WHEN a ? 'covs' THEN '{}'::text[] ELSE '{age,educ,black,hispan,married,nodegree,re74,re75}' END,
           'rid', method => coalesce(a ->> 'method', 'nearest'), distance => coalesce(a ->> 'distance', 'glm'),
           estimand => coalesce(a ->> 'estimand', 'ATT'), ratio => coalesce((a ->> 'ratio')::int, 1),
           replace => coalesce((a ->> 'replace')::boolean, false), caliper => (a ->> 'caliper')::float8,
           exact => CASE WHEN a ? 'exact' THEN ARRAY(SELECT jsonb_array_elements_text(a -> 'exact')) END,
           m_order => a ->> 'm_order', discard => coalesce(a ->> 'discard', 'none'), options => a -> 'options')
$$;
CREATE TEMP TABLE got AS SELECT c.name, m.* FROM cases c, pg_temp.run(c.args) m;

-- every case: the same rows, arms, weights (1e-9), subclasses and distances (propensity 1e-7)
SELECT is((SELECT count(*)
             FROM (SELECT * FROM got WHERE got.name = c.name) g
             FULL JOIN (SELECT * FROM mref WHERE mref.name = c.name) r ON r.id::text = g.id
            WHERE NOT coalesce(g.treated = (r.treated = 1) AND pg_temp.close(g.weight, r.weight, 1e-9)
                               AND g.subclass IS NOT DISTINCT FROM r.subclass
                               AND (r.distance IS NULL AND g.distance IS NULL
                                    OR pg_temp.close(g.distance, r.distance, 1e-7)), false)),
          0::bigint, c.name || ': rows, weights, subclasses and distances match the reference')
  FROM cases c ORDER BY c.name;
