/* SPDX-License-Identifier: MIT */
/*
 * What the observing cases (conformance/prjconf/cases_observed.c) see of the provider on
 * Windows: the recorder of the bundled provider, in this process (prjconf_win_set_recorder puts
 * it in each case's context). The same questions Linux asks its recording layer with --checker
 * (conformance/prjconf/observe.c); without a recorder the runner skips these cases.
 */
#include <internal.h>
#include <observe.h>
#include <recording.h>

#include <string.h>

size_t prjconf_in_flight(prjconf_ctx *c, INT32 *ids, size_t max)
{
    return c->recording ? prjsim_recording_in_flight(c->recording, ids, max) : 0;
}

size_t prjconf_callbacks_seen(prjconf_ctx *c, const char *callback)
{
    size_t n = 0;
    prjsim_recording_callback_info info;
    for (size_t i = 0; c->recording && SUCCEEDED(prjsim_recording_callback(c->recording, i, &info)); i++)
        n += strcmp(info.callback, callback) == 0;
    return n;
}
