/* SPDX-License-Identifier: MIT */
/*
 * prjconf's case table on Windows (prjconf_cases.h). Linux runs each case in a forked child with
 * a timeout (conformance/prjconf/child.c); Windows has no fork, so the cases run one after the
 * other in this process, on the one root, each on a worker thread with a timeout
 * (prjconf_timed.h) and a fresh context (and its own crawl). Their I/O goes through the win32
 * backend here or through the client agent's process (prjconf_win_set_backend). With the bundled
 * provider's recorder, each case also gets the checker's diagnostics that appeared while it ran,
 * and the observing cases read it (prjconf_win_set_recorder).
 */
#include "prjconf_cases.h"

#include "prjconf_own_cases.h"
#include "prjconf_timed.h"

#include <internal.h>
#include <prjsim/status.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* The crawl bounds of prjconf on Linux. */
enum { MAX_DEPTH = 4, MAX_ITEMS = 300 };

/* The root the cases run on. */
static prjsim_projfs_root *current_root;

/* A case's context and the report lines it gave: each case its own, so that a case left running
 * after its timeout writes only into what is never freed (prjconf_timed.h). */
typedef struct case_ctx {
    prjconf_ctx c; /* first: prjconf_report_line gets &c */
    char *details;
    size_t details_len;
} case_ctx;

void prjconf_report_line(prjconf_ctx *c, const char *kind, const char *line)
{
    /* steps tell where a crashed or hung case was; here the case line says it */
    if (!strcmp(kind, "step"))
        return;
    case_ctx *cc = (case_ctx *)c;
    size_t n = strlen(kind) + strlen(line) + 2;
    char *grown = realloc(cc->details, cc->details_len + n + 1);
    if (!grown)
        return;
    cc->details = grown;
    snprintf(cc->details + cc->details_len, n + 1, "%s %s\n", kind, line);
    cc->details_len += n;
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
        char name[96];
        prjconf_fail(c, "starting the reference provider again on %ls: %s", r->path,
                     prjsim_format_code(name, sizeof name, hr, false));
        return false;
    }
    c->instance = r->ctx;
    return true;
}

static unsigned declared_caps;
static bool caps_declared;
/* The bundled provider's recorder: the observing cases read it, the checker runs on it per case. */
static prjsim_recording *case_recorder;

void prjconf_win_set_recorder(prjsim_recording *rec)
{
    case_recorder = rec;
}

void prjconf_win_declare_caps(unsigned caps)
{
    declared_caps = caps;
    caps_declared = true;
}

/* @p observable: the observing cases can read a recorder (the bundled provider's). */
static const char *skip_reason(size_t i, bool observable)
{
    static char reason[512];
    const prjconf_case *k = &prjconf_cases[i];
    /* The recording layer of the bundled provider is in this process; a program's log comes back
     * only when it has stopped. */
    if ((k->caps & PRJCONF_RUN_OBSERVED) && !observable) {
        snprintf(reason, sizeof reason,
                 "backend projfs: the case reads the provider's callbacks or commands in flight from the "
                 "recording layer, which prjconf.exe has as they happen for the bundled provider only (a "
                 "--provider program's log is read after it stops)");
        return reason;
    }
    /* As declared (--caps), as on Linux; undeclared, the bundled provider registers neither
     * callback and a program's are not known to prjconf.exe (its calls are read after the run). */
    unsigned missing = k->caps & PRJCONF_CAP_MASK & ~declared_caps;
    if (missing) {
        char caps[128];
        prjconf_caps_format(missing, caps, sizeof caps);
        if (caps_declared)
            snprintf(reason, sizeof reason, "needs capability %s, which the provider does not declare (--caps)",
                     caps);
        else
            snprintf(reason, sizeof reason,
                     "needs capability %s: the bundled provider registers no %s, and a --provider program's "
                     "callbacks are not known on projfs (--caps %s runs it)",
                     caps, missing & PRJCONF_CAP_NOTIFICATIONS ? "NotificationCallback" : "CancelCommandCallback",
                     caps);
        return reason;
    }
    return NULL;
}

const char *prjconf_win_skip_reason(size_t i)
{
    return skip_reason(i, case_recorder != NULL);
}

