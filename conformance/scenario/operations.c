/* SPDX-License-Identifier: MIT */
/*
 * Client operations: the I/O another process does under the root (open, read, write, list,
 * delete, rename...), each one call of the backend seam (backend/backend.h), and the statements
 * that drive pended callbacks (complete, cancel, await).
 *
 * An operation runs on the interpreter's thread unless something can make it wait: a `provider
 * pend` rule, a pended callback not yet completed, or another waiting operation. Then it runs
 * on a helper thread and the interpreter goes on as soon as the operation finishes or a
 * callback pends (the operation is then "pending" until `await`). An operation that waits on a
 * pended callback without making a callback of its own is noticed after half a second.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BLOCK_DETECT_MS 500

/* ---- parsing ---- */

static bool rest_empty(scn_parser *p, scn_line *l, int from)
{
    return l->count > from ? scn_unexpected(p, &l->tok[from]) : true;
}

static bool want_target(scn_parser *p, scn_stmt *st, scn_line *l, int i)
{
    if (i >= l->count)
        return scn_error(p, "missing handle or path");
    if (scn_is_handle(p, &l->tok[i])) {
        st->handle = scn_strdup(l->tok[i].text);
        return true;
    }
    return scn_want_full_path(p, &l->tok[i], st, false);
}

bool scn_parse_open(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 3)
        return scn_error(p, "usage: %s H PATH [access=..] [share=..] [disp=..] [flags=..] [attr=..]", l->tok[0].text);
    const scn_tok *h = &l->tok[1];
    const char *s = h->text;
    bool ok = !h->quoted && !h->key && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_');
    for (; ok && *s; s++)
        ok = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_';
    if (!ok)
        return scn_error(p, "expected a handle name such as h1, got '%s'", h->text);
    st->handle = scn_strdup(h->text);
    if (!scn_want_full_path(p, &l->tok[2], st, false))
        return false;
    bool create = st->id == SCN_CREATE;
    st->access = create ? GENERIC_READ | GENERIC_WRITE : GENERIC_READ;
    st->disp = create ? CREATE_NEW : OPEN_EXISTING;
    st->share = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;
    for (int i = 3; i < l->count; i++) {
        const scn_tok *t = &l->tok[i];
        char err[600];
        if (!t->key)
            return scn_unexpected(p, t);
        if (!strcmp(t->key, "access")) {
            if (!scn_flags(scn_access_names, "access right", t->value, &st->access, err, sizeof err))
                return scn_error(p, "%s", err);
        } else if (!strcmp(t->key, "disp")) {
            uint32_t d;
            if (!scn_flags(scn_disp_names, "disposition", t->value, &d, err, sizeof err))
                return scn_error(p, "%s", err);
            if (strchr(t->value, ',') || d < 1 || d > 5)
                return scn_error(p, "disp takes one of create_new, create_always, open_existing, open_always, "
                                    "truncate_existing");
            st->disp = d;
        } else if (!strcmp(t->key, "flags")) {
            if (!scn_flags(scn_open_flag_names, "open flag", t->value, &st->flags, err, sizeof err))
                return scn_error(p, "%s", err);
        } else if (!strcmp(t->key, "attr")) {
            if (!scn_flags(scn_attr_names, "attribute", t->value, &st->attr, err, sizeof err))
                return scn_error(p, "%s", err);
        } else if (!strcmp(t->key, "share")) {
            if (!scn_flags(scn_share_names, "share mode", t->value, &st->share, err, sizeof err))
                return scn_error(p, "%s", err);
        } else {
            return scn_error(p, "unknown option '%s' (access=, share=, disp=, flags=, attr=)", t->key);
        }
    }
    return true;
}

bool scn_parse_close(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (!scn_want_handle(p, l->count > 1 ? &l->tok[1] : NULL, &st->handle))
        return false;
    return rest_empty(p, l, 2);
}

bool scn_parse_read(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 4)
        return scn_error(p, "usage: read H OFFSET LENGTH");
    if (!scn_want_handle(p, &l->tok[1], &st->handle) || !scn_want_number(p, &l->tok[2], "offset", true, &st->a) ||
        !scn_want_number(p, &l->tok[3], "length", true, &st->b))
        return false;
    if (st->b > 64u * 1024 * 1024)
        return scn_error(p, "length too large (at most 64M)");
    return rest_empty(p, l, 4);
}

