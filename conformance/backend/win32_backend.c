/* SPDX-License-Identifier: MIT */
/*
 * Backend "win32": every operation is the Win32 call a Windows program makes (CreateFileW,
 * ReadFile, WriteFile, SetEndOfFile, SetFileTime, SetFileAttributesW, SetFileInformationByHandle
 * (basic information, delete disposition, rename), GetFileInformationByHandle,
 * GetFileAttributesExW, FindFirstFileExW, DeleteFileW, RemoveDirectoryW, MoveFileExW,
 * CreateHardLinkW, CreateSymbolicLinkW, CreateDirectoryW) and the result is its last error, or
 * NtQueryDirectoryFile
 * (a directory handle's query, and listings that choose the buffer size or a wildcard pattern)
 * and the result is its NTSTATUS. On Linux these are
 * prjsim's Win32 layer, which turns them into the simulator's client operations; on Windows they
 * are kernel32's, over real ProjFS; what differs between the two is in win32_platform.h. A
 * prjsim_backend_file is the HANDLE.
 *
 * Shapes with no Win32 call in our layer yet answer PRJSIM_BACKEND_UNSUPPORTED with the missing
 * call as the reason (a directory with an overwriting disposition...).
 */
#include "win32_platform.h"

#include <windows.h>
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

/* A path the platform cannot reach as the run's volume (only on Linux: win32_platform.h). */
static bool outside(const WCHAR *path) { return prjsim__win32_outside(path); }

/*
 * A directory created with a handle (FILE_DIRECTORY_FILE with FILE_CREATE or FILE_OPEN_IF) as a
 * Windows program does it through kernel32: CreateDirectoryW, then CreateFileW with backup
 * semantics opens it (w_open). OPEN_ALWAYS takes an existing name as it is; the open then refuses
 * a file. Overwriting dispositions have no kernel32 form for a directory.
 */
static prjsim_backend_result make_directory(const prjsim_backend_open *o)
{
    if (o->disposition != CREATE_NEW && o->disposition != OPEN_ALWAYS)
        return prjsim_backend_unsupported("win32 backend: a directory with an overwriting disposition needs "
                                          "NtCreateFile");
    if (CreateDirectoryW(o->path, NULL)) {
        DWORD attributes = o->attributes & ~(DWORD)(FILE_ATTRIBUTE_NORMAL | FILE_ATTRIBUTE_DIRECTORY);
        if (attributes && !SetFileAttributesW(o->path, attributes))
            return prjsim_backend_win32_error(GetLastError());
        return prjsim_backend_win32_error(0);
    }
    DWORD err = GetLastError();
    if (err == ERROR_ALREADY_EXISTS && o->disposition == OPEN_ALWAYS)
        return prjsim_backend_win32_error(0);
    return prjsim_backend_win32_error(err);
}

