/* SPDX-License-Identifier: MIT */
/**
 * @file prjsim/client.h
 * @brief Client operations: the I/O another process performs on paths under a virtualization
 * root, which on Windows reaches ProjFS through the file system.
 *
 * Every operation returns the NTSTATUS the file system would return (prjsim/status.h names
 * them and maps them to Win32 errors). Paths are full paths such as `C:\root\dir\file.txt`;
 * `\` and `/` are both accepted and names are compared case-insensitively.
 */
#ifndef PRJSIM_CLIENT_H
#define PRJSIM_CLIENT_H

#include <prjsim/sim.h>
#include <prjsim/client_types.h>
#include <projectedfslib.h>
#include <ntstatus.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An open handle, like a Windows file object. */
typedef struct prjsim_handle prjsim_handle;

/** Sets the caller for this thread's client operations; NULL restores the default caller. */
void prjsim_client_set_caller(const prjsim_caller *caller);
/** The caller of this thread's client operations. */
prjsim_caller prjsim_client_get_caller(void);

/**
 * Opens or creates an item, like NtCreateFile with every share bit (FILE_SHARE_READ |
 * FILE_SHARE_WRITE | FILE_SHARE_DELETE); prjsim_client_open_shared takes a share mode.
 * @param out receives the handle on success.
 * @param access GENERIC_READ, GENERIC_WRITE, DELETE, FILE_*_DATA, FILE_*_ATTRIBUTES, ...
 * @param disposition CREATE_NEW, CREATE_ALWAYS, OPEN_EXISTING, OPEN_ALWAYS, TRUNCATE_EXISTING.
 * @param flags prjsim_open_flags.
 * @param attributes FILE_ATTRIBUTE_* for a created item (0 = NORMAL).
 * @return STATUS_SUCCESS; STATUS_OBJECT_NAME_NOT_FOUND (missing leaf),
 *  STATUS_OBJECT_PATH_NOT_FOUND (missing middle component), STATUS_OBJECT_NAME_COLLISION,
 *  STATUS_FILE_IS_A_DIRECTORY, STATUS_NOT_A_DIRECTORY, STATUS_ACCESS_DENIED,
 *  STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE, or the provider's translated result.
 */
NTSTATUS prjsim_client_open(prjsim_handle **out, prjsim_sim *sim, PCWSTR path, UINT32 access,
                            UINT32 disposition, UINT32 flags, UINT32 attributes);

/**
 * Opens or creates an item with a share mode, like NtCreateFile's ShareAccess.
 * @param share FILE_SHARE_READ, FILE_SHARE_WRITE, FILE_SHARE_DELETE (0: exclusive). An open that
 *  asks for data access (read/execute, write/append, delete) conflicting with the share mode of
 *  the handles already open on the file, or whose share mode denies what they have, fails with
 *  STATUS_SHARING_VIOLATION; opens for attributes only never conflict. Deleting (delete-on-close,
 *  set disposition) and renaming need DELETE access, so they need FILE_SHARE_DELETE from every
 *  other handle. prjsim_client_open shares everything.
 * @return as prjsim_client_open, plus STATUS_SHARING_VIOLATION; STATUS_INVALID_PARAMETER for
 *  other bits in @p share.
 */
NTSTATUS prjsim_client_open_shared(prjsim_handle **out, prjsim_sim *sim, PCWSTR path, UINT32 access,
                                   UINT32 share, UINT32 disposition, UINT32 flags, UINT32 attributes);

/** What an open did, as NtCreateFile's IoStatus.Information reports it. */
typedef enum prjsim_open_result {
    PRJSIM_FILE_SUPERSEDED = 0,
    PRJSIM_FILE_OPENED = 1,
    PRJSIM_FILE_CREATED = 2,
    PRJSIM_FILE_OVERWRITTEN = 3
} prjsim_open_result;

/** Whether the open that made @p handle opened, created or overwrote the item. */
prjsim_open_result prjsim_client_open_result(const prjsim_handle *handle);

/** Closes a handle: delete-on-close and the end of an enumeration session happen here. */
NTSTATUS prjsim_client_close(prjsim_handle *handle);

