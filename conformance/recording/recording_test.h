/* SPDX-License-Identifier: MIT */
/* What test_recording's sources share (recording_test.c, checker_test.c). */
#ifndef PRJSIM_RECORDING_TEST_H
#define PRJSIM_RECORDING_TEST_H

#include <stdbool.h>

/* True when the checker's report has a line for the diagnostic @p name. */
bool recording_test_reported(const char *report, const char *name);

#endif
