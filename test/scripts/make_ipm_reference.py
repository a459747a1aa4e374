#!/usr/bin/python3
"""Reference weights for IPM balancing (test/pgtap/98_weighting.sql), on MatchIt's
lalonde data (test/data/lalonde.csv), ATT (controls reweighted):

* ipm_mmd: the same random Fourier features as the extension (pg_prng and
  polar-method normals reproduced by pgprng.py; W drawn row by row, then b;
  features stored in single precision), then the KL-penalized MMD problem
  min_w ||Phi'w - mu||^2 + tau KL(w || uniform) solved by scipy's trust-region
  Newton (trust-exact) on its dual with the exact
  Hessian, its solution checked against the primal optimality condition
  (log(m w_i) + (2/tau) phi_i'(Phi'w - mu) constant over i).
* ipm_energy: min_w 2 dbar'w - w'Dist w + lambda ||w||^2 on the simplex, by
  scipy's SLSQP for the support, then the KKT system on that support solved
  exactly, with the KKT conditions checked.
* ipm_energy with 16 slices: the same quadratic program with the distances
  replaced by their average over 16 random unit directions (the extension's
  pg_prng draws) -- the sliced energy distance written as pairwise 1-D
  distances, independent of the extension's sorted-sweep evaluation.

Writes test/data/ipm_weights_reference.csv (method, id, weight).
Run with /usr/bin/python3.
"""
import csv
import math
import os
import sys

import numpy as np
from scipy.optimize import minimize
from scipy.spatial.distance import cdist

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
sys.path.insert(0, HERE)
from pgprng import PgPrng  # noqa: E402

rows = list(csv.DictReader(open(os.path.join(DATA, "lalonde.csv"))))
ids = [r["id"] for r in rows]
t = np.array([float(r["treat"]) for r in rows])
X = np.column_stack([
    [float(r["age"]) for r in rows], [float(r["educ"]) for r in rows],
    [float(r["race"] == "black") for r in rows], [float(r["race"] == "hispan") for r in rows],
    [float(r["married"]) for r in rows], [float(r["nodegree"]) for r in rows],
    [float(r["re74"]) for r in rows], [float(r["re75"]) for r in rows]])
Z = (X - X.mean(axis=0)) / X.std(axis=0)          # population sd, as the extension
ctrl = t == 0
out = []

# ---- MMD: features, then the penalized problem in the primal -------------------
D, gamma, tau, seed = 64, 10.0, 1e-3, 42
rng = PgPrng(seed)
W = np.array([[rng.normal() / gamma for _ in range(Z.shape[1])] for _ in range(D)])
b = np.array([2 * math.pi * rng.uniform() for _ in range(D)])
phi = (math.sqrt(2.0 / D) * np.cos(Z @ W.T + b)).astype(np.float32).astype(np.float64)
P0, mu = phi[ctrl], phi[t == 1].mean(axis=0)
m = P0.shape[0]


def dual(u):
    e = -P0 @ u
    mx = e.max()
    w = np.exp(e - mx)
    sw = w.sum()
    w /= sw
    s = P0.T @ w
    f = tau * u @ u / 4 + u @ mu + mx + np.log(sw / m)
    g = tau * u / 2 + mu - s
    H = tau / 2 * np.eye(D) + (P0 * w[:, None]).T @ P0 - np.outer(s, s)
    return f, g, H, w


res = minimize(lambda u: dual(u)[0], np.zeros(D), jac=lambda u: dual(u)[1], hess=lambda u: dual(u)[2],
               method="trust-exact", options={"gtol": 1e-13, "maxiter": 1000})
w = dual(res.x)[3]
# the primal optimality condition, checked on its own: log(m w_i) + (2/tau) phi_i'r is constant
r = P0.T @ w - mu
e = -(2.0 / tau) * (P0 @ r)
wfix = np.exp(e - e.max())
wfix /= wfix.sum()
print("mmd: trust-exact", res.message, "| primal optimality gap", np.max(np.abs(wfix - w) / w))
assert np.max(np.abs(wfix - w) / w) < 1e-8
wm = np.ones(len(t))
wm[ctrl] = w * m
out += [("ipm_mmd", i, x) for i, x in zip(ids, wm)]

# ---- energy: SLSQP for the support, then the exact KKT solution -----------------
def energy_qp(Dm, dbar, lam):
    m = len(dbar)
    A = -Dm + lam * np.eye(m)

    def en(w):
        return 2 * dbar @ w + w @ A @ w, 2 * dbar + 2 * A @ w

    res = minimize(en, np.full(m, 1.0 / m), jac=True, method="SLSQP", bounds=[(0, None)] * m,
                   constraints=[{"type": "eq", "fun": lambda w: w.sum() - 1, "jac": lambda w: np.ones(m)}],
                   options={"maxiter": 2000, "ftol": 1e-15})
    S = res.x > 1e-7
    for _ in range(50):
        k = S.sum()
        # [2 A_SS  -1; 1' 0] [w_S; nu] = [-2 dbar_S; 1]
        M = np.zeros((k + 1, k + 1))
        M[:k, :k] = 2 * A[np.ix_(S, S)]
        M[:k, k] = -1
        M[k, :k] = 1
        sol = np.linalg.solve(M, np.concatenate([-2 * dbar[S], [1.0]]))
        w = np.zeros(m)
        w[S] = sol[:k]
        nu = sol[k]
        g = 2 * dbar + 2 * A @ w
        bad_neg = S & (w <= 0)
        bad_grad = (~S) & (g < nu - 1e-12)
        if not bad_neg.any() and not bad_grad.any():
            return w, S.sum()
        S = (S & ~bad_neg) | bad_grad
    raise SystemExit("KKT active set did not settle")


lam = 1e-4
Z0, Z1 = Z[ctrl], Z[t == 1]
w, supp = energy_qp(cdist(Z0, Z0), cdist(Z0, Z1).mean(axis=1), lam)
we = np.ones(len(t))
we[ctrl] = w * m
out += [("ipm_energy", i, x) for i, x in zip(ids, we)]
print("energy: support", supp, "of", m)

# ---- sliced energy: L random directions (the extension's draws), 1-D distances averaged ----
L = 16
rng = PgPrng(42)
dirs = np.array([[rng.normal() for _ in range(Z.shape[1])] for _ in range(L)])
dirs /= np.linalg.norm(dirs, axis=1)[:, None]
P0, P1 = Z0 @ dirs.T, Z1 @ dirs.T
Ds = np.mean([np.abs(P0[:, [l]] - P0[:, l][None, :]) for l in range(L)], axis=0)
dbs = np.mean([np.abs(P0[:, [l]] - P1[:, l][None, :]).mean(axis=1) for l in range(L)], axis=0)
w, supp = energy_qp(Ds, dbs, lam)
ws = np.ones(len(t))
ws[ctrl] = w * m
out += [("ipm_energy_sliced", i, x) for i, x in zip(ids, ws)]
print("sliced energy: support", supp, "of", m)

with open(os.path.join(DATA, "ipm_weights_reference.csv"), "w", newline="") as f:
    wr = csv.writer(f)
    wr.writerow(["method", "id", "weight"])
    for meth, i, x in out:
        wr.writerow([meth, i, repr(float(x))])
