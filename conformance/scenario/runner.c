/* SPDX-License-Identifier: MIT */
/*
 * The runner: runs a parsed script in a fresh simulation with the reference provider, stops at
 * the first failed expectation, and reports; and `prjsim run`'s loop over files.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

typedef struct {
    scn_run_fn run;
    const char *word;
} row;

static const row table[] = {
#define SCN_STMT_RUN_(id, word, parse, run, synopsis) {run, word},
    SCN_STATEMENTS(SCN_STMT_RUN_)
#undef SCN_STMT_RUN_
};

bool scn_fail(scn_exec *r, int line, const char *fmt, ...)
{
    if (r->failed)
        return false;
    r->failed = true;
    r->fail_line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
    return false;
}

void scn_mark_all(scn_exec *r)
{
    if (r->external)
        scn_sync_events(r);
    pthread_mutex_lock(&r->prov.lock);
    r->event_mark_cb = r->event_mark_note = r->prov.event_count;
    pthread_mutex_unlock(&r->prov.lock);
    r->trace_mark = scn_sim_trace_count(r);
    for (int d = 0; d < PRJSIM_DIAG_COUNT_; d++)
        r->diag_mark[d] = scn_sim_diag_count(r, (prjsim_diag)d);
    if (r->recording)
        prjsim__observer_counts(r->recording, r->check_mark);
}

bool scn_trace_hidden(const scn_exec *r, size_t index)
{
    for (size_t i = 0; i < r->hidden_count; i++)
        if (index >= r->hidden[i][0] && index < r->hidden[i][1])
            return true;
    return false;
}

void scn_hide_trace(scn_exec *r, size_t from, size_t to)
{
    if (from >= to)
        return;
    if (r->hidden_count && r->hidden[r->hidden_count - 1][1] == from) {
        r->hidden[r->hidden_count - 1][1] = to;
        return;
    }
    r->hidden = realloc(r->hidden, (r->hidden_count + 1) * sizeof *r->hidden);
    if (!r->hidden)
        abort();
    r->hidden[r->hidden_count][0] = from;
    r->hidden[r->hidden_count][1] = to;
    r->hidden_count++;
}

scn_handle_slot *scn_handle(scn_exec *r, const char *name)
{
    for (size_t i = 0; i < r->handle_count; i++)
        if (strcmp(r->handles[i].name, name) == 0)
            return &r->handles[i];
    return NULL;
}

WCHAR *scn_relative(const scn_exec *r, const WCHAR *full)
{
    const WCHAR *root = r->script->setup.root;
    size_t n = wcslen(root);
    for (size_t i = 0; i < n; i++) {
        WCHAR a = full[i] == L'/' ? L'\\' : full[i], b = root[i] == L'/' ? L'\\' : root[i];
        if (!a || towupper((wint_t)a) != towupper((wint_t)b))
            return NULL;
    }
    if (full[n] && full[n] != L'\\' && full[n] != L'/')
        return NULL;
    return scn_wcsdup(full[n] ? full + n + 1 : full + n);
}

void scn_set_result(scn_exec *r, const scn_stmt *st, char kind, int32_t code)
{
    r->result.set = true;
    r->result.pending = false;
    r->result.kind = kind;
    r->result.code = code;
    r->result.line = st->line;
}

/* Diagnostics no `expect diag` accounted for fail the scenario: the reference provider
 * breaks no rule, so one means the simulator or the scenario is wrong. Warnings do not. */
static void check_leftover_diags(scn_exec *r, int line)
{
    size_t got[PRJSIM_DIAG_COUNT_];
    bool checked[PRJSIM_DIAG_COUNT_];
    scn_diags_since_mark(r, got, checked);
    for (int d = 0; d < PRJSIM_DIAG_COUNT_; d++) {
        if (got[d] && !prjsim_diag_is_warning((prjsim_diag)d)) {
            scn_fail(r, line, "unexpected diagnostic %s (%zu time(s)): %s%s; add 'expect diag %s' if it is intended",
                     prjsim_diag_name((prjsim_diag)d), got[d], prjsim_diag_text((prjsim_diag)d),
                     checked[d] ? " (from the recording layer's checker)" : "", prjsim_diag_name((prjsim_diag)d));
            return;
        }
    }
}

unsigned scn_backend_caps(const scn_run_options *o, const prjsim_backend *be)
{
    return be->caps & ~(o && o->without_volume ? (unsigned)PRJSIM_BACKEND_CAP_VOLUME : 0u);
}

bool scn_uses_agent(const scn_run_options *o)
{
    return o->agent || (o->backend && !strcmp(o->backend, "win32"));
}

