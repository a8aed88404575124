/* SPDX-License-Identifier: MIT */
/*
 * A bounded crawl of the projection (breadth first, at most max_depth levels and max_items
 * items), which gives the generic cases the names they test, and the small helpers every case
 * body uses.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static void vreport(prjconf_ctx *c, const char *kind, const char *fmt, va_list ap)
{
    char line[1024];
    vsnprintf(line, sizeof line, fmt, ap);
    for (char *p = line; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    prjconf_report_line(c, kind, line);
}

void prjconf_fail(prjconf_ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!c->failed) {
        va_list aq;
        va_copy(aq, ap);
        vsnprintf(c->message, sizeof c->message, fmt, aq);
        va_end(aq);
    }
    c->failed = true;
    vreport(c, "fail", fmt, ap);
    va_end(ap);
}

void prjconf_skip(prjconf_ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->message, sizeof c->message, fmt, ap);
    va_end(ap);
    c->skipped = true;
}

void prjconf_note(prjconf_ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, "note", fmt, ap);
    va_end(ap);
}

void prjconf_step(prjconf_ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, "step", fmt, ap);
    va_end(ap);
}

unsigned long prjconf_rand(prjconf_ctx *c)
{
    /* xorshift64*, seeded per case. */
    uint64_t x = c->seed ? c->seed : 0x9E3779B97F4A7C15ull;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    c->seed = x;
    return (unsigned long)((x * 0x2545F4914F6CDD1Dull) >> 11);
}

UINT32 prjconf_entry_cost(PCWSTR name)
{
    UINT32 bytes = 0x68 + 2 * (UINT32)wcslen(name);
    return (bytes + 7) & ~7u;
}

prjconf_r prjconf_list(prjconf_ctx *c, PCWSTR path, PCWSTR pattern, UINT32 buffer_bytes,
                       prjsim_dir_entry **entries, size_t *count)
{
    *entries = NULL;
    *count = 0;
    prjsim_dir_entry *e = NULL;
    size_t n = 0;
    prjconf_r s = c->be->list(path, pattern, buffer_bytes, &e, &n);
    if (!prjconf_is(s, STATUS_SUCCESS)) {
        prjsim_backend_free_entries(e);
        return s;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (wcscmp(e[i].name, L".") != 0 && wcscmp(e[i].name, L"..") != 0)
            e[k++] = e[i];
    *entries = e;
    *count = k;
    return s;
}

static bool add_dir(prjconf_ctx *c, PCWSTR path)
{
    prjconf_dir *d = realloc(c->dirs, (c->dir_count + 1) * sizeof *d);
    if (!d)
        return false;
    c->dirs = d;
    d += c->dir_count++;
    memset(d, 0, sizeof *d);
    wcsncpy(d->path, path, MAX_PATH - 1);
    return true;
}

bool prjconf_crawl(prjconf_ctx *c)
{
    if (c->crawled)
        return !c->failed;
    c->crawled = true;
    if (!add_dir(c, c->root))
        return false;
    /* Breadth first; depth of a directory = depth of its parent + 1. */
    size_t *depth = calloc(1, sizeof *depth);
    if (!depth)
        return false;
    for (size_t i = 0; i < c->dir_count; i++) {
        prjconf_dir *d = &c->dirs[i];
        prjconf_step(c, "crawl: list %ls", d->path);
        prjconf_r s = prjconf_list(c, d->path, NULL, 0, &d->entries, &d->count);
        if (!prjconf_is(s, STATUS_SUCCESS)) {
            char b[96];
            prjconf_fail(c, "listing %ls: %s", d->path, prjconf_status(b, sizeof b, s));
            free(depth);
            return false;
        }
        for (size_t j = 0; j < c->dirs[i].count && c->item_count < c->opts->max_items; j++) {
            prjconf_item *items = realloc(c->items, (c->item_count + 1) * sizeof *items);
            if (!items)
                break;
            c->items = items;
            prjconf_item *it = &items[c->item_count++];
            memset(it, 0, sizeof *it);
            swprintf(it->path, MAX_PATH, L"%ls\\%ls", c->dirs[i].path, c->dirs[i].entries[j].name);
            wcsncpy(it->name, c->dirs[i].entries[j].name, MAX_PATH - 1);
            it->basic = c->dirs[i].entries[j].basic;
            it->parent = i;
            if (it->basic.IsDirectory && depth[i] + 1 < c->opts->max_depth) {
                WCHAR sub[MAX_PATH];
                wcscpy(sub, it->path);
                if (!add_dir(c, sub))
                    break;
                size_t *nd = realloc(depth, c->dir_count * sizeof *nd);
                if (!nd)
                    break;
                depth = nd;
                depth[c->dir_count - 1] = depth[i] + 1;
            }
        }
    }
    free(depth);
    return true;
}
