/* SPDX-License-Identifier: MIT */
/*
 * Translating a callback's HRESULT into what the client sees (section 6.9): NT-facility codes
 * pass through as their NTSTATUS, the allowed list and codes a Prj* function returned during
 * the callback map to their status, and anything else becomes STATUS_INTERNAL_ERROR.
 */
#include "internal.h"

static const struct {
    HRESULT hr;
    NTSTATUS status;
} allowed[] = {
    {S_OK, STATUS_SUCCESS},
    {E_OUTOFMEMORY, STATUS_NO_MEMORY},
    {HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER), STATUS_BUFFER_TOO_SMALL},
    {HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), STATUS_OBJECT_NAME_NOT_FOUND},
    {HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER), STATUS_INVALID_PARAMETER},
    {HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED), STATUS_ACCESS_DENIED},
    {HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE),
     STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE},
    {HRESULT_FROM_WIN32(ERROR_INTERNAL_ERROR), STATUS_INTERNAL_ERROR},
};

/* The status a listed result becomes; false for a result that is not allowed. */
static bool listed(HRESULT hr, const prjsim__command *cmd, NTSTATUS *out)
{
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (allowed[i].hr == hr) {
            *out = allowed[i].status;
            return true;
        }
    /* HRESULT_FROM_NT(x): the provider speaks NTSTATUS directly (RegFS, VFSForGit do). */
    if (((UINT32)hr & 0x10000000u) && ((UINT32)hr & 0x80000000u)) {
        *out = (NTSTATUS)((UINT32)hr & ~0x10000000u);
        return true;
    }
    if (cmd) {
        for (int i = 0; i < cmd->api_result_count; i++)
            if (cmd->api_results[i] == hr) {
                *out = ((UINT32)hr & 0xFFFF0000u) == 0x80070000u ? prjsim__status_from_win32((UINT32)hr & 0xFFFF)
                                                               : STATUS_INTERNAL_ERROR;
                return true;
            }
    }
    return false;
}

bool prjsim__result_listed(HRESULT hr, const prjsim__command *cmd)
{
    NTSTATUS ignored;
    return listed(hr, cmd, &ignored);
}

NTSTATUS prjsim__translate_result(prjsim_sim *sim, HRESULT hr, const prjsim__command *cmd,
                                  prjsim_callback_kind kind)
{
    NTSTATUS st;
    if (listed(hr, cmd, &st))
        return st;
    char hb[96];
    prjsim__diag(sim, PRJSIM_DIAG_UNLISTED_RESULT, "%s returned %s", prjsim_callback_name(kind),
                 prjsim__hr_str(hb, sizeof hb, hr));
    return STATUS_INTERNAL_ERROR;
}
