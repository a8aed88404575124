/* SPDX-License-Identifier: MIT */
/*
 * Backend "win32": every operation is the Win32 call a Windows program makes (CreateFileW,
 * ReadFile, WriteFile, SetEndOfFile, SetFileTime, SetFileAttributesW, SetFileInformationByHandle
 * (basic information, delete disposition, rename), GetFileInformationByHandle,
 * GetFileAttributesExW, FindFirstFileExW, DeleteFileW, RemoveDirectoryW, MoveFileExW,
 * CreateHardLinkW, CreateSymbolicLinkW, CreateDirectoryW, CancelSynchronousIo) and the result is its last error, or
 * NtCreateFile (an open that must find or make a directory) and NtQueryDirectoryFile (a
 * directory handle's query, and listings that choose the buffer size or a wildcard pattern)
 * and the result is its NTSTATUS. On Linux these are
 * prjsim's Win32 layer, which turns them into the simulator's client operations; on Windows they
 * are kernel32's, over real ProjFS. A prjsim_backend_file is the HANDLE.
 *
 * Shapes with no Win32 call in our layer yet answer PRJSIM_BACKEND_UNSUPPORTED with the missing
 * call as the reason (paths outside the root with a provider program).
 */
#include "backend.h"

#include <windows.h>
#include <prjsim/drives.h>
#include <stdatomic.h>
#include <winternl.h>
#include <ntifs.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define HF(f) ((HANDLE)(f))

static prjsim_backend_result last_error(BOOL ok)
{
    return prjsim_backend_win32_error(ok ? 0 : GetLastError());
}

static const DWORD share_all = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

/*
 * On Linux our Win32 layer sends a path outside every virtualization root to the host file
 * system, not to the simulator's volume where the scenario put it; on Windows both are the same
 * NTFS volume. Such a path makes the operation unsupported here.
 */
static const char outside_reason[] = "win32 backend on Linux: outside the virtualization root our Win32 layer "
                                     "reaches the host file system, not the simulated volume";

/* The simulation attached as the whole world: the Win32 layer sends every path to its volume. */
static _Atomic(prjsim_sim *) attached;

static bool outside(const WCHAR *path)
{
    prjsim_sim *sim = prjsim_sim_current();
    return path && atomic_load(&attached) != sim && !prjsim_sim_is_inside_root(sim, path);
}

/* A run whose whole world is the simulated volume (the scenario runner without a provider
 * program): paths outside the root are on that volume too, as on one NTFS volume on Windows. */
static void w_attach(prjsim_sim *sim)
{
    atomic_store(&attached, sim);
    prjsim_drives_simulate_volume(sim);
}

/* NtCreateFile's CreateDisposition for a CreateFileW one (CREATE_NEW ... TRUNCATE_EXISTING). */
static ULONG nt_disposition(uint32_t disposition)
{
    static const ULONG map[] = {FILE_CREATE, FILE_OVERWRITE_IF, FILE_OPEN, FILE_OPEN_IF, FILE_OVERWRITE};
    return disposition >= CREATE_NEW && disposition <= TRUNCATE_EXISTING ? map[disposition - CREATE_NEW]
                                                                         : FILE_MAXIMUM_DISPOSITION + 1;
}

/*
 * An open that must find or make a directory (FILE_DIRECTORY_FILE) is NtCreateFile's alone:
 * CreateFileW can only open either kind with backup semantics, and a Windows program that wants
 * a directory handle in one create calls NtCreateFile. The rights and options are what kernel32
 * would add for a synchronous handle. The result is its NTSTATUS.
 */
