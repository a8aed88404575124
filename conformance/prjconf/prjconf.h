/* SPDX-License-Identifier: MIT */
/**
 * @file prjconf.h
 * @brief prjconf: the generic conformance suite, runnable against any provider.
 *
 * The pieces, one file each:
 * - cases.h: the case table (one X-macro, the single source of truth for names and needs).
 * - target.c: the provider a case runs against: the bundled reference provider (memtree over a
 *   built-in tree, in process) or a provider program started through the host, as
 *   `prjsim exec` starts it.
 * - crawl.c: a bounded crawl of the projection, which gives the cases the names they test.
 * - cases_*.c: the case bodies; they need no knowledge of the provider's content.
 * - child.c: runs one case in a forked child with a timeout; the child reports over a pipe.
 * - select.c: glob filters, shards and the expected-failures file.
 * - report.c: the human, TAP, JUnit and JSON-lines reporters.
 * - runner.c: runs the selected cases, -j N at a time, and feeds the reporters.
 */
#ifndef PRJCONF_H
#define PRJCONF_H

#include <projectedfslib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Capabilities ------------------------------------------------------------------------- */

/** What a provider may declare it supports. X(ID, bit, "name") */
#define PRJCONF_CAPS(X) \
    X(NOTIFICATIONS, 0x1, "notifications") \
    X(PENDING, 0x2, "pending")

enum {
#define PRJCONF_CAP_ENUM_(id, bit, name) PRJCONF_CAP_##id = bit,
    PRJCONF_CAPS(PRJCONF_CAP_ENUM_)
#undef PRJCONF_CAP_ENUM_
};

/** Not a capability: the case runs with callbacks on the simulator's thread pool. */
#define PRJCONF_RUN_THREAD_POOL 0x10000u
/** The case observes the provider's callbacks or commands in flight: the simulator's, or with
 *  --checker the recording layer's, so it runs on a backend without the simulator only then. */
#define PRJCONF_RUN_OBSERVED 0x40000u
/** Why a backend without the simulator skips a PRJCONF_RUN_OBSERVED case without the recording
 *  layer. */
#define PRJCONF_NEEDS_OBSERVATION \
    "the case reads the provider's callbacks or commands in flight: the simulator's, or the recording " \
    "layer's with --checker"
/** The bits of a case's needs that are capabilities. */
#define PRJCONF_CAP_MASK 0xffffu

/**
 * Parses a comma-separated list of capability names ("notifications,pending"; "" or "none"
 * is no capability) into @p out. Returns false for an unknown name.
 */
bool prjconf_caps_parse(const char *text, unsigned *out);
/** Writes the names of @p caps, comma-separated ("none" for 0), into @p buf. */
const char *prjconf_caps_format(unsigned caps, char *buf, size_t size);

/* ---- What to run against ------------------------------------------------------------------ */

/** How the provider is started in each case's child. */
typedef struct prjconf_target_options {
    /** Path of a provider program (.so); NULL runs the bundled reference provider. */
    const char *provider;
    /** The program's arguments after argv[0]. */
    int argc;
    char **argv;
    /** Drives folder (as `prjsim exec --drives`); NULL = a fresh temporary one per case. */
    const char *drives;
    /**
     * A state folder saved by `prjsim exec --drives` (prjsim/state.h): every case starts with
     * its roots on the volume. Read only. NULL: an empty volume.
     */
    const char *state;
    /** Windows directories to create (on the drives folder) before the program starts. */
    char **mkdirs;
    size_t mkdir_count;
    /** Capabilities the provider declares (--caps), when caps_declared. */
    unsigned caps;
    /**
     * Whether caps was given. If not, each case uses what the provider registered when it
     * started: notifications with a NotificationCallback, pending with a CancelCommandCallback.
     */
    bool caps_declared;
    /** TMPDIR for the provider's temporary files (the host's module copies), or NULL. */
    const char *tmpdir;
    /** Crawl limits. */
    unsigned max_depth;
    unsigned max_items;
    /** Seconds a case may take. */
    double timeout;
    /**
     * Write each case's trace file to DIR/CASE.trace, and for a failing case its picture
     * DIR/CASE.html (tools/tracepic), which the report links. NULL: none.
     */
    const char *trace_dir;
    /** Record no trace (diagnostics are still counted): for long random runs. */
    bool no_trace;
    /**
     * The reference provider as prjconf --random runs it: it registers PRE_DELETE and
     * PRE_RENAME notifications and vetoes some of them, and pends some GetPlaceholderInfo and
     * GetFileData callbacks, completing them from another thread; chosen by the item's name.
     */
    bool reference_vetoes;
    /** The backend the cases' operations go through ("sim", "win32"); NULL: "sim". */
    const char *backend;
    /**
     * The diagnostics the recording layer's checker decides come from its report, not the
     * simulator's, so that they are what a provider on real ProjFS would get; the others are
     * the simulator's, marked so. Needs libprjsim_recording.so loaded (LD_PRELOAD).
     */
    bool checker;
} prjconf_target_options;

