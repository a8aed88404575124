#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Compares what two `--list` runs of the scenario runner skip (conformance/scenario/runner.c,
# scn_list_files): LINUX_LIST from `prjsim run --list --backend win32 --checker` on Linux,
# PROJFS_LIST from `prjsim-run.exe --list` on Windows (or under Wine). They must skip the same
# scenarios for the same reasons, except where the real ProjFS lacks the simulator's volume
# (PRJSIM_BACKEND_CAP_VOLUME in conformance/backend/backend.h: a saved volume, the simulator's
# options, the fault wrapper), the caller's chosen process id and image (CAP_CALLER_ID) or a second
# drive, which prjsim-run.exe may skip in addition, or instead of a later reason in the same
# scenario. Anything else is a difference: listed, exit 1.
#   bash tools/scenario-skips-compare.sh LINUX_LIST PROJFS_LIST
set -euo pipefail
export LC_ALL=C # one order for sort and join
[ $# = 2 ] || { echo "usage: scenario-skips-compare.sh LINUX_LIST PROJFS_LIST" >&2; exit 2; }
# "SKIP file: backend B: line N: reason" or "RUN file" -> "file<TAB>reason" (RUN: "-")
verdicts() {
  tr -d '\r' <"$1" | sed -n -e 's/^RUN \(.*\)$/\1\t-/p' \
    -e 's/^SKIP \([^:]*\): backend [^:]*: line [0-9]*: \(.*\)$/\1\t\2/p' | sort
}
linux=$(mktemp) projfs=$(mktemp)
trap 'rm -f "$linux" "$projfs"' EXIT
verdicts "$1" >"$linux"
verdicts "$2" >"$projfs"
if [ ! -s "$linux" ] || [ ! -s "$projfs" ]; then
  echo "scenario-skips-compare: an empty list ($1 or $2)" >&2
  exit 1
fi
# The reasons of requires.c that PRJSIM_BACKEND_CAP_VOLUME and PRJSIM_BACKEND_CAP_CALLER_ID stand
# for, and runner.c's for a second drive (prjsim-run.exe keeps C: in a folder of its own).
volume="^'state' loads a saved volume|^'option' sets the simulator's|^'option faults' puts the simulator's"
volume="$volume|^pid= or image= names the caller's process|is on another drive than C:, which the run keeps"
join -t "$(printf '\t')" -a 1 -a 2 -e MISSING -o 0,1.2,2.2 "$linux" "$projfs" | awk -F '\t' -v volume="$volume" '
  $2 == $3 { same++; next }
  $2 != "MISSING" && $3 != "MISSING" && $3 ~ volume { explained++; next }
  { printf "differs: %s\n  linux win32: %s\n  projfs:      %s\n", $1, $2, $3; bad++ }
  END {
    printf "scenario skips: %d the same, %d skipped on projfs for the simulator'\''s volume, the caller id or a second drive, %d different\n",
           same, explained, bad
    exit bad ? 1 : 0
  }'
