/* SPDX-License-Identifier: MIT */
/*
 * The standard handles of a child process prjconf or the scenario runner starts (a provider
 * program, the client agent): one definition for both.
 */
#ifndef PRJSIM_WINDOWS_CHILD_HANDLES_H
#define PRJSIM_WINDOWS_CHILD_HANDLES_H

#include <windows.h>

#include <stdbool.h>

/**
 * An anonymous pipe (CreatePipe) whose @p child_end (0 the read end, 1 the write end) is
 * inheritable and whose other end is not, so the child sees the end of its input when we close
 * ours. On failure both handles are closed and NULL, and GetLastError says why.
 */
bool prjsim_win_child_pipe(HANDLE *read_end, HANDLE *write_end, int child_end);

/**
 * An inheritable duplicate of our standard handle @p which (STD_OUTPUT_HANDLE...), for a
 * child's STARTUPINFOW: the handles given there "must be inheritable" (STARTUPINFOW,
 * STARTF_USESTDHANDLES), which ours are not always. NULL when we have none; the caller closes
 * it after CreateProcessW.
 */
HANDLE prjsim_win_inheritable_std(DWORD which);

#endif
