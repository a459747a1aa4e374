#!/usr/bin/python3
"""Reference values for causal.frontdoor_linear and causal.estimate(method => 'frontdoor')
(test/pgtap/45b_frontdoor.sql).

Writes test/data/frontdoor_data.csv (a linear model with a latent confounder u of x and y
and two mediators, true effect 0.8 * 1.0 + (-0.5) * 0.6 = 0.5) and
test/data/frontdoor_estimate_reference.csv: for one and for two mediators, the front-door
estimate sum_j a_j b_j with a_j from statsmodels' OLS of m_j on x and b from its OLS of y on
the mediators and x, and the delta-method standard error b' V_a b + a' V_b a with V_b
statsmodels' classical covariance and V_a the residual covariance of the mediators given x
(on n - 2 degrees of freedom) over the centred sum of squares of x.  Run with /usr/bin/python3.
"""
import csv
import os

import numpy as np
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")

rng = np.random.default_rng(20261204)
n = 2000
u = rng.standard_normal(n)
x = u + rng.standard_normal(n)
m1 = 0.8 * x + rng.standard_normal(n)
m2 = -0.5 * x + 0.5 * rng.standard_normal(n)
y = 1.0 * m1 + 0.6 * m2 + 1.5 * u + rng.standard_normal(n)
with open(os.path.join(DATA, "frontdoor_data.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "x", "m1", "m2", "y"])
    for i in range(n):
        w.writerow([i + 1] + [repr(float(v)) for v in (x[i], m1[i], m2[i], y[i])])


def frontdoor(mediators):
    M = np.column_stack(mediators)
    k = M.shape[1]
    X1 = sm.add_constant(x)
    a = np.empty(k)
    resid = np.empty((n, k))
    for j in range(k):
        fit = sm.OLS(M[:, j], X1).fit()
        a[j] = fit.params[1]
        resid[:, j] = fit.resid
    sxx = np.sum((x - x.mean()) ** 2)
    va = (resid.T @ resid) / (n - 2) / sxx
    fit_b = sm.OLS(y, sm.add_constant(np.column_stack([M, x]))).fit()
    b = fit_b.params[1:k + 1]
    vb = fit_b.cov_params()[1:k + 1, 1:k + 1]
    est = float(a @ b)
    se = float(np.sqrt(b @ va @ b + a @ vb @ a))
    return est, se


with open(os.path.join(DATA, "frontdoor_estimate_reference.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case", "estimate", "std_error"])
    for name, med in (("m1", [m1]), ("m1_m2", [m1, m2])):
        est, se = frontdoor(med)
        w.writerow([name, repr(est), repr(se)])
