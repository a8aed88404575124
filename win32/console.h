/* SPDX-License-Identifier: MIT */
/*
 * The console's standard handles, for the rest of the Win32 layer (the file API's WriteFile,
 * ReadFile and GetFileType accept them). Internal to libprjsim.
 */
#ifndef PRJSIM_WIN32_CONSOLE_H
#define PRJSIM_WIN32_CONSOLE_H

#include <windows.h>
#include <stdbool.h>
#include <stdio.h>

/* 0, 1 or 2 if @p h is GetStdHandle's handle for stdin, stdout or stderr; -1 otherwise. */
int prjsim__win_console_fd(HANDLE h);
/* The C stream behind a standard handle (stdin, stdout, stderr), or NULL. */
FILE *prjsim__win_console_stream(HANDLE h);

/*
 * Removes every console control handler for which @p owned says yes (the handlers of a program
 * whose module the host unloads: nothing may call into it afterwards).
 */
void prjsim__win_console_forget_handlers(bool (*owned)(void *handler, void *arg), void *arg);

#endif /* PRJSIM_WIN32_CONSOLE_H */
