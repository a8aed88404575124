/* SPDX-License-Identifier: MIT */
/*
 * The Win32 file API: each function resolves its paths, picks the backend (host or
 * simulator, files.h), and turns the backend's result into a BOOL/HANDLE plus the last error,
 * with the rules kernel32 adds on top of the file system (dispositions and their last error on
 * success, file positions, generic rights, copy and cross-volume moves). The A forms convert
 * UTF-8 and call the W forms.
 */
#include "files.h"
#include "console.h"

#include <shlwapi.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* FILETIME ticks at the Unix epoch. */
#define EPOCH_TICKS 116444736000000000LL

INT64 prjsim__files_ticks(INT64 sec, long nsec)
{
    return sec * 10000000LL + nsec / 100 + EPOCH_TICKS;
}

DWORD prjsim__files_map_access(DWORD access)
{
    if (access & GENERIC_READ)
        access |= FILE_GENERIC_READ;
    if (access & GENERIC_WRITE)
        access |= FILE_GENERIC_WRITE;
    if (access & GENERIC_EXECUTE)
        access |= FILE_GENERIC_EXECUTE;
    if (access & (GENERIC_ALL | MAXIMUM_ALLOWED))
        access |= FILE_ALL_ACCESS;
    return access & ~(DWORD)(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL |
                             MAXIMUM_ALLOWED);
}

static void to_filetime(INT64 ticks, FILETIME *ft)
{
    ft->dwLowDateTime = (DWORD)((UINT64)ticks & 0xFFFFFFFFu);
    ft->dwHighDateTime = (DWORD)((UINT64)ticks >> 32);
}

static INT64 from_filetime(const FILETIME *ft)
{
    if (!ft)
        return 0;
    UINT64 t = ((UINT64)ft->dwHighDateTime << 32) | ft->dwLowDateTime;
    /* 0xFFFFFFFF'FFFFFFFF ("stop updating") and 0xFFFFFFFF'FFFFFFFE: leave the time alone. */
    if (t >= 0xFFFFFFFFFFFFFFFEull)
        return 0;
    return (INT64)t;
}

static BOOL fail(DWORD err)
{
    SetLastError(err);
    return FALSE;
}

/* ---- handles ---- */

/*
 * CloseHandle: the item is closed now (inside a root the simulator lets an operation that waits
 * on the handle, a read the provider pended, finish: DEVIATIONS V6); what a ReadFile, WriteFile or
 * NtQueryDirectoryFile still running on another thread uses is freed when it returns
 * (file_destroy, through the reference it holds).
 */
static BOOL file_close(prjsim__win_object *obj)
{
    prjsim__file *f = (prjsim__file *)obj;
    if (f->delete_pending)
        prjsim__fileinfo_delete_now(f); /* host only: removing an open file is fine there */
    f->be->close(f);
    return TRUE;
}

static void file_destroy(prjsim__win_object *obj)
{
    prjsim__file *f = (prjsim__file *)obj;
    prjsim__ntdir_release(f);
    pthread_mutex_destroy(&f->lock);
    free(f->win);
}

static const prjsim__win_ops file_ops = {file_close, file_destroy};

/* The open file behind @p h, or NULL with ERROR_INVALID_HANDLE set. */
static prjsim__file *file_of(HANDLE h)
{
    return (prjsim__file *)prjsim__win_lookup(h, PRJSIM_WIN_FILE);
}

HANDLE prjsim__files_open(prjsim__fpath *fp, DWORD access, DWORD share, DWORD disposition, DWORD flags,
                          DWORD attributes, prjsim__open_outcome *out)
{
    memset(out, 0, sizeof *out);
    prjsim__file *f = calloc(1, sizeof *f);
    if (!f) {
        prjsim__files_fpath_free(fp);
        out->err = ERROR_NOT_ENOUGH_MEMORY;
        return INVALID_HANDLE_VALUE;
    }
    f->hdr.type = PRJSIM_WIN_FILE;
    f->hdr.ops = &file_ops;
    f->be = prjsim__files_backend_of(fp);
    f->fd = -1;
    f->flags = flags;
    f->share = share;
    f->access = prjsim__files_map_access(access);
    pthread_mutex_init(&f->lock, NULL);
    DWORD err = f->be->open(f, fp, f->access, disposition, flags, attributes, &out->existed);
    out->sim_status = f->open_status;
    out->sim_result = f->open_result;
    out->is_dir = f->is_dir;
    f->win = fp->win; /* the handle keeps the path */
    fp->win = NULL;
    prjsim__files_fpath_free(fp);
    if (err) {
        pthread_mutex_destroy(&f->lock);
        free(f->win);
        free(f);
        out->err = err;
        return INVALID_HANDLE_VALUE;
    }
    HANDLE h = prjsim__win_register(&f->hdr);
    if (h == INVALID_HANDLE_VALUE) {
        file_close(&f->hdr);
        file_destroy(&f->hdr);
        free(f);
        out->err = GetLastError();
        return INVALID_HANDLE_VALUE;
    }
    return h;
}