bool scn_parse_write(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 4)
        return scn_error(p, "usage: write H OFFSET \"DATA\"");
    if (!scn_want_handle(p, &l->tok[1], &st->handle) || !scn_want_number(p, &l->tok[2], "offset", true, &st->a) ||
        !scn_want_data(p, &l->tok[3], st))
        return false;
    return rest_empty(p, l, 4);
}

bool scn_parse_set_size(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 3)
        return scn_error(p, "usage: set-size H SIZE");
    if (!scn_want_handle(p, &l->tok[1], &st->handle) || !scn_want_number(p, &l->tok[2], "size", true, &st->a))
        return false;
    return rest_empty(p, l, 3);
}

bool scn_parse_set_attributes(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 3)
        return scn_error(p, "usage: set-attributes H|PATH ATTRS (e.g. readonly,hidden; normal clears them)");
    if (!want_target(p, st, l, 1))
        return false;
    char err[600];
    if (!scn_flags(scn_attr_names, "attribute", l->tok[2].text, &st->attr, err, sizeof err))
        return scn_error(p, "%s", err);
    st->has_attr = true;
    return rest_empty(p, l, 3);
}

bool scn_parse_set_times(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 3)
        return scn_error(p, "usage: set-times H|PATH [ctime=T] [atime=T] [mtime=T] [chtime=T] [attr=..]");
    if (!want_target(p, st, l, 1))
        return false;
    static const char *names[] = {"ctime", "atime", "mtime", "chtime"};
    for (int i = 2; i < l->count; i++) {
        const scn_tok *t = &l->tok[i];
        if (!t->key)
            return scn_unexpected(p, t);
        bool done = false;
        for (int k = 0; k < 4; k++)
            if (!strcmp(t->key, names[k])) {
                if (!scn_time(t->value, &st->time[k]))
                    return scn_error(p, "bad time '%s' (FILETIME ticks or 2024-01-01T00:00:00Z)", t->value);
                st->has_time[k] = true;
                done = true;
            }
        if (done)
            continue;
        if (!strcmp(t->key, "attr")) {
            char err[600];
            if (!scn_flags(scn_attr_names, "attribute", t->value, &st->attr, err, sizeof err))
                return scn_error(p, "%s", err);
            st->has_attr = true;
        } else {
            return scn_error(p, "unknown option '%s' (ctime=, atime=, mtime=, chtime=, attr=)", t->key);
        }
    }
    return true;
}

bool scn_parse_info(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (!want_target(p, st, l, 1))
        return false;
    return rest_empty(p, l, 2);
}

bool scn_parse_list(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (!want_target(p, st, l, 1))
        return false;
    for (int i = 2; i < l->count; i++) {
        const scn_tok *t = &l->tok[i];
        if (t->key && !strcmp(t->key, "pattern")) {
            st->text = scn_strdup(t->value);
            st->has_text = true;
        } else if (t->key && !strcmp(t->key, "buffer")) {
            if (!scn_want_number(p, t, "buffer size", true, &st->b) || st->b > 0xFFFFFFFFu)
                return st->b > 0xFFFFFFFFu ? scn_error(p, "buffer too large") : false;
        } else if (!t->key && !strcmp(t->text, "restart") && st->handle) {
            st->qflags |= PRJSIM_QUERY_RESTART_SCAN;
        } else if (!t->key && !strcmp(t->text, "single") && st->handle) {
            st->qflags |= PRJSIM_QUERY_RETURN_SINGLE_ENTRY;
        } else if (!t->key && (!strcmp(t->text, "restart") || !strcmp(t->text, "single"))) {
            return scn_error(p, "'%s' needs a directory handle (list H ...); 'list PATH' lists the whole "
                                "directory", t->text);
        } else {
            return scn_error(p, "unknown list option '%s' (pattern=P, buffer=N, restart, single)", t->text);
        }
    }
    return true;
}

bool scn_parse_delete(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (!want_target(p, st, l, 1))
        return false;
    if (l->count > 2 && !st->handle && !strcmp(l->tok[2].text, "dir")) {
        st->opt = true;
        return rest_empty(p, l, 3);
    }
    return rest_empty(p, l, 2);
}

bool scn_parse_rename(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 3)
        return scn_error(p, "usage: rename H NEWPATH [replace]");
    if (!scn_want_handle(p, &l->tok[1], &st->handle) || !scn_want_full_path(p, &l->tok[2], st, true))
        return false;
    if (l->count > 3 && !strcmp(l->tok[3].text, "replace")) {
        st->opt = true;
        return rest_empty(p, l, 4);
    }
    return rest_empty(p, l, 3);
}

