/* SPDX-License-Identifier: MIT */
/*
 * `prjsim shell`: what its commands (shell_commands.c) share with the loop around them
 * (shell.c). Every command that touches the simulation becomes scenario statements run in a
 * session (conformance/scenario/session.h), so the session's text is the scenario `record` saves.
 */
#ifndef PRJSIM_SHELL_H
#define PRJSIM_SHELL_H

#include <session.h>

#include <stdbool.h>
#include <stdio.h>

typedef struct shell {
    scn_session *session;
    FILE *out;
    bool colour;
    bool trace;            /* print what each command caused */
    bool external;         /* a provider program, not the reference provider */
    char root[520];        /* the virtualization root, C:\... */
    char cwd[1040];        /* full path of the current directory */
    unsigned handles;      /* handle names used so far (h1, h2, ...) */
    unsigned leftover[16];  /* handles a command left open because a step waits on a pended callback */
    size_t leftover_count;
    int failures;          /* expectations that did not hold on their own run: a bug */
} shell;

/* One command of the table (shell_commands.c). */
typedef struct shell_command {
    const char *name;
    const char *synopsis;
    const char *help;
    int (*run)(shell *sh, int argc, char **argv);
    bool touches;          /* it runs statements: mark before, expectations and trace after */
} shell_command;

extern const shell_command shell_commands[];
extern const size_t shell_command_count;

/* Colours (empty strings without colour). */
const char *shell_colour(const shell *sh, const char *sgr);
#define SH_RESET "0"
#define SH_DIM "2"
#define SH_RED "1;31"
#define SH_GREEN "32"
#define SH_YELLOW "33"
#define SH_BLUE "34"
#define SH_MAGENTA "35"
#define SH_CYAN "36"

/* Runs scenario lines in the session; a message for anything that did not run. */
int shell_statement(shell *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds `expect RESULT` for the last operation; returns false when it is pending. */
bool shell_expect_result(shell *sh);
/* Prints `WHAT: STATUS (Win32 error)` for a failed last result; returns whether it succeeded. */
bool shell_report_result(shell *sh, const char *what);
/* A path as the shell's user typed it, made full (C:\root\dir\a.txt); malloc'd. */
char *shell_full_path(const shell *sh, const char *arg);
/* The path relative to the root ("" for the root), or NULL outside it; malloc'd. */
char *shell_relative_path(const shell *sh, const char *full);
/* Quotes a word for a scenario line ("..."); false when it cannot be written (a quote in it). */
bool shell_quote(const char *s, char *buf, size_t size);
/* Writes bytes as a scenario data string ("...", escaped); malloc'd. */
char *shell_data_string(const unsigned char *data, size_t len);

#endif
