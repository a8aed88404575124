/* SPDX-License-Identifier: MIT */
/*
 * The dispatcher: the one seam through which every call into the provider goes. It builds
 * PRJ_CALLBACK_DATA, records the call, runs it (on the calling thread in this version) with
 * the simulation unlocked, waits for PrjCompleteCommand when the callback pends, and returns
 * the final HRESULT.
 */
#include "internal.h"

#include <stdatomic.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

static _Thread_local prjsim__command *tls_command;

prjsim__command *prjsim__current_command(void)
{
    return tls_command;
}

void prjsim__note_api_result(HRESULT hr)
{
    if (hr == S_OK) /* before the thread-local read, which costs a call in a shared library */
        return;
    prjsim__command *c = tls_command;
    if (!c)
        return;
    for (int i = 0; i < c->api_result_count; i++)
        if (c->api_results[i] == hr)
            return;
    if (c->api_result_count < (int)(sizeof c->api_results / sizeof c->api_results[0]))
        c->api_results[c->api_result_count++] = hr;
}

static HRESULT invoke(const PRJ_CALLBACKS *cb, prjsim__call *call, const PRJ_CALLBACK_DATA *d);

HRESULT prjsim__invoke(const PRJ_CALLBACKS *cb, prjsim__call *call, const PRJ_CALLBACK_DATA *d,
                       prjsim__command *cmd)
{
    prjsim__command *prev = tls_command;
    tls_command = cmd;
    HRESULT hr = invoke(cb, call, d);
    tls_command = prev;
    return hr;
}

static HRESULT invoke(const PRJ_CALLBACKS *cb, prjsim__call *call, const PRJ_CALLBACK_DATA *d)
{
    switch (call->kind) {
    case PRJSIM_CB_START_ENUM:
        return cb->StartDirectoryEnumerationCallback(d, call->enum_id);
    case PRJSIM_CB_END_ENUM:
        return cb->EndDirectoryEnumerationCallback(d, call->enum_id);
    case PRJSIM_CB_GET_ENUM:
        return cb->GetDirectoryEnumerationCallback(d, call->enum_id, call->search,
                                                   (PRJ_DIR_ENTRY_BUFFER_HANDLE)call->dir_buffer);
    case PRJSIM_CB_GET_PLACEHOLDER_INFO:
        return cb->GetPlaceholderInfoCallback(d);
    case PRJSIM_CB_GET_FILE_DATA:
        return cb->GetFileDataCallback(d, call->offset, call->length);
    case PRJSIM_CB_QUERY_FILE_NAME:
        return cb->QueryFileNameCallback(d);
    case PRJSIM_CB_NOTIFICATION:
        return cb->NotificationCallback(d, call->is_directory, call->notification,
                                        call->destination, call->params);
    case PRJSIM_CB_CANCEL_COMMAND:
        cb->CancelCommandCallback(d);
        return S_OK;
    default:
        return E_UNEXPECTED;
    }
}

static void trace_call(prjsim_sim *sim, size_t slot, const prjsim__call *call, HRESULT hr)
{
    if (!sim->options.trace)
        return;
    char *path = prjsim__utf8(call->path);
    char extra[160] = "";
    if (call->kind == PRJSIM_CB_GET_ENUM) {
        char *s = prjsim__utf8(call->search);
        snprintf(extra, sizeof extra, " search=\"%s\"%s%s", call->search ? s : "(null)",
                 (call->flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN) ? " restart" : "",
                 (call->flags & PRJ_CB_DATA_FLAG_ENUM_RETURN_SINGLE_ENTRY) ? " single" : "");
        free(s);
    } else if (call->kind == PRJSIM_CB_GET_FILE_DATA) {
        snprintf(extra, sizeof extra, " offset=%llu length=%u", (unsigned long long)call->offset,
                 call->length);
    }
    char hb[96];
    size_t n = strlen(path) + strlen(extra) + 256 + (call->detail ? strlen(call->detail) : 0);
    char *line = prjsim__xmalloc(n);
    snprintf(line, n, "cb %s \"%s\"%s%s%s -> %s", prjsim_callback_name(call->kind), path, extra,
             call->detail ? " " : "", call->detail ? call->detail : "",
             prjsim__hr_str(hb, sizeof hb, hr));
    prjsim__trace_callback_end(sim, slot, hr, line);
    free(line);
    free(path);
}

