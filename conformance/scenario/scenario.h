/* SPDX-License-Identifier: MIT */
/**
 * @file scenario.h
 * @brief The scenario interpreter: parses scenario scripts (conformance/README.md is the
 * language reference) and runs them against the simulator and the reference provider.
 *
 * A script is parsed completely before anything runs: a malformed script reports
 * `file:line: message` for each error and never runs. Running gives one outcome per script.
 */
#ifndef SCN_SCENARIO_H
#define SCN_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A parsed script. Opaque. */
typedef struct scn_script scn_script;

/** Exit statuses, shared by every entry point. */
enum {
    SCN_EXIT_PASS = 0,      /**< every scenario passed (expected failures included) */
    SCN_EXIT_FAIL = 1,      /**< an expectation failed, or an xfail scenario passed */
    SCN_EXIT_MALFORMED = 2  /**< a malformed script or a usage error: nothing ran */
};

/**
 * Parses a script file.
 * @param out receives the script (NULL on error).
 * @param path the file; its directory is where `manifest` and `expect trace file` look first.
 * @param err receives one `file:line: message` line per error (may be NULL).
 * @return SCN_EXIT_PASS (0) or SCN_EXIT_MALFORMED.
 */
int scn_parse_file(scn_script **out, const char *path, FILE *err);

/**
 * Parses script text (UTF-8). @p origin names it in messages (e.g. "test.scn"); relative
 * files are looked up in @p dir (NULL = the current directory).
 */
int scn_parse_text(scn_script **out, const char *text, const char *origin, const char *dir, FILE *err);

void scn_script_free(scn_script *script);

/** How a script ended. */
typedef enum scn_verdict {
    SCN_PASSED,      /**< every statement ran and every expectation held */
    SCN_FAILED,      /**< an expectation failed (line and message say which) */
    SCN_XFAILED,     /**< marked xfail and an expectation failed, as announced */
    SCN_XPASSED,     /**< marked xfail but everything held: counts as a failure */
    SCN_SKIPPED      /**< not run: it needs the reference provider and a provider program was given,
                          or something the backend cannot do */
} scn_verdict;

typedef struct scn_outcome {
    scn_verdict verdict;
    /** The line of the failed expectation (0 when none). */
    int line;
    /** `expected X, got Y`, why an xfail scenario passed, or why it was skipped. */
    char message[4096];
    /** The xfail reason, when the script has one. */
    char reason[256];
    /** The last trace lines before the failure, one per line (malloc'd, may be NULL). */
    char *recent_trace;
} scn_outcome;

/** Options of a run. */
typedef struct scn_run_options {
    /** Rewrite the golden files of `expect trace file` with what the run produced. */
    bool bless;
    /** Print every statement as it runs, and the whole trace at the end (to @p log). */
    bool verbose;
    FILE *log;
    /**
     * A provider program (prjsim/host.h) to run each scenario against instead of the reference
     * provider, with its arguments (argv[0] is the program). NULL: the reference provider.
     * Scenarios that script the reference provider (item, store, provider, start, stop,
     * complete, ...) are skipped; see conformance/README.md.
     */
    const char *provider;
    int provider_argc;
    char *const *provider_argv;
    /**
     * Write the run's trace, with the state of every item the client touched sampled after each
     * statement, to this trace file (tools/tracepic/tracepic.h; `prjsim trace` draws it). NULL: none.
     */
    const char *trace_file;
    /**
     * The backend client operations go through (conformance/backend/backend.h): "sim" (NULL:
     * the default) or "win32". Scenarios that need what the backend lacks are skipped.
     */
    const char *backend;
    /**
     * `expect diag` on diagnostics the recording layer's checker decides is judged from its
     * report (docs/layering.md), not the simulator's, and so runs on every backend. Needs
     * libprjsim_recording.so loaded (LD_PRELOAD); scn_checker_available() says whether it is.
     */
    bool checker;
    /**
     * Operations under `as process` go through the client agent (conformance/agent/agent.h),
     * served on a thread over a pipe: the protocol a Windows run needs. Always so under the
     * win32 backend; this asks for it under sim too.
     */
    bool agent;
    /**
     * Also write a JUnit XML report of scn_run_files to this file (conformance/junit): one
     * testsuite, one testcase per script with its time, a failure with the `file:line: message`
     * and the recent trace, a skip with its reason. NULL: none.
     */
    const char *junit;
    /** The report's testsuite name. NULL: "prjsim run B", B the backend ("sim" by default). */
    const char *junit_suite;
    /**
     * Run as on a backend without PRJSIM_BACKEND_CAP_VOLUME (real ProjFS): what needs the
     * simulator's volume is skipped, `expect state` reads only PrjGetOnDiskFileState. Lets the
     * simulator check the interpreter's projfs form on Linux.
     */
    bool without_volume;
    /**
     * Keep the script's drive C: under this folder (a Windows path; the folder must be creatable
     * on the backend): `C:\root` becomes DISK_ROOT`\root` for every call, reports keep the
     * script's paths. A scenario with a path on another drive is skipped. NULL: no mapping.
     */
    const char *disk_root;
} scn_run_options;