/**
 * Reads from a file. Reading a placeholder that is not hydrated asks the provider for the
 * whole file (GetFileData at offset 0 for FileSize bytes).
 * @return STATUS_SUCCESS (possibly with *bytes_read < length at the end of the file),
 *  STATUS_END_OF_FILE when offset is at or past the end, STATUS_ACCESS_DENIED without read
 *  access, STATUS_INVALID_PARAMETER for a misaligned unbuffered read, or a hydration failure.
 */
NTSTATUS prjsim_client_read(prjsim_handle *handle, UINT64 offset, void *buffer, UINT32 length,
                            UINT32 *bytes_read);

/** Writes to a file; the first modification of a placeholder makes it full. */
NTSTATUS prjsim_client_write(prjsim_handle *handle, UINT64 offset, const void *buffer,
                             UINT32 length, UINT32 *bytes_written);

/** Sets the file size (SetEndOfFile); a modification. */
NTSTATUS prjsim_client_set_size(prjsim_handle *handle, UINT64 size);

NTSTATUS prjsim_client_query_info(prjsim_handle *handle, prjsim_file_info *info);

/**
 * Sets times and attributes (FileBasicInformation): zero fields are left unchanged,
 * as NtSetInformationFile does. On a placeholder this makes it dirty.
 */
NTSTATUS prjsim_client_set_basic_info(prjsim_handle *handle, INT64 creation_time,
                                      INT64 last_access_time, INT64 last_write_time,
                                      INT64 change_time, UINT32 file_attributes);

/**
 * Marks the item for deletion when the handle closes (FileDispositionInformation).
 * @return STATUS_DIRECTORY_NOT_EMPTY for a directory that still has children (on disk or
 *  projected), STATUS_CANNOT_DELETE for a read-only item, STATUS_ACCESS_DENIED without DELETE
 *  access, STATUS_NOT_SUPPORTED for a root whose instance runs (docs/behaviour/lifecycle.md).
 */
NTSTATUS prjsim_client_set_disposition(prjsim_handle *handle, bool delete_file);

/**
 * Renames or moves the item to @p new_path (FileRenameInformation).
 * @return STATUS_OBJECT_NAME_COLLISION when the target exists (even only virtually) and
 *  replace is false, STATUS_OBJECT_PATH_NOT_FOUND for a missing target parent,
 *  STATUS_ACCESS_DENIED when replacing a directory, STATUS_NOT_SUPPORTED for a directory under a
 *  root that is not entirely full (virtual, placeholder, or projected content below it:
 *  docs/behaviour/renames.md).
 */
NTSTATUS prjsim_client_rename(prjsim_handle *handle, PCWSTR new_path, bool replace_existing);

/**
 * Lists a directory handle, like NtQueryDirectoryFile: returns as many entries as fit in a
 * caller buffer of @p buffer_bytes (0 = the simulation's default), costed like
 * FILE_ID_BOTH_DIR_INFORMATION records (0x68 bytes + 2 bytes per UTF-16 unit of the name,
 * 8-byte aligned). The same budget is given to the provider's GetDirectoryEnumeration.
 * @param pattern the filter; NULL or empty means every entry (the provider sees L"*"). Only
 *  the first query and restarted queries take it.
 * @param entries receives a malloc'd array (free with prjsim_client_free_entries).
 * @return STATUS_SUCCESS with at least one entry; STATUS_NO_SUCH_FILE when the first query of
 *  the handle finds nothing; STATUS_NO_MORE_FILES at the end; STATUS_BUFFER_TOO_SMALL when
 *  not even one entry fits; STATUS_NOT_A_DIRECTORY; or the provider's translated result.
 */
NTSTATUS prjsim_client_query_directory(prjsim_handle *handle, PCWSTR pattern, UINT32 flags,
                                       UINT32 buffer_bytes, prjsim_dir_entry **entries,
                                       size_t *count);

void prjsim_client_free_entries(prjsim_dir_entry *entries);

/**
 * Convenience: opens @p path as a directory, queries until the end and closes, like a
 * FindFirstFile/FindNextFile loop. `.` and `..` are included as the file system returns them.
 */
NTSTATUS prjsim_client_list(prjsim_sim *sim, PCWSTR path, PCWSTR pattern, UINT32 buffer_bytes,
                            prjsim_dir_entry **entries, size_t *count);

