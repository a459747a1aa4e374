-- The causal demo (make demo): a bundled data set and the pipeline as far as it exists.
\set ON_ERROR_STOP 1
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS causal;

\echo
\echo '=== 1. LaLonde job-training data (NSW treated + PSID controls, 614 rows, bundled) ==='
CREATE TABLE lalonde (id text PRIMARY KEY, treat int, age int, educ int, race text,
                      married int, nodegree int, re74 float8, re75 float8, re78 float8);
\copy lalonde FROM 'test/data/lalonde.csv' WITH (FORMAT csv, HEADER)
SELECT treat, count(*) AS n, round(avg(re78)) AS mean_re78, round(avg(age), 1) AS mean_age,
       round(avg(re75)) AS mean_re75
  FROM lalonde GROUP BY treat ORDER BY treat;

\echo
\echo 'One scan builds a moment sketch of earnings, treatment and covariates;'
\echo 'regression adjustment runs on the sketch (the experimental benchmark is about 1794):'
CREATE TABLE lalonde_sketch AS
SELECT causal.moments(re78, treat, age, educ, (race = 'black')::int, (race = 'hispan')::int,
                      married, nodegree, re74, re75) AS m
  FROM lalonde;
SELECT 'naive difference' AS model, round(estimate::numeric, 1) AS effect_on_re78,
       round(std_error::numeric, 1) AS se, round(p_value::numeric, 4) AS p
  FROM causal.ols((SELECT m FROM lalonde_sketch), 1, '{2}',
                  names => '{re78,treat,age,educ,black,hispan,married,nodegree,re74,re75}')
 WHERE term = 'treat'
UNION ALL
SELECT 'adjusted for covariates', round(estimate::numeric, 1), round(std_error::numeric, 1),
       round(p_value::numeric, 4)
  FROM causal.ols((SELECT m FROM lalonde_sketch), 1, '{2,3,4,5,6,7,8,9,10}',
                  names => '{re78,treat,age,educ,black,hispan,married,nodegree,re74,re75}')
 WHERE term = 'treat';

\echo
\echo '=== 2. Rollups: one stored sketch per day, merged for any range ==='
\echo 'Simulated web shop: 200,000 visits over 28 days, promo (treatment) effect on revenue = 2.0,'
\echo 'confounded by spend and visits (a seeded linear SEM).'
CREATE TABLE events AS
  SELECT date '2026-11-01' + (id % 28)::int AS day, x[1] AS spend, x[2] AS visits,
         x[3] AS pages, treatment AS promo, outcome AS revenue, abs(hashint8(id)) % 5 AS fold
    FROM causal.simulate_sem(200000, 3, seed => 2026, edge_prob => 0.7);
-- named sketches: readers take the columns by name, and a sketch of other columns cannot be merged in
CREATE TABLE daily_sketch AS
  SELECT day, causal.with_names(causal.moments(revenue, promo, spend, visits, pages),
                                ARRAY['revenue', 'promo', 'spend', 'visits', 'pages']) AS m
    FROM events GROUP BY day;
SELECT count(*) AS stored_sketches, pg_size_pretty(sum(pg_column_size(m))) AS total_size
  FROM daily_sketch;

\echo
\echo 'Correlations of the second week, from 7 stored sketches (no rows read):'
WITH s AS (SELECT causal.correlation(causal.merge(m)) AS r FROM daily_sketch
            WHERE day BETWEEN '2026-11-08' AND '2026-11-14'),
     v(i, name) AS (SELECT * FROM unnest(ARRAY['revenue', 'promo', 'spend', 'visits', 'pages'])
                                  WITH ORDINALITY AS u(name, i))
SELECT a.name AS variable, b.name AS with_variable, round((s.r[a.i][b.i])::numeric, 3) AS correlation
  FROM s, (SELECT i, name FROM v) a(name, i), (SELECT i, name FROM v) b(name, i)
 WHERE a.i < b.i
 ORDER BY a.i, b.i;

