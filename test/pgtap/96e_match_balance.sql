-- causal.balance and causal.love_plot straight from a matching result (matches => a table of
-- causal.match rows, id => the id column), as cobalt reads a matchit object: the reference is
-- the balance table weighted by the independent reference matches of
-- test/scripts/make_match_reference.py (MatchIt's rules; checked against causal.match in
-- 96_match) joined to the rows, 0 for the unmatched.  The weighted balance itself is checked
-- against MatchIt's summary() in 98_weighting.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(16);

CREATE TEMP TABLE lalonde (id text, treat int, age int, educ int, race text, married int,
                           nodegree int, re74 float8, re75 float8, re78 float8);
\copy lalonde FROM 'test/data/lalonde.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE lalonde ADD COLUMN rid serial, ADD COLUMN black int, ADD COLUMN hispan int;
UPDATE lalonde SET black = (race = 'black')::int, hispan = (race = 'hispan')::int;
CREATE TEMP TABLE mref (name text, id int, treated int, weight float8, subclass bigint, distance float8);
\copy mref FROM 'test/data/match_reference.csv' WITH (FORMAT csv, HEADER)
CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN (a IS NULL AND b IS NULL) OR coalesce(abs(a - b) <= rel * abs(b) + 1e-12, false);

-- the reference weights of each case on every row
CREATE TEMP TABLE ref_w AS
SELECT c.name, l.*, coalesce(r.weight, 0) AS w
  FROM lalonde l CROSS JOIN (SELECT DISTINCT name FROM mref) c
  LEFT JOIN mref r ON r.name = c.name AND r.id = l.rid;

-- the cases: the matching call, the balance estimand and covariates (race as a factor too)
CREATE TEMP TABLE cases (name text, m_args jsonb, estimand text, covs text[]);
INSERT INTO cases VALUES
 ('nn_glm', '{}', 'ATT', '{age,educ,race,married,nodegree,re74,re75}'),
 ('nn_glm_replace2', '{"ratio": 2, "replace": true}', 'ATT', '{age,educ,black,hispan,re74}'),
 ('exact_ate', '{"method": "exact", "covs": ["black", "hispan", "married", "nodegree"]}', 'ATE', '{age,race,married,re75}'),
 ('sub_att', '{"method": "subclass"}', 'ATT', '{age,educ,re74,re75}');

-- each case's causal.match rows, stored as a user would
CREATE TEMP TABLE matched AS
SELECT c.name, m.*
  FROM cases c,
       LATERAL causal.match('pg_temp.lalonde', 'treat',
                            coalesce(ARRAY(SELECT jsonb_array_elements_text(c.m_args -> 'covs')), '{}')
                              || CASE WHEN c.m_args ? 'covs' THEN '{}'::text[] ELSE '{age,educ,black,hispan,married,nodegree,re74,re75}' END,
                            'rid', method => coalesce(c.m_args ->> 'method', 'nearest'),
                            estimand => CASE WHEN c.m_args ->> 'method' = 'exact' THEN c.estimand ELSE 'ATT' END,
                            ratio => coalesce((c.m_args ->> 'ratio')::int, 1),
                            replace => coalesce((c.m_args ->> 'replace')::boolean, false)) m;

CREATE FUNCTION pg_temp.bal_matches(c text, est text, covs text[]) RETURNS SETOF record LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TEMP TABLE IF NOT EXISTS one_case AS SELECT * FROM matched WHERE false');
    TRUNCATE one_case;
    INSERT INTO one_case SELECT * FROM matched WHERE name = c;
    RETURN QUERY SELECT b.* FROM causal.balance('pg_temp.lalonde', 'treat', covs, estimand => est,
                                                matches => 'pg_temp.one_case', id => 'rid') b;
END $$;

SELECT ok((SELECT count(*) FROM matched m WHERE m.name = c.name) > 0, c.name || ': causal.match returned rows') FROM cases c ORDER BY name;

