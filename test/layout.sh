#!/usr/bin/env bash
# The layout rules of src/ (test/layout.py), then a check that the checker fails on a copy of
# src/ with a sideways include (matching -> weighting), an upward one (core -> sketch) and a
# file over 700 lines.  Prints TAP lines ("ok N - ...") for the harness to count.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(/usr/bin/python3 "$here/layout.py" "$here/../src")
printf '%s\n' "$out" | grep -E '^(not )?ok '
n=$(printf '%s\n' "$out" | grep -cE '^(not )?ok ')
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp -r "$here/../src" "$tmp/src"
k=0
for inject in "estimate/matching/match_units.c:#include \"estimate/weighting/ebal.h\"" \
              "core/compare.c:#include \"sketch/moments.h\""; do
	file=${inject%%:*}; line=${inject#*:}
	rm -rf "$tmp/case"; cp -r "$tmp/src" "$tmp/case"
	printf '%s\n' "$line" >>"$tmp/case/$file"
	k=$((k + 1))
	if /usr/bin/python3 "$here/layout.py" "$tmp/case" >/dev/null; then
		echo "not ok $((n + k)) - layout: the checker misses $line in $file"
	else
		echo "ok $((n + k)) - layout: the checker catches $line in $file"
	fi
done
rm -rf "$tmp/case"; cp -r "$tmp/src" "$tmp/case"
seq 701 | sed 's/^/\/\/ /' >>"$tmp/case/graph/graph.c"
k=$((k + 1))
if /usr/bin/python3 "$here/layout.py" "$tmp/case" >/dev/null; then
	echo "not ok $((n + k)) - layout: the checker misses a file over 700 lines"
else
	echo "ok $((n + k)) - layout: the checker catches a file over 700 lines"
fi