/* Waits for a pended command; the optional watchdog reports one that never finishes. */
static void wait_pended(prjsim_sim *sim, prjsim__instance *inst, prjsim__command *cmd, const prjsim__call *call)
{
    uint32_t limit = sim->options.watchdog_ms;
    bool reported = false;
    while (!cmd->completed && !cmd->cancelled && !inst->stopping) {
        if (!limit || reported) {
            pthread_cond_wait(&cmd->done, &sim->lock);
            continue;
        }
        struct timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_sec += limit / 1000;
        deadline.tv_nsec += (long)(limit % 1000) * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
        while (!cmd->completed && !cmd->cancelled && !inst->stopping)
            if (pthread_cond_timedwait(&cmd->done, &sim->lock, &deadline) != 0)
                break;
        if (!cmd->completed && !cmd->cancelled && !inst->stopping) {
            char *u = prjsim__utf8(call->path);
            prjsim__diag(sim, PRJSIM_DIAG_HUNG_COMMAND, "%s(\"%s\") pended and not completed after %u ms",
                         prjsim_callback_name(call->kind), u, (unsigned)limit);
            free(u);
            reported = true;
        }
    }
}

HRESULT prjsim__dispatch(prjsim__instance *inst, prjsim__call *call, prjsim__command **cmd_out)
{
    prjsim_sim *sim = inst->sim;
    prjsim__command *cmd = prjsim__xcalloc(1, sizeof *cmd);
    cmd->instance = inst;
    cmd->kind = call->kind;
    cmd->id = sim->next_command_id++;
    if (sim->next_command_id <= 0)
        sim->next_command_id = 1;
    cmd->running = true;
    cmd->client_thread = prjsim_client_thread();
    cmd->dir_buffer = call->dir_buffer;
    if (call->kind == PRJSIM_CB_GET_PLACEHOLDER_INFO)
        cmd->requested = prjsim__wcsdup(call->path);
    pthread_cond_init(&cmd->done, NULL);
    cmd->next = inst->commands;
    inst->commands = cmd;
    inst->in_flight++;

    prjsim_caller caller = prjsim_client_get_caller();
    /* The provider may not keep these past the callback; copies keep ours safe from it. */
    PRJ_PLACEHOLDER_VERSION_INFO version;
    memset(&version, 0, sizeof version);
    if (call->version)
        version = *call->version;
    PRJ_CALLBACK_DATA d;
    memset(&d, 0, sizeof d);
    d.Size = sizeof d;
    d.Flags = (PRJ_CALLBACK_DATA_FLAGS)call->flags;
    d.NamespaceVirtualizationContext = (PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT)inst;
    d.CommandId = call->kind == PRJSIM_CB_CANCEL_COMMAND ? call->target_command : cmd->id;
    if (call->file_id)
        d.FileId = *call->file_id;
    if (call->stream_id)
        d.DataStreamId = *call->stream_id;
    WCHAR *path = prjsim__wcsdup(call->path ? call->path : L"");
    d.FilePathName = path;
    d.VersionInfo = &version;
    d.TriggeringProcessId = caller.process_id;
    d.TriggeringProcessImageFileName = caller.process_id ? caller.image_file_name : NULL;
    d.InstanceContext = inst->context;
    PRJ_CALLBACKS cb = inst->cb;

    size_t slot = prjsim__trace_callback_begin(sim, call->kind, cmd->id);
    prjsim__pool *pool = inst->pool;
    prjsim__unlock(sim);
    HRESULT hr = pool ? prjsim__pool_run(pool, &cb, call, &d, cmd) : prjsim__invoke(&cb, call, &d, cmd);
    prjsim__lock(sim);
    free(path);

    cmd->running = false;
    if (call->kind != PRJSIM_CB_CANCEL_COMMAND && hr == HRESULT_FROM_WIN32(ERROR_IO_PENDING)) {
        cmd->pended = true;
        trace_call(sim, slot, call, hr);
        if (!inst->cb.CancelCommandCallback)
            prjsim__diag(sim, PRJSIM_DIAG_PENDING_WITHOUT_CANCEL, "%s pended without a CancelCommandCallback",
                         prjsim_callback_name(call->kind));
        wait_pended(sim, inst, cmd, call);
        if (cmd->completed)
            hr = cmd->result;
        else if (cmd->cancelled)
            hr = HRESULT_FROM_NT(STATUS_CANCELLED);
        else
            hr = HRESULT_FROM_WIN32(ERROR_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE);
        prjsim__trace(sim, PRJSIM_TRACE_NOTE, hr, "note %s completed -> %s", prjsim_callback_name(call->kind),
                      prjsim__hr_str((char[96]){0}, 96, hr));
    } else {
        cmd->completed = true;
        cmd->result = hr;
        trace_call(sim, slot, call, hr);
    }
    for (prjsim__command **pp = &inst->commands; *pp; pp = &(*pp)->next)
        if (*pp == cmd) {
            *pp = cmd->next;
            break;
        }
    cmd->next = NULL;
    if (--inst->in_flight == 0)
        pthread_cond_broadcast(&inst->idle);
    if (cmd_out)
        *cmd_out = cmd;
    else
        prjsim__command_release(cmd);
    return hr;
}

