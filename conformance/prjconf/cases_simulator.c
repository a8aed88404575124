/* SPDX-License-Identifier: MIT */
/*
 * What prjconf's cases ask of the simulator itself: results.allowed's look at its trace, and
 * pending.cancel's cancel by command id on the sim backend (the other backends cancel the
 * waiting thread). Linux-only, so this file is; windows/prjconf_cases_simulator.c answers for
 * Windows. The cases that observe the provider (PRJCONF_RUN_OBSERVED) are in cases_observed.c.
 */
#include "internal.h"

#include <prjsim.h>

/* results.allowed with the simulator's trace: no client operation saw STATUS_INTERNAL_ERROR. */
void prjconf_simulator_internal_errors(prjconf_ctx *c)
{
    size_t n = prjsim_trace_count(c->sim);
    for (size_t i = 0; i < n; i++) {
        prjsim_trace_record r;
        if (prjsim_trace_get(c->sim, i, &r) && r.kind == PRJSIM_TRACE_OP &&
            r.result == (INT32)STATUS_INTERNAL_ERROR) {
            prjconf_fail(c, "a client saw STATUS_INTERNAL_ERROR: %s", r.text);
            return;
        }
    }
}

/* pending.cancel on the simulator's backend: the command by its id, as only the simulator offers. */
prjconf_r prjconf_simulator_cancel(prjconf_ctx *c, INT32 id)
{
    return prjsim_backend_status(prjsim_client_cancel(c->sim, id));
}

