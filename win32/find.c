/* SPDX-License-Identifier: MIT */
/*
 * Directory listings: FindFirstFile(Ex)W/A, FindNextFileW/A, FindClose.
 *
 * The last component of the name is the pattern; the rest names the directory. As kernel32
 * does before the file system sees it, `*.*` becomes `*`, `?` becomes `>` (DOS_QM), a `.`
 * followed by `?`, `*` or the end becomes `"` (DOS_DOT), and a `*` followed by `.` becomes `<`
 * (DOS_STAR). Inside a root the pattern goes to the simulator's directory query (and so to the
 * provider's GetDirectoryEnumeration); on the host it is matched with PrjFileNameMatch.
 *
 * Find handles are their own kind of handle, kept in their own registry: FindClose closes them
 * and CloseHandle does not know them, as on Windows.
 */
#include "files.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static prjsim__find **live;
static size_t live_count, live_cap;

static bool track(prjsim__find *fd)
{
    pthread_mutex_lock(&lock);
    if (live_count == live_cap) {
        size_t cap = live_cap ? live_cap * 2 : 16;
        prjsim__find **grown = realloc(live, cap * sizeof *live);
        if (!grown) {
            pthread_mutex_unlock(&lock);
            return false;
        }
        live = grown;
        live_cap = cap;
    }
    live[live_count++] = fd;
    pthread_mutex_unlock(&lock);
    return true;
}

