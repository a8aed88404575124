#!/bin/sh
# SPDX-License-Identifier: MIT
# prjconf setup and usage errors: a provider program that is missing, not a shared object or
# without wmain/main, an option without its argument, and --checker without the recording layer
# loaded, all exit 2 with a message before any case runs.
# usage: usage_test.sh PRJCONF WORK_DIR NOENTRY_MODULE
set -u
prjconf=$1 work=$2 noentry=$3
rm -rf "$work"
mkdir -p "$work"
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

check() {
    name=$1 want=$2 text=$3
    shift 3
    "$prjconf" "$@" >"$work/$name.out" 2>"$work/$name.err" </dev/null
    code=$?
    if [ "$code" != "$want" ]; then
        fail "$name: exit code $code, want $want"
        sed 's/^/    /' "$work/$name.out" "$work/$name.err"
    elif ! grep -qF -- "$text" "$work/$name.err"; then
        fail "$name: no '$text' on stderr"
        sed 's/^/    /' "$work/$name.err"
    else
        echo "ok: $name"
    fi
}

printf 'not ELF\n' >"$work/text.so"
check provider_missing 2 "no-such.so" --provider "$work/no-such.so" 'lifecycle.*'
check provider_not_a_module 2 "text.so" --provider "$work/text.so" 'lifecycle.*'
check provider_no_entry 2 "wmain or main" --provider "$noentry" 'lifecycle.*'
check provider_without_argument 2 "option --provider needs an argument" --provider
check seed_without_argument 2 "option --seed needs an argument" --list --seed
check checker_without_layer 2 "--checker needs the recording layer loaded" --checker --list

[ "$failures" = 0 ] && echo "all usage checks passed"
exit "$failures"
