/* SPDX-License-Identifier: MIT */
/*
 * The provider a scenario runs against: the reference provider memtree, wrapped. The wrapper
 * records every callback the provider receives (for `expect callbacks` and `expect
 * notifications`), adds a notification and a cancel callback, and follows the scenario's
 * rules: fail a named callback with a given result, veto a notification, reply with a
 * notification mask, or pend a callback (return ERROR_IO_PENDING, keep what it needs, and do
 * the work when a `complete` statement finishes it).
 *
 * The instance context is the wrapper; memtree gets its tree as InstanceContext, as it expects.
 */
#include "internal.h"


#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#define PENDING HRESULT_FROM_WIN32(ERROR_IO_PENDING)

static scn_provider *of(const PRJ_CALLBACK_DATA *d)
{
    return (scn_provider *)d->InstanceContext;
}

static PRJ_CALLBACK_DATA inner_data(const PRJ_CALLBACK_DATA *d, const scn_provider *p)
{
    PRJ_CALLBACK_DATA c = *d;
    c.InstanceContext = p->tree;
    return c;
}

static bool same_path(const WCHAR *a, const WCHAR *b)
{
    size_t n = wcslen(a), m = wcslen(b);
    if (n != m)
        return false;
    for (size_t i = 0; i < n; i++) {
        WCHAR x = a[i] == L'/' ? L'\\' : a[i], y = b[i] == L'/' ? L'\\' : b[i];
        if (towupper((wint_t)x) != towupper((wint_t)y))
            return false;
    }
    return true;
}

/* ---- recording ---- */

static scn_event *record(scn_provider *p, prjsim_callback_kind kind, const PRJ_CALLBACK_DATA *d)
{
    pthread_mutex_lock(&p->lock);
    if (p->event_count == p->event_cap) {
        p->event_cap = p->event_cap ? p->event_cap * 2 : 64;
        p->events = realloc(p->events, p->event_cap * sizeof *p->events);
        if (!p->events)
            abort();
    }
    scn_event *e = &p->events[p->event_count];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->path = scn_utf8(d->FilePathName ? d->FilePathName : L"");
    e->pid = d->TriggeringProcessId;
    e->image = d->TriggeringProcessImageFileName ? scn_utf8(d->TriggeringProcessImageFileName) : NULL;
    e->command_id = d->CommandId;
    e->flags = (uint32_t)d->Flags;
    char id[PRJ_PLACEHOLDER_ID_LENGTH + 1] = "";
    if (d->VersionInfo)
        memcpy(id, d->VersionInfo->ContentID, PRJ_PLACEHOLDER_ID_LENGTH);
    id[PRJ_PLACEHOLDER_ID_LENGTH] = 0;
    e->content_id = scn_strdup(id);
    return e; /* the caller fills in the rest and calls done_record */
}

static void done_record(scn_provider *p)
{
    p->event_count++;
    pthread_mutex_unlock(&p->lock);
}

/* Finds the rule that applies to this callback and uses it up; false when none. */
static bool take_rule(scn_provider *p, int what, prjsim_callback_kind kind, uint32_t notification,
                      const WCHAR *path, scn_rule *out)
{
    bool found = false;
    pthread_mutex_lock(&p->lock);
    for (size_t i = 0; i < p->rule_count; i++) {
        scn_rule *r = &p->rules[i];
        if (r->what != what || r->remaining == 0)
            continue;
        if (what == RULE_PEND || what == RULE_FAIL || what == RULE_MISBEHAVE) {
            if (r->kind != kind)
                continue;
            if (kind == PRJSIM_CB_NOTIFICATION && r->notification && r->notification != notification)
                continue;
        } else if (r->notification && r->notification != notification) {
            continue;
        }
        if (r->path && !same_path(r->path, path ? path : L""))
            continue;
        if (r->remaining > 0)
            r->remaining--;
        *out = *r;
        found = true;
        break;
    }
    pthread_mutex_unlock(&p->lock);
    return found;
}

static scn_pended *new_pended(scn_provider *p, prjsim_callback_kind kind, const PRJ_CALLBACK_DATA *d)
{
    scn_pended *pd = calloc(1, sizeof *pd);
    if (!pd)
        abort();
    pd->kind = kind;
    pd->command_id = d->CommandId;
    pd->data = *d;
    pd->data.InstanceContext = p->tree;
    pd->path = scn_wcsdup(d->FilePathName ? d->FilePathName : L"");
    pd->data.FilePathName = pd->path;
    if (d->VersionInfo)
        pd->version = *d->VersionInfo;
    pd->data.VersionInfo = &pd->version;
    pd->data.TriggeringProcessImageFileName = NULL;
    pd->data.TriggeringProcessId = 0;
    return pd;
}

