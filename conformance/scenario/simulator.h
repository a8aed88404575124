/* SPDX-License-Identifier: MIT */
/*
 * What the interpreter asks of the simulator's insides, in one place so that the shared files
 * build on every platform (STYLE habit 5): simulator_linux.c is the simulator (prjsim.h);
 * windows/scenario_simulator_win.c has none, and what needs one there is skipped before it runs
 * (requires.c, PRJSIM_BACKEND_CAP_SIMULATOR) or fails with the reason. Every function takes the
 * run (its r->sim is the simulation on Linux, NULL on Windows).
 */
#ifndef SCN_SIMULATOR_H
#define SCN_SIMULATOR_H

#include <agent.h>
#include <backend.h>

#include <prjsim/trace.h>
#include <stdbool.h>
#include <stddef.h>

struct scn_exec;
struct scn_provider;

/* Creates the run's simulation and makes it current (the backend attached to it unless a
 * provider program runs); false when it cannot be. Windows: nothing to create, true. */
bool scn_sim_begin(struct scn_exec *r);
/* Restores the current simulation and destroys the run's. */
void scn_sim_end(struct scn_exec *r);

/* The trace of internal events (Windows: empty). */
size_t scn_sim_trace_count(const struct scn_exec *r);
bool scn_sim_trace_get(const struct scn_exec *r, size_t index, prjsim_trace_record *out);
/* Diagnostics @p d the simulator reported so far (Windows: none; the checker's are observer.h's). */
size_t scn_sim_diag_count(const struct scn_exec *r, prjsim_diag d);
/* The simulator's commands in flight (their ids into @p ids) and running instances. */
size_t scn_sim_commands_in_flight(const struct scn_exec *r, INT32 *ids, size_t max);
size_t scn_sim_running_instances(const struct scn_exec *r);
/* Cancels command @p id as the I/O manager would. */
NTSTATUS scn_sim_cancel(struct scn_exec *r, INT32 id);

/* Creates a directory of the volume (a root, `directory`); ERROR_ALREADY_EXISTS when it is there. */
HRESULT scn_sim_create_directory(struct scn_exec *r, const WCHAR *path);
/*
 * The folder the run keeps the script's drive C: in (r->disk_root, paths.c). Linux: none, or
 * options->disk_root (--map-drive) made on the simulator's volume off the record (the virtual
 * clock does not move). Windows: always one, fresh for each scenario, under options->disk_root
 * (prjsim-run.exe: %TEMP% or --root). False, the reason on stderr, when it cannot be made.
 */
bool scn_sim_disk_begin(struct scn_exec *r);
/* At the end of a run, also after a failure: while the instances still run (@p running: Windows
 * empties the folder through them, as a stopped root cannot be emptied) and after they stopped
 * (Windows removes the folder; what cannot be removed is said on stderr). Linux: nothing. */
void scn_sim_disk_end(struct scn_exec *r, bool running);
/* A saved volume (`state DIR`): checked when parsed, loaded when run. */
HRESULT scn_sim_state_check(const char *dir, char *err, size_t errlen);
HRESULT scn_sim_state_load(struct scn_exec *r, const char *dir, char *err, size_t errlen);

/* The caller of client operations: set (NULL = this process) and read back. */
void scn_sim_set_caller(const prjsim_caller *caller);
prjsim_caller scn_sim_caller(void);
/* The client agent `as process` goes through: in process on Linux, prjsim-agent.exe on Windows. */
struct prjsim_agent_conn *scn_sim_agent_start(const prjsim_backend *be);

/* Option faults=SPEC (fixtures/fault): checked when parsed; the fault wrapper in front of the
 * provider's callbacks (@p callbacks, @p context replaced); freed after the instance stopped. */
HRESULT scn_sim_fault_check(const char *spec, char *err, size_t errlen);
HRESULT scn_sim_fault_wrap(struct scn_provider *p, const char *spec, const PRJ_CALLBACKS **callbacks,
                           void **context);
void scn_sim_fault_free(struct scn_provider *p);

/* --trace-file: the item states after a statement, and the file at the end. */
void scn_sim_trace_sample(struct scn_exec *r);
bool scn_sim_trace_write(struct scn_exec *r);

#endif
