/* SPDX-License-Identifier: MIT */
/*
 * The console's standard handles, for the rest of the Win32 layer (the file API's WriteFile,
 * ReadFile and GetFileType accept them). Internal to libprjsim.
 */
#ifndef PRJSIM_WIN32_CONSOLE_H
#define PRJSIM_WIN32_CONSOLE_H

#include <windows.h>
#include <stdio.h>

/* 0, 1 or 2 if @p h is GetStdHandle's handle for stdin, stdout or stderr; -1 otherwise. */
int prjsim__win_console_fd(HANDLE h);
/* The C stream behind a standard handle (stdin, stdout, stderr), or NULL. */
FILE *prjsim__win_console_stream(HANDLE h);

#endif /* PRJSIM_WIN32_CONSOLE_H */
