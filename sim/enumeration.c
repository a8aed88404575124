/* SPDX-License-Identifier: MIT */
/*
 * Directory enumeration (sections 4.14, 4.15, 5.1-5.3, 6.4). A directory handle owns a
 * session: Start on its first query, Get whenever the merge runs out of provider entries, End
 * when the handle closes. The merge walks the directory's sorted on-disk children and the
 * provider's stream together, as ProjFS does, so an unsorted provider shows the duplicated or
 * resurrected names it would show on Windows; the violations are recorded as diagnostics.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Live PRJ_DIR_ENTRY_BUFFER_HANDLEs; a provider may fill one from any thread while pended. */
static pthread_mutex_t buffers_lock = PTHREAD_MUTEX_INITIALIZER;
static prjsim__dir_buffer **live_buffers;
static size_t live_count, live_cap;

/* FILE_ID_BOTH_DIR_INFORMATION is 0x68 bytes before the name; records are 8-byte aligned. */
static uint32_t cost_of_units(size_t units)
{
    size_t bytes = 0x68 + 2 * units;
    return (uint32_t)((bytes + 7) & ~(size_t)7);
}

uint32_t prjsim__entry_cost(const WCHAR *name, size_t len)
{
    return cost_of_units(prjsim__name_utf16_units(name, len));
}

static void buffer_register(prjsim__dir_buffer *b)
{
    pthread_mutex_lock(&buffers_lock);
    if (live_count == live_cap) {
        live_cap = live_cap ? live_cap * 2 : 8;
        live_buffers = prjsim__xrealloc(live_buffers, live_cap * sizeof *live_buffers);
    }
    live_buffers[live_count++] = b;
    pthread_mutex_unlock(&buffers_lock);
}

static void buffer_unregister(prjsim__dir_buffer *b)
{
    pthread_mutex_lock(&buffers_lock);
    for (size_t i = 0; i < live_count; i++)
        if (live_buffers[i] == b) {
            live_buffers[i] = live_buffers[--live_count];
            break;
        }
    pthread_mutex_unlock(&buffers_lock);
}

/*
 * A handle is the buffer's address, so a freed buffer's memory must not come back as the next
 * Get's buffer at once: a provider that kept an old handle would then fill the new buffer
 * instead of being told the handle is stale. Finished buffers wait in a ring before being freed.
 */
#define RETIRED_BUFFERS 64
static prjsim__dir_buffer *retired[RETIRED_BUFFERS];
static size_t retired_next;

static void buffer_retire(prjsim__dir_buffer *b)
{
    pthread_mutex_lock(&buffers_lock);
    prjsim__dir_buffer *old = retired[retired_next];
    retired[retired_next] = b;
    retired_next = (retired_next + 1) % RETIRED_BUFFERS;
    pthread_mutex_unlock(&buffers_lock);
    if (old)
        free(old->refused);
    free(old);
}

static void free_entries(prjsim__provider_entry *e, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        free(e[i].symlink_target);
}

static void free_names(prjsim__name_block **blocks)
{
    while (*blocks) {
        prjsim__name_block *next = (*blocks)->next;
        free(*blocks);
        *blocks = next;
    }
}

/* A NUL-terminated copy of a name in @p b's name blocks. */
static WCHAR *buffer_name(prjsim__dir_buffer *b, const WCHAR *name, size_t len)
{
    prjsim__name_block *k = b->names;
    if (!k || k->cap - k->used < len + 1) {
        size_t cap = len + 1 > 2048 ? len + 1 : 2048;
        k = prjsim__xmalloc(sizeof *k + cap * sizeof(WCHAR));
        k->next = b->names;
        k->used = 0;
        k->cap = cap;
        b->names = k;
    }
    WCHAR *out = k->text + k->used;
    memcpy(out, name, len * sizeof(WCHAR));
    out[len] = 0;
    k->used += len + 1;
    return out;
}

