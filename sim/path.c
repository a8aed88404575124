/* SPDX-License-Identifier: MIT */
/* Parsing Windows paths into components: `\` and `/` separate, `.` and `..` fold lexically. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

static bool is_sep(WCHAR c)
{
    return c == L'\\' || c == L'/';
}

/* Splits s into components, appending to p; `..` pops (never above min_keep components). */
static bool split(prjsim__path *p, const WCHAR *s, uint32_t min_keep)
{
    size_t n = wcslen(s);
    /* At most n / 2 + 1 components: each but the last is followed by a separator. */
    if (n < PRJSIM__PATH_LOCAL_CHARS) {
        memcpy(p->local_buf, s, (n + 1) * sizeof(WCHAR));
        p->buf = p->local_buf;
        p->comp = p->local_comp;
        p->len = p->local_len;
    } else {
        p->buf = prjsim__wcsdup_n(s, n);
        p->comp = prjsim__xmalloc((n / 2 + 2) * sizeof *p->comp);
        p->len = prjsim__xmalloc((n / 2 + 2) * sizeof *p->len);
    }
    p->count = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && is_sep(p->buf[i]))
            i++;
        size_t start = i;
        while (i < n && !is_sep(p->buf[i]))
            i++;
        size_t len = i - start;
        if (len == 0)
            break;
        if (len == 1 && p->buf[start] == L'.')
            continue;
        if (len == 2 && p->buf[start] == L'.' && p->buf[start + 1] == L'.') {
            if (p->count > min_keep)
                p->count--;
            continue;
        }
        p->comp[p->count] = p->buf + start;
        p->len[p->count] = (uint32_t)len;
        p->count++;
    }
    return true;
}

static void path_init(prjsim__path *p)
{
    p->buf = NULL;
    p->comp = NULL;
    p->len = NULL;
    p->count = 0;
}

bool prjsim__path_parse(prjsim__path *p, const WCHAR *full)
{
    path_init(p);
    if (!full || !iswalpha((wint_t)full[0]) || full[1] != L':' ||
        (full[2] != 0 && !is_sep(full[2])))
        return false;
    split(p, full, 1);
    return p->count >= 1;
}

bool prjsim__path_parse_relative(prjsim__path *p, const WCHAR *rel)
{
    path_init(p);
    if (!rel)
        return false;
    return split(p, rel, 0);
}

void prjsim__path_free(prjsim__path *p)
{
    if (p->buf != p->local_buf) {
        free(p->buf);
        free(p->comp);
        free(p->len);
    }
    path_init(p);
}

WCHAR *prjsim__path_join(const prjsim__path *p, uint32_t from, uint32_t to)
{
    size_t total = 0;
    for (uint32_t i = from; i < to; i++)
        total += p->len[i] + 1;
    WCHAR *s = prjsim__xmalloc((total + 1) * sizeof(WCHAR));
    size_t at = 0;
    for (uint32_t i = from; i < to; i++) {
        if (i > from)
            s[at++] = L'\\';
        memcpy(s + at, p->comp[i], p->len[i] * sizeof(WCHAR));
        at += p->len[i];
    }
    s[at] = 0;
    return s;
}

bool prjsim__path_relative_valid(const WCHAR *rel)
{
    if (!rel)
        return false;
    for (const WCHAR *c = rel; *c;) {
        while (is_sep(*c))
            c++;
        const WCHAR *start = c;
        for (; *c && !is_sep(*c); c++)
            if (*c < 32 || wcschr(L"<>:\"|?*", *c))
                return false;
        size_t len = (size_t)(c - start);
        if (len > PRJSIM__NAME_MAX || (len == 1 && start[0] == L'.') ||
            (len == 2 && start[0] == L'.' && start[1] == L'.'))
            return false;
    }
    return true;
}