bool scn_parse_move(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 3)
        return scn_error(p, "usage: %s", st->id == SCN_MOVE ? "move PATH NEWPATH [replace]" : "link EXISTING NEWPATH");
    if (!scn_want_full_path(p, &l->tok[1], st, false) || !scn_want_full_path(p, &l->tok[2], st, true))
        return false;
    if (st->id == SCN_MOVE && l->count > 3 && !strcmp(l->tok[3].text, "replace")) {
        st->opt = true;
        return rest_empty(p, l, 4);
    }
    return rest_empty(p, l, 3);
}

bool scn_parse_symlink(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 3)
        return scn_error(p, "usage: symlink LINK TARGET [dir]");
    if (!scn_want_full_path(p, &l->tok[1], st, false))
        return false;
    if (l->tok[2].comma || !l->tok[2].text[0])
        return scn_error(p, "expected a link target (full, or relative to the link's directory), got '%s'",
                         l->tok[2].text);
    st->path2 = scn_wide(l->tok[2].text); /* kept as given: a relative target stays relative */
    if (l->count > 3 && !strcmp(l->tok[3].text, "dir")) {
        st->opt = true;
        return rest_empty(p, l, 4);
    }
    return rest_empty(p, l, 3);
}

bool scn_parse_mkdir(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (!scn_want_full_path(p, l->count > 1 ? &l->tok[1] : NULL, st, false))
        return false;
    return rest_empty(p, l, 2);
}

bool scn_parse_write_file(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 3)
        return scn_error(p, "usage: write-file PATH \"DATA\"");
    if (!scn_want_full_path(p, &l->tok[1], st, false) || !scn_want_data(p, &l->tok[2], st))
        return false;
    return rest_empty(p, l, 3);
}

bool scn_parse_clear_cache(scn_parser *p, scn_stmt *st, scn_line *l)
{
    (void)st;
    scn_needs_reference(p, "clear-negative-cache");
    return rest_empty(p, l, 1);
}

static bool want_callback(scn_parser *p, scn_line *l, int i, scn_stmt *st, bool optional)
{
    if (i >= l->count) {
        if (optional) {
            st->cb = PRJSIM_CB_COUNT_;
            return true;
        }
        return scn_error(p, "missing callback name (GetPlaceholderInfo, GetFileData, ...)");
    }
    st->cb = scn_callback_from_name(l->tok[i].text);
    if (st->cb == PRJSIM_CB_COUNT_ || st->cb == PRJSIM_CB_CANCEL_COMMAND)
        return scn_error(p, "unknown callback '%s' (StartDirectoryEnumeration, GetDirectoryEnumeration, "
                            "EndDirectoryEnumeration, GetPlaceholderInfo, GetFileData, QueryFileName, "
                            "Notification)", l->tok[i].text);
    return true;
}

bool scn_parse_complete(scn_parser *p, scn_stmt *st, scn_line *l)
{
    scn_needs_reference(p, "complete");
    if (!want_callback(p, l, 1, st, false))
        return false;
    for (int i = 2; i < l->count; i++) {
        const scn_tok *t = &l->tok[i];
        if (t->key && !strcmp(t->key, "mask")) {
            char err[600];
            if (!scn_flags(scn_notify_names, "notification type", t->value, &st->mask, err, sizeof err))
                return scn_error(p, "%s", err);
            st->has_mask = true;
        } else if (!t->key && !strcmp(t->text, "noext")) {
            st->opt = true;
        } else if (!t->key && !st->has_hr) {
            INT32 v;
            char kind;
            if (!prjsim_code_from_name(t->text, &v, &kind))
                return scn_error(p, "unknown status name '%s' (the HRESULT to complete with, e.g. E_FAIL)", t->text);
            st->hr = kind == 'W' ? (v ? HRESULT_FROM_WIN32(v) : 0) : kind == 'S' ? (v ? (v | 0x10000000) : 0) : v;
            st->has_hr = true;
        } else {
            return scn_unexpected(p, t);
        }
    }
    return true;
}

bool scn_parse_cancel(scn_parser *p, scn_stmt *st, scn_line *l)
{
    /* a provider program's commands are cancelled by id, found in the simulator (see below) */
    if (!want_callback(p, l, 1, st, true))
        return false;
    return rest_empty(p, l, 2);
}