static HRESULT fill(PRJ_DIR_ENTRY_BUFFER_HANDLE handle, PCWSTR name, const PRJ_FILE_BASIC_INFO *info,
                    const PRJ_EXTENDED_INFO *ext)
{
    size_t len = 0, units = 0;
    bool separator = false;
    if (name)
        units = prjsim__name_scan(name, &len, &separator); /* one pass, not four */
    if (!name || !name[0] || separator)
        return E_INVALIDARG;
    if (ext && (ext->InfoType != PRJ_EXT_INFO_TYPE_SYMLINK || !ext->Symlink.TargetName))
        return E_INVALIDARG;
    prjsim__dir_buffer *b = (prjsim__dir_buffer *)handle;
    pthread_mutex_lock(&buffers_lock);
    bool live = false;
    for (size_t i = 0; i < live_count && !live; i++)
        live = live_buffers[i] == b;
    if (!live) {
        pthread_mutex_unlock(&buffers_lock);
        prjsim__diag(prjsim_sim_current(), PRJSIM_DIAG_STALE_ENUM_BUFFER,
                     "PrjFillDirEntryBuffer with a buffer handle that is not in use");
        return E_INVALIDARG;
    }
    if (units > PRJSIM__MAX_COMPONENT_UNITS) {
        /* No file system holds such a name: refuse it rather than list a cut-down one. */
        pthread_mutex_unlock(&buffers_lock);
        prjsim__diag(prjsim_sim_current(), PRJSIM_DIAG_NAME_TOO_LONG,
                     "PrjFillDirEntryBuffer with a name of %zu UTF-16 units (at most %d)", units,
                     PRJSIM__MAX_COMPONENT_UNITS);
        prjsim__note_api_result(E_INVALIDARG);
        return E_INVALIDARG;
    }
    uint32_t cost = cost_of_units(units);
    HRESULT hr = S_OK;
    if (b->full || cost > b->budget - b->used) {
        /* Once an entry did not fit the buffer is full: later, smaller entries do not fit either. */
        if (!b->full)
            b->refused = prjsim__wcsdup_n(name, len);
        b->full = true;
        hr = HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER);
    } else {
        if (b->count == b->cap) {
            /* At first room for as many of the smallest entries as the budget takes (bounded). */
            size_t first = b->budget / 0x70 + 1;
            b->cap = b->cap ? b->cap * 2 : (first < 16 ? 16 : first > 1024 ? 1024 : first);
            b->entries = prjsim__xrealloc(b->entries, b->cap * sizeof *b->entries);
        }
        prjsim__provider_entry *e = &b->entries[b->count++];
        e->name = buffer_name(b, name, len);
        e->name_len = (uint32_t)len;
        e->cost = cost;
        if (info)
            e->info = *info;
        else
            memset(&e->info, 0, sizeof e->info); /* DEVIATIONS.md: NULL info is a zero-size file */
        e->symlink_target = ext ? prjsim__wcsdup(ext->Symlink.TargetName) : NULL;
        b->used += cost;
    }
    pthread_mutex_unlock(&buffers_lock);
    prjsim__note_api_result(hr);
    return hr;
}

STDAPI PrjFillDirEntryBuffer(PCWSTR fileName, PRJ_FILE_BASIC_INFO *fileBasicInfo,
                             PRJ_DIR_ENTRY_BUFFER_HANDLE dirEntryBufferHandle)
{
    return fill(dirEntryBufferHandle, fileName, fileBasicInfo, NULL);
}

STDAPI PrjFillDirEntryBuffer2(PRJ_DIR_ENTRY_BUFFER_HANDLE dirEntryBufferHandle, PCWSTR fileName,
                              PRJ_FILE_BASIC_INFO *fileBasicInfo, PRJ_EXTENDED_INFO *extendedInfo)
{
    return fill(dirEntryBufferHandle, fileName, fileBasicInfo, extendedInfo);
}

/* ---- sessions ---- */

/* Copies a name into a buffer the session keeps for it (grown as needed), NUL-terminated. */
static void name_store(WCHAR **buf, size_t *len, size_t *cap, const WCHAR *name, size_t n)
{
    if (n + 1 > *cap) {
        free(*buf);
        *cap = n + 1 < 64 ? 64 : n + 1;
        *buf = prjsim__xmalloc(*cap * sizeof(WCHAR));
    }
    memcpy(*buf, name, n * sizeof(WCHAR));
    (*buf)[n] = 0;
    *len = n;
}


