/* SPDX-License-Identifier: MIT */
/*
 * The cases about items rather than listings: placeholder info against the enumeration entry,
 * file data against the size, names that do not exist, allowed results, leaks, stop and
 * restart, and the capability-gated notification and pending cases.
 */
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

/* Attribute bits that enumeration and open must agree on. */
#define COMPARED_ATTRIBUTES                                                                \
    (FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM |             \
     FILE_ATTRIBUTE_DIRECTORY)

void prjconf_case_placeholder_agrees_with_listing(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    char b[96];
    for (size_t i = 0; i < c->item_count; i++) {
        const prjconf_item *it = &c->items[i];
        prjconf_step(c, "stat %ls", it->path);
        prjsim_file_info info;
        prjconf_r s = prjconf_stat(c, it->path, &info);
        if (!prjconf_is(s, STATUS_SUCCESS)) {
            prjconf_fail(c, "opening listed %ls: %s", it->path, prjconf_status(b, sizeof b, s));
            return;
        }
        if (!info.basic.IsDirectory != !it->basic.IsDirectory) {
            prjconf_fail(c, "%ls is listed as a %s but opens as a %s", it->path,
                         it->basic.IsDirectory ? "directory" : "file",
                         info.basic.IsDirectory ? "directory" : "file");
            return;
        }
        if (!it->basic.IsDirectory && info.basic.FileSize != it->basic.FileSize) {
            prjconf_fail(c, "%ls is listed with FileSize %lld but its placeholder says %lld",
                         it->path, (long long)it->basic.FileSize, (long long)info.basic.FileSize);
            return;
        }
        UINT32 la = it->basic.FileAttributes & COMPARED_ATTRIBUTES;
        UINT32 pa = info.basic.FileAttributes & COMPARED_ATTRIBUTES;
        if (la != pa) {
            prjconf_fail(c, "%ls is listed with attributes 0x%x but its placeholder has 0x%x",
                         it->path, (unsigned)la, (unsigned)pa);
            return;
        }
    }
}

void prjconf_case_placeholder_name_matches(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    char b[96];
    for (size_t i = 0; i < c->item_count; i++) {
        WCHAR other[MAX_PATH];
        wcscpy(other, c->items[i].path);
        /* Only the last component is swapped: the parents are already placeholders. */
        WCHAR *last = wcsrchr(other, L'\\');
        for (WCHAR *q = last ? last + 1 : other; *q; q++)
            *q = iswupper((wint_t)*q) ? (WCHAR)towlower((wint_t)*q) : (WCHAR)towupper((wint_t)*q);
        prjconf_step(c, "open %ls", other);
        prjsim_backend_file *h;
        prjconf_r s = prjconf_open(c, &h, other, GENERIC_READ, OPEN_EXISTING, 0);
        if (!prjconf_is(s, STATUS_SUCCESS)) {
            prjconf_fail(c, "opening %ls (listed as %ls): %s", other, c->items[i].name,
                         prjconf_status(b, sizeof b, s));
            return;
        }
        prjconf_close(c, h);
        /* The name a client lists afterwards is still the provider's spelling. */
    }
    for (size_t i = 0; i < c->dir_count; i++) {
        prjsim_dir_entry *e;
        size_t n;
        if (!prjconf_is(prjconf_list(c, c->dirs[i].path, NULL, 0, &e, &n), STATUS_SUCCESS))
            continue;
        for (size_t j = 0; j < n && j < c->dirs[i].count; j++)
            if (wcscmp(e[j].name, c->dirs[i].entries[j].name) != 0) {
                prjconf_fail(c, "after opening in another case, %ls lists \"%ls\" instead of \"%ls\"",
                             c->dirs[i].path, e[j].name, c->dirs[i].entries[j].name);
                break;
            }
        prjsim_backend_free_entries(e);
    }
}

bool prjconf_read_whole(prjconf_ctx *c, const prjconf_item *it, unsigned char **data, size_t *size)
{
    char b[96];
    prjconf_step(c, "read %ls", it->path);
    void *p = NULL;
    prjconf_r s = prjconf_read_file(c, it->path, &p, size);
    if (!prjconf_is(s, STATUS_SUCCESS)) {
        prjconf_fail(c, "reading %ls: %s", it->path, prjconf_status(b, sizeof b, s));
        free(p);
        return false;
    }
    if ((INT64)*size != it->basic.FileSize) {
        prjconf_fail(c, "reading %ls gave %zu bytes, its FileSize is %lld", it->path, *size,
                     (long long)it->basic.FileSize);
        free(p);
        return false;
    }
    *data = p;
    return true;
}

