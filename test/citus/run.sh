#!/usr/bin/env bash
# make check-citus: the extension on a Citus cluster.  Builds Citus from the release archive in
# ../shared/citus (with the patch PostgreSQL 15.14+ needs), installs it, starts a coordinator and
# two workers (as the postgres user, project-local data folders, one private socket folder, free
# ports), creates the extension on the coordinator (Citus creates it on the workers), runs the
# pgTAP suite test/citus/citus.sql against the coordinator, stops the nodes and prints
# "N passed, N failed".  Without ../shared/citus it says so and skips.  With the argument bench
# it runs test/bench/citus_moments.sql (make bench) instead of the suite.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# log, as_pg, free_port, init_cluster, tap_summary, ensure_packages, build_install, PGBIN, PG_CONFIG
source "$ROOT/test/harness.sh"
cd "$ROOT"
SHARED="$ROOT/../shared/citus"
TARBALL=$(ls "$SHARED"/citus-*.tar.gz 2>/dev/null | head -1 || true)
WORK="$ROOT/.citus"
SOCK=""
NODES=()

if [ -z "$TARBALL" ]; then
	echo "check-citus: no Citus release archive in ../shared/citus; skipped"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi

# the extension's own packages and build
ensure_packages
build_install

# Citus: built once per archive (a stamp with the archive's checksum beside the installed library)
SUM=$(sha256sum "$TARBALL" | cut -c1-16)
STAMP="$($PG_CONFIG --pkglibdir)/citus.causal-check-$SUM"
if [ ! -e "$STAMP" ] || [ ! -e "$($PG_CONFIG --pkglibdir)/citus.so" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "check-citus: building Citus needs root (apt-get, make install)" >&2; exit 1
	fi
	missing=()
	# Citus links libpq and the libraries PostgreSQL was built with (pg_config --libs)
	for p in liblz4-dev libzstd-dev libkrb5-dev libssl-dev libselinux1-dev libxslt1-dev libpam0g-dev libreadline-dev; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	fi
	log "building Citus from $(basename "$TARBALL") (about two minutes on two cores)"
	rm -rf "$WORK/build"; mkdir -p "$WORK/build"
	tar -xzf "$TARBALL" -C "$WORK/build"
	src=$(ls -d "$WORK"/build/citus-*/ | head -1)
	for patch in "$SHARED"/*.patch; do
		[ -e "$patch" ] && patch -d "$src" -p1 -s < "$patch"
	done
	(cd "$src" && ./configure PG_CONFIG=$PG_CONFIG --without-libcurl >"$WORK/configure.log" 2>&1 \
		&& make -j"$(nproc)" >"$WORK/make.log" 2>&1 && make install >"$WORK/install.log" 2>&1) \
		|| { tail -40 "$WORK/configure.log" "$WORK/make.log" 2>/dev/null >&2; exit 1; }
	rm -f "$($PG_CONFIG --pkglibdir)"/citus.causal-check-*
	touch "$STAMP"
fi

stop_all() {
	local d
	for d in "${NODES[@]}"; do
		as_pg $PGBIN/pg_ctl -D "$d" -m fast -w stop >/dev/null 2>&1 || true
	done
	[ -n "$SOCK" ] && rm -rf "$SOCK"
	return 0
}
trap stop_all EXIT

# three nodes, project-local (or a private temp folder when the checkout is not the postgres user's to write)
rm -rf "$WORK/nodes"; mkdir -p "$WORK/nodes"
[ "$(id -u)" = 0 ] && chown postgres: "$WORK" "$WORK/nodes"
base="$WORK/nodes"
as_pg test -w "$base" || { base=$(mktemp -d /tmp/causal-citus.XXXXXX); [ "$(id -u)" = 0 ] && chown postgres: "$base"; }
SOCK=$(mktemp -d /tmp/causal-citus-sock.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres: "$SOCK"
port=$(free_port 55100)
PORTS=()
for name in coordinator worker1 worker2; do
	d="$base/$name"
	init_cluster "$d" "$port" "$SOCK" 256MB
	echo "shared_preload_libraries = 'citus'" >>"$d/postgresql.conf"
	NODES+=("$d")
	PORTS+=("$port")
	as_pg $PGBIN/pg_ctl -D "$d" -l "$base/$name.log" -w -t 60 start >/dev/null || { cat "$base/$name.log" >&2; exit 1; }
	port=$(free_port $((port + 1)))
done
log "Citus: coordinator on port ${PORTS[0]}, workers on ${PORTS[1]} and ${PORTS[2]} (sockets in $SOCK)"

export PGHOST=$SOCK PGUSER=postgres PGDATABASE=postgres
for p in "${PORTS[@]}"; do
	psql -X -q -v ON_ERROR_STOP=1 -p "$p" -c "CREATE EXTENSION citus" >/dev/null
done
psql -X -q -v ON_ERROR_STOP=1 -p "${PORTS[0]}" \
	-c "SELECT citus_set_coordinator_host('$SOCK', ${PORTS[0]})" \
	-c "SELECT citus_add_node('$SOCK', ${PORTS[1]})" \
	-c "SELECT citus_add_node('$SOCK', ${PORTS[2]})" \
	-c "CREATE EXTENSION IF NOT EXISTS citus_columnar" \
	-c "CREATE EXTENSION pgtap" \
	-c "CREATE EXTENSION causal" >/dev/null

if [ "${1:-}" = bench ]; then
	# make bench: timings on the cluster instead of the suite (test/bench/citus_moments.sql)
	PGPORT=${PORTS[0]} psql -X -q -v ON_ERROR_STOP=1 -d postgres -f test/bench/citus_moments.sql
	exit 0
fi

set +e
out=$(PGPORT=${PORTS[0]} pg_prove -v -d postgres test/citus/citus.sql 2>&1); rc=$?
set -e
tap_summary "$out" $rc
