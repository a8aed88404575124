/* SPDX-License-Identifier: MIT */
/* GetLastError / SetLastError: the calling thread's last Win32 error. */
#ifndef PRJSIM_WIN_ERRHANDLINGAPI_H
#define PRJSIM_WIN_ERRHANDLINGAPI_H

#include "basetypes.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The calling thread's last error code (ERROR_*), as set by the last failing Win32 call. */
DWORD WINAPI GetLastError(void);
/** Sets the calling thread's last error code. */
void WINAPI SetLastError(DWORD dwErrCode);

#ifdef __cplusplus
}
#endif

#endif
