/* SPDX-License-Identifier: MIT */
/* The pipe of an agent served in-process (agent_internal.h), with the CRT's _pipe. */
#include "agent_internal.h"

#include <fcntl.h>
#include <io.h>

bool prjsim__agent_pipe(FILE **read_end, FILE **write_end)
{
    int fd[2];
    /* _O_NOINHERIT: else a child process started meanwhile inherits both ends, and the serving
     * thread never sees the end of its input (_pipe; "Pipe Handle Inheritance"). */
    if (_pipe(fd, 1 << 16, _O_BINARY | _O_NOINHERIT) != 0)
        return false;
    *read_end = _fdopen(fd[0], "rb");
    *write_end = _fdopen(fd[1], "wb");
    if (!*read_end || !*write_end)
        abort();
    return true;
}
