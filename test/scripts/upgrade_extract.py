#!/usr/bin/python3
"""Prints the current definitions (CREATE FUNCTION ... through its COMMENT ON
FUNCTION) of the functions named on the command line, as found in
sql/install/*.sql, with CREATE FUNCTION turned into CREATE OR REPLACE FUNCTION:
the raw material of an upgrade script's function section.  A name matches
every overload whose CREATE FUNCTION line starts with "causal.<name>(" and,
when the name carries an argument prefix such as "pc(relation regclass",
that prefix.  Usage: test/scripts/upgrade_extract.py 'ci_test(relation' graph_line ..."""
import glob
import re
import sys


def main():
    src = ''.join(open(f).read() for f in sorted(glob.glob('sql/install/*.sql')))
    lines = src.split('\n')
    for want in sys.argv[1:]:
        name = want if '(' in want else want + '('
        found = False
        for i, line in enumerate(lines):
            if not line.startswith('CREATE FUNCTION causal.' + name):
                continue
            found = True
            j = i
            # the body: up to the line closing the dollar quote, or the end of a RETURN/sql one-liner
            while True:
                if re.match(r'^\$\$;', lines[j]) or (j > i and lines[j].rstrip().endswith(';')
                                                     and '$$' not in '\n'.join(lines[i:j + 1])):
                    break
                j += 1
            # the COMMENT ON that follows, to its closing quote and semicolon
            k = j + 1
            if k < len(lines) and lines[k].startswith('COMMENT ON FUNCTION'):
                while not lines[k].rstrip().endswith("';"):
                    k += 1
            else:
                k = j
            block = lines[i:k + 1]
            block[0] = block[0].replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION', 1)
            print('\n'.join(block))
            print()
        if not found:
            sys.exit('no function ' + want)


if __name__ == '__main__':
    main()
