/* SPDX-License-Identifier: MIT */
/*
 * `prjsim run --checker`: `expect diag` judged from the recording layer's checker
 * (conformance/recording/recording.h) instead of the simulator, so that it runs on a backend
 * without the simulator's insides. The recording layer is looked up at run time (dlsym), as the
 * fault wrapper looks up the start hook: prjsim does not link it, the user loads it
 * (LD_PRELOAD=libprjsim_recording.so), so nothing changes for a run without --checker.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_DEFAULT */
#endif
#include "internal.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

static struct {
    HRESULT (*create)(void **out);
    HRESULT (*attach)(void *rec);
    void (*free_)(void *rec);
    char *(*check)(void *rec);
    const char *const *(*names)(void);
} api;

bool scn_checker_available(void)
{
    if (!api.create) {
        api.attach = (HRESULT(*)(void *))dlsym(RTLD_DEFAULT, "prjsim_recording_attach");
        api.free_ = (void (*)(void *))dlsym(RTLD_DEFAULT, "prjsim_recording_free");
        api.check = (char *(*)(void *))dlsym(RTLD_DEFAULT, "prjsim_recording_check");
        api.names = (const char *const *(*)(void))dlsym(RTLD_DEFAULT, "prjsim_recording_check_names");
        if (api.attach && api.free_ && api.check && api.names)
            api.create = (HRESULT(*)(void **))dlsym(RTLD_DEFAULT, "prjsim_recording_create");
    }
    return api.create != NULL;
}

bool scn_checker_decides(const char *name)
{
    if (!scn_checker_available())
        return false;
    for (const char *const *n = api.names(); *n; n++)
        if (!strcmp(*n, name))
            return true;
    return false;
}

void *scn_checker_begin(void)
{
    void *rec = NULL;
    if (!scn_checker_available() || FAILED(api.create(&rec)))
        return NULL;
    if (FAILED(api.attach(rec))) {
        api.free_(rec);
        return NULL;
    }
    return rec;
}

void scn_checker_end(void *rec)
{
    if (!rec)
        return;
    api.attach(NULL);
    api.free_(rec);
}

void scn_checker_counts(void *rec, size_t now[PRJSIM_DIAG_COUNT_])
{
    memset(now, 0, PRJSIM_DIAG_COUNT_ * sizeof now[0]);
    char *report = rec ? api.check(rec) : NULL;
    for (char *line = report; line && *line;) {
        char *end = strchr(line, '\n');
        char *colon = strchr(line, ':');
        if (colon && (!end || colon < end)) {
            *colon = '\0';
            prjsim_diag d = prjsim_diag_from_name(line);
            if (d != PRJSIM_DIAG_COUNT_)
                now[d]++;
        }
        line = end ? end + 1 : NULL;
    }
    free(report);
}
