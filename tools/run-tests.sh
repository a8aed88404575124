#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every test: install dependencies, then build and run the whole suite twice, once plain and
# once under AddressSanitizer + UndefinedBehaviorSanitizer (warnings are errors in both), with
# the Windows cross-build checked under Wine between them (tools/windows-check.sh); then
# valgrind's memcheck over the scenarios and prjconf, a smoke run of every fuzz target, and
# the threaded check under ThreadSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
jobs=$(nproc)

echo "== build and test (warnings are errors)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRJSIM_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== Windows: mingw-w64 cross-build, its unit tests and prjconf.exe under Wine (1 to 3 minutes from scratch)"
bash tools/windows-check.sh build-mingw

echo "== prjsim as a dependency: installed prefix, copied; example consumer; Debian package; Python driver"
bash tools/package-test.sh

echo "== build and test under ASan+UBSan"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPRJSIM_WERROR=ON -DPRJSIM_SANITIZE=address,undefined >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions="$PWD/tools/lsan.supp" \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"
bash tools/sanitizer-log-check.sh build-asan

echo "== memcheck: every scenario and prjconf against the fixture providers (about 2 minutes)"
bash tools/valgrind-check.sh build

echo "== fuzz targets, built with clang, each fuzzed from its seed corpus with a fixed seed and count (fuzz/README.md)"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRJSIM_WERROR=ON \
  -DPRJSIM_SANITIZE=address,undefined -DPRJSIM_FUZZ=ON >/dev/null
cmake --build build-fuzz -j"$jobs" --target fuzzers
bash fuzz/smoke.sh build-fuzz

echo "== threaded tests under ThreadSanitizer"
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DPRJSIM_WERROR=ON -DPRJSIM_SANITIZE=thread >/dev/null
cmake --build build-tsan -j"$jobs" --target prjsim-stress prjconf win32-handles-stress agent-stress
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 ctest --test-dir build-tsan --output-on-failure -R '^stress_'
