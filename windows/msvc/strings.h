/* SPDX-License-Identifier: MIT */
/*
 * POSIX <strings.h> for MSVC, which has none: the ASCII case-insensitive compares, under the
 * names the UCRT gives them in <string.h> (_stricmp, _strnicmp: "Performs a case-insensitive
 * comparison of strings", learn.microsoft.com, C runtime reference). Like msvc/pthread.h, CMake
 * puts this folder on the include path only for MSVC; glibc and mingw-w64 have their own.
 */
#ifndef PRJSIM_MSVC_STRINGS_H
#define PRJSIM_MSVC_STRINGS_H

#include <string.h>

#define strcasecmp _stricmp
#define strncasecmp _strnicmp

#endif
