/* SPDX-License-Identifier: MIT */
/*
 * Internals of the Win32 file API: resolved paths, the two backends (the host file system and
 * the simulator's client operations) behind one table of operations, file and find objects,
 * and the error mappings.
 *
 * The public functions (fileapi.c, find.c, paths.c, drives.c) resolve each path, pick the
 * backend with prjsim__files_backend_of, and set the last error from the DWORD the backend
 * returns (0 = success). Backends never call SetLastError themselves.
 */
#ifndef PRJSIM_WIN32_FILES_H
#define PRJSIM_WIN32_FILES_H

#include <windows.h>
#include <prjsim/client.h>
#include <prjsim/drives.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "handles.h"

/* ---- paths.c: Windows path syntax, the current directory, UTF-8 ---- */

/*
 * The full path of @p path as GetFullPathNameW computes it (malloc'd), or NULL with *err set
 * (ERROR_INVALID_PARAMETER for NULL, ERROR_PATH_NOT_FOUND for "", ERROR_NOT_ENOUGH_MEMORY).
 */
WCHAR *prjsim__paths_full(PCWSTR path, DWORD *err);
/* malloc'd UTF-8 of a wide string (invalid code points become U+FFFD), or NULL for NULL. */
char *prjsim__paths_utf8(const WCHAR *w);
/* malloc'd wide string of UTF-8 (invalid bytes become U+FFFD), or NULL for NULL. */
WCHAR *prjsim__paths_wide(const char *s);
/* UTF-8 length of a wide string, without the NUL. */
size_t prjsim__paths_utf8_len(const WCHAR *w);

/* ---- drives.c: mapping and routing ---- */

/* A path the file API was given, resolved. */
typedef struct prjsim__fpath {
    WCHAR *win;        /* "C:\dir\name": full, drive letter upper-case, no trailing separator
                          except for a drive root "C:\" */
    char *host;        /* "<drives>/C/dir/name" */
    bool sim;          /* inside a virtualization root: the simulator handles it */
    bool drive_root;   /* "C:\" itself */
    bool trailing_sep; /* the caller's spelling ended with a separator */
} prjsim__fpath;

/* Resolution options. */
#define PRJSIM__RESOLVE_WILDCARDS 0x1 /* accept `*` and `?` in the last component */

/* Resolves @p path; 0 or a Win32 error (fp is then empty). Installs the hook lazily. */
DWORD prjsim__files_resolve(prjsim__fpath *fp, PCWSTR path, unsigned options);
void prjsim__files_fpath_free(prjsim__fpath *fp);
/* Makes sure the missing-path hook sits on the current simulation. */
void prjsim__files_ensure_init(void);
/* The simulation the Win32 layer routes to (the current one). */
prjsim_sim *prjsim__files_sim(void);

/* ---- file_errors.c: one table from errno to Win32 errors ---- */

/*
 * The Win32 error for a failed host call on @p host_path. ENOENT becomes ERROR_FILE_NOT_FOUND
 * when the parent directory exists and ERROR_PATH_NOT_FOUND when it does not.
 */
DWORD prjsim__files_errno(int err, const char *host_path);
/* The Win32 error for a client operation's NTSTATUS. */
DWORD prjsim__files_status(NTSTATUS st);

/* ---- the backends ---- */

/* What the backends report about an item. Times are FILETIME ticks. */
typedef struct prjsim__fstat {
    DWORD attributes;
    INT64 creation, access, write, change;
    UINT64 size;
    DWORD links;
    DWORD volume;
    UINT64 index;
} prjsim__fstat;

/* One entry of a listing. */
typedef struct prjsim__fentry {
    WCHAR name[MAX_PATH + 1];
    prjsim__fstat st;
} prjsim__fentry;

typedef struct prjsim__file prjsim__file;
typedef struct prjsim__find prjsim__find;

/* Share modes of host files (host_sharing.c): a file is its device and inode. */
typedef struct prjsim__host_file_key {
    uint64_t ino;
    uint32_t dev_major, dev_minor;
} prjsim__host_file_key;
/* Counts an open, or ERROR_SHARING_VIOLATION when it conflicts with this process's handles. */
DWORD prjsim__host_share_acquire(const prjsim__host_file_key *key, DWORD access, DWORD share);
void prjsim__host_share_release(const prjsim__host_file_key *key, DWORD access, DWORD share);
/* ERROR_SHARING_VIOLATION when an open with @p access and @p share would conflict. */
DWORD prjsim__host_share_check(const prjsim__host_file_key *key, DWORD access, DWORD share);

