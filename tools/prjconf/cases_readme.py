#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The case list of conformance/prjconf/README.md, generated from the case table.

    cases_readme.py PRJCONF README          rewrite the list between the markers
    cases_readme.py --check PRJCONF README  exit 1 (with a diff) when the README has drifted

The list comes from `PRJCONF --list`, which prints the table of cases.h: name, what it checks
and the capabilities it needs.
"""
import difflib
import re
import subprocess
import sys

BEGIN = "<!-- cases: generated from cases.h by tools/prjconf/cases_readme.py; do not edit -->"
END = "<!-- end of cases -->"


def table(prjconf):
    out = subprocess.run([prjconf, "--list"], check=True, stdout=subprocess.PIPE, text=True).stdout
    rows = ["| case | what it checks | needs |", "|---|---|---|"]
    for line in out.splitlines():
        name, _, rest = line.partition(" ")
        rest = rest.strip()
        m = re.match(r"(.*) \[needs (.*)\]$", rest)
        summary, needs = (m.group(1), m.group(2)) if m else (rest, "")
        summary = summary.replace('|', '\\|').replace('*', '\\*').replace('<', '&lt;')
        rows.append(f"| `{name}` | {summary} | {needs} |")
    return "\n".join(rows) + "\n"


def main(argv):
    check = argv[:1] == ["--check"]
    if check:
        argv = argv[1:]
    if len(argv) != 2:
        sys.exit("usage: cases_readme.py [--check] PRJCONF README")
    prjconf, readme = argv
    text = open(readme, encoding="utf-8").read()
    if BEGIN not in text or END not in text:
        sys.exit(f"{readme}: the markers {BEGIN} and {END} are missing")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    wanted = head + BEGIN + "\n" + table(prjconf) + END + tail
    if wanted == text:
        return 0
    if check:
        sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), wanted.splitlines(True),
                                                   readme, readme + " (from the case table)"))
        print(f"{readme} lists other cases than prjconf: run tools/prjconf/cases_readme.py {prjconf} {readme}")
        return 1
    open(readme, "w", encoding="utf-8").write(wanted)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
