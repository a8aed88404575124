/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/crtfile.h: the CRT's file calls that take Windows paths (MSVC's <io.h>,
 * <direct.h>, <sys/stat.h> names), routed as the Win32 file API routes them: a path inside a
 * virtualization root reaches the simulator, any other drive path the host folder of its
 * drive letter (prjsim/drives.h). Implemented in win32/crtpath.c.
 *
 * Two kinds of names:
 *   - MSVC's own names (_access, _mkdir, _open, _findfirst, _wstat...): plain functions of
 *     libprjsim, declared here.
 *   - Names glibc also has (fopen, freopen, stat, remove, rename): the compiler wrappers
 *     prjsim-cc/prjsim-c++ and prjsim_add_provider link a provider program with
 *     `-Wl,--wrap=NAME` for each, so the program's calls reach libprjsim's __wrap_NAME and
 *     nothing else in the process (our tools, the C++ library) is affected.
 *
 * A narrow path is UTF-8. A path that begins with a single `/` is taken as a host (Linux)
 * path and passed to the C library untouched, so code ported halfway keeps working; every
 * other path is a Windows path (`C:\x`, `x\y` relative to the current directory, `\x` on the
 * current drive). errno follows MSVC's mapping of the Win32 error (ENOENT, EACCES, EEXIST,
 * ENOTEMPTY, EINVAL...). Descriptors from _open/_wopen are numbered from
 * PRJSIM_CRT_FD_BASE up and are used with _read, _write, _lseek, _close (and _fdopen); other
 * descriptors pass through to the host. See DEVIATIONS.md ("CRT file calls").
 */
#ifndef PRJSIM_WIN_CRTFILE_H
#define PRJSIM_WIN_CRTFILE_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <wchar.h>

#include "msvc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- stat: MSVC's struct and function names are glibc's struct stat and stat -------------- */

#ifndef _STAT_DEFINED
#define _STAT_DEFINED
#define _stat stat
#define _stat32 stat
#define _stat64 stat
#define _stati64 stat
#define _stat64i32 stat
#define _stat32i64 stat
#define __stat64 stat
#define _wstat32 _wstat
#define _wstat64 _wstat
#define _wstati64 _wstat
#define _wstat64i32 _wstat
#define _wstat32i64 _wstat
#endif
/** stat with a wide Windows path. */
int __cdecl _wstat(const wchar_t *path, struct stat *buffer);

#ifndef _S_IFMT
#define _S_IFMT S_IFMT
#endif
#ifndef _S_IFDIR
#define _S_IFDIR S_IFDIR
#endif
#ifndef _S_IFCHR
#define _S_IFCHR S_IFCHR
#endif
#ifndef _S_IFREG
#define _S_IFREG S_IFREG
#endif
#ifndef _S_IREAD
#define _S_IREAD S_IRUSR
#endif
#ifndef _S_IWRITE
#define _S_IWRITE S_IWUSR
#endif
#ifndef _S_IEXEC
#define _S_IEXEC S_IXUSR
#endif

/* ---- io.h and direct.h -------------------------------------------------------------------- */

/** 0 when @p path exists and @p mode (0 exists, 2 write, 4 read, 6 both) is allowed; else -1. */
int __cdecl _access(const char *path, int mode);
int __cdecl _waccess(const wchar_t *path, int mode);
/** errno_t forms of the above. */
errno_t __cdecl _access_s(const char *path, int mode);
errno_t __cdecl _waccess_s(const wchar_t *path, int mode);
/** Sets or clears FILE_ATTRIBUTE_READONLY: read-only unless @p pmode has _S_IWRITE. */
int __cdecl _chmod(const char *path, int pmode);
int __cdecl _wchmod(const wchar_t *path, int pmode);
int __cdecl _mkdir(const char *path);
int __cdecl _wmkdir(const wchar_t *path);
int __cdecl _rmdir(const char *path);
int __cdecl _wrmdir(const wchar_t *path);
int __cdecl _unlink(const char *path);
int __cdecl _wunlink(const wchar_t *path);
int __cdecl _wremove(const wchar_t *path);
int __cdecl _wrename(const wchar_t *oldname, const wchar_t *newname);
FILE *__cdecl _wfreopen(const wchar_t *path, const wchar_t *mode, FILE *stream);

/* _open flags: glibc's values, so O_CREAT and _O_CREAT mean the same; text and binary are one. */
#ifndef _O_RDONLY
#define _O_RDONLY O_RDONLY
#endif
#ifndef _O_WRONLY
#define _O_WRONLY O_WRONLY
#endif
#ifndef _O_RDWR
#define _O_RDWR O_RDWR
#endif
#ifndef _O_APPEND
#define _O_APPEND O_APPEND
#endif
#ifndef _O_CREAT
#define _O_CREAT O_CREAT
#endif
#ifndef _O_TRUNC
#define _O_TRUNC O_TRUNC
#endif
#ifndef _O_EXCL
#define _O_EXCL O_EXCL
#endif
#ifndef _O_TEXT
#define _O_TEXT 0
#endif
#ifndef _O_BINARY
#define _O_BINARY 0
#endif
#ifndef _O_WTEXT
#define _O_WTEXT 0
#endif
#ifndef _O_U16TEXT
#define _O_U16TEXT 0
#endif
#ifndef _O_U8TEXT
#define _O_U8TEXT 0
#endif
#ifndef _O_RAW
#define _O_RAW 0
#endif
#ifndef _O_NOINHERIT
#define _O_NOINHERIT O_CLOEXEC
#endif
#ifndef _O_SEQUENTIAL
#define _O_SEQUENTIAL 0
#endif
#ifndef _O_RANDOM
#define _O_RANDOM 0
#endif
#ifndef _O_SHORT_LIVED
#define _O_SHORT_LIVED 0
#endif
#ifndef _O_TEMPORARY
#define _O_TEMPORARY 0x10000000
#endif
#ifndef O_BINARY
#define O_BINARY 0
#endif
#ifndef O_TEXT
#define O_TEXT 0
#endif
#ifndef _SH_DENYRW
#define _SH_DENYRW 0x10
#endif
#ifndef _SH_DENYWR
#define _SH_DENYWR 0x20
#endif
#ifndef _SH_DENYRD
#define _SH_DENYRD 0x30
#endif
#ifndef _SH_DENYNO
#define _SH_DENYNO 0x40
#endif

