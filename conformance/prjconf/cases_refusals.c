/* SPDX-License-Identifier: MIT */
/*
 * What ProjFS refuses and providers ported from Linux file systems do not expect
 * (docs/behaviour/renames.md, docs/behaviour/lifecycle.md): renaming a directory with projected
 * content, and deleting the root while virtualizing. Each case shows the refusal, checks that
 * it changed nothing the provider projects, and that what is allowed still works.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* The names a listing of @p path gives now, one string; NULL if it cannot be listed. */
static char *names_of(prjconf_ctx *c, PCWSTR path)
{
    prjsim_dir_entry *e;
    size_t n;
    if (!prjconf_is(prjconf_list(c, path, NULL, 0, &e, &n), STATUS_SUCCESS))
        return NULL;
    size_t cap = 1, len = 0;
    for (size_t i = 0; i < n; i++)
        cap += wcslen(e[i].name) * 4 + 1;
    char *s = malloc(cap);
    s[0] = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(s + len, cap - len, "%ls/", e[i].name);
    prjsim_backend_free_entries(e);
    return s;
}

static bool projected_dir_refused(prjconf_ctx *c, const prjconf_item *dir)
{
    char b[96];
    WCHAR moved[MAX_PATH];
    swprintf(moved, MAX_PATH, L"%ls.prjconf-moved", dir->path);
    char *before = names_of(c, dir->path);
    prjconf_step(c, "move %ls", dir->path);
    prjconf_r s = prjconf_move(c, dir->path, moved, false);
    if (!prjconf_is(s, STATUS_NOT_SUPPORTED)) {
        prjconf_fail(c, "renaming the projected directory %ls: expected STATUS_NOT_SUPPORTED "
                     "(ERROR_NOT_SUPPORTED, as ProjFS answers), got %s", dir->path,
                     prjconf_status(b, sizeof b, s));
        free(before);
        return false;
    }
    prjsim_file_info info;
    s = prjconf_stat(c, moved, &info);
    char *after = names_of(c, dir->path);
    bool same = before && after && !strcmp(before, after);
    if (!prjconf_is(s, STATUS_OBJECT_NAME_NOT_FOUND))
        prjconf_fail(c, "after the refused rename %ls: %s", moved, prjconf_status(b, sizeof b, s));
    else if (!same)
        prjconf_fail(c, "after the refused rename %ls lists differently: before \"%s\", after \"%s\"",
                     dir->path, before ? before : "(error)", after ? after : "(error)");
    free(before);
    free(after);
    return !c->failed;
}

static void local_dir_renames(prjconf_ctx *c)
{
    char b[96];
    WCHAR dir[MAX_PATH], file[MAX_PATH], moved[MAX_PATH], moved_file[MAX_PATH];
    unsigned long tag = prjconf_rand(c) & 0xffffffffu;
    swprintf(dir, MAX_PATH, L"%ls\\prjconf-%08lx.dir", c->root, tag);
    swprintf(file, MAX_PATH, L"%ls\\f.txt", dir);
    swprintf(moved, MAX_PATH, L"%ls\\prjconf-%08lx.moved", c->root, tag);
    swprintf(moved_file, MAX_PATH, L"%ls\\f.txt", moved);
    prjconf_step(c, "mkdir %ls", dir);
    prjconf_r s = prjconf_mkdir(c, dir);
    if (prjconf_is(s, STATUS_SUCCESS)) {
        prjconf_step(c, "write %ls", file);
        s = prjconf_write_file(c, file, "prjconf\n", 8);
    }
    if (prjconf_is(s, STATUS_ACCESS_DENIED))
        return; /* the provider vetoes local changes: nothing to rename */
    if (!prjconf_is(s, STATUS_SUCCESS)) {
        prjconf_fail(c, "creating %ls: %s", file, prjconf_status(b, sizeof b, s));
        return;
    }
    prjconf_step(c, "move %ls", dir);
    s = prjconf_move(c, dir, moved, false);
    if (!prjconf_is(s, STATUS_SUCCESS) && !prjconf_is(s, STATUS_ACCESS_DENIED)) {
        prjconf_fail(c, "renaming the local directory %ls (only local content): %s", dir,
                     prjconf_status(b, sizeof b, s));
        return;
    }
    bool renamed = prjconf_is(s, STATUS_SUCCESS);
    PCWSTR now_dir = renamed ? moved : dir, now_file = renamed ? moved_file : file;
    void *data = NULL;
    size_t size = 0;
    s = prjconf_read_file(c, now_file, &data, &size);
    if (!prjconf_is(s, STATUS_SUCCESS) || size != 8 || memcmp(data, "prjconf\n", 8))
        prjconf_fail(c, "reading %ls after the rename: %s, %zu bytes", now_file,
                     prjconf_status(b, sizeof b, s), size);
    free(data);
    prjconf_delete(c, now_file, false);
    prjconf_delete(c, now_dir, true);
}

void prjconf_case_rename_directories(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    for (size_t i = 0; i < c->item_count; i++)
        if (c->items[i].basic.IsDirectory) {
            if (!projected_dir_refused(c, &c->items[i]))
                return;
            break;
        }
    local_dir_renames(c);
}

void prjconf_case_root_delete(prjconf_ctx *c)
{
    char b[96];
    char *before = names_of(c, c->root);
    prjconf_step(c, "delete %ls", c->root);
    prjconf_r s = prjconf_delete(c, c->root, true);
    char *after = names_of(c, c->root);
    if (!prjconf_is(s, STATUS_NOT_SUPPORTED))
        prjconf_fail(c, "deleting the root while virtualizing: expected STATUS_NOT_SUPPORTED "
                     "(ERROR_NOT_SUPPORTED, as ProjFS answers), got %s", prjconf_status(b, sizeof b, s));
    else if (!before || !after || strcmp(before, after))
        prjconf_fail(c, "after the refused delete the root lists differently: before \"%s\", after \"%s\"",
                     before ? before : "(error)", after ? after : "(error)");
    free(before);
    free(after);
}