bool scn_parse_await(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count > 1 && !scn_want_handle(p, &l->tok[1], &st->handle))
        return false;
    return rest_empty(p, l, 2);
}

/* ---- running ---- */

static bool uses_handle(scn_stmt_id id)
{
    return id != SCN_OPEN && id != SCN_CREATE;
}

static void exec_job(scn_job *j)
{
    const scn_stmt *st = j->st;
    const prjsim_backend *be = j->be;
    prjsim_backend_file *h = j->h;
    uint32_t n = 0;
    /* where the run keeps the script's paths (paths.c) */
    WCHAR *path = scn_disk_path(j->run, st->path), *path2 = scn_disk_path(j->run, st->path2);
    switch (st->id) {
    case SCN_OPEN:
    case SCN_CREATE: {
        prjsim_backend_open o = {path, st->access, st->share, st->disp, st->flags, st->attr};
        j->status = be->open(&j->opened, &o);
        break;
    }
    case SCN_CLOSE:
        j->status = be->close(h);
        break;
    case SCN_READ:
        j->bytes = malloc(st->b + 1);
        if (!j->bytes)
            abort();
        j->status = be->read(h, st->a, j->bytes, (uint32_t)st->b, &n);
        j->byte_count = prjsim_backend_failed(j->status) ? 0 : n;
        j->has_bytes = true;
        break;
    case SCN_WRITE:
        j->status = be->write(h, st->a, st->data, (uint32_t)st->data_len, &n);
        break;
    case SCN_SET_SIZE:
        j->status = be->set_size(h, st->a);
        break;
    case SCN_SET_ATTRIBUTES:
    case SCN_SET_TIMES:
        if (h)
            j->status = be->set_basic(h, st->time[0], st->time[1], st->time[2], st->time[3], st->attr);
        else
            j->status = be->set_times(path, st->time[0], st->time[1], st->time[2], st->time[3], st->attr);
        break;
    case SCN_INFO:
        j->status = h ? be->query_info(h, &j->info) : be->stat(path, &j->info);
        j->has_info = !prjsim_backend_failed(j->status);
        break;
    case SCN_LIST: {
        WCHAR *pattern = st->has_text ? scn_wide(st->text) : NULL;
        if (h)
            j->status = be->query_directory(h, pattern, st->qflags, (uint32_t)st->b, &j->entries, &j->entry_count);
        else
            j->status = be->list(path, pattern, (uint32_t)st->b, &j->entries, &j->entry_count);
        j->has_entries = j->status.kind != PRJSIM_BACKEND_UNSUPPORTED;
        free(pattern);
        break;
    }
    case SCN_DELETE:
        j->status = h ? be->set_disposition(h, true) : be->remove(path, st->opt);
        break;
    case SCN_UNDELETE:
        j->status = be->set_disposition(h, false);
        break;
    case SCN_RENAME:
        j->status = be->rename(h, path2, st->opt);
        break;
    case SCN_MOVE:
        j->status = be->move(path, path2, st->opt);
        break;
    case SCN_LINK:
        j->status = be->link(path, path2);
        break;
    case SCN_SYMLINK:
        j->status = be->symlink(path, path2, st->opt);
        break;
    case SCN_MKDIR:
        j->status = be->mkdir(path);
        break;
    case SCN_READ_FILE: {
        void *data = NULL;
        size_t size = 0;
        j->status = be->read_file(path, &data, &size);
        j->bytes = data;
        j->byte_count = size;
        j->has_bytes = true;
        break;
    }
    case SCN_WRITE_FILE:
        j->status = be->write_file(path, st->data, st->data_len);
        break;
    default:
        j->status = prjsim_backend_status(STATUS_NOT_IMPLEMENTED);
        break;
    }
    free(path);
    free(path2);
}

