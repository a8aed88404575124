/* SPDX-License-Identifier: MIT */
/*
 * The provider a case runs against, started afresh in each case's child: the bundled reference
 * provider (memtree over a built-in tree, started in process), or a provider program started
 * through the host exactly as `prjsim exec` starts it, whose root the host tells us.
 *
 * A start hook sees every PrjStartVirtualizing: it notes which optional callbacks the provider
 * registered (the capabilities a case may need) and, when PRJSIM_FAULTS is set, wraps the
 * provider in the fault wrapper, as `prjsim exec` does.
 */
#include "internal.h"
#include <prjsim.h>

#include <fault.h>

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wchar.h>
#include <wctype.h>

#define REFERENCE_ROOT L"C:\\prjconf"

/* The built-in tree: mixed case, names with dots and spaces, nesting, an empty directory,
 * a file bigger than the write alignment, a directory with more entries than fit one buffer.
 * Kept as memtree manifest text so that `prjconf --random` can write it into its scenarios. */
static const char reference_items[] =
    "file a.txt content=\"alpha\\n\"\n"
    "file B.txt content=\"bravo bravo\\n\"\n"
    "file c.d.e content=\"dots\\n\"\n"
    "file empty.dat\n"
    "file noext content=\"no extension\\n\"\n"
    "file \"with space.txt\" content=\"space\\n\"\n"
    "file Zeta.MD content=\"# zeta\\n\"\n"
    "file docs\\Guide.txt content=\"read me first\\r\\n\"\n"
    "file docs\\deep\\note.txt content=\"deep\\n\"\n"
    "file docs\\deep\\deeper\\leaf.txt content=\"leaf\\n\"\n"
    "file readonly.txt content=\"ro\\n\" attr=readonly\n"
    "dir empty\n"
    "file big.bin size=10000 gen=7\n";

const char *prjconf_reference_manifest(void)
{
    static char text[sizeof reference_items + 40 * 32];
    if (!text[0]) {
        size_t used = (size_t)snprintf(text, sizeof text, "%s", reference_items);
        for (int i = 0; i < 40; i++)
            used += (size_t)snprintf(text + used, sizeof text - used, "file many\\file%07d\n", i);
    }
    return text;
}

static HRESULT build_tree(memtree *t)
{
    char err[256];
    return memtree_parse_manifest(t, prjconf_reference_manifest(), "reference tree", err, sizeof err);
}

/* What the provider registered when it last started (one case per process). */
static unsigned registered_caps;

static HRESULT on_start(PCWSTR root, const PRJ_CALLBACKS **callbacks, const void **instance_context,
                        void **cookie, void *payload)
{
    (void)payload;
    unsigned caps = 0;
    if ((*callbacks)->NotificationCallback)
        caps |= PRJCONF_CAP_NOTIFICATIONS;
    if ((*callbacks)->CancelCommandCallback)
        caps |= PRJCONF_CAP_PENDING;
    __atomic_store_n(&registered_caps, caps, __ATOMIC_RELEASE);
    *cookie = NULL;
    const char *spec = getenv("PRJSIM_FAULTS");
    if (spec && *spec)
        return fault_env_on_start(root, callbacks, instance_context, cookie, (void *)spec);
    return S_OK;
}

static void on_stop(void *cookie, void *payload)
{
    if (cookie)
        fault_env_on_stop(cookie, payload);
}