static HRESULT pend(scn_provider *p, scn_pended *pd)
{
    pthread_mutex_lock(&p->lock);
    p->pended = realloc(p->pended, (p->pended_count + 1) * sizeof *p->pended);
    if (!p->pended)
        abort();
    p->pended[p->pended_count++] = pd;
    p->pend_seq++;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    return PENDING;
}

/* ---- the callbacks ---- */

static HRESULT CALLBACK w_start(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    scn_provider *p = of(d);
    record(p, PRJSIM_CB_START_ENUM, d);
    done_record(p);
    scn_rule rule;
    if (take_rule(p, RULE_FAIL, PRJSIM_CB_START_ENUM, 0, d->FilePathName, &rule))
        return rule.hr;
    if (take_rule(p, RULE_PEND, PRJSIM_CB_START_ENUM, 0, d->FilePathName, &rule)) {
        scn_pended *pd = new_pended(p, PRJSIM_CB_START_ENUM, d);
        pd->enum_id = *id;
        return pend(p, pd);
    }
    if (take_rule(p, RULE_MISBEHAVE, PRJSIM_CB_START_ENUM, 0, d->FilePathName, &rule))
        return scn_misbehave_start(p, (scn_bug)rule.mask, d, id);
    PRJ_CALLBACK_DATA c = inner_data(d, p);
    return p->inner.StartDirectoryEnumerationCallback(&c, id);
}

static HRESULT CALLBACK w_end(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    scn_provider *p = of(d);
    record(p, PRJSIM_CB_END_ENUM, d);
    done_record(p);
    scn_rule rule;
    if (take_rule(p, RULE_FAIL, PRJSIM_CB_END_ENUM, 0, d->FilePathName, &rule)) {
        /* the session still ends on the provider's side */
        PRJ_CALLBACK_DATA c = inner_data(d, p);
        p->inner.EndDirectoryEnumerationCallback(&c, id);
        return rule.hr;
    }
    if (take_rule(p, RULE_PEND, PRJSIM_CB_END_ENUM, 0, d->FilePathName, &rule)) {
        scn_pended *pd = new_pended(p, PRJSIM_CB_END_ENUM, d);
        pd->enum_id = *id;
        return pend(p, pd);
    }
    if (scn_misbehave_owns(p, id))
        return scn_misbehave_end(p, id);
    PRJ_CALLBACK_DATA c = inner_data(d, p);
    return p->inner.EndDirectoryEnumerationCallback(&c, id);
}

static HRESULT CALLBACK w_get(const PRJ_CALLBACK_DATA *d, const GUID *id, PCWSTR search,
                              PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    scn_provider *p = of(d);
    scn_event *e = record(p, PRJSIM_CB_GET_ENUM, d);
    e->search = search ? scn_utf8(search) : NULL;
    done_record(p);
    scn_rule rule;
    if (take_rule(p, RULE_FAIL, PRJSIM_CB_GET_ENUM, 0, d->FilePathName, &rule))
        return rule.hr;
    if (take_rule(p, RULE_PEND, PRJSIM_CB_GET_ENUM, 0, d->FilePathName, &rule)) {
        scn_pended *pd = new_pended(p, PRJSIM_CB_GET_ENUM, d);
        pd->enum_id = *id;
        pd->search = search ? scn_wcsdup(search) : NULL;
        pd->buffer = buffer;
        return pend(p, pd);
    }
    if (scn_misbehave_owns(p, id))
        return scn_misbehave_get(p, d, id, search, buffer);
    PRJ_CALLBACK_DATA c = inner_data(d, p);
    return p->inner.GetDirectoryEnumerationCallback(&c, id, search, buffer);
}

static HRESULT CALLBACK w_placeholder(const PRJ_CALLBACK_DATA *d)
{
    scn_provider *p = of(d);
    record(p, PRJSIM_CB_GET_PLACEHOLDER_INFO, d);
    done_record(p);
    scn_rule rule;
    if (take_rule(p, RULE_FAIL, PRJSIM_CB_GET_PLACEHOLDER_INFO, 0, d->FilePathName, &rule))
        return rule.hr;
    if (take_rule(p, RULE_PEND, PRJSIM_CB_GET_PLACEHOLDER_INFO, 0, d->FilePathName, &rule))
        return pend(p, new_pended(p, PRJSIM_CB_GET_PLACEHOLDER_INFO, d));
    if (take_rule(p, RULE_MISBEHAVE, PRJSIM_CB_GET_PLACEHOLDER_INFO, 0, d->FilePathName, &rule))
        return scn_misbehave_placeholder(p, d);
    PRJ_CALLBACK_DATA c = inner_data(d, p);
    return p->inner.GetPlaceholderInfoCallback(&c);
}

