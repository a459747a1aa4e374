-- Distribution functions against scipy (test/data/distributions.csv, made by
-- test/scripts/make_references.py).  Tolerance: 1e-12 relative, with an
-- absolute floor of 1e-300 for values that underflow.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(20);

CREATE TEMP TABLE dref (fn text, q float8, a float8, b float8, lower int, value float8);
\copy dref FROM 'test/data/distributions.csv' WITH (FORMAT csv, HEADER)

CREATE TEMP VIEW dcmp AS
SELECT fn, q, a, b, lower, value,
       CASE fn
         WHEN 'pnorm'  THEN causal.pnorm(q, lower_tail => lower = 1)
         WHEN 'qnorm'  THEN causal.qnorm(q, lower_tail => lower = 1)
         WHEN 'pt'     THEN causal.pt(q, a, lower_tail => lower = 1)
         WHEN 'pchisq' THEN causal.pchisq(q, a, lower_tail => lower = 1)
         WHEN 'pf'     THEN causal.pf(q, a, b, lower_tail => lower = 1)
       END AS got
  FROM dref;

SELECT cmp_ok((SELECT count(*) FROM dref WHERE fn = f), '>=', 50::bigint,
              f || ': at least 50 reference points')
  FROM unnest(ARRAY['pnorm', 'qnorm', 'pt', 'pchisq', 'pf']) AS f;

SELECT is((SELECT count(*) FROM dcmp
            WHERE fn = f AND NOT coalesce(abs(got - value) <= 1e-12 * abs(value) + 1e-300, false)),
          0::bigint, f || ' matches scipy to 1e-12 relative')
  FROM unnest(ARRAY['pnorm', 'qnorm', 'pt', 'pchisq', 'pf']) AS f;

SELECT is(round(causal.pchisq(3.84, 1, lower_tail => false)::numeric, 4), 0.0500,
          'pchisq(3.84, 1, upper) is 0.0500 to 4 digits');
SELECT ok(abs(causal.qnorm(0.975, 10, 2) - (10 + 2 * 1.959963984540054)) < 1e-12,
          'qnorm with mean and sd');
SELECT ok(abs(causal.pnorm(13, 10, 2) - causal.pnorm(1.5)) < 1e-15, 'pnorm with mean and sd');
SELECT throws_ok($$SELECT causal.pt(1, 0)$$, '22023', NULL, 'pt rejects df = 0');
SELECT throws_ok($$SELECT causal.qnorm(1.5)$$, '22023', NULL, 'qnorm rejects p outside [0, 1]');
-- qt: closed forms (df = 1 is Cauchy: tan(pi (p - 1/2)); df = 2: (2p - 1) / sqrt(2 p (1 - p)))
SELECT ok(abs(causal.qt(0.975, 1) - tan(pi() * 0.475)) < 1e-12 * tan(pi() * 0.475), 'qt(0.975, 1) is the Cauchy quantile');
SELECT ok(abs(causal.qt(0.9, 2) - 0.8 / sqrt(2 * 0.9 * 0.1)) < 1e-12, 'qt(0.9, 2) in closed form');
SELECT ok(abs(causal.qt(0.025, 7, lower_tail => false) + causal.qt(0.025, 7)) < 1e-12, 'qt upper tail is the mirror');
SELECT ok((SELECT bool_and(abs(causal.pt(causal.qt(p, df), df) - p) < 1e-12)
             FROM unnest(ARRAY[0.001, 0.05, 0.3, 0.5, 0.8, 0.975, 0.9999]) p, unnest(ARRAY[1.5, 3, 10, 120]) df),
          'pt(qt(p, df), df) = p on a grid');
SELECT throws_ok($$SELECT causal.qt(0.5, -1)$$, '22023', NULL, 'qt rejects df < 0');

SELECT * FROM finish();
ROLLBACK;