HANDLE WINAPI CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                          LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
                          DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
{
    (void)lpSecurityAttributes, (void)hTemplateFile; /* DEVIATIONS.md */
    if (dwCreationDisposition < CREATE_NEW || dwCreationDisposition > TRUNCATE_EXISTING) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    prjsim__fpath fp;
    DWORD err = prjsim__files_resolve(&fp, lpFileName, 0);
    if (err) {
        SetLastError(err);
        return INVALID_HANDLE_VALUE;
    }
    /* the internal FILE_DIRECTORY_FILE bit is NtCreateFile's alone */
    DWORD flags = dwFlagsAndAttributes & 0xFFFF0000u & ~(DWORD)PRJSIM__FILE_FLAG_DIRECTORY_FILE;
    DWORD attributes = dwFlagsAndAttributes & 0x0000FFFFu & ~(DWORD)FILE_ATTRIBUTE_DIRECTORY;
    /* kernel32 always asks for these two: a handle can be waited on and its attributes read
     * (GetFileInformationByHandle on a write-only handle succeeds on Windows). */
    DWORD access = dwDesiredAccess | SYNCHRONIZE | FILE_READ_ATTRIBUTES;
    if (flags & FILE_FLAG_DELETE_ON_CLOSE)
        access |= DELETE; /* kernel32 asks for it on the caller's behalf */
    prjsim__open_outcome out;
    HANDLE h = prjsim__files_open(&fp, access, dwShareMode, dwCreationDisposition, flags, attributes, &out);
    if (h == INVALID_HANDLE_VALUE) {
        SetLastError(out.err);
        return INVALID_HANDLE_VALUE;
    }
    /* Section 11.7: success sets 0, or ERROR_ALREADY_EXISTS when *_ALWAYS found the file. */
    bool always = dwCreationDisposition == CREATE_ALWAYS || dwCreationDisposition == OPEN_ALWAYS;
    SetLastError(always && out.existed ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
    return h;
}

HANDLE WINAPI CreateFile2(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                          DWORD dwCreationDisposition,
                          LPCREATEFILE2_EXTENDED_PARAMETERS pCreateExParams)
{
    DWORD fa = 0;
    LPSECURITY_ATTRIBUTES sa = NULL;
    if (pCreateExParams) {
        if (pCreateExParams->dwSize < sizeof *pCreateExParams) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return INVALID_HANDLE_VALUE;
        }
        fa = pCreateExParams->dwFileAttributes | pCreateExParams->dwFileFlags |
             pCreateExParams->dwSecurityQosFlags;
        sa = pCreateExParams->lpSecurityAttributes;
    }
    return CreateFileW(lpFileName, dwDesiredAccess, dwShareMode, sa, dwCreationDisposition, fa,
                       NULL);
}

/* The position of an I/O: the OVERLAPPED's offset if given, else the file position. */
static UINT64 io_offset(const prjsim__file *f, const OVERLAPPED *ov)
{
    if (ov)
        return ((UINT64)ov->OffsetHigh << 32) | ov->Offset;
    return f->pos;
}

/*
 * The standard handles (GetStdHandle): reads return at the end of a line, as a console in line
 * mode does; writes go through the C streams, flushed, so they interleave with printf.
 */
static BOOL console_read(FILE *in, char *buf, DWORD len, LPDWORD got)
{
    DWORD n = 0;
    while (n < len) {
        int c = getc(in);
        if (c == EOF)
            break;
        buf[n++] = (char)c;
        if (c == '\n')
            break;
    }
    if (got)
        *got = n;
    return TRUE;
}

static BOOL console_write(FILE *out, const void *buf, DWORD len, LPDWORD put)
{
    size_t n = fwrite(buf, 1, len, out);
    fflush(out);
    if (put)
        *put = (DWORD)n;
    return n == len ? TRUE : fail(ERROR_GEN_FAILURE);
}

BOOL WINAPI ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead,
                     LPDWORD lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped)
{
    if (lpNumberOfBytesRead)
        *lpNumberOfBytesRead = 0;
    if (prjsim__win_console_fd(hFile) >= 0) {
        if (prjsim__win_console_fd(hFile) != 0)
            return fail(ERROR_ACCESS_DENIED);
        return console_read(prjsim__win_console_stream(hFile), lpBuffer, nNumberOfBytesToRead,
                            lpNumberOfBytesRead);
    }
    /* held until the call returns: a CloseHandle on another thread must not free it under a
     * read or write that waits (a provider that pends) */
    prjsim__file *f = (prjsim__file *)prjsim__win_acquire(hFile, PRJSIM_WIN_FILE);
    if (!f)
        return FALSE;
    if (!lpBuffer && nNumberOfBytesToRead) {
        prjsim__win_release(&f->hdr);
        return fail(ERROR_NOACCESS);
    }
    pthread_mutex_lock(&f->lock);
    UINT64 off = io_offset(f, lpOverlapped);
    DWORD got = 0;
    DWORD err = f->be->read(f, off, lpBuffer, nNumberOfBytesToRead, &got);
    if (!err)
        f->pos = off + got;
    pthread_mutex_unlock(&f->lock);
    if (lpNumberOfBytesRead)
        *lpNumberOfBytesRead = got;
    if (lpOverlapped) {
        lpOverlapped->Internal = 0;
        lpOverlapped->InternalHigh = got;
    }
    prjsim__win_release(&f->hdr);
    return err ? fail(err) : TRUE;
}

