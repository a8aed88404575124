/* SPDX-License-Identifier: MIT */
/*
 * The win32 backend's unit test (win32_backend_test.c) is one source for both platforms; what
 * differs is where its empty directory lives, one file per platform: win32_backend_test_linux.c
 * (a directory on the simulator's volume outside every root, the backend attached to that
 * simulation) and windows/tests/win32_backend_test_windows.c (a fresh folder under %TEMP%).
 */
#ifndef PRJSIM_WIN32_BACKEND_TEST_H
#define PRJSIM_WIN32_BACKEND_TEST_H

#include "backend.h"

#include <stdbool.h>
#include <stddef.h>

/* Makes a fresh empty directory, its full path into @p dir; false if it cannot. */
bool seam_test_setup(WCHAR *dir, size_t chars);
/* Removes what setup made (best effort). */
void seam_test_teardown(const WCHAR *dir);

#endif
