#!/usr/bin/python3
"""Reference values for test/pgtap/98c_weighting_rows.sql: weighting and AIPW on MatchIt's
lalonde data (test/data/lalonde.csv) with every seventh outcome missing (rows ordered by id, byte
order, as the test's row_number() OVER (ORDER BY id) in a C-locale database).

The propensity model (statsmodels Logit, Newton to 1e-14) is fitted on all 614 rows, covariates
age, educ, married, nodegree, re74, re75; the effects use the rows with an outcome:
  ipw_att          WLS of y on (1, t) with ATT weights (1; e / (1 - e)), HC0 standard error
  ipw_att_cluster  the same with statsmodels' cluster-robust covariance (G/(G-1) (n-1)/(n-k), as
                   sandwich::vcovCL), clusters floor(educ / 3)
  aipw_ate, aipw_att  OLS outcome models per arm on the arm's rows with an outcome; the efficient
                   influence function; standard error sd / sqrt(n)

Run: /usr/bin/python3 test/scripts/make_missing_outcome_reference.py  (python3-numpy,
python3-statsmodels); writes test/data/lalonde_missing_reference.csv.
"""
import csv
import os

import numpy as np
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")

rows = sorted(csv.DictReader(open(os.path.join(DATA, "lalonde.csv"))), key=lambda r: r["id"].encode())
covs = ["age", "educ", "married", "nodegree", "re74", "re75"]
X = np.array([[float(r[c]) for c in covs] for r in rows])
t = np.array([float(r["treat"]) for r in rows])
y = np.array([np.nan if (i + 1) % 7 == 0 else float(r["re78"]) for i, r in enumerate(rows)])
g = np.array([int(r["educ"]) // 3 for r in rows])
X1 = sm.add_constant(X)

e = sm.Logit(t, X1).fit(method="newton", tol=1e-14, maxiter=100, disp=0).predict(X1)
has = ~np.isnan(y)
out = []

# IPW ATT: weighted difference of means = WLS of y on (1, t)
w = np.where(t == 1, 1.0, e / (1 - e))
D = sm.add_constant(t[has])
fit = sm.WLS(y[has], D, weights=w[has]).fit(cov_type="HC0")
out.append(("ipw_att", fit.params[1], fit.bse[1]))
fit = sm.WLS(y[has], D, weights=w[has]).fit(cov_type="cluster", cov_kwds={"groups": g[has]})
out.append(("ipw_att_cluster", fit.params[1], fit.bse[1]))

# AIPW: outcome models per arm on the arm's rows with an outcome
m = {}
for arm in (0, 1):
    sel = has & (t == arm)
    m[arm] = X1 @ sm.OLS(y[sel], X1[sel]).fit().params
yt, tt, et, m1, m0 = y[has], t[has], e[has], m[1][has], m[0][has]
n = len(yt)
psi = m1 - m0 + np.where(tt == 1, (yt - m1) / et, -(yt - m0) / (1 - et))
out.append(("aipw_ate", psi.mean(), psi.std(ddof=1) / np.sqrt(n)))
num = np.where(tt == 1, yt - m0, -et / (1 - et) * (yt - m0))
att = num.sum() / tt.sum()
p1 = tt.mean()
out.append(("aipw_att", att, ((num - tt * att) / p1).std(ddof=1) / np.sqrt(n)))

with open(os.path.join(DATA, "lalonde_missing_reference.csv"), "w", newline="") as f:
    wr = csv.writer(f)
    wr.writerow(["quantity", "estimate", "std_error"])
    for q, est, se in out:
        wr.writerow([q, repr(float(est)), repr(float(se))])
print(open(os.path.join(DATA, "lalonde_missing_reference.csv")).read())
