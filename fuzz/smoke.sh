#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The CI smoke run of every fuzz target: each replays its seed corpus (fuzz/corpus/<target>/)
# and then fuzzes from it for a fixed number of inputs with a fixed seed, writing new inputs to a
# scratch folder so that the repository's corpus stays as committed. The seed and the counts are
# fixed so that CI gives the same verdict on every machine and at every load: exploring for new
# findings is the long run's job (fuzz/README.md), not CI's. A finding fails the run and leaves
# its input (crash-*, leak-*, timeout-*) in the scratch folder, whose path is printed.
# usage: fuzz/smoke.sh BUILD_DIR [SCALE]   (the build configured with -DPRJSIM_FUZZ=ON; SCALE
#        multiplies every target's count, 1 by default)
set -euo pipefail
build=${1:?usage: fuzz/smoke.sh BUILD_DIR [SCALE]}
scale=${2:-1}
seed=${PRJSIM_FUZZ_SEED:-1}
# Inputs per target: about eight seconds each on a loaded 2-core machine under ASan.
runs_for() {
  case "$1" in
    fuzz_api_sequence) echo 3000 ;;
    fuzz_scenario_parser) echo 20000 ;;
    *) echo 80000 ;;
  esac
}
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
  runs=$(( $(runs_for "$target") * scale ))
  if "$bin" -seed="$seed" -runs="$runs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$scratch/$target/" "$scratch/$target" "$corpus" >"$scratch/$target.log" 2>&1; then
    echo "fuzz smoke: $target: $runs inputs (seed $seed), no finding"
  else
    echo "fuzz smoke: $target FAILED (seed $seed, $runs inputs); log and input in $scratch/$target*" >&2
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
