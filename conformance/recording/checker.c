/* SPDX-License-Identifier: MIT */
/*
 * The checker: the contract diagnostics a provider's calls alone decide, over the event log.
 * Each rule is the simulator's, restated in terms of what the provider called and returned
 * (the sim/ file that decides it is named with each), so that both give the same names.
 */
#include "recording_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static const char *const check_names[] = {
    "unsorted-entries", "duplicate-entry",         "filter-ignored",    "insufficient-buffer-after-entries",
    "skipped-entry",    "end-enumeration-result",  "placeholder-name-mismatch", "no-placeholder-written",
    "unrequested-placeholder", "short-data",       "data-past-end",     "buffer-not-from-allocator",
    "unlisted-result",  "ignored-notification-result", "pending-without-cancel", "stale-enum-buffer",
    "name-too-long",    "stale-data-stream", "invalid-context",
    "unknown-command",  NULL};

const char *const *prjsim_recording_check_names(void) { return check_names; }

/* One enumeration session's state (sim/enumeration.c provider_get). */
typedef struct session {
    WCHAR *last;   /* the last name the provider added since the scan began */
    WCHAR *resume; /* the name that did not fit the last buffer */
} session;

/* One callback: its event and the Prj* calls made in it. */
typedef struct call {
    const rec_event *cb;
    const rec_event **api;
    size_t api_count, api_cap;
} call;

typedef struct checker {
    char *out;
    size_t len, cap;
    session *sessions;
    size_t session_count;
    call *calls;
    size_t call_count;
    const void **buffers; /* live buffers from PrjAllocateAlignedBuffer, with their sizes */
    UINT64 *buffer_sizes;
    size_t buffer_count, buffer_cap;
    UINT32 *registered; /* per instance (number - 1): the callbacks its provider registered */
    size_t instance_count;
    const rec_event **live; /* GetDirectoryEnumeration and GetFileData callbacks running or pended */
    size_t live_count, live_cap;
    INT32 max_command; /* the highest CommandId a callback has been given */
} checker;

static void diag(checker *c, const char *name, const char *fmt, const WCHAR *a, const WCHAR *b)
{
    /* fmt has up to two %s, for a and b (UTF-8). */
    prjsim__rec_put(&c->out, &c->len, &c->cap, "%s: ", name);
    const WCHAR *args[2] = {a, b};
    int k = 0;
    for (const char *p = fmt; *p; p++) {
        if (p[0] == '%' && p[1] == 's' && k < 2) {
            prjsim__rec_put_utf8(&c->out, &c->len, &c->cap, args[k++]);
            p++;
        } else {
            prjsim__rec_put(&c->out, &c->len, &c->cap, "%c", *p);
        }
    }
    prjsim__rec_put(&c->out, &c->len, &c->cap, "\n");
}

static WCHAR *wdup(const WCHAR *w)
{
    size_t n = wcslen(w) + 1;
    WCHAR *p = malloc(n * sizeof *p);
    if (p)
        memcpy(p, w, n * sizeof *p);
    return p;
}

/* The results ProjFS passes on (sim/translate.c), NT-facility codes, and any result a Prj*
 * function returned during the callback. */
static bool listed(HRESULT hr, const call *k)
{
    static const HRESULT allowed[] = {
        S_OK,
        E_OUTOFMEMORY,
        HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER),
        HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND),
        HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER),
        HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED),
        HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE),
        HRESULT_FROM_WIN32(ERROR_INTERNAL_ERROR),
        HRESULT_FROM_WIN32(ERROR_IO_PENDING), /* pended: judged at PrjCompleteCommand (not yet) */
    };
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (allowed[i] == hr)
            return true;
    if (((UINT32)hr & 0x10000000u) && ((UINT32)hr & 0x80000000u))
        return true;
    for (size_t i = 0; i < k->api_count; i++)
        if (k->api[i]->what != RAPI_ALLOCATE && k->api[i]->what != RAPI_FREE && k->api[i]->hr == hr)
            return true;
    return false;
}

static void unlisted(checker *c, const call *k, HRESULT hr, const char *what)
{
    if (listed(hr, k))
        return;
    char text[96];
    snprintf(text, sizeof text, "%s(\"%%s\") returned 0x%08X", what, (unsigned)hr);
    diag(c, "unlisted-result", text, k->cb->path, NULL);
}

static bool is_fill(const rec_event *e) { return e->what == RAPI_FILL || e->what == RAPI_FILL2; }

static bool is_placeholder(const rec_event *e)
{
    return e->what == RAPI_WRITE_PLACEHOLDER || e->what == RAPI_WRITE_PLACEHOLDER2;
}

