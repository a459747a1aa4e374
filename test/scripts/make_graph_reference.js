#!/usr/bin/env node
// Writes test/data/graph_reference.tsv: d-separation, adjustment-set checks,
// minimal and canonical adjustment sets computed by dagitty (Textor et al.),
// the reference for test/pgtap/45_graph_queries.sql.
//
// dagitty is not part of the project.  To regenerate:
//   1. bring the public repository jtextor/dagitty (commit 7a65777 was used);
//   2. in its jslib/, concatenate node-pre.js, the graph/*.js files listed
//      in jslib/Makefile (GRAPH_FILES) and node-post.js into
//      dagitty-node.js, as its Makefile's dagitty-node.js target does;
//   3. npm install underscore beside it;
//   4. node test/scripts/make_graph_reference.js /path/to/dagitty-node.js \
//        > test/data/graph_reference.tsv
//
// Columns: id, kind, graph (causal.graph text), query, x, y, z, expected.
//   query dsep:      x, y, z node lists; expected t/f (z d-separates x and y)
//   query adjust:    x treatment, y outcome, z covariates; expected t/f
//   query minimal:   expected the minimal sets, each sorted and joined by
//                    ',', sorted and joined by '|'; NONE when there is none
//   query canonical: expected the canonical set (sorted, ','), or NONE
//   query instruments: dagitty's conditionalInstruments, each as
//                    instrument:conditioning set, sorted and joined by '|'
//   query optimal:   the optimal set O(X,Y) of Henckel, Perković and
//                    Maathuis (2022) = pa(cn) \ forb, built here from
//                    dagitty's cn and forb (dagitty has no optimal set) and
//                    checked by dagitty's isAdjustmentSet; DAGs and CPDAGs;
//                    NONE also when an outcome is not a possible descendant
//                    of the treatment (O is not defined there)
// Node lists are comma-separated; '-' stands for the empty list.
'use strict';
const dagitty = require(process.argv[2]);
const { GraphParser, GraphAnalyzer, GraphTransformer } = dagitty;

const { seeded, toOurs, parse, ids, list } = require('./graph_reference_lib.js');
// A seeded generator, so the file is the same on every run.
const { rand, pick } = seeded(20261204);

// A graph: nodes, and edges [a, b, kind] with kind '-->', '<->' or '---'.
function toDagitty(g, x, y) {
  const type = g.edges.some(e => e[2] === '---') ? 'pdag' : 'dag';
  const lines = g.nodes.map(v => v + (x.includes(v) ? ' [exposure]' : y.includes(v) ? ' [outcome]' : ''));
  for (const [a, b, k] of g.edges)
    lines.push(`${a} ${k === '-->' ? '->' : k === '<->' ? '<->' : '--'} ${b}`);
  return GraphParser.parseGuess(`${type} {\n${lines.join('\n')}\n}`);
}
const rows = [];
function row(id, kind, g, query, x, y, z, expected) {
  rows.push([id, kind, toOurs(g), query, list(x), list(y), list(z), expected].join('\t'));
}

// The queries of one graph, treatment x and outcome y.
function cases(id, kind, g, x, y, nAdjust) {
  const dg = toDagitty(g, x, y);
  const isPdag = dg.getType() === 'pdag';
  const msas = GraphAnalyzer.listMsasTotalEffect(dg);
  const minimal = msas.length ? msas.map(s => list(ids(s))).sort().join('|') : 'NONE';
  row(id, kind, g, 'minimal', x, y, [], minimal);
  const can = GraphAnalyzer.canonicalAdjustmentSet(dg);
  row(id, kind, g, 'canonical', x, y, [], can.length ? list(ids(can[0])) : 'NONE');
  if (kind !== 'admg') {
    // Henckel et al.'s O(X,Y) = pa(cn) \ forb, from dagitty's own cn
    // (properPossibleCausalPaths) and forb (dpcp), parents by --> only;
    // dagitty checks that it is an adjustment set.
    let opt = 'NONE';
    // O is defined when every outcome is a possible descendant of X
    const reached = GraphAnalyzer.properPossibleCausalPaths(dg).map(v => v.id);
    if (can.length && y.every(v => reached.includes(v))) {
      const cn = GraphAnalyzer.properPossibleCausalPaths(dg).filter(v => !x.includes(v.id));
      const forb = new Set(GraphAnalyzer.dpcp(dg).map(v => v.id).concat(x));
      const o = new Set();
      for (const c of cn) for (const p of c.getParents()) if (!forb.has(p.id)) o.add(p.id);
      const oset = [...o].sort();
      if (!GraphAnalyzer.isAdjustmentSet(dg, oset.map(v => dg.getVertex(v))))
        throw new Error("O(X,Y) is not an adjustment set in " + id + " " + toOurs(g) + " x=" + x + " y=" + y + " O=" + oset);
      opt = list(oset);
    }
    row(id, kind, g, 'optimal', x, y, [], opt);
  }
  if (kind !== 'cpdag' && x.length === 1 && y.length === 1) {
    // conditional instruments: one "z:w1,w2" per instrument, sorted
    const ivs = GraphAnalyzer.conditionalInstruments(dg, dg.getVertex(x[0]), dg.getVertex(y[0]));
    row(id, kind, g, 'instruments', x, y, [],
        ivs.length ? ivs.map(([z, w]) => z.id + ':' + list(ids(w))).sort().join('|') : 'NONE');
  }
  const others = g.nodes.filter(v => !x.includes(v) && !y.includes(v));
  for (let i = 0; i < nAdjust; i++) {
    let z = others.filter(() => rand() < 0.3);
    if (i === 0 && can.length) z = ids(can[0]);
    row(id, kind, g, 'adjust', x, y, z,
        GraphAnalyzer.isAdjustmentSet(dg, z.map(v => dg.getVertex(v))) ? 't' : 'f');
  }
  // d-separation: in a CPDAG, asked of one DAG of its class (all agree)
  const dd = isPdag ? GraphTransformer.markovEquivalentDags(dg, 1)[0] : dg;
  for (let i = 0; i < nAdjust; i++) {
    const a = pick(g.nodes);
    const rest = g.nodes.filter(v => v !== a);
    const b = pick(rest);
    const z = rest.filter(v => v !== b && rand() < (i % 2 ? 0.5 : 0.15));
    const conn = GraphAnalyzer.dConnected(dd, [dd.getVertex(a)], [dd.getVertex(b)],
                                          z.map(v => dd.getVertex(v)));
    row(id, kind, g, 'dsep', [a], [b], z, conn ? 'f' : 't');
  }
}

