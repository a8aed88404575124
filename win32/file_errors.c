/* SPDX-License-Identifier: MIT */
/*
 * The Win32 error a caller sees for a failed host call (errno) or client operation (NTSTATUS).
 * The errno table is the one place host errors are translated.
 */
#include "files.h"

#include <errno.h>
#include <prjsim/status.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* errno -> Win32 error. ENOENT is decided by the caller's path (see below). */
#define PRJSIM__ERRNO_TABLE(X)                                                       \
    X(EACCES, ERROR_ACCESS_DENIED)                                                   \
    X(EPERM, ERROR_ACCESS_DENIED)                                                    \
    X(EROFS, ERROR_ACCESS_DENIED)                                                    \
    X(EISDIR, ERROR_ACCESS_DENIED) /* opening a directory as a file */               \
    X(ETXTBSY, ERROR_SHARING_VIOLATION)                                              \
    X(EBUSY, ERROR_SHARING_VIOLATION)                                                \
    X(EEXIST, ERROR_ALREADY_EXISTS)                                                  \
    X(ENOTEMPTY, ERROR_DIR_NOT_EMPTY)                                                \
    X(ENOTDIR, ERROR_PATH_NOT_FOUND) /* a file where a directory was expected */     \
    X(ELOOP, ERROR_PATH_NOT_FOUND)                                                   \
    X(ENAMETOOLONG, ERROR_FILENAME_EXCED_RANGE)                                      \
    X(EILSEQ, ERROR_INVALID_NAME)                                                    \
    X(ENOSPC, ERROR_DISK_FULL)                                                       \
    X(EDQUOT, ERROR_DISK_FULL)                                                       \
    X(EFBIG, ERROR_DISK_FULL)                                                        \
    X(EMFILE, ERROR_TOO_MANY_OPEN_FILES)                                             \
    X(ENFILE, ERROR_TOO_MANY_OPEN_FILES)                                             \
    X(ENOMEM, ERROR_NOT_ENOUGH_MEMORY)                                               \
    X(EINVAL, ERROR_INVALID_PARAMETER)                                               \
    X(EBADF, ERROR_INVALID_HANDLE)                                                   \
    X(EXDEV, ERROR_NOT_SAME_DEVICE)                                                  \
    X(ENOTSUP, ERROR_NOT_SUPPORTED)                                                  \
    X(ENOSYS, ERROR_NOT_SUPPORTED)                                                   \
    X(EAGAIN, ERROR_SHARING_VIOLATION)                                               \
    X(EIO, ERROR_GEN_FAILURE)

/* Whether the directory holding @p path exists (so a missing @p path is a missing file). */
static bool parent_exists(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (!slash)
        return true;
    size_t n = (size_t)(slash - path);
    char *parent = malloc(n + 2);
    if (!parent)
        return true;
    memcpy(parent, path, n);
    parent[n ? n : 1] = 0;
    if (!n)
        parent[0] = '/';
    struct stat st;
    bool ok = stat(parent, &st) == 0 && S_ISDIR(st.st_mode);
    free(parent);
    return ok;
}

DWORD prjsim__files_errno(int err, const char *host_path)
{
    if (err == ENOENT)
        return parent_exists(host_path) ? ERROR_FILE_NOT_FOUND : ERROR_PATH_NOT_FOUND;
    switch (err) {
#define PRJSIM__ERRNO_CASE(e, w) \
    case e:                      \
        return w;
        PRJSIM__ERRNO_TABLE(PRJSIM__ERRNO_CASE)
#undef PRJSIM__ERRNO_CASE
    default:
        return ERROR_GEN_FAILURE;
    }
}

DWORD prjsim__files_status(NTSTATUS st)
{
    return st == STATUS_SUCCESS ? ERROR_SUCCESS : prjsim_status_to_win32(st);
}
