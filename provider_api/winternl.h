/* SPDX-License-Identifier: MIT */
/*
 * winternl.h: the NT native types providers use beside ProjFS: UNICODE_STRING and
 * ANSI_STRING with their Rtl initialisers, OBJECT_ATTRIBUTES with InitializeObjectAttributes,
 * IO_STATUS_BLOCK, NT_SUCCESS and friends, and RtlNtStatusToDosError (the mapping the simulator
 * uses, prjsim/status.h). NTSTATUS itself comes from <windows.h>, the STATUS_* codes from
 * <ntstatus.h>. Lengths are in bytes, as on Windows; a WCHAR is 4 bytes here (DEVIATIONS T1),
 * so a UNICODE_STRING holds at most 16383 characters.
 */
#ifndef PRJSIM_WINTERNL_H
#define PRJSIM_WINTERNL_H

#include <windows.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef NTAPI
#define NTAPI
#endif

#ifndef NT_SUCCESS
#define NT_SUCCESS(Status) (((NTSTATUS)(Status)) >= 0)
#define NT_INFORMATION(Status) ((((ULONG)(Status)) >> 30) == 1)
#define NT_WARNING(Status) ((((ULONG)(Status)) >> 30) == 2)
#define NT_ERROR(Status) ((((ULONG)(Status)) >> 30) == 3)
#endif

