/* SPDX-License-Identifier: MIT */
/*
 * projectedfslib.h: the Windows Projected File System (ProjFS) provider API,
 * as declared by the Windows SDK, for prjsim on Linux.
 *
 * A provider written against the Windows SDK compiles against this header
 * unchanged: every type, enumerator, structure (same field order, x64 layout)
 * and function of the SDK header is here, with the same names and values.
 * The functions are implemented by the prjsim library, which simulates the
 * ProjFS driver in-process.
 *
 * The doc comments summarise what Microsoft documents for each call,
 * including its error results; where the simulator has to choose a behaviour
 * that Windows does not document, the simulator's own documentation says so.
 *
 * Differences from the SDK header:
 *   - It includes <windows.h> itself, so it may be included alone. On Linux that is prjsim's;
 *     a mingw-w64 build copies this header alone (with prjsim_win/portable.h) so that the
 *     platform's own windows.h is found (windows/CMakeLists.txt).
 *   - No WINAPI_FAMILY / _WIN32_WINNT guards: everything is always declared.
 *   - PRJ_NOTIFY_USE_EXISTING_MASK is 0xFFFFFFFF in an enum, which GCC and
 *     Clang make unsigned (MSVC makes it int -1). Compare it as UINT32.
 *   - Static assertions at the end pin every enumerator's value and, on 64-bit
 *     targets, every structure's size and field offsets to the SDK's x64 ones.
 */
#ifndef PROJECTEDFSLIB_H
#define PROJECTEDFSLIB_H

#include "windows.h"
#include "prjsim_win/portable.h"
#include <stddef.h>
#include <stdint.h>

/* ======================================================================== */
/* Common types                                                             */
/* ======================================================================== */

/*
 * PRJ_NOTIFY_TYPES: bit mask of the notifications a provider wants, given per
 * subtree at start-up (PRJ_NOTIFICATION_MAPPING) and per file in notification
 * replies. SUPPRESS_NOTIFICATIONS overrides every other bit of its mask.
 * USE_EXISTING_MASK is only valid as a reply and means "keep the current
 * mask"; a reply of 0 means the same.
 */
#if defined(__GNUC__) && !defined(__cplusplus)
/* ISO C wants enumerators to fit in int; 0xFFFFFFFF is the SDK's value. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#endif
typedef enum PRJ_NOTIFY_TYPES {
    PRJ_NOTIFY_NONE = 0x00000000,
    PRJ_NOTIFY_SUPPRESS_NOTIFICATIONS = 0x00000001,
    PRJ_NOTIFY_FILE_OPENED = 0x00000002,
    PRJ_NOTIFY_NEW_FILE_CREATED = 0x00000004,
    PRJ_NOTIFY_FILE_OVERWRITTEN = 0x00000008,
    PRJ_NOTIFY_PRE_DELETE = 0x00000010,
    PRJ_NOTIFY_PRE_RENAME = 0x00000020,
    PRJ_NOTIFY_PRE_SET_HARDLINK = 0x00000040,
    PRJ_NOTIFY_FILE_RENAMED = 0x00000080,
    PRJ_NOTIFY_HARDLINK_CREATED = 0x00000100,
    PRJ_NOTIFY_FILE_HANDLE_CLOSED_NO_MODIFICATION = 0x00000200,
    PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_MODIFIED = 0x00000400,
    PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_DELETED = 0x00000800,
    PRJ_NOTIFY_FILE_PRE_CONVERT_TO_FULL = 0x00001000,
    PRJ_NOTIFY_USE_EXISTING_MASK = 0xFFFFFFFF
} PRJ_NOTIFY_TYPES;
#if defined(__GNUC__) && !defined(__cplusplus)
#pragma GCC diagnostic pop
#endif

DEFINE_ENUM_FLAG_OPERATORS(PRJ_NOTIFY_TYPES);

/*
 * PRJ_NOTIFICATION: which single notification a PRJ_NOTIFICATION_CB call
 * reports. Same numbers as PRJ_NOTIFY_TYPES, but values, not flags.
 */
typedef enum PRJ_NOTIFICATION {
    PRJ_NOTIFICATION_FILE_OPENED = 0x00000002,
    PRJ_NOTIFICATION_NEW_FILE_CREATED = 0x00000004,
    PRJ_NOTIFICATION_FILE_OVERWRITTEN = 0x00000008,
    PRJ_NOTIFICATION_PRE_DELETE = 0x00000010,
    PRJ_NOTIFICATION_PRE_RENAME = 0x00000020,
    PRJ_NOTIFICATION_PRE_SET_HARDLINK = 0x00000040,
    PRJ_NOTIFICATION_FILE_RENAMED = 0x00000080,
    PRJ_NOTIFICATION_HARDLINK_CREATED = 0x00000100,
    PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_NO_MODIFICATION = 0x00000200,
    PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_MODIFIED = 0x00000400,
    PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_DELETED = 0x00000800,
    PRJ_NOTIFICATION_FILE_PRE_CONVERT_TO_FULL = 0x00001000,
} PRJ_NOTIFICATION;

/* A running virtualization instance, returned by PrjStartVirtualizing. */
DECLARE_HANDLE(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT);

/* The buffer a directory enumeration callback fills with entries. */
DECLARE_HANDLE(PRJ_DIR_ENTRY_BUFFER_HANDLE);

/* Kinds of PRJ_EXTENDED_INFO (Windows 10 2004 and later). */
typedef enum PRJ_EXT_INFO_TYPE {
    PRJ_EXT_INFO_TYPE_SYMLINK = 1
} PRJ_EXT_INFO_TYPE;

/*
 * Extra information for a placeholder or directory entry. Only symbolic links
 * exist: one structure, InfoType SYMLINK, NextInfoOffset 0 (it is the byte
 * offset of the next structure in a chain), and the link target, absolute or
 * relative, in Symlink.TargetName.
 */
typedef struct PRJ_EXTENDED_INFO {
    PRJ_EXT_INFO_TYPE InfoType;
    ULONG NextInfoOffset;
    PRJSIM_WIN_EXTENSION union {
        struct {
            PCWSTR TargetName;
        } Symlink;
    } DUMMYUNIONNAME;
} PRJ_EXTENDED_INFO;

typedef struct PRJ_CALLBACKS PRJ_CALLBACKS;

/* ======================================================================== */
/* Virtualization instance                                                  */
/* ======================================================================== */

/*
 * The notifications wanted for one subtree. NotificationRoot is relative to
 * the virtualization root, L"" for the root itself; it may name a single
 * file, and it need not exist yet.
 */
