/* SPDX-License-Identifier: MIT */
/*
 * access(path, R_OK), which the scenario interpreter uses to find a script's files
 * (conformance/scenario/setup.c), for MSVC, which has no <unistd.h>: the CRT's _access with mode
 * 4, read (https://learn.microsoft.com/cpp/c-runtime-library/reference/access-waccess).
 * mingw-w64 has its own; CMake puts this folder on the include path only for MSVC.
 */
#ifndef PRJSIM_MSVC_UNISTD_H
#define PRJSIM_MSVC_UNISTD_H

#include <io.h>

#ifndef R_OK
#define R_OK 4
#endif
#define access _access

#endif
