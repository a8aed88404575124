/* SPDX-License-Identifier: MIT */
/*
 * Every Prj* function of projectedfslib.h, as a call through ProjectedFSLib.dll loaded at run
 * time (projfs_dll.h says why). Programs link this library instead of ProjectedFSLib.lib; their
 * sources call Prj* as usual.
 *
 * Microsoft documents (learn.microsoft.com):
 *  - LoadLibraryExW with LOAD_LIBRARY_SEARCH_SYSTEM32 searches only %windows%\system32, so a
 *    ProjectedFSLib.dll planted beside the program or in the working directory is never loaded;
 *    it fails with ERROR_MOD_NOT_FOUND where the DLL is absent ("libloaderapi.h,
 *    LoadLibraryExW"). The flag needs KB2533623 on Windows 7, always present on Windows 10.
 *  - GetProcAddress returns NULL (GetLastError ERROR_PROC_NOT_FOUND) for a name the DLL does not
 *    export.
 *  - ProjFS appeared in Windows 10 1809; PrjWritePlaceholderInfo2 and PrjFillDirEntryBuffer2
 *    (symbolic links) in Windows 10 2004. Those two are optional here: a DLL without them still
 *    loads, and calling them returns HRESULT_FROM_WIN32(ERROR_PROC_NOT_FOUND).
 *
 * The recording layer (conformance/recording) sits in these forwarders: PrjStartVirtualizing
 * hands the DLL the recorder's wrapped callback table when a recorder is attached, and the
 * calls the Linux layer records are recorded here the same way (also when the DLL is missing:
 * then with the forwarder's result). PRJSIM_RECORD=FILE records the whole process.
 */
#include "projfs_dll.h"
#include "recording_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef HRESULT(STDAPICALLTYPE *start_fn)(PCWSTR, const PRJ_CALLBACKS *, const void *,
                                          const PRJ_STARTVIRTUALIZING_OPTIONS *,
                                          PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT *);
typedef void(STDAPICALLTYPE *stop_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT);
typedef HRESULT(STDAPICALLTYPE *clear_cache_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, UINT32 *);
typedef HRESULT(STDAPICALLTYPE *instance_info_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT,
                                                  PRJ_VIRTUALIZATION_INSTANCE_INFO *);
typedef HRESULT(STDAPICALLTYPE *mark_fn)(PCWSTR, PCWSTR, const PRJ_PLACEHOLDER_VERSION_INFO *, const GUID *);
typedef HRESULT(STDAPICALLTYPE *placeholder_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, PCWSTR,
                                                const PRJ_PLACEHOLDER_INFO *, UINT32);
typedef HRESULT(STDAPICALLTYPE *placeholder2_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, PCWSTR,
                                                 const PRJ_PLACEHOLDER_INFO *, UINT32,
                                                 const PRJ_EXTENDED_INFO *);
typedef HRESULT(STDAPICALLTYPE *update_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, PCWSTR,
                                           const PRJ_PLACEHOLDER_INFO *, UINT32, PRJ_UPDATE_TYPES,
                                           PRJ_UPDATE_FAILURE_CAUSES *);
typedef HRESULT(STDAPICALLTYPE *delete_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, PCWSTR, PRJ_UPDATE_TYPES,
                                           PRJ_UPDATE_FAILURE_CAUSES *);
typedef HRESULT(STDAPICALLTYPE *write_data_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, const GUID *, void *,
                                               UINT64, UINT32);
typedef HRESULT(STDAPICALLTYPE *file_state_fn)(PCWSTR, PRJ_FILE_STATE *);
typedef void *(STDAPICALLTYPE *alloc_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, size_t);
typedef void(STDAPICALLTYPE *free_fn)(void *);
typedef HRESULT(STDAPICALLTYPE *complete_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, INT32, HRESULT,
                                             PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS *);
typedef HRESULT(STDAPICALLTYPE *fill_fn)(PCWSTR, PRJ_FILE_BASIC_INFO *, PRJ_DIR_ENTRY_BUFFER_HANDLE);
typedef HRESULT(STDAPICALLTYPE *fill2_fn)(PRJ_DIR_ENTRY_BUFFER_HANDLE, PCWSTR, PRJ_FILE_BASIC_INFO *,
                                          PRJ_EXTENDED_INFO *);
typedef BOOLEAN(STDAPICALLTYPE *match_fn)(PCWSTR, PCWSTR);
typedef int(STDAPICALLTYPE *compare_fn)(PCWSTR, PCWSTR);
typedef BOOLEAN(STDAPICALLTYPE *wildcards_fn)(LPCWSTR);

