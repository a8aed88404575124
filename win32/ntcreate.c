/* SPDX-License-Identifier: MIT */
/*
 * NtCreateFile and NtClose: the NT open, for what CreateFileW cannot say: FILE_DIRECTORY_FILE
 * (find or make a directory in one create), FILE_SUPERSEDE, an open that takes either kind of
 * item without backup semantics, a name relative to a directory handle.
 *
 * The parameters are checked as the I/O manager checks them, before any file system sees the
 * open (DEVIATIONS C8, W18). Inside a root the open is one client open of the simulator with the
 * same disposition and kind, so the provider sees the one create Windows gives it; its NTSTATUS
 * and IoStatus.Information come straight from the simulator. On the host a directory is made
 * with mkdir and then opened, and the NTSTATUS is derived from the Win32 error.
 */
#include "files.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <winternl.h>

/* The options we act on; the others documented change nothing here (all I/O is synchronous). */
#define KIND_OPTIONS (FILE_DIRECTORY_FILE | FILE_NON_DIRECTORY_FILE)

/* The CreateFileW disposition an NT disposition stands for (FILE_SUPERSEDE: CREATE_ALWAYS). */
static DWORD win32_disposition(ULONG nt)
{
    static const DWORD map[] = {CREATE_ALWAYS, OPEN_EXISTING, CREATE_NEW, OPEN_ALWAYS, TRUNCATE_EXISTING,
                                CREATE_ALWAYS};
    return map[nt];
}

/* What the I/O manager refuses before the file system sees the open. */
static bool bad_parameters(ULONG disposition, ULONG options)
{
    if (disposition > FILE_MAXIMUM_DISPOSITION || (options & ~(ULONG)FILE_VALID_OPTION_FLAGS))
        return true;
    if ((options & KIND_OPTIONS) == KIND_OPTIONS)
        return true;
    return (options & FILE_DIRECTORY_FILE) && disposition != FILE_CREATE && disposition != FILE_OPEN &&
           disposition != FILE_OPEN_IF;
}

/* The NTSTATUS a host failure stands for (the host backend speaks Win32 errors). */
static NTSTATUS host_status(DWORD err)
{
    switch (err) {
    case ERROR_FILE_NOT_FOUND:
        return STATUS_OBJECT_NAME_NOT_FOUND;
    case ERROR_PATH_NOT_FOUND:
        return STATUS_OBJECT_PATH_NOT_FOUND;
    case ERROR_FILE_EXISTS:
    case ERROR_ALREADY_EXISTS:
        return STATUS_OBJECT_NAME_COLLISION;
    case ERROR_ACCESS_DENIED:
        return STATUS_ACCESS_DENIED;
    case ERROR_SHARING_VIOLATION:
        return STATUS_SHARING_VIOLATION;
    case ERROR_DIRECTORY:
        return STATUS_NOT_A_DIRECTORY;
    case ERROR_INVALID_NAME:
        return STATUS_OBJECT_NAME_INVALID;
    case ERROR_INVALID_PARAMETER:
        return STATUS_INVALID_PARAMETER;
    case ERROR_NOT_ENOUGH_MEMORY:
        return STATUS_NO_MEMORY;
    default:
        return STATUS_UNSUCCESSFUL;
    }
}

/*
 * The Win32 path of ObjectAttributes (malloc'd): "\??\" + a DOS path, or a name relative to the
 * directory handle RootDirectory. NULL with *st set otherwise.
 */
