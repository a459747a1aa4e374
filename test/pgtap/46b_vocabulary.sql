-- One vocabulary: option values in any case (and with blanks around them) mean the same option,
-- across the estimators, the tests and discovery; the effect row's statistic against R lm()'s t
-- value (test/data/lalonde_ols_reference.csv) and estimate / std_error; causal.summary; matched
-- and unmatched counts after matching against the weights of the MatchIt-rule reference
-- (test/data/match_reference.csv, test/scripts/make_match_reference.py).  Renamed options: the
-- new name gives what the deprecated one gave (collider_rule/collider_priority for the uc_rule and
-- uc_priority codes, ci_test for method on the sketch forms of discovery, ps_clip for dml's clip);
-- both at once is an error.  (The deprecation WARNING is checked by the doc example in discovery.md.)
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(37);

CREATE FUNCTION pg_temp.close(a float8, b float8, rel float8) RETURNS boolean
LANGUAGE sql IMMUTABLE RETURN coalesce(abs(a - b) <= rel * abs(b) + 1e-300, false);

CREATE TEMP TABLE lalonde (id text, treat int, age int, educ int, race text, married int,
                           nodegree int, re74 float8, re75 float8, re78 float8);
\copy lalonde FROM 'test/data/lalonde.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE lalonde ADD COLUMN rid serial, ADD COLUMN black int, ADD COLUMN hispan int;
UPDATE lalonde SET black = (race = 'black')::int, hispan = (race = 'hispan')::int;
CREATE TEMP TABLE olsref (model text, term text, estimate float8, std_error float8, t_value float8,
                          p_value float8, r2 float8, df_resid float8);
\copy olsref FROM 'test/data/lalonde_ols_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE mref (name text, id int, treated int, weight float8, subclass bigint, distance float8);
\copy mref FROM 'test/data/match_reference.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE lg AS
SELECT (SELECT string_agg(format('%s --> treat; %s --> re78', c, c), '; ')
          FROM unnest(ARRAY['age', 'educ', 'black', 'hispan', 'married', 'nodegree', 're74', 're75']) c)
       || '; treat --> re78' AS g;
CREATE TEMP TABLE dml (id int, y float8, d float8, tr int, yb float8, z1 float8, z2 float8, dv float8,
                       yv float8, unit int, fold int, fold_unit int, fold_irm int,
                       x1 float8, x2 float8, x3 float8, x4 float8, x5 float8, x6 float8, x7 float8,
                       x8 float8, x9 float8, x10 float8);
\copy dml FROM 'test/data/dml_data.csv' WITH (FORMAT csv, HEADER)

-- the same call, spelled two ways: equal rows (as text, every field)
CREATE FUNCTION pg_temp.same(a text, b text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE ra text; rb text;
BEGIN
    EXECUTE a INTO ra;
    EXECUTE b INTO rb;
    RETURN ra IS NOT NULL AND ra = rb;
END $$;

SELECT ok(pg_temp.same(
  $$SELECT causal.estimate('lalonde', 'treat', 're78', (SELECT g FROM lg)::causal.graph, 'AIPW', 'att', id => 'id')::text$$,
  $$SELECT causal.estimate('lalonde', 'treat', 're78', (SELECT g FROM lg)::causal.graph, 'aipw', 'ATT', id => 'id')::text$$),
  'causal.estimate: method AIPW and estimand att are aipw and ATT');
SELECT ok(pg_temp.same(
  $$SELECT causal.weighting_effect('lalonde', 're78', 'treat', '{age,educ,black,re74}', 'id', method => ' IPW ', estimand => 'Atc')::text$$,
  $$SELECT causal.weighting_effect('lalonde', 're78', 'treat', '{age,educ,black,re74}', 'id', method => 'ipw', estimand => 'ATC')::text$$),
  'causal.weighting_effect: method '' IPW '' and estimand Atc');
SELECT ok(pg_temp.same(
  $$SELECT array_agg(w ORDER BY w.id)::text FROM causal.weights('lalonde', 'treat', '{age,educ,black,re74}', 'id', method => 'EBAL', estimand => 'att') w$$,
  $$SELECT array_agg(w ORDER BY w.id)::text FROM causal.weights('lalonde', 'treat', '{age,educ,black,re74}', 'id', method => 'ebal', estimand => 'ATT') w$$),
  'causal.weights: method EBAL');
SELECT ok(pg_temp.same(
  $$SELECT array_agg(m ORDER BY m.id)::text FROM causal.match('lalonde', 'treat', '{age,educ,black,re74}', 'rid', method => 'Nearest', distance => 'GLM', estimand => 'att', m_order => 'Largest', discard => 'None') m$$,
  $$SELECT array_agg(m ORDER BY m.id)::text FROM causal.match('lalonde', 'treat', '{age,educ,black,re74}', 'rid', method => 'nearest', distance => 'glm', estimand => 'ATT', m_order => 'largest', discard => 'none') m$$),
  'causal.match: method, distance, estimand, m_order and discard in any case');
SELECT ok(pg_temp.same(
  $$SELECT causal.match_effect('lalonde', 're78', 'treat', '{age,educ,black,re74}', 'rid', std_error => 'hc3', distance => 'Logit')::text$$,
  $$SELECT causal.match_effect('lalonde', 're78', 'treat', '{age,educ,black,re74}', 'rid', std_error => 'HC3', distance => 'logit')::text$$),
  'causal.match_effect: std_error hc3 is HC3, and the method label uses the canonical distance');
SELECT ok(pg_temp.same(
  $$SELECT causal.dml('dml', 'y', 'd', '{x1,x2,x3}', model => 'PLR', score => 'iv-type', fold_column => 'fold')::text$$,
  $$SELECT causal.dml('dml', 'y', 'd', '{x1,x2,x3}', model => 'plr', score => 'IV-type', fold_column => 'fold')::text$$),
  'causal.dml: model PLR and score iv-type');
SELECT ok(pg_temp.same(
  $$SELECT causal.dml('dml', 'yb', 'tr', '{x1,x2,x3}', model => 'IRM', score => 'att', fold_column => 'fold_irm')::text$$,
  $$SELECT causal.dml('dml', 'yb', 'tr', '{x1,x2,x3}', model => 'irm', score => 'ATTE', fold_column => 'fold_irm')::text$$),
  'causal.dml: score ATT is IRM''s ATTE score (the estimand vocabulary''s name)');
SELECT ok(pg_temp.same(
  $$SELECT causal.dml('dml', 'y', 'd', '{x1,x2,x3}', ml_l => ' Lasso', ml_m => 'OLS', fold_column => 'fold')::text$$,
  $$SELECT causal.dml('dml', 'y', 'd', '{x1,x2,x3}', ml_l => 'lasso', ml_m => 'ols', fold_column => 'fold')::text$$),
  'causal.dml: learner names in any case (details name them canonically)');
SELECT ok(pg_temp.same(
  $$SELECT array_agg(f ORDER BY f.term)::text FROM causal.learner_fit('dml', 'tr', '{x1,x2}', 'LOGISTIC') f$$,
  $$SELECT array_agg(f ORDER BY f.term)::text FROM causal.learner_fit('dml', 'tr', '{x1,x2}', 'logistic') f$$),
  'causal.learner_fit: learner LOGISTIC');
SELECT ok(pg_temp.same(
  $$SELECT array_agg(p ORDER BY p)::text FROM causal.pc('lalonde', '{age,educ,re74,re75,re78}', ci_test => 'FisherZ') p$$,
  $$SELECT array_agg(p ORDER BY p)::text FROM causal.pc('lalonde', '{age,educ,re74,re75,re78}', ci_test => 'fisherz') p$$),
  'causal.pc: ci_test FisherZ');
SELECT ok(pg_temp.same(
  $$SELECT causal.ci_test('lalonde', 'black', 'married', '{nodegree}', method => 'GSQ')::text$$,
  $$SELECT causal.ci_test('lalonde', 'black', 'married', '{nodegree}', method => 'gsq')::text$$),
  'causal.ci_test: method GSQ');
SELECT ok(pg_temp.same(
  $$SELECT array_agg(r ORDER BY r)::text FROM causal.refute('lalonde', 'treat', 're78', (SELECT g FROM lg)::causal.graph, method => 'Regression', refuters => '{Placebo_Treatment}', n_simulations => 3) r$$,
  $$SELECT array_agg(r ORDER BY r)::text FROM causal.refute('lalonde', 'treat', 're78', (SELECT g FROM lg)::causal.graph, method => 'regression', refuters => '{placebo_treatment}', n_simulations => 3) r$$),
  'causal.refute: method and refuter names in any case; the rows name the refuter canonically');
SELECT is((SELECT min(refuter) FROM causal.refute('lalonde', 'treat', 're78', (SELECT g FROM lg)::causal.graph,
                                                  refuters => '{Placebo_Treatment}', n_simulations => 3)),
          'placebo_treatment', 'the refuter column spells the name canonically');
SELECT throws_ok($$SELECT causal.weighting_effect('lalonde', 're78', 'treat', '{age}', 'id', method => 'ipww')$$,
                 '22023', NULL, 'an unknown method is still 22023');
SELECT throws_ok($$SELECT causal.estimate('lalonde', 'treat', 're78', (SELECT g FROM lg)::causal.graph, 'regression', 'ATX')$$,
                 '22023', NULL, 'an unknown estimand is still 22023');

-- the statistic: R's t value for regression adjustment (lm), estimate / std_error everywhere
SELECT ok(pg_temp.close((e).statistic, r.t_value, 1e-9), 'statistic of regression adjustment = R lm()''s t value')
  FROM (SELECT causal.estimate('lalonde', 'treat', 're78', (SELECT g FROM lg)::causal.graph, 'regression') AS e) s,
       olsref r WHERE r.model = 'adjusted' AND r.term = 'treat';
CREATE TEMP TABLE effs AS
SELECT k, e FROM (VALUES
  (1, causal.weighting_effect('lalonde', 're78', 'treat', '{age,educ,black,re74}', 'id')),
  (2, causal.match_effect('lalonde', 're78', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'rid')),
  (3, causal.dml('dml', 'y', 'd', '{x1,x2,x3}', fold_column => 'fold')),
  (4, causal.aipw_effect('lalonde', 're78', 'treat', '{age,educ,black,re74}', 'id')),
  (5, (SELECT causal.weighted_effect(l.re78, l.treat = 1, m.weight)
         FROM lalonde l JOIN causal.match('lalonde', 'treat', '{age,educ,black,re74}', 'rid') m ON m.id = l.rid::text))
) v(k, e);
SELECT is((SELECT count(*) FROM effs WHERE pg_temp.close((e).statistic, (e).estimate / (e).std_error, 1e-12)), 5::bigint,
          'statistic = estimate / std_error for weighting, matching, DML, AIPW and the weighted_effect aggregate');
SELECT ok((SELECT bool_and(pg_temp.close((e).p_value, 2 * causal.pnorm(-abs((e).statistic)), 1e-9)) FROM effs WHERE k <> 5),
          'p_value is the two-sided normal tail of the statistic');

-- causal.summary: one row per effect, in order, DoubleML's columns
CREATE TEMP TABLE summ AS
SELECT * FROM causal.summary((SELECT array_agg(e ORDER BY k) FROM effs), '{ipw,nn,plr,aipw,agg}');
SELECT is((SELECT array_agg(label) FROM summ), '{ipw,nn,plr,aipw,agg}', 'summary keeps the order and the labels');
SELECT is((SELECT count(*) FROM summ s JOIN effs f ON s.label = (ARRAY['ipw', 'nn', 'plr', 'aipw', 'agg'])[f.k]
            WHERE s.coef = (f.e).estimate AND s.std_err = (f.e).std_error AND s.t = (f.e).statistic
              AND s.p_value IS NOT DISTINCT FROM (f.e).p_value AND s.ci_lower = (f.e).ci_lower
              AND s.ci_upper = (f.e).ci_upper AND s.n = (f.e).n), 5::bigint,
          'summary''s coef, std err, t, p, interval and n are the effect rows''');
SELECT is((SELECT label FROM causal.summary(ARRAY[(SELECT e FROM effs WHERE k = 3)])), 'dml_plr',
          'without labels the method names the row');
SELECT ok((SELECT t FROM causal.summary(ARRAY[ROW('m', 'ATE', 2.0, 0.5, NULL, NULL, NULL, 10, NULL, NULL, NULL, NULL)::causal.effect])) = 4.0,
          'a row without the statistic (stored by 0.1.0) gets estimate / std_error');
SELECT throws_ok($$SELECT * FROM causal.summary(ARRAY[(SELECT e FROM effs WHERE k = 1)], '{a,b}')$$, '22023', NULL,
                 'summary with more labels than effects: 22023');
SELECT throws_ok($$SELECT * FROM causal.summary(NULL)$$, '22004', NULL, 'summary of NULL: 22004');

-- two matching calls that differ get different labels (ratio, replacement)
SELECT is((SELECT array_agg((causal.match_effect('lalonde', 're78', 'treat', '{age,educ,black,re74}', 'rid', ratio => r,
                                                 replace => rep)).method ORDER BY r, rep)
             FROM (VALUES (1, false), (2, true), (3, false)) v(r, rep)),
          '{"matching (nearest, glm)","matching (nearest, glm, 2:1, with replacement)","matching (nearest, glm, 3:1)"}',
          'match_effect labels name the ratio and replacement past 1:1 without');

-- matched and unmatched counts per arm: the reference's weights (MatchIt's rules) say how many units matched
SELECT is((SELECT array[(e).n_treated, (e).n_control, ((e).details ->> 'matched_treated')::bigint,
                        ((e).details ->> 'matched_control')::bigint, ((e).details ->> 'unmatched_treated')::bigint,
                        ((e).details ->> 'unmatched_control')::bigint] FROM effs WHERE k = 2),
          (SELECT array[count(*) FILTER (WHERE treated = 1 AND weight > 0), count(*) FILTER (WHERE treated = 0 AND weight > 0),
                        count(*) FILTER (WHERE treated = 1 AND weight > 0), count(*) FILTER (WHERE treated = 0 AND weight > 0),
                        (SELECT count(*) FROM lalonde WHERE treat = 1) - count(*) FILTER (WHERE treated = 1 AND weight > 0),
                        (SELECT count(*) FROM lalonde WHERE treat = 0) - count(*) FILTER (WHERE treated = 0 AND weight > 0)]
             FROM mref WHERE name = 'nn_glm'),
          'match_effect: n_treated/n_control are the matched units; details give matched and unmatched per arm');
SELECT is((SELECT array[(e).n_treated, (e).n_control, (e).n] FROM effs WHERE k = 5),
          (SELECT array[count(*) FILTER (WHERE m.treated AND m.weight > 0), count(*) FILTER (WHERE NOT m.treated AND m.weight > 0),
                        count(*) FILTER (WHERE m.weight > 0)]
             FROM causal.match('lalonde', 'treat', '{age,educ,black,re74}', 'rid') m),
          'weighted_effect over causal.match counts the matched units, not the 429 controls');
SELECT ok((SELECT (e).n_control FROM effs WHERE k = 5) < 429, 'after 1:1 matching n_control is below the 429 controls');

-- renamed options
CREATE TEMP TABLE voc_sk AS
SELECT causal.moments(x[1], x[2], x[3], x[4], x[5]) AS m
  FROM causal.simulate_sem(3000, 5, seed => 17, edge_prob => 0.5) s(i, x, t, y);
SELECT is((SELECT string_agg(format('%s:%s', r.name, (SELECT array_agg(p ORDER BY p)::text
                                                        FROM causal.pc((SELECT m FROM voc_sk), collider_rule => r.name,
                                                                       collider_priority => 'stronger') p)), ' ')
             FROM unnest(ARRAY['sepset', 'maxp', 'definite_maxp']) r(name)),
          (SELECT string_agg(format('%s:%s', r.name, (SELECT array_agg(p ORDER BY p)::text
                                                        FROM causal.pc((SELECT m FROM voc_sk), uc_rule => r.code,
                                                                       uc_priority => 3) p)), ' ')
             FROM unnest(ARRAY['sepset', 'maxp', 'definite_maxp'], ARRAY[0, 1, 2]) r(name, code)),
          'pc: collider_rule sepset/maxp/definite_maxp with priority stronger equal uc_rule 0/1/2 with uc_priority 3');
SELECT is((SELECT string_agg(format('%s:%s', r.name, (SELECT array_agg(p ORDER BY p)::text
                                                        FROM causal.pc((SELECT m FROM voc_sk), collider_rule => r.name,
                                                                       collider_priority => 'overwrite') p)), ' ')
             FROM unnest(ARRAY['conservative', 'majority']) r(name)),
          (SELECT string_agg(format('%s:%s', r.name, (SELECT array_agg(p ORDER BY p)::text
                                                        FROM causal.pc((SELECT m FROM voc_sk), uc_rule => r.code,
                                                                       uc_priority => 0) p)), ' ')
             FROM unnest(ARRAY['conservative', 'majority'], ARRAY[3, 4]) r(name, code)),
          'pc: conservative and majority with overwrite equal uc_rule 3 and 4 with uc_priority 0');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.pc((SELECT m FROM voc_sk)) p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.pc((SELECT m FROM voc_sk), collider_rule => 'sepset',
                                                                 collider_priority => 'existing') p),
          'pc: the defaults are collider_rule sepset, collider_priority existing (uc_rule 0, uc_priority 2)');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.cdnod((SELECT m FROM voc_sk), domain => 5, collider_rule => 'MaxP') p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.cdnod((SELECT m FROM voc_sk), domain => 5, uc_rule => 1) p),
          'cdnod: collider_rule (any case) equals the uc_rule code');
