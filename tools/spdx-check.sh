#!/bin/sh
# Source files without an SPDX licence line (`SPDX-License-Identifier: MIT`) in their first
# five lines.
#
#   tools/spdx-check.sh [PATH...]        list them (default: the whole repository); exit 1 if any
#   tools/spdx-check.sh --fix [PATH...]  add the line: `/* ... */` in C and C++, `# ...` in
#                                        scripts, CMake, YAML, TOML, Makefiles (after a #! line)
#
# Source files: tracked and new files named *.c *.h *.cpp *.py *.sh *.cmake *.cmake.in *.pc.in
# *.yml *.toml CMakeLists.txt Makefile, and *.in scripts (#!). Data (scenarios, manifests, test
# input) and prose (*.md) are left alone.
set -eu
cd "$(dirname "$0")/.."
fix=no
if [ "${1:-}" = --fix ]; then
    fix=yes
    shift
fi
line='SPDX-License-Identifier: MIT'
missing=0
for f in $(git ls-files --cached --others --exclude-standard -- "$@" | sort -u); do
    [ -f "$f" ] || continue
    case "$f" in
    *.c | *.h | *.cpp) style=c ;;
    *.py | *.sh | *.cmake | *.cmake.in | *.pc.in | *.yml | *.yaml | *.toml | */CMakeLists.txt | \
        CMakeLists.txt | */Makefile | Makefile) style=hash ;;
    # Other .in files are templates only when they are scripts; the rest are test input.
    *.in) head -n 1 "$f" | grep -q '^#!' && style=hash || continue ;;
    *) continue ;;
    esac
    head -n 5 "$f" | grep -q 'SPDX-License-Identifier:' && continue
    if [ $fix = no ]; then
        echo "$f"
        missing=$((missing + 1))
        continue
    fi
    tmp="$f.spdx.$$"
    if [ $style = c ]; then
        { echo "/* $line */"; cat "$f"; } >"$tmp"
    elif head -n 1 "$f" | grep -q '^#!'; then
        { head -n 1 "$f"; echo "# $line"; tail -n +2 "$f"; } >"$tmp"
    else
        { echo "# $line"; cat "$f"; } >"$tmp"
    fi
    chmod --reference="$f" "$tmp"
    mv "$tmp" "$f"
    echo "added: $f"
done
if [ $fix = no ] && [ $missing -gt 0 ]; then
    echo "$missing file(s) without '$line' (tools/spdx-check.sh --fix adds it)" >&2
    exit 1
fi
exit 0
