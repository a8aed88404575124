/* SPDX-License-Identifier: MIT */
/*
 * The cases that observe the simulator's insides (PRJCONF_RUN_SIMULATOR): its trace (results
 * clients saw, enumeration callbacks), the commands in flight and cancelling one by its id. Only
 * the simulator offers these (until the recording layer), so this file is Linux-only; a backend
 * without PRJSIM_BACKEND_CAP_SIMULATOR skips them with the reason (PRJCONF_NEEDS_SIMULATOR).
 */
#include "internal.h"

#include <prjsim.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

/* Crawls and reads every file; results are checked by the diagnostics and here. */
static void crawl_and_read(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    for (size_t i = 0; i < c->item_count && !c->failed; i++) {
        const prjconf_item *it = &c->items[i];
        if (it->basic.IsDirectory || it->basic.FileSize > PRJCONF_MAX_READ)
            continue;
        unsigned char *data;
        size_t size;
        if (prjconf_read_whole(c, it, &data, &size))
            free(data);
    }
}

void prjconf_case_results_allowed(prjconf_ctx *c)
{
    crawl_and_read(c);
    /* Beyond the unlisted-result diagnostic: no client saw STATUS_INTERNAL_ERROR. */
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

void prjconf_case_sessions_no_leak(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    /* Abandoned sessions too: one buffer, then close. */
    for (size_t i = 0; i < c->dir_count; i++) {
        prjsim_backend_file *h;
        if (!prjconf_is(prjconf_open(c, &h, c->dirs[i].path, GENERIC_READ, OPEN_EXISTING, PRJSIM_OPEN_DIRECTORY),
                        STATUS_SUCCESS))
            continue;
        prjsim_dir_entry *e = NULL;
        size_t n;
        prjconf_query(c, h, NULL, 0, prjconf_entry_cost(L"abcdefgh") * 2, &e, &n);
        prjsim_backend_free_entries(e);
        prjconf_close(c, h);
    }
    /* A provider that keeps every session runs out after enough listings. */
    char b[96];
    for (int k = 0; k < 100; k++) {
        prjsim_dir_entry *e;
        size_t n;
        prjconf_r s = prjconf_list(c, c->root, NULL, 0, &e, &n);
        prjsim_backend_free_entries(e);
        if (!prjconf_is(s, STATUS_SUCCESS)) {
            prjconf_fail(c, "listing %ls for the %d%s time: %s (sessions leaked?)", c->root, k + 1,
                         k == 0 ? "st" : k == 1 ? "nd" : k == 2 ? "rd" : "th",
                         prjconf_status(b, sizeof b, s));
            return;
        }
    }
    size_t started = prjsim_trace_count_callbacks(c->sim, PRJSIM_CB_START_ENUM);
    size_t ended = prjsim_trace_count_callbacks(c->sim, PRJSIM_CB_END_ENUM);
    if (started != ended)
        prjconf_fail(c, "%zu StartDirectoryEnumeration callbacks but %zu EndDirectoryEnumeration",
                     started, ended);
    if (c->tree && memtree_open_sessions(c->tree) != 0)
        prjconf_fail(c, "the provider still holds %zu enumeration sessions",
                     memtree_open_sessions(c->tree));
}

void prjconf_case_commands_no_leak(prjconf_ctx *c)
{
    crawl_and_read(c);
    INT32 ids[16];
    size_t n = prjsim_sim_commands_in_flight(c->sim, ids, 16);
    if (n)
        prjconf_fail(c, "%zu callbacks still in flight after the crawl (command %d first)", n,
                     (int)ids[0]);
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