static HRESULT CALLBACK w_data(const PRJ_CALLBACK_DATA *d, UINT64 offset, UINT32 length)
{
    scn_provider *p = of(d);
    scn_event *e = record(p, PRJSIM_CB_GET_FILE_DATA, d);
    e->offset = offset;
    e->length = length;
    done_record(p);
    scn_rule rule;
    if (take_rule(p, RULE_FAIL, PRJSIM_CB_GET_FILE_DATA, 0, d->FilePathName, &rule))
        return rule.hr;
    if (take_rule(p, RULE_PEND, PRJSIM_CB_GET_FILE_DATA, 0, d->FilePathName, &rule)) {
        scn_pended *pd = new_pended(p, PRJSIM_CB_GET_FILE_DATA, d);
        pd->offset = offset;
        pd->length = length;
        return pend(p, pd);
    }
    if (take_rule(p, RULE_MISBEHAVE, PRJSIM_CB_GET_FILE_DATA, 0, d->FilePathName, &rule))
        return scn_misbehave_data(p, (scn_bug)rule.mask, d, offset, length);
    PRJ_CALLBACK_DATA c = inner_data(d, p);
    return p->inner.GetFileDataCallback(&c, offset, length);
}

static HRESULT CALLBACK w_query(const PRJ_CALLBACK_DATA *d)
{
    scn_provider *p = of(d);
    record(p, PRJSIM_CB_QUERY_FILE_NAME, d);
    done_record(p);
    scn_rule rule;
    if (take_rule(p, RULE_FAIL, PRJSIM_CB_QUERY_FILE_NAME, 0, d->FilePathName, &rule))
        return rule.hr;
    if (take_rule(p, RULE_PEND, PRJSIM_CB_QUERY_FILE_NAME, 0, d->FilePathName, &rule))
        return pend(p, new_pended(p, PRJSIM_CB_QUERY_FILE_NAME, d));
    PRJ_CALLBACK_DATA c = inner_data(d, p);
    return p->inner.QueryFileNameCallback(&c);
}

static HRESULT CALLBACK w_notify(const PRJ_CALLBACK_DATA *d, BOOLEAN is_dir, PRJ_NOTIFICATION type,
                                 PCWSTR dest, PRJ_NOTIFICATION_PARAMETERS *params)
{
    scn_provider *p = of(d);
    scn_event *e = record(p, PRJSIM_CB_NOTIFICATION, d);
    e->notification = (uint32_t)type;
    e->is_dir = is_dir != 0;
    e->has_dest = dest != NULL;
    e->dest = dest ? scn_utf8(dest) : NULL;
    if (type == PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_DELETED && params)
        e->modified = params->FileDeletedOnHandleClose.IsFileModified != 0;
    done_record(p);
    scn_rule rule;
    if (take_rule(p, RULE_VETO, PRJSIM_CB_NOTIFICATION, (uint32_t)type, d->FilePathName, &rule))
        return rule.hr;
    if (take_rule(p, RULE_FAIL, PRJSIM_CB_NOTIFICATION, (uint32_t)type, d->FilePathName, &rule))
        return rule.hr;
    if (take_rule(p, RULE_PEND, PRJSIM_CB_NOTIFICATION, (uint32_t)type, d->FilePathName, &rule)) {
        scn_pended *pd = new_pended(p, PRJSIM_CB_NOTIFICATION, d);
        pd->notification = (uint32_t)type;
        return pend(p, pd);
    }
    if (take_rule(p, RULE_REPLY, PRJSIM_CB_NOTIFICATION, (uint32_t)type, d->FilePathName, &rule) && params) {
        if (type == PRJ_NOTIFICATION_FILE_RENAMED)
            params->FileRenamed.NotificationMask = (PRJ_NOTIFY_TYPES)rule.mask;
        else
            params->PostCreate.NotificationMask = (PRJ_NOTIFY_TYPES)rule.mask;
    }
    return S_OK;
}

