/* SPDX-License-Identifier: MIT */
/*
 * Pictures of a trace file: a self-contained HTML page (inline CSS, SVG and a few lines of
 * script; nothing from the network) with a sequence diagram of the client, ProjFS and the
 * provider, a timeline of each item's state and the diagnostics linked to the behaviour
 * reference; and the same sequence as Mermaid text, which GitHub renders.
 *
 * Client operations are recorded when they complete, so each is drawn after the callbacks it
 * caused, labelled with the status the client got.
 */
#include "tracepic.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum { K_OP, K_CB, K_API, K_DIAG, K_NOTE, K_STATE } kind;

typedef struct rec {
    kind k;
    char *text;    /* the line without its kind word */
    char *path;    /* K_STATE: the item; K_DIAG: the diagnostic's name */
    char *state;   /* K_STATE */
    size_t number; /* messages: 1-based number in the diagram */
    bool notification;
} rec;

struct tracepic_trace {
    char *title;
    rec *recs;
    size_t count;
    size_t messages;
};

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d)
        abort();
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

static bool starts(const char *s, const char *word)
{
    size_t n = strlen(word);
    return !strncmp(s, word, n) && (s[n] == ' ' || !s[n]);
}

bool tracepic_load(tracepic_trace **out, const char *path, char *err, size_t errlen)
{
    *out = NULL;
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return false;
    }
    tracepic_trace *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int lineno = 0;
    bool ok = true;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (!n)
            continue;
        if (line[0] == '#') {
            const char *h = "# prjsim trace 1:";
            if (lineno == 1 && !strncmp(line, h, strlen(h)))
                t->title = strdup(line + strlen(h) + (line[strlen(h)] == ' '));
            continue;
        }
        rec r;
        memset(&r, 0, sizeof r);
        if (starts(line, "op"))
            r.k = K_OP;
        else if (starts(line, "cb"))
            r.k = K_CB;
        else if (starts(line, "api"))
            r.k = K_API;
        else if (starts(line, "diag"))
            r.k = K_DIAG;
        else if (starts(line, "note"))
            r.k = K_NOTE;
        else if (starts(line, "state"))
            r.k = K_STATE;
        else {
            snprintf(err, errlen, "%s:%d: not a trace line (op, cb, api, diag, note or state): %.60s", path, lineno,
                     line);
            ok = false;
            break;
        }
        const char *rest = strchr(line, ' ');
        rest = rest ? rest + 1 : "";
        r.text = strdup(rest);
        if (r.k == K_STATE) {
            const char *a = strchr(rest, '"'), *e = a ? strchr(a + 1, '"') : NULL;
            if (!a || !e) {
                snprintf(err, errlen, "%s:%d: a state line is `state \"PATH\" STATE`", path, lineno);
                free(r.text);
                ok = false;
                break;
            }
            r.path = dup_n(a + 1, (size_t)(e - a - 1));
            r.state = strdup(e[1] ? e + 2 : "?");
        } else if (r.k == K_DIAG) {
            r.path = dup_n(rest, strcspn(rest, ": "));
        } else if (r.k != K_NOTE) {
            r.number = ++t->messages;
            r.notification = r.k == K_CB && starts(rest, "Notification");
        }
        t->recs = realloc(t->recs, (t->count + 1) * sizeof *t->recs);
        if (!t->recs)
            abort();
        t->recs[t->count++] = r;
    }
    free(line);
    fclose(f);
    if (!ok) {
        tracepic_free(t);
        return false;
    }
    if (!t->title)
        t->title = strdup(path);
    *out = t;
    return true;
}

void tracepic_free(tracepic_trace *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->count; i++) {
        free(t->recs[i].text);
        free(t->recs[i].path);
        free(t->recs[i].state);
    }
    free(t->recs);
    free(t->title);
    free(t);
}

size_t tracepic_message_count(const tracepic_trace *t)
{
    return t->messages;
}

/* ---- HTML ---- */

static void esc(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
    }
}

/* Whether a message's result (after " -> ") is a failure. */
static bool failed(const char *text)
{
    const char *a = strstr(text, " -> ");
    if (!a)
        return false;
    a += 4;
    return !(starts(a, "STATUS_SUCCESS") || starts(a, "S_OK") || starts(a, "STATUS_NO_MORE_FILES") ||
             strstr(a, "ERROR_IO_PENDING") || starts(a, "STATUS_PENDING"));
}

static const char *state_class(const char *s)
{
    if (strstr(s, "tombstone"))
        return "st-tomb";
    if (strstr(s, "full"))
        return "st-full";
    if (strstr(s, "dirty"))
        return "st-dirty";
    if (strstr(s, "hydrated"))
        return "st-hyd";
    if (strstr(s, "placeholder"))
        return "st-ph";
    return "st-none";
}

