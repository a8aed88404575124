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

static int usage(FILE *out)
{
    fprintf(out, "usage: prjsim COMMAND [ARGS...]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].help);
    return out == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage(stderr);
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
        return usage(stdout);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 2, argv + 2);
    fprintf(stderr, "prjsim: unknown command '%s'\n", argv[1]);
    return usage(stderr);
}
