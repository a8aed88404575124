/* SPDX-License-Identifier: MIT */
/**
 * @file prjsim/client_types.h
 * @brief The value types of client operations (open flags, caller, file info, directory
 * entries, query flags), apart from the simulator's functions.
 *
 * prjsim/client.h includes it. It needs only projectedfslib.h (and so windows.h) and standard C
 * headers, so the backend seam (conformance/backend/backend.h) that uses these types also
 * compiles on Windows, beside the platform's own windows.h (docs/windows.md).
 */
#ifndef PRJSIM_CLIENT_TYPES_H
#define PRJSIM_CLIENT_TYPES_H

#include <projectedfslib.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Open options (the NT CreateOptions the simulator honours). */
typedef enum prjsim_open_flags {
    PRJSIM_OPEN_DEFAULT = 0,
    /** The item must be a directory (FILE_DIRECTORY_FILE); with CREATE_NEW creates one. */
    PRJSIM_OPEN_DIRECTORY = 0x1,
    /** The item must not be a directory (FILE_NON_DIRECTORY_FILE). */
    PRJSIM_OPEN_NON_DIRECTORY = 0x2,
    /** Delete the item when the last handle closes (FILE_DELETE_ON_CLOSE). */
    PRJSIM_OPEN_DELETE_ON_CLOSE = 0x4,
    /** Unbuffered I/O (FILE_NO_INTERMEDIATE_BUFFERING): reads need sector alignment. */
    PRJSIM_OPEN_UNBUFFERED = 0x8,
    /** Open a symbolic link itself rather than what it points to (FILE_OPEN_REPARSE_POINT). */
    PRJSIM_OPEN_REPARSE_POINT = 0x10
} prjsim_open_flags;

/**
 * Who performs the following client operations on this thread. The provider's own process
 * gets data and placeholder callbacks but no notifications.
 */
typedef struct prjsim_caller {
    UINT32 process_id;
    /** Image file name reported in TriggeringProcessImageFileName; copied. */
    const WCHAR *image_file_name;
    /** The operation is the provider's own I/O. */
    bool is_provider;
} prjsim_caller;

/** What prjsim_client_query_info reports. */
typedef struct prjsim_file_info {
    PRJ_FILE_BASIC_INFO basic; /**< IsDirectory, FileSize, times, FileAttributes. */
    UINT32 link_count;
} prjsim_file_info;

/** One entry of a directory listing. */
typedef struct prjsim_dir_entry {
    WCHAR name[MAX_PATH + 1];
    PRJ_FILE_BASIC_INFO basic; /**< FileAttributes as the caller sees them. */
} prjsim_dir_entry;

/** Query flags for prjsim_client_query_directory. */
typedef enum prjsim_query_flags {
    PRJSIM_QUERY_DEFAULT = 0,
    PRJSIM_QUERY_RESTART_SCAN = 0x1,
    PRJSIM_QUERY_RETURN_SINGLE_ENTRY = 0x2
} prjsim_query_flags;

#ifdef __cplusplus
}
#endif

#endif