void prjconf_win_list(FILE *out, bool bundled)
{
    for (size_t i = 0; i < prjconf_case_count; i++) {
        const char *why = skip_reason(i, bundled);
        if (why)
            fprintf(out, "%s (skipped: %s)\n", prjconf_cases[i].name, why);
        else
            fprintf(out, "%s\n", prjconf_cases[i].name);
    }
}

char *prjconf_win_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static void free_ctx(case_ctx *cc)
{
    prjconf_ctx *c = &cc->c;
    for (size_t i = 0; i < c->dir_count; i++)
        prjsim_backend_free_entries(c->dirs[i].entries);
    free(c->dirs);
    free(c->items);
    free(cc->details);
    free(cc);
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
    r->diagnostics = prjconf_win_strdup("");
    r->repro = prjconf_win_strdup("");
    const char *why = prjconf_win_skip_reason(i);
    if (why) {
        r->outcome = PRJCONF_SKIP;
        r->message = prjconf_win_strdup(why);
        r->details = prjconf_win_strdup("");
        return;
    }
    case_ctx *cc = calloc(1, sizeof *cc);
    if (!cc) {
        r->outcome = PRJCONF_ERROR;
        r->message = prjconf_win_strdup("out of memory");
        r->details = prjconf_win_strdup("");
        return;
    }
    prjconf_ctx *c = &cc->c;
    c->opts = &run_options;
    c->be = case_backend;
    c->seed = r->seed;
    c->run_flags = k->caps;
    c->report_fd = -1;
    wcsncpy(c->root, root->path, MAX_PATH - 1);
    c->tree = root->tree;
    c->instance = root->ctx;
    c->recording = case_recorder; /* prjconf_observe.c */
    current_root = root;
    k->run(c);
    r->outcome = c->failed ? PRJCONF_FAIL : c->skipped ? PRJCONF_SKIP : PRJCONF_PASS;
    r->message = prjconf_win_strdup(c->message);
    r->details = cc->details ? cc->details : prjconf_win_strdup("");
    cc->details = NULL;
    free_ctx(cc);
}

/* ---- The checker's diagnostics, case by case ---- */

static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (; text && *text; text++)
        n += *text == '\n';
    return n;
}

/* How many lines the checker reports for the log so far (0 without a recorder). */
static size_t checker_lines(void)
{
    if (!case_recorder)
        return 0;
    char *report = prjsim_recording_check(case_recorder);
    size_t n = count_lines(report);
    free(report);
    return n;
}

static void append(char **text, const char *add)
{
    size_t had = *text ? strlen(*text) : 0, n = strlen(add);
    char *grown = realloc(*text, had + n + 1);
    if (!grown)
        return;
    memcpy(grown + had, add, n + 1);
    *text = grown;
}

/*
 * The checker's lines after the first @p *seen are the case's: they appeared while it ran. The
 * checker reads the log in one pass and reports each diagnostic at the event that decides it,
 * so the report of a longer log begins with the report of a shorter one. The case fails with
 * them (as on Linux, where a case's child has a recorder of its own); *seen moves past them.
 */
static void attribute(prjconf_result *r, size_t *seen)
{
    char *report = case_recorder ? prjsim_recording_check(case_recorder) : NULL;
    const char *p = report;
    for (size_t skip = *seen; p && *p && skip; skip--)
        p += strcspn(p, "\n") + (p[strcspn(p, "\n")] == '\n');
    size_t count = 0;
    char *names = NULL, *first = NULL;
    for (; p && *p; count++) {
        size_t line = strcspn(p, "\n"), name = strcspn(p, ":\n");
        char buf[1200];
        snprintf(buf, sizeof buf, "%s%.*s", names ? "," : "", (int)name, p);
        append(&names, buf);
        if (!first)
            first = prjconf_win_strdup(buf);
        snprintf(buf, sizeof buf, "diagnostic %.*s (from the recording layer's checker)\n", (int)line, p);
        append(&r->details, buf);
        p += line + (p[line] == '\n');
    }
    free(report);
    *seen += count;
    if (!count)
        return;
    free(r->diagnostics);
    r->diagnostics = names ? names : prjconf_win_strdup("");
    if (r->outcome == PRJCONF_PASS || r->outcome == PRJCONF_SKIP) {
        char msg[256];
        snprintf(msg, sizeof msg, "diagnostic %s recorded", first ? first : "?");
        free(r->message);
        r->message = prjconf_win_strdup(msg);
        r->outcome = PRJCONF_FAIL;
    }
    free(first);
}

