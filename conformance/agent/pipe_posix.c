/* SPDX-License-Identifier: MIT */
/* The pipe of an agent served in-process (agent_internal.h), with pipe(2). */
#include "agent_internal.h"

#include <unistd.h>

bool prjsim__agent_pipe(FILE **read_end, FILE **write_end)
{
    int fd[2];
    if (pipe(fd) != 0)
        return false;
    *read_end = fdopen(fd[0], "r");
    *write_end = fdopen(fd[1], "w");
    if (!*read_end || !*write_end)
        abort();
    return true;
}
