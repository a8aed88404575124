/* SPDX-License-Identifier: MIT */
/*
 * prjconf.exe's own cases (prjconf_own_cases.h). Each failure says "expected X, got Y" with the
 * codes named (prjsim/status.h), so a difference from the simulator can be filed as it is.
 */
#include "prjconf_own_cases.h"

#include "prjconf_cases.h" /* prjconf_win_strdup */

#include <prjsim/status.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* A file found by the listing case: its path relative to the root and its listed size. */
typedef struct prjconf_own_file {
    WCHAR rel[MAX_PATH];
    UINT64 size;
} own_file;

enum { MAX_DEPTH = 4, MAX_ITEMS = 300 }; /* crawl bounds, as prjconf's on Linux */

typedef struct run {
    prjsim_projfs_root *root;
    const prjsim_backend *be;
    prjconf_own_state *s;
    char got[512]; /* why the case failed: "expected ..., got ..." */
} run;

static bool fail(run *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->got, sizeof r->got, fmt, ap);
    va_end(ap);
    return false;
}

/* A result of the seam as its name: "ERROR_FILE_NOT_FOUND (2)". */
static const char *named(char *buf, size_t size, prjsim_backend_result res)
{
    if (res.kind == PRJSIM_BACKEND_WIN32)
        return prjsim_format_win32(buf, size, (DWORD)res.code);
    if (res.kind == PRJSIM_BACKEND_UNSUPPORTED) {
        snprintf(buf, size, "unsupported (%s)", res.reason ? res.reason : "?");
        return buf;
    }
    return prjsim_format_code(buf, size, res.code, true);
}

static bool same_name(const WCHAR *a, const WCHAR *b)
{
    return CompareStringOrdinal(a, -1, b, -1, TRUE) == CSTR_EQUAL; /* as NTFS compares names */
}

static bool dots(const WCHAR *name) { return !wcscmp(name, L".") || !wcscmp(name, L".."); }

/*
 * Lists directory @p rel through the root, recursively (bounded), recording its files. Each
 * listing has no name twice; with the bundled provider it holds exactly the provider's names,
 * files as files and directories as directories.
 */
static bool crawl(run *r, const WCHAR *rel, int depth)
{
    WCHAR dir[MAX_PATH];
    if (!prjsim_projfs_root_join(r->root, rel, dir))
        return fail(r, "path too long: %ls", rel);
    prjsim_dir_entry *entries = NULL;
    size_t count = 0;
    char name[96];
    prjsim_backend_result res = r->be->list(dir, NULL, 0, &entries, &count);
    if (prjsim_backend_failed(res))
        return fail(r, "listing %ls: expected success, got %s", dir, named(name, sizeof name, res));
    bool ok = true;
    size_t listed = 0;
    for (size_t i = 0; ok && i < count; i++) {
        if (dots(entries[i].name))
            continue;
        listed++;
        for (size_t k = 0; k < i && ok; k++)
            if (same_name(entries[k].name, entries[i].name))
                ok = fail(r, "listing %ls: expected each name once, got %ls twice", dir, entries[i].name);
    }
    if (ok && r->root->tree) {
        size_t expected = 0;
        WCHAR child[MAX_PATH];
        PRJ_FILE_BASIC_INFO info;
        while (SUCCEEDED(memtree_child_at(r->root->tree, rel, expected, child, MAX_PATH, &info)))
            expected++;
        if (listed != expected)
            ok = fail(r, "listing %ls: expected %zu entries, got %zu", dir, expected, listed);
    }
    for (size_t i = 0; ok && i < count; i++) {
        const prjsim_dir_entry *e = &entries[i];
        if (dots(e->name))
            continue;
        WCHAR child[MAX_PATH];
        swprintf(child, MAX_PATH, *rel ? L"%ls\\%ls" : L"%ls%ls", rel, e->name);
        if (r->root->tree) {
            PRJ_FILE_BASIC_INFO info;
            if (FAILED(memtree_stat(r->root->tree, child, &info, NULL, 0))) {
                ok = fail(r, "listing %ls: expected only the provider's names, got %ls", dir, e->name);
                break;
            }
            if (!!e->basic.IsDirectory != !!info.IsDirectory) {
                ok = fail(r, "%ls: expected a %s, got a %s", child, info.IsDirectory ? "directory" : "file",
                          info.IsDirectory ? "file" : "directory");
                break;
            }
        }
        if (++r->s->items > MAX_ITEMS)
            break; /* big trees: the first MAX_ITEMS items are checked */
        if (!e->basic.IsDirectory) {
            own_file *f = &r->s->files[r->s->nfiles++];
            wcscpy(f->rel, child);
            f->size = (UINT64)e->basic.FileSize;
        } else if (depth < MAX_DEPTH) {
            ok = crawl(r, child, depth + 1);
        }
    }
    prjsim_backend_free_entries(entries);
    return ok;
}

