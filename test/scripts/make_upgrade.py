#!/usr/bin/python3
"""Writes the body of an upgrade script: the statements that take the catalog of
an old install script (a frozen sql/causal--<old>.sql) to that of the current
sql/install/*.sql.  Statements are compared one object at a time (a function or
aggregate with the COMMENT that follows it, keyed by the signature in that
COMMENT; a type; a DO block):
  - an object only in the new script is created as written there;
  - an object only in the old one is dropped (aggregates before functions);
  - a function whose header (arguments, defaults, result) changed is dropped and
    created again; one whose body or attributes changed is replaced
    (CREATE OR REPLACE); a changed COMMENT is set again;
  - an operator, operator class or cast only in the new script is created; one
    that changed stops the script (to be written by hand), as does
  - a changed type, which is not handled: the script stops with a message naming it, to
    be written by hand (ALTER TYPE ... ADD ATTRIBUTE keeps stored values).
test/upgrade.sh then checks the result against a fresh install.
Usage: test/scripts/make_upgrade.py sql/causal--0.1.0.sql [causal.<type> ...] > body.sql
(the types named were changed by hand statements written before the body)"""
import glob
import re
import sys


def split_statements(text):
    """Top-level statements (with the comment lines before each), outside quotes."""
    out, start, i, n = [], 0, 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('--', i):
            i = text.find('\n', i)
            i = n if i < 0 else i + 1
            continue
        if c == "'":
            i += 1
            while i < n:
                if text[i] == "'" and text.startswith("''", i):
                    i += 2
                    continue
                if text[i] == "'":
                    break
                i += 1
            i += 1
            continue
        if c == '$':
            m = re.match(r'\$[A-Za-z_]*\$', text[i:])
            if m:
                tag = m.group(0)
                j = text.find(tag, i + len(tag))
                i = j + len(tag)
                continue
        if c == ';':
            out.append(text[start:i + 1].strip('\n'))
            start = i + 1
        i += 1
    rest = text[start:].strip()
    if rest and not all(l.startswith('--') or not l.strip() for l in rest.split('\n')):
        out.append(rest)
    return out


def code_of(stmt):
    """The statement without its leading comment lines."""
    lines = stmt.split('\n')
    while lines and (lines[0].startswith('--') or not lines[0].strip() or lines[0].startswith('\\echo')):
        lines.pop(0)
    return '\n'.join(lines)


def objects(text):
    """Ordered list of (key, kind, create statement, comment statement or None)."""
    stmts = [s for s in split_statements(text) if code_of(s)]
    objs, i = [], 0
    while i < len(stmts):
        code = code_of(stmts[i])
        m = re.match(r'CREATE (FUNCTION|AGGREGATE|TYPE) (causal\.\w+)', code)
        comment = None
        if i + 1 < len(stmts):
            cm = re.match(r'COMMENT ON (FUNCTION|AGGREGATE|TYPE) (causal\.[^ ]+(?: \(|\()?[^)]*\)?) IS', code_of(stmts[i + 1]))
            if m and cm and cm.group(1) == m.group(1) and cm.group(2).startswith(m.group(2)):
                comment = code_of(stmts[i + 1])
        if m:
            if comment:
                key = m.group(1) + ' ' + re.match(r'COMMENT ON \w+ (.*) IS', comment, re.S).group(1).strip()
            else:
                key = m.group(1) + ' ' + re.sub(r'\s+', ' ', code.split(')')[0]) + ')'
            objs.append((key, m.group(1), code, comment))
            i += 2 if comment else 1
        elif code.startswith('COMMENT ON '):
            # a comment apart from its object (the schema's, a type's I/O functions')
            objs.append(('COMMENT ' + code.split(' IS', 1)[0], 'COMMENT', code, None))
            i += 1
        elif code.startswith('DO '):
            objs.append(('DO ' + str(hash(code)), 'DO', code, None))
            i += 1
        elif re.match(r'CREATE (OPERATOR|CAST)\b', code):
            # operators, operator classes and casts: created when new, by hand when changed
            objs.append((signature(code), 'OTHER', code, None))
            i += 1
        else:
            sys.exit('unclassified statement:\n' + code[:300])
    return objs


def signature(code):
    """What names an operator, operator class or cast, whatever its definition says."""
    flat = re.sub(r'\s+', ' ', code)
    m = re.match(r'CREATE CAST \(([^)]*)\)', flat)
    if m:
        return 'CAST (%s)' % m.group(1)
    m = re.match(r'CREATE OPERATOR CLASS (\S+) .*USING (\w+)', flat)
    if m:
        return 'OPERATOR CLASS %s USING %s' % m.groups()
    m = re.match(r'CREATE OPERATOR (\S+) \(', flat)
    left = re.search(r'LEFTARG = ([^,)]+)', flat)
    right = re.search(r'RIGHTARG = ([^,)]+)', flat)
    return 'OPERATOR %s (%s, %s)' % (m.group(1), left.group(1) if left else 'NONE', right.group(1) if right else 'NONE')


def header(code):
    """A function's header: the text before its attributes (LANGUAGE, AS, ...)."""
    return re.split(r'\n\s*(?:LANGUAGE|AS |IMMUTABLE|STABLE|VOLATILE)', code, maxsplit=1)[0]


def main():
    old = objects(open(sys.argv[1]).read())
    by_hand = set(sys.argv[2:])
    new = objects(''.join(open(f).read() + '\n' for f in sorted(glob.glob('sql/install/*.sql'))))
    old_by = {k: (kind, c, cm) for k, kind, c, cm in old}
    new_keys = {k for k, _, _, _ in new}
    out = []
    # objects gone: aggregates first (they use functions), then functions
    for kind in ('AGGREGATE', 'FUNCTION'):
        for k, knd, c, cm in old:
            if knd == kind and k not in new_keys:
                out.append('DROP %s %s;' % (kind, k.split(' ', 1)[1]))
    for k, kind, code, comment in new:
        if k not in old_by:
            out.append(code)
            if comment:
                out.append(comment)
            continue
        _, ocode, ocomment = old_by[k]
        if kind == 'TYPE':
            if ocode != code and k.split(' ', 1)[1] not in by_hand:
                sys.exit('type %s changed: write its upgrade by hand and name it on the command line' % k)
        elif kind == 'OTHER':
            if ocode != code:
                sys.exit('%s changed: write its upgrade by hand' % k[:80])
            continue
        elif kind == 'DO' or kind == 'COMMENT':
            if ocode != code:
                out.append(code)
            continue
        elif ocode != code:
            if header(ocode) != header(code) or kind == 'AGGREGATE':
                out.append('DROP %s %s;' % (kind, k.split(' ', 1)[1]))
                out.append(code)
                ocomment = None     # dropped with the object: set again
            else:
                out.append(code.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION', 1))
        if comment and comment != ocomment:
            out.append(comment)
    print('\n\n'.join(out))


if __name__ == '__main__':
    main()
