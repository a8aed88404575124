#!/bin/sh
# SPDX-License-Identifier: MIT
# The picture of a failing prjconf case in a real browser: prjconf --trace-dir writes the page
# and links it from the failure report; headless Chromium (Debian's) loads it with no script
# error and no console message, the diagram holds as many messages as the trace file, the
# diagnostic links to its section of the behaviour reference, and a screenshot is kept as
# ARTIFACTS/trace.png for CI.
# usage: browser_test.sh PRJSIM PRJCONF BROKEN.so WORK ARTIFACTS
set -u
prjsim=$1 prjconf=$2 broken=$3 work=$4 artifacts=$5
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$work" && mkdir -p "$work" "$artifacts" || exit 2
browser=$(command -v chromium || command -v chromium-browser) || fail "chromium is not installed (tools/install-deps.sh)"

"$prjconf" --timeout 10 --provider "$broken" --mkdir 'C:\BrokenRoot' --case enum.unique --trace-dir "$work/traces" \
  -- 'C:\BrokenRoot' > "$work/report.txt" 2>&1
[ $? -eq 1 ] || { cat "$work/report.txt"; fail "prjconf did not fail the broken provider"; }
page=$(sed -n 's|^ *picture: file://||p' "$work/report.txt")
[ -n "$page" ] && [ -f "$page" ] || { cat "$work/report.txt"; fail "the report links no picture"; }
trace="$work/traces/enum.unique.trace"
want=$("$prjsim" trace "$trace" --count) || fail "prjsim trace --count"
lines=$(grep -cE '^(op|cb|api) ' "$trace")
[ "$want" -eq "$lines" ] && [ "$want" -gt 10 ] || fail "trace --count says $want, the file has $lines messages"
# Mermaid: one arrow per message
"$prjsim" trace "$trace" --mermaid "$work/trace.mmd" || fail "prjsim trace --mermaid"
[ "$(grep -c -- '->>' "$work/trace.mmd")" -eq "$want" ] || fail "the Mermaid text lacks messages"
head -1 "$work/trace.mmd" | grep -q '^sequenceDiagram$' || fail "not a Mermaid sequence diagram"

# no network: nothing in the page loads from anywhere
grep -qiE '(src|href)="(https?:)?//' "$page" && fail "the page refers to the network"

run_browser() {
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile" \
    --enable-logging=stderr --v=0 "$@"
}
run_browser --dump-dom "file://$page" > "$work/dom.html" 2> "$work/browser.log" || fail "chromium could not load the page"
body=$(grep -o '<body[^>]*>' "$work/dom.html")
echo "$body" | grep -q "data-messages=\"$want\"" || fail "the diagram does not hold $want messages: $body"
echo "$body" | grep -q 'data-errors="0"' || fail "a script error: $body"
grep -q 'CONSOLE' "$work/browser.log" && { grep CONSOLE "$work/browser.log"; fail "console messages"; }
grep -q 'class="diag-link" href="[^"]*behaviour/diagnostics.md#duplicate-entry"' "$work/dom.html" ||
  fail "the diagnostic does not link to its section"
run_browser --hide-scrollbars --window-size=1100,1400 --screenshot="$artifacts/trace.png" "file://$page" \
  > /dev/null 2>&1 || fail "no screenshot"
[ -s "$artifacts/trace.png" ] || fail "empty screenshot"
echo "PASS (screenshot: $artifacts/trace.png)"
