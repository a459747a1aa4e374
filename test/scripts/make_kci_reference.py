#!/usr/bin/python3
"""Independent reference for KCI: Zhang et al. (2011) as causal-learn defines
it (KCI_UInd / KCI_CInd with the gamma approximation), written directly from
the formulas with numpy and scipy: explicit centring matrices, numpy.linalg.pinv
for (Kz + eps I)^-1, numpy.linalg.eigh, the explicit n x (#x #y) matrix of
eigenvector products, and scipy.stats.gamma.  The extension computes the same
quantities differently (Cholesky inverse, trace identities), so agreement to
1e-6 checks both.  Writes test/data/kci_data.csv and test/data/kci_reference.csv.
Run: /usr/bin/python3 test/scripts/make_kci_reference.py
"""
import csv
import os

import numpy as np
from scipy import stats
from scipy.spatial.distance import pdist, squareform

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")

rng = np.random.default_rng(7)
n = 300
z1 = rng.standard_normal(n)
z2 = rng.uniform(-2, 2, n)
x = np.sin(z1) + 0.3 * rng.standard_normal(n)
y = z1 ** 2 + 0.5 * z2 + 0.3 * rng.standard_normal(n)
w = x * y + 0.5 * rng.standard_normal(n)
cols = {"x": x, "y": y, "z1": z1, "z2": z2, "w": w}
with open(os.path.join(DATA, "kci_data.csv"), "w", newline="") as f:
    wr = csv.writer(f, lineterminator="\n")
    wr.writerow(list(cols))
    for i in range(n):
        wr.writerow([repr(float(cols[c][i])) for c in cols])


def zs(a):
    a = np.asarray(a, dtype=float).reshape(n, -1)
    sd = a.std(axis=0, ddof=1)
    out = (a - a.mean(axis=0)) / np.where(sd > 0, sd, 1)
    out[:, sd == 0] = 0
    return out


def gauss(a, theta):
    return np.exp(-0.5 * squareform(pdist(a, "sqeuclidean")) * theta)


def median_theta(a):
    d = squareform(pdist(a[:1000], "euclidean"))
    s = np.sqrt(2) * np.median(d[d > 0])
    return 1 / s ** 2


H = np.eye(n) - 1.0 / n


def kci_uncond(xa, ya, rule, sig=None):
    xa, ya = zs(xa), zs(ya)
    s = 0.8 if n < 200 else (0.5 if n < 1200 else 0.3)
    th = {"empirical": (xa.shape[1] / s ** 2, ya.shape[1] / s ** 2),
          "median": (median_theta(xa), median_theta(ya)),
          "manual": (None if sig is None else 1 / sig[0] ** 2, None if sig is None else 1 / sig[1] ** 2)}[rule]
    kx = H @ gauss(xa, th[0]) @ H
    ky = H @ gauss(ya, th[1]) @ H
    stat = np.sum(kx * ky)
    mean = np.trace(kx) * np.trace(ky) / n
    var = 2 * np.trace(kx @ kx) * np.trace(ky @ ky) / n ** 2
    return stat, stats.gamma.sf(stat, mean ** 2 / var, scale=var / mean)


def kci_cond(xa, ya, za, rule, sig=None):
    xa, ya, za = zs(xa), zs(ya), zs(za)
    xz = np.column_stack([xa, 0.5 * za])
    s = 1.2 if n < 200 else (0.7 if n < 1200 else 0.4)
    t = 1 / (s ** 2 * za.shape[1])
    th = {"empirical": (t, t, t),
          "median": (median_theta(xz), median_theta(ya), median_theta(za)),
          "manual": (None,) * 3 if sig is None else tuple(1 / np.array(sig) ** 2)}[rule]
    kx = H @ gauss(xz, th[0]) @ H
    ky = H @ gauss(ya, th[1]) @ H
    kz = H @ gauss(za, th[2]) @ H
    eps = 1e-3
    rz = eps * np.linalg.pinv(kz + eps * np.eye(n))
    kxr = rz @ kx @ rz
    kyr = rz @ ky @ rz
    stat = np.sum(kxr * kyr)

    def scaled(k):
        wv, v = np.linalg.eigh(0.5 * (k + k.T))
        idx = np.argsort(-wv)
        wv, v = wv[idx], v[:, idx]
        keep = wv > wv.max() * 1e-5
        return v[:, keep] * np.sqrt(wv[keep])

    vx, vy = scaled(kxr), scaled(kyr)
    uu = np.column_stack([vx[:, i] * vy[:, j] for i in range(vx.shape[1]) for j in range(vy.shape[1])])
    prod = uu @ uu.T if uu.shape[1] > n else uu.T @ uu
    mean = np.trace(prod)
    var = 2 * np.trace(prod @ prod)
    return stat, stats.gamma.sf(stat, mean ** 2 / var, scale=var / mean)


cases = []
for xn, yn, zn, rule, sig in [
        ("x", "y", "", "empirical", None), ("x", "z2", "", "empirical", None),
        ("x", "y", "", "median", None), ("x", "w", "", "manual", (1.0, 2.0)),
        ("x", "y", "z1", "empirical", None), ("x", "y", "z1 z2", "empirical", None),
        ("x", "w", "y", "empirical", None), ("x", "y", "z1", "median", None),
        ("x", "y", "z1 z2", "manual", (1.0, 1.5, 2.0))]:
    if zn:
        stat, p = kci_cond(cols[xn], cols[yn], np.column_stack([cols[c] for c in zn.split()]), rule, sig)
    else:
        stat, p = kci_uncond(cols[xn], cols[yn], rule, sig)
    cases.append((xn, yn, zn, rule, "" if sig is None else " ".join(map(str, sig)), stat, p))

with open(os.path.join(DATA, "kci_reference.csv"), "w", newline="") as f:
    wr = csv.writer(f, lineterminator="\n")
    wr.writerow(["x", "y", "given", "width", "sigmas", "statistic", "p_value"])
    for c in cases:
        wr.writerow(list(c[:5]) + [repr(float(c[5])), repr(float(c[6]))])
print("wrote", len(cases), "KCI reference tests")
