#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The main job: install dependencies, build, walk the reference provider through the ProjFS
# cache states (printing the trace of every step), then run every conformance scenario and the
# generic suite (prjconf) against it. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
build/bin/prjsim demo
echo
echo "== conformance scenarios against the reference provider"
# (and its JUnit report, as CI publishes one: conformance/README.md)
build/bin/prjsim run --junit build/scenarios-junit.xml conformance/scenarios/*/*.scn
echo
echo "== prjconf: the generic conformance suite against the reference provider"
build/tools/prjconf/prjconf -j "$(nproc)"
