-- Matching against an independent plain implementation of MatchIt's rules
-- (test/scripts/make_match_reference.py: brute-force greedy matching, statsmodels
-- propensity scores and WLS standard errors) on MatchIt's lalonde data, ids in data order.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(65);

CREATE TEMP TABLE lalonde (id text, treat int, age int, educ int, race text, married int,
                           nodegree int, re74 float8, re75 float8, re78 float8);
\copy lalonde FROM 'test/data/lalonde.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE lalonde ADD COLUMN rid serial, ADD COLUMN black int, ADD COLUMN hispan int;
UPDATE lalonde SET black = (race = 'black')::int, hispan = (race = 'hispan')::int;
CREATE TEMP TABLE mref (name text, id int, treated int, weight float8, subclass bigint, distance float8);
\copy mref FROM 'test/data/match_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE eref (name text, se_type text, adjust boolean, estimate float8, std_error float8);
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

-- effects after matching: lm(re78 ~ treat, weights) with cluster (by subclass) or HC standard errors
SELECT ok(pg_temp.close((e).estimate, r.estimate, 1e-9) AND pg_temp.close((e).std_error, r.std_error, 1e-9),
          r.name || ' (' || r.se_type || CASE WHEN r.adjust THEN ', covariate-adjusted' ELSE '' END
                 || '): estimate and standard error match statsmodels WLS to 1e-9')
  FROM eref r, cases c,
       LATERAL (SELECT causal.match_effect('pg_temp.lalonde', 're78', 'treat',
                    coalesce(ARRAY(SELECT jsonb_array_elements_text(c.args -> 'covs')), '{}')
                      || CASE WHEN c.args ? 'covs' THEN '{}'::text[] ELSE '{age,educ,black,hispan,married,nodegree,re74,re75}' END,
                    'rid', method => coalesce(c.args ->> 'method', 'nearest'),
                    distance => coalesce(c.args ->> 'distance', 'glm'), estimand => coalesce(c.args ->> 'estimand', 'ATT'),
                    ratio => coalesce((c.args ->> 'ratio')::int, 1), replace => coalesce((c.args ->> 'replace')::boolean, false),
                    std_error => r.se_type, adjust => r.adjust) AS e) x
 WHERE c.name = r.name ORDER BY r.name, r.se_type, r.adjust;
SELECT is((SELECT (e).details ->> 'std_error' FROM (SELECT causal.match_effect('pg_temp.lalonde', 're78', 'treat',
              '{age,educ}', 'rid', replace => true) AS e) x), 'HC3', 'with replacement the default standard error is HC3');
SELECT is((SELECT round((e).estimate::numeric, 2) FROM (SELECT causal.match_effect('pg_temp.lalonde', 're78', 'treat',
              '{age,educ,black,hispan,married,nodegree,re74,re75}', 'rid', adjust => false) AS e) x), 894.37,
          'the ATT of MatchIt 4.5.5''s 1:1 nearest-neighbour example: 894.37');

-- method malts with a fixed stretch is Euclidean matching on the stretched covariates
CREATE TEMP VIEW lal_s AS SELECT rid, treat, age * 1.0 AS a, educ * 2.0 AS b, re74 * 0.001 AS c, re75 * 0.001 AS d FROM lalonde;
SELECT is((SELECT count(*) FROM (
             (SELECT * FROM causal.match('pg_temp.lal_s', 'treat', '{a,b,c,d}', 'rid', distance => 'euclidean')
              EXCEPT SELECT * FROM causal.match('pg_temp.lalonde', 'treat', '{age,educ,re74,re75}', 'rid', method => 'malts',
                                                options => '{"outcome": "re78", "stretch": [1, 2, 0.001, 0.001]}'))
             UNION ALL
             (SELECT * FROM causal.match('pg_temp.lalonde', 'treat', '{age,educ,re74,re75}', 'rid', method => 'malts',
                                         options => '{"outcome": "re78", "stretch": [1, 2, 0.001, 0.001]}')
              EXCEPT SELECT * FROM causal.match('pg_temp.lal_s', 'treat', '{a,b,c,d}', 'rid', distance => 'euclidean'))) x),
          0::bigint, 'method malts at a fixed stretch: the same rows as Euclidean matching on the stretched covariates');
