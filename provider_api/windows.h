/* SPDX-License-Identifier: MIT */
/*
 * windows.h: prjsim's Linux stand-in for the Windows SDK's <windows.h>.
 *
 * Enough of the Win32 surface for a ProjFS provider written for Windows to
 * compile unchanged with `-I provider_api`. Each concept lives in its own
 * header under prjsim_win/; this file only gathers them. To add more of the
 * Win32 surface (the wide CRT, the file API, threads and synchronisation),
 * write another prjsim_win/<concept>.h and include it below.
 *
 * Differences from Windows worth knowing:
 *   - WCHAR is wchar_t, which is 32 bits on Linux (UTF-32 code units).
 *   - Calling conventions (WINAPI, CALLBACK, __stdcall) expand to nothing.
 *   - No STATUS_* codes are defined here; include <ntstatus.h> for them.
 *     WIN32_NO_STATUS is accepted and has no effect.
 *   - _WIN32 is not defined: this is not Windows, and code that tests _WIN32
 *     would reach for APIs this layer does not supply.
 */
#ifndef _WINDOWS_
#define _WINDOWS_

/* MSVC's <windows.h> brings these in, and providers rely on it. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <wchar.h>
#include <wctype.h>

#include "prjsim_win/compiler.h"
#include "prjsim_win/sal.h"
#include "prjsim_win/basetypes.h"
#include "prjsim_win/guid.h"
#include "prjsim_win/enum_flags.h"
#include "winerror.h"
#include "prjsim_win/file_attributes.h"
#include "prjsim_win/fileapi_constants.h"
#include "prjsim_win/errhandlingapi.h"
#include "prjsim_win/handleapi.h"
#include "prjsim_win/fileapi.h"
#include "prjsim_win/fileinfo.h"

#include "prjsim_win/msvc.h"
#include "prjsim_win/minwindef.h"
#include "prjsim_win/tchar_types.h"
#include "prjsim_win/memory_macros.h"
#include "prjsim_win/wcrt.h"
#include "prjsim_win/crt_secure.h"
#include "prjsim_win/crtfile.h"
#include "prjsim_win/msvc_printf.h"
#include "prjsim_win/winstring.h"
#include "prjsim_win/stringapiset.h"
#include "prjsim_win/interlockedapi.h"
#include "prjsim_win/synchapi.h"
#include "prjsim_win/processthreadsapi.h"
#include "prjsim_win/heapapi.h"
#include "prjsim_win/sysinfoapi.h"
#include "prjsim_win/consoleapi.h"
#include "prjsim_win/rpcdce.h"
#include "prjsim_win/combaseapi.h"
#include "prjsim_win/winreg.h"
#include "prjsim_win/entry.h"

#endif /* _WINDOWS_ */
