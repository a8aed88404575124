/* SPDX-License-Identifier: MIT */
/*
 * The cases that observe the provider through the simulator or the recording layer, or cancel
 * a command by its id (conformance/prjconf/cases_simulator.c), have neither on Windows yet: the
 * runner skips them (PRJCONF_RUN_OBSERVED, PRJCONF_RUN_SIMULATOR) before they run; these bodies
 * say so should one be called anyway.
 */
#include <internal.h>

#define SKIPPED(fn, why)                                                               \
    void prjconf_case_##fn(prjconf_ctx *c) { prjconf_skip(c, "backend projfs: %s", why); }

SKIPPED(sessions_no_leak, PRJCONF_NEEDS_OBSERVATION)
SKIPPED(commands_no_leak, PRJCONF_NEEDS_OBSERVATION)
SKIPPED(pending_cancel, PRJCONF_NEEDS_SIMULATOR)

/* results.allowed looks at the simulator's trace only on a backend with the simulator. */
void prjconf_simulator_internal_errors(prjconf_ctx *c) { (void)c; }