SELECT throws_ok($$SELECT * FROM causal.match('pg_temp.lalonde', 'treat', '{age}', 'rid', method => 'malts')$$, '22023', NULL,
                 'method malts needs an outcome to learn from');

-- Abadie-Imbens standard errors for matching with replacement against R's Matching (test/data/ai_reference.csv
-- from test/scripts/make_ai_reference.R: Match(..., X = glm score, Var.calc = 0) on simulated data without ties)
CREATE TEMP TABLE aid (id int, t int, x1 float8, x2 float8, x3 float8, y float8);
\copy aid FROM 'test/data/ai_data.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE airef (estimand text, ratio int, estimate float8, std_error float8);
\copy airef FROM 'test/data/ai_reference.csv' WITH (FORMAT csv, HEADER)
SELECT ok(pg_temp.close(e.estimate, r.estimate, 1e-10) AND pg_temp.close(e.std_error, r.std_error, 1e-10),
          format('%s, %s:1 with replacement: estimate and Abadie-Imbens SE match R''s Matching to 1e-10', r.estimand, r.ratio))
  FROM airef r,
       LATERAL causal.match_effect('pg_temp.aid', 'y', 't', '{x1,x2,x3}', 'id', estimand => r.estimand, ratio => r.ratio,
                                   replace => true, std_error => 'AI', adjust => false) e
 ORDER BY r.estimand DESC, r.ratio;
SELECT throws_ok($$SELECT causal.match_effect('pg_temp.aid', 'y', 't', '{x1,x2,x3}', 'id', std_error => 'AI', adjust => false)$$,
                 '22023', NULL, 'the Abadie-Imbens SE needs matching with replacement');

-- the composable clustered aggregate over matched rows joined back to the table
CREATE TEMP TABLE nn AS SELECT * FROM got WHERE name = 'nn_glm';
SELECT ok(pg_temp.close((e).estimate, r.estimate, 1e-9) AND pg_temp.close((e).std_error, r.std_error, 1e-9),
          'causal.weighted_effect(y, treated, weight, subclass) matches the pair-clustered statsmodels SE to 1e-9')
  FROM (SELECT causal.weighted_effect(l.re78, m.treated, m.weight, m.subclass) AS e
          FROM nn m JOIN lalonde l ON l.rid::text = m.id) x, eref r
 WHERE r.name = 'nn_glm' AND r.se_type = 'cluster' AND NOT r.adjust;
SELECT is((SELECT (causal.weighted_effect(l.re78, m.treated, m.weight, m.subclass ORDER BY random())).std_error
             FROM nn m JOIN lalonde l ON l.rid::text = m.id)::numeric(20, 6),
          (SELECT (causal.weighted_effect(l.re78, m.treated, m.weight, m.subclass)).std_error
             FROM nn m JOIN lalonde l ON l.rid::text = m.id)::numeric(20, 6),
          'the clustered aggregate does not depend on the row order');
-- many clusters (compactions of the state) under a forced parallel plan
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text; acc text := '';
BEGIN
  FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP acc := acc || r || E'\n'; END LOOP;
  RETURN acc;
END $$;
CREATE TABLE causal_test_wecl AS SELECT i, (i % 3 = 0) AS t, sin(i) + (i % 3 = 0)::int AS y, 1 + (i % 5) AS w,
                                    (i / 7)::bigint AS g FROM generate_series(1, 200000) i;
ANALYZE causal_test_wecl;
CREATE TEMP TABLE serial_e AS SELECT causal.weighted_effect(y, t, w::float8, g) AS e FROM causal_test_wecl;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SELECT ok(pg_temp.plan_of('SELECT causal.weighted_effect(y, t, w::float8, g) FROM causal_test_wecl')
            ~ 'Partial Aggregate.*Parallel Seq Scan', 'the clustered aggregate runs as partial aggregates');
SELECT ok(pg_temp.close((p.e).estimate, (s.e).estimate, 1e-12) AND pg_temp.close((p.e).std_error, (s.e).std_error, 1e-12),
          'parallel and serial clustered aggregates agree')
  FROM (SELECT causal.weighted_effect(y, t, w::float8, g) AS e FROM causal_test_wecl) p, serial_e s;
