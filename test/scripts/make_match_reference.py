#!/usr/bin/python3
"""Reference matches for causal.match on MatchIt's lalonde data.

An independent, deliberately plain implementation of MatchIt's matching rules
(brute force over all candidates, no sorting tricks, no k-d tree), with
propensity scores from statsmodels' Logit.  Rules written out here and in
doc/matching.md:

- rows in data order (the test table's id is the row number 1..614);
- nearest: focal units (treated for the ATT, controls for the ATC) in m_order
  (largest / smallest distance first, ties in data order; data order for
  covariate distances and with replacement), matched in rounds (every focal
  unit's first match, then its second...);
- propensity distance: candidate key |d_c - d_f|, then candidates "left" of
  the focal unit in the order (distance, row) before those right of it, then
  the nearest in that order (MatchIt's nn_matchC_vec scans outward from the
  focal unit and takes the left neighbour on equal distance);
- covariate distances: squared Mahalanobis distance with the pooled
  within-group covariance (centred per arm, divided by n - 2), ties (equal
  to a relative 1e-12) to the smallest row; a caliper bounds the distance;
- caliper: |d_c - d_f| <= caliper * sd(d) (sample sd of the units not
  discarded) for propensity distances;
- weights as MatchIt's match.data(): focal 1, others sum of 1/k over their
  focal units, rescaled to sum to their count; subclass = pair number in
  row order of the focal units (without replacement);
- exact / cem / subclass: subclass weights (ATT: controls n1s/n0s; ATC:
  treated n0s/n1s; ATE: n_s/n_arm,s), each arm rescaled to its count.

Effects: WLS of the outcome on the treatment with statsmodels, cluster-robust
by subclass (HC1-type small-sample factor, as sandwich::vcovCL) or HC3.

Run from the project root: /usr/bin/python3 test/scripts/make_match_reference.py
"""
import csv
import math

import numpy as np
import statsmodels.api as sm

rows = list(csv.DictReader(open("test/data/lalonde.csv")))
n = len(rows)
rid = np.arange(1, n + 1)
treat = np.array([float(r["treat"]) for r in rows])
col = {k: np.array([float(r[k]) for r in rows]) for k in ["age", "educ", "married", "nodegree", "re74", "re75", "re78"]}
col["black"] = np.array([1.0 if r["race"] == "black" else 0.0 for r in rows])
col["hispan"] = np.array([1.0 if r["race"] == "hispan" else 0.0 for r in rows])
PS_COVS = ["age", "educ", "black", "hispan", "married", "nodegree", "re74", "re75"]


def logit_fit(covs):
    X = sm.add_constant(np.column_stack([col[c] for c in covs]))
    f = sm.Logit(treat, X).fit(method="newton", tol=1e-14, maxiter=200, disp=0)
    return f.predict(X), X @ f.params


def pooled_cov(X):
    Xc = X.copy()
    for g in (0.0, 1.0):
        Xc[treat == g] -= Xc[treat == g].mean(axis=0)
    return Xc.T @ Xc / (n - 2)


def nearest(covs, distance="glm", estimand="ATT", ratio=1, replace=False, caliper=None,
            exact=None, m_order=None, discard="none"):
    focal = treat == (1.0 if estimand == "ATT" else 0.0)
    eligible = np.ones(n, bool)
    scalar = distance in ("glm", "logit")
    if scalar:
        ps, lp = logit_fit(covs)
        d = ps if distance == "glm" else lp
        if discard != "none":
            for g in (0.0, 1.0):
                drop = discard == "both" or (discard == "treated") == (g == 1.0)
                if drop:
                    other = d[treat != g]
                    eligible &= ~((treat == g) & ((d < other.min()) | (d > other.max())))
    else:
        d = None
        X = np.column_stack([col[c] for c in covs])
        S = pooled_cov(X)
        if distance == "scaled_euclidean":
            Sinv = np.diag(1.0 / np.diag(S))
        elif distance == "euclidean":
            Sinv = np.eye(len(covs))
        else:
            Sinv = np.linalg.inv(S)
    strat = np.zeros(n) if exact is None else np.array([hash(tuple(col[c][i] for c in exact)) for i in range(n)])
    cal = None
    if caliper is not None:
        cal = caliper * np.std(d[eligible], ddof=1) if scalar else caliper
    if m_order is None:
        m_order = "data" if (not scalar or replace) else ("largest" if estimand == "ATT" else "smallest")
    if replace:
        m_order = "data"
    f_rows = [i for i in range(n) if focal[i]]
    if m_order == "largest":
        f_rows = sorted(f_rows, key=lambda i: (-d[i], i))
    elif m_order == "smallest":
        f_rows = sorted(f_rows, key=lambda i: (d[i], i))
    used = np.zeros(n, bool)
    matches = {i: [] for i in f_rows}
    for r in range(ratio):
        for f in f_rows:
            if not eligible[f]:
                continue
            best, bkey = None, None
            for c in range(n):
                if focal[c] or not eligible[c] or strat[c] != strat[f] or c in matches[f]:
                    continue
                if used[c] and not replace:
                    continue
                if scalar:
                    diff = abs(d[c] - d[f])
                    if cal is not None and diff > cal:
                        continue
                    left = (d[c], c) < (d[f], f)
                    key = (diff, 0, -d[c], -c) if left else (diff, 1, d[c], c)
                    if bkey is None or key < bkey:
                        best, bkey = c, key
                else:
                    e = X[c] - X[f]
                    q = float(e @ Sinv @ e)
                    if cal is not None and q > cal * cal:
                        continue
                    # squared distances equal to a relative 1e-12 are ties: the earliest row wins
                    if bkey is None or q < bkey / (1 + 1e-12) or (q <= bkey * (1 + 1e-12) and c < best):
                        best, bkey = c, q
            if best is not None:
                matches[f].append(best)
                used[best] = True
    w = np.zeros(n)
    sub = np.zeros(n, int)
    s = 0
    for f in sorted(f_rows):
        k = len(matches[f])
        if k == 0:
            continue
        w[f] = 1.0
        s += 1
        if not replace:
            sub[f] = s
        for c in matches[f]:
            w[c] += 1.0 / k
            if not replace:
                sub[c] = s
    oth = (~focal) & (w > 0)
    w[oth] *= oth.sum() / w[oth].sum()
    return w, sub, (d if scalar else None)


