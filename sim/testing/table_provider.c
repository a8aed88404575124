/* SPDX-License-Identifier: MIT */
#include "table_provider.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

UINT8 tp_content_byte(const WCHAR *path, UINT64 i)
{
    UINT32 h = 2166136261u;
    for (const WCHAR *p = path; *p; p++)
        h = (h ^ (UINT32)towlower((wint_t)*p)) * 16777619u;
    return (UINT8)((h >> 8) + i * 31 + (i >> 8));
}

/* Per-session cursors, keyed by enumeration GUID. */
typedef struct {
    GUID id;
    bool used;
    size_t next; /* index into items */
    WCHAR filter[64];
} session;
static session sessions[32];

static table_provider *self(const PRJ_CALLBACK_DATA *d)
{
    return (table_provider *)d->InstanceContext;
}

static session *find_session(const GUID *id, bool create)
{
    for (int i = 0; i < 32; i++)
        if (sessions[i].used && memcmp(&sessions[i].id, id, sizeof *id) == 0)
            return &sessions[i];
    if (!create)
        return NULL;
    for (int i = 0; i < 32; i++)
        if (!sessions[i].used) {
            memset(&sessions[i], 0, sizeof sessions[i]);
            sessions[i].used = true;
            sessions[i].id = *id;
            return &sessions[i];
        }
    return NULL;
}

static bool prefix_ieq(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (towlower((wint_t)a[i]) != towlower((wint_t)b[i]))
            return false;
    return true;
}

/* Is item a direct child of dir (both relative)? Returns the leaf name or NULL. */
static const WCHAR *child_of(const WCHAR *dir, const WCHAR *path)
{
    size_t n = wcslen(dir);
    if (n == 0)
        return wcschr(path, L'\\') ? NULL : path;
    if (wcslen(path) <= n + 1 || !prefix_ieq(path, dir, n) || path[n] != L'\\')
        return NULL;
    const WCHAR *leaf = path + n + 1;
    return wcschr(leaf, L'\\') ? NULL : leaf;
}

static const tp_item *find_item(const table_provider *tp, const WCHAR *path, size_t *index)
{
    for (size_t i = 0; i < tp->count; i++)
        if (PrjFileNameCompare(tp->items[i].path, path) == 0) {
            if (index)
                *index = i;
            return &tp->items[i];
        }
    return NULL;
}

static void basic_info(const tp_item *it, PRJ_FILE_BASIC_INFO *b)
{
    memset(b, 0, sizeof *b);
    b->IsDirectory = it->dir;
    b->FileSize = it->dir ? 0 : it->size;
    b->FileAttributes = it->attributes;
}

static HRESULT tp_start_enum_work(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    table_provider *tp = self(d);
    tp->start_calls++;
    if (tp->force[PRJSIM_CB_START_ENUM])
        return tp->force[PRJSIM_CB_START_ENUM];
    if (d->FilePathName[0] && !find_item(tp, d->FilePathName, NULL))
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    find_session(id, true);
    return S_OK;
}

static HRESULT tp_end_enum_work(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    table_provider *tp = self(d);
    tp->end_calls++;
    session *s = find_session(id, false);
    if (s)
        s->used = false;
    return tp->force[PRJSIM_CB_END_ENUM] ? tp->force[PRJSIM_CB_END_ENUM] : S_OK;
}

static HRESULT tp_get_enum_work(const PRJ_CALLBACK_DATA *d, const GUID *id, PCWSTR search,
                                    PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    table_provider *tp = self(d);
    tp->get_enum_calls++;
    tp->last_flags = d->Flags;
    wcsncpy(tp->last_search, search ? search : L"(null)", 63);
    if (tp->force[PRJSIM_CB_GET_ENUM])
        return tp->force[PRJSIM_CB_GET_ENUM];
    session *s = find_session(id, false);
    if (!s)
        return E_INVALIDARG;
    if (d->Flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN) {
        s->next = 0;
        wcsncpy(s->filter, search ? search : L"*", 63);
    }
    bool added = false;
    for (; s->next < tp->count; s->next++) {
        const tp_item *it = &tp->items[s->next];
        const WCHAR *leaf = child_of(d->FilePathName, it->path);
        if (!leaf || !PrjFileNameMatch(leaf, s->filter))
            continue;
        PRJ_FILE_BASIC_INFO b;
        basic_info(it, &b);
        HRESULT hr = PrjFillDirEntryBuffer(leaf, &b, buffer);
        if (hr == HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER))
            return added ? S_OK : hr;
        if (FAILED(hr))
            return hr;
        added = true;
    }
    return S_OK;
}