#define MAX_DRAWN 4000
#define COL_CLIENT 130
#define COL_PROJFS 520
#define COL_PROVIDER 910
#define ROW 30
#define TOP 60

static void svg(FILE *out, const tracepic_trace *t, const tracepic_options *o)
{
    size_t rows = 0;
    for (size_t i = 0; i < t->count && rows < MAX_DRAWN; i++)
        rows++;
    int height = TOP + (int)rows * ROW + 40;
    fprintf(out, "<svg id=\"sequence\" xmlns=\"http://www.w3.org/2000/svg\" width=\"1040\" height=\"%d\" "
                 "font-family=\"monospace\" font-size=\"12\">\n", height);
    fputs("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
          "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"context-stroke\"/>"
          "</marker></defs>\n", out);
    const int cols[] = {COL_CLIENT, COL_PROJFS, COL_PROVIDER};
    const char *names[] = {"Client", "ProjFS (prjsim)", "Provider"};
    for (int c = 0; c < 3; c++)
        fprintf(out, "<rect x=\"%d\" y=\"10\" width=\"160\" height=\"30\" rx=\"4\" class=\"actor\"/>"
                     "<text x=\"%d\" y=\"30\" text-anchor=\"middle\" class=\"actor-name\">%s</text>"
                     "<line x1=\"%d\" y1=\"40\" x2=\"%d\" y2=\"%d\" class=\"lifeline\"/>\n",
                cols[c] - 80, cols[c], names[c], cols[c], cols[c], height - 10);
    int y = TOP;
    for (size_t i = 0; i < t->count && i < MAX_DRAWN; i++, y += ROW) {
        const rec *r = &t->recs[i];
        char label[96];
        snprintf(label, sizeof label, "%s", r->text);
        if (strlen(r->text) > 90)
            strcpy(label + 86, "...");
        if (r->k == K_OP || r->k == K_CB || r->k == K_API) {
            int from = r->k == K_OP ? COL_CLIENT : r->k == K_CB ? COL_PROJFS : COL_PROVIDER;
            int to = r->k == K_API ? COL_PROJFS : r->k == K_OP ? COL_PROJFS : COL_PROVIDER;
            const char *cls = r->k == K_OP ? "op" : r->k == K_API ? "api" : r->notification ? "note-cb" : "cb";
            int lx = (from + to) / 2;
            fprintf(out, "<g class=\"msg %s%s\" id=\"m%zu\"><title>#%zu ", cls, failed(r->text) ? " failed" : "",
                    r->number, r->number);
            esc(out, r->text);
            fprintf(out, "</title><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" marker-end=\"url(#arrow)\"/>"
                         "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
                    from, y + 8, to, y + 8, lx < 300 ? 325 : lx, y + 3);
            fprintf(out, "%zu. ", r->number);
            esc(out, label);
            fputs("</text></g>\n", out);
        } else if (r->k == K_DIAG) {
            fprintf(out, "<g class=\"diag\"><a href=\"%s#", o && o->docs ? o->docs : "docs/behaviour/diagnostics.md");
            esc(out, r->path);
            fprintf(out, "\"><rect x=\"%d\" y=\"%d\" width=\"700\" height=\"22\" rx=\"3\"/><text x=\"%d\" y=\"%d\">"
                         "diagnostic: ", COL_PROJFS - 350, y - 8, COL_PROJFS - 340, y + 7);
            esc(out, label);
            fputs("</text></a></g>\n", out);
        } else if (r->k == K_NOTE) {
            fprintf(out, "<g class=\"note\"><rect x=\"%d\" y=\"%d\" width=\"360\" height=\"22\" rx=\"3\"/>"
                         "<text x=\"%d\" y=\"%d\">", COL_PROJFS - 180, y - 8, COL_PROJFS - 170, y + 7);
            esc(out, label);
            fputs("</text></g>\n", out);
        } else {
            fprintf(out, "<g class=\"state %s\"><rect x=\"4\" y=\"%d\" width=\"%d\" height=\"22\" rx=\"3\"/>"
                         "<text x=\"10\" y=\"%d\">", state_class(r->state), y - 8, COL_PROJFS - 120, y + 7);
            const char *base = strrchr(r->path, '\\');
            esc(out, base ? base + 1 : r->path);
            fputs(": ", out);
            esc(out, r->state);
            fputs("</text></g>\n", out);
        }
    }
    fputs("</svg>\n", out);
    if (t->count > MAX_DRAWN)
        fprintf(out, "<p>The diagram shows the first %d of %zu lines; the whole trace is below.</p>\n", MAX_DRAWN,
                t->count);
}

