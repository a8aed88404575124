# SPDX-License-Identifier: MIT
# Runs prjsim-bench --quick --json JSON and checks that the file is valid JSON with every key.
execute_process(COMMAND ${BENCH} --quick --json ${JSON} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "prjsim-bench --quick exited with ${rc}")
endif()
file(READ ${JSON} text)
foreach(key p1_open_us_median p1_open_us_p99 p1_speedup_vs_fuse p2_enum_1m_s p2_speedup_vs_tmpfs
    p1_outside_callback_share p2_peak_rss_mib p2_cost_ratio_1m_vs_1k p3_fraction_of_memcpy p4_ops_per_s
    p4_random_ops_per_s p5_suite_s
    mem_bytes_per_item)
  # string(JSON) fails on malformed JSON or a missing key.
  string(JSON type ERROR_VARIABLE err TYPE "${text}" ${key})
  if(err)
    message(FATAL_ERROR "${JSON}: ${err}")
  endif()
  if(NOT type MATCHES "^(NUMBER|NULL)$")
    message(FATAL_ERROR "${JSON}: ${key} is ${type}")
  endif()
endforeach()
