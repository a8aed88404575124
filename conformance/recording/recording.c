/* SPDX-License-Identifier: MIT */
/*
 * The recorder: the wrapped callback table, the event log and its text form, and what each
 * Prj* call records. The platform's Prj* functions call it: recording_unix.c's in front of the
 * simulator's, windows/projfs_dll.c's forwarders in front of ProjectedFSLib.dll's.
 */
#include "recording_internal.h"

#include "../utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

const char *const prjsim__rec_cb_names[RCB_COUNT_] = {
    "StartDirectoryEnumeration", "EndDirectoryEnumeration", "GetDirectoryEnumeration", "GetPlaceholderInfo",
    "GetFileData",               "QueryFileName",           "Notification",            "CancelCommand"};

static const char *const api_names[RAPI_COUNT_] = {
    "PrjFillDirEntryBuffer", "PrjFillDirEntryBuffer2", "PrjWritePlaceholderInfo", "PrjWritePlaceholderInfo2",
    "PrjWriteFileData",      "PrjCompleteCommand",     "PrjAllocateAlignedBuffer", "PrjFreeAlignedBuffer",
    "PrjUpdateFileIfNeeded", "PrjDeleteFile",          "PrjClearNegativePathCache", "PrjGetVirtualizationInstanceInfo"};

/* ---- text helpers ---- */

const char *prjsim__rec_hr_name(HRESULT hr)
{
    static const struct {
        HRESULT hr;
        const char *name;
    } names[] = {
        {S_OK, "S_OK"},
        {E_FAIL, "E_FAIL"},
        {E_INVALIDARG, "E_INVALIDARG"},
        {E_OUTOFMEMORY, "E_OUTOFMEMORY"},
        {E_HANDLE, "E_HANDLE"},
        {E_NOTIMPL, "E_NOTIMPL"},
        {HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER), "ERROR_INSUFFICIENT_BUFFER"},
        {HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), "ERROR_FILE_NOT_FOUND"},
        {HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER), "ERROR_INVALID_PARAMETER"},
        {HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED), "ERROR_ACCESS_DENIED"},
        {HRESULT_FROM_WIN32(ERROR_IO_PENDING), "ERROR_IO_PENDING"},
        {HRESULT_FROM_WIN32(ERROR_INTERNAL_ERROR), "ERROR_INTERNAL_ERROR"},
        {HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE),
         "ERROR_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].hr == hr)
            return names[i].name;
    return NULL;
}

static bool grow(char **out, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 256;
    while (n < need)
        n *= 2;
    char *p = realloc(*out, n);
    if (!p)
        return false;
    *out = p;
    *cap = n;
    return true;
}

void prjsim__rec_put(char **out, size_t *len, size_t *cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !grow(out, cap, *len + (size_t)n + 1))
        return;
    va_start(ap, fmt);
    vsnprintf(*out + *len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    *len += (size_t)n;
}

void prjsim__rec_put_utf8(char **out, size_t *len, size_t *cap, const WCHAR *w)
{
    for (size_t i = 0; w && w[i]; i++) {
        uint32_t c = prjsim_utf8_next_char(w, &i);
        char b[4];
        size_t n = prjsim_utf8_encode(c, b);
        if (!grow(out, cap, *len + n + 1))
            return;
        memcpy(*out + *len, b, n);
        *len += n;
        (*out)[*len] = '\0';
    }
}

static WCHAR *wdup(const WCHAR *w)
{
    if (!w)
        return NULL;
    size_t n = wcslen(w) + 1;
    WCHAR *p = malloc(n * sizeof *p);
    if (p)
        memcpy(p, w, n * sizeof *p);
    return p;
}

/* ---- the log ---- */

HRESULT prjsim_recording_create(prjsim_recording **out)
{
    if (!out)
        return E_INVALIDARG;
    *out = calloc(1, sizeof **out);
    if (!*out)
        return E_OUTOFMEMORY;
    pthread_mutex_init(&(*out)->lock, NULL);
    return S_OK;
}