static void *job_thread(void *arg)
{
    scn_job *j = arg;
    j->be->set_caller(&j->caller);
    /* `cancel` cancels what this thread waits in (through the client agent: the agent's thread
     * running this job's request) */
    if (j->be->thread_self) {
        void *token = j->be->thread_self();
        pthread_mutex_lock(&j->run->prov.lock);
        j->thread_token = token;
        pthread_mutex_unlock(&j->run->prov.lock);
    }
    exec_job(j);
    scn_provider *p = &j->run->prov;
    pthread_mutex_lock(&p->lock);
    j->done = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

void scn_job_free(scn_job *j)
{
    if (!j)
        return;
    prjsim_backend_free_entries(j->entries);
    free(j->bytes);
    if (j->thread_token)
        j->be->thread_release(j->thread_token);
    free(j);
}

static scn_handle_slot *slot_for(scn_exec *r, const char *name)
{
    scn_handle_slot *s = scn_handle(r, name);
    if (s)
        return s;
    r->handles = realloc(r->handles, (r->handle_count + 1) * sizeof *r->handles);
    if (!r->handles)
        abort();
    s = &r->handles[r->handle_count++];
    memset(s, 0, sizeof *s);
    s->name = scn_strdup(name);
    return s;
}

static const char *op_word(const scn_stmt *st)
{
    static const char *words[] = {
#define SCN_STMT_WORD_(id, word, parse, run, synopsis) word,
        SCN_STATEMENTS(SCN_STMT_WORD_)
#undef SCN_STMT_WORD_
    };
    return words[st->id];
}

/* Takes what a finished job produced; @p at is the statement whose result it is. */
static void finish_job(scn_exec *r, scn_job *j, const scn_stmt *at)
{
    const scn_stmt *st = j->st;
    if (st->id == SCN_OPEN || st->id == SCN_CREATE) {
        scn_handle_slot *s = slot_for(r, st->handle);
        s->pending = false;
        s->h = prjsim_backend_failed(j->status) ? NULL : j->opened;
        s->be = j->be;
        free(s->path);
        s->path = scn_wcsdup(st->path);
    } else if (st->id == SCN_CLOSE) {
        scn_handle_slot *s = scn_handle(r, st->handle);
        if (s)
            s->h = NULL;
    }
    if (j->has_entries) {
        prjsim_backend_free_entries(r->listing);
        r->listing = j->entries;
        r->listing_count = j->entry_count;
        r->has_listing = true;
        j->entries = NULL;
    }
    if (j->has_bytes) {
        free(r->bytes);
        r->bytes = j->bytes;
        r->byte_count = j->byte_count;
        r->has_bytes = true;
        j->bytes = NULL;
    }
    if (j->has_info) {
        r->info = j->info;
        r->has_info = true;
    }
    if (j->status.kind == PRJSIM_BACKEND_UNSUPPORTED) {
        /* the backend has no call for this yet: the scenario is skipped, not failed */
        if (!r->skipped && !r->failed) {
            r->skipped = true;
            r->skip_line = at->line;
            snprintf(r->skip_reason, sizeof r->skip_reason, "%s", j->status.reason);
        }
        return;
    }
    scn_set_result(r, at, j->status.kind, j->status.code);
    if (!at->checked && scn_result_failed(&r->result)) {
        char got[256];
        scn_result_str(&r->result, false, got, sizeof got);
        const char *word = op_word(st);
        if (at != st)
            scn_fail(r, at->line, "the %s of line %d failed: %s (put 'expect ...' after the await if that is "
                                  "intended)", word, st->line, got);
        else
            scn_fail(r, at->line, "%s failed: %s (put 'expect ...' after it if that is intended)", word, got);
    }
}

static bool need_thread(scn_exec *r)
{
    /* a provider program may pend any callback, unannounced */
    return r->external || r->blocked_count > 0 || scn_provider_has_pend_rule(&r->prov) ||
           scn_provider_outstanding(&r->prov) > 0;
}

/* Waits until the job finishes, a callback pends, or it is seen waiting on an older pended
 * callback. Returns whether it finished. */
static bool wait_job(scn_exec *r, scn_job *j, unsigned seq0)
{
    scn_provider *p = &r->prov;
    int waited = 0;
    pthread_mutex_lock(&p->lock);
    while (!j->done && p->pend_seq == seq0) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 20 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&p->changed, &p->lock, &ts);
        waited += 20;
        if (waited >= BLOCK_DETECT_MS && !j->done) {
            size_t outstanding = 0;
            for (size_t i = 0; i < p->pended_count; i++)
                if (!p->pended[i]->completed && !p->pended[i]->cancelled && !p->pended[i]->dead)
                    outstanding++;
            /* A provider program's pends are seen only below it (the recording layer, or the
             * simulator): a command still in flight after the detection time is taken as pended. */
            if (!outstanding && r->external) {
                pthread_mutex_unlock(&p->lock);
                outstanding = scn_observed_by_recording(r) ? prjsim__observer_in_flight(r->recording, NULL, 0)
                                                           : scn_sim_commands_in_flight(r, NULL, 0);
                pthread_mutex_lock(&p->lock);
                if (j->done)
                    break;
            }
            if (outstanding)
                break;
        }
    }
    bool done = j->done;
    pthread_mutex_unlock(&p->lock);
    return done;
}