RESET max_parallel_workers_per_gather;
SELECT throws_ok($$SELECT causal.weighted_effect_cluster_final('{1,2,3}')$$, '22023', NULL,
                 'a malformed clustered state is an error');
SELECT throws_ok($$SELECT causal.weighted_effect_cluster_accum('{5,1,0,0,0,0,1,1,1,1,1}', 1, true, 1, 1)$$, '22023', NULL,
                 'a state claiming more entries than it holds is an error');

-- Love plot: an SVG document with a before and an after point per covariate at the balance table's SMDs
CREATE TEMP VIEW lal_m AS
SELECT l.*, coalesce(m.weight, 0) AS weight FROM lalonde l LEFT JOIN nn m ON m.id = l.rid::text;
CREATE TEMP TABLE love AS
SELECT causal.love_plot('pg_temp.lal_m', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'weight') AS svg;
SELECT ok(xml_is_well_formed_document(svg) AND svg LIKE '<svg xmlns="http://www.w3.org/2000/svg"%', 'love plot: well-formed SVG')
  FROM love;
SELECT is((SELECT count(*) FROM love, regexp_matches(svg, 'data-stage="(before|after)"', 'g')), 16::bigint,
          'love plot: two points per covariate');
SELECT ok(bool_and(abs(m[3]::float8 - abs(CASE m[2] WHEN 'before' THEN b.std_mean_diff ELSE a.std_mean_diff END)) < 1e-12),
          'love plot: the points sit at the absolute SMDs of causal.balance before and after matching')
  FROM love, regexp_matches(svg, 'data-covariate="([a-z0-9]+)" data-stage="(before|after)" data-smd="([-0-9.e]+)"', 'g') AS m
  JOIN causal.balance('pg_temp.lal_m', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}') b ON b.covariate = m[1]
  JOIN causal.balance('pg_temp.lal_m', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'weight') a
    ON a.covariate = m[1];
SELECT ok((SELECT count(*) FROM love, regexp_matches(svg, 'text-anchor="middle">([0-9.]+)</text>', 'g')) >= 4,
          'love plot: the x axis has at least four labelled ticks');
SELECT ok((SELECT bool_and(substring(svg FROM 'width="([0-9]+)"')::int
                           >= 20 + 7.5 * length(substring(svg FROM '<text x="10" y="20" font-size="14">([^<]*)</text>')))
             FROM love), 'love plot: the picture is wide enough for its title');
-- a factor covariate: a row per level, and the axis below the last row
CREATE TEMP VIEW lal_mf AS SELECT l.*, (ARRAY['black', 'hispan', 'white'])[1 + hispan + 2 * (1 - black - hispan)] AS race3 FROM lal_m l;
SELECT ok((SELECT count(*) FROM regexp_matches(svg, 'data-stage="after"', 'g')) = 4
          AND (SELECT max(m[1]::float8) FROM regexp_matches(svg, 'data-smd="[^"]*" cx="[0-9.]+" cy="([0-9.]+)"', 'g') m)
              < (SELECT min(m[1]::float8) FROM regexp_matches(svg, '<line x1="[0-9.]+" y1="([0-9.]+)" x2="[0-9.]+" y2="[0-9.]+" stroke="black"/>\n  <text', 'g') m),
          'love plot of a factor: a point per level (age, race=black, race=hispan, race=white), all above the axis')
  FROM (SELECT causal.love_plot('pg_temp.lal_mf', 'treat', '{age,race3}', 'weight') AS svg) p;

-- bad input
CREATE TEMP TABLE bad AS SELECT rid, treat, age::float8 AS age, educ, re74, age * 2 AS age2, 1 AS one, re78 FROM lalonde;
SELECT throws_ok($$SELECT * FROM causal.match('pg_temp.bad', 'educ', '{age}', 'rid')$$, '22023',
                 NULL, 'a non-binary treatment is an error');
SELECT throws_ok($$SELECT * FROM causal.match('pg_temp.bad', 'treat', '{age,one}', 'rid')$$, '22000',
                 'causal.match: covariate "one" is constant', 'a constant covariate is an error naming it');
