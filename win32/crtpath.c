/* SPDX-License-Identifier: MIT */
/*
 * The CRT's file calls that take paths (prjsim_win/crtfile.h): stat, _access, _chmod, _mkdir,
 * _rmdir, remove, rename, fopen, freopen, _open and its descriptors, _findfirst. Each is the
 * Win32 call MSVC's CRT makes for it (GetFileAttributesExW, CreateDirectoryW, MoveFileExW,
 * CreateFileW, FindFirstFileW...), so a path inside a virtualization root reaches the simulator
 * and any other drive path the host folder of its drive, exactly as the Win32 calls route them.
 *
 * fopen, freopen, stat, remove and rename are glibc's names too: a provider program is linked
 * with --wrap for them (tools/cc, tools/cmake/PrjsimProvider.cmake), so its calls arrive at the
 * __wrap_ functions here while libprjsim's own calls (and the tools') still reach glibc. A
 * narrow path beginning with one '/' is a host path and goes to glibc unchanged.
 */
#include <windows.h>

#include "crt_streams.h"
#include "files.h"
#include "utf.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

/* ---- paths and errors ---- */

static bool is_host_path(const char *path)
{
    return path[0] == '/' && path[1] != '/';
}

/* The wide form of a UTF-8 path, or NULL with errno set. */
static wchar_t *wide(const char *path)
{
    if (!path) {
        errno = EINVAL;
        return NULL;
    }
    wchar_t *w = prjsim__wide_from_utf8(path, strlen(path), NULL);
    if (!w)
        errno = ENOMEM;
    return w;
}

static int fail_win32(void)
{
    errno = prjsim__crt_errno_of(GetLastError());
    return -1;
}

static int fail_errno(int e)
{
    errno = e;
    return -1;
}

/* seconds and nanoseconds since 1970 of a FILETIME; 0 for a zero FILETIME */
static struct timespec unix_time(const FILETIME *ft)
{
    INT64 t = (INT64)(((UINT64)ft->dwHighDateTime << 32) | ft->dwLowDateTime);
    struct timespec ts = {0, 0};
    if (t == 0)
        return ts;
    t -= 116444736000000000LL;
    ts.tv_sec = t / 10000000;
    ts.tv_nsec = (long)(t % 10000000) * 100;
    if (ts.tv_nsec < 0) {
        ts.tv_nsec += 1000000000L;
        ts.tv_sec--;
    }
    return ts;
}

/* MSVC's st_mode: read for all, write unless read-only, execute for directories and programs. */
static mode_t mode_of(const wchar_t *path, DWORD attributes)
{
    bool dir = attributes & FILE_ATTRIBUTE_DIRECTORY;
    mode_t m = (dir ? S_IFDIR : S_IFREG) | 0444;
    if (!(attributes & FILE_ATTRIBUTE_READONLY))
        m |= 0222;
    const wchar_t *dot = wcsrchr(path, L'.');
    if (dir || (dot && (!_wcsicmp(dot, L".exe") || !_wcsicmp(dot, L".cmd") ||
                        !_wcsicmp(dot, L".bat") || !_wcsicmp(dot, L".com"))))
        m |= 0111;
    return m;
}

/* ---- stat ---- */

int __cdecl _wstat(const wchar_t *path, struct stat *buffer)
{
    if (!path || !buffer)
        return fail_errno(EINVAL);
    /* MSVC refuses wildcards here (FindFirstFile would match them). */
    if (wcspbrk(path, L"*?"))
        return fail_errno(ENOENT);
    WIN32_FILE_ATTRIBUTE_DATA data;
    if (!GetFileAttributesExW(path, GetFileExInfoStandard, &data))
        return fail_win32();
    WCHAR full[MAX_PATH * 4];
    DWORD n = GetFullPathNameW(path, sizeof full / sizeof full[0], full, NULL);
    int drive = n >= 2 && full[1] == L':' ? (int)(towupper(full[0]) - L'A') : 0;
    memset(buffer, 0, sizeof *buffer);
    buffer->st_dev = buffer->st_rdev = (dev_t)drive;
    buffer->st_mode = mode_of(path, data.dwFileAttributes);
    buffer->st_nlink = 1;
    if (!(data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY))
        buffer->st_size = (off_t)(((UINT64)data.nFileSizeHigh << 32) | data.nFileSizeLow);
    buffer->st_blksize = 4096;
    buffer->st_blocks = (blkcnt_t)((buffer->st_size + 511) / 512);
    buffer->st_mtim = unix_time(&data.ftLastWriteTime);
    buffer->st_atim = unix_time(&data.ftLastAccessTime);
    buffer->st_ctim = unix_time(&data.ftCreationTime);
    if (!buffer->st_atim.tv_sec)
        buffer->st_atim = buffer->st_mtim;
    if (!buffer->st_ctim.tv_sec)
        buffer->st_ctim = buffer->st_mtim;
    return 0;
}