static HRESULT tp_get_placeholder_work(const PRJ_CALLBACK_DATA *d)
{
    table_provider *tp = self(d);
    tp->placeholder_calls++;
    wcsncpy(tp->last_path, d->FilePathName, 259);
    tp->last_version0 = d->VersionInfo ? d->VersionInfo->ContentID[0] : 0xFF;
    if (tp->force[PRJSIM_CB_GET_PLACEHOLDER_INFO])
        return tp->force[PRJSIM_CB_GET_PLACEHOLDER_INFO];
    size_t index;
    const tp_item *it = find_item(tp, d->FilePathName, &index);
    if (!it)
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    if (tp->skip_placeholder)
        return S_OK;
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    basic_info(it, &info.FileBasicInfo);
    if (tp->versions)
        info.VersionInfo.ContentID[0] = (UINT8)(index + 1);
    HRESULT hr = PrjWritePlaceholderInfo(d->NamespaceVirtualizationContext,
                                         tp->wrong_name ? tp->wrong_name : it->path, &info, sizeof info);
    tp->last_write_hr = hr;
    return hr;
}

static HRESULT tp_get_data_work(const PRJ_CALLBACK_DATA *d, UINT64 offset, UINT32 length)
{
    table_provider *tp = self(d);
    tp->data_calls++;
    tp->last_offset = offset;
    tp->last_length = length;
    tp->last_stream = d->DataStreamId;
    wcsncpy(tp->last_path, d->FilePathName, 259);
    tp->last_version0 = d->VersionInfo ? d->VersionInfo->ContentID[0] : 0xFF;
    if (tp->force[PRJSIM_CB_GET_FILE_DATA])
        return tp->force[PRJSIM_CB_GET_FILE_DATA];
    UINT32 total = tp->short_data ? tp->short_data : length;
    if (tp->past_end)
        total = length + 1;
    UINT32 chunk = tp->chunk ? tp->chunk : total;
    UINT8 *buf = PrjAllocateAlignedBuffer(d->NamespaceVirtualizationContext, chunk);
    if (!buf)
        return E_OUTOFMEMORY;
    HRESULT hr = S_OK;
    for (UINT32 at = 0; at < total && SUCCEEDED(hr); at += chunk) {
        UINT32 n = total - at < chunk ? total - at : chunk;
        for (UINT32 i = 0; i < n; i++)
            buf[i] = tp_content_byte(d->FilePathName, offset + at + i);
        hr = PrjWriteFileData(d->NamespaceVirtualizationContext, &d->DataStreamId, buf, offset + at, n);
    }
    tp->last_write_hr = hr;
    PrjFreeAlignedBuffer(buf);
    return hr;
}

static HRESULT tp_query_work(const PRJ_CALLBACK_DATA *d)
{
    table_provider *tp = self(d);
    tp->query_calls++;
    if (tp->force[PRJSIM_CB_QUERY_FILE_NAME])
        return tp->force[PRJSIM_CB_QUERY_FILE_NAME];
    return find_item(tp, d->FilePathName, NULL) ? S_OK : HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
}