typedef struct PRJ_NOTIFICATION_MAPPING {
    PRJ_NOTIFY_TYPES NotificationBitMask;
    PCWSTR NotificationRoot;
} PRJ_NOTIFICATION_MAPPING;

typedef enum PRJ_STARTVIRTUALIZING_FLAGS {
    PRJ_FLAG_NONE = 0x00000000,
    /* Remember paths the provider said do not exist, and stop asking. */
    PRJ_FLAG_USE_NEGATIVE_PATH_CACHE = 0x00000001
} PRJ_STARTVIRTUALIZING_FLAGS;

DEFINE_ENUM_FLAG_OPERATORS(PRJ_STARTVIRTUALIZING_FLAGS);

/*
 * Start-up options. A PoolThreadCount of 0 means twice ConcurrentThreadCount;
 * a ConcurrentThreadCount of 0 means the number of logical processors.
 */
typedef struct PRJ_STARTVIRTUALIZING_OPTIONS {
    PRJ_STARTVIRTUALIZING_FLAGS Flags;
    UINT32 PoolThreadCount;
    UINT32 ConcurrentThreadCount;
    PRJ_NOTIFICATION_MAPPING *NotificationMappings;
    UINT32 NotificationMappingsCount;
} PRJ_STARTVIRTUALIZING_OPTIONS;

/**
 * Starts a virtualization instance on a directory that was marked as a
 * virtualization root (PrjMarkDirectoryAsPlaceholder with no target).
 *
 * From the moment it returns, callbacks may arrive on worker threads.
 *
 * @param virtualizationRootPath full path of the virtualization root.
 * @param callbacks the provider's callbacks; the first five are required.
 * @param instanceContext handed back in every PRJ_CALLBACK_DATA.InstanceContext.
 * @param options NULL for the defaults: no negative path cache, default
 *        thread counts and the default notifications.
 * @param namespaceVirtualizationContext receives the instance handle.
 * @return S_OK; HRESULT_FROM_WIN32(ERROR_REPARSE_TAG_MISMATCH) when the
 *         directory was never marked as a root (the only error Microsoft
 *         documents); E_OUTOFMEMORY; and
 *         ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION when the root is
 *         inside, or contains, another virtualization root.
 */
STDAPI PrjStartVirtualizing(_In_ PCWSTR virtualizationRootPath,
                            _In_ const PRJ_CALLBACKS *callbacks,
                            _In_opt_ const void *instanceContext,
                            _In_opt_ const PRJ_STARTVIRTUALIZING_OPTIONS *options,
                            _Outptr_ PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT *namespaceVirtualizationContext);

/**
 * Stops a virtualization instance. Returns nothing.
 *
 * Callbacks may still arrive until it returns; it waits for the ones already
 * running. Placeholders and hydrated files stay on disk, and the instance can
 * be started again without marking the root again. Stopping an instance
 * twice, or passing a handle that is not a running instance, is a programming
 * error (Windows raises an exception).
 *
 * @param namespaceVirtualizationContext the handle from PrjStartVirtualizing.
 */
STDAPI_(void) PrjStopVirtualizing(_In_ PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext);

/**
 * Empties the negative path cache of a running instance.
 *
 * @param namespaceVirtualizationContext the handle from PrjStartVirtualizing.
 * @param totalEntryNumber optional; receives how many paths were cached
 *        before the purge.
 * @return S_OK, or a failure such as E_OUTOFMEMORY.
 */
STDAPI PrjClearNegativePathCache(_In_ PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                                 _Out_opt_ UINT32 *totalEntryNumber);

/*
 * Facts about a running instance: the GUID the root was marked with, and the
 * alignment (bytes, a power of two) that PrjWriteFileData's offset and length
 * must respect when the reader opened the file for unbuffered I/O.
 */
typedef struct PRJ_VIRTUALIZATION_INSTANCE_INFO {
    GUID InstanceID;
    UINT32 WriteAlignment;
} PRJ_VIRTUALIZATION_INSTANCE_INFO;

/**
 * Reports the instance ID and write alignment of a running instance.
 *
 * @param namespaceVirtualizationContext the handle from PrjStartVirtualizing.
 * @param virtualizationInstanceInfo receives the information.
 * @return S_OK, or a failure HRESULT.
 */
STDAPI PrjGetVirtualizationInstanceInfo(_In_ PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                                        _Out_ PRJ_VIRTUALIZATION_INSTANCE_INFO *virtualizationInstanceInfo);

/* ======================================================================== */
/* Placeholders and files                                                   */
/* ======================================================================== */

typedef enum PRJ_PLACEHOLDER_ID {
    PRJ_PLACEHOLDER_ID_LENGTH = 128
} PRJ_PLACEHOLDER_ID;

/*
 * Two opaque blobs the provider stores on each placeholder and gets back in
 * PRJ_CALLBACK_DATA.VersionInfo: which provider (or format) wrote it, and
 * which version of the content it describes.
 */
typedef struct PRJ_PLACEHOLDER_VERSION_INFO {
    UINT8 ProviderID[PRJ_PLACEHOLDER_ID_LENGTH];
    UINT8 ContentID[PRJ_PLACEHOLDER_ID_LENGTH];
} PRJ_PLACEHOLDER_VERSION_INFO;

/**
 * Marks a directory as a virtualization root, or turns a directory under a
 * root into a directory placeholder.
 *
 * With targetPathName NULL or L"", rootPathName (an existing directory)
 * becomes a virtualization root stamped with virtualizationInstanceID; this
 * is done once, before the first PrjStartVirtualizing. With targetPathName
 * given (a full path), that existing directory under the root becomes a
 * placeholder; its current children are kept.
 *
 * @param rootPathName full path of the virtualization root.
 * @param targetPathName NULL/L"" to mark the root, else the directory to mark.
 * @param versionInfo optional; NULL means all zeros.
 * @param virtualizationInstanceID the instance GUID.
 * @return S_OK; HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED) when the
 *         target already carries a reparse point (for instance it is already
 *         marked); HRESULT_FROM_WIN32(ERROR_DIRECTORY) when the target is not
 *         a directory; E_INVALIDARG for an unusable path.
 */
STDAPI PrjMarkDirectoryAsPlaceholder(_In_ PCWSTR rootPathName,
                                     _In_opt_ PCWSTR targetPathName,
                                     _In_opt_ const PRJ_PLACEHOLDER_VERSION_INFO *versionInfo,
                                     _In_ const GUID *virtualizationInstanceID);

/*
 * Basic metadata of a file or directory. Times are 100 ns ticks since
 * 1601-01-01 UTC; a zero time means "now". FileSize should be 0 for
 * directories. FILE_ATTRIBUTE_DIRECTORY is taken from IsDirectory, whatever
 * FileAttributes says; every other attribute bit is kept as given.
 */
