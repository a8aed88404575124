/* SPDX-License-Identifier: MIT */
/*
 * Which cases run: shell-style globs on case names, shards (every Nth selected case), and the
 * per-provider expected-failures file.
 */
#include "prjconf.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool prjconf_glob(const char *pattern, const char *name)
{
    return fnmatch(pattern, name, 0) == 0;
}

bool prjconf_shard_parse(const char *text, unsigned *index, unsigned *count)
{
    unsigned i, n;
    char extra;
    if (sscanf(text, "%u/%u%c", &i, &n, &extra) != 2 || n == 0 || i == 0 || i > n)
        return false;
    *index = i - 1;
    *count = n;
    return true;
}

bool prjconf_shard_contains(unsigned index, unsigned count, size_t position)
{
    return count <= 1 || position % count == index;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = 0;
    return s;
}

bool prjconf_xfail_parse(prjconf_xfail *out, const char *text, const char *origin, char *err,
                         size_t errlen)
{
    memset(out, 0, sizeof *out);
    char *copy = strdup(text);
    if (!copy)
        return false;
    unsigned line = 0;
    bool ok = true;
    for (char *p = copy; p && ok;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        line++;
        char *reason = strchr(p, '#');
        if (reason)
            *reason++ = 0;
        char *pattern = trim(p);
        if (*pattern) {
            if (strpbrk(pattern, " \t")) {
                snprintf(err, errlen, "%s:%u: expected one case name or glob, got '%s'",
                         origin ? origin : "<xfail>", line, pattern);
                ok = false;
                break;
            }
            char **pp = realloc(out->patterns, (out->count + 1) * sizeof *pp);
            char **rr = pp ? realloc(out->reasons, (out->count + 1) * sizeof *rr) : NULL;
            if (pp)
                out->patterns = pp;
            if (rr)
                out->reasons = rr;
            if (!pp || !rr) {
                snprintf(err, errlen, "out of memory");
                ok = false;
                break;
            }
            out->patterns[out->count] = strdup(pattern);
            out->reasons[out->count] = strdup(reason ? trim(reason) : "");
            out->count++;
        }
        p = nl ? nl + 1 : NULL;
    }
    free(copy);
    if (!ok)
        prjconf_xfail_free(out);
    return ok;
}

bool prjconf_xfail_load(prjconf_xfail *out, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read the expected-failures file", path);
        return false;
    }
    size_t cap = 4096, len = 0;
    char *text = malloc(cap);
    size_t n;
    while (text && (n = fread(text + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            char *grown = realloc(text, cap * 2);
            if (!grown) {
                free(text);
                text = NULL;
                break;
            }
            text = grown;
            cap *= 2;
        }
    }
    fclose(f);
    if (!text) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    text[len] = 0;
    bool ok = prjconf_xfail_parse(out, text, path, err, errlen);
    free(text);
    return ok;
}

const char *prjconf_xfail_match(const prjconf_xfail *x, const char *name)
{
    for (size_t i = 0; x && i < x->count; i++)
        if (prjconf_glob(x->patterns[i], name))
            return x->reasons[i];
    return NULL;
}

void prjconf_xfail_free(prjconf_xfail *x)
{
    for (size_t i = 0; i < x->count; i++) {
        free(x->patterns[i]);
        free(x->reasons[i]);
    }
    free(x->patterns);
    free(x->reasons);
    memset(x, 0, sizeof *x);
}
