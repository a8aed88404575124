/* SPDX-License-Identifier: MIT */
/*
 * Setup and the instance: the root, the reference provider's tree (manifests, items, store
 * changes), options, notification mappings, starting and stopping the instance, who the
 * caller is, and the marks expectations start from.
 */
#include "internal.h"


#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

bool scn_is_setup_statement(scn_stmt_id id)
{
    return id == SCN_XFAIL || id == SCN_ROOT || id == SCN_MANIFEST || id == SCN_STATE ||
           id == SCN_OPTION || id == SCN_MAPPING;
}

void scn_run_nothing(scn_exec *r, const scn_stmt *st)
{
    (void)r;
    (void)st;
}

static bool no_more(scn_parser *p, scn_line *l, int from)
{
    if (l->count > from)
        return scn_unexpected(p, &l->tok[from]);
    return true;
}

/* ---- xfail, root ---- */

bool scn_parse_xfail(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 2 || !l->tok[1].quoted || !l->tok[1].text[0])
        return scn_error(p, "xfail needs a reason in quotes: xfail \"what the simulator gets wrong\"");
    if (p->script->xfail)
        return scn_error(p, "a second xfail (one reason per scenario)");
    p->script->xfail = scn_strdup(l->tok[1].text);
    p->script->xfail_line = p->line;
    (void)st;
    return no_more(p, l, 2);
}

bool scn_parse_root(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count >= 3 && !l->tok[1].quoted && !l->tok[1].key && !strchr(l->tok[1].text, ':') &&
        !strchr(l->tok[1].text, '\\') && !strchr(l->tok[1].text, '/'))
        return scn_parse_named_root(p, st, l); /* root NAME PATH */
    if (!scn_want_full_path(p, l->count > 1 ? &l->tok[1] : NULL, st, false))
        return false;
    size_t n = wcslen(st->path);
    if (n > MAX_PATH - 20)
        return scn_error(p, "root path too long");
    wcscpy(p->script->setup.root, st->path);
    while (n > 3 && (p->script->setup.root[n - 1] == L'\\' || p->script->setup.root[n - 1] == L'/'))
        p->script->setup.root[--n] = 0;
    char *u = scn_utf8(p->script->setup.root);
    snprintf(p->script->setup.root_utf8, sizeof p->script->setup.root_utf8, "%s", u);
    free(u);
    return no_more(p, l, 2);
}

/* ---- the tree ---- */

static bool find_file(scn_parser *p, const char *name, char **out)
{
    char path[4096];
    if (name[0] != '/') {
        snprintf(path, sizeof path, "%s/%s", p->dir, name);
        if (access(path, R_OK) == 0) {
            *out = scn_strdup(path);
            return true;
        }
    }
    if (access(name, R_OK) == 0) {
        *out = scn_strdup(name);
        return true;
    }
    if (name[0] == '/')
        return false;
#ifdef PRJSIM_SOURCE_DIR
    /* Run from the build tree: a path relative to the source tree. */
    if (!scn_installed()) {
        snprintf(path, sizeof path, "%s/%s", PRJSIM_SOURCE_DIR, name);
        if (access(path, R_OK) == 0) {
            *out = scn_strdup(path);
            return true;
        }
    }
#endif
    /* The bundled manifests, by name: walk.manifest or fixtures/trees/walk.manifest. */
    char dir[3000];
    const char *base = strrchr(name, '/');
    if (scn_data_dir("trees", dir, sizeof dir)) {
        snprintf(path, sizeof path, "%s/%s", dir, base ? base + 1 : name);
        if (access(path, R_OK) == 0) {
            *out = scn_strdup(path);
            return true;
        }
    }
    return false;
}

bool scn_parse_manifest(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 2)
        return scn_error(p, "manifest needs a file name");
    scn_needs_reference(p, "manifest");
    if (!find_file(p, l->tok[1].text, &st->text))
        return scn_error(p, "manifest file '%s' not found (looked beside the script, in the current "
                            "directory, in the source tree and among the bundled manifests)", l->tok[1].text);
    char err[512] = "";
    if (FAILED(memtree_load_manifest(p->scratch, st->text, err, sizeof err)))
        return scn_error(p, "manifest: %s", err);
    return no_more(p, l, 2);
}