typedef struct prjsim__files_backend {
    const char *name;
    /* Opens per CreateFileW; *existed tells whether the item was there before. */
    DWORD (*open)(prjsim__file *f, const prjsim__fpath *fp, DWORD access, DWORD disposition,
                  DWORD flags, DWORD attributes, bool *existed);
    void (*close)(prjsim__file *f);
    DWORD (*read)(prjsim__file *f, UINT64 offset, void *buf, DWORD len, DWORD *got);
    DWORD (*write)(prjsim__file *f, UINT64 offset, const void *buf, DWORD len, DWORD *put);
    DWORD (*set_size)(prjsim__file *f, UINT64 size);
    DWORD (*query)(prjsim__file *f, prjsim__fstat *st);
    /* Zero times are left unchanged; attributes 0 too. */
    DWORD (*set_info)(prjsim__file *f, INT64 creation, INT64 access, INT64 write, DWORD attributes);
    DWORD (*flush)(prjsim__file *f);
    DWORD (*stat)(const prjsim__fpath *fp, prjsim__fstat *st);
    DWORD (*set_attributes)(const prjsim__fpath *fp, DWORD attributes);
    DWORD (*mkdir)(const prjsim__fpath *fp);
    DWORD (*rmdir)(const prjsim__fpath *fp);
    DWORD (*unlink)(const prjsim__fpath *fp);
    /* Both paths on this backend. */
    DWORD (*rename)(const prjsim__fpath *from, const prjsim__fpath *to, bool replace);
    DWORD (*link)(const prjsim__fpath *link, const prjsim__fpath *existing);
    /* @p target as the caller gave it; @p absolute its resolution when it is a full path. */
    DWORD (*symlink)(const prjsim__fpath *link, PCWSTR target, const prjsim__fpath *absolute, bool directory);
    /* Starts a listing of @p dir filtered by @p pattern (already in NT form). */
    DWORD (*find_open)(prjsim__find *fd, const prjsim__fpath *dir, PCWSTR pattern);
    /* The next entry, or ERROR_NO_MORE_FILES (ERROR_FILE_NOT_FOUND if there was none). */
    DWORD (*find_next)(prjsim__find *fd, prjsim__fentry *out);
    void (*find_close)(prjsim__find *fd);
} prjsim__files_backend;

extern const prjsim__files_backend prjsim__files_host;
extern const prjsim__files_backend prjsim__files_simulated;

static inline const prjsim__files_backend *prjsim__files_backend_of(const prjsim__fpath *fp)
{
    return fp->sim ? &prjsim__files_simulated : &prjsim__files_host;
}

/* A file or directory handle. */
struct prjsim__file {
    prjsim__win_object hdr; /* first: the handle registry sees this */
    const prjsim__files_backend *be;
    pthread_mutex_t lock; /* serialises I/O on the handle, as a synchronous file object does */
    UINT64 pos;
    DWORD access; /* generic rights mapped to specific ones */
    DWORD flags;  /* FILE_FLAG_* */
    DWORD share;  /* FILE_SHARE_* */
    bool is_dir;
    WCHAR *win;   /* the full path at open */
    /* host */
    int fd;
    char *host;
    prjsim__host_file_key key; /* counted in host_sharing.c when shared is set */
    DWORD share_access;        /* the access counted (an overwrite counts as a write) */
    bool shared;
    /* simulator */
    prjsim_handle *sh;
    /* host: FileDispositionInfo asked for the item to go when the handle closes */
    bool delete_pending;
    /* simulator: the open's NTSTATUS and prjsim_open_result (NtCreateFile reports them) */
    NTSTATUS open_status;
    UINT32 open_result;
    /* NtQueryDirectoryFile (ntdirectory.c): the host listing, and how many queries ran */
    struct prjsim__dirquery *query;
    unsigned long query_count;
};

/* A find handle (its own kind of handle, closed with FindClose). */
struct prjsim__find {
    const prjsim__files_backend *be;
    DWORD additional_flags;
    bool drive_root;
    /* host: the whole listing, taken at FindFirstFile */
    prjsim__fentry *entries;
    size_t count, next;
    /* simulator: the directory handle and the current batch */
    prjsim_handle *sh;
    prjsim_dir_entry *batch;
    size_t batch_count, batch_next;
    UINT32 buffer_bytes;
    bool ended;
};

/*
 * An open flag of our own beside the FILE_FLAG_* bits (CreateFileW clears it): the open is
 * FILE_DIRECTORY_FILE, it must find or make a directory (NtCreateFile, ntcreate.c).
 */
#define PRJSIM__FILE_FLAG_DIRECTORY_FILE 0x00010000u

/* What prjsim__files_open did. */
typedef struct prjsim__open_outcome {
    DWORD err;           /* 0 or the Win32 error */
    bool existed;        /* the name was there before */
    bool is_dir;         /* the item opened is a directory */
    NTSTATUS sim_status; /* inside a root: the simulator's status (0 on the host) */
    UINT32 sim_result;   /* inside a root: prjsim_open_result of a successful open */
} prjsim__open_outcome;

/*
 * Opens or creates the item at @p fp (freed) with CreateFileW's disposition and FILE_FLAG_* bits
 * and rights already mapped by the caller: the new handle, or INVALID_HANDLE_VALUE. Sets no last
 * error; @p out says what happened (CreateFileW and NtCreateFile report it their own way).
 */
HANDLE prjsim__files_open(prjsim__fpath *fp, DWORD access, DWORD share, DWORD disposition, DWORD flags,
                          DWORD attributes, prjsim__open_outcome *out);

/* FILETIME ticks of a Unix time. */
INT64 prjsim__files_ticks(INT64 sec, long nsec);

/* Maps generic rights to the file-specific rights they stand for. */
DWORD prjsim__files_map_access(DWORD access);

/* Expands the pattern as Win32 does before the file system sees it (`*.*`, `?`, `.`, `*`). */
void prjsim__files_nt_pattern(PCWSTR in, WCHAR *out, size_t out_chars);

/* The file index of an item inside a root (a hash of its full path; DEVIATIONS W9). */
UINT64 prjsim__files_index_of(const WCHAR *path);

/* ---- ntdirectory.c ---- */

/* Frees what NtQueryDirectoryFile kept on the handle. */
void prjsim__ntdir_release(prjsim__file *f);

/* ---- fileinfo.c ---- */

/* Removes a host item whose handle had FileDispositionInfo set, as its last close does. */
void prjsim__fileinfo_delete_now(prjsim__file *f);

#endif
