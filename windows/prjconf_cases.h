/* SPDX-License-Identifier: MIT */
/*
 * prjconf's case table (conformance/prjconf/cases.h) on Windows, after prjconf.exe's own cases
 * (prjconf_own_cases.h): every case run in this process through the backend seam (the client
 * agent's process, or the win32 backend here: kernel32 and ntdll) against a root the real ProjFS
 * serves (projfs_backend.h). The cases that need the simulator, or a capability the provider is
 * not known to have, are skipped with the reason, as prjconf --backend win32 does on Linux.
 */
#ifndef PRJSIM_PRJCONF_CASES_WIN_H
#define PRJSIM_PRJCONF_CASES_WIN_H

#include "projfs_backend.h"

#include <recording.h>

#include <backend.h>
#include <prjconf.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The backend the cases' I/O goes through: prjsim_backend_win32 (in this process, the default)
 * or prjsim_backend_agent (the client agent's process, so not the bundled provider's own I/O,
 * which ProjFS would not notify or virtualize as a client's). NULL restores the default.
 */
void prjconf_win_set_backend(const prjsim_backend *be);

/* Whether case @p i of the table is skipped on projfs, and why (NULL: it runs). The cases that
 * observe the provider (PRJCONF_RUN_OBSERVED) run with a recorder (prjconf_win_set_recorder). */
const char *prjconf_win_skip_reason(size_t i);

/* Lists the table for --list: `NAME` or `NAME (skipped: REASON)`, one a line. @p bundled: the
 * run would be the bundled provider's (recorded in process: the observing cases run). */
void prjconf_win_list(FILE *out, bool bundled);

/*
 * The capabilities the provider declares (--caps, PRJCONF_CAPS): a case needing one of them
 * runs, a case needing another is skipped. Not called: none is known (the bundled provider
 * registers neither a NotificationCallback nor a CancelCommandCallback).
 */
void prjconf_win_declare_caps(unsigned caps);

/*
 * The recorder of the bundled provider's calls (prjconf_recording.h), or NULL (a --provider
 * program records itself into a file read after the run). With one, each case fails with the
 * checker's diagnostics that appeared while it ran (prjconf_win_run), and the cases that observe
 * the provider's callbacks and commands in flight read it (windows/prjconf_observe.c).
 */
void prjconf_win_set_recorder(prjsim_recording *rec);

/* What prjconf_win_run ran. */
typedef struct prjconf_win_run_info {
    prjconf_result *results; /* prjconf.exe's own cases (prjconf_own_cases.h), then the table */
    size_t count, own;
    const char *timed_out;   /* the case that did not end within the timeout, or NULL */
    size_t not_run;          /* the cases after it (results, skipped, but not printed) */
    /* The checker's report lines [checker_from, checker_to) went to the cases (their results'
     * diagnostics); the others, from before and after the cases, are the `checker` case's. */
    size_t checker_from, checker_to;
} prjconf_win_run_info;

/*
 * Runs prjconf.exe's own cases, then the table, against the started @p root, each on a worker
 * thread given @p timeout_s seconds (prjconf_timed.h), printing each case's line to @p out (own
 * cases PASS/FAIL, the table in prjconf's human format). A case that does not end in time fails
 * "timed out after N s", is left running, and the cases after it are not run (skipped, saying
 * so, in the results; not printed); info->timed_out names it, and the caller must then stop the provider and the agent
 * without waiting for that case. Returns how many results (prjconf_win_free_results).
 */
size_t prjconf_win_run(prjsim_projfs_root *root, FILE *out, unsigned timeout_s, prjconf_win_run_info *info);

/* Runs case @p i of the table against @p root into @p r (free with prjconf_result_free). */
void prjconf_win_run_case(prjsim_projfs_root *root, size_t i, prjconf_result *r);

void prjconf_win_free_results(prjconf_result *results, size_t count);

/** A malloc'd copy of @p s for a result's strings (freed by prjconf_win_free_results); NULL if
 *  memory runs out. */
char *prjconf_win_strdup(const char *s);

#ifdef __cplusplus
}
#endif

#endif
