/* SPDX-License-Identifier: MIT */
/*
 * prjconf's case table on Windows (prjconf_cases.h). Linux runs each case in a forked child with
 * a timeout (conformance/prjconf/child.c); Windows has no fork, so the cases run one after the
 * other in this process, on the one root, each with a fresh context (and its own crawl). Their
 * I/O goes through the win32 backend here or through the client agent's process
 * (prjconf_win_set_backend).
 */
#include "prjconf_cases.h"

#include <internal.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* The crawl bounds of prjconf on Linux. */
enum { MAX_DEPTH = 4, MAX_ITEMS = 300 };

/* The root the cases run on, and where the running case's report lines go (one at a time). */
static prjsim_projfs_root *current_root;
static char *details;
static size_t details_len;

static void add_detail(const char *kind, const char *line)
{
    size_t n = strlen(kind) + strlen(line) + 2;
    char *grown = realloc(details, details_len + n + 1);
    if (!grown)
        return;
    details = grown;
    snprintf(details + details_len, n + 1, "%s %s\n", kind, line);
    details_len += n;
}

void prjconf_report_line(prjconf_ctx *c, const char *kind, const char *line)
{
    (void)c;
    /* steps tell where a crashed or hung case was; here the case line says it */
    if (strcmp(kind, "step") != 0)
        add_detail(kind, line);
}

/*
 * Stops the provider and starts it again on the same root: the bundled provider only (a
 * provider program would have to be started again by the runner).
 */
bool prjconf_target_restart(prjconf_ctx *c)
{
    prjsim_projfs_root *r = current_root;
    if (!r || !r->tree) {
        prjconf_skip(c, "backend projfs: restarting a --provider program is not built yet");
        return false;
    }
    PrjStopVirtualizing(r->ctx);
    r->ctx = NULL;
    HRESULT hr = memtree_start(r->tree, r->path, NULL, &r->ctx);
    if (FAILED(hr)) {
        r->ctx = NULL;
        prjconf_fail(c, "starting the reference provider again on %ls: HRESULT 0x%08lx", r->path, (unsigned long)hr);
        return false;
    }
    c->instance = r->ctx;
    return true;
}

const char *prjconf_win_skip_reason(size_t i)
{
    static char reason[512];
    const prjconf_case *k = &prjconf_cases[i];
    if ((k->caps & PRJCONF_RUN_SIMULATOR) && !(prjsim_backend_win32.caps & PRJSIM_BACKEND_CAP_SIMULATOR)) {
        snprintf(reason, sizeof reason, "backend projfs: %s", PRJCONF_NEEDS_SIMULATOR);
        return reason;
    }
    /* The recording layer is not on Windows yet (no --checker there). */
    if ((k->caps & PRJCONF_RUN_OBSERVED) && !(prjsim_backend_win32.caps & PRJSIM_BACKEND_CAP_SIMULATOR)) {
        snprintf(reason, sizeof reason, "backend projfs: %s", PRJCONF_NEEDS_OBSERVATION);
        return reason;
    }
    /* The bundled provider registers neither callback; a program's are not known (no --caps yet). */
    unsigned missing = k->caps & PRJCONF_CAP_MASK;
    if (missing) {
        char caps[128];
        prjconf_caps_format(missing, caps, sizeof caps);
        snprintf(reason, sizeof reason,
                 "needs capability %s: the bundled provider registers no %s, and a --provider program's "
                 "callbacks are not known on projfs (no --caps yet)",
                 caps, missing & PRJCONF_CAP_NOTIFICATIONS ? "NotificationCallback" : "CancelCommandCallback");
        return reason;
    }
    return NULL;
}

void prjconf_win_list(FILE *out)
{
    for (size_t i = 0; i < prjconf_case_count; i++) {
        const char *why = prjconf_win_skip_reason(i);
        if (why)
            fprintf(out, "%s (skipped: %s)\n", prjconf_cases[i].name, why);
        else
            fprintf(out, "%s\n", prjconf_cases[i].name);
    }
}

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static void free_ctx(prjconf_ctx *c)
{
    for (size_t i = 0; i < c->dir_count; i++)
        prjsim_backend_free_entries(c->dirs[i].entries);
    free(c->dirs);
    free(c->items);
    free(c);
}

static prjconf_target_options run_options;
static const prjsim_backend *case_backend = &prjsim_backend_win32;

void prjconf_win_set_backend(const prjsim_backend *be)
{
    case_backend = be ? be : &prjsim_backend_win32;
}

void prjconf_win_run_case(prjsim_projfs_root *root, size_t i, prjconf_result *r)
{
    run_options.max_depth = MAX_DEPTH;
    run_options.max_items = MAX_ITEMS;
    run_options.backend = "projfs";
    const prjconf_case *k = &prjconf_cases[i];
    memset(r, 0, sizeof *r);
    r->name = k->name;
    r->backend = "projfs";
    r->seed = (unsigned long)(i + 1);
    r->diagnostics = dup("");
    r->repro = dup("");
    const char *why = prjconf_win_skip_reason(i);
    if (why) {
        r->outcome = PRJCONF_SKIP;
        r->message = dup(why);
        r->details = dup("");
        return;
    }
    prjconf_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        r->outcome = PRJCONF_ERROR;
        r->message = dup("out of memory");
        r->details = dup("");
        return;
    }
    c->opts = &run_options;
    c->be = case_backend;
    c->seed = r->seed;
    c->run_flags = k->caps;
    c->report_fd = -1;
    wcsncpy(c->root, root->path, MAX_PATH - 1);
    c->tree = root->tree;
    c->instance = root->ctx;
    current_root = root;
    details = NULL;
    details_len = 0;
    k->run(c);
    current_root = NULL;
    r->outcome = c->failed ? PRJCONF_FAIL : c->skipped ? PRJCONF_SKIP : PRJCONF_PASS;
    r->message = dup(c->message);
    r->details = details ? details : dup("");
    details = NULL;
    free_ctx(c);
}

size_t prjconf_win_run(prjsim_projfs_root *root, FILE *out, prjconf_result **results)
{
    prjconf_result *rs = calloc(prjconf_case_count, sizeof *rs);
    *results = rs;
    if (!rs)
        return 0;
    for (size_t i = 0; i < prjconf_case_count; i++) {
        prjconf_win_run_case(root, i, &rs[i]);
        prjconf_human_case(out, i + 1, &rs[i]);
        fflush(out);
    }
    return prjconf_case_count;
}

void prjconf_win_free_results(prjconf_result *results, size_t count)
{
    for (size_t i = 0; results && i < count; i++)
        prjconf_result_free(&results[i]);
    free(results);
}