BOOL WINAPI WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
                      LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped)
{
    if (lpNumberOfBytesWritten)
        *lpNumberOfBytesWritten = 0;
    if (prjsim__win_console_fd(hFile) >= 0) {
        if (prjsim__win_console_fd(hFile) == 0)
            return fail(ERROR_ACCESS_DENIED);
        return console_write(prjsim__win_console_stream(hFile), lpBuffer, nNumberOfBytesToWrite,
                             lpNumberOfBytesWritten);
    }
    /* held until the call returns: a CloseHandle on another thread must not free it under a
     * read or write that waits (a provider that pends) */
    prjsim__file *f = (prjsim__file *)prjsim__win_acquire(hFile, PRJSIM_WIN_FILE);
    if (!f)
        return FALSE;
    if (!lpBuffer && nNumberOfBytesToWrite) {
        prjsim__win_release(&f->hdr);
        return fail(ERROR_NOACCESS);
    }
    pthread_mutex_lock(&f->lock);
    UINT64 off = io_offset(f, lpOverlapped);
    DWORD err = 0;
    if ((f->access & FILE_APPEND_DATA) && !(f->access & FILE_WRITE_DATA)) {
        /* An append-only handle writes at the end, wherever its position is. */
        prjsim__fstat st;
        err = f->be->query(f, &st);
        off = st.size;
    }
    DWORD put = 0;
    if (!err)
        err = f->be->write(f, off, lpBuffer, nNumberOfBytesToWrite, &put);
    if (!err)
        f->pos = off + put;
    pthread_mutex_unlock(&f->lock);
    if (lpNumberOfBytesWritten)
        *lpNumberOfBytesWritten = put;
    if (lpOverlapped) {
        lpOverlapped->Internal = 0;
        lpOverlapped->InternalHigh = put;
    }
    prjsim__win_release(&f->hdr);
    return err ? fail(err) : TRUE;
}

BOOL WINAPI SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove,
                             PLARGE_INTEGER lpNewFilePointer, DWORD dwMoveMethod)
{
    prjsim__file *f = file_of(hFile);
    if (!f)
        return FALSE;
    pthread_mutex_lock(&f->lock);
    DWORD err = 0;
    INT64 base = 0;
    if (dwMoveMethod == FILE_BEGIN) {
        base = 0;
    } else if (dwMoveMethod == FILE_CURRENT) {
        base = (INT64)f->pos;
    } else if (dwMoveMethod == FILE_END) {
        prjsim__fstat st;
        err = f->be->query(f, &st);
        base = (INT64)st.size;
    } else {
        err = ERROR_INVALID_PARAMETER;
    }
    INT64 pos = base + liDistanceToMove.QuadPart;
    if (!err && pos < 0)
        err = ERROR_NEGATIVE_SEEK;
    if (!err) {
        f->pos = (UINT64)pos;
        if (lpNewFilePointer)
            lpNewFilePointer->QuadPart = pos;
    }
    pthread_mutex_unlock(&f->lock);
    return err ? fail(err) : TRUE;
}

DWORD WINAPI SetFilePointer(HANDLE hFile, LONG lDistanceToMove, PLONG lpDistanceToMoveHigh,
                            DWORD dwMoveMethod)
{
    LARGE_INTEGER d, now;
    if (lpDistanceToMoveHigh)
        d.QuadPart = (LONGLONG)(((UINT64)(DWORD)*lpDistanceToMoveHigh << 32) | (DWORD)lDistanceToMove);
    else
        d.QuadPart = lDistanceToMove;
    if (!SetFilePointerEx(hFile, d, &now, dwMoveMethod))
        return INVALID_SET_FILE_POINTER;
    if (lpDistanceToMoveHigh)
        *lpDistanceToMoveHigh = now.HighPart;
    /* INVALID_SET_FILE_POINTER can be a valid low half: callers then look at the last error,
     * which is set for that case only (any other success leaves it alone, as GetFileSize). */
    if (now.LowPart == INVALID_SET_FILE_POINTER)
        SetLastError(ERROR_SUCCESS);
    return now.LowPart;
}

BOOL WINAPI SetEndOfFile(HANDLE hFile)
{
    prjsim__file *f = file_of(hFile);
    if (!f)
        return FALSE;
    pthread_mutex_lock(&f->lock);
    DWORD err = f->be->set_size(f, f->pos);
    pthread_mutex_unlock(&f->lock);
    return err ? fail(err) : TRUE;
}

/* The handle's metadata, or FALSE with the last error set. */
static BOOL query(HANDLE h, prjsim__fstat *st, bool need_read_attributes)
{
    prjsim__file *f = file_of(h);
    if (!f)
        return FALSE;
    if (need_read_attributes && !(f->access & FILE_READ_ATTRIBUTES))
        return fail(ERROR_ACCESS_DENIED);
    pthread_mutex_lock(&f->lock);
    DWORD err = f->be->query(f, st);
    pthread_mutex_unlock(&f->lock);
    return err ? fail(err) : TRUE;
}

BOOL WINAPI GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize)
{
    prjsim__fstat st;
    if (!lpFileSize)
        return fail(ERROR_INVALID_PARAMETER);
    if (!query(hFile, &st, false))
        return FALSE;
    lpFileSize->QuadPart = (LONGLONG)st.size;
    return TRUE;
}

DWORD WINAPI GetFileSize(HANDLE hFile, LPDWORD lpFileSizeHigh)
{
    LARGE_INTEGER size;
    if (!GetFileSizeEx(hFile, &size))
        return INVALID_FILE_SIZE;
    if (lpFileSizeHigh)
        *lpFileSizeHigh = (DWORD)size.HighPart;
    if (size.LowPart == INVALID_FILE_SIZE)
        SetLastError(ERROR_SUCCESS); /* tells a valid size from a failure */
    return size.LowPart;
}

