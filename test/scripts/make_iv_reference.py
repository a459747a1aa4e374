#!/usr/bin/python3
"""Writes test/data/iv_data.csv (a simulated instrumental-variable design) and
test/data/iv_reference.csv (statsmodels' IV2SLS estimates and classical standard errors, and
the first-stage F statistics and partial R^2 from statsmodels OLS), the reference of
causal.iv_2sls and causal.iv_first_stage in test/pgtap/47_sensitivity.sql.

Design: n = 800; exogenous x1, x2; instruments z1, z2, z3; a latent u confounds the two
endogenous regressors d1, d2 and the outcome y = 1 + 2 d1 - 1 d2 + 0.5 x1 - 0.3 x2 + u + e.
Models: (a) y on d1 (instruments z1, z2; exogenous x1, x2), (b) y on d1, d2 (z1, z2, z3; x1, x2),
(c) y on d1 with z1 alone and no exogenous column (just identified).

Usage: /usr/bin/python3 test/scripts/make_iv_reference.py
"""
import csv
import os

import numpy as np
import statsmodels.api as sm
from statsmodels.sandbox.regression.gmm import IV2SLS

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data')
rng = np.random.default_rng(20261204)
n = 800
x1, x2, z1, z2, z3, u, e, v1, v2 = rng.normal(size=(9, n))
d1 = 0.8 * z1 + 0.4 * z2 + 0.3 * x1 + u + v1
d2 = 0.6 * z3 - 0.5 * z1 + 0.2 * x2 + 0.7 * u + v2
y = 1 + 2 * d1 - 1 * d2 + 0.5 * x1 - 0.3 * x2 + u + e
cols = {'y': y, 'd1': d1, 'd2': d2, 'x1': x1, 'x2': x2, 'z1': z1, 'z2': z2, 'z3': z3}
with open(os.path.join(here, 'iv_data.csv'), 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['id'] + list(cols))
    for i in range(n):
        w.writerow([i + 1] + [repr(float(cols[c][i])) for c in cols])

models = {
    'a': (['d1'], ['z1', 'z2'], ['x1', 'x2']),
    'b': (['d1', 'd2'], ['z1', 'z2', 'z3'], ['x1', 'x2']),
    'c': (['d1'], ['z1'], []),
}
rows = []
for name, (d, z, x) in models.items():
    exog = sm.add_constant(np.column_stack([cols[c] for c in d + x]))
    inst = sm.add_constant(np.column_stack([cols[c] for c in z + x]))
    fit = IV2SLS(y, exog, instrument=inst).fit()
    for term, est, se in zip(['intercept'] + d + x, fit.params, fit.bse):
        rows.append([name, 'coef', term, repr(float(est)), repr(float(se)), repr(float(fit.df_resid))])
    for dj in d:
        full = sm.OLS(cols[dj], sm.add_constant(np.column_stack([cols[c] for c in z + x]))).fit()
        restricted = sm.OLS(cols[dj], sm.add_constant(np.column_stack([cols[c] for c in x])) if x
                            else np.ones((n, 1))).fit()
        ftest = full.compare_f_test(restricted)
        pr2 = (restricted.ssr - full.ssr) / restricted.ssr
        rows.append([name, 'first_stage', dj, repr(float(ftest[0])), repr(float(pr2)), repr(float(full.df_resid))])
with open(os.path.join(here, 'iv_reference.csv'), 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['model', 'kind', 'term', 'value1', 'value2', 'df'])
    w.writerows(rows)