static void check_get_enum(checker *c, const call *k, HRESULT hr)
{
    session *s = k->cb->enum_no && k->cb->enum_no <= c->session_count ? &c->sessions[k->cb->enum_no - 1] : NULL;
    bool restarted = (k->cb->flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN) != 0;
    if (s && restarted) {
        free(s->last);
        free(s->resume);
        s->last = s->resume = NULL;
    }
    size_t added = 0;
    const WCHAR *refused = NULL, *first = NULL;
    for (size_t i = 0; i < k->api_count; i++) {
        const rec_event *e = k->api[i];
        if (!is_fill(e))
            continue;
        if (e->hr == S_OK) {
            if (!first)
                first = e->name;
            added++;
        } else if (e->hr == HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER) && !refused) {
            refused = e->name;
        }
    }
    if (!(hr == S_OK || (hr == HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER) && added > 0))) {
        unlisted(c, k, hr, "GetDirectoryEnumeration");
        return;
    }
    if (hr != S_OK)
        diag(c, "insufficient-buffer-after-entries",
             "GetDirectoryEnumeration(\"%s\") returned ERROR_INSUFFICIENT_BUFFER after adding entries", k->cb->path,
             NULL);
    if (!s)
        return;
    if (s->resume && !restarted && first && PrjFileNameCompare(first, s->resume) > 0)
        diag(c, "skipped-entry", "\"%s\" did not fit, the next Get began with \"%s\"", s->resume, first);
    free(s->resume);
    s->resume = refused ? wdup(refused) : NULL;
    const WCHAR *filter = k->cb->name && k->cb->name[0] ? k->cb->name : L"*";
    for (size_t i = 0; i < k->api_count; i++) {
        const rec_event *e = k->api[i];
        if (!is_fill(e) || e->hr != S_OK)
            continue;
        if (s->last) {
            int cmp = PrjFileNameCompare(e->name, s->last);
            if (cmp < 0)
                diag(c, "unsorted-entries", "\"%s\" after \"%s\"", e->name, s->last);
            else if (cmp == 0)
                diag(c, "duplicate-entry", "\"%s\" twice", e->name, NULL);
        }
        if (!PrjFileNameMatch(e->name, filter))
            diag(c, "filter-ignored", "\"%s\" does not match \"%s\"", e->name, filter);
        free(s->last);
        s->last = wdup(e->name);
    }
}

/* Path equality as the simulator decides a placeholder's name (sim/resolve.c wrote_requested):
 * component by component, under PrjFileNameCompare; separators may be either slash. */
static bool same_path(const WCHAR *a, const WCHAR *b)
{
    WCHAR *x = wdup(a), *y = wdup(b);
    bool same = false;
    if (x && y) {
        for (WCHAR *p = x; *p; p++)
            if (*p == L'/')
                *p = L'\\';
        for (WCHAR *p = y; *p; p++)
            if (*p == L'/')
                *p = L'\\';
        size_t nx = wcslen(x), ny = wcslen(y);
        while (nx && x[nx - 1] == L'\\')
            x[--nx] = 0;
        while (ny && y[ny - 1] == L'\\')
            y[--ny] = 0;
        same = PrjFileNameCompare(x, y) == 0;
    }
    free(x);
    free(y);
    return same;
}

/* Whether a Prj* call outside callback @p k wrote the placeholder @p k asked for while it ran
 * (events up to @p ret, its return): another callback's thread racing it, or a thread answering
 * for it (DEVIATIONS P7). The simulator then finds the requested item when the callback returns. */
static bool written_elsewhere(const prjsim_recording *rec, const call *k, size_t ret)
{
    for (size_t i = (size_t)(k->cb - rec->events) + 1; i < ret; i++) {
        const rec_event *e = &rec->events[i];
        if (e->kind == REC_API && e->cb != k->cb->cb && is_placeholder(e) && e->hr == S_OK &&
            same_path(e->path, k->cb->path))
            return true;
    }
    return false;
}