size_t prjsim_recording_count(prjsim_recording *rec)
{
    pthread_mutex_lock(&rec->lock);
    size_t n = rec->count;
    pthread_mutex_unlock(&rec->lock);
    return n;
}

/* Under the lock: this thread's number (1, 2 ... in order of first use). */
static unsigned thread_no(prjsim_recording *rec)
{
    pthread_t self = pthread_self();
    for (size_t i = 0; i < rec->thread_count; i++)
        if (pthread_equal(rec->threads[i], self))
            return (unsigned)i + 1;
    if (rec->thread_count == rec->thread_cap) {
        size_t n = rec->thread_cap ? rec->thread_cap * 2 : 8;
        pthread_t *p = realloc(rec->threads, n * sizeof *p);
        if (!p)
            return 0;
        rec->threads = p;
        rec->thread_cap = n;
    }
    rec->threads[rec->thread_count++] = self;
    return (unsigned)rec->thread_count;
}

/* Under the lock: the enumeration id's number. */
static unsigned enum_no(prjsim_recording *rec, const GUID *id)
{
    if (!id)
        return 0;
    for (size_t i = 0; i < rec->enum_count; i++)
        if (memcmp(&rec->enum_ids[i], id, sizeof *id) == 0)
            return (unsigned)i + 1;
    if (rec->enum_count == rec->enum_cap) {
        size_t n = rec->enum_cap ? rec->enum_cap * 2 : 16;
        GUID *p = realloc(rec->enum_ids, n * sizeof *p);
        if (!p)
            return 0;
        rec->enum_ids = p;
        rec->enum_cap = n;
    }
    rec->enum_ids[rec->enum_count++] = *id;
    return (unsigned)rec->enum_count;
}

/* Appends @p e (its strings already copied; freed if it cannot be kept). Returns the callback
 * number given to a REC_CB event. */
static unsigned append(prjsim_recording *rec, rec_event e, const GUID *enum_id, const GUID *stream)
{
    pthread_mutex_lock(&rec->lock);
    e.thread = thread_no(rec);
    e.enum_no = enum_no(rec, enum_id);
    e.stream_no = enum_no(rec, stream);
    if (e.kind == REC_CB)
        e.cb = ++rec->callbacks;
    if (e.kind == REC_START)
        e.instance = ++rec->instances;
    if (rec->count == rec->cap) {
        size_t n = rec->cap ? rec->cap * 2 : 256;
        rec_event *p = realloc(rec->events, n * sizeof *p);
        if (!p) {
            pthread_mutex_unlock(&rec->lock);
            free(e.path);
            free(e.name);
            return 0;
        }
        rec->events = p;
        rec->cap = n;
    }
    rec->events[rec->count++] = e;
    unsigned no = e.kind == REC_CB ? e.cb : e.instance;
    pthread_mutex_unlock(&rec->lock);
    return no;
}

void prjsim_recording_free(prjsim_recording *rec);