BOOL WINAPI GetFileTime(HANDLE hFile, LPFILETIME lpCreationTime, LPFILETIME lpLastAccessTime,
                        LPFILETIME lpLastWriteTime)
{
    prjsim__fstat st;
    if (!query(hFile, &st, true))
        return FALSE;
    if (lpCreationTime)
        to_filetime(st.creation, lpCreationTime);
    if (lpLastAccessTime)
        to_filetime(st.access, lpLastAccessTime);
    if (lpLastWriteTime)
        to_filetime(st.write, lpLastWriteTime);
    return TRUE;
}

BOOL WINAPI SetFileTime(HANDLE hFile, const FILETIME *lpCreationTime,
                        const FILETIME *lpLastAccessTime, const FILETIME *lpLastWriteTime)
{
    prjsim__file *f = file_of(hFile);
    if (!f)
        return FALSE;
    pthread_mutex_lock(&f->lock);
    DWORD err = f->be->set_info(f, from_filetime(lpCreationTime), from_filetime(lpLastAccessTime),
                                from_filetime(lpLastWriteTime), 0);
    pthread_mutex_unlock(&f->lock);
    return err ? fail(err) : TRUE;
}

BOOL WINAPI GetFileInformationByHandle(HANDLE hFile,
                                       LPBY_HANDLE_FILE_INFORMATION lpFileInformation)
{
    prjsim__fstat st;
    if (!lpFileInformation)
        return fail(ERROR_INVALID_PARAMETER);
    if (!query(hFile, &st, true))
        return FALSE;
    BY_HANDLE_FILE_INFORMATION *i = lpFileInformation;
    i->dwFileAttributes = st.attributes;
    to_filetime(st.creation, &i->ftCreationTime);
    to_filetime(st.access, &i->ftLastAccessTime);
    to_filetime(st.write, &i->ftLastWriteTime);
    i->dwVolumeSerialNumber = st.volume;
    i->nFileSizeHigh = (DWORD)(st.size >> 32);
    i->nFileSizeLow = (DWORD)st.size;
    i->nNumberOfLinks = st.links;
    i->nFileIndexHigh = (DWORD)(st.index >> 32);
    i->nFileIndexLow = (DWORD)st.index;
    return TRUE;
}

BOOL WINAPI FlushFileBuffers(HANDLE hFile)
{
    if (prjsim__win_console_fd(hFile) >= 0) {
        fflush(prjsim__win_console_stream(hFile));
        return TRUE;
    }
    prjsim__file *f = file_of(hFile);
    if (!f)
        return FALSE;
    if (!(f->access & (FILE_WRITE_DATA | FILE_APPEND_DATA)))
        return fail(ERROR_ACCESS_DENIED);
    pthread_mutex_lock(&f->lock);
    DWORD err = f->be->flush(f);
    pthread_mutex_unlock(&f->lock);
    return err ? fail(err) : TRUE;
}

DWORD WINAPI GetFileType(HANDLE hFile)
{
    if (prjsim__win_console_fd(hFile) >= 0)
        return FILE_TYPE_CHAR;
    prjsim__win_object *obj = prjsim__win_lookup(hFile, 0);
    if (!obj)
        return FILE_TYPE_UNKNOWN;
    if (obj->type == PRJSIM_WIN_FILE)
        return FILE_TYPE_DISK;
    if (obj->type == PRJSIM_WIN_CONSOLE)
        return FILE_TYPE_CHAR;
    SetLastError(ERROR_SUCCESS);
    return FILE_TYPE_UNKNOWN;
}

/* ---- items by name ---- */

/* Resolves @p path into fp and returns its backend, or NULL with the last error set. */
static const prjsim__files_backend *resolve(prjsim__fpath *fp, PCWSTR path)
{
    DWORD err = prjsim__files_resolve(fp, path, 0);
    if (err) {
        SetLastError(err);
        return NULL;
    }
    return prjsim__files_backend_of(fp);
}

/* Runs a one-path backend operation and turns it into a BOOL. */
static BOOL by_name(PCWSTR path, DWORD (*op)(const prjsim__files_backend *, const prjsim__fpath *))
{
    prjsim__fpath fp;
    const prjsim__files_backend *be = resolve(&fp, path);
    if (!be)
        return FALSE;
    DWORD err = op(be, &fp);
    prjsim__files_fpath_free(&fp);
    return err ? fail(err) : TRUE;
}

static DWORD stat_of(PCWSTR path, prjsim__fstat *st)
{
    prjsim__fpath fp;
    DWORD err = prjsim__files_resolve(&fp, path, 0);
    if (err)
        return err;
    err = prjsim__files_backend_of(&fp)->stat(&fp, st);
    prjsim__files_fpath_free(&fp);
    return err;
}

DWORD WINAPI GetFileAttributesW(LPCWSTR lpFileName)
{
    prjsim__fstat st;
    DWORD err = stat_of(lpFileName, &st);
    if (err) {
        SetLastError(err);
        return INVALID_FILE_ATTRIBUTES;
    }
    return st.attributes;
}

BOOL WINAPI GetFileAttributesExW(LPCWSTR lpFileName, GET_FILEEX_INFO_LEVELS fInfoLevelId,
                                 LPVOID lpFileInformation)
{
    if (fInfoLevelId != GetFileExInfoStandard || !lpFileInformation)
        return fail(ERROR_INVALID_PARAMETER);
    prjsim__fstat st;
    DWORD err = stat_of(lpFileName, &st);
    if (err)
        return fail(err);
    WIN32_FILE_ATTRIBUTE_DATA *d = lpFileInformation;
    d->dwFileAttributes = st.attributes;
    to_filetime(st.creation, &d->ftCreationTime);
    to_filetime(st.access, &d->ftLastAccessTime);
    to_filetime(st.write, &d->ftLastWriteTime);
    d->nFileSizeHigh = (DWORD)(st.size >> 32);
    d->nFileSizeLow = (DWORD)st.size;
    return TRUE;
}