/* The resolved entry points; NULL until loaded, and for a function the DLL lacks. */
static struct {
    start_fn start;
    stop_fn stop;
    clear_cache_fn clear_cache;
    instance_info_fn instance_info;
    mark_fn mark;
    placeholder_fn placeholder;
    placeholder2_fn placeholder2;
    update_fn update;
    delete_fn delete_file;
    write_data_fn write_data;
    file_state_fn file_state;
    alloc_fn alloc;
    free_fn free_buffer;
    complete_fn complete;
    fill_fn fill;
    fill2_fn fill2;
    match_fn match;
    compare_fn compare;
    wildcards_fn wildcards;
} fn;

/* The export each slot comes from, and whether a DLL without it counts as "not available". */
static const struct {
    const char *name;
    void *slot;
    bool required;
} exports[] = {
    {"PrjStartVirtualizing", &fn.start, true},
    {"PrjStopVirtualizing", &fn.stop, true},
    {"PrjClearNegativePathCache", &fn.clear_cache, true},
    {"PrjGetVirtualizationInstanceInfo", &fn.instance_info, true},
    {"PrjMarkDirectoryAsPlaceholder", &fn.mark, true},
    {"PrjWritePlaceholderInfo", &fn.placeholder, true},
    {"PrjWritePlaceholderInfo2", &fn.placeholder2, false},
    {"PrjUpdateFileIfNeeded", &fn.update, true},
    {"PrjDeleteFile", &fn.delete_file, true},
    {"PrjWriteFileData", &fn.write_data, true},
    {"PrjGetOnDiskFileState", &fn.file_state, true},
    {"PrjAllocateAlignedBuffer", &fn.alloc, true},
    {"PrjFreeAlignedBuffer", &fn.free_buffer, true},
    {"PrjCompleteCommand", &fn.complete, true},
    {"PrjFillDirEntryBuffer", &fn.fill, true},
    {"PrjFillDirEntryBuffer2", &fn.fill2, false},
    {"PrjFileNameMatch", &fn.match, true},
    {"PrjFileNameCompare", &fn.compare, true},
    {"PrjDoesNameContainWildCards", &fn.wildcards, true},
};

static INIT_ONCE load_once = INIT_ONCE_STATIC_INIT;
static bool loaded;
static DWORD missing = ERROR_MOD_NOT_FOUND; /* HRESULT_FROM_WIN32 is an inline function in the SDK */
static char load_error[256];

static BOOL CALLBACK load_now(PINIT_ONCE once, PVOID param, PVOID *context)
{
    (void)once, (void)param, (void)context;
    prjsim__rec_env_start(); /* PRJSIM_RECORD: before the first Prj* call is recorded */
    HMODULE dll = LoadLibraryExW(L"ProjectedFSLib.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    if (!dll) {
        snprintf(load_error, sizeof load_error, "%s", PRJSIM_PROJFS_UNAVAILABLE_MESSAGE);
        return TRUE;
    }
    for (size_t i = 0; i < sizeof exports / sizeof exports[0]; i++) {
        FARPROC p = GetProcAddress(dll, exports[i].name);
        if (!p && exports[i].required) {
            snprintf(load_error, sizeof load_error,
                     "ProjFS is not available on this machine (ProjectedFSLib.dll has no %s: "
                     "Windows 10 1809 or later is needed)",
                     exports[i].name);
            missing = ERROR_PROC_NOT_FOUND;
            memset(&fn, 0, sizeof fn);
            return TRUE;
        }
        /* A function pointer travels through FARPROC; both are code addresses on Windows. */
        memcpy(exports[i].slot, &p, sizeof p);
    }
    loaded = true;
    return TRUE;
}

bool prjsim_projfs_load(char *why, size_t why_size)
{
    InitOnceExecuteOnce(&load_once, load_now, NULL, NULL);
    if (!loaded && why && why_size)
        snprintf(why, why_size, "%s", load_error);
    return loaded;
}

void prjsim_projfs_require(void)
{
    char why[256];
    if (!prjsim_projfs_load(why, sizeof why)) {
        fprintf(stderr, "%s\n", why);
        exit(2);
    }
}

HRESULT prjsim_projfs_missing_result(void)
{
    prjsim_projfs_load(NULL, 0);
    return HRESULT_FROM_WIN32(loaded ? ERROR_PROC_NOT_FOUND : missing);
}

/* ---- The forwarders: the SDK's declarations, implemented through the DLL ---- */

#define FORWARD(slot, call) return prjsim_projfs_load(NULL, 0) && fn.slot ? fn.slot call : prjsim_projfs_missing_result()