\echo
\echo 'Promo effect, naive and adjusted, per week (truth: 2.0):'
SELECT week,
       round((SELECT estimate FROM causal.ols(m, 'revenue', '{promo}') WHERE term = 'promo')::numeric, 3) AS naive,
       round((SELECT estimate FROM causal.ols(m, 'revenue', '{promo,spend,visits}') WHERE term = 'promo')::numeric, 3) AS adjusted,
       round((SELECT std_error FROM causal.ols(m, 'revenue', '{promo,spend,visits}') WHERE term = 'promo')::numeric, 3) AS se
  FROM (SELECT (day - date '2026-11-01') / 7 + 1 AS week, causal.merge(m) AS m
          FROM daily_sketch GROUP BY 1) w
 ORDER BY week;

\echo
\echo 'Double machine learning in one scan: daily cross-fitting sketches (PLR, OLS nuisances, 5 folds'
\echo 'from a hash of the visit id), merged per week; the standard error is DoubleML''s, exact:'
CREATE TABLE daily_dml AS
  SELECT day, causal.dml_plr_sketch(fold, revenue, promo, spend, visits, pages) AS s
    FROM events GROUP BY day;
SELECT week, round(e.estimate::numeric, 3) AS theta, round(e.std_error::numeric, 3) AS se,
       round(e.ci_lower::numeric, 3) AS ci_lower, round(e.ci_upper::numeric, 3) AS ci_upper, e.n
  FROM (SELECT (day - date '2026-11-01') / 7 + 1 AS week, causal.merge(s) AS s
          FROM daily_dml GROUP BY 1) w, causal.dml_plr(w.s) e
 ORDER BY week;

\echo
\echo 'Partial correlations (spend, visits) given nothing and given pages, all 28 days:'
SELECT round(causal.partial_correlation(m, 'spend', 'visits')::numeric, 4) AS r_spend_visits,
       round(causal.partial_correlation(m, 'spend', 'visits', '{pages}')::numeric, 4) AS r_given_pages
  FROM (SELECT causal.merge(m) AS m FROM daily_sketch) s;

\echo
\echo 'The true graph behind the simulation:'
SELECT replace(replace(replace(source, 'x1', 'spend'), 'x2', 'visits'), 'x3', 'pages') AS source,
       replace(replace(replace(target, 'x1', 'spend'), 'x2', 'visits'), 'x3', 'pages') AS target,
       edge, round(weight::numeric, 2) AS coefficient
  FROM causal.simulate_sem_graph(3, seed => 2026, edge_prob => 0.7);

\echo
\echo '=== 3. Table-level call for BI tools ==='
SELECT x, y, round(covariance::numeric, 4) AS covariance, round(correlation::numeric, 4) AS correlation, n
  FROM causal.correlations('lalonde', ARRAY['re74', 're75', 're78']);

\echo
\echo '=== 4. Conditional-independence tests ==='
\echo 'From the stored sketches (Fisher-z): revenue and pages are dependent, but pages has no'
\echo 'effect of its own, so they are independent given promo, spend and visits:'
SELECT 'revenue _||_ pages' AS test, round(p_value::numeric, 4) AS p_value, independent
  FROM causal.ci_test((SELECT causal.merge(m) FROM daily_sketch), 1, 5)
UNION ALL
SELECT 'revenue _||_ pages | promo, spend, visits', round(p_value::numeric, 4), independent
  FROM causal.ci_test((SELECT causal.merge(m) FROM daily_sketch), 1, 5, '{2,3,4}');
\echo 'On the LaLonde table: chi-square for categories, KCI and RCIT for non-linear dependence:'
SELECT 'married _||_ nodegree | race (chisq)' AS test, round(p_value::numeric, 4) AS p_value, dof, independent
  FROM causal.ci_test('lalonde', 'married', 'nodegree', '{race}', 'chisq')
UNION ALL
SELECT 're78 _||_ age (fisherz)', round(p_value::numeric, 4), dof, independent
  FROM causal.ci_test('lalonde', 're78', 'age')
UNION ALL
SELECT 're78 _||_ age (kci)', round(p_value::numeric, 4), dof, independent
  FROM causal.ci_test('lalonde', 're78', 'age', method => 'kci')
UNION ALL
SELECT 're78 _||_ age | educ (rcit)', round(p_value::numeric, 4), dof, independent
  FROM causal.ci_test('lalonde', 're78', 'age', '{educ}', method => 'rcit', seed => 1);

