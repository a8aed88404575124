/* SPDX-License-Identifier: MIT */
/* What the agent's sources share beyond agent.h: the platform's pipe (pipe_posix.c, pipe_win.c). */
#ifndef PRJSIM_AGENT_INTERNAL_H
#define PRJSIM_AGENT_INTERNAL_H

#include "agent.h"

#include "../thread_local.h"

#include <stdlib.h>

/* A pipe as two streams; false when the system has none to give. */
bool prjsim__agent_pipe(FILE **read_end, FILE **write_end);

#endif