/* The DLL's PrjStartVirtualizing, given the recorder's table when one is attached. */
static HRESULT STDAPICALLTYPE start_through_dll(PCWSTR virtualizationRootPath, const PRJ_CALLBACKS *callbacks,
                                                const void *instanceContext,
                                                const PRJ_STARTVIRTUALIZING_OPTIONS *options,
                                                PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT *namespaceVirtualizationContext)
{
    FORWARD(start, (virtualizationRootPath, callbacks, instanceContext, options, namespaceVirtualizationContext));
}

STDAPI PrjStartVirtualizing(PCWSTR virtualizationRootPath, const PRJ_CALLBACKS *callbacks,
                            const void *instanceContext, const PRJ_STARTVIRTUALIZING_OPTIONS *options,
                            PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT *namespaceVirtualizationContext)
{
    prjsim_projfs_load(NULL, 0); /* PRJSIM_RECORD attaches its recorder first */
    return prjsim__rec_start(start_through_dll, virtualizationRootPath, callbacks, instanceContext, options,
                             namespaceVirtualizationContext);
}

STDAPI_(void) PrjStopVirtualizing(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext)
{
    if (prjsim_projfs_load(NULL, 0))
        fn.stop(namespaceVirtualizationContext);
    prjsim__rec_stopped(namespaceVirtualizationContext);
}

/* The forwarded call's result, recorded by @p note (a statement using `hr_`). */
#define FORWARD_RECORDED(slot, call, note)                                                        \
    HRESULT hr_ = prjsim_projfs_load(NULL, 0) && fn.slot ? fn.slot call : prjsim_projfs_missing_result(); \
    note;                                                                                          \
    return hr_

STDAPI PrjClearNegativePathCache(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                                 UINT32 *totalEntryNumber)
{
    FORWARD_RECORDED(clear_cache, (namespaceVirtualizationContext, totalEntryNumber),
                     prjsim__rec_context_call(namespaceVirtualizationContext, RAPI_CLEAR_NEGATIVE_CACHE, hr_));
}

STDAPI PrjGetVirtualizationInstanceInfo(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                                        PRJ_VIRTUALIZATION_INSTANCE_INFO *virtualizationInstanceInfo)
{
    FORWARD_RECORDED(instance_info, (namespaceVirtualizationContext, virtualizationInstanceInfo),
                     prjsim__rec_context_call(namespaceVirtualizationContext, RAPI_INSTANCE_INFO, hr_));
}

STDAPI PrjMarkDirectoryAsPlaceholder(PCWSTR rootPathName, PCWSTR targetPathName,
                                     const PRJ_PLACEHOLDER_VERSION_INFO *versionInfo,
                                     const GUID *virtualizationInstanceID)
{
    FORWARD(mark, (rootPathName, targetPathName, versionInfo, virtualizationInstanceID));
}

STDAPI PrjWritePlaceholderInfo(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                               PCWSTR destinationFileName, const PRJ_PLACEHOLDER_INFO *placeholderInfo,
                               UINT32 placeholderInfoSize)
{
    FORWARD_RECORDED(placeholder,
                     (namespaceVirtualizationContext, destinationFileName, placeholderInfo, placeholderInfoSize),
                     prjsim__rec_placeholder(namespaceVirtualizationContext, RAPI_WRITE_PLACEHOLDER,
                                             destinationFileName, placeholderInfo, placeholderInfoSize, hr_));
}

STDAPI PrjWritePlaceholderInfo2(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                                PCWSTR destinationFileName, const PRJ_PLACEHOLDER_INFO *placeholderInfo,
                                UINT32 placeholderInfoSize, const PRJ_EXTENDED_INFO *ExtendedInfo)
{
    FORWARD_RECORDED(
        placeholder2,
        (namespaceVirtualizationContext, destinationFileName, placeholderInfo, placeholderInfoSize, ExtendedInfo),
        prjsim__rec_placeholder(namespaceVirtualizationContext, RAPI_WRITE_PLACEHOLDER2, destinationFileName,
                                placeholderInfo, placeholderInfoSize, hr_));
}

STDAPI PrjUpdateFileIfNeeded(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                             PCWSTR destinationFileName, const PRJ_PLACEHOLDER_INFO *placeholderInfo,
                             UINT32 placeholderInfoSize, PRJ_UPDATE_TYPES updateFlags,
                             PRJ_UPDATE_FAILURE_CAUSES *failureReason)
{
    FORWARD_RECORDED(update,
                     (namespaceVirtualizationContext, destinationFileName, placeholderInfo, placeholderInfoSize,
                      updateFlags, failureReason),
                     prjsim__rec_placeholder(namespaceVirtualizationContext, RAPI_UPDATE, destinationFileName,
                                             placeholderInfo, placeholderInfoSize, hr_));
}

