# Criterion unit tests: prjsim_add_test(NAME SOURCES a.c [b.c] [LIBS x y]).
# Criterion installs only a pkg-config file.
find_package(PkgConfig REQUIRED)
pkg_check_modules(CRITERION REQUIRED IMPORTED_TARGET criterion>=2.4)

function(prjsim_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE PkgConfig::CRITERION ${T_LIBS})
  add_test(NAME ${name} COMMAND ${name} --jobs=2)
  set_tests_properties(${name} PROPERTIES TIMEOUT 300)
endfunction()
