/* SPDX-License-Identifier: MIT */
/*
 * The backend seam: what conformance cases and scenarios DO to files under a root, and what they
 * OBSERVE, behind one table of operations, so the same suite runs through the simulator's client
 * operations (backend "sim") or through the Win32/NT calls a Windows program makes (backend
 * "win32": prjsim's own Win32 layer on Linux, the real one on Windows).
 *
 * Case bodies and statements call these operations and never #ifdef (STYLE.md habit 5). What a
 * backend cannot do is said in two ways:
 *  - capabilities (PRJSIM_BACKEND_CAP_*): what a whole class of statements needs, checked before
 *    a scenario runs ("requires simulator");
 *  - an operation returning PRJSIM_BACKEND_UNSUPPORTED with a reason, for one shape of one
 *    operation the backend has no call for yet; the runner skips the scenario with that reason.
 *
 * See conformance/README.md, "Backends".
 */
#ifndef PRJSIM_BACKEND_H
#define PRJSIM_BACKEND_H

/* Only the client value types and the status codes: the seam compiles on Windows too, beside the
 * platform's own windows.h (the simulator's headers do not). */
#include "../windows_status.h" /* first: before projectedfslib.h reads <windows.h> */
#include <prjsim/client_types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The simulation a run attaches (prjsim/sim.h); opaque to the seam. */
typedef struct prjsim_sim prjsim_sim;

/* What an operation returned. */
typedef enum prjsim_backend_kind {
    PRJSIM_BACKEND_NTSTATUS = 'S',   /* code is an NTSTATUS (the sim backend, NtQueryDirectoryFile) */
    PRJSIM_BACKEND_WIN32 = 'W',      /* code is a Win32 error, 0 = success (kernel32 calls) */
    PRJSIM_BACKEND_UNSUPPORTED = 'U' /* the backend cannot do this yet: reason says why */
} prjsim_backend_kind;

typedef struct prjsim_backend_result {
    char kind;          /* prjsim_backend_kind */
    int32_t code;
    const char *reason; /* static text, for PRJSIM_BACKEND_UNSUPPORTED */
} prjsim_backend_result;

/*
 * Whether @p r is what a caller sees for the NTSTATUS @p status: the same NTSTATUS, or the Win32
 * error a Windows caller gets for it (prjsim_status_to_win32, or kernel32's own report, e.g.
 * ERROR_FILE_EXISTS for a collision of CREATE_NEW); a success status matches Win32 success.
 */
bool prjsim_backend_is(prjsim_backend_result r, int32_t status);

/* Whether @p r is a failure (an error NTSTATUS, a nonzero Win32 error, unsupported). */
bool prjsim_backend_failed(prjsim_backend_result r);

/* What a backend can provide beyond the operations themselves. */
typedef enum prjsim_backend_caps {
    /*
     * The simulator's insides: the trace of internal events, diagnostics decided inside the
     * simulator, commands in flight, running instances, cancelling a command by its id. Absent on
     * a backend that stands for real ProjFS.
     */
    PRJSIM_BACKEND_CAP_SIMULATOR = 0x1,
    /*
     * Operations run with a chosen caller identity (process id, image name). sim: the caller of
     * prjsim_client_set_caller. win32 on Linux: the same (the Win32 layer calls the simulator on
     * the calling thread); on Windows this needs the client agent process (not built yet).
     */
    PRJSIM_BACKEND_CAP_CALLER = 0x2,
    /*
     * A pended operation can be cancelled (the scenario statement `cancel`). sim: the command by
     * its id; win32: CancelSynchronousIo of the thread the operation waits on (thread_self,
     * cancel_thread below).
     */
    PRJSIM_BACKEND_CAP_CANCEL = 0x4,
    /*
     * The files are the simulator's volume, so what a scenario sets up on it from outside the
     * provider works: a saved volume (`state`), the simulator's options (thread-pool,
     * query-buffer, watchdog, write-alignment) and the fault wrapper (faults). sim, and win32 on
     * Linux (over prjsim's Win32 layer); not the real ProjFS (prjsim-run.exe, docs/windows.md).
     */
    PRJSIM_BACKEND_CAP_VOLUME = 0x8,
    /*
     * The caller's process id and image are the ones set_caller chose (`as process PID IMAGE`,
     * the default caller's), as the provider's callbacks and notifications report them. sim and
     * win32 on Linux; not on Windows, where the operations come from the client agent, a process
     * with an id and image of its own (prjsim-run.exe, docs/windows.md).
     */
    PRJSIM_BACKEND_CAP_CALLER_ID = 0x10
} prjsim_backend_caps;

/* An open file or directory of a backend. */
typedef struct prjsim_backend_file prjsim_backend_file;

/* Open parameters: the NT CreateFile arguments the suite chooses. */
typedef struct prjsim_backend_open {
    const WCHAR *path;   /* full Windows path */
    uint32_t access;     /* GENERIC_* / FILE_* access rights */
    uint32_t share;      /* FILE_SHARE_* (0: exclusive) */
    uint32_t disposition;/* CREATE_NEW ... TRUNCATE_EXISTING */
    uint32_t flags;      /* prjsim_open_flags */
    uint32_t attributes; /* FILE_ATTRIBUTE_* for a created file */
} prjsim_backend_open;

