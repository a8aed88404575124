# SPDX-License-Identifier: MIT
# prjsim_add_provider(NAME SOURCES a.cpp [b.c ...] [LIBS x y] [DEFINITIONS X=1 ...] [NO_UNICODE])
#
# Builds a Windows-style provider program (wmain or main, <windows.h>, <projectedfslib.h>) into
# NAME.so, a module `prjsim exec` and the host (prjsim/host.h) run: the same flags the compiler
# wrapper prjsim-cc / prjsim-c++ uses (tools/cc/prjsim-cc.in). UNICODE and _UNICODE are defined
# unless NO_UNICODE is given. Inside prjsim the project's warning and sanitizer flags apply, as
# to every target of the project. Installed with the CMake package (find_package(prjsim)), and
# available to add_subdirectory(prjsim) consumers: it links prjsim::prjsim either way.
#
# The C library calls that MSVC's CRT gives Windows-path meaning and glibc also defines: a
# provider program's calls to them are bound to libprjsim's __wrap_NAME (win32/crtpath.c) with
# the linker's --wrap, so only the program's own calls are affected. The compiler wrappers use
# the same list.
set(PRJSIM_CRT_WRAPPED fopen freopen stat remove rename)
set(PRJSIM_CRT_WRAP_FLAGS "")
foreach(sym IN LISTS PRJSIM_CRT_WRAPPED)
  string(APPEND PRJSIM_CRT_WRAP_FLAGS " -Wl,--wrap=${sym}")
endforeach()
string(STRIP "${PRJSIM_CRT_WRAP_FLAGS}" PRJSIM_CRT_WRAP_FLAGS)

function(prjsim_add_provider name)
  cmake_parse_arguments(P "NO_UNICODE" "" "SOURCES;LIBS;DEFINITIONS" ${ARGN})
  add_library(${name} MODULE ${P_SOURCES})
  target_link_libraries(${name} PRIVATE prjsim::prjsim ${P_LIBS})
  if(NOT P_NO_UNICODE)
    target_compile_definitions(${name} PRIVATE UNICODE _UNICODE)
  endif()
  target_compile_definitions(${name} PRIVATE ${P_DEFINITIONS})
  # gnu11 / gnu++17 as the wrapper, and the entry point exported.
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    C_EXTENSIONS ON
    CXX_EXTENSIONS ON
    POSITION_INDEPENDENT_CODE ON
    C_VISIBILITY_PRESET default
    CXX_VISIBILITY_PRESET default)
  target_compile_options(${name} PRIVATE -Wno-unknown-pragmas)
  separate_arguments(wrap_flags UNIX_COMMAND "${PRJSIM_CRT_WRAP_FLAGS}")
  target_link_options(${name} PRIVATE -Wl,-z,defs ${wrap_flags})
endfunction()
