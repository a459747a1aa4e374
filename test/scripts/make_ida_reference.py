#!/usr/bin/python3
"""Second half of the IDA reference: reads the JSON of make_ida_reference.js (random DAGs, their
CPDAGs and every DAG of each class, from dagitty), simulates a linear Gaussian SEM from each
true DAG, and for every DAG of the class computes the total effect of x on y as the coefficient
of x in the numpy least-squares regression of y on x and x's parents in that DAG (0 when y is a
parent) -- the "global" IDA of Maathuis et al. (2009), whose distinct values the local method
must reproduce.  Writes test/data/ida_data.csv (id, row, v1..v8) and test/data/ida_reference.csv
(id, cpdag, x, y, members, the distinct effects sorted and joined by '|').

Usage: node test/scripts/make_ida_reference.js DAGITTY_NODE_JS > /tmp/ida.json
       /usr/bin/python3 test/scripts/make_ida_reference.py /tmp/ida.json
"""
import csv
import json
import os
import sys

import numpy as np

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data')
cases = json.load(open(sys.argv[1]))
rng = np.random.default_rng(7)
n = 600
nodes = ['v%d' % i for i in range(1, 9)]
data_rows, ref_rows = [], []
for c in cases:
    coef = {(a, b): rng.uniform(0.5, 1.5) * rng.choice([-1, 1]) for a, b in c['dag']}
    cols = {}
    for v in nodes:  # v1..v8 is a causal order
        cols[v] = rng.normal(size=n) + sum(w * cols[a] for (a, b), w in coef.items() if b == v)
    for i in range(n):
        data_rows.append([c['id'], i + 1] + [repr(float(cols[v][i])) for v in nodes])
    effects = set()
    for parents in c['members']:
        if c['y'] in parents:
            effects.add(0.0)
            continue
        X = np.column_stack([np.ones(n), cols[c['x']]] + [cols[p] for p in parents])
        beta = np.linalg.lstsq(X, cols[c['y']], rcond=None)[0]
        effects.add(round(float(beta[1]), 10))
    ref_rows.append([c['id'], c['cpdag'], c['x'], c['y'], len(c['members']),
                     '|'.join(repr(e) for e in sorted(effects))])
with open(os.path.join(here, 'ida_data.csv'), 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['id', 'row'] + nodes)
    w.writerows(data_rows)
with open(os.path.join(here, 'ida_reference.csv'), 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['id', 'cpdag', 'x', 'y', 'members', 'effects'])
    w.writerows(ref_rows)