static prjsim_backend_result nt_open(prjsim_backend_file **out, const prjsim_backend_open *o)
{
    static const WCHAR dos_prefix[] = L"\\??\\";
    size_t n = wcslen(o->path);
    WCHAR *name = malloc((n + 5) * sizeof *name);
    if (!name)
        abort();
    wcscpy(name, dos_prefix);
    wcscat(name, o->path);
    UNICODE_STRING us;
    RtlInitUnicodeString(&us, name);
    OBJECT_ATTRIBUTES oa;
    InitializeObjectAttributes(&oa, &us, OBJ_CASE_INSENSITIVE, NULL, NULL);
    ULONG options = FILE_SYNCHRONOUS_IO_NONALERT;
    if (o->flags & PRJSIM_OPEN_DIRECTORY)
        options |= FILE_DIRECTORY_FILE;
    if (o->flags & PRJSIM_OPEN_NON_DIRECTORY)
        options |= FILE_NON_DIRECTORY_FILE;
    if (o->flags & PRJSIM_OPEN_DELETE_ON_CLOSE)
        options |= FILE_DELETE_ON_CLOSE;
    if (o->flags & PRJSIM_OPEN_UNBUFFERED)
        options |= FILE_NO_INTERMEDIATE_BUFFERING;
    if (o->flags & PRJSIM_OPEN_REPARSE_POINT)
        options |= FILE_OPEN_REPARSE_POINT;
    ACCESS_MASK access = o->access | SYNCHRONIZE | FILE_READ_ATTRIBUTES;
    if (o->flags & PRJSIM_OPEN_DELETE_ON_CLOSE)
        access |= DELETE;
    HANDLE h = NULL;
    IO_STATUS_BLOCK io;
    NTSTATUS st = NtCreateFile(&h, access, &oa, &io, NULL, o->attributes, o->share, nt_disposition(o->disposition),
                               options, NULL, 0);
    free(name);
    if (st == STATUS_SUCCESS)
        *out = (prjsim_backend_file *)h;
    return prjsim_backend_status(st);
}

