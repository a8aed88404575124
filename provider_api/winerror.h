/* SPDX-License-Identifier: MIT */
/*
 * winerror.h: prjsim's Linux stand-in for the Windows SDK's <winerror.h>.
 *
 * Win32 error codes, the generic HRESULTs, and the HRESULT macros
 * (SUCCEEDED, FAILED, HRESULT_FROM_WIN32, HRESULT_FROM_NT, ...). Also
 * included by <windows.h>. The definitions live in prjsim_win/winerror_codes.h.
 */
#ifndef _WINERROR_
#define _WINERROR_

#include "prjsim_win/winerror_codes.h"

#endif /* _WINERROR_ */
