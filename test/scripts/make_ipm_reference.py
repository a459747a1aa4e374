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
* ipm_sigmoid (8 discriminators, 2 adversarial rounds of 5 steps, radius 5, tau 1e-3):
  the extension's deterministic alternation written again in numpy, each inner problem
  solved by trust-exact as for ipm_mmd.
* ipm_energy with 8 slices on a grid of 32 bins: the step features written out as a
  matrix and the KL-penalized problem solved by trust-exact (the extension never forms
  that matrix).
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

# ---- sigmoid discriminators: the extension's deterministic saddle scheme --------
# M discriminators theta_j = (b_j, v_j) drawn from PgPrng(seed) (b then v, row by row), scaled into the
# ball of the radius; weights for fixed discriminators = the KL-penalized problem above with features
# sigmoid(theta_j'x)/sqrt(M) (stored in single precision, the target's mean in double); between solves
# each discriminator climbs |gap_j| by `steps` normalized gradient steps of length 0.5/sqrt(s + 1),
# projected on the ball.
def kl_weights(P0, mu, tau):
    Dm = P0.shape[1]
    mm = P0.shape[0]

    def dual_s(u):
        e = -P0 @ u
        mx = e.max()
        w = np.exp(e - mx)
        sw = w.sum()
        w /= sw
        sv = P0.T @ w
        f = tau * u @ u / 4 + u @ mu + mx + np.log(sw / mm)
        g = tau * u / 2 + mu - sv
        H = tau / 2 * np.eye(Dm) + (P0 * w[:, None]).T @ P0 - np.outer(sv, sv)
        return f, g, H, w

    res = minimize(lambda u: dual_s(u)[0], np.zeros(Dm), jac=lambda u: dual_s(u)[1],
                   hess=lambda u: dual_s(u)[2], method="trust-exact", options={"gtol": 1e-14, "maxiter": 2000})
    return dual_s(res.x)[3]


def sig(t):
    return 1.0 / (1.0 + np.exp(-t))


def gap_grad(theta, Zt, Zg, w):
    Xt = np.column_stack([np.ones(len(Zt)), Zt])
    Xg = np.column_stack([np.ones(len(Zg)), Zg])
    ft, fg = sig(Xt @ theta), sig(Xg @ theta)
    gap = ft.mean() - w @ fg
    grad = (ft * (1 - ft)) @ Xt / len(Zt) - (w * fg * (1 - fg)) @ Xg
    return gap, grad


def ascend(thetas, Zt, Zg, w, steps, radius):
    out = thetas.copy()
    for j in range(len(out)):
        th = out[j]
        for st in range(steps):
            gap, g = gap_grad(th, Zt, Zg, w)
            ng = np.linalg.norm(g)
            if not ng > 0:
                break
            th = th + 0.5 / math.sqrt(st + 1.0) * (-1.0 if gap < 0 else 1.0) * g / ng
            nrm = np.linalg.norm(th)
            if nrm > radius:
                th = th * radius / nrm
        out[j] = th
    return out


def sigmoid_ipm(Zg, Zt, M, rounds, steps, radius, tau, seed):
    rng = PgPrng(seed)
    k = Zg.shape[1]
    th0 = np.array([[rng.normal() for _ in range(k + 1)] for _ in range(M)])
    for j in range(M):
        nrm = np.linalg.norm(th0[j])
        if nrm > radius:
            th0[j] *= radius / nrm
    theta = th0.copy()
    w = None
    for r in range(rounds + 1):
        if r > 0:
            theta = ascend(theta, Zt, Zg, w, steps, radius)
        Xg = np.column_stack([np.ones(len(Zg)), Zg])
        Xt = np.column_stack([np.ones(len(Zt)), Zt])
        Pg = (sig(Xg @ theta.T) / math.sqrt(M)).astype(np.float32).astype(np.float64)
        mu_t = (sig(Xt @ theta.T) / math.sqrt(M)).mean(axis=0)
        w = kl_weights(Pg, mu_t, tau)
    return w


ws = sigmoid_ipm(Z0, Z1, M=8, rounds=2, steps=5, radius=5.0, tau=1e-3, seed=42)
wsig = np.ones(len(t))
wsig[ctrl] = ws * m
out += [("ipm_sigmoid", i, x) for i, x in zip(ids, wsig)]
print("sigmoid: effective sample size of the controls", 1 / (ws @ ws))

# ---- sliced energy on a grid: L directions (the extension's draws), B bins at the pooled quantiles,
# step features sqrt((t_{q+1} - t_{q-1}) / L) 1[d'x <= t_q], then the KL-penalized problem as for MMD ----
L, B, tau_b = 8, 32, 1e-4
rng = PgPrng(42)
dirs = np.array([[rng.normal() for _ in range(Z.shape[1])] for _ in range(L)])
dirs /= np.linalg.norm(dirs, axis=1)[:, None]
feats0, mus = [], []
for l in range(L):
    p0, p1 = Z0 @ dirs[l], Z1 @ dirs[l]
    pooled = np.sort(np.concatenate([p0, p1]))
    N = len(pooled)
    cut = np.array([pooled[0]] + [pooled[int(N * q / B)] for q in range(1, B)] + [pooled[-1]])
    sc = np.sqrt((cut[2:] - cut[:-2]) / L)                       # q = 1 .. B-1
    F0 = (p0[:, None] <= cut[None, 1:B]).astype(float) * sc[None, :]
    feats0.append(F0)
    mus.append(sc * (p1[:, None] <= cut[None, 1:B]).mean(axis=0))
wb = kl_weights(np.hstack(feats0), np.concatenate(mus), tau_b)
wbin = np.ones(len(t))
wbin[ctrl] = wb * m
out += [("ipm_energy_binned", i, x) for i, x in zip(ids, wbin)]
print("binned sliced energy: effective sample size of the controls", 1 / (wb @ wb))

with open(os.path.join(DATA, "ipm_weights_reference.csv"), "w", newline="") as f:
    wr = csv.writer(f)
    wr.writerow(["method", "id", "weight"])
    for meth, i, x in out:
        wr.writerow([meth, i, repr(float(x))])