static void session_free(prjsim__enum_session *s)
{
    free(s->dir_path);
    free(s->filter);
    free_entries(s->queue, s->queue_pos, s->queue_count);
    free(s->queue);
    free_names(&s->queue_names);
    free(s->last_provider_name);
    free(s->resume_with);
    free(s->cursor);
    if (s->dir)
        prjsim__item_unpin(s->dir);
    free(s);
}

static void session_unlink(prjsim__enum_session *s)
{
    if (!s->instance)
        return;
    for (prjsim__enum_session **pp = &s->instance->sessions; *pp; pp = &(*pp)->next)
        if (*pp == s) {
            *pp = s->next;
            break;
        }
    s->next = NULL;
}

void prjsim__session_end(prjsim__enum_session *s)
{
    prjsim__instance *inst = s->instance;
    if (inst && s->started && !inst->stopping) {
        prjsim_sim *sim = inst->sim;
        prjsim__call call;
        memset(&call, 0, sizeof call);
        call.kind = PRJSIM_CB_END_ENUM;
        call.path = s->dir_path;
        call.version = prjsim__rare(s->dir)->version;
        call.enum_id = &s->id;
        HRESULT hr = prjsim__dispatch(inst, &call, NULL);
        if (hr != S_OK) {
            char hb[96];
            prjsim__diag(sim, PRJSIM_DIAG_END_RESULT, "EndDirectoryEnumeration returned %s",
                         prjsim__hr_str(hb, sizeof hb, hr));
        }
    }
    session_unlink(s);
    session_free(s);
}

static NTSTATUS session_start(prjsim_sim *sim, prjsim_handle *h, prjsim__enum_session **out)
{
    prjsim__item *dir = h->item;
    prjsim__enum_session *s = prjsim__xcalloc(1, sizeof *s);
    s->dir = dir;
    prjsim__item_pin(dir);
    s->dir_path = h->caller_rel ? prjsim__wcsdup(h->caller_rel) : prjsim__item_relative_path(dir);
    if (prjsim__item_is_virtualized_dir(dir)) {
        prjsim__instance *inst = prjsim__instance_of_item(dir);
        if (!inst) {
            session_free(s);
            return STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE;
        }
        prjsim__new_guid(sim, &s->id);
        s->instance = inst;
        s->next = inst->sessions;
        inst->sessions = s;
        prjsim__call call;
        memset(&call, 0, sizeof call);
        call.kind = PRJSIM_CB_START_ENUM;
        call.path = s->dir_path;
        call.version = prjsim__rare(dir)->version;
        call.enum_id = &s->id;
        prjsim__command *cmd = NULL;
        HRESULT hr = prjsim__dispatch(inst, &call, &cmd);
        NTSTATUS st = STATUS_SUCCESS;
        if (inst->stopping)
            st = STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE;
        else if (hr != S_OK)
            st = prjsim__translate_result(sim, hr, cmd, PRJSIM_CB_START_ENUM);
        prjsim__command_release(cmd);
        if (st != STATUS_SUCCESS) {
            /* End is not owed for a failed Start (section 5.1). */
            session_unlink(s); /* even while stopping: PrjStopVirtualizing walks the list later */
            session_free(s);
            return st;
        }
        s->started = true;
    } else {
        s->provider_done = true; /* an ordinary directory: the disk is the whole listing */
    }
    *out = s;
    return STATUS_SUCCESS;
}

static void reset_scan(prjsim__enum_session *s, const WCHAR *pattern)
{
    free(s->filter);
    s->filter = prjsim__wcsdup(pattern && pattern[0] ? pattern : L"*");
    s->filter_len = wcslen(s->filter);
    free(s->cursor);
    s->cursor = NULL;
    s->cursor_len = s->cursor_cap = 0;
    s->cursor_at = 0;
    free_entries(s->queue, s->queue_pos, s->queue_count);
    s->queue_count = s->queue_pos = 0;
    free_names(&s->queue_names);
    free(s->last_provider_name);
    s->last_provider_name = NULL;
    s->last_provider_len = s->last_provider_cap = 0;
    free(s->resume_with);
    s->resume_with = NULL;
    s->dots_done = false;
    s->any_returned = false; /* per scan: the dots logic in prjsim__session_query reads it */
    s->provider_done = s->instance == NULL;
    s->restart_pending = true;
}