void prjsim__command_release(prjsim__command *cmd)
{
    if (!cmd)
        return;
    pthread_cond_destroy(&cmd->done);
    free(cmd->written_placeholder);
    free(cmd->requested);
    free(cmd);
}

STDAPI PrjCompleteCommand(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                          INT32 commandId, HRESULT completionResult,
                          PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS *extendedParameters)
{
    prjsim_sim *sim;
    prjsim__instance *inst = prjsim__instance_from_context(&sim, namespaceVirtualizationContext,
                                                           "PrjCompleteCommand");
    if (!inst)
        return E_INVALIDARG;
    HRESULT hr = S_OK;
    prjsim__command *cmd = NULL;
    for (prjsim__command *c = inst->commands; c; c = c->next)
        if (c->id == commandId) {
            cmd = c;
            break;
        }
    if (!cmd) {
        /* A command cancelled earlier is no longer in the table: completing it is a no-op
         * that Windows documents as harmless, so only a never-seen id is an error. */
        hr = commandId > 0 && commandId < sim->next_command_id ? S_OK : E_INVALIDARG;
        if (hr != S_OK)
            prjsim__diag(sim, PRJSIM_DIAG_UNKNOWN_COMMAND, "PrjCompleteCommand(%d): no such command",
                         (int)commandId);
    } else if (!cmd->pended && !cmd->running) {
        hr = E_INVALIDARG;
    } else if (cmd->kind == PRJSIM_CB_GET_ENUM &&
               (!extendedParameters ||
                extendedParameters->CommandType != PRJ_COMPLETE_COMMAND_TYPE_ENUMERATION ||
                extendedParameters->Enumeration.DirEntryBufferHandle !=
                    (PRJ_DIR_ENTRY_BUFFER_HANDLE)cmd->dir_buffer)) {
        hr = E_INVALIDARG;
    } else if (extendedParameters && cmd->kind != PRJSIM_CB_GET_ENUM &&
               (cmd->kind != PRJSIM_CB_NOTIFICATION ||
                extendedParameters->CommandType != PRJ_COMPLETE_COMMAND_TYPE_NOTIFICATION)) {
        hr = E_INVALIDARG;
    } else if (!cmd->cancelled) {
        if (extendedParameters && cmd->kind == PRJSIM_CB_NOTIFICATION) {
            cmd->notification_mask = extendedParameters->Notification.NotificationMask;
            cmd->has_notification_mask = true;
        }
        cmd->result = completionResult;
        cmd->completed = true;
        pthread_cond_broadcast(&cmd->done);
    }
    char hb[96], hb2[96];
    prjsim__trace(sim, PRJSIM_TRACE_API, hr, "api PrjCompleteCommand %s -> %s",
                  prjsim__hr_str(hb2, sizeof hb2, completionResult), prjsim__hr_str(hb, sizeof hb, hr));
    prjsim__unlock(sim);
    return hr;
}