/* ---- Cases -------------------------------------------------------------------------------- */

/** A case's view of the provider, in the child. Opaque to the runner. */
typedef struct prjconf_ctx prjconf_ctx;

typedef void (*prjconf_case_fn)(prjconf_ctx *c);

typedef struct prjconf_case {
    const char *name;
    /** Capabilities the case needs (PRJCONF_CAP_*). */
    unsigned caps;
    /** Only meaningful against the reference provider or a restartable program. */
    const char *summary;
    prjconf_case_fn run;
} prjconf_case;

/** The case table, in run order, and its length. */
extern const prjconf_case prjconf_cases[];
extern const size_t prjconf_case_count;

/* ---- Selection (select.c) ----------------------------------------------------------------- */

/** Whether @p name matches the shell-style glob @p pattern (`*`, `?`, `[...]`). */
bool prjconf_glob(const char *pattern, const char *name);

/**
 * Parses "I/N" (1 <= I <= N) into @p index (0-based) and @p count. Returns false when malformed.
 */
bool prjconf_shard_parse(const char *text, unsigned *index, unsigned *count);

/** Whether the @p position-th selected case (0-based) belongs to shard @p index of @p count. */
bool prjconf_shard_contains(unsigned index, unsigned count, size_t position);

/** An expected-failures list: lines `GLOB [# reason]`; blank lines and `#` comments ignored. */
typedef struct prjconf_xfail {
    char **patterns;
    char **reasons;
    size_t count;
} prjconf_xfail;

/**
 * Parses expected-failures text. @p origin names it in errors ("origin:line: message" into
 * @p err). Returns false on a malformed line.
 */
bool prjconf_xfail_parse(prjconf_xfail *out, const char *text, const char *origin, char *err,
                         size_t errlen);
/** Reads and parses a file; false (message in @p err) when it cannot be read or is malformed. */
bool prjconf_xfail_load(prjconf_xfail *out, const char *path, char *err, size_t errlen);
/** The reason when @p name is expected to fail ("" when none was given), NULL otherwise. */
const char *prjconf_xfail_match(const prjconf_xfail *x, const char *name);
void prjconf_xfail_free(prjconf_xfail *x);

/* ---- Results and reporters (report.c) ----------------------------------------------------- */

typedef enum prjconf_outcome {
    PRJCONF_PASS,
    PRJCONF_FAIL,  /**< an expectation or a diagnostic */
    PRJCONF_ERROR, /**< a crash, a timeout, or the child ended without a verdict */
    PRJCONF_SKIP,
    PRJCONF_XFAIL, /**< failed, as the expected-failures file says it does */
    PRJCONF_XPASS  /**< passed although expected to fail: fails the run */
} prjconf_outcome;

/** The word the human and JSON reports use ("pass", "fail", "error", ...). */
const char *prjconf_outcome_name(prjconf_outcome o);
/** Whether the outcome fails the run. */
bool prjconf_outcome_fails(prjconf_outcome o);