typedef struct PRJ_FILE_BASIC_INFO {
    BOOLEAN IsDirectory;
    INT64 FileSize;
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    UINT32 FileAttributes;
} PRJ_FILE_BASIC_INFO;

/*
 * Everything needed to create a placeholder. The three optional sections
 * (extended attributes, a security descriptor, alternate stream information)
 * live in VariableData, at offsets counted from the start of the structure;
 * a section that is not supplied has its size set to 0. The buffer passed
 * with it must be at least sizeof(PRJ_PLACEHOLDER_INFO) bytes.
 */
typedef struct PRJ_PLACEHOLDER_INFO {
    PRJ_FILE_BASIC_INFO FileBasicInfo;
    struct {
        UINT32 EaBufferSize;
        UINT32 OffsetToFirstEa;
    } EaInformation;
    struct {
        UINT32 SecurityBufferSize;
        UINT32 OffsetToSecurityDescriptor;
    } SecurityInformation;
    struct {
        UINT32 StreamsInfoBufferSize;
        UINT32 OffsetToFirstStreamInfo;
    } StreamsInformation;
    PRJ_PLACEHOLDER_VERSION_INFO VersionInfo;
    UINT8 VariableData[1];
} PRJ_PLACEHOLDER_INFO;

/**
 * Creates a placeholder on disk for an item the provider projects.
 *
 * Usually called from PRJ_GET_PLACEHOLDER_INFO_CB, but may also be called at
 * any other time. Inside that callback the name must equal the requested
 * FilePathName under PrjFileNameCompare; the placeholder takes the
 * provider's spelling of the name.
 *
 * @param namespaceVirtualizationContext the handle from PrjStartVirtualizing.
 * @param destinationFileName path relative to the virtualization root.
 * @param placeholderInfo metadata and version of the item.
 * @param placeholderInfoSize size of the buffer at placeholderInfo.
 * @return S_OK; E_INVALIDARG for an empty path;
 *         HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER) when
 *         placeholderInfoSize is below sizeof(PRJ_PLACEHOLDER_INFO); other
 *         failures, which a callback may return as its own result.
 */
STDAPI PrjWritePlaceholderInfo(_In_ PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                               _In_ PCWSTR destinationFileName,
                               _In_reads_bytes_(placeholderInfoSize) const PRJ_PLACEHOLDER_INFO *placeholderInfo,
                               _In_ UINT32 placeholderInfoSize);

/**
 * PrjWritePlaceholderInfo with extended information (Windows 10 2004+):
 * a PRJ_EXT_INFO_TYPE_SYMLINK ExtendedInfo makes the placeholder a symbolic
 * link. With ExtendedInfo NULL it is exactly PrjWritePlaceholderInfo.
 *
 * @return everything PrjWritePlaceholderInfo returns, plus
 *         HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED) when the volume cannot hold
 *         symbolic link placeholders (on Windows: anything but NTFS).
 */
STDAPI PrjWritePlaceholderInfo2(_In_ PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                                _In_ PCWSTR destinationFileName,
                                _In_reads_bytes_(placeholderInfoSize) const PRJ_PLACEHOLDER_INFO *placeholderInfo,
                                _In_ UINT32 placeholderInfoSize,
                                _In_opt_ const PRJ_EXTENDED_INFO *ExtendedInfo);

/*
 * Which on-disk states PrjUpdateFileIfNeeded and PrjDeleteFile may overwrite.
 * With NONE only placeholders (hydrated or not) are touched; each ALLOW_
 * bit adds one more state: a dirty placeholder, a full file, a tombstone, or
 * an item with the read-only attribute.
 */
typedef enum PRJ_UPDATE_TYPES {
    PRJ_UPDATE_NONE = 0x00000000,
    PRJ_UPDATE_ALLOW_DIRTY_METADATA = 0x00000001,
    PRJ_UPDATE_ALLOW_DIRTY_DATA = 0x00000002,
    PRJ_UPDATE_ALLOW_TOMBSTONE = 0x00000004,
    PRJ_UPDATE_RESERVED1 = 0x00000008,
    PRJ_UPDATE_RESERVED2 = 0x00000010,
    PRJ_UPDATE_ALLOW_READ_ONLY = 0x00000020,
    PRJ_UPDATE_MAX_VAL = (PRJ_UPDATE_ALLOW_READ_ONLY << 1)
} PRJ_UPDATE_TYPES;

DEFINE_ENUM_FLAG_OPERATORS(PRJ_UPDATE_TYPES);

/* Why PrjUpdateFileIfNeeded or PrjDeleteFile refused: the state in the way. */
typedef enum PRJ_UPDATE_FAILURE_CAUSES {
    PRJ_UPDATE_FAILURE_CAUSE_NONE = 0x00000000,
    PRJ_UPDATE_FAILURE_CAUSE_DIRTY_METADATA = 0x00000001,
    PRJ_UPDATE_FAILURE_CAUSE_DIRTY_DATA = 0x00000002,
    PRJ_UPDATE_FAILURE_CAUSE_TOMBSTONE = 0x00000004,
    PRJ_UPDATE_FAILURE_CAUSE_READ_ONLY = 0x00000008,
} PRJ_UPDATE_FAILURE_CAUSES;

DEFINE_ENUM_FLAG_OPERATORS(PRJ_UPDATE_FAILURE_CAUSES);

/**
 * Replaces the metadata and version of an item that is on disk, when its
 * state allows it. On success the item is a plain placeholder again: local
 * metadata changes and any cached or modified content are discarded.
 *
 * @param namespaceVirtualizationContext the handle from PrjStartVirtualizing.
 * @param destinationFileName path relative to the virtualization root.
 * @param placeholderInfo the new metadata and version.
 * @param placeholderInfoSize size of the buffer at placeholderInfo.
 * @param updateFlags which states may be overwritten (PRJ_UPDATE_TYPES).
 * @param failureReason optional; receives the blocking state on refusal.
 * @return S_OK;
 *         HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION)
 *         when updateFlags do not allow the item's state (*failureReason
 *         says why); HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND) when the item
 *         is not on disk, including when it is still virtual;
 *         HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND) when a parent is missing;
 *         HRESULT_FROM_WIN32(ERROR_DIR_NOT_EMPTY) for a non-empty directory;
 *         E_INVALIDARG for an empty path; E_OUTOFMEMORY.
 */
