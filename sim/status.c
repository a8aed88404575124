/* SPDX-License-Identifier: MIT */
/*
 * The NTSTATUS -> Win32 mapping a caller sees (RtlNtStatusToDosError), from status_codes.h's
 * table; the Windows build has ntdll's own (windows/seam/status.c). The names of the codes are
 * status_names.c's.
 */
#include "internal.h"

#include "status_codes.h"

DWORD prjsim_status_to_win32(NTSTATUS status)
{
    for (size_t i = 0; i < prjsim__status_row_count; i++)
        if (prjsim__status_rows[i].value == (uint32_t)status)
            return prjsim__status_rows[i].win32;
    /* Windows maps an NTSTATUS it does not know to ERROR_MR_MID_NOT_FOUND. */
    return 317;
}

NTSTATUS prjsim__status_from_win32(DWORD error)
{
    /* The first status of the table that maps to the error is its canonical reverse. */
    static const uint32_t preferred[][2] = {{2, 0xC0000034}, {5, 0xC0000022}, {1, 0xC0000010}};
    for (size_t i = 0; i < sizeof preferred / sizeof preferred[0]; i++)
        if (preferred[i][0] == error)
            return (NTSTATUS)preferred[i][1];
    for (size_t i = 0; i < prjsim__status_row_count; i++)
        if (prjsim__status_rows[i].win32 == error)
            return (NTSTATUS)prjsim__status_rows[i].value;
    return STATUS_INTERNAL_ERROR;
}