/* Whether a name is in the session's filter. "*", the usual one, takes no call: every name
 * matches it but the empty one, as prjsim__name_match_n says. */
static bool filter_matches(const prjsim__enum_session *s, const WCHAR *name, size_t len)
{
    if (s->filter_len == 1 && s->filter[0] == L'*')
        return len > 0;
    return prjsim__name_match_n(name, len, s->filter, s->filter_len);
}

/* Asks the provider for more entries. Lock held. */
static NTSTATUS provider_get(prjsim_sim *sim, prjsim__enum_session *s, UINT32 budget, bool single)
{
    prjsim__instance *inst = s->instance;
    if (!inst || inst->stopping)
        return STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE;
    prjsim__dir_buffer *b = prjsim__xcalloc(1, sizeof *b);
    b->budget = budget;
    buffer_register(b);
    prjsim__call call;
    memset(&call, 0, sizeof call);
    call.kind = PRJSIM_CB_GET_ENUM;
    call.path = s->dir_path;
    call.version = prjsim__rare(s->dir)->version;
    call.enum_id = &s->id;
    call.search = s->filter;
    call.dir_buffer = b;
    /* The first Get of a session carries RESTART_SCAN too: providers must treat it so anyway. */
    call.flags = (s->restart_pending ? PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN : 0) |
                 (single ? PRJ_CB_DATA_FLAG_ENUM_RETURN_SINGLE_ENTRY : 0);
    bool restarted = s->restart_pending;
    prjsim__command *cmd = NULL;
    HRESULT hr = prjsim__dispatch(inst, &call, &cmd);
    buffer_unregister(b);
    s->restart_pending = false;
    NTSTATUS st = STATUS_SUCCESS;
    if (inst->stopping) {
        st = STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE;
    } else if (hr == S_OK || (hr == HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER) && b->count > 0)) {
        if (hr != S_OK)
            prjsim__diag(sim, PRJSIM_DIAG_INSUFFICIENT_BUFFER_AFTER_ENTRIES,
                         "GetDirectoryEnumeration returned ERROR_INSUFFICIENT_BUFFER after adding %zu entries",
                         b->count);
        if (b->count == 0)
            s->provider_done = true; /* S_OK with nothing added ends the list */
        char *dir = NULL; /* the directory's name for diagnostics, made on first need */
#define DIR_UTF8() (dir ? dir : (dir = prjsim__utf8(s->dir_path)))
        /* A Get after a full buffer resumes with the entry that did not fit (section 6.4). */
        /* Only a later name counts: an empty Get may mean the store changed meanwhile. */
        if (s->resume_with && !restarted && b->count > 0 &&
            prjsim__name_compare_n(b->entries[0].name, b->entries[0].name_len, s->resume_with,
                                   wcslen(s->resume_with)) > 0) {
            char *want = prjsim__utf8(s->resume_with);
            char *got = prjsim__utf8(b->entries[0].name);
            prjsim__diag(sim, PRJSIM_DIAG_SKIPPED_ENTRY, "\"%s\" did not fit, the next Get began with \"%s\" in \"%s\"",
                         want, got, DIR_UTF8());
            free(want);
            free(got);
        }
        free(s->resume_with);
        s->resume_with = b->refused;
        b->refused = NULL;
        for (size_t i = 0; i < b->count; i++) {
            prjsim__provider_entry *e = &b->entries[i];
            if (s->last_provider_name) {
                int c = prjsim__name_compare_n(e->name, e->name_len, s->last_provider_name,
                                               s->last_provider_len);
                if (c <= 0) {
                    char *a = prjsim__utf8(e->name), *p = prjsim__utf8(s->last_provider_name);
                    if (c < 0)
                        prjsim__diag(sim, PRJSIM_DIAG_UNSORTED_ENTRIES, "\"%s\" after \"%s\" in \"%s\"", a, p, DIR_UTF8());
                    else
                        prjsim__diag(sim, PRJSIM_DIAG_DUPLICATE_ENTRY, "\"%s\" twice in \"%s\"", a, DIR_UTF8());
                    free(a);
                    free(p);
                }
            }
            if (!filter_matches(s, e->name, e->name_len)) {
                char *a = prjsim__utf8(e->name), *f = prjsim__utf8(s->filter);
                prjsim__diag(sim, PRJSIM_DIAG_FILTER_IGNORED, "\"%s\" does not match \"%s\" in \"%s\"", a, f, DIR_UTF8());
                free(a);
                free(f);
            }
            name_store(&s->last_provider_name, &s->last_provider_len, &s->last_provider_cap, e->name,
                       e->name_len);
        }
#undef DIR_UTF8
        free(dir);
        free_entries(s->queue, s->queue_pos, s->queue_count);
        free(s->queue);
        free_names(&s->queue_names);
        s->queue = b->entries;
        s->queue_count = b->count;
        s->queue_pos = 0;
        s->queue_names = b->names;
        b->entries = NULL;
        b->count = 0;
        b->names = NULL;
    } else {
        st = prjsim__translate_result(sim, hr, cmd, PRJSIM_CB_GET_ENUM);
    }
    prjsim__command_release(cmd);
    free_entries(b->entries, 0, b->count);
    free(b->entries);
    free_names(&b->names);
    b->entries = NULL;
    b->count = b->cap = 0;
    buffer_retire(b);
    return st;
}