STDAPI PrjUpdateFileIfNeeded(_In_ PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                             _In_ PCWSTR destinationFileName,
                             _In_reads_bytes_(placeholderInfoSize) const PRJ_PLACEHOLDER_INFO *placeholderInfo,
                             _In_ UINT32 placeholderInfoSize,
                             _In_opt_ PRJ_UPDATE_TYPES updateFlags,
                             _Out_opt_ PRJ_UPDATE_FAILURE_CAUSES *failureReason);

/**
 * Removes an item the provider no longer wants cached on disk, when its state
 * allows it. If the provider still projects the item it becomes virtual
 * again; no tombstone is left. Not for items that are still virtual.
 *
 * @param namespaceVirtualizationContext the handle from PrjStartVirtualizing.
 * @param destinationFileName path relative to the virtualization root.
 * @param updateFlags which states may be deleted (PRJ_UPDATE_TYPES).
 * @param failureReason optional; receives the blocking state on refusal.
 * @return the same results as PrjUpdateFileIfNeeded, including
 *         ERROR_FILE_SYSTEM_VIRTUALIZATION_INVALID_OPERATION with a cause, and
 *         ERROR_DIR_NOT_EMPTY for a directory that holds anything but
 *         tombstones.
 */
STDAPI PrjDeleteFile(_In_ PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                     _In_ PCWSTR destinationFileName,
                     _In_opt_ PRJ_UPDATE_TYPES updateFlags,
                     _Out_opt_ PRJ_UPDATE_FAILURE_CAUSES *failureReason);

/**
 * Supplies file content for an outstanding PRJ_GET_FILE_DATA_CB request.
 *
 * May be called several times, piece by piece, during the callback or after
 * it returned ERROR_IO_PENDING, until the command is completed.
 *
 * @param namespaceVirtualizationContext the handle from PrjStartVirtualizing.
 * @param dataStreamId the request's PRJ_CALLBACK_DATA.DataStreamId.
 * @param buffer the bytes; best allocated with PrjAllocateAlignedBuffer.
 * @param byteOffset where in the file the bytes go.
 * @param length how many bytes.
 * @return S_OK; E_INVALIDARG when buffer is NULL, length is 0 or byteOffset
 *         is past the end of the file; E_HANDLE when dataStreamId belongs to
 *         no file waiting for data (for instance its reader already closed
 *         the handle); HRESULT_FROM_WIN32(ERROR_OFFSET_ALIGNMENT_VIOLATION)
 *         when the reader uses unbuffered I/O and byteOffset or length are
 *         not aligned to WriteAlignment; E_OUTOFMEMORY.
 */
STDAPI PrjWriteFileData(_In_ PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                        _In_ const GUID *dataStreamId,
                        _In_reads_bytes_(length) void *buffer,
                        _In_ UINT64 byteOffset,
                        _In_ UINT32 length);

/*
 * The on-disk state of an item. FULL and TOMBSTONE stand alone; the
 * placeholder bits combine, e.g. PLACEHOLDER|HYDRATED_PLACEHOLDER for a
 * placeholder whose content has been read.
 */
typedef enum PRJ_FILE_STATE {
    PRJ_FILE_STATE_PLACEHOLDER = 0x00000001,
    PRJ_FILE_STATE_HYDRATED_PLACEHOLDER = 0x00000002,
    PRJ_FILE_STATE_DIRTY_PLACEHOLDER = 0x00000004,
    PRJ_FILE_STATE_FULL = 0x00000008,
    PRJ_FILE_STATE_TOMBSTONE = 0x00000010,
} PRJ_FILE_STATE;

DEFINE_ENUM_FLAG_OPERATORS(PRJ_FILE_STATE);

/**
 * Reports the on-disk state of an item. Takes a full path and no instance
 * handle. It never reports an item as virtual. Calling it from a running
 * provider on its own root can re-enter that provider's callbacks.
 *
 * @param destinationFileName full path of the item.
 * @param fileState receives the PRJ_FILE_STATE bits.
 * @return S_OK; HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND) when the item does
 *         not exist; HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND) when a parent
 *         does not exist.
 */
STDAPI PrjGetOnDiskFileState(_In_ PCWSTR destinationFileName, _Out_ PRJ_FILE_STATE *fileState);

/**
 * Allocates a buffer aligned as the instance's storage requires, for use
 * with PrjWriteFileData. Free it with PrjFreeAlignedBuffer.
 *
 * @param namespaceVirtualizationContext the handle from PrjStartVirtualizing.
 * @param size size of the buffer in bytes.
 * @return the buffer, or NULL when it cannot be allocated.
 */
STDAPI_(void *) PrjAllocateAlignedBuffer(_In_ PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                                         _In_ size_t size);

/**
 * Frees a buffer from PrjAllocateAlignedBuffer. Returns nothing.
 *
 * @param buffer the buffer.
 */
STDAPI_(void) PrjFreeAlignedBuffer(_In_ void *buffer);

/* ======================================================================== */
/* Callbacks                                                                */
/* ======================================================================== */

/* Flags of a directory enumeration request (PRJ_GET_DIRECTORY_ENUMERATION_CB). */
typedef enum PRJ_CALLBACK_DATA_FLAGS {
    /* Start again from the first entry, possibly with a new search expression. */
    PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN = 0x00000001,
    /* Return at most one entry. */
    PRJ_CB_DATA_FLAG_ENUM_RETURN_SINGLE_ENTRY = 0x00000002
} PRJ_CALLBACK_DATA_FLAGS;

/*
 * What every callback receives. It and everything it points to are valid
 * only while the callback runs; a provider that pends must copy what it
 * needs. A provider must not read past Size bytes.
 *
 *   CommandId       identifies this callback call (for PrjCompleteCommand
 *                   and PRJ_CANCEL_COMMAND_CB).
 *   FileId          identifies the file handle that caused the call.
 *   DataStreamId    identifies the data stream (for PrjWriteFileData).
 *   FilePathName    path relative to the virtualization root, L"" for it.
 *   VersionInfo     the item's stored version info; may be NULL.
 *   TriggeringProcessId / TriggeringProcessImageFileName
 *                   the process whose I/O caused the call; 0 and NULL when
 *                   unknown.
 *   InstanceContext the instanceContext given to PrjStartVirtualizing.
 */
typedef struct PRJ_CALLBACK_DATA {
    UINT32 Size;
    PRJ_CALLBACK_DATA_FLAGS Flags;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT NamespaceVirtualizationContext;
    INT32 CommandId;
    GUID FileId;
    GUID DataStreamId;
    PCWSTR FilePathName;
    PRJ_PLACEHOLDER_VERSION_INFO *VersionInfo;
    UINT32 TriggeringProcessId;
    PCWSTR TriggeringProcessImageFileName;
    void *InstanceContext;
} PRJ_CALLBACK_DATA;

