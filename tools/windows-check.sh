#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The Windows build, checked from Linux: cross-build with mingw-w64 (warnings are errors), run
# the cross-built unit tests under Wine, and check that prjconf.exe on a machine without ProjFS
# (Wine has none) prints the exact "not available" line and exits 2.
#   bash tools/windows-check.sh [BUILD_DIR]      (default build-mingw)
# Wine runs headless and non-interactive: console programs only (wine64, no X display), a
# throw-away prefix in a temporary folder, no debug output, no Mono/Gecko install prompts.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-mingw}
boot_timeout=${PRJSIM_WINEBOOT_TIMEOUT:-180}

wine=$(command -v wine64 || true)
[ -n "$wine" ] || [ ! -x /usr/lib/wine/wine64 ] || wine=/usr/lib/wine/wine64
[ -n "$wine" ] || wine=$(command -v wine || true)
if [ -z "$wine" ] || ! command -v x86_64-w64-mingw32-gcc-posix >/dev/null; then
  echo "windows-check: needs mingw-w64 and Wine (bash tools/install-deps.sh as root)" >&2
  exit 2
fi
wineserver=$(command -v wineserver || true)
[ -n "$wineserver" ] || [ ! -x /usr/lib/wine/wineserver ] || wineserver=/usr/lib/wine/wineserver

prefix=$(mktemp -d "${TMPDIR:-/tmp}/prjsim-wine.XXXXXX")
export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
unset DISPLAY WAYLAND_DISPLAY
cleanup() {
  [ -z "$wineserver" ] || WINEPREFIX="$prefix" "$wineserver" -k 2>/dev/null || true
  rm -rf "$prefix"
}
trap cleanup EXIT

echo "== cross-build with mingw-w64 ($build)"
WINE="$wine" cmake --no-warn-unused-cli -S . -B "$build" -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/mingw-w64-x86_64.cmake \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRJSIM_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)"

echo "== clang in MSVC mode over the Windows sources (an approximation of MSVC, not MSVC)"
bash tools/msvc-dialect-check.sh "$build"

echo "== Wine: first start of a fresh prefix (bounded to ${boot_timeout} s)"
# One persistent wine server for wineboot and every program below, instead of one started and
# stopped for each (about 4 s a program otherwise); cleanup stops it.
[ -z "$wineserver" ] || "$wineserver" -p
start=$(date +%s)
if ! timeout "$boot_timeout" "$wine" wineboot --init >"$prefix/wineboot.log" 2>&1; then
  echo "windows-check: wineboot did not finish within ${boot_timeout} s (or failed); its output:" >&2
  cat "$prefix/wineboot.log" >&2
  echo "windows-check: raise PRJSIM_WINEBOOT_TIMEOUT on a slow machine" >&2
  exit 1
fi
echo "wineboot: $(( $(date +%s) - start )) s"

echo "== cross-built unit tests under Wine"
ctest --test-dir "$build" --output-on-failure --timeout 120

echo "== prjconf.exe --backend projfs without ProjFS"
expected='ProjFS is not available on this machine (ProjectedFSLib.dll not found): run `Enable-WindowsOptionalFeature -Online -FeatureName Client-ProjFS` as administrator'
prjconf_without_projfs() {
  status=0
  timeout 120 "$wine" "$build/windows/prjconf.exe" "$@" >"$prefix/out" 2>"$prefix/err" || status=$?
  got=$(tr -d '\r' <"$prefix/err")
  if [ "$status" != 2 ] || [ "$got" != "$expected" ] || [ -s "$prefix/out" ]; then
    echo "windows-check: prjconf.exe $*: expected exit 2 and exactly, on stderr:" >&2
    echo "  $expected" >&2
    echo "got exit $status, stderr:" >&2
    sed 's/^/  /' "$prefix/err" >&2
    echo "stdout:" >&2
    sed 's/^/  /' "$prefix/out" >&2
    exit 1
  fi
  echo "ok: prjconf.exe $*: exit 2, the exact line"
}
prjconf_without_projfs --backend projfs
# With a provider program too, before the program is started.
prjconf_without_projfs --backend projfs --provider "$build/windows/hello.exe"
# Without prjsim-agent.exe beside it (checked before ProjFS, so Wine reaches it): the path, exit 2.
lone="$prefix/drive_c/lone"
mkdir -p "$lone"
cp "$build/windows/prjconf.exe" "$lone/"
status=0
timeout 120 "$wine" 'C:\lone\prjconf.exe' --backend projfs >"$prefix/out" 2>"$prefix/err" || status=$?
expected_agent='prjconf: the client agent C:\lone\prjsim-agent.exe is missing: it is built and installed beside this program (or --no-agent for the I/O from prjconf itself)'
if [ "$status" != 2 ] || [ "$(tr -d '\r' <"$prefix/err")" != "$expected_agent" ] || [ -s "$prefix/out" ]; then
  echo "windows-check: prjconf.exe without prjsim-agent.exe: expected exit 2 and, on stderr:" >&2
  echo "  $expected_agent" >&2
  echo "got exit $status, stderr:" >&2
  sed 's/^/  /' "$prefix/err" >&2
  exit 1
fi
echo "ok: prjconf.exe without prjsim-agent.exe beside it: exit 2, the path named"
# With --no-agent it needs none: the ProjFS line comes next.
status=0
timeout 120 "$wine" 'C:\lone\prjconf.exe' --backend projfs --no-agent >"$prefix/out" 2>"$prefix/err" || status=$?
if [ "$status" != 2 ] || [ "$(tr -d '\r' <"$prefix/err")" != "$expected" ]; then
  echo "windows-check: prjconf.exe --no-agent without prjsim-agent.exe: expected exit 2 and the ProjFS line, got exit $status:" >&2
  sed 's/^/  /' "$prefix/err" >&2
  exit 1
