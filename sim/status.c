/* SPDX-License-Identifier: MIT */
/*
 * The NTSTATUS -> Win32 mapping a caller sees (RtlNtStatusToDosError), from the table of
 * status_table.h; the names are in status_names.c.
 */
#include "internal.h"

#include "status_table.h"

static const struct {
    uint32_t status;
    uint32_t win32;
} status_rows[] = {
#define S_ROW_(n, v, w) {v, w},
    PRJSIM__NT_STATUSES(S_ROW_)
#undef S_ROW_
};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

DWORD prjsim_status_to_win32(NTSTATUS status)
{
    for (size_t i = 0; i < COUNT(status_rows); i++)
        if (status_rows[i].status == (uint32_t)status)
            return status_rows[i].win32;
    /* Windows maps an NTSTATUS it does not know to ERROR_MR_MID_NOT_FOUND. */
    return 317;
}

NTSTATUS prjsim__status_from_win32(DWORD error)
{
    /* The first status of the table that maps to the error is its canonical reverse. */
    static const uint32_t preferred[][2] = {{2, 0xC0000034}, {5, 0xC0000022}, {1, 0xC0000010}};
    for (size_t i = 0; i < COUNT(preferred); i++)
        if (preferred[i][0] == error)
            return (NTSTATUS)preferred[i][1];
    for (size_t i = 0; i < COUNT(status_rows); i++)
        if (status_rows[i].win32 == error)
            return (NTSTATUS)status_rows[i].status;
    return STATUS_INTERNAL_ERROR;
}