/*
 * The callback types are function types, as in the SDK: providers declare
 * `PRJ_GET_FILE_DATA_CB MyGetFileData;` and PRJ_CALLBACKS holds pointers.
 * Every callback except PRJ_CANCEL_COMMAND_CB may return
 * HRESULT_FROM_WIN32(ERROR_IO_PENDING) and finish later with
 * PrjCompleteCommand.
 */

/*
 * A directory enumeration session begins, on the root or a placeholder
 * directory (FilePathName). enumerationId names the session in the Get and End
 * calls that follow. When it fails, End is not called for that session.
 */
typedef _Function_class_(PRJ_START_DIRECTORY_ENUMERATION_CB)
HRESULT(CALLBACK PRJ_START_DIRECTORY_ENUMERATION_CB)(_In_ const PRJ_CALLBACK_DATA *callbackData,
                                                      _In_ const GUID *enumerationId);

/*
 * Fill dirEntryBufferHandle with the next entries, in PrjFileNameCompare
 * order, matching searchExpression (PrjFileNameMatch; L"*" when the caller
 * gave no filter), continuing where the previous call stopped unless
 * callbackData->Flags has RESTART_SCAN. Return S_OK once at least one entry
 * was added or none remain, and HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER)
 * only when the very first entry does not fit.
 */
typedef _Function_class_(PRJ_GET_DIRECTORY_ENUMERATION_CB)
HRESULT(CALLBACK PRJ_GET_DIRECTORY_ENUMERATION_CB)(_In_ const PRJ_CALLBACK_DATA *callbackData,
                                                    _In_ const GUID *enumerationId,
                                                    _In_opt_ PCWSTR searchExpression,
                                                    _In_ PRJ_DIR_ENTRY_BUFFER_HANDLE dirEntryBufferHandle);

/* The enumeration session ends. Return S_OK (or ERROR_IO_PENDING). */
typedef _Function_class_(PRJ_END_DIRECTORY_ENUMERATION_CB)
HRESULT(CALLBACK PRJ_END_DIRECTORY_ENUMERATION_CB)(_In_ const PRJ_CALLBACK_DATA *callbackData,
                                                    _In_ const GUID *enumerationId);

/*
 * Something opened or created FilePathName, which is not on disk yet. If the
 * provider has it, it calls PrjWritePlaceholderInfo(2) and returns S_OK; if
 * not, it returns HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND). Any other failure
 * fails the open. VersionInfo is the parent directory's.
 */
typedef _Function_class_(PRJ_GET_PLACEHOLDER_INFO_CB)
HRESULT(CALLBACK PRJ_GET_PLACEHOLDER_INFO_CB)(_In_ const PRJ_CALLBACK_DATA *callbackData);

/*
 * A placeholder file's content is needed. Write at least length bytes
 * starting at or before byteOffset with PrjWriteFileData, using
 * DataStreamId. FilePathName is the name the placeholder was created with
 * (not a later rename). A failure fails the read that caused the call.
 */
typedef _Function_class_(PRJ_GET_FILE_DATA_CB)
HRESULT(CALLBACK PRJ_GET_FILE_DATA_CB)(_In_ const PRJ_CALLBACK_DATA *callbackData,
                                        _In_ UINT64 byteOffset,
                                        _In_ UINT32 length);

/*
 * Optional. Does the provider still have FilePathName? Return S_OK or
 * HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND). Without it ProjFS finds out by
 * enumerating.
 */
typedef _Function_class_(PRJ_QUERY_FILE_NAME_CB)
HRESULT(CALLBACK PRJ_QUERY_FILE_NAME_CB)(_In_ const PRJ_CALLBACK_DATA *callbackData);

/*
 * Notification parameters. PostCreate (FILE_OPENED, NEW_FILE_CREATED,
 * FILE_OVERWRITTEN) and FileRenamed (FILE_RENAMED) let the provider set a new
 * notification mask for the file; FileDeletedOnHandleClose tells whether the
 * file was modified through the handle being closed.
 */
typedef union PRJ_NOTIFICATION_PARAMETERS {
    struct {
        PRJ_NOTIFY_TYPES NotificationMask;
    } PostCreate;
    struct {
        PRJ_NOTIFY_TYPES NotificationMask;
    } FileRenamed;
    struct {
        BOOLEAN IsFileModified;
    } FileDeletedOnHandleClose;
} PRJ_NOTIFICATION_PARAMETERS;

/*
 * Optional. Something happened, or is about to happen, to FilePathName.
 * destinationFileName is the other name of a rename or hard link (L"" when
 * it lies outside the instance). A failure returned for a PRE_ notification
 * or FILE_OPENED refuses the operation; for the others it changes nothing.
 */
typedef _Function_class_(PRJ_NOTIFICATION_CB)
HRESULT(CALLBACK PRJ_NOTIFICATION_CB)(_In_ const PRJ_CALLBACK_DATA *callbackData,
                                       _In_ BOOLEAN isDirectory,
                                       _In_ PRJ_NOTIFICATION notification,
                                       _In_opt_ PCWSTR destinationFileName,
                                       _Inout_ PRJ_NOTIFICATION_PARAMETERS *operationParameters);

/*
 * Optional. The I/O behind the pended callback callbackData->CommandId was
 * cancelled. Only sent after that callback was called; with several worker
 * threads the two can overlap.
 */
typedef _Function_class_(PRJ_CANCEL_COMMAND_CB)
VOID(CALLBACK PRJ_CANCEL_COMMAND_CB)(_In_ const PRJ_CALLBACK_DATA *callbackData);

/*
 * The provider's callbacks, in SDK order. The first five are required; the
 * last three may be NULL.
 */
struct PRJ_CALLBACKS {
    PRJ_START_DIRECTORY_ENUMERATION_CB *StartDirectoryEnumerationCallback;
    PRJ_END_DIRECTORY_ENUMERATION_CB *EndDirectoryEnumerationCallback;
    PRJ_GET_DIRECTORY_ENUMERATION_CB *GetDirectoryEnumerationCallback;
    PRJ_GET_PLACEHOLDER_INFO_CB *GetPlaceholderInfoCallback;
    PRJ_GET_FILE_DATA_CB *GetFileDataCallback;
    PRJ_QUERY_FILE_NAME_CB *QueryFileNameCallback;
    PRJ_NOTIFICATION_CB *NotificationCallback;
    PRJ_CANCEL_COMMAND_CB *CancelCommandCallback;
};

