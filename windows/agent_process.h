/* SPDX-License-Identifier: MIT */
/*
 * The client agent as a process of its own on Windows (conformance/agent/agent.h): started
 * with pipes on its standard input and output, connected as backend "agent".
 */
#ifndef PRJSIM_WIN_AGENT_PROCESS_H
#define PRJSIM_WIN_AGENT_PROCESS_H

#include "../conformance/windows_status.h"

#include <agent.h>

/*
 * Starts @p exe (prjsim-agent.exe) and connects to it; *process gets its handle (wait for it
 * after prjsim_agent_disconnect, which ends its input). NULL when it cannot be started (the
 * last error says why).
 */
prjsim_agent_conn *prjsim_agent_start_process(const WCHAR *exe, HANDLE *process);

/*
 * The path of prjsim-agent.exe beside the running program (GetModuleFileNameW) into @p exe;
 * false with @p err saying it is missing, with that path.
 */
bool prjsim_agent_find_beside(WCHAR exe[MAX_PATH], char *err, size_t errlen);

/*
 * Starts prjsim-agent.exe from the folder of the running program (GetModuleFileNameW); NULL
 * with @p err saying why (missing, or the error CreateProcessW gave).
 */
prjsim_agent_conn *prjsim_agent_start_beside(HANDLE *process, char *err, size_t errlen);

/*
 * Ends the agent's input and waits (60 s at most) for the process; false with @p err when it
 * did not exit, or exited with a status other than 0 (1: a line it did not understand).
 */
bool prjsim_agent_stop_process(prjsim_agent_conn *c, HANDLE process, char *err, size_t errlen);

#endif
