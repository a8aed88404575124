/* SPDX-License-Identifier: MIT */
/*
 * Golden traces: the trace lines a run produced, scrubbed of what varies between runs (GUIDs,
 * times, command ids), compared with an expected block where a line `...` stands for any
 * number of lines.
 */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct out {
    char *s;
    size_t len, cap;
} out;

static void add(out *o, const char *s, size_t n)
{
    while (o->len + n + 1 > o->cap) {
        o->cap = o->cap ? o->cap * 2 : 128;
        o->s = realloc(o->s, o->cap);
        if (!o->s)
            abort();
    }
    memcpy(o->s + o->len, s, n);
    o->len += n;
    o->s[o->len] = 0;
}

static size_t hex_run(const char *s)
{
    size_t n = 0;
    while (isxdigit((unsigned char)s[n]))
        n++;
    return n;
}

/* Length of a GUID (8-4-4-4-12 hex digits) at s, or 0. */
static size_t guid_at(const char *s)
{
    static const size_t parts[] = {8, 4, 4, 4, 12};
    size_t at = 0;
    for (int i = 0; i < 5; i++) {
        if (hex_run(s + at) != parts[i])
            return 0;
        at += parts[i];
        if (i < 4) {
            if (s[at] != '-')
                return 0;
            at++;
        }
    }
    return at;
}

/* Length of an ISO time (YYYY-MM-DDTHH:MM:SS[.f+][Z]) at s, or 0. */
static size_t iso_at(const char *s)
{
    const char *shape = "dddd-dd-ddTdd:dd:dd";
    size_t i = 0;
    for (; shape[i]; i++) {
        if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
            return 0;
    }
    if (s[i] == '.') {
        i++;
        while (isdigit((unsigned char)s[i]))
            i++;
    }
    if (s[i] == 'Z')
        i++;
    return i;
}

static bool ends_with_key(const char *start, const char *eq, const char *key)
{
    size_t k = strlen(key);
    if ((size_t)(eq - start) < k || strncasecmp(eq - k, key, k) != 0)
        return false;
    return eq - k == start || !isalnum((unsigned char)eq[-(long)k - 1]);
}

char *scn_scrub(const char *line)
{
    out o = {0};
    add(&o, "", 0);
    const char *s = line;
    while (*s) {
        size_t n;
        bool word_start = s == line || !isalnum((unsigned char)s[-1]);
        if (word_start && (n = guid_at(s + (*s == '{'))) > 0) {
            size_t total = n + (*s == '{') + ((*s == '{' && s[n + 1] == '}') ? 1 : 0);
            add(&o, "{GUID}", 6);
            s += total;
            continue;
        }
        if (word_start && (n = iso_at(s)) > 0) {
            add(&o, "<time>", 6);
            s += n;
            continue;
        }
        if (*s == '=' && isdigit((unsigned char)s[1])) {
            const char *key_time[] = {"time", "ctime", "atime", "mtime", "chtime"};
            const char *key_id[] = {"command", "cmd", "commandid", "id", "command_id"};
            const char *repl = NULL;
            for (size_t i = 0; i < 5 && !repl; i++)
                if (ends_with_key(line, s, key_time[i]))
                    repl = "=<time>";
            for (size_t i = 0; i < 5 && !repl; i++)
                if (ends_with_key(line, s, key_id[i]))
                    repl = "=#";
            if (repl) {
                add(&o, repl, strlen(repl));
                s++;
                while (isalnum((unsigned char)*s))
                    s++;
                continue;
            }
        }
        add(&o, s, 1);
        s++;
    }
    return o.s;
}

char **scn_trace_lines(scn_exec *r, size_t from, unsigned kinds, size_t *count)
{
    size_t total = scn_sim_trace_count(r);
    char **lines = malloc((total - (from < total ? from : total) + 1) * sizeof *lines);
    if (!lines)
        abort();
    size_t n = 0;
    prjsim_trace_record rec;
    for (size_t i = from; i < total && scn_sim_trace_get(r, i, &rec); i++) {
        if (scn_trace_hidden(r, i))
            continue;
        if (kinds && !(kinds & (1u << rec.kind)))
            continue;
        lines[n++] = scn_script_paths(r, rec.text ? rec.text : ""); /* as the script names them */
    }
    *count = n;
    return lines;
}

