/* SPDX-License-Identifier: MIT */
/*
 * More roots than the scenario's own (`root NAME PATH`): each a memtree store of its own
 * (`item @NAME ...`), started and stopped by name (`start NAME`, `stop NAME`). They show how
 * roots and instances coexist: two running at once, a root nested in another refused, each
 * stopped alone. Their callbacks are not recorded for `expect callbacks` (the trace has them).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

int scn_root_index(const scn_setup *s, const char *name)
{
    for (size_t i = 0; i < s->extra_count; i++)
        if (!strcmp(s->extra[i].name, name))
            return (int)i + 1;
    return 0;
}

bool scn_parse_named_root(scn_parser *p, scn_stmt *st, scn_line *l)
{
    const char *name = l->tok[1].text;
    bool ok = !l->tok[1].quoted && !l->tok[1].key && *name && strlen(name) < sizeof p->script->setup.extra[0].name;
    for (const char *c = name; ok && *c; c++)
        ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_' ||
             (*c == '-' && c != name);
    if (!ok)
        return scn_error(p, "expected a root name such as second (letters, digits, _ and -), got '%s'", name);
    scn_setup *s = &p->script->setup;
    if (scn_root_index(s, name))
        return scn_error(p, "root '%s' is declared twice", name);
    if (s->extra_count == SCN_MAX_ROOTS)
        return scn_error(p, "at most %d named roots", SCN_MAX_ROOTS);
    if (!scn_want_full_path(p, &l->tok[2], st, false))
        return false;
    if (wcslen(st->path) > MAX_PATH - 20)
        return scn_error(p, "root path too long");
    scn_needs_reference(p, "a named root");
    snprintf(s->extra[s->extra_count].name, sizeof s->extra[0].name, "%s", name);
    wcscpy(s->extra[s->extra_count].path, st->path);
    s->extra_count++;
    if (l->count > 3)
        return scn_error(p, "unexpected argument '%s' in column %d", l->tok[3].text, l->tok[3].col);
    return true;
}

bool scn_want_root_name(scn_parser *p, const scn_tok *t, scn_stmt *st)
{
    const char *name = t->text[0] == '@' ? t->text + 1 : t->text;
    st->root_index = scn_root_index(&p->script->setup, name);
    if (!st->root_index) {
        char known[512] = "";
        for (size_t i = 0; i < p->script->setup.extra_count; i++) {
            strncat(known, i ? ", " : "", sizeof known - strlen(known) - 1);
            strncat(known, p->script->setup.extra[i].name, sizeof known - strlen(known) - 1);
        }
        return scn_error(p, "unknown root '%s' (declare it first with 'root %s C:\\PATH'%s%s)", name, name,
                         known[0] ? "; declared: " : "", known);
    }
    return true;
}

memtree *scn_root_tree(scn_exec *r, int index)
{
    if (!index)
        return r->tree;
    scn_extra_root *x = &r->extra[index - 1];
    if (!x->tree)
        memtree_create(&x->tree);
    return x->tree;
}

HRESULT scn_root_start(scn_exec *r, int index)
{
    scn_extra_root *x = &r->extra[index - 1];
    WCHAR *path = scn_disk_path(r, r->script->setup.extra[index - 1].path);
    if (!x->marked) {
        HRESULT hr = scn_sim_create_directory(r, path);
        GUID id = {0x5ce7a210, 0x0002, 0x4c0e, {0x9a, 0x1b, 0, 0, 0, 0, 0, (unsigned char)(index + 1)}};
        if (SUCCEEDED(hr) || hr == HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS))
            hr = PrjMarkDirectoryAsPlaceholder(path, NULL, NULL, &id);
        if (FAILED(hr) && hr != HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED)) {
            free(path);
            return hr;
        }
        x->marked = true;
    }
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = NULL;
    HRESULT hr = PrjStartVirtualizing(path, memtree_callbacks(), scn_root_tree(r, index), NULL, &ctx);
    free(path);
    if (SUCCEEDED(hr)) {
        x->ctx = ctx;
        x->running = true;
    }
    return hr;
}

void scn_root_stop(scn_exec *r, int index)
{
    scn_extra_root *x = &r->extra[index - 1];
    if (x->running) {
        x->running = false;
        PrjStopVirtualizing(x->ctx);
    } else if (x->ctx) {
        PrjStopVirtualizing(x->ctx); /* a stale context: the simulator reports invalid-context */
    }
}

void scn_roots_cleanup(scn_exec *r)
{
    for (size_t i = 0; i < SCN_MAX_ROOTS; i++) {
        if (r->extra[i].running)
            PrjStopVirtualizing(r->extra[i].ctx);
        memtree_destroy(r->extra[i].tree);
        memset(&r->extra[i], 0, sizeof r->extra[i]);
    }
}
