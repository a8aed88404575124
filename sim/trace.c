/* SPDX-License-Identifier: MIT */
/* The trace: records of client operations, callbacks, Prj* calls and diagnostics. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <wchar.h>

char *prjsim__utf8(const WCHAR *s)
{
    if (!s)
        return strdup("(null)");
    size_t n = wcslen(s);
    char *out = prjsim__xmalloc(n * 4 + 1);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = (uint32_t)s[i];
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            c = 0xFFFD;
        if (c < 0x80) {
            out[at++] = (char)c;
        } else if (c < 0x800) {
            out[at++] = (char)(0xC0 | (c >> 6));
            out[at++] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out[at++] = (char)(0xE0 | (c >> 12));
            out[at++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[at++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[at++] = (char)(0xF0 | (c >> 18));
            out[at++] = (char)(0x80 | ((c >> 12) & 0x3F));
            out[at++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[at++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out[at] = 0;
    return out;
}

char *prjsim_trace_utf8(const WCHAR *s)
{
    return prjsim__utf8(s);
}

const char *prjsim__hr_str(char *buf, size_t n, HRESULT hr)
{
    const char *name = prjsim_hresult_name(hr);
    if (name)
        snprintf(buf, n, "%s", name);
    else
        snprintf(buf, n, "0x%08X", (unsigned)hr);
    return buf;
}

const char *prjsim__st_str(char *buf, size_t n, NTSTATUS st)
{
    const char *name = prjsim_status_name(st);
    if (name)
        snprintf(buf, n, "%s", name);
    else
        snprintf(buf, n, "0x%08X", (unsigned)st);
    return buf;
}

static void append(prjsim_sim *sim, const prjsim_trace_record *rec, char *text)
{
    pthread_mutex_lock(&sim->trace_lock);
    if (rec->kind == PRJSIM_TRACE_DIAG && (unsigned)rec->diag < PRJSIM_DIAG_COUNT_)
        sim->diag_counts[rec->diag]++;
    if (rec->kind == PRJSIM_TRACE_CALLBACK && (unsigned)rec->callback < PRJSIM_CB_COUNT_)
        sim->callback_counts[rec->callback]++;
    if (!sim->options.trace) {
        pthread_mutex_unlock(&sim->trace_lock);
        free(text);
        return;
    }
    if (sim->trace_count == sim->trace_cap) {
        sim->trace_cap = sim->trace_cap ? sim->trace_cap * 2 : 64;
        sim->trace = prjsim__xrealloc(sim->trace, sim->trace_cap * sizeof *sim->trace);
    }
    prjsim__trace_rec *r = &sim->trace[sim->trace_count++];
    r->rec = *rec;
    r->text = text;
    r->rec.text = text;
    pthread_mutex_unlock(&sim->trace_lock);
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *s = prjsim__xmalloc((size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

void prjsim__trace_emit(prjsim_sim *sim, prjsim_trace_kind kind, INT32 result, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = vformat(fmt, ap);
    va_end(ap);
    prjsim_trace_record rec = {kind, PRJSIM_CB_COUNT_, PRJSIM_DIAG_COUNT_, result, 0, NULL};
    append(sim, &rec, text);
}

size_t prjsim__trace_callback_begin(prjsim_sim *sim, prjsim_callback_kind kind, INT32 command_id)
{
    prjsim_trace_record rec = {PRJSIM_TRACE_CALLBACK, kind, PRJSIM_DIAG_COUNT_, 0, command_id, NULL};
    if (!sim->options.trace) {
        append(sim, &rec, NULL);
        return SIZE_MAX;
    }
    /* The slot keeps the callback's place before the Prj* calls it makes; its text comes at the end. */
    size_t n = strlen(prjsim_callback_name(kind)) + 32;
    char *text = prjsim__xmalloc(n);
    snprintf(text, n, "cb %s (running)", prjsim_callback_name(kind));
    pthread_mutex_lock(&sim->trace_lock);
    size_t index = sim->trace_count;
    pthread_mutex_unlock(&sim->trace_lock);
    append(sim, &rec, text);
    return index;
}