fi
echo "ok: prjconf.exe --no-agent without prjsim-agent.exe: the ProjFS line, exit 2"
# hello.exe, an unmodified provider program, gets ERROR_MOD_NOT_FOUND from its first Prj* call.
status=0
timeout 120 "$wine" "$build/windows/hello.exe" >"$prefix/out" 2>&1 </dev/null || status=$?
if [ "$status" = 0 ] || ! grep -q '0x8007007e' "$prefix/out"; then
  echo "windows-check: hello.exe: expected a failure naming 0x8007007e, got exit $status:" >&2
  cat "$prefix/out" >&2
  exit 1
fi
echo "ok: hello.exe reports 0x8007007e (ERROR_MOD_NOT_FOUND)"
# PRJSIM_RECORD with the same unmodified hello.exe: the forwarders create the file at its first
# Prj* call (PrjMarkDirectoryAsPlaceholder, which is not itself recorded) and write it at exit.
rm -f "$prefix/drive_c/hello.rec"
PRJSIM_RECORD='C:\hello.rec' timeout 120 "$wine" "$build/windows/hello.exe" >/dev/null 2>&1 </dev/null || true
if [ "$(cat "$prefix/drive_c/hello.rec" 2>/dev/null)" != "# checker" ]; then
  echo "windows-check: PRJSIM_RECORD=C:\\hello.rec: expected the file with an empty log, got:" >&2
  cat "$prefix/drive_c/hello.rec" >&2 || true
  exit 1
fi
echo "ok: PRJSIM_RECORD makes hello.exe write its (empty) log and checker report"

echo "== prjsim-run.exe (the scenario runner) without ProjFS"
run_scenarios() { # ARGS...: status, out and err of prjsim-run.exe under Wine
  status=0
  timeout 300 "$wine" "$build/windows/prjsim-run.exe" "$@" >"$prefix/out" 2>"$prefix/err" || status=$?
}
scenarios_failed() { # WHAT
  echo "windows-check: prjsim-run.exe: $1; got exit $status, stderr:" >&2
  sed 's/^/  /' "$prefix/err" >&2
  echo "stdout:" >&2
  sed 's/^/  /' "$prefix/out" >&2
  exit 1
}
# A scenario run: parsed, then the exact line and exit 2 (Wine has no ProjectedFSLib.dll).
run_scenarios --backend projfs conformance/scenarios/lifecycle/restart-keeps-state.scn
{ [ "$status" = 2 ] && [ "$(tr -d '\r' <"$prefix/err")" = "$expected" ] && [ ! -s "$prefix/out" ]; } ||
  scenarios_failed "a run: expected exit 2 and exactly the ProjFS line on stderr"
echo "ok: prjsim-run.exe --backend projfs SCRIPT: exit 2, the exact line"
# A malformed script: file:line: message and exit 2, before ProjFS is looked for.
printf 'root C:\\R\nitem file a.txt content="x"\nopen h\n' >"$prefix/malformed.scn"
run_scenarios "$prefix/malformed.scn"
{ [ "$status" = 2 ] && head -n 1 "$prefix/err" | tr -d '\r' | grep -q "^$prefix/malformed.scn:3: usage: open H PATH" &&
  ! grep -q 'ProjFS is not available' "$prefix/err"; } ||
  scenarios_failed "a malformed script: expected exit 2 and '$prefix/malformed.scn:3: usage: open H PATH...'"
echo "ok: prjsim-run.exe on a malformed script: file:line: message, exit 2"
# What it skips on the real ProjFS against what Linux skips with --backend win32 --checker: the
# same, or explained (tools/scenario-skips-compare.sh). Needs the Linux build (tools/run-tests.sh
# makes it first); its own self-check shows that a difference fails.
linux_build=${PRJSIM_LINUX_BUILD:-build}
if [ -x "$linux_build/tools/prjsim/prjsim" ] && [ -f "$linux_build/conformance/recording/libprjsim_recording.so" ]; then
  run_scenarios --list conformance/scenarios
  [ "$status" = 0 ] || scenarios_failed "--list conformance/scenarios: expected exit 0"
  cp "$prefix/out" "$prefix/projfs.list"
  # shellcheck disable=SC2046 # one argument per file
  LD_PRELOAD="$PWD/$linux_build/conformance/recording/libprjsim_recording.so" \
    "$linux_build/tools/prjsim/prjsim" run --list --backend win32 --checker \
    $(find conformance/scenarios -name '*.scn' | LC_ALL=C sort) >"$prefix/linux.list"
  bash tools/scenario-skips-compare.sh "$prefix/linux.list" "$prefix/projfs.list"
  sed 's/^SKIP \([^:]*\): .*/RUN \1/' "$prefix/projfs.list" >"$prefix/projfs-runs-all.list"
  if bash tools/scenario-skips-compare.sh "$prefix/linux.list" "$prefix/projfs-runs-all.list" >/dev/null; then
    echo "windows-check: tools/scenario-skips-compare.sh did not see a difference (every scenario running)" >&2
    exit 1
  fi
  echo "ok: prjsim-run.exe --list skips what Linux skips, or for the simulator's volume, the caller id or a second drive"
else
  echo "skipped: the skip list against Linux's (no Linux build in $linux_build; PRJSIM_LINUX_BUILD=DIR)"
fi
