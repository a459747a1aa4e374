#!/usr/bin/env node
// Writes test/data/pag_reference.tsv: adjustment-set checks, minimal and
// canonical sets and separation in PAGs computed by dagitty (Textor et al.;
// isAdjustmentSet, listMsasTotalEffect, canonicalAdjustmentSet, dConnected on
// graphs of type pag), the reference
// for the PAG rows of test/pgtap/45_graph.sql.  Same columns as
// graph_reference.tsv (see make_graph_reference.js, which also says how to
// build dagitty-node.js):
//   node test/scripts/make_pag_reference.js /path/to/dagitty-node.js \
//        > test/data/pag_reference.tsv
//
// The graphs: seeded random DAGs with a few bidirected edges, whose edges a
// --> b become a o-> b (and some a o-o b), then closed under FCI's rule R1
// (no p *-> v o-* w with p and w not adjacent; such an edge goes back to the
// DAG's a --> b), as every PAG FCI returns is; the textbook PAGs below; and 30 denser random PAGs whose
// effect dagitty identifies with a non-empty set (minimal and canonical sets).
'use strict';
const dagitty = require(process.argv[2]);
const { GraphParser, GraphAnalyzer } = dagitty;

const { seeded, toOurs, parse, ids, list } = require('./graph_reference_lib.js');
const { rand, pick } = seeded(20261205);

// edges [a, b, kind], kind one of '-->', '<->', 'o->', 'o-o'
const dagittyMark = { '-->': '->', '<->': '<->', 'o->': '@->', 'o-o': '@-@' };
function toDagitty(g, x, y) {
  const lines = g.nodes.map(v => v + (x.includes(v) ? ' [exposure]' : y.includes(v) ? ' [outcome]' : ''));
  for (const [a, b, k] of g.edges) lines.push(`${a} ${dagittyMark[k]} ${b}`);
  return GraphParser.parseGuess(`pag {\n${lines.join('\n')}\n}`);
}
const rows = [];
function row(id, g, query, x, y, z, expected) {
  rows.push([id, 'pag', toOurs(g), query, list(x), list(y), list(z), expected].join('\t'));
}

// whether node u has an arrowhead from w (w *-> u), and adjacency
function arrowInto(g, w, u) {
  return g.edges.some(([a, b, k]) => (a === w && b === u && (k === '-->' || k === '<->' || k === 'o->')) ||
                                     (b === w && a === u && k === '<->'));
}
function adjacent(g, a, b) { return g.edges.some(([p, q]) => (p === a && q === b) || (p === b && q === a)); }
// R1-closed: no p *-> v o-* w with p, w not adjacent (FCI's rule R1 would make it v --> w);
// returns [edge, v, w] of a violation, or null
function r1Violation(g) {
  for (const e of g.edges) {
    const ends = [];
    if (e[2] === 'o->' || e[2] === 'o-o') ends.push([e[0], e[1]]);
    if (e[2] === 'o-o') ends.push([e[1], e[0]]);
    for (const [v, w] of ends)
      for (const p of g.nodes)
        if (p !== w && arrowInto(g, p, v) && !adjacent(g, p, w)) return [e, v, w];
  }
  return null;
}
// resolve it: the edge becomes directed in the causal order of the DAG it came from (v --> w,
// what R1 does, when v comes first; else w --> v), which keeps the graph acyclic
function applyR1([e]) { e[2] = '-->'; }

function cases(id, g, x, y, nAdjust) {
  const dg = toDagitty(g, x, y);
  const msas = GraphAnalyzer.listMsasTotalEffect(dg);
  row(id, g, 'minimal', x, y, [], msas.length ? msas.map(s => list(ids(s))).sort().join('|') : 'NONE');
  const can = GraphAnalyzer.canonicalAdjustmentSet(dg);
  row(id, g, 'canonical', x, y, [], can.length ? list(ids(can[0])) : 'NONE');
  const others = g.nodes.filter(v => !x.includes(v) && !y.includes(v));
  for (let i = 0; i < nAdjust; i++) {
    let z = others.filter(() => rand() < 0.35);
    if (i === 0 && can.length) z = ids(can[0]);
    row(id, g, 'adjust', x, y, z, GraphAnalyzer.isAdjustmentSet(dg, z.map(v => dg.getVertex(v))) ? 't' : 'f');
  }
  for (let i = 0; i < nAdjust; i++) {
    const a = pick(g.nodes);
    const rest = g.nodes.filter(v => v !== a);
    const b = pick(rest);
    const z = rest.filter(v => v !== b && rand() < (i % 2 ? 0.5 : 0.15));
    const conn = GraphAnalyzer.dConnected(dg, [dg.getVertex(a)], [dg.getVertex(b)], z.map(v => dg.getVertex(v)));
    row(id, g, 'dsep', [a], [b], z, conn ? 'f' : 't');
  }
}

