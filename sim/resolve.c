/* SPDX-License-Identifier: MIT */
/*
 * Path resolution and placeholder creation (sections 4.6, 4.7, 6.3): every missing component
 * of a path under a root is asked of the provider, top-down, with GetPlaceholderInfo; the
 * provider answers with PrjWritePlaceholderInfo(2), under its own spelling of the name.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* A GetPlaceholderInfo in flight: concurrent opens of one name wait for it, as they would for
 * the file system's create on Windows, rather than asking the provider twice. One name is one
 * directory item and leaf, or one path under the instance: a directory removed and projected
 * again meanwhile is another item, but the provider writes by path, so an open below the new
 * one must still wait (else both writes of the same path race, and one fails). */
struct prjsim__fetch {
    struct prjsim__fetch *next;
    prjsim__item *dir;
    const WCHAR *name;
    size_t len;
    const prjsim__instance *inst;
    const WCHAR *rel; /* the path asked for, relative to the instance's root */
};

static bool same_fetch(const struct prjsim__fetch *f, const prjsim__instance *inst, const prjsim__item *dir,
                       const WCHAR *rel, const WCHAR *name, size_t len)
{
    if (f->dir == dir && prjsim__name_compare_n(f->name, f->len, name, len) == 0)
        return true;
    return f->inst == inst && prjsim__name_compare_n(f->rel, wcslen(f->rel), rel, wcslen(rel)) == 0;
}

static NTSTATUS fetch(prjsim_sim *sim, prjsim__instance *inst, prjsim__item *dir, const WCHAR *caller_rel,
                      const WCHAR *name, size_t len, prjsim__item **out);

NTSTATUS prjsim__fetch_placeholder(prjsim_sim *sim, prjsim__instance *inst, prjsim__item *dir,
                                   const WCHAR *caller_rel, const WCHAR *name, size_t len,
                                   prjsim__item **out)
{
    *out = NULL;
    /* dir is held while the lock is let go: by the waits below and by the callback. */
    prjsim__item_pin(dir);
    NTSTATUS st = STATUS_SUCCESS;
    for (;;) {
        struct prjsim__fetch *f = sim->fetches;
        while (f && !same_fetch(f, inst, dir, caller_rel, name, len))
            f = f->next;
        if (!f)
            break;
        pthread_cond_wait(&sim->state_changed, &sim->lock);
        /* The instance may have stopped (and been freed) meanwhile: take it again. */
        inst = prjsim__instance_of_item(dir);
        if (!prjsim__item_in_tree(dir)) {
            st = STATUS_OBJECT_PATH_NOT_FOUND; /* the directory went away during the lookup */
            break;
        }
        if (!inst) {
            st = STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE;
            break;
        }
        prjsim__item *child = prjsim__item_child(dir, name, len);
        if (prjsim__item_visible(child)) {
            *out = child;
            break;
        }
    }
    if (st == STATUS_SUCCESS && !*out) {
        struct prjsim__fetch me = {sim->fetches, dir, name, len, inst, caller_rel};
        sim->fetches = &me;
        st = fetch(sim, inst, dir, caller_rel, name, len, out);
        for (struct prjsim__fetch **pp = &sim->fetches; *pp; pp = &(*pp)->next)
            if (*pp == &me) {
                *pp = me.next;
                break;
            }
        pthread_cond_broadcast(&sim->state_changed);
    }
    prjsim__item_unpin(dir);
    return st;
}

static bool same_relative_path(const prjsim__path *pa, const WCHAR *b);

/* Did the provider write the very path it was asked for (PrjFileNameCompare, per component)? */
static bool wrote_requested(const WCHAR *written, const WCHAR *requested)
{
    prjsim__path p;
    bool same = prjsim__path_parse_relative(&p, written) && same_relative_path(&p, requested);
    prjsim__path_free(&p);
    return same;
}

