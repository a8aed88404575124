/* SPDX-License-Identifier: MIT */
/*
 * The seam's shared part: choosing a backend by name and building results.
 */
#include "backend.h"

#include <string.h>

bool prjsim_backend_failed(prjsim_backend_result r)
{
    switch (r.kind) {
    case PRJSIM_BACKEND_NTSTATUS: return r.code < 0;
    case PRJSIM_BACKEND_WIN32: return r.code != 0;
    default: return true;
    }
}

const prjsim_backend *prjsim_backend_by_name(const char *name)
{
    if (!name || !strcmp(name, "sim"))
        return &prjsim_backend_sim;
    if (!strcmp(name, "win32"))
        return &prjsim_backend_win32;
    return NULL;
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