char *prjsim_recording_text(prjsim_recording *rec)
{
    char *out = NULL;
    size_t len = 0, cap = 0;
    grow(&out, &cap, 1);
    if (out)
        out[0] = '\0';
    pthread_mutex_lock(&rec->lock);
    for (size_t i = 0; i < rec->count; i++) {
        const rec_event *e = &rec->events[i];
        char hb[16];
        const char *hr = prjsim__rec_hr_name(e->hr);
        if (!hr) {
            snprintf(hb, sizeof hb, "0x%08X", (unsigned)e->hr);
            hr = hb;
        }
        switch (e->kind) {
        case REC_START:
            prjsim__rec_put(&out, &len, &cap, "start %u root=\"", e->instance);
            prjsim__rec_put_utf8(&out, &len, &cap, e->path);
            prjsim__rec_put(&out, &len, &cap, "\" callbacks=0x%02X -> %s\n", (unsigned)e->flags, hr);
            break;
        case REC_STOP:
            if (e->stale_context)
                prjsim__rec_put(&out, &len, &cap, "stop ? context=stale\n");
            else
                prjsim__rec_put(&out, &len, &cap, "stop %u\n", e->instance);
            break;
        case REC_CB:
            prjsim__rec_put(&out, &len, &cap, "cb %u t%u %s \"", e->cb, e->thread, prjsim__rec_cb_names[e->what]);
            prjsim__rec_put_utf8(&out, &len, &cap, e->path);
            prjsim__rec_put(&out, &len, &cap, "\" cmd=%d", (int)e->command);
            if (e->enum_no)
                prjsim__rec_put(&out, &len, &cap, " enum=%u", e->enum_no);
            if (e->what == RCB_GET_ENUM) {
                prjsim__rec_put(&out, &len, &cap, " search=\"");
                prjsim__rec_put_utf8(&out, &len, &cap, e->name);
                prjsim__rec_put(&out, &len, &cap, "\" flags=0x%X", (unsigned)e->flags);
            } else if (e->what == RCB_FILE_DATA) {
                prjsim__rec_put(&out, &len, &cap, " stream=%u offset=%llu length=%llu", e->stream_no,
                                (unsigned long long)e->offset, (unsigned long long)e->size);
            } else if (e->what == RCB_NOTIFICATION) {
                prjsim__rec_put(&out, &len, &cap, " notification=0x%X%s dest=\"", (unsigned)e->flags,
                                e->is_dir ? " dir" : "");
                prjsim__rec_put_utf8(&out, &len, &cap, e->name);
                prjsim__rec_put(&out, &len, &cap, "\"");
            }
            prjsim__rec_put(&out, &len, &cap, "\n");
            break;
        case REC_RET:
            prjsim__rec_put(&out, &len, &cap, "ret %u %s -> %s\n", e->cb, prjsim__rec_cb_names[e->what], hr);
            break;
        case REC_API:
            prjsim__rec_put(&out, &len, &cap, "api %u %s", e->cb, api_names[e->what]);
            switch (e->what) {
            case RAPI_FILL:
            case RAPI_FILL2:
            case RAPI_WRITE_PLACEHOLDER:
            case RAPI_WRITE_PLACEHOLDER2:
            case RAPI_UPDATE:
            case RAPI_DELETE:
                prjsim__rec_put(&out, &len, &cap, " \"");
                prjsim__rec_put_utf8(&out, &len, &cap, e->what <= RAPI_FILL2 ? e->name : e->path);
                prjsim__rec_put(&out, &len, &cap, "\" %s size=%llu", e->is_dir ? "dir" : "file",
                                (unsigned long long)e->size);
                break;
            case RAPI_WRITE_FILE_DATA:
                prjsim__rec_put(&out, &len, &cap, " stream=%u offset=%llu length=%llu", e->stream_no,
                                (unsigned long long)e->offset, (unsigned long long)e->size);
                break;
            case RAPI_COMPLETE:
                prjsim__rec_put(&out, &len, &cap, " cmd=%d result=0x%08X", (int)e->command, (unsigned)e->offset);
                break;
            case RAPI_ALLOCATE:
                prjsim__rec_put(&out, &len, &cap, " size=%llu%s", (unsigned long long)e->size,
                                e->ptr ? "" : " -> NULL");
                break;
            default:
                break;
            }
            if (e->stale_context)
                prjsim__rec_put(&out, &len, &cap, " context=stale");
            if (e->what != RAPI_ALLOCATE && e->what != RAPI_FREE)
                prjsim__rec_put(&out, &len, &cap, " -> %s", hr);
            prjsim__rec_put(&out, &len, &cap, "\n");
            break;
        }
    }
    pthread_mutex_unlock(&rec->lock);
    return out;
}

/* ---- the wrapped callback table ---- */

/* One started instance: the provider's table and context, and the table given in its place. */
typedef struct rec_instance {
    prjsim_recording *rec;
    unsigned no;
    PRJ_CALLBACKS inner;
    const void *inner_context;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context; /* NULL once stopped */
    bool started; /* PrjStartVirtualizing has returned (under registry_lock) */
    struct rec_instance *next;
} rec_instance;

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static rec_instance *instances; /* every instance wrapped, until its recorder is freed */
static prjsim_recording *attached; /* under registry_lock */