static prjsim_backend_result w_open(prjsim_backend_file **out, const prjsim_backend_open *o)
{
    *out = NULL;
    if (outside(o->path))
        return prjsim_backend_unsupported(prjsim__win32_outside_reason);
    if ((o->flags & PRJSIM_OPEN_DIRECTORY) && o->disposition != OPEN_EXISTING) {
        prjsim_backend_result made = make_directory(o);
        if (made.kind != PRJSIM_BACKEND_WIN32 || made.code != 0)
            return made;
    }
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
    DWORD disposition = (o->flags & PRJSIM_OPEN_DIRECTORY) ? OPEN_EXISTING : o->disposition;
    HANDLE h = CreateFileW(o->path, o->access, o->share, NULL, disposition, flags | o->attributes, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return prjsim_backend_win32_error(GetLastError());
    if (o->flags & PRJSIM_OPEN_DIRECTORY) {
        /* FILE_DIRECTORY_FILE through CreateFileW: open, then refuse what is not a directory. */
        BY_HANDLE_FILE_INFORMATION bi;
        if (GetFileInformationByHandle(h, &bi) && !(bi.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)) {
            CloseHandle(h);
            return prjsim_backend_win32_error(ERROR_DIRECTORY);
        }
    }
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
        return prjsim_backend_unsupported(prjsim__win32_outside_reason);
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

/* FILE_ID_BOTH_DIR_INFORMATION records are read by the offsets of the platform's layout
 * (win32_platform.h), not through a struct the Windows SDK does not have. */
#define REC(field) (prjsim__win32_record_layout.field)

static uint32_t rec32(const unsigned char *r, size_t at)
{
    uint32_t v;
    memcpy(&v, r + at, sizeof v);
    return v;
}

static LARGE_INTEGER rec64(const unsigned char *r, size_t at)
{
    LARGE_INTEGER v;
    memcpy(&v.QuadPart, r + at, sizeof v.QuadPart);
    return v;
}

/* The entries of one NtQueryDirectoryFile answer (FileIdBothDirectoryInformation records). */
static void take_records(const unsigned char *buf, prjsim_dir_entry **list, size_t *got, size_t *cap)
{
    size_t at = 0;
    for (;;) {
        const unsigned char *r = buf + at;
        if (*got == *cap) {
            *cap = *cap ? *cap * 2 : 16;
            *list = realloc(*list, *cap * sizeof **list);
            if (!*list)
                abort();
        }
        prjsim_dir_entry *e = &(*list)[(*got)++];
        memset(e, 0, sizeof *e);
        size_t n = rec32(r, REC(name_length)) / sizeof(WCHAR);
        if (n > MAX_PATH)
            n = MAX_PATH;
        memcpy(e->name, r + REC(name), n * sizeof(WCHAR));
        e->name[n] = 0;
        uint32_t attributes = rec32(r, REC(attributes));
        e->basic.IsDirectory = (attributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
        e->basic.FileSize = e->basic.IsDirectory ? 0 : rec64(r, REC(end_of_file)).QuadPart;
        e->basic.CreationTime = rec64(r, REC(creation));
        e->basic.LastAccessTime = rec64(r, REC(last_access));
        e->basic.LastWriteTime = rec64(r, REC(last_write));
        e->basic.ChangeTime = rec64(r, REC(change));
        e->basic.FileAttributes = attributes;
        uint32_t next = rec32(r, REC(next));
        if (!next)
            return;
        at += next;
    }
}

/* One NtQueryDirectoryFile on @p h into a buffer standing for @p buffer_bytes of Windows'. */
static NTSTATUS nt_query(HANDLE h, const WCHAR *pattern, uint32_t flags, uint32_t buffer_bytes,
                         prjsim_dir_entry **list, size_t *got, size_t *cap)
{
    unsigned char *buf = NULL;
    size_t information = 0;
    NTSTATUS st = prjsim__win32_query_directory(h, buffer_bytes ? buffer_bytes : prjsim__win32_default_buffer(),
                                                (flags & PRJSIM_QUERY_RETURN_SINGLE_ENTRY) != 0, pattern,
                                                (flags & PRJSIM_QUERY_RESTART_SCAN) != 0, &buf, &information);
    if (st == STATUS_SUCCESS && information)
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
        return prjsim_backend_unsupported(prjsim__win32_outside_reason);
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
        return prjsim_backend_unsupported(prjsim__win32_outside_reason);
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
        return prjsim_backend_unsupported(prjsim__win32_outside_reason);
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
        return prjsim_backend_unsupported(prjsim__win32_outside_reason);
    return last_error(directory ? RemoveDirectoryW(path) : DeleteFileW(path));
}

static prjsim_backend_result w_move(const WCHAR *from, const WCHAR *to, bool replace)
{
    if (outside(from) || outside(to))
        return prjsim_backend_unsupported(prjsim__win32_outside_reason);
    return last_error(MoveFileExW(from, to, replace ? MOVEFILE_REPLACE_EXISTING : 0));
}

static prjsim_backend_result w_link(const WCHAR *existing, const WCHAR *new_path)
{
    if (outside(existing) || outside(new_path))
        return prjsim_backend_unsupported(prjsim__win32_outside_reason);
    return last_error(CreateHardLinkW(new_path, existing, NULL));
}

static prjsim_backend_result w_symlink(const WCHAR *link, const WCHAR *target, bool directory)
{
    if (outside(link))
        return prjsim_backend_unsupported(prjsim__win32_outside_reason);
    DWORD flags = SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE | (directory ? SYMBOLIC_LINK_FLAG_DIRECTORY : 0);
    return last_error(CreateSymbolicLinkW(link, target, flags));
}

static prjsim_backend_result w_mkdir(const WCHAR *path)
{
    if (outside(path))
        return prjsim_backend_unsupported(prjsim__win32_outside_reason);
    return last_error(CreateDirectoryW(path, NULL));
}

static prjsim_backend_result w_read_file(const WCHAR *path, void **data, size_t *size)
{
    *data = NULL;
    *size = 0;
    if (outside(path))
        return prjsim_backend_unsupported(prjsim__win32_outside_reason);
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
        return prjsim_backend_unsupported(prjsim__win32_outside_reason);
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

static void w_set_caller(const prjsim_caller *caller) { prjsim__win32_set_caller(caller); }

static void w_attach(prjsim_sim *sim) { prjsim__win32_attach(sim); }

const prjsim_backend prjsim_backend_win32 = {
    "win32",
    PRJSIM__WIN32_CAPS,
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
};