/* Whether the pended callback has returned ERROR_IO_PENDING to the simulator: its trace record
 * has its result. */
/* Has the simulator traced the pended callback's return? Without a simulator (Windows) there
 * is no trace and nothing to wait for. */
static bool pend_traced(scn_exec *r, const scn_pended *pd)
{
    if (!r->sim)
        return true;
    prjsim_trace_record rec;
    for (size_t t = scn_sim_trace_count(r); t-- > 0 && scn_sim_trace_get(r, t, &rec);)
        if (rec.kind == PRJSIM_TRACE_CALLBACK && rec.command_id == pd->command_id && rec.callback == pd->kind)
            return rec.result != 0;
    return false;
}

/*
 * The wrapper tells a callback pended before it returns; what observes the provider sees the
 * pend after: the recording layer when it observes the run (the callback's return), and the
 * simulator (the callback's trace line, pending-without-cancel). Waits for both: the simulator
 * is underneath every backend here, and its bookkeeping of the pend must be done before the next
 * statement counts its diagnostics; then its lock, held until the operation waits, is free.
 */
static void settle_pended(scn_exec *r)
{
    scn_provider *p = &r->prov;
    pthread_mutex_lock(&p->lock);
    size_t n = p->pended_count;
    scn_pended **list = malloc((n + 1) * sizeof *list);
    if (!list)
        abort();
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!p->pended[i]->settled)
            list[k++] = p->pended[i];
    pthread_mutex_unlock(&p->lock);
    for (size_t i = 0; i < k; i++) {
        for (int tries = 0; tries < 5000; tries++) {
            if ((!scn_observed_by_recording(r) || scn_checker_returned(r->recording, list[i]->command_id, list[i]->kind)) &&
                pend_traced(r, list[i]))
                break;
            struct timespec ts = {0, 1000000L};
            nanosleep(&ts, NULL);
        }
        pthread_mutex_lock(&p->lock);
        list[i]->settled = true;
        pthread_mutex_unlock(&p->lock);
    }
    free(list);
    scn_sim_commands_in_flight(r, NULL, 0); /* waits for the simulator's lock */
}

void scn_run_client_op(scn_exec *r, const scn_stmt *st)
{
    prjsim_backend_file *h = NULL;
    /* a handle stays with the backend that opened it; the rest go as the caller in effect */
    const prjsim_backend *be = r->as_process && r->agent ? &prjsim_backend_agent : r->be;
    if (st->handle && uses_handle(st->id)) {
        scn_handle_slot *s = scn_handle(r, st->handle);
        if (!s || !s->h) {
            scn_fail(r, st->line, "handle %s is not open (%s)", st->handle,
                     s && s->pending ? "its open is still waiting: await it first" : "its open failed");
            return;
        }
        h = s->h;
        be = s->be;
    }
    scn_job *j = calloc(1, sizeof *j);
    if (!j)
        abort();
    j->run = r;
    j->st = st;
    j->h = h;
    j->be = be;
    j->caller = r->caller;
    wcsncpy(j->image, r->caller_image, MAX_PATH);
    j->caller.image_file_name = j->image;
    if (!need_thread(r)) {
        exec_job(j);
        j->done = true;
        finish_job(r, j, st);
        scn_job_free(j);
        return;
    }
    pthread_mutex_lock(&r->prov.lock);
    unsigned seq0 = r->prov.pend_seq;
    pthread_mutex_unlock(&r->prov.lock);
    j->threaded = true;
    if (pthread_create(&j->thread, NULL, job_thread, j) != 0)
        abort();
    if (wait_job(r, j, seq0)) {
        pthread_join(j->thread, NULL);
        finish_job(r, j, st);
        scn_job_free(j);
        return;
    }
    settle_pended(r);
    r->blocked = realloc(r->blocked, (r->blocked_count + 1) * sizeof *r->blocked);
    if (!r->blocked)
        abort();
    r->blocked[r->blocked_count++] = j;
    if (st->id == SCN_OPEN || st->id == SCN_CREATE) {
        scn_handle_slot *s = slot_for(r, st->handle);
        s->h = NULL;
        s->pending = true;
    }
    scn_set_result(r, st, 'S', 0);
    r->result.pending = true;
}

