/* SPDX-License-Identifier: MIT */
/*
 * What the log says about the provider now: the callbacks it was given, the commands still in
 * flight, the instances running. The scenario runner reads these instead of the simulator's
 * insides on a backend without them (conformance/README.md, "Backends"), so that expectations
 * of callbacks, pends and instances hold on real ProjFS too.
 */
#include "recording_internal.h"

#include <stdlib.h>
#include <string.h>

HRESULT prjsim_recording_callback(prjsim_recording *rec, size_t index, prjsim_recording_callback_info *out)
{
    if (!rec || !out)
        return E_INVALIDARG;
    memset(out, 0, sizeof *out);
    HRESULT hr = E_INVALIDARG;
    pthread_mutex_lock(&rec->lock);
    size_t seen = 0, at = rec->count;
    for (size_t i = 0; i < rec->count && at == rec->count; i++)
        if (rec->events[i].kind == REC_CB && seen++ == index)
            at = i;
    if (at < rec->count) {
        const rec_event *e = &rec->events[at];
        out->callback = prjsim__rec_cb_names[e->what];
        out->command_id = e->command;
        out->path = e->path;
        if (e->what == RCB_GET_ENUM)
            out->search = e->name;
        if (e->what == RCB_NOTIFICATION) {
            out->destination = e->name;
            out->notification = e->flags;
            out->is_directory = e->is_dir;
        } else {
            out->flags = e->flags;
        }
        if (e->what == RCB_FILE_DATA) {
            out->offset = e->offset;
            out->length = (UINT32)e->size;
        }
        for (size_t i = at + 1; i < rec->count; i++)
            if (rec->events[i].kind == REC_RET && rec->events[i].cb == e->cb) {
                out->returned = TRUE;
                out->result = rec->events[i].hr;
                break;
            }
        hr = S_OK;
    }
    pthread_mutex_unlock(&rec->lock);
    return hr;
}

/* A command the log shows in flight. */
typedef struct flying {
    unsigned cb, instance;
    INT32 command;
    bool pended;
} flying;

size_t prjsim_recording_in_flight(prjsim_recording *rec, INT32 *ids, size_t max)
{
    if (!rec)
        return 0;
    flying *list = NULL;
    size_t n = 0, cap = 0;
    pthread_mutex_lock(&rec->lock);
    for (size_t i = 0; i < rec->count; i++) {
        const rec_event *e = &rec->events[i];
        size_t drop = (size_t)-1; /* the entry this event ends, if any */
        if (e->kind == REC_CB && e->what != RCB_CANCEL) {
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                flying *p = realloc(list, cap * sizeof *p);
                if (!p)
                    break;
                list = p;
            }
            list[n++] = (flying){e->cb, e->instance, e->command, false};
        } else if (e->kind == REC_RET && e->what != RCB_CANCEL) {
            for (size_t k = 0; k < n; k++)
                if (list[k].cb == e->cb) {
                    if (e->hr == HRESULT_FROM_WIN32(ERROR_IO_PENDING))
                        list[k].pended = true;
                    else
                        drop = k;
                    break;
                }
        } else if (e->kind == REC_API && e->what == RAPI_COMPLETE && e->hr == S_OK) {
            for (size_t k = n; k-- > 0;)
                if (list[k].pended && list[k].command == e->command) {
                    drop = k;
                    break;
                }
        } else if (e->kind == REC_CB && e->what == RCB_CANCEL) {
            for (size_t k = n; k-- > 0;)
                if (list[k].instance == e->instance && list[k].command == e->command) {
                    drop = k;
                    break;
                }
        } else if (e->kind == REC_STOP && e->instance) {
            size_t kept = 0;
            for (size_t k = 0; k < n; k++)
                if (list[k].instance != e->instance)
                    list[kept++] = list[k];
            n = kept;
        }
        if (drop < n) {
            memmove(&list[drop], &list[drop + 1], (n - drop - 1) * sizeof *list);
            n--;
        }
    }
    pthread_mutex_unlock(&rec->lock);
    for (size_t k = 0; ids && k < n && k < max; k++)
        ids[k] = list[k].command;
    free(list);
    return n;
}

size_t prjsim_recording_running(prjsim_recording *rec)
{
    if (!rec)
        return 0;
    size_t running = 0;
    pthread_mutex_lock(&rec->lock);
    for (size_t i = 0; i < rec->count; i++) {
        const rec_event *e = &rec->events[i];
        if (e->kind != REC_START || FAILED(e->hr))
            continue;
        bool stopped = false;
        for (size_t k = i + 1; k < rec->count && !stopped; k++)
            stopped = rec->events[k].kind == REC_STOP && rec->events[k].instance == e->instance;
        running += !stopped;
    }
    pthread_mutex_unlock(&rec->lock);
    return running;
}