BOOL WINAPI SetFileAttributesW(LPCWSTR lpFileName, DWORD dwFileAttributes)
{
    prjsim__fpath fp;
    const prjsim__files_backend *be = resolve(&fp, lpFileName);
    if (!be)
        return FALSE;
    DWORD a = dwFileAttributes & FILE_ATTRIBUTE_VALID_SET_FLAGS;
    if (a & ~(DWORD)FILE_ATTRIBUTE_NORMAL)
        a &= ~(DWORD)FILE_ATTRIBUTE_NORMAL;
    DWORD err = be->set_attributes(&fp, a ? a : FILE_ATTRIBUTE_NORMAL);
    prjsim__files_fpath_free(&fp);
    return err ? fail(err) : TRUE;
}

static DWORD op_mkdir(const prjsim__files_backend *be, const prjsim__fpath *fp)
{
    return be->mkdir(fp);
}

static DWORD op_rmdir(const prjsim__files_backend *be, const prjsim__fpath *fp)
{
    return be->rmdir(fp);
}

static DWORD op_unlink(const prjsim__files_backend *be, const prjsim__fpath *fp)
{
    return be->unlink(fp);
}

BOOL WINAPI CreateDirectoryW(LPCWSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
    (void)lpSecurityAttributes;
    return by_name(lpPathName, op_mkdir);
}

BOOL WINAPI RemoveDirectoryW(LPCWSTR lpPathName)
{
    return by_name(lpPathName, op_rmdir);
}

BOOL WINAPI DeleteFileW(LPCWSTR lpFileName)
{
    return by_name(lpFileName, op_unlink);
}

/* ---- copies and moves ---- */

/* Copies the data, attributes and last-write time of one file; the target is opened per @p disposition. */
static DWORD copy_file(PCWSTR from, PCWSTR to, DWORD disposition)
{
    HANDLE src = CreateFileW(from, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (src == INVALID_HANDLE_VALUE)
        return GetLastError();
    prjsim__fstat st;
    if (!query(src, &st, true)) {
        DWORD err = GetLastError();
        CloseHandle(src);
        return err;
    }
    prjsim__fstat target;
    if (stat_of(to, &target) == 0 && target.volume == st.volume && target.index == st.index) {
        /* Onto itself: Windows refuses, the source being open without write sharing. */
        CloseHandle(src);
        return ERROR_SHARING_VIOLATION;
    }
    DWORD keep = st.attributes & (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM);
    HANDLE dst = CreateFileW(to, GENERIC_WRITE, 0, NULL, disposition,
                             keep ? keep : FILE_ATTRIBUTE_NORMAL, NULL);
    if (dst == INVALID_HANDLE_VALUE) {
        DWORD err = GetLastError();
        CloseHandle(src);
        return err;
    }
    DWORD err = 0;
    static const DWORD chunk = 64 * 1024;
    char *buf = malloc(chunk);
    if (!buf)
        err = ERROR_NOT_ENOUGH_MEMORY;
    for (;;) {
        DWORD got = 0, put = 0;
        if (err || !ReadFile(src, buf, chunk, &got, NULL)) {
            err = err ? err : GetLastError();
            break;
        }
        if (!got)
            break;
        if (!WriteFile(dst, buf, got, &put, NULL)) {
            err = GetLastError();
            break;
        }
    }
    free(buf);
    if (!err) {
        prjsim__file *f = file_of(dst);
        DWORD a = st.attributes & FILE_ATTRIBUTE_VALID_SET_FLAGS & ~(DWORD)FILE_ATTRIBUTE_NORMAL;
        err = f->be->set_info(f, 0, 0, st.write, a ? a : FILE_ATTRIBUTE_NORMAL);
    }
    CloseHandle(src);
    CloseHandle(dst);
    if (err)
        DeleteFileW(to); /* no half-copied file stays behind */
    return err;
}

BOOL WINAPI CopyFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, BOOL bFailIfExists)
{
    if (!lpExistingFileName || !lpNewFileName)
        return fail(ERROR_INVALID_PARAMETER);
    /* Success leaves the caller's last error alone (DEVIATIONS W-LE), whatever the opens set. */
    DWORD caller_error = GetLastError();
    DWORD err = copy_file(lpExistingFileName, lpNewFileName, bFailIfExists ? CREATE_NEW : CREATE_ALWAYS);
    if (err)
        return fail(err);
    SetLastError(caller_error);
    return TRUE;
}

static WCHAR *join(const WCHAR *dir, const WCHAR *name)
{
    size_t a = wcslen(dir), b = wcslen(name);
    WCHAR *s = malloc((a + b + 2) * sizeof(WCHAR));
    if (s) {
        memcpy(s, dir, a * sizeof(WCHAR));
        s[a] = L'\\';
        memcpy(s + a + 1, name, (b + 1) * sizeof(WCHAR));
    }
    return s;
}