def subclass_weights(sub, estimand):
    """sub: subclass label per row or -1; returns weights and subclasses renumbered 1.. (0 = none)."""
    w = np.zeros(n)
    out = np.zeros(n, int)
    labels = sorted(set(sub[sub >= 0]))
    k = 0
    for s in labels:
        m = sub == s
        n1, n0 = (m & (treat == 1)).sum(), (m & (treat == 0)).sum()
        if n1 == 0 or n0 == 0:
            continue
        k += 1
        out[m] = k
        for i in np.where(m)[0]:
            t = treat[i] == 1
            if estimand == "ATT":
                w[i] = 1.0 if t else n1 / n0
            elif estimand == "ATC":
                w[i] = n0 / n1 if t else 1.0
            else:
                w[i] = (n1 + n0) / (n1 if t else n0)
    for g in (0.0, 1.0):
        m = (treat == g) & (out > 0)
        w[m] *= m.sum() / w[m].sum()
    return w, out


def exact_match(covs, estimand="ATT"):
    keys = {}
    sub = np.array([keys.setdefault(tuple(col[c][i] for c in covs), len(keys)) for i in range(n)])
    # renumber in lexicographic order of the covariate values
    order = {k: j for j, k in enumerate(sorted(keys))}
    sub = np.array([order[tuple(col[c][i] for c in covs)] for i in range(n)])
    return subclass_weights(sub, estimand)


def cem(covs, estimand="ATT", cutpoints=None):
    cutpoints = cutpoints or {}
    nbins = math.ceil(math.log2(n) + 1)
    codes = []
    for c in covs:
        x = col[c]
        spec = cutpoints.get(c, nbins)
        if isinstance(spec, list):
            breaks = np.array(spec, float)
        else:
            lo, hi = x.min(), x.max()
            breaks = np.array([lo + j * ((hi - lo) / spec) for j in range(1, spec)])
        # right-closed intervals: the number of breaks strictly below x
        codes.append([int((breaks < v).sum()) for v in x])
    tuples = [tuple(cd[i] for cd in codes) for i in range(n)]
    order = {k: j for j, k in enumerate(sorted(set(tuples)))}
    return subclass_weights(np.array([order[t] for t in tuples]), estimand)


def subclassify(covs, estimand="ATT", nsub=6):
    ps, _ = logit_fit(covs)
    use = treat == 1 if estimand == "ATT" else (treat == 0 if estimand == "ATC" else np.ones(n, bool))
    q = np.quantile(ps[use], [j / nsub for j in range(1, nsub)])   # numpy's default is R's type 7
    b = np.array([int((q <= v).sum()) for v in ps])
    # merge subclasses lacking an arm into the next non-empty one up (the last into the one below)
    lab = list(range(nsub))
    while True:
        groups = sorted(set(lab[x] for x in b))
        bad = [g for g in groups
               if ((treat == 1) & (np.array([lab[x] for x in b]) == g)).sum() == 0
               or ((treat == 0) & (np.array([lab[x] for x in b]) == g)).sum() == 0]
        if not bad or len(groups) == 1:
            break
        g = bad[0]
        up = [h for h in groups if h > g]
        to = up[0] if up else [h for h in groups if h < g][-1]
        lab = [to if v == g else v for v in lab]
    sub = np.array([lab[x] for x in b])
    w, out = subclass_weights(sub, estimand)
    return w, out, ps


