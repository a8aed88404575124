#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# AN APPROXIMATION OF MSVC, NOT MSVC: Debian's clang parses the Windows build's sources in its
# MSVC mode (--target=x86_64-pc-windows-msvc -fms-compatibility -fms-extensions: _MSC_VER is
# defined, so every `#if defined(_MSC_VER)` branch is compiled) against mingw-w64's headers, to
# catch before a Windows CI run what MSVC would refuse: VLAs, GNU extensions (statement
# expressions, `?:` without a middle operand, zero-length arrays...), headers MSVC lacks
# (<pthread.h> outside memtree and the recording layer, which get windows/msvc/pthread.h as in
# windows/CMakeLists.txt; <stdatomic.h>, <threads.h>), and C++ that needs casts (mirror.cpp with
# projectedfslib.h). It cannot see MSVC's own warnings (/W4) or the SDK's headers.
# mingw-w64's headers turn `__attribute__` into nothing unless __GNUC__ is defined, which breaks
# clang's own intrinsics headers, so __GNUC__ is defined for them; our sources are parsed with
# both _MSC_VER and __GNUC__ set, and `__attribute__` itself is therefore not caught here.
#   bash tools/msvc-dialect-check.sh MINGW_BUILD_DIR   (after the mingw cross-build: its
#                                                      build/windows/include holds projectedfslib.h)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: msvc-dialect-check.sh MINGW_BUILD_DIR}
command -v clang >/dev/null || { echo "msvc-dialect-check: needs clang (tools/install-deps.sh)" >&2; exit 2; }
mingw_inc=/usr/x86_64-w64-mingw32/include
poison=$(mktemp -d "${TMPDIR:-/tmp}/prjsim-msvc.XXXXXX")
trap 'rm -rf "$poison"' EXIT
# MSVC's C library has none of these POSIX headers; windows/msvc/ stands in for pthread.h,
# strings.h and unistd.h (access) where the CMake files put it on the include path.
for h in pthread.h stdatomic.h threads.h strings.h unistd.h dirent.h getopt.h sys/time.h; do
  mkdir -p "$(dirname "$poison/$h")"
  printf '#error "<%s>: not in MSVC (windows/msvc/ stands in only for memtree, the recording layer, prjconf'"'"'s cases and the client agent)"\n' "$h" \
    >"$poison/$h"
done
# mingw-w64's <time.h> includes <pthread_time.h> (nanosleep, clock_gettime, CLOCK_REALTIME),
# which MSVC's has not: an empty one here, so a use of those without windows/msvc/pthread.h's
# stand-ins fails as it would under MSVC.
: >"$poison/pthread_time.h"
# MSVC warns C4005 when <ntstatus.h> follows a <windows.h> read without WIN32_NO_STATUS (winnt.h
# defined STATUS_WAIT_0 and others already); clang does not, as the headers are system headers.
# This stand-in refuses that order and then reads the real one (conformance/windows_status.h).
cat >"$poison/ntstatus.h" <<'H'
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wgnu-include-next"
#if defined(STATUS_WAIT_0) && !defined(_NTSTATUS_)
#error "<ntstatus.h> after <windows.h> without WIN32_NO_STATUS: MSVC C4005; include conformance/windows_status.h first"
#endif
#include_next <ntstatus.h>
#pragma clang diagnostic pop
H
# C++ standard headers: mingw-w64's libstdc++, as g++ finds them.
cxx_dirs=$(echo | x86_64-w64-mingw32-g++-posix -xc++ -E -v - 2>&1 |
           sed -n '/#include <...> search starts here/,/End of search/p' | grep '^ /' | grep 'c++' || true)
# _UCRT: MSVC's C runtime is the UCRT (mingw-w64's msvcrt branch of time.h needs GCC's dllimport).
flags=(--target=x86_64-pc-windows-msvc -fms-compatibility -fms-extensions -fsyntax-only
       -D__GNUC__=4 -D__GNUC_MINOR__=9 -D_UCRT -DUNICODE -D_UNICODE -DNOMINMAX -D_CRT_SECURE_NO_WARNINGS
       -DPRJSIM_VERSION='"0"' -Wall -Wextra -Werror -Werror=vla -Wgnu
       -Wno-gnu-zero-variadic-macro-arguments -Wno-unknown-pragmas
       -I"$poison" -I"$build/windows/include" -I"$build/windows/seam_include" -Iwindows -Iconformance/recording
       -Iconformance/backend -Iconformance/prjconf -Iconformance/agent -Iconformance/junit -Ifixtures/memtree -Isim)