const named = [
  ['pag_visible', 'a o-> x; x --> y', ['x'], ['y']],
  ['pag_invisible', 'a o-> x; x --> y; a --> y', ['x'], ['y']],
  ['pag_circle_treatment', 'a o-> x; x o-> y', ['x'], ['y']],
  ['pag_undirected', 'x o-o y', ['x'], ['y']],
  ['pag_confounder', 'c o-> x; c o-> y; x --> y; d o-> x', ['x'], ['y']],
  ['pag_spouse', 'a <-> x; x --> y; b o-> a', ['x'], ['y']],
  ['pag_collider_path', 'c o-> a; a <-> x; a --> y; x --> y', ['x'], ['y']],
];
for (const [id, text, x, y] of named) cases(id, parse(text), x, y, 4);

for (let r = 0; r < 30; r++) {
  const n = 8 + Math.floor(rand() * 5);
  const nodes = Array.from({ length: n }, (_, i) => 'v' + (i + 1));
  const g = { nodes, edges: [] };
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const u = rand();
      if (u < 0.22) g.edges.push([nodes[i], nodes[j], '-->']);
      else if (u < 0.26) g.edges.push([nodes[i], nodes[j], '<->']);
    }
  for (const e of g.edges) if (e[2] === '-->' && rand() < 0.5) e[2] = 'o->';
  for (const e of g.edges) if (e[2] === 'o->' && rand() < 0.35) e[2] = 'o-o';
  for (let e = r1Violation(g); e; e = r1Violation(g)) applyR1(e);
  // treatment and outcome in causal order, outcome a (possible) descendant more often than not
  const i = Math.floor(rand() * (n - 1));
  const j = i + 1 + Math.floor(rand() * (n - 1 - i));
  cases('pag_random_' + r, g, [nodes[i]], [nodes[j]], 4);
}

// denser PAGs where the effect is identified with a non-empty set: minimal and canonical sets
function randomPag(n, pEdge) {
  const nodes = Array.from({ length: n }, (_, i) => 'v' + (i + 1));
  const g = { nodes, edges: [] };
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const u = rand();
      if (u < pEdge) g.edges.push([nodes[i], nodes[j], '-->']);
      else if (u < pEdge + 0.03) g.edges.push([nodes[i], nodes[j], '<->']);
    }
  for (const e of g.edges) if (e[2] === '-->' && rand() < 0.5) e[2] = 'o->';
  for (const e of g.edges) if (e[2] === 'o->' && rand() < 0.25) e[2] = 'o-o';
  for (let e = r1Violation(g); e; e = r1Violation(g)) applyR1(e);
  return g;
}
for (let r = 0, tries = 0; r < 30 && tries < 5000; tries++) {
  const n = 9 + Math.floor(rand() * 6);
  const g = randomPag(n, 0.3);
  const i = Math.floor(rand() * (n - 1));
  const j = i + 1 + Math.floor(rand() * (n - 1 - i));
  const x = [g.nodes[i]], y = [g.nodes[j]];
  const msas = GraphAnalyzer.listMsasTotalEffect(toDagitty(g, x, y));
  if (!msas.some(s => s.length > 0)) continue;
  row('pag_confounded_' + r, g, 'minimal', x, y, [], msas.map(s => list(ids(s))).sort().join('|'));
  const can = GraphAnalyzer.canonicalAdjustmentSet(toDagitty(g, x, y));
  row('pag_confounded_' + r, g, 'canonical', x, y, [], can.length ? list(ids(can[0])) : 'NONE');
  r++;
}

console.log(['id', 'kind', 'graph', 'query', 'x', 'y', 'z', 'expected'].join('\t'));
for (const r of rows) console.log(r);