/* What the caller sees of a provider entry (section 6.4). */
static void virtual_entry_info(prjsim_sim *sim, const prjsim__provider_entry *e, PRJ_FILE_BASIC_INFO *out)
{
    *out = e->info;
    out->IsDirectory = e->info.IsDirectory ? TRUE : FALSE;
    LARGE_INTEGER *t[] = {&out->CreationTime, &out->LastAccessTime, &out->LastWriteTime, &out->ChangeTime};
    for (size_t i = 0; i < 4; i++)
        if (!t[i]->QuadPart)
            t[i]->QuadPart = sim->clock;
    if (out->IsDirectory)
        out->FileSize = 0;
    out->FileAttributes = prjsim__attributes_of_virtual_entry(e->info.FileAttributes, out->IsDirectory,
                                                              e->symlink_target != NULL);
}

static void disk_entry_info(const prjsim__item *item, PRJ_FILE_BASIC_INFO *out)
{
    *out = item->info;
    out->FileAttributes = prjsim__attributes_visible(item);
}

typedef struct out_list {
    prjsim_dir_entry *e;
    size_t count, cap;
    UINT32 used, budget;
} out_list;

/* Appends an entry of prjsim__entry_cost @p cost if it fits; false when the caller's buffer is full. */
static bool emit(out_list *o, const WCHAR *name, size_t len, uint32_t cost, const PRJ_FILE_BASIC_INFO *info)
{
    if (cost > o->budget - o->used)
        return false;
    if (o->count == o->cap) {
        /* The first allocation holds as many of the smallest entries as the budget takes (up to
         * a bound), so that a listing does not grow its array entry by entry. */
        size_t first = o->budget / 0x70 + 1;
        o->cap = o->cap ? o->cap * 2 : (first < 16 ? 16 : first > 256 ? 256 : first);
        o->e = prjsim__xrealloc(o->e, o->cap * sizeof *o->e);
    }
    prjsim_dir_entry *d = &o->e[o->count++];
    size_t n = len < MAX_PATH ? len : MAX_PATH;
    memcpy(d->name, name, n * sizeof(WCHAR));
    d->name[n] = 0;
    d->basic = *info;
    o->used += cost;
    return true;
}

/*
 * The index of the first on-disk child after the cursor (in sorted order). The place found for
 * the previous entry is checked first: in a sorted array it is the answer exactly when the child
 * before it is not after the cursor and the child at it is, so a walk costs two comparisons per
 * entry rather than a search; anything else (the disk changed meanwhile) searches.
 */