void prjconf_case_data_agrees_with_size(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    for (size_t i = 0; i < c->item_count; i++) {
        const prjconf_item *it = &c->items[i];
        if (it->basic.IsDirectory || it->basic.FileSize > PRJCONF_MAX_READ)
            continue;
        unsigned char *data;
        size_t size;
        if (!prjconf_read_whole(c, it, &data, &size))
            return;
        free(data);
    }
}

void prjconf_case_data_ranges(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    char b[96];
    for (size_t i = 0; i < c->item_count; i++) {
        const prjconf_item *it = &c->items[i];
        if (it->basic.IsDirectory || it->basic.FileSize > PRJCONF_MAX_READ)
            continue;
        UINT64 size = (UINT64)it->basic.FileSize;
        /* A range first, so that the provider is asked while the file is not hydrated. */
        prjsim_backend_file *h;
        prjconf_step(c, "read ranges of %ls", it->path);
        prjconf_r s = prjconf_open(c, &h, it->path, GENERIC_READ, OPEN_EXISTING, 0);
        if (!prjconf_is(s, STATUS_SUCCESS)) {
            prjconf_fail(c, "opening %ls: %s", it->path, prjconf_status(b, sizeof b, s));
            return;
        }
        UINT64 offsets[] = {size / 2, 0, size > 3 ? size - 3 : 0, size, size + 100};
        unsigned char *got[5] = {0};
        UINT32 lengths[5] = {0};
        bool ok = true;
        for (int k = 0; k < 5 && ok; k++) {
            got[k] = malloc(4099);
            if (!got[k]) {
                ok = false;
                break;
            }
            s = prjconf_read(c, h, offsets[k], got[k], 4099, &lengths[k]);
            if (offsets[k] >= size) {
                if (!prjconf_is(s, STATUS_END_OF_FILE)) {
                    prjconf_fail(c, "reading %ls at %llu (its size is %llu) gave %s, not STATUS_END_OF_FILE",
                                 it->path, (unsigned long long)offsets[k], (unsigned long long)size,
                                 prjconf_status(b, sizeof b, s));
                    ok = false;
                }
                lengths[k] = 0;
            } else if (!prjconf_is(s, STATUS_SUCCESS)) {
                prjconf_fail(c, "reading %ls at %llu: %s", it->path, (unsigned long long)offsets[k],
                             prjconf_status(b, sizeof b, s));
                ok = false;
            } else if (lengths[k] != (size - offsets[k] < 4099 ? size - offsets[k] : 4099)) {
                prjconf_fail(c, "reading 4099 bytes of %ls at %llu gave %u bytes (size %llu)",
                             it->path, (unsigned long long)offsets[k], lengths[k],
                             (unsigned long long)size);
                ok = false;
            }
        }
        prjconf_close(c, h);
        unsigned char *whole = NULL;
        size_t wsize = 0;
        if (ok && prjconf_read_whole(c, it, &whole, &wsize)) {
            for (int k = 0; k < 5; k++)
                if (lengths[k] && memcmp(whole + offsets[k], got[k], lengths[k]) != 0) {
                    prjconf_fail(c, "the %u bytes of %ls at %llu differ from the whole file's",
                                 lengths[k], it->path, (unsigned long long)offsets[k]);
                    break;
                }
        }
        free(whole);
        for (int k = 0; k < 5; k++)
            free(got[k]);
        if (c->failed)
            return;
    }
}

/* A name no provider is likely to project, from the seed. */
static void missing_name(prjconf_ctx *c, WCHAR *out, size_t chars)
{
    swprintf(out, chars, L"prjconf-missing-%08lx.none", prjconf_rand(c) & 0xffffffffu);
}