size_t prjsim_sim_commands_in_flight(prjsim_sim *sim, INT32 *ids, size_t max)
{
    size_t n = 0;
    prjsim__lock(sim);
    for (prjsim__instance *i = sim->instances; i; i = i->next)
        for (prjsim__command *c = i->commands; c; c = c->next)
            if (c->kind != PRJSIM_CB_CANCEL_COMMAND && !c->completed && !c->cancelled) {
                if (ids && n < max)
                    ids[n] = c->id;
                n++;
            }
    prjsim__unlock(sim);
    return n;
}

/* Cancels @p cmd (NULL: none in flight) as its I/O's cancellation does; lock held. */
static NTSTATUS cancel_locked(prjsim_sim *sim, prjsim__command *cmd, INT32 command_id)
{
    prjsim_callback_kind kind = cmd ? cmd->kind : PRJSIM_CB_COUNT_;
    NTSTATUS st = STATUS_SUCCESS;
    if (!cmd || cmd->completed || cmd->cancelled) {
        st = STATUS_NOT_FOUND;
    } else if (!cmd->instance->cb.CancelCommandCallback) {
        /* Without CancelCommandCallback nothing can be cancelled (section 5.8). */
        st = STATUS_NOT_SUPPORTED;
    } else {
        prjsim__instance *inst = cmd->instance;
        cmd->cancelled = true;
        pthread_cond_broadcast(&cmd->done);
        prjsim__call call;
        memset(&call, 0, sizeof call);
        call.kind = PRJSIM_CB_CANCEL_COMMAND;
        call.path = L"";
        call.target_command = command_id;
        prjsim__dispatch(inst, &call, NULL);
    }
    char sb[96];
    prjsim__trace(sim, PRJSIM_TRACE_OP, st, "op cancel %s -> %s", kind == PRJSIM_CB_COUNT_ ? "?" : prjsim_callback_name(kind),
                  prjsim__st_str(sb, sizeof sb, st));
    return st;
}

NTSTATUS prjsim_client_cancel(prjsim_sim *sim, INT32 command_id)
{
    prjsim__lock(sim);
    prjsim__command *cmd = NULL;
    for (prjsim__instance *i = sim->instances; i && !cmd; i = i->next)
        for (prjsim__command *c = i->commands; c; c = c->next)
            if (c->id == command_id && c->kind != PRJSIM_CB_CANCEL_COMMAND) {
                cmd = c;
                break;
            }
    NTSTATUS st = cancel_locked(sim, cmd, command_id);
    prjsim__unlock(sim);
    return st;
}

/* The calling thread's number for prjsim_client_cancel_thread (0: none given yet). */
static _Thread_local uint64_t this_thread;
static _Atomic uint64_t threads_numbered;

UINT64 prjsim_client_thread(void)
{
    if (!this_thread)
        this_thread = atomic_fetch_add(&threads_numbered, 1) + 1;
    return this_thread;
}

NTSTATUS prjsim_client_cancel_thread(prjsim_sim *sim, UINT64 thread)
{
    prjsim__lock(sim);
    /* a thread's synchronous operation waits on one command at a time: the one not yet done */
    prjsim__command *cmd = NULL;
    for (prjsim__instance *i = sim->instances; i && !cmd; i = i->next)
        for (prjsim__command *c = i->commands; c; c = c->next)
            if (c->client_thread == thread && c->kind != PRJSIM_CB_CANCEL_COMMAND && !c->completed &&
                !c->cancelled) {
                cmd = c;
                break;
            }
    NTSTATUS st = cancel_locked(sim, cmd, cmd ? cmd->id : 0);
    prjsim__unlock(sim);
    return st;
}
