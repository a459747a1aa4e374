#!/usr/bin/python3
"""Reference values for causal.malts with a fixed stretch (the learning step is
an optimizer's path; its properties are checked by simulation in
test/pgtap/96c_malts.sql).

An independent numpy + scikit-learn implementation of MALTS's matching and
estimation (Parikh, Rudin and Volfovsky 2022), with the rules of doc/matching.md:
continuous covariates compared in units of their sample SD, discrete ones by
equality; for each unit outside a fold, its k_est nearest treated and controls
among the rows outside the fold (itself included), ties to the earlier row;
scikit-learn Ridge(alpha=1) per matched group; CATE = mean over folds, cate_sd
= their sample SD.  Also the training objective of each fold at the stretch.

Run from the project root: /usr/bin/python3 test/scripts/make_malts_reference.py
"""
import csv

import numpy as np
from sklearn.linear_model import Ridge

rng = np.random.default_rng(20261129)
n = 240
x1 = rng.normal(0, 1, n)
x2 = rng.normal(2, 3, n)
x3 = rng.integers(0, 3, n).astype(float)          # discrete, three levels
x4 = rng.normal(0, 1, n)
t = (rng.random(n) < 1 / (1 + np.exp(-0.5 * x1))).astype(float)
y = x1 + 0.3 * x2 + 0.5 * x3 + t * (1 + x1) + rng.normal(0, 0.5, n)
fold = np.array([i % 4 for i in range(n)])
rid = np.arange(1, n + 1)
X = np.column_stack([x1, x2, x3, x4])
discrete = np.array([False, False, True, False])
stretch_raw = np.array([2.0, 0.3, 1.5, 0.1])
K, K_EST, C = 10, 20, 1.0

sd = X.std(axis=0, ddof=1)
scale = np.where(discrete, 1.0, 1.0 / sd)
m_std = stretch_raw / scale                       # the stretch per SD, as learned and penalized


def dist(i, rows):
    d = np.zeros(len(rows))
    for j in range(X.shape[1]):
        if discrete[j]:
            d += stretch_raw[j] ** 2 * (X[rows, j] != X[i, j])
        else:
            d += (stretch_raw[j] * (X[rows, j] - X[i, j])) ** 2
    return d


def nearest(i, rows, k, skip_self):
    rows = np.array([r for r in rows if not (skip_self and r == i)])
    d = dist(i, rows)
    order = np.lexsort((rows, d))                   # by distance, then row
    return rows[order[:k]]


def estimate_fold(f, cates):
    """Appends, for each unit outside fold f, its CATE from the rows outside f."""
    est = [i for i in range(n) if fold[i] != f]
    arms = {a: [i for i in est if t[i] == a] for a in (0.0, 1.0)}
    for i in est:
        fit = {}
        for a in (0.0, 1.0):
            nn = nearest(i, arms[a], K_EST, False)
            fit[a] = Ridge(alpha=1.0).fit(X[nn], y[nn]).predict(X[i:i + 1])[0]
        cates[i].append(fit[1.0] - fit[0.0])


def write_cates(path, cates):
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "cate", "cate_sd"])
        for i in range(n):
            c = np.array(cates[i])
            w.writerow([i + 1, repr(float(c.mean())), repr(float(c.std(ddof=1)))])


with open("test/data/malts_data.csv", "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["id", "t", "y", "x1", "x2", "x3", "x4", "fold"])
    for i in range(n):
        w.writerow([rid[i], int(t[i]), repr(y[i]), repr(x1[i]), repr(x2[i]), int(x3[i]), repr(x4[i]), fold[i]])

cates = {i: [] for i in range(n)}
objectives = []
for f in range(4):
    train = [i for i in range(n) if fold[i] == f]
    loss = C * np.sum(m_std ** 2)
    for arm in (0.0, 1.0):
        rows = [i for i in train if t[i] == arm]
        for i in rows:
            nn = nearest(i, rows, K, True)
            loss += (y[i] - y[nn].mean()) ** 2
    objectives.append(loss)
    estimate_fold(f, cates)
write_cates("test/data/malts_reference.csv", cates)
with open("test/data/malts_objective_reference.csv", "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["fold", "objective"])
    for f, v in enumerate(objectives):
        w.writerow([f + 1, repr(float(v))])
print("wrote test/data/malts_data.csv, malts_reference.csv, malts_objective_reference.csv")

# A design full of ties, for the exactness of the neighbour search (a k-d tree in
# causal.malts): three discrete covariates (stretches that are powers of two, so that
# both implementations add the same exact numbers) and one integer-valued continuous one,
# 600 rows in 144 covariate cells, so most distances tie and the earlier row decides.
rng = np.random.default_rng(20261205)
n = 600
X = np.column_stack([rng.integers(0, 4, n), rng.integers(0, 3, n), rng.integers(0, 2, n),
                     rng.integers(0, 6, n)]).astype(float)
t = (rng.random(n) < 0.45).astype(float)
y = X[:, 0] - 0.5 * X[:, 3] + t * (1 + X[:, 1]) + rng.normal(0, 0.5, n)
fold = np.array([i % 3 for i in range(n)])
discrete = np.array([True, True, True, False])
stretch_raw = np.array([1.0, 0.5, 0.25, 0.7])
K_EST = 15
with open("test/data/malts_ties_data.csv", "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["id", "t", "y", "a", "b", "c", "z", "fold"])
    for i in range(n):
        w.writerow([i + 1, int(t[i]), repr(y[i])] + [int(v) for v in X[i]] + [fold[i]])
cates = {i: [] for i in range(n)}
for f in range(3):
    estimate_fold(f, cates)
write_cates("test/data/malts_ties_reference.csv", cates)
print("wrote test/data/malts_ties_data.csv, malts_ties_reference.csv")