static void check_placeholder_info(checker *c, const prjsim_recording *rec, const call *k, size_t ret, HRESULT hr)
{
    if (hr != S_OK) {
        unlisted(c, k, hr, "GetPlaceholderInfo");
        return;
    }
    const WCHAR *written = NULL;
    bool requested = false, other = false;
    for (size_t i = 0; i < k->api_count; i++) {
        const rec_event *e = k->api[i];
        if (!is_placeholder(e) || e->hr != S_OK)
            continue;
        if (same_path(e->path, k->cb->path))
            requested = true;
        else {
            other = true;
            if (!written)
                written = e->path;
        }
    }
    /* resolve.c: judged by whether the requested item is there when the callback returns, which
     * another thread's write of it makes so */
    if (!requested && written_elsewhere(rec, k, ret))
        requested = true;
    if (requested && other)
        diag(c, "unrequested-placeholder", "GetPlaceholderInfo(\"%s\") also wrote a placeholder for another name",
             k->cb->path, NULL);
    else if (!requested && written)
        diag(c, "placeholder-name-mismatch", "asked for \"%s\", the provider wrote \"%s\"", k->cb->path, written);
    else if (!requested)
        diag(c, "no-placeholder-written", "GetPlaceholderInfo(\"%s\") returned S_OK and wrote nothing", k->cb->path,
             NULL);
}

