#!/usr/bin/env bash
# Set-up shared by `make test`, `make demo`, `make bench`, `make fuzz` and `make check-asan`:
# installs missing Debian packages, builds and installs the extension, starts a
# throwaway PostgreSQL cluster as the postgres user on a free port in a
# project-local folder, runs the job, and stops the cluster again.
#
# If PGHOST, PGPORT or PGDATABASE is set, that server is used instead and
# nothing is started (the extension must then be installable there).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PGBIN=/usr/lib/postgresql/15/bin
PG_CONFIG=$PGBIN/pg_config
PACKAGES=(make gcc libc6-dev postgresql-15 postgresql-server-dev-15 libopenblas-dev
          liblapacke-dev r-mathlib libxgboost-dev libnlopt-dev postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl
          python3 librsvg2-bin)
STARTED=""
SOCKDIR=""

log() { printf '== %s\n' "$*" >&2; }

ensure_packages() {
	local missing=() p
	for p in "${PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" != 0 ]; then
		echo "missing packages; run as root: apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	log "installing ${missing[*]}"
	# Debian's postgresql-common would otherwise create and start a cluster of its own.
	if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
		mkdir -p /etc/postgresql-common
		echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build_install() {
	log "building ($*)"
	make -s PG_CONFIG=$PG_CONFIG "$@" >/dev/null
	if [ -w "$($PG_CONFIG --pkglibdir)" ]; then
		make -s PG_CONFIG=$PG_CONFIG "$@" install >/dev/null
	else
		echo "cannot write $($PG_CONFIG --pkglibdir); run 'sudo make install' first" >&2
		exit 1
	fi
}

as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# free_port [first]: the first port from first (54329) on with no listener and no socket in /tmp
free_port() {
	local p
	for p in $(seq "${1:-54329}" 55999); do
		if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null && [ ! -e "/tmp/.s.PGSQL.$p" ]; then
			echo "$p"; return 0
		fi
	done
	echo "no free port" >&2; exit 1
}

stop_server() {
	if [ -n "$STARTED" ]; then
		as_pg $PGBIN/pg_ctl -D "$STARTED" -m fast -w stop >/dev/null 2>&1 || true
		STARTED=""
	fi
	[ -n "$SOCKDIR" ] && rm -rf "$SOCKDIR"
	SOCKDIR=""
}

# init_cluster DIR PORT SOCKDIR SHARED_BUFFERS: a throwaway cluster, as the postgres user, on a
# socket only, without durability
init_cluster() {
	as_pg $PGBIN/initdb -D "$1" -A trust -U postgres -E UTF8 --locale=C --no-sync >"$1.initdb.log" 2>&1 \
		|| { cat "$1.initdb.log" >&2; exit 1; }
	cat >>"$1/postgresql.conf" <<CONF
listen_addresses = ''
port = $2
unix_socket_directories = '$3'
fsync = off
synchronous_commit = off
full_page_writes = off
max_worker_processes = 8
max_parallel_workers = 4
max_parallel_workers_per_gather = 2
shared_buffers = $4
work_mem = 64MB
CONF
}

# start_server [extra environment for the postmaster, e.g. LD_PRELOAD=...]
start_server() {
	if [ -n "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}" ] && [ -z "$STARTED" ] && [ -z "${CAUSAL_OWN:-}" ]; then
		log "using the server at ${PGHOST:-default host}:${PGPORT:-5432}"
		return 0
	fi
	local dir="$ROOT/.pg" port
	rm -rf "$dir"; mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir"
	if ! as_pg test -w "$dir"; then
		# the checkout is not reachable by the postgres user: use a private temp folder
		dir=$(mktemp -d /tmp/causal-pg.XXXXXX); [ "$(id -u)" = 0 ] && chown postgres: "$dir"
	fi
	SOCKDIR=$(mktemp -d /tmp/causal-sock.XXXXXX)
	[ "$(id -u)" = 0 ] && chown postgres: "$SOCKDIR"
	port=$(free_port)
	init_cluster "$dir/data" "$port" "$SOCKDIR" 512MB
	STARTED="$dir/data"
	trap stop_server EXIT
	if ! as_pg env "$@" $PGBIN/pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null; then
		cat "$dir/server.log" >&2; exit 1
	fi
	export PGHOST=$SOCKDIR PGPORT=$port PGUSER=postgres PGDATABASE=postgres
	log "server on port $port (data in $dir)"
}

psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# tap_summary OUTPUT RC: prints one pg_prove -v run's output and "N passed, N failed" (a failing
# run without a "not ok" line counts as one failure); fails when anything failed
tap_summary() {
	local passed failed
	printf '%s\n' "$1"
	passed=$(printf '%s\n' "$1" | grep -cE '^ok [0-9]+' || true)
	failed=$(printf '%s\n' "$1" | grep -cE '^not ok [0-9]+' || true)
	[ "$2" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

fresh_db() {
	psql_q -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null 2>&1
}

# Loads the causal-learn fixtures from ../shared when present (tests skip otherwise).
load_fixtures() {
	local db=$1 shared="$ROOT/../shared/fixtures/causal-learn"
	[ -f test/fixtures.sh ] && [ -d "$shared" ] && bash test/fixtures.sh "$db" "$shared" || true
}

# run_tap_files DB FILE...: each pgTAP file by itself, a progress line per file as it ends
# ("[ k/N] file  p passed, f failed (s s)"), the lines of a failing file's output that are not
# "ok"; the totals in TAP_PASSED, TAP_FAILED and TAP_SKIPPED.
run_tap_files() {
	local db=$1 k=0 total out rc t0 p f s
	shift
	total=$#
	TAP_PASSED=0 TAP_FAILED=0 TAP_SKIPPED=0
	for file in "$@"; do
		k=$((k + 1))
		t0=$(date +%s)
		set +e
		out=$(pg_prove -v -d "$db" "$file" 2>&1); rc=$?
		set -e
		p=$(printf '%s\n' "$out" | grep -E '^\s*ok [0-9]+' | grep -cvE '# (SKIP|skip)' || true)
		s=$(printf '%s\n' "$out" | grep -cE '^\s*ok [0-9]+.*# (SKIP|skip)' || true)
		f=$(printf '%s\n' "$out" | grep -cE '^\s*not ok [0-9]+' || true)
		if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
		printf '[%2d/%d] %-40s %4d passed, %d failed%s (%d s)\n' "$k" "$total" "$file" "$p" "$f" \
			"$([ "$s" -gt 0 ] && echo ", $s skipped")" "$(( $(date +%s) - t0 ))"
		if [ "$f" -gt 0 ]; then
			printf '%s\n' "$out" | grep -vE '^\s*ok [0-9]+' | sed 's/^/    /' | head -200
		fi
		TAP_PASSED=$((TAP_PASSED + p)); TAP_FAILED=$((TAP_FAILED + f)); TAP_SKIPPED=$((TAP_SKIPPED + s))
	done
}

# run_tap_script all|failures SCRIPT: runs a script printing "ok N"/"not ok N" lines, shows all its
# output or all but the "ok" lines, and adds its counts to run_suites' passed and failed (a script
# that prints nothing fails)
run_tap_script() {
	local show=$1 script=$2 out n
	out=$(bash "$script" 2>&1)
	if [ "$show" = all ]; then
		printf '%s\n' "$out"
	else
		printf '%s\n' "$out" | grep -vE '^ok [0-9]+' || true
	fi
	n=$(printf '%s\n' "$out" | grep -cE '^ok [0-9]+' || true)
	passed=$((passed + n))
	n=$(printf '%s\n' "$out" | grep -cE '^not ok [0-9]+' || true)
	failed=$((failed + n))
	[ -n "$out" ] || failed=$((failed + 1))
}

run_suites() {
	local passed=0 failed=0 skipped=0 out rc n
	log "pg_regress"
	set +e
	out=$(make -s PG_CONFIG=$PG_CONFIG installcheck 2>&1); rc=$?
	set -e
	printf '%s\n' "$out"
	n=$(printf '%s\n' "$out" | grep -cE '^(ok|test) .*\.\.\. +ok|^ok [0-9]+ ' || true)
	passed=$((passed + n))
	n=$(printf '%s\n' "$out" | grep -cE '\.\.\. +FAILED|^not ok ' || true)
	failed=$((failed + n))
	if [ $rc -ne 0 ] && [ "$n" -eq 0 ]; then failed=$((failed + 1)); fi
	[ -f regression.diffs ] && [ $rc -ne 0 ] && head -c 20000 regression.diffs

	log "pgTAP"
	fresh_db causal_tap
	psql_q -d causal_tap -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION causal" >/dev/null
	load_fixtures causal_tap
	run_tap_files causal_tap test/pgtap/*.sql
	passed=$((passed + TAP_PASSED)); failed=$((failed + TAP_FAILED)); skipped=$((skipped + TAP_SKIPPED))

	log "documentation examples"
	run_tap_script all test/doc_examples.sh
	log "upgrade from 0.1.0"
	run_tap_script all test/upgrade.sh
	log "pictures rendered to PNG"
	run_tap_script all test/render.sh
	log "source layout"
	run_tap_script failures test/layout.sh

	if [ "$skipped" -gt 0 ]; then
		echo "$passed passed, $failed failed, $skipped skipped"
	else
		echo "$passed passed, $failed failed"
	fi
	[ "$failed" -eq 0 ]
}

# sourced (test/citus/run.sh): the functions only
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0

cmd=${1:-test}
case "$cmd" in
deps)
	ensure_packages ;;
test)
	ensure_packages
	build_install
	start_server
	run_suites ;;
slow)
	# the simulations (coverage of intervals, size and power of tests) of test/slow
	ensure_packages
	build_install
	start_server
	fresh_db causal_slow
	psql_q -d causal_slow -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION causal" >/dev/null
	run_tap_files causal_slow test/slow/*.sql
	echo "$TAP_PASSED passed, $TAP_FAILED failed"
	[ "$TAP_FAILED" -eq 0 ] ;;
demo)
	ensure_packages
	build_install
	start_server
	fresh_db causal_demo
	psql -X -q -v ON_ERROR_STOP=1 -d causal_demo -f test/demo/demo.sql ;;
bench)
	ensure_packages
	build_install
	start_server
	fresh_db causal_bench
	psql_q -d causal_bench -c "CREATE EXTENSION causal"
	bash test/bench/run.sh causal_bench
	# causal.moments on Citus against a local table (with ../shared/citus; Citus is built once)
	stop_server
	bash test/citus/run.sh bench ;;
fuzz)
	# the sketch fuzz target alone, longer than in `make test`: FUZZ_VALUES (10000),
	# FUZZ_SECONDS (600) and FUZZ_SEED (0.42) bound and seed it
	ensure_packages
	build_install
	start_server
	fresh_db causal_fuzz
	psql_q -d causal_fuzz -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION causal" >/dev/null
	set +e
	out=$(PGOPTIONS="-c causal_fuzz.values=${FUZZ_VALUES:-10000} -c causal_fuzz.seconds=${FUZZ_SECONDS:-600} -c causal_fuzz.seed=${FUZZ_SEED:-0.42}" \
		pg_prove -v -d causal_fuzz test/pgtap/02_fuzz.sql 2>&1); rc=$?
	set -e
	tap_summary "$out" $rc ;;
asan)
	ensure_packages
	ASAN_LIB=$(gcc -print-file-name=libasan.so)
	UBSAN_LIB=$(gcc -print-file-name=libubsan.so)
	LOGDIR=$(mktemp -d /tmp/causal-asan.XXXXXX); chmod 777 "$LOGDIR"
	gcc -shared -fPIC -O2 -o "$LOGDIR/nls_shim.so" test/asan/nls_shim.c
	SHIM="$LOGDIR/nls_shim.so"
	make -s PG_CONFIG=$PG_CONFIG clean >/dev/null
	build_install CAUSAL_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
		CAUSAL_LDFLAGS="-fsanitize=address,undefined"
	# allocator_may_return_null: a huge request (the catalog walk passes 2^31 - 1 where sizes go)
	# fails as malloc does without the sanitizer, so PostgreSQL raises "out of memory" (53200)
	# instead of ASan aborting the backend; real overflows and use-after-free still abort
	CAUSAL_OWN=1 start_server LD_PRELOAD="$ASAN_LIB $UBSAN_LIB $SHIM" \
		ASAN_OPTIONS="detect_leaks=0:log_path=$LOGDIR/asan:abort_on_error=1:detect_odr_violation=0:allocator_may_return_null=1" \
		UBSAN_OPTIONS="print_stacktrace=1:log_path=$LOGDIR/ubsan:halt_on_error=1"
	# the fuzz target runs for two minutes under the sanitizers
	set +e; PGOPTIONS="-c causal_fuzz.seconds=120 -c causal_fuzz.values=1000000" run_suites; rc=$?; set -e
	stop_server
	# rebuild the ordinary library so that later runs do not load the sanitized one
	make -s PG_CONFIG=$PG_CONFIG clean >/dev/null
	build_install
	if compgen -G "$LOGDIR/*san*" >/dev/null; then
		echo "sanitizer reports:"; cat "$LOGDIR"/*san* | head -200; rc=1
	fi
	rm -rf "$LOGDIR"
	[ $rc -eq 0 ] && echo "check-asan: no sanitizer reports" ;
	exit $rc ;;
*)
	echo "usage: $0 deps|test|slow|demo|bench|fuzz|asan" >&2; exit 2 ;;
esac
