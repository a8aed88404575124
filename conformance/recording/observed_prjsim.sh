#!/bin/sh
# SPDX-License-Identifier: MIT
# prjsim as the backend differential runs it (backend/differential.sh takes a prjsim program):
# `run --backend sim` is plain prjsim, the simulator observing the provider; any other backend
# runs with the recording layer preloaded and --checker, so that what the scenarios expect of the
# provider (callbacks, pends, instances, the diagnostics the checker decides) comes from the
# recording layer, as it would on real ProjFS.
# Environment: PRJSIM_BIN (prjsim), PRJSIM_RECORDING_LIB (libprjsim_recording.so), and optionally
# PRJSIM_OBSERVED_ARGS: more options for that other backend only (e.g. --without-volume, to compare
# the interpreter's real-ProjFS form with the simulator's verdicts).
set -u
: "${PRJSIM_BIN:?PRJSIM_BIN: the prjsim program}" "${PRJSIM_RECORDING_LIB:?PRJSIM_RECORDING_LIB: the recording layer}"
if [ "$#" -ge 3 ] && [ "$1" = run ] && [ "$2" = --backend ] && [ "$3" != sim ]; then
    cmd=$1 opt=$2 backend=$3
    shift 3
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" LD_PRELOAD="$PRJSIM_RECORDING_LIB" \
        exec "$PRJSIM_BIN" "$cmd" "$opt" "$backend" --checker ${PRJSIM_OBSERVED_ARGS:-} "$@"
fi
exec "$PRJSIM_BIN" "$@"
