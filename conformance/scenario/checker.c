/* SPDX-License-Identifier: MIT */
/*
 * `prjsim run --checker`: the recording layer (conformance/recording/recording.h) observes the
 * provider from between it and the Prj* API. Its checker judges `expect diag` instead of the
 * simulator, and on a backend without the simulator's insides (no PRJSIM_BACKEND_CAP_SIMULATOR)
 * its log is also where the runner reads the callbacks and notifications of a provider program,
 * the commands in flight (pends) and the running instances, so that those expectations hold on
 * real ProjFS too. The recording layer is found at run time (recording/observer.h): prjsim does
 * not link it, the user loads it (LD_PRELOAD=libprjsim_recording.so), so nothing changes for a
 * run without --checker.
 */
#include "internal.h"

#include <observer.h>
#include <stdlib.h>
#include <string.h>

bool scn_checker_available(void)
{
    return prjsim__observer_available();
}

bool scn_observed_by_recording(const scn_exec *r)
{
    return r->recording && !(r->be->caps & PRJSIM_BACKEND_CAP_SIMULATOR);
}

void scn_diags_since_mark(scn_exec *r, size_t got[PRJSIM_DIAG_COUNT_], bool checked[PRJSIM_DIAG_COUNT_])
{
    size_t now[PRJSIM_DIAG_COUNT_];
    bool observed = scn_observed_by_recording(r);
    if (observed)
        prjsim__observer_counts(r->recording, now);
    for (int d = 0; d < PRJSIM_DIAG_COUNT_; d++) {
        checked[d] = observed && prjsim__observer_decides(prjsim_diag_name((prjsim_diag)d));
        got[d] = checked[d] ? now[d] - r->check_mark[d]
                            : scn_sim_diag_count(r, (prjsim_diag)d) - r->diag_mark[d];
    }
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
    for (; r->recording && SUCCEEDED(prjsim__observer_callback(r->recording, r->recording_seen, &info)); r->recording_seen++) {
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
    for (size_t i = 0; rec && SUCCEEDED(prjsim__observer_callback(rec, i, &info)); i++)
        if (info.command_id == command_id && scn_callback_from_name(info.callback) == kind)
            returned = info.returned != 0; /* the newest such callback decides */
    return returned;
}
