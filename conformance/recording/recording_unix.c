/* SPDX-License-Identifier: MIT */
/*
 * Linux: the Prj* functions in front of the simulator's. This shared library defines them and
 * forwards each to the next definition (dlsym RTLD_NEXT), recording it on the way
 * (recording.c). On Windows, windows/projfs_dll.c's forwarders do the same in front of
 * ProjectedFSLib.dll (recording_win.c).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_NEXT */
#endif
#include "recording_internal.h"

#include <dlfcn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The simulator's definition of @p name (the next one after this library's). */
static void *real(const char *name)
{
    void *fn = dlsym(RTLD_NEXT, name);
    if (!fn)
        fprintf(stderr, "prjsim recording: %s not found after the recording layer\n", name);
    return fn;
}

#define REAL(type, name)                                                             \
    static _Atomic(type) real_##name;                                                \
    type fn_ = atomic_load(&real_##name);                                            \
    if (!fn_) {                                                                      \
        fn_ = (type)real(#name);                                                     \
        atomic_store(&real_##name, fn_);                                             \
    }

HRESULT prjsim_recording_attach(prjsim_recording *rec)
{
    /* The Prj* functions a program calls must be these: else nothing would be recorded. */
    if (rec && dlsym(RTLD_DEFAULT, "PrjFillDirEntryBuffer") == dlsym(RTLD_NEXT, "PrjFillDirEntryBuffer"))
        return E_NOTIMPL;
    prjsim__rec_set_attached(rec);
    return S_OK;
}

static HRESULT no_start(PCWSTR root, const PRJ_CALLBACKS *callbacks, const void *instance_context,
                        const PRJ_STARTVIRTUALIZING_OPTIONS *options, PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT *out)
{
    (void)root, (void)callbacks, (void)instance_context, (void)options, (void)out;
    return E_NOTIMPL;
}

STDAPI PrjStartVirtualizing(PCWSTR root, const PRJ_CALLBACKS *callbacks, const void *instance_context,
                            const PRJ_STARTVIRTUALIZING_OPTIONS *options,
                            PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT *out)
{
    REAL(prjsim__rec_start_fn, PrjStartVirtualizing);
    return prjsim__rec_start(fn_ ? fn_ : no_start, root, callbacks, instance_context, options, out);
}

typedef void (*stop_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT);

STDAPI_(void) PrjStopVirtualizing(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context)
{
    REAL(stop_fn, PrjStopVirtualizing);
    if (!fn_)
        return;
    fn_(context);
    prjsim__rec_stopped(context);
}

typedef HRESULT (*fill_fn)(PCWSTR, PRJ_FILE_BASIC_INFO *, PRJ_DIR_ENTRY_BUFFER_HANDLE);

STDAPI PrjFillDirEntryBuffer(PCWSTR name, PRJ_FILE_BASIC_INFO *info, PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    REAL(fill_fn, PrjFillDirEntryBuffer);
    HRESULT hr = fn_ ? fn_(name, info, buffer) : E_NOTIMPL;
    prjsim__rec_entry(RAPI_FILL, buffer, name, info, hr);
    return hr;
}

typedef HRESULT (*fill2_fn)(PRJ_DIR_ENTRY_BUFFER_HANDLE, PCWSTR, PRJ_FILE_BASIC_INFO *, PRJ_EXTENDED_INFO *);

STDAPI PrjFillDirEntryBuffer2(PRJ_DIR_ENTRY_BUFFER_HANDLE buffer, PCWSTR name, PRJ_FILE_BASIC_INFO *info,
                              PRJ_EXTENDED_INFO *ext)
{
    REAL(fill2_fn, PrjFillDirEntryBuffer2);
    HRESULT hr = fn_ ? fn_(buffer, name, info, ext) : E_NOTIMPL;
    prjsim__rec_entry(RAPI_FILL2, buffer, name, info, hr);
    return hr;
}

typedef HRESULT (*wpi_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, PCWSTR, const PRJ_PLACEHOLDER_INFO *, UINT32);

STDAPI PrjWritePlaceholderInfo(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, PCWSTR dest,
                               const PRJ_PLACEHOLDER_INFO *info, UINT32 size)
{
    REAL(wpi_fn, PrjWritePlaceholderInfo);
    HRESULT hr = fn_ ? fn_(context, dest, info, size) : E_NOTIMPL;
    prjsim__rec_placeholder(context, RAPI_WRITE_PLACEHOLDER, dest, info, size, hr);
    return hr;
}

typedef HRESULT (*wpi2_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, PCWSTR, const PRJ_PLACEHOLDER_INFO *, UINT32,
                           const PRJ_EXTENDED_INFO *);

STDAPI PrjWritePlaceholderInfo2(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, PCWSTR dest,
                                const PRJ_PLACEHOLDER_INFO *info, UINT32 size, const PRJ_EXTENDED_INFO *ext)
{
    REAL(wpi2_fn, PrjWritePlaceholderInfo2);
    HRESULT hr = fn_ ? fn_(context, dest, info, size, ext) : E_NOTIMPL;
    prjsim__rec_placeholder(context, RAPI_WRITE_PLACEHOLDER2, dest, info, size, hr);
    return hr;
}

typedef HRESULT (*wfd_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, const GUID *, void *, UINT64, UINT32);

STDAPI PrjWriteFileData(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, const GUID *stream, void *buffer,
                        UINT64 offset, UINT32 length)
{
    REAL(wfd_fn, PrjWriteFileData);
    HRESULT hr = fn_ ? fn_(context, stream, buffer, offset, length) : E_NOTIMPL;
    prjsim__rec_write_data(context, stream, buffer, offset, length, hr);
    return hr;
}

typedef HRESULT (*complete_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, INT32, HRESULT,
                               PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS *);

STDAPI PrjCompleteCommand(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, INT32 command, HRESULT result,
                          PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS *ext)
{
    REAL(complete_fn, PrjCompleteCommand);
    HRESULT hr = fn_ ? fn_(context, command, result, ext) : E_NOTIMPL;
    prjsim__rec_complete(context, command, result, hr);
    return hr;
}

typedef void *(*alloc_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, size_t);

STDAPI_(void *) PrjAllocateAlignedBuffer(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, size_t size)
{
    REAL(alloc_fn, PrjAllocateAlignedBuffer);
    void *p = fn_ ? fn_(context, size) : NULL;
    prjsim__rec_allocate(context, size, p);
    return p;
}

typedef void (*free_fn)(void *);

STDAPI_(void) PrjFreeAlignedBuffer(void *buffer)
{
    REAL(free_fn, PrjFreeAlignedBuffer);
    /* Noted before the free: once freed, another thread's allocation may reuse the address. */
    prjsim__rec_free(buffer);
    if (fn_)
        fn_(buffer);
}

typedef HRESULT (*update_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, PCWSTR, const PRJ_PLACEHOLDER_INFO *, UINT32,
                             PRJ_UPDATE_TYPES, PRJ_UPDATE_FAILURE_CAUSES *);

STDAPI PrjUpdateFileIfNeeded(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, PCWSTR dest,
                             const PRJ_PLACEHOLDER_INFO *info, UINT32 size, PRJ_UPDATE_TYPES flags,
                             PRJ_UPDATE_FAILURE_CAUSES *failure)
{
    REAL(update_fn, PrjUpdateFileIfNeeded);
    HRESULT hr = fn_ ? fn_(context, dest, info, size, flags, failure) : E_NOTIMPL;
    prjsim__rec_placeholder(context, RAPI_UPDATE, dest, info, size, hr);
    return hr;
}

typedef HRESULT (*delete_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, PCWSTR, PRJ_UPDATE_TYPES,
                             PRJ_UPDATE_FAILURE_CAUSES *);

STDAPI PrjDeleteFile(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, PCWSTR dest, PRJ_UPDATE_TYPES flags,
                     PRJ_UPDATE_FAILURE_CAUSES *failure)
{
    REAL(delete_fn, PrjDeleteFile);
    HRESULT hr = fn_ ? fn_(context, dest, flags, failure) : E_NOTIMPL;
    prjsim__rec_placeholder(context, RAPI_DELETE, dest, NULL, 0, hr);
    return hr;
}

typedef HRESULT (*clear_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, UINT32 *);

STDAPI PrjClearNegativePathCache(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, UINT32 *total)
{
    REAL(clear_fn, PrjClearNegativePathCache);
    HRESULT hr = fn_ ? fn_(context, total) : E_NOTIMPL;
    prjsim__rec_context_call(context, RAPI_CLEAR_NEGATIVE_CACHE, hr);
    return hr;
}

typedef HRESULT (*info_fn)(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT, PRJ_VIRTUALIZATION_INSTANCE_INFO *);

STDAPI PrjGetVirtualizationInstanceInfo(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context,
                                        PRJ_VIRTUALIZATION_INSTANCE_INFO *info)
{
    REAL(info_fn, PrjGetVirtualizationInstanceInfo);
    HRESULT hr = fn_ ? fn_(context, info) : E_NOTIMPL;
    prjsim__rec_context_call(context, RAPI_INSTANCE_INFO, hr);
    return hr;
}

/* ---- PRJSIM_RECORD ---- */

static char *env_path;

FILE *prjsim__rec_env_open(void) { return env_path ? fopen(env_path, "w") : NULL; }

/* With the library in LD_PRELOAD (or linked) and PRJSIM_RECORD=FILE, the whole process is
 * recorded and, at exit, the log, a line "# checker" and the checker's report go to FILE. */
__attribute__((constructor)) static void env_start(void)
{
    const char *path = getenv("PRJSIM_RECORD");
    if (!path || !path[0])
        return;
    env_path = strdup(path);
    if (env_path)
        prjsim__rec_env_start();
}