static bool setup_fail(prjconf_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool setup_fail(prjconf_ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char msg[900];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    prjconf_fail(c, "setup: %s", msg);
    return false;
}

static bool new_sim(prjconf_ctx *c)
{
    prjsim_sim_options o = PRJSIM_SIM_OPTIONS_INIT;
    /* A pended callback not completed in half the case's time is reported as hung-command. */
    o.thread_pool = (c->run_flags & PRJCONF_RUN_THREAD_POOL) != 0;
    o.watchdog_ms = (uint32_t)(c->opts->timeout * 500.0);
    o.trace = !c->opts->no_trace;
    prjsim_sim *sim;
    HRESULT hr = prjsim_sim_create(&sim, &o);
    if (FAILED(hr))
        return setup_fail(c, "prjsim_sim_create: 0x%08x", (unsigned)hr);
    prjsim_sim_set_current(sim);
    c->sim = sim;
    return true;
}

/* ---- The reference provider's vetoes (reference_vetoes) ---- */

static unsigned long veto_count;
static PRJ_NOTIFICATION veto_type;
static HRESULT veto_result;
static pthread_mutex_t veto_lock = PTHREAD_MUTEX_INITIALIZER;

unsigned long prjconf_reference_vetoes(PRJ_NOTIFICATION *type, HRESULT *result)
{
    pthread_mutex_lock(&veto_lock);
    unsigned long n = veto_count;
    if (type)
        *type = veto_type;
    if (result)
        *result = veto_result;
    pthread_mutex_unlock(&veto_lock);
    return n;
}

/* Which names the reference provider vetoes or pends: a hash of the upper-cased path. */
static uint32_t path_hash(PCWSTR path, uint32_t salt)
{
    uint32_t h = 2166136261u ^ salt;
    for (const WCHAR *p = path; p && *p; p++)
        h = (h ^ (uint32_t)towupper((wint_t)*p)) * 16777619u;
    return h;
}

/*
 * Vetoes about one delete in seven and one rename in seven, chosen by a hash of the upper-cased
 * path, so that a replay vetoes the same operations. The two ways Windows providers say no:
 * an NTSTATUS (HRESULT_FROM_NT) and a Win32 error.
 */
static HRESULT CALLBACK reference_notify(const PRJ_CALLBACK_DATA *data, BOOLEAN is_directory,
                                         PRJ_NOTIFICATION type, PCWSTR destination,
                                         PRJ_NOTIFICATION_PARAMETERS *parameters)
{
    (void)is_directory, (void)destination, (void)parameters;
    uint32_t h = path_hash(data->FilePathName, 0);
    HRESULT hr = S_OK;
    if (type == PRJ_NOTIFICATION_PRE_DELETE && h % 7 == 3)
        hr = HRESULT_FROM_NT(STATUS_CANNOT_DELETE);
    else if (type == PRJ_NOTIFICATION_PRE_RENAME && h % 7 == 5)
        hr = HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED);
    if (hr != S_OK) {
        pthread_mutex_lock(&veto_lock);
        veto_count++;
        veto_type = type;
        veto_result = hr;
        pthread_mutex_unlock(&veto_lock);
    }
    return hr;
}

/*
 * Pended callbacks: about one GetPlaceholderInfo and one GetFileData in five (by a hash of the
 * path) return ERROR_IO_PENDING and are answered by memtree on a thread of their own, which
 * then calls PrjCompleteCommand with memtree's result: the client sees the same outcome.
 */
static const PRJ_CALLBACKS *reference_inner;

typedef struct pended {
    PRJ_CALLBACK_DATA data; /* with copies of what it points to: the call has returned */
    PRJ_PLACEHOLDER_VERSION_INFO version;
    UINT64 offset;
    UINT32 length;
    bool file_data;
} pended;

static void *complete_later(void *arg)
{
    pended *p = arg;
    HRESULT hr = p->file_data ? reference_inner->GetFileDataCallback(&p->data, p->offset, p->length)
                              : reference_inner->GetPlaceholderInfoCallback(&p->data);
    PrjCompleteCommand(p->data.NamespaceVirtualizationContext, p->data.CommandId, hr, NULL);
    free((void *)p->data.FilePathName);
    free((void *)p->data.TriggeringProcessImageFileName);
    free(p);
    return NULL;
}

static unsigned long pended_count;

unsigned long prjconf_reference_pended(void)
{
    return __atomic_load_n(&pended_count, __ATOMIC_RELAXED);
}