/* Copies a directory tree with the public functions, so each path takes its own route. */
static DWORD copy_tree(const WCHAR *from, const WCHAR *to, int depth)
{
    if (depth > 128)
        return ERROR_FILENAME_EXCED_RANGE;
    if (!CreateDirectoryW(to, NULL))
        return GetLastError();
    WCHAR *pattern = join(from, L"*");
    if (!pattern)
        return ERROR_NOT_ENOUGH_MEMORY;
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW(pattern, &fd);
    free(pattern);
    if (h == INVALID_HANDLE_VALUE)
        return GetLastError() == ERROR_FILE_NOT_FOUND ? 0 : GetLastError();
    DWORD err = 0;
    do {
        if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
            continue;
        WCHAR *a = join(from, fd.cFileName), *b = join(to, fd.cFileName);
        if (!a || !b)
            err = ERROR_NOT_ENOUGH_MEMORY;
        else if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
            err = copy_tree(a, b, depth + 1);
        else
            err = copy_file(a, b, CREATE_NEW);
        free(a);
        free(b);
    } while (!err && FindNextFileW(h, &fd));
    if (!err && GetLastError() != ERROR_NO_MORE_FILES)
        err = GetLastError();
    FindClose(h);
    return err;
}

/* Deletes a directory tree with the public functions (read-only files are made writable). */
static DWORD delete_tree(const WCHAR *dir, int depth)
{
    if (depth > 128)
        return ERROR_FILENAME_EXCED_RANGE;
    WCHAR *pattern = join(dir, L"*");
    if (!pattern)
        return ERROR_NOT_ENOUGH_MEMORY;
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW(pattern, &fd);
    free(pattern);
    DWORD err = 0;
    if (h != INVALID_HANDLE_VALUE) {
        do {
            if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
                continue;
            WCHAR *a = join(dir, fd.cFileName);
            if (!a) {
                err = ERROR_NOT_ENOUGH_MEMORY;
            } else if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
                err = delete_tree(a, depth + 1);
            } else {
                if (fd.dwFileAttributes & FILE_ATTRIBUTE_READONLY)
                    SetFileAttributesW(a, FILE_ATTRIBUTE_NORMAL);
                if (!DeleteFileW(a))
                    err = GetLastError();
            }
            free(a);
        } while (!err && FindNextFileW(h, &fd));
        FindClose(h);
    }
    if (!err && !RemoveDirectoryW(dir))
        err = GetLastError();
    return err;
}

/*
 * Whether a directory of the simulator and everything below it is full (created locally): the
 * only directories ProjFS lets move (docs/behaviour/renames.md). Full directories are listed
 * from disk, so the walk asks the provider nothing.
 */
static bool sim_tree_is_full(const WCHAR *dir, int depth)
{
    PRJ_FILE_STATE state;
    if (depth > 128 || PrjGetOnDiskFileState(dir, &state) != S_OK || state != PRJ_FILE_STATE_FULL)
        return false;
    WCHAR *pattern = join(dir, L"*");
    if (!pattern)
        return false;
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW(pattern, &fd);
    free(pattern);
    bool full = true;
    if (h == INVALID_HANDLE_VALUE)
        return GetLastError() == ERROR_FILE_NOT_FOUND;
    do {
        if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
            continue;
        WCHAR *a = join(dir, fd.cFileName);
        if (!a)
            full = false;
        else if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
            full = sim_tree_is_full(a, depth + 1);
        else
            full = PrjGetOnDiskFileState(a, &state) == S_OK && state == PRJ_FILE_STATE_FULL;
        free(a);
    } while (full && FindNextFileW(h, &fd));
    FindClose(h);
    return full;
}

/* A move between the host and the simulator (or between drives): copy, then delete the source. */
static DWORD move_across(const prjsim__fpath *from, const prjsim__fpath *to, bool replace)
{
    prjsim__fstat src, dst;
    DWORD err = prjsim__files_backend_of(from)->stat(from, &src);
    if (err)
        return err;
    if (from->drive_root || to->drive_root)
        return ERROR_ACCESS_DENIED;
    err = prjsim__files_backend_of(to)->stat(to, &dst);
    if (!err) {
        if (!replace)
            return ERROR_ALREADY_EXISTS;
        if ((dst.attributes & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_READONLY)) ||
            (src.attributes & FILE_ATTRIBUTE_DIRECTORY))
            return ERROR_ACCESS_DENIED;
    } else if (err != ERROR_FILE_NOT_FOUND) {
        return err;
    }
    if (src.attributes & FILE_ATTRIBUTE_DIRECTORY) {
        /* As the simulator rules for renames: only entirely full directories move. */
        if (from->sim && !sim_tree_is_full(from->win, 0))
            return ERROR_NOT_SUPPORTED;
        err = copy_tree(from->win, to->win, 0);
        if (!err)
            delete_tree(from->win, 0);
        return err;
    }
    err = copy_file(from->win, to->win, replace ? CREATE_ALWAYS : CREATE_NEW);
    if (err == ERROR_FILE_EXISTS)
        err = ERROR_ALREADY_EXISTS;
    if (!err) {
        /* The copy stays if the source cannot go, and the move still succeeds (as Windows). */
        if (src.attributes & FILE_ATTRIBUTE_READONLY)
            prjsim__files_backend_of(from)->set_attributes(from, FILE_ATTRIBUTE_NORMAL);
        prjsim__files_backend_of(from)->unlink(from);
    }
    return err;
}