static void timeline(FILE *out, const tracepic_trace *t)
{
    /* items in order of first sample, columns at each sample point */
    char **items = NULL;
    size_t n_items = 0;
    size_t *cols = NULL, n_cols = 0; /* index of the first state record of each column */
    size_t last_msg = 0;
    bool prev_state = false;
    for (size_t i = 0; i < t->count; i++) {
        const rec *r = &t->recs[i];
        if (r->number)
            last_msg = r->number;
        if (r->k != K_STATE) {
            prev_state = false;
            continue;
        }
        bool known = false;
        for (size_t k = 0; k < n_items && !known; k++)
            known = !strcasecmp(items[k], r->path);
        if (!known) {
            items = realloc(items, (n_items + 1) * sizeof *items);
            if (!items)
                abort();
            items[n_items++] = r->path;
        }
        if (!prev_state) {
            cols = realloc(cols, (n_cols + 1) * sizeof *cols);
            if (!cols)
                abort();
            cols[n_cols++] = i;
        }
        prev_state = true;
    }
    (void)last_msg;
    if (!n_items) {
        fputs("<p>This trace holds no state samples.</p>\n", out);
        free(items);
        free(cols);
        return;
    }
    fputs("<table class=\"timeline\"><tr><th>item</th>", out);
    for (size_t c = 0; c < n_cols; c++) {
        size_t msg = 0;
        for (size_t i = cols[c]; i-- > 0;)
            if (t->recs[i].number) {
                msg = t->recs[i].number;
                break;
            }
        if (msg)
            fprintf(out, "<th><a href=\"#m%zu\">after %zu</a></th>", msg, msg);
        else
            fputs("<th>start</th>", out);
    }
    fputs("</tr>\n", out);
    for (size_t k = 0; k < n_items; k++) {
        fputs("<tr><td>", out);
        esc(out, items[k]);
        fputs("</td>", out);
        const char *cur = NULL;
        for (size_t c = 0; c < n_cols; c++) {
            size_t end = c + 1 < n_cols ? cols[c + 1] : t->count;
            for (size_t i = cols[c]; i < end && t->recs[i].k == K_STATE; i++)
                if (!strcasecmp(t->recs[i].path, items[k]))
                    cur = t->recs[i].state;
            if (cur) {
                fprintf(out, "<td class=\"%s\">", state_class(cur));
                esc(out, cur);
                fputs("</td>", out);
            } else {
                fputs("<td></td>", out);
            }
        }
        fputs("</tr>\n", out);
    }
    fputs("</table>\n", out);
    free(items);
    free(cols);
}

static const char *css =
    "body{font-family:sans-serif;margin:1.5em;color:#222}h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.5em}"
    "svg .actor{fill:#eef;stroke:#557}svg .actor-name{font-weight:bold;font-family:sans-serif}"
    "svg .lifeline{stroke:#99a;stroke-dasharray:4 4}svg .msg line{stroke-width:1.5}"
    "svg .op line{stroke:#555}svg .cb line{stroke:#1a7f9c}svg .note-cb line{stroke:#a0469c}"
    "svg .api line{stroke:#2f5fd0}svg .failed text{fill:#c00}svg .failed line{stroke:#c00}"
    "svg .diag rect{fill:#fdd;stroke:#c00}svg .diag text{fill:#900}svg .note rect{fill:#ffd;stroke:#bb8}"
    "svg .state rect{stroke:#999}svg .state text{fill:#222;stroke:none}"
    "svg .msg text{paint-order:stroke;stroke:#fff;stroke-width:3px}.st-ph{fill:#e6f0ff;background:#e6f0ff}.st-hyd{fill:#d8f5d8;background:#d8f5d8}"
    ".st-dirty{fill:#fff0c8;background:#fff0c8}.st-full{fill:#f3d9f7;background:#f3d9f7}"
    ".st-tomb{fill:#ddd;background:#ddd}.st-none{fill:#fff;background:#fff}"
    "table.timeline{border-collapse:collapse}table.timeline td,table.timeline th{border:1px solid #ccc;"
    "padding:2px 6px;font-family:monospace;font-size:12px}pre{background:#f6f6f6;padding:.5em;overflow:auto}"
    ".legend span{padding:1px 6px;margin-right:6px;font-family:monospace}";