static void CALLBACK w_cancel(const PRJ_CALLBACK_DATA *d)
{
    scn_provider *p = of(d);
    record(p, PRJSIM_CB_CANCEL_COMMAND, d);
    done_record(p);
    pthread_mutex_lock(&p->lock);
    for (size_t i = 0; i < p->pended_count; i++)
        if (p->pended[i]->command_id == d->CommandId)
            p->pended[i]->cancelled = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

/* ---- the wrapper's life ---- */

void scn_provider_init(scn_provider *p, memtree *tree, const scn_setup *setup)
{
    memset(p, 0, sizeof *p);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    p->tree = tree;
    p->inner = *memtree_callbacks();
    PRJ_CALLBACKS o;
    memset(&o, 0, sizeof o);
    o.StartDirectoryEnumerationCallback = w_start;
    o.EndDirectoryEnumerationCallback = w_end;
    o.GetDirectoryEnumerationCallback = w_get;
    o.GetPlaceholderInfoCallback = w_placeholder;
    o.GetFileDataCallback = w_data;
    o.QueryFileNameCallback = setup->tree.query_file_name ? w_query : NULL;
    o.NotificationCallback = setup->notifications ? w_notify : NULL;
    o.CancelCommandCallback = setup->cancel ? w_cancel : NULL;
    p->outer = o;
}

void scn_provider_free(scn_provider *p)
{
    for (size_t i = 0; i < p->event_count; i++) {
        free(p->events[i].path);
        free(p->events[i].dest);
        free(p->events[i].search);
        free(p->events[i].image);
        free(p->events[i].content_id);
    }
    free(p->events);
    for (size_t i = 0; i < p->pended_count; i++) {
        free(p->pended[i]->path);
        free(p->pended[i]->search);
        free(p->pended[i]);
    }
    free(p->pended);
    scn_provider_reset_rules(p);
    scn_misbehave_free(p);
    scn_sim_fault_free(p); /* after the instance stopped (runner.c) */
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
}

void scn_provider_add_rule(scn_provider *p, const scn_rule *rule)
{
    pthread_mutex_lock(&p->lock);
    p->rules = realloc(p->rules, (p->rule_count + 1) * sizeof *p->rules);
    if (!p->rules)
        abort();
    scn_rule *r = &p->rules[p->rule_count++];
    *r = *rule;
    r->path = rule->path ? scn_wcsdup(rule->path) : NULL;
    pthread_mutex_unlock(&p->lock);
}

void scn_provider_reset_rules(scn_provider *p)
{
    pthread_mutex_lock(&p->lock);
    for (size_t i = 0; i < p->rule_count; i++)
        free(p->rules[i].path);
    free(p->rules);
    p->rules = NULL;
    p->rule_count = 0;
    pthread_mutex_unlock(&p->lock);
}

bool scn_provider_has_pend_rule(scn_provider *p)
{
    bool any = false;
    pthread_mutex_lock(&p->lock);
    for (size_t i = 0; i < p->rule_count; i++)
        if (p->rules[i].what == RULE_PEND && p->rules[i].remaining != 0)
            any = true;
    pthread_mutex_unlock(&p->lock);
    return any;
}

size_t scn_provider_outstanding(scn_provider *p)
{
    size_t n = 0;
    pthread_mutex_lock(&p->lock);
    for (size_t i = 0; i < p->pended_count; i++)
        if (!p->pended[i]->completed && !p->pended[i]->cancelled && !p->pended[i]->dead)
            n++;
    pthread_mutex_unlock(&p->lock);
    return n;
}

scn_pended *scn_provider_find_pended(scn_provider *p, prjsim_callback_kind kind)
{
    scn_pended *found = NULL;
    pthread_mutex_lock(&p->lock);
    for (size_t i = 0; i < p->pended_count && !found; i++)
        if (!p->pended[i]->completed && (kind == PRJSIM_CB_COUNT_ || p->pended[i]->kind == kind))
            found = p->pended[i];
    pthread_mutex_unlock(&p->lock);
    return found;
}

HRESULT scn_provider_finish(scn_provider *p, scn_pended *pd, PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS *ext,
                            bool *use_ext)
{
    const PRJ_CALLBACK_DATA *d = &pd->data;
    *use_ext = false;
    memset(ext, 0, sizeof *ext);
    switch (pd->kind) {
    case PRJSIM_CB_START_ENUM:
        return p->inner.StartDirectoryEnumerationCallback(d, &pd->enum_id);
    case PRJSIM_CB_END_ENUM:
        return p->inner.EndDirectoryEnumerationCallback(d, &pd->enum_id);
    case PRJSIM_CB_GET_ENUM:
        *use_ext = true;
        ext->CommandType = PRJ_COMPLETE_COMMAND_TYPE_ENUMERATION;
        ext->Enumeration.DirEntryBufferHandle = pd->buffer;
        return p->inner.GetDirectoryEnumerationCallback(d, &pd->enum_id, pd->search, pd->buffer);
    case PRJSIM_CB_GET_PLACEHOLDER_INFO:
        return p->inner.GetPlaceholderInfoCallback(d);
    case PRJSIM_CB_GET_FILE_DATA:
        return p->inner.GetFileDataCallback(d, pd->offset, pd->length);
    case PRJSIM_CB_QUERY_FILE_NAME:
        return p->inner.QueryFileNameCallback(d);
    case PRJSIM_CB_NOTIFICATION:
        return S_OK;
    default:
        return E_UNEXPECTED;
    }
}
