/* SPDX-License-Identifier: MIT */
/*
 * The real-ProjFS backend: root, start, stop, removal (projfs_backend.h).
 *
 * What Microsoft documents for the calls made here (learn.microsoft.com, projectedfslib.h):
 *  - PrjMarkDirectoryAsPlaceholder(root, NULL, NULL, &id) designates an existing directory as
 *    the virtualization root; the provider does it once per new instance. It returns
 *    HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED) when the directory already has a
 *    reparse point (memtree_start accepts that for an already marked root).
 *  - PrjStartVirtualizing needs the root marked first, else
 *    HRESULT_FROM_WIN32(ERROR_REPARSE_TAG_MISMATCH); the callbacks may run on ProjFS's thread
 *    pool as soon as it returns.
 *  - PrjStopVirtualizing "stops a running ProjFS virtualization instance, making it unavailable
 *    to service I/O or involve the provider in callback processing"; the context is invalid
 *    afterwards.
 *  - PrjGetOnDiskFileState on the provider's own root may invoke its callbacks; memtree's run on
 *    ProjFS's threads and prjconf holds none of memtree's locks while it asks, so no deadlock.
 * Removal: see prjsim_projfs_root_finish.
 */
#include "projfs_backend.h"

#include <prjsim/status.h>

#include <stdio.h>
#include <string.h>
#include <wchar.h>

bool prjsim_projfs_root_join(const prjsim_projfs_root *r, const WCHAR *rel, WCHAR *out)
{
    int n = *rel ? swprintf(out, MAX_PATH, L"%ls\\%ls", r->path, rel) : swprintf(out, MAX_PATH, L"%ls", r->path);
    return n > 0 && n < MAX_PATH;
}

static void win32_reason(char *err, size_t errlen, const char *what, const WCHAR *path, DWORD code)
{
    char name[96];
    snprintf(err, errlen, "%s %ls: %s", what, path, prjsim_format_win32(name, sizeof name, code));
}

/* The root's long form: %TEMP% may be given in 8.3 short names (C:\Users\RUNNER~1\...), which
 * reports would then print, and which ProjFS is not documented to accept or expand
 * (GetLongPathNameW; it needs the folder to exist). On failure the path stays as it is. */
static void use_long_form(WCHAR path[MAX_PATH])
{
    WCHAR long_path[MAX_PATH];
    DWORD n = GetLongPathNameW(path, long_path, MAX_PATH);
    if (n > 0 && n < MAX_PATH)
        wcscpy(path, long_path);
}

bool prjsim_projfs_root_create(prjsim_projfs_root *r, const WCHAR *given, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    if (given) {
        /* GetFullPathNameW: the provider API wants full paths (PrjStartVirtualizing). */
        DWORD n = GetFullPathNameW(given, MAX_PATH, r->path, NULL);
        if (n == 0 || n >= MAX_PATH) {
            snprintf(err, errlen, "--root %ls: not a usable path", given);
            return false;
        }
        size_t len = wcslen(r->path);
        while (len > 3 && (r->path[len - 1] == L'\\' || r->path[len - 1] == L'/'))
            r->path[--len] = 0;
        if (CreateDirectoryW(r->path, NULL)) {
            r->created = true;
            use_long_form(r->path);
            return true;
        }
        DWORD e = GetLastError();
        if (e != ERROR_ALREADY_EXISTS) {
            win32_reason(err, errlen, "cannot create the root", r->path, e);
            return false;
        }
        /* An existing directory is used as it is and left in place at the end. */
        DWORD attrs = GetFileAttributesW(r->path);
        if (attrs == INVALID_FILE_ATTRIBUTES || !(attrs & FILE_ATTRIBUTE_DIRECTORY)) {
            snprintf(err, errlen, "--root %ls: exists and is not a directory", r->path);
            return false;
        }
        use_long_form(r->path);
        return true;
    }
    WCHAR temp[MAX_PATH];
    DWORD n = GetTempPathW(MAX_PATH, temp); /* ends with a backslash */
    if (n == 0 || n >= MAX_PATH) {
        snprintf(err, errlen, "no temporary folder (GetTempPathW: Win32 error %lu)", (unsigned long)GetLastError());
        return false;
    }
    for (unsigned attempt = 0; attempt < 100; attempt++) {
        swprintf(r->path, MAX_PATH, L"%lsprjsim-%lu-%u", temp, (unsigned long)GetCurrentProcessId(), attempt);
        if (CreateDirectoryW(r->path, NULL)) {
            r->created = true;
            use_long_form(r->path);
            return true;
        }
        if (GetLastError() != ERROR_ALREADY_EXISTS) {
            win32_reason(err, errlen, "cannot create the root", r->path, GetLastError());
            return false;
        }
    }
    snprintf(err, errlen, "cannot create a fresh root under %ls", temp);
    return false;
}