typedef enum PRJ_COMPLETE_COMMAND_TYPE {
    PRJ_COMPLETE_COMMAND_TYPE_NOTIFICATION = 1,
    PRJ_COMPLETE_COMMAND_TYPE_ENUMERATION = 2
} PRJ_COMPLETE_COMMAND_TYPE;

/*
 * Extra data for PrjCompleteCommand: a new notification mask when completing
 * a notification, or the original buffer handle when completing a directory
 * enumeration.
 */
typedef struct PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS {
    PRJ_COMPLETE_COMMAND_TYPE CommandType;
    PRJSIM_WIN_EXTENSION union {
        struct {
            PRJ_NOTIFY_TYPES NotificationMask;
        } Notification;
        struct {
            PRJ_DIR_ENTRY_BUFFER_HANDLE DirEntryBufferHandle;
        } Enumeration;
    } DUMMYUNIONNAME;
} PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS;

/**
 * Finishes a callback that returned HRESULT_FROM_WIN32(ERROR_IO_PENDING).
 *
 * @param namespaceVirtualizationContext the handle from PrjStartVirtualizing.
 * @param commandId the pended call's PRJ_CALLBACK_DATA.CommandId.
 * @param completionResult the callback's final result, treated as if the
 *        callback had returned it.
 * @param extendedParameters required for a directory enumeration (type
 *        ENUMERATION and the original buffer handle), optional for a
 *        notification (type NOTIFICATION and a new mask), otherwise NULL.
 * @return S_OK, also for a command already cancelled (then nothing happens);
 *         E_INVALIDARG when commandId is not a pended call or the extended
 *         parameters are invalid.
 */
STDAPI PrjCompleteCommand(_In_ PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                          _In_ INT32 commandId,
                          _In_ HRESULT completionResult,
                          _In_opt_ PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS *extendedParameters);

/* ======================================================================== */
/* Directory enumeration helpers                                            */
/* ======================================================================== */

/**
 * Adds one entry to a directory enumeration buffer. Note the order: the
 * buffer handle comes last.
 *
 * @param fileName the entry's bare name (no path).
 * @param fileBasicInfo the entry's metadata.
 * @param dirEntryBufferHandle the handle given to the enumeration callback.
 * @return S_OK, or HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER) when the
 *         entry does not fit; the provider then stops adding entries and
 *         returns S_OK from its callback, or that error if this was the
 *         call's first entry.
 */
STDAPI PrjFillDirEntryBuffer(_In_ PCWSTR fileName,
                             _In_opt_ PRJ_FILE_BASIC_INFO *fileBasicInfo,
                             _In_ PRJ_DIR_ENTRY_BUFFER_HANDLE dirEntryBufferHandle);

/**
 * PrjFillDirEntryBuffer with extended information (Windows 10 2004+), for
 * entries that are symbolic links. Note the order: the handle comes first.
 *
 * @return everything PrjFillDirEntryBuffer returns, plus E_INVALIDARG when
 *         extendedInfo->InfoType is not a known PRJ_EXT_INFO_TYPE.
 */
STDAPI PrjFillDirEntryBuffer2(_In_ PRJ_DIR_ENTRY_BUFFER_HANDLE dirEntryBufferHandle,
                              _In_ PCWSTR fileName,
                              _In_opt_ PRJ_FILE_BASIC_INFO *fileBasicInfo,
                              _In_opt_ PRJ_EXTENDED_INFO *extendedInfo);

/**
 * Matches a name against a search pattern the way the file system does in
 * directory enumeration: case-insensitive, with the wildcards * and ? and the
 * DOS wildcards < > and ". Both strings are at most MAX_PATH characters.
 *
 * @return TRUE when fileNameToCheck matches pattern, else FALSE.
 */
STDAPI_(BOOLEAN) PrjFileNameMatch(_In_ PCWSTR fileNameToCheck, _In_ PCWSTR pattern);

/**
 * Compares two file names in the file system's (case-insensitive) collation
 * order: the order of enumeration results, and the test for "same name".
 *
 * @return less than 0, 0, or greater than 0, as fileName1 sorts before,
 *         equal to, or after fileName2.
 */
STDAPI_(int) PrjFileNameCompare(_In_ PCWSTR fileName1, _In_ PCWSTR fileName2);

/**
 * Tells whether a name contains any wildcard: * ? < > or ".
 *
 * @return TRUE if it does, else FALSE.
 */
STDAPI_(BOOLEAN) PrjDoesNameContainWildCards(_In_ LPCWSTR fileName);

/* ======================================================================== */
/* Checks: values and layout must stay those of the Windows SDK             */
/* ======================================================================== */

