/* SPDX-License-Identifier: MIT */
/*
 * The cases that observe the provider (PRJCONF_RUN_OBSERVED): the callbacks it was given and the
 * commands still in flight, through observe.h: the simulator's, or the recording layer's
 * (Linux with --checker: observe.c; Windows: windows/prjconf_observe.c, the bundled provider's
 * recorder). A backend with neither skips them with the reason (PRJCONF_NEEDS_OBSERVATION).
 */
#include "internal.h"

#include "observe.h"

#include <pthread.h> /* MSVC: windows/msvc/pthread.h */
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    size_t started = prjconf_callbacks_seen(c, "StartDirectoryEnumeration");
    size_t ended = prjconf_callbacks_seen(c, "EndDirectoryEnumeration");
    if (started != ended)
        prjconf_fail(c, "%zu StartDirectoryEnumeration callbacks but %zu EndDirectoryEnumeration",
                     started, ended);
    if (c->tree && memtree_open_sessions(c->tree) != 0)
        prjconf_fail(c, "the provider still holds %zu enumeration sessions",
                     memtree_open_sessions(c->tree));
}

void prjconf_case_commands_no_leak(prjconf_ctx *c)
{
    prjconf_crawl_and_read(c);
    INT32 ids[16];
    size_t n = prjconf_in_flight(c, ids, 16);
    if (n)
        prjconf_fail(c, "%zu callbacks still in flight after the crawl (command %d first)", n,
                     (int)ids[0]);
}

/* pending.cancel's reader: the read that may pend, on a thread of its own. */
typedef struct pending_reader {
    prjconf_ctx *c;
    PCWSTR path;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    void *thread; /* the backend's token for the reader's thread (thread_self); NULL: none */
    bool done;
    prjconf_r status;
} pending_reader;

static void *pending_read(void *arg)
{
    pending_reader *r = arg;
    void *token = r->c->be->thread_self ? r->c->be->thread_self() : NULL;
    pthread_mutex_lock(&r->lock);
    r->thread = token;
    pthread_mutex_unlock(&r->lock);
    void *data = NULL;
    size_t size;
    prjconf_r s = prjconf_read_file(r->c, r->path, &data, &size);
    free(data);
    pthread_mutex_lock(&r->lock);
    r->status = s;
    r->done = true;
    pthread_cond_signal(&r->changed);
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

/* Waits up to @p ms for the read to end; true when it has. */
static bool pending_read_ended(pending_reader *r, long ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += ms * 1000000L;
    until.tv_sec += until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    pthread_mutex_lock(&r->lock);
    while (!r->done && pthread_cond_timedwait(&r->changed, &r->lock, &until) == 0)
        ;
    bool done = r->done;
    pthread_mutex_unlock(&r->lock);
    return done;
}

/* Cancels the pended read as a client can: the I/O its thread waits in, as CancelSynchronousIo
 * does (win32, agent), or, on the simulator's own backend, the command by its id. */
static void cancel_pended(prjconf_ctx *c, pending_reader *r, const INT32 *ids, size_t n)
{
    char b[96];
    if (c->be->cancel_thread) {
        pthread_mutex_lock(&r->lock);
        void *thread = r->thread;
        pthread_mutex_unlock(&r->lock);
        prjconf_r s = thread ? c->be->cancel_thread(thread) : prjsim_backend_win32_error(ERROR_NOT_FOUND);
        /* Not found: the read ended meanwhile. */
        if (!prjconf_is(s, STATUS_SUCCESS) && !prjconf_is(s, STATUS_NOT_FOUND))
            prjconf_fail(c, "cancelling the read's I/O: %s", prjconf_status(b, sizeof b, s));
        return;
    }
    for (size_t i = 0; i < n; i++) {
        prjconf_r s = prjconf_simulator_cancel(c, ids[i]);
        if (!prjconf_is(s, STATUS_SUCCESS) && !prjconf_is(s, STATUS_NOT_FOUND))
            prjconf_fail(c, "cancelling command %d: %s", (int)ids[i], prjconf_status(b, sizeof b, s));
    }
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
    pending_reader r;
    memset(&r, 0, sizeof r);
    r.c = c;
    r.path = file->path;
    pthread_mutex_init(&r.lock, NULL);
    pthread_cond_init(&r.changed, NULL);
    prjconf_step(c, "read %ls on another thread", file->path);
    pthread_t t;
    if (pthread_create(&t, NULL, pending_read, &r) != 0) {
        prjconf_fail(c, "cannot create a thread");
    } else {
        /* Up to a second for the read to pend (or end); then, as a client tired of waiting,
         * cancel it. Cancelling the thread's I/O needs no command id: it also ends a pend the
         * observer cannot see (one made below the recording layer by PRJSIM_FAULTS). */
        INT32 ids[8];
        size_t n = 0;
        bool ended = false;
        for (int k = 0; k < 100 && !(ended = pending_read_ended(&r, 10)); k++)
            if ((n = prjconf_in_flight(c, ids, 8)) > 0)
                break;
        /* CancelSynchronousIo finds nothing while the reader is between its calls (opened, not
         * reading yet): cancel again until the read ends, for up to 5 s. */
        for (int tries = 0; !ended && tries < 50; tries++) {
            cancel_pended(c, &r, ids, n < 8 ? n : 8);
            ended = pending_read_ended(&r, 100);
        }
        if (!ended)
            prjconf_fail(c, "the read of %ls did not end within 5 s of cancelling it", file->path);
        pthread_join(t, NULL);
        char b[96];
        if (!prjconf_is(r.status, STATUS_SUCCESS) && !prjconf_is(r.status, STATUS_CANCELLED))
            prjconf_fail(c, "the read of %ls ended with %s", file->path, prjconf_status(b, sizeof b, r.status));
        n = prjconf_in_flight(c, ids, 8);
        if (n)
            prjconf_fail(c, "%zu callbacks still in flight after the read ended", n);
        if (r.thread && c->be->thread_release)
            c->be->thread_release(r.thread);
    }
    pthread_cond_destroy(&r.changed);
    pthread_mutex_destroy(&r.lock);
}
