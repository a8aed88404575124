/* SPDX-License-Identifier: MIT */
/*
 * Sessions: a scenario that grows while it runs. Each batch of lines is appended to the text
 * and the whole text parsed again (so handles, blocks and the implicit start are checked exactly
 * as `prjsim run` will check the saved file); only the statements past those already run are
 * run. Earlier parses stay alive: operations still waiting on a pended callback point into them.
 */
#include "session.h"

#include "internal.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(SCN_SESSION_VIRTUAL == SCN_STATE_VIRTUAL && SCN_SESSION_MISSING == SCN_STATE_MISSING,
               "session states are the interpreter's");

struct scn_session {
    scn_exec run;
    scn_run_options options;
    char *dir;
    char *text;
    scn_script **scripts; /* every parse, the newest last */
    size_t script_count;
    size_t done;          /* statements of the newest parse already run */
};

static char *concat(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    bool nl = n && a[n - 1] != '\n';
    char *t = malloc(n + nl + m + 2);
    if (!t)
        abort();
    memcpy(t, a, n);
    if (nl)
        t[n++] = '\n';
    memcpy(t + n, b, m);
    n += m;
    if (m && t[n - 1] != '\n')
        t[n++] = '\n';
    t[n] = 0;
    return t;
}

/* Parses @p text; on errors their `origin:line: message` lines go to @p msg. */
static scn_script *parse(scn_session *s, const char *text, char *msg, size_t msglen)
{
    char *errs = NULL;
    size_t errlen = 0;
    FILE *err = open_memstream(&errs, &errlen);
    scn_script *script = NULL;
    int rc = scn_parse_text(&script, text, "session", s->dir, err);
    if (err)
        fclose(err);
    if (rc != SCN_EXIT_PASS && msg)
        snprintf(msg, msglen, "%s", errs && errs[0] ? errs : "malformed statement");
    free(errs);
    if (script) {
        /* A session reports failed operations instead of ending on them. */
        for (size_t i = 0; i < script->count; i++)
            script->stmts[i].checked = true;
    }
    return script;
}

/* Runs the newest parse's statements from s->done on. */
static int run_new(scn_session *s, char *msg, size_t msglen)
{
    scn_script *script = s->scripts[s->script_count - 1];
    scn_exec *r = &s->run;
    r->script = script;
    int rc = SCN_SESSION_OK;
    for (; s->done < script->count; s->done++) {
        scn_exec_statement(r, &script->stmts[s->done]);
        if (r->failed) {
            if (rc == SCN_SESSION_OK && msg)
                snprintf(msg, msglen, "%s", r->message);
            rc = SCN_SESSION_FAILED;
            r->failed = false;
        }
    }
    return rc;
}

static void keep(scn_session *s, scn_script *script)
{
    s->scripts = realloc(s->scripts, (s->script_count + 1) * sizeof *s->scripts);
    if (!s->scripts)
        abort();
    s->scripts[s->script_count++] = script;
}

int scn_session_open(scn_session **out, const char *setup, const char *dir, const scn_run_options *options,
                     char *msg, size_t msglen)
{
    *out = NULL;
    scn_session *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    if (options)
        s->options = *options;
    s->dir = scn_strdup(dir ? dir : ".");
    s->text = concat("", setup);
    scn_script *script = parse(s, s->text, msg, msglen);
    if (!script) {
        free(s->text);
        free(s->dir);
        free(s);
        return SCN_SESSION_MALFORMED;
    }
    keep(s, script);
    if (!scn_exec_begin(&s->run, script, &s->options)) {
        snprintf(msg, msglen, "the simulation could not be created (bad options?)");
        scn_script_free(script);
        free(s->scripts);
        free(s->text);
        free(s->dir);
        free(s);
        return SCN_SESSION_FAILED;
    }
    int rc = run_new(s, msg, msglen);
    if (rc != SCN_SESSION_OK) {
        scn_session_close(s);
        return rc;
    }
    *out = s;
    return SCN_SESSION_OK;
}

int scn_session_run(scn_session *s, const char *lines, char *msg, size_t msglen)
{
    char *text = concat(s->text, lines);
    scn_script *script = parse(s, text, msg, msglen);
    if (!script) {
        free(text);
        return SCN_SESSION_MALFORMED;
    }
    /* The text only grew, so the statements already run are the new parse's first ones. */
    if (script->count < s->done) {
        snprintf(msg, msglen, "the new lines change how the earlier ones parse");
        scn_script_free(script);
        free(text);
        return SCN_SESSION_MALFORMED;
    }
    free(s->text);
    s->text = text;
    keep(s, script);
    return run_new(s, msg, msglen);
}

