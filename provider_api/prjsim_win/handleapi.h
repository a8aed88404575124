/* SPDX-License-Identifier: MIT */
/* CloseHandle: closes any handle the Win32 layer hands out (files, finds excluded, threads,
 * events, mutexes, semaphores). */
#ifndef PRJSIM_WIN_HANDLEAPI_H
#define PRJSIM_WIN_HANDLEAPI_H

#include "basetypes.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Closes a handle. Returns FALSE with ERROR_INVALID_HANDLE for a handle that is not open
 * (including INVALID_HANDLE_VALUE and NULL).
 */
BOOL WINAPI CloseHandle(HANDLE hObject);

#ifdef __cplusplus
}
#endif

#endif
