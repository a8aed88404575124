#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Memcheck over `prjsim run` of every scenario (the reference provider, and the hello provider
# program for its own scenarios) and over prjconf against the fixture providers (reference,
# hello, mirror). Passes when valgrind reports no error and no definitely lost block in any
# process (prjconf's per-case children included). Takes a plain build (not a sanitizer one).
# usage: tools/valgrind-check.sh [BUILD_DIR]     (default: build)
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bin="$build/bin"
for f in "$bin/prjsim" "$bin/prjconf" "$build/fixtures/hello/hello.so" "$build/fixtures/mirror/mirror.so"; do
  [ -e "$f" ] || { echo "valgrind-check: $f is not built" >&2; exit 2; }
done
command -v valgrind >/dev/null || { echo "valgrind-check: valgrind is not installed" >&2; exit 2; }
logs=$(mktemp -d "${TMPDIR:-/tmp}/prjsim-valgrind.XXXXXX")
vg=(valgrind --tool=memcheck --error-exitcode=99 --leak-check=full --show-leak-kinds=definite
    --errors-for-leak-kinds=definite --track-origins=no --child-silent-after-fork=no
    --log-file="$logs/%q{STEP}.%p.log")
status=0

step() {
  local name=$1
  shift
  local t0=$SECONDS
  STEP=$name "${vg[@]}" "$@" >"$logs/$name.out" 2>&1
  local rc=$?
  echo "valgrind-check: $name: exit $rc, $((SECONDS - t0)) s: $(grep -E 'passed|failed' "$logs/$name.out" | tail -1)"
  if [ "$rc" != 0 ]; then
    status=1
    tail -5 "$logs/$name.out" | sed 's/^/    /'
  fi
}

mapfile -t scenarios < <(ls conformance/scenarios/*/*.scn)
step scenarios "$bin/prjsim" run "${scenarios[@]}"
step scenarios-hello "$bin/prjsim" run --provider "$build/fixtures/hello/hello.so" \
  conformance/scenarios/providers/hello/*.scn -- 'C:\HelloRoot'
# prjconf: one case at a time, with a timeout that allows for valgrind's slowdown
step prjconf-reference "$bin/prjconf" --seed 1 --timeout 300
step prjconf-hello "$bin/prjconf" --seed 1 --timeout 300 --provider "$build/fixtures/hello/hello.so" \
  --mkdir 'C:\HelloRoot' -- 'C:\HelloRoot'
mirror="$logs/mirror/drives/C/backing"
mkdir -p "$mirror/docs/deep" "$mirror/empty"
printf 'alpha\n' >"$mirror/a.txt"
printf 'read me first\r\n' >"$mirror/docs/Guide.txt"
head -c 10000 /dev/zero | tr '\0' 'x' >"$mirror/docs/deep/big.bin"
step prjconf-mirror "$bin/prjconf" --seed 1 --timeout 300 --drives "$logs/mirror/drives" \
  --provider "$build/fixtures/mirror/mirror.so" -- 'C:\backing' 'C:\virt'

# Every process's log, children included: errors and definite leaks.
bad=$(grep -lE 'ERROR SUMMARY: [1-9]|definitely lost: [1-9]' "$logs"/*.log 2>/dev/null)
if [ -n "$bad" ]; then
  status=1
  for f in $bad; do
    echo "valgrind-check: findings in $f:"
    head -40 "$f" | sed 's/^/    /'
  done
fi
if [ "$status" = 0 ]; then
  echo "valgrind-check: no errors, no definite leaks ($(ls "$logs"/*.log 2>/dev/null | wc -l) processes)"
  rm -rf "$logs"
else
  echo "valgrind-check: logs kept in $logs"
fi
exit "$status"
