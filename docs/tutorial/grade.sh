#!/bin/sh
# SPDX-License-Identifier: MIT
# Grades a lab: runs each check of LAB/checks (a scenario, see conformance/README.md) against
# your provider program and says, in words, what still does not work and what to look at.
# usage: sh docs/tutorial/grade.sh LAB-FOLDER YOUR-PROVIDER.so
#   PRJSIM=path/to/prjsim picks the prjsim command (default: build/bin/prjsim, else on PATH).
# Exit status: 0 every check passes, 1 some do not, 2 usage.
set -u
if [ $# -ne 2 ] || [ ! -d "$1/checks" ]; then
  echo "usage: sh grade.sh LAB-FOLDER YOUR-PROVIDER.so" >&2
  exit 2
fi
lab=$1 provider=$2
if [ -z "${PRJSIM:-}" ]; then
  here=$(cd "$(dirname "$0")/../.." && pwd)
  if [ -x "$here/build/bin/prjsim" ]; then PRJSIM=$here/build/bin/prjsim; else PRJSIM=prjsim; fi
fi
[ -f "$provider" ] || { echo "grade: no provider program '$provider' (build it with prjsim-cc -o ...)" >&2; exit 2; }
passed=0 failed=0
for check in "$lab"/checks/*.scn; do
  name=$(basename "$check" .scn)
  what=$(sed -n 's/^# check: //p' "$check")
  out=$("$PRJSIM" run --provider "$provider" "$check" -- 'C:\LabRoot' 2>&1)
  if printf '%s\n' "$out" | grep -q '^PASS '; then
    echo "  ok    $name: $what"
    passed=$((passed + 1))
  else
    echo "  FAIL  $name: $what"
    echo "        what happened: $(printf '%s\n' "$out" | sed -n 's/^FAIL [^:]*:[0-9]*: //p' | head -1 |
      sed "s/; add 'expect diag.*//; s/; the trace was:\$//; s/ (put 'expect \.\.\.' after it if that is intended)//")"
    echo "        look at: $(sed -n 's/^# hint: //p' "$check")"
    failed=$((failed + 1))
  fi
done
echo "$passed of $((passed + failed)) checks pass"
[ $failed -eq 0 ]
