/* SPDX-License-Identifier: MIT */
/*
 * Provider-initiated view changes (sections 4.8, 4.9, 4.11, 6.10, 6.11): PrjUpdateFileIfNeeded,
 * PrjDeleteFile and PrjGetOnDiskFileState. None of these asks the provider anything.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Finds an on-disk item by relative path under a root, without callbacks. */
static HRESULT find_on_disk(prjsim__item *root, PCWSTR rel, prjsim__item **out)
{
    *out = NULL;
    prjsim__path p;
    if (!prjsim__path_parse_relative(&p, rel) || p.count == 0) {
        prjsim__path_free(&p);
        return E_INVALIDARG;
    }
    prjsim__item *it = root;
    HRESULT hr = S_OK;
    for (uint32_t i = 0; i < p.count; i++) {
        prjsim__item *c = prjsim__item_child(it, p.comp[i], p.len[i]);
        bool leaf = i + 1 == p.count;
        if (!c || (!leaf && (!prjsim__item_visible(c) || !(c->state & ITEM_DIR)))) {
            hr = HRESULT_FROM_WIN32(leaf ? ERROR_FILE_NOT_FOUND : ERROR_PATH_NOT_FOUND);
            break;
        }
        it = c;
    }
    prjsim__path_free(&p);
    if (hr == S_OK)
        *out = it;
    return hr;
}

static bool only_tombstone_children(const prjsim__item *dir)
{
    return !prjsim__item_has_visible_children(dir);
}

static HRESULT update_or_delete(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx, PCWSTR dest,
                                const PRJ_PLACEHOLDER_INFO *info, UINT32 size, PRJ_UPDATE_TYPES flags,
                                PRJ_UPDATE_FAILURE_CAUSES *failure, bool update, const char *api)
{
    if (failure)
        *failure = PRJ_UPDATE_FAILURE_CAUSE_NONE;
    prjsim_sim *sim;
    prjsim__instance *inst = prjsim__instance_from_context(&sim, ctx, api);
    if (!inst)
        return E_INVALIDARG;
    HRESULT hr = S_OK;
    prjsim__item *item = NULL;
    UINT32 causes = 0;
    const char *outcome = "";
    if (!dest || !dest[0] || (update && !info))
        hr = E_INVALIDARG;
    else if (update && size < sizeof(PRJ_PLACEHOLDER_INFO))
        hr = HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER);
    else if (!prjsim__path_relative_valid(dest))
        hr = HRESULT_FROM_WIN32(ERROR_INVALID_NAME); /* as PrjWritePlaceholderInfo (DEVIATIONS.md) */
    else
        hr = find_on_disk(inst->root_item, dest, &item);
    if (hr == S_OK && (item->state & ITEM_DIR) && item->child_count) {
        if (!only_tombstone_children(item))
            hr = HRESULT_FROM_WIN32(ERROR_DIR_NOT_EMPTY);
        else if (!(flags & PRJ_UPDATE_ALLOW_TOMBSTONE))
            causes |= PRJ_UPDATE_FAILURE_CAUSE_TOMBSTONE;
    }
    /* ProjFS opens the file to replace or delete it: a handle that does not share delete
     * keeps it (docs/behaviour/sharing.md). */
    if (hr == S_OK && prjsim__share_blocks_delete(sim, item))
        hr = HRESULT_FROM_WIN32(ERROR_SHARING_VIOLATION);
    if (hr == S_OK && update && (item->state & ITEM_PLACEHOLDER) &&
        !(item->state & (ITEM_DIRTY | ITEM_FULL | ITEM_TOMBSTONE)) && causes == 0) {
        /* The ContentID short-circuit applies to clean placeholders only (DEVIATIONS.md). */
        static const PRJ_PLACEHOLDER_VERSION_INFO zero;
        const PRJ_PLACEHOLDER_VERSION_INFO *have = prjsim__rare(item)->version ? prjsim__rare(item)->version : &zero;
        if (memcmp(have->ContentID, info->VersionInfo.ContentID, sizeof have->ContentID) == 0) {
            outcome = " (same ContentID)";
            goto done;
        }
    }
    if (hr == S_OK) {
        if ((item->state & ITEM_DIRTY) && !(flags & PRJ_UPDATE_ALLOW_DIRTY_METADATA))
            causes |= PRJ_UPDATE_FAILURE_CAUSE_DIRTY_METADATA;
        if ((item->state & ITEM_FULL) && !(flags & PRJ_UPDATE_ALLOW_DIRTY_DATA))
            causes |= PRJ_UPDATE_FAILURE_CAUSE_DIRTY_DATA;
        if ((item->state & ITEM_TOMBSTONE) && !(flags & PRJ_UPDATE_ALLOW_TOMBSTONE))
            causes |= PRJ_UPDATE_FAILURE_CAUSE_TOMBSTONE;
        if (!(item->state & ITEM_TOMBSTONE) && (item->info.FileAttributes & FILE_ATTRIBUTE_READONLY) &&
            !(flags & PRJ_UPDATE_ALLOW_READ_ONLY))
            causes |= PRJ_UPDATE_FAILURE_CAUSE_READ_ONLY;
        if (causes) {
            hr = HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION);
            if (failure)
                *failure = (PRJ_UPDATE_FAILURE_CAUSES)causes;
        }
    }
    if (hr == S_OK) {
        /* A GetFileData in flight was for the file as it was (filedata.c asks again). */
        for (prjsim__stream *st = inst->streams; st; st = st->next)
            if (st->item == item)
                st->stale = true;
    }
    if (hr == S_OK && update) {
        /* A clean placeholder again: local data and metadata are discarded. */
        bool is_dir = info->FileBasicInfo.IsDirectory != 0;
        if (is_dir != ((item->state & ITEM_DIR) != 0))
            prjsim__item_unlink(item); /* no longer the same file as its other names */
        prjsim__item_clear_children(item);
        prjsim__content_free(item->data, item->data_cap);
        item->data = NULL;
        item->data_cap = 0;
        item->state = ITEM_PLACEHOLDER | (is_dir ? ITEM_DIR : 0);
        item->info = info->FileBasicInfo;
        item->info.IsDirectory = is_dir ? TRUE : FALSE;
        LARGE_INTEGER *t[] = {&item->info.CreationTime, &item->info.LastAccessTime,
                              &item->info.LastWriteTime, &item->info.ChangeTime};
        for (size_t i = 0; i < 4; i++)
            if (!t[i]->QuadPart)
                t[i]->QuadPart = sim->clock;
        item->info.FileAttributes = prjsim__attributes_of_new_placeholder(item->info.FileAttributes, is_dir);
        if (is_dir)
            item->info.FileSize = 0;
        prjsim__item_set_version(item, &info->VersionInfo);
        if (item->rare) { /* written here, now: the current path is the original one */
            free(item->rare->original_path);
            item->rare->original_path = NULL;
        }
        prjsim__item_sync_links(item);
    } else if (hr == S_OK) {
        /* Removed with no tombstone: a name the provider still projects is virtual again. */
        prjsim__item_destroy(item);
    }