const char *tp_notification_name(PRJ_NOTIFICATION n)
{
    switch (n) {
    case PRJ_NOTIFICATION_FILE_OPENED: return "FILE_OPENED";
    case PRJ_NOTIFICATION_NEW_FILE_CREATED: return "NEW_FILE_CREATED";
    case PRJ_NOTIFICATION_FILE_OVERWRITTEN: return "FILE_OVERWRITTEN";
    case PRJ_NOTIFICATION_PRE_DELETE: return "PRE_DELETE";
    case PRJ_NOTIFICATION_PRE_RENAME: return "PRE_RENAME";
    case PRJ_NOTIFICATION_PRE_SET_HARDLINK: return "PRE_SET_HARDLINK";
    case PRJ_NOTIFICATION_FILE_RENAMED: return "FILE_RENAMED";
    case PRJ_NOTIFICATION_HARDLINK_CREATED: return "HARDLINK_CREATED";
    case PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_NO_MODIFICATION: return "CLOSED_NO_MODIFICATION";
    case PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_MODIFIED: return "CLOSED_FILE_MODIFIED";
    case PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_DELETED: return "CLOSED_FILE_DELETED";
    case PRJ_NOTIFICATION_FILE_PRE_CONVERT_TO_FULL: return "PRE_CONVERT_TO_FULL";
    default: return "?";
    }
}

static HRESULT tp_notify_work(const PRJ_CALLBACK_DATA *d, BOOLEAN is_dir, PRJ_NOTIFICATION n,
                                  PCWSTR dest, PRJ_NOTIFICATION_PARAMETERS *params)
{
    table_provider *tp = self(d);
    size_t at = strlen(tp->notes);
    int w = snprintf(tp->notes + at, sizeof tp->notes - at, "%s %ls", tp_notification_name(n), d->FilePathName);
    at += w > 0 ? (size_t)w : 0;
    if (dest && at < sizeof tp->notes)
        at += (size_t)snprintf(tp->notes + at, sizeof tp->notes - at, " -> %ls", dest[0] ? dest : L"(outside)");
    if (is_dir && at < sizeof tp->notes)
        at += (size_t)snprintf(tp->notes + at, sizeof tp->notes - at, " dir");
    if (n == PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_DELETED && params->FileDeletedOnHandleClose.IsFileModified &&
        at < sizeof tp->notes)
        at += (size_t)snprintf(tp->notes + at, sizeof tp->notes - at, " modified");
    if (at < sizeof tp->notes - 1)
        strcat(tp->notes, "\n");
    if (tp->veto_types & (UINT32)n)
        return tp->veto_hr;
    if (tp->reply_mask) {
        if (n == PRJ_NOTIFICATION_FILE_RENAMED)
            params->FileRenamed.NotificationMask = tp->reply_mask;
        else if (n == PRJ_NOTIFICATION_FILE_OPENED || n == PRJ_NOTIFICATION_NEW_FILE_CREATED ||
                 n == PRJ_NOTIFICATION_FILE_OVERWRITTEN)
            params->PostCreate.NotificationMask = tp->reply_mask;
    }
    return S_OK;
}

/* The callbacks as registered: the work above between the two calls of the test's hook. */
static HRESULT CALLBACK tp_start_enum(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    table_provider *tp = self(d);
    if (tp->hook)
        tp->hook(tp, d, PRJSIM_CB_START_ENUM, (PRJ_NOTIFICATION)0, false);
    HRESULT hr = tp_start_enum_work(d, id);
    if (tp->hook)
        tp->hook(tp, d, PRJSIM_CB_START_ENUM, (PRJ_NOTIFICATION)0, true);
    return hr;
}

static HRESULT CALLBACK tp_end_enum(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    table_provider *tp = self(d);
    if (tp->hook)
        tp->hook(tp, d, PRJSIM_CB_END_ENUM, (PRJ_NOTIFICATION)0, false);
    HRESULT hr = tp_end_enum_work(d, id);
    if (tp->hook)
        tp->hook(tp, d, PRJSIM_CB_END_ENUM, (PRJ_NOTIFICATION)0, true);
    return hr;
}

static HRESULT CALLBACK tp_get_enum(const PRJ_CALLBACK_DATA *d, const GUID *id, PCWSTR search,
                                    PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    table_provider *tp = self(d);
    if (tp->hook)
        tp->hook(tp, d, PRJSIM_CB_GET_ENUM, (PRJ_NOTIFICATION)0, false);
    HRESULT hr = tp_get_enum_work(d, id, search, buffer);
    if (tp->hook)
        tp->hook(tp, d, PRJSIM_CB_GET_ENUM, (PRJ_NOTIFICATION)0, true);
    return hr;
}

