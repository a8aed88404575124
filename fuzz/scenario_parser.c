/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the scenario parser (conformance/scenario). Any text parses to a script or to
 * `file:line: message` errors, without reading out of bounds or leaking. Nothing runs.
 */
#include <scenario.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    /* `manifest FILE` reads a file at parse time: a fuzzer must not open /dev/zero or /proc. */
    if (strstr(text, "manifest")) {
        free(text);
        return 0;
    }
    static FILE *devnull;
    if (!devnull)
        devnull = fopen("/dev/null", "w");
    scn_script *script = NULL;
    int rc = scn_parse_text(&script, text, "fuzz.scn", "/nonexistent", devnull);
    if (rc == SCN_EXIT_PASS && !script)
        abort(); /* success must give a script */
    if (rc != SCN_EXIT_PASS && script)
        abort(); /* and failure none */
    scn_script_free(script);
    free(text);
    return 0;
}