void scn_session_close(scn_session *s)
{
    if (!s)
        return;
    scn_exec_end(&s->run);
    for (size_t i = 0; i < s->script_count; i++)
        scn_script_free(s->scripts[i]);
    free(s->scripts);
    free(s->text);
    free(s->dir);
    free(s);
}

const char *scn_session_text(const scn_session *s)
{
    return s->text;
}

prjsim_sim *scn_session_sim(scn_session *s)
{
    return s->run.sim;
}

const char *scn_session_root(const scn_session *s)
{
    return s->run.script->setup.root_utf8;
}

int32_t scn_session_result(const scn_session *s, char *kind, bool *pending)
{
    const scn_result *r = &s->run.result;
    if (kind)
        *kind = r->set ? r->kind : 0;
    if (pending)
        *pending = r->set && r->pending;
    return r->set ? r->code : 0;
}

const prjsim_dir_entry *scn_session_listing(const scn_session *s, size_t *count)
{
    *count = s->run.has_listing ? s->run.listing_count : 0;
    return s->run.has_listing ? s->run.listing : NULL;
}

const unsigned char *scn_session_data(const scn_session *s, size_t *size)
{
    *size = s->run.has_bytes ? s->run.byte_count : 0;
    return s->run.has_bytes ? s->run.bytes : NULL;
}

bool scn_session_info(const scn_session *s, prjsim_file_info *info)
{
    if (s->run.has_info)
        *info = s->run.info;
    return s->run.has_info;
}

uint32_t scn_session_state(scn_session *s, const WCHAR *full_path)
{
    size_t from = scn_sim_trace_count(&s->run);
    uint32_t st = scn_item_state(&s->run, full_path);
    scn_hide_trace(&s->run, from, scn_sim_trace_count(&s->run));
    return st;
}

void scn_session_state_name(uint32_t state, char *buf, size_t size)
{
    if (state == PRJ_FILE_STATE_HYDRATED_PLACEHOLDER)
        state |= PRJ_FILE_STATE_PLACEHOLDER; /* the SDK's value 0x2 already is one */
    scn_flags_str(scn_state_names, state, buf, size);
}

bool scn_session_trace_hidden(const scn_session *s, size_t index)
{
    return scn_trace_hidden(&s->run, index);
}

bool scn_session_handle_open(scn_session *s, const char *name)
{
    scn_handle_slot *h = scn_handle(&s->run, name);
    return h && h->h;
}

size_t scn_session_waiting(scn_session *s)
{
    return s->run.blocked_count;
}

prjsim_callback_kind scn_session_oldest_pended(scn_session *s)
{
    scn_pended *pd = scn_provider_find_pended(&s->run.prov, PRJSIM_CB_COUNT_);
    return pd ? pd->kind : PRJSIM_CB_COUNT_;
}

/* ---- expectations from what happened ---- */

typedef struct buf {
    char *text;
    size_t len, cap;
} buf;

static void put(buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->text = realloc(b->text, b->cap);
        if (!b->text)
            abort();
    }
    memcpy(b->text + b->len, s, n + 1);
    b->len += n;
}

static void put_quoted(buf *b, const char *s)
{
    put(b, "\"");
    put(b, s ? s : "");
    put(b, "\"");
}

static void describe_events(buf *b, scn_exec *r, bool notes)
{
    scn_provider *p = &r->prov;
    put(b, notes ? "expect notifications" : "expect callbacks");
    size_t n = 0;
    pthread_mutex_lock(&p->lock);
    for (size_t i = notes ? r->event_mark_note : r->event_mark_cb; i < p->event_count; i++) {
        const scn_event *e = &p->events[i];
        if ((e->kind == PRJSIM_CB_NOTIFICATION) != notes)
            continue;
        put(b, n++ ? ", " : " ");
        put(b, notes ? scn_notification_name(e->notification) : prjsim_callback_name(e->kind));
        put(b, " ");
        put_quoted(b, e->path);
        if (notes && e->has_dest && e->dest) {
            put(b, " to ");
            put_quoted(b, e->dest);
        }
    }
    pthread_mutex_unlock(&p->lock);
    put(b, n ? "\n" : " none\n");
}

char *scn_session_describe(scn_session *s)
{
    scn_exec *r = &s->run;
    if (r->external)
        scn_sync_events(r);
    buf b = {0};
    put(&b, "");
    describe_events(&b, r, false);
    describe_events(&b, r, true);
    for (int d = 0; d < PRJSIM_DIAG_COUNT_; d++) {
        size_t now = scn_sim_diag_count(r, (prjsim_diag)d);
        if (now > r->diag_mark[d]) {
            char line[160];
            snprintf(line, sizeof line, "expect diag %s count=%zu\n", prjsim_diag_name((prjsim_diag)d),
                     now - r->diag_mark[d]);
            put(&b, line);
        }
    }
    return b.text;
}
