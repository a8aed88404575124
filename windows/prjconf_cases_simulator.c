/* SPDX-License-Identifier: MIT */
/*
 * The cases that observe the simulator's insides (conformance/prjconf/cases_simulator.c) have
 * no simulator to observe on Windows: the runner skips them (PRJCONF_RUN_SIMULATOR) before they
 * run; these bodies say so should one be called anyway.
 */
#include <internal.h>

#define SKIPPED(fn)                                                                    \
    void prjconf_case_##fn(prjconf_ctx *c) { prjconf_skip(c, "backend projfs: %s", PRJCONF_NEEDS_SIMULATOR); }

SKIPPED(results_allowed)
SKIPPED(sessions_no_leak)
SKIPPED(commands_no_leak)
SKIPPED(pending_cancel)