int __wrap_stat(const char *path, struct stat *buffer)
{
    if (path && is_host_path(path))
        return stat(path, buffer);
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    int rc = _wstat(w, buffer);
    free(w);
    return rc;
}

/* ---- access and chmod ---- */

int __cdecl _waccess(const wchar_t *path, int mode)
{
    if (!path || (mode & ~6))
        return fail_errno(EINVAL);
    DWORD a = GetFileAttributesW(path);
    if (a == INVALID_FILE_ATTRIBUTES)
        return fail_win32();
    /* Directories are always writable to _access; a read-only file is not. */
    if ((mode & 2) && (a & FILE_ATTRIBUTE_READONLY) && !(a & FILE_ATTRIBUTE_DIRECTORY))
        return fail_errno(EACCES);
    return 0;
}

errno_t __cdecl _waccess_s(const wchar_t *path, int mode)
{
    return _waccess(path, mode) == 0 ? 0 : errno;
}

int __cdecl _wchmod(const wchar_t *path, int pmode)
{
    if (!path)
        return fail_errno(EINVAL);
    DWORD a = GetFileAttributesW(path);
    if (a == INVALID_FILE_ATTRIBUTES)
        return fail_win32();
    a = (pmode & _S_IWRITE) ? a & ~(DWORD)FILE_ATTRIBUTE_READONLY : a | FILE_ATTRIBUTE_READONLY;
    /* SetFileAttributes takes NORMAL for "none", and refuses DIRECTORY. */
    a &= ~(DWORD)FILE_ATTRIBUTE_DIRECTORY;
    if (!SetFileAttributesW(path, a ? a : FILE_ATTRIBUTE_NORMAL))
        return fail_win32();
    return 0;
}

/* ---- directories, remove, rename ---- */

int __cdecl _wmkdir(const wchar_t *path)
{
    if (!path)
        return fail_errno(EINVAL);
    return CreateDirectoryW(path, NULL) ? 0 : fail_win32();
}

int __cdecl _wrmdir(const wchar_t *path)
{
    if (!path)
        return fail_errno(EINVAL);
    return RemoveDirectoryW(path) ? 0 : fail_win32();
}

int __cdecl _wunlink(const wchar_t *path)
{
    if (!path)
        return fail_errno(EINVAL);
    return DeleteFileW(path) ? 0 : fail_win32();
}

int __cdecl _wremove(const wchar_t *path)
{
    return _wunlink(path);
}

int __cdecl _wrename(const wchar_t *oldname, const wchar_t *newname)
{
    if (!oldname || !newname)
        return fail_errno(EINVAL);
    /* MSVC's rename: never replaces an existing file; may move across volumes. */
    return MoveFileExW(oldname, newname, MOVEFILE_COPY_ALLOWED) ? 0 : fail_win32();
}

/* Calls @p fn with the wide form of @p path. */
static int with_wide(const char *path, int (*fn)(const wchar_t *))
{
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    int rc = fn(w);
    free(w);
    return rc;
}

int __cdecl _mkdir(const char *path)
{
    return with_wide(path, _wmkdir);
}

int __cdecl _rmdir(const char *path)
{
    return with_wide(path, _wrmdir);
}

int __cdecl _unlink(const char *path)
{
    return with_wide(path, _wunlink);
}

int __wrap_remove(const char *path)
{
    if (path && is_host_path(path))
        return remove(path);
    return with_wide(path, _wremove);
}

int __cdecl _access(const char *path, int mode)
{
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    int rc = _waccess(w, mode);
    free(w);
    return rc;
}

errno_t __cdecl _access_s(const char *path, int mode)
{
    return _access(path, mode) == 0 ? 0 : errno;
}