typedef struct prjconf_result {
    const char *name;
    prjconf_outcome outcome;
    /** One line: why it failed, errored or was skipped ("" when it passed). */
    char *message;
    /** More lines (diagnostics, in-flight commands, stack, trace), each ending in '\n'. */
    char *details;
    /** The names of the diagnostics recorded, comma-separated ("" when none). */
    char *diagnostics;
    unsigned long seed;
    double seconds;
    /** The one-line command that runs this case alone. */
    char *repro;
    /** The provider could not start (a setup error, or it exited or crashed before starting). */
    bool not_started;
    /** The provider program drives its own roots: the whole run is a setup error. */
    bool self_driving;
    /** The backend the case ran through ("sim", "win32"); not owned. */
    const char *backend;
} prjconf_result;

void prjconf_result_free(prjconf_result *r);

/** Writes @p s as a JSON string, quotes included. */
void prjconf_json_string(FILE *out, const char *s);

/** The human report's line for one case: `ok 3 enum.sorted`, `FAIL 4 enum.unique: ...`. */
void prjconf_human_case(FILE *out, size_t number, const prjconf_result *r);
/** The last line: `N passed, N failed[, N skipped][, N expected failures]`. */
void prjconf_human_summary(FILE *out, const prjconf_result *results, size_t count);

void prjconf_tap_plan(FILE *out, size_t count);
void prjconf_tap_case(FILE *out, size_t number, const prjconf_result *r);

/** One JSON object on one line. */
void prjconf_json_case(FILE *out, const prjconf_result *r);

/**
 * A whole JUnit document; crashes and timeouts are `<error>`, failures `<failure>`, each with
 * a message and a type (the first diagnostic, "expectation", "crash", "timeout", "setup",
 * "xpass"); diagnostics, trace and repro command in the case's `<system-out>`. @p started is
 * the suite's timestamp.
 */
void prjconf_junit_write(FILE *out, const char *suite, const prjconf_result *results,
                         size_t count, time_t started);

/* ---- Running (child.c, runner.c) ---------------------------------------------------------- */

/**
 * Runs case @p c in a forked child against @p t and fills @p r (except name, repro and seed,
 * which the runner sets). For the runner: prjconf_child_start / prjconf_child_collect split it
 * so several children can run at once.
 */
typedef struct prjconf_child {
    int pid;
    int fd;
    const prjconf_case *c;
    double started;
    double deadline;
    bool killed;
    char *buf;
    size_t len, cap;
} prjconf_child;

bool prjconf_child_start(prjconf_child *ch, const prjconf_case *c,
                         const prjconf_target_options *t, unsigned long seed);
/** Reads what the child wrote; returns false at end of file. */
bool prjconf_child_read(prjconf_child *ch);
/** Waits for the child and turns its report into @p r. */
void prjconf_child_finish(prjconf_child *ch, prjconf_result *r);

/** Monotonic seconds. */
double prjconf_now(void);

/** What the runner does. */
typedef struct prjconf_run_options {
    prjconf_target_options target;
    const char **filters;
    size_t filter_count;
    unsigned shard_index, shard_count;
    unsigned jobs;
    unsigned long seed;
    const prjconf_xfail *xfail;
    bool tap;
    FILE *json;
    const char *junit_path;
    /** Quoted argv of the repro command up to (excluding) --case: "prjconf --provider P". */
    const char *repro_prefix;
    /** Quoted " -- ARGS" to end the repro command with ("" when none). */
    const char *repro_suffix;
} prjconf_run_options;

/**
 * Runs the selected cases; returns the exit status: 0, 1, or 2 on a setup error, including a
 * provider that cannot start at all (then the cases still to run are left out).
 */
int prjconf_run(const prjconf_run_options *o, FILE *out);

/** Whether @p name is selected by the filters (no filter selects all). */
bool prjconf_selected(const prjconf_run_options *o, const char *name);

#ifdef __cplusplus
}
#endif

#endif
