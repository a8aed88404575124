/* SPDX-License-Identifier: MIT */
/*
 * The interpreter's simulator services (simulator.h) on Windows, where there is no simulator:
 * the trace is empty, the simulator's counts are zero, and what can only be done inside the
 * simulator fails with the reason. A scenario that needs it is skipped before it runs
 * (requires.c: PRJSIM_BACKEND_CAP_SIMULATOR, which the projfs backend lacks). Provider programs
 * (`--provider`, external.c) need the simulator's host: on Windows they are prjconf.exe's.
 */
#include "simulator.h"

#include "internal.h"

#include "agent_process.h"
#include "projfs_backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The scenario's prjsim-agent.exe, waited for (it exits when its input ends) before the
 * scenario's folder is removed, so that no handle of its is left under the root. */
static HANDLE agent_process;

static void wait_for_agent(void)
{
    if (!agent_process)
        return;
    WaitForSingleObject(agent_process, 10000);
    CloseHandle(agent_process);
    agent_process = NULL;
}

/* The client agent for the whole run: ProjFS sends the provider no notification for its own
 * process's I/O (semantics reference 6.1), so every operation goes through prjsim-agent.exe. */
bool scn_sim_begin(scn_exec *r)
{
    r->sim = NULL;
    r->agent = scn_sim_agent_start(r->be);
    return r->agent != NULL;
}

void scn_sim_end(scn_exec *r)
{
    prjsim_agent_disconnect(r->agent); /* a run that could not begin; else cleanup() did */
    r->agent = NULL;
    wait_for_agent();
}

size_t scn_sim_trace_count(const scn_exec *r)
{
    (void)r;
    return 0;
}

bool scn_sim_trace_get(const scn_exec *r, size_t index, prjsim_trace_record *out)
{
    (void)r;
    (void)index;
    (void)out;
    return false;
}

size_t scn_sim_diag_count(const scn_exec *r, prjsim_diag d)
{
    (void)r;
    (void)d;
    return 0;
}

size_t scn_sim_commands_in_flight(const scn_exec *r, INT32 *ids, size_t max)
{
    (void)r;
    (void)ids;
    (void)max;
    return 0;
}

size_t scn_sim_running_instances(const scn_exec *r)
{
    (void)r;
    return 0;
}

NTSTATUS scn_sim_cancel(scn_exec *r, INT32 id)
{
    (void)r;
    (void)id;
    return STATUS_NOT_SUPPORTED; /* a pended operation is cancelled by its thread (CancelSynchronousIo) */
}

HRESULT scn_sim_create_directory(scn_exec *r, const WCHAR *path)
{
    (void)r;
    /* https://learn.microsoft.com/windows/win32/api/fileapi/nf-fileapi-createdirectoryw */
    return CreateDirectoryW(path, NULL) ? S_OK : HRESULT_FROM_WIN32(GetLastError());
}

/*
 * A fresh folder for each scenario (projfs_backend.h's root, which the interpreter's instances
 * start in: C:\root is FOLDER\root), under options->disk_root. At the end it is emptied while
 * the instances run (after PrjStopVirtualizing a placeholder folder can no longer be listed:
 * semantics reference 6.1), then removed. Whether everything goes is UNCONFIRMED on Windows
 * (DEVIATIONS.md): what stays is said with its path.
 */
bool scn_sim_disk_begin(scn_exec *r)
{
    static unsigned next;
    prjsim_projfs_root *root = calloc(1, sizeof *root);
    if (!root)
        abort();
    char err[600];
    WCHAR given[MAX_PATH];
    const WCHAR *at = NULL;
    if (r->options->disk_root) {
        WCHAR *parent = scn_wide(r->options->disk_root);
        int n = swprintf(given, MAX_PATH, L"%ls\\prjsim-run-%lu-%u", parent, (unsigned long)GetCurrentProcessId(),
                         next++);
        free(parent);
        if (n <= 0 || n >= MAX_PATH) {
            fprintf(stderr, "prjsim-run: %s: path too long for a scenario's folder\n", r->options->disk_root);
            free(root);
            return false;
        }
        at = given;
    }
    if (!prjsim_projfs_root_create(root, at, err, sizeof err)) {
        fprintf(stderr, "prjsim-run: %s\n", err);
        free(root);
        return false;
    }
    r->disk = root;
    r->disk_root = scn_wcsdup(root->path);
    return true;
}

