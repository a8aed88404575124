/* SPDX-License-Identifier: MIT */
/*
 * `provider misbehave BUG`: the reference provider breaks one rule of the contract on purpose,
 * so that scenarios can show the simulator's contract diagnostics (conformance/README.md). The
 * same bugs as the broken-provider catalog (fixtures/broken), applied to the scenario's own tree:
 * short data, data past the end, a placeholder written under another name, and enumerations
 * that come unsorted, duplicated, unfiltered or ignore a restart (a small enumerator over
 * memtree_child_at, since memtree's own sessions are private).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static const struct {
    const char *name;
    scn_bug bug;
    prjsim_callback_kind cb; /* the callback the bug lives in */
} bugs[] = {
    {"short-data", BUG_SHORT_DATA, PRJSIM_CB_GET_FILE_DATA},
    {"data-past-end", BUG_DATA_PAST_END, PRJSIM_CB_GET_FILE_DATA},
    {"wrong-placeholder-name", BUG_WRONG_PLACEHOLDER_NAME, PRJSIM_CB_GET_PLACEHOLDER_INFO},
    {"unsorted-entries", BUG_UNSORTED, PRJSIM_CB_START_ENUM},
    {"duplicate-entries", BUG_DUPLICATES, PRJSIM_CB_START_ENUM},
    {"ignore-filter", BUG_IGNORE_FILTER, PRJSIM_CB_START_ENUM},
    {"ignore-restart", BUG_IGNORE_RESTART, PRJSIM_CB_START_ENUM},
};

bool scn_bug_from_name(const char *name, scn_bug *bug, prjsim_callback_kind *cb)
{
    for (size_t i = 0; i < sizeof bugs / sizeof bugs[0]; i++)
        if (!strcmp(bugs[i].name, name)) {
            *bug = bugs[i].bug;
            *cb = bugs[i].cb;
            return true;
        }
    return false;
}

const char *scn_bug_names(void)
{
    return "short-data, data-past-end, wrong-placeholder-name, unsorted-entries, duplicate-entries, "
           "ignore-filter, ignore-restart";
}

/* ---- file data ---- */

HRESULT scn_misbehave_data(scn_provider *p, scn_bug bug, const PRJ_CALLBACK_DATA *d, UINT64 offset, UINT32 length)
{
    /* short-data writes the first half of the range; data-past-end a page more than the file has */
    size_t n = bug == BUG_SHORT_DATA ? length / 2 : (size_t)length + 4096;
    void *buf = PrjAllocateAlignedBuffer(d->NamespaceVirtualizationContext, n ? n : 1);
    if (!buf)
        return E_OUTOFMEMORY;
    memset(buf, 0, n);
    size_t got = 0;
    memtree_read(p->tree, d->FilePathName, offset, buf, n, &got);
    HRESULT hr = n ? PrjWriteFileData(d->NamespaceVirtualizationContext, &d->DataStreamId, buf, offset, (UINT32)n)
                   : S_OK;
    PrjFreeAlignedBuffer(buf);
    return hr;
}

/* ---- placeholders ---- */

HRESULT scn_misbehave_placeholder(scn_provider *p, const PRJ_CALLBACK_DATA *d)
{
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    HRESULT hr = memtree_stat(p->tree, d->FilePathName, &info.FileBasicInfo, NULL, 0);
    if (FAILED(hr))
        return hr;
    /* the name with "~" appended: a placeholder the caller did not ask for */
    size_t n = wcslen(d->FilePathName);
    WCHAR *wrong = malloc((n + 2) * sizeof *wrong);
    if (!wrong)
        return E_OUTOFMEMORY;
    wcscpy(wrong, d->FilePathName);
    wcscat(wrong, L"~");
    hr = PrjWritePlaceholderInfo(d->NamespaceVirtualizationContext, wrong, &info, sizeof info);
    free(wrong);
    return hr;
}

/* ---- enumerations ---- */