BOOL WINAPI MoveFileExW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, DWORD dwFlags)
{
    if (!lpNewFileName || (dwFlags & MOVEFILE_DELAY_UNTIL_REBOOT))
        return fail(lpNewFileName ? ERROR_NOT_SUPPORTED : ERROR_INVALID_PARAMETER);
    prjsim__fpath from, to;
    if (!resolve(&from, lpExistingFileName))
        return FALSE;
    if (!resolve(&to, lpNewFileName)) {
        prjsim__files_fpath_free(&from);
        return FALSE;
    }
    bool replace = (dwFlags & MOVEFILE_REPLACE_EXISTING) != 0;
    bool same_drive = from.win[0] == to.win[0];
    DWORD err;
    if (!same_drive && !(dwFlags & MOVEFILE_COPY_ALLOWED)) {
        prjsim__fstat st;
        err = prjsim__files_backend_of(&from)->stat(&from, &st);
        if (!err)
            err = ERROR_NOT_SAME_DEVICE;
    } else if (from.sim == to.sim && (same_drive || !from.sim)) {
        /* One backend: a real rename (host drives share one host file system). */
        err = prjsim__files_backend_of(&from)->rename(&from, &to, replace);
    } else {
        err = move_across(&from, &to, replace);
    }
    prjsim__files_fpath_free(&from);
    prjsim__files_fpath_free(&to);
    return err ? fail(err) : TRUE;
}

BOOL WINAPI MoveFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName)
{
    return MoveFileExW(lpExistingFileName, lpNewFileName, MOVEFILE_COPY_ALLOWED);
}

BOOL WINAPI CreateHardLinkW(LPCWSTR lpFileName, LPCWSTR lpExistingFileName,
                            LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
    (void)lpSecurityAttributes;
    prjsim__fpath link_path, existing;
    if (!resolve(&link_path, lpFileName))
        return FALSE;
    if (!resolve(&existing, lpExistingFileName)) {
        prjsim__files_fpath_free(&link_path);
        return FALSE;
    }
    DWORD err;
    if (link_path.sim != existing.sim || link_path.win[0] != existing.win[0])
        err = ERROR_NOT_SAME_DEVICE;
    else
        err = prjsim__files_backend_of(&link_path)->link(&link_path, &existing);
    prjsim__files_fpath_free(&link_path);
    prjsim__files_fpath_free(&existing);
    return err ? fail(err) : TRUE;
}

BOOLEAN WINAPI CreateSymbolicLinkW(LPCWSTR lpSymlinkFileName, LPCWSTR lpTargetFileName, DWORD dwFlags)
{
    if ((dwFlags & ~(DWORD)(SYMBOLIC_LINK_FLAG_DIRECTORY | SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE)) ||
        !lpTargetFileName || !lpTargetFileName[0])
        return (BOOLEAN)fail(ERROR_INVALID_PARAMETER);
    prjsim__fpath link_path, absolute;
    if (!resolve(&link_path, lpSymlinkFileName))
        return FALSE;
    /* A target with a drive is absolute (resolved as any path); anything else is kept as given,
     * relative to the link's directory. */
    WCHAR drive = lpTargetFileName[0] | 0x20;
    bool is_absolute = drive >= L'a' && drive <= L'z' && lpTargetFileName[1] == L':';
    if (is_absolute && !resolve(&absolute, lpTargetFileName)) {
        prjsim__files_fpath_free(&link_path);
        return FALSE;
    }
    DWORD err = prjsim__files_backend_of(&link_path)
                    ->symlink(&link_path, lpTargetFileName, is_absolute ? &absolute : NULL,
                              (dwFlags & SYMBOLIC_LINK_FLAG_DIRECTORY) != 0);
    prjsim__files_fpath_free(&link_path);
    if (is_absolute)
        prjsim__files_fpath_free(&absolute);
    return err ? (BOOLEAN)fail(err) : TRUE;
}

BOOL WINAPI PathFileExistsW(LPCWSTR pszPath)
{
    return GetFileAttributesW(pszPath) != INVALID_FILE_ATTRIBUTES;
}

/* ---- FILETIME helpers ---- */

LONG WINAPI CompareFileTime(const FILETIME *lpFileTime1, const FILETIME *lpFileTime2)
{
    UINT64 a = ((UINT64)lpFileTime1->dwHighDateTime << 32) | lpFileTime1->dwLowDateTime;
    UINT64 b = ((UINT64)lpFileTime2->dwHighDateTime << 32) | lpFileTime2->dwLowDateTime;
    return a < b ? -1 : a > b ? 1 : 0;
}

/* Days from 1601-01-01 to y-m-d (proleptic Gregorian), and back. */
static INT64 days_from_civil(INT64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    INT64 era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (INT64)doe - 584694; /* days from 0000-03-01 to 1601-01-01 */
}

static void civil_from_days(INT64 z, INT64 *y, unsigned *m, unsigned *d)
{
    z += 584694;
    INT64 era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (INT64)yoe + era * 400 + (*m <= 2);
}

BOOL WINAPI FileTimeToSystemTime(const FILETIME *lpFileTime, LPSYSTEMTIME lpSystemTime)
{
    if (!lpFileTime || !lpSystemTime)
        return fail(ERROR_INVALID_PARAMETER);
    UINT64 t = ((UINT64)lpFileTime->dwHighDateTime << 32) | lpFileTime->dwLowDateTime;
    if (t >= 0x8000000000000000ull)
        return fail(ERROR_INVALID_PARAMETER);
    UINT64 ms = t / 10000;
    INT64 days = (INT64)(ms / 86400000);
    UINT64 in_day = ms % 86400000;
    INT64 y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    lpSystemTime->wYear = (WORD)y;
    lpSystemTime->wMonth = (WORD)m;
    lpSystemTime->wDay = (WORD)d;
    lpSystemTime->wDayOfWeek = (WORD)((days + 1) % 7); /* 1601-01-01 was a Monday */
    lpSystemTime->wHour = (WORD)(in_day / 3600000);
    lpSystemTime->wMinute = (WORD)(in_day / 60000 % 60);
    lpSystemTime->wSecond = (WORD)(in_day / 1000 % 60);
    lpSystemTime->wMilliseconds = (WORD)(in_day % 1000);
    return TRUE;
}

