#!/bin/sh
# SPDX-License-Identifier: MIT
# The backend differential: every scenario run with --backend win32 must give the verdict it
# gives with --backend sim (a pass, an expected failure, or a failure), or be skipped with a
# reason. A difference is a bug in the Win32 layer, the win32 backend or the seam.
# usage: differential.sh PRJSIM MIN_RAN_PERCENT [prjsim run ARGS: --provider P] SCENARIO... [-- ARGS]
# Prints each difference, the win32 report (ran, skipped and why), and fails when a verdict
# differs or fewer than MIN_RAN_PERCENT of the scenarios ran under win32.
set -u
prjsim=$1
min=$2
shift 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/prjsim-diff-XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
"$prjsim" run --backend sim "$@" >"$tmp/sim" 2>"$tmp/sim.err"
[ $? -le 1 ] || { cat "$tmp/sim.err"; exit 2; }
"$prjsim" run --backend win32 "$@" >"$tmp/win32" 2>"$tmp/win32.err"
[ $? -le 1 ] || { cat "$tmp/win32.err"; exit 2; }
# one "verdict file" line per scenario
verdicts() {
    sed -n -e 's/^PASS \(.*\)$/PASS \1/p' -e 's/^XFAIL \([^:]*\):.*$/XFAIL \1/p' \
           -e 's/^FAIL \([^:]*\):.*$/FAIL \1/p' -e 's/^SKIP \([^:]*\):.*$/SKIP \1/p' "$1" | sort -k2
}
verdicts "$tmp/sim" >"$tmp/sim.v"
verdicts "$tmp/win32" >"$tmp/win32.v"
status=0
total=0
ran=0
while read -r v f; do
    total=$((total + 1))
    w=$(awk -v f="$f" '$2 == f { print $1 }' "$tmp/win32.v")
    [ "$w" = SKIP ] && continue
    ran=$((ran + 1))
    if [ "$w" != "$v" ]; then
        echo "DIFFERENT $f: sim $v, win32 ${w:-no verdict}"
        grep -F " $f" "$tmp/win32" | head -3
        status=1
    fi
done <"$tmp/sim.v"
sed -n '/^backend win32:/,$p' "$tmp/win32"
[ "$total" -gt 0 ] || { echo "no scenarios"; exit 2; }
pct=$((ran * 100 / total))
echo "differential: $ran of $total scenarios ran under win32 ($pct%), $((total - ran)) skipped"
if [ "$pct" -lt "$min" ]; then
    echo "FAIL: fewer than $min% ran under win32"
    status=1
fi
[ $status -eq 0 ] && echo "PASS: the same verdicts through both backends"
exit $status