static HRESULT pend(const PRJ_CALLBACK_DATA *data, bool file_data, UINT64 offset, UINT32 length)
{
    pended *p = calloc(1, sizeof *p);
    if (!p)
        return E_OUTOFMEMORY;
    p->data = *data;
    p->data.FilePathName = wcsdup(data->FilePathName ? data->FilePathName : L"");
    p->data.TriggeringProcessImageFileName =
        wcsdup(data->TriggeringProcessImageFileName ? data->TriggeringProcessImageFileName : L"");
    if (data->VersionInfo) {
        p->version = *data->VersionInfo;
        p->data.VersionInfo = &p->version;
    }
    p->file_data = file_data;
    p->offset = offset;
    p->length = length;
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    __atomic_add_fetch(&pended_count, 1, __ATOMIC_RELAXED);
    bool started = p->data.FilePathName && p->data.TriggeringProcessImageFileName &&
                   pthread_create(&t, &attr, complete_later, p) == 0;
    pthread_attr_destroy(&attr);
    if (!started) {
        __atomic_sub_fetch(&pended_count, 1, __ATOMIC_RELAXED);
        free((void *)p->data.FilePathName);
        free((void *)p->data.TriggeringProcessImageFileName);
        free(p);
        return file_data ? reference_inner->GetFileDataCallback(data, offset, length)
                         : reference_inner->GetPlaceholderInfoCallback(data);
    }
    return HRESULT_FROM_WIN32(ERROR_IO_PENDING);
}

static HRESULT CALLBACK reference_placeholder_info(const PRJ_CALLBACK_DATA *data)
{
    if (path_hash(data->FilePathName, 1) % 5 == 0)
        return pend(data, false, 0, 0);
    return reference_inner->GetPlaceholderInfoCallback(data);
}

static HRESULT CALLBACK reference_file_data(const PRJ_CALLBACK_DATA *data, UINT64 offset, UINT32 length)
{
    if (path_hash(data->FilePathName, 2) % 5 == 0)
        return pend(data, true, offset, length);
    return reference_inner->GetFileDataCallback(data, offset, length);
}

/* Nothing cancels in a random run; a pended callback still completes when its thread ends. */
static void CALLBACK reference_cancel(const PRJ_CALLBACK_DATA *data)
{
    (void)data;
}

/* memtree_start, with the vetoing notification callback and the pending callbacks added. */
static HRESULT start_vetoing(memtree *tree, PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT *out)
{
    static PRJ_CALLBACKS cb;
    reference_inner = memtree_callbacks_for(tree);
    cb = *reference_inner;
    cb.NotificationCallback = reference_notify;
    cb.GetPlaceholderInfoCallback = reference_placeholder_info;
    cb.GetFileDataCallback = reference_file_data;
    cb.CancelCommandCallback = reference_cancel;
    GUID id = {0x70726a63, 0x6f6e, 0x6672, {'r', 'a', 'n', 'd', 'o', 'm', 'v', 't'}};
    HRESULT hr = PrjMarkDirectoryAsPlaceholder(REFERENCE_ROOT, NULL, NULL, &id);
    if (FAILED(hr) && hr != HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED))
        return hr;
    PRJ_NOTIFICATION_MAPPING mapping = {PRJ_NOTIFY_PRE_DELETE | PRJ_NOTIFY_PRE_RENAME, L""};
    PRJ_STARTVIRTUALIZING_OPTIONS o;
    memset(&o, 0, sizeof o);
    o.NotificationMappings = &mapping;
    o.NotificationMappingsCount = 1;
    return PrjStartVirtualizing(REFERENCE_ROOT, &cb, tree, &o, out);
}

