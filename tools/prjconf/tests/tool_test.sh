#!/bin/sh
# SPDX-License-Identifier: MIT
# prjconf as a tool: PRJSIM_FAULTS, capabilities detected from the callbacks a provider
# registers, exit 2 for a provider that cannot start, no temporary files left behind, and the
# JUnit fields CI readers use.
# usage: tool_test.sh PRJCONF NOTIFYING.so HELLO.so EXITS.so NOENTRY.so WORK_DIR
set -u
prjconf=$1 notifying=$2 hello=$3 exits=$4 noentry=$5 work=$6
rm -rf "$work"
mkdir -p "$work/tmp"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# PRJSIM_FAULTS wraps the provider in every case: failed reads fail data.agrees-with-size.
PRJSIM_FAULTS=GetFileData:fail=ERROR_ACCESS_DENIED "$prjconf" data.agrees-with-size >"$work/faults.txt" 2>&1
[ $? = 1 ] && grep -q '^FAIL 1 data.agrees-with-size' "$work/faults.txt" ||
    { fail "PRJSIM_FAULTS is not applied"; cat "$work/faults.txt"; }
"$prjconf" data.agrees-with-size >"$work/nofaults.txt" 2>&1 || { fail "without faults"; cat "$work/nofaults.txt"; }
PRJSIM_FAULTS='GetFileData:nth=0:fail=1' "$prjconf" data.agrees-with-size >"$work/badspec.txt" 2>&1
[ $? = 2 ] || { fail "a malformed PRJSIM_FAULTS must exit 2"; cat "$work/badspec.txt"; }

# Capabilities come from the callbacks the provider registered; --caps overrides them.
"$prjconf" --provider "$notifying" --mkdir 'C:\NotifyRoot' notify.basic pending.cancel -- 'C:\NotifyRoot' \
    >"$work/caps.txt" 2>&1
[ $? = 0 ] && grep -q '^ok 1 notify.basic' "$work/caps.txt" && grep -q '^ok 2 pending.cancel' "$work/caps.txt" ||
    { fail "capabilities of a provider with notification and cancel callbacks"; cat "$work/caps.txt"; }
"$prjconf" --provider "$hello" --mkdir 'C:\HelloRoot' notify.basic -- 'C:\HelloRoot' >"$work/nocaps.txt" 2>&1
[ $? = 0 ] && grep -q '^skip 1 notify.basic: needs capability notifications: the provider registered no NotificationCallback' "$work/nocaps.txt" ||
    { fail "hello registers no NotificationCallback"; cat "$work/nocaps.txt"; }
"$prjconf" --caps none --provider "$notifying" --mkdir 'C:\NotifyRoot' notify.basic -- 'C:\NotifyRoot' \
    >"$work/declared.txt" 2>&1
grep -q '^skip 1 notify.basic' "$work/declared.txt" || { fail "--caps none must skip"; cat "$work/declared.txt"; }

# A provider that cannot start at all: exit 2, the reason on stderr, the other cases not run.
for p in "$exits" "$noentry"; do
    "$prjconf" --provider "$p" --junit "$work/nostart.xml" >"$work/nostart.txt" 2>"$work/nostart.err"
    rc=$?
    [ $rc = 2 ] && grep -q '^prjconf: the provider could not start: ' "$work/nostart.err" &&
        [ "$(grep -c '^ERROR ' "$work/nostart.txt")" = 1 ] && grep -q 'type="setup"' "$work/nostart.xml" ||
        { fail "$p cannot start: exit $rc"; cat "$work/nostart.txt" "$work/nostart.err"; }
done

# Temporary files: drives and the module copies of a restarted provider are removed.
TMPDIR="$work/tmp" "$prjconf" --provider "$hello" --mkdir 'C:\HelloRoot' lifecycle.stop-restart -- 'C:\HelloRoot' \
    >"$work/tmpfiles.txt" 2>&1 || { fail "lifecycle.stop-restart against hello"; cat "$work/tmpfiles.txt"; }
[ -z "$(ls -A "$work/tmp")" ] || { fail "temporary files left behind:"; ls -lA "$work/tmp"; }

# JUnit: timestamp, hostname, time per case, type and message, system-out.
PRJSIM_FAULTS=GetFileData:fail=ERROR_ACCESS_DENIED "$prjconf" --junit "$work/junit.xml" 'data.*' >/dev/null 2>&1
/usr/bin/python3 - "$work/junit.xml" <<'PY' || fail "JUnit fields"
import sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
assert suite.get("timestamp") and suite.get("hostname"), suite.attrib
cases = suite.findall("testcase")
assert cases and all(c.get("time") for c in cases)
failed = [c for c in cases if c.find("failure") is not None]
assert failed, "no failure"
for c in failed:
    f = c.find("failure")
    assert f.get("type") and f.get("message"), f.attrib
    out = c.find("system-out")
    assert out is not None and "repro: prjconf" in out.text and "recent trace" in out.text, out
PY

[ $failures = 0 ] && echo PASS
exit $failures
