/* SPDX-License-Identifier: MIT */
/*
 * What the case bodies share, in the child process: the context (the simulation, the root and
 * how the provider was started), the crawl, and the failure helpers.
 */
#ifndef PRJCONF_INTERNAL_H
#define PRJCONF_INTERNAL_H

#include "../windows_status.h" /* first: before projectedfslib.h reads <windows.h> */
#include "prjconf.h"

#include <backend.h>

#include <memtree.h>
#include <stdint.h>

/* A provider program started through the host (prjsim/host.h, Linux only). */
typedef struct prjsim_host prjsim_host;

/* Files bigger than this are not read whole. */
#define PRJCONF_MAX_READ (16u * 1024 * 1024)

/** One item the crawl found. */
typedef struct prjconf_item {
    WCHAR path[MAX_PATH];   /**< full path, as a client names it */
    WCHAR name[MAX_PATH];   /**< the last component, as listed */
    PRJ_FILE_BASIC_INFO basic;
    size_t parent;          /**< index of the directory it is listed in; SIZE_MAX for the root */
} prjconf_item;

/** One directory's listing (without `.` and `..`). */
typedef struct prjconf_dir {
    WCHAR path[MAX_PATH];
    prjsim_dir_entry *entries;
    size_t count;
} prjconf_dir;

struct prjconf_ctx {
    const prjconf_target_options *opts;
    /** The backend the case's operations go through (io.c). */
    const prjsim_backend *be;
    /** --checker: the recorder attached before the provider started (recording/observer.h). */
    void *recording;
    /** The first of the case's own operations that got STATUS_INTERNAL_ERROR (io.c), "" none. */
    char internal_error[512];
    /** The case's random state (prjconf_random), seeded from the run's seed: 64 bits on every
     *  platform (an unsigned long is 32 on Windows), so a seed gives the same case everywhere. */
    uint64_t seed;
    /** The case's PRJCONF_RUN_* flags. */
    unsigned run_flags;
    int report_fd;
    prjsim_sim *volatile sim;
    WCHAR root[MAX_PATH];
    /* The reference provider. */
    memtree *tree;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT instance;
    /* A provider program. */
    prjsim_host *host;
    /** PRJCONF_CAP_* for the callbacks the provider registered when it last started. */
    unsigned registered;
    bool finishing;     /* prjconf told it to finish (a restart) */
    bool self_driving;  /* it started, stopped and ended on its own: message says so */
    /* The crawl. */
    bool crawled;
    prjconf_dir *dirs;
    size_t dir_count;
    prjconf_item *items;
    size_t item_count;
    /* Verdict. */
    bool failed;
    bool skipped;
    char message[1024];
};

/* target.c */
/** Starts the provider on a fresh simulation; false (message set) on a setup failure. */
bool prjconf_target_start(prjconf_ctx *c);
/**
 * After a case: whether the provider program stopped virtualizing or ended without being told
 * to (a self-checking program that drives its own roots). Sets c->self_driving and c->message.
 */
bool prjconf_target_self_driven(prjconf_ctx *c);
/** Stops it (best effort). */
void prjconf_target_stop(prjconf_ctx *c);
/** Stops and starts the provider again on the same simulation; false (failure set) if not. */
bool prjconf_target_restart(prjconf_ctx *c);
/** The reference provider's tree as memtree manifest text (one item a line). */
const char *prjconf_reference_manifest(void);
/**
 * How many notifications the reference provider vetoed so far (reference_vetoes); the last
 * veto's notification type and result go to @p type and @p result when not NULL.
 */
unsigned long prjconf_reference_vetoes(PRJ_NOTIFICATION *type, HRESULT *result);
/** How many GetPlaceholderInfo/GetFileData callbacks the reference provider pended so far. */
unsigned long prjconf_reference_pended(void);

/* crawl.c */
/** Crawls the projection once (bounded by the options); false when a listing failed. */
bool prjconf_crawl(prjconf_ctx *c);
/** A result of the backend: an NTSTATUS (sim) or a Win32 error (win32). */
typedef prjsim_backend_result prjconf_r;
/** Reads a whole file; false (failure set) when that fails or its size disagrees (cases_items.c). */
bool prjconf_read_whole(prjconf_ctx *c, const prjconf_item *it, unsigned char **data, size_t *size);
/** Crawls and reads every file (bounded by PRJCONF_MAX_READ), failing on what goes wrong. */
void prjconf_crawl_and_read(prjconf_ctx *c);
/** results.allowed on the simulator: fails when its trace shows a client got
 *  STATUS_INTERNAL_ERROR (cases_simulator.c; never called on a backend without the simulator). */
