/* SPDX-License-Identifier: MIT */
/*
 * The backends by name, on Linux (where both exist). Windows has only the win32 backend, which
 * prjconf.exe takes directly.
 */
#include "backend.h"

#include <string.h>

const prjsim_backend *prjsim_backend_by_name(const char *name)
{
    if (!name || !strcmp(name, "sim"))
        return &prjsim_backend_sim;
    if (!strcmp(name, "win32"))
        return &prjsim_backend_win32;
    return NULL;
}
