/* SPDX-License-Identifier: MIT */
/*
 * prjsim-agent: the client agent as a process of its own (agent.h). The runner starts it with
 * pipes on its standard input and output and sends requests; it runs each through the win32
 * backend (on Windows, kernel32's calls over real ProjFS, so the provider sees another process)
 * and answers. It ends at the end of its input, after the requests still running.
 * Text-mode streams on Windows are fine: the protocol's lines are ASCII-safe and a '\r' before
 * the '\n' is ignored.
 */
#include "agent.h"

#include <string.h>

int main(int argc, char **argv)
{
    if (argc > 1) {
        FILE *out = !strcmp(argv[1], "--help") ? stdout : stderr;
        fprintf(out, "usage: prjsim-agent   (requests on standard input, replies on standard output;\n"
                     "the protocol is described in conformance/agent/agent.h)\n");
        return out == stdout ? 0 : 2;
    }
    size_t malformed = prjsim_agent_serve(&prjsim_backend_win32, stdin, stdout);
    return malformed ? 1 : 0;
}