static int by_offset(const void *a, const void *b)
{
    const rec_event *x = *(const rec_event *const *)a, *y = *(const rec_event *const *)b;
    return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static void check_file_data(checker *c, const call *k, HRESULT hr)
{
    if (hr != S_OK) {
        unlisted(c, k, hr, "GetFileData");
        return;
    }
    /* Every byte of [offset, offset + length) written by a successful PrjWriteFileData. */
    const rec_event **w = calloc(k->api_count + 1, sizeof *w);
    size_t n = 0;
    for (size_t i = 0; i < k->api_count; i++)
        if (k->api[i]->what == RAPI_WRITE_FILE_DATA && k->api[i]->hr == S_OK)
            w[n++] = k->api[i];
    qsort(w, n, sizeof *w, by_offset);
    UINT64 at = k->cb->offset, end = k->cb->offset + k->cb->size;
    for (size_t i = 0; i < n && at < end; i++)
        if (w[i]->offset <= at && w[i]->offset + w[i]->size > at)
            at = w[i]->offset + w[i]->size;
    free(w);
    if (at < end)
        diag(c, "short-data", "GetFileData(\"%s\") returned S_OK without writing every byte", k->cb->path, NULL);
}

/* The size of the placeholder last written for @p path before event @p upto, or -1. */
static long long placeholder_size(const prjsim_recording *rec, size_t upto, const WCHAR *path)
{
    /* the last successful write or update of it gives its size; a delete makes it unknown */
    for (size_t i = upto; i-- > 0;) {
        const rec_event *e = &rec->events[i];
        if (e->kind != REC_API || e->hr != S_OK ||
            !(is_placeholder(e) || e->what == RAPI_UPDATE || e->what == RAPI_DELETE) || !same_path(e->path, path))
            continue;
        return e->what == RAPI_DELETE ? -1 : (long long)e->size;
    }
    return -1;
}

/* PrjWriteFileData (sim/filedata.c): after the argument checks, a stream no GetFileData is
 * waiting on; then past the end of the file (the size of the placeholder last written for the
 * waiting callback's path, when the log has it); then a buffer not from the allocator. */
static void check_write(checker *c, const prjsim_recording *rec, size_t index)
{
    const rec_event *e = &rec->events[index];
    if (!e->stream_no || !e->ptr || e->size == 0)
        return;
    const rec_event *waiting = NULL;
    for (size_t i = 0; i < c->live_count && !waiting; i++)
        if (c->live[i]->what == RCB_FILE_DATA && c->live[i]->stream_no == e->stream_no)
            waiting = c->live[i];
    if (!waiting) {
        diag(c, "stale-data-stream", "PrjWriteFileData for a data stream that is not waiting for data", NULL, NULL);
        return;
    }
    long long size = placeholder_size(rec, index, waiting->path);
    if (size >= 0 && (e->offset >= (UINT64)size || e->offset + e->size > (UINT64)size)) {
        diag(c, "data-past-end", "PrjWriteFileData for \"%s\" past the end of the file", waiting->path, NULL);
        return;
    }
    if (e->hr != S_OK)
        return;
    const char *p = e->ptr;
    for (size_t i = 0; i < c->buffer_count; i++) {
        const char *b = c->buffers[i];
        if (p >= b && p + e->size <= b + c->buffer_sizes[i])
            return;
    }
    diag(c, "buffer-not-from-allocator",
         "PrjWriteFileData buffer for \"%s\" was not allocated with PrjAllocateAlignedBuffer", waiting->path, NULL);
}

static void note_buffer(checker *c, const rec_event *e)
{
    if (e->what == RAPI_ALLOCATE && e->ptr) {
        if (c->buffer_count == c->buffer_cap) {
            size_t n = c->buffer_cap ? c->buffer_cap * 2 : 16;
            const void **b = realloc(c->buffers, n * sizeof *b);
            UINT64 *s = b ? realloc(c->buffer_sizes, n * sizeof *s) : NULL;
            if (b)
                c->buffers = b;
            if (!s)
                return;
            c->buffer_sizes = s;
            c->buffer_cap = n;
        }
        c->buffers[c->buffer_count] = e->ptr;
        c->buffer_sizes[c->buffer_count++] = e->size;
    } else if (e->what == RAPI_FREE) {
        for (size_t i = 0; i < c->buffer_count; i++)
            if (c->buffers[i] == e->ptr) {
                c->buffers[i] = c->buffers[--c->buffer_count];
                c->buffer_sizes[i] = c->buffer_sizes[c->buffer_count];
                break;
            }
    }
}

/* Pre-operation notifications (and FILE_OPENED, PRE_CONVERT_TO_FULL) can refuse: their result
 * is translated; the others' is ignored, with a warning when unlisted (sim/notify.c). */
static bool vetoable(UINT32 n)
{
    return n == PRJ_NOTIFICATION_FILE_OPENED || n == PRJ_NOTIFICATION_PRE_DELETE || n == PRJ_NOTIFICATION_PRE_RENAME ||
           n == PRJ_NOTIFICATION_PRE_SET_HARDLINK || n == PRJ_NOTIFICATION_FILE_PRE_CONVERT_TO_FULL;
}

static void check_notification(checker *c, const call *k, HRESULT hr)
{
    if (hr == S_OK)
        return;
    if (vetoable(k->cb->flags))
        unlisted(c, k, hr, "Notification");
    else if (!listed(hr, k))
        diag(c, "ignored-notification-result", "Notification on \"%s\" returned an unlisted result", k->cb->path,
             NULL);
}

static void live_add(checker *c, const rec_event *cb)
{
    if (c->live_count == c->live_cap) {
        size_t n = c->live_cap ? c->live_cap * 2 : 8;
        const rec_event **p = realloc(c->live, n * sizeof *p);
        if (!p)
            return;
        c->live = p;
        c->live_cap = n;
    }
    c->live[c->live_count++] = cb;
}

static void live_remove(checker *c, bool (*match)(const rec_event *, const void *), const void *arg)
{
    for (size_t i = 0; i < c->live_count; i++)
        if (match(c->live[i], arg)) {
            c->live[i] = c->live[--c->live_count];
            return;
        }
}

static bool same_cb(const rec_event *cb, const void *arg) { return cb == arg; }

static bool same_command(const rec_event *cb, const void *arg) { return cb->command == *(const INT32 *)arg; }

/* UTF-16 units of one WCHAR: a code point past U+FFFF takes two (a 16-bit WCHAR, Windows',
 * already holds it as two). */
static size_t units_of(uint32_t c) { return c > 0xFFFF ? 2 : 1; }

/* UTF-16 units of @p w. */
static size_t utf16_units(const WCHAR *w)
{
    size_t n = 0;
    for (; *w; w++)
        n += units_of((uint32_t)*w);
    return n;
}

/* PrjFillDirEntryBuffer(2) (sim/enumeration.c fill): after the argument checks, a handle that
 * is not a running GetDirectoryEnumeration's, then a name no file system holds. */
static void check_fill(checker *c, const rec_event *e)
{
    if (!e->name || !e->name[0] || wcschr(e->name, L'\\') || wcschr(e->name, L'/'))
        return;
    bool live = false;
    for (size_t i = 0; i < c->live_count && !live; i++)
        live = c->live[i]->what == RCB_GET_ENUM && c->live[i]->ptr == e->ptr;
    if (!live)
        diag(c, "stale-enum-buffer", "PrjFillDirEntryBuffer(\"%s\") with a buffer handle that is not in use", e->name,
             NULL);
    else if (utf16_units(e->name) > 255)
        diag(c, "name-too-long", "PrjFillDirEntryBuffer(\"%s\"): more than 255 UTF-16 units", e->name, NULL);
}

char *prjsim_recording_check(prjsim_recording *rec)
{
    checker c;
    memset(&c, 0, sizeof c);
    prjsim__rec_put(&c.out, &c.len, &c.cap, "%s", "");
    pthread_mutex_lock(&rec->lock);
    c.session_count = rec->enum_count;
    c.sessions = calloc(c.session_count + 1, sizeof *c.sessions);
    c.call_count = rec->callbacks;
    c.calls = calloc(c.call_count + 1, sizeof *c.calls);
    c.instance_count = rec->instances;
    c.registered = calloc(c.instance_count + 1, sizeof *c.registered);
    for (size_t i = 0; c.sessions && c.calls && c.registered && i < rec->count; i++) {
        const rec_event *e = &rec->events[i];
        call *k = e->cb && e->cb <= c.call_count ? &c.calls[e->cb - 1] : NULL;
        if (e->kind == REC_START && e->instance && e->instance <= c.instance_count) {
            c.registered[e->instance - 1] = e->flags;
        } else if ((e->kind == REC_STOP || e->kind == REC_API) && e->stale_context) {
            /* sim/instance.c: refused before anything else */
            diag(&c, "invalid-context", e->kind == REC_STOP ? "PrjStopVirtualizing was given a context that is not a "
                                                             "running instance"
                                                           : "a Prj* function was given a context that is not a "
                                                             "running instance",
                 NULL, NULL);
        } else if (e->kind == REC_CB && k) {
            k->cb = e;
            if (e->command > c.max_command)
                c.max_command = e->command;
            if (e->what == RCB_GET_ENUM || e->what == RCB_FILE_DATA)
                live_add(&c, e);
        } else if (e->kind == REC_API) {
            if (k && k->cb) {
                if (k->api_count == k->api_cap) {
                    size_t n = k->api_cap ? k->api_cap * 2 : 8;
                    const rec_event **p = realloc(k->api, n * sizeof *p);
                    if (!p)
                        continue;
                    k->api = p;
                    k->api_cap = n;
                }
                k->api[k->api_count++] = e;
            }
            note_buffer(&c, e);
            if (e->what == RAPI_FILL || e->what == RAPI_FILL2)
                check_fill(&c, e);
            if (e->what == RAPI_COMPLETE) {
                live_remove(&c, same_command, &e->command);
                /* sim/dispatch.c: an id never handed out (ids only grow; a completed or
                 * cancelled one is harmless) */
                if (e->command <= 0 || e->command > c.max_command)
                    diag(&c, "unknown-command", "PrjCompleteCommand for a command id no callback was given", NULL,
                         NULL);
            }
            if (e->what == RAPI_WRITE_FILE_DATA)
                check_write(&c, rec, i);
        } else if (e->kind == REC_RET && k && k->cb) {
            bool pended = e->hr == HRESULT_FROM_WIN32(ERROR_IO_PENDING) && e->what != RCB_CANCEL;
            if (!pended && (e->what == RCB_GET_ENUM || e->what == RCB_FILE_DATA))
                live_remove(&c, same_cb, k->cb);
            unsigned inst = k->cb->instance;
            if (pended && inst && inst <= c.instance_count && !(c.registered[inst - 1] & (1u << RCB_CANCEL)))
                diag(&c, "pending-without-cancel", "a callback on \"%s\" pended without a CancelCommandCallback",
                     k->cb->path, NULL);
            switch (e->what) {
            case RCB_START_ENUM:
            case RCB_QUERY_FILE_NAME:
                if (e->hr != S_OK && !(e->what == RCB_QUERY_FILE_NAME && e->hr == HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)))
                    unlisted(&c, k, e->hr, e->what == RCB_START_ENUM ? "StartDirectoryEnumeration" : "QueryFileName");
                break;
            case RCB_END_ENUM:
                /* a pended End is completed later (dispatch.c) */
                if (e->hr != S_OK && e->hr != HRESULT_FROM_WIN32(ERROR_IO_PENDING))
                    diag(&c, "end-enumeration-result", "EndDirectoryEnumeration(\"%s\") did not return S_OK",
                         k->cb->path, NULL);
                break;
            case RCB_GET_ENUM:
                check_get_enum(&c, k, e->hr);
                break;
            case RCB_PLACEHOLDER_INFO:
                check_placeholder_info(&c, rec, k, i, e->hr);
                break;
            case RCB_FILE_DATA:
                check_file_data(&c, k, e->hr);
                break;
            case RCB_NOTIFICATION:
                check_notification(&c, k, e->hr);
                break;
            default:
                break;
            }
        }
    }
    pthread_mutex_unlock(&rec->lock);
    for (size_t i = 0; c.sessions && i < c.session_count; i++) {
        free(c.sessions[i].last);
        free(c.sessions[i].resume);
    }
    for (size_t i = 0; c.calls && i < c.call_count; i++)
        free(c.calls[i].api);
    free(c.sessions);
    free(c.calls);
    free(c.buffers);
    free(c.buffer_sizes);
    free(c.registered);
    free(c.live);
    return c.out;
}
