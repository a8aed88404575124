/* SPDX-License-Identifier: MIT */
/*
 * The case that cancels a command by its id (conformance/prjconf/cases_simulator.c) needs the
 * simulator, which Windows has not: the runner skips it (PRJCONF_RUN_SIMULATOR) before it runs;
 * this body says so should it be called anyway.
 */
#include <internal.h>

void prjconf_case_pending_cancel(prjconf_ctx *c) { prjconf_skip(c, "backend projfs: %s", PRJCONF_NEEDS_SIMULATOR); }

/* results.allowed looks at the simulator's trace only on a backend with the simulator. */
void prjconf_simulator_internal_errors(prjconf_ctx *c) { (void)c; }
