#!/usr/bin/env node
// First half of the IDA reference (test/scripts/make_ida_reference.py does the rest): random
// DAGs of 8 nodes, their CPDAGs and every DAG of each Markov equivalence class, from dagitty
// (run outside the project; see make_graph_reference.js for how to build dagitty-node.js).
// Writes JSON to stdout: [{id, dag: [[a, b], ...], cpdag: "causal.graph text", x, y,
// members: [[parents of x in each member DAG], ...]}].
//
// Usage: node test/scripts/make_ida_reference.js /path/to/dagitty-node.js > /tmp/ida.json
'use strict';
const { GraphParser, GraphTransformer } = require(process.argv[2]);

const { rand } = require('./graph_reference_lib.js').seeded(4242);
const out = [];
for (let r = 0; out.length < 12 && r < 500; r++) {
  const n = 8;
  const nodes = Array.from({ length: n }, (_, i) => 'v' + (i + 1));
  const edges = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      if (rand() < 0.35) edges.push([nodes[i], nodes[j]]);
  const g = GraphParser.parseGuess('dag {\n' + nodes.join('\n') + '\n' +
                                   edges.map(([a, b]) => a + ' -> ' + b).join('\n') + '\n}');
  const cp = GraphTransformer.dagToCpdag(g);
  // a treatment with at least one undirected edge, so that the class matters
  const und = cp.getEdges().filter(e => e.directed !== 1);
  if (und.length === 0) continue;
  const x = und[Math.floor(rand() * und.length)].v1.id;
  const others = nodes.filter(v => v !== x);
  const y = others[Math.floor(rand() * others.length)];
  const members = GraphTransformer.markovEquivalentDags(cp, 10000)
    .map(d => d.getVertex(x).getParents().map(v => v.id).sort());
  const text = cp.getEdges().map(e => `${e.v1.id} ${e.directed === 1 ? '-->' : '---'} ${e.v2.id}`)
    .concat(nodes.filter(v => !cp.getEdges().some(e => e.v1.id === v || e.v2.id === v)))
    .join('; ');
  out.push({ id: 'ida' + out.length, dag: edges, cpdag: text, x, y, members });
}
console.log(JSON.stringify(out));
