#!/usr/bin/python3
"""Reference graphs for PC's conservative (CPC) and majority (MPC) collider rules.

On causal-learn's linear test data (../shared/fixtures/causal-learn/pc_linear, not copied
here) and the PC skeleton causal-learn found at alpha 0.05 (the fixture's graph, whose
skeleton PC reproduces exactly), an independent numpy/scipy implementation of the rules as
pcalg defines them (Ramsey, Zhang and Spirtes 2006; Colombo and Maathuis 2014):

- for each unshielded triple x - y - z, test x _||_ z | S (Fisher-z, p = 2(1 - Phi(|z|)),
  independent when p > alpha) for every subset S of the neighbours of x without z and of
  the neighbours of z without x, each distinct set once;
- CPC: y in none of the separating sets -> collider, in all -> non-collider, otherwise (or
  no separating set) ambiguous; MPC: in fewer than half -> collider, more than half ->
  non-collider, exactly half (or none found) -> ambiguous;
- colliders x --> y <-- z unless y already points into x or z (priority 2); then Meek's
  R1-R3 until nothing changes, skipping ambiguous triples in R1 and R3 and any orientation
  that would close a directed cycle.

Writes test/data/cpc_reference.csv (rule, source, target, edge).
Run from the project root: /usr/bin/python3 test/scripts/make_cpc_reference.py
"""
import csv
import itertools
import json
import math
import os

import numpy as np
from scipy.stats import norm

FIX = os.path.join(os.path.dirname(__file__), "../../../shared/fixtures/causal-learn/pc_linear")
X = np.loadtxt(os.path.join(FIX, "data.csv"), delimiter=",", skiprows=1)
ref = json.load(open(os.path.join(FIX, "reference.json")))
run = next(v for k, v in ref["runs"].items() if v["settings"]["alpha"] == 0.05 and v["settings"].get("uc_rule", 0) == 0
           and v["settings"].get("uc_priority", 2) == 2)
G0 = np.array(run["graph"])
n, k = X.shape
C = np.corrcoef(X.T)
ALPHA = 0.05
adj = (G0 != 0) | (G0.T != 0)


def pvalue(x, y, S):
    idx = [x, y] + list(S)
    P = np.linalg.inv(C[np.ix_(idx, idx)])
    r = -P[0, 1] / math.sqrt(P[0, 0] * P[1, 1])
    z = 0.5 * math.log((1 + r) / (1 - r)) * math.sqrt(n - len(S) - 3)
    return 2 * (1 - norm.cdf(abs(z)))


def classify(majority):
    coll, amb = [], []
    for y in range(k):
        nb = [v for v in range(k) if adj[y, v]]
        for x, z in itertools.combinations(nb, 2):
            if adj[x, z]:
                continue
            sets = set()
            for a, other in ((x, z), (z, x)):
                na = [v for v in range(k) if adj[a, v] and v != other]
                for d in range(len(na) + 1):
                    for S in itertools.combinations(na, d):
                        sets.add(tuple(sorted(S)))
            seps = [S for S in sets if pvalue(x, z, S) > ALPHA]
            nin = sum(y in S for S in seps)
            if seps and (2 * nin < len(seps) if majority else nin == 0):
                coll.append((x, y, z))
            elif not (seps and (2 * nin > len(seps) if majority else nin == len(seps))):
                amb.append((x, y, z))
    return coll, amb


def orient(coll, amb):
    # m[i][j]: mark at i on edge i-j, causal-learn codes (-1 tail, 1 arrow)
    m = np.where(adj, -1, 0)

    def directed(a, b):
        return m[a, b] == -1 and m[b, a] == 1

    def undirected(a, b):
        return m[a, b] == -1 and m[b, a] == -1

    def ancestor(a, b):  # a is an ancestor of b through directed edges
        seen, stack = {b}, [b]
        while stack:
            v = stack.pop()
            if v == a:
                return True
            for u in range(k):
                if u not in seen and directed(u, v):
                    seen.add(u)
                    stack.append(u)
        return False

    def set_dir(a, b):
        if ancestor(b, a):
            return False
        m[a, b], m[b, a] = -1, 1
        return True

    for x, y, z in coll:
        if not directed(y, x) and not directed(y, z):
            m[x, y], m[y, x] = -1, 1
            m[z, y], m[y, z] = -1, 1
    ambs = set((a, b, c) for a, b, c in amb) | set((c, b, a) for a, b, c in amb)
    changed = True
    while changed:
        changed = False
        for i, j, l in itertools.permutations(range(k), 3):
            # R1: i --> j --- l, i and l not adjacent
            if directed(i, j) and undirected(j, l) and not adj[i, l] and (i, j, l) not in ambs and set_dir(j, l):
                changed = True
            # R2: i --> j --> l and i --- l
            if directed(i, j) and directed(j, l) and undirected(i, l) and set_dir(i, l):
                changed = True
        for i in range(k):
            for j, l2 in itertools.combinations(range(k), 2):
                if adj[j, l2]:
                    continue
                for l in range(k):
                    # R3: i --- j --> l, i --- l2 --> l, i --- l, j and l2 not adjacent, (j, i, l2) not ambiguous
                    if (len({i, j, l2, l}) == 4 and undirected(i, j) and undirected(i, l2) and directed(j, l)
                            and directed(l2, l) and undirected(i, l) and (j, i, l2) not in ambs and set_dir(i, l)):
                        changed = True
    rows = []
    for a in range(k):
        for b in range(a + 1, k):
            if not adj[a, b]:
                continue
            if undirected(a, b):
                rows.append(("X%d" % (a + 1), "X%d" % (b + 1), "---"))
            elif directed(a, b):
                rows.append(("X%d" % (a + 1), "X%d" % (b + 1), "-->"))
            else:
                rows.append(("X%d" % (b + 1), "X%d" % (a + 1), "-->"))
    return rows


with open(os.path.join(os.path.dirname(__file__), "../data/cpc_reference.csv"), "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["rule", "source", "target", "edge"])
    for rule, majority in (("cpc", False), ("mpc", True)):
        coll, amb = classify(majority)
        print(rule, "colliders", len(coll), "ambiguous", len(amb))
        for row in orient(coll, amb):
            w.writerow([rule] + list(row))
