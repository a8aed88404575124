/* SPDX-License-Identifier: MIT */
/* prjsim: the command-line front end of the simulator. */
#include "commands.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} commands[] = {
    {"demo", prjsim_cmd_demo, "walk the ProjFS cache states against the reference provider"},
    {"exec", prjsim_cmd_exec, "run a provider program built with prjsim-cc or prjsim-c++"},
    {"run", prjsim_cmd_run, "run scenario scripts (conformance/README.md)"},
    {"shell", prjsim_cmd_shell, "an interactive shell over a live root, showing what ProjFS asks"},
    {"explain", prjsim_cmd_explain, "what a diagnostic means"},
    {"trace", prjsim_cmd_trace, "draw a recorded run: an HTML page and Mermaid text"},
};
enum { command_count = sizeof commands / sizeof commands[0] };

static int usage(FILE *out)
{
    fprintf(out, "usage: prjsim COMMAND [ARGS...]\n"
                 "       prjsim help [COMMAND] | --help | --version\n\ncommands:\n");
    for (size_t i = 0; i < command_count; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].help);
    fprintf(out, "  %-8s %s\n", "help", "this list, or a command's own usage");
    fprintf(out, "\n`prjsim COMMAND --help` prints a command's usage.\n");
    return out == stdout ? 0 : 2;
}

static int find(const char *name)
{
    for (int i = 0; i < command_count; i++)
        if (!strcmp(name, commands[i].name))
            return i;
    fprintf(stderr, "prjsim: unknown command '%s'\n", name);
    return -1;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage(stderr);
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
        return usage(stdout);
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("prjsim %s\n", PRJSIM_VERSION);
        return 0;
    }
    if (!strcmp(argv[1], "help")) {
        if (argc < 3 || !strcmp(argv[2], "--help") || !strcmp(argv[2], "-h"))
            return usage(stdout);
        int i = find(argv[2]);
        char *help[] = {"--help", NULL};
        return i < 0 ? usage(stderr) : commands[i].run(1, help);
    }
    int i = find(argv[1]);
    return i < 0 ? usage(stderr) : commands[i].run(argc - 2, argv + 2);
}