static uint32_t next_child_at(prjsim__enum_session *s, prjsim__item *dir)
{
    prjsim__item_sort_children(dir);
    if (!s->cursor)
        return 0;
    uint32_t n = dir->child_count, i = s->cursor_at;
    prjsim__item **c = dir->children;
    if (i <= n &&
        (i == 0 || prjsim__name_compare_n(c[i - 1]->name, c[i - 1]->name_len, s->cursor, s->cursor_len) <= 0) &&
        (i == n || prjsim__name_compare_n(c[i]->name, c[i]->name_len, s->cursor, s->cursor_len) > 0))
        return i;
    bool found;
    i = prjsim__item_child_index(dir, s->cursor, s->cursor_len, &found);
    /* Past every child of that name: a directory never holds two, but if it did the walk must
     * still move on. */
    while (i < n && prjsim__name_compare_n(c[i]->name, c[i]->name_len, s->cursor, s->cursor_len) <= 0)
        i++;
    return i;
}

NTSTATUS prjsim__session_query(prjsim_sim *sim, prjsim_handle *h, const WCHAR *pattern,
                               UINT32 flags, UINT32 budget, prjsim_dir_entry **entries,
                               size_t *count)
{
    *entries = NULL;
    *count = 0;
    bool first = !h->queried;
    if (!h->session) {
        NTSTATUS st = session_start(sim, h, &h->session);
        if (st != STATUS_SUCCESS)
            return st;
    }
    prjsim__enum_session *s = h->session;
    if (!s->instance && s->started)
        return STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE; /* stopped under the handle */
    h->queried = true;
    if (first || (flags & PRJSIM_QUERY_RESTART_SCAN))
        reset_scan(s, pattern);
    bool single = (flags & PRJSIM_QUERY_RETURN_SINGLE_ENTRY) != 0;
    out_list o = {NULL, 0, 0, 0, budget};
    NTSTATUS st = STATUS_SUCCESS;
    prjsim__item *dir = s->dir;
    size_t filter_len = s->filter_len;
    bool full = false;

    if (!s->dots_done) {
        /*
         * "." and ".." are entries like the others: each needs room of its own and a
         * single-entry query takes one. They come first, so when this scan has returned
         * something while they are not done, it was "." and ".." is next.
         */
        static const WCHAR *dots[] = {L".", L".."};
        int i = s->any_returned ? 1 : 0;
        for (; i < 2 && !(single && o.count > 0); i++) {
            if (!prjsim__name_match_n(dots[i], wcslen(dots[i]), s->filter, filter_len))
                continue;
            size_t dlen = wcslen(dots[i]);
            if (!emit(&o, dots[i], dlen, prjsim__entry_cost(dots[i], dlen), &dir->info)) {
                full = true;
                break;
            }
        }
        s->dots_done = i == 2;
    }
    /*
     * Only provider_get lets the lock go inside this loop: between two of its calls the disk
     * cannot change, so whether the directory is in the tree and where the cursor is in its
     * children (kept in cursor_at as the walk moves) are known without looking again.
     */
    bool dir_there = prjsim__item_in_tree(dir), at_known = false;
    while (!full && !(single && o.count > 0)) {
        /* The next on-disk child after the cursor. */
        prjsim__item *d = NULL;
        if (dir_there) {
            if (!at_known)
                s->cursor_at = next_child_at(s, dir);
            at_known = true;
            if (s->cursor_at < dir->child_count)
                d = dir->children[s->cursor_at];
        }
        if (s->queue_pos == s->queue_count && !s->provider_done) {
            st = provider_get(sim, s, budget, single);
            dir_there = prjsim__item_in_tree(dir);
            at_known = false;
            if (st == STATUS_BUFFER_TOO_SMALL && o.count > 0) {
                st = STATUS_SUCCESS; /* hand out what fitted; the next query asks again */
                break;
            }
            if (st != STATUS_SUCCESS)
                break;
            continue; /* the provider may have changed the disk (placeholders); look again */
        }
        prjsim__provider_entry *p = s->queue_pos < s->queue_count ? &s->queue[s->queue_pos] : NULL;
        if (!d && !p)
            break;
        int c = !d ? 1 : !p ? -1 : prjsim__name_compare_n(d->name, d->name_len, p->name, p->name_len);
        if (c <= 0) {
            /* The on-disk item wins over a provider entry of the same name; tombstones hide it. */
            if (prjsim__item_visible(d) && filter_matches(s, d->name, d->name_len)) {
                PRJ_FILE_BASIC_INFO info;
                disk_entry_info(d, &info);
                /* Equal under the collation means the same upcased UTF-16 units, so the same
                 * count: a provider entry of the same name already knows the cost. */
                uint32_t cost = c == 0 ? p->cost : prjsim__entry_cost(d->name, d->name_len);
                if (!emit(&o, d->name, d->name_len, cost, &info)) {
                    full = true;
                    break;
                }
            }
            name_store(&s->cursor, &s->cursor_len, &s->cursor_cap, d->name, d->name_len);
            s->cursor_at++; /* d itself is not after the cursor now; the next child may be */
            if (c == 0) {
                free(p->symlink_target);
                s->queue_pos++;
            }
        } else {
            /* Provider entries are passed through as given, as ProjFS does. */
            PRJ_FILE_BASIC_INFO info;
            virtual_entry_info(sim, p, &info);
            if (!emit(&o, p->name, p->name_len, p->cost, &info)) {
                full = true;
                break;
            }
            /* The on-disk cursor moves past a returned name too: if it becomes a placeholder
             * before the next query, the disk side must not list it again. */
            if (!s->cursor || prjsim__name_compare_n(p->name, p->name_len, s->cursor, s->cursor_len) > 0)
                name_store(&s->cursor, &s->cursor_len, &s->cursor_cap, p->name, p->name_len);
            free(p->symlink_target);
            s->queue_pos++;
        }
    }
    if (st == STATUS_SUCCESS) {
        if (o.count > 0) {
            s->any_returned = true;
        } else if (full) {
            st = STATUS_BUFFER_TOO_SMALL;
        } else {
            st = first ? STATUS_NO_SUCH_FILE : STATUS_NO_MORE_FILES;
        }
    }
    if (st != STATUS_SUCCESS) {
        free(o.e);
        return st;
    }
    *entries = o.e;
    *count = o.count;
    return STATUS_SUCCESS;
}