typedef struct _UNICODE_STRING {
    USHORT Length;        /* bytes, without the NUL */
    USHORT MaximumLength; /* bytes of Buffer */
    PWSTR Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const UNICODE_STRING *PCUNICODE_STRING;

typedef struct _STRING {
    USHORT Length;
    USHORT MaximumLength;
    PCHAR Buffer;
} STRING, *PSTRING, ANSI_STRING, *PANSI_STRING, OEM_STRING, *POEM_STRING;
typedef const STRING *PCANSI_STRING;

typedef struct _OBJECT_ATTRIBUTES {
    ULONG Length;
    HANDLE RootDirectory;
    PUNICODE_STRING ObjectName;
    ULONG Attributes;
    PVOID SecurityDescriptor;
    PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;

#define OBJ_INHERIT 0x00000002L
#define OBJ_PERMANENT 0x00000010L
#define OBJ_EXCLUSIVE 0x00000020L
#define OBJ_CASE_INSENSITIVE 0x00000040L
#define OBJ_OPENIF 0x00000080L
#define OBJ_OPENLINK 0x00000100L
#define OBJ_KERNEL_HANDLE 0x00000200L
#define OBJ_FORCE_ACCESS_CHECK 0x00000400L
#define OBJ_VALID_ATTRIBUTES 0x000007F2L

#define InitializeObjectAttributes(p, n, a, r, s) \
    do {                                          \
        (p)->Length = sizeof(OBJECT_ATTRIBUTES);  \
        (p)->RootDirectory = (r);                 \
        (p)->Attributes = (a);                    \
        (p)->ObjectName = (n);                    \
        (p)->SecurityDescriptor = (s);            \
        (p)->SecurityQualityOfService = NULL;     \
    } while (0)

typedef struct _IO_STATUS_BLOCK {
    PRJSIM_WIN_EXTENSION union {
        NTSTATUS Status;
        PVOID Pointer;
    } DUMMYUNIONNAME;
    ULONG_PTR Information;
} IO_STATUS_BLOCK, *PIO_STATUS_BLOCK;

/* NtCreateFile's CreateDisposition. */
#define FILE_SUPERSEDE 0x00000000
#define FILE_OPEN 0x00000001
#define FILE_CREATE 0x00000002
#define FILE_OPEN_IF 0x00000003
#define FILE_OVERWRITE 0x00000004
#define FILE_OVERWRITE_IF 0x00000005
#define FILE_MAXIMUM_DISPOSITION 0x00000005

/* NtCreateFile's CreateOptions. */
#define FILE_DIRECTORY_FILE 0x00000001
#define FILE_WRITE_THROUGH 0x00000002
#define FILE_SEQUENTIAL_ONLY 0x00000004
#define FILE_NO_INTERMEDIATE_BUFFERING 0x00000008
#define FILE_SYNCHRONOUS_IO_ALERT 0x00000010
#define FILE_SYNCHRONOUS_IO_NONALERT 0x00000020
#define FILE_NON_DIRECTORY_FILE 0x00000040
#define FILE_CREATE_TREE_CONNECTION 0x00000080
#define FILE_COMPLETE_IF_OPLOCKED 0x00000100
#define FILE_NO_EA_KNOWLEDGE 0x00000200
#define FILE_OPEN_REMOTE_INSTANCE 0x00000400
#define FILE_RANDOM_ACCESS 0x00000800
#define FILE_DELETE_ON_CLOSE 0x00001000
#define FILE_OPEN_BY_FILE_ID 0x00002000
#define FILE_OPEN_FOR_BACKUP_INTENT 0x00004000
#define FILE_NO_COMPRESSION 0x00008000
#define FILE_OPEN_REQUIRING_OPLOCK 0x00010000
#define FILE_RESERVE_OPFILTER 0x00100000
#define FILE_OPEN_REPARSE_POINT 0x00200000
#define FILE_OPEN_NO_RECALL 0x00400000
#define FILE_OPEN_FOR_FREE_SPACE_QUERY 0x00800000
#define FILE_VALID_OPTION_FLAGS 0x00ffffff

/* NtCreateFile's IoStatusBlock->Information. */
#define FILE_SUPERSEDED 0x00000000
#define FILE_OPENED 0x00000001
#define FILE_CREATED 0x00000002
#define FILE_OVERWRITTEN 0x00000003
#define FILE_EXISTS 0x00000004
#define FILE_DOES_NOT_EXIST 0x00000005

/* The APC routine of asynchronous NT I/O. prjsim's I/O is synchronous and never calls one. */
typedef VOID(NTAPI *PIO_APC_ROUTINE)(PVOID ApcContext, PIO_STATUS_BLOCK IoStatusBlock, ULONG Reserved);

/*
 * The information classes of NtQueryDirectoryFile that prjsim implements (values as Windows
 * numbers them). The records are in <ntifs.h>.
 */
typedef enum _FILE_INFORMATION_CLASS {
    FileDirectoryInformation = 1,
    FileFullDirectoryInformation = 2,
    FileBothDirectoryInformation = 3,
    FileNamesInformation = 12,
    FileIdBothDirectoryInformation = 37,
    FileIdFullDirectoryInformation = 38
} FILE_INFORMATION_CLASS,
    *PFILE_INFORMATION_CLASS;

/*
 * Lists the directory @p FileHandle is open on into @p FileInformation as records of
 * @p FileInformationClass (<ntifs.h>), as many as fit in @p Length bytes, or one with
 * @p ReturnSingleEntry. @p FileName (the first query of the handle, or a restarted one) filters
 * the names; @p RestartScan starts again from the beginning. Returns STATUS_SUCCESS with
 * IoStatusBlock->Information = the bytes written; STATUS_NO_SUCH_FILE when the handle's first
 * query finds nothing, STATUS_NO_MORE_FILES at the end; STATUS_BUFFER_TOO_SMALL when not even one
 * entry fits; STATUS_INFO_LENGTH_MISMATCH when @p Length cannot hold a record's fixed part;
 * STATUS_INVALID_INFO_CLASS, STATUS_INVALID_PARAMETER (not a directory, an APC routine),
 * STATUS_ACCESS_DENIED (no FILE_LIST_DIRECTORY), STATUS_INVALID_HANDLE. Records are laid out
 * with 4-byte WCHARs, and a buffer of Length bytes holds what a Windows buffer of Length / 2
 * holds (DEVIATIONS W14). Does not change the last error.
 */
NTSTATUS NTAPI NtQueryDirectoryFile(HANDLE FileHandle, HANDLE Event, PIO_APC_ROUTINE ApcRoutine, PVOID ApcContext,
                                    PIO_STATUS_BLOCK IoStatusBlock, PVOID FileInformation, ULONG Length,
                                    FILE_INFORMATION_CLASS FileInformationClass, BOOLEAN ReturnSingleEntry,
                                    PUNICODE_STRING FileName, BOOLEAN RestartScan);

/*
 * Creates or opens the file or directory named by @p ObjectAttributes: ObjectName is an NT path
 * ("\??\C:\dir\name"), or a name relative to the directory handle RootDirectory.
 * @p CreateDisposition FILE_SUPERSEDE ... FILE_OVERWRITE_IF; @p CreateOptions FILE_DIRECTORY_FILE
 * (only with FILE_CREATE, FILE_OPEN, FILE_OPEN_IF), FILE_NON_DIRECTORY_FILE,
 * FILE_DELETE_ON_CLOSE, FILE_NO_INTERMEDIATE_BUFFERING, FILE_OPEN_REPARSE_POINT (the other
 * documented options are accepted and change nothing: every handle here does synchronous I/O).
 * Returns the NTSTATUS; on success IoStatusBlock->Information is FILE_CREATED, FILE_OPENED,
 * FILE_OVERWRITTEN or FILE_SUPERSEDED. STATUS_INVALID_PARAMETER for a bad disposition or option
 * combination, STATUS_OBJECT_PATH_SYNTAX_BAD for a name that is not an NT path. AllocationSize,
 * the EA buffer and the security descriptor are ignored (DEVIATIONS W18). Does not change the
 * last error; close the handle with NtClose or CloseHandle.
 */
NTSTATUS NTAPI NtCreateFile(PHANDLE FileHandle, ACCESS_MASK DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes,
                            PIO_STATUS_BLOCK IoStatusBlock, PLARGE_INTEGER AllocationSize, ULONG FileAttributes,
                            ULONG ShareAccess, ULONG CreateDisposition, ULONG CreateOptions, PVOID EaBuffer,
                            ULONG EaLength);
/** Closes a handle: STATUS_SUCCESS or STATUS_INVALID_HANDLE. Does not change the last error. */
NTSTATUS NTAPI NtClose(HANDLE Handle);

/** Points @p DestinationString at @p SourceString (NULL: an empty string); nothing is copied. */
VOID NTAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString);
VOID NTAPI RtlInitAnsiString(PANSI_STRING DestinationString, PCSTR SourceString);
VOID NTAPI RtlInitString(PSTRING DestinationString, PCSTR SourceString);
/** Frees a Buffer the Rtl functions allocated and clears the string. */
VOID NTAPI RtlFreeUnicodeString(PUNICODE_STRING UnicodeString);
/** The Win32 error of an NTSTATUS, as the simulator translates them (prjsim/status.h). */
ULONG NTAPI RtlNtStatusToDosError(NTSTATUS Status);

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_WINTERNL_H */