-- data on which maxP with the stronger priority gives another graph than the defaults
CREATE TEMP TABLE voc_t AS
SELECT x[1] AS a, x[2] AS b, x[3] AS c, x[4] AS d, (i % 3)::int + (x[1] > 0)::int AS dom
  FROM causal.simulate_sem(2000, 4, seed => 3, edge_prob => 0.6) s(i, x, t, y);
SELECT ok((SELECT array_agg(p ORDER BY p)::text FROM causal.cdnod('voc_t', '{a,b,c,d,dom}', 'dom', collider_rule => 'maxp',
                                                                    collider_priority => 'stronger') p)
          = (SELECT array_agg(p ORDER BY p)::text FROM causal.cdnod('voc_t', '{a,b,c,d,dom}', 'dom', uc_rule => 1, uc_priority => 3) p)
          AND (SELECT array_agg(p ORDER BY p)::text FROM causal.cdnod('voc_t', '{a,b,c,d,dom}', 'dom', collider_rule => 'maxp',
                                                                        collider_priority => 'stronger') p)
          <> (SELECT array_agg(p ORDER BY p)::text FROM causal.cdnod('voc_t', '{a,b,c,d,dom}', 'dom') p),
          'cdnod on a table: the collider names equal the codes in both searches of the independent-change step (and differ from the defaults here)');
