# SPDX-License-Identifier: MIT
# prjsim_add_random_test(NAME [PROVIDER target-or-path] [OPS N | TIME SECONDS] [SEED S]
#                        [THREADS K] [OPTIONS prjconf-options...] [ARGS program-args...])
#
# A ctest that runs `prjconf --random` against a provider program (built with
# prjsim_add_provider, or a path) or, without PROVIDER, the bundled reference provider, with an
# operation budget (OPS, default 20000) or a time budget (TIME). A finding fails the test; its
# operation log and the shrunk .scn stay in the test's working directory (the build directory
# of the folder), named after the seed. OPTIONS go to prjconf before --random (e.g. --mkdir
# 'C:\Root'), ARGS to the program after `--`.
function(prjsim_add_random_test name)
  cmake_parse_arguments(R "" "PROVIDER;OPS;TIME;SEED;THREADS" "OPTIONS;ARGS" ${ARGN})
  set(cmd $<TARGET_FILE:prjconf> ${R_OPTIONS})
  if(R_PROVIDER)
    if(TARGET ${R_PROVIDER})
      list(APPEND cmd --provider $<TARGET_FILE:${R_PROVIDER}>)
    else()
      list(APPEND cmd --provider ${R_PROVIDER})
    endif()
  endif()
  list(APPEND cmd --random)
  if(NOT R_SEED)
    set(R_SEED 1)
  endif()
  list(APPEND cmd --seed ${R_SEED})
  if(R_TIME)
    list(APPEND cmd --time ${R_TIME})
  elseif(R_OPS)
    list(APPEND cmd --ops ${R_OPS})
  else()
    list(APPEND cmd --ops 20000)
  endif()
  if(R_THREADS)
    list(APPEND cmd --threads ${R_THREADS})
  endif()
  if(R_ARGS)
    list(APPEND cmd -- ${R_ARGS})
  endif()
  add_test(NAME ${name} COMMAND ${cmd} WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  set(budget 600)
  if(R_TIME)
    math(EXPR budget "${R_TIME} + 120")
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${budget})
endfunction()