void prjsim__trace_callback_end(prjsim_sim *sim, size_t index, HRESULT result, const char *text)
{
    if (index == SIZE_MAX || !text)
        return;
    pthread_mutex_lock(&sim->trace_lock);
    /* A clear while the callback ran drops the slot; the line is then lost on purpose. */
    if (index < sim->trace_count && sim->trace[index].rec.kind == PRJSIM_TRACE_CALLBACK) {
        /* A reader may hold the "(running)" text: keep it until the trace is cleared. */
        if (sim->retired_count == sim->retired_cap) {
            sim->retired_cap = sim->retired_cap ? sim->retired_cap * 2 : 16;
            sim->retired = prjsim__xrealloc(sim->retired, sim->retired_cap * sizeof *sim->retired);
        }
        sim->retired[sim->retired_count++] = sim->trace[index].text;
        sim->trace[index].text = strdup(text);
        sim->trace[index].rec.text = sim->trace[index].text;
        sim->trace[index].rec.result = result;
    }
    pthread_mutex_unlock(&sim->trace_lock);
}

void prjsim__diag(prjsim_sim *sim, prjsim_diag diag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *detail = vformat(fmt, ap);
    va_end(ap);
    size_t n = strlen(detail) + 64;
    char *text = prjsim__xmalloc(n);
    snprintf(text, n, "diag %s: %s", prjsim_diag_name(diag), detail);
    free(detail);
    prjsim_trace_record rec = {PRJSIM_TRACE_DIAG, PRJSIM_CB_COUNT_, diag, 0, 0, NULL};
    append(sim, &rec, text);
}

size_t prjsim_trace_count(prjsim_sim *sim)
{
    pthread_mutex_lock(&sim->trace_lock);
    size_t n = sim->trace_count;
    pthread_mutex_unlock(&sim->trace_lock);
    return n;
}

bool prjsim_trace_get(prjsim_sim *sim, size_t index, prjsim_trace_record *out)
{
    pthread_mutex_lock(&sim->trace_lock);
    bool ok = index < sim->trace_count;
    if (ok)
        *out = sim->trace[index].rec;
    pthread_mutex_unlock(&sim->trace_lock);
    return ok;
}

void prjsim_trace_clear(prjsim_sim *sim)
{
    pthread_mutex_lock(&sim->trace_lock);
    for (size_t i = 0; i < sim->trace_count; i++)
        free(sim->trace[i].text);
    sim->trace_count = 0;
    for (size_t i = 0; i < sim->retired_count; i++)
        free(sim->retired[i]);
    sim->retired_count = 0;
    memset(sim->diag_counts, 0, sizeof sim->diag_counts);
    memset(sim->callback_counts, 0, sizeof sim->callback_counts);
    pthread_mutex_unlock(&sim->trace_lock);
}

size_t prjsim_trace_count_callbacks(prjsim_sim *sim, prjsim_callback_kind kind)
{
    if ((unsigned)kind >= PRJSIM_CB_COUNT_)
        return 0;
    pthread_mutex_lock(&sim->trace_lock);
    size_t n = sim->callback_counts[kind];
    pthread_mutex_unlock(&sim->trace_lock);
    return n;
}

size_t prjsim_trace_count_diag(prjsim_sim *sim, prjsim_diag diag)
{
    if ((unsigned)diag >= PRJSIM_DIAG_COUNT_)
        return 0;
    pthread_mutex_lock(&sim->trace_lock);
    size_t n = sim->diag_counts[diag];
    pthread_mutex_unlock(&sim->trace_lock);
    return n;
}

size_t prjsim_trace_count_all_diags(prjsim_sim *sim)
{
    size_t n = 0;
    pthread_mutex_lock(&sim->trace_lock);
    for (unsigned i = 0; i < PRJSIM_DIAG_COUNT_; i++)
        n += sim->diag_counts[i];
    pthread_mutex_unlock(&sim->trace_lock);
    return n;
}

char *prjsim_trace_text(prjsim_sim *sim, unsigned kinds)
{
    pthread_mutex_lock(&sim->trace_lock);
    size_t total = 1;
    for (size_t i = 0; i < sim->trace_count; i++)
        if (!kinds || (kinds & (1u << sim->trace[i].rec.kind)))
            total += strlen(sim->trace[i].text) + 1;
    char *s = prjsim__xmalloc(total);
    size_t at = 0;
    for (size_t i = 0; i < sim->trace_count; i++) {
        if (kinds && !(kinds & (1u << sim->trace[i].rec.kind)))
            continue;
        size_t n = strlen(sim->trace[i].text);
        memcpy(s + at, sim->trace[i].text, n);
        at += n;
        s[at++] = '\n';
    }
    s[at] = 0;
    pthread_mutex_unlock(&sim->trace_lock);
    return s;
}

void prjsim_trace_print(prjsim_sim *sim, FILE *out)
{
    char *s = prjsim_trace_text(sim, 0);
    fputs(s, out);
    free(s);
}
