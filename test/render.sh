#!/usr/bin/env bash
# Renders the extension's pictures to PNG (rsvg-convert, Debian's librsvg2-bin) and checks each
# with test/scripts/png_check.py: it renders, at the size the SVG declares, with ink, and nothing
# runs off the edge (the Love plot's title, a node label).  Pictures: a Love plot on LaLonde after
# matching with a factor covariate (one row per level), and causal.svg of a graph with every edge
# type and a long node name.  Prints TAP-style lines.  Usage: test/render.sh (PGHOST/PGPORT set)
set -uo pipefail
cd "$(dirname "$0")/.."
db=causal_render
i=0
out=$(mktemp -d)
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1
psql -X -q -d $db -c "CREATE EXTENSION causal" >/dev/null
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d $db "$@"; }
check() {	# check NAME FILE.svg
	local name=$1 svg=$2 w h res
	i=$((i + 1))
	w=$(sed -n 's/^<svg[^>]* width="\([0-9]*\)".*/\1/p' "$svg")
	h=$(sed -n 's/^<svg[^>]* height="\([0-9]*\)".*/\1/p' "$svg")
	if [ -z "$w" ] || ! rsvg-convert -o "${svg%.svg}.png" "$svg" 2>"$out/err"; then
		echo "not ok $i - $name renders to PNG"
		sed 's/^/#   /' "$out/err" | head -5
		return
	fi
	if res=$(python3 test/scripts/png_check.py "${svg%.svg}.png" "$w" "$h" 2); then
		echo "ok $i - $name renders to a ${w}x${h} PNG with nothing off the edge"
	else
		echo "not ok $i - $name: $res"
	fi
}
q -c "CREATE TABLE l AS SELECT * FROM causal.lalonde()" \
  -c "CREATE TABLE lm AS SELECT l.*, coalesce(m.weight, 0) AS weight FROM l LEFT JOIN causal.match('l', 'treat', '{age,educ,race,re74,re75}', 'row_id') m ON m.id = l.row_id::text" >/dev/null
q -c "SELECT causal.love_plot('lm', 'treat', '{age,educ,race,married,nodegree,re74,re75}', 'weight')" > "$out/love.svg"
check "the Love plot (absolute SMDs, a factor covariate)" "$out/love.svg"
q -c "SELECT causal.love_plot('lm', 'treat', '{age,educ,re74}', 'weight', absolute => false, estimand => 'ATT')" > "$out/love_signed.svg"
check "the Love plot with signed differences" "$out/love_signed.svg"
q -c "SELECT causal.svg('z --> x; z --> y; x --> m; m --> y; u <-> y; w --- x; a o-> b; b o-o c; an_unusually_long_variable_name --> y'::causal.graph)" > "$out/graph.svg"
check "causal.svg of a graph with every edge type" "$out/graph.svg"
q -c "CREATE TABLE s AS SELECT x[1] AS x1, x[2] AS x2, x[3] AS x3, x[4] AS x4, x[5] AS x5, x[6] AS x6
                         FROM causal.simulate_sem(2000, 6, seed => 3, edge_prob => 0.5)" >/dev/null
q -c "SELECT causal.svg(causal.graph(p.source, p.target, p.edge)) FROM causal.pc('s') p" > "$out/pc.svg"
check "causal.svg of the CPDAG PC finds on simulated data" "$out/pc.svg"
rm -rf "$out"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
