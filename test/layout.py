#!/usr/bin/python3
"""Checks the layout rules of src/ (see src/README.md), printing TAP lines.

1. Every folder of src/ has a README.md with a line "May include: a, b, ..." naming the
   folders of ours its files may include (besides their own folder).
2. The folders follow the layers: each may include only folders of a lower rank (RANK below),
   so no arrow points up, and families of one rank (the four estimators) never include
   each other (no sideways arrow).
3. Every #include "x/y.h" of a src/ file names a folder its README allows.
4. No source file is over 700 lines.
5. Only core/linalg includes cblas.h or lapacke.h.

Usage: test/layout.py [SRC_DIR]   (default: src beside this script)
"""
import os
import re
import sys

# The layers of DESIGN.md, bottom first; folders of one rank are peers.
RANK = {
    'core': 0, 'sketch': 1, 'citest': 2, 'graph': 3, 'discovery': 4,
    'estimate': 5, 'estimate/propensity': 6, 'estimate/learners': 7,
    'estimate/regression': 8, 'estimate/matching': 8, 'estimate/weighting': 8,
    'estimate/dml': 8,
    'estimate/refute': 9,       # re-estimates through the families
    '.': 10,                    # causal.c, the module entry
}
MAX_LINES = 700

src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src')
src = os.path.normpath(src)
results = []


def check(ok, what):
    results.append((ok, what))


folders = {}
for d, subdirs, files in os.walk(src):
    subdirs.sort()
    rel = os.path.relpath(d, src)
    sources = sorted(f for f in files if f.endswith(('.c', '.h')))
    if not sources and not any(True for _ in subdirs):
        continue
    folders[rel] = sources

allowed = {}
for rel in sorted(folders):
    readme = os.path.join(src, rel, 'README.md')
    line = None
    if os.path.exists(readme):
        for ln in open(readme, encoding='utf-8'):
            if ln.startswith('May include:'):
                line = ln[len('May include:'):].strip()
    check(line is not None, 'src/%s has a README.md with a "May include:" line' % rel)
    check(rel in RANK, 'src/%s has a place among the layers (test/layout.py RANK)' % rel)
    names = [] if line is None or line.startswith('(') else [x.strip() for x in line.split(',') if x.strip()]
    allowed[rel] = set(names)
    bad = [n for n in names if n not in RANK or rel not in RANK or RANK[n] >= RANK[rel]]
    check(not bad, 'src/%s may include only lower layers%s' % (rel, ' (not: %s)' % ', '.join(bad) if bad else ''))

ours = set(folders) - {'.'}
bad_includes = []
long_files = []
blas = []
for rel, sources in sorted(folders.items()):
    for f in sources:
        path = os.path.join(src, rel, f)
        text = open(path, encoding='utf-8').read()
        name = os.path.normpath(os.path.join(rel, f))
        if text.count('\n') > MAX_LINES:
            long_files.append('%s (%d)' % (name, text.count('\n')))
        for m in re.finditer(r'^#include\s+([<"])([^>"]+)[>"]', text, re.M):
            target = m.group(2)
            if m.group(1) == '<':
                if target in ('cblas.h', 'lapacke.h') and name not in ('core/linalg.c', 'core/linalg.h'):
                    blas.append(name)
                continue
            folder = os.path.dirname(target)
            if folder not in ours or folder == rel:
                continue        # a PostgreSQL header, or one of the same folder
            if folder not in allowed.get(rel, set()):
                bad_includes.append('%s -> %s' % (name, target))

check(not bad_includes, 'every #include follows its folder\'s README%s' %
      ('' if not bad_includes else ': ' + '; '.join(bad_includes)))
check(not long_files, 'no file of src/ is over %d lines%s' % (MAX_LINES, '' if not long_files else ': ' + ', '.join(long_files)))
check(not blas, 'only core/linalg includes cblas.h or lapacke.h%s' % ('' if not blas else ': ' + ', '.join(blas)))

print('1..%d' % len(results))
for i, (ok, what) in enumerate(results, 1):
    print('%s %d - layout: %s' % ('ok' if ok else 'not ok', i, what))
sys.exit(0 if all(ok for ok, _ in results) else 1)
