#!/usr/bin/python3
"""The export-and-fit baseline of bench_ipw_export.sh: reads the CSV that psql wrote (the read time
includes importing pandas and statsmodels, part of what an analyst pays), fits the
logistic propensity model with statsmodels and takes the Hajek difference, as an analyst who
exports the rows would.  Prints "<seconds to read> <seconds to fit> <estimate>".  Not a test
reference: the estimate is printed so the bench can show both sides agree."""
import sys
import time

t0 = time.time()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import statsmodels.api as sm  # noqa: E402

d = pd.read_csv(sys.argv[1]).to_numpy(dtype=float)
t1 = time.time()
t, y, x = d[:, 1], d[:, 2], sm.add_constant(d[:, 3:])
ps = sm.Logit(t, x).fit(disp=0).predict(x)
w = np.where(t == 1, 1 / ps, 1 / (1 - ps))
est = np.sum(w * t * y) / np.sum(w * t) - np.sum(w * (1 - t) * y) / np.sum(w * (1 - t))
t2 = time.time()
print("%.3f %.3f %.6f" % (t1 - t0, t2 - t1, est))