static prjsim_backend_result w_open(prjsim_backend_file **out, const prjsim_backend_open *o)
{
    *out = NULL;
    if (outside(o->path))
        return prjsim_backend_unsupported(outside_reason);
    if (o->flags & PRJSIM_OPEN_DIRECTORY)
        return nt_open(out, o);
    /* CreateFileW opens a directory only with backup semantics; without it the open is
     * FILE_NON_DIRECTORY_FILE. A case that leaves the kind open gets backup semantics. */
    DWORD flags = 0;
    if (!(o->flags & PRJSIM_OPEN_NON_DIRECTORY))
        flags |= FILE_FLAG_BACKUP_SEMANTICS;
    if (o->flags & PRJSIM_OPEN_DELETE_ON_CLOSE)
        flags |= FILE_FLAG_DELETE_ON_CLOSE;
    if (o->flags & PRJSIM_OPEN_UNBUFFERED)
        flags |= FILE_FLAG_NO_BUFFERING;
    if (o->flags & PRJSIM_OPEN_REPARSE_POINT)
        flags |= FILE_FLAG_OPEN_REPARSE_POINT;
    HANDLE h = CreateFileW(o->path, o->access, o->share, NULL, o->disposition, flags | o->attributes, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return prjsim_backend_win32_error(GetLastError());
    *out = (prjsim_backend_file *)h;
    return prjsim_backend_win32_error(0);
}

static prjsim_backend_result w_close(prjsim_backend_file *f) { return last_error(CloseHandle(HF(f))); }

static prjsim_backend_result w_read(prjsim_backend_file *f, uint64_t offset, void *buf, uint32_t len,
                                    uint32_t *got)
{
    *got = 0;
    LARGE_INTEGER at;
    at.QuadPart = (LONGLONG)offset;
    if (!SetFilePointerEx(HF(f), at, NULL, FILE_BEGIN))
        return prjsim_backend_win32_error(GetLastError());
    DWORD n = 0;
    if (!ReadFile(HF(f), buf, len, &n, NULL))
        return prjsim_backend_win32_error(GetLastError());
    *got = n;
    /* A synchronous ReadFile reports the end of the file as success with no bytes; that is what
     * STATUS_END_OF_FILE becomes (ERROR_HANDLE_EOF), so both backends say the same. */
    if (n == 0 && len > 0)
        return prjsim_backend_win32_error(ERROR_HANDLE_EOF);
    return prjsim_backend_win32_error(0);
}

static prjsim_backend_result w_write(prjsim_backend_file *f, uint64_t offset, const void *buf, uint32_t len,
                                     uint32_t *put)
{
    *put = 0;
    LARGE_INTEGER at;
    at.QuadPart = (LONGLONG)offset;
    if (!SetFilePointerEx(HF(f), at, NULL, FILE_BEGIN))
        return prjsim_backend_win32_error(GetLastError());
    DWORD n = 0;
    BOOL ok = WriteFile(HF(f), buf, len, &n, NULL);
    *put = n;
    return last_error(ok);
}

static prjsim_backend_result w_set_size(prjsim_backend_file *f, uint64_t size)
{
    LARGE_INTEGER at;
    at.QuadPart = (LONGLONG)size;
    if (!SetFilePointerEx(HF(f), at, NULL, FILE_BEGIN))
        return prjsim_backend_win32_error(GetLastError());
    return last_error(SetEndOfFile(HF(f)));
}

static FILETIME ft(int64_t t)
{
    FILETIME f;
    f.dwLowDateTime = (DWORD)((uint64_t)t & 0xFFFFFFFFu);
    f.dwHighDateTime = (DWORD)((uint64_t)t >> 32);
    return f;
}

static prjsim_backend_result w_set_basic(prjsim_backend_file *f, int64_t c, int64_t a, int64_t w, int64_t ch,
                                         uint32_t attributes)
{
    FILE_BASIC_INFO b;
    memset(&b, 0, sizeof b);
    b.CreationTime.QuadPart = c;
    b.LastAccessTime.QuadPart = a;
    b.LastWriteTime.QuadPart = w;
    b.ChangeTime.QuadPart = ch;
    b.FileAttributes = attributes;
    return last_error(SetFileInformationByHandle(HF(f), FileBasicInfo, &b, sizeof b));
}

static prjsim_backend_result w_set_disposition(prjsim_backend_file *f, bool del)
{
    FILE_DISPOSITION_INFO d;
    d.DeleteFile = del;
    return last_error(SetFileInformationByHandle(HF(f), FileDispositionInfo, &d, sizeof d));
}

static prjsim_backend_result w_rename(prjsim_backend_file *f, const WCHAR *to, bool replace)
{
    if (outside(to))
        return prjsim_backend_unsupported(outside_reason);
    size_t n = wcslen(to);
    size_t size = offsetof(FILE_RENAME_INFO, FileName) + (n + 1) * sizeof(WCHAR);
    FILE_RENAME_INFO *ri = calloc(1, size);
    if (!ri)
        abort();
    ri->ReplaceIfExists = replace;
    ri->RootDirectory = NULL;
    ri->FileNameLength = (DWORD)(n * sizeof(WCHAR));
    wmemcpy(ri->FileName, to, n + 1);
    BOOL ok = SetFileInformationByHandle(HF(f), FileRenameInfo, ri, (DWORD)size);
    DWORD err = ok ? 0 : GetLastError();
    free(ri);
    return prjsim_backend_win32_error(err);
}

static int64_t ticks(FILETIME f)
{
    return (int64_t)(((uint64_t)f.dwHighDateTime << 32) | f.dwLowDateTime);
}

static prjsim_backend_result w_query_info(prjsim_backend_file *f, prjsim_file_info *info)
{
    memset(info, 0, sizeof *info);
    BY_HANDLE_FILE_INFORMATION bi;
    if (!GetFileInformationByHandle(HF(f), &bi))
        return prjsim_backend_win32_error(GetLastError());
    PRJ_FILE_BASIC_INFO *b = &info->basic;
    b->IsDirectory = (bi.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
    b->FileSize = b->IsDirectory ? 0 : (INT64)(((uint64_t)bi.nFileSizeHigh << 32) | bi.nFileSizeLow);
    b->CreationTime.QuadPart = ticks(bi.ftCreationTime);
    b->LastAccessTime.QuadPart = ticks(bi.ftLastAccessTime);
    b->LastWriteTime.QuadPart = ticks(bi.ftLastWriteTime);
    b->ChangeTime.QuadPart = 0; /* GetFileInformationByHandle has no change time */
    b->FileAttributes = bi.dwFileAttributes;
    info->link_count = bi.nNumberOfLinks;
    return prjsim_backend_win32_error(0);
}

/* NtQueryDirectoryFile's Length for a Windows buffer of @p bytes (DEVIATIONS W14); on Windows the same. */
#ifndef PRJSIM_DIRECTORY_LENGTH_FOR
#define PRJSIM_DIRECTORY_LENGTH_FOR(bytes) (bytes)
#endif

/* The Windows buffer of a query that chooses none: the simulation's default (4096, as Win32's). */
static uint32_t default_buffer(void)
{
    const prjsim_sim_options *o = prjsim_sim_get_options(prjsim_sim_current());
    return o && o->default_query_buffer ? o->default_query_buffer : 4096;
}

/* The entries of one NtQueryDirectoryFile answer (FileIdBothDirectoryInformation records). */
static void take_records(const unsigned char *buf, prjsim_dir_entry **list, size_t *got, size_t *cap)
{
    size_t at = 0;
    for (;;) {
        const FILE_ID_BOTH_DIR_INFORMATION *r = (const FILE_ID_BOTH_DIR_INFORMATION *)(buf + at);
        if (*got == *cap) {
            *cap = *cap ? *cap * 2 : 16;
            *list = realloc(*list, *cap * sizeof **list);
            if (!*list)
                abort();
        }
        prjsim_dir_entry *e = &(*list)[(*got)++];
        memset(e, 0, sizeof *e);
        size_t n = r->FileNameLength / sizeof(WCHAR);
        if (n > MAX_PATH)
            n = MAX_PATH;
        memcpy(e->name, (const unsigned char *)r + offsetof(FILE_ID_BOTH_DIR_INFORMATION, FileName), n * sizeof(WCHAR));
        e->name[n] = 0;
        e->basic.IsDirectory = (r->FileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
        e->basic.FileSize = e->basic.IsDirectory ? 0 : r->EndOfFile.QuadPart;
        e->basic.CreationTime = r->CreationTime;
        e->basic.LastAccessTime = r->LastAccessTime;
        e->basic.LastWriteTime = r->LastWriteTime;
        e->basic.ChangeTime = r->ChangeTime;
        e->basic.FileAttributes = r->FileAttributes;
        if (!r->NextEntryOffset)
            return;
        at += r->NextEntryOffset;
    }
}

/* One NtQueryDirectoryFile on @p h into a buffer standing for @p buffer_bytes of Windows'. */
static NTSTATUS nt_query(HANDLE h, const WCHAR *pattern, uint32_t flags, uint32_t buffer_bytes,
                         prjsim_dir_entry **list, size_t *got, size_t *cap)
{
    ULONG len = PRJSIM_DIRECTORY_LENGTH_FOR(buffer_bytes ? buffer_bytes : default_buffer());
    unsigned char *buf = malloc(len);
    if (!buf)
        abort();
    UNICODE_STRING us;
    if (pattern)
        RtlInitUnicodeString(&us, pattern);
    IO_STATUS_BLOCK io;
    NTSTATUS st = NtQueryDirectoryFile(h, NULL, NULL, NULL, &io, buf, len, FileIdBothDirectoryInformation,
                                       (flags & PRJSIM_QUERY_RETURN_SINGLE_ENTRY) != 0, pattern ? &us : NULL,
                                       (flags & PRJSIM_QUERY_RESTART_SCAN) != 0);
    if (st == STATUS_SUCCESS && io.Information)
        take_records(buf, list, got, cap);
    free(buf);
    return st;
}

static prjsim_backend_result w_query_directory(prjsim_backend_file *f, const WCHAR *pattern, uint32_t flags,
                                               uint32_t buffer_bytes, prjsim_dir_entry **entries, size_t *count)
{
    *entries = NULL;
    *count = 0;
    size_t cap = 0;
    NTSTATUS st = nt_query(HF(f), pattern && pattern[0] ? pattern : NULL, flags, buffer_bytes, entries, count, &cap);
    if (st != STATUS_SUCCESS) {
        free(*entries);
        *entries = NULL;
        *count = 0;
    }
    return prjsim_backend_status(st);
}

/* Opens for attribute reads and asks the handle, as a program that wants the link count does
 * (GetFileAttributesExW has none). */
static prjsim_backend_result w_stat(const WCHAR *path, prjsim_file_info *info)
{
    memset(info, 0, sizeof *info);
    if (outside(path))
        return prjsim_backend_unsupported(outside_reason);
    HANDLE h = CreateFileW(path, FILE_READ_ATTRIBUTES, share_all, NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS,
                           NULL);
    if (h == INVALID_HANDLE_VALUE)
        return prjsim_backend_win32_error(GetLastError());
    prjsim_backend_result r = w_query_info((prjsim_backend_file *)h, info);
    CloseHandle(h);
    return r;
}

static prjsim_backend_result w_set_times(const WCHAR *path, int64_t c, int64_t a, int64_t w, int64_t ch,
                                         uint32_t attributes)
{
    if (outside(path))
        return prjsim_backend_unsupported(outside_reason);
    if (ch) {
        /* only FileBasicInfo sets a change time: open for attribute writes and set it all */
        HANDLE h = CreateFileW(path, FILE_WRITE_ATTRIBUTES, share_all, NULL, OPEN_EXISTING,
                               FILE_FLAG_BACKUP_SEMANTICS, NULL);
        if (h == INVALID_HANDLE_VALUE)
            return prjsim_backend_win32_error(GetLastError());
        prjsim_backend_result r = w_set_basic((prjsim_backend_file *)h, c, a, w, ch, attributes);
        CloseHandle(h);
        return r;
    }
    if (c || a || w) {
        HANDLE h = CreateFileW(path, FILE_WRITE_ATTRIBUTES, share_all, NULL, OPEN_EXISTING,
                               FILE_FLAG_BACKUP_SEMANTICS, NULL);
        if (h == INVALID_HANDLE_VALUE)
            return prjsim_backend_win32_error(GetLastError());
        FILETIME fc = ft(c), fa = ft(a), fw = ft(w);
        BOOL ok = SetFileTime(h, c ? &fc : NULL, a ? &fa : NULL, w ? &fw : NULL);
        DWORD err = ok ? 0 : GetLastError();
        CloseHandle(h);
        if (err)
            return prjsim_backend_win32_error(err);
    }
    if (attributes)
        return last_error(SetFileAttributesW(path, attributes));
    return prjsim_backend_win32_error(0);
}

/*
 * The listing as a program that chooses the buffer size or gives the pattern as the file system
 * gets it makes it: open the directory, NtQueryDirectoryFile until the end, close
 * (FindFirstFileExW would rewrite `*.x` to `<.x` and choose its own buffer).
 */
static prjsim_backend_result list_nt(const WCHAR *path, const WCHAR *pattern, uint32_t buffer_bytes,
                                     prjsim_dir_entry **entries, size_t *count)
{
    HANDLE h = CreateFileW(path, FILE_LIST_DIRECTORY | FILE_READ_ATTRIBUTES, share_all, NULL, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return prjsim_backend_win32_error(GetLastError());
    BY_HANDLE_FILE_INFORMATION bi;
    if (GetFileInformationByHandle(h, &bi) && !(bi.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)) {
        CloseHandle(h); /* the open asked for a directory (FILE_DIRECTORY_FILE) */
        return prjsim_backend_win32_error(ERROR_DIRECTORY);
    }
    prjsim_dir_entry *list = NULL;
    size_t got = 0, cap = 0;
    NTSTATUS st;
    while ((st = nt_query(h, pattern && pattern[0] ? pattern : NULL, 0, buffer_bytes, &list, &got, &cap)) ==
           STATUS_SUCCESS)
        ;
    CloseHandle(h);
    if (st != STATUS_NO_MORE_FILES && st != STATUS_NO_SUCH_FILE) {
        free(list);
        return prjsim_backend_status(st);
    }
    *entries = list;
    *count = got;
    return prjsim_backend_win32_error(0);
}

static prjsim_backend_result w_list(const WCHAR *path, const WCHAR *pattern, uint32_t buffer_bytes,
                                    prjsim_dir_entry **entries, size_t *count)
{
    *entries = NULL;
    *count = 0;
    if (outside(path))
        return prjsim_backend_unsupported(outside_reason);
    if (buffer_bytes || (pattern && wcspbrk(pattern, L"*?<>\"")))
        return list_nt(path, pattern, buffer_bytes, entries, count);
    size_t n = wcslen(path), pn = pattern ? wcslen(pattern) : 1;
    WCHAR *spec = malloc((n + pn + 2) * sizeof *spec);
    if (!spec)
        abort();
    wmemcpy(spec, path, n);
    if (n && spec[n - 1] != L'\\')
        spec[n++] = L'\\';
    wcscpy(spec + n, pattern ? pattern : L"*");
    WIN32_FIND_DATAW fd;
    HANDLE fh = FindFirstFileExW(spec, FindExInfoBasic, &fd, FindExSearchNameMatch, NULL, 0);
    free(spec);
    if (fh == INVALID_HANDLE_VALUE) {
        DWORD err = GetLastError();
        /* with a name to match, no match is an empty listing, as prjsim_client_list has it;
         * without one "." is always there, so not found is the directory's own failure */
        return prjsim_backend_win32_error(err == ERROR_FILE_NOT_FOUND && pattern ? 0 : err);
    }
    size_t cap = 16, got = 0;
    prjsim_dir_entry *list = malloc(cap * sizeof *list);
    if (!list)
        abort();
    DWORD err = 0;
    do {
        if (got == cap) {
            cap *= 2;
            list = realloc(list, cap * sizeof *list);
            if (!list)
                abort();
        }
        prjsim_dir_entry *e = &list[got++];
        memset(e, 0, sizeof *e);
        wcsncpy(e->name, fd.cFileName, MAX_PATH);
        e->basic.IsDirectory = (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
        e->basic.FileSize = (INT64)(((uint64_t)fd.nFileSizeHigh << 32) | fd.nFileSizeLow);
        e->basic.CreationTime.QuadPart = ticks(fd.ftCreationTime);
        e->basic.LastAccessTime.QuadPart = ticks(fd.ftLastAccessTime);
        e->basic.LastWriteTime.QuadPart = ticks(fd.ftLastWriteTime);
        e->basic.FileAttributes = fd.dwFileAttributes;
    } while (FindNextFileW(fh, &fd) || (err = GetLastError()) == 0);
    FindClose(fh);
    if (err != ERROR_NO_MORE_FILES) {
        free(list);
        return prjsim_backend_win32_error(err);
    }
    *entries = list;
    *count = got;
    return prjsim_backend_win32_error(0);
}

static prjsim_backend_result w_remove(const WCHAR *path, bool directory)
{
    if (outside(path))
        return prjsim_backend_unsupported(outside_reason);
    return last_error(directory ? RemoveDirectoryW(path) : DeleteFileW(path));
}

static prjsim_backend_result w_move(const WCHAR *from, const WCHAR *to, bool replace)
{
    if (outside(from) || outside(to))
        return prjsim_backend_unsupported(outside_reason);
    return last_error(MoveFileExW(from, to, replace ? MOVEFILE_REPLACE_EXISTING : 0));
}

static prjsim_backend_result w_link(const WCHAR *existing, const WCHAR *new_path)
{
    if (outside(existing) || outside(new_path))
        return prjsim_backend_unsupported(outside_reason);
    return last_error(CreateHardLinkW(new_path, existing, NULL));
}

static prjsim_backend_result w_symlink(const WCHAR *link, const WCHAR *target, bool directory)
{
    if (outside(link))
        return prjsim_backend_unsupported(outside_reason);
    DWORD flags = SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE | (directory ? SYMBOLIC_LINK_FLAG_DIRECTORY : 0);
    return last_error(CreateSymbolicLinkW(link, target, flags));
}

static prjsim_backend_result w_mkdir(const WCHAR *path)
{
    if (outside(path))
        return prjsim_backend_unsupported(outside_reason);
    return last_error(CreateDirectoryW(path, NULL));
}

static prjsim_backend_result w_read_file(const WCHAR *path, void **data, size_t *size)
{
    *data = NULL;
    *size = 0;
    if (outside(path))
        return prjsim_backend_unsupported(outside_reason);
    HANDLE h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return prjsim_backend_win32_error(GetLastError());
    LARGE_INTEGER sz;
    if (!GetFileSizeEx(h, &sz)) {
        DWORD err = GetLastError();
        CloseHandle(h);
        return prjsim_backend_win32_error(err);
    }
    size_t total = (size_t)sz.QuadPart, at = 0;
    unsigned char *buf = malloc(total + 1);
    if (!buf)
        abort();
    DWORD err = 0;
    while (at < total) {
        DWORD want = total - at > 0x40000000u ? 0x40000000u : (DWORD)(total - at), got = 0;
        if (!ReadFile(h, buf + at, want, &got, NULL)) {
            err = GetLastError();
            break;
        }
        if (got == 0)
            break;
        at += got;
    }
    CloseHandle(h);
    if (err) {
        free(buf);
        return prjsim_backend_win32_error(err);
    }
    buf[at] = 0;
    *data = buf;
    *size = at;
    return prjsim_backend_win32_error(0);
}

static prjsim_backend_result w_write_file(const WCHAR *path, const void *data, size_t size)
{
    if (outside(path))
        return prjsim_backend_unsupported(outside_reason);
    HANDLE h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return prjsim_backend_win32_error(GetLastError());
    size_t at = 0;
    DWORD err = 0;
    while (at < size) {
        DWORD want = size - at > 0x40000000u ? 0x40000000u : (DWORD)(size - at), put = 0;
        if (!WriteFile(h, (const unsigned char *)data + at, want, &put, NULL)) {
            err = GetLastError();
            break;
        }
        at += put;
    }
    CloseHandle(h);
    return prjsim_backend_win32_error(err);
}

static int32_t w_on_disk_state(const WCHAR *path, PRJ_FILE_STATE *state)
{
    return PrjGetOnDiskFileState(path, state);
}

/* On Linux the Win32 layer runs the simulator's client operations on the calling thread, so the
 * simulator's caller identity stands in for the client agent process of a Windows run. */
static void w_set_caller(const prjsim_caller *caller) { prjsim_client_set_caller(caller); }

/* The calling thread as a real handle (GetCurrentThread() is a pseudo-handle for "me"). */
static void *w_thread_self(void)
{
    HANDLE h = NULL;
    if (!DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &h, THREAD_TERMINATE, FALSE, 0))
        return NULL;
    return h;
}

/* What a client does to cancel a pended ProjFS command: cancel the I/O the thread waits in;
 * ProjFS then calls the provider's CancelCommandCallback. */
static prjsim_backend_result w_cancel_thread(void *thread)
{
    return last_error(CancelSynchronousIo((HANDLE)thread));
}

static void w_thread_release(void *thread)
{
    if (thread)
        CloseHandle((HANDLE)thread);
}

const prjsim_backend prjsim_backend_win32 = {
    "win32",
    PRJSIM_BACKEND_CAP_CALLER | PRJSIM_BACKEND_CAP_CANCEL,
    w_open,
    w_close,
    w_read,
    w_write,
    w_set_size,
    w_set_basic,
    w_set_disposition,
    w_rename,
    w_query_info,
    w_query_directory,
    w_stat,
    w_set_times,
    w_list,
    w_remove,
    w_move,
    w_link,
    w_symlink,
    w_mkdir,
    w_read_file,
    w_write_file,
    w_on_disk_state,
    w_set_caller,
    w_attach,
    w_thread_self,
    w_cancel_thread,
    w_thread_release,
};