/* The open find behind @p h; with @p remove it is also taken out of the registry. */
static prjsim__find *lookup(HANDLE h, bool remove)
{
    prjsim__find *found = NULL;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < live_count; i++) {
        if ((HANDLE)live[i] == h) {
            found = live[i];
            if (remove)
                live[i] = live[--live_count];
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    if (!found)
        SetLastError(ERROR_INVALID_HANDLE);
    return found;
}

void prjsim__files_nt_pattern(PCWSTR in, WCHAR *out, size_t out_chars)
{
    if (!out_chars)
        return;
    if (!wcscmp(in, L"*.*")) {
        wcsncpy(out, L"*", out_chars);
        out[out_chars - 1] = 0;
        return;
    }
    size_t i = 0;
    for (; in[i] && i + 1 < out_chars; i++) {
        WCHAR c = in[i], next = in[i + 1];
        if (c == L'?')
            c = L'>';
        else if (c == L'.' && (next == L'?' || next == L'*' || next == 0))
            c = L'"';
        else if (c == L'*' && next == L'.')
            c = L'<';
        out[i] = c;
    }
    out[i] = 0;
}

static void to_filetime(INT64 ticks, FILETIME *ft)
{
    ft->dwLowDateTime = (DWORD)((UINT64)ticks & 0xFFFFFFFFu);
    ft->dwHighDateTime = (DWORD)((UINT64)ticks >> 32);
}

static void to_find_data(const prjsim__fentry *e, WIN32_FIND_DATAW *out)
{
    memset(out, 0, sizeof *out);
    out->dwFileAttributes = e->st.attributes;
    to_filetime(e->st.creation, &out->ftCreationTime);
    to_filetime(e->st.access, &out->ftLastAccessTime);
    to_filetime(e->st.write, &out->ftLastWriteTime);
    out->nFileSizeHigh = (DWORD)(e->st.size >> 32);
    out->nFileSizeLow = (DWORD)e->st.size;
    if (e->st.attributes & FILE_ATTRIBUTE_REPARSE_POINT)
        out->dwReserved0 = 0xA000000Cu; /* IO_REPARSE_TAG_SYMLINK: the only visible kind */
    wcsncpy(out->cFileName, e->name, MAX_PATH - 1);
}

/* The next entry the caller should see, honouring FIND_FIRST_EX_ON_DISK_ENTRIES_ONLY. */
static DWORD next_entry(prjsim__find *fd, WIN32_FIND_DATAW *out)
{
    prjsim__fentry e;
    for (;;) {
        DWORD err = fd->be->find_next(fd, &e);
        if (err)
            return err;
        if ((fd->additional_flags & FIND_FIRST_EX_ON_DISK_ENTRIES_ONLY) &&
            (e.st.attributes & FILE_ATTRIBUTE_RECALL_ON_OPEN))
            continue; /* only in the provider's store, not on disk */
        to_find_data(&e, out);
        return 0;
    }
}

static void destroy(prjsim__find *fd)
{
    fd->be->find_close(fd);
    free(fd);
}

static bool is_sep(WCHAR c)
{
    return c == L'\\' || c == L'/';
}

HANDLE WINAPI FindFirstFileExW(LPCWSTR lpFileName, FINDEX_INFO_LEVELS fInfoLevelId,
                               LPVOID lpFindFileData, FINDEX_SEARCH_OPS fSearchOp,
                               LPVOID lpSearchFilter, DWORD dwAdditionalFlags)
{
    if (!lpFileName || !lpFindFileData || lpSearchFilter ||
        (fInfoLevelId != FindExInfoStandard && fInfoLevelId != FindExInfoBasic) ||
        (fSearchOp != FindExSearchNameMatch && fSearchOp != FindExSearchLimitToDirectories) ||
        (dwAdditionalFlags & ~(DWORD)(FIND_FIRST_EX_CASE_SENSITIVE | FIND_FIRST_EX_LARGE_FETCH |
                                      FIND_FIRST_EX_ON_DISK_ENTRIES_ONLY))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    /* Split "dir\pattern"; "X:pattern" and a bare "pattern" list the current directory. */
    size_t n = wcslen(lpFileName);
    size_t cut = n;
    while (cut > 0 && !is_sep(lpFileName[cut - 1]))
        cut--;
    const WCHAR *raw = lpFileName + cut;
    WCHAR *dir = NULL;
    if (cut > 0) {
        dir = wcsdup(lpFileName);
        if (dir)
            dir[cut] = 0;
    } else if (n >= 2 && lpFileName[1] == L':') {
        dir = wcsdup(lpFileName);
        if (dir)
            dir[2] = 0;
        raw = lpFileName + 2;
    } else {
        dir = wcsdup(L".");
    }
    if (!dir) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    DWORD err = 0;
    if (!raw[0])
        err = ERROR_FILE_NOT_FOUND; /* "C:\dir\": no pattern, nothing matches */
    for (const WCHAR *p = raw; !err && *p; p++)
        if (*p < 0x20 || *p == L'|' || *p == L':')
            err = ERROR_INVALID_NAME;
    prjsim__fpath fp = {0};
    if (!err)
        err = prjsim__files_resolve(&fp, dir, 0);
    free(dir);
    WCHAR pattern[MAX_PATH + 1];
    prjsim__files_nt_pattern(raw, pattern, MAX_PATH + 1);
    prjsim__find *fd = NULL;
    if (!err && !(fd = calloc(1, sizeof *fd)))
        err = ERROR_NOT_ENOUGH_MEMORY;
    if (!err) {
        fd->be = prjsim__files_backend_of(&fp);
        fd->additional_flags = dwAdditionalFlags;
        fd->drive_root = fp.drive_root;
        err = fd->be->find_open(fd, &fp, pattern);
        if (!err) {
            err = next_entry(fd, lpFindFileData);
            if (err == ERROR_NO_MORE_FILES)
                err = ERROR_FILE_NOT_FOUND;
        }
        if (!err && !track(fd))
            err = ERROR_NOT_ENOUGH_MEMORY;
        if (err)
            destroy(fd);
    }
    prjsim__files_fpath_free(&fp);
    if (err) {
        SetLastError(err);
        return INVALID_HANDLE_VALUE;
    }
    return (HANDLE)fd;
}

HANDLE WINAPI FindFirstFileW(LPCWSTR lpFileName, LPWIN32_FIND_DATAW lpFindFileData)
{
    return FindFirstFileExW(lpFileName, FindExInfoStandard, lpFindFileData, FindExSearchNameMatch,
                            NULL, 0);
}

BOOL WINAPI FindNextFileW(HANDLE hFindFile, LPWIN32_FIND_DATAW lpFindFileData)
{
    prjsim__find *fd = lookup(hFindFile, false);
    if (!fd)
        return FALSE;
    if (!lpFindFileData) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    DWORD err = next_entry(fd, lpFindFileData);
    if (err) {
        SetLastError(err);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI FindClose(HANDLE hFindFile)
{
    prjsim__find *fd = lookup(hFindFile, true);
    if (!fd)
        return FALSE;
    destroy(fd);
    return TRUE;
}

/* ---- the A forms ---- */

static void to_find_data_a(const WIN32_FIND_DATAW *w, WIN32_FIND_DATAA *a)
{
    memset(a, 0, sizeof *a);
    a->dwFileAttributes = w->dwFileAttributes;
    a->ftCreationTime = w->ftCreationTime;
    a->ftLastAccessTime = w->ftLastAccessTime;
    a->ftLastWriteTime = w->ftLastWriteTime;
    a->nFileSizeHigh = w->nFileSizeHigh;
    a->nFileSizeLow = w->nFileSizeLow;
    a->dwReserved0 = w->dwReserved0;
    a->dwReserved1 = w->dwReserved1;
    char *u = prjsim__paths_utf8(w->cFileName);
    if (u) {
        size_t len = strlen(u);
        if (len >= MAX_PATH) {
            len = MAX_PATH - 1;
            while (len > 0 && (u[len] & 0xC0) == 0x80)
                len--; /* do not split a character */
        }
        memcpy(a->cFileName, u, len);
        a->cFileName[len] = 0;
        free(u);
    }
}

HANDLE WINAPI FindFirstFileExA(LPCSTR lpFileName, FINDEX_INFO_LEVELS fInfoLevelId,
                               LPVOID lpFindFileData, FINDEX_SEARCH_OPS fSearchOp,
                               LPVOID lpSearchFilter, DWORD dwAdditionalFlags)
{
    if (!lpFileName || !lpFindFileData) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    WCHAR *w = prjsim__paths_wide(lpFileName);
    if (!w) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    WIN32_FIND_DATAW data;
    HANDLE h = FindFirstFileExW(w, fInfoLevelId, &data, fSearchOp, lpSearchFilter,
                                dwAdditionalFlags);
    free(w);
    if (h != INVALID_HANDLE_VALUE)
        to_find_data_a(&data, lpFindFileData);
    return h;
}

HANDLE WINAPI FindFirstFileA(LPCSTR lpFileName, LPWIN32_FIND_DATAA lpFindFileData)
{
    return FindFirstFileExA(lpFileName, FindExInfoStandard, lpFindFileData, FindExSearchNameMatch,
                            NULL, 0);
}

BOOL WINAPI FindNextFileA(HANDLE hFindFile, LPWIN32_FIND_DATAA lpFindFileData)
{
    if (!lpFindFileData) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WIN32_FIND_DATAW data;
    if (!FindNextFileW(hFindFile, &data))
        return FALSE;
    to_find_data_a(&data, lpFindFileData);
    return TRUE;
}
