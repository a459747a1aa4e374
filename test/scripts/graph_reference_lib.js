// Helpers shared by the dagitty reference scripts (make_graph_reference.js,
// make_pag_reference.js, make_ida_reference.js): a seeded generator, and the
// translation between causal.graph text and edge lists.
'use strict';

// xorshift32 from a seed, so that a reference file is the same on every run
function seeded(seed) {
  let state = seed;
  const rand = function () {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 4294967296;
  };
  const pick = a => a[Math.floor(rand() * a.length)];
  return { rand, pick };
}

// A graph {nodes, edges: [[a, b, kind]]} as causal.graph text: edges, then isolated nodes.
function toOurs(g) {
  const parts = g.edges.map(([a, b, k]) => `${a} ${k} ${b}`);
  const used = new Set(g.edges.flatMap(([a, b]) => [a, b]));
  for (const v of g.nodes) if (!used.has(v)) parts.push(v);
  return parts.join('; ');
}

// causal.graph text (chains allowed) as {nodes, edges}.
function parse(text) {
  const nodes = [], edges = [];
  for (const st of text.split(';').map(s => s.trim()).filter(s => s)) {
    const tok = st.split(/\s+/);
    for (let i = 0; i < tok.length; i += 2) if (!nodes.includes(tok[i])) nodes.push(tok[i]);
    for (let i = 1; i < tok.length; i += 2) edges.push([tok[i - 1], tok[i + 1], tok[i]]);
  }
  return { nodes, edges };
}

const ids = s => s.map(v => v.id).sort();
const list = a => (a.length ? [...a].sort().join(',') : '-');

module.exports = { seeded, toOurs, parse, ids, list };
