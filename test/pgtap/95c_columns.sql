-- Which columns a table-level call uses: exclude takes names out of the default list (or of the
-- list given), each checked to be a column; the discrete tests refuse a column with more than 50
-- levels and fewer than 5 rows a level (an id, a continuous measurement), naming it.  The
-- references are the same calls with the columns listed by hand.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SELECT plan(16);

CREATE TEMP TABLE l AS SELECT * FROM causal.lalonde();
CREATE TEMP TABLE s AS
SELECT i AS id, x[1] AS a, x[2] AS b, x[3] AS c, x[4] AS d FROM causal.simulate_sem(500, 4, seed => 5, edge_prob => 0.6) s(i, x, t, y);

-- exclude
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.correlations('l', exclude => '{row_id,re74,re75,re78,age}') p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.correlations('l', '{treat,educ,married,nodegree}') p),
          'correlations: the default columns less the excluded equal the remaining ones listed');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.pc('s', exclude => '{id}') p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.pc('s', '{a,b,c,d}') p), 'pc: exclude the id');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.pc('s', '{a,b,c,d}', exclude => '{c}') p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.pc('s', '{a,b,d}') p), 'pc: exclude from a list given');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.pc_sepsets('s', exclude => '{id,d}') p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.pc_sepsets('s', '{a,b,c}') p), 'pc_sepsets');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.ges('s', exclude => '{id}') p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.ges('s', '{a,b,c,d}') p), 'ges');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.fci('s', exclude => '{id}') p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.fci('s', '{a,b,c,d}') p), 'fci');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM causal.cdnod('s', NULL, 'd', exclude => '{id}', independent_change => false) p),
          (SELECT array_agg(p ORDER BY p)::text FROM causal.cdnod('s', '{a,b,c,d}', 'd', independent_change => false) p), 'cdnod');
SELECT throws_ok($$SELECT * FROM causal.pc('s', exclude => '{ID}')$$, '42703',
                 'exclude names "ID", which is no column of s',
                 'an excluded name that is no column: 42703 (a typo would exclude nothing)');
SELECT throws_ok($$SELECT * FROM causal.correlations('s', exclude => '{a,NULL}')$$, '42703', NULL, 'a NULL in exclude');

-- too many levels for a discrete test
SELECT throws_ok($$SELECT * FROM causal.pc('l', '{treat,married,re78}', ci_test => 'chisq')$$, '22023',
                 'causal.pc: column "re78" has 457 levels in 614 rows, too many for a discrete test',
                 'chisq PC refuses continuous earnings, naming the column');
SELECT throws_ok($$SELECT causal.ci_test('l', 'treat', 're74', '{}', method => 'gsq')$$, '22023',
                 'causal.ci_test: column "re74" has 358 levels in 614 rows, too many for a discrete test',
                 'the table form of ci_test names the column too');
SELECT throws_ok($$SELECT causal.ci_test(causal.crosstab(row_id::text, treat::text), 1, 2) FROM l$$, '22023',
                 'causal.ci_test: column 1 of the crosstab has 614 levels in 614 rows, too many for a discrete test',
                 'a crosstab of an id: the sketch form names the position');
SELECT throws_ok($$SELECT * FROM causal.fci('l', '{treat,married,row_id}', ci_test => 'gsq')$$, '22023', NULL, 'fci too');
-- the bounds: 50 levels are allowed whatever the rows; 51 levels need 255 rows
SELECT lives_ok($$SELECT causal.ci_test(causal.crosstab((g % 50)::text, (g % 2)::text), 1, 2) FROM generate_series(1, 60) g$$,
                '50 levels in 60 rows are allowed');
SELECT throws_ok($$SELECT causal.ci_test(causal.crosstab((g % 51)::text, (g % 2)::text), 1, 2) FROM generate_series(1, 254) g$$,
                 '22023', NULL, '51 levels in 254 rows are refused');
SELECT lives_ok($$SELECT causal.ci_test(causal.crosstab((g % 51)::text, (g % 2)::text), 1, 2) FROM generate_series(1, 255) g$$,
                '51 levels in 255 rows (5 a level) are allowed');

SELECT * FROM finish();
ROLLBACK;
