#!/usr/bin/python3
"""Generates the reference values the pgTAP suites compare against.

Run with Debian's interpreter and packages (python3-numpy, python3-scipy,
python3-statsmodels):   /usr/bin/python3 test/scripts/make_references.py

Everything is seeded; the outputs in test/data/ are committed, so the test
suite itself needs none of these packages.  See test/data/README.md.
"""
import csv
import os
from fractions import Fraction

import numpy as np
import scipy.stats as st
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")


def write_csv(name, header, rows):
    with open(os.path.join(DATA, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([repr(float(v)) if isinstance(v, (float, np.floating)) else v for v in r])


def distributions():
    """scipy values of the five distribution functions, both tails."""
    rows = []
    qs = np.concatenate([np.linspace(-38, 38, 39), [-8.5, -5.2, -1e-8, 1e-3, 0.5, 1.96, 3.3, 6.1, 9.9, 20.5]])
    for q in qs:
        rows.append(("pnorm", q, 0, 0, 1, st.norm.cdf(q)))
        rows.append(("pnorm", q, 0, 0, 0, st.norm.sf(q)))
    ps = np.concatenate([[1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.05],
                         np.linspace(0.01, 0.99, 45), [0.999, 0.99999, 1 - 1e-10]])
    for p in ps:
        rows.append(("qnorm", p, 0, 0, 1, st.norm.ppf(p)))
        rows.append(("qnorm", p, 0, 0, 0, st.norm.isf(p)))
    for df in (1, 2.5, 3, 7, 30, 150, 1e5):
        for q in (-60, -12.3, -4, -2.2, -1, -0.3, 0.0, 0.25, 1.5, 2.0, 3.7, 8.0, 25.0):
            rows.append(("pt", q, df, 0, 1, st.t.cdf(q, df)))
            rows.append(("pt", q, df, 0, 0, st.t.sf(q, df)))
    for df in (1, 2, 3.5, 5, 10, 50, 400):
        for q in (1e-6, 0.05, 0.5, 1, 2.7, 3.84, 6.63, 10, 25, 60, 150, 900):
            rows.append(("pchisq", q, df, 0, 1, st.chi2.cdf(q, df)))
            rows.append(("pchisq", q, df, 0, 0, st.chi2.sf(q, df)))
    for df1, df2 in ((1, 1), (1, 10), (3, 7), (5, 2.5), (10, 100), (40, 40), (200, 3)):
        for q in (1e-4, 0.2, 0.9, 1.0, 1.7, 3.1, 4.96, 12.0, 55.0, 400.0):
            rows.append(("pf", q, df1, df2, 1, st.f.cdf(q, df1, df2)))
            rows.append(("pf", q, df1, df2, 0, st.f.sf(q, df1, df2)))
    write_csv("distributions.csv", ["fn", "q", "a", "b", "lower", "value"], rows)


def exact_comoments(x, w=None):
    """Exact (weighted) means and co-moments of the doubles in x, in rational
    arithmetic, rounded to double only at the end; also the exact total weight
    and sum of squared weights."""
    n, k = x.shape
    ws = [Fraction(1)] * n if w is None else [Fraction(float(v)) for v in w]
    fr = [[Fraction(float(v)) for v in row] for row in x]
    sw = sum(ws)
    sw2 = sum(v * v for v in ws)
    mean = [sum(ws[r] * fr[r][j] for r in range(n)) / sw for j in range(k)]
    cm = [[None] * k for _ in range(k)]
    for i in range(k):
        for j in range(i, k):
            s = sum(ws[r] * (fr[r][i] - mean[i]) * (fr[r][j] - mean[j]) for r in range(n))
            cm[i][j] = cm[j][i] = s
    return mean, cm, sw, sw2


def moments_data():
    """Random and offset data sets; exact covariances, checked against numpy."""
    rng = np.random.default_rng(20261129)
    n, k = 3000, 5
    a = rng.standard_normal((n, k)) @ rng.standard_normal((k, k))
    b = 1e9 + rng.standard_normal((n, k)) @ np.diag([1.0, 0.5, 2.0, 1.0, 3.0])
    b[:, 1] += 0.3 * (b[:, 0] - 1e9)
    w = rng.gamma(2.0, 1.0, n)
    for name, x in (("random", a), ("offset", b)):
        rows = [(name, i + 1) + tuple(x[i]) + (w[i],) for i in range(n)]
        write_csv(f"moments_{name}.csv", ["dataset", "id", "c1", "c2", "c3", "c4", "c5", "w"], rows)
    refs = []
    for name, x in (("random", a), ("offset", b)):
        mean, cm, _, _ = exact_comoments(x)
        wmean, wcm, sw, sw2 = exact_comoments(x, w)
        cov = np.array([[float(cm[i][j] / (n - 1)) for j in range(k)] for i in range(k)])
        cor = np.array([[float(cm[i][j] / (cm[i][i] * cm[j][j]) ** 0.5 if i != j else 1.0)
                         for j in range(k)] for i in range(k)])
        fcov = np.array([[float(wcm[i][j] / (sw - 1)) for j in range(k)] for i in range(k)])
        rcov = np.array([[float(wcm[i][j] / (sw - sw2 / sw)) for j in range(k)] for i in range(k)])
        # numpy's two-pass results agree with the exact ones: to 1e-13 on the
        # random data; on the offset data numpy's own error reaches ~1.5e-11
        scale = np.sqrt(np.outer(np.diag(cov), np.diag(cov)))
        tol = 1e-13 if name == "random" else 1e-10
        assert np.all(np.abs(np.cov(x, rowvar=False) - cov) <= tol * scale), name
        assert np.all(np.abs(np.cov(x, rowvar=False, aweights=w) - rcov) <= tol * scale), name
        for i in range(k):
            refs.append((name, "mean", i + 1, 0, float(mean[i])))
            refs.append((name, "wmean", i + 1, 0, float(wmean[i])))
            for j in range(k):
                refs.append((name, "cov", i + 1, j + 1, cov[i, j]))
                refs.append((name, "cor", i + 1, j + 1, cor[i, j]))
                refs.append((name, "wcov_reliability", i + 1, j + 1, rcov[i, j]))
                refs.append((name, "wcov_frequency", i + 1, j + 1, fcov[i, j]))
        # partial correlations of c1, c2 given {c3} and {c3, c4, c5}: from the precision matrix
        for given in ((), (3,), (3, 4, 5)):
            idx = [0, 1] + [g - 1 for g in given]
            p = np.linalg.inv(cor[np.ix_(idx, idx)])
            r = -p[0, 1] / np.sqrt(p[0, 0] * p[1, 1])
            refs.append((name, "pcor_" + "_".join(map(str, given)), 1, 2, r))
    write_csv("moments_reference.csv", ["dataset", "stat", "i", "j", "value"], refs)

    # OLS of c1 on c2..c5 (random data), unweighted, weighted, without intercept
    y, X = a[:, 0], a[:, 1:]
    ols = []
    for label, res in (
        ("ols", sm.OLS(y, sm.add_constant(X)).fit()),
        ("wls", sm.WLS(y, sm.add_constant(X), weights=w).fit()),
        ("ols_noint", sm.OLS(y, X).fit()),
    ):
        terms = (["intercept"] if label != "ols_noint" else []) + ["c2", "c3", "c4", "c5"]
        for t, est, se, tv, pv in zip(terms, res.params, res.bse, res.tvalues, res.pvalues):
            ols.append((label, t, est, se, tv, pv, res.rsquared, res.df_resid))
    write_csv("ols_reference.csv", ["model", "term", "estimate", "std_error", "t_value",
                                    "p_value", "r2", "df_resid"], ols)


# NIST StRD, Longley (1967): certified values, published by NIST's Statistical
# Reference Datasets project (higher difficulty linear regression).
LONGLEY_CERTIFIED = [
    ("intercept", -3482258.63459582, 890420.383607373),
    ("gnpdefl", 15.0618722713733, 84.9149257747669),
    ("gnp", -0.358191792925910e-01, 0.334910077722432e-01),
    ("unemp", -2.02022980381683, 0.488399681651699),
    ("armed", -1.03322686717359, 0.214274163161675),
    ("pop", -0.511041056535807e-01, 0.226073200069370),
    ("year", 1829.15146461355, 455.478499142212),
]
LONGLEY_R2 = 0.995479004577296


def longley():
    d = sm.datasets.longley.load_pandas().data
    rows = [tuple(int(v) if float(v).is_integer() else float(v) for v in r) for r in d.itertuples(index=False)]
    write_csv("longley.csv", ["totemp", "gnpdefl", "gnp", "unemp", "armed", "pop", "year"], rows)
    # cross-check the certified table against statsmodels' QR-based fit
    res = sm.OLS(d["TOTEMP"], sm.add_constant(d.drop(columns="TOTEMP"))).fit()
    for (t, est, se), e2, s2 in zip(LONGLEY_CERTIFIED, res.params, res.bse):
        assert abs(est - e2) <= 1e-8 * abs(est) and abs(se - s2) <= 1e-8 * se, t
    assert abs(res.rsquared - LONGLEY_R2) < 1e-12
    write_csv("longley_certified.csv", ["term", "estimate", "std_error", "r2"],
              [(t, e, s, LONGLEY_R2) for t, e, s in LONGLEY_CERTIFIED])


if __name__ == "__main__":
    distributions()
    moments_data()
    longley()
    print("references written to", os.path.normpath(DATA))
