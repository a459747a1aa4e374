#!/usr/bin/python3
"""Reference values for causal.dml_sensitivity (test/pgtap/99c_dml_sensitivity.sql).

Runs DoubleML itself (its Python sources, fetched outside the project:
github.com/DoubleML/doubleml-for-py at commit 1808b07a) on test/data/dml_data.csv with the fold
columns of that file as DoubleML's sample splitting, and writes
test/data/dml_sensitivity_reference.csv: per case and scenario (cf_y, cf_d,
rho, level, null_hypothesis) DoubleML's sensitivity_params — theta bounds,
their standard errors, the CI bounds, rv and rva.

Usage:  PYTHONPATH=<doubleml checkout> /usr/bin/python3 make_dml_sensitivity_reference.py
On Debian 12 DoubleML's optional imports (optuna, plotly, seaborn) are
stubbed and two helpers that scikit-learn 1.2 lacks are supplied; neither is
on the path of the sensitivity analysis.  The learners are unpenalized OLS
(scikit-learn) and an unpenalized Newton logistic regression (statsmodels),
as causal's "ols" and "logistic".
"""
import csv
import os
import sys

import numpy as np
import pandas as pd
import sklearn.metrics
import sklearn.utils.validation
import statsmodels.api as sm
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LinearRegression

if not hasattr(sklearn.metrics, "root_mean_squared_error"):
    sklearn.metrics.root_mean_squared_error = \
        lambda y, p, **k: float(np.sqrt(sklearn.metrics.mean_squared_error(y, p, **k)))
if not hasattr(sklearn.utils.validation, "validate_data"):
    sklearn.utils.validation.validate_data = lambda est, *a, **k: est._validate_data(*a, **k)


def _renamed_finite(f):
    """scikit-learn 1.2 calls ensure_all_finite force_all_finite."""
    def g(*a, **k):
        if "ensure_all_finite" in k:
            k["force_all_finite"] = k.pop("ensure_all_finite")
        return f(*a, **k)
    return g


if "ensure_all_finite" not in sklearn.utils.validation.check_array.__code__.co_varnames:
    for _name in ("check_X_y", "check_array"):
        _f = _renamed_finite(getattr(sklearn.utils.validation, _name))
        setattr(sklearn.utils.validation, _name, _f)
        setattr(sklearn.utils, _name, _f)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stub_imports  # noqa: E402

stub_imports.install(("optuna", "plotly", "seaborn"))

import sklearn.model_selection  # noqa: E402

if "params" not in sklearn.model_selection.cross_val_predict.__code__.co_varnames:
    _cvp = sklearn.model_selection.cross_val_predict

    def _cross_val_predict(*a, params=None, **k):
        """scikit-learn 1.2 calls params fit_params."""
        return _cvp(*a, fit_params=params, **k)
    sklearn.model_selection.cross_val_predict = _cross_val_predict
import doubleml  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")


class NewtonLogit(BaseEstimator, ClassifierMixin):
    """Unpenalized logistic regression by Newton's method (statsmodels)."""

    def fit(self, X, y):
        self.classes_ = np.array([0.0, 1.0])
        self.fit_ = sm.Logit(y, sm.add_constant(X, has_constant="add")).fit(
            method="newton", tol=1e-14, maxiter=200, disp=0)
        return self

    def predict_proba(self, X):
        p = self.fit_.predict(sm.add_constant(X, has_constant="add"))
        return np.column_stack([1 - p, p])

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] > 0.5).astype(float)


df = pd.read_csv(os.path.join(DATA, "dml_data.csv"))
xcols = ["x%d" % j for j in range(1, 11)]


def splits(fold):
    fold = np.asarray(fold)
    return [[(np.flatnonzero(fold != k), np.flatnonzero(fold == k)) for k in np.unique(fold)]]


def cluster_splits(fold, unit):
    out = []
    for k in np.unique(fold):
        out.append(([np.unique(unit[fold != k])], [np.unique(unit[fold == k])]))
    return [out]


def fit(case):
    name, model = case["name"], case["model"]
    if case.get("cluster"):
        data = doubleml.DoubleMLClusterData(df, case["y"], case["d"], "unit", xcols)
    else:
        data = doubleml.DoubleMLData(df, case["y"], case["d"], xcols)
    if model == "plr":
        obj = doubleml.DoubleMLPLR(data, LinearRegression(), LinearRegression(),
                                   LinearRegression() if case["score"] == "IV-type" else None,
                                   n_folds=5, score=case["score"], draw_sample_splitting=False)
    else:
        obj = doubleml.DoubleMLIRM(data, LinearRegression(), NewtonLogit(), n_folds=5,
                                   score=case["score"], normalize_ipw=case.get("normalize", False),
                                   trimming_threshold=0.01, draw_sample_splitting=False)
    if case.get("cluster"):
        obj.set_sample_splitting(splits(df[case["fold"]]),
                                 cluster_splits(df[case["fold"]].values, df["unit"].values))
    else:
        obj.set_sample_splitting(splits(df[case["fold"]]))
    obj.fit()
    return obj


cases = [
    dict(name="plr_po", model="plr", y="y", d="d", score="partialling out", fold="fold"),
    dict(name="plr_ivtype", model="plr", y="y", d="d", score="IV-type", fold="fold"),
    dict(name="irm_ate", model="irm", y="yb", d="tr", score="ATE", fold="fold_irm"),
    dict(name="irm_atte", model="irm", y="yb", d="tr", score="ATTE", fold="fold_irm"),
    dict(name="irm_ate_normalized", model="irm", y="yb", d="tr", score="ATE", fold="fold_irm",
         normalize=True),
    dict(name="plr_cluster", model="plr", y="y", d="d", score="partialling out", fold="fold_unit",
         cluster=True),
]
scenarios = [
    (0.03, 0.03, 1.0, 0.95, 0.0),
    (0.1, 0.2, 0.5, 0.9, 0.0),
    (0.2, 0.05, -1.0, 0.95, 0.3),
    (0.01, 0.3, 0.8, 0.99, 1.0),
]

rows = []
for case in cases:
    obj = fit(case)
    for cf_y, cf_d, rho, level, h0 in scenarios:
        obj.sensitivity_analysis(cf_y=cf_y, cf_d=cf_d, rho=rho, level=level, null_hypothesis=h0)
        s = obj.sensitivity_params
        rows.append([case["name"], cf_y, cf_d, rho, level, h0, float(obj.coef[0]), float(obj.se[0]),
                     float(s["theta"]["lower"][0]), float(s["theta"]["upper"][0]),
                     float(s["se"]["lower"][0]), float(s["se"]["upper"][0]),
                     float(s["ci"]["lower"][0]), float(s["ci"]["upper"][0]),
                     float(s["rv"][0]), float(s["rva"][0])])

with open(os.path.join(DATA, "dml_sensitivity_reference.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case", "cf_y", "cf_d", "rho", "level", "null_hypothesis", "theta", "se",
                "theta_lower", "theta_upper", "se_lower", "se_upper", "ci_lower", "ci_upper",
                "rv", "rva"])
    for r in rows:
        w.writerow([r[0]] + [repr(float(v)) for v in r[1:]])
