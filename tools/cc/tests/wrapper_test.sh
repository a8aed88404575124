#!/bin/sh
# SPDX-License-Identifier: MIT
# The compiler wrappers end to end: build tiny C and C++ provider programs with prjsim-cc and
# prjsim-c++ (with -D, -I, -c and -U flags passed through) and run them with `prjsim exec`.
# usage: wrapper_test.sh BIN_DIR SOURCE_DIR WORK_DIR
set -eu
bin=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work"
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# expect NAME WANT_CODE WANT_OUTPUT COMMAND...
expect() {
    name=$1 want_code=$2 want_out=$3
    shift 3
    set +e
    out=$("$@" </dev/null 2>"$work/$name.err")
    code=$?
    set -e
    if [ "$code" != "$want_code" ] || [ "$out" != "$want_out" ]; then
        fail "$name: exit $code (want $want_code), output '$out' (want '$want_out')"
        sed 's/^/    /' "$work/$name.err"
    else
        echo "ok: $name"
    fi
}

# C: -D with a string, -I, and the wrapper's defaults (UNICODE, gnu11, headers, library).
"$bin/prjsim-cc" -DGREETING='"hello"' -DGREETING_CODE=20 -I"$src/include" -g -O1 \
    -o tiny_c.so "$src/tiny.c" || fail "prjsim-cc could not build tiny.c"
expect c 22 "hello tiny b 5" "$bin/prjsim" exec ./tiny_c.so b
expect c_name_lookup 22 "hello tiny b 5" "$bin/prjsim" exec tiny_c.so b

# C++: compile and link in two steps.
"$bin/prjsim-c++" -c -DPREFIX='"sorted:"' -o tiny_cpp.o "$src/tiny.cpp" ||
    fail "prjsim-c++ -c could not compile tiny.cpp"
"$bin/prjsim-c++" -o tiny_cpp.so tiny_cpp.o || fail "prjsim-c++ could not link tiny_cpp.o"
expect cpp 14 "sorted: A.txt b.TXT c update=6" "$bin/prjsim" exec ./tiny_cpp.so c b.TXT A.txt

# _tmain from <tchar.h> is wmain: "é" is one wide character.
"$bin/prjsim-c++" -o tmain.so "$src/tmain.cpp" || fail "prjsim-c++ could not build tmain.cpp"
expect tmain 3 "$(printf '1\n3')" "$bin/prjsim" exec ./tmain.so "$(printf '\303\251')" abc

# C runtime file calls with Windows paths reach the drives folder; wmain falls off its end.
"$bin/prjsim-c++" -o crt.so "$src/crt.cpp" || fail "prjsim-c++ could not build crt.cpp"
expect crt 0 "size=7 left=1" "$bin/prjsim" exec --drives "$work/crt-drives" ./crt.so
[ "$(cat "$work/crt-drives/C/crt-test.txt" 2>/dev/null)" = written ] ||
    fail "crt: fopen(\"C:\\crt-test.txt\") did not write <drives>/C/crt-test.txt"

# -UUNICODE: no UNICODE, no _UNICODE; a narrow main.
"$bin/prjsim-cc" -UUNICODE -o narrow.so "$src/narrow.c" || fail "prjsim-cc -UUNICODE"
expect narrow 0 "narrow x" "$bin/prjsim" exec ./narrow.so x

# A -std= of yours wins over the default.
printf '#if __STDC_VERSION__ != 201710L\n#error not c17\n#endif\nint main(void){return 0;}\n' >std.c
"$bin/prjsim-cc" -std=c17 -o std.so std.c || fail "prjsim-cc -std=c17"

# A function nobody defines fails at link time, not when the program is loaded.
if "$bin/prjsim-cc" -o missing.so "$src/missing.c" 2>missing.err; then
    fail "missing.c linked"
elif ! grep -q NoSuchWindowsFunction missing.err; then
    fail "the link error does not name the function"; cat missing.err
else
    echo "ok: undefined function is a link error"
fi

# What the wrapper runs, for the curious.
PRJSIM_CC_VERBOSE=1 "$bin/prjsim-cc" -c -o v.o "$src/narrow.c" -UUNICODE 2>verbose.txt
grep -q -- "-fvisibility=default" verbose.txt && ! grep -q -- "-shared" verbose.txt ||
    fail "-c must not link: $(cat verbose.txt)"

# Load errors of `prjsim exec`: exit 2 with a message.
expect missing_program 2 "" "$bin/prjsim" exec ./no-such.so
grep -q "no-such.so" "$work/missing_program.err" || fail "no message for a missing program"
printf 'int helper(void);\nint helper(void) { return 1; }\n' >noentry.c
"$bin/prjsim-cc" -o noentry.so noentry.c || fail "prjsim-cc noentry.c"
expect no_entry 2 "" "$bin/prjsim" exec ./noentry.so
grep -q "wmain or main" "$work/no_entry.err" || fail "no message for a missing entry point"

# Its own --help (then: the rest goes to the compiler), --version, and no input is an error.
for w in prjsim-cc prjsim-c++; do
    "$bin/$w" --help >help.txt 2>help.err && [ ! -s help.err ] && head -n 1 help.txt | grep -q "^usage: $w" &&
        grep -q 'Every other option and file goes to the compiler' help.txt || fail "$w --help"
    "$bin/$w" --version >version.txt 2>&1 && head -n 1 version.txt | grep -q "^$w (prjsim) [0-9]" &&
        [ "$(wc -l <version.txt)" -gt 1 ] || fail "$w --version: $(cat version.txt)"
    if "$bin/$w" -o nothing.so 2>noinput.err; then
        fail "$w without input files succeeded"
    else
        grep -q "$w: fatal error: no input files" noinput.err || fail "$w without input: $(cat noinput.err)"
    fi
    [ ! -e nothing.so ] || fail "$w without input wrote nothing.so"
    # A file after an option that takes a value is not an input.
    if "$bin/$w" -o x.so -I "$src" 2>noinput2.err; then fail "$w -I dir counted as an input"; fi
done

[ "$failures" = 0 ] && echo "all wrapper checks passed"
exit "$failures"