done:;
    char *u = sim->options.trace ? prjsim__utf8(dest) : NULL;
    char hb[96];
    prjsim__trace(sim, PRJSIM_TRACE_API, hr, "api %s \"%s\" flags=0x%x%s -> %s causes=0x%x", api, u,
                  (unsigned)flags, outcome, prjsim__hr_str(hb, sizeof hb, hr), (unsigned)causes);
    free(u);
    prjsim__unlock(sim);
    prjsim__note_api_result(hr);
    return hr;
}

STDAPI PrjUpdateFileIfNeeded(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                             PCWSTR destinationFileName, const PRJ_PLACEHOLDER_INFO *placeholderInfo,
                             UINT32 placeholderInfoSize, PRJ_UPDATE_TYPES updateFlags,
                             PRJ_UPDATE_FAILURE_CAUSES *failureReason)
{
    return update_or_delete(namespaceVirtualizationContext, destinationFileName, placeholderInfo,
                            placeholderInfoSize, updateFlags, failureReason, true, "PrjUpdateFileIfNeeded");
}

STDAPI PrjDeleteFile(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                     PCWSTR destinationFileName, PRJ_UPDATE_TYPES updateFlags,
                     PRJ_UPDATE_FAILURE_CAUSES *failureReason)
{
    return update_or_delete(namespaceVirtualizationContext, destinationFileName, NULL, 0, updateFlags,
                            failureReason, false, "PrjDeleteFile");
}

STDAPI PrjGetOnDiskFileState(PCWSTR destinationFileName, PRJ_FILE_STATE *fileState)
{
    if (!destinationFileName || !fileState)
        return E_INVALIDARG;
    prjsim__path p;
    if (!prjsim__path_parse(&p, destinationFileName))
        return E_INVALIDARG;
    prjsim_sim *sim = prjsim_sim_current();
    prjsim__lock(sim);
    HRESULT hr = S_OK;
    prjsim__item *it = prjsim__item_child(sim->volume, p.comp[0], p.len[0]);
    for (uint32_t i = 1; it && i < p.count; i++) {
        prjsim__item *c = prjsim__item_child(it, p.comp[i], p.len[i]);
        bool leaf = i + 1 == p.count;
        if (!c || (!leaf && (!prjsim__item_visible(c) || !(c->state & ITEM_DIR)))) {
            hr = HRESULT_FROM_WIN32(leaf ? ERROR_FILE_NOT_FOUND : ERROR_PATH_NOT_FOUND);
            it = NULL;
            break;
        }
        it = c;
    }
    if (!it && hr == S_OK)
        hr = HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND);
    if (it && (it->state & ITEM_TOMBSTONE) && prjsim__instance_of_item(it))
        hr = HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND); /* a running provider hides tombstones */
    if (hr == S_OK)
        *fileState = prjsim__item_file_state(it);
    prjsim__unlock(sim);
    prjsim__path_free(&p);
    return hr;
}