static HRESULT CALLBACK tp_get_placeholder(const PRJ_CALLBACK_DATA *d)
{
    table_provider *tp = self(d);
    if (tp->hook)
        tp->hook(tp, d, PRJSIM_CB_GET_PLACEHOLDER_INFO, (PRJ_NOTIFICATION)0, false);
    HRESULT hr = tp_get_placeholder_work(d);
    if (tp->hook)
        tp->hook(tp, d, PRJSIM_CB_GET_PLACEHOLDER_INFO, (PRJ_NOTIFICATION)0, true);
    return hr;
}

static HRESULT CALLBACK tp_get_data(const PRJ_CALLBACK_DATA *d, UINT64 offset, UINT32 length)
{
    table_provider *tp = self(d);
    if (tp->hook)
        tp->hook(tp, d, PRJSIM_CB_GET_FILE_DATA, (PRJ_NOTIFICATION)0, false);
    HRESULT hr = tp_get_data_work(d, offset, length);
    if (tp->hook)
        tp->hook(tp, d, PRJSIM_CB_GET_FILE_DATA, (PRJ_NOTIFICATION)0, true);
    return hr;
}

static HRESULT CALLBACK tp_query(const PRJ_CALLBACK_DATA *d)
{
    table_provider *tp = self(d);
    if (tp->hook)
        tp->hook(tp, d, PRJSIM_CB_QUERY_FILE_NAME, (PRJ_NOTIFICATION)0, false);
    HRESULT hr = tp_query_work(d);
    if (tp->hook)
        tp->hook(tp, d, PRJSIM_CB_QUERY_FILE_NAME, (PRJ_NOTIFICATION)0, true);
    return hr;
}

static HRESULT CALLBACK tp_notify(const PRJ_CALLBACK_DATA *d, BOOLEAN is_dir, PRJ_NOTIFICATION n,
                                  PCWSTR dest, PRJ_NOTIFICATION_PARAMETERS *params)
{
    table_provider *tp = self(d);
    if (tp->hook)
        tp->hook(tp, d, PRJSIM_CB_NOTIFICATION, n, false);
    HRESULT hr = tp_notify_work(d, is_dir, n, dest, params);
    if (tp->hook)
        tp->hook(tp, d, PRJSIM_CB_NOTIFICATION, n, true);
    return hr;
}

static void CALLBACK tp_cancel(const PRJ_CALLBACK_DATA *d)
{
    table_provider *tp = self(d);
    tp->cancels++;
    tp->last_cancelled = d->CommandId;
}

const PRJ_CALLBACKS *tp_callbacks(const table_provider *tp)
{
    static _Thread_local PRJ_CALLBACKS cb;
    PRJ_CALLBACKS c = {tp_start_enum, tp_end_enum, tp_get_enum, tp_get_placeholder, tp_get_data,
                       tp->query_file_name ? tp_query : NULL, tp->notifications ? tp_notify : NULL,
                       tp->cancel ? tp_cancel : NULL};
    cb = c;
    return &cb;
}

HRESULT tp_start(table_provider *tp, const PRJ_STARTVIRTUALIZING_OPTIONS *options)
{
    prjsim_sim *sim = prjsim_sim_current();
    prjsim_volume_create_directory(sim, L"C:\\root");
    GUID g;
    CoCreateGuid(&g);
    HRESULT hr = PrjMarkDirectoryAsPlaceholder(L"C:\\root", NULL, NULL, &g);
    if (FAILED(hr) && hr != HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED))
        return hr;
    return PrjStartVirtualizing(L"C:\\root", tp_callbacks(tp), tp, options, &tp->ctx);
}

prjsim_sim *tp_fresh_sim(void)
{
    prjsim_sim *sim;
    prjsim_sim_options o = PRJSIM_SIM_OPTIONS_INIT;
    prjsim_sim_create(&sim, &o);
    prjsim_sim_set_current(sim);
    memset(sessions, 0, sizeof sessions);
    return sim;
}

const char *tp_names(const prjsim_dir_entry *e, size_t n)
{
    static char buf[4096];
    size_t at = 0;
    buf[0] = 0;
    for (size_t i = 0; i < n && at + 300 < sizeof buf; i++)
        at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%ls", i ? "," : "", e[i].name);
    return buf;
}