/** True when the recording layer (libprjsim_recording.so) is loaded, as --checker needs. */
bool scn_checker_available(void);

/**
 * What scn_run decides before anything runs: the scenario is skipped (it needs the reference
 * provider and a provider program was given, or a statement needs what the backend lacks:
 * `backend B: line N: reason`), or fails (an unknown backend). @p out is set either way (its
 * reason is the xfail reason).
 * @return true when decided (@p out says how), false when the scenario would run.
 */
bool scn_decided_before_run(const scn_script *script, const scn_run_options *options, scn_outcome *out);

/**
 * Runs a parsed script in a fresh simulation (made current for the run and destroyed after).
 * @param options NULL for the defaults.
 * @param out receives the outcome; free its recent_trace with free().
 */
void scn_run(const scn_script *script, const scn_run_options *options, scn_outcome *out);

/**
 * What `prjsim run` does: parses every file (any malformed one: messages on @p err, exit 2,
 * nothing runs), runs each, prints `PASS file`, `FAIL file:line: message` (with the recent
 * trace), `XFAIL file: reason` or `SKIP file: reason` per file on @p out and a final
 * `N passed, N failed` line, and the JUnit report when @p options->junit asks for one (a file
 * that cannot be written: exit 2, nothing runs).
 * @return SCN_EXIT_PASS, SCN_EXIT_FAIL or SCN_EXIT_MALFORMED.
 */
int scn_run_files(char *const *paths, size_t count, const scn_run_options *options, FILE *out, FILE *err);

/**
 * The JUnit report (@p options->junit) of a run that cannot start, @p why saying why (ProjFS is
 * missing): every file parsed as scn_run_files does; the scripts decided before they would run
 * (scn_decided_before_run) reported as scn_run_files reports them, every other one an <error>
 * with @p why. Nothing runs and nothing is printed but errors on @p err.
 * @return SCN_EXIT_PASS when the report is written, SCN_EXIT_MALFORMED otherwise.
 */
int scn_junit_not_run(char *const *paths, size_t count, const scn_run_options *options, const char *why, FILE *err);

/**
 * Parses every file (a malformed one: its `file:line: message` lines on @p err and a count).
 * @return SCN_EXIT_PASS or SCN_EXIT_MALFORMED.
 */
int scn_check_files(char *const *paths, size_t count, FILE *err);

/**
 * `prjsim run --list`: parses every file as scn_run_files does (a malformed one: exit 2, nothing
 * listed), then prints, without running anything, `RUN file` for each scenario that would run,
 * `SKIP file: backend B: line N: reason` for each skipped before it runs (scn_decided_before_run),
 * and `backend B: N would run, N skipped` with the count of each reason.
 * @return SCN_EXIT_PASS, SCN_EXIT_FAIL (an unknown backend) or SCN_EXIT_MALFORMED.
 */
int scn_list_files(char *const *paths, size_t count, const scn_run_options *options, FILE *out, FILE *err);

/**
 * The bundled data folder @p what ("trees": the manifests; "scenarios") into @p buf: in
 * <prefix>/share/prjsim beside an installed program, in the source tree for one run from the
 * build tree. NULL when there is none.
 */
const char *scn_data_dir(const char *what, char *buf, size_t size);
/** Whether this program runs from an installation (<prefix>/share/prjsim beside it). */
bool scn_installed(void);

#ifdef __cplusplus
}
#endif

#endif