static bool case_listing(run *r)
{
    r->s->nfiles = r->s->items = 0;
    if (!r->s->files && !(r->s->files = calloc(MAX_ITEMS + 1, sizeof *r->s->files)))
        return fail(r, "out of memory");
    return crawl(r, L"", 1);
}

/* Reads a listed file through the root: its listed size, and the bundled provider's bytes. */
static bool check_content(run *r, const own_file *f)
{
    WCHAR path[MAX_PATH];
    prjsim_projfs_root_join(r->root, f->rel, path);
    void *data = NULL;
    size_t size = 0;
    char name[96];
    prjsim_backend_result res = r->be->read_file(path, &data, &size);
    if (prjsim_backend_failed(res))
        return fail(r, "reading %ls: expected success, got %s", path, named(name, sizeof name, res));
    bool ok = true;
    if (r->root->tree) {
        char want[4096];
        for (UINT64 offset = 0; ok; offset += sizeof want) {
            size_t w = 0;
            memtree_read(r->root->tree, f->rel, offset, want, sizeof want, &w);
            size_t n = offset >= size ? 0 : size - offset < sizeof want ? (size_t)(size - offset) : sizeof want;
            if (n != w || memcmp((const char *)data + offset, want, n) != 0)
                ok = fail(r, "%ls at byte %llu: expected the provider's %zu bytes, got %zu different ones", path,
                          (unsigned long long)offset, w, n);
            if (w < sizeof want)
                break;
        }
    }
    free(data);
    if (ok && size != f->size)
        return fail(r, "%ls: expected the listed %llu bytes, got %llu", path, (unsigned long long)f->size,
                    (unsigned long long)size);
    return ok;
}

static bool case_content(run *r)
{
    for (size_t i = 0; i < r->s->nfiles; i++)
        if (!check_content(r, &r->s->files[i]))
            return false;
    return true;
}

/* After a read, a file is a hydrated placeholder (PRJ_FILE_STATE, "Cache state" in the docs). */
static bool case_hydrated(run *r)
{
    for (size_t i = 0; i < r->s->nfiles; i++) {
        WCHAR path[MAX_PATH];
        PRJ_FILE_STATE state = 0;
        char name[96];
        prjsim_projfs_root_join(r->root, r->s->files[i].rel, path);
        HRESULT hr = r->be->on_disk_state(path, &state);
        if (FAILED(hr))
            return fail(r, "PrjGetOnDiskFileState(%ls): expected S_OK, got %s", path,
                        prjsim_format_code(name, sizeof name, hr, false));
        if (state != PRJ_FILE_STATE_HYDRATED_PLACEHOLDER)
            return fail(r, "%ls after a read: expected state 0x%x (hydrated placeholder), got 0x%x", path,
                        (unsigned)PRJ_FILE_STATE_HYDRATED_PLACEHOLDER, (unsigned)state);
    }
    return true;
}

