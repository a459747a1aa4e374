#!/usr/bin/python3
"""Reference values for causal.is_frontdoor_set and identify's front-door rows
(test/pgtap/45b_frontdoor.sql): pgmpy's CausalInference.is_valid_frontdoor_adjustment_set
(github.com/pgmpy/pgmpy, commit 94105f10, run from its sources outside the project) on
textbook graphs and seeded random ADMGs, every subset of the other observed nodes.

Writes test/data/frontdoor_reference.tsv: graph (causal.graph text), treatment, outcome,
mediators (comma-separated, sorted; empty for the empty set), valid (t/f).

Usage:  PYTHONPATH=<pgmpy checkout> /usr/bin/python3 make_frontdoor_reference.py
Bidirected edges a <-> b are given to pgmpy as a latent node with edges into a and b.
pgmpy's optional imports (torch, pyro, opt_einsum, daft, google) are stubbed; the
front-door check does not use them.  Needs python3-networkx python3-pandas python3-scipy
python3-sklearn python3-statsmodels python3-tqdm (Debian).
"""
import itertools
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stub_imports  # noqa: E402

stub_imports.install(("torch", "pyro", "opt_einsum", "google", "daft"))
from pgmpy.inference import CausalInference  # noqa: E402
from pgmpy.models import BayesianNetwork  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "frontdoor_reference.tsv")


def pgmpy_model(nodes, directed, bidirected):
    edges = list(directed)
    latents = set()
    for a, b in bidirected:
        u = "U_%s_%s" % (a, b)
        latents.add(u)
        edges += [(u, a), (u, b)]
    m = BayesianNetwork(edges, latents=latents)
    m.add_nodes_from(nodes)
    return m


def graph_text(nodes, directed, bidirected):
    parts = ["%s --> %s" % e for e in directed] + ["%s <-> %s" % e for e in bidirected]
    used = {v for e in list(directed) + list(bidirected) for v in e}
    parts += [v for v in nodes if v not in used]
    return "; ".join(parts)


def descendants(nodes, directed, x):
    out, todo = {x}, [x]
    while todo:
        v = todo.pop()
        for a, b in directed:
            if a == v and b not in out:
                out.add(b)
                todo.append(b)
    return out


textbook = [
    # Pearl's front-door graph, with and without extra structure
    (["x", "m", "y"], [("x", "m"), ("m", "y")], [("x", "y")]),
    (["x", "m", "y"], [("x", "m"), ("m", "y")], [("x", "y"), ("m", "y")]),
    (["x", "m", "y"], [("x", "m"), ("m", "y")], [("x", "y"), ("x", "m")]),
    (["x", "m1", "m2", "y"], [("x", "m1"), ("m1", "m2"), ("m2", "y")], [("x", "y")]),
    (["x", "m1", "m2", "y"], [("x", "m1"), ("x", "m2"), ("m1", "y"), ("m2", "y")], [("x", "y")]),
    (["x", "m", "y"], [("x", "m"), ("m", "y"), ("x", "y")], [("x", "y")]),
    (["z", "x", "m", "y"], [("z", "x"), ("x", "m"), ("m", "y"), ("z", "y")], []),
    (["z", "x", "m", "y"], [("z", "x"), ("x", "m"), ("m", "y"), ("z", "m")], [("x", "y")]),
    (["x", "m", "w", "y"], [("x", "m"), ("m", "y"), ("w", "m"), ("w", "y")], [("x", "y")]),
    (["x", "m1", "m2", "y"], [("x", "m1"), ("m1", "m2"), ("m2", "y"), ("m1", "y")], [("x", "y")]),
    (["x", "m1", "m2", "y"], [("x", "m1"), ("x", "m2"), ("m1", "y"), ("m2", "y")], [("x", "y"), ("m1", "m2")]),
]

rng = random.Random(20261204)
graphs = list(textbook)
while len(graphs) < len(textbook) + 40:
    k = rng.randint(5, 8)
    nodes = ["v%d" % i for i in range(1, k + 1)]
    order = nodes[:]
    rng.shuffle(order)
    directed = [(order[i], order[j]) for i in range(k) for j in range(i + 1, k) if rng.random() < 0.35]
    bidirected = [(order[i], order[j]) for i in range(k) for j in range(i + 1, k) if rng.random() < 0.15]
    graphs.append((nodes, directed, bidirected))

rows = []
for nodes, directed, bidirected in graphs:
    model = pgmpy_model(nodes, directed, bidirected)
    ci = CausalInference(model)
    text = graph_text(nodes, directed, bidirected)
    if len(graphs) and (nodes, directed, bidirected) in textbook:
        pairs = [("x", "y")]
    else:
        # pairs with a directed path, at most three per graph, in a seeded order
        pairs = [(a, b) for a in nodes for b in nodes
                 if a != b and b in descendants(nodes, directed, a) - {a}]
        rng.shuffle(pairs)
        pairs = pairs[:3]
    for x, y in pairs:
        others = [v for v in nodes if v not in (x, y)]
        for r in range(len(others) + 1):
            for s in itertools.combinations(others, r):
                valid = ci.is_valid_frontdoor_adjustment_set(x, y, set(s))
                rows.append((text, x, y, ",".join(sorted(s)), "t" if valid else "f"))

with open(OUT, "w") as f:
    f.write("graph\ttreatment\toutcome\tmediators\tvalid\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
print(len(rows), "rows,", sum(r[4] == "t" for r in rows), "valid", file=sys.stderr)
