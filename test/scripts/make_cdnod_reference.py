#!/usr/bin/python3
"""Reference values for CD-NOD's independent-change criterion
(causal.cdnod_change_dependence), written from the formulas in
src/discovery/cdnod_change.c's header with numpy only.

Writes test/data/cdnod_data.csv (dataset, c, x, y; the truth is x --> y)
and test/data/cdnod_reference.csv (dataset, kernel, forward, backward).
  multi: 20 domains x 25 rows; per domain x ~ N(a_c, s_c^2), y = b_c x + d_c
         + N(0, 0.25), a_c, s_c, b_c, d_c drawn independently (with trends in
         the domain number so that Fisher-z sees both x and y change)
  time:  a time index t = 1..400; x = 1.5 sin(t/50 + 0.4) + 2t/400 + N(0, 1),
         y = 0.8 x + 1.5 sin(t/20 + 2.2) + 2 frac(4t/400) + N(0, 0.25)
Run from the repository root: /usr/bin/python3 test/scripts/make_cdnod_reference.py
"""
import csv
import numpy as np


def sq_dist(a):
    return (a[:, None] - a[None, :]) ** 2


def median_positive(d):
    v = d[np.triu_indices(d.shape[0], 1)]
    v = v[v > 0]
    return np.median(v)


def column_gram(a):
    z = (a - a.mean()) / a.std(ddof=1)
    d = sq_dist(z)
    return np.exp(-d / median_positive(d))


def embedding_kernel(m):
    dg = np.diag(m)
    d = dg[:, None] + dg[None, :] - 2 * m
    d[d <= 1e-10 * np.abs(dg).max()] = 0   # rounding noise between rows of one domain
    g = np.exp(-d / (2 * median_positive(d)))
    n = len(g)
    h = np.eye(n) - np.ones((n, n)) / n
    return h @ g @ h


def change_dependence(kcause, keffect, kc):
    n = len(kc)
    b = np.linalg.solve(kc + 1.0 * np.eye(n), kc)
    m1 = b.T @ kcause @ b
    r = np.linalg.inv(kcause * kc + 2.0 * np.eye(n))
    m2 = kc @ ((kcause @ kcause) * (r @ keffect @ r)) @ kc / n ** 2
    g1, g2 = embedding_kernel(m1), embedding_kernel(m2)
    return (g1 * g2).sum() / np.sqrt((g1 * g1).sum() * (g2 * g2).sum())


def criterion(x, y, c, categorical):
    kx, ky = column_gram(x), column_gram(y)
    kc = (c[:, None] == c[None, :]).astype(float) if categorical else column_gram(c)
    return change_dependence(kx, ky, kc), change_dependence(ky, kx, kc)


def main():
    rng = np.random.default_rng(20261129)
    K, m = 20, 25
    c1 = np.repeat(np.arange(1, K + 1), m).astype(float)
    i = (c1 - 1).astype(int)
    a = rng.normal(0, 1, K) + 1.5 * np.arange(K) / K
    s = np.exp(rng.normal(0, 0.3, K))
    b = rng.normal(0.8, 0.4, K)
    d = rng.normal(0, 1, K) - 1.5 * np.arange(K) / K
    x1 = a[i] + s[i] * rng.normal(size=K * m)
    y1 = b[i] * x1 + d[i] + 0.5 * rng.normal(size=K * m)
    T = 400
    c2 = np.arange(1, T + 1).astype(float)
    x2 = 1.5 * np.sin(c2 / 50 + 0.4) + 2 * c2 / T + rng.normal(size=T)
    y2 = 0.8 * x2 + 1.5 * np.sin(c2 / 20 + 2.2) + 2 * ((4 * c2 / T) % 1) + 0.5 * rng.normal(size=T)
    with open('test/data/cdnod_data.csv', 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['dataset', 'c', 'x', 'y'])
        for name, c, x, y in (('multi', c1, x1, y1), ('time', c2, x2, y2)):
            for j in range(len(c)):
                w.writerow([name, repr(float(c[j])), repr(float(x[j])), repr(float(y[j]))])
    with open('test/data/cdnod_reference.csv', 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['dataset', 'kernel', 'forward', 'backward'])
        for name, c, x, y in (('multi', c1, x1, y1), ('time', c2, x2, y2)):
            for kernel in ('categorical', 'gaussian'):
                fwd, bwd = criterion(x, y, c, kernel == 'categorical')
                w.writerow([name, kernel, repr(float(fwd)), repr(float(bwd))])
                print(name, kernel, fwd, bwd)


if __name__ == '__main__':
    main()