static void expect_open(prjconf_ctx *c, PCWSTR path, NTSTATUS want, const char *why)
{
    char b[96], w[96];
    prjconf_step(c, "open %ls", path);
    prjsim_backend_file *h;
    prjconf_r s = prjconf_open(c, &h, path, GENERIC_READ, OPEN_EXISTING, 0);
    if (prjconf_is(s, STATUS_SUCCESS))
        prjconf_close(c, h);
    if (!prjconf_is(s, want))
        prjconf_fail(c, "opening %ls (%s): expected %s, got %s", path, why,
                     prjconf_status(w, sizeof w, prjsim_backend_status(want)), prjconf_status(b, sizeof b, s));
}

void prjconf_case_notfound_leaf(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    for (size_t i = 0; i < c->dir_count && !c->failed; i++) {
        WCHAR name[64], path[MAX_PATH];
        missing_name(c, name, 64);
        swprintf(path, MAX_PATH, L"%ls\\%ls", c->dirs[i].path, name);
        expect_open(c, path, STATUS_OBJECT_NAME_NOT_FOUND, "ERROR_FILE_NOT_FOUND");
    }
}

void prjconf_case_notfound_middle(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    for (size_t i = 0; i < c->dir_count && !c->failed; i++) {
        WCHAR name[64], path[MAX_PATH];
        missing_name(c, name, 64);
        swprintf(path, MAX_PATH, L"%ls\\%ls\\leaf.txt", c->dirs[i].path, name);
        expect_open(c, path, STATUS_OBJECT_PATH_NOT_FOUND, "ERROR_PATH_NOT_FOUND");
    }
    /* A file used as a directory. */
    for (size_t i = 0; i < c->item_count && !c->failed; i++)
        if (!c->items[i].basic.IsDirectory) {
            WCHAR path[MAX_PATH];
            swprintf(path, MAX_PATH, L"%ls\\below", c->items[i].path);
            prjsim_backend_file *h;
            prjconf_r s = prjconf_open(c, &h, path, GENERIC_READ, OPEN_EXISTING, 0);
            if (prjconf_is(s, STATUS_SUCCESS)) {
                prjconf_close(c, h);
                prjconf_fail(c, "opening %ls below a file succeeded", path);
            }
            break;
        }
}

/* Crawls and reads every file; results are checked by the diagnostics and by the caller. */
void prjconf_crawl_and_read(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    for (size_t i = 0; i < c->item_count && !c->failed; i++) {
        const prjconf_item *it = &c->items[i];
        if (it->basic.IsDirectory || it->basic.FileSize > PRJCONF_MAX_READ)
            continue;
        unsigned char *data;
        size_t size;
        if (prjconf_read_whole(c, it, &data, &size))
            free(data);
    }
}

void prjconf_case_results_allowed(prjconf_ctx *c)
{
    prjconf_crawl_and_read(c);
    /* Beyond the unlisted-result diagnostic: no client saw STATUS_INTERNAL_ERROR. Without the
     * simulator's trace of every client operation, the results the case's own calls got. */
    if (!(c->be->caps & PRJSIM_BACKEND_CAP_SIMULATOR)) {
        if (c->internal_error[0])
            prjconf_fail(c, "a client saw STATUS_INTERNAL_ERROR: %s", c->internal_error);
        return;
    }
    prjconf_simulator_internal_errors(c);
}

void prjconf_case_lifecycle_stop_restart(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    prjconf_step(c, "stop and start the provider");
    if (!prjconf_target_restart(c))
        return;
    char b[96];
    for (size_t i = 0; i < c->dir_count; i++) {
        prjsim_dir_entry *e;
        size_t n;
        prjconf_r s = prjconf_list(c, c->dirs[i].path, NULL, 0, &e, &n);
        if (!prjconf_is(s, STATUS_SUCCESS)) {
            prjconf_fail(c, "listing %ls after the restart: %s", c->dirs[i].path,
                         prjconf_status(b, sizeof b, s));
            return;
        }
        bool same = n == c->dirs[i].count;
        for (size_t j = 0; same && j < n; j++)
            same = wcscmp(e[j].name, c->dirs[i].entries[j].name) == 0;
        prjsim_backend_free_entries(e);
        if (!same) {
            prjconf_fail(c, "%ls lists %zu entries after the restart, %zu before (or other names)",
                         c->dirs[i].path, n, c->dirs[i].count);
            return;
        }
    }
}

/* Results a client may see when the provider vetoes an operation. */
static bool allowed_veto(prjconf_r s)
{
    return prjconf_is(s, STATUS_SUCCESS) || prjconf_is(s, STATUS_ACCESS_DENIED) ||
           prjconf_is(s, STATUS_CANNOT_DELETE);
}

