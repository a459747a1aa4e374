#!/usr/bin/python3
"""Reference values for entropy balancing (test/pgtap/98_weighting.sql).

On MatchIt's lalonde data (test/data/lalonde.csv): the entropy-balancing weights
solved independently of the extension -- scipy's trust-region Newton
(trust-exact) on Hainmueller's dual, with raw (unscaled) moment constraints x
and, for moments = 2, x^2 for the non-binary covariates -- and the weighted
effect with statsmodels' WLS and its HC0 covariance.  Writes
test/data/ebal_weights_reference.csv (case, id, weight) and
test/data/ebal_effect_reference.csv (case, estimate, std_error).
Run with /usr/bin/python3.
"""
import csv
import os

import numpy as np
import statsmodels.api as sm
from scipy.optimize import minimize

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")

rows = list(csv.DictReader(open(os.path.join(DATA, "lalonde.csv"))))
ids = [r["id"] for r in rows]
t = np.array([float(r["treat"]) for r in rows])
y = np.array([float(r["re78"]) for r in rows])
cov = {
    "age": [float(r["age"]) for r in rows], "educ": [float(r["educ"]) for r in rows],
    "black": [float(r["race"] == "black") for r in rows], "hispan": [float(r["race"] == "hispan") for r in rows],
    "married": [float(r["married"]) for r in rows], "nodegree": [float(r["nodegree"]) for r in rows],
    "re74": [float(r["re74"]) for r in rows], "re75": [float(r["re75"]) for r in rows],
}
X = np.column_stack([np.array(v) for v in cov.values()])


def constraints(moments):
    cols = [X]
    if moments == 2:
        nonbin = [j for j in range(X.shape[1]) if not set(np.unique(X[:, j])) <= {0.0, 1.0}]
        cols.append(X[:, nonbin] ** 2)
    return np.column_stack(cols)


def ebal(c, target):
    # dual: log sum exp((c - target) lambda), scaled columns only to help the solver
    s = c.std(axis=0)
    d = (c - target) / s

    def f(lam):
        e = d @ lam
        m = e.max()
        return m + np.log(np.exp(e - m).sum())

    def wts(lam):
        e = d @ lam
        w = np.exp(e - e.max())
        return w / w.sum()

    def g(lam):
        return d.T @ wts(lam)

    def h(lam):
        w = wts(lam)
        mu = d.T @ w
        return (d * w[:, None]).T @ d - np.outer(mu, mu)

    res = minimize(f, np.zeros(d.shape[1]), jac=g, hess=h, method="trust-exact",
                   options={"gtol": 1e-11, "maxiter": 1000})
    w = wts(res.x)
    assert np.max(np.abs(d.T @ w)) < 1e-8, res
    return w


def weights(estimand, moments):
    c = constraints(moments)
    w = np.ones(len(t))
    if estimand == "ATE":
        target = c.mean(axis=0)
        for arm in (0, 1):
            m = t == arm
            w[m] = ebal(c[m], target) * m.sum()
    else:
        src = 1 if estimand == "ATT" else 0
        m = t == 1 - src
        w[m] = ebal(c[m], c[t == src].mean(axis=0)) * m.sum()
    return w


cases = [("ATT", 1), ("ATT", 2), ("ATE", 1), ("ATC", 1)]
with open(os.path.join(DATA, "ebal_weights_reference.csv"), "w", newline="") as fw, \
        open(os.path.join(DATA, "ebal_effect_reference.csv"), "w", newline="") as fe:
    ww = csv.writer(fw)
    we = csv.writer(fe)
    ww.writerow(["estimand", "moments", "id", "weight"])
    we.writerow(["estimand", "moments", "estimate", "std_error"])
    for est, mom in cases:
        w = weights(est, mom)
        for i, wi in zip(ids, w):
            ww.writerow([est, mom, i, repr(float(wi))])
        fit = sm.WLS(y, sm.add_constant(t), weights=w).fit(cov_type="HC0")
        we.writerow([est, mom, repr(float(fit.params[1])), repr(float(fit.bse[1]))])
        print(est, mom, fit.params[1], fit.bse[1])
