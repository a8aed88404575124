/* SPDX-License-Identifier: MIT */
/*
 * The enumeration cases: order, uniqueness, resumption with small buffers, restart (with and
 * without a new filter), wildcards and concurrent sessions. Each compares what a client sees
 * with the provider's own full listing from the crawl; none knows the provider's content.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

/* Directories a case looks at beyond the crawl (each costs several enumerations). */
#define MAX_DIRS 12

static bool same_listing(prjconf_ctx *c, const char *what, PCWSTR dir, const prjsim_dir_entry *want,
                         size_t nwant, const prjsim_dir_entry *got, size_t ngot)
{
    for (size_t i = 0; i < nwant || i < ngot; i++) {
        PCWSTR w = i < nwant ? want[i].name : L"(end)";
        PCWSTR g = i < ngot ? got[i].name : L"(end)";
        if (wcscmp(w, g) != 0) {
            prjconf_fail(c, "%s of %ls: entry %zu is \"%ls\", the full listing has \"%ls\" "
                         "(%zu entries instead of %zu)", what, dir, i, g, w, ngot, nwant);
            return false;
        }
    }
    return true;
}

void prjconf_case_enum_sorted(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    for (size_t i = 0; i < c->dir_count; i++) {
        prjconf_dir *d = &c->dirs[i];
        for (size_t j = 1; j < d->count; j++) {
            if (PrjFileNameCompare(d->entries[j - 1].name, d->entries[j].name) > 0) {
                prjconf_fail(c, "listing of %ls: \"%ls\" comes after \"%ls\" (PrjFileNameCompare order)",
                             d->path, d->entries[j].name, d->entries[j - 1].name);
                return;
            }
        }
    }
}

void prjconf_case_enum_unique(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    for (size_t i = 0; i < c->dir_count; i++) {
        prjconf_dir *d = &c->dirs[i];
        for (size_t j = 0; j < d->count; j++)
            for (size_t k = j + 1; k < d->count; k++)
                if (PrjFileNameCompare(d->entries[j].name, d->entries[k].name) == 0) {
                    prjconf_fail(c, "listing of %ls names \"%ls\" twice (entries %zu and %zu)",
                                 d->path, d->entries[j].name, j, k);
                    return;
                }
    }
}

/* Room for @p n entries of the longest name in the listing. */
static UINT32 room_for(const prjconf_dir *d, unsigned n)
{
    UINT32 most = prjconf_entry_cost(L"..");
    for (size_t i = 0; i < d->count; i++) {
        UINT32 cost = prjconf_entry_cost(d->entries[i].name);
        if (cost > most)
            most = cost;
    }
    return most * n;
}

void prjconf_case_enum_resume_small_buffers(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    for (size_t i = 0; i < c->dir_count && i < MAX_DIRS; i++) {
        prjconf_dir *d = &c->dirs[i];
        for (unsigned n = 1; n <= 3; n++) {
            prjconf_step(c, "list %ls with room for %u entries", d->path, n);
            prjsim_dir_entry *e;
            size_t k;
            prjconf_r s = prjconf_list(c, d->path, NULL, room_for(d, n), &e, &k);
            char b[96];
            if (!prjconf_is(s, STATUS_SUCCESS)) {
                prjconf_fail(c, "listing %ls with room for %u entries: %s", d->path, n,
                             prjconf_status(b, sizeof b, s));
                return;
            }
            char what[64];
            snprintf(what, sizeof what, "listing with room for %u entries", n);
            bool ok = same_listing(c, what, d->path, d->entries, d->count, e, k);
            prjsim_backend_free_entries(e);
            if (!ok)
                return;
        }
    }
}

/*
 * Opens @p dir, reads one small buffer with @p first_pattern, then restarts with
 * @p restart_pattern and reads to the end; the entries after the restart go to @p out.
 */
