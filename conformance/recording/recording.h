/* SPDX-License-Identifier: MIT */
/**
 * @file recording.h
 * @brief The recording layer: what a provider does, seen from between the provider and the
 * Prj* API, and the checker that decides the contract diagnostics needing nothing but that.
 *
 * A recorder, once attached, wraps the callback table of every instance started with
 * PrjStartVirtualizing (each callback: its arguments copied, its result, its thread) and records
 * the provider's Prj* calls (PrjFillDirEntryBuffer(2), PrjWritePlaceholderInfo(2),
 * PrjWriteFileData, PrjCompleteCommand, PrjAllocateAlignedBuffer, PrjFreeAlignedBuffer) into
 * one event log. A Prj* call made on a callback's thread while it runs belongs to that
 * callback. The provider's source is not changed:
 *
 * - Linux: this library is shared and defines those Prj* functions itself (and
 *   PrjStartVirtualizing / PrjStopVirtualizing); it forwards each to the next definition,
 *   the simulator's (dlsym RTLD_NEXT). A program that links it before libprjsim, or runs with
 *   it in LD_PRELOAD, goes through it, provider programs loaded later included. Unattached, the
 *   functions only forward.
 * - Windows: windows/projfs_dll.c forwards every Prj* call to ProjectedFSLib.dll and records it
 *   through the same entry points (recording_internal.h); a program linked with
 *   prjsim_projfs_dll, which holds this layer, instead of ProjectedFSLib.lib is recorded.
 *
 * PRJSIM_RECORD=FILE, with this library loaded (Linux: LD_PRELOAD, or linked; Windows: linked
 * through prjsim_projfs_dll): the whole process is recorded from its start (Windows: from its
 * first Prj* call), and FILE receives the log's text, a line "# checker" and
 * prjsim_recording_check's report at once, after each PrjStopVirtualizing and at exit.
 *
 * Only projectedfslib.h is used: nothing of the simulator's insides, so the checker's verdicts
 * hold on real ProjFS too. docs/layering.md lists which diagnostics it decides.
 */
#ifndef PRJSIM_RECORDING_H
#define PRJSIM_RECORDING_H

#include <windows.h>
#include <projectedfslib.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A recorder and its event log. Opaque. */
typedef struct prjsim_recording prjsim_recording;

/** Creates an empty recorder (not attached). @return S_OK or E_OUTOFMEMORY. */
HRESULT prjsim_recording_create(prjsim_recording **out);

/**
 * Makes @p rec the process's recorder: instances started from now on are wrapped and their
 * Prj* calls recorded. One recorder at a time; NULL detaches (instances already wrapped go
 * on recording into their recorder). @return S_OK, or E_NOTIMPL when the Prj* functions do not
 * go through this library (it was linked after the simulator).
 */
HRESULT prjsim_recording_attach(prjsim_recording *rec);

/** Frees the recorder. Every instance it wrapped must have been stopped. NULL is ignored. */
void prjsim_recording_free(prjsim_recording *rec);

/** Number of events recorded so far. */
size_t prjsim_recording_count(prjsim_recording *rec);

/**
 * The event log in its stable text form, one event a line (malloc'd, free()):
 *
 *     start 1 root="C:\root" callbacks=0x3F -> S_OK
 *     cb 3 t1 GetDirectoryEnumeration "dir" cmd=3 enum=1 search="*" flags=0x1
 *     api 3 PrjFillDirEntryBuffer "x.txt" file size=6 -> S_OK
 *     ret 3 GetDirectoryEnumeration -> S_OK
 *     stop 1
 *
 * (callbacks= the callbacks registered, a bit per PRJ_CALLBACKS member in order).
 *
 * Callbacks and instances are numbered in the order they were seen; enumeration ids and
 * threads too (t1, t2 ... in order of first use); an api line gives the callback it ran in,
 * or 0 outside any callback. HRESULTs are written as names where known, else 0xXXXXXXXX.
 */
char *prjsim_recording_text(prjsim_recording *rec);

/**
 * Runs the checker over the log: the contract diagnostics decidable from the calls alone, one
 * a line as `name: message`, names as `prjsim explain` lists them (malloc'd, free(); "" when
 * there is none).
 */
char *prjsim_recording_check(prjsim_recording *rec);

/** The names of the diagnostics the checker can give, NULL-terminated. */
const char *const *prjsim_recording_check_names(void);


/* ---- What the log says now (observe.c): the scenario runner's view of any provider ---- */

/** One callback as recorded. Strings stay valid until the recorder is freed. */
typedef struct prjsim_recording_callback_info {
    const char *callback;  /**< "GetFileData": the PRJ_CALLBACKS member without "Callback" */
    INT32 command_id;
    PCWSTR path;           /**< FilePathName */
    PCWSTR search;         /**< GetDirectoryEnumeration: the search expression, else NULL */
    PCWSTR destination;    /**< a notification's DestinationFileName, else NULL */
    UINT32 flags;          /**< PRJ_CALLBACK_DATA_FLAGS */
    UINT32 notification;   /**< PRJ_NOTIFICATION */
    BOOLEAN is_directory;  /**< a notification's IsDirectory */
    UINT64 offset;         /**< GetFileData */
    UINT32 length;         /**< GetFileData */
    BOOLEAN returned;      /**< the callback has returned; result is what it returned */
    HRESULT result;
} prjsim_recording_callback_info;

/**
 * The @p index-th callback recorded (0-based, in the order they began).
 * @return S_OK, or E_INVALIDARG when there is no such callback yet.
 */
HRESULT prjsim_recording_callback(prjsim_recording *rec, size_t index, prjsim_recording_callback_info *out);

/**
 * The commands in flight as the calls show them, oldest first: a callback (not CancelCommand)
 * still running, or one that returned ERROR_IO_PENDING and since then was neither completed
 * (a PrjCompleteCommand for it that returned S_OK), nor cancelled (CancelCommand delivered for
 * it), nor ended by PrjStopVirtualizing of its instance. A command cancelled for a provider
 * without a CancelCommandCallback is still counted: nothing in the calls shows it. Writes up to
 * @p max ids to @p ids (may be NULL) and returns how many there are.
 */
size_t prjsim_recording_in_flight(prjsim_recording *rec, INT32 *ids, size_t max);

/** Instances whose PrjStartVirtualizing succeeded and that were not stopped since. */
size_t prjsim_recording_running(prjsim_recording *rec);

#ifdef __cplusplus
}
#endif

#endif