void scn_run_await(scn_exec *r, const scn_stmt *st)
{
    size_t at = r->blocked_count;
    for (size_t i = 0; i < r->blocked_count; i++) {
        if (!st->handle || (r->blocked[i]->st->handle && !strcmp(r->blocked[i]->st->handle, st->handle))) {
            at = i;
            break;
        }
    }
    if (at == r->blocked_count) {
        scn_fail(r, st->line, st->handle ? "await %s: no operation on that handle is waiting"
                                         : "await: no operation is waiting%s", st->handle ? st->handle : "");
        return;
    }
    scn_job *j = r->blocked[at];
    pthread_mutex_lock(&r->prov.lock);
    unsigned seq0 = r->prov.pend_seq;
    pthread_mutex_unlock(&r->prov.lock);
    if (!wait_job(r, j, seq0)) {
        settle_pended(r);
        scn_set_result(r, st, 'S', 0);
        r->result.pending = true;
        if (!st->checked)
            scn_fail(r, st->line, "await: the %s of line %d still waits on a pended callback (complete or "
                                  "cancel it first)", op_word(j->st), j->st->line);
        return;
    }
    pthread_join(j->thread, NULL);
    memmove(&r->blocked[at], &r->blocked[at + 1], (r->blocked_count - at - 1) * sizeof *r->blocked);
    r->blocked_count--;
    finish_job(r, j, st);
    scn_job_free(j);
}

void scn_jobs_finish(scn_exec *r)
{
    for (size_t i = 0; i < r->blocked_count; i++) {
        pthread_join(r->blocked[i]->thread, NULL);
        scn_job *j = r->blocked[i];
        if (j->opened && !prjsim_backend_failed(j->status))
            j->be->close(j->opened);
        scn_job_free(j);
    }
    free(r->blocked);
    r->blocked = NULL;
    r->blocked_count = 0;
}

/* ---- pended callbacks ---- */

void scn_run_complete(scn_exec *r, const scn_stmt *st)
{
    scn_pended *pd = scn_provider_find_pended(&r->prov, st->cb);
    if (!pd) {
        scn_fail(r, st->line, "complete: no pended %s callback (arm one with 'provider pend %s')",
                 prjsim_callback_name(st->cb), prjsim_callback_name(st->cb));
        return;
    }
    PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS ext;
    bool use_ext = false;
    HRESULT hr;
    memset(&ext, 0, sizeof ext);
    if (st->has_hr || pd->cancelled) {
        hr = st->has_hr ? st->hr : S_OK;
        if (pd->kind == PRJSIM_CB_GET_ENUM) {
            ext.CommandType = PRJ_COMPLETE_COMMAND_TYPE_ENUMERATION;
            ext.Enumeration.DirEntryBufferHandle = pd->buffer;
            use_ext = true;
        }
    } else {
        hr = scn_provider_finish(&r->prov, pd, &ext, &use_ext);
    }
    if (pd->kind == PRJSIM_CB_NOTIFICATION && st->has_mask) {
        ext.CommandType = PRJ_COMPLETE_COMMAND_TYPE_NOTIFICATION;
        ext.Notification.NotificationMask = (PRJ_NOTIFY_TYPES)st->mask;
        use_ext = true;
    }
    if (st->opt)
        use_ext = false; /* noext: no extended parameters, whatever the callback needs */
    HRESULT done = PrjCompleteCommand(r->ctx, pd->command_id, hr, use_ext ? &ext : NULL);
    /* a refused completion leaves the command pended, to be completed again */
    pthread_mutex_lock(&r->prov.lock);
    pd->completed = done == S_OK;
    pthread_mutex_unlock(&r->prov.lock);
    scn_set_result(r, st, 'H', done);
    if (!st->checked && FAILED(done)) {
        char got[256];
        scn_result_str(&r->result, false, got, sizeof got);
        scn_fail(r, st->line, "PrjCompleteCommand failed: %s", got);
    }
}

/* The oldest command of a provider program in flight (of kind @p kind unless
 * PRJSIM_CB_COUNT_), from the simulator's command table and the trace; 0 when none. */
static INT32 external_command(scn_exec *r, prjsim_callback_kind kind)
{
    INT32 ids[64];
    size_t n = scn_sim_commands_in_flight(r, ids, 64);
    if (n > 64)
        n = 64;
    INT32 best = 0;
    size_t best_at = (size_t)-1;
    prjsim_trace_record rec;
    for (size_t t = 0; scn_sim_trace_get(r, t, &rec); t++) {
        if (rec.kind != PRJSIM_TRACE_CALLBACK || (kind != PRJSIM_CB_COUNT_ && rec.callback != kind))
            continue;
        for (size_t i = 0; i < n; i++)
            if (rec.command_id == ids[i] && rec.callback != PRJSIM_CB_CANCEL_COMMAND && t < best_at) {
                best = ids[i];
                best_at = t;
            }
    }
    return best;
}