int __cdecl _chmod(const char *path, int pmode)
{
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    int rc = _wchmod(w, pmode);
    free(w);
    return rc;
}

int __wrap_rename(const char *oldname, const char *newname)
{
    if (oldname && newname && is_host_path(oldname) && is_host_path(newname))
        return rename(oldname, newname);
    wchar_t *a = wide(oldname), *b = a ? wide(newname) : NULL;
    int rc = a && b ? _wrename(a, b) : -1;
    free(a);
    free(b);
    return rc;
}

/* ---- fopen and freopen ---- */

FILE *__wrap_fopen(const char *path, const char *mode)
{
    if (path && mode && is_host_path(path))
        return fopen(path, mode);
    wchar_t *w = wide(path), *m = w ? wide(mode) : NULL;
    int err = errno;
    FILE *f = w && m ? prjsim__crt_open_stream(w, m, &err) : NULL;
    free(w);
    free(m);
    if (!f)
        errno = err;
    return f;
}

/* glibc's mode for a mode with MSVC's extra letters: the first letter, '+', 'x'. */
static void posix_mode(const wchar_t *mode, char out[4])
{
    size_t n = 0;
    out[n++] = (char)mode[0];
    if (wcschr(mode, L'+'))
        out[n++] = '+';
    if (wcschr(mode, L'x') && n < 3)
        out[n++] = 'x';
    out[n] = 0;
}

FILE *__cdecl _wfreopen(const wchar_t *path, const wchar_t *mode, FILE *stream)
{
    if (!mode || !stream || (mode[0] != L'r' && mode[0] != L'w' && mode[0] != L'a')) {
        errno = EINVAL;
        return NULL;
    }
    char pm[4];
    posix_mode(mode, pm);
    if (!path)
        return freopen(NULL, pm, stream);
    /*
     * A C stream cannot be turned into one over a Win32 handle in place: outside every root
     * the host file of the path is reopened, which is the same file; inside a root the call
     * fails (DEVIATIONS.md, "CRT file calls").
     */
    prjsim__fpath fp;
    DWORD err = prjsim__files_resolve(&fp, path, 0);
    if (err) {
        errno = prjsim__crt_errno_of(err);
        return NULL;
    }
    FILE *f = NULL;
    if (fp.sim)
        errno = ENOTSUP;
    else
        f = freopen(fp.host, pm, stream);
    prjsim__files_fpath_free(&fp);
    return f;
}

FILE *__wrap_freopen(const char *path, const char *mode, FILE *stream)
{
    if (!path || is_host_path(path))
        return freopen(path, mode, stream);
    wchar_t *w = wide(path), *m = w ? wide(mode) : NULL;
    FILE *f = w && m ? _wfreopen(w, m, stream) : NULL;
    free(w);
    free(m);
    return f;
}

/* ---- _open and its descriptors ---- */

typedef struct crt_fd {
    HANDLE file; /* NULL: the slot is free */
    bool append;
} crt_fd;

static pthread_mutex_t fd_lock = PTHREAD_MUTEX_INITIALIZER;
static crt_fd *fds;
static size_t fd_count;

static int fd_add(HANDLE h, bool append)
{
    pthread_mutex_lock(&fd_lock);
    size_t i = 0;
    while (i < fd_count && fds[i].file)
        i++;
    if (i == fd_count) {
        crt_fd *grown = realloc(fds, (fd_count + 16) * sizeof *fds);
        if (!grown) {
            pthread_mutex_unlock(&fd_lock);
            return -1;
        }
        memset(grown + fd_count, 0, 16 * sizeof *fds);
        fds = grown;
        fd_count += 16;
    }
    fds[i].file = h;
    fds[i].append = append;
    pthread_mutex_unlock(&fd_lock);
    return PRJSIM_CRT_FD_BASE + (int)i;
}

/* The handle of one of our descriptors, or NULL for a host descriptor (or a closed one). */
static HANDLE fd_handle(int fd, bool *append)
{
    if (fd < PRJSIM_CRT_FD_BASE)
        return NULL;
    size_t i = (size_t)(fd - PRJSIM_CRT_FD_BASE);
    pthread_mutex_lock(&fd_lock);
    HANDLE h = i < fd_count ? fds[i].file : NULL;
    if (append)
        *append = h && fds[i].append;
    pthread_mutex_unlock(&fd_lock);
    return h;
}

