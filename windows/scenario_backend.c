/* SPDX-License-Identifier: MIT */
/*
 * The backends of prjsim-run.exe by name (conformance/backend/by_name.c on Linux): projfs, the
 * real ProjFS, whose operations come from the client agent prjsim-agent.exe, a process of its
 * own, because ProjFS sends no notification for the I/O of the provider's own process (the
 * semantics reference, section 6.1). It is the agent backend under the name the reports use.
 */
#include <agent.h>

#include <string.h>

const prjsim_backend *prjsim_backend_by_name(const char *name)
{
    static prjsim_backend projfs;
    if (name && strcmp(name, "projfs"))
        return NULL;
    if (!projfs.name) { /* first called before any thread starts (prjsim_run_main.c) */
        projfs = prjsim_backend_agent;
        projfs.name = "projfs";
    }
    return &projfs;
}
