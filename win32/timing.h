/* SPDX-License-Identifier: MIT */
/*
 * The Win32 layer's scaled clock (prjsim/win.h): what Sleep, the wait timeouts, GetTickCount
 * and QueryPerformanceCounter measure. Internal to libprjsim.
 */
#ifndef PRJSIM_WIN32_TIMING_H
#define PRJSIM_WIN32_TIMING_H

#include <windows.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* The scaled clock, in nanoseconds since an arbitrary start. */
uint64_t prjsim__win_clock_ns(void);

/*
 * The real CLOCK_MONOTONIC instant at which a timeout of @p ms scaled milliseconds from now
 * ends. Returns false for INFINITE (no deadline).
 */
bool prjsim__win_deadline(DWORD ms, struct timespec *deadline);

/* Whether the real CLOCK_MONOTONIC time has reached @p deadline. */
bool prjsim__win_deadline_passed(const struct timespec *deadline);

#endif /* PRJSIM_WIN32_TIMING_H */