/* The callback running on this thread, which the Prj* calls it makes belong to. */
static PRJSIM_THREAD_LOCAL struct {
    prjsim_recording *rec;
    unsigned cb;
} current;

typedef struct saved {
    prjsim_recording *rec;
    unsigned cb;
} saved;

/* Records the callback, makes it the thread's current one, and gives the provider its own
 * context in a copy of the callback data. */
static saved enter(const PRJ_CALLBACK_DATA *cd, rec_cb what, const GUID *enum_id, rec_event e,
                   PRJ_CALLBACK_DATA *inner_cd, rec_instance **out)
{
    rec_instance *ri = cd->InstanceContext;
    *out = ri;
    pthread_mutex_lock(&registry_lock);
    if (!ri->started && !ri->context) {
        /* A callback before PrjStartVirtualizing returned: its context is the instance's. */
        ri->context = cd->NamespaceVirtualizationContext;
    }
    pthread_mutex_unlock(&registry_lock);
    *inner_cd = *cd;
    inner_cd->InstanceContext = (void *)ri->inner_context;
    e.kind = REC_CB;
    e.what = what;
    e.instance = ri->no;
    e.path = wdup(cd->FilePathName);
    e.command = cd->CommandId;
    e.flags = what == RCB_NOTIFICATION ? e.flags : (UINT32)cd->Flags;
    saved s = {current.rec, current.cb};
    current.rec = ri->rec;
    current.cb = append(ri->rec, e, enum_id, what == RCB_FILE_DATA ? &cd->DataStreamId : NULL);
    return s;
}

static HRESULT leave(rec_instance *ri, rec_cb what, saved s, HRESULT hr)
{
    rec_event e;
    memset(&e, 0, sizeof e);
    e.kind = REC_RET;
    e.what = what;
    e.instance = ri->no;
    e.cb = current.cb;
    e.hr = hr;
    append(ri->rec, e, NULL, NULL);
    current.rec = s.rec;
    current.cb = s.cb;
    return hr;
}

static rec_event blank(void)
{
    rec_event e;
    memset(&e, 0, sizeof e);
    return e;
}

static HRESULT CALLBACK w_start_enum(const PRJ_CALLBACK_DATA *cd, const GUID *id)
{
    PRJ_CALLBACK_DATA d;
    rec_instance *ri;
    saved s = enter(cd, RCB_START_ENUM, id, blank(), &d, &ri);
    return leave(ri, RCB_START_ENUM, s, ri->inner.StartDirectoryEnumerationCallback(&d, id));
}

static HRESULT CALLBACK w_end_enum(const PRJ_CALLBACK_DATA *cd, const GUID *id)
{
    PRJ_CALLBACK_DATA d;
    rec_instance *ri;
    saved s = enter(cd, RCB_END_ENUM, id, blank(), &d, &ri);
    return leave(ri, RCB_END_ENUM, s, ri->inner.EndDirectoryEnumerationCallback(&d, id));
}

static HRESULT CALLBACK w_get_enum(const PRJ_CALLBACK_DATA *cd, const GUID *id, PCWSTR search,
                                   PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    PRJ_CALLBACK_DATA d;
    rec_instance *ri;
    rec_event e = blank();
    e.name = wdup(search);
    e.ptr = buffer;
    saved s = enter(cd, RCB_GET_ENUM, id, e, &d, &ri);
    return leave(ri, RCB_GET_ENUM, s, ri->inner.GetDirectoryEnumerationCallback(&d, id, search, buffer));
}

static HRESULT CALLBACK w_placeholder_info(const PRJ_CALLBACK_DATA *cd)
{
    PRJ_CALLBACK_DATA d;
    rec_instance *ri;
    saved s = enter(cd, RCB_PLACEHOLDER_INFO, NULL, blank(), &d, &ri);
    return leave(ri, RCB_PLACEHOLDER_INFO, s, ri->inner.GetPlaceholderInfoCallback(&d));
}