/* ---- The whole run, each case on a worker thread with a timeout ---- */

/* One case on the worker. A job whose case did not end in time is never freed. */
typedef struct job {
    prjsim_projfs_root *root;
    prjconf_own_state *own; /* NULL: case `index` of the table */
    size_t index;
    prjconf_result result;
} job;

static void run_job(void *arg)
{
    job *j = arg;
    if (j->own)
        prjconf_own_run_case(j->root, case_backend, j->own, j->index, &j->result);
    else
        prjconf_win_run_case(j->root, j->index, &j->result);
}

/* prjconf.exe's own cases print PASS/FAIL lines (docs/windows.md); the table prjconf's usual ones. */
static void print_case(FILE *out, size_t number, bool own, const prjconf_result *r)
{
    if (!own)
        prjconf_human_case(out, number, r);
    else if (r->outcome == PRJCONF_PASS)
        fprintf(out, "PASS %s\n", r->name);
    else
        fprintf(out, "%s %s: %s\n", r->outcome == PRJCONF_SKIP ? "SKIP" : "FAIL", r->name, r->message);
    fflush(out);
}

size_t prjconf_win_run(prjsim_projfs_root *root, FILE *out, unsigned timeout_s, prjconf_win_run_info *info)
{
    size_t nown = prjconf_own_case_count, total = nown + prjconf_case_count;
    memset(info, 0, sizeof *info);
    info->own = nown;
    prjconf_result *rs = calloc(total, sizeof *rs);
    prjconf_own_state *own = calloc(1, sizeof *own);
    info->results = rs;
    if (!rs || !own) {
        free(own);
        return 0;
    }
    size_t seen = checker_lines(); /* before the first case: the `checker` case's */
    info->checker_from = seen;
    for (size_t i = 0; i < total; i++) {
        bool is_own = i < nown;
        size_t index = is_own ? i : i - nown;
        const char *name = is_own ? prjconf_own_case_name(index) : prjconf_cases[index].name;
        if (info->timed_out) {
            rs[i].name = name;
            rs[i].backend = "projfs";
            rs[i].outcome = PRJCONF_SKIP;
            rs[i].message = malloc(256);
            if (rs[i].message)
                snprintf(rs[i].message, 256, "not run: %s timed out before it, and a case left running cannot "
                         "be stopped safely", info->timed_out);
            rs[i].details = prjconf_win_strdup("");
            rs[i].diagnostics = prjconf_win_strdup("");
            rs[i].repro = prjconf_win_strdup("");
        } else {
            job *j = calloc(1, sizeof *j);
            if (!j)
                abort();
            j->root = root;
            j->own = is_own ? own : NULL;
            j->index = index;
            if (prjconf_win_run_timed(run_job, j, timeout_s * 1000u)) {
                rs[i] = j->result;
                free(j);
                attribute(&rs[i], &seen);
            } else {
                /* j, own and what the case holds stay with the thread still running it */
                info->timed_out = name;
                rs[i].name = name;
                rs[i].backend = "projfs";
                rs[i].outcome = PRJCONF_ERROR;
                rs[i].message = malloc(64);
                if (rs[i].message)
                    snprintf(rs[i].message, 64, "timed out after %u s", timeout_s);
                rs[i].details = prjconf_win_strdup("");
                rs[i].diagnostics = prjconf_win_strdup("");
                rs[i].repro = prjconf_win_strdup("");
            }
        }
        if (rs[i].outcome == PRJCONF_SKIP && info->timed_out && strcmp(name, info->timed_out) != 0)
            info->not_run++; /* one line for them all: prjconf_win_run's caller says it */
        else
            print_case(out, is_own ? i + 1 : index + 1, is_own, &rs[i]);
    }
    info->checker_to = seen; /* after a timeout the case left running may still add some */
    if (!info->timed_out) {
        prjconf_own_state_free(own);
        free(own);
    }
    info->count = total;
    return total;
}

void prjconf_win_free_results(prjconf_result *results, size_t count)
{
    for (size_t i = 0; results && i < count; i++)
        prjconf_result_free(&results[i]);
    free(results);
}