static bool restart_listing(prjconf_ctx *c, const prjconf_dir *d, PCWSTR first_pattern,
                            PCWSTR restart_pattern, prjsim_dir_entry **out, size_t *nout)
{
    char b[96];
    prjsim_backend_file *h;
    *out = NULL;
    *nout = 0;
    prjconf_r s = prjconf_open(c, &h, d->path, GENERIC_READ, OPEN_EXISTING,
                               PRJSIM_OPEN_DIRECTORY);
    if (!prjconf_is(s, STATUS_SUCCESS)) {
        prjconf_fail(c, "opening %ls: %s", d->path, prjconf_status(b, sizeof b, s));
        return false;
    }
    prjsim_dir_entry *e = NULL;
    size_t n = 0;
    s = prjconf_query(c, h, first_pattern, 0, room_for(d, 2), &e, &n);
    prjsim_backend_free_entries(e);
    size_t cap = 0;
    bool ok = true;
    UINT32 flags = PRJSIM_QUERY_RESTART_SCAN;
    PCWSTR pattern = restart_pattern;
    for (;;) {
        s = prjconf_query(c, h, pattern, flags, room_for(d, 2), &e, &n);
        flags = 0;
        pattern = NULL;
        if (prjconf_is(s, STATUS_NO_MORE_FILES) || prjconf_is(s, STATUS_NO_SUCH_FILE))
            break;
        if (!prjconf_is(s, STATUS_SUCCESS)) {
            prjconf_fail(c, "querying %ls after a restart: %s", d->path,
                         prjconf_status(b, sizeof b, s));
            ok = false;
            break;
        }
        for (size_t i = 0; i < n; i++) {
            if (!wcscmp(e[i].name, L".") || !wcscmp(e[i].name, L".."))
                continue;
            if (*nout == cap) {
                cap = cap ? cap * 2 : 16;
                prjsim_dir_entry *grown = realloc(*out, cap * sizeof *grown);
                if (!grown) {
                    ok = false;
                    break;
                }
                *out = grown;
            }
            (*out)[(*nout)++] = e[i];
        }
        prjsim_backend_free_entries(e);
        if (!ok)
            break;
    }
    prjconf_close(c, h);
    return ok;
}

void prjconf_case_enum_restart(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    for (size_t i = 0; i < c->dir_count && i < MAX_DIRS; i++) {
        prjconf_dir *d = &c->dirs[i];
        prjconf_step(c, "restart a listing of %ls", d->path);
        prjsim_dir_entry *e;
        size_t n;
        bool ok = restart_listing(c, d, NULL, NULL, &e, &n) &&
                  same_listing(c, "listing after a restart", d->path, d->entries, d->count, e, n);
        free(e);
        if (!ok)
            return;
    }
}

/* The entries of @p d whose names match @p pattern, in a malloc'd array. */
static prjsim_dir_entry *filtered(const prjconf_dir *d, PCWSTR pattern, size_t *n)
{
    prjsim_dir_entry *out = malloc((d->count + 1) * sizeof *out);
    *n = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < d->count; i++)
        if (PrjFileNameMatch(d->entries[i].name, pattern))
            out[(*n)++] = d->entries[i];
    return out;
}

/* A pattern made from a name of the listing: its first character and `*`. */
static void prefix_pattern(const prjconf_dir *d, size_t k, WCHAR *out)
{
    if (d->count == 0) {
        wcscpy(out, L"a*");
        return;
    }
    out[0] = d->entries[k % d->count].name[0];
    out[1] = L'*';
    out[2] = 0;
}

void prjconf_case_enum_restart_new_filter(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    for (size_t i = 0; i < c->dir_count && i < MAX_DIRS; i++) {
        prjconf_dir *d = &c->dirs[i];
        WCHAR pattern[4];
        prefix_pattern(d, d->count / 2, pattern);
        prjconf_step(c, "restart a listing of %ls with \"%ls\"", d->path, pattern);
        size_t nwant;
        prjsim_dir_entry *want = filtered(d, pattern, &nwant);
        prjsim_dir_entry *e = NULL;
        size_t n;
        char what[128];
        snprintf(what, sizeof what, "listing after a restart with the new filter \"%ls\"", pattern);
        bool ok = want && restart_listing(c, d, L"*", pattern, &e, &n) &&
                  same_listing(c, what, d->path, want, nwant, e, n);
        free(e);
        free(want);
        if (!ok)
            return;
    }
}

static bool check_pattern(prjconf_ctx *c, const prjconf_dir *d, PCWSTR pattern)
{
    prjconf_step(c, "list %ls with \"%ls\"", d->path, pattern);
    size_t nwant;
    prjsim_dir_entry *want = filtered(d, pattern, &nwant);
    prjsim_dir_entry *e;
    size_t n;
    char b[96];
    prjconf_r s = prjconf_list(c, d->path, pattern, 0, &e, &n);
    bool ok = want != NULL;
    if (ok && !prjconf_is(s, STATUS_SUCCESS)) {
        prjconf_fail(c, "listing %ls with \"%ls\": %s", d->path, pattern,
                     prjconf_status(b, sizeof b, s));
        ok = false;
    }
    if (ok) {
        char what[128];
        snprintf(what, sizeof what, "listing with \"%ls\"", pattern);
        ok = same_listing(c, what, d->path, want, nwant, e, n);
    }
    prjsim_backend_free_entries(e);
    free(want);
    return ok;
}