BOOL WINAPI SystemTimeToFileTime(const SYSTEMTIME *lpSystemTime, LPFILETIME lpFileTime)
{
    static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!lpSystemTime || !lpFileTime)
        return fail(ERROR_INVALID_PARAMETER);
    const SYSTEMTIME *s = lpSystemTime;
    bool leap = (s->wYear % 4 == 0 && s->wYear % 100 != 0) || s->wYear % 400 == 0;
    if (s->wYear < 1601 || s->wYear > 30827 || s->wMonth < 1 || s->wMonth > 12 || s->wDay < 1 ||
        s->wDay > mdays[s->wMonth - 1] + (s->wMonth == 2 && leap) || s->wHour > 23 ||
        s->wMinute > 59 || s->wSecond > 59 || s->wMilliseconds > 999)
        return fail(ERROR_INVALID_PARAMETER);
    INT64 days = days_from_civil(s->wYear, s->wMonth, s->wDay);
    INT64 ms = ((days * 24 + s->wHour) * 60 + s->wMinute) * 60000 + s->wSecond * 1000 +
               s->wMilliseconds;
    to_filetime(ms * 10000, lpFileTime);
    return TRUE;
}

/* ---- the A forms ---- */

/* Runs @p call with the wide form of @p s; NULL stays NULL. */
#define WITH_WIDE(var, s, fail_value, ...)                   \
    WCHAR *var = prjsim__paths_wide(s);                      \
    if ((s) && !var) {                                       \
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);               \
        return fail_value;                                   \
    }                                                        \
    __VA_ARGS__;                                             \
    free(var)

HANDLE WINAPI CreateFileA(LPCSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                          LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
                          DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
{
    HANDLE h;
    WITH_WIDE(w, lpFileName, INVALID_HANDLE_VALUE,
              h = CreateFileW(w, dwDesiredAccess, dwShareMode, lpSecurityAttributes,
                              dwCreationDisposition, dwFlagsAndAttributes, hTemplateFile));
    return h;
}

DWORD WINAPI GetFileAttributesA(LPCSTR lpFileName)
{
    DWORD r;
    WITH_WIDE(w, lpFileName, INVALID_FILE_ATTRIBUTES, r = GetFileAttributesW(w));
    return r;
}

BOOL WINAPI GetFileAttributesExA(LPCSTR lpFileName, GET_FILEEX_INFO_LEVELS fInfoLevelId,
                                 LPVOID lpFileInformation)
{
    BOOL r;
    WITH_WIDE(w, lpFileName, FALSE, r = GetFileAttributesExW(w, fInfoLevelId, lpFileInformation));
    return r;
}

BOOL WINAPI SetFileAttributesA(LPCSTR lpFileName, DWORD dwFileAttributes)
{
    BOOL r;
    WITH_WIDE(w, lpFileName, FALSE, r = SetFileAttributesW(w, dwFileAttributes));
    return r;
}

BOOL WINAPI CreateDirectoryA(LPCSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
    BOOL r;
    WITH_WIDE(w, lpPathName, FALSE, r = CreateDirectoryW(w, lpSecurityAttributes));
    return r;
}

BOOL WINAPI RemoveDirectoryA(LPCSTR lpPathName)
{
    BOOL r;
    WITH_WIDE(w, lpPathName, FALSE, r = RemoveDirectoryW(w));
    return r;
}

BOOL WINAPI DeleteFileA(LPCSTR lpFileName)
{
    BOOL r;
    WITH_WIDE(w, lpFileName, FALSE, r = DeleteFileW(w));
    return r;
}

BOOL WINAPI MoveFileExA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, DWORD dwFlags)
{
    BOOL r;
    WCHAR *to = prjsim__paths_wide(lpNewFileName);
    if (lpNewFileName && !to)
        return fail(ERROR_NOT_ENOUGH_MEMORY);
    WITH_WIDE(from, lpExistingFileName, (free(to), FALSE), r = MoveFileExW(from, to, dwFlags));
    free(to);
    return r;
}

BOOL WINAPI MoveFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName)
{
    return MoveFileExA(lpExistingFileName, lpNewFileName, MOVEFILE_COPY_ALLOWED);
}

BOOL WINAPI CopyFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, BOOL bFailIfExists)
{
    BOOL r;
    WCHAR *to = prjsim__paths_wide(lpNewFileName);
    if (lpNewFileName && !to)
        return fail(ERROR_NOT_ENOUGH_MEMORY);
    WITH_WIDE(from, lpExistingFileName, (free(to), FALSE), r = CopyFileW(from, to, bFailIfExists));
    free(to);
    return r;
}

BOOL WINAPI CreateHardLinkA(LPCSTR lpFileName, LPCSTR lpExistingFileName,
                            LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
    BOOL r;
    WCHAR *existing = prjsim__paths_wide(lpExistingFileName);
    if (lpExistingFileName && !existing)
        return fail(ERROR_NOT_ENOUGH_MEMORY);
    WITH_WIDE(w, lpFileName, (free(existing), FALSE),
              r = CreateHardLinkW(w, existing, lpSecurityAttributes));
    free(existing);
    return r;
}

BOOL WINAPI PathFileExistsA(LPCSTR pszPath)
{
    return GetFileAttributesA(pszPath) != INVALID_FILE_ATTRIBUTES;
}