typedef struct scn_bad_session {
    struct scn_bad_session *next;
    GUID id;
    scn_bug bug;
    WCHAR *dir;
    WCHAR *filter;
    size_t next_index; /* the next child in the order the bug gives */
    size_t count;
    bool started;
} scn_bad_session;

static scn_bad_session **find(scn_provider *p, const GUID *id)
{
    scn_bad_session **s = (scn_bad_session **)&p->bad_sessions;
    while (*s && memcmp(&(*s)->id, id, sizeof *id))
        s = &(*s)->next;
    return s;
}

HRESULT scn_misbehave_start(scn_provider *p, scn_bug bug, const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    WCHAR name[MAX_PATH + 1];
    size_t count = 0;
    while (memtree_child_at(p->tree, d->FilePathName, count, name, MAX_PATH + 1, NULL) == S_OK)
        count++;
    if (!count && memtree_stat(p->tree, d->FilePathName, NULL, NULL, 0) != S_OK && d->FilePathName[0])
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    scn_bad_session *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->id = *id;
    s->bug = bug;
    s->dir = scn_wcsdup(d->FilePathName);
    s->count = count;
    pthread_mutex_lock(&p->lock);
    s->next = p->bad_sessions;
    p->bad_sessions = s;
    pthread_mutex_unlock(&p->lock);
    return S_OK;
}

bool scn_misbehave_owns(scn_provider *p, const GUID *id)
{
    pthread_mutex_lock(&p->lock);
    bool owns = *find(p, id) != NULL;
    pthread_mutex_unlock(&p->lock);
    return owns;
}

/* The child the session returns at position k (duplicates return each twice; unsorted reverses). */
static size_t child_for(const scn_bad_session *s, size_t k)
{
    if (s->bug == BUG_DUPLICATES)
        return k / 2;
    if (s->bug == BUG_UNSORTED)
        return s->count - 1 - k;
    return k;
}

HRESULT scn_misbehave_get(scn_provider *p, const PRJ_CALLBACK_DATA *d, const GUID *id, PCWSTR search,
                          PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    pthread_mutex_lock(&p->lock);
    scn_bad_session *s = *find(p, id);
    pthread_mutex_unlock(&p->lock);
    bool restart = (d->Flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN) != 0;
    if (!s->started || (restart && s->bug != BUG_IGNORE_RESTART)) {
        s->next_index = 0;
        free(s->filter);
        s->filter = scn_wcsdup(search && search[0] ? search : L"*");
        s->started = true;
    }
    size_t total = s->bug == BUG_DUPLICATES ? s->count * 2 : s->count;
    bool any = false;
    for (; s->next_index < total; s->next_index++) {
        WCHAR name[MAX_PATH + 1];
        PRJ_FILE_BASIC_INFO info;
        if (memtree_child_at(p->tree, s->dir, child_for(s, s->next_index), name, MAX_PATH + 1, &info) != S_OK)
            continue;
        if (s->bug != BUG_IGNORE_FILTER && !PrjFileNameMatch(name, s->filter))
            continue;
        HRESULT hr = PrjFillDirEntryBuffer(name, &info, buffer);
        if (hr == HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER))
            return any ? S_OK : hr;
        if (FAILED(hr))
            return hr;
        any = true;
        if (d->Flags & PRJ_CB_DATA_FLAG_ENUM_RETURN_SINGLE_ENTRY) {
            s->next_index++;
            break;
        }
    }
    return S_OK;
}

HRESULT scn_misbehave_end(scn_provider *p, const GUID *id)
{
    pthread_mutex_lock(&p->lock);
    scn_bad_session **at = find(p, id), *s = *at;
    if (s)
        *at = s->next;
    pthread_mutex_unlock(&p->lock);
    if (s) {
        free(s->dir);
        free(s->filter);
        free(s);
    }
    return S_OK;
}

void scn_misbehave_free(scn_provider *p)
{
    for (scn_bad_session *s = p->bad_sessions, *next; s; s = next) {
        next = s->next;
        free(s->dir);
        free(s->filter);
        free(s);
    }
    p->bad_sessions = NULL;
}
