/* SPDX-License-Identifier: MIT */
/* The smallest test harness for the Windows build's unit tests (no Criterion for mingw-w64). */
#ifndef PRJSIM_WINDOWS_CHECK_H
#define PRJSIM_WINDOWS_CHECK_H

#include <stdio.h>

static int check_failures;

/* Records a failure with its line and the condition's text; the test goes on. */
#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: failed: %s: ", __FILE__, __LINE__, #cond);                     \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

/* The process's exit status: 0 when every CHECK held. */
#define CHECK_RESULT() (check_failures ? (fprintf(stderr, "%d check(s) failed\n", check_failures), 1) : 0)

#endif
