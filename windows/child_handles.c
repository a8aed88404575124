/* SPDX-License-Identifier: MIT */
/* The standard handles of a child process (child_handles.h). */
#include "child_handles.h"

bool prjsim_win_child_pipe(HANDLE *read_end, HANDLE *write_end, int child_end)
{
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    *read_end = *write_end = NULL;
    if (!CreatePipe(read_end, write_end, &sa, 1 << 16))
        return false;
    if (SetHandleInformation(child_end ? *read_end : *write_end, HANDLE_FLAG_INHERIT, 0))
        return true;
    DWORD e = GetLastError();
    CloseHandle(*read_end);
    CloseHandle(*write_end);
    *read_end = *write_end = NULL;
    SetLastError(e);
    return false;
}

HANDLE prjsim_win_inheritable_std(DWORD which)
{
    HANDLE h = GetStdHandle(which), dup = NULL;
    if (h == NULL || h == INVALID_HANDLE_VALUE)
        return NULL;
    /* DuplicateHandle: bInheritHandle TRUE makes the copy inheritable whatever the original is. */
    if (!DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &dup, 0, TRUE, DUPLICATE_SAME_ACCESS))
        return NULL;
    return dup;
}