static HRESULT CALLBACK w_file_data(const PRJ_CALLBACK_DATA *cd, UINT64 offset, UINT32 length)
{
    PRJ_CALLBACK_DATA d;
    rec_instance *ri;
    rec_event e = blank();
    e.offset = offset;
    e.size = length;
    saved s = enter(cd, RCB_FILE_DATA, NULL, e, &d, &ri);
    return leave(ri, RCB_FILE_DATA, s, ri->inner.GetFileDataCallback(&d, offset, length));
}

static HRESULT CALLBACK w_query_file_name(const PRJ_CALLBACK_DATA *cd)
{
    PRJ_CALLBACK_DATA d;
    rec_instance *ri;
    saved s = enter(cd, RCB_QUERY_FILE_NAME, NULL, blank(), &d, &ri);
    return leave(ri, RCB_QUERY_FILE_NAME, s, ri->inner.QueryFileNameCallback(&d));
}

static HRESULT CALLBACK w_notification(const PRJ_CALLBACK_DATA *cd, BOOLEAN is_dir, PRJ_NOTIFICATION n,
                                       PCWSTR dest, PRJ_NOTIFICATION_PARAMETERS *params)
{
    PRJ_CALLBACK_DATA d;
    rec_instance *ri;
    rec_event e = blank();
    e.is_dir = is_dir != 0;
    e.flags = (UINT32)n;
    e.name = wdup(dest);
    saved s = enter(cd, RCB_NOTIFICATION, NULL, e, &d, &ri);
    return leave(ri, RCB_NOTIFICATION, s, ri->inner.NotificationCallback(&d, is_dir, n, dest, params));
}

static void CALLBACK w_cancel(const PRJ_CALLBACK_DATA *cd)
{
    PRJ_CALLBACK_DATA d;
    rec_instance *ri;
    saved s = enter(cd, RCB_CANCEL, NULL, blank(), &d, &ri);
    ri->inner.CancelCommandCallback(&d);
    leave(ri, RCB_CANCEL, s, S_OK);
}

void prjsim_recording_free(prjsim_recording *rec)
{
    if (!rec)
        return;
    pthread_mutex_lock(&registry_lock);
    if (attached == rec)
        attached = NULL;
    for (rec_instance **pp = &instances; *pp;) {
        rec_instance *ri = *pp;
        if (ri->rec == rec) {
            *pp = ri->next;
            free(ri);
        } else {
            pp = &ri->next;
        }
    }
    pthread_mutex_unlock(&registry_lock);
    for (size_t i = 0; i < rec->count; i++) {
        free(rec->events[i].path);
        free(rec->events[i].name);
    }
    free(rec->events);
    free(rec->enum_ids);
    free(rec->threads);
    pthread_mutex_destroy(&rec->lock);
    free(rec);
}

/* ---- What each Prj* call records (the platform's Prj* functions call these) ---- */

void prjsim__rec_set_attached(prjsim_recording *rec)
{
    pthread_mutex_lock(&registry_lock);
    attached = rec;
    pthread_mutex_unlock(&registry_lock);
}

static prjsim_recording *attached_now(void)
{
    pthread_mutex_lock(&registry_lock);
    prjsim_recording *rec = attached;
    pthread_mutex_unlock(&registry_lock);
    return rec;
}

