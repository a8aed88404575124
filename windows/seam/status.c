/* SPDX-License-Identifier: MIT */
/*
 * The NTSTATUS to Win32 mapping of prjsim/status.h on Windows: ntdll's own
 * RtlNtStatusToDosError, the one kernel32 applies to what a call returns
 * (https://learn.microsoft.com/windows/win32/api/winternl/nf-winternl-rtlntstatustodoserror).
 * On Linux the simulator's table (sim/status.c) stands for it. The names are the simulator's
 * own tables (sim/status_names.c, compiled into this library too).
 */
#include <prjsim/status.h>

#include "ntdll.h"

typedef ULONG(NTAPI *rtl_nt_status_to_dos_error)(NTSTATUS Status);

DWORD prjsim_status_to_win32(NTSTATUS status)
{
    static prjsim_win__ntdll_fn fn = {INIT_ONCE_STATIC_INIT, "RtlNtStatusToDosError", NULL};
    return ((rtl_nt_status_to_dos_error)(void (*)(void))prjsim_win__ntdll(&fn))(status);
}
