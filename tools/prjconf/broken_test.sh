#!/bin/sh
# SPDX-License-Identifier: MIT
# prjconf fails (exit 1) on broken providers and names the case and the diagnostic or symptom;
# passes on their bug-free control; and its reports (TAP, JUnit, JSON) and the expected-failures
# file behave. usage: broken_test.sh PRJCONF BROKEN_DIR WORK_DIR
set -u
prjconf=$1
dir=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
failures=0

# expect PROVIDER CASE TEXT: `prjconf --case CASE` exits 1 and prints TEXT.
expect() {
    out=$("$prjconf" --timeout 3 --mkdir 'C:\BrokenRoot' --provider "$dir/broken-$1.so" --case "$2" 2>&1)
    code=$?
    if [ $code != 1 ] || ! printf '%s\n' "$out" | grep -qF -- "$3"; then
        echo "FAIL: broken-$1 $2: exit $code, expected 1 and '$3' in:"
        printf '%s\n' "$out" | sed 's/^/    /'
        failures=$((failures + 1))
    else
        echo "ok: broken-$1 caught by $2 ($3)"
    fi
}

expect unsorted-entries enum.sorted 'diagnostics: unsorted-entries'
expect duplicate-entries enum.unique 'diagnostics: duplicate-entry'
expect size-mismatch placeholder.agrees-with-listing 'is listed with FileSize 6'
expect wrong-is-directory placeholder.agrees-with-listing 'opens as a'
expect short-data data.agrees-with-size 'diagnostics: short-data'
expect data-past-end data.agrees-with-size 'diagnostics: data-past-end'
expect unlisted-hresult results.allowed 'diagnostics: unlisted-result'
expect wrong-placeholder-name placeholder.name-matches 'diagnostics: placeholder-name-mismatch'
expect ignores-restart enum.restart 'listing after a restart'
expect ignores-search-expression enum.wildcards 'diagnostics: filter-ignored'
expect skips-unfit-entry enum.resume-small-buffers 'diagnostics: skipped-entry'
expect insufficient-buffer-after-entries enum.resume-small-buffers 'insufficient-buffer-after-entries'
expect end-returns-error enum.sorted 'diagnostics: end-enumeration-result'
expect leaks-sessions sessions.no-leak 'sessions leaked?'
expect crash data.agrees-with-size 'crash: SIGSEGV'
expect hang data.agrees-with-size 'timeout: no verdict within 3 s'
expect pend-never-completes placeholder.agrees-with-listing 'timeout: no verdict'
# A race on the thread pool: caught every time (its provider waits for a second overlapping callback).
expect race placeholder.concurrent-opens 'placeholder-name-mismatch'

# The control passes everything.
if "$prjconf" -j 4 --mkdir 'C:\BrokenRoot' --provider "$dir/broken-control.so" >"$work/control.txt" 2>&1; then
    echo "ok: broken-control passes"
else
    echo "FAIL: broken-control:"; cat "$work/control.txt"; failures=$((failures + 1))
fi

# Reports: a crash is an <error> in JUnit, a failure a <failure>; JSON lines, one per case.
"$prjconf" -j 4 --timeout 3 --mkdir 'C:\BrokenRoot' --provider "$dir/broken-crash.so" \
    --junit "$work/crash.xml" --json "$work/crash.jsonl" 'data.*' enum.sorted >/dev/null 2>&1
grep -q '<error message="crash: SIGSEGV' "$work/crash.xml" &&
    [ "$(wc -l <"$work/crash.jsonl")" = 3 ] &&
    grep -q '"outcome":"error"' "$work/crash.jsonl" && grep -q '"outcome":"pass"' "$work/crash.jsonl" ||
    { echo "FAIL: reports of broken-crash"; cat "$work/crash.xml" "$work/crash.jsonl"; failures=$((failures + 1)); }
"$prjconf" --tap --timeout 3 --mkdir 'C:\BrokenRoot' --provider "$dir/broken-unsorted-entries.so" \
    enum.sorted enum.unique >"$work/tap.txt" 2>&1
grep -q '^1\.\.2$' "$work/tap.txt" && grep -q '^not ok 1 - enum.sorted$' "$work/tap.txt" ||
    { echo "FAIL: TAP"; cat "$work/tap.txt"; failures=$((failures + 1)); }

# Expected failures: listed failures pass the run; a listed case that passes fails it.
printf 'enum.sorted  # unsorted on purpose\nenum.unique\n' >"$work/xfail"
"$prjconf" --xfail "$work/xfail" --mkdir 'C:\BrokenRoot' --provider "$dir/broken-unsorted-entries.so" \
    enum.sorted enum.unique >"$work/xfail.txt" 2>&1 && tail -n 1 "$work/xfail.txt" | grep -q '0 failed, 2 expected failures' ||
    { echo "FAIL: expected failures"; cat "$work/xfail.txt"; failures=$((failures + 1)); }
"$prjconf" --xfail "$work/xfail" --mkdir 'C:\BrokenRoot' --provider "$dir/broken-control.so" \
    enum.sorted >"$work/xpass.txt" 2>&1
[ $? = 1 ] && grep -q '^XPASS 1 enum.sorted' "$work/xpass.txt" ||
    { echo "FAIL: an unexpected pass must fail the run"; cat "$work/xpass.txt"; failures=$((failures + 1)); }

# Usage errors exit 2.
"$prjconf" --shard 3/2 >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL: --shard 3/2 must exit 2"; failures=$((failures + 1)); }
"$prjconf" 'no.such.*' >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL: no matching case must exit 2"; failures=$((failures + 1)); }

[ $failures = 0 ] && echo PASS
exit $failures