void scn_run_manifest(scn_exec *r, const scn_stmt *st)
{
    char err[512] = "";
    if (FAILED(memtree_load_manifest(r->tree, st->text, err, sizeof err)))
        scn_fail(r, st->line, "manifest: %s", err);
}

/* ---- a saved volume ---- */

bool scn_parse_state(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 2)
        return scn_error(p, "state needs a folder: state DIR (a drives folder saved by prjsim exec)");
    if (!find_file(p, l->tok[1].text, &st->text))
        return scn_error(p, "state folder '%s' not found (looked beside the script, in the current "
                            "directory and in the source tree)", l->tok[1].text);
    char err[1024] = "";
    if (FAILED(scn_sim_state_check(st->text, err, sizeof err)))
        return scn_error(p, "state: %s", err);
    return no_more(p, l, 2);
}

void scn_run_state(scn_exec *r, const scn_stmt *st)
{
    char err[1024] = "";
    if (FAILED(scn_sim_state_load(r, st->text, err, sizeof err)))
        scn_fail(r, st->line, "state: %s", err);
}

/* Removes memtree's "<text>:1: " so the message reads as ours. */
static const char *strip_origin(const char *err)
{
    const char *s = strstr(err, ":1: ");
    return s ? s + 4 : err;
}

bool scn_parse_item(scn_parser *p, scn_stmt *st, scn_line *l)
{
    int first = 1; /* item @NAME file ...: an item of a named root */
    if (l->count > 1 && !l->tok[1].quoted && l->tok[1].text[0] == '@') {
        if (!scn_want_root_name(p, &l->tok[1], st))
            return false;
        first = 2;
    }
    if (l->count < first + 2 || (strcmp(l->tok[first].text, "file") != 0 && strcmp(l->tok[first].text, "dir") != 0))
        return scn_error(p, "item needs a manifest line: item [@ROOT] file PATH [content=..] | item [@ROOT] dir PATH");
    scn_needs_reference(p, "item");
    const char *rest = p->raw + l->tok[first].col - 1;
    st->text = scn_strdup(rest);
    char err[512] = "";
    memtree *check = p->scratch;
    memtree *fresh = NULL;
    if (p->started || first == 2) {
        /* a store change while running, or another root's store: check only its syntax here */
        memtree_create(&fresh);
        check = fresh;
    }
    HRESULT hr = memtree_parse_manifest(check, st->text, NULL, err, sizeof err);
    memtree_destroy(fresh);
    if (FAILED(hr))
        return scn_error(p, "item: %s", strip_origin(err));
    return true;
}

void scn_run_item(scn_exec *r, const scn_stmt *st)
{
    char err[512] = "";
    if (FAILED(memtree_parse_manifest(scn_root_tree(r, st->root_index), st->text, NULL, err, sizeof err)))
        scn_fail(r, st->line, "item: %s", strip_origin(err));
}