/** Descriptors of files opened with _open/_wopen start here (host descriptors stay below). */
#define PRJSIM_CRT_FD_BASE 0x40000000

/** Opens a file by Windows path; @p oflag _O_*, a third argument (pmode) with _O_CREAT. */
int __cdecl _open(const char *path, int oflag, ...);
int __cdecl _wopen(const wchar_t *path, int oflag, ...);
errno_t __cdecl _sopen_s(int *pfh, const char *path, int oflag, int shflag, int pmode);
errno_t __cdecl _wsopen_s(int *pfh, const wchar_t *path, int oflag, int shflag, int pmode);
int __cdecl _close(int fd);
int __cdecl _read(int fd, void *buffer, unsigned int count);
int __cdecl _write(int fd, const void *buffer, unsigned int count);
long __cdecl _lseek(int fd, long offset, int origin);
__int64 __cdecl _lseeki64(int fd, __int64 offset, int origin);
long __cdecl _tell(int fd);
__int64 __cdecl _telli64(int fd);
long __cdecl _filelength(int fd);
__int64 __cdecl _filelengthi64(int fd);
int __cdecl _eof(int fd);
int __cdecl _commit(int fd);
int __cdecl _chsize(int fd, long size);
errno_t __cdecl _chsize_s(int fd, __int64 size);
/** A C stream over a descriptor from _open (or a host descriptor). */
FILE *__cdecl _fdopen(int fd, const char *mode);

/* ---- _findfirst / _findnext --------------------------------------------------------------- */

#ifndef _A_NORMAL
#define _A_NORMAL 0x00
#endif
#ifndef _A_RDONLY
#define _A_RDONLY 0x01
#endif
#ifndef _A_HIDDEN
#define _A_HIDDEN 0x02
#endif
#ifndef _A_SYSTEM
#define _A_SYSTEM 0x04
#endif
#ifndef _A_SUBDIR
#define _A_SUBDIR 0x10
#endif
#ifndef _A_ARCH
#define _A_ARCH 0x20
#endif
#ifndef _FSIZE_T_DEFINED
#define _FSIZE_T_DEFINED
typedef unsigned long _fsize_t;
#endif
#ifndef _FINDDATA_T_DEFINED
#define _FINDDATA_T_DEFINED
/** What _findfirst reports of an entry (times are seconds since 1970, UTC). */
struct _finddata_t {
    unsigned attrib;
    __int64 time_create;
    __int64 time_access;
    __int64 time_write;
    __int64 size;
    char name[260];
};
#define _finddata64_t _finddata_t
#define _finddatai64_t _finddata_t
#define _finddata32_t _finddata_t
#define _finddata64i32_t _finddata_t
#define _findfirst64 _findfirst
#define _findfirsti64 _findfirst
#define _findfirst32 _findfirst
#define _findnext64 _findnext
#define _findnexti64 _findnext
#define _findnext32 _findnext
#endif
#ifndef _WFINDDATA_T_DEFINED
#define _WFINDDATA_T_DEFINED
struct _wfinddata_t {
    unsigned attrib;
    __int64 time_create;
    __int64 time_access;
    __int64 time_write;
    __int64 size;
    wchar_t name[260];
};
#define _wfinddata64_t _wfinddata_t
#define _wfinddatai64_t _wfinddata_t
#define _wfinddata32_t _wfinddata_t
#define _wfinddata64i32_t _wfinddata_t
#define _wfindfirst64 _wfindfirst
#define _wfindfirsti64 _wfindfirst
#define _wfindfirst32 _wfindfirst
#define _wfindnext64 _wfindnext
#define _wfindnexti64 _wfindnext
#define _wfindnext32 _wfindnext
#endif
/** A search handle (never -1) for the first match of @p filespec (wildcards allowed), or -1. */
intptr_t __cdecl _findfirst(const char *filespec, struct _finddata_t *fileinfo);
intptr_t __cdecl _wfindfirst(const wchar_t *filespec, struct _wfinddata_t *fileinfo);
/** 0 and the next match, or -1 with errno ENOENT at the end. */
int __cdecl _findnext(intptr_t handle, struct _finddata_t *fileinfo);
int __cdecl _wfindnext(intptr_t handle, struct _wfinddata_t *fileinfo);
int __cdecl _findclose(intptr_t handle);

/* ---- The glibc names, reached through --wrap (see above) ---------------------------------- */

FILE *__wrap_fopen(const char *path, const char *mode);
FILE *__wrap_freopen(const char *path, const char *mode, FILE *stream);
int __wrap_stat(const char *path, struct stat *buffer);
int __wrap_remove(const char *path);
int __wrap_rename(const char *oldname, const char *newname);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PRJSIM_WIN_CRTFILE_H */
