/* SPDX-License-Identifier: MIT */
/*
 * The POSIX case-insensitive comparisons the scenario interpreter uses (conformance/scenario),
 * for MSVC, which has no <strings.h>: the CRT's _stricmp and _strnicmp
 * (https://learn.microsoft.com/cpp/c-runtime-library/reference/stricmp-wcsicmp-mbsicmp-stricmp-l-wcsicmp-l-mbsicmp-l),
 * which compare ASCII letters case-insensitively in the "C" locale, as the interpreter needs.
 * mingw-w64 has its own; CMake puts this folder on the include path only for MSVC.
 */
#ifndef PRJSIM_MSVC_STRINGS_H
#define PRJSIM_MSVC_STRINGS_H

#include <string.h>

#define strcasecmp _stricmp
#define strncasecmp _strnicmp

#endif