bool scn_parse_store(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 3)
        return scn_error(p, "usage: store remove RELPATH | store set RELPATH [attr=..] [mtime=..] [content-id=..]");
    if (strcmp(l->tok[1].text, "remove") == 0)
        st->sub = ST_REMOVE;
    else if (strcmp(l->tok[1].text, "set") == 0)
        st->sub = ST_SET;
    else
        return scn_error(p, "unknown store action '%s' (remove, set)", l->tok[1].text);
    scn_needs_reference(p, "store");
    if (!scn_want_relative_path(p, &l->tok[2], st))
        return false;
    static const char *times[] = {"ctime", "atime", "mtime", "chtime"};
    for (int i = 3; i < l->count; i++) {
        const scn_tok *t = &l->tok[i];
        char err[256];
        if (st->sub != ST_SET || !t->key)
            return scn_unexpected(p, t);
        bool done = false;
        for (int k = 0; k < 4; k++)
            if (strcmp(t->key, times[k]) == 0) {
                if (!scn_time(t->value, &st->time[k]))
                    return scn_error(p, "bad time '%s' (FILETIME ticks or 2024-01-01T00:00:00Z)", t->value);
                st->has_time[k] = true;
                done = true;
            }
        if (done)
            continue;
        if (strcmp(t->key, "attr") == 0) {
            if (!scn_flags(scn_attr_names, "attribute", t->value, &st->attr, err, sizeof err))
                return scn_error(p, "%s", err);
            st->has_attr = true;
        } else if (strcmp(t->key, "content-id") == 0) {
            if (strlen(t->value) > MEMTREE_ID_MAX)
                return scn_error(p, "content-id longer than %d bytes", MEMTREE_ID_MAX);
            st->text = scn_strdup(t->value);
            st->has_text = true;
        } else {
            return scn_unexpected(p, t);
        }
    }
    return true;
}

void scn_run_store(scn_exec *r, const scn_stmt *st)
{
    HRESULT hr;
    if (st->sub == ST_REMOVE) {
        hr = memtree_remove(r->tree, st->path);
        if (FAILED(hr))
            scn_fail(r, st->line, "store remove %s: the store has no such item", st->upath);
        return;
    }
    PRJ_FILE_BASIC_INFO info;
    hr = memtree_stat(r->tree, st->path, &info, NULL, 0);
    if (FAILED(hr)) {
        scn_fail(r, st->line, "store set %s: the store has no such item", st->upath);
        return;
    }
    LARGE_INTEGER *t[4] = {&info.CreationTime, &info.LastAccessTime, &info.LastWriteTime, &info.ChangeTime};
    for (int k = 0; k < 4; k++)
        if (st->has_time[k])
            t[k]->QuadPart = st->time[k];
    if (st->has_attr)
        info.FileAttributes = st->attr;
    memtree_set_basic_info(r->tree, st->path, &info);
    if (st->has_text)
        memtree_set_content_id(r->tree, st->path, st->text, strlen(st->text));
}

bool scn_parse_directory(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (!scn_want_full_path(p, l->count > 1 ? &l->tok[1] : NULL, st, false))
        return false;
    return no_more(p, l, 2);
}

void scn_run_directory(scn_exec *r, const scn_stmt *st)
{
    WCHAR *disk = scn_disk_path(r, st->path);
    HRESULT hr = scn_sim_create_directory(r, disk);
    free(disk);
    if (FAILED(hr) && hr != HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS))
        scn_fail(r, st->line, "directory %s could not be created (0x%08X)", st->upath, (unsigned)hr);
}

/* ---- options and mappings ---- */

static bool bool_value(const scn_tok *t, bool *out)
{
    if (!t->key) {
        *out = true;
        return true;
    }
    const char *v = t->value;
    if (!strcasecmp(v, "on") || !strcasecmp(v, "true") || !strcasecmp(v, "yes") || !strcmp(v, "1")) {
        *out = true;
        return true;
    }
    if (!strcasecmp(v, "off") || !strcasecmp(v, "false") || !strcasecmp(v, "no") || !strcmp(v, "0")) {
        *out = false;
        return true;
    }
    return false;
}

static const char *option_names =
    "negative-path-cache, thread-pool, pool-threads=N, concurrent-threads=N, query-file-name=on|off, "
    "notifications=on|off, cancel=on|off, chunk-size=N, query-buffer=N, write-alignment=N, watchdog=MS, "
    "faults=SPEC";

