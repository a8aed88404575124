/* SPDX-License-Identifier: MIT */
/* Linked into every Criterion test (prjsim_add_test). Criterion's runner process leaks a few
 * bytes of its own bookkeeping, which LeakSanitizer reports when the runner exits; each test runs
 * in a worker process started afresh, whose leaks are the ones that matter and stay reported.
 * LeakSanitizer asks __lsan_is_turned_off() at exit: the runner (the only process that runs
 * Criterion's PRE_ALL hook) says yes, a worker says no. This replaces a suppression of the whole
 * Criterion library, which also hid every leak made by a test (all of their stacks pass through
 * it). tools/sanitizer-log-check.sh fails CI on a worker's report. */
#include <criterion/criterion.h>
#include <criterion/hooks.h>

int __lsan_is_turned_off(void);

static int in_runner;

ReportHook(PRE_ALL)(struct criterion_test_set *tests)
{
    (void)tests;
    in_runner = 1;
}

int __lsan_is_turned_off(void)
{
    return in_runner;
}