static void cleanup(scn_exec *r)
{
    scn_provider_reset_rules(&r->prov);
    scn_sim_disk_end(r, true);
    /* Stopping fails pended callbacks, which releases every waiting operation. */
    scn_stop_instance(r);
    scn_jobs_finish(r);
    scn_roots_cleanup(r);
    for (size_t i = 0; i < r->handle_count; i++) {
        if (r->handles[i].h)
            r->handles[i].be->close(r->handles[i].h);
        free(r->handles[i].name);
        free(r->handles[i].path);
    }
    free(r->handles);
    prjsim_backend_free_entries(r->listing);
    free(r->bytes);
    free(r->hidden);
    /* after the handles: the agent's were closed through it */
    prjsim_agent_disconnect(r->agent);
    r->agent = NULL;
    scn_sim_disk_end(r, false);
    free(r->disk_root);
    r->disk_root = NULL;
    scn_sim_set_caller(NULL);
}

bool scn_exec_begin(scn_exec *r, const scn_script *s, const scn_run_options *options)
{
    static const scn_run_options defaults; /* all zero: the defaults */
    memset(r, 0, sizeof *r);
    r->script = s;
    r->options = options ? options : &defaults;
    r->be = prjsim_backend_by_name(r->options->backend);
    if (!r->be)
        return false;
    r->external = r->options->provider != NULL;
    if (!scn_sim_begin(r))
        return false;
    if (!scn_sim_disk_begin(r)) {
        scn_sim_disk_end(r, false);
        free(r->disk_root);
        scn_sim_end(r);
        return false;
    }
    /* Before any provider starts: the recorder wraps the instances started after it. */
    if (r->options->checker)
        r->recording = prjsim__observer_begin();
    memtree_create_ex(&r->tree, &s->setup.tree);
    scn_provider_init(&r->prov, r->tree, &s->setup);
    scn_sim_set_caller(NULL);
    r->caller = scn_sim_caller();
    wcsncpy(r->caller_image, r->caller.image_file_name ? r->caller.image_file_name : L"", MAX_PATH);
    r->caller.image_file_name = r->caller_image;
    return true;
}

void scn_exec_statement(scn_exec *r, const scn_stmt *st)
{
    table[st->id].run(r, st);
    if (r->options->trace_file)
        scn_sim_trace_sample(r);
}

void scn_exec_end(scn_exec *r)
{
    if (r->options->trace_file && !scn_sim_trace_write(r))
        fprintf(stderr, "cannot write the trace file %s\n", r->options->trace_file);
    cleanup(r);
    memtree_destroy(r->tree);
    scn_provider_free(&r->prov);
    scn_sim_end(r);
    prjsim__observer_end(r->recording); /* every instance it wrapped has stopped */
}

bool scn_decided_before_run(const scn_script *s, const scn_run_options *options, scn_outcome *out)
{
    memset(out, 0, sizeof *out);
    if (s->xfail)
        snprintf(out->reason, sizeof out->reason, "%s", s->xfail);
    if (options && options->provider && s->needs_reference_line) {
        out->verdict = SCN_SKIPPED;
        out->line = s->needs_reference_line;
        snprintf(out->message, sizeof out->message, "needs the reference provider (line %d: %s)",
                 s->needs_reference_line, s->needs_reference_why);
        return true;
    }
    const prjsim_backend *be = prjsim_backend_by_name(options ? options->backend : NULL);
    if (!be) {
        out->verdict = SCN_FAILED;
        snprintf(out->message, sizeof out->message, "unknown backend '%s'", options->backend);
        return true;
    }
    /* what the backend cannot provide at all: skipped before anything runs */
    for (size_t i = 0; i < s->count; i++) {
        const char *why = NULL;
        unsigned need =
            scn_stmt_requires(s, &s->stmts[i], options && options->provider, options && options->checker, &why);
        if (need & ~scn_backend_caps(options, be)) {
            out->verdict = SCN_SKIPPED;
            out->line = s->stmts[i].line;
            snprintf(out->message, sizeof out->message, "backend %s: line %d: %s", be->name, s->stmts[i].line,
                     why);
            return true;
        }
    }
    /* a mapped run keeps one drive under its folder: a second drive cannot be had there */
    char why[MAX_PATH * 8];
    int line = 0;
    if (options && options->disk_root && !scn_paths_mappable(s, options->disk_root, &line, why, sizeof why)) {
        out->verdict = SCN_SKIPPED;
        out->line = line;
        snprintf(out->message, sizeof out->message, "backend %s: line %d: %s", be->name, line, why);
        return true;
    }
    return false;
}