#define PRJSIM__PRJ_VALUE(name, value) \
    PRJSIM_STATIC_ASSERT(PRJSIM_WIN_CAST(uint32_t, name) == value##u, #name " must be " #value)

PRJSIM__PRJ_VALUE(PRJ_NOTIFY_NONE, 0x00000000);
PRJSIM__PRJ_VALUE(PRJ_NOTIFY_SUPPRESS_NOTIFICATIONS, 0x00000001);
PRJSIM__PRJ_VALUE(PRJ_NOTIFY_FILE_OPENED, 0x00000002);
PRJSIM__PRJ_VALUE(PRJ_NOTIFY_NEW_FILE_CREATED, 0x00000004);
PRJSIM__PRJ_VALUE(PRJ_NOTIFY_FILE_OVERWRITTEN, 0x00000008);
PRJSIM__PRJ_VALUE(PRJ_NOTIFY_PRE_DELETE, 0x00000010);
PRJSIM__PRJ_VALUE(PRJ_NOTIFY_PRE_RENAME, 0x00000020);
PRJSIM__PRJ_VALUE(PRJ_NOTIFY_PRE_SET_HARDLINK, 0x00000040);
PRJSIM__PRJ_VALUE(PRJ_NOTIFY_FILE_RENAMED, 0x00000080);
PRJSIM__PRJ_VALUE(PRJ_NOTIFY_HARDLINK_CREATED, 0x00000100);
PRJSIM__PRJ_VALUE(PRJ_NOTIFY_FILE_HANDLE_CLOSED_NO_MODIFICATION, 0x00000200);
PRJSIM__PRJ_VALUE(PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_MODIFIED, 0x00000400);
PRJSIM__PRJ_VALUE(PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_DELETED, 0x00000800);
PRJSIM__PRJ_VALUE(PRJ_NOTIFY_FILE_PRE_CONVERT_TO_FULL, 0x00001000);
PRJSIM__PRJ_VALUE(PRJ_NOTIFY_USE_EXISTING_MASK, 0xFFFFFFFF);

PRJSIM__PRJ_VALUE(PRJ_NOTIFICATION_FILE_OPENED, 0x00000002);
PRJSIM__PRJ_VALUE(PRJ_NOTIFICATION_NEW_FILE_CREATED, 0x00000004);
PRJSIM__PRJ_VALUE(PRJ_NOTIFICATION_FILE_OVERWRITTEN, 0x00000008);
PRJSIM__PRJ_VALUE(PRJ_NOTIFICATION_PRE_DELETE, 0x00000010);
PRJSIM__PRJ_VALUE(PRJ_NOTIFICATION_PRE_RENAME, 0x00000020);
PRJSIM__PRJ_VALUE(PRJ_NOTIFICATION_PRE_SET_HARDLINK, 0x00000040);
PRJSIM__PRJ_VALUE(PRJ_NOTIFICATION_FILE_RENAMED, 0x00000080);
PRJSIM__PRJ_VALUE(PRJ_NOTIFICATION_HARDLINK_CREATED, 0x00000100);
PRJSIM__PRJ_VALUE(PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_NO_MODIFICATION, 0x00000200);
PRJSIM__PRJ_VALUE(PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_MODIFIED, 0x00000400);
PRJSIM__PRJ_VALUE(PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_DELETED, 0x00000800);
PRJSIM__PRJ_VALUE(PRJ_NOTIFICATION_FILE_PRE_CONVERT_TO_FULL, 0x00001000);

PRJSIM__PRJ_VALUE(PRJ_EXT_INFO_TYPE_SYMLINK, 1);

PRJSIM__PRJ_VALUE(PRJ_FLAG_NONE, 0x00000000);
PRJSIM__PRJ_VALUE(PRJ_FLAG_USE_NEGATIVE_PATH_CACHE, 0x00000001);

PRJSIM__PRJ_VALUE(PRJ_PLACEHOLDER_ID_LENGTH, 128);

PRJSIM__PRJ_VALUE(PRJ_UPDATE_NONE, 0x00000000);
PRJSIM__PRJ_VALUE(PRJ_UPDATE_ALLOW_DIRTY_METADATA, 0x00000001);
PRJSIM__PRJ_VALUE(PRJ_UPDATE_ALLOW_DIRTY_DATA, 0x00000002);
PRJSIM__PRJ_VALUE(PRJ_UPDATE_ALLOW_TOMBSTONE, 0x00000004);
PRJSIM__PRJ_VALUE(PRJ_UPDATE_RESERVED1, 0x00000008);
PRJSIM__PRJ_VALUE(PRJ_UPDATE_RESERVED2, 0x00000010);
PRJSIM__PRJ_VALUE(PRJ_UPDATE_ALLOW_READ_ONLY, 0x00000020);
PRJSIM__PRJ_VALUE(PRJ_UPDATE_MAX_VAL, 0x00000040);

PRJSIM__PRJ_VALUE(PRJ_UPDATE_FAILURE_CAUSE_NONE, 0x00000000);
PRJSIM__PRJ_VALUE(PRJ_UPDATE_FAILURE_CAUSE_DIRTY_METADATA, 0x00000001);
PRJSIM__PRJ_VALUE(PRJ_UPDATE_FAILURE_CAUSE_DIRTY_DATA, 0x00000002);
PRJSIM__PRJ_VALUE(PRJ_UPDATE_FAILURE_CAUSE_TOMBSTONE, 0x00000004);
PRJSIM__PRJ_VALUE(PRJ_UPDATE_FAILURE_CAUSE_READ_ONLY, 0x00000008);

PRJSIM__PRJ_VALUE(PRJ_FILE_STATE_PLACEHOLDER, 0x00000001);
PRJSIM__PRJ_VALUE(PRJ_FILE_STATE_HYDRATED_PLACEHOLDER, 0x00000002);
PRJSIM__PRJ_VALUE(PRJ_FILE_STATE_DIRTY_PLACEHOLDER, 0x00000004);
PRJSIM__PRJ_VALUE(PRJ_FILE_STATE_FULL, 0x00000008);
PRJSIM__PRJ_VALUE(PRJ_FILE_STATE_TOMBSTONE, 0x00000010);

PRJSIM__PRJ_VALUE(PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN, 0x00000001);
PRJSIM__PRJ_VALUE(PRJ_CB_DATA_FLAG_ENUM_RETURN_SINGLE_ENTRY, 0x00000002);

PRJSIM__PRJ_VALUE(PRJ_COMPLETE_COMMAND_TYPE_NOTIFICATION, 1);
PRJSIM__PRJ_VALUE(PRJ_COMPLETE_COMMAND_TYPE_ENUMERATION, 2);

#undef PRJSIM__PRJ_VALUE

/* Every enum is 32 bits wide, as on Windows. */
PRJSIM_STATIC_ASSERT(sizeof(PRJ_NOTIFY_TYPES) == 4 && sizeof(PRJ_NOTIFICATION) == 4 &&
                         sizeof(PRJ_EXT_INFO_TYPE) == 4 && sizeof(PRJ_STARTVIRTUALIZING_FLAGS) == 4 &&
                         sizeof(PRJ_PLACEHOLDER_ID) == 4 && sizeof(PRJ_UPDATE_TYPES) == 4 &&
                         sizeof(PRJ_UPDATE_FAILURE_CAUSES) == 4 && sizeof(PRJ_FILE_STATE) == 4 &&
                         sizeof(PRJ_CALLBACK_DATA_FLAGS) == 4 && sizeof(PRJ_COMPLETE_COMMAND_TYPE) == 4,
                     "ProjFS enums are 32-bit");

/* Structure sizes and offsets of the SDK on x64, which every LP64 target shares. */
#if defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 8

#define PRJSIM__PRJ_LAYOUT(type, member, offset) \
    PRJSIM_STATIC_ASSERT(offsetof(type, member) == (offset), #type "." #member " must be at " #offset)
#define PRJSIM__PRJ_SIZE(type, size) PRJSIM_STATIC_ASSERT(sizeof(type) == (size), #type " must be " #size " bytes")

PRJSIM__PRJ_SIZE(PRJ_EXTENDED_INFO, 16);
PRJSIM__PRJ_LAYOUT(PRJ_EXTENDED_INFO, InfoType, 0);
PRJSIM__PRJ_LAYOUT(PRJ_EXTENDED_INFO, NextInfoOffset, 4);

PRJSIM__PRJ_SIZE(PRJ_NOTIFICATION_MAPPING, 16);
PRJSIM__PRJ_LAYOUT(PRJ_NOTIFICATION_MAPPING, NotificationBitMask, 0);
PRJSIM__PRJ_LAYOUT(PRJ_NOTIFICATION_MAPPING, NotificationRoot, 8);

PRJSIM__PRJ_SIZE(PRJ_STARTVIRTUALIZING_OPTIONS, 32);
PRJSIM__PRJ_LAYOUT(PRJ_STARTVIRTUALIZING_OPTIONS, Flags, 0);
PRJSIM__PRJ_LAYOUT(PRJ_STARTVIRTUALIZING_OPTIONS, PoolThreadCount, 4);
PRJSIM__PRJ_LAYOUT(PRJ_STARTVIRTUALIZING_OPTIONS, ConcurrentThreadCount, 8);
PRJSIM__PRJ_LAYOUT(PRJ_STARTVIRTUALIZING_OPTIONS, NotificationMappings, 16);
PRJSIM__PRJ_LAYOUT(PRJ_STARTVIRTUALIZING_OPTIONS, NotificationMappingsCount, 24);

PRJSIM__PRJ_SIZE(PRJ_VIRTUALIZATION_INSTANCE_INFO, 20);
PRJSIM__PRJ_LAYOUT(PRJ_VIRTUALIZATION_INSTANCE_INFO, InstanceID, 0);
PRJSIM__PRJ_LAYOUT(PRJ_VIRTUALIZATION_INSTANCE_INFO, WriteAlignment, 16);

PRJSIM__PRJ_SIZE(PRJ_PLACEHOLDER_VERSION_INFO, 256);
PRJSIM__PRJ_LAYOUT(PRJ_PLACEHOLDER_VERSION_INFO, ProviderID, 0);
PRJSIM__PRJ_LAYOUT(PRJ_PLACEHOLDER_VERSION_INFO, ContentID, 128);

PRJSIM__PRJ_SIZE(PRJ_FILE_BASIC_INFO, 56);
PRJSIM__PRJ_LAYOUT(PRJ_FILE_BASIC_INFO, IsDirectory, 0);
PRJSIM__PRJ_LAYOUT(PRJ_FILE_BASIC_INFO, FileSize, 8);
PRJSIM__PRJ_LAYOUT(PRJ_FILE_BASIC_INFO, CreationTime, 16);
PRJSIM__PRJ_LAYOUT(PRJ_FILE_BASIC_INFO, LastAccessTime, 24);
PRJSIM__PRJ_LAYOUT(PRJ_FILE_BASIC_INFO, LastWriteTime, 32);
PRJSIM__PRJ_LAYOUT(PRJ_FILE_BASIC_INFO, ChangeTime, 40);
PRJSIM__PRJ_LAYOUT(PRJ_FILE_BASIC_INFO, FileAttributes, 48);

PRJSIM__PRJ_SIZE(PRJ_PLACEHOLDER_INFO, 344);
PRJSIM__PRJ_LAYOUT(PRJ_PLACEHOLDER_INFO, FileBasicInfo, 0);
PRJSIM__PRJ_LAYOUT(PRJ_PLACEHOLDER_INFO, EaInformation.EaBufferSize, 56);
PRJSIM__PRJ_LAYOUT(PRJ_PLACEHOLDER_INFO, EaInformation.OffsetToFirstEa, 60);
PRJSIM__PRJ_LAYOUT(PRJ_PLACEHOLDER_INFO, SecurityInformation.SecurityBufferSize, 64);
PRJSIM__PRJ_LAYOUT(PRJ_PLACEHOLDER_INFO, SecurityInformation.OffsetToSecurityDescriptor, 68);
PRJSIM__PRJ_LAYOUT(PRJ_PLACEHOLDER_INFO, StreamsInformation.StreamsInfoBufferSize, 72);
PRJSIM__PRJ_LAYOUT(PRJ_PLACEHOLDER_INFO, StreamsInformation.OffsetToFirstStreamInfo, 76);
PRJSIM__PRJ_LAYOUT(PRJ_PLACEHOLDER_INFO, VersionInfo, 80);
PRJSIM__PRJ_LAYOUT(PRJ_PLACEHOLDER_INFO, VariableData, 336);

PRJSIM__PRJ_SIZE(PRJ_CALLBACK_DATA, 96);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACK_DATA, Size, 0);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACK_DATA, Flags, 4);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACK_DATA, NamespaceVirtualizationContext, 8);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACK_DATA, CommandId, 16);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACK_DATA, FileId, 20);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACK_DATA, DataStreamId, 36);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACK_DATA, FilePathName, 56);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACK_DATA, VersionInfo, 64);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACK_DATA, TriggeringProcessId, 72);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACK_DATA, TriggeringProcessImageFileName, 80);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACK_DATA, InstanceContext, 88);

