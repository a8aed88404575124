#!/bin/sh
# SPDX-License-Identifier: MIT
# A provider program recorded without knowing it: prjsim runs it with the recording layer in
# LD_PRELOAD and PRJSIM_RECORD set, and the file it leaves holds its callbacks, its Prj* calls
# and the checker's report. Usage: preload_test.sh LIB PRJSIM PROGRAM OUT WANT SCENARIO -- ROOT
# WANT is the diagnostic the checker must report, or "none" for an empty report.
set -u
lib=$1 prjsim=$2 program=$3 out=$4 want=$5 scenario=$6
shift 6
rm -f "$out"
# The sanitizer runtime is linked into prjsim itself in sanitizer builds; the preloaded library
# then comes first, which ASan allows only when told.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" LD_PRELOAD="$lib" PRJSIM_RECORD="$out" \
  "$prjsim" run --provider "$program" "$scenario" "$@" > "$out.stdout" 2>&1
rc=$?
cat "$out.stdout" # the run's own report (and any sanitizer report, for tools/sanitizer-log-check.sh)
echo "prjsim run exited $rc (the scenario's verdict does not matter here)"
fail() { echo "FAIL: $*"; echo "--- $out:"; cat "$out" 2>/dev/null; echo "--- output:"; cat "$out.stdout"; exit 1; }
[ -s "$out" ] || fail "nothing recorded"
grep -q '^start 1 root=' "$out" || fail "no start line"
grep -q '^cb .* GetDirectoryEnumeration ' "$out" || fail "no GetDirectoryEnumeration callback"
grep -q '^api .* PrjFillDirEntryBuffer' "$out" || fail "no PrjFillDirEntryBuffer call"
grep -q '^# checker$' "$out" || fail "no checker report"
report=$(sed -n '/^# checker$/,$p' "$out" | tail -n +2)
if [ "$want" = none ]; then
  [ -z "$report" ] || fail "the checker reported: $report"
else
  printf '%s\n' "$report" | grep -q "^$want: " || fail "the checker did not report $want"
fi
echo "ok: $(grep -c '' "$out") lines recorded; checker: ${report:-nothing}"