HRESULT prjsim__rec_start(prjsim__rec_start_fn real, PCWSTR root, const PRJ_CALLBACKS *callbacks,
                          const void *instance_context, const PRJ_STARTVIRTUALIZING_OPTIONS *options,
                          PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT *out)
{
    prjsim_recording *rec = attached_now();
    if (!rec || !callbacks)
        return real(root, callbacks, instance_context, options, out);
    rec_instance *ri = calloc(1, sizeof *ri);
    if (!ri)
        return E_OUTOFMEMORY;
    ri->rec = rec;
    ri->inner = *callbacks;
    ri->inner_context = instance_context;
    /* NULL stays NULL: what the provider registers decides what it is sent. */
    PRJ_CALLBACKS outer = {
        callbacks->StartDirectoryEnumerationCallback ? w_start_enum : NULL,
        callbacks->EndDirectoryEnumerationCallback ? w_end_enum : NULL,
        callbacks->GetDirectoryEnumerationCallback ? w_get_enum : NULL,
        callbacks->GetPlaceholderInfoCallback ? w_placeholder_info : NULL,
        callbacks->GetFileDataCallback ? w_file_data : NULL,
        callbacks->QueryFileNameCallback ? w_query_file_name : NULL,
        callbacks->NotificationCallback ? w_notification : NULL,
        callbacks->CancelCommandCallback ? w_cancel : NULL,
    };
    rec_event e = blank();
    e.kind = REC_START;
    e.path = wdup(root);
    /* Which callbacks the provider registered, bits in PRJ_CALLBACKS order. */
    bool registered[RCB_COUNT_] = {
        outer.StartDirectoryEnumerationCallback != NULL, outer.EndDirectoryEnumerationCallback != NULL,
        outer.GetDirectoryEnumerationCallback != NULL,   outer.GetPlaceholderInfoCallback != NULL,
        outer.GetFileDataCallback != NULL,               outer.QueryFileNameCallback != NULL,
        outer.NotificationCallback != NULL,              outer.CancelCommandCallback != NULL};
    for (unsigned i = 0; i < RCB_COUNT_; i++)
        if (registered[i])
            e.flags |= 1u << i;
    ri->no = append(rec, e, NULL, NULL);
    /* Registered before the start: callbacks may come before it returns. */
    pthread_mutex_lock(&registry_lock);
    ri->next = instances;
    instances = ri;
    pthread_mutex_unlock(&registry_lock);
    HRESULT hr = real(root, &outer, ri, options, out);
    pthread_mutex_lock(&rec->lock);
    for (size_t i = rec->count; i-- > 0;)
        if (rec->events[i].kind == REC_START && rec->events[i].instance == ri->no) {
            rec->events[i].hr = hr;
            break;
        }
    pthread_mutex_unlock(&rec->lock);
    pthread_mutex_lock(&registry_lock); /* other threads read it (running()) */
    ri->context = SUCCEEDED(hr) ? *out : NULL;
    ri->started = true;
    pthread_mutex_unlock(&registry_lock);
    return hr;
}

void prjsim__rec_stopped(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context)
{
    pthread_mutex_lock(&registry_lock);
    rec_instance *ri = instances;
    while (ri && (!context || ri->context != context)) /* NULL: no running instance's (a failed start's) */
        ri = ri->next;
    prjsim_recording *rec = ri ? ri->rec : attached;
    unsigned no = ri ? ri->no : 0;
    if (ri)
        ri->context = NULL; /* a later instance may get the same handle */
    pthread_mutex_unlock(&registry_lock);
    if (rec) {
        rec_event e = blank();
        e.kind = REC_STOP;
        e.instance = no;
        e.stale_context = ri == NULL;
        append(rec, e, NULL, NULL);
    }
    prjsim__rec_env_save(); /* PRJSIM_RECORD: the log so far, in case the process is killed */
}

/* Whether @p context is a running instance's that a recorder wrapped. */
static bool running(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context)
{
    pthread_mutex_lock(&registry_lock);
    rec_instance *ri = instances;
    while (ri && (!context || ri->context != context))
        ri = ri->next;
    pthread_mutex_unlock(&registry_lock);
    return ri != NULL;
}

/* Records a Prj* call made on a callback's thread into that callback's recorder, or outside
 * any callback into the attached recorder. */
static void note_api_stream(rec_event e, const GUID *stream)
{
    prjsim_recording *rec = current.rec ? current.rec : attached_now();
    if (!rec) {
        free(e.path);
        free(e.name);
        return;
    }
    e.kind = REC_API;
    e.cb = current.rec ? current.cb : 0;
    append(rec, e, NULL, stream);
}

void prjsim__rec_entry(rec_api what, PRJ_DIR_ENTRY_BUFFER_HANDLE buffer, PCWSTR name, const PRJ_FILE_BASIC_INFO *info,
                       HRESULT hr)
{
    rec_event e = blank();
    e.what = what;
    e.ptr = buffer;
    e.name = wdup(name);
    if (info) {
        e.is_dir = info->IsDirectory != 0;
        e.size = (UINT64)info->FileSize;
    }
    e.hr = hr;
    note_api_stream(e, NULL);
}

