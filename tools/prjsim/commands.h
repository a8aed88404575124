/* SPDX-License-Identifier: MIT */
/* The subcommands of the prjsim command-line tool. Each returns the process exit status. */
#ifndef PRJSIM_COMMANDS_H
#define PRJSIM_COMMANDS_H

int prjsim_cmd_demo(int argc, char **argv);
int prjsim_cmd_exec(int argc, char **argv);
int prjsim_cmd_run(int argc, char **argv);
int prjsim_cmd_shell(int argc, char **argv);
int prjsim_cmd_explain(int argc, char **argv);
int prjsim_cmd_trace(int argc, char **argv);

#endif