\echo
\echo '=== 5. Causal discovery (PC) from the 28 stored daily sketches ==='
\echo 'No row of the events table is read again. Every collider here is shielded, so the data cannot'
\echo 'tell the directions: the answer is the whole Markov equivalence class, all undirected.'
CREATE TABLE learned AS
SELECT * FROM causal.pc((SELECT causal.merge(m) FROM daily_sketch));
SELECT * FROM learned ORDER BY source, target;
\echo 'Why edges are missing (first separating set, its p-value):'
SELECT x, y, sepset, round(p_value::numeric, 4) AS p_value
  FROM causal.pc_sepsets((SELECT causal.merge(m) FROM daily_sketch))
 ORDER BY x, y;
\echo 'The graph in Graphviz DOT (paste into any Graphviz viewer):'
-- unaligned and without a header, so that the text pastes as printed (aligned output marks line
-- breaks with '+')
\pset format unaligned
\pset tuples_only on
SELECT causal.dot(source, target, edge ORDER BY source, target) FROM learned;
\pset format aligned
\pset tuples_only off
\echo 'and as an SVG picture for tools that show images (causal.svg, layered; its first line):'
SELECT split_part(causal.svg(causal.graph(source, target, edge)), E'\n', 1) AS svg FROM learned;

\echo
\echo 'CD-NOD on data from 20 sites whose mechanisms differ: spend and sales both change with the site,'
\echo 'so PC-style rules leave spend --- sales; the independence of the two changes orients it (truth: spend --> sales).'
CREATE TABLE sites AS
  WITH site AS (SELECT id AS site, x[1] + 1.5 * (id - 1) / 20.0 AS a, exp(0.3 * x[2]) AS s,
                       0.8 + 0.4 * x[3] AS b, x[4] - 1.5 * (id - 1) / 20.0 AS d
                  FROM causal.simulate_sem(20, 4, seed => 7, edge_prob => 0)),
       r AS (SELECT (id - 1) / 25 + 1 AS site, x[1] AS e1, x[2] AS e2
               FROM causal.simulate_sem(500, 2, seed => 1007, edge_prob => 0))
  SELECT site, a + s * e1 AS spend, b * (a + s * e1) + d + 0.5 * e2 AS sales FROM r JOIN site USING (site);
SELECT 'without' AS independent_change, * FROM causal.cdnod('sites', '{spend,sales}', 'site', independent_change => false)
UNION ALL
SELECT 'with', * FROM causal.cdnod('sites', '{spend,sales}', 'site') ORDER BY 1 DESC, 2, 3;
SELECT round(forward::numeric, 3) AS "dependence of changes, spend --> sales",
       round(backward::numeric, 3) AS "sales --> spend", domain_kernel_used
  FROM causal.cdnod_change_dependence('sites', 'spend', 'sales', 'site');

\echo
\echo '=== 6. Distribution functions ==='
SELECT round(causal.pchisq(3.84, 1, lower_tail => false)::numeric, 4) AS "P(chi2_1 > 3.84)",
       round(causal.qnorm(0.975)::numeric, 6) AS "z_0.975",
       round((2 * causal.pt(-1.98, 604))::numeric, 4) AS "two-sided p, t = 1.98, df 604";

\echo
\echo '=== 7. The job-training effect on the treated (ATT), several ways ==='
\echo 'The experimental benchmark for these treated men is about 1794 (LaLonde 1986; Dehejia and Wahba 1999).'
CREATE VIEW lalonde_x AS
SELECT id, treat, re78, age, educ, (race = 'black')::int AS black, (race = 'hispan')::int AS hispan,
       married, nodegree, re74, re75
  FROM lalonde;
SELECT e.method, e.estimand, round(e.estimate::numeric, 1) AS att, round(e.std_error::numeric, 1) AS se,
       round((e.details->>'ess_control')::numeric, 1) AS ess_control
  FROM unnest(ARRAY['ipw', 'ebal', 'ipm_mmd', 'ipm_energy', 'ipm_sigmoid', 'aipw']) AS m,
       LATERAL causal.weighting_effect('lalonde_x', 're78', 'treat',
                                       '{age,educ,black,hispan,married,nodegree,re74,re75}', 'id',
                                       method => m, estimand => 'ATT') e