PRJSIM__PRJ_SIZE(PRJ_NOTIFICATION_PARAMETERS, 4);
PRJSIM__PRJ_LAYOUT(PRJ_NOTIFICATION_PARAMETERS, PostCreate.NotificationMask, 0);
PRJSIM__PRJ_LAYOUT(PRJ_NOTIFICATION_PARAMETERS, FileRenamed.NotificationMask, 0);
PRJSIM__PRJ_LAYOUT(PRJ_NOTIFICATION_PARAMETERS, FileDeletedOnHandleClose.IsFileModified, 0);

PRJSIM__PRJ_SIZE(PRJ_CALLBACKS, 64);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACKS, StartDirectoryEnumerationCallback, 0);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACKS, EndDirectoryEnumerationCallback, 8);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACKS, GetDirectoryEnumerationCallback, 16);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACKS, GetPlaceholderInfoCallback, 24);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACKS, GetFileDataCallback, 32);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACKS, QueryFileNameCallback, 40);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACKS, NotificationCallback, 48);
PRJSIM__PRJ_LAYOUT(PRJ_CALLBACKS, CancelCommandCallback, 56);

PRJSIM__PRJ_SIZE(PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS, 16);
PRJSIM__PRJ_LAYOUT(PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS, CommandType, 0);

/* The nameless unions' members, unless NONAMELESSUNION gave the union a name. */
#ifndef NONAMELESSUNION
PRJSIM__PRJ_LAYOUT(PRJ_EXTENDED_INFO, Symlink.TargetName, 8);
PRJSIM__PRJ_LAYOUT(PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS, Notification.NotificationMask, 8);
PRJSIM__PRJ_LAYOUT(PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS, Enumeration.DirEntryBufferHandle, 8);
#endif

#undef PRJSIM__PRJ_LAYOUT
#undef PRJSIM__PRJ_SIZE

#endif /* 64-bit pointers */

#endif /* PROJECTEDFSLIB_H */