void scn_lines_free(char **lines, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(lines[i]);
    free(lines);
}

static char *trimmed(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    char *t = malloc(n + 1);
    if (!t)
        abort();
    memcpy(t, s, n);
    t[n] = 0;
    char *c = scn_scrub(t);
    free(t);
    return c;
}

/* Matches want[wi..] against got[gi..]; `...` matches any run of lines. */
static bool glob(char **want, size_t wn, size_t wi, char **got, size_t gn, size_t gi, size_t *fail_w,
                 size_t *fail_g)
{
    while (wi < wn) {
        if (strcmp(want[wi], "...") == 0) {
            for (size_t k = gi; k <= gn; k++)
                if (glob(want, wn, wi + 1, got, gn, k, fail_w, fail_g))
                    return true;
            return false;
        }
        if (gi >= gn || strcmp(want[wi], got[gi]) != 0) {
            if (wi > *fail_w || (wi == *fail_w && gi > *fail_g)) {
                *fail_w = wi;
                *fail_g = gi;
            }
            return false;
        }
        wi++;
        gi++;
    }
    if (gi != gn) {
        if (wi > *fail_w || (wi == *fail_w && gi > *fail_g)) {
            *fail_w = wi;
            *fail_g = gi;
        }
        return false;
    }
    return true;
}

bool scn_trace_compare(const char *want_text, char **got_raw, size_t got_count, char *msg, size_t msglen)
{
    char **want = NULL;
    size_t wn = 0;
    for (const char *a = want_text; *a;) {
        const char *e = strchr(a, '\n');
        size_t n = e ? (size_t)(e - a) : strlen(a);
        want = realloc(want, (wn + 1) * sizeof *want);
        if (!want)
            abort();
        want[wn++] = trimmed(a, n);
        a = e ? e + 1 : a + n;
    }
    /* blank lines in the block are ignored */
    size_t k = 0;
    for (size_t i = 0; i < wn; i++) {
        if (want[i][0])
            want[k++] = want[i];
        else
            free(want[i]);
    }
    wn = k;
    char **got = malloc((got_count + 1) * sizeof *got);
    if (!got)
        abort();
    for (size_t i = 0; i < got_count; i++)
        got[i] = trimmed(got_raw[i], strlen(got_raw[i]));
    size_t fw = 0, fg = 0;
    bool ok = glob(want, wn, 0, got, got_count, 0, &fw, &fg);
    if (!ok) {
        size_t at = 0;
        if (fw < wn && fg < got_count)
            at += (size_t)snprintf(msg + at, msglen - at, "expected trace line '%s', got '%s'", want[fw], got[fg]);
        else if (fw < wn)
            at += (size_t)snprintf(msg + at, msglen - at, "expected trace line '%s', got the end of the trace",
                                   want[fw]);
        else
            at += (size_t)snprintf(msg + at, msglen - at, "expected the end of the trace, got '%s'", got[fg]);
        if (at < msglen)
            at += (size_t)snprintf(msg + at, msglen - at, "; the trace was:");
        for (size_t i = 0; i < got_count && at < msglen; i++)
            at += (size_t)snprintf(msg + at, msglen - at, "\n      %s", got[i]);
        if (got_count == 0 && at < msglen)
            snprintf(msg + at, msglen - at, " (empty)");
    }
    scn_lines_free(want, wn);
    scn_lines_free(got, got_count);
    return ok;
}

char *scn_recent_trace(scn_exec *r, size_t n)
{
    size_t count;
    char **lines = scn_trace_lines(r, 0, 0, &count);
    out o = {0};
    add(&o, "", 0);
    for (size_t i = count > n ? count - n : 0; i < count; i++) {
        add(&o, lines[i], strlen(lines[i]));
        add(&o, "\n", 1);
    }
    scn_lines_free(lines, count);
    return o.s;
}
