/* SPDX-License-Identifier: MIT */
/*
 * `prjsim run --checker`: the recording layer (conformance/recording/recording.h) observes the
 * provider from between it and the Prj* API. Its checker judges `expect diag` instead of the
 * simulator, and on a backend without the simulator's insides (no PRJSIM_BACKEND_CAP_SIMULATOR)
 * its log is also where the runner reads the callbacks and notifications of a provider program,
 * the commands in flight (pends) and the running instances, so that those expectations hold on
 * real ProjFS too. The recording layer is looked up at run time (dlsym), as the fault wrapper
 * looks up the start hook: prjsim does not link it, the user loads it
 * (LD_PRELOAD=libprjsim_recording.so), so nothing changes for a run without --checker.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_DEFAULT */
#endif
#include "internal.h"

#include <dlfcn.h>
#include <recording.h>
#include <stdlib.h>
#include <string.h>

static struct {
    HRESULT (*create)(void **out);
    HRESULT (*attach)(void *rec);
    void (*free_)(void *rec);
    char *(*check)(void *rec);
    const char *const *(*names)(void);
    HRESULT (*callback)(void *rec, size_t index, prjsim_recording_callback_info *out);
    size_t (*in_flight)(void *rec, INT32 *ids, size_t max);
    size_t (*running)(void *rec);
} api;

bool scn_checker_available(void)
{
    if (!api.create) {
        api.attach = (HRESULT(*)(void *))dlsym(RTLD_DEFAULT, "prjsim_recording_attach");
        api.free_ = (void (*)(void *))dlsym(RTLD_DEFAULT, "prjsim_recording_free");
        api.check = (char *(*)(void *))dlsym(RTLD_DEFAULT, "prjsim_recording_check");
        api.names = (const char *const *(*)(void))dlsym(RTLD_DEFAULT, "prjsim_recording_check_names");
        api.callback = (HRESULT(*)(void *, size_t, prjsim_recording_callback_info *))dlsym(
            RTLD_DEFAULT, "prjsim_recording_callback");
        api.in_flight = (size_t(*)(void *, INT32 *, size_t))dlsym(RTLD_DEFAULT, "prjsim_recording_in_flight");
        api.running = (size_t(*)(void *))dlsym(RTLD_DEFAULT, "prjsim_recording_running");
        if (api.attach && api.free_ && api.check && api.names && api.callback && api.in_flight && api.running)
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

bool scn_observed_by_recording(const scn_exec *r)
{
    return r->recording && !(r->be->caps & PRJSIM_BACKEND_CAP_SIMULATOR);
}

size_t scn_checker_in_flight(void *rec, INT32 *ids, size_t max)
{
    return rec ? api.in_flight(rec, ids, max) : 0;
}

size_t scn_checker_running(void *rec)
{
    return rec ? api.running(rec) : 0;
}

static char *utf8_or_null(PCWSTR w)
{
    return w ? scn_utf8(w) : NULL;
}

void scn_sync_recorded_events(scn_exec *r)
{
    scn_provider *p = &r->prov;
    prjsim_recording_callback_info info;
    pthread_mutex_lock(&p->lock);
    for (; r->recording && SUCCEEDED(api.callback(r->recording, r->recording_seen, &info)); r->recording_seen++) {
        if (!info.returned)
            break; /* still running: taken on a later call, as the trace's "(running)" */
        if (p->event_count == p->event_cap) {
            p->event_cap = p->event_cap ? p->event_cap * 2 : 64;
            p->events = realloc(p->events, p->event_cap * sizeof *p->events);
            if (!p->events)
                abort();
        }
        scn_event *e = &p->events[p->event_count++];
        memset(e, 0, sizeof *e);
        e->kind = scn_callback_from_name(info.callback);
        e->command_id = info.command_id;
        e->path = info.path ? scn_utf8(info.path) : scn_strdup("");
        e->search = utf8_or_null(info.search);
        e->flags = info.flags;
        e->offset = info.offset;
        e->length = info.length;
        if (e->kind == PRJSIM_CB_NOTIFICATION) {
            e->notification = info.notification;
            e->is_dir = info.is_directory != 0;
            if (info.destination && info.destination[0]) {
                e->dest = scn_utf8(info.destination);
                e->has_dest = true;
            }
        }
    }
    pthread_mutex_unlock(&p->lock);
}

bool scn_checker_returned(void *rec, INT32 command_id, prjsim_callback_kind kind)
{
    prjsim_recording_callback_info info;
    bool returned = false;
    for (size_t i = 0; rec && SUCCEEDED(api.callback(rec, i, &info)); i++)
        if (info.command_id == command_id && scn_callback_from_name(info.callback) == kind)
            returned = info.returned != 0; /* the newest such callback decides */
    return returned;
}
