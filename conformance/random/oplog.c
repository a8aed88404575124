/* SPDX-License-Identifier: MIT */
/*
 * The operation log: one operation a line, fields separated by tabs (paths never hold one),
 * UTF-8; `#` lines are comments (the header names the seed). `--replay FILE` reads it back.
 *
 *   KIND  PATH  PATH2  PATTERN  ACCESS  DISP  FLAGS  ATTRS  OFFSET  LENGTH  FILL  BUFFER  REPLACE  DIR
 */
#include "random_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void put_utf8(FILE *out, const WCHAR *w)
{
    char *s = prjsim_trace_utf8(w);
    if (s)
        fputs(s, out);
    free(s);
}

void rnd_log_op(FILE *out, const rnd_op *op)
{
    fputs(rnd_kind_name(op->kind), out);
    fputc('\t', out);
    put_utf8(out, op->path);
    fputc('\t', out);
    put_utf8(out, op->path2);
    fputc('\t', out);
    put_utf8(out, op->pattern);
    fprintf(out, "\t0x%x\t%u\t0x%x\t0x%x\t%llu\t%u\t%u\t%u\t%d\t%d\n", op->access, op->disp,
            op->flags, op->attrs, (unsigned long long)op->off, op->len, op->fill, op->buffer,
            op->replace, op->dir);
}

/* Decodes UTF-8 into @p out (at most n-1 units); false when malformed or too long. */
static bool from_utf8(const char *s, size_t len, WCHAR *out, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t v;
        int more;
        if (c < 0x80) { v = c; more = 0; }
        else if ((c & 0xE0) == 0xC0) { v = c & 0x1F; more = 1; }
        else if ((c & 0xF0) == 0xE0) { v = c & 0x0F; more = 2; }
        else if ((c & 0xF8) == 0xF0) { v = c & 0x07; more = 3; }
        else return false;
        if (i + 1 + (size_t)more > len)
            return false;
        for (int m = 1; m <= more; m++) {
            unsigned char d = (unsigned char)s[i + (size_t)m];
            if ((d & 0xC0) != 0x80)
                return false;
            v = (v << 6) | (d & 0x3F);
        }
        i += 1 + (size_t)more;
        if (k + 1 >= n)
            return false;
        out[k++] = (WCHAR)v;
    }
    out[k] = 0;
    return true;
}

bool rnd_parse_op(const char *line, rnd_op *op, bool *skip, char *err, size_t errlen)
{
    memset(op, 0, sizeof *op);
    *skip = false;
    size_t len = strcspn(line, "\r\n");
    if (len == 0 || line[0] == '#') {
        *skip = true;
        return true;
    }
    const char *f[14];
    size_t flen[14];
    size_t nf = 0;
    const char *p = line, *end = line + len;
    while (nf < 14) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        f[nf] = p;
        flen[nf] = tab ? (size_t)(tab - p) : (size_t)(end - p);
        nf++;
        if (!tab)
            break;
        p = tab + 1;
    }
    if (nf != 14) {
        snprintf(err, errlen, "expected 14 tab-separated fields, got %zu", nf);
        return false;
    }
    char kind[32];
    snprintf(kind, sizeof kind, "%.*s", (int)(flen[0] < 31 ? flen[0] : 31), f[0]);
    if (!rnd_kind_from_name(kind, &op->kind)) {
        snprintf(err, errlen, "unknown operation '%s'", kind);
        return false;
    }
    if (!from_utf8(f[1], flen[1], op->path, RND_PATH) || !from_utf8(f[2], flen[2], op->path2, RND_PATH) ||
        !from_utf8(f[3], flen[3], op->pattern, 32)) {
        snprintf(err, errlen, "a path or pattern is too long or not UTF-8");
        return false;
    }
    unsigned long long v[10];
    for (int k = 0; k < 10; k++) {
        char num[32], *e;
        snprintf(num, sizeof num, "%.*s", (int)(flen[4 + k] < 31 ? flen[4 + k] : 31), f[4 + k]);
        errno = 0;
        v[k] = strtoull(num, &e, 0);
        if (!num[0] || *e || errno) {
            snprintf(err, errlen, "field %d: bad number '%s'", 5 + k, num);
            return false;
        }
    }
    op->access = (UINT32)v[0];
    op->disp = (UINT32)v[1];
    op->flags = (UINT32)v[2];
    op->attrs = (UINT32)v[3];
    op->off = v[4];
    op->len = (UINT32)v[5];
    op->fill = (UINT32)v[6];
    op->buffer = (UINT32)v[7];
    op->replace = v[8] != 0;
    op->dir = v[9] != 0;
    if (op->len > 65536 || (op->kind == RND_WRITE && op->len > 64) || op->disp > 5 ||
        op->off > (1ull << 40)) {
        snprintf(err, errlen, "a value is out of range");
        return false;
    }
    return true;
}

bool rnd_load_log(const char *path, rnd_op **ops, size_t *count, unsigned long *seed, char *err,
                  size_t errlen)
{
    *ops = NULL;
    *count = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return false;
    }
    char *line = NULL;
    size_t cap = 0, n = 0, have = 0;
    unsigned lineno = 0;
    rnd_op *v = NULL;
    bool ok = true;
    while (getline(&line, &cap, f) >= 0) {
        lineno++;
        unsigned long s;
        if (seed && sscanf(line, "# seed %lu", &s) == 1)
            *seed = s;
        rnd_op op;
        bool skip;
        char why[200];
        if (!rnd_parse_op(line, &op, &skip, why, sizeof why)) {
            snprintf(err, errlen, "%s:%u: %s", path, lineno, why);
            ok = false;
            break;
        }
        if (skip)
            continue;
        if (n == have) {
            have = have ? have * 2 : 256;
            rnd_op *g = realloc(v, have * sizeof *v);
            if (!g)
                abort();
            v = g;
        }
        v[n++] = op;
    }
    free(line);
    fclose(f);
    if (!ok) {
        free(v);
        return false;
    }
    *ops = v;
    *count = n;
    return true;
}

void rnd_scn_word(FILE *out, const WCHAR *w)
{
    char *s = prjsim_trace_utf8(w);
    if (!s)
        return;
    bool quote = !*s || strpbrk(s, " \t\"'#=") != NULL;
    if (quote && !strchr(s, '"'))
        fprintf(out, "\"%s\"", s);
    else if (quote)
        fprintf(out, "'%s'", s);
    else
        fputs(s, out);
    free(s);
}