static NTSTATUS fetch(prjsim_sim *sim, prjsim__instance *inst, prjsim__item *dir, const WCHAR *caller_rel,
                      const WCHAR *name, size_t len, prjsim__item **out)
{
    *out = NULL;
    /* The UTF-8 path is only needed for trace and diagnostic text. */
    char *u = sim->options.trace ? prjsim__utf8(caller_rel) : NULL;
    if ((inst->flags & PRJ_FLAG_USE_NEGATIVE_PATH_CACHE) &&
        prjsim__strset_contains(&inst->negative_cache, caller_rel)) {
        prjsim__trace(sim, PRJSIM_TRACE_NOTE, 0, "note negative path cache hit \"%s\"", u);
        free(u);
        return STATUS_OBJECT_NAME_NOT_FOUND;
    }
    prjsim__call call;
    memset(&call, 0, sizeof call);
    call.kind = PRJSIM_CB_GET_PLACEHOLDER_INFO;
    call.path = caller_rel;
    call.version = prjsim__rare(dir)->version; /* the parent's version info (section 6.12) */
    prjsim__command *cmd = NULL;
    HRESULT hr = prjsim__dispatch(inst, &call, &cmd); /* dir is pinned by the caller */
    NTSTATUS st;
    bool dir_there = prjsim__item_in_tree(dir);
    prjsim__item *child = dir_there ? prjsim__item_child(dir, name, len) : NULL;
    if (inst->stopping) {
        st = STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE;
    } else if (!dir_there) {
        st = STATUS_OBJECT_PATH_NOT_FOUND; /* the provider removed the directory meanwhile */
    } else if (hr == S_OK) {
        if (prjsim__item_visible(child)) {
            *out = child;
            st = STATUS_SUCCESS;
            if (cmd->wrote_unrequested) {
                if (!u)
                    u = prjsim__utf8(caller_rel);
                prjsim__diag(sim, PRJSIM_DIAG_UNREQUESTED_PLACEHOLDER,
                             "GetPlaceholderInfo(\"%s\") also wrote a placeholder for another name", u);
            }
        } else if (cmd->written_placeholder && wrote_requested(cmd->written_placeholder, caller_rel)) {
            /* Written as asked, then removed by another thread before this lookup could use it:
             * nothing the provider did wrong. */
            st = STATUS_OBJECT_NAME_NOT_FOUND;
        } else if (cmd->written_placeholder) {
            char *w = prjsim__utf8(cmd->written_placeholder);
            if (!u)
                u = prjsim__utf8(caller_rel);
            prjsim__diag(sim, PRJSIM_DIAG_PLACEHOLDER_NAME_MISMATCH,
                         "asked for \"%s\", the provider wrote \"%s\"", u, w);
            free(w);
            st = STATUS_OBJECT_NAME_NOT_FOUND;
        } else {
            if (!u)
                u = prjsim__utf8(caller_rel);
            prjsim__diag(sim, PRJSIM_DIAG_NO_PLACEHOLDER_WRITTEN,
                         "GetPlaceholderInfo(\"%s\") returned S_OK and wrote nothing", u);
            st = STATUS_OBJECT_NAME_NOT_FOUND;
        }
    } else {
        st = prjsim__translate_result(sim, hr, cmd, PRJSIM_CB_GET_PLACEHOLDER_INFO);
        if (hr == HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND) &&
            (inst->flags & PRJ_FLAG_USE_NEGATIVE_PATH_CACHE))
            prjsim__strset_add(&inst->negative_cache, caller_rel);
    }
    prjsim__command_release(cmd);
    free(u);
    return st;
}

