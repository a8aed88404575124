/* SPDX-License-Identifier: MIT */
/*
 * The CRT's file openers with Windows names: _wfopen, _wfopen_s, fopen_s, _fileno.
 *
 * A Windows program passes Windows paths ("C:\\data\\x.txt", "..\\y"), so the file is opened
 * with the Win32 file API (CreateFileW), which maps drive letters and sends paths inside a
 * virtualization root to the simulator, and the HANDLE is wrapped in a C stream with
 * fopencookie. fread/fwrite/fseek/fclose on that stream become ReadFile/WriteFile/
 * SetFilePointerEx/CloseHandle.
 */
#include <windows.h>

#include "crt_streams.h"
#include "utf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cookie {
    HANDLE file;
    bool append;
} cookie;

/* Codes winerror.h lacks are numbers here, with their names beside them. */
int prjsim__crt_errno_of(DWORD error)
{
    switch (error) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case 15: /* ERROR_INVALID_DRIVE */
    case ERROR_NO_MORE_FILES:
    case ERROR_BAD_NETPATH:
    case 67: /* ERROR_BAD_NET_NAME */
    case ERROR_BAD_PATHNAME:
    case ERROR_FILENAME_EXCED_RANGE:
        return ENOENT;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
    case 16: /* ERROR_CURRENT_DIRECTORY */
    case 65: /* ERROR_NETWORK_ACCESS_DENIED */
    case ERROR_CANNOT_MAKE:
    case 108: /* ERROR_DRIVE_LOCKED */
        return EACCES;
    case ERROR_FILE_EXISTS:
    case ERROR_ALREADY_EXISTS:
        return EEXIST;
    case ERROR_INVALID_HANDLE:
    case 114: /* ERROR_INVALID_TARGET_HANDLE */
    case 130: /* ERROR_DIRECT_ACCESS_HANDLE */
        return EBADF;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
    case 9: /* ERROR_INVALID_BLOCK */
        return ENOMEM;
    case 17: /* ERROR_NOT_SAME_DEVICE */
        return EXDEV;
    case ERROR_DISK_FULL:
        return ENOSPC;
    case ERROR_TOO_MANY_OPEN_FILES:
        return EMFILE;
    case ERROR_DIR_NOT_EMPTY:
        return ENOTEMPTY;
    case 109: /* ERROR_BROKEN_PIPE */
        return EPIPE;
    case ERROR_DIRECTORY:
        return EISDIR; /* kept from before: a file call that names a directory */
    default:
        return EINVAL;
    }
}

#define errno_of prjsim__crt_errno_of

static ssize_t cookie_read(void *c, char *buf, size_t size)
{
    cookie *ck = c;
    DWORD want = size > 0x7FFFFFFF ? 0x7FFFFFFF : (DWORD)size, got = 0;
    if (!ReadFile(ck->file, buf, want, &got, NULL)) {
        errno = errno_of(GetLastError());
        return -1;
    }
    return (ssize_t)got;
}

static ssize_t cookie_write(void *c, const char *buf, size_t size)
{
    cookie *ck = c;
    if (ck->append) {
        LARGE_INTEGER zero = {.QuadPart = 0};
        SetFilePointerEx(ck->file, zero, NULL, FILE_END);
    }
    size_t done = 0;
    while (done < size) {
        DWORD chunk = size - done > 0x7FFFFFFF ? 0x7FFFFFFF : (DWORD)(size - done), wrote = 0;
        if (!WriteFile(ck->file, buf + done, chunk, &wrote, NULL)) {
            errno = errno_of(GetLastError());
            return done ? (ssize_t)done : -1;
        }
        done += wrote;
        if (!wrote)
            break;
    }
    return (ssize_t)done;
}

static int cookie_seek(void *c, off64_t *offset, int whence)
{
    cookie *ck = c;
    DWORD method = whence == SEEK_SET ? FILE_BEGIN : whence == SEEK_CUR ? FILE_CURRENT : FILE_END;
    LARGE_INTEGER distance = {.QuadPart = *offset}, now;
    if (!SetFilePointerEx(ck->file, distance, &now, method)) {
        errno = errno_of(GetLastError());
        return -1;
    }
    *offset = now.QuadPart;
    return 0;
}

static int cookie_close(void *c)
{
    cookie *ck = c;
    BOOL ok = CloseHandle(ck->file);
    free(ck);
    if (!ok) {
        errno = EIO;
        return -1;
    }
    return 0;
}