-- every column of every balance row equals the reference-weighted table's
CREATE TEMP TABLE cmp (name text, covariate text, same boolean);
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT * FROM cases LOOP
        EXECUTE format('CREATE TEMP VIEW %I AS SELECT * FROM ref_w WHERE name = %L', 'ref_w_' || c.name, c.name);
        INSERT INTO cmp
        SELECT c.name, a.covariate,
               pg_temp.close(a.mean_treated, b.mean_treated, 1e-10) AND pg_temp.close(a.mean_control, b.mean_control, 1e-10)
               AND pg_temp.close(a.std_mean_diff, b.std_mean_diff, 1e-9) AND pg_temp.close(a.var_ratio, b.var_ratio, 1e-9)
               AND pg_temp.close(a.ecdf_mean, b.ecdf_mean, 1e-9) AND pg_temp.close(a.ecdf_max, b.ecdf_max, 1e-9)
               AND a.n_treated = b.n_treated AND a.n_control = b.n_control
               AND pg_temp.close(a.ess_treated, b.ess_treated, 1e-9) AND pg_temp.close(a.ess_control, b.ess_control, 1e-9)
          FROM pg_temp.bal_matches(c.name, c.estimand, c.covs)
                 AS a(covariate text, mean_treated float8, mean_control float8, std_mean_diff float8, var_ratio float8,
                      ecdf_mean float8, ecdf_max float8, n_treated bigint, n_control bigint, ess_treated float8, ess_control float8)
          FULL JOIN causal.balance(format('pg_temp.%I', 'ref_w_' || c.name)::regclass, 'treat', c.covs, 'w', c.estimand) b
            USING (covariate);
    END LOOP;
END $$;
SELECT ok((SELECT count(*) >= cardinality(c.covs) AND bool_and(same) FROM cmp WHERE name = c.name),
          c.name || ': balance from the matches equals balance weighted by the reference matches, row by row')
  FROM cases c ORDER BY name;
SELECT is((SELECT count(*) FROM cmp WHERE name = 'nn_glm' AND covariate LIKE 'race=%'), 3::bigint,
          'a factor covariate lists every level');

-- the Love plot from the matches: the same points as from the weight column
TRUNCATE one_case;
INSERT INTO one_case SELECT * FROM matched WHERE name = 'nn_glm';
SELECT is((SELECT array_agg(pg_temp.close(a[1]::float8, b[1]::float8, 1e-9))::text
             FROM ROWS FROM (regexp_matches(causal.love_plot('pg_temp.lalonde', 'treat', '{age,educ,race,re74}',
                                                             matches => 'pg_temp.one_case', id => 'rid'),
                                            'data-smd="([^"]*)"', 'g'),
                             regexp_matches(causal.love_plot('pg_temp.ref_w_nn_glm', 'treat', '{age,educ,race,re74}', 'w'),
                                            'data-smd="([^"]*)"', 'g')) AS u(a, b)),
          '{t,t,t,t,t,t,t,t,t,t,t,t}', 'love_plot from matches: every point (6 rows before and after) equals the weighted plot''s');

-- errors
SELECT throws_ok($$SELECT * FROM causal.balance('pg_temp.lalonde', 'treat', '{age}', matches => 'pg_temp.one_case')$$,
                 '22004', 'causal.balance: matches and id go together', 'matches without id');
SELECT throws_ok($$SELECT * FROM causal.balance('pg_temp.lalonde', 'treat', '{age}', 'age', matches => 'pg_temp.one_case', id => 'rid')$$,
                 '22023', 'causal.balance: pass either weight or matches, not both', 'weight and matches');
SELECT throws_ok($$SELECT * FROM causal.balance('pg_temp.lalonde', 'treat', '{age}', matches => 'pg_temp.one_case', id => 'id')$$,
                 '22023', 'causal.balance: 370 of the 370 ids in matches are not ids of the relation',
                 'matches of another id column: every id unknown');
CREATE TEMP TABLE dup AS SELECT * FROM one_case UNION ALL SELECT * FROM one_case LIMIT 371;
SELECT throws_ok($$SELECT * FROM causal.balance('pg_temp.lalonde', 'treat', '{age}', matches => 'pg_temp.dup', id => 'rid')$$,
                 '22023', 'causal.balance: matches has 371 rows but 370 distinct ids', 'an id twice in matches');
UPDATE one_case SET weight = -1 WHERE id = (SELECT min(id) FROM one_case);
SELECT throws_ok($$SELECT * FROM causal.balance('pg_temp.lalonde', 'treat', '{age}', matches => 'pg_temp.one_case', id => 'rid')$$,
                 '22023', NULL, 'a negative weight in matches');
SELECT throws_ok($$SELECT causal.love_plot('pg_temp.lalonde', 'treat', '{age}')$$, '22004', NULL,
                 'love_plot without weight or matches');

SELECT * FROM finish();
ROLLBACK;
