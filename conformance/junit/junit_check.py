#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs a command that writes a JUnit report and checks the report (conformance/junit).

  junit_check.py REPORT STATUS SUITE TESTS FAILURES ERRORS SKIPPED [CASE...] -- COMMAND...

REPORT is removed first; COMMAND must exit with STATUS and leave a well-formed document with
one <testsuite> named SUITE whose counts are as given (and match its testcases), every testcase
with a time. A CASE is CLASSNAME/NAME=OUTCOME[:TEXT]: OUTCOME passed, failure, error or skipped,
TEXT a string the element's message (and, for a failure or error, its text) contains.
"""
import os
import subprocess
import sys
import xml.etree.ElementTree as ET


def fail(message):
    print("junit_check: " + message, file=sys.stderr)
    sys.exit(1)


def main(argv):
    if "--" not in argv or argv.index("--") < 7:
        fail("usage: junit_check.py REPORT STATUS SUITE TESTS FAILURES ERRORS SKIPPED [CASE...] -- COMMAND...")
    at = argv.index("--")
    report, status, suite = argv[0], int(argv[1]), argv[2]
    counts = dict(zip(("tests", "failures", "errors", "skipped"), (int(n) for n in argv[3:7])))
    cases, command = argv[7:at], argv[at + 1:]
    if os.path.exists(report):
        os.remove(report)
    run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    sys.stdout.write(run.stdout.decode("utf-8", "replace"))
    if run.returncode != status:
        fail(f"exit status {run.returncode}, expected {status}")
    with open(report, "rb") as f:
        data = f.read()
    data.decode("utf-8")  # UTF-8 throughout, or this raises
    root = ET.fromstring(data)
    if root.tag != "testsuites" or len(root) != 1 or root[0].tag != "testsuite":
        fail("expected <testsuites> holding one <testsuite>")
    ts = root[0]
    if ts.get("name") != suite:
        fail(f"testsuite name {ts.get('name')!r}, expected {suite!r}")
    testcases = ts.findall("testcase")
    found = {"tests": len(testcases), "failures": 0, "errors": 0, "skipped": 0}
    outcomes = {}
    for tc in testcases:
        float(tc.get("time"))  # every case is timed
        kind = [e for e in tc if e.tag in ("failure", "error", "skipped")]
        outcome = kind[0].tag if kind else "passed"
        if outcome != "passed":
            found[{"failure": "failures", "error": "errors", "skipped": "skipped"}[outcome]] += 1
        outcomes[f"{tc.get('classname')}/{tc.get('name')}"] = (outcome, kind[0] if kind else None)
    for key, n in counts.items():
        if int(ts.get(key, "-1")) != n or found[key] != n:
            fail(f"{key}: attribute {ts.get(key)}, {found[key]} counted, expected {n}")
    for case in cases:
        name, _, want = case.partition("=")
        outcome, _, text = want.partition(":")
        if name not in outcomes:
            fail(f"no testcase {name} (there are: {', '.join(sorted(outcomes))})")
        got, element = outcomes[name]
        if got != outcome:
            fail(f"{name}: {got}, expected {outcome}")
        if text and text not in (element.get("message") or ""):
            fail(f"{name}: message {element.get('message')!r} lacks {text!r}")
        if text and outcome in ("failure", "error") and text not in (element.text or ""):
            fail(f"{name}: text {element.text!r} lacks {text!r}")
    print(f"junit_check: {report}: {len(testcases)} testcases as expected")


if __name__ == "__main__":
    main(sys.argv[1:])