void scn_run(const scn_script *s, const scn_run_options *options, scn_outcome *out)
{
    if (scn_decided_before_run(s, options, out))
        return;
    scn_exec r;
    if (!scn_exec_begin(&r, s, options)) {
        out->verdict = SCN_FAILED;
        snprintf(out->message, sizeof out->message, "the simulation could not be created (bad options?)");
        return;
    }

    FILE *log = r.options->log ? r.options->log : stdout;
    int last_line = 0;
    for (size_t i = 0; i < s->count && !r.failed && !r.skipped; i++) {
        const scn_stmt *st = &s->stmts[i];
        if (r.options->verbose)
            fprintf(log, "%s:%d: %s%s\n", s->origin, st->line, table[st->id].word, st->synthetic ? " (implicit)" : "");
        scn_exec_statement(&r, st);
        last_line = st->line;
    }
    if (!r.failed && !r.skipped)
        check_leftover_diags(&r, last_line);
    if (r.failed)
        out->recent_trace = scn_recent_trace(&r, 12);
    if (r.options->verbose) {
        char *all = scn_recent_trace(&r, (size_t)-1);
        fprintf(log, "%s: the whole trace:\n%s", s->origin, all);
        free(all);
    }
    scn_exec_end(&r);

    if (r.skipped && !r.failed) {
        out->verdict = SCN_SKIPPED;
        out->line = r.skip_line;
        snprintf(out->message, sizeof out->message, "backend %s: line %d: %s", r.be->name, r.skip_line,
                 r.skip_reason);
    } else if (!r.failed) {
        out->verdict = s->xfail ? SCN_XPASSED : SCN_PASSED;
        if (s->xfail) {
            out->line = s->xfail_line;
            snprintf(out->message, sizeof out->message,
                     "marked xfail (\"%s\") but every expectation held: remove the xfail", s->xfail);
        }
    } else {
        out->verdict = s->xfail ? SCN_XFAILED : SCN_FAILED;
        out->line = r.fail_line;
        snprintf(out->message, sizeof out->message, "%s", r.message);
    }
}

/* Why scenarios were skipped, with how many each (for the report of a backend). */
typedef struct skip_tally {
    char **why;
    size_t *n;
    size_t count;
} skip_tally;

static void tally_add(skip_tally *t, const char *message)
{
    /* "backend B: line N: reason" counts under its reason */
    const char *why = strstr(message, ": line ");
    why = why ? strstr(why + 7, ": ") : NULL;
    why = why ? why + 2 : message;
    for (size_t i = 0; i < t->count; i++)
        if (!strcmp(t->why[i], why)) {
            t->n[i]++;
            return;
        }
    t->why = realloc(t->why, (t->count + 1) * sizeof *t->why);
    t->n = realloc(t->n, (t->count + 1) * sizeof *t->n);
    if (!t->why || !t->n)
        abort();
    t->why[t->count] = scn_strdup(why);
    t->n[t->count++] = 1;
}

/* Prints the count of each reason (to @p out unless NULL) and frees the tally. */
static void tally_print(FILE *out, skip_tally *t)
{
    for (size_t i = 0; i < t->count; i++) {
        if (out)
            fprintf(out, "  %zu skipped: %s\n", t->n[i], t->why[i]);
        free(t->why[i]);
    }
    free(t->why);
    free(t->n);
}

/* Parses every file; NULL (messages on @p err) when one is malformed. */
static scn_script **parse_all(char *const *paths, size_t count, FILE *err)
{
    scn_script **scripts = calloc(count + 1, sizeof *scripts);
    if (!scripts)
        abort();
    int malformed = 0;
    for (size_t i = 0; i < count; i++)
        if (scn_parse_file(&scripts[i], paths[i], err) != SCN_EXIT_PASS)
            malformed++;
    if (!malformed)
        return scripts;
    for (size_t i = 0; i < count; i++)
        scn_script_free(scripts[i]);
    free(scripts);
    if (err)
        fprintf(err, "%d malformed scenario file(s): nothing ran\n", malformed);
    return NULL;
}

int scn_check_files(char *const *paths, size_t count, FILE *err)
{
    scn_script **scripts = parse_all(paths, count, err);
    if (!scripts)
        return SCN_EXIT_MALFORMED;
    for (size_t i = 0; i < count; i++)
        scn_script_free(scripts[i]);
    free(scripts);
    return SCN_EXIT_PASS;
}

int scn_list_files(char *const *paths, size_t count, const scn_run_options *options, FILE *out, FILE *err)
{
    scn_script **scripts = parse_all(paths, count, err);
    if (!scripts)
        return SCN_EXIT_MALFORMED;
    size_t skipped = 0, failed = 0;
    skip_tally tally = {NULL, NULL, 0};
    for (size_t i = 0; i < count; i++) {
        scn_outcome o;
        if (!scn_decided_before_run(scripts[i], options, &o)) {
            fprintf(out, "RUN %s\n", paths[i]);
        } else if (o.verdict == SCN_SKIPPED) {
            fprintf(out, "SKIP %s: %s\n", paths[i], o.message);
            tally_add(&tally, o.message);
            skipped++;
        } else {
            fprintf(out, "FAIL %s:%d: %s\n", paths[i], o.line, o.message);
            failed++;
        }
        scn_script_free(scripts[i]);
    }
    free(scripts);
    fprintf(out, "backend %s: %zu would run, %zu skipped\n", options && options->backend ? options->backend : "sim",
            count - skipped - failed, skipped);
    tally_print(out, &tally);
    return failed ? SCN_EXIT_FAIL : SCN_EXIT_PASS;
}

