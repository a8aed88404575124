#!/usr/bin/env bash
# The main job: install dependencies, build, and run the reference provider through the
# ProjFS cache-state walk, printing the trace of every step.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
exec build/tools/prjsim/prjsim demo "$@"