bool scn_parse_option(scn_parser *p, scn_stmt *st, scn_line *l)
{
    (void)st;
    if (l->count < 2)
        return scn_error(p, "option needs a name (%s)", option_names);
    scn_setup *s = &p->script->setup;
    for (int i = 1; i < l->count; i++) {
        const scn_tok *t = &l->tok[i];
        const char *name = t->key ? t->key : t->text;
        bool b;
        uint64_t n;
        if (strcmp(name, "thread-pool") && strcmp(name, "query-buffer") && strcmp(name, "write-alignment") &&
            strcmp(name, "watchdog"))
            scn_needs_reference(p, "an option of the provider or its start");
        if (!strcmp(name, "faults")) {
            /* the fault wrapper (fixtures/fault) in front of the reference provider */
            char err[512];
            if (!t->key || !t->value[0])
                return scn_error(p, "option faults needs a spec: faults=\"GetFileData:nth=2:delay=50\"");
            if (FAILED(scn_sim_fault_check(t->value, err, sizeof err)))
                return scn_error(p, "option faults: %s", err);
            if (strlen(t->value) >= sizeof s->faults)
                return scn_error(p, "option faults: the spec is too long");
            snprintf(s->faults, sizeof s->faults, "%s", t->value);
            continue;
        }
        if (!strcmp(name, "negative-path-cache") || !strcmp(name, "thread-pool") ||
            !strcmp(name, "query-file-name") || !strcmp(name, "notifications") || !strcmp(name, "cancel")) {
            if (!bool_value(t, &b))
                return scn_error(p, "option %s takes on or off, not '%s'", name, t->value);
            if (!strcmp(name, "negative-path-cache"))
                s->negative_cache = b;
            else if (!strcmp(name, "thread-pool"))
                s->sim.thread_pool = b;
            else if (!strcmp(name, "query-file-name"))
                s->tree.query_file_name = b;
            else if (!strcmp(name, "notifications"))
                s->notifications = b;
            else
                s->cancel = b;
        } else if (!strcmp(name, "pool-threads") || !strcmp(name, "concurrent-threads") ||
                   !strcmp(name, "chunk-size") || !strcmp(name, "query-buffer") ||
                   !strcmp(name, "write-alignment") || !strcmp(name, "watchdog")) {
            if (!t->key)
                return scn_error(p, "option %s needs a value: %s=N", name, name);
            if (!scn_number(t->value, true, &n) || n > 0x7FFFFFFF)
                return scn_error(p, "bad number '%s' for option %s", t->value, name);
            if (!strcmp(name, "pool-threads"))
                s->pool_threads = (uint32_t)n;
            else if (!strcmp(name, "concurrent-threads"))
                s->concurrent_threads = (uint32_t)n;
            else if (!strcmp(name, "chunk-size"))
                s->tree.chunk_size = (uint32_t)n;
            else if (!strcmp(name, "query-buffer"))
                s->sim.default_query_buffer = (uint32_t)n;
            else if (!strcmp(name, "watchdog"))
                s->sim.watchdog_ms = (uint32_t)n;
            else {
                if (!n || (n & (n - 1)))
                    return scn_error(p, "write-alignment must be a power of two, not %llu", (unsigned long long)n);
                s->sim.write_alignment = (uint32_t)n;
            }
        } else {
            return scn_error(p, "unknown option '%s' (known: %s)", name, option_names);
        }
    }
    return true;
}

bool scn_parse_mapping(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count != 3)
        return scn_error(p, "usage: mapping RELPATH TYPES, e.g. mapping \"\" all or mapping dir1 "
                            "file_opened,pre_delete");
    scn_needs_reference(p, "mapping");
    if (!scn_want_relative_path(p, &l->tok[1], st))
        return false;
    uint32_t mask;
    char err[600];
    if (!scn_flags(scn_notify_names, "notification type", l->tok[2].text, &mask, err, sizeof err))
        return scn_error(p, "%s", err);
    scn_setup *s = &p->script->setup;
    s->mappings = realloc(s->mappings, (s->mapping_count + 1) * sizeof *s->mappings);
    if (!s->mappings)
        abort();
    s->mappings[s->mapping_count].NotificationBitMask = (PRJ_NOTIFY_TYPES)mask;
    s->mappings[s->mapping_count].NotificationRoot = scn_wide(l->tok[1].text);
    s->mapping_count++;
    return true;
}

/* ---- start and stop ---- */

