/* SPDX-License-Identifier: MIT */
/*
 * The JUnit XML writer of the suite's runners: prjconf's report (conformance/prjconf/report.c)
 * and the scenario runner's (`prjsim run --junit`, prjsim-run.exe --junit; scenario/runner.c).
 * Plain C11 over a FILE, built for Linux and for Windows (MSVC, mingw-w64); the host name, the
 * timestamp and the clock are the platform's (host_posix.c, host_win.c, chosen in CMake).
 *
 * The layout, which CI readers (GitHub, GitLab, Jenkins) take: one <testsuites> holding one
 * <testsuite> with its counts, total time, timestamp, hostname and a "backend" property; one
 * <testcase> per case with its time, and a <failure>, <error> or <skipped> element with a message
 * (and a type for failures and errors) when it did not pass.
 */
#ifndef PRJSIM_JUNIT_H
#define PRJSIM_JUNIT_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/** How a case ended, as JUnit tells it. */
typedef enum prjsim_junit_outcome {
    PRJSIM_JUNIT_PASSED,
    PRJSIM_JUNIT_FAILURE, /**< an expectation did not hold: <failure> */
    PRJSIM_JUNIT_ERROR,   /**< it could not run to its end (crash, timeout, setup): <error> */
    PRJSIM_JUNIT_SKIPPED  /**< not run, or an expected failure: <skipped> */
} prjsim_junit_outcome;

/** One <testcase>. Every string is UTF-8, escaped by the writer; NULL is "". */
typedef struct prjsim_junit_case {
    const char *classname;
    const char *name;
    double seconds;
    prjsim_junit_outcome outcome;
    /** The message attribute of <failure>, <error> or <skipped>. */
    const char *message;
    /** The type attribute of <failure> and <error> (what a reader groups them by). */
    const char *type;
    /** The text of <failure>, <error> or <skipped> (NULL: empty). */
    const char *text;
    /** The case's <system-out> (NULL: none). */
    const char *system_out;
} prjsim_junit_case;

/**
 * Writes @p s escaped for XML text and attribute values: &<>"' as entities; a control character
 * XML 1.0 cannot hold (not even as a reference: all below 0x20 but tab, newline and carriage
 * return) and a byte that is not part of valid UTF-8 as '?', so the document is always well-formed.
 */
void prjsim__junit_escape(FILE *out, const char *s);

/**
 * Writes a whole JUnit document: suite @p suite with the "backend" property @p backend,
 * timestamped @p started, its tests, failures, errors, skipped and time attributes counted from
 * @p cases.
 */
void prjsim__junit_write(FILE *out, const char *suite, const char *backend, time_t started,
                         const prjsim_junit_case *cases, size_t count);

/**
 * The suite's hostname ("localhost" when unknown) and UTC timestamp of @p started (ISO 8601,
 * "" when it cannot be formatted): host_posix.c, host_win.c.
 */
void prjsim__junit_host(char *host, size_t host_size, char *stamp, size_t stamp_size, time_t started);

/** Seconds on a monotonic clock, for a case's time (host_posix.c, host_win.c). */
double prjsim__junit_clock(void);

#ifdef __cplusplus
}
#endif

#endif
