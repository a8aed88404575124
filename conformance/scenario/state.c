/* SPDX-License-Identifier: MIT */
/*
 * The state of an item as `expect state` sees it: the on-disk bits of PrjGetOnDiskFileState
 * (placeholder, hydrated, dirty, full, tombstone), or virtual (the provider projects it and
 * nothing is on disk), or missing.
 *
 * While its provider runs, ProjFS hides a tombstone from PrjGetOnDiskFileState (section 4.11).
 * On the simulator's volume (PRJSIM_BACKEND_CAP_VOLUME) the interpreter tells a tombstone apart
 * with PrjDeleteFile without ALLOW_TOMBSTONE, which on a tombstone fails with the TOMBSTONE cause
 * and changes nothing, and on anything that is not on disk fails with not-found; it is only asked
 * when PrjGetOnDiskFileState found nothing. Its trace line is left out of every expectation.
 *
 * Without the volume (real ProjFS) nothing is asked that could change the disk: that PrjDeleteFile
 * is not confirmed to be harmless there, so only the backend's PrjGetOnDiskFileState is read and a
 * state it cannot tell apart (virtual, missing or a tombstone) stays a set of candidates, which
 * expect.c turns into a skip (DEVIATIONS.md). None of this calls the provider.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

typedef enum probe { PROBE_NO, PROBE_YES, PROBE_UNKNOWN } probe;

static bool has_volume(const scn_exec *r)
{
    return (scn_backend_caps(r->options, r->be) & PRJSIM_BACKEND_CAP_VOLUME) != 0;
}

/* Is the item at @p rel a tombstone? (Only asked when PrjGetOnDiskFileState found nothing.) */
static probe probe_tombstone(scn_exec *r, const WCHAR *rel)
{
    if (!r->running || r->external)
        return PROBE_NO; /* stopped: the on-disk state shows a tombstone; a provider program's context is its own */
    if (!has_volume(r))
        return PROBE_UNKNOWN;
    size_t from = scn_sim_trace_count(r);
    PRJ_UPDATE_FAILURE_CAUSES causes = PRJ_UPDATE_FAILURE_CAUSE_NONE;
    HRESULT hr = PrjDeleteFile(r->ctx, rel, PRJ_UPDATE_NONE, &causes);
    scn_hide_trace(r, from, scn_sim_trace_count(r));
    return hr == HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION) &&
                   (causes & PRJ_UPDATE_FAILURE_CAUSE_TOMBSTONE)
               ? PROBE_YES
               : PROBE_NO;
}

/* PrjGetOnDiskFileState of the script's path @p full (where the run keeps it, scn_disk_path):
 * the simulator's own on its volume, else the backend's. */
static bool on_disk(scn_exec *r, const WCHAR *full, PRJ_FILE_STATE *st)
{
    WCHAR *disk = scn_disk_path(r, full);
    bool ok = has_volume(r) ? PrjGetOnDiskFileState(disk, st) == S_OK : r->be->on_disk_state(disk, st) == S_OK;
    free(disk);
    return ok;
}

static size_t add(uint32_t *states, size_t n, uint32_t s)
{
    for (size_t i = 0; i < n; i++)
        if (states[i] == s)
            return n;
    states[n] = s;
    return n + 1;
}

size_t scn_item_states(scn_exec *r, const WCHAR *full, uint32_t states[SCN_STATE_CANDIDATES])
{
    PRJ_FILE_STATE st = 0;
    if (on_disk(r, full, &st)) {
        states[0] = (uint32_t)st;
        return 1;
    }
    WCHAR *rel = scn_relative(r, full);
    if (!rel || !rel[0]) {
        free(rel);
        states[0] = SCN_STATE_MISSING;
        return 1;
    }
    probe leaf = probe_tombstone(r, rel);
    if (leaf == PROBE_YES) {
        free(rel);
        states[0] = PRJ_FILE_STATE_TOMBSTONE;
        return 1;
    }
    /*
     * Virtual: the store has it, and the deepest ancestor on disk is the root or a placeholder
     * directory (a full directory is not projected into), with no tombstone on the way.
     */
    bool store_has = SUCCEEDED(memtree_stat(r->tree, rel, NULL, NULL, 0));
    size_t n = 0;
    if (store_has) {
        const WCHAR *root = r->script->setup.root;
        size_t rootlen = wcslen(root);
        size_t len = wcslen(full);
        WCHAR *prefix = malloc((len + 1) * sizeof *prefix);
        if (!prefix)
            abort();
        uint32_t result = SCN_STATE_VIRTUAL;
        bool maybe_missing = false; /* an ancestor may be a tombstone */
        /* walk the components below the root */
        for (size_t i = rootlen + 1; i <= len; i++) {
            if (i < len && full[i] != L'\\' && full[i] != L'/')
                continue;
            if (i == len)
                break; /* the leaf itself was checked above */
            wmemcpy(prefix, full, i);
            prefix[i] = 0;
            PRJ_FILE_STATE ps;
            if (on_disk(r, prefix, &ps)) {
                if (ps & PRJ_FILE_STATE_FULL) {
                    result = SCN_STATE_MISSING; /* a local directory: nothing is projected into it */
                    break;
                }
                continue;
            }
            WCHAR *prel = scn_relative(r, prefix);
            probe tomb = prel ? probe_tombstone(r, prel) : PROBE_NO;
            free(prel);
            if (tomb == PROBE_YES)
                result = SCN_STATE_MISSING;
            maybe_missing = tomb == PROBE_UNKNOWN;
            break; /* below a virtual directory everything in the store is virtual */
        }
        n = add(states, n, result);
        if (maybe_missing)
            n = add(states, n, SCN_STATE_MISSING);
        free(prefix);
    } else {
        n = add(states, n, SCN_STATE_MISSING);
    }
    if (leaf == PROBE_UNKNOWN)
        n = add(states, n, PRJ_FILE_STATE_TOMBSTONE);
    free(rel);
    return n;
}

uint32_t scn_item_state(scn_exec *r, const WCHAR *full)
{
    uint32_t states[SCN_STATE_CANDIDATES];
    scn_item_states(r, full, states);
    return states[0];
}