UNION ALL
SELECT e.method, e.estimand, round(e.estimate::numeric, 1), round(e.std_error::numeric, 1), NULL
  FROM causal.dml('lalonde_x', 're78', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}',
                  model => 'irm', score => 'ATTE', seed => 1) e;
\echo 'Read ess_control before trusting a row: the ipm_sigmoid weights leave an effective sample of about'
\echo '16 of the 429 controls, so that estimate rests on a handful of men and lands far from the benchmark;'
\echo 'the effective sample size (and weighting_effect''s warning on extreme weights) is the sign to look for.'
\echo 'Matching (MatchIt conventions; ids in data order from causal.lalonde()):'
CREATE VIEW lalonde_r AS
SELECT row_id, treat, re78, age, educ, (race = 'black')::int AS black, (race = 'hispan')::int AS hispan,
       married, nodegree, re74, re75
  FROM causal.lalonde();
SELECT e.method, e.estimand, round(e.estimate::numeric, 1) AS att, round(e.std_error::numeric, 1) AS se,
       e.details->>'std_error' AS se_type, e.n AS matched_rows
  FROM (VALUES ('nearest', 'glm', 1, false), ('nearest', 'mahalanobis', 1, false), ('nearest', 'glm', 2, true),
               ('subclass', 'glm', 1, false), ('cem', 'glm', 1, false)) AS d(m, dist, ratio, repl),
       LATERAL causal.match_effect('lalonde_r', 're78', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}',
                                   'row_id', method => d.m, distance => d.dist, ratio => d.ratio, replace => d.repl) e
UNION ALL
SELECT e.method, e.estimand, round(e.estimate::numeric, 1), NULL, NULL, e.n
  FROM causal.malts_effect('lalonde_r', 're78', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'row_id',
                           discrete => '{black,hispan,married,nodegree}', estimand => 'ATT') e;
\echo 'The same with race passed as it is (a text column, one-hot encoded with black as reference),'
\echo 'set side by side by causal.summary (DoubleML''s table: coef, std err, t, P>|t|, interval):'
SELECT label, estimand, round(coef::numeric, 1) AS coef, round(std_err::numeric, 1) AS std_err, round(t::numeric, 2) AS t,
       round(p_value::numeric, 3) AS p_value, round(ci_lower::numeric, 1) AS ci_lower, round(ci_upper::numeric, 1) AS ci_upper,
       n_treated, n_control
  FROM causal.summary(ARRAY[
         causal.weighting_effect('lalonde', 're78', 'treat', '{age,educ,race,married,nodegree,re74,re75}', 'id', estimand => 'ATT'),
         causal.aipw_effect('lalonde', 're78', 'treat', '{age,educ,race,married,nodegree,re74,re75}', 'id', estimand => 'ATT'),
         causal.match_effect('lalonde', 're78', 'treat', '{age,educ,race,married,nodegree,re74,re75}', 'id')],
       ARRAY['ipw', 'aipw', 'nearest 1:1']);
\echo 'Balance after 1:1 nearest-neighbour matching, straight from the matched rows (as cobalt reads a'
\echo 'matchit object): race stays imbalanced, too few black controls to match 156 black treated men:'
CREATE TABLE lalonde_matched AS
SELECT * FROM causal.match('lalonde', 'treat', '{age,educ,race,married,nodegree,re74,re75}', 'id');
SELECT covariate, round(std_mean_diff::numeric, 3) AS smd_after, round(var_ratio::numeric, 2) AS var_ratio_after
  FROM causal.balance('lalonde', 'treat', '{age,educ,race,married,nodegree,re74,re75}',
                      matches => 'lalonde_matched', id => 'id');
\echo 'Balance before and after entropy balancing (standardized mean differences, MatchIt conventions);'
\echo 'the weights, keyed by the integer row_id, join back as w.id = x.row_id (a causal.id, no cast):'
CREATE VIEW lalonde_ebal AS
SELECT x.*, w.weight
  FROM lalonde_r x
  JOIN causal.weights('lalonde_r', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'row_id',
                      method => 'ebal', estimand => 'ATT') w ON w.id = x.row_id;
