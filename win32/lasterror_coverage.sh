#!/bin/sh
# SPDX-License-Identifier: MIT
# Every Win32, COM and RPC function the headers declare has a row in lasterror_test.c (the
# ProjFS API reports through its HRESULT and is not listed). A few cannot be called there.
# usage: lasterror_coverage.sh PROVIDER_API_DIR LASTERROR_TEST_C
set -eu
api=$1
table=$2
not_called="GetLastError SetLastError ExitProcess ExitThread ReadConsoleW ReadConsoleA GenerateConsoleCtrlEvent"
missing=""
for name in $(grep -rhoE '(WINAPI|WINAPIV|RPC_ENTRY|STDAPI|STDAPI_\([A-Za-z]+\)) +[A-Za-z0-9_]+\(' "$api" |
              sed -E 's/.* +([A-Za-z0-9_]+)\($/\1/' | grep -v '^Prj' | sort -u); do
    case " $not_called " in *" $name "*) continue ;; esac
    grep -q "\\b$name(" "$table" || missing="$missing $name"
done
if [ -n "$missing" ]; then
    echo "FAIL: no last-error row for:$missing"
    exit 1
fi
echo "PASS"
