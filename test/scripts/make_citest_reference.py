#!/usr/bin/python3
"""Reference p-values for the Fisher-z, chi-square and G-squared tests,
computed independently of the extension's formulas:

- Fisher-z: the partial correlation from the residuals of two statsmodels OLS
  fits (x on S and y on S), not from a precision matrix; p = 2 * norm.sf.
- chi-square / G-squared: scipy.stats.chi2_contingency (correction=False;
  lambda_="log-likelihood" for G^2) on each stratum of S, after dropping the
  values of x and y absent from the stratum; statistics and dof summed over
  strata; p = chi2.sf.  (This is causal-learn's convention; see doc/citest.md.)

Writes test/data/citest_data.csv and test/data/citest_reference.csv.
Run: /usr/bin/python3 test/scripts/make_citest_reference.py
"""
import csv
import itertools
import os

import numpy as np
import scipy.stats as st
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")

rng = np.random.default_rng(42)
n = 400
z1 = rng.standard_normal(n)
z2 = rng.standard_normal(n)
x = 0.8 * z1 + rng.standard_normal(n)
y = 0.5 * z1 - 0.4 * z2 + rng.standard_normal(n)
w = 0.3 * x + 0.3 * y + rng.standard_normal(n)
cont = {"x": x, "y": y, "z1": z1, "z2": z2, "w": w}
# discrete: s (3 levels), a and b depend on s; c depends on a; d independent
s = rng.integers(0, 3, n)
a = (rng.random(n) < 0.2 + 0.25 * s).astype(int) + (rng.random(n) < 0.3).astype(int)
b = np.minimum(s + rng.integers(0, 2, n), 3)
c = np.where(rng.random(n) < 0.6, a, rng.integers(0, 3, n))
d = rng.integers(0, 4, n)
disc = {"s": s, "a": a, "b": b, "c": c, "d": d}

with open(os.path.join(DATA, "citest_data.csv"), "w", newline="") as f:
    wr = csv.writer(f, lineterminator="\n")
    wr.writerow(list(cont) + list(disc))
    for i in range(n):
        wr.writerow([repr(float(cont[k][i])) for k in cont] + [int(disc[k][i]) for k in disc])


def fisherz(xn, yn, given):
    if given:
        Z = sm.add_constant(np.column_stack([cont[g] for g in given]))
        rx = sm.OLS(cont[xn], Z).fit().resid
        ry = sm.OLS(cont[yn], Z).fit().resid
    else:
        rx, ry = cont[xn] - cont[xn].mean(), cont[yn] - cont[yn].mean()
    r = np.dot(rx, ry) / np.sqrt(np.dot(rx, rx) * np.dot(ry, ry))
    stat = np.sqrt(n - len(given) - 3) * abs(np.arctanh(r))
    return stat, 2 * st.norm.sf(stat), None


def contingency(xn, yn, given, gsq):
    keys = list(zip(*[disc[g] for g in given])) if given else [()] * n
    stat = dof = 0.0
    for key in sorted(set(keys)):
        rows = np.array([k == key for k in keys])
        xs, ys = disc[xn][rows], disc[yn][rows]
        xv, yv = np.unique(xs), np.unique(ys)
        if len(xv) < 2 or len(yv) < 2:
            continue          # a single present value: no degrees of freedom, statistic 0
        table = np.array([[np.sum((xs == i) & (ys == j)) for j in yv] for i in xv])
        res = st.chi2_contingency(table, correction=False,
                                  lambda_="log-likelihood" if gsq else None)
        stat += res[0]
        dof += res[2]
    return stat, (1.0 if dof == 0 else st.chi2.sf(stat, dof)), dof


rows = []
for xn, yn, given in [("x", "y", ()), ("x", "y", ("z1",)), ("x", "y", ("z1", "z2")),
                      ("x", "w", ("y",)), ("z1", "z2", ()), ("z1", "z2", ("w",)),
                      ("x", "z2", ("z1", "y", "w"))]:
    stt, p, _ = fisherz(xn, yn, list(given))
    rows.append(("fisherz", xn, yn, " ".join(given), stt, p, ""))
for xn, yn, given in [("a", "b", ()), ("a", "b", ("s",)), ("c", "b", ("a",)),
                      ("c", "b", ("a", "s")), ("a", "d", ()), ("d", "c", ("s", "a")),
                      ("b", "c", ("a", "s", "d"))]:
    for gsq in (False, True):
        stt, p, dof = contingency(xn, yn, list(given), gsq)
        rows.append(("gsq" if gsq else "chisq", xn, yn, " ".join(given), stt, p, dof))

with open(os.path.join(DATA, "citest_reference.csv"), "w", newline="") as f:
    wr = csv.writer(f, lineterminator="\n")
    wr.writerow(["method", "x", "y", "given", "statistic", "p_value", "dof"])
    for r in rows:
        wr.writerow([r[0], r[1], r[2], r[3], repr(float(r[4])), repr(float(r[5])),
                     "" if r[6] == "" else repr(float(r[6]))])
print("wrote", len(rows), "reference tests")
