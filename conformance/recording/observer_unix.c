/* SPDX-License-Identifier: MIT */
/* The recording layer found at run time in the process (LD_PRELOAD=libprjsim_recording.so). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_DEFAULT */
#endif
#include "observer_api.h"

#include <dlfcn.h>

void prjsim__observer_lookup(prjsim__observer_api *api)
{
    prjsim__observer_api a;
    a.attach = (HRESULT(*)(void *))dlsym(RTLD_DEFAULT, "prjsim_recording_attach");
    a.free_ = (void (*)(void *))dlsym(RTLD_DEFAULT, "prjsim_recording_free");
    a.check = (char *(*)(void *))dlsym(RTLD_DEFAULT, "prjsim_recording_check");
    a.names = (const char *const *(*)(void))dlsym(RTLD_DEFAULT, "prjsim_recording_check_names");
    a.callback = (HRESULT(*)(void *, size_t, prjsim_recording_callback_info *))dlsym(
        RTLD_DEFAULT, "prjsim_recording_callback");
    a.in_flight = (size_t(*)(void *, INT32 *, size_t))dlsym(RTLD_DEFAULT, "prjsim_recording_in_flight");
    a.running = (size_t(*)(void *))dlsym(RTLD_DEFAULT, "prjsim_recording_running");
    if (!a.attach || !a.free_ || !a.check || !a.names || !a.callback || !a.in_flight || !a.running)
        return;
    a.create = (HRESULT(*)(void **))dlsym(RTLD_DEFAULT, "prjsim_recording_create");
    if (a.create)
        *api = a;
}
