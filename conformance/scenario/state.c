/* SPDX-License-Identifier: MIT */
/*
 * The state of an item as `expect state` sees it: the on-disk bits of PrjGetOnDiskFileState
 * (placeholder, hydrated, dirty, full, tombstone), or virtual (the provider projects it and
 * nothing is on disk), or missing.
 *
 * While its provider runs, ProjFS hides a tombstone from PrjGetOnDiskFileState (section 4.11).
 * The interpreter tells a tombstone apart with PrjDeleteFile without ALLOW_TOMBSTONE, which on a
 * tombstone fails with the TOMBSTONE cause and changes nothing, and on anything that is not on
 * disk fails with not-found; it is only asked when PrjGetOnDiskFileState found nothing. Its trace
 * line is left out of every expectation. None of this calls the provider.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Is the item at @p rel a tombstone? (Only asked when PrjGetOnDiskFileState found nothing.) */
static bool probe_tombstone(scn_exec *r, const WCHAR *rel)
{
    if (!r->running || r->external)
        return false; /* a provider program's context is its own */
    size_t from = scn_sim_trace_count(r);
    PRJ_UPDATE_FAILURE_CAUSES causes = PRJ_UPDATE_FAILURE_CAUSE_NONE;
    HRESULT hr = PrjDeleteFile(r->ctx, rel, PRJ_UPDATE_NONE, &causes);
    scn_hide_trace(r, from, scn_sim_trace_count(r));
    return hr == HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION) &&
           (causes & PRJ_UPDATE_FAILURE_CAUSE_TOMBSTONE);
}

static bool on_disk(const WCHAR *full, PRJ_FILE_STATE *st)
{
    return PrjGetOnDiskFileState(full, st) == S_OK;
}

uint32_t scn_item_state(scn_exec *r, const WCHAR *full)
{
    PRJ_FILE_STATE st = 0;
    if (on_disk(full, &st))
        return (uint32_t)st;
    WCHAR *rel = scn_relative(r, full);
    if (!rel || !rel[0]) {
        free(rel);
        return SCN_STATE_MISSING;
    }
    if (probe_tombstone(r, rel)) {
        free(rel);
        return PRJ_FILE_STATE_TOMBSTONE;
    }
    /*
     * Virtual: the store has it, and the deepest ancestor on disk is the root or a placeholder
     * directory (a full directory is not projected into), with no tombstone on the way.
     */
    bool store_has = SUCCEEDED(memtree_stat(r->tree, rel, NULL, NULL, 0));
    uint32_t result = SCN_STATE_MISSING;
    if (store_has) {
        const WCHAR *root = r->script->setup.root;
        size_t rootlen = wcslen(root);
        size_t n = wcslen(full);
        WCHAR *prefix = malloc((n + 1) * sizeof *prefix);
        if (!prefix)
            abort();
        result = SCN_STATE_VIRTUAL;
        /* walk the components below the root */
        for (size_t i = rootlen + 1; i <= n; i++) {
            if (i < n && full[i] != L'\\' && full[i] != L'/')
                continue;
            if (i == n)
                break; /* the leaf itself was checked above */
            wmemcpy(prefix, full, i);
            prefix[i] = 0;
            PRJ_FILE_STATE ps;
            if (on_disk(prefix, &ps)) {
                if (ps & PRJ_FILE_STATE_FULL) {
                    result = SCN_STATE_MISSING; /* a local directory: nothing is projected into it */
                    break;
                }
                continue;
            }
            WCHAR *prel = scn_relative(r, prefix);
            bool tomb = prel && probe_tombstone(r, prel);
            free(prel);
            if (tomb)
                result = SCN_STATE_MISSING;
            break; /* below a virtual directory everything in the store is virtual */
        }
        free(prefix);
    }
    free(rel);
    return result;
}