// Named graphs: the textbook cases.
const named = [
  ['triangle', 'z --> x; z --> y; x --> y', ['x'], ['y']],
  ['m_bias', 'a --> x; a --> m; b --> m; b --> y; x --> y', ['x'], ['y']],
  ['butterfly', 'a --> x; a --> m; b --> m; b --> y; m --> x; m --> y; x --> y', ['x'], ['y']],
  ['front_door', 'x --> m; m --> y; x <-> y', ['x'], ['y']],
  ['instrument', 'z --> x; x --> y; x <-> y', ['x'], ['y']],
  ['conditional_instrument', 'w --> z; w --> y; z --> x; x --> y; u --> x; u --> y', ['x'], ['y']],
  ['mediator', 'x --> m; m --> y; c --> x; c --> y', ['x'], ['y']],
  ['collider_descendant', 'x --> y; x --> c; y --> c; c --> d', ['x'], ['y']],
  ['post_treatment', 'x --> m; m --> y; m --> w; c --> x; c --> y', ['x'], ['y']],
  ['bow_arc', 'x --> y; x <-> y; z --> x', ['x'], ['y']],
  ['latent_mediator_confounding', 'c --> x; c --> y; x --> m; m --> y; m <-> y', ['x'], ['y']],
  ['latent_covariate', 'a <-> x; a --> y; x --> y', ['x'], ['y']],
  ['two_treatments', 'a --> x1; x1 --> x2; x2 --> y; a --> y; b --> x2; b --> y', ['x1', 'x2'], ['y']],
  ['two_outcomes', 'c --> x; c --> y1; x --> y1; x --> y2; d --> y2; d --> x', ['x'], ['y1', 'y2']],
  ['cpdag_amenable', 'a --- b; a --> x; b --> x; x --> y; a --> y', ['x'], ['y']],
  ['cpdag_not_amenable', 'x --- y', ['x'], ['y']],
  ['cpdag_chain', 'a --- x; x --- y', ['x'], ['y']],
  ['cpdag_v', 'a --> x; b --> x; x --> y; b --> y; c --- a', ['x'], ['y']],
  ['isolated', 'x --> y; w', ['x'], ['y']],
  ['no_effect', 'x --> a; b --> y; c --> x; c --> y', ['x'], ['y']],
];
for (const [id, text, x, y] of named) {
  const g = parse(text);
  cases(id, g.edges.some(e => e[2] === '---') ? 'cpdag'
          : g.edges.some(e => e[2] === '<->') ? 'admg' : 'dag', g, x, y, 4);
}

// Random graphs: nodes v1..vn in causal order, each forward pair an edge
// with probability p; ADMGs add bidirected edges; CPDAGs are the classes
// of random DAGs.
function randomDag(n, p) {
  const nodes = Array.from({ length: n }, (_, i) => 'v' + (i + 1));
  const edges = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      if (rand() < p) edges.push([nodes[i], nodes[j], '-->']);
  return { nodes, edges };
}
function treatmentOutcome(g) {
  const n = g.nodes.length;
  const i = Math.floor(rand() * (n - 1));
  const j = i + 1 + Math.floor(rand() * (n - 1 - i));
  return [[g.nodes[i]], [g.nodes[j]]];
}
for (let r = 0; r < 20; r++) {
  const g = randomDag(15, 0.2);
  const [x, y] = treatmentOutcome(g);
  cases('dag15_' + r, 'dag', g, x, y, 3);
}
for (let r = 0; r < 10; r++) {
  const g = randomDag(15, 0.15);
  for (let i = 0; i < 15; i++)
    for (let j = i + 1; j < 15; j++)
      if (rand() < 0.04) g.edges.push([g.nodes[i], g.nodes[j], '<->']);
  const [x, y] = treatmentOutcome(g);
  cases('admg15_' + r, 'admg', g, x, y, 3);
}
for (let r = 0; r < 10; r++) {
  const d = randomDag(12, 0.25);
  const cp = GraphTransformer.dagToCpdag(toDagitty(d, [], []));
  const g = { nodes: d.nodes, edges: [] };
  for (const e of cp.getEdges()) {
    const undirected = e.directed !== 1;
    g.edges.push([e.v1.id, e.v2.id, undirected ? '---' : '-->']);
  }
  const [x, y] = treatmentOutcome(d);
  cases('cpdag12_' + r, 'cpdag', g, x, y, 3);
}
for (let r = 0; r < 2; r++) {
  const g = randomDag(200, 0.015);
  const [x, y] = treatmentOutcome(g);
  cases('dag200_' + r, 'dag', g, x, y, 3);
}

console.log(['id', 'kind', 'graph', 'query', 'x', 'y', 'z', 'expected'].join('\t'));
for (const r of rows) console.log(r);