SELECT b.covariate, round(b.std_mean_diff::numeric, 3) AS smd_before, round(a.std_mean_diff::numeric, 3) AS smd_after,
       round(a.var_ratio::numeric, 2) AS var_ratio_after
  FROM causal.balance('lalonde_r', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}') b
  JOIN causal.balance('lalonde_ebal', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', 'weight') a
    USING (covariate);

\echo
\echo '=== 8. From graph to effect: identify, estimate, refute, probe ==='
\echo 'A hand-written graph for LaLonde: every pre-treatment covariate causes training and earnings.'
CREATE TABLE lalonde_graph AS
SELECT ((SELECT string_agg(format('%s --> treat; %s --> re78', c, c), '; ')
           FROM unnest(ARRAY['age', 'educ', 'black', 'hispan', 'married', 'nodegree', 're74', 're75']) c)
        || '; treat --> re78')::causal.graph AS g;
\echo 'Identification (the optimal adjustment set; dagitty''s and pcalg''s answer):'
SELECT strategy, kind, variables FROM causal.identify((SELECT g FROM lalonde_graph), 'treat', 're78');
\echo 'One call: the graph picks the set, AIPW estimates the ATT:'
SELECT method, estimand, round(estimate::numeric, 1) AS att, round(std_error::numeric, 1) AS se,
       details->'identification'->>'kind' AS adjustment
  FROM causal.estimate('lalonde_r', 'treat', 're78', (SELECT g FROM lalonde_graph), 'aipw', 'ATT', id => 'row_id');
\echo 'Refutation (DoWhy''s refuters, 10 simulations each, the table read once):'
SELECT refuter, round(original_estimate::numeric, 1) AS original, round(new_estimate::numeric, 1) AS new_mean,
       round(new_std::numeric, 1) AS new_sd, verdict
  FROM causal.refute('lalonde_r', 'treat', 're78', (SELECT g FROM lalonde_graph), 'regression', n_simulations => 10);
\echo 'Sensitivity of the regression estimate (sensemakr, from a sketch): how strong would a confounder'
\echo 'have to be, and what if it were 1-3 times as strong as 1974 earnings?'
CREATE TABLE lalonde_sketch8 AS
SELECT causal.moments(re78, treat, age, educ, black, hispan, married, nodegree, re74, re75) AS m FROM lalonde_r;
SELECT round(estimate::numeric, 1) AS estimate, round(r2yd_x::numeric, 4) AS partial_r2,
       round(rv_q::numeric, 3) AS rv, round(rv_qa::numeric, 3) AS rv_alpha
  FROM causal.sensitivity_stats((SELECT m FROM lalonde_sketch8), 1, 2, '{3,4,5,6,7,8,9,10}');
SELECT kd, round(adjusted_estimate::numeric, 1) AS adjusted, round(adjusted_lower::numeric, 1) AS lower,
       round(adjusted_upper::numeric, 1) AS upper
  FROM causal.ovb_bounds((SELECT m FROM lalonde_sketch8), 1, 2, '{3,4,5,6,7,8,9,10}', benchmark => 9, kd => '{1,2,3}');
\echo 'The same question for a DML estimate (DoubleML''s bounds, from the effect row alone): a confounder'
\echo 'explaining 3% (DoubleML''s default) or 10% of the residual variation of outcome and treatment:'
CREATE TABLE lalonde_dml8 AS
SELECT causal.dml('lalonde_r', 're78', 'treat', '{age,educ,black,hispan,married,nodegree,re74,re75}', n_folds => 5) AS e;
SELECT cf, round(s.theta_lower::numeric, 1) AS lower, round(s.theta::numeric, 1) AS theta,
       round(s.theta_upper::numeric, 1) AS upper, round(s.rv::numeric, 3) AS rv, round(s.rva::numeric, 3) AS rva
  FROM lalonde_dml8, unnest(ARRAY[0.03, 0.10]) cf, causal.dml_sensitivity(e, cf, cf) s;
\echo 'With a latent confounder of treatment and outcome, a front-door set still identifies the effect:'
SELECT strategy, kind, variables FROM causal.identify('x --> m; m --> y; x <-> y', 'x', 'y');
