/* SPDX-License-Identifier: MIT */
/*
 * The NTSTATUS to Win32 mapping of prjsim/status.h on Windows: ntdll's own
 * RtlNtStatusToDosError, the one kernel32 applies to what a call returns
 * (https://learn.microsoft.com/windows/win32/api/winternl/nf-winternl-rtlntstatustodoserror).
 * On Linux the simulator's table (sim/status.c) stands for it.
 */
#include <prjsim/status.h>

#include <stdlib.h>

typedef ULONG(NTAPI *rtl_nt_status_to_dos_error)(NTSTATUS Status);

static rtl_nt_status_to_dos_error to_dos_error;

static BOOL CALLBACK find_to_dos_error(PINIT_ONCE once, PVOID parameter, PVOID *context)
{
    (void)once;
    (void)parameter;
    (void)context;
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    FARPROC p = ntdll ? GetProcAddress(ntdll, "RtlNtStatusToDosError") : NULL;
    if (!p)
        abort(); /* ntdll exports it on every Windows NT */
    to_dos_error = (rtl_nt_status_to_dos_error)(void (*)(void))p;
    return TRUE;
}

DWORD prjsim_status_to_win32(NTSTATUS status)
{
    static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
    InitOnceExecuteOnce(&once, find_to_dos_error, NULL, NULL);
    return to_dos_error(status);
}
