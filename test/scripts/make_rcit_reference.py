#!/usr/bin/python3
"""Independent reference for RCIT / RIT (Strobl, Zhang and Visweswaran 2019)
with causal-learn's conventions, written from the formulas with numpy/scipy:
full feature matrices (the extension streams them in blocks), numpy inverses
and eigenvalues, and a separate implementation of the Lindsay-Pilla-Basak
approximation (scipy brentq and numpy.roots).  The random Fourier features
are the extension's: this script reproduces PostgreSQL's pg_prng
(xoroshiro128** seeded by splitmix64) and the extension's polar-method
normals bit for bit, with the same drawing order (z, then x, then [y, z];
W row by row, then b).  Each p-value is also compared with the exact tail
of the weighted chi-square sum by Imhof's (1961) inversion formula, which
checks the quality of the approximation itself.
Reads test/data/kci_data.csv; writes test/data/rcit_reference.csv.
Run: /usr/bin/python3 test/scripts/make_rcit_reference.py
"""
import csv
import math
import os
import sys

import numpy as np
from scipy import integrate, optimize, stats
from scipy.spatial.distance import pdist

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
sys.path.insert(0, HERE)
from pgprng import PgPrng  # noqa: E402


def zscore(a):
    a = np.asarray(a, float).reshape(len(a), -1)
    return (a - a.mean(axis=0)) / a.std(axis=0, ddof=1)


def draw(rng, data, nf):
    d = pdist(data[:500], "euclidean")
    sigma = np.median(d[d > 0]) if np.any(d > 0) else 1.0
    w = np.array([rng.normal() for _ in range(nf * data.shape[1])]).reshape(nf, data.shape[1]) / sigma
    b = np.array([2 * math.pi * rng.uniform() for _ in range(nf)])
    return math.sqrt(2) * np.cos(data @ w.T + b)


def lpb4_upper(lam, q, p=4):
    """Lindsay-Pilla-Basak: P(sum lam_i chi2_1 > q)."""
    kap = [0] + [2 ** (r - 1) * math.factorial(r - 1) * np.sum(lam ** r) for r in range(1, 2 * p + 1)]
    mom = [1.0]
    for r in range(1, 2 * p + 1):
        mom.append(sum(math.comb(r - 1, j) * kap[j + 1] * mom[r - 1 - j] for j in range(r)))

    def mod(x, k):
        return mom[k] / np.prod([1 + j * x for j in range(1, k)]) if k >= 2 else mom[k]

    def hank(x, nn):
        return np.array([[mod(x, i + j) for j in range(nn + 1)] for i in range(nn + 1)])

    lt = mom[2] / mom[1] ** 2 - 1
    for nn in range(2, p + 1):
        lt = optimize.brentq(lambda x: np.linalg.det(hank(x, nn)), 0.0, lt, xtol=1e-14, rtol=1e-14)
    h = hank(lt, p)
    coef = [(-1) ** (i + p) * np.linalg.det(np.delete(h, i, axis=0)[:, :p]) for i in range(p + 1)]
    mu = np.roots(coef[::-1])
    assert np.all(np.abs(mu.imag) < 1e-8) and np.all(mu.real > 0)
    mu = mu.real
    pi = np.linalg.solve(np.vander(mu, p, increasing=True).T, h[:p, 0])
    return float(np.sum(pi * stats.gamma.sf(q, 1 / lt, scale=mu * lt)))


def imhof_upper(lam, q):
    def f(u):
        th = 0.5 * np.sum(np.arctan(lam * u)) - 0.5 * q * u
        rho = np.prod((1 + lam ** 2 * u ** 2) ** 0.25)
        return math.sin(th) / (u * rho)
    val, _ = integrate.quad(f, 0, np.inf, limit=500, epsabs=1e-12, epsrel=1e-10)
    return 0.5 + val / math.pi


def rcit(x, y, z, seed, num_f=100, num_f2=5):
    n = len(x)
    x, y = zscore(x), zscore(y)
    rng = PgPrng(seed)
    if z is not None:
        z = zscore(z)
        y = np.column_stack([y, z])
        fz = draw(rng, z, num_f)
    fx = draw(rng, x, num_f2)
    fy = draw(rng, y, num_f2)
    st = lambda f: (f - f.mean(axis=0)) / f.std(axis=0, ddof=1)
    fx, fy = st(fx), st(fy)
    cxy = fx.T @ fy / (n - 1)
    if z is None:
        rx, ry, cxy_z = fx, fy, cxy
    else:
        fz = st(fz)
        icz = np.linalg.inv(np.cov(fz, rowvar=False) + 1e-10 * np.eye(num_f))
        cxz = fx.T @ fz / (n - 1)
        czy = fz.T @ fy / (n - 1)
        rx = fx - fz @ icz @ cxz.T
        ry = fy - fz @ icz @ czy
        cxy_z = cxy - cxz @ icz @ czy
    sta = n * np.sum(cxy_z ** 2)
    prods = np.column_stack([rx[:, i] * ry[:, j] for i in range(num_f2) for j in range(num_f2)])
    lam = np.linalg.eigvalsh(prods.T @ prods / n)
    lam = lam[lam > 0]
    return sta, lpb4_upper(lam, sta), imhof_upper(lam, sta)


cols = {}
with open(os.path.join(DATA, "kci_data.csv")) as f:
    rd = csv.DictReader(f)
    rows = list(rd)
for k in rows[0]:
    cols[k] = np.array([float(r[k]) for r in rows])

out = []
for xn, yn, zn, seed in [("x", "y", "", 1), ("x", "z2", "", 2), ("x", "w", "", 3),
                         ("x", "y", "z1", 4), ("x", "y", "z1 z2", 5), ("x", "w", "y", 6),
                         ("z1", "z2", "x", 7)]:
    z = np.column_stack([cols[c] for c in zn.split()]) if zn else None
    sta, p, exact = rcit(cols[xn], cols[yn], z, seed)
    out.append((xn, yn, zn, seed, sta, p, exact))
with open(os.path.join(DATA, "rcit_reference.csv"), "w", newline="") as f:
    wr = csv.writer(f, lineterminator="\n")
    wr.writerow(["x", "y", "given", "seed", "statistic", "p_value", "p_exact"])
    for r in out:
        wr.writerow(list(r[:4]) + [repr(float(v)) for v in r[4:]])
print("wrote", len(out), "RCIT reference tests")
for r in out:
    print(r)
