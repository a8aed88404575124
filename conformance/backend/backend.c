/* SPDX-License-Identifier: MIT */
/*
 * The seam's shared part, on Linux and on Windows: comparing and building results. The NTSTATUS
 * to Win32 mapping is prjsim_status_to_win32: the simulator's table on Linux, ntdll's
 * RtlNtStatusToDosError on Windows (windows/seam/status.c).
 */
#include "backend.h"

#include <ntstatus.h>
#include <prjsim/status.h>
#include <stdlib.h>

/*
 * Where kernel32 reports an NTSTATUS as another Win32 error than the generic mapping (section
 * 11 of the semantics reference): a Win32 result matches the NTSTATUS through either.
 */
static const struct {
    NTSTATUS status;
    uint32_t error;
} kernel32_also[] = {
    {STATUS_OBJECT_NAME_COLLISION, ERROR_FILE_EXISTS}, /* CreateFileW(CREATE_NEW) */
};

bool prjsim_backend_is(prjsim_backend_result r, int32_t status)
{
    if (r.kind == PRJSIM_BACKEND_NTSTATUS)
        return r.code == status;
    if (r.kind != PRJSIM_BACKEND_WIN32)
        return false;
    uint32_t c = (uint32_t)r.code;
    if (status >= 0)
        return c == 0 && prjsim_status_to_win32((NTSTATUS)status) == 0;
    if (c == prjsim_status_to_win32((NTSTATUS)status))
        return true;
    for (size_t i = 0; i < sizeof kernel32_also / sizeof kernel32_also[0]; i++)
        if (kernel32_also[i].status == status && kernel32_also[i].error == c)
            return true;
    return false;
}

bool prjsim_backend_failed(prjsim_backend_result r)
{
    switch (r.kind) {
    case PRJSIM_BACKEND_NTSTATUS: return r.code < 0;
    case PRJSIM_BACKEND_WIN32: return r.code != 0;
    default: return true;
    }
}

void prjsim_backend_free_entries(prjsim_dir_entry *entries)
{
    free(entries);
}

prjsim_backend_result prjsim_backend_status(int32_t status)
{
    prjsim_backend_result r = {PRJSIM_BACKEND_NTSTATUS, status, NULL};
    return r;
}

prjsim_backend_result prjsim_backend_win32_error(uint32_t error)
{
    prjsim_backend_result r = {PRJSIM_BACKEND_WIN32, (int32_t)error, NULL};
    return r;
}

prjsim_backend_result prjsim_backend_unsupported(const char *reason)
{
    prjsim_backend_result r = {PRJSIM_BACKEND_UNSUPPORTED, 0, reason};
    return r;
}