static WCHAR *object_path(const OBJECT_ATTRIBUTES *oa, NTSTATUS *st)
{
    static const WCHAR dos_prefix[] = L"\\??\\";
    const UNICODE_STRING *name = oa->ObjectName;
    size_t n = name && name->Buffer ? name->Length / sizeof(WCHAR) : 0;
    const WCHAR *base = NULL;
    if (oa->RootDirectory) {
        prjsim__file *dir = (prjsim__file *)prjsim__win_lookup(oa->RootDirectory, PRJSIM_WIN_FILE);
        if (!dir) {
            *st = STATUS_INVALID_HANDLE;
            return NULL;
        }
        if (!dir->is_dir || (n && name->Buffer[0] == L'\\')) {
            *st = STATUS_INVALID_PARAMETER;
            return NULL;
        }
        base = dir->win;
    } else if (n < 4 || wmemcmp(name->Buffer, dos_prefix, 4) != 0) {
        /* "\Device\...", "\??\UNC\..." and relative names without a root are not ours */
        *st = n && name->Buffer[0] == L'\\' ? STATUS_OBJECT_PATH_NOT_FOUND : STATUS_OBJECT_PATH_SYNTAX_BAD;
        return NULL;
    }
    size_t bn = base ? wcslen(base) : 0;
    WCHAR *path = malloc((bn + 1 + n + 1) * sizeof *path);
    if (!path) {
        *st = STATUS_NO_MEMORY;
        return NULL;
    }
    size_t at = 0;
    if (base) {
        wmemcpy(path, base, bn);
        at = bn;
        if (n && at && path[at - 1] != L'\\')
            path[at++] = L'\\';
        wmemcpy(path + at, name->Buffer, n);
        at += n;
    } else {
        wmemcpy(path, name->Buffer + 4, n - 4);
        at = n - 4;
    }
    path[at] = 0;
    return path;
}

/* The FILE_FLAG_* bits of CreateOptions. */
static DWORD open_flags(ULONG options)
{
    DWORD flags = 0;
    if (!(options & FILE_NON_DIRECTORY_FILE))
        flags |= FILE_FLAG_BACKUP_SEMANTICS; /* either kind of item may be opened */
    if (options & FILE_DIRECTORY_FILE)
        flags |= PRJSIM__FILE_FLAG_DIRECTORY_FILE;
    if (options & FILE_DELETE_ON_CLOSE)
        flags |= FILE_FLAG_DELETE_ON_CLOSE;
    if (options & FILE_NO_INTERMEDIATE_BUFFERING)
        flags |= FILE_FLAG_NO_BUFFERING;
    if (options & FILE_OPEN_REPARSE_POINT)
        flags |= FILE_FLAG_OPEN_REPARSE_POINT;
    return flags;
}

/* The open on the host: a directory to make is made first, then opened and checked. */
static HANDLE host_open(prjsim__fpath *fp, DWORD access, ULONG share, ULONG disposition, ULONG options,
                        DWORD attributes, NTSTATUS *st, ULONG_PTR *info)
{
    bool made = false;
    if ((options & FILE_DIRECTORY_FILE) && disposition != FILE_OPEN) {
        DWORD err = prjsim__files_host.mkdir(fp);
        if (err && !(err == ERROR_ALREADY_EXISTS && disposition == FILE_OPEN_IF)) {
            prjsim__files_fpath_free(fp);
            *st = host_status(err);
            return INVALID_HANDLE_VALUE;
        }
        made = !err;
    }
    if (options & FILE_NON_DIRECTORY_FILE) {
        /* the host backend says only "access denied" for a directory opened as a file */
        prjsim__fstat fs;
        if (!prjsim__files_host.stat(fp, &fs) && (fs.attributes & FILE_ATTRIBUTE_DIRECTORY)) {
            prjsim__files_fpath_free(fp);
            *st = STATUS_FILE_IS_A_DIRECTORY;
            return INVALID_HANDLE_VALUE;
        }
    }
    DWORD dflags = open_flags(options);
    DWORD wdisp = (options & FILE_DIRECTORY_FILE) ? OPEN_EXISTING : win32_disposition(disposition);
    prjsim__open_outcome out;
    HANDLE h = prjsim__files_open(fp, access, share, wdisp, dflags, attributes, &out);
    if (h == INVALID_HANDLE_VALUE) {
        *st = host_status(out.err);
        return h;
    }
    if ((options & FILE_DIRECTORY_FILE) && !out.is_dir) {
        CloseHandle(h);
        *st = STATUS_NOT_A_DIRECTORY;
        return INVALID_HANDLE_VALUE;
    }
    *st = STATUS_SUCCESS;
    if (made || !out.existed)
        *info = FILE_CREATED;
    else if (disposition == FILE_SUPERSEDE)
        *info = FILE_SUPERSEDED;
    else if (disposition == FILE_OVERWRITE || disposition == FILE_OVERWRITE_IF)
        *info = FILE_OVERWRITTEN;
    else
        *info = FILE_OPENED;
    return h;
}

