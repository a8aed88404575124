/* SPDX-License-Identifier: MIT */
/*
 * The case that cancels a command by its id (PRJCONF_RUN_SIMULATOR), and results.allowed's look
 * at the simulator's trace: Linux-only, so this file is; a backend without the simulator skips
 * the case with the reason (PRJCONF_NEEDS_SIMULATOR). The cases that observe the provider
 * (PRJCONF_RUN_OBSERVED) are in cases_observed.c.
 */
#include "internal.h"

#include <prjsim.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

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

struct reader {
    prjconf_ctx *c;
    PCWSTR path;
    prjconf_r status;
    bool done;
};

static void *read_thread(void *arg)
{
    struct reader *r = arg;
    void *data = NULL;
    size_t size;
    r->status = prjconf_read_file(r->c, r->path, &data, &size);
    free(data);
    __atomic_store_n(&r->done, true, __ATOMIC_RELEASE);
    return NULL;
}

void prjconf_case_pending_cancel(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    const prjconf_item *file = NULL;
    for (size_t i = 0; i < c->item_count && !file; i++)
        if (!c->items[i].basic.IsDirectory && c->items[i].basic.FileSize > 0)
            file = &c->items[i];
    if (!file) {
        prjconf_skip(c, "the crawl found no file with data");
        return;
    }
    struct reader r = {c, file->path, {0, 0, NULL}, false};
    pthread_t t;
    prjconf_step(c, "read %ls on another thread", file->path);
    if (pthread_create(&t, NULL, read_thread, &r) != 0) {
        prjconf_fail(c, "cannot create a thread");
        return;
    }
    /* Wait up to a second for the read to pend; cancel whatever is in flight. */
    INT32 ids[8];
    size_t n = 0;
    for (int k = 0; k < 100 && !__atomic_load_n(&r.done, __ATOMIC_ACQUIRE); k++) {
        n = prjsim_sim_commands_in_flight(c->sim, ids, 8);
        if (n)
            break;
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    char b[96];
    for (size_t i = 0; i < n && i < 8; i++) {
        prjconf_r s = prjsim_backend_status(prjsim_client_cancel(c->sim, ids[i]));
        if (!prjconf_is(s, STATUS_SUCCESS) && !prjconf_is(s, STATUS_NOT_FOUND))
            prjconf_fail(c, "cancelling command %d: %s", (int)ids[i], prjconf_status(b, sizeof b, s));
    }
    pthread_join(t, NULL);
    if (!prjconf_is(r.status, STATUS_SUCCESS) && !prjconf_is(r.status, STATUS_CANCELLED))
        prjconf_fail(c, "the read of %ls ended with %s", file->path,
                     prjconf_status(b, sizeof b, r.status));
    n = prjsim_sim_commands_in_flight(c->sim, ids, 8);
    if (n)
        prjconf_fail(c, "%zu callbacks still in flight after the read ended", n);
}

