#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what building and testing prjsim needs on Debian 12, as root. Idempotent: it installs
# only what is missing, so repeated runs cost nothing. clang and libclang-rt-14-dev (libFuzzer)
# build the fuzz targets (fuzz/); valgrind runs tools/valgrind-check.sh.
set -euo pipefail
packages=(cmake make gcc g++ pkg-config libcriterion-dev python3-pytest libfuse3-dev fuse3 libedit-dev tmux chromium gettext
          clang libclang-rt-14-dev valgrind)
# tools/package-test.sh: cpack's .deb (dpkg-shlibdeps, file), the Python driver built by pip in a
# venv without an index, the CI templates read as YAML.
packages+=(dpkg-dev file python3-venv python3-pip python3-setuptools python3-wheel python3-yaml)
# tools/windows-check.sh: the mingw-w64 cross-build (the -posix compilers come with these) and
# Wine to run its programs headless.
packages+=(gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 wine64)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing packages: ${missing[*]} (run as root, or install them)" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