STDAPI PrjDeleteFile(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                     PCWSTR destinationFileName, PRJ_UPDATE_TYPES updateFlags,
                     PRJ_UPDATE_FAILURE_CAUSES *failureReason)
{
    FORWARD_RECORDED(delete_file, (namespaceVirtualizationContext, destinationFileName, updateFlags, failureReason),
                     prjsim__rec_placeholder(namespaceVirtualizationContext, RAPI_DELETE, destinationFileName, NULL,
                                             0, hr_));
}

STDAPI PrjWriteFileData(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                        const GUID *dataStreamId, void *buffer, UINT64 byteOffset, UINT32 length)
{
    FORWARD_RECORDED(write_data, (namespaceVirtualizationContext, dataStreamId, buffer, byteOffset, length),
                     prjsim__rec_write_data(namespaceVirtualizationContext, dataStreamId, buffer, byteOffset,
                                            length, hr_));
}

STDAPI PrjGetOnDiskFileState(PCWSTR destinationFileName, PRJ_FILE_STATE *fileState)
{
    FORWARD(file_state, (destinationFileName, fileState));
}

STDAPI_(void *) PrjAllocateAlignedBuffer(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                                         size_t size)
{
    void *p = prjsim_projfs_load(NULL, 0) ? fn.alloc(namespaceVirtualizationContext, size) : NULL;
    prjsim__rec_allocate(namespaceVirtualizationContext, size, p);
    return p;
}

STDAPI_(void) PrjFreeAlignedBuffer(void *buffer)
{
    /* Recorded before the free: once freed, another thread's allocation may reuse the address. */
    prjsim__rec_free(buffer);
    if (prjsim_projfs_load(NULL, 0))
        fn.free_buffer(buffer);
}

STDAPI PrjCompleteCommand(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext, INT32 commandId,
                          HRESULT completionResult, PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS *extendedParameters)
{
    FORWARD_RECORDED(complete, (namespaceVirtualizationContext, commandId, completionResult, extendedParameters),
                     prjsim__rec_complete(namespaceVirtualizationContext, commandId, completionResult, hr_));
}

STDAPI PrjFillDirEntryBuffer(PCWSTR fileName, PRJ_FILE_BASIC_INFO *fileBasicInfo,
                             PRJ_DIR_ENTRY_BUFFER_HANDLE dirEntryBufferHandle)
{
    FORWARD_RECORDED(fill, (fileName, fileBasicInfo, dirEntryBufferHandle),
                     prjsim__rec_entry(RAPI_FILL, dirEntryBufferHandle, fileName, fileBasicInfo, hr_));
}

STDAPI PrjFillDirEntryBuffer2(PRJ_DIR_ENTRY_BUFFER_HANDLE dirEntryBufferHandle, PCWSTR fileName,
                              PRJ_FILE_BASIC_INFO *fileBasicInfo, PRJ_EXTENDED_INFO *extendedInfo)
{
    FORWARD_RECORDED(fill2, (dirEntryBufferHandle, fileName, fileBasicInfo, extendedInfo),
                     prjsim__rec_entry(RAPI_FILL2, dirEntryBufferHandle, fileName, fileBasicInfo, hr_));
}

/*
 * The name helpers have no error result. Without the DLL a provider cannot have started, so
 * these are reached only by a program that ignored prjsim_projfs_require: it is stopped with
 * the same message rather than given a made-up answer, unless it asked for prjsim's own rules
 * (prjsim_projfs_names_without_dll: set once, before any thread that calls these starts).
 */
static const prjsim_projfs_names *names_without_dll;

void prjsim_projfs_names_without_dll(const prjsim_projfs_names *names)
{
    names_without_dll = names;
}

STDAPI_(BOOLEAN) PrjFileNameMatch(PCWSTR fileNameToCheck, PCWSTR pattern)
{
    if (names_without_dll && !prjsim_projfs_load(NULL, 0))
        return names_without_dll->match(fileNameToCheck, pattern);
    prjsim_projfs_require();
    return fn.match(fileNameToCheck, pattern);
}

STDAPI_(int) PrjFileNameCompare(PCWSTR fileName1, PCWSTR fileName2)
{
    if (names_without_dll && !prjsim_projfs_load(NULL, 0))
        return names_without_dll->compare(fileName1, fileName2);
    prjsim_projfs_require();
    return fn.compare(fileName1, fileName2);
}

STDAPI_(BOOLEAN) PrjDoesNameContainWildCards(LPCWSTR fileName)
{
    if (names_without_dll && !prjsim_projfs_load(NULL, 0))
        return names_without_dll->wildcards(fileName);
    prjsim_projfs_require();
    return fn.wildcards(fileName);
}
