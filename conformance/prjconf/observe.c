/* SPDX-License-Identifier: MIT */
/*
 * What a case observes of the provider (PRJCONF_RUN_OBSERVED): the callbacks it was given and
 * the commands still in flight. With --checker on a backend without the simulator's insides they
 * come from the recording layer's log (recording/observer.h), as they would on real ProjFS;
 * otherwise from the simulator.
 */
#include "observe.h"

#include <observer.h>
#include <prjsim.h>
#include <string.h>

static bool by_recording(const prjconf_ctx *c)
{
    return c->recording && !(c->be->caps & PRJSIM_BACKEND_CAP_SIMULATOR);
}

size_t prjconf_in_flight(prjconf_ctx *c, INT32 *ids, size_t max)
{
    return by_recording(c) ? prjsim__observer_in_flight(c->recording, ids, max)
                           : prjsim_sim_commands_in_flight(c->sim, ids, max);
}

size_t prjconf_callbacks_seen(prjconf_ctx *c, const char *callback)
{
    size_t n = 0;
    if (!by_recording(c)) {
        for (unsigned k = 0; k < PRJSIM_CB_COUNT_; k++)
            if (!strcmp(prjsim_callback_name((prjsim_callback_kind)k), callback))
                n += prjsim_trace_count_callbacks(c->sim, (prjsim_callback_kind)k);
        return n;
    }
    prjsim_recording_callback_info info;
    for (size_t i = 0; SUCCEEDED(prjsim__observer_callback(c->recording, i, &info)); i++)
        n += strcmp(info.callback, callback) == 0;
    return n;
}