void prjconf_case_notify_basic(prjconf_ctx *c)
{
    char b[96];
    WCHAR name[64], path[MAX_PATH], moved[MAX_PATH];
    swprintf(name, 64, L"prjconf-%08lx", prjconf_rand(c) & 0xffffffffu);
    swprintf(path, MAX_PATH, L"%ls\\%ls.new", c->root, name);
    swprintf(moved, MAX_PATH, L"%ls\\%ls.moved", c->root, name);
    prjconf_step(c, "create %ls", path);
    prjconf_r s = prjconf_write_file(c, path, "prjconf\n", 8);
    if (!allowed_veto(s)) {
        prjconf_fail(c, "creating %ls: %s", path, prjconf_status(b, sizeof b, s));
        return;
    }
    if (!prjconf_is(s, STATUS_SUCCESS)) {
        prjconf_note(c, "the provider vetoed creating %ls: the client saw %s", path,
                     prjconf_status(b, sizeof b, s));
        return;
    }
    prjconf_step(c, "move %ls", path);
    s = prjconf_move(c, path, moved, false);
    if (!allowed_veto(s)) {
        prjconf_fail(c, "renaming %ls: %s", path, prjconf_status(b, sizeof b, s));
        return;
    }
    if (!prjconf_is(s, STATUS_SUCCESS))
        prjconf_note(c, "the provider vetoed renaming %ls: the client saw %s", path,
                     prjconf_status(b, sizeof b, s));
    PCWSTR now = prjconf_is(s, STATUS_SUCCESS) ? moved : path;
    prjconf_step(c, "delete %ls", now);
    s = prjconf_delete(c, now, false);
    if (!allowed_veto(s))
        prjconf_fail(c, "deleting %ls: %s", now, prjconf_status(b, sizeof b, s));
    else if (!prjconf_is(s, STATUS_SUCCESS))
        prjconf_note(c, "the provider vetoed deleting %ls: the client saw %s", now,
                     prjconf_status(b, sizeof b, s));
}

struct opener {
    prjconf_ctx *c;
    unsigned index;
    size_t failures;
    prjconf_r first_status;
    size_t first_item;
};

static void *open_all(void *arg)
{
    struct opener *o = arg;
    prjconf_ctx *c = o->c;
    for (size_t k = 0; k < c->item_count; k++) {
        /* Each thread walks the items from another start, in its own spelling. */
        size_t i = (k + o->index * 7) % c->item_count;
        WCHAR path[MAX_PATH];
        wcscpy(path, c->items[i].path);
        WCHAR *last = wcsrchr(path, L'\\');
        unsigned bit = 0;
        for (WCHAR *q = last ? last + 1 : path; *q; q++, bit++)
            if ((o->index >> (bit % 3)) & 1)
                *q = iswupper((wint_t)*q) ? (WCHAR)towlower((wint_t)*q) : (WCHAR)towupper((wint_t)*q);
        prjsim_backend_file *h;
        prjconf_r s = prjconf_open(c, &h, path, GENERIC_READ, OPEN_EXISTING, 0);
        if (prjconf_is(s, STATUS_SUCCESS)) {
            prjconf_close(c, h);
        } else if (o->failures++ == 0) {
            o->first_status = s;
            o->first_item = i;
        }
    }
    return NULL;
}

void prjconf_case_placeholder_concurrent_opens(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    enum { THREADS = 8 };
    struct opener o[THREADS];
    pthread_t t[THREADS];
    int started = 0;
    prjconf_step(c, "open %zu items from %d threads", c->item_count, THREADS);
    for (int k = 0; k < THREADS; k++) {
        o[k] = (struct opener){c, (unsigned)k, 0, {0, 0, NULL}, 0};
        if (pthread_create(&t[k], NULL, open_all, &o[k]) != 0)
            break;
        started++;
    }
    char b[96];
    for (int k = 0; k < started; k++) {
        pthread_join(t[k], NULL);
        if (o[k].failures && !c->failed)
            prjconf_fail(c, "%zu concurrent opens failed; opening %ls first gave %s", o[k].failures,
                         c->items[o[k].first_item].path, prjconf_status(b, sizeof b, o[k].first_status));
    }
}
