/* SPDX-License-Identifier: MIT */
/*
 * ProjectedFSLib.dll, loaded at run time. ProjFS is an optional Windows feature (Client-ProjFS);
 * a program linked against ProjectedFSLib.lib does not even start where it is off. This file's
 * companion defines every Prj* function of projectedfslib.h as a call through the DLL loaded on
 * first use, so programs start anywhere and can say what is missing (docs/windows.md).
 */
#ifndef PRJSIM_PROJFS_DLL_H
#define PRJSIM_PROJFS_DLL_H

#include "../conformance/windows_status.h"
#include <projectedfslib.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What a program prints, alone on a line on stderr, before it exits 2 where ProjFS is off. */
#define PRJSIM_PROJFS_UNAVAILABLE_MESSAGE                                                        \
    "ProjFS is not available on this machine (ProjectedFSLib.dll not found): run "              \
    "`Enable-WindowsOptionalFeature -Online -FeatureName Client-ProjFS` as administrator"

/*
 * Loads ProjectedFSLib.dll from the system directory and resolves every function the loader
 * knows, once per process (later calls return the first answer).
 * @param why receives, on failure, one line saying what is missing (the message above when the
 *        DLL is absent; the missing function's name when the DLL is too old). May be NULL.
 * @return true when every required function was found.
 */
bool prjsim_projfs_load(char *why, size_t why_size);

/* prjsim_projfs_load, and on failure prints its line to stderr and exits with status 2. */
void prjsim_projfs_require(void);

/*
 * The answers of the name helpers (PrjFileNameCompare, PrjFileNameMatch,
 * PrjDoesNameContainWildCards) where the DLL is missing, for a program that orders names before
 * it needs ProjFS: prjsim-run.exe parses scenarios with memtree, which sorts names with
 * PrjFileNameCompare, and gives prjsim's own rules (sim/names.c). Microsoft documents the
 * compare as the order "the file system does" sort names in
 * (https://learn.microsoft.com/windows/win32/api/projectedfslib/nf-projectedfslib-prjfilenamecompare);
 * sim/names.c is our reading of that order (the semantics reference, names). NULL, the default:
 * such a call stops the program with the message above, since no provider can have started.
 */
typedef struct prjsim_projfs_names {
    int (*compare)(PCWSTR fileName1, PCWSTR fileName2);
    BOOLEAN (*match)(PCWSTR fileNameToCheck, PCWSTR pattern);
    BOOLEAN (*wildcards)(PCWSTR fileName);
} prjsim_projfs_names;
void prjsim_projfs_names_without_dll(const prjsim_projfs_names *names);

/*
 * The result a Prj* forwarder returns when the DLL or the function is missing:
 * HRESULT_FROM_WIN32(ERROR_MOD_NOT_FOUND) or HRESULT_FROM_WIN32(ERROR_PROC_NOT_FOUND).
 */
HRESULT prjsim_projfs_missing_result(void);

#ifdef __cplusplus
}
#endif

#endif