void prjconf_simulator_internal_errors(prjconf_ctx *c);
/** Lists @p path with @p pattern and @p buffer_bytes, dropping `.` and `..`. */
prjconf_r prjconf_list(prjconf_ctx *c, PCWSTR path, PCWSTR pattern, UINT32 buffer_bytes,
                      prjsim_dir_entry **entries, size_t *count);
/** Bytes a directory record for @p name costs in a query buffer. */
UINT32 prjconf_entry_cost(PCWSTR name);

/**
 * Sends one line of the case's report (@p kind "fail", "note", "step") to the runner: over the
 * child's pipe on Linux (child.c), to the in-process runner on Windows (windows/prjconf_cases.c).
 */
void prjconf_report_line(prjconf_ctx *c, const char *kind, const char *line);

/* printf-style checking of the helpers below; mingw-w64 builds them with its own C99 printf
 * family (__USE_MINGW_ANSI_STDIO), whose format check is gnu_printf, not the CRT's ms_printf. */
#if defined(__MINGW32__)
#define PRJCONF_PRINTF(f, a) __attribute__((format(gnu_printf, f, a)))
#elif defined(__GNUC__)
#define PRJCONF_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PRJCONF_PRINTF(f, a)
#endif

/* Failure helpers: the first failure's message is the case's message. */
void prjconf_fail(prjconf_ctx *c, const char *fmt, ...) PRJCONF_PRINTF(2, 3);
void prjconf_skip(prjconf_ctx *c, const char *fmt, ...) PRJCONF_PRINTF(2, 3);
/**
 * Reports what a passing case saw that the author should know (`note ...`): it follows the
 * case's `ok` line, e.g. which operations the provider vetoed and with what.
 */
void prjconf_note(prjconf_ctx *c, const char *fmt, ...) PRJCONF_PRINTF(2, 3);
/** Reports progress (`step ...`), shown when the case crashes or hangs. */
void prjconf_step(prjconf_ctx *c, const char *fmt, ...) PRJCONF_PRINTF(2, 3);
/* io.c: what cases do, through the backend (c->be). */
prjconf_r prjconf_open(prjconf_ctx *c, prjsim_backend_file **h, PCWSTR path, DWORD access, DWORD disposition,
                       UINT32 flags);
prjconf_r prjconf_close(prjconf_ctx *c, prjsim_backend_file *h);
/** Notes @p r of operation @p op on @p path (NULL: a handle) in c->internal_error when it is
 *  STATUS_INTERNAL_ERROR (results.allowed); returns @p r. Every operation of io.c goes through it. */
prjconf_r prjconf_saw(prjconf_ctx *c, prjconf_r r, const char *op, PCWSTR path);

prjconf_r prjconf_query(prjconf_ctx *c, prjsim_backend_file *h, PCWSTR pattern, UINT32 flags, UINT32 buffer_bytes,
                        prjsim_dir_entry **entries, size_t *count);
prjconf_r prjconf_read(prjconf_ctx *c, prjsim_backend_file *h, UINT64 offset, void *buf, UINT32 len, UINT32 *got);
prjconf_r prjconf_stat(prjconf_ctx *c, PCWSTR path, prjsim_file_info *info);
prjconf_r prjconf_read_file(prjconf_ctx *c, PCWSTR path, void **data, size_t *size);
prjconf_r prjconf_write_file(prjconf_ctx *c, PCWSTR path, const void *data, size_t size);
prjconf_r prjconf_move(prjconf_ctx *c, PCWSTR from, PCWSTR to, bool replace);
prjconf_r prjconf_delete(prjconf_ctx *c, PCWSTR path, bool directory);
prjconf_r prjconf_mkdir(prjconf_ctx *c, PCWSTR path);
/** Whether @p r is what a caller sees for @p status (prjsim_backend_is). */
bool prjconf_is(prjconf_r r, NTSTATUS status);
/** "STATUS_X (0x...)" or "ERROR_X (n)". */
const char *prjconf_status(char *buf, size_t size, prjconf_r r);

/** The simulator's cancel of command @p id (cases_simulator.c; unsupported on Windows). */
prjconf_r prjconf_simulator_cancel(prjconf_ctx *c, INT32 id);
/** A deterministic random number from the case's seed. */
unsigned long prjconf_rand(prjconf_ctx *c);

/* The case bodies (cases.h). */
#define PRJCONF_CASE_DECL_(fn, name, caps, summary) void prjconf_case_##fn(prjconf_ctx *c);
#include "cases.h"
PRJCONF_CASES(PRJCONF_CASE_DECL_)
#undef PRJCONF_CASE_DECL_

#endif
