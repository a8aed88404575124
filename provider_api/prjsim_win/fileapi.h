/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/fileapi.h: the Win32 file API (fileapi.h, winbase.h and timezoneapi.h of the
 * Windows SDK) as prjsim supplies it on Linux.
 *
 * Paths are Windows paths: `X:\dir\name`, `\` or `/` as separators, relative paths resolved
 * against the process's current directory (GetCurrentDirectoryW, `C:\` at start). A drive
 * letter maps to a host folder under the drives directory (prjsim/drives.h). A path inside a
 * virtualization root goes to the simulator, exactly as a process's I/O reaches ProjFS on
 * Windows (placeholder, data and enumeration callbacks run); every other path goes to the host
 * file system. The functions set the calling thread's last error (GetLastError) with the codes
 * Windows uses.
 *
 * The A forms take and return UTF-8 (the code page of the narrow API here) and otherwise
 * behave as the W forms.
 *
 * Differences from Windows (see DEVIATIONS.md, "Win32 file API"):
 *   - Outside virtualization roots names are case-sensitive (the host file system decides);
 *     inside roots they are case-insensitive, as on Windows.
 *   - Share modes are enforced (ERROR_SHARING_VIOLATION); outside roots only among this
 *     process's handles.
 *   - I/O is synchronous. With an OVERLAPPED, ReadFile/WriteFile use its offset and complete
 *     before returning TRUE; the event is not signalled.
 *   - Outside roots: creation times cannot be set, FILE_ATTRIBUTE_READONLY of a file is the
 *     owner's write permission, other attributes live in the extended attribute
 *     `user.prjsim.attributes` (lost where the file system has none), a delete-on-close
 *     handle deletes its path when it is closed (not when the last handle to the file closes).
 *   - No 8.3 short names, alternate data streams, per-drive current directories, UNC paths, or
 *     security descriptors (SECURITY_ATTRIBUTES are ignored).
 */
#ifndef PRJSIM_WIN_FILEAPI_H
#define PRJSIM_WIN_FILEAPI_H

#include "basetypes.h"
#include "fileapi_constants.h"
#include "file_attributes.h"
#include "minwinbase.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Error codes of the file API that winerror_codes.h does not have (yet). */
#ifndef ERROR_NOT_SAME_DEVICE
#define ERROR_NOT_SAME_DEVICE 17L
#endif
#ifndef ERROR_BAD_NETPATH
#define ERROR_BAD_NETPATH 53L
#endif
#ifndef ERROR_NEGATIVE_SEEK
#define ERROR_NEGATIVE_SEEK 131L
#endif

/* GetFileType results. */
#define FILE_TYPE_UNKNOWN 0x0000
#define FILE_TYPE_DISK 0x0001
#define FILE_TYPE_CHAR 0x0002
#define FILE_TYPE_PIPE 0x0003
#define FILE_TYPE_REMOTE 0x8000

/* Attributes SetFileAttributesW can set; others are ignored. */
#ifndef FILE_ATTRIBUTE_VALID_SET_FLAGS
#define FILE_ATTRIBUTE_VALID_SET_FLAGS 0x000031a7
#endif

/* What GetFileInformationByHandle fills in. */
typedef struct _BY_HANDLE_FILE_INFORMATION {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime;
    FILETIME ftLastAccessTime;
    FILETIME ftLastWriteTime;
    DWORD dwVolumeSerialNumber;
    DWORD nFileSizeHigh;
    DWORD nFileSizeLow;
    DWORD nNumberOfLinks;
    DWORD nFileIndexHigh;
    DWORD nFileIndexLow;
} BY_HANDLE_FILE_INFORMATION, *PBY_HANDLE_FILE_INFORMATION, *LPBY_HANDLE_FILE_INFORMATION;

/* CreateFile2's optional parameters. */
typedef struct _CREATEFILE2_EXTENDED_PARAMETERS {
    DWORD dwSize; /* sizeof(CREATEFILE2_EXTENDED_PARAMETERS) */
    DWORD dwFileAttributes;
    DWORD dwFileFlags;
    DWORD dwSecurityQosFlags;
    LPSECURITY_ATTRIBUTES lpSecurityAttributes;
    HANDLE hTemplateFile;
} CREATEFILE2_EXTENDED_PARAMETERS, *PCREATEFILE2_EXTENDED_PARAMETERS,
    *LPCREATEFILE2_EXTENDED_PARAMETERS;

/* ---- Handles ----------------------------------------------------------------------------- */

/**
 * Opens or creates a file, or opens a directory (FILE_FLAG_BACKUP_SEMANTICS is required for
 * that; without it a directory gives ERROR_ACCESS_DENIED). Close the handle with CloseHandle.
 * Dispositions: CREATE_NEW (ERROR_FILE_EXISTS if it exists), CREATE_ALWAYS and OPEN_ALWAYS
 * (last error ERROR_ALREADY_EXISTS on success when the file existed, 0 when created),
 * OPEN_EXISTING and TRUNCATE_EXISTING (ERROR_FILE_NOT_FOUND, or ERROR_PATH_NOT_FOUND when a
 * directory on the way is missing). Writing to a read-only file gives ERROR_ACCESS_DENIED.
 * Flags honoured: BACKUP_SEMANTICS, DELETE_ON_CLOSE (adds DELETE access), NO_BUFFERING
 * (inside roots: unbuffered reads need sector alignment), OVERLAPPED (see above).
 * @return the handle, or INVALID_HANDLE_VALUE with the last error set.
 */
HANDLE WINAPI CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                          LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
                          DWORD dwFlagsAndAttributes, HANDLE hTemplateFile);
HANDLE WINAPI CreateFileA(LPCSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                          LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
                          DWORD dwFlagsAndAttributes, HANDLE hTemplateFile);
/** CreateFileW with the attributes and flags in @p pCreateExParams (may be NULL). */
HANDLE WINAPI CreateFile2(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                          DWORD dwCreationDisposition,
                          LPCREATEFILE2_EXTENDED_PARAMETERS pCreateExParams);

/**
 * Reads at the handle's file position (or at lpOverlapped's offset) and advances it. At or past
 * the end of the file: TRUE with 0 bytes read. Needs read access (ERROR_ACCESS_DENIED); a
 * directory handle gives ERROR_INVALID_FUNCTION.
 */
BOOL WINAPI ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead,
                     LPDWORD lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped);
/** Writes at the file position (at the end for append-only handles) and advances it. */
BOOL WINAPI WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
                      LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped);
/**
 * Moves the file position (FILE_BEGIN, FILE_CURRENT, FILE_END). A negative result gives
 * ERROR_NEGATIVE_SEEK and leaves the position alone. Returns the low 32 bits of the new
 * position (INVALID_SET_FILE_POINTER on failure; on success the last error is 0).
 */
DWORD WINAPI SetFilePointer(HANDLE hFile, LONG lDistanceToMove, PLONG lpDistanceToMoveHigh,
                            DWORD dwMoveMethod);
BOOL WINAPI SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove,
                             PLARGE_INTEGER lpNewFilePointer, DWORD dwMoveMethod);
/** Truncates or extends the file to the current file position. Needs write access. */
BOOL WINAPI SetEndOfFile(HANDLE hFile);
/** Low 32 bits of the size (high ones in *lpFileSizeHigh); INVALID_FILE_SIZE on failure. */
DWORD WINAPI GetFileSize(HANDLE hFile, LPDWORD lpFileSizeHigh);
BOOL WINAPI GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize);
/** Any pointer may be NULL. */
BOOL WINAPI GetFileTime(HANDLE hFile, LPFILETIME lpCreationTime, LPFILETIME lpLastAccessTime,
                        LPFILETIME lpLastWriteTime);
/** NULL or a zero time leaves that time unchanged. Needs FILE_WRITE_ATTRIBUTES. */
BOOL WINAPI SetFileTime(HANDLE hFile, const FILETIME *lpCreationTime,
                        const FILETIME *lpLastAccessTime, const FILETIME *lpLastWriteTime);
BOOL WINAPI GetFileInformationByHandle(HANDLE hFile,
                                       LPBY_HANDLE_FILE_INFORMATION lpFileInformation);
/** Needs write access (ERROR_ACCESS_DENIED). */
BOOL WINAPI FlushFileBuffers(HANDLE hFile);
/** FILE_TYPE_DISK for files and directories, FILE_TYPE_CHAR for console handles. */
DWORD WINAPI GetFileType(HANDLE hFile);

/* ---- Directory listings ------------------------------------------------------------------ */

/**
 * Starts a listing of the directory named by all but the last component of @p lpFileName,
 * filtered by the last component (wildcards `*` and `?`; `*.*` means `*`; Win32 rewrites `?`
 * to `>` and the like before the file system sees the pattern, as on Windows). `.` and `..`
 * are listed when they match, except in a drive's root directory. Entries come in
 * PrjFileNameCompare order. Close the handle with FindClose (CloseHandle rejects it).
 * @return the find handle, or INVALID_HANDLE_VALUE with ERROR_FILE_NOT_FOUND (nothing
 *  matches), ERROR_PATH_NOT_FOUND (no such directory), ERROR_DIRECTORY (not a directory),
 *  ERROR_INVALID_NAME (wildcards before the last component).
 */
HANDLE WINAPI FindFirstFileW(LPCWSTR lpFileName, LPWIN32_FIND_DATAW lpFindFileData);
HANDLE WINAPI FindFirstFileA(LPCSTR lpFileName, LPWIN32_FIND_DATAA lpFindFileData);
/**
 * FindFirstFileW with options. FIND_FIRST_EX_LARGE_FETCH asks for 64 KiB per directory query;
 * FIND_FIRST_EX_ON_DISK_ENTRIES_ONLY drops entries that exist only in the provider
 * (FILE_ATTRIBUTE_RECALL_ON_OPEN); FIND_FIRST_EX_CASE_SENSITIVE is ignored.
 * @p lpSearchFilter must be NULL.
 */
HANDLE WINAPI FindFirstFileExW(LPCWSTR lpFileName, FINDEX_INFO_LEVELS fInfoLevelId,
                               LPVOID lpFindFileData, FINDEX_SEARCH_OPS fSearchOp,
                               LPVOID lpSearchFilter, DWORD dwAdditionalFlags);
HANDLE WINAPI FindFirstFileExA(LPCSTR lpFileName, FINDEX_INFO_LEVELS fInfoLevelId,
                               LPVOID lpFindFileData, FINDEX_SEARCH_OPS fSearchOp,
                               LPVOID lpSearchFilter, DWORD dwAdditionalFlags);
/** The next entry; FALSE with ERROR_NO_MORE_FILES at the end. */
BOOL WINAPI FindNextFileW(HANDLE hFindFile, LPWIN32_FIND_DATAW lpFindFileData);
BOOL WINAPI FindNextFileA(HANDLE hFindFile, LPWIN32_FIND_DATAA lpFindFileData);
/** Ends a listing; FALSE with ERROR_INVALID_HANDLE for anything but an open find handle. */
BOOL WINAPI FindClose(HANDLE hFindFile);

/* ---- Items by name ----------------------------------------------------------------------- */

/**
 * FILE_ATTRIBUTE_* of an item, or INVALID_FILE_ATTRIBUTES with ERROR_FILE_NOT_FOUND /
 * ERROR_PATH_NOT_FOUND.
 */
DWORD WINAPI GetFileAttributesW(LPCWSTR lpFileName);
DWORD WINAPI GetFileAttributesA(LPCSTR lpFileName);
/** Only GetFileExInfoStandard (else ERROR_INVALID_PARAMETER). */
BOOL WINAPI GetFileAttributesExW(LPCWSTR lpFileName, GET_FILEEX_INFO_LEVELS fInfoLevelId,
                                 LPVOID lpFileInformation);
BOOL WINAPI GetFileAttributesExA(LPCSTR lpFileName, GET_FILEEX_INFO_LEVELS fInfoLevelId,
                                 LPVOID lpFileInformation);
/** Sets the FILE_ATTRIBUTE_VALID_SET_FLAGS bits; FILE_ATTRIBUTE_NORMAL clears them all. */
BOOL WINAPI SetFileAttributesW(LPCWSTR lpFileName, DWORD dwFileAttributes);
BOOL WINAPI SetFileAttributesA(LPCSTR lpFileName, DWORD dwFileAttributes);
/** ERROR_ALREADY_EXISTS, ERROR_PATH_NOT_FOUND (a parent is missing). */
BOOL WINAPI CreateDirectoryW(LPCWSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes);
BOOL WINAPI CreateDirectoryA(LPCSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes);
/** ERROR_DIR_NOT_EMPTY, ERROR_DIRECTORY (a file), ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND. */
BOOL WINAPI RemoveDirectoryW(LPCWSTR lpPathName);
BOOL WINAPI RemoveDirectoryA(LPCSTR lpPathName);
/** ERROR_ACCESS_DENIED (a directory or a read-only file), ERROR_FILE_NOT_FOUND, ... */
BOOL WINAPI DeleteFileW(LPCWSTR lpFileName);
BOOL WINAPI DeleteFileA(LPCSTR lpFileName);
/**
 * Renames or moves a file or directory. An existing target gives ERROR_ALREADY_EXISTS unless
 * MOVEFILE_REPLACE_EXISTING (which never replaces a directory: ERROR_ACCESS_DENIED). Between
 * drive letters MOVEFILE_COPY_ALLOWED is required (ERROR_NOT_SAME_DEVICE); between the host
 * and a virtualization root, which share a drive on Windows, the item is copied and the
 * source deleted.
 */
BOOL WINAPI MoveFileExW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, DWORD dwFlags);
BOOL WINAPI MoveFileExA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, DWORD dwFlags);
/** MoveFileExW(..., MOVEFILE_COPY_ALLOWED). */
BOOL WINAPI MoveFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName);
BOOL WINAPI MoveFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName);
/**
 * Copies a file with its attributes and last-write time. ERROR_FILE_EXISTS when
 * @p bFailIfExists and the target exists; ERROR_ACCESS_DENIED for a directory source or a
 * read-only target.
 */
BOOL WINAPI CopyFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, BOOL bFailIfExists);
BOOL WINAPI CopyFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, BOOL bFailIfExists);
/**
 * A new name for an existing file. Inside virtualization roots: FALSE with
 * ERROR_NOT_SUPPORTED (the simulator has no hard links yet).
 */
BOOL WINAPI CreateHardLinkW(LPCWSTR lpFileName, LPCWSTR lpExistingFileName,
                            LPSECURITY_ATTRIBUTES lpSecurityAttributes);
BOOL WINAPI CreateHardLinkA(LPCSTR lpFileName, LPCSTR lpExistingFileName,
                            LPSECURITY_ATTRIBUTES lpSecurityAttributes);
/**
 * A symbolic link @p lpSymlinkFileName to @p lpTargetFileName (absolute with a drive, or
 * relative to the link's directory, stored as given); a directory link with
 * SYMBOLIC_LINK_FLAG_DIRECTORY. The target need not exist. Every caller holds the privilege
 * (DEVIATIONS W17), so SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE changes nothing; other flag
 * bits or an empty target: ERROR_INVALID_PARAMETER. An existing name: ERROR_ALREADY_EXISTS; a
 * missing directory: ERROR_PATH_NOT_FOUND. On the host a link to an absolute path inside a
 * virtualization root: ERROR_NOT_SUPPORTED.
 */
BOOLEAN WINAPI CreateSymbolicLinkW(LPCWSTR lpSymlinkFileName, LPCWSTR lpTargetFileName, DWORD dwFlags);

/* ---- Paths --------------------------------------------------------------------------------- */

/**
 * The full path of @p lpFileName: relative paths are resolved against the current directory,
 * `/` becomes `\`, `.` and `..` are folded, trailing dots and spaces of the last component are
 * dropped; a trailing separator is kept. Nothing is checked on disk.
 * @param lpFilePart receives a pointer to the last component in @p lpBuffer, or NULL when the
 *  path ends with a separator (may be NULL).
 * @return the length copied without the NUL; if the buffer is too small, the size needed
 *  including the NUL; 0 on failure.
 */
DWORD WINAPI GetFullPathNameW(LPCWSTR lpFileName, DWORD nBufferLength, LPWSTR lpBuffer,
                              LPWSTR *lpFilePart);
DWORD WINAPI GetFullPathNameA(LPCSTR lpFileName, DWORD nBufferLength, LPSTR lpBuffer,
                              LPSTR *lpFilePart);
/** The current directory (initially `C:\`); returns as GetFullPathNameW does. */
DWORD WINAPI GetCurrentDirectoryW(DWORD nBufferLength, LPWSTR lpBuffer);
DWORD WINAPI GetCurrentDirectoryA(DWORD nBufferLength, LPSTR lpBuffer);
/** ERROR_FILE_NOT_FOUND / ERROR_PATH_NOT_FOUND, ERROR_DIRECTORY for a file. */
BOOL WINAPI SetCurrentDirectoryW(LPCWSTR lpPathName);
BOOL WINAPI SetCurrentDirectoryA(LPCSTR lpPathName);
/** `C:\Temp\`, created if missing. */
DWORD WINAPI GetTempPathW(DWORD nBufferLength, LPWSTR lpBuffer);
DWORD WINAPI GetTempPathA(DWORD nBufferLength, LPSTR lpBuffer);
/**
 * `<path>\<prefix up to 3 chars><hex>.TMP`. With uUnique 0 a new empty file is created and its
 * number returned; otherwise the name is only formed.
 */
UINT WINAPI GetTempFileNameW(LPCWSTR lpPathName, LPCWSTR lpPrefixString, UINT uUnique,
                             LPWSTR lpTempFileName);
UINT WINAPI GetTempFileNameA(LPCSTR lpPathName, LPCSTR lpPrefixString, UINT uUnique,
                             LPSTR lpTempFileName);

/* ---- FILETIME helpers (timezoneapi.h) ------------------------------------------------------ */

/** -1, 0 or 1 as *lpFileTime1 is earlier than, equal to or later than *lpFileTime2. */
LONG WINAPI CompareFileTime(const FILETIME *lpFileTime1, const FILETIME *lpFileTime2);
/** Converts ticks to a UTC calendar time; ERROR_INVALID_PARAMETER for times past year 30827. */
BOOL WINAPI FileTimeToSystemTime(const FILETIME *lpFileTime, LPSYSTEMTIME lpSystemTime);
/** Converts a UTC calendar time to ticks; ERROR_INVALID_PARAMETER for an invalid date. */
BOOL WINAPI SystemTimeToFileTime(const SYSTEMTIME *lpSystemTime, LPFILETIME lpFileTime);

/* ---- Generic names ------------------------------------------------------------------------- */

#ifdef UNICODE
#define CreateFile CreateFileW
#define FindFirstFile FindFirstFileW
#define FindFirstFileEx FindFirstFileExW
#define FindNextFile FindNextFileW
#define GetFileAttributes GetFileAttributesW
#define GetFileAttributesEx GetFileAttributesExW
#define SetFileAttributes SetFileAttributesW
#define CreateDirectory CreateDirectoryW
#define RemoveDirectory RemoveDirectoryW
#define DeleteFile DeleteFileW
#define MoveFile MoveFileW
#define MoveFileEx MoveFileExW
#define CopyFile CopyFileW
#define CreateHardLink CreateHardLinkW
#define CreateSymbolicLink CreateSymbolicLinkW
#define GetFullPathName GetFullPathNameW
#define GetCurrentDirectory GetCurrentDirectoryW
#define SetCurrentDirectory SetCurrentDirectoryW
#define GetTempPath GetTempPathW
#define GetTempFileName GetTempFileNameW
#else
#define CreateFile CreateFileA
#define FindFirstFile FindFirstFileA
#define FindFirstFileEx FindFirstFileExA
#define FindNextFile FindNextFileA
#define GetFileAttributes GetFileAttributesA
#define GetFileAttributesEx GetFileAttributesExA
#define SetFileAttributes SetFileAttributesA
#define CreateDirectory CreateDirectoryA
#define RemoveDirectory RemoveDirectoryA
#define DeleteFile DeleteFileA
#define MoveFile MoveFileA
#define MoveFileEx MoveFileExA
#define CopyFile CopyFileA
#define CreateHardLink CreateHardLinkA
#define GetFullPathName GetFullPathNameA
#define GetCurrentDirectory GetCurrentDirectoryA
#define SetCurrentDirectory SetCurrentDirectoryA
#define GetTempPath GetTempPathA
#define GetTempFileName GetTempFileNameA
#endif

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_WIN_FILEAPI_H */
