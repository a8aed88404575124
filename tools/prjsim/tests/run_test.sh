#!/bin/sh
# SPDX-License-Identifier: MIT
# `prjsim run` setup and usage errors: exit 2 with a message, never PASS. An empty script, a
# directory given as a script, a provider program that is missing, not a shared object or
# without wmain/main (checked up front, even when no scenario would start it), --provider
# without its argument, and --backend projfs (Windows only).
# usage: run_test.sh PRJSIM WORK_DIR SOURCE_DIR NOENTRY_MODULE GOOD_MODULE
set -u
prjsim=$1 work=$2 src=$3 noentry=$4 good=$5
rm -rf "$work"
mkdir -p "$work"
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# check NAME WANT_CODE WANT_STDERR_TEXT prjsim-run-args...
check() {
    name=$1 want=$2 text=$3
    shift 3
    "$prjsim" run "$@" >"$work/$name.out" 2>"$work/$name.err" </dev/null
    code=$?
    if [ "$code" != "$want" ]; then
        fail "$name: exit code $code, want $want"
        sed 's/^/    /' "$work/$name.out" "$work/$name.err"
    elif [ -n "$text" ] && ! grep -qF -- "$text" "$work/$name.err"; then
        fail "$name: no '$text' on stderr"
        sed 's/^/    /' "$work/$name.err"
    elif grep -q '^PASS' "$work/$name.out"; then
        fail "$name: printed PASS"
    else
        echo "ok: $name"
    fi
}

: >"$work/empty.scn"
printf '# only a comment\n\n   \n' >"$work/comments.scn"
printf 'not ELF\n' >"$work/text.so"
# A scenario that scripts the reference provider: skipped with --provider, so no scenario
# starts the program, which must still be checked.
printf 'provider fail GetFileData E_FAIL\nlist C:\\root\n' >"$work/reference-only.scn"
good_scn="$src/conformance/scenarios/states/walk-through.scn"

check empty_script 2 "$work/empty.scn:1: empty scenario" "$work/empty.scn"
check comments_only 2 "$work/comments.scn:1: empty scenario" "$work/comments.scn"
check directory 2 "$src/conformance/scenarios/states: is a directory" "$src/conformance/scenarios/states"
check directory_among_files 2 "is a directory" "$good_scn" "$src/conformance/scenarios/states"
check backend_projfs 2 "backend projfs is the real ProjFS, on Windows only" --backend projfs "$good_scn"
check provider_missing 2 "no-such.so: No such file or directory" --provider "$work/no-such.so" "$work/reference-only.scn"
check provider_not_a_module 2 "cannot load $work/text.so" --provider "$work/text.so" "$work/reference-only.scn"
check provider_no_entry 2 "exports no entry point" --provider "$noentry" "$work/reference-only.scn"
check provider_without_argument 2 "option --provider needs an argument" "$good_scn" --provider
check provider_empty 2 "needs a program" --provider= "$good_scn"

# The same script with a good program: it is skipped, and the run passes.
"$prjsim" run --provider "$good" "$work/reference-only.scn" >"$work/skip.out" 2>&1 </dev/null
code=$?
[ "$code" = 0 ] && grep -q '^SKIP' "$work/skip.out" || { fail "good provider, skipped scenario: exit $code"; cat "$work/skip.out"; }

[ "$failures" = 0 ] && echo "all run checks passed"
exit "$failures"