void tracepic_html(FILE *out, const tracepic_trace *t, const tracepic_options *o)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>prjsim trace: ", out);
    esc(out, t->title);
    fprintf(out, "</title>\n<style>%s</style></head>\n<body data-messages=\"\" data-errors=\"0\">\n", css);
    /* counts what was drawn, and any script error, where a headless browser's DOM dump shows them */
    fputs("<script>window.onerror=function(){var b=document.body;b.setAttribute('data-errors',"
          "String(Number(b.getAttribute('data-errors'))+1));};</script>\n", out);
    fputs("<h1>prjsim trace: ", out);
    esc(out, t->title);
    size_t diags = 0;
    for (size_t i = 0; i < t->count; i++)
        diags += t->recs[i].k == K_DIAG;
    fprintf(out, "</h1>\n<p>%zu messages, %zu diagnostic%s. Client operations are drawn when they complete, after "
                 "the callbacks they caused; hover a message for its whole line.</p>\n",
            t->messages, diags, diags == 1 ? "" : "s");
    if (diags) {
        fputs("<h2>Diagnostics</h2>\n<ul>\n", out);
        for (size_t i = 0; i < t->count; i++) {
            if (t->recs[i].k != K_DIAG)
                continue;
            fprintf(out, "<li><a class=\"diag-link\" href=\"%s#", o && o->docs ? o->docs : "docs/behaviour/diagnostics.md");
            esc(out, t->recs[i].path);
            fputs("\">", out);
            esc(out, t->recs[i].path);
            fputs("</a>", out);
            /* the line goes on "NAME: what happened" */
            const char *what = t->recs[i].text + strlen(t->recs[i].path);
            esc(out, what);
            fputs("</li>\n", out);
        }
        fputs("</ul>\n", out);
    }
    fputs("<h2>Sequence</h2>\n<p class=\"legend\"><span style=\"color:#555\">&#8594; client operation</span>"
          "<span style=\"color:#1a7f9c\">&#8594; callback</span><span style=\"color:#a0469c\">&#8594; "
          "notification</span><span style=\"color:#2f5fd0\">&#8594; Prj* call</span><span style=\"color:#c00\">"
          "failed</span></p>\n", out);
    svg(out, t, o);
    fputs("<h2>State of each item</h2>\n", out);
    timeline(out, t);
    fputs("<h2>Mermaid</h2>\n<details><summary>the sequence as Mermaid text</summary><pre>", out);
    char *m = NULL;
    size_t mlen = 0;
    FILE *mf = open_memstream(&m, &mlen);
    if (mf) {
        tracepic_mermaid(mf, t);
        fclose(mf);
        esc(out, m ? m : "");
        free(m);
    }
    fputs("</pre></details>\n<h2>Trace</h2>\n<details><summary>the trace file</summary><pre>", out);
    for (size_t i = 0; i < t->count; i++) {
        static const char *words[] = {"op", "cb", "api", "diag", "note", "state"};
        fprintf(out, "%s ", words[t->recs[i].k]);
        esc(out, t->recs[i].text);
        fputc('\n', out);
    }
    fputs("</pre></details>\n", out);
    fputs("<script>document.body.setAttribute('data-messages',"
          "String(document.querySelectorAll('#sequence g.msg').length));</script>\n</body></html>\n", out);
}

/* ---- Mermaid ---- */

static void mesc(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (!strncmp(s, " -> ", 4)) {
            fputs(" → ", out);
            s += 3;
            continue;
        }
        switch (*s) {
        case '#': fputs("#35;", out); break;
        case ';': fputs("#59;", out); break;
        case '<': fputs("#lt;", out); break;
        case '>': fputs("#gt;", out); break;
        default: fputc(*s, out);
        }
    }
}

void tracepic_mermaid(FILE *out, const tracepic_trace *t)
{
    fputs("sequenceDiagram\n    participant C as Client\n    participant P as ProjFS\n    participant V as Provider\n",
          out);
    for (size_t i = 0; i < t->count; i++) {
        const rec *r = &t->recs[i];
        switch (r->k) {
        case K_OP: fputs("    C->>P: ", out); break;
        case K_CB: fputs("    P->>V: ", out); break;
        case K_API: fputs("    V->>P: ", out); break;
        case K_DIAG: fputs("    Note over P,V: diagnostic ", out); break;
        case K_NOTE: fputs("    Note over P: ", out); break;
        case K_STATE: {
            const char *base = strrchr(r->path, '\\');
            fputs("    Note left of C: ", out);
            mesc(out, base ? base + 1 : r->path);
            fputs(" is ", out);
            mesc(out, r->state);
            fputc('\n', out);
            continue;
        }
        }
        mesc(out, r->text);
        fputc('\n', out);
    }
}

bool tracepic_render(const char *trace_path, const char *html_path, const tracepic_options *o)
{
    tracepic_trace *t;
    char err[512];
    if (!tracepic_load(&t, trace_path, err, sizeof err))
        return false;
    FILE *f = fopen(html_path, "w");
    if (!f) {
        tracepic_free(t);
        return false;
    }
    tracepic_html(f, t, o);
    tracepic_free(t);
    return fclose(f) == 0;
}