/* Parses an fopen mode with MSVC's extras; false for a mode fopen would refuse. */
static bool parse_mode(const wchar_t *mode, DWORD *access, DWORD *disposition, DWORD *flags,
                       bool *append, const char **posix)
{
    bool plus = false, exclusive = false;
    *flags = FILE_ATTRIBUTE_NORMAL;
    *append = false;
    wchar_t kind = mode[0];
    if (kind != L'r' && kind != L'w' && kind != L'a')
        return false;
    for (const wchar_t *m = mode + 1; *m && *m != L','; m++) {
        switch (*m) {
        case L'+': plus = true; break;
        case L'x': exclusive = true; break;
        case L'D': *flags |= FILE_FLAG_DELETE_ON_CLOSE; break;
        case L'T': *flags |= FILE_ATTRIBUTE_TEMPORARY; break;
        case L'R': *flags |= FILE_FLAG_RANDOM_ACCESS; break;
        case L'S': *flags |= FILE_FLAG_SEQUENTIAL_SCAN; break;
        case L'b': case L't': case L'c': case L'n': case L'N': case L'e': break;
        case L' ': break;
        default: return false;
        }
    }
    if (exclusive && kind != L'w')
        return false;
    switch (kind) {
    case L'r':
        *access = GENERIC_READ | (plus ? GENERIC_WRITE : 0);
        *disposition = OPEN_EXISTING;
        break;
    case L'w':
        *access = GENERIC_WRITE | (plus ? GENERIC_READ : 0);
        *disposition = exclusive ? CREATE_NEW : CREATE_ALWAYS;
        break;
    default:
        *access = GENERIC_WRITE | (plus ? GENERIC_READ : 0);
        *disposition = OPEN_ALWAYS;
        *append = true;
        break;
    }
    if (*flags & FILE_FLAG_DELETE_ON_CLOSE)
        *access |= DELETE;
    *posix = plus ? "r+" : kind == L'r' ? "r" : "w";
    return true;
}

FILE *prjsim__crt_open_stream(const wchar_t *filename, const wchar_t *mode, int *err)
{
    DWORD access, disposition, flags;
    bool append;
    const char *posix;
    if (!filename || !mode || !parse_mode(mode, &access, &disposition, &flags, &append, &posix)) {
        *err = EINVAL;
        return NULL;
    }
    HANDLE h = CreateFileW(filename, access, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           disposition, flags, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        *err = errno_of(GetLastError());
        return NULL;
    }
    FILE *f = prjsim__crt_stream_of_handle(h, append, posix);
    if (!f) {
        *err = ENOMEM;
        return NULL;
    }
    return f;
}

FILE *prjsim__crt_stream_of_handle(HANDLE h, bool append, const char *posix)
{
    cookie *ck = malloc(sizeof *ck);
    if (!ck) {
        CloseHandle(h);
        return NULL;
    }
    ck->file = h;
    ck->append = append;
    cookie_io_functions_t io = {cookie_read, cookie_write, cookie_seek, cookie_close};
    FILE *f = fopencookie(ck, posix, io);
    if (!f) {
        cookie_close(ck);
        return NULL;
    }
    if (append)
        fseek(f, 0, SEEK_END);
    return f;
}

FILE *__cdecl _wfopen(const wchar_t *filename, const wchar_t *mode)
{
    int err = 0;
    FILE *f = prjsim__crt_open_stream(filename, mode, &err);
    if (!f)
        errno = err;
    return f;
}

errno_t __cdecl _wfopen_s(FILE **pFile, const wchar_t *filename, const wchar_t *mode)
{
    if (!pFile)
        return errno = EINVAL;
    int err = 0;
    *pFile = prjsim__crt_open_stream(filename, mode, &err);
    if (!*pFile)
        errno = err;
    return *pFile ? 0 : err;
}

errno_t __cdecl fopen_s(FILE **pFile, const char *filename, const char *mode)
{
    if (!pFile)
        return errno = EINVAL;
    *pFile = NULL;
    if (!filename || !mode)
        return errno = EINVAL;
    wchar_t *wname = prjsim__wide_from_utf8(filename, strlen(filename), NULL);
    wchar_t *wmode = prjsim__wide_from_utf8(mode, strlen(mode), NULL);
    int err = ENOMEM;
    if (wname && wmode)
        *pFile = prjsim__crt_open_stream(wname, wmode, &err);
    free(wname);
    free(wmode);
    if (!*pFile)
        errno = err;
    return *pFile ? 0 : err;
}

int __cdecl _fileno(FILE *stream)
{
    return fileno(stream);
}
