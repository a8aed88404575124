#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# prjsim as a dependency, end to end, from a clean copy of the sources (issue 13):
#   1. build (Release, no tests: neither Criterion nor pytest needed) and install to a prefix,
#      build the Debian package; check the headers, the SONAME, an add_subdirectory consumer;
#      pip-install the Python driver into a venv;
#   2. delete the sources, the build tree and the prefix, keeping a COPY of the prefix: nothing
#      installed may need them;
#   3. from the copy: every tool's --help and --version, `prjsim demo`, the installed scenarios,
#      the example provider project with CMake (its ctest) and with make + pkg-config, the
#      Python driver and its pytest plugin;
#   4. as root: install the .deb with apt-get, use prjconf, `prjsim exec`, prjsim-cc, the CMake
#      package and the pytest plugin from PATH, then remove it.
# usage: tools/package-test.sh [WORK_DIR]   (default build-package/; about two minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mkdir -p "${1:-build-package}" && cd "${1:-build-package}" && pwd)
rm -rf "${work:?}"/*
jobs=$(nproc)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
python=/usr/bin/python3

src=$work/src build=$work/build prefix=$work/prefix copy=$work/copied-prefix

echo "== 1. a clean copy of the sources, built without tests and installed"
mkdir -p "$src"
if git rev-parse --git-dir >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$src"
else # not a git checkout: everything but build trees
    tar --exclude='./build*' --exclude=./.git -cf - . | tar -xf - -C "$src"
fi
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
      -DCMAKE_INSTALL_PREFIX="$prefix" >"$work/configure.log"
! grep -q '^CRITERION_FOUND' "$build/CMakeCache.txt" || fail "Criterion looked for with BUILD_TESTING=OFF"
[ ! -e "$build/CTestTestfile.cmake" ] || ! grep -q add_test "$build/CTestTestfile.cmake" ||
    fail "tests registered with BUILD_TESTING=OFF"
cmake --build "$build" -j"$jobs" >"$work/build.log" || { tail -30 "$work/build.log"; exit 1; }
cmake --install "$build" >"$work/install.log"
(cd "$build" && cpack -G DEB >"$work/cpack.log") || { cat "$work/cpack.log"; exit 1; }
mv "$build"/prjsim_*.deb "$work/"
deb=$(ls "$work"/prjsim_*.deb)
ok "installed to a prefix; $(basename "$deb")"

# Every header of provider_api/ is installed (tests/ excepted), and memtree.h.
(cd "$src/provider_api" && find . -name '*.h' -not -path './tests/*') | sort >"$work/headers.want"
(cd "$prefix/include/prjsim" && find . -name '*.h' -not -name memtree.h) | sort >"$work/headers.got"
diff -u "$work/headers.want" "$work/headers.got" && [ -f "$prefix/include/prjsim/memtree.h" ] &&
    ok "every public header installed ($(wc -l <"$work/headers.got"))" || fail "installed headers differ"
version=$(sed -n 's/^project(prjsim VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
soname=$(readelf -d "$prefix"/lib/libprjsim.so | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libprjsim.so.${version%.*}" ] && [ -f "$prefix/lib/libprjsim.so.$version" ] &&
    ok "SONAME $soname" || fail "SONAME '$soname' (version $version)"

# add_subdirectory: prjsim's targets and helpers, none of its tests in the consumer's ctest.
mkdir -p "$work/subdir"
cat >"$work/subdir/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(subdir_consumer C)
include(CTest)
add_subdirectory("$src" prjsim)
prjsim_add_provider(mine SOURCES "$src/examples/provider/notes.c")
prjsim_add_conformance_test(mine ROOT "C:\\\\NotesRoot")
add_test(NAME mine_only COMMAND true)
CMAKE
cmake -S "$work/subdir" -B "$work/subdir/build" >"$work/subdir/configure.log" &&
    tests=$(cd "$work/subdir/build" && ctest -N | sed -n 's/^ *Test *#[0-9]*: //p') &&
    [ "$(echo $tests)" = "prjconf.mine mine_only" ] &&
    ! grep -q '^CRITERION_FOUND' "$work/subdir/build/CMakeCache.txt" &&
    ok "add_subdirectory: the helpers work, only the consumer's tests" || fail "add_subdirectory consumer sees: $tests"

# The Python driver, pip-installed without an index into a venv (Debian's pytest visible).
$python -m venv --system-site-packages "$work/venv" &&
    "$work/venv/bin/python" -m pip install -q --no-index --no-build-isolation "$src/tools/python" \
        >"$work/pip.log" 2>&1 && ok "pip install --no-index tools/python" ||
    { fail "pip install of tools/python"; cat "$work/pip.log"; }

echo "== 2. only a copy of the prefix is left"
cp -a "$prefix" "$copy"
cp "$src/docs/ci/check.py" "$work/check-ci.py"
rm -rf "$src" "$build" "$prefix" "$work/subdir"
export PATH="$copy/bin:$PATH"

echo "== 3. the copied prefix"
# --help and --version: stdout, exit 0, nothing on stderr; every subcommand `prjsim help` lists.
check_out() { # NAME COMMAND...: exit 0, output on stdout, none on stderr
    local name=$1 out err
    shift
    if out=$("$@" 2>"$work/stderr") && [ -n "$out" ] && [ ! -s "$work/stderr" ]; then
        return 0
    fi
    fail "$name: '$*' exit/stdout/stderr wrong"; cat "$work/stderr"
}
for tool in prjsim prjconf prjsim-bench prjsim-cc prjsim-c++; do
    check_out "$tool --help" "$tool" --help
    out=$("$tool" --version) && echo "$out" | head -1 | grep -q "^$tool .*$version" ||
        fail "$tool --version: '$out'"
done
check_out "prjsim help" prjsim help
subcommands=$(prjsim help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
for sub in $subcommands; do
    check_out "prjsim $sub --help" prjsim "$sub" --help
    [ "$sub" = help ] || check_out "prjsim help $sub" prjsim help "$sub"
done
prjsim-cc --help | head -1 | grep -q '^usage: prjsim-cc' &&
    prjsim-cc --help | grep -q 'Every other option and file goes to the compiler' ||
    fail "prjsim-cc --help: its own options, then the rest goes to the compiler"
if prjsim-cc 2>"$work/noinput.err"; then fail "prjsim-cc without input succeeded"; fi
grep -q 'no input files' "$work/noinput.err" || fail "prjsim-cc without input: $(cat "$work/noinput.err")"
ok "--help and --version: $(echo prjsim prjconf prjsim-bench prjsim-cc prjsim-c++ $subcommands | wc -w) programs and subcommands"

prjsim demo >"$work/demo.txt" && grep -q "($copy/share/prjsim/trees/walk.manifest)" "$work/demo.txt" &&
    ok "prjsim demo reads the installed manifest" || { fail "prjsim demo"; cat "$work/demo.txt"; }
if prjsim help | grep -q '^  shell '; then
    printf 'ls\n' | prjsim shell >"$work/shell.txt" 2>&1 && grep -q '^foo.txt' "$work/shell.txt" &&
        ok "prjsim shell projects the installed walk.manifest" || { fail "prjsim shell"; cat "$work/shell.txt"; }
fi
# Every installed scenario but those for the sample provider programs (not installed).
prjsim run $(find "$copy/share/prjsim/scenarios" -name '*.scn' -not -path '*/providers/*' | sort) \
    >"$work/scenarios.txt" &&
    ok "installed scenarios: $(tail -1 "$work/scenarios.txt")" || { fail "installed scenarios"; tail "$work/scenarios.txt"; }

# The example provider project, as docs/ci runs it (examples/provider/ci.sh), against the copy.
cp -r "$copy/share/doc/prjsim/examples/provider" "$work/example"
(cd "$work/example" && CMAKE_PREFIX_PATH="$copy" ./ci.sh) >"$work/example.log" 2>&1 &&
    grep -q '100% tests passed' "$work/example.log" && [ -s "$work/example/build/prjconf-notes.xml" ] &&
    ok "examples/provider with CMake: ctest passed, JUnit written" || { fail "example (CMake)"; tail -30 "$work/example.log"; }
$python "$work/check-ci.py" "$copy/share/doc/prjsim/ci" "$work/example/ci.sh" || fail "docs/ci templates"
cp -r "$copy/share/doc/prjsim/examples/provider" "$work/example-make"
# prjsim_add_conformance_test's options: one ctest test per case, labels, expected failures,
# declared capabilities, the targets of the package.
mkdir -p "$work/percase"
cp "$work/example/notes.c" "$work/percase/"
# notes sorts its entries: listing enum.sorted as an expected failure makes the run fail (XPASS).
printf 'enum.sorted  # it passes: an unexpected pass fails the run\n' >"$work/percase/xfail.txt"
cat >"$work/percase/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(percase C)
find_package(prjsim 0.1 CONFIG REQUIRED)
enable_testing()
prjsim_add_provider(notes SOURCES notes.c)
prjsim_add_conformance_test(notes NAME each ROOT "C:\\NotesRoot" CAPS none PER_CASE LABELS mine)
prjsim_add_conformance_test(notes NAME xfail ROOT "C:\\NotesRoot" XFAIL xfail.txt JUNIT xfail.xml)
prjsim_add_conformance_test(notes NAME viawin32 ROOT "C:\\NotesRoot" BACKEND win32)
set_tests_properties(xfail PROPERTIES WILL_FAIL TRUE)
foreach(t prjsim::prjsim prjsim::headers prjsim::memtree prjsim::prjsim-cli prjsim::prjconf
          prjsim::prjsim-bench prjsim::prjsim-cc prjsim::prjsim-c++)
  if(NOT TARGET ${t})
    message(FATAL_ERROR "no target ${t}")
  endif()
endforeach()
add_executable(memtree_user memtree_user.c)
target_link_libraries(memtree_user PRIVATE prjsim::memtree)
add_test(NAME memtree_user COMMAND memtree_user)
CMAKE
cat >"$work/percase/memtree_user.c" <<'C'
#include <prjsim.h>
#include <memtree.h>
int main(void)
{
    prjsim_sim *sim = prjsim_sim_current();
    memtree *tree;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;
    void *data;
    size_t size;
    prjsim_volume_create_directory(sim, L"C:\\root");
    memtree_create(&tree);
    memtree_parse_manifest(tree, "file a.txt content=\"hi\"", NULL, NULL, 0);
    memtree_start(tree, L"C:\\root", NULL, &ctx);
    return prjsim_client_read_file(sim, L"C:\\root\\A.TXT", &data, &size) == 0 && size == 2 ? 0 : 1;
}
C
(cmake -S "$work/percase" -B "$work/percase/build" -DCMAKE_PREFIX_PATH="$copy" &&
    cmake --build "$work/percase/build" && cd "$work/percase/build" &&
    [ "$(ctest -N -L mine | grep -c 'Test *#')" = "$(prjconf --list | wc -l)" ] &&
    ctest -j2 --output-on-failure && grep -q 'type="xpass"' xfail.xml) >"$work/percase.log" 2>&1 &&
    ok "prjsim_add_conformance_test: PER_CASE, LABELS, CAPS, XFAIL, JUNIT, BACKEND; prjsim::memtree" ||
    { fail "prjsim_add_conformance_test options"; tail -40 "$work/percase.log"; }
prjsim-bench --quick --only p5 --json "$work/bench.json" >"$work/bench.txt" &&
    grep -q '"p5_suite_s": [0-9]' "$work/bench.json" && ok "prjsim-bench finds the prjconf beside it" ||
    { fail "prjsim-bench p5"; cat "$work/bench.txt"; }
PKG_CONFIG_PATH="$copy/lib/pkgconfig" make -C "$work/example-make" check >"$work/make.log" 2>&1 &&
    ok "examples/provider with make + pkg-config" || { fail "example (make)"; tail -30 "$work/make.log"; }

# The Python driver: a user's own tests get the `prjsim` fixture without PYTHONPATH.
mkdir -p "$work/pytests"
cat >"$work/pytests/test_user.py" <<PY
def test_scenario_against_a_provider_program(prjsim):
    r = prjsim.run_scenario(open("$work/example/scenarios/notes.scn").read(),
                            provider="$work/example/build/notes.so", provider_args=["C:\\\\NotesRoot"])
    assert r.passed, r.output

def test_prjconf(prjsim):
    r = prjsim.prjconf("enum.*", "-j", "2", reports=True)
    assert r.returncode == 0, r.output
    assert r.junit and all(c["status"] == "passed" for c in r.junit)
PY
(cd "$work/pytests" && "$work/venv/bin/python" -m pytest -q -p no:cacheprovider) >"$work/pytest-venv.log" 2>&1 &&
    ok "pip-installed driver: pytest plugin, tools on PATH" || { fail "pytest (venv)"; cat "$work/pytest-venv.log"; }
(cd "$work/pytests" && env -u PRJSIM_BUILD_DIR PATH=/usr/bin:/bin \
    PYTHONPATH="$copy/lib/python3/dist-packages" $python -m pytest -q -p no:cacheprovider) \
    >"$work/pytest-prefix.log" 2>&1 &&
    ok "driver from the prefix's site-packages: tools found beside it" || { fail "pytest (prefix)"; cat "$work/pytest-prefix.log"; }

echo "== 4. the Debian package"
if [ "$(id -u)" != 0 ]; then
    echo "skip: not root, the .deb is built but not installed"
elif dpkg-query -W -f='${Status}' prjsim 2>/dev/null | grep -q "install ok installed"; then
    fail "a prjsim package is already installed: not touching it"
else
    remove() { apt-get remove -y -qq prjsim >/dev/null 2>&1 || true; }
    trap remove EXIT
    export DEBIAN_FRONTEND=noninteractive
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    apt-get install -y -qq "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; exit 1; }
    [ "$(command -v prjsim)" = /usr/bin/prjsim ] && [ "$(command -v prjconf)" = /usr/bin/prjconf ] &&
        ok "installed: $(prjsim --version), $(dpkg-query -W -f='${Version}' prjsim)" || fail "tools not on PATH"
    prjconf -j 2 'enum.*' >"$work/deb-prjconf.txt" && ok "prjconf from PATH: $(tail -1 "$work/deb-prjconf.txt")" ||
        { fail "prjconf from PATH"; cat "$work/deb-prjconf.txt"; }
    (cd "$work/example-make" && prjsim-cc -o notes-cc.so notes.c) &&
        mkdir -p "$work/drives/C/NotesRoot" &&
        out=$(echo | prjsim exec --timeout 30 --drives "$work/drives" "$work/example-make/notes-cc.so" 'C:\NotesRoot') &&
        echo "$out" | grep -q 'Projecting 3 notes' && ok "prjsim-cc and prjsim exec from PATH" ||
        fail "prjsim exec from PATH: $out"
    rm -rf "$work/example/build"
    (cd "$work/example" && sh ./ci.sh) >"$work/deb-example.log" 2>&1 && ok "examples/provider against /usr" ||
        { fail "example against /usr"; tail -30 "$work/deb-example.log"; }
    (cd "$work/pytests" && env -u PYTHONPATH $python -m pytest -q -p no:cacheprovider) >"$work/pytest-deb.log" 2>&1 &&
        ok "pytest plugin of the .deb, no PYTHONPATH" || { fail "pytest (.deb)"; cat "$work/pytest-deb.log"; }
    apt-get remove -y -qq prjsim >"$work/apt-remove.log" 2>&1 && [ ! -e /usr/bin/prjsim ] &&
        [ ! -e /usr/lib/python3/dist-packages/prjsim_driver ] && ok "removed" || fail "apt-get remove prjsim"
    trap - EXIT
fi

if [ $failures = 0 ]; then echo "package-test: PASS"; else echo "package-test: $failures FAILED"; fi
[ $failures = 0 ]