static bool start_reference(prjconf_ctx *c)
{
    if (!c->tree) {
        HRESULT hr = memtree_create(&c->tree);
        if (SUCCEEDED(hr))
            hr = build_tree(c->tree);
        if (FAILED(hr))
            return setup_fail(c, "building the reference tree: 0x%08x", (unsigned)hr);
        hr = prjsim_volume_create_directory(c->sim, REFERENCE_ROOT);
        if (FAILED(hr))
            return setup_fail(c, "creating %ls: 0x%08x", REFERENCE_ROOT, (unsigned)hr);
    }
    HRESULT hr = c->opts->reference_vetoes ? start_vetoing(c->tree, &c->instance)
                                           : memtree_start(c->tree, REFERENCE_ROOT, NULL, &c->instance);
    if (FAILED(hr))
        return setup_fail(c, "memtree_start: 0x%08x", (unsigned)hr);
    wcscpy(c->root, REFERENCE_ROOT);
    return true;
}

static bool mkdir_p(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            if (mkdir(buf, 0755) != 0 && errno != EEXIST)
                return false;
            *p = '/';
        }
    }
    return mkdir(buf, 0755) == 0 || errno == EEXIST;
}

/* Whether the trace shows a PrjStartVirtualizing that succeeded. */
static bool ever_started(prjconf_ctx *c)
{
    size_t n = prjsim_trace_count(c->sim);
    for (size_t i = 0; i < n; i++) {
        prjsim_trace_record r;
        if (prjsim_trace_get(c->sim, i, &r) && r.kind == PRJSIM_TRACE_API && r.result == S_OK &&
            r.text && !strncmp(r.text, "api PrjStartVirtualizing ", 25))
            return true;
    }
    return false;
}

static bool self_driving(prjconf_ctx *c, bool exited, int code)
{
    const prjconf_target_options *t = c->opts;
    char how[64];
    if (exited)
        snprintf(how, sizeof how, "and exited with %d", code);
    else
        snprintf(how, sizeof how, "while still running");
    snprintf(c->message, sizeof c->message,
             "setup: %s started virtualizing, then stopped %s on its own: it drives and checks its "
             "own roots. prjconf needs a provider that keeps virtualizing until it is told to "
             "finish (Enter, end of input or Ctrl+C); run this program with `prjsim exec %s` "
             "instead", t->provider, how, t->provider);
    c->self_driving = true;
    c->failed = true;
    return true;
}

bool prjconf_target_self_driven(prjconf_ctx *c)
{
    if (!c->host || c->finishing || c->self_driving)
        return c->self_driving;
    bool running = prjsim_host_running(c->host);
    if (running && prjsim_sim_running_instances(c->sim, NULL, 0) != 0)
        return false;
    if (!ever_started(c))
        return false;
    int code = -1;
    /* It stopped its instance: give it a moment to end, for its exit code in the message. */
    bool exited = prjsim_host_wait(c->host, running ? 2000 : 0, &code) == PRJSIM_HOST_OK;
    return self_driving(c, exited, code);
}

static bool start_program(prjconf_ctx *c)
{
    const prjconf_target_options *t = c->opts;
    prjsim_host_options options = PRJSIM_HOST_OPTIONS_INIT;
    options.stdin_mode = PRJSIM_HOST_STDIN_PIPE;
    /* The program's output would mix with the report; it is kept for failure details. */
    options.capture_stdout = true;
    options.capture_stderr = true;
    char error[1024];
    int rc = prjsim_host_load(&c->host, t->provider, &options, error, sizeof error);
    if (rc != PRJSIM_HOST_OK)
        return setup_fail(c, "%s", error);
    char **argv = calloc((size_t)t->argc + 2, sizeof *argv);
    if (!argv)
        return setup_fail(c, "out of memory");
    argv[0] = (char *)t->provider;
    for (int i = 0; i < t->argc; i++)
        argv[i + 1] = t->argv[i];
    rc = prjsim_host_start(c->host, t->argc + 1, argv);
    free(argv);
    if (rc != PRJSIM_HOST_OK)
        return setup_fail(c, "cannot start %s: %s", t->provider, prjsim_host_result_text(rc));
    DWORD ms = (DWORD)(t->timeout * 1000.0);
    rc = prjsim_host_wait_started(c->host, ms, c->root, MAX_PATH);
    if (rc == PRJSIM_HOST_EXITED) {
        int code = -1;
        prjsim_host_wait(c->host, 0, &code);
        if (ever_started(c))
            return !self_driving(c, true, code);
        char *out = prjsim_host_output(c->host, 1, NULL);
        char *nl = out ? strchr(out, '\n') : NULL;
        if (nl)
            *nl = 0;
        bool r = setup_fail(c, "%s exited with %d before starting virtualization%s%s",
                            t->provider, code, out && *out ? ": " : "", out ? out : "");
        free(out);
        return r;
    }
    if (rc != PRJSIM_HOST_OK)
        return setup_fail(c, "%s did not start virtualizing: %s", t->provider,
                          prjsim_host_result_text(rc));
    return true;
}