bool scn_parse_start(scn_parser *p, scn_stmt *st, scn_line *l)
{
    scn_needs_reference(p, "start");
    if (l->count > 1 && !scn_want_root_name(p, &l->tok[1], st)) /* start NAME */
        return false;
    return no_more(p, l, l->count > 1 ? 2 : 1);
}

bool scn_parse_stop(scn_parser *p, scn_stmt *st, scn_line *l)
{
    scn_needs_reference(p, "stop");
    if (l->count > 1 && !scn_want_root_name(p, &l->tok[1], st)) /* stop NAME */
        return false;
    return no_more(p, l, l->count > 1 ? 2 : 1);
}

HRESULT scn_start_instance(scn_exec *r)
{
    const scn_setup *s = &r->script->setup;
    WCHAR *root = scn_disk_path(r, s->root);
    if (!r->started_once) {
        HRESULT hr = scn_sim_create_directory(r, root);
        static const GUID id = {0x5ce7a210, 0x0001, 0x4c0e, {0x9a, 0x1b, 0, 0, 0, 0, 0, 1}};
        if (SUCCEEDED(hr) || hr == HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS))
            hr = PrjMarkDirectoryAsPlaceholder(root, NULL, NULL, &id);
        if (FAILED(hr) && hr != HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED)) {
            free(root);
            return hr;
        }
    }
    PRJ_STARTVIRTUALIZING_OPTIONS opts;
    memset(&opts, 0, sizeof opts);
    opts.Flags = s->negative_cache ? PRJ_FLAG_USE_NEGATIVE_PATH_CACHE : PRJ_FLAG_NONE;
    opts.PoolThreadCount = s->pool_threads;
    opts.ConcurrentThreadCount = s->concurrent_threads;
    opts.NotificationMappings = s->mappings;
    opts.NotificationMappingsCount = (UINT32)s->mapping_count;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = NULL;
    const PRJ_CALLBACKS *callbacks = &r->prov.outer;
    void *context = &r->prov;
    if (s->faults[0]) {
        if (FAILED(scn_sim_fault_wrap(&r->prov, s->faults, &callbacks, &context))) {
            free(root);
            return E_INVALIDARG; /* checked when parsed */
        }
    }
    HRESULT hr = PrjStartVirtualizing(root, callbacks, context, &opts, &ctx);
    free(root);
    if (SUCCEEDED(hr)) {
        r->ctx = ctx;
        r->running = true;
        r->started_once = true;
    }
    return hr;
}

void scn_run_start(scn_exec *r, const scn_stmt *st)
{
    if (st->root_index) {
        HRESULT hr = scn_root_start(r, st->root_index);
        scn_set_result(r, st, 'H', hr);
        if (!st->checked && FAILED(hr)) {
            char got[256];
            scn_result_str(&r->result, false, got, sizeof got);
            scn_fail(r, st->line, "start failed: %s (put 'expect ...' after it if that is intended)", got);
        }
        return;
    }
    if (r->external) {
        if (scn_external_start(r, st->line))
            scn_mark_all(r);
        return;
    }
    bool first = !r->started_once;
    HRESULT hr = scn_start_instance(r);
    scn_set_result(r, st, 'H', hr);
    if (first)
        scn_mark_all(r);
    if (st->synthetic && FAILED(hr))
        scn_fail(r, st->line, "starting the instance failed: 0x%08X", (unsigned)hr);
    else if (!st->checked && FAILED(hr)) {
        char got[256];
        scn_result_str(&r->result, false, got, sizeof got);
        scn_fail(r, st->line, "start failed: %s (put 'expect ...' after it if that is intended)", got);
    }
}

void scn_stop_instance(scn_exec *r)
{
    if (r->external) {
        scn_external_finish(r);
        return;
    }
    if (r->running) {
        r->running = false;
        PrjStopVirtualizing(r->ctx);
        /* the simulator failed every pended callback of the instance */
        pthread_mutex_lock(&r->prov.lock);
        for (size_t i = 0; i < r->prov.pended_count; i++)
            r->prov.pended[i]->dead = true;
        pthread_mutex_unlock(&r->prov.lock);
    }
}

