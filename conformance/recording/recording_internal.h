/* SPDX-License-Identifier: MIT */
/* The event log, shared by the recorder (recording.c) and the checker (checker.c). */
#ifndef PRJSIM_RECORDING_INTERNAL_H
#define PRJSIM_RECORDING_INTERNAL_H

#include "recording.h"

#include <pthread.h> /* MSVC: windows/msvc/pthread.h */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../thread_local.h"

typedef enum rec_kind { REC_START, REC_STOP, REC_CB, REC_RET, REC_API } rec_kind;

/* The callbacks, in PRJ_CALLBACKS order. */
typedef enum rec_cb {
    RCB_START_ENUM,
    RCB_END_ENUM,
    RCB_GET_ENUM,
    RCB_PLACEHOLDER_INFO,
    RCB_FILE_DATA,
    RCB_QUERY_FILE_NAME,
    RCB_NOTIFICATION,
    RCB_CANCEL,
    RCB_COUNT_
} rec_cb;

typedef enum rec_api {
    RAPI_FILL,
    RAPI_FILL2,
    RAPI_WRITE_PLACEHOLDER,
    RAPI_WRITE_PLACEHOLDER2,
    RAPI_WRITE_FILE_DATA,
    RAPI_COMPLETE,
    RAPI_ALLOCATE,
    RAPI_FREE,
    RAPI_UPDATE,
    RAPI_DELETE,
    RAPI_CLEAR_NEGATIVE_CACHE,
    RAPI_INSTANCE_INFO,
    RAPI_COUNT_
} rec_api;

typedef struct rec_event {
    rec_kind kind;
    int what;          /* rec_cb for REC_CB/REC_RET, rec_api for REC_API */
    unsigned instance; /* instance number (REC_START/STOP/CB/RET) */
    unsigned cb;       /* callback number; for REC_API the callback it ran in, 0 outside */
    unsigned thread;
    WCHAR *path;       /* FilePathName, a placeholder's destination, the root */
    WCHAR *name;       /* an entry's name, the search expression, a notification's destination */
    unsigned enum_no;  /* enumeration id, numbered */
    unsigned stream_no; /* data stream id (GetFileData, PrjWriteFileData), numbered with the enumeration ids */
    UINT32 flags;      /* callback flags; the notification; REC_START: the callbacks registered */
    UINT64 offset;
    UINT64 size;       /* GetFileData length, data written, entry or placeholder size, allocation */
    bool is_dir;
    bool stale_context; /* REC_API, REC_STOP: the context was not a running instance's (one started
                         * while a recorder was attached) */
    INT32 command;
    HRESULT hr;
    const void *ptr;   /* a buffer or a GetDirectoryEnumeration buffer handle (not in the text: addresses
                        * differ between runs) */
} rec_event;

struct prjsim_recording {
    pthread_mutex_t lock;
    rec_event *events;
    size_t count, cap;
    unsigned instances, callbacks;
    GUID *enum_ids;
    size_t enum_count, enum_cap;
    pthread_t *threads;
    size_t thread_count, thread_cap;
};

/*
 * What each Prj* call records. The platform's Prj* functions (recording_unix.c in front of the
 * simulator's, windows/projfs_dll.c in front of ProjectedFSLib.dll's) call the real function
 * and then these (prjsim__rec_free before it), so both record the same events.
 */
typedef HRESULT(STDAPICALLTYPE *prjsim__rec_start_fn)(PCWSTR, const PRJ_CALLBACKS *, const void *,
                                                      const PRJ_STARTVIRTUALIZING_OPTIONS *,
                                                      PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT *);
/* PrjStartVirtualizing: calls @p real with the wrapped table when a recorder is attached. */
HRESULT prjsim__rec_start(prjsim__rec_start_fn real, PCWSTR root, const PRJ_CALLBACKS *callbacks,
                          const void *instance_context, const PRJ_STARTVIRTUALIZING_OPTIONS *options,
                          PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT *out);
void prjsim__rec_stopped(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context);
void prjsim__rec_entry(rec_api what, PRJ_DIR_ENTRY_BUFFER_HANDLE buffer, PCWSTR name, const PRJ_FILE_BASIC_INFO *info,
                       HRESULT hr);
void prjsim__rec_placeholder(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, rec_api what, PCWSTR dest,
                             const PRJ_PLACEHOLDER_INFO *info, UINT32 size, HRESULT hr);
void prjsim__rec_write_data(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, const GUID *stream, const void *buffer,
                            UINT64 offset, UINT32 length, HRESULT hr);
void prjsim__rec_complete(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, INT32 command, HRESULT result, HRESULT hr);
void prjsim__rec_allocate(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, size_t size, const void *buffer);
void prjsim__rec_free(const void *buffer);
/* PrjClearNegativePathCache, PrjGetVirtualizationInstanceInfo. */
void prjsim__rec_context_call(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context, rec_api what, HRESULT hr);
/* prjsim_recording_attach's work once the platform has agreed. */
void prjsim__rec_set_attached(prjsim_recording *rec);

/*
 * PRJSIM_RECORD=FILE: prjsim__rec_env_start (called by the platform once, early) creates and
 * attaches the process's recorder, writes FILE at once, after each PrjStopVirtualizing and at
 * exit: the log, "# checker" and the checker's report. The platform opens FILE for writing.
 */
void prjsim__rec_env_start(void);
void prjsim__rec_env_save(void);
FILE *prjsim__rec_env_open(void);

/* The callbacks' names, in rec_cb order ("GetFileData"). */
extern const char *const prjsim__rec_cb_names[RCB_COUNT_];
/* An HRESULT's name ("S_OK", "ERROR_IO_PENDING") or NULL. */
const char *prjsim__rec_hr_name(HRESULT hr);
/* Appends @p w as UTF-8 to @p out (grown as needed). */
void prjsim__rec_put_utf8(char **out, size_t *len, size_t *cap, const WCHAR *w);
void prjsim__rec_put(char **out, size_t *len, size_t *cap, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif
