#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The CI smoke run of every fuzz target: each replays its seed corpus (fuzz/corpus/<target>/)
# and then fuzzes for a few seconds from it, writing new inputs to a scratch folder so that the
# repository's corpus stays as committed. A finding fails the run and leaves its input
# (crash-*, leak-*, timeout-*) in the scratch folder, whose path is printed.
# usage: fuzz/smoke.sh BUILD_DIR [SECONDS_PER_TARGET]   (the build configured with -DPRJSIM_FUZZ=ON)
set -euo pipefail
build=${1:?usage: fuzz/smoke.sh BUILD_DIR [SECONDS_PER_TARGET]}
seconds=${2:-8}
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/prjsim-fuzz-smoke.XXXXXX")
status=0
for corpus in "$here"/corpus/*/; do
  target=$(basename "$corpus")
  bin="$build/fuzz/$target"
  if [ ! -x "$bin" ]; then
    echo "fuzz smoke: $bin is not built" >&2
    status=2
    continue
  fi
  mkdir -p "$scratch/$target"
  if "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$scratch/$target/" "$scratch/$target" "$corpus" >"$scratch/$target.log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$scratch/$target.log" | grep -o '[0-9]*$' || true)
    echo "fuzz smoke: $target: ${runs:-?} runs, no finding"
  else
    echo "fuzz smoke: $target FAILED; log and input in $scratch/$target*" >&2
    grep -E 'ERROR|SUMMARY|Test unit written' "$scratch/$target.log" | head -5 >&2 || true
    status=1
  fi
done
# The reproducers of fixed bugs, replayed as they were found (with huge sizes on).
for finding in "$here"/findings/api_sequence-*; do
  [ -e "$finding" ] || continue
  if ! PRJSIM_FUZZ_HUGE_SIZES=1 "$build/fuzz/fuzz_api_sequence" -runs=1 -timeout=20 "$finding" >"$scratch/finding.log" 2>&1; then
    echo "fuzz smoke: $(basename "$finding") fails again; log in $scratch/finding.log" >&2
    status=1
  fi
done
echo "fuzz smoke: $(ls "$here"/findings/api_sequence-* 2>/dev/null | wc -l) findings replayed"
[ "$status" = 0 ] && rm -rf "$scratch"
exit "$status"