bool prjsim_projfs_root_start(prjsim_projfs_root *r, const char *manifest, char *err, size_t errlen)
{
    /* Before the manifest: memtree sorts names with PrjFileNameCompare, from the DLL. */
    if (!prjsim_projfs_load(err, errlen))
        return false;
    HRESULT hr = memtree_create(&r->tree);
    if (FAILED(hr)) {
        char name[96];
        snprintf(err, errlen, "memtree_create: %s", prjsim_format_code(name, sizeof name, hr, false));
        return false;
    }
    char why[512] = "";
    hr = memtree_load_manifest(r->tree, manifest, why, sizeof why);
    if (FAILED(hr)) {
        snprintf(err, errlen, "%s", why[0] ? why : "cannot load the manifest");
        return false;
    }
    /* memtree_start: PrjMarkDirectoryAsPlaceholder with a fresh GUID, then PrjStartVirtualizing. */
    hr = memtree_start(r->tree, r->path, NULL, &r->ctx);
    if (FAILED(hr)) {
        r->ctx = NULL;
        /* ProjectedFSLib.dll can be present while the driver (PrjFlt) is not running: say so. */
        char name[96];
        snprintf(err, errlen,
                 "starting the reference provider on %ls: %s (if the Client-ProjFS "
                 "feature was just enabled, its driver may need a restart or `fltmc load PrjFlt`)",
                 r->path, prjsim_format_code(name, sizeof name, hr, false));
        return false;
    }
    return true;
}

bool prjsim_projfs_root_start_program(prjsim_projfs_root *r, const WCHAR *const *argv, size_t argc,
                                      DWORD timeout_ms, char *err, size_t errlen)
{
    if (!prjsim_projfs_load(err, errlen))
        return false;
    return prjsim_provider_process_start(&r->program, argv, argc, r->path, timeout_ms, err, errlen);
}

/* Deletes everything under @p dir (not @p dir itself); the first failure goes to @p err. */
static bool remove_children(const WCHAR *dir, char *err, size_t errlen)
{
    WCHAR pattern[MAX_PATH];
    if (swprintf(pattern, MAX_PATH, L"%ls\\*", dir) < 0) {
        snprintf(err, errlen, "path too long under %ls", dir);
        return false;
    }
    bool ok = true;
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileExW(pattern, FindExInfoBasic, &fd, FindExSearchNameMatch, NULL, 0);
    if (h == INVALID_HANDLE_VALUE) {
        DWORD e = GetLastError();
        if (e == ERROR_FILE_NOT_FOUND || e == ERROR_NO_MORE_FILES)
            return true;
        win32_reason(err, errlen, "cannot list", dir, e);
        return false;
    }
    do {
        if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
            continue;
        WCHAR child[MAX_PATH];
        if (swprintf(child, MAX_PATH, L"%ls\\%ls", dir, fd.cFileName) < 0) {
            if (ok)
                snprintf(err, errlen, "path too long under %ls", dir);
            ok = false;
            continue;
        }
        if (fd.dwFileAttributes & FILE_ATTRIBUTE_READONLY)
            SetFileAttributesW(child, fd.dwFileAttributes & ~(DWORD)FILE_ATTRIBUTE_READONLY);
        /* A directory symbolic link or junction is removed, never entered: its target may be
         * outside the root. dwReserved0 holds the reparse tag (WIN32_FIND_DATAW); ProjFS's own
         * tag is no name surrogate, so placeholder folders are still emptied. RemoveDirectoryW
         * removes a link, not its target (RemoveDirectoryW, Remarks). */
        bool link = (fd.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) &&
                    IsReparseTagNameSurrogate(fd.dwReserved0);
        bool removed;
        if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
            removed = (link || remove_children(child, err, errlen)) && RemoveDirectoryW(child);
            if (!removed && ok && !err[0])
                win32_reason(err, errlen, "cannot remove", child, GetLastError());
        } else {
            removed = DeleteFileW(child) != 0;
            if (!removed && ok)
                win32_reason(err, errlen, "cannot delete", child, GetLastError());
        }
        ok = ok && removed;
    } while (FindNextFileW(h, &fd));
    FindClose(h);
    return ok;
}

bool prjsim_projfs_root_empty(const prjsim_projfs_root *r, char *err, size_t errlen)
{
    if (errlen)
        err[0] = 0;
    return remove_children(r->path, err, errlen);
}

bool prjsim_projfs_root_finish(prjsim_projfs_root *r, char *err, size_t errlen)
{
    bool remove = r->created && !r->keep;
    if (errlen)
        err[0] = 0;
    /*
     * While the instance runs, the tree is emptied as any program would (deleting placeholders
     * leaves tombstones, which ProjFS hides). After PrjStopVirtualizing, listing a placeholder
     * directory, opening a non-hydrated placeholder or a recursive delete fail with
     * ERROR_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE (semantics reference 6.1), so the tree cannot
     * be emptied then. Whether RemoveDirectoryW then removes a stopped root holding only
     * tombstones is UNCONFIRMED: a failure is reported with the path, not hidden.
     */
    char first[512] = "";
    if ((r->ctx || r->program.process) && remove)
        remove_children(r->path, first, sizeof first);
    if (r->ctx) {
        PrjStopVirtualizing(r->ctx);
        r->ctx = NULL;
    }
    char stopping[256] = "";
    bool stopped = prjsim_provider_process_stop(&r->program, 10000, stopping, sizeof stopping);
    if (r->tree) {
        memtree_destroy(r->tree);
        r->tree = NULL;
    }
    if (!stopped)
        snprintf(err, errlen, "%s", stopping);
    if (!remove)
        return stopped;
    r->created = false;
    if (RemoveDirectoryW(r->path))
        return stopped;
    /* Not started (or stopped with something left): an ordinary folder, emptied now. */
    char now[512] = "";
    if (remove_children(r->path, now, sizeof now) && RemoveDirectoryW(r->path))
        return stopped;
    if (first[0])
        snprintf(err, errlen, "%s", first);
    else if (now[0])
        snprintf(err, errlen, "%s", now);
    else
        win32_reason(err, errlen, "cannot remove", r->path, GetLastError());
    return false;
}
