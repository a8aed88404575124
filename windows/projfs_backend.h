/* SPDX-License-Identifier: MIT */
/*
 * The real-ProjFS backend (Windows): a fresh virtualization root, the bundled reference provider
 * (memtree) started on it through ProjectedFSLib.dll, and the root stopped and removed at the
 * end, also after a failure. The Linux backends (sim, win32) are in conformance/backend/.
 */
#ifndef PRJSIM_PROJFS_BACKEND_H
#define PRJSIM_PROJFS_BACKEND_H

#include "projfs_dll.h"
#include "provider_process.h"

#include <memtree.h>

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct prjsim_projfs_root {
    WCHAR path[MAX_PATH];                     /* full path of the root, no trailing separator */
    bool created;                             /* we made the directory, so we remove it */
    bool keep;                                /* leave it in place at the end (--keep-root) */
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx; /* NULL until started */
    memtree *tree;                            /* the bundled provider's tree; owned */
    prjsim_provider_process program;          /* or a provider program serving the root */
} prjsim_projfs_root;

/*
 * Makes the root directory: @p given (must not exist yet, or be an empty directory) or, when
 * NULL, a fresh one under %TEMP% (GetTempPathW) named prjsim-PID-N.
 * @return false with a one-line reason in @p err.
 */
bool prjsim_projfs_root_create(prjsim_projfs_root *r, const WCHAR *given, char *err, size_t errlen);

/*
 * Loads @p manifest into a new memtree (fixtures/memtree/README.md) and starts it on the root:
 * PrjMarkDirectoryAsPlaceholder with a new instance GUID, then PrjStartVirtualizing.
 * @return false with a one-line reason (the failing call and its HRESULT) in @p err.
 */
bool prjsim_projfs_root_start(prjsim_projfs_root *r, const char *manifest, char *err, size_t errlen);

/*
 * Starts a provider program on the root instead (provider_process.h): @p argv[0] is the .exe,
 * "{root}" arguments become the root's path. It marks and starts the root itself.
 * @return false with a one-line reason in @p err.
 */
bool prjsim_projfs_root_start_program(prjsim_projfs_root *r, const WCHAR *const *argv, size_t argc,
                                      DWORD timeout_ms, char *err, size_t errlen);

/*
 * Deletes everything under the root, not the root itself, as any program would: for instances
 * the caller started in it (the scenario runner's), while they still run. Directory links are
 * removed, never entered. @return false with the first failure in @p err.
 */
bool prjsim_projfs_root_empty(const prjsim_projfs_root *r, char *err, size_t errlen);

/*
 * Stops virtualizing (when started; a provider program is sent Enter and waited for), frees the tree and removes the root and what is under it
 * (when we created it and keep is not set). Safe on a root in any state, and twice.
 * @return false with the reason in @p err when the root could not be removed entirely.
 */
bool prjsim_projfs_root_finish(prjsim_projfs_root *r, char *err, size_t errlen);

/* "C:\...\root\rel" into @p out (MAX_PATH characters); false when too long. */
bool prjsim_projfs_root_join(const prjsim_projfs_root *r, const WCHAR *rel, WCHAR *out);

#ifdef __cplusplus
}
#endif

#endif