/* A name the provider does not have is not found (its GetPlaceholderInfo says so). */
static bool case_missing(run *r)
{
    WCHAR path[MAX_PATH];
    prjsim_projfs_root_join(r->root, L"prjconf-no-such-name.txt", path);
    prjsim_backend_file *f = NULL;
    prjsim_backend_open o = {path, GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING, 0, FILE_ATTRIBUTE_NORMAL};
    prjsim_backend_result res = r->be->open(&f, &o);
    if (!prjsim_backend_failed(res)) {
        r->be->close(f);
        return fail(r, "opening %ls: expected ERROR_FILE_NOT_FOUND (2), got success", path);
    }
    char name[96];
    if (res.kind != PRJSIM_BACKEND_WIN32 || res.code != ERROR_FILE_NOT_FOUND)
        return fail(r, "opening %ls: expected ERROR_FILE_NOT_FOUND (2), got %s", path, named(name, sizeof name, res));
    return true;
}

/* A new file written under the root is a full file. */
static bool case_new_file(run *r)
{
    WCHAR path[MAX_PATH];
    static const char text[] = "written by prjconf\r\n";
    char name[96];
    prjsim_projfs_root_join(r->root, L"prjconf-new.txt", path);
    prjsim_backend_file *f = NULL;
    prjsim_backend_open o = {path, GENERIC_READ | GENERIC_WRITE, 0, CREATE_NEW, 0, FILE_ATTRIBUTE_NORMAL};
    prjsim_backend_result res = r->be->open(&f, &o);
    if (prjsim_backend_failed(res))
        return fail(r, "creating %ls: expected success, got %s", path, named(name, sizeof name, res));
    uint32_t put = 0;
    res = r->be->write(f, 0, text, sizeof text - 1, &put);
    r->be->close(f);
    if (prjsim_backend_failed(res) || put != sizeof text - 1)
        return fail(r, "writing %ls: expected %u bytes written, got %lu (%s)", path, (unsigned)(sizeof text - 1),
                    (unsigned long)put, named(name, sizeof name, res));
    PRJ_FILE_STATE state = 0;
    HRESULT hr = r->be->on_disk_state(path, &state);
    if (FAILED(hr) || state != PRJ_FILE_STATE_FULL)
        return fail(r, "%ls: expected state 0x%x (full), got 0x%x (%s)", path, (unsigned)PRJ_FILE_STATE_FULL,
                    (unsigned)state, prjsim_format_code(name, sizeof name, hr, false));
    return true;
}

static const struct {
    const char *name;
    bool (*run)(run *);
} cases[] = {
    {"listing.matches-provider", case_listing},
    {"read.content-matches-provider", case_content},
    {"state.hydrated-after-read", case_hydrated},
    {"open.missing-name-not-found", case_missing},
    {"create.new-file-is-full", case_new_file},
};
const size_t prjconf_own_case_count = sizeof cases / sizeof cases[0];

const char *prjconf_own_case_name(size_t i) { return cases[i].name; }

void prjconf_own_run_case(prjsim_projfs_root *root, const prjsim_backend *be, prjconf_own_state *s, size_t i,
                          prjconf_result *r)
{
    run rn;
    memset(&rn, 0, sizeof rn);
    rn.root = root;
    rn.be = be;
    rn.s = s;
    memset(r, 0, sizeof *r);
    r->name = cases[i].name;
    r->backend = "projfs";
    r->outcome = cases[i].run(&rn) ? PRJCONF_PASS : PRJCONF_FAIL;
    r->message = prjconf_win_strdup(rn.got);
    r->details = prjconf_win_strdup("");
    r->diagnostics = prjconf_win_strdup("");
    r->repro = prjconf_win_strdup("");
}

void prjconf_own_state_free(prjconf_own_state *s)
{
    free(s->files);
    memset(s, 0, sizeof *s);
}