void prjconf_case_enum_wildcards(prjconf_ctx *c)
{
    static const WCHAR *const fixed[] = {
        L"*", L"*.*", L"?", L"????*", L"*.txt", L"<", L"<.txt", L"*>", L"?>>>>", L"\"*",
        L"*\"*", L"<\"*", L"*e*", L"A*", L"*.?",
    };
    if (!prjconf_crawl(c))
        return;
    for (size_t i = 0; i < c->dir_count && i < MAX_DIRS; i++) {
        prjconf_dir *d = &c->dirs[i];
        for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++)
            if (!check_pattern(c, d, fixed[k]))
                return;
        /* Patterns made from the listing's own names: exact, other case, `?` for a character. */
        for (size_t k = 0; k < d->count && k < 3; k++) {
            const WCHAR *name = d->entries[(k * 7919) % d->count].name;
            WCHAR p[MAX_PATH];
            wcsncpy(p, name, MAX_PATH - 1);
            p[MAX_PATH - 1] = 0;
            if (!check_pattern(c, d, p))
                return;
            for (WCHAR *q = p; *q; q++)
                *q = iswupper((wint_t)*q) ? (WCHAR)towlower((wint_t)*q) : (WCHAR)towupper((wint_t)*q);
            if (!check_pattern(c, d, p))
                return;
            wcsncpy(p, name, MAX_PATH - 1);
            p[0] = L'?';
            if (!check_pattern(c, d, p))
                return;
            WCHAR *dot = wcsrchr(p, L'.');
            if (dot && dot != p) {
                wcscpy(dot, L"<");
                if (!check_pattern(c, d, p))
                    return;
            }
        }
    }
}

void prjconf_case_enum_concurrent_sessions(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    /* Two sessions on each directory, and one on the next directory, interleaved buffer by
     * buffer. */
    enum { SESSIONS = 3 };
    char b[96];
    for (size_t i = 0; i < c->dir_count && i < MAX_DIRS; i++) {
        const prjconf_dir *ds[SESSIONS] = {&c->dirs[i], &c->dirs[i],
                                           &c->dirs[(i + 1) % c->dir_count]};
        prjsim_backend_file *h[SESSIONS] = {0};
        prjsim_dir_entry *got[SESSIONS] = {0};
        size_t n[SESSIONS] = {0}, cap[SESSIONS] = {0};
        bool done[SESSIONS] = {0}, ok = true;
        prjconf_step(c, "interleaved sessions on %ls and %ls", ds[0]->path, ds[2]->path);
        for (int k = 0; k < SESSIONS && ok; k++) {
            prjconf_r s = prjconf_open(c, &h[k], ds[k]->path, GENERIC_READ,
                                       OPEN_EXISTING, PRJSIM_OPEN_DIRECTORY);
            if (!prjconf_is(s, STATUS_SUCCESS)) {
                prjconf_fail(c, "opening %ls: %s", ds[k]->path, prjconf_status(b, sizeof b, s));
                h[k] = NULL;
                ok = false;
            }
        }
        while (ok && !(done[0] && done[1] && done[2])) {
            for (int k = 0; k < SESSIONS && ok; k++) {
                if (done[k])
                    continue;
                prjsim_dir_entry *e = NULL;
                size_t m = 0;
                prjconf_r s = prjconf_query(c, h[k], NULL, 0, room_for(ds[k], 1 + k),
                                            &e, &m);
                if (prjconf_is(s, STATUS_NO_MORE_FILES) || prjconf_is(s, STATUS_NO_SUCH_FILE)) {
                    done[k] = true;
                    continue;
                }
                if (!prjconf_is(s, STATUS_SUCCESS)) {
                    prjconf_fail(c, "querying %ls: %s", ds[k]->path, prjconf_status(b, sizeof b, s));
                    ok = false;
                    break;
                }
                for (size_t j = 0; j < m; j++) {
                    if (!wcscmp(e[j].name, L".") || !wcscmp(e[j].name, L".."))
                        continue;
                    if (n[k] == cap[k]) {
                        cap[k] = cap[k] ? 2 * cap[k] : 16;
                        prjsim_dir_entry *g = realloc(got[k], cap[k] * sizeof *g);
                        if (!g) {
                            ok = false;
                            break;
                        }
                        got[k] = g;
                    }
                    got[k][n[k]++] = e[j];
                }
                prjsim_backend_free_entries(e);
            }
        }
        for (int k = 0; k < SESSIONS; k++) {
            if (ok)
                ok = same_listing(c, "listing interleaved with other sessions", ds[k]->path,
                                  ds[k]->entries, ds[k]->count, got[k], n[k]);
            if (h[k])
                prjconf_close(c, h[k]);
            free(got[k]);
        }
        if (!ok)
            return;
    }
}