typedef struct prjsim_backend {
    const char *name;
    unsigned caps;  /* prjsim_backend_caps */

    /* ---- what cases do: on a handle ---- */
    prjsim_backend_result (*open)(prjsim_backend_file **out, const prjsim_backend_open *o);
    prjsim_backend_result (*close)(prjsim_backend_file *f);
    prjsim_backend_result (*read)(prjsim_backend_file *f, uint64_t offset, void *buf, uint32_t len, uint32_t *got);
    prjsim_backend_result (*write)(prjsim_backend_file *f, uint64_t offset, const void *buf, uint32_t len,
                                   uint32_t *put);
    prjsim_backend_result (*set_size)(prjsim_backend_file *f, uint64_t size);
    /* FILETIME ticks; 0 leaves a time (and attributes 0 the attributes) unchanged. */
    prjsim_backend_result (*set_basic)(prjsim_backend_file *f, int64_t creation, int64_t access, int64_t write,
                                       int64_t change, uint32_t attributes);
    prjsim_backend_result (*set_disposition)(prjsim_backend_file *f, bool delete_file);
    prjsim_backend_result (*rename)(prjsim_backend_file *f, const WCHAR *new_path, bool replace);
    prjsim_backend_result (*query_info)(prjsim_backend_file *f, prjsim_file_info *info);
    /* One query of a directory handle: pattern (NULL = all, kept by the handle after the first
     * query), PRJSIM_QUERY_* flags, buffer size (0 = the backend's default). */
    prjsim_backend_result (*query_directory)(prjsim_backend_file *f, const WCHAR *pattern, uint32_t flags,
                                             uint32_t buffer_bytes, prjsim_dir_entry **entries, size_t *count);

    /* ---- what cases do: by path (each one the convenience call a program makes) ---- */
    prjsim_backend_result (*stat)(const WCHAR *path, prjsim_file_info *info);
    prjsim_backend_result (*set_times)(const WCHAR *path, int64_t creation, int64_t access, int64_t write,
                                       int64_t change, uint32_t attributes);
    /* The whole listing of a directory. */
    prjsim_backend_result (*list)(const WCHAR *path, const WCHAR *pattern, uint32_t buffer_bytes,
                                  prjsim_dir_entry **entries, size_t *count);
    prjsim_backend_result (*remove)(const WCHAR *path, bool directory);
    prjsim_backend_result (*move)(const WCHAR *from, const WCHAR *to, bool replace);
    prjsim_backend_result (*link)(const WCHAR *existing, const WCHAR *new_path);
    prjsim_backend_result (*symlink)(const WCHAR *link, const WCHAR *target, bool directory);
    prjsim_backend_result (*mkdir)(const WCHAR *path);
    /* The whole content (malloc'd into *data; free with free()). */
    prjsim_backend_result (*read_file)(const WCHAR *path, void **data, size_t *size);
    prjsim_backend_result (*write_file)(const WCHAR *path, const void *data, size_t size);

    /* ---- what cases observe (besides results, listings, content and info above) ---- */
    /* The item's on-disk state, as PrjGetOnDiskFileState reports it (HRESULT). */
    int32_t (*on_disk_state)(const WCHAR *path, PRJ_FILE_STATE *state);
    /* Operations of the calling thread run as @p caller (NULL: the default caller). */
    void (*set_caller)(const prjsim_caller *caller);

    /* Optional (NULL: nothing to do). The simulation @p sim is the whole world of the run that
     * begins (the scenario runner without a provider program); NULL when it ends. */
    void (*attach)(prjsim_sim *sim);

    /* Optional (NULL: not offered). On the thread that is about to run an operation that may
     * wait on a pended callback: a token for that thread (NULL when none can be had). */
    void *(*thread_self)(void);
    /* Cancels the operation the thread of @p thread waits in, as CancelSynchronousIo does. */
    prjsim_backend_result (*cancel_thread)(void *thread);
    /* Releases a token of thread_self. */
    void (*thread_release)(void *thread);
} prjsim_backend;

/* Linux only: the simulator's client operations. */
extern const prjsim_backend prjsim_backend_sim;
/* The Win32/NT calls: prjsim's Win32 layer on Linux, kernel32 and ntdll on Windows. */
extern const prjsim_backend prjsim_backend_win32;

/* The backend called @p name ("sim", "win32"), or NULL (Linux only: backends_linux.c). */
const prjsim_backend *prjsim_backend_by_name(const char *name);

/* Frees the entries a listing or query returned. */
void prjsim_backend_free_entries(prjsim_dir_entry *entries);

/* Result helpers for backends. */
prjsim_backend_result prjsim_backend_status(int32_t status);
prjsim_backend_result prjsim_backend_win32_error(uint32_t error);
prjsim_backend_result prjsim_backend_unsupported(const char *reason);

#ifdef __cplusplus
}
#endif

#endif
