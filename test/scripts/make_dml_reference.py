#!/usr/bin/python3
"""Reference values for causal.dml (test/pgtap/99_dml.sql).

Writes test/data/dml_data.csv (one table for every case) and
test/data/dml_reference.csv (case, estimate, std_error), and
test/data/dml_lasso_reference.csv (lasso coefficients).

The estimator below is written from DoubleML's published score formulas
(docs: "Score functions", "Variance estimation", cluster-robust DML), with
scikit-learn, statsmodels and xgboost (Debian's python3-* packages) as the
nuisance learners, and the fold column of the data fixed so that the two
implementations cross-fit on the same splits.  Run with /usr/bin/python3.
"""
import csv
import os

import numpy as np
import statsmodels.api as sm
import xgboost
from sklearn.linear_model import Lasso, LassoCV, LinearRegression, Ridge
from sklearn.model_selection import KFold

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")

rng = np.random.default_rng(20261129)
n, p, K = 500, 10, 5

# --- data: partially linear design of Chernozhukov et al. (2018) ------------
cov = 0.7 ** np.abs(np.subtract.outer(np.arange(p), np.arange(p)))
x = rng.multivariate_normal(np.zeros(p), cov, size=n)
expit = lambda v: 1 / (1 + np.exp(-v))
d = x[:, 0] + 0.25 * expit(x[:, 2]) + rng.standard_normal(n)
y = 0.5 * d + expit(x[:, 0]) + 0.25 * x[:, 2] + rng.standard_normal(n)
# binary treatment for the IRM
lin = x @ (1.0 / np.arange(1, p + 1) ** 2)
tr = (rng.uniform(size=n) < expit(1.5 * lin)).astype(float)
yb = 0.5 * tr + lin + 0.5 * tr * lin + rng.standard_normal(n)
# instruments for the PLIV: the treatment dv is endogenous through u
z1 = rng.standard_normal(n) + 0.3 * x[:, 1]
z2 = rng.standard_normal(n)
u = rng.standard_normal(n)
dv = 0.6 * z1 + 0.4 * z2 + 0.5 * x[:, 0] + u + rng.standard_normal(n)
yv = 0.5 * dv + x[:, 0] - 0.5 * x[:, 3] + u + rng.standard_normal(n)
# units of 5 rows, folds by unit
unit = np.arange(n) // 5
unit_fold = rng.permutation(n // 5) % K
fold_unit = unit_fold[unit]
fold = rng.permutation(n) % K
# a stratified fold column for the IRM (DoubleML stratifies by treatment)
fold_irm = np.empty(n, dtype=int)
for arm in (0, 1):
    idx = np.flatnonzero(tr == arm)
    fold_irm[idx] = rng.permutation(len(idx)) % K

cols = ["x%d" % (j + 1) for j in range(p)]
with open(os.path.join(DATA, "dml_data.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "y", "d", "tr", "yb", "z1", "z2", "dv", "yv", "unit", "fold", "fold_unit", "fold_irm"] + cols)
    for i in range(n):
        w.writerow([i + 1] + [repr(float(v)) for v in (y[i], d[i])] + [int(tr[i])] +
                   [repr(float(v)) for v in (yb[i], z1[i], z2[i], dv[i], yv[i])] +
                   [int(unit[i]), int(fold[i]), int(fold_unit[i]), int(fold_irm[i])] +
                   [repr(float(v)) for v in x[i]])


# --- learners ----------------------------------------------------------------
def ols(xtr, ytr, xte):
    return LinearRegression().fit(xtr, ytr).predict(xte)


def ridge(lam):
    return lambda xtr, ytr, xte: Ridge(alpha=lam, solver="cholesky").fit(xtr, ytr).predict(xte)


def lasso(lam):
    return lambda xtr, ytr, xte: Lasso(alpha=lam, tol=1e-14, max_iter=10**7).fit(xtr, ytr).predict(xte)


def lasso_cv(xtr, ytr, xte):
    # consecutive folds of the training rows, as causal's lasso "cv"
    m = LassoCV(cv=KFold(5), n_alphas=100, eps=1e-3, tol=1e-14, max_iter=10**7).fit(xtr, ytr)
    return m.predict(xte)


def logistic(xtr, ytr, xte):
    fit = sm.Logit(ytr, sm.add_constant(xtr)).fit(method="newton", tol=1e-14, maxiter=200, disp=0)
    return fit.predict(sm.add_constant(xte, has_constant="add"))


def xgb(params, classifier=False):
    def f(xtr, ytr, xte):
        prm = dict(params, objective="binary:logistic" if classifier else "reg:squarederror",
                   tree_method="hist", nthread=1, verbosity=0)
        n_trees = prm.pop("n_trees")
        b = xgboost.train(prm, xgboost.DMatrix(xtr.astype(np.float32), label=ytr.astype(np.float32),
                                               missing=np.nan), num_boost_round=n_trees)
        return b.predict(xgboost.DMatrix(xte.astype(np.float32), missing=np.nan)).astype(np.float64)
    return f


def crossfit(learner, xm, target, folds, cond=None):
    pred = np.empty(len(target))
    for k in np.unique(folds):
        test = folds == k
        train = ~test if cond is None else (~test & cond)
        pred[test] = learner(xm[train], target[train], xm[test])
    return pred


# --- DoubleML's scores and variance ----------------------------------------
def solve(psi_a, psi_b, folds, cluster=None):
    nn = len(psi_a)
    if cluster is None:
        theta = -np.mean(psi_b) / np.mean(psi_a)
        psi = theta * psi_a + psi_b
        J = np.mean(psi_a)
        return theta, np.sqrt(np.mean(psi ** 2) / J ** 2 / nn)
    ks = np.unique(folds)
    nclus = {k: len(np.unique(cluster[folds == k])) for k in ks}
    sa = sum(psi_a[folds == k].sum() / nclus[k] for k in ks)
    sb = sum(psi_b[folds == k].sum() / nclus[k] for k in ks)
    theta = -sb / sa
    psi = theta * psi_a + psi_b
    gamma = 0.0
    for k in ks:
        for c in np.unique(cluster[folds == k]):
            gamma += psi[cluster == c].sum() ** 2 / nclus[k]
    gamma /= len(ks)
    J = sa / len(ks)
    G = len(np.unique(cluster))
    return theta, np.sqrt(gamma / J ** 2 / G)


def plr(yy, dd, xm, folds, ml_l, ml_m, score="partialling out", ml_g=None, cluster=None):
    l = crossfit(ml_l, xm, yy, folds)
    m = crossfit(ml_m, xm, dd, folds)
    psi_a = -(dd - m) ** 2
    psi_b = (dd - m) * (yy - l)
    if score == "IV-type":
        theta0 = -np.mean(psi_b) / np.mean(psi_a)
        g = crossfit(ml_g, xm, yy - theta0 * dd, folds)
        psi_a = -(dd - m) * dd
        psi_b = (dd - m) * (yy - g)
    return solve(psi_a, psi_b, folds, cluster)


def irm(yy, dd, xm, folds, ml_g, ml_m, score="ATE", clip=0.01, normalize=False):
    g0 = crossfit(ml_g, xm, yy, folds, cond=dd == 0)
    g1 = crossfit(ml_g, xm, yy, folds, cond=dd == 1)
    m = np.clip(crossfit(ml_m, xm, dd, folds), clip, 1 - clip)
    if normalize:
        mean1 = np.mean(dd / m)
        mean0 = np.mean((1 - dd) / (1 - m))
        m = dd * m * mean1 + (1 - dd) * (1 - (1 - m) * mean0)
    if score == "ATE":
        psi_a = -np.ones(len(yy))
        psi_b = g1 - g0 + dd * (yy - g1) / m - (1 - dd) * (yy - g0) / (1 - m)
    else:
        pd = np.mean(dd)
        psi_a = -dd / pd
        psi_b = (dd * (yy - g0) - m * (1 - dd) * (yy - g0) / (1 - m)) / pd
    return solve(psi_a, psi_b, folds)


def pliv(yy, dd, zz, xm, folds, learner):
    l = crossfit(learner, xm, yy, folds)
    r = crossfit(learner, xm, dd, folds)
    v = np.column_stack([zz[:, j] - crossfit(learner, xm, zz[:, j], folds) for j in range(zz.shape[1])])
    w = dd - r
    proj = v[:, 0] if zz.shape[1] == 1 else LinearRegression().fit(v, w).predict(v)
    return solve(-w * proj, proj * (yy - l), folds)


xgb_params = dict(n_trees=30, max_depth=3, eta=0.3, subsample=1.0, colsample_bytree=1.0,
                  min_child_weight=1.0, seed=42)
mund = np.column_stack([x] + [np.array([x[unit == g, j].mean() for g in unit]) for j in range(p)])

cases = [
    ("plr_ols", plr(y, d, x, fold, ols, ols)),
    ("plr_ols_ivtype", plr(y, d, x, fold, ols, ols, score="IV-type", ml_g=ols)),
    ("plr_lasso", plr(y, d, x, fold, lasso(0.05), lasso(0.02))),
    ("plr_ridge", plr(y, d, x, fold, ridge(10.0), ridge(10.0))),
    ("plr_lasso_cv", plr(y, d, x, fold, lasso_cv, lasso_cv)),
    ("plr_xgboost", plr(y, d, x, fold, xgb(xgb_params), xgb(xgb_params))),
    ("irm_ate", irm(yb, tr, x, fold_irm, ols, logistic)),
    ("irm_atte", irm(yb, tr, x, fold_irm, ols, logistic, score="ATTE")),
    ("irm_ate_normalized", irm(yb, tr, x, fold_irm, ols, logistic, normalize=True)),
    ("irm_ate_xgboost", irm(yb, tr, x, fold_irm, xgb(xgb_params), xgb(xgb_params, classifier=True))),
    ("pliv_one", pliv(yv, dv, z1[:, None], x, fold, ols)),
    ("pliv_two", pliv(yv, dv, np.column_stack([z1, z2]), x, fold, ols)),
    ("plr_cluster", plr(y, d, x, fold_unit, ols, ols, cluster=unit)),
    ("plr_mundlak", plr(y, d, mund, fold_unit, ols, ols, cluster=unit)),
]
with open(os.path.join(DATA, "dml_reference.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case", "estimate", "std_error"])
    for name, (theta, se) in cases:
        w.writerow([name, repr(float(theta)), repr(float(se))])

# lasso and ridge coefficients at fixed penalties, on the whole table
with open(os.path.join(DATA, "dml_lasso_reference.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["learner", "lambda", "term", "estimate"])
    for lam in (0.01, 0.1):
        m = Lasso(alpha=lam, tol=1e-14, max_iter=10**7).fit(x, y)
        w.writerow(["lasso", lam, "intercept", repr(float(m.intercept_))])
        for j in range(p):
            w.writerow(["lasso", lam, cols[j], repr(float(m.coef_[j]))])
    m = Ridge(alpha=10.0, solver="cholesky").fit(x, y)
    w.writerow(["ridge", 10.0, "intercept", repr(float(m.intercept_))])
    for j in range(p):
        w.writerow(["ridge", 10.0, cols[j], repr(float(m.coef_[j]))])
print("\n".join("%-20s %.12g %.12g" % (nm, t, s) for nm, (t, s) in cases))