/*
 * `cancel` on a backend without the simulator: a client cancels a pended command by cancelling
 * the I/O that waits on it (CancelSynchronousIo of its thread). The operation cancelled is the
 * oldest one still waiting (DEVIATIONS W19); with none, or with no live pended command of that
 * callback, the answer is what CancelSynchronousIo gives for a thread that waits on nothing.
 */
static void cancel_waiting_operation(scn_exec *r, const scn_stmt *st, const scn_pended *pd)
{
    scn_provider *p = &r->prov;
    void *thread = NULL;
    const prjsim_backend *be = r->be;
    pthread_mutex_lock(&p->lock);
    bool live = !pd->completed && !pd->cancelled && !pd->dead;
    for (size_t i = 0; i < r->blocked_count && live && !thread; i++) {
        thread = r->blocked[i]->thread_token;
        be = r->blocked[i]->be; /* the client agent's operation: the agent cancels it */
    }
    pthread_mutex_unlock(&p->lock);
    prjsim_backend_result res = thread ? be->cancel_thread(thread) : prjsim_backend_win32_error(ERROR_NOT_FOUND);
    scn_set_result(r, st, res.kind, res.code);
    if (!st->checked && scn_result_failed(&r->result)) {
        char got[256];
        scn_result_str(&r->result, false, got, sizeof got);
        scn_fail(r, st->line, "cancel failed: %s (put 'expect ...' after it if that is intended)", got);
    }
}

void scn_run_cancel(scn_exec *r, const scn_stmt *st)
{
    scn_provider *p = &r->prov;
    if (r->external) {
        INT32 id = external_command(r, st->cb);
        if (!id) {
            scn_fail(r, st->line, "cancel: no %s callback of the provider program is in flight",
                     st->cb == PRJSIM_CB_COUNT_ ? "" : prjsim_callback_name(st->cb));
            return;
        }
        NTSTATUS s = scn_sim_cancel(r, id);
        scn_set_result(r, st, 'S', s);
        if (!st->checked && s < 0) {
            char got[256];
            scn_result_str(&r->result, false, got, sizeof got);
            scn_fail(r, st->line, "cancel failed: %s (put 'expect ...' after it if that is intended)", got);
        }
        return;
    }
    scn_pended *pd = NULL, *last = NULL;
    pthread_mutex_lock(&p->lock);
    for (size_t i = 0; i < p->pended_count; i++) {
        scn_pended *x = p->pended[i];
        if (st->cb != PRJSIM_CB_COUNT_ && x->kind != st->cb)
            continue;
        last = x;
        if (!pd && !x->completed && !x->cancelled && !x->dead)
            pd = x;
    }
    pthread_mutex_unlock(&p->lock);
    if (!pd)
        pd = last; /* cancelling a finished command: the simulator says STATUS_NOT_FOUND */
    if (!pd) {
        scn_fail(r, st->line, "cancel: no %s callback was pended", st->cb == PRJSIM_CB_COUNT_ ? "" :
                 prjsim_callback_name(st->cb));
        return;
    }
    if (!(r->be->caps & PRJSIM_BACKEND_CAP_SIMULATOR)) {
        cancel_waiting_operation(r, st, pd);
        return;
    }
    NTSTATUS s = scn_sim_cancel(r, pd->command_id);
    scn_set_result(r, st, 'S', s);
    if (!st->checked && s < 0) {
        char got[256];
        scn_result_str(&r->result, false, got, sizeof got);
        scn_fail(r, st->line, "cancel failed: %s (put 'expect ...' after it if that is intended)", got);
    }
}

void scn_run_clear_cache(scn_exec *r, const scn_stmt *st)
{
    UINT32 n = 0;
    HRESULT hr = PrjClearNegativePathCache(r->ctx, &n);
    scn_set_result(r, st, 'H', hr);
    r->cleared = n;
    r->has_cleared = true;
    if (!st->checked && FAILED(hr)) {
        char got[256];
        scn_result_str(&r->result, false, got, sizeof got);
        scn_fail(r, st->line, "PrjClearNegativePathCache failed: %s", got);
    }
}
