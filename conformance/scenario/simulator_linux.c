/* SPDX-License-Identifier: MIT */
/* The interpreter's simulator services (simulator.h) on Linux: the simulator itself (prjsim.h). */
#include "simulator.h"

#include "internal.h"

#include <fault.h>
#include <prjsim.h>
#include <tracepic.h>

#include <stdio.h>
#include <stdlib.h>

bool scn_sim_begin(scn_exec *r)
{
    if (FAILED(prjsim_sim_create(&r->sim, &r->script->setup.sim)))
        return false;
    r->previous_sim = prjsim_sim_set_current(r->sim);
    /* A provider program's own Win32 calls may reach host files: attach only without one. */
    if (r->be->attach && !r->external)
        r->be->attach(r->sim);
    return true;
}

void scn_sim_end(scn_exec *r)
{
    if (r->be->attach && !r->external)
        r->be->attach(NULL);
    prjsim_sim_set_current(r->previous_sim);
    prjsim_sim_destroy(r->sim);
    r->sim = NULL;
}

size_t scn_sim_trace_count(const scn_exec *r)
{
    return prjsim_trace_count(r->sim);
}

bool scn_sim_trace_get(const scn_exec *r, size_t index, prjsim_trace_record *out)
{
    return prjsim_trace_get(r->sim, index, out);
}

size_t scn_sim_diag_count(const scn_exec *r, prjsim_diag d)
{
    return prjsim_trace_count_diag(r->sim, d);
}

size_t scn_sim_commands_in_flight(const scn_exec *r, INT32 *ids, size_t max)
{
    return prjsim_sim_commands_in_flight(r->sim, ids, max);
}

size_t scn_sim_running_instances(const scn_exec *r)
{
    return prjsim_sim_running_instances(r->sim, NULL, 0);
}

NTSTATUS scn_sim_cancel(scn_exec *r, INT32 id)
{
    return prjsim_client_cancel(r->sim, id);
}

HRESULT scn_sim_create_directory(scn_exec *r, const WCHAR *path)
{
    return prjsim_volume_create_directory(r->sim, path);
}

bool scn_sim_disk_begin(scn_exec *r)
{
    if (!r->options->disk_root)
        return true;
    WCHAR *d = r->disk_root = scn_wide(r->options->disk_root);
    size_t n = wcslen(d);
    while (n > 3 && (d[n - 1] == L'\\' || d[n - 1] == L'/'))
        d[--n] = 0;
    int64_t clock = prjsim_sim_now(r->sim); /* off the record: the script's times stay as unmapped */
    for (size_t i = 3; i <= n; i++) {
        if (i < n && d[i] != L'\\' && d[i] != L'/')
            continue;
        WCHAR c = d[i];
        d[i] = 0;
        HRESULT hr = prjsim_volume_create_directory(r->sim, d);
        d[i] = c;
        if (FAILED(hr) && hr != HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS)) {
            fprintf(stderr, "cannot create the folder the run keeps C: in, %s (0x%08X)\n", r->options->disk_root,
                    (unsigned)hr);
            return false;
        }
    }
    prjsim_sim_set_clock(r->sim, clock);
    return true;
}

void scn_sim_disk_end(scn_exec *r, bool running)
{
    (void)r;
    (void)running; /* the simulation, its volume with it, is destroyed after the run */
}

HRESULT scn_sim_state_check(const char *dir, char *err, size_t errlen)
{
    return prjsim_state_check(dir, err, errlen);
}

HRESULT scn_sim_state_load(scn_exec *r, const char *dir, char *err, size_t errlen)
{
    return prjsim_state_load(r->sim, dir, NULL, err, errlen);
}

void scn_sim_set_caller(const prjsim_caller *caller)
{
    prjsim_client_set_caller(caller);
}

prjsim_caller scn_sim_caller(void)
{
    return prjsim_client_get_caller();
}

prjsim_agent_conn *scn_sim_agent_start(const prjsim_backend *be)
{
    return prjsim_agent_start_local(be);
}

HRESULT scn_sim_fault_check(const char *spec, char *err, size_t errlen)
{
    return fault_spec_check(spec, err, errlen);
}

HRESULT scn_sim_fault_wrap(scn_provider *p, const char *spec, const PRJ_CALLBACKS **callbacks, void **context)
{
    if (!p->fault && FAILED(fault_wrap(&p->outer, p, spec, &p->fault, NULL, 0)))
        return E_INVALIDARG;
    *callbacks = fault_callbacks(p->fault);
    *context = fault_context(p->fault);
    return S_OK;
}

void scn_sim_fault_free(scn_provider *p)
{
    fault_free(p->fault);
    p->fault = NULL;
}

/* The state of an item as `expect state` names it, for the trace file. */
static void probe_state(void *ctx, const WCHAR *full, char *state, size_t size)
{
    scn_flags_str(scn_state_names, scn_item_state(ctx, full), state, size);
}

static bool skip_hidden(void *ctx, size_t index)
{
    return scn_trace_hidden(ctx, index);
}

void scn_sim_trace_sample(scn_exec *r)
{
    if (!r->samples && !(r->samples = calloc(1, sizeof *r->samples)))
        abort();
    tracepic_sample(r->samples, r->sim, probe_state, r);
}

bool scn_sim_trace_write(scn_exec *r)
{
    bool ok = tracepic_write(r->options->trace_file, r->script->origin, r->sim, r->samples, skip_hidden, r);
    if (r->samples) {
        tracepic_samples_free(r->samples);
        free(r->samples);
        r->samples = NULL;
    }
    return ok;
}
