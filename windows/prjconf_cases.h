/* SPDX-License-Identifier: MIT */
/*
 * prjconf's case table (conformance/prjconf/cases.h) on Windows: every case run in this process
 * through the backend seam's win32 backend (kernel32 and ntdll) against a root the real ProjFS
 * serves (projfs_backend.h). The cases that need the simulator, or a capability the provider is
 * not known to have, are skipped with the reason, as prjconf --backend win32 does on Linux.
 */
#ifndef PRJSIM_PRJCONF_CASES_WIN_H
#define PRJSIM_PRJCONF_CASES_WIN_H

#include "projfs_backend.h"

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

/* Whether case @p i of the table is skipped on projfs, and why (NULL: it runs). */
const char *prjconf_win_skip_reason(size_t i);

/* Lists the table for --list: `NAME` or `NAME (skipped: REASON)`, one a line. */
void prjconf_win_list(FILE *out);

/*
 * Runs the table against the started @p root, printing each case's line (prjconf's human
 * format) to @p out. *results receives the results (prjconf_win_free_results); returns how many.
 */
size_t prjconf_win_run(prjsim_projfs_root *root, FILE *out, prjconf_result **results);

/* Runs case @p i of the table against @p root into @p r (free with prjconf_result_free). */
void prjconf_win_run_case(prjsim_projfs_root *root, size_t i, prjconf_result *r);

void prjconf_win_free_results(prjconf_result *results, size_t count);

#ifdef __cplusplus
}
#endif

#endif
