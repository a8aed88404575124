/* SPDX-License-Identifier: MIT */
/* The recording layer on Windows: linked into the program, in the Prj* forwarders
 * (windows/projfs_dll.c), so it is always there. */
#include "observer_api.h"

static HRESULT create(void **out)
{
    return prjsim_recording_create((prjsim_recording **)out);
}

static HRESULT attach(void *rec)
{
    return prjsim_recording_attach(rec);
}

static void free_(void *rec)
{
    prjsim_recording_free(rec);
}

static char *check(void *rec)
{
    return prjsim_recording_check(rec);
}

static HRESULT callback(void *rec, size_t index, prjsim_recording_callback_info *out)
{
    return prjsim_recording_callback(rec, index, out);
}

static size_t in_flight(void *rec, INT32 *ids, size_t max)
{
    return prjsim_recording_in_flight(rec, ids, max);
}

static size_t running(void *rec)
{
    return prjsim_recording_running(rec);
}

void prjsim__observer_lookup(prjsim__observer_api *api)
{
    api->create = create;
    api->attach = attach;
    api->free_ = free_;
    api->check = check;
    api->names = prjsim_recording_check_names;
    api->callback = callback;
    api->in_flight = in_flight;
    api->running = running;
}
