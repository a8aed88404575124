/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/msvc_cxx.h: included before every C++ source that prjsim-c++ and
 * prjsim_add_provider build. MSVC's standard headers include one another more than
 * libstdc++'s do, so code that builds with MSVC uses names it never included: std::logic_error
 * after <string> or <map> (Microsoft's RegFS sample), std::runtime_error, memcpy, wcslen. This
 * brings those standard headers in first. Nothing of Windows' own is declared here.
 */
#ifndef PRJSIM_WIN_MSVC_CXX_H
#define PRJSIM_WIN_MSVC_CXX_H

#ifdef __cplusplus
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <cwchar>
#include <new>
#include <stdexcept>
#include <utility>
#endif

#endif /* PRJSIM_WIN_MSVC_CXX_H */