NTSTATUS prjsim__resolve(prjsim_sim *sim, const WCHAR *full, prjsim__resolved *r)
{
    memset(r, 0, sizeof *r);
    prjsim__path p;
    if (!prjsim__path_parse(&p, full))
        return STATUS_OBJECT_PATH_SYNTAX_BAD;
    NTSTATUS st = STATUS_SUCCESS;
    prjsim__item *dir = prjsim__volume_drive(sim, p.comp[0], p.len[0]);
    uint32_t root_idx = UINT32_MAX;
    if (p.count == 1)
        r->item = dir;
    for (uint32_t i = 1; i < p.count; i++) {
        bool leaf = i + 1 == p.count;
        if (prjsim__rare(dir)->root)
            root_idx = i - 1;
        prjsim__item *child = prjsim__item_child(dir, p.comp[i], p.len[i]);
        /* The caller's relative path: for the provider when it is asked, and for the leaf. */
        bool ask = !child && prjsim__item_is_virtualized_dir(dir);
        WCHAR *rel = root_idx != UINT32_MAX && (leaf || ask) ? prjsim__path_join(&p, root_idx + 1, i + 1)
                                                             : NULL;
        prjsim__item *tomb = child && (child->state & ITEM_TOMBSTONE) ? child : NULL;
        if (ask) {
            prjsim__instance *inst = prjsim__instance_of_item(dir);
            if (!inst) {
                free(rel);
                st = STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE;
                break;
            }
            st = prjsim__fetch_placeholder(sim, inst, dir, rel, p.comp[i], p.len[i], &child);
            if (st == STATUS_OBJECT_NAME_NOT_FOUND) {
                st = STATUS_SUCCESS;
            } else if (st != STATUS_SUCCESS) {
                free(rel);
                break;
            }
            /* Other threads ran meanwhile: what is on disk now counts (a name another client
             * created, a tombstone it left), or a create would put a second item beside it. */
            child = prjsim__item_child(dir, p.comp[i], p.len[i]);
            tomb = child && (child->state & ITEM_TOMBSTONE) ? child : NULL;
        }
        if (prjsim__item_visible(child)) {
            if (leaf) {
                r->item = child;
                r->parent = dir;
                r->caller_rel = rel;
                break;
            }
            free(rel);
            if (prjsim__rare(child)->symlink_target) {
                /* A directory link in the middle: the caller re-resolves through its target. */
                r->item = child;
                r->reparse_rest = prjsim__path_join(&p, i + 1, p.count);
                st = PRJSIM__STATUS_REPARSE;
                break;
            }
            if (!(child->state & ITEM_DIR)) {
                st = STATUS_OBJECT_PATH_NOT_FOUND;
                break;
            }
            dir = child;
            continue;
        }
        if (!leaf) {
            free(rel);
            st = STATUS_OBJECT_PATH_NOT_FOUND;
            break;
        }
        r->parent = dir;
        r->tomb = tomb;
        r->caller_rel = rel;
    }
    if (st == STATUS_SUCCESS) {
        r->leaf = NULL;
        r->leaf_len = p.count > 1 ? p.len[p.count - 1] : 0;
        /* Keep the leaf spelling alive beyond the parsed path. */
        r->leaf = p.count > 1 ? prjsim__wcsdup_n(p.comp[p.count - 1], r->leaf_len) : prjsim__wcsdup(L"");
        prjsim__item *anchor = r->item ? r->item : r->parent;
        r->root = anchor ? prjsim__item_root(anchor) : NULL;
        r->instance = anchor ? prjsim__instance_of_item(anchor) : NULL;
        if (r->item && prjsim__rare(r->item)->root && !r->caller_rel)
            r->caller_rel = prjsim__wcsdup(L"");
        /* The caller may call back into the provider before using them (volume.c, rule 2). */
        prjsim__item_pin(r->item);
        prjsim__item_pin(r->parent);
        prjsim__item_pin(r->tomb);
    } else if (st == PRJSIM__STATUS_REPARSE) {
        prjsim__item_pin(r->item);
    } else {
        free(r->caller_rel);
        r->caller_rel = NULL;
        r->item = r->parent = r->tomb = NULL;
    }
    prjsim__path_free(&p);
    return st;
}

/* The full path a link points to, with @p rest appended. */
static WCHAR *link_destination(const prjsim__item *link, const WCHAR *rest)
{
    const WCHAR *target = prjsim__rare(link)->symlink_target;
    WCHAR *base;
    bool absolute = target[0] && target[1] == L':';
    if (absolute) {
        base = prjsim__wcsdup(target);
    } else {
        WCHAR *dir = prjsim__item_full_path(link->parent);
        size_t n = wcslen(dir) + wcslen(target) + 2;
        base = prjsim__xmalloc(n * sizeof(WCHAR));
        swprintf(base, n, L"%ls\\%ls", dir, target[0] == L'\\' ? target + 1 : target);
        free(dir);
    }
    if (!rest || !rest[0])
        return base;
    size_t n = wcslen(base) + wcslen(rest) + 2;
    WCHAR *full = prjsim__xmalloc(n * sizeof(WCHAR));
    swprintf(full, n, L"%ls\\%ls", base, rest);
    free(base);
    return full;
}

NTSTATUS prjsim__resolve_follow(prjsim_sim *sim, const WCHAR *full, prjsim__resolved *r, bool follow_leaf)
{
    WCHAR *path = NULL; /* the path through the links followed so far; the caller's at first */
    NTSTATUS st = STATUS_OBJECT_PATH_NOT_FOUND;
    for (int depth = 0; depth <= 63; depth++) {
        st = prjsim__resolve(sim, path ? path : full, r);
        prjsim__item *link = NULL;
        WCHAR *rest = NULL;
        if (st == PRJSIM__STATUS_REPARSE) {
            link = r->item;
            rest = r->reparse_rest;
            r->reparse_rest = NULL;
        } else if (st == STATUS_SUCCESS && follow_leaf && r->item && prjsim__rare(r->item)->symlink_target) {
            link = r->item;
        } else {
            free(path);
            return st;
        }
        WCHAR *next = link_destination(link, rest);
        free(rest);
        free(path);
        path = next;
        prjsim__resolved_free(r);
        st = STATUS_OBJECT_PATH_NOT_FOUND;
    }
    free(path);
    return st;
}

