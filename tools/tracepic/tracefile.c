/* SPDX-License-Identifier: MIT */
/*
 * Writing trace files: the trace's text lines with the sampled states of the items the client
 * touched (tracepic.h describes the format).
 */
#include "tracepic.h"

#include <stdlib.h>
#include <strings.h>
#include <string.h>

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d)
        abort();
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

static void default_probe(void *ctx, const WCHAR *full, char *state, size_t size)
{
    (void)ctx;
    PRJ_FILE_STATE st = 0;
    if (PrjGetOnDiskFileState(full, &st) != S_OK) {
        snprintf(state, size, "not-on-disk");
        return;
    }
    static const struct { unsigned bit; const char *name; } names[] = {
        {PRJ_FILE_STATE_PLACEHOLDER, "placeholder"}, {PRJ_FILE_STATE_HYDRATED_PLACEHOLDER, "hydrated"},
        {PRJ_FILE_STATE_DIRTY_PLACEHOLDER, "dirty"}, {PRJ_FILE_STATE_FULL, "full"},
        {PRJ_FILE_STATE_TOMBSTONE, "tombstone"}};
    state[0] = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (st & names[i].bit)
            snprintf(state + strlen(state), size - strlen(state), "%s%s", state[0] ? "," : "", names[i].name);
    if (!state[0])
        snprintf(state, size, "0x%x", (unsigned)st);
}

static void add_path(tracepic_samples *s, const char *p, size_t n)
{
    for (size_t i = 0; i < s->path_count; i++)
        if (strlen(s->paths[i]) == n && !strncasecmp(s->paths[i], p, n))
            return;
    s->paths = realloc(s->paths, (s->path_count + 1) * sizeof *s->paths);
    s->last = realloc(s->last, (s->path_count + 1) * sizeof *s->last);
    if (!s->paths || !s->last)
        abort();
    s->paths[s->path_count] = dup_n(p, n);
    s->last[s->path_count] = NULL;
    s->path_count++;
}

/* The full paths ("C:\...") quoted in a client operation's line. */
static void note_paths(tracepic_samples *s, const char *text)
{
    for (const char *a = strchr(text, '"'); a; a = strchr(a, '"')) {
        const char *e = strchr(a + 1, '"');
        if (!e)
            break;
        const char *p = a + 1;
        size_t n = (size_t)(e - p);
        if (n >= 3 && p[1] == ':' && p[2] == '\\')
            add_path(s, p, n);
        a = e + 1;
    }
}

void tracepic_sample(tracepic_samples *s, prjsim_sim *sim, tracepic_probe_fn probe, void *ctx)
{
    size_t total = prjsim_trace_count(sim);
    prjsim_trace_record r;
    for (; s->scanned < total && prjsim_trace_get(sim, s->scanned, &r); s->scanned++)
        if (r.kind == PRJSIM_TRACE_OP && r.text)
            note_paths(s, r.text);
    for (size_t i = 0; i < s->path_count; i++) {
        char state[128];
        WCHAR *w = malloc((strlen(s->paths[i]) + 1) * sizeof *w);
        if (!w)
            abort();
        mbstowcs(w, s->paths[i], strlen(s->paths[i]) + 1);
        (probe ? probe : default_probe)(ctx, w, state, sizeof state);
        free(w);
        if (s->last[i] && !strcmp(s->last[i], state))
            continue;
        free(s->last[i]);
        s->last[i] = strdup(state);
        s->list = realloc(s->list, (s->count + 1) * sizeof *s->list);
        if (!s->list)
            abort();
        s->list[s->count].at = total;
        s->list[s->count].path = i;
        s->list[s->count].state = strdup(state);
        s->count++;
    }
}

void tracepic_samples_free(tracepic_samples *s)
{
    for (size_t i = 0; i < s->path_count; i++) {
        free(s->paths[i]);
        free(s->last[i]);
    }
    for (size_t i = 0; i < s->count; i++)
        free(s->list[i].state);
    free(s->paths);
    free(s->last);
    free(s->list);
    memset(s, 0, sizeof *s);
}

static void put_samples(FILE *f, const tracepic_samples *s, size_t *next, size_t at)
{
    for (; s && *next < s->count && s->list[*next].at <= at; (*next)++)
        fprintf(f, "state \"%s\" %s\n", s->paths[s->list[*next].path], s->list[*next].state);
}

bool tracepic_write(const char *path, const char *title, prjsim_sim *sim, const tracepic_samples *samples,
                    tracepic_skip_fn skip, void *ctx)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    fprintf(f, "# prjsim trace 1: ");
    for (const char *c = title ? title : ""; *c; c++)
        fputc(*c == '\n' || *c == '\r' ? ' ' : *c, f);
    fputc('\n', f);
    size_t next = 0, i = 0;
    prjsim_trace_record r;
    for (; prjsim_trace_get(sim, i, &r); i++) {
        put_samples(f, samples, &next, i);
        if (skip && skip(ctx, i))
            continue;
        for (const char *c = r.text ? r.text : ""; *c; c++)
            fputc(*c == '\n' || *c == '\r' ? ' ' : *c, f);
        fputc('\n', f);
    }
    put_samples(f, samples, &next, (size_t)-1);
    return fclose(f) == 0;
}