# The error codes windows/CMakeLists.txt defines where mingw-w64 10 lacks them.
for code in ERROR_REPARSE_POINT_ENCOUNTERED=4395 ERROR_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE=369 \
            ERROR_FILE_SYSTEM_VIRTUALIZATION_METADATA_CORRUPT=370 ERROR_FILE_SYSTEM_VIRTUALIZATION_BUSY=371 \
            ERROR_FILE_SYSTEM_VIRTUALIZATION_PROVIDER_UNKNOWN=372 \
            ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION=385; do
  grep -q "define ${code%=*}\b" "$mingw_inc/winerror.h" || flags+=("-D$code")
done
failed=0
late=(-Wno-unused-command-line-argument) # warning flags after the common ones (C++ below)
check() { # LANGUAGE_FLAGS... -- FILES...
  local lang=() f
  while [ "$1" != -- ]; do lang+=("$1"); shift; done
  shift
  for f in "$@"; do
    if ! clang "${lang[@]}" "${flags[@]}" "${late[@]}" -isystem "$mingw_inc" "$f"; then
      echo "msvc-dialect-check: $f (clang in MSVC mode, an approximation of MSVC)" >&2
      failed=1
    fi
    if ! awk -f tools/msvc/gnu-only.awk "$f" >&2; then
      echo "msvc-dialect-check: $f: GNU-only spelling outside an #if naming a compiler (MSVC has none)" >&2
      failed=1
    fi
  done
}
# windows/msvc/ (pthread.h) first, as windows/CMakeLists.txt does for MSVC.
check -std=c11 -Iwindows/msvc -Iwindows/tests -- fixtures/memtree/{memtree,manifest,name_index,provider}.c \
  conformance/recording/{recording,checker,observe,recording_win,checker_events_test}.c windows/projfs_dll.c \
  conformance/prjconf/{cases,cases_enum,cases_items,cases_refusals,crawl,io,report}.c \
  windows/{prjconf_cases,prjconf_cases_simulator,prjconf_observe}.c conformance/prjconf/cases_observed.c \
  conformance/junit/{junit,host_win}.c \
  conformance/agent/{protocol,serve,client,pipe_win,agent_main}.c windows/agent_process.c windows/tests/prjconf_run_test.c
# The scenario interpreter as prjsim-run.exe builds it (prjsim_scenario_win), with windows/msvc/'s
# pthread.h, strings.h and unistd.h first, as windows/CMakeLists.txt gives them to MSVC.
check -std=c11 -Iwindows/msvc -Iconformance/scenario -I"$build/windows/scenario_include" -- \
  conformance/scenario/{lexer,parser,values,setup,roots,provider,misbehave,operations,provider_calls}.c \
  conformance/scenario/{state,expect,golden,runner,junit_report,requires,checker,simulator_win}.c \
  conformance/recording/{observe,observer,observer_win}.c sim/diag_names.c windows/scenario_backend.c
check -std=c11 -Iconformance/scenario -I"$build/windows/scenario_include" -- windows/prjsim_run_main.c
# The backend seam and its win32 backend, as Windows builds them (prjsim_seam_win).
check -std=c11 -Iwindows/tests -DPRJSIM__WIN32_CAPS=PRJSIM_BACKEND_CAP_CANCEL -- \
  conformance/backend/{backend,win32_backend,win32_backend_test}.c windows/seam/*.c sim/status_names.c
check -std=c11 -Iwindows/tests -- windows/{prjconf_main,prjconf_recording,projfs_backend,provider_process,child_handles,prjconf_own_cases,prjconf_timed}.c \
  $(ls windows/tests/*.c | grep -v prjconf_run_test) fixtures/hello/hello.c sim/names.c sim/names_api.c
# libstdc++ warns that clang's MSVC mode leaves __STRICT_ANSI__ undefined, and mingw-w64's
# DEFINE_ENUM_FLAG_OPERATORS expands to functions clang calls unused here: neither is ours.
cxx_flags=(-std=c++17)
late+=(-Wno-#warnings -Wno-unused-function)
for d in $cxx_dirs; do cxx_flags+=(-isystem "$d"); done
check -xc++ "${cxx_flags[@]}" -- fixtures/mirror/mirror.cpp
# The project headers those sources include, checked the same way.
for f in windows/*.h windows/msvc/*.h conformance/*.h conformance/{recording,backend,prjconf,agent,junit}/*.h \
         fixtures/memtree/*.h; do
  awk -f tools/msvc/gnu-only.awk "$f" >&2 || { echo "msvc-dialect-check: $f: GNU-only spelling (above)" >&2; failed=1; }
done
[ "$failed" = 0 ] || exit 1
echo "ok: windows/ sources and what they include parse in clang's MSVC mode (an approximation, not MSVC)"
