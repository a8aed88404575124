#!/bin/sh
# SPDX-License-Identifier: MIT
# What CI runs in a provider repository, from its top folder, once prjsim is installed:
# configure against the installed prjsim (/usr from the .deb, or CMAKE_PREFIX_PATH), build, and
# run ctest, which runs prjconf and writes its JUnit report to build/prjconf-notes.xml.
# docs/ci/github-actions.yml and docs/ci/gitlab-ci.yml run these same commands (checked by
# tools/package-test.sh).
set -eu
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j2
ctest --test-dir build --output-on-failure