/**
 * Creates a hard link @p new_path to the file @p existing_path (CreateHardLinkW).
 * @return STATUS_SUCCESS; STATUS_OBJECT_NAME_NOT_FOUND / STATUS_OBJECT_PATH_NOT_FOUND for a
 *  missing source; STATUS_OBJECT_NAME_COLLISION when the new name exists, even only virtually;
 *  STATUS_FILE_IS_A_DIRECTORY for a directory; STATUS_NOT_SAME_DEVICE across drives or between
 *  two roots (a root and a directory outside every root on one drive link fine).
 */
NTSTATUS prjsim_client_link(prjsim_sim *sim, PCWSTR existing_path, PCWSTR new_path);

/**
 * Creates a symbolic link @p link_path to @p target (CreateSymbolicLinkW): a new full file, or
 * directory with @p directory, that opens follow to @p target (absolute, or relative to the
 * link's directory), as links the provider projects do (section 6.13).
 * @return STATUS_SUCCESS; STATUS_OBJECT_NAME_COLLISION when the name exists;
 *  STATUS_OBJECT_PATH_NOT_FOUND for a missing directory; STATUS_INVALID_PARAMETER for an empty
 *  target. The target need not exist.
 */
NTSTATUS prjsim_client_symlink(prjsim_sim *sim, PCWSTR link_path, PCWSTR target, bool directory);

/** Convenience: DeleteFileW / RemoveDirectoryW (open with DELETE, set disposition, close). */
NTSTATUS prjsim_client_delete(prjsim_sim *sim, PCWSTR path, bool directory);

/** Convenience: MoveFileExW (open with DELETE, rename, close). */
NTSTATUS prjsim_client_move(prjsim_sim *sim, PCWSTR from, PCWSTR to, bool replace_existing);

/** Convenience: CreateDirectoryW. */
NTSTATUS prjsim_client_create_directory(prjsim_sim *sim, PCWSTR path);

/** The largest file prjsim_client_read_file reads whole into memory (4 GiB). */
#define PRJSIM_CLIENT_READ_FILE_MAX ((UINT64)1 << 32)

/**
 * Convenience: reads a whole file into a malloc'd buffer (free with free()).
 * STATUS_INSUFFICIENT_RESOURCES (and the content-too-large diagnostic), before reading, for a
 * file of PRJSIM_CLIENT_READ_FILE_MAX bytes or more.
 */
NTSTATUS prjsim_client_read_file(prjsim_sim *sim, PCWSTR path, void **data, size_t *size);

/** Convenience: creates or overwrites a file (CREATE_ALWAYS) with the given content. */
NTSTATUS prjsim_client_write_file(prjsim_sim *sim, PCWSTR path, const void *data, size_t size);

/** Convenience: FILE_ATTRIBUTE_* bits and size of an item, like GetFileAttributesExW. */
NTSTATUS prjsim_client_stat(prjsim_sim *sim, PCWSTR path, prjsim_file_info *info);

/**
 * Ids of the callbacks in flight (running or pended, not yet completed or cancelled) of every
 * instance of the simulation; returns how many there are (ids receives at most @p max).
 */
size_t prjsim_sim_commands_in_flight(prjsim_sim *sim, INT32 *ids, size_t max);

/**
 * Cancels the client operation waiting on command @p command_id (as CancelIoEx or the issuing
 * thread's exit does): the provider's CancelCommandCallback is called with that id and the
 * operation fails with STATUS_CANCELLED.
 * @return STATUS_SUCCESS; STATUS_NOT_FOUND when no such command is in flight;
 *  STATUS_NOT_SUPPORTED when the provider registered no CancelCommandCallback.
 */
NTSTATUS prjsim_client_cancel(prjsim_sim *sim, INT32 command_id);

/** Convenience: SetFileAttributes/SetFileTime through a handle opened for attribute writes. */
NTSTATUS prjsim_client_set_times(prjsim_sim *sim, PCWSTR path, INT64 creation_time,
                                 INT64 last_access_time, INT64 last_write_time,
                                 INT64 change_time, UINT32 file_attributes);

#ifdef __cplusplus
}
#endif

#endif