void prjsim__resolved_free(prjsim__resolved *r)
{
    prjsim__item_unpin(r->item);
    prjsim__item_unpin(r->parent);
    prjsim__item_unpin(r->tomb);
    free(r->reparse_rest);
    free(r->caller_rel);
    free((WCHAR *)r->leaf);
    memset(r, 0, sizeof *r);
}

/* Fills in the basic info of a new placeholder as ProjFS does (section 3.6). */
static void adopt_basic_info(prjsim_sim *sim, prjsim__item *item, const PRJ_FILE_BASIC_INFO *in)
{
    item->info = *in;
    item->info.IsDirectory = in->IsDirectory ? TRUE : FALSE;
    int64_t now = sim->clock;
    LARGE_INTEGER *times[] = {&item->info.CreationTime, &item->info.LastAccessTime,
                              &item->info.LastWriteTime, &item->info.ChangeTime};
    for (size_t i = 0; i < 4; i++)
        if (times[i]->QuadPart == 0)
            times[i]->QuadPart = now;
    item->info.FileAttributes = prjsim__attributes_of_new_placeholder(in->FileAttributes, in->IsDirectory);
    if (item->info.IsDirectory)
        item->info.FileSize = 0;
    else if (item->info.FileSize < 0)
        item->info.FileSize = 0;
}

static bool version_is_zero(const PRJ_PLACEHOLDER_VERSION_INFO *v)
{
    static const PRJ_PLACEHOLDER_VERSION_INFO zero;
    return memcmp(v, &zero, sizeof zero) == 0;
}

void prjsim__item_set_version(prjsim__item *item, const PRJ_PLACEHOLDER_VERSION_INFO *v)
{
    if (item->rare) {
        free(item->rare->version);
        item->rare->version = NULL;
    }
    if (v && !version_is_zero(v)) {
        prjsim__item_rare *rare = prjsim__rare_mut(item);
        rare->version = prjsim__xmalloc(sizeof *rare->version);
        *rare->version = *v;
    }
}

/* Do two relative paths name the same item (component-wise PrjFileNameCompare)? */
static bool same_relative_path(const prjsim__path *pa, const WCHAR *b)
{
    prjsim__path pb;
    bool same = prjsim__path_parse_relative(&pb, b) && pa->count == pb.count;
    for (uint32_t i = 0; same && i < pa->count; i++)
        same = prjsim__name_compare_n(pa->comp[i], pa->len[i], pb.comp[i], pb.len[i]) == 0;
    prjsim__path_free(&pb);
    return same;
}