/* The open inside a root: one client open with the same disposition and kind. */
static HANDLE sim_open(prjsim__fpath *fp, DWORD access, ULONG share, ULONG disposition, ULONG options,
                       DWORD attributes, NTSTATUS *st, ULONG_PTR *info)
{
    prjsim__open_outcome out;
    HANDLE h = prjsim__files_open(fp, access, share, win32_disposition(disposition), open_flags(options), attributes,
                                  &out);
    *st = out.sim_status ? out.sim_status : (h == INVALID_HANDLE_VALUE ? host_status(out.err) : STATUS_SUCCESS);
    if (h == INVALID_HANDLE_VALUE)
        return h;
    switch (out.sim_result) {
    case PRJSIM_FILE_CREATED:
        *info = FILE_CREATED;
        break;
    case PRJSIM_FILE_OVERWRITTEN:
        *info = disposition == FILE_SUPERSEDE ? FILE_SUPERSEDED : FILE_OVERWRITTEN;
        break;
    default:
        *info = FILE_OPENED;
        break;
    }
    return h;
}

NTSTATUS NTAPI NtCreateFile(PHANDLE FileHandle, ACCESS_MASK DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes,
                            PIO_STATUS_BLOCK IoStatusBlock, PLARGE_INTEGER AllocationSize, ULONG FileAttributes,
                            ULONG ShareAccess, ULONG CreateDisposition, ULONG CreateOptions, PVOID EaBuffer,
                            ULONG EaLength)
{
    (void)AllocationSize, (void)EaBuffer, (void)EaLength; /* DEVIATIONS W18 */
    if (!FileHandle || !IoStatusBlock || !ObjectAttributes)
        return STATUS_ACCESS_VIOLATION;
    *FileHandle = NULL;
    if (bad_parameters(CreateDisposition, CreateOptions) ||
        (ShareAccess & ~(ULONG)(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)))
        return STATUS_INVALID_PARAMETER;
    DWORD saved_error = GetLastError(); /* an NT call leaves the last error alone */
    NTSTATUS st = STATUS_SUCCESS;
    ULONG_PTR info = 0;
    HANDLE h = INVALID_HANDLE_VALUE;
    WCHAR *path = object_path(ObjectAttributes, &st);
    if (path) {
        prjsim__fpath fp;
        DWORD err = prjsim__files_resolve(&fp, path, 0);
        free(path);
        DWORD attributes = FileAttributes & 0xFFFFu & ~(DWORD)FILE_ATTRIBUTE_DIRECTORY;
        if (err)
            st = host_status(err);
        else if (fp.sim)
            h = sim_open(&fp, DesiredAccess, ShareAccess, CreateDisposition, CreateOptions, attributes, &st, &info);
        else
            h = host_open(&fp, DesiredAccess, ShareAccess, CreateDisposition, CreateOptions, attributes, &st, &info);
    }
    SetLastError(saved_error);
    if (h != INVALID_HANDLE_VALUE)
        *FileHandle = h;
    else if (st == STATUS_OBJECT_NAME_COLLISION)
        info = FILE_EXISTS;
    else if (st == STATUS_OBJECT_NAME_NOT_FOUND)
        info = FILE_DOES_NOT_EXIST;
    IoStatusBlock->Status = st;
    IoStatusBlock->Information = info;
    return st;
}

NTSTATUS NTAPI NtClose(HANDLE Handle)
{
    DWORD saved_error = GetLastError();
    BOOL ok = CloseHandle(Handle);
    SetLastError(saved_error);
    return ok ? STATUS_SUCCESS : STATUS_INVALID_HANDLE;
}
