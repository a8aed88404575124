# SPDX-License-Identifier: MIT
# Criterion unit tests: prjsim_add_test(NAME SOURCES a.c [b.c] [LIBS x y]).
# Criterion installs only a pkg-config file. Only looked for when the tests are built
# (PRJSIM_BUILD_TESTS): the library and the tools build without it.
if(PRJSIM_BUILD_TESTS)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(CRITERION REQUIRED IMPORTED_TARGET criterion>=2.4)
endif()

# Keeps LeakSanitizer quiet about Criterion's runner process only (see the file).
set(PRJSIM_CRITERION_RUNNER_LEAKS ${CMAKE_CURRENT_LIST_DIR}/criterion_runner_leaks.c)

function(prjsim_add_test name)
  if(NOT PRJSIM_BUILD_TESTS)
    message(FATAL_ERROR "prjsim_add_test(${name}) outside if(PRJSIM_BUILD_TESTS)")
  endif()
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES} ${PRJSIM_CRITERION_RUNNER_LEAKS})
  target_link_libraries(${name} PRIVATE PkgConfig::CRITERION ${T_LIBS})
  add_test(NAME ${name} COMMAND ${name} --jobs=2)
  set_tests_properties(${name} PROPERTIES TIMEOUT 300)
endfunction()
