#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fails when LeakSanitizer reported a leak in a test that still passed. Criterion runs each test
# in a worker process whose exit status it ignores once the test has finished, so a leak that
# LeakSanitizer reports when a worker exits does not fail the test; ctest keeps every test's whole
# output in Testing/Temporary/LastTest.log, so the report is found there. Other sanitizer reports
# already fail their test (they abort the worker), and some tests provoke them on purpose (a
# provider that crashes), so only leak reports are looked for.
# usage: tools/sanitizer-log-check.sh BUILD_DIR   (after ctest ran in BUILD_DIR)
set -euo pipefail
build=${1:?usage: tools/sanitizer-log-check.sh BUILD_DIR}
log="$build/Testing/Temporary/LastTest.log"
[ -f "$log" ] || { echo "sanitizer-log-check: $log not found (run ctest first)" >&2; exit 2; }
# LastTest.log names each test on a line "N/M Testing: NAME" before its output.
found=$(awk '/^[0-9]+\/[0-9]+ Testing: / { test = $3 }
             /ERROR: LeakSanitizer/ { print test }' "$log" | sort -u)
if [ -n "$found" ]; then
  echo "sanitizer-log-check: leaks reported in tests (see $log):" >&2
  printf '  %s\n' $found >&2
  exit 1
fi
echo "sanitizer-log-check: no leak reported in $(grep -c '^[0-9]*/[0-9]* Testing: ' "$log") tests"
