/* SPDX-License-Identifier: MIT */
/*
 * The recording layer's functions observer.c calls, found per platform: at run time in a
 * preloaded libprjsim_recording.so on Linux (observer_unix.c), linked into the program on
 * Windows (observer_win.c, where the layer sits in the Prj* forwarders).
 */
#ifndef PRJSIM_OBSERVER_API_H
#define PRJSIM_OBSERVER_API_H

#include "observer.h"

typedef struct prjsim__observer_api {
    HRESULT (*create)(void **out);
    HRESULT (*attach)(void *rec);
    void (*free_)(void *rec);
    char *(*check)(void *rec);
    const char *const *(*names)(void);
    HRESULT (*callback)(void *rec, size_t index, prjsim_recording_callback_info *out);
    size_t (*in_flight)(void *rec, INT32 *ids, size_t max);
    size_t (*running)(void *rec);
} prjsim__observer_api;

/* Fills @p api; leaves api->create NULL when the layer is not there (then nothing is set). */
void prjsim__observer_lookup(prjsim__observer_api *api);

#endif