static HANDLE fd_take(int fd)
{
    if (fd < PRJSIM_CRT_FD_BASE)
        return NULL;
    size_t i = (size_t)(fd - PRJSIM_CRT_FD_BASE);
    pthread_mutex_lock(&fd_lock);
    HANDLE h = i < fd_count ? fds[i].file : NULL;
    if (h)
        fds[i].file = NULL;
    pthread_mutex_unlock(&fd_lock);
    return h;
}

static int open_wide(const wchar_t *path, int oflag, int shflag, int pmode, int *err)
{
    if (!path) {
        *err = EINVAL;
        return -1;
    }
    DWORD access;
    switch (oflag & O_ACCMODE) {
    case O_RDONLY: access = GENERIC_READ; break;
    case O_WRONLY: access = GENERIC_WRITE; break;
    case O_RDWR: access = GENERIC_READ | GENERIC_WRITE; break;
    default: *err = EINVAL; return -1;
    }
    DWORD disposition;
    if ((oflag & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
        disposition = CREATE_NEW;
    else if ((oflag & (O_CREAT | O_TRUNC)) == (O_CREAT | O_TRUNC))
        disposition = CREATE_ALWAYS;
    else if (oflag & O_CREAT)
        disposition = OPEN_ALWAYS;
    else if (oflag & O_TRUNC)
        disposition = TRUNCATE_EXISTING;
    else
        disposition = OPEN_EXISTING;
    DWORD share = shflag == _SH_DENYRW ? 0
                  : shflag == _SH_DENYWR ? FILE_SHARE_READ
                  : shflag == _SH_DENYRD ? FILE_SHARE_WRITE
                                         : FILE_SHARE_READ | FILE_SHARE_WRITE;
    DWORD flags = (oflag & O_CREAT) && !(pmode & _S_IWRITE) ? FILE_ATTRIBUTE_READONLY
                                                            : FILE_ATTRIBUTE_NORMAL;
    if (oflag & _O_TEMPORARY) {
        flags |= FILE_FLAG_DELETE_ON_CLOSE;
        access |= DELETE;
        share |= FILE_SHARE_DELETE;
    }
    HANDLE h = CreateFileW(path, access, share, NULL, disposition, flags, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        *err = prjsim__crt_errno_of(GetLastError());
        return -1;
    }
    int fd = fd_add(h, oflag & O_APPEND);
    if (fd < 0) {
        CloseHandle(h);
        *err = EMFILE;
    }
    return fd;
}

static int mode_arg(int oflag, va_list ap)
{
    return (oflag & O_CREAT) ? va_arg(ap, int) : _S_IREAD | _S_IWRITE;
}

int __cdecl _wopen(const wchar_t *path, int oflag, ...)
{
    va_list ap;
    va_start(ap, oflag);
    int pmode = mode_arg(oflag, ap);
    va_end(ap);
    int err = 0;
    int fd = open_wide(path, oflag, _SH_DENYNO, pmode, &err);
    if (fd < 0)
        errno = err;
    return fd;
}

int __cdecl _open(const char *path, int oflag, ...)
{
    va_list ap;
    va_start(ap, oflag);
    int pmode = mode_arg(oflag, ap);
    va_end(ap);
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    int err = 0;
    int fd = open_wide(w, oflag, _SH_DENYNO, pmode, &err);
    free(w);
    if (fd < 0)
        errno = err;
    return fd;
}

errno_t __cdecl _wsopen_s(int *pfh, const wchar_t *path, int oflag, int shflag, int pmode)
{
    if (!pfh)
        return errno = EINVAL;
    int err = 0;
    *pfh = open_wide(path, oflag, shflag, pmode, &err);
    if (*pfh < 0)
        errno = err;
    return *pfh < 0 ? err : 0;
}

errno_t __cdecl _sopen_s(int *pfh, const char *path, int oflag, int shflag, int pmode)
{
    if (!pfh)
        return errno = EINVAL;
    *pfh = -1;
    wchar_t *w = wide(path);
    if (!w)
        return errno;
    errno_t e = _wsopen_s(pfh, w, oflag, shflag, pmode);
    free(w);
    return e;
}

int __cdecl _close(int fd)
{
    if (fd < PRJSIM_CRT_FD_BASE)
        return close(fd);
    HANDLE h = fd_take(fd);
    if (!h)
        return fail_errno(EBADF);
    return CloseHandle(h) ? 0 : fail_win32();
}

int __cdecl _read(int fd, void *buffer, unsigned int count)
{
    if (fd < PRJSIM_CRT_FD_BASE)
        return (int)read(fd, buffer, count);
    HANDLE h = fd_handle(fd, NULL);
    if (!h)
        return fail_errno(EBADF);
    DWORD got = 0;
    if (!ReadFile(h, buffer, count > 0x7FFFFFFF ? 0x7FFFFFFF : count, &got, NULL))
        return fail_win32();
    return (int)got;
}

int __cdecl _write(int fd, const void *buffer, unsigned int count)
{
    if (fd < PRJSIM_CRT_FD_BASE)
        return (int)write(fd, buffer, count);
    bool append = false;
    HANDLE h = fd_handle(fd, &append);
    if (!h)
        return fail_errno(EBADF);
    if (append) {
        LARGE_INTEGER zero = {.QuadPart = 0};
        SetFilePointerEx(h, zero, NULL, FILE_END);
    }
    DWORD wrote = 0;
    if (!WriteFile(h, buffer, count > 0x7FFFFFFF ? 0x7FFFFFFF : count, &wrote, NULL))
        return fail_win32();
    return (int)wrote;
}

__int64 __cdecl _lseeki64(int fd, __int64 offset, int origin)
{
    if (fd < PRJSIM_CRT_FD_BASE)
        return lseek(fd, offset, origin);
    HANDLE h = fd_handle(fd, NULL);
    if (!h)
        return fail_errno(EBADF);
    if (origin != SEEK_SET && origin != SEEK_CUR && origin != SEEK_END)
        return fail_errno(EINVAL);
    LARGE_INTEGER d = {.QuadPart = offset}, now;
    DWORD method = origin == SEEK_SET ? FILE_BEGIN : origin == SEEK_CUR ? FILE_CURRENT : FILE_END;
    if (!SetFilePointerEx(h, d, &now, method))
        return fail_win32();
    return now.QuadPart;
}

long __cdecl _lseek(int fd, long offset, int origin)
{
    return (long)_lseeki64(fd, offset, origin);
}

__int64 __cdecl _telli64(int fd)
{
    return _lseeki64(fd, 0, SEEK_CUR);
}

long __cdecl _tell(int fd)
{
    return (long)_telli64(fd);
}

__int64 __cdecl _filelengthi64(int fd)
{
    if (fd < PRJSIM_CRT_FD_BASE) {
        struct stat st;
        return fstat(fd, &st) == 0 ? st.st_size : -1;
    }
    HANDLE h = fd_handle(fd, NULL);
    if (!h)
        return fail_errno(EBADF);
    LARGE_INTEGER size;
    if (!GetFileSizeEx(h, &size))
        return fail_win32();
    return size.QuadPart;
}

long __cdecl _filelength(int fd)
{
    return (long)_filelengthi64(fd);
}

int __cdecl _eof(int fd)
{
    __int64 at = _telli64(fd), size = at < 0 ? -1 : _filelengthi64(fd);
    if (at < 0 || size < 0)
        return -1;
    return at >= size;
}

int __cdecl _commit(int fd)
{
    if (fd < PRJSIM_CRT_FD_BASE)
        return fsync(fd);
    HANDLE h = fd_handle(fd, NULL);
    if (!h)
        return fail_errno(EBADF);
    return FlushFileBuffers(h) ? 0 : fail_win32();
}

errno_t __cdecl _chsize_s(int fd, __int64 size)
{
    if (size < 0)
        return errno = EINVAL;
    if (fd < PRJSIM_CRT_FD_BASE)
        return ftruncate(fd, size) == 0 ? 0 : errno;
    HANDLE h = fd_handle(fd, NULL);
    if (!h)
        return errno = EBADF;
    __int64 at = _telli64(fd);
    LARGE_INTEGER to = {.QuadPart = size};
    bool ok = SetFilePointerEx(h, to, NULL, FILE_BEGIN) && SetEndOfFile(h);
    int e = ok ? 0 : prjsim__crt_errno_of(GetLastError());
    to.QuadPart = at;
    SetFilePointerEx(h, to, NULL, FILE_BEGIN);
    return e ? (errno = e) : 0;
}

int __cdecl _chsize(int fd, long size)
{
    return _chsize_s(fd, size) == 0 ? 0 : -1;
}

FILE *__cdecl _fdopen(int fd, const char *mode)
{
    if (!mode) {
        errno = EINVAL;
        return NULL;
    }
    if (fd < PRJSIM_CRT_FD_BASE)
        return fdopen(fd, mode);
    bool append = false;
    if (!fd_handle(fd, &append)) {
        errno = EBADF;
        return NULL;
    }
    /* The stream owns the handle from now on; fclose closes it, as it closes fd on Windows. */
    HANDLE h = fd_take(fd);
    FILE *f = prjsim__crt_stream_of_handle(h, append || mode[0] == 'a', strchr(mode, '+') ? "r+" : mode[0] == 'r' ? "r" : "w");
    if (!f)
        errno = ENOMEM;
    return f;
}

/* ---- _findfirst ---- */

static __int64 find_time(const FILETIME *ft)
{
    if (!ft->dwHighDateTime && !ft->dwLowDateTime)
        return -1;
    return unix_time(ft).tv_sec;
}

static void fill_wide(struct _wfinddata_t *out, const WIN32_FIND_DATAW *d)
{
    out->attrib = d->dwFileAttributes == FILE_ATTRIBUTE_NORMAL ? _A_NORMAL : d->dwFileAttributes;
    out->time_create = find_time(&d->ftCreationTime);
    out->time_access = find_time(&d->ftLastAccessTime);
    out->time_write = find_time(&d->ftLastWriteTime);
    out->size = (__int64)(((UINT64)d->nFileSizeHigh << 32) | d->nFileSizeLow);
    wcsncpy(out->name, d->cFileName, 259);
    out->name[259] = 0;
}

static void fill_narrow(struct _finddata_t *out, const WIN32_FIND_DATAW *d)
{
    struct _wfinddata_t w;
    fill_wide(&w, d);
    out->attrib = w.attrib;
    out->time_create = w.time_create;
    out->time_access = w.time_access;
    out->time_write = w.time_write;
    out->size = w.size;
    char *u = prjsim__utf8_from_wide(d->cFileName, wcslen(d->cFileName), NULL);
    snprintf(out->name, sizeof out->name, "%s", u ? u : "");
    free(u);
}

intptr_t __cdecl _wfindfirst(const wchar_t *filespec, struct _wfinddata_t *fileinfo)
{
    if (!filespec || !fileinfo)
        return fail_errno(EINVAL);
    WIN32_FIND_DATAW d;
    HANDLE h = FindFirstFileW(filespec, &d);
    if (h == INVALID_HANDLE_VALUE)
        return fail_win32();
    fill_wide(fileinfo, &d);
    return (intptr_t)h;
}

intptr_t __cdecl _findfirst(const char *filespec, struct _finddata_t *fileinfo)
{
    if (!filespec || !fileinfo)
        return fail_errno(EINVAL);
    wchar_t *w = wide(filespec);
    if (!w)
        return -1;
    WIN32_FIND_DATAW d;
    HANDLE h = FindFirstFileW(w, &d);
    free(w);
    if (h == INVALID_HANDLE_VALUE)
        return fail_win32();
    fill_narrow(fileinfo, &d);
    return (intptr_t)h;
}

int __cdecl _wfindnext(intptr_t handle, struct _wfinddata_t *fileinfo)
{
    if (!fileinfo || handle == -1)
        return fail_errno(EINVAL);
    WIN32_FIND_DATAW d;
    if (!FindNextFileW((HANDLE)handle, &d))
        return fail_win32(); /* ERROR_NO_MORE_FILES is ENOENT */
    fill_wide(fileinfo, &d);
    return 0;
}

int __cdecl _findnext(intptr_t handle, struct _finddata_t *fileinfo)
{
    if (!fileinfo || handle == -1)
        return fail_errno(EINVAL);
    WIN32_FIND_DATAW d;
    if (!FindNextFileW((HANDLE)handle, &d))
        return fail_win32();
    fill_narrow(fileinfo, &d);
    return 0;
}

int __cdecl _findclose(intptr_t handle)
{
    if (handle == -1 || !FindClose((HANDLE)handle))
        return fail_errno(EINVAL);
    return 0;
}
