-- IPM balancing on Kang and Schafer's design (test/scripts/kang_schafer.sql): over 200 seeded replications
-- at n = 1000, the ATT's RMSE with ipm_mmd (defaults: gamma 10, 256 features, lambda 1e-5) is at most 60% of
-- logistic IPW's (misspecified here) and below energy balancing's or within 10% of it; the MMD between the
-- weighted groups falls by at least 90% in every replication; ipm_sigmoid's RMSE is at most 60% of IPW's and its
-- largest discriminator gap falls by 80% on average.  The true ATT is 0.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(5);
\ir ../scripts/kang_schafer.sql
SET LOCAL client_min_messages = error;
SELECT pg_temp.ks_run(200, 1000);
RESET client_min_messages;
SELECT ok((SELECT rmse FROM ks_summary WHERE method = 'ipm_mmd') <= 0.6 * (SELECT rmse FROM ks_summary WHERE method = 'ipw'),
          'RMSE ipm_mmd ' || (SELECT rmse FROM ks_summary WHERE method = 'ipm_mmd') || ' <= 60% of ipw '
          || (SELECT rmse FROM ks_summary WHERE method = 'ipw'));
SELECT ok((SELECT rmse FROM ks_summary WHERE method = 'ipm_mmd') <= 1.1 * (SELECT rmse FROM ks_summary WHERE method = 'ipm_energy'),
          'RMSE ipm_mmd ' || (SELECT rmse FROM ks_summary WHERE method = 'ipm_mmd') || ' below or within 10% of energy '
          || (SELECT rmse FROM ks_summary WHERE method = 'ipm_energy'));
SELECT ok((SELECT max(ipm_ratio) FROM ks_results WHERE method = 'ipm_mmd') <= 0.1,
          'the weighted MMD is at most 10% of the unweighted one in every replication (worst '
          || (SELECT round(max(ipm_ratio)::numeric, 4) FROM ks_results WHERE method = 'ipm_mmd') || ')');
-- the sigmoid class (ipm_sigmoid, defaults): the same accuracy bar against IPW, and the largest
-- discriminator gap falls to a fifth of the unweighted one on average
SELECT ok((SELECT rmse FROM ks_summary WHERE method = 'ipm_sigmoid') <= 0.6 * (SELECT rmse FROM ks_summary WHERE method = 'ipw'),
          'RMSE ipm_sigmoid ' || (SELECT rmse FROM ks_summary WHERE method = 'ipm_sigmoid') || ' <= 60% of ipw '
          || (SELECT rmse FROM ks_summary WHERE method = 'ipw'));
SELECT ok((SELECT avg(ipm_ratio) FROM ks_results WHERE method = 'ipm_sigmoid') <= 0.2,
          'the largest sigmoid gap after weighting is on average at most 20% of the unweighted one (mean '
          || (SELECT round(avg(ipm_ratio)::numeric, 3) FROM ks_results WHERE method = 'ipm_sigmoid') || ')');
SELECT * FROM finish();
ROLLBACK;
