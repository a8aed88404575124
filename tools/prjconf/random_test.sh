#!/bin/sh
# SPDX-License-Identifier: MIT
# prjconf --random: the reference provider runs clean; each bug of the broken-provider catalog
# that a diagnostic or the model can see is found within BOUND operations for fixed seeds, shrunk
# to a scenario that fails against that provider and passes against the bug-free control; the
# log replays; the reports name the scenario; usage errors exit 2.
# usage: random_test.sh PRJCONF PRJSIM BROKEN_DIR WORK_DIR
set -u
prjconf=$1
prjsim=$2
dir=$3
work=$4
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
failures=0
BOUND=2000
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The reference provider: no finding (the seed and the rate are printed).
out=$("$prjconf" --random --seed 1 --ops 20000 2>&1)
code=$?
if [ $code != 0 ] || ! printf '%s\n' "$out" | grep -q 'seed 1: no finding' ||
    ! printf '%s\n' "$out" | grep -q 'ops/s'; then
    fail "reference provider, seed 1: exit $code"; printf '%s\n' "$out" | sed 's/^/    /'
else
    echo "ok: reference provider, 20000 operations, no finding"
fi

# expect NAME REGEX [MODE [SEEDS]]: found within BOUND operations for SEEDS (1 2 3), with REGEX
# in the report; MODE crawl: found by the crawl (nothing to shrink); crash: no scenario check.
expect() {
    for seed in ${4:-1 2 3}; do
        log=$1-$seed.log
        scn=$1-$seed.scn
        # No restarts: a scenario cannot restart a provider program (`stop` and `start` are the
        # reference provider's).
        out=$("$prjconf" --random --seed $seed --ops $BOUND --timeout 20 --shrink-budget 150 --weights restart=0 \
              --mkdir 'C:\BrokenRoot' --provider "$dir/broken-$1.so" --log "$log" --scn "$scn" 2>&1)
        code=$?
        if [ $code != 1 ] || ! printf '%s\n' "$out" | grep -qE -- "$2"; then
            fail "broken-$1 seed $seed: exit $code, expected 1 and '$2' in:"
            printf '%s\n' "$out" | sed 's/^/    /' | head -20
            continue
        fi
        if [ "${3:-}" = crawl ]; then
            echo "ok: broken-$1 seed $seed found by the crawl ($2)"
            continue
        fi
        if [ ! -s "$scn" ] || ! printf '%s\n' "$out" | grep -q "shrunk to"; then
            fail "broken-$1 seed $seed: no shrunk scenario"; continue
        fi
        if [ "${3:-}" != crash ]; then
            # The scenario reproduces the bug and holds for the control.
            "$prjsim" run --provider "$dir/broken-$1.so" "$scn" >"$scn.bug.txt" 2>&1
            [ $? = 1 ] || { fail "broken-$1 seed $seed: $scn does not fail against broken-$1"; cat "$scn.bug.txt"; }
            "$prjsim" run --provider "$dir/broken-control.so" "$scn" >"$scn.control.txt" 2>&1
            [ $? = 0 ] || { fail "broken-$1 seed $seed: $scn fails against the control"; cat "$scn.control.txt"; }
        fi
        echo "ok: broken-$1 seed $seed: $(printf '%s\n' "$out" | grep '^shrunk' | cut -d: -f1)"
    done
}

expect unsorted-entries 'diagnostic unsorted-entries'
expect duplicate-entries 'diagnostic duplicate-entry'
expect size-mismatch 'diagnostic short-data|the model expects size'
expect wrong-is-directory 'STATUS_FILE_IS_A_DIRECTORY|the model expects'
# Seeds 1, 6 and 8 miss it within 1000 operations: the only file bigger than one chunk is
# deleted or renamed before anything reads it (no fresh starts for provider programs).
expect short-data 'diagnostic short-data' - '2 3 4'
expect data-past-end 'diagnostic data-past-end'
expect buffer-not-from-allocator 'diagnostic buffer-not-from-allocator'
expect unlisted-hresult 'diagnostic unlisted-result'
expect win32-code-as-hresult 'diagnostic unlisted-result'
expect wrong-placeholder-name 'diagnostic placeholder-name-mismatch'
expect no-placeholder-written 'diagnostic no-placeholder-written' crawl
expect ignores-search-expression 'diagnostic filter-ignored'
expect skips-unfit-entry 'diagnostic skipped-entry|the model expects'
expect ignores-restart 'restarted query|diagnostic filter-ignored'
expect insufficient-buffer-after-entries 'diagnostic insufficient-buffer-after-entries'
expect end-returns-error 'diagnostic end-enumeration-result'
expect leaks-sessions 'STATUS_NO_MEMORY'
expect extra-placeholder 'diagnostic unrequested-placeholder'
expect crash 'crash: SIGSEGV' crash

# The control runs clean.
"$prjconf" --random --seed 7 --ops 3000 --mkdir 'C:\BrokenRoot' --provider "$dir/broken-control.so" \
    --log control.log >control.txt 2>&1 || { fail "broken-control"; cat control.txt; }

# Replaying the shrunk log finds the same; the reports name the scenario.
out=$("$prjconf" --random --replay unsorted-entries-1.log.min.log --mkdir 'C:\BrokenRoot' \
      --provider "$dir/broken-unsorted-entries.so" --junit r.xml --json r.jsonl 2>&1)
[ $? = 1 ] && printf '%s\n' "$out" | grep -q 'diagnostic unsorted-entries' ||
    { fail "replay of unsorted-entries-1.log.min.log"; printf '%s\n' "$out"; }
grep -q 'unsorted-entries-1.log.min.log' r.xml && grep -q '"outcome":"fail"' r.jsonl &&
    grep -q '\.scn' r.jsonl || { fail "reports of the replay"; cat r.xml r.jsonl; }

# Threads: operations race on the thread pool; no crash, hang, diagnostic; a consistent end.
# Renames and the provider's PrjDeleteFile are left out until the simulator's races with
# them are fixed (see the note of issue 17).
"$prjconf" --random --seed 3 --ops 4000 --threads 4 >threads.txt 2>&1 ||
    { fail "--threads 4"; cat threads.txt; }

# Usage errors exit 2; a malformed log names its line.
"$prjconf" --ops 10 >/dev/null 2>&1; [ $? = 2 ] || fail "--ops without --random must exit 2"
"$prjconf" --random --replay no-such.log >/dev/null 2>&1; [ $? = 2 ] || fail "a missing log must exit 2"
printf '# x\nread\ta.txt\n' >bad.log
out=$("$prjconf" --random --replay bad.log 2>&1); code=$?
[ $code = 2 ] && printf '%s\n' "$out" | grep -q 'bad.log:2:' || fail "a malformed log: exit $code: $out"
"$prjconf" --random --weights nope=3 >/dev/null 2>&1; [ $? = 2 ] || fail "--weights nope=3 must exit 2"
"$prjconf" --random --ops 5 --time 1 >/dev/null 2>&1; [ $? = 2 ] || fail "--ops with --time must exit 2"

[ $failures = 0 ] && echo PASS
exit $failures