void scn_run_stop(scn_exec *r, const scn_stmt *st)
{
    if (st->root_index) {
        scn_root_stop(r, st->root_index);
        return;
    }
    if (r->running)
        scn_stop_instance(r);
    else if (r->started_once)
        PrjStopVirtualizing(r->ctx); /* a stale context: the simulator reports invalid-context */
}

/* ---- who acts ---- */

bool scn_parse_as(scn_parser *p, scn_stmt *st, scn_line *l)
{
    if (l->count < 2)
        return scn_error(p, "usage: as process PID IMAGE | as provider | as client");
    const char *what = l->tok[1].text;
    if (!strcmp(what, "client")) {
        st->sub = AS_CLIENT;
        return no_more(p, l, 2);
    }
    if (!strcmp(what, "provider")) {
        st->sub = AS_PROVIDER;
        st->a = 1000;
        st->text = scn_strdup("\\Device\\HarddiskVolume3\\prjsim\\provider.exe");
        if (l->count > 2 && !scn_want_number(p, &l->tok[2], "process id", false, &st->a))
            return false;
        if (l->count > 3) {
            free(st->text);
            st->text = scn_strdup(l->tok[3].text);
        }
        return no_more(p, l, 4);
    }
    if (!strcmp(what, "process")) {
        st->sub = AS_PROCESS;
        if (l->count < 4)
            return scn_error(p, "usage: as process PID IMAGE, e.g. as process 77 C:\\tools\\git.exe");
        if (!scn_want_number(p, &l->tok[2], "process id", false, &st->a))
            return false;
        if (st->a > 0xFFFFFFFFu)
            return scn_error(p, "process id too large");
        st->text = scn_strdup(l->tok[3].text);
        return no_more(p, l, 4);
    }
    return scn_error(p, "unknown caller '%s' (process, provider or client)", what);
}

void scn_run_as(scn_exec *r, const scn_stmt *st)
{
    r->as_process = st->sub == AS_PROCESS;
    if (r->as_process && !r->agent && scn_uses_agent(r->options))
        r->agent = scn_sim_agent_start(r->be);
    if (st->sub == AS_CLIENT) {
        prjsim_backend_agent.set_caller(NULL);
        r->caller = scn_sim_caller();
        r->be->set_caller(NULL);
        r->caller = scn_sim_caller();
        r->caller_image[0] = 0;
        if (r->caller.image_file_name)
            wcsncpy(r->caller_image, r->caller.image_file_name, MAX_PATH);
        r->caller.image_file_name = r->caller_image;
        return;
    }
    WCHAR *img = scn_wide(st->text);
    wcsncpy(r->caller_image, img, MAX_PATH);
    r->caller_image[MAX_PATH] = 0;
    free(img);
    r->caller.process_id = (UINT32)st->a;
    r->caller.image_file_name = r->caller_image;
    r->caller.is_provider = st->sub == AS_PROVIDER;
    r->be->set_caller(&r->caller);
    prjsim_backend_agent.set_caller(&r->caller);
}

/* ---- marks and dumps ---- */

bool scn_parse_mark(scn_parser *p, scn_stmt *st, scn_line *l)
{
    (void)st;
    return no_more(p, l, 1);
}

void scn_run_mark(scn_exec *r, const scn_stmt *st)
{
    (void)st;
    scn_mark_all(r);
}

bool scn_parse_dump(scn_parser *p, scn_stmt *st, scn_line *l)
{
    (void)st;
    return no_more(p, l, 1);
}

void scn_run_dump(scn_exec *r, const scn_stmt *st)
{
    FILE *out = r->options && r->options->log ? r->options->log : stdout;
    size_t n;
    char **ls = scn_trace_lines(r, 0, 0, &n);
    fprintf(out, "%s:%d: trace so far (%zu lines):\n", r->script->origin, st->line, n);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "    %s\n", ls[i]);
    scn_lines_free(ls, n);
}
