/* SPDX-License-Identifier: MIT */
/**
 * @file prjsim/sim.h
 * @brief A simulation: one simulated volume, its virtualization roots and instances.
 *
 * The SDK functions (PrjMarkDirectoryAsPlaceholder, PrjGetOnDiskFileState, ...) take no
 * simulation argument, so they act on the process's *current* simulation. One is created on
 * first use with default options; tests that want other options create their own and make it
 * current with prjsim_sim_set_current().
 */
#ifndef PRJSIM_SIM_H
#define PRJSIM_SIM_H

#include <windows.h>
#include <projectedfslib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An opaque simulation. */
typedef struct prjsim_sim prjsim_sim;

/** Version of the option structs below; bump when fields are appended. */
#define PRJSIM_OPTIONS_VERSION 1

/**
 * Options of a simulation. Initialise with PRJSIM_SIM_OPTIONS_INIT and change the fields you
 * need, so that fields added later keep their defaults.
 */
typedef struct prjsim_sim_options {
    /** Must be PRJSIM_OPTIONS_VERSION. */
    uint32_t version;
    /**
     * Deterministic mode: GUIDs and command ids come from counters and times from the virtual
     * clock, so a trace is identical on every run. Callbacks always run on the calling thread in
     * this version.
     */
    bool deterministic;
    /** Record the trace (client operations, callbacks, diagnostics). */
    bool trace;
    /** WriteAlignment reported by PrjGetVirtualizationInstanceInfo; a power of two. */
    uint32_t write_alignment;
    /** Start of the virtual clock, FILETIME ticks (100 ns since 1601). 0 = 2024-01-01. */
    int64_t clock_start;
    /** Ticks the virtual clock advances per client operation. */
    int64_t clock_step;
    /** Default caller buffer, in bytes, of a directory query that gives none (Win32 uses 4 KiB). */
    uint32_t default_query_buffer;
    /**
     * Run callbacks on a thread pool honouring PoolThreadCount and ConcurrentThreadCount (as
     * Windows does) instead of on the calling thread. Applies to instances started afterwards;
     * prjsim_instance_set_thread_pool changes one instance.
     */
    bool thread_pool;
    /**
     * Report a pended command that has not completed after this many milliseconds with the
     * hung-command diagnostic (it keeps waiting: Windows has no timeout). 0 = off.
     */
    uint32_t watchdog_ms;
} prjsim_sim_options;

#define PRJSIM_SIM_OPTIONS_INIT \
    { PRJSIM_OPTIONS_VERSION, true, true, 4096, 0, 10000000, 4096, false, 0 }

/**
 * Creates a simulation with an empty volume that has drive C: and nothing else.
 * @param out receives the simulation.
 * @param options NULL for the defaults.
 * @return S_OK, E_INVALIDARG for bad options, E_OUTOFMEMORY.
 */
HRESULT prjsim_sim_create(prjsim_sim **out, const prjsim_sim_options *options);

/** Stops every running instance and frees the simulation. NULL is ignored. */
void prjsim_sim_destroy(prjsim_sim *sim);

/** The current simulation (created with defaults on first use). */
prjsim_sim *prjsim_sim_current(void);

/** Makes @p sim current; returns the previous one (which stays alive). */
prjsim_sim *prjsim_sim_set_current(prjsim_sim *sim);

/** The simulation's options (the copy it holds). */
const prjsim_sim_options *prjsim_sim_get_options(const prjsim_sim *sim);

/**
 * Creates a directory on the simulated volume outside every virtualization root, with any
 * missing parents (mkdir -p). Inside a root use prjsim_client_create_directory instead, which
 * goes through ProjFS as a client's I/O does.
 * @return S_OK, HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS) if it exists,
 *         HRESULT_FROM_WIN32(ERROR_DIRECTORY) if a file is in the way, E_INVALIDARG for a path
 *         that is not an absolute drive path.
 */
HRESULT prjsim_volume_create_directory(prjsim_sim *sim, PCWSTR full_path);

/** The virtual clock, in FILETIME ticks. */
int64_t prjsim_sim_now(prjsim_sim *sim);
/** Sets the virtual clock. */
void prjsim_sim_set_clock(prjsim_sim *sim, int64_t filetime);

/**
 * Number of virtualization instances currently started, and the root of the most recently
 * started one (copied into @p root, may be NULL). Used by hosts to learn which root a provider
 * program virtualizes.
 */
size_t prjsim_sim_running_instances(prjsim_sim *sim, WCHAR *root, size_t root_chars);

/**
 * Switches one running instance between the thread pool and the calling thread.
 * @return S_OK; E_INVALIDARG for a context that is not running;
 *  HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_BUSY) while callbacks are in flight.
 */
HRESULT prjsim_instance_set_thread_pool(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespace_virtualization_context, bool on);

/**
 * Items the simulations of this process hold in memory: in a view, or removed from it and
 * still kept by a handle or an operation in flight. For leak checks in tests: after the last
 * handle on a removed item closes, the count is back.
 */
size_t prjsim_debug_live_items(void);

/**
 * Whether @p full_path is a virtualization root or lies under one (marked roots count whether
 * or not an instance is running). The Win32 layer routes such paths to client operations and
 * everything else to the host file system.
 */
bool prjsim_sim_is_inside_root(prjsim_sim *sim, PCWSTR full_path);

/**
 * Called when PrjMarkDirectoryAsPlaceholder or PrjStartVirtualizing names a directory that is
 * not on the simulated volume, so that a layer keeping directories elsewhere (the Win32 layer
 * keeps those outside roots on the host) can bring it in with prjsim_volume_create_directory
 * and client operations. Called without any simulator lock held.
 */
typedef void (*prjsim_missing_path_hook)(prjsim_sim *sim, PCWSTR full_path, void *payload);

/**
 * A process-wide hook around every PrjStartVirtualizing: on_start may replace the provider's
 * callbacks and instance context (the fault wrapper uses it to wrap any provider program,
 * `PRJSIM_FAULTS`); a failure fails the start. on_stop gets the cookie back when the instance
 * has stopped (or its start failed afterwards). Both run without simulator locks held.
 */
typedef struct prjsim_start_hook {
    HRESULT (*on_start)(PCWSTR root, const PRJ_CALLBACKS **callbacks, const void **instance_context,
                        void **cookie, void *payload);
    void (*on_stop)(void *cookie, void *payload);
    void *payload;
} prjsim_start_hook;

/** Installs the start hook (copied; NULL removes it). */
void prjsim_set_start_hook(const prjsim_start_hook *hook);

/** Installs the hook (NULL removes it). */
void prjsim_sim_set_missing_path_hook(prjsim_sim *sim, prjsim_missing_path_hook hook, void *payload);

#ifdef __cplusplus
}
#endif

#endif