NTSTATUS prjsim__provider_probe(prjsim_sim *sim, prjsim__instance *inst, prjsim__item *dir,
                                const WCHAR *dir_rel, const WCHAR *pattern, bool *found)
{
    *found = false;
    prjsim_handle h;
    memset(&h, 0, sizeof h);
    h.sim = sim;
    h.item = dir;
    h.caller_rel = (WCHAR *)dir_rel;
    (void)inst;
    NTSTATUS st = session_start(sim, &h, &h.session);
    if (st != STATUS_SUCCESS)
        return st;
    prjsim__enum_session *s = h.session;
    reset_scan(s, pattern);
    size_t plen = wcslen(s->filter);
    while (st == STATUS_SUCCESS && !*found && !s->provider_done) {
        st = provider_get(sim, s, sim->options.default_query_buffer, false);
        for (; s->queue_pos < s->queue_count; s->queue_pos++) {
            prjsim__provider_entry *e = &s->queue[s->queue_pos];
            prjsim__item *disk = !prjsim__item_in_tree(dir) ? NULL : prjsim__item_child(dir, e->name, e->name_len);
            if (!*found && !(disk && (disk->state & ITEM_TOMBSTONE)) &&
                prjsim__name_match_n(e->name, e->name_len, s->filter, plen))
                *found = true;
            free(e->symlink_target);
        }
        if (st == STATUS_BUFFER_TOO_SMALL)
            break;
    }
    prjsim__session_end(s); /* sends no End once stopping, and leaves no freed session listed */
    return st == STATUS_BUFFER_TOO_SMALL ? STATUS_SUCCESS : st;
}