SELECT is((SELECT array_agg(p ORDER BY p)::text
             FROM causal.pc((SELECT causal.crosstab(black, married, nodegree, treat) FROM lalonde), ci_test => 'gsq') p)
          || (SELECT array_agg(p ORDER BY p)::text
                FROM causal.fci((SELECT causal.crosstab(black, married, nodegree, treat) FROM lalonde), ci_test => 'gsq') p)
          || (SELECT array_agg(p ORDER BY p)::text
                FROM causal.pc_sepsets((SELECT causal.crosstab(black, married, nodegree, treat) FROM lalonde), ci_test => 'gsq') p),
          (SELECT array_agg(p ORDER BY p)::text
             FROM causal.pc((SELECT causal.crosstab(black, married, nodegree, treat) FROM lalonde), method => 'gsq') p)
          || (SELECT array_agg(p ORDER BY p)::text
                FROM causal.fci((SELECT causal.crosstab(black, married, nodegree, treat) FROM lalonde), method => 'gsq') p)
          || (SELECT array_agg(p ORDER BY p)::text
                FROM causal.pc_sepsets((SELECT causal.crosstab(black, married, nodegree, treat) FROM lalonde), method => 'gsq') p),
          'pc, fci and pc_sepsets on a crosstab: ci_test equals the deprecated method');
SELECT is((causal.dml('lalonde', 're78', 'treat', '{age,educ,black,re74}', model => 'irm', ps_clip => 0.05)).details::text,
          (causal.dml('lalonde', 're78', 'treat', '{age,educ,black,re74}', model => 'irm', clip => 0.05)).details::text,
          'dml: ps_clip (weighting''s name) equals the deprecated clip');
SELECT throws_ok($$SELECT causal.dml('lalonde', 're78', 'treat', '{age}', model => 'irm', ps_clip => 0.05, clip => 0.05)$$,
                 '22023', 'causal.dml: pass ps_clip or the deprecated clip, not both', 'dml: both names at once');
SELECT throws_ok($$SELECT * FROM causal.pc((SELECT m FROM voc_sk), collider_rule => 'maxp', uc_rule => 1)$$,
                 '22023', 'causal.pc: pass collider_rule or the deprecated uc_rule, not both', 'pc: both names at once');

SELECT * FROM finish();
ROLLBACK;
