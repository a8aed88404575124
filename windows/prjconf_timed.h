/* SPDX-License-Identifier: MIT */
/*
 * A per-case timeout on Windows, where a case cannot run in a forked child as on Linux
 * (conformance/prjconf/child.c): the case runs on a thread of its own and the runner waits for
 * it a bounded time. A thread cannot be stopped safely (TerminateThread leaves locks held and
 * memory half-written), so a case that does not end is left running: what it uses must stay
 * valid until the process ends, and the run stops after it.
 */
#ifndef PRJSIM_PRJCONF_TIMED_H
#define PRJSIM_PRJCONF_TIMED_H

#include <windows.h>

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Runs @p fn(@p arg) on a new thread and waits up to @p timeout_ms for it. True when it
 * returned (in time); false when it is still running (then @p arg must never be freed). A
 * thread that cannot be started: fn runs on the calling thread, without a timeout.
 */
bool prjconf_win_run_timed(void (*fn)(void *), void *arg, DWORD timeout_ms);

#ifdef __cplusplus
}
#endif

#endif
