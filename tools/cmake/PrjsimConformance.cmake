# SPDX-License-Identifier: MIT
# prjsim_add_conformance_test(<provider-target>
#     [NAME test-name]        ctest name (default prjconf.<provider-target>)
#     [ROOT winpath]          the root it virtualizes: created before it starts (prjconf --mkdir),
#                             and its argument when ARGS is not given
#     [ARGS arg ...]          the program's arguments (after argv[0])
#     [CAPS cap ...]          capabilities to assume (notifications, pending); by default prjconf
#                             detects what the provider registered
#     [XFAIL file]            expected failures (`GLOB # reason` lines)
#     [REGISTRY file]         a .reg file to seed the registry with (prjconf --registry FILE)
#     [BACKEND sim|win32]     what the cases' operations go through (prjconf --backend; default sim:
#                             the simulator's client operations; win32: the Win32 calls a Windows
#                             program makes, through prjsim's Win32 layer)
#     [JUNIT file]            also write a JUnit report (relative: to the current binary dir)
#     [JOBS n] [TIMEOUT s]    cases at once (default 2); ctest timeout (default 600)
#     [LABELS label ...]      more ctest labels (it always has `prjsim` and `conformance`)
#     [PER_CASE])             one ctest test per prjconf case, named <test-name>.<case>
#
# Registers prjconf, the generic ProjFS conformance suite, against a provider program target
# (prjsim_add_provider) in the caller's ctest. prjconf exits 0 when every case passes, 1 on a
# failure, 2 when the provider cannot start at all.
function(prjsim_add_conformance_test provider)
  cmake_parse_arguments(C "PER_CASE" "NAME;ROOT;XFAIL;REGISTRY;JUNIT;JOBS;TIMEOUT;BACKEND"
                        "ARGS;CAPS;LABELS" ${ARGN})
  if(C_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "prjsim_add_conformance_test: unknown arguments ${C_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${provider})
    message(FATAL_ERROR "prjsim_add_conformance_test: ${provider} is not a target "
                        "(add it first with prjsim_add_provider)")
  endif()
  if(NOT TARGET prjsim::prjconf)
    message(FATAL_ERROR "prjsim_add_conformance_test: prjsim::prjconf is not known "
                        "(find_package(prjsim CONFIG REQUIRED) first)")
  endif()
  if(NOT C_NAME)
    set(C_NAME prjconf.${provider})
  endif()
  if(NOT C_JOBS)
    set(C_JOBS 2)
  endif()
  if(NOT C_TIMEOUT)
    set(C_TIMEOUT 600)
  endif()
  set(options -j ${C_JOBS} --provider $<TARGET_FILE:${provider}>)
  if(C_ROOT)
    list(APPEND options --mkdir ${C_ROOT})
    if(NOT DEFINED C_ARGS)
      set(C_ARGS ${C_ROOT})
    endif()
  endif()
  if(C_BACKEND)
    list(APPEND options --backend ${C_BACKEND})
  endif()
  if(C_CAPS)
    list(JOIN C_CAPS "," caps)
    list(APPEND options --caps ${caps})
  endif()
  foreach(kind XFAIL REGISTRY)
    if(C_${kind})
      get_filename_component(file ${C_${kind}} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
      string(TOLOWER ${kind} opt)
      list(APPEND options --${opt} ${file})
    endif()
  endforeach()
  set(args)
  if(C_ARGS)
    set(args -- ${C_ARGS})
  endif()
  set(labels prjsim conformance ${C_LABELS})

  if(NOT C_PER_CASE)
    if(C_JUNIT)
      get_filename_component(junit ${C_JUNIT} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_BINARY_DIR})
      list(APPEND options --junit ${junit})
    endif()
    add_test(NAME ${C_NAME} COMMAND prjsim::prjconf ${options} ${args}
             WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
    set_tests_properties(${C_NAME} PROPERTIES LABELS "${labels}" TIMEOUT ${C_TIMEOUT})
    return()
  endif()

  # One test per case: the case list comes from the installed prjconf when CMake configures.
  get_target_property(prjconf_path prjsim::prjconf IMPORTED_LOCATION)
  if(NOT prjconf_path)
    get_target_property(prjconf_path prjsim::prjconf LOCATION)
  endif()
  execute_process(COMMAND ${prjconf_path} --list
                  OUTPUT_VARIABLE listing RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "prjsim_add_conformance_test(PER_CASE): `${prjconf_path} --list` failed "
                        "(${rc}): ${err} PER_CASE needs an installed prjsim.")
  endif()
  string(REGEX MATCHALL "(^|\n)[^ \n]+" cases "${listing}")
  foreach(case IN LISTS cases)
    string(STRIP "${case}" case)
    set(case_options ${options})
    if(C_JUNIT)
      get_filename_component(junit ${C_JUNIT} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_BINARY_DIR})
      get_filename_component(dir ${junit} DIRECTORY)
      get_filename_component(stem ${junit} NAME_WLE)
      list(APPEND case_options --junit ${dir}/${stem}.${case}.xml)
    endif()
    add_test(NAME ${C_NAME}.${case} COMMAND prjsim::prjconf ${case_options} --case ${case} ${args}
             WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
    set_tests_properties(${C_NAME}.${case} PROPERTIES LABELS "${labels}" TIMEOUT ${C_TIMEOUT})
  endforeach()
endfunction()