bool prjconf_target_start(prjconf_ctx *c)
{
    const prjconf_target_options *t = c->opts;
    if (t->drives && FAILED(prjsim_drives_set_root(t->drives)))
        return setup_fail(c, "cannot use '%s' as the drives folder", t->drives);
    for (size_t i = 0; i < t->mkdir_count; i++) {
        WCHAR w[MAX_PATH];
        char host[4096];
        if (mbstowcs(w, t->mkdirs[i], MAX_PATH) == (size_t)-1 ||
            FAILED(prjsim_drives_to_host(w, host, sizeof host)) || !mkdir_p(host))
            return setup_fail(c, "cannot create %s", t->mkdirs[i]);
    }
    if (!new_sim(c))
        return false;
    if (t->state) {
        /* Every saved root is on the volume before the provider starts; nothing is written back. */
        char error[1024] = "";
        if (FAILED(prjsim_drives_set_state(t->state, false)) ||
            FAILED(prjsim_state_load(c->sim, t->state, NULL, error, sizeof error)))
            return setup_fail(c, "state '%s': %s", t->state, error);
    }
    if (t->provider)
        prjsim_win_files_init();
    static const prjsim_start_hook hook = {on_start, on_stop, NULL};
    prjsim_set_start_hook(&hook);
    bool started = t->provider ? start_program(c) : start_reference(c);
    c->registered = __atomic_load_n(&registered_caps, __ATOMIC_ACQUIRE);
    return started;
}

void prjconf_target_stop(prjconf_ctx *c)
{
    if (c->host) {
        int code;
        prjsim_host_finish(c->host, 3000, &code);
    } else if (c->tree && c->instance) {
        PrjStopVirtualizing(c->instance);
        c->instance = NULL;
    }
}

bool prjconf_target_restart(prjconf_ctx *c)
{
    if (!c->host) {
        PrjStopVirtualizing(c->instance);
        c->instance = NULL;
        if (prjsim_sim_running_instances(c->sim, NULL, 0) != 0)
            prjconf_fail(c, "an instance still runs after PrjStopVirtualizing");
        return start_reference(c);
    }
    int code = -1;
    c->finishing = true;
    int rc = prjsim_host_finish(c->host, (DWORD)(c->opts->timeout * 400.0), &code);
    if (rc != PRJSIM_HOST_OK) {
        prjconf_fail(c, "the program did not finish when told to (Enter, end of input, Ctrl+C): %s",
                     prjsim_host_result_text(rc));
        return false;
    }
    if (code != 0)
        prjconf_fail(c, "the program exited with %d when told to finish", code);
    if (prjsim_sim_running_instances(c->sim, NULL, 0) != 0) {
        prjconf_fail(c, "the program finished but left its instance running");
        return false;
    }
    prjsim_host_destroy(c->host);
    c->host = NULL;
    c->finishing = false;
    WCHAR before[MAX_PATH];
    wcscpy(before, c->root);
    if (!start_program(c))
        return false;
    if (wcscasecmp(before, c->root) != 0)
        prjconf_fail(c, "restarted on %ls, first on %ls", c->root, before);
    return true;
}
