/* SPDX-License-Identifier: MIT */
/*
 * ntifs.h: the records NtQueryDirectoryFile (declared in <winternl.h>) writes, one per
 * FILE_INFORMATION_CLASS prjsim implements. Windows documents them in the WDK's ntifs.h; a
 * user-mode program either includes that or declares them itself, so they are kept out of
 * <winternl.h>, where a program's own declarations would collide with ours.
 *
 * The layouts are Windows' field for field, but a WCHAR is 4 bytes here (DEVIATIONS T1): the
 * short name and FileName hold 4-byte units, FileNameLength counts bytes of them
 * (characters * sizeof(WCHAR)), and the offsets after ShortName differ from Windows'. Code that
 * walks the records with NextEntryOffset and FileNameLength / sizeof(WCHAR), as Windows code
 * does, works unchanged. DEVIATIONS W14 says how much fits in a buffer.
 */
#ifndef PRJSIM_NTIFS_H
#define PRJSIM_NTIFS_H

#include <winternl.h>

#ifdef __cplusplus
extern "C" {
#endif

/* FileDirectoryInformation. */
typedef struct _FILE_DIRECTORY_INFORMATION {
    ULONG NextEntryOffset; /* bytes to the next record, 8-byte aligned; 0 for the last */
    ULONG FileIndex;       /* 0, as NTFS leaves it */
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    LARGE_INTEGER EndOfFile;
    LARGE_INTEGER AllocationSize;
    ULONG FileAttributes;
    ULONG FileNameLength; /* bytes, without a NUL (none is written) */
    WCHAR FileName[1];
} FILE_DIRECTORY_INFORMATION, *PFILE_DIRECTORY_INFORMATION;

/* FileFullDirectoryInformation. */
typedef struct _FILE_FULL_DIR_INFORMATION {
    ULONG NextEntryOffset;
    ULONG FileIndex;
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    LARGE_INTEGER EndOfFile;
    LARGE_INTEGER AllocationSize;
    ULONG FileAttributes;
    ULONG FileNameLength;
    ULONG EaSize; /* the reparse tag for a reparse point, else 0 (no extended attributes) */
    WCHAR FileName[1];
} FILE_FULL_DIR_INFORMATION, *PFILE_FULL_DIR_INFORMATION;

/* FileIdFullDirectoryInformation. */
typedef struct _FILE_ID_FULL_DIR_INFORMATION {
    ULONG NextEntryOffset;
    ULONG FileIndex;
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    LARGE_INTEGER EndOfFile;
    LARGE_INTEGER AllocationSize;
    ULONG FileAttributes;
    ULONG FileNameLength;
    ULONG EaSize;
    LARGE_INTEGER FileId; /* the file index GetFileInformationByHandle reports (W9) */
    WCHAR FileName[1];
} FILE_ID_FULL_DIR_INFORMATION, *PFILE_ID_FULL_DIR_INFORMATION;

/* FileBothDirectoryInformation. */
typedef struct _FILE_BOTH_DIR_INFORMATION {
    ULONG NextEntryOffset;
    ULONG FileIndex;
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    LARGE_INTEGER EndOfFile;
    LARGE_INTEGER AllocationSize;
    ULONG FileAttributes;
    ULONG FileNameLength;
    ULONG EaSize;
    CCHAR ShortNameLength; /* 0: no 8.3 names (W6) */
    WCHAR ShortName[12];
    WCHAR FileName[1];
} FILE_BOTH_DIR_INFORMATION, *PFILE_BOTH_DIR_INFORMATION;

/* FileIdBothDirectoryInformation. */
typedef struct _FILE_ID_BOTH_DIR_INFORMATION {
    ULONG NextEntryOffset;
    ULONG FileIndex;
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    LARGE_INTEGER EndOfFile;
    LARGE_INTEGER AllocationSize;
    ULONG FileAttributes;
    ULONG FileNameLength;
    ULONG EaSize;
    CCHAR ShortNameLength;
    WCHAR ShortName[12];
    LARGE_INTEGER FileId;
    WCHAR FileName[1];
} FILE_ID_BOTH_DIR_INFORMATION, *PFILE_ID_BOTH_DIR_INFORMATION;

/* FileNamesInformation. */
typedef struct _FILE_NAMES_INFORMATION {
    ULONG NextEntryOffset;
    ULONG FileIndex;
    ULONG FileNameLength;
    WCHAR FileName[1];
} FILE_NAMES_INFORMATION, *PFILE_NAMES_INFORMATION;

/*
 * prjsim: the Length to give NtQueryDirectoryFile so the query (and the provider's
 * GetDirectoryEnumeration) gets the budget a Windows caller's buffer of @p windows_bytes has:
 * records here are up to twice Windows' size, so a Length stands for a Windows buffer of half
 * of it (DEVIATIONS W14). Portable code writes `#ifndef PRJSIM_DIRECTORY_LENGTH_FOR` /
 * `#define PRJSIM_DIRECTORY_LENGTH_FOR(b) (b)` for Windows.
 */
#define PRJSIM_DIRECTORY_LENGTH_FOR(windows_bytes) ((ULONG)(windows_bytes) * 2u)

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_NTIFS_H */
