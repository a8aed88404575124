#!/bin/sh
# SPDX-License-Identifier: MIT
# Post-operation notification results are ignored (docs/behaviour/notifications.md): a provider
# returning an errno-style code from them passes every case, with a warning naming it.
# usage: errno_notifications_test.sh PRJCONF PROVIDER
set -u
out=$("$1" --timeout 10 --caps notifications --mkdir 'C:\ErrnoRoot' --provider "$2" -- 'C:\ErrnoRoot' 2>&1)
code=$?
printf '%s\n' "$out"
if [ $code != 0 ]; then
    echo "FAIL: expected exit 0, got $code"
    exit 1
fi
if ! printf '%s\n' "$out" | grep -q 'warning ignored-notification-result'; then
    echo "FAIL: no warning ignored-notification-result in the output"
    exit 1
fi