static HRESULT write_placeholder(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx, PCWSTR dest,
                                 const PRJ_PLACEHOLDER_INFO *info, UINT32 size,
                                 const PRJ_EXTENDED_INFO *ext, const char *api)
{
    prjsim_sim *sim;
    prjsim__instance *inst = prjsim__instance_from_context(&sim, ctx, api);
    if (!inst)
        return E_INVALIDARG;
    HRESULT hr = S_OK;
    prjsim__path p; /* parsed once: for the checks, the walk and the requested-path comparison */
    prjsim__path_parse_relative(&p, dest);
    if (!dest || !dest[0] || !info) {
        hr = E_INVALIDARG;
    } else if (size < sizeof(PRJ_PLACEHOLDER_INFO)) {
        hr = HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER);
    } else if (ext && (ext->InfoType != PRJ_EXT_INFO_TYPE_SYMLINK || ext->NextInfoOffset != 0 ||
                       !ext->Symlink.TargetName || !ext->Symlink.TargetName[0])) {
        hr = E_INVALIDARG;
    } else if (!prjsim__path_relative_valid(dest)) {
        hr = HRESULT_FROM_WIN32(ERROR_INVALID_NAME); /* never folded, never above the root (DEVIATIONS.md) */
    } else if (p.count == 0) {
        hr = E_INVALIDARG;
    }
    prjsim__item *created = NULL;
    if (hr == S_OK) {
        prjsim__item *dir = inst->root_item;
        for (uint32_t i = 0; i + 1 < p.count && hr == S_OK; i++) {
            prjsim__item *c = prjsim__item_child(dir, p.comp[i], p.len[i]);
            if (!prjsim__item_visible(c) || !(c->state & ITEM_DIR))
                hr = HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND);
            else
                dir = c;
        }
        if (hr == S_OK) {
            const WCHAR *leaf = p.comp[p.count - 1];
            uint32_t leaf_len = p.len[p.count - 1];
            prjsim__item *existing = prjsim__item_child(dir, leaf, leaf_len);
            if (prjsim__item_visible(existing)) {
                hr = HRESULT_FROM_WIN32(ERROR_FILE_EXISTS);
            } else {
                if (existing) /* a tombstone: the provider's write replaces it (DEVIATIONS.md) */
                    prjsim__item_destroy(existing);
                bool is_dir = info->FileBasicInfo.IsDirectory != 0;
                created = prjsim__item_new(leaf, leaf_len, ITEM_PLACEHOLDER | (is_dir ? ITEM_DIR : 0));
                adopt_basic_info(sim, created, &info->FileBasicInfo);
                prjsim__item_set_version(created, &info->VersionInfo);
                if (ext) {
                    prjsim__rare_mut(created)->symlink_target = prjsim__wcsdup(ext->Symlink.TargetName);
                    created->info.FileAttributes |= FILE_ATTRIBUTE_REPARSE_POINT;
                }
                prjsim__item_attach(dir, created);
            }
        }
    }
    prjsim__command *cmd = prjsim__current_command();
    /*
     * Written on another thread, as providers answer a pended GetPlaceholderInfo: it counts for
     * the command in flight that asked for this very path (DEVIATIONS P7).
     */
    for (prjsim__command *c = cmd || !dest ? NULL : inst->commands; c; c = c->next)
        if (c->kind == PRJSIM_CB_GET_PLACEHOLDER_INFO && !c->completed && c->requested &&
            !c->written_placeholder && same_relative_path(&p, c->requested)) {
            cmd = c;
            break;
        }
    if (cmd && cmd->kind == PRJSIM_CB_GET_PLACEHOLDER_INFO && dest) {
        if (!cmd->written_placeholder)
            cmd->written_placeholder = prjsim__wcsdup(dest);
        if (cmd->requested && !same_relative_path(&p, cmd->requested))
            cmd->wrote_unrequested = true;
    }
    char *u = sim->options.trace ? prjsim__utf8(dest) : NULL;
    char hb[96];
    prjsim__trace(sim, PRJSIM_TRACE_API, hr, "api %s \"%s\"%s -> %s", api, u,
                  created && created->info.IsDirectory ? " dir" : "", prjsim__hr_str(hb, sizeof hb, hr));
    free(u);
    prjsim__unlock(sim);
    prjsim__path_free(&p);
    prjsim__note_api_result(hr);
    return hr;
}

STDAPI PrjWritePlaceholderInfo(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                               PCWSTR destinationFileName, const PRJ_PLACEHOLDER_INFO *placeholderInfo,
                               UINT32 placeholderInfoSize)
{
    return write_placeholder(namespaceVirtualizationContext, destinationFileName, placeholderInfo,
                             placeholderInfoSize, NULL, "PrjWritePlaceholderInfo");
}

STDAPI PrjWritePlaceholderInfo2(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                                PCWSTR destinationFileName, const PRJ_PLACEHOLDER_INFO *placeholderInfo,
                                UINT32 placeholderInfoSize, const PRJ_EXTENDED_INFO *ExtendedInfo)
{
    return write_placeholder(namespaceVirtualizationContext, destinationFileName, placeholderInfo,
                             placeholderInfoSize, ExtendedInfo, "PrjWritePlaceholderInfo2");
}

NTSTATUS prjsim__provider_has(prjsim_sim *sim, prjsim__instance *inst, prjsim__item *dir,
                              const WCHAR *rel_path, const WCHAR *name, size_t len, bool *has)
{
    *has = false;
    if (inst->cb.QueryFileNameCallback) {
        prjsim__call call;
        memset(&call, 0, sizeof call);
        call.kind = PRJSIM_CB_QUERY_FILE_NAME;
        call.path = rel_path;
        prjsim__command *cmd = NULL;
        prjsim__item_pin(dir);
        HRESULT hr = prjsim__dispatch(inst, &call, &cmd);
        prjsim__item_unpin(dir);
        NTSTATUS st = STATUS_SUCCESS;
        if (inst->stopping)
            st = STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE;
        else if (hr == S_OK)
            *has = true;
        else if (hr != HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND))
            st = prjsim__translate_result(sim, hr, cmd, PRJSIM_CB_QUERY_FILE_NAME);
        prjsim__command_release(cmd);
        return st;
    }
    /* Without QueryFileName, ProjFS asks with an enumeration filtered on the name. */
    WCHAR *dir_rel = prjsim__item_relative_path(dir);
    WCHAR *pattern = prjsim__wcsdup_n(name, len);
    NTSTATUS st = prjsim__provider_probe(sim, inst, dir, dir_rel, pattern, has);
    free(pattern);
    free(dir_rel);
    return st;
}
