/* SPDX-License-Identifier: MIT */
/**
 * @file prjsim/win.h
 * @brief prjsim's controls over the Win32 layer a provider program runs on: the clock of
 * Sleep and the timeouts, and the console control events.
 */
#ifndef PRJSIM_WIN_H
#define PRJSIM_WIN_H

#include <windows.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Sets how fast the Win32 layer's time runs. Sleep(ms) and every wait timeout (WaitFor*,
 * SleepConditionVariable*) last ms * @p scale real milliseconds, and GetTickCount(64) and
 * QueryPerformanceCounter advance 1 / @p scale times as fast as real time, so a provider that
 * sleeps or polls the tick count for 10 s finishes in 100 ms at 0.01. A scale of 0 makes
 * sleeps and finite timeouts not wait at all; each Sleep(ms) then moves the clocks forward by
 * ms. The clocks stay continuous across a change.
 *
 * The default is 1.0, or the value of the environment variable PRJSIM_TIME_SCALE read on
 * first use (an unreadable value is ignored).
 *
 * @param scale 0 or more, finite.
 * @return false (and nothing changes) for a negative, infinite or NaN @p scale.
 */
bool prjsim_win_set_time_scale(double scale);

/** The current time scale. */
double prjsim_win_time_scale(void);

/**
 * Delivers a console control event (CTRL_C_EVENT, CTRL_BREAK_EVENT, CTRL_CLOSE_EVENT,
 * CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT) to the handlers the program registered with
 * SetConsoleCtrlHandler: the last registered first, each in turn until one returns TRUE. The
 * handlers run on the calling thread (Windows starts a new thread for them).
 *
 * @return TRUE if a handler returned TRUE, or if the event is CTRL_C_EVENT and the program
 *  asked to ignore it (SetConsoleCtrlHandler(NULL, TRUE)); FALSE otherwise, where Windows'
 *  default handler would end the process: the caller decides what to do.
 */
BOOL prjsim_win_raise_console_ctrl(DWORD ctrl_type);

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_WIN_H */
