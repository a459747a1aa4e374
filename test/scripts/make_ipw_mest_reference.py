#!/usr/bin/python3
"""Reference values for the M-estimation standard error of plain IPW (details.std_error_mest
of causal.weighting_effect, used by causal.estimate(method => 'ipw'); test/pgtap/46_estimate.sql).

On LaLonde (test/data/lalonde.csv; covariates age, educ, black, hispan, married, nodegree,
re74, re75) for the ATE, ATT and ATC: the logistic propensity model by statsmodels, the Hajek
means, and the sandwich A^-1 B A^-T / n of the stacked estimating equations
  T a(e) (Y - mu1),  (1 - T) b(e) (Y - mu0),  (T - e) X
with A the Jacobian of the mean estimating function taken by central finite differences
(numpy), so that neither the derivatives nor the block inversion of the C code are reused.
Writes test/data/lalonde_ipw_mest_reference.csv (estimand, estimate, std_error).
Run with /usr/bin/python3.
"""
import csv
import os

import numpy as np
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")

rows = list(csv.DictReader(open(os.path.join(DATA, "lalonde.csv"))))
t = np.array([float(r["treat"]) for r in rows])
y = np.array([float(r["re78"]) for r in rows])
cov = []
for r in rows:
    cov.append([float(r["age"]), float(r["educ"]), 1.0 if r["race"] == "black" else 0.0,
                1.0 if r["race"] == "hispan" else 0.0, float(r["married"]), float(r["nodegree"]),
                float(r["re74"]), float(r["re75"])])
X = sm.add_constant(np.array(cov))
n, k = X.shape


def arm_weights(e, estimand):
    if estimand == "ATE":
        return 1 / e, 1 / (1 - e)
    if estimand == "ATT":
        return np.ones_like(e), e / (1 - e)
    return (1 - e) / e, np.ones_like(e)


def psi(theta, estimand):
    mu1, mu0, beta = theta[0], theta[1], theta[2:]
    e = 1 / (1 + np.exp(-X @ beta))
    a, b = arm_weights(e, estimand)
    return np.column_stack([t * a * (y - mu1), (1 - t) * b * (y - mu0), (t - e)[:, None] * X])


out = []
beta = sm.Logit(t, X).fit(method="newton", tol=1e-14, maxiter=100, disp=0).params
for estimand in ("ATE", "ATT", "ATC"):
    e = 1 / (1 + np.exp(-X @ beta))
    a, b = arm_weights(e, estimand)
    mu1 = np.sum(t * a * y) / np.sum(t * a)
    mu0 = np.sum((1 - t) * b * y) / np.sum((1 - t) * b)
    theta = np.concatenate([[mu1, mu0], beta])
    assert np.max(np.abs(psi(theta, estimand).mean(axis=0))) < 1e-6
    A = np.empty((k + 2, k + 2))
    # steps on the scale of each parameter's effect: the means in outcome units, a coefficient
    # by the spread of its covariate (re74 is in dollars: a step of 1e-5 would move e a lot)
    scale = np.concatenate([[max(1.0, abs(mu1)), max(1.0, abs(mu0))],
                            [1.0] + [1.0 / np.std(X[:, j]) for j in range(1, k)]])
    for j in range(k + 2):
        h = 1e-5 * scale[j]
        up, dn = theta.copy(), theta.copy()
        up[j] += h
        dn[j] -= h
        A[:, j] = -(psi(up, estimand).mean(axis=0) - psi(dn, estimand).mean(axis=0)) / (2 * h)
    P = psi(theta, estimand)
    B = P.T @ P / n
    Ainv = np.linalg.inv(A)
    V = Ainv @ B @ Ainv.T / n
    c = np.zeros(k + 2)
    c[0], c[1] = 1, -1
    out.append((estimand, mu1 - mu0, float(np.sqrt(c @ V @ c))))

with open(os.path.join(DATA, "lalonde_ipw_mest_reference.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["estimand", "estimate", "std_error"])
    for r in out:
        w.writerow([r[0], repr(float(r[1])), repr(r[2])])
