/* SPDX-License-Identifier: MIT */
/*
 * What prjconf's cases ask of the simulator itself (conformance/prjconf/cases_simulator.c), on
 * Windows, which has none: pending.cancel cancels the waiting thread there (the seam's
 * cancel_thread), and results.allowed looks at the simulator's trace only on Linux.
 */
#include <internal.h>

prjconf_r prjconf_simulator_cancel(prjconf_ctx *c, INT32 id)
{
    (void)c, (void)id;
    return prjsim_backend_unsupported("cancelling a command by its id needs the simulator");
}

void prjconf_simulator_internal_errors(prjconf_ctx *c) { (void)c; }
