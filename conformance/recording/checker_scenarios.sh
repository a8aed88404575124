#!/bin/sh
# SPDX-License-Identifier: MIT
# `prjsim run --backend win32 --checker`: scenarios whose `expect diag` the recording layer's
# checker decides run on the win32 backend and pass; at least MIN of them run.
# Usage: checker_scenarios.sh LIB PRJSIM MIN SCENARIO...
set -u
lib=$1 prjsim=$2 min=$3
shift 3
out=$(ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" LD_PRELOAD="$lib" \
      "$prjsim" run --backend win32 --checker "$@" 2>&1)
rc=$?
printf '%s\n' "$out" | grep -v '^PASS '
[ "$rc" -eq 0 ] || { echo "FAIL: prjsim run exited $rc"; exit 1; }
ran=$(printf '%s\n' "$out" | sed -n 's/^backend win32: \([0-9]*\) ran.*/\1/p')
[ "${ran:-0}" -ge "$min" ] || { echo "FAIL: ${ran:-0} ran under win32 with --checker, want at least $min"; exit 1; }
echo "ok: $ran ran"
