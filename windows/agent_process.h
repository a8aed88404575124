/* SPDX-License-Identifier: MIT */
/*
 * The client agent as a process of its own on Windows (conformance/agent/agent.h): started
 * with pipes on its standard input and output, connected as backend "agent".
 */
#ifndef PRJSIM_WIN_AGENT_PROCESS_H
#define PRJSIM_WIN_AGENT_PROCESS_H

#include <windows.h>

#include <agent.h>

/*
 * Starts @p exe (prjsim-agent.exe) and connects to it; *process gets its handle (wait for it
 * after prjsim_agent_disconnect, which ends its input). NULL when it cannot be started (the
 * last error says why).
 */
prjsim_agent_conn *prjsim_agent_start_process(const WCHAR *exe, HANDLE *process);

#endif