void prjsim__rec_placeholder(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, rec_api what, PCWSTR dest,
                             const PRJ_PLACEHOLDER_INFO *info, UINT32 size, HRESULT hr)
{
    rec_event e = blank();
    e.what = what;
    e.stale_context = !running(context);
    e.path = wdup(dest);
    if (info && size >= sizeof *info) {
        e.is_dir = info->FileBasicInfo.IsDirectory != 0;
        e.size = (UINT64)info->FileBasicInfo.FileSize;
    }
    e.hr = hr;
    note_api_stream(e, NULL);
}

void prjsim__rec_write_data(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, const GUID *stream, const void *buffer,
                            UINT64 offset, UINT32 length, HRESULT hr)
{
    rec_event e = blank();
    e.what = RAPI_WRITE_FILE_DATA;
    e.stale_context = !running(context);
    e.offset = offset;
    e.size = length;
    e.ptr = buffer;
    e.hr = hr;
    note_api_stream(e, stream);
}

void prjsim__rec_complete(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, INT32 command, HRESULT result, HRESULT hr)
{
    rec_event e = blank();
    e.what = RAPI_COMPLETE;
    e.stale_context = !running(context);
    e.command = command;
    e.offset = (UINT32)result;
    e.hr = hr;
    note_api_stream(e, NULL);
}

void prjsim__rec_allocate(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, size_t size, const void *buffer)
{
    rec_event e = blank();
    e.what = RAPI_ALLOCATE;
    e.stale_context = !running(context);
    e.size = size;
    e.ptr = buffer;
    note_api_stream(e, NULL);
}

void prjsim__rec_free(const void *buffer)
{
    rec_event e = blank();
    e.what = RAPI_FREE;
    e.ptr = buffer;
    note_api_stream(e, NULL);
}

void prjsim__rec_context_call(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, rec_api what, HRESULT hr)
{
    rec_event e = blank();
    e.what = what;
    e.stale_context = !running(context);
    e.hr = hr;
    note_api_stream(e, NULL);
}

/* ---- PRJSIM_RECORD: recording a program that does not know about it ---- */

static prjsim_recording *env_recording; /* kept to the end of the process */
static pthread_mutex_t env_lock = PTHREAD_MUTEX_INITIALIZER;

void prjsim__rec_env_save(void)
{
    pthread_mutex_lock(&env_lock);
    if (!env_recording) {
        pthread_mutex_unlock(&env_lock);
        return;
    }
    FILE *f = prjsim__rec_env_open();
    if (f) {
        char *text = prjsim_recording_text(env_recording);
        char *report = prjsim_recording_check(env_recording);
        fprintf(f, "%s# checker\n%s", text ? text : "", report ? report : "");
        free(text);
        free(report);
        fclose(f);
    } else {
        fprintf(stderr, "prjsim recording: PRJSIM_RECORD: cannot write the file it names\n");
    }
    pthread_mutex_unlock(&env_lock);
}

static void env_at_exit(void) { prjsim__rec_env_save(); }

void prjsim__rec_env_start(void)
{
    const char *path = getenv("PRJSIM_RECORD");
    if (!path || !path[0])
        return;
    prjsim_recording *rec;
    if (FAILED(prjsim_recording_create(&rec)))
        return;
    if (FAILED(prjsim_recording_attach(rec))) {
        fprintf(stderr, "prjsim recording: PRJSIM_RECORD: the Prj* functions do not go through the recording "
                        "layer (load it before libprjsim, e.g. with LD_PRELOAD)\n");
        prjsim_recording_free(rec);
        return;
    }
    pthread_mutex_lock(&env_lock);
    env_recording = rec;
    pthread_mutex_unlock(&env_lock);
    prjsim__rec_env_save(); /* the file exists from the start, empty log */
    atexit(env_at_exit);
}
