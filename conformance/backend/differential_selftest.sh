#!/bin/sh
# SPDX-License-Identifier: MIT
# differential.sh must fail on a verdict that differs and pass on equal ones or skips: runs it
# against a stand-in for prjsim that answers per backend.
set -u
here=$(dirname "$0")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/prjsim-diffself-XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
fake() { # fake NAME SIM-VERDICT WIN32-VERDICT
    cat >"$tmp/$1" <<EOS
#!/bin/sh
case "\$3" in sim) v=$2 ;; *) v=$3 ;; esac
case "\$v" in
PASS) echo "PASS a.scn" ;;
FAIL) echo "FAIL a.scn:3: expected X, got Y" ;;
SKIP) echo "SKIP a.scn: backend win32: line 3: needs the simulator" ;;
esac
echo "PASS b.scn"
echo "1 passed, 0 failed"
EOS
    chmod +x "$tmp/$1"
}
fake same PASS PASS
fake differs PASS FAIL
fake skipped FAIL SKIP
fail=0
sh "$here/differential.sh" "$tmp/same" 50 a.scn b.scn >/dev/null || { echo "equal verdicts were refused"; fail=1; }
sh "$here/differential.sh" "$tmp/differs" 50 a.scn b.scn >/dev/null && { echo "a differing verdict passed"; fail=1; }
sh "$here/differential.sh" "$tmp/skipped" 50 a.scn b.scn >/dev/null || { echo "a skip was refused"; fail=1; }
sh "$here/differential.sh" "$tmp/skipped" 60 a.scn b.scn >/dev/null && { echo "too few ran, yet it passed"; fail=1; }
[ $fail -eq 0 ] && echo PASS
exit $fail