SELECT throws_ok($$SELECT * FROM causal.match('pg_temp.bad', 'treat', '{age,age2}', 'rid', distance => 'mahalanobis')$$,
                 '22000', NULL, 'collinear covariates make the Mahalanobis distance undefined');
UPDATE bad SET age = NULL WHERE rid IN (1, 2, 600);
SELECT is((SELECT count(*) FROM causal.match('pg_temp.bad', 'treat', '{age,educ}', 'rid')), 366::bigint,
          'rows with a NULL covariate are skipped (two treated rows fewer matched pairs)');
UPDATE bad SET age = 'NaN' WHERE rid = 3;
SELECT throws_ok($$SELECT * FROM causal.match('pg_temp.bad', 'treat', '{age,educ}', 'rid')$$, '22023',
                 'causal.match: column "age" holds NaN', 'NaN is an error naming the column');
UPDATE bad SET age = 30 WHERE rid IN (1, 2, 3, 600);
UPDATE bad SET rid = 5 WHERE rid = 6;
SELECT throws_ok($$SELECT * FROM causal.match('pg_temp.bad', 'treat', '{age,educ}', 'rid')$$, '23505',
                 NULL, 'duplicate ids are an error');
-- separation: the treated all have larger x than every control
CREATE TEMP TABLE sep AS SELECT i AS rid, (i > 50)::int AS treat, i + (i > 50)::int * 100 AS x, i % 7 AS z
  FROM generate_series(1, 100) i;
SELECT throws_ok($$SELECT * FROM causal.match('pg_temp.sep', 'treat', '{x,z}', 'rid')$$, '22000',
                 NULL, 'perfect separation in the propensity model is an error');
-- no overlap: with a ridge penalty the scores separate; discarding outside common support leaves nothing
SELECT is((SELECT count(*) FROM causal.match('pg_temp.sep', 'treat', '{x,z}', 'rid', discard => 'both',
                                             options => '{"ridge": 1}')), 0::bigint,
          'no overlap: discard => both drops every unit');
SELECT throws_ok($$SELECT causal.match_effect('pg_temp.sep', 'x', 'treat', '{x,z}', 'rid', discard => 'both',
                                              options => '{"ridge": 1}')$$, '22000', NULL,
                 'no overlap: the effect after matching is an error, not a number');
CREATE TEMP TABLE cal AS SELECT i AS rid, i % 2 AS treat, i::float8 AS x, sin(i) AS y FROM generate_series(1, 60) i;
SELECT throws_ok($$SELECT causal.match_effect('pg_temp.cal', 'y', 'treat', '{x}', 'rid', caliper => 1e-9)$$, '22000', NULL,
                 'a caliper that drops everything is an error in match_effect');
SELECT throws_ok($$SELECT * FROM causal.match('pg_temp.lalonde', 'treat', '{age}', 'rid', estimand => 'ATE')$$, '0A000',
                 NULL, 'nearest-neighbour matching has no ATE');
SELECT throws_ok($$SELECT * FROM causal.match('pg_temp.lalonde', 'treat', '{age}', 'rid', distance => 'mahalanobis',
                                              m_order => 'largest')$$, '22023', NULL,
                 'm_order largest needs a propensity distance');
SELECT throws_ok($$SELECT * FROM causal.match('pg_temp.lalonde', 'treat', '{age}', 'rid', method => 'cem',
                                              options => '{"cutpoints": {"age": [40, 30]}}')$$, '22023',
                 'causal.match: cutpoints of "age" must increase', 'cutpoints must increase');
SELECT throws_ok($$SELECT * FROM causal.match('pg_temp.lalonde', 'treat', '{age}', 'rid', options => '{"k": 1}')$$, '22023',
                 NULL, 'unknown options are an error');
CREATE TEMP TABLE big AS SELECT i AS rid, (i % 10 = 0)::int AS treat, sin(i) AS x1, cos(i) AS x2
  FROM generate_series(1, 100000) i;
SET LOCAL causal.max_memory = '1MB';
SELECT throws_ok($$SELECT * FROM causal.match('pg_temp.big', 'treat', '{x1,x2}', 'rid')$$, '54000',
                 NULL, 'the rows are held to causal.max_memory');
RESET causal.max_memory;

SELECT * FROM finish();
ROLLBACK;
