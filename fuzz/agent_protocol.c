/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the client agent's protocol decoder (conformance/agent/protocol.c). Any bytes,
 * read as a request line and as a reply line, decode or give a `line N:` message, never both;
 * what decodes encodes to a line that decodes to the same line again.
 */
#include <agent.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* exactly the bytes given, so that an overread past the line is caught */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    char err[300];
    prjsim_agent_request rq;
    err[0] = 0;
    if (prjsim_agent_parse_request(text, size, 1, &rq, NULL, err, sizeof err)) {
        if (err[0])
            abort();
        char *line = prjsim_agent_format_request(&rq);
        prjsim_agent_request back;
        if (!prjsim_agent_parse_request(line, strlen(line), 1, &back, NULL, err, sizeof err))
            abort();
        char *again = prjsim_agent_format_request(&back);
        if (strcmp(line, again))
            abort();
        free(again);
        free(line);
        prjsim_agent_request_free(&back);
        prjsim_agent_request_free(&rq);
    } else if (strncmp(err, "line 1: ", 8)) {
        abort();
    }
    prjsim_agent_reply rp;
    err[0] = 0;
    if (prjsim_agent_parse_reply(text, size, 1, &rp, err, sizeof err)) {
        if (err[0])
            abort();
        char *line = prjsim_agent_format_reply(&rp);
        prjsim_agent_reply back;
        if (!prjsim_agent_parse_reply(line, strlen(line), 1, &back, err, sizeof err))
            abort();
        char *again = prjsim_agent_format_reply(&back);
        if (strcmp(line, again))
            abort();
        free(again);
        free(line);
        prjsim_agent_reply_free(&back);
        prjsim_agent_reply_free(&rp);
    } else if (strncmp(err, "line 1: ", 8)) {
        abort();
    }
    free(text);
    return 0;
}
