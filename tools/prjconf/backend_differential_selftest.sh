#!/bin/sh
# SPDX-License-Identifier: MIT
# backend_differential.py must fail on a verdict or a diagnostic that differs between backends,
# and pass on equal ones and on a backend skip: runs it against a stand-in for prjconf that
# writes its JSON lines per backend.
set -u
here=$(dirname "$0")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/prjconf-diffself-XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
fake() { # fake NAME WIN32-OUTCOME WIN32-MESSAGE WIN32-DIAGNOSTICS (sim: pass, no diagnostics)
    cat >"$tmp/$1" <<EOS
#!/bin/sh
# arguments: --backend B --seed N --json FILE ...
if [ "\$2" = sim ]; then o=pass m= d=; else o=$2 m="$3" d='$4'; fi
printf '{"case":"a.case","backend":"%s","outcome":"%s","message":"%s","diagnostics":[%s]}\n' "\$2" "\$o" "\$m" "\$d" >"\$6"
printf '{"case":"b.case","backend":"%s","outcome":"pass","message":"","diagnostics":[]}\n' "\$2" >>"\$6"
EOS
    chmod +x "$tmp/$1"
}
fake same pass "" ""
fake differs fail "listing differs" ""
fake diagnosed pass "" '"short-data"'
fake skipped skip "backend win32: needs the simulator" ""
fail=0
run() { /usr/bin/python3 "$here/backend_differential.py" "$tmp/$1" "$tmp/work" reference >/dev/null 2>&1; }
run same || { echo "equal verdicts were refused"; fail=1; }
run differs && { echo "a differing verdict passed"; fail=1; }
run diagnosed && { echo "a differing diagnostic passed"; fail=1; }
run skipped || { echo "a backend skip was refused"; fail=1; }
[ $fail -eq 0 ] && echo PASS
exit $fail