void scn_sim_disk_end(scn_exec *r, bool running)
{
    prjsim_projfs_root *root = r->disk;
    if (!root)
        return;
    char err[600] = "";
    if (running) {
        /* Not while an operation still waits on a pended callback: the emptying could wait on
         * what it holds. The folder is then emptied after the stop as far as it can be. */
        if (r->blocked_count)
            return;
        /* The agent's open handles first, as a program closes its files before deleting them
         * (cleanup() closes the rest, whose slots are left empty here). */
        for (size_t i = 0; i < r->handle_count; i++) {
            if (r->handles[i].h && !r->handles[i].pending) {
                r->handles[i].be->close(r->handles[i].h);
                r->handles[i].h = NULL;
            }
        }
        prjsim_projfs_root_empty(root, err, sizeof err); /* what stays is removed (or reported) below */
        return;
    }
    wait_for_agent(); /* cleanup() has disconnected it */
    if (!prjsim_projfs_root_finish(root, err, sizeof err))
        fprintf(stderr, "prjsim-run: %s\n", err);
    free(root);
    r->disk = NULL;
}

HRESULT scn_sim_state_check(const char *dir, char *err, size_t errlen)
{
    (void)dir;
    snprintf(err, errlen, "a saved volume needs the simulator");
    return S_OK; /* parsed here; the scenario is skipped (requires.c) */
}

HRESULT scn_sim_state_load(scn_exec *r, const char *dir, char *err, size_t errlen)
{
    (void)r;
    (void)dir;
    snprintf(err, errlen, "a saved volume needs the simulator");
    return E_NOTIMPL;
}

void scn_sim_set_caller(const prjsim_caller *caller)
{
    (void)caller; /* the caller is the process that does the I/O: this one, or the agent */
}

prjsim_caller scn_sim_caller(void)
{
    prjsim_caller c;
    memset(&c, 0, sizeof c);
    c.process_id = GetCurrentProcessId();
    return c;
}

prjsim_agent_conn *scn_sim_agent_start(const prjsim_backend *be)
{
    (void)be; /* the agent serves its own win32 backend */
    HANDLE process = NULL;
    char err[512];
    prjsim_agent_conn *c = prjsim_agent_start_beside(&process, err, sizeof err);
    if (!c)
        fprintf(stderr, "prjsim-run: %s\n", err);
    else {
        wait_for_agent(); /* a previous scenario's, should one be left */
        agent_process = process; /* it exits when its input ends (prjsim_agent_disconnect) */
    }
    return c;
}

HRESULT scn_sim_fault_check(const char *spec, char *err, size_t errlen)
{
    (void)spec;
    (void)err;
    (void)errlen;
    return S_OK; /* the fault wrapper is the simulator's: the scenario is skipped (requires.c) */
}

HRESULT scn_sim_fault_wrap(scn_provider *p, const char *spec, const PRJ_CALLBACKS **callbacks, void **context)
{
    (void)p;
    (void)spec;
    (void)callbacks;
    (void)context;
    return E_NOTIMPL;
}

void scn_sim_fault_free(scn_provider *p)
{
    (void)p;
}

void scn_sim_trace_sample(scn_exec *r)
{
    (void)r;
}

bool scn_sim_trace_write(scn_exec *r)
{
    (void)r;
    return false; /* --trace-file draws the simulator's trace */
}

/* ---- provider programs (external.c on Linux) ---- */

bool scn_external_start(scn_exec *r, int line)
{
    return scn_fail(r, line, "a provider program needs the simulator's host (use prjconf.exe --provider)");
}

void scn_external_finish(scn_exec *r)
{
    (void)r;
}

void scn_sync_events(scn_exec *r)
{
    if (scn_observed_by_recording(r))
        scn_sync_recorded_events(r);
}

/* ---- the bundled data (datadir.c on Linux): beside the program, as prjconf.exe's trees\ ---- */

static bool beside_program(const char *what, char *buf, size_t size)
{
    char exe[MAX_PATH];
    DWORD n = GetModuleFileNameA(NULL, exe, sizeof exe);
    if (!n || n >= sizeof exe)
        return false;
    char *slash = strrchr(exe, '\\');
    if (slash)
        *slash = 0;
    int len = snprintf(buf, size, "%s\\%s", exe, what);
    DWORD attr = GetFileAttributesA(buf);
    return len > 0 && (size_t)len < size && attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY);
}

bool scn_installed(void)
{
    return false;
}

const char *scn_data_dir(const char *what, char *buf, size_t size)
{
    return beside_program(what, buf, size) ? buf : NULL;
}
