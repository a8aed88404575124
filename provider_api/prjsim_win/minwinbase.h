/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/minwinbase.h: the structures the Win32 file API fills in and takes, as the Windows
 * SDK's <minwinbase.h> declares them: SECURITY_ATTRIBUTES, OVERLAPPED, SYSTEMTIME,
 * WIN32_FIND_DATAW/A, WIN32_FILE_ATTRIBUTE_DATA and the enumerations FindFirstFileExW and
 * GetFileAttributesExW take.
 *
 * Layouts follow the SDK field for field. WCHAR is 32 bits here, so the structures holding
 * names (WIN32_FIND_DATAW) are larger than on Windows; code that only uses sizeof and the
 * field names is unaffected.
 */
#ifndef PRJSIM_WIN_MINWINBASE_H
#define PRJSIM_WIN_MINWINBASE_H

#include "basetypes.h"

/*
 * Security attributes of a new object. prjsim keeps no security descriptors: every function
 * that takes one accepts it and ignores it (bInheritHandle included: there are no child
 * processes to inherit handles).
 */
typedef struct _SECURITY_ATTRIBUTES {
    DWORD nLength;
    LPVOID lpSecurityDescriptor;
    BOOL bInheritHandle;
} SECURITY_ATTRIBUTES, *PSECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;

/*
 * Position and completion state of an I/O. ReadFile/WriteFile read Offset/OffsetHigh as the
 * position and complete at once, storing the byte count in InternalHigh; hEvent is not
 * signalled.
 */
typedef struct _OVERLAPPED {
    ULONG_PTR Internal;
    ULONG_PTR InternalHigh;
    PRJSIM_WIN_EXTENSION union {
        PRJSIM_WIN_EXTENSION struct {
            DWORD Offset;
            DWORD OffsetHigh;
        } DUMMYSTRUCTNAME;
        PVOID Pointer;
    } DUMMYUNIONNAME;
    HANDLE hEvent;
} OVERLAPPED, *LPOVERLAPPED;

typedef VOID(WINAPI *LPOVERLAPPED_COMPLETION_ROUTINE)(DWORD dwErrorCode,
                                                      DWORD dwNumberOfBytesTransfered,
                                                      LPOVERLAPPED lpOverlapped);

/* A calendar date and time (UTC unless a function says otherwise). */
typedef struct _SYSTEMTIME {
    WORD wYear;
    WORD wMonth;     /* 1-12 */
    WORD wDayOfWeek; /* 0 = Sunday */
    WORD wDay;       /* 1-31 */
    WORD wHour;
    WORD wMinute;
    WORD wSecond;
    WORD wMilliseconds;
} SYSTEMTIME, *PSYSTEMTIME, *LPSYSTEMTIME;

/* One directory entry, as FindFirstFileW/FindNextFileW return it. */
typedef struct _WIN32_FIND_DATAW {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime;
    FILETIME ftLastAccessTime;
    FILETIME ftLastWriteTime;
    DWORD nFileSizeHigh;
    DWORD nFileSizeLow;
    DWORD dwReserved0; /* the reparse tag when FILE_ATTRIBUTE_REPARSE_POINT is set */
    DWORD dwReserved1;
    WCHAR cFileName[MAX_PATH];
    WCHAR cAlternateFileName[14]; /* 8.3 names do not exist here: always empty */
} WIN32_FIND_DATAW, *PWIN32_FIND_DATAW, *LPWIN32_FIND_DATAW;

/* The narrow form: cFileName is UTF-8 (the A functions use UTF-8 as their code page). */
typedef struct _WIN32_FIND_DATAA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime;
    FILETIME ftLastAccessTime;
    FILETIME ftLastWriteTime;
    DWORD nFileSizeHigh;
    DWORD nFileSizeLow;
    DWORD dwReserved0;
    DWORD dwReserved1;
    CHAR cFileName[MAX_PATH];
    CHAR cAlternateFileName[14];
} WIN32_FIND_DATAA, *PWIN32_FIND_DATAA, *LPWIN32_FIND_DATAA;

/* What FindFirstFileExW returns for each entry. */
typedef enum _FINDEX_INFO_LEVELS {
    FindExInfoStandard,
    FindExInfoBasic, /* as Standard, without the short name */
    FindExInfoMaxInfoLevel
} FINDEX_INFO_LEVELS;

/* Which entries FindFirstFileExW returns. */
typedef enum _FINDEX_SEARCH_OPS {
    FindExSearchNameMatch,
    FindExSearchLimitToDirectories, /* advisory, as on NTFS: treated as NameMatch */
    FindExSearchLimitToDevices,     /* not supported: ERROR_INVALID_PARAMETER */
    FindExSearchMaxSearchOp
} FINDEX_SEARCH_OPS;

/* FindFirstFileExW's dwAdditionalFlags. */
#define FIND_FIRST_EX_CASE_SENSITIVE 0x00000001
#define FIND_FIRST_EX_LARGE_FETCH 0x00000002
#define FIND_FIRST_EX_ON_DISK_ENTRIES_ONLY 0x00000004

/* GetFileAttributesExW's information levels. */
typedef enum _GET_FILEEX_INFO_LEVELS {
    GetFileExInfoStandard,
    GetFileExMaxInfoLevel
} GET_FILEEX_INFO_LEVELS;

/* What GetFileAttributesExW(..., GetFileExInfoStandard, ...) fills in. */
typedef struct _WIN32_FILE_ATTRIBUTE_DATA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime;
    FILETIME ftLastAccessTime;
    FILETIME ftLastWriteTime;
    DWORD nFileSizeHigh;
    DWORD nFileSizeLow;
} WIN32_FILE_ATTRIBUTE_DATA, *LPWIN32_FILE_ATTRIBUTE_DATA;

#ifdef UNICODE
typedef WIN32_FIND_DATAW WIN32_FIND_DATA;
typedef PWIN32_FIND_DATAW PWIN32_FIND_DATA;
typedef LPWIN32_FIND_DATAW LPWIN32_FIND_DATA;
#else
typedef WIN32_FIND_DATAA WIN32_FIND_DATA;
typedef PWIN32_FIND_DATAA PWIN32_FIND_DATA;
typedef LPWIN32_FIND_DATAA LPWIN32_FIND_DATA;
#endif

#endif /* PRJSIM_WIN_MINWINBASE_H */
