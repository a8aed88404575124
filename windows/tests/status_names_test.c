/* SPDX-License-Identifier: MIT */
/*
 * The code names on Windows: the simulator's tables (sim/status_names.c) compiled into the
 * seam, so prjconf.exe says ERROR_FILE_NOT_FOUND (2), STATUS_OBJECT_NAME_NOT_FOUND (0xC0000034)
 * and HRESULT_FROM_WIN32(ERROR_...) where it printed numbers. And the simulator's NTSTATUS ->
 * Win32 column (sim/status_table.h) against ntdll's RtlNtStatusToDosError, which the seam uses
 * here: on Windows that is Windows' own mapping, under Wine Wine's.
 */
#include "check.h"

#include <internal.h> /* prjconf's: windows_status.h before <windows.h> */

#include <backend.h>
#include <prjconf.h>
#include <prjsim/status.h>

#include "../../sim/status_table.h" /* the tables alone: X-macros */

#include <string.h>

static void same(const char *got, const char *want)
{
    CHECK(!strcmp(got, want), "got \"%s\", expected \"%s\"", got, want);
}

int main(void)
{
    char buf[128];
    same(prjsim_format_win32(buf, sizeof buf, ERROR_FILE_NOT_FOUND), "ERROR_FILE_NOT_FOUND (2)");
    same(prjsim_format_win32(buf, sizeof buf, ERROR_MOD_NOT_FOUND), "ERROR_MOD_NOT_FOUND (126)");
    same(prjsim_format_win32(buf, sizeof buf, 54321), "Win32 error 54321");
    same(prjsim_format_code(buf, sizeof buf, (INT32)0xC0000034, true),
         "STATUS_OBJECT_NAME_NOT_FOUND (0xC0000034)");
    same(prjsim_format_code(buf, sizeof buf, HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), false),
         "HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND) (0x80070002)");
    same(prjsim_format_code(buf, sizeof buf, HRESULT_FROM_WIN32(ERROR_REPARSE_TAG_MISMATCH), false),
         "HRESULT_FROM_WIN32(ERROR_REPARSE_TAG_MISMATCH) (0x8007112A)");
    same(prjsim_format_code(buf, sizeof buf, (INT32)0xD0000121, false), "HRESULT_FROM_NT(STATUS_CANNOT_DELETE) (0xD0000121)");
    same(prjsim_format_code(buf, sizeof buf, E_INVALIDARG, false), "E_INVALIDARG (0x80070057)");
    INT32 v = 0;
    char kind = 0;
    CHECK(prjsim_code_from_name("HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED)", &v, &kind) && v == (INT32)0x80070005 &&
              kind == 'H',
          "HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED): 0x%08X %c", (unsigned)v, kind);

    /* what prjconf's cases print for a result of the win32 backend (conformance/prjconf/io.c) */
    prjconf_r r = {PRJSIM_BACKEND_WIN32, ERROR_PATH_NOT_FOUND, NULL};
    same(prjconf_status(buf, sizeof buf, r), "ERROR_PATH_NOT_FOUND (3)");

    /* the simulator's mapping against ntdll's */
    size_t rows = 0, differ = 0;
#define S_CHECK_(n, v, w)                                                                          \
    {                                                                                              \
        DWORD got = prjsim_status_to_win32((NTSTATUS)(v));                                         \
        rows++;                                                                                    \
        if (got != (DWORD)(w)) {                                                                   \
            differ++;                                                                              \
            printf("note: %s: the simulator maps to %lu, this ntdll to %lu\n", #n, (unsigned long)(w), \
                   (unsigned long)got);                                                            \
        }                                                                                          \
    }
    PRJSIM__NT_STATUSES(S_CHECK_)
#undef S_CHECK_
    printf("%zu NTSTATUS values, %zu mapped otherwise by this ntdll\n", rows, differ);
    return CHECK_RESULT();
}
