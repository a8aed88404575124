#!/bin/sh
# SPDX-License-Identifier: MIT
# `prjsim exec` end to end: exit codes, stdin forwarding, --timeout, signals as console
# control events, exit() in the program, load errors, and a self-testing provider whose
# PASS/FAIL output must be right.
# usage: exec_test.sh BIN_DIR WORK_DIR SELFTEST LINES CTRL NARROW_MAIN EXIT_CALL
set -u
bin=$1 work=$2 selftest=$3 lines=$4 ctrl=$5 narrow=$6 exit_call=$7
rm -rf "$work"
mkdir -p "$work"
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# run NAME [prjsim exec args...]: runs with stdin from $input, sets $code and $out.
input=/dev/null
run() {
    name=$1
    shift
    "$bin/prjsim" exec "$@" <"$input" >"$work/$name.out" 2>"$work/$name.err"
    code=$?
    out=$(cat "$work/$name.out")
}

# expect_code NAME WANT
expect_code() {
    if [ "$code" != "$2" ]; then
        fail "$1: exit code $code, want $2"
        sed 's/^/    /' "$work/$1.out" "$work/$1.err"
    else
        echo "ok: $1"
    fi
}

# Starts `prjsim exec ARGS...` in the background with stdin held open; sets $pid.
start_background() {
    name=$1
    shift
    rm -f "$work/fifo"
    mkfifo "$work/fifo"
    "$bin/prjsim" exec "$@" <"$work/fifo" >"$work/$name.out" 2>"$work/$name.err" &
    pid=$!
    exec 3>"$work/fifo"
}

wait_for_output() {
    i=0
    until grep -q "$2" "$work/$1.out" 2>/dev/null; do
        i=$((i + 1))
        [ $i -gt 300 ] && { fail "$1: no '$2' within 30 s"; return 1; }
        sleep 0.1
    done
}

# A self-testing provider: provider and client in one process, under the drives folder given.
run selftest --drives "$work/drives" "$selftest"
expect_code selftest 0
printf '%s\n' "$out" | grep -q '^FAIL' && fail "selftest printed FAIL: $out"
[ "$(printf '%s\n' "$out" | grep -c '^PASS')" = 8 ] || fail "selftest: want 8 PASS lines: $out"

# The same program with a wrong expectation must say so, and exit non-zero.
run selftest_broken --drives "$work/drives2" "$selftest" --break
expect_code selftest_broken 1
printf '%s\n' "$out" | grep -q '^FAIL: dir\\file.txt has the projected content$' ||
    fail "selftest --break: no FAIL line: $out"

# Exit codes, and the program name as argv[0].
run narrow "$narrow" "a b" c
expect_code narrow 7
[ "$out" = "$narrow|a b|c" ] || fail "narrow: output '$out'"

# Our stdin is the program's, to its end.
printf 'one\ntwo\nthree\n' >"$work/three-lines"
input="$work/three-lines"
run lines "$lines"
expect_code lines 3
[ "$out" = "lines=3" ] || fail "lines: output '$out'"
input=/dev/null
run lines_empty "$lines"
expect_code lines_empty 0

# exit() in the program ends prjsim exec with its status.
run exit_call "$exit_call"
expect_code exit_call 9
[ "$out" = "exiting" ] || fail "exit_call: output '$out'"

# --timeout: a program still reading its stdin.
start_background timeout --timeout 0.5 "$lines"
wait $pid
code=$?
exec 3>&-
expect_code timeout 124
grep -q "did not finish within 0.5 s" "$work/timeout.err" || fail "timeout: no message"

# Ctrl+C becomes CTRL_C_EVENT for a program with a console handler...
start_background ctrl "$ctrl"
if wait_for_output ctrl waiting; then
    kill -INT $pid
    wait $pid
    code=$?
    expect_code ctrl 3
else
    kill -KILL $pid
fi
exec 3>&-

# ...and ends a program without one, as the signal would.
start_background sigint "$lines"
sleep 0.3
kill -INT $pid
wait $pid
code=$?
exec 3>&-
expect_code sigint 130

# Load and usage errors: exit 2 with a message.
run missing "$work/no-such-program.so"
expect_code missing 2
grep -q "no-such-program.so: No such file or directory" "$work/missing.err" || fail "missing: no message"
run not_a_module "$work/three-lines"
expect_code not_a_module 2
grep -q "cannot load" "$work/not_a_module.err" || fail "not_a_module: no message"
run no_program
expect_code no_program 2
run bad_option --no-such-option "$lines"
expect_code bad_option 2
run bad_timeout --timeout soon "$lines"
expect_code bad_timeout 2
run timeout_without_value --timeout
expect_code timeout_without_value 2
grep -q "option --timeout needs an argument" "$work/timeout_without_value.err" || fail "timeout_without_value: no message"
"$bin/prjsim" exec --help | grep -q "usage: prjsim exec" || fail "--help"

[ "$failures" = 0 ] && echo "all exec checks passed"
exit "$failures"