cases = {
    "nn_glm": lambda: nearest(PS_COVS),
    "nn_glm_ratio2": lambda: nearest(PS_COVS, ratio=2),
    "nn_glm_replace2": lambda: nearest(PS_COVS, ratio=2, replace=True),
    "nn_glm_caliper": lambda: nearest(PS_COVS, caliper=0.1),
    "nn_glm_smallest": lambda: nearest(PS_COVS, m_order="smallest"),
    "nn_glm_discard": lambda: nearest(PS_COVS, discard="both", caliper=0.25),
    "nn_logit_atc": lambda: nearest(PS_COVS, distance="logit", estimand="ATC"),
    "nn_glm_exact": lambda: nearest(PS_COVS, exact=["married", "nodegree"]),
    "nn_mahal": lambda: nearest(["age", "educ", "re74", "re75"], distance="mahalanobis"),
    "nn_mahal_exact": lambda: nearest(["age", "educ", "re74", "re75"], distance="mahalanobis", exact=["married"]),
    "nn_mahal_caliper": lambda: nearest(["age", "educ", "re74", "re75"], distance="mahalanobis", caliper=0.05),
    "nn_scaled_replace": lambda: nearest(["age", "educ", "re74", "re75"], distance="scaled_euclidean",
                                         replace=True, ratio=3),
    "nn_euclid_atc": lambda: nearest(["age", "educ"], distance="euclidean", estimand="ATC"),
    "exact_att": lambda: exact_match(["black", "hispan", "married", "nodegree"]),
    "exact_ate": lambda: exact_match(["black", "hispan", "married", "nodegree"], "ATE"),
    "cem_att": lambda: cem(["age", "educ", "black", "married", "re74"]),
    "cem_ate_cuts": lambda: cem(["age", "educ", "black", "re75"], "ATE", {"age": [25, 35], "educ": 3, "re75": [0.5]}),
    "sub_att": lambda: subclassify(PS_COVS),
    "sub_ate": lambda: subclassify(PS_COVS, "ATE", 5),
    "sub_atc": lambda: subclassify(PS_COVS, "ATC", 4),
}

with open("test/data/match_reference.csv", "w", newline="") as fh:
    out = csv.writer(fh)
    out.writerow(["case", "id", "treated", "weight", "subclass", "distance"])
    results = {}
    for name, fn in cases.items():
        res = fn()
        w, sub = res[0], res[1]
        dist = res[2] if len(res) > 2 else None
        results[name] = (w, sub)
        for i in range(n):
            if w[i] > 0:
                out.writerow([name, rid[i], int(treat[i]), repr(float(w[i])), sub[i] if sub[i] > 0 else "",
                              repr(float(dist[i])) if dist is not None else ""])

# effects: lm(re78 ~ treat [+ covariates], weights) on the matched rows, with cluster-robust
# (by subclass) or HC standard errors
CASE_COVS = {"nn_mahal": ["age", "educ", "re74", "re75"], "cem_att": ["age", "educ", "black", "married", "re74"],
             "exact_ate": ["black", "hispan", "married", "nodegree"]}
with open("test/data/match_effect_reference.csv", "w", newline="") as fh:
    out = csv.writer(fh)
    out.writerow(["case", "std_error_type", "adjust", "estimate", "std_error"])
    for name, se_type, adjust in [("nn_glm", "cluster", False), ("nn_glm", "cluster", True),
                                  ("nn_glm_ratio2", "cluster", True), ("nn_glm_replace2", "HC3", False),
                                  ("nn_glm_replace2", "HC3", True), ("nn_glm", "HC3", False),
                                  ("sub_att", "cluster", True), ("cem_att", "HC0", False),
                                  ("nn_mahal", "HC1", True), ("exact_ate", "cluster", False)]:
        w, sub = results[name]
        m = w > 0
        cols = [treat[m]]
        if adjust:
            cols += [col[c][m] for c in CASE_COVS.get(name, PS_COVS)]
        X = sm.add_constant(np.column_stack(cols))
        model = sm.WLS(col["re78"][m], X, weights=w[m])
        if se_type == "cluster":
            fit = model.fit(cov_type="cluster", cov_kwds={"groups": sub[m]})
        else:
            fit = model.fit(cov_type=se_type)
        out.writerow([name, se_type, adjust, repr(float(fit.params[1])), repr(float(fit.bse[1]))])
print("wrote test/data/match_reference.csv and test/data/match_effect_reference.csv")
