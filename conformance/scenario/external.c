/* SPDX-License-Identifier: MIT */
/*
 * Running a scenario against a provider program (`prjsim run --provider P`) instead of the
 * reference provider: the host (prjsim/host.h) loads the program into this process and starts
 * it where the implicit `start` would start the instance; the program must virtualize the
 * scenario's root. What the provider received is then read from the recording layer's log on a
 * backend without the simulator's insides (--checker, checker.c), else from the simulator's trace:
 * no wrapper of ours sits between the simulator and the program.
 */
#include "internal.h"

#include <prjsim.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#define START_TIMEOUT_MS 10000
#define FINISH_TIMEOUT_MS 5000

static bool same_root(const WCHAR *a, const WCHAR *b)
{
    size_t n = wcslen(a), m = wcslen(b);
    while (n > 3 && (a[n - 1] == L'\\' || a[n - 1] == L'/'))
        n--;
    while (m > 3 && (b[m - 1] == L'\\' || b[m - 1] == L'/'))
        m--;
    if (n != m)
        return false;
    for (size_t i = 0; i < n; i++) {
        WCHAR x = a[i] == L'/' ? L'\\' : a[i], y = b[i] == L'/' ? L'\\' : b[i];
        if (towupper((wint_t)x) != towupper((wint_t)y))
            return false;
    }
    return true;
}

bool scn_external_start(scn_exec *r, int line)
{
    const scn_run_options *o = r->options;
    /* The program marks and virtualizes its root: it has to exist, as on Windows. */
    HRESULT hr = prjsim_volume_create_directory(r->sim, r->script->setup.root);
    if (FAILED(hr) && hr != HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS))
        return scn_fail(r, line, "cannot create the root %s (0x%08X)", r->script->setup.root_utf8, (unsigned)hr);
    prjsim_host_options ho = PRJSIM_HOST_OPTIONS_INIT;
    ho.capture_stdout = true; /* its prompts would mix with our report */
    ho.sim = r->sim;
    char err[1024] = "";
    int rc = prjsim_host_load(&r->host, o->provider, &ho, err, sizeof err);
    if (rc != PRJSIM_HOST_OK)
        return scn_fail(r, line, "cannot load provider %s: %s", o->provider, err);
    rc = prjsim_host_start(r->host, o->provider_argc, o->provider_argv);
    if (rc != PRJSIM_HOST_OK)
        return scn_fail(r, line, "cannot start provider %s: %s", o->provider, prjsim_host_result_text(rc));
    WCHAR root[MAX_PATH + 1] = L"";
    rc = prjsim_host_wait_started(r->host, START_TIMEOUT_MS, root, MAX_PATH + 1);
    if (rc != PRJSIM_HOST_OK) {
        int code = 0;
        if (rc == PRJSIM_HOST_EXITED)
            prjsim_host_wait(r->host, 0, &code);
        return scn_fail(r, line, "provider %s did not start virtualizing: %s%s", o->provider,
                        prjsim_host_result_text(rc), rc == PRJSIM_HOST_EXITED ? " (it exited)" : "");
    }
    if (!same_root(root, r->script->setup.root)) {
        char *u = scn_utf8(root);
        scn_fail(r, line, "provider %s virtualizes %s but the scenario's root is %s (give the root to the "
                          "program, or a 'root' line to the scenario)", o->provider, u,
                 r->script->setup.root_utf8);
        free(u);
        return false;
    }
    r->running = true;
    r->started_once = true;
    return true;
}

void scn_external_finish(scn_exec *r)
{
    if (!r->host)
        return;
    int code = 0;
    prjsim_host_finish(r->host, FINISH_TIMEOUT_MS, &code);
    prjsim_host_destroy(r->host);
    r->host = NULL;
    r->running = false;
}

/* The next quoted string at *s ("..."), advancing past it; NULL when there is none. */
static char *quoted(const char **s)
{
    const char *a = strchr(*s, '"');
    if (!a)
        return NULL;
    const char *e = strchr(a + 1, '"');
    if (!e)
        return NULL;
    char *q = malloc((size_t)(e - a));
    if (!q)
        abort();
    memcpy(q, a + 1, (size_t)(e - a - 1));
    q[e - a - 1] = 0;
    *s = e + 1;
    return q;
}

/* Turns one callback line of the trace ("cb Name \"path\" details -> RESULT") into an event. */
static void event_from_line(scn_event *e, const prjsim_trace_record *rec)
{
    memset(e, 0, sizeof *e);
    e->kind = rec->callback;
    e->command_id = rec->command_id;
    const char *s = rec->text;
    e->path = quoted(&s);
    if (!e->path)
        e->path = scn_strdup("");
    const char *arrow = strstr(s, " -> ");
    size_t n = arrow ? (size_t)(arrow - s) : strlen(s);
    char *details = malloc(n + 1);
    if (!details)
        abort();
    memcpy(details, s, n);
    details[n] = 0;
    const char *d = details;
    switch (e->kind) {
    case PRJSIM_CB_GET_ENUM: {
        const char *p = strstr(d, "search=");
        if (p) {
            p += 7;
            e->search = quoted(&p);
        }
        if (strstr(d, " restart"))
            e->flags |= PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN;
        if (strstr(d, " single"))
            e->flags |= PRJ_CB_DATA_FLAG_ENUM_RETURN_SINGLE_ENTRY;
        break;
    }
    case PRJSIM_CB_GET_FILE_DATA: {
        unsigned long long off = 0;
        unsigned len = 0;
        sscanf(d, " offset=%llu length=%u", &off, &len);
        e->offset = off;
        e->length = len;
        break;
    }
    case PRJSIM_CB_NOTIFICATION: {
        char type[64] = "";
        sscanf(d, " %63s", type);
        e->notification = scn_notification_from_name(type);
        e->is_dir = strstr(d, " dir") != NULL;
        const char *to = strstr(d, " to ");
        if (to) {
            to += 4;
            e->dest = quoted(&to);
            e->has_dest = e->dest != NULL;
        }
        break;
    }
    default:
        break;
    }
    free(details);
}

static void sync_trace_events(scn_exec *r);

void scn_sync_events(scn_exec *r)
{
    if (scn_observed_by_recording(r))
        scn_sync_recorded_events(r);
    else
        sync_trace_events(r);
}

static void sync_trace_events(scn_exec *r)
{
    scn_provider *p = &r->prov;
    prjsim_trace_record rec;
    size_t total = prjsim_trace_count(r->sim);
    pthread_mutex_lock(&p->lock);
    for (; r->trace_seen < total && prjsim_trace_get(r->sim, r->trace_seen, &rec); r->trace_seen++) {
        if (rec.kind != PRJSIM_TRACE_CALLBACK)
            continue;
        if (rec.result == 0 && rec.text && strstr(rec.text, "(running)"))
            break; /* still running: taken on a later call */
        if (p->event_count == p->event_cap) {
            p->event_cap = p->event_cap ? p->event_cap * 2 : 64;
            p->events = realloc(p->events, p->event_cap * sizeof *p->events);
            if (!p->events)
                abort();
        }
        event_from_line(&p->events[p->event_count++], &rec);
    }
    pthread_mutex_unlock(&p->lock);
}