int scn_junit_not_run(char *const *paths, size_t count, const scn_run_options *options, const char *why, FILE *err)
{
    scn_script **scripts = parse_all(paths, count, err);
    if (!scripts)
        return SCN_EXIT_MALFORMED;
    scn_junit junit;
    bool ok = scn_junit_open(&junit, options, count, err);
    for (size_t i = 0; i < count; i++) {
        scn_outcome o;
        if (ok && scn_decided_before_run(scripts[i], options, &o))
            scn_junit_add(&junit, paths[i], &o, 0);
        else if (ok)
            scn_junit_add_not_run(&junit, paths[i], why);
        scn_script_free(scripts[i]);
    }
    free(scripts);
    if (ok && !scn_junit_close(&junit, options)) {
        if (err)
            fprintf(err, "cannot write the JUnit report %s\n", options->junit);
        ok = false;
    }
    return ok ? SCN_EXIT_PASS : SCN_EXIT_MALFORMED;
}

int scn_run_files(char *const *paths, size_t count, const scn_run_options *options, FILE *out, FILE *err)
{
    scn_script **scripts = parse_all(paths, count, err);
    if (!scripts)
        return SCN_EXIT_MALFORMED;
    scn_junit junit;
    if (!scn_junit_open(&junit, options, count, err)) {
        for (size_t i = 0; i < count; i++)
            scn_script_free(scripts[i]);
        free(scripts);
        return SCN_EXIT_MALFORMED;
    }
    size_t passed = 0, failed = 0, xfailed = 0, skipped = 0;
    skip_tally tally = {NULL, NULL, 0};
    for (size_t i = 0; i < count; i++) {
        scn_outcome o;
        double started = prjsim__junit_clock();
        scn_run(scripts[i], options, &o);
        scn_junit_add(&junit, paths[i], &o, prjsim__junit_clock() - started);
        switch (o.verdict) {
        case SCN_PASSED:
            fprintf(out, "PASS %s\n", paths[i]);
            passed++;
            break;
        case SCN_XFAILED:
            fprintf(out, "XFAIL %s: %s (line %d: %s)\n", paths[i], o.reason, o.line, o.message);
            passed++;
            xfailed++;
            break;
        case SCN_SKIPPED:
            fprintf(out, "SKIP %s: %s\n", paths[i], o.message);
            tally_add(&tally, o.message);
            skipped++;
            break;
        case SCN_XPASSED:
            fprintf(out, "FAIL %s:%d: %s\n", paths[i], o.line, o.message);
            failed++;
            break;
        case SCN_FAILED:
            fprintf(out, "FAIL %s:%d: %s\n", paths[i], o.line, o.message);
            if (o.recent_trace && o.recent_trace[0]) {
                fprintf(out, "    recent trace:\n");
                for (const char *a = o.recent_trace; *a;) {
                    const char *e = strchr(a, '\n');
                    size_t n = e ? (size_t)(e - a) : strlen(a);
                    fprintf(out, "      %.*s\n", (int)n, a);
                    a = e ? e + 1 : a + n;
                }
            }
            failed++;
            break;
        }
        fflush(out);
        free(o.recent_trace);
        scn_script_free(scripts[i]);
    }
    free(scripts);
    fprintf(out, "%zu passed, %zu failed", passed, failed);
    if (xfailed && skipped)
        fprintf(out, " (%zu expected failure%s, %zu skipped)\n", xfailed, xfailed == 1 ? "" : "s", skipped);
    else if (xfailed)
        fprintf(out, " (%zu expected failure%s)\n", xfailed, xfailed == 1 ? "" : "s");
    else if (skipped)
        fprintf(out, " (%zu skipped)\n", skipped);
    else
        fprintf(out, "\n");
    if (options && options->backend)
        fprintf(out, "backend %s: %zu ran, %zu skipped\n", options->backend, count - skipped, skipped);
    tally_print(options && options->backend ? out : NULL, &tally);
    if (!scn_junit_close(&junit, options)) {
        if (err)
            fprintf(err, "cannot write the JUnit report %s\n", options->junit);
        return SCN_EXIT_MALFORMED;
    }
    return failed ? SCN_EXIT_FAIL : SCN_EXIT_PASS;
}
