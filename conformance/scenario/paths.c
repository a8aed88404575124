/* SPDX-License-Identifier: MIT */
/*
 * Where a run keeps the script's paths. A script names absolute Windows paths (`root C:\root`,
 * `directory C:\outside`, move and link destinations, ...); on the simulator's volume they are
 * used as they are. A run with a disk root (scn_run_options.disk_root: prjsim-run.exe on real
 * ProjFS keeps everything in a fresh folder under %TEMP%) maps the drive C: under that folder:
 * `C:\root\a.txt` is DISK_ROOT`\root\a.txt`. Every call that reaches the disk (the backend's
 * operations, the provider's PrjMarkDirectoryAsPlaceholder and PrjStartVirtualizing, the state
 * probe) goes through scn_disk_path; messages keep the script's paths. Paths relative to a root
 * (what the provider sees) are not touched.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* The drive a mapped run maps. */
#define MAPPED_DRIVE L'C'

/* The drive letter of an absolute path `X:`, `X:\...` or `X:/...`, or 0. */
static WCHAR drive_of(const WCHAR *p)
{
    if (!p || !p[0] || p[1] != L':')
        return 0;
    WCHAR c = p[0];
    if (!((c >= L'A' && c <= L'Z') || (c >= L'a' && c <= L'z')))
        return 0;
    if (p[2] && p[2] != L'\\' && p[2] != L'/')
        return 0;
    return (WCHAR)(c >= L'a' ? c - (L'a' - L'A') : c);
}

WCHAR *scn_disk_path(const scn_exec *r, const WCHAR *path)
{
    if (!path)
        return NULL;
    if (!r->disk_root || drive_of(path) != MAPPED_DRIVE)
        return scn_wcsdup(path);
    const WCHAR *rest = path + 2; /* "" or "\..." */
    if (rest[0] && !rest[1])
        rest++; /* `C:\` is the disk root itself */
    size_t a = wcslen(r->disk_root), b = wcslen(rest);
    WCHAR *out = malloc((a + b + 1) * sizeof *out);
    if (!out)
        abort();
    wmemcpy(out, r->disk_root, a);
    wmemcpy(out + a, rest, b + 1);
    return out;
}

static bool mappable(const WCHAR *p, const char *root, int line, int *at, char *why, size_t whylen)
{
    WCHAR d = drive_of(p);
    if (!d || d == MAPPED_DRIVE)
        return true;
    char *u = scn_utf8(p);
    snprintf(why, whylen, "%s is on another drive than C:, which the run keeps under %s", u, root);
    free(u);
    *at = line;
    return false;
}

bool scn_paths_mappable(const scn_script *s, const char *root, int *line, char *why, size_t whylen)
{
    *line = 0;
    if (!mappable(s->setup.root, root, 0, line, why, whylen))
        return false;
    for (size_t i = 0; i < s->setup.extra_count; i++)
        if (!mappable(s->setup.extra[i].path, root, 0, line, why, whylen))
            return false;
    for (size_t i = 0; i < s->count; i++) {
        const scn_stmt *st = &s->stmts[i];
        if (st->id == SCN_STATE) {
            *line = st->line;
            snprintf(why, whylen, "'state' loads a saved volume at the script's own paths, not under %s", root);
            return false;
        }
        if (!mappable(st->path, root, st->line, line, why, whylen) ||
            !mappable(st->path2, root, st->line, line, why, whylen))
            return false;
    }
    return true;
}

char *scn_script_paths(const scn_exec *r, const char *text)
{
    if (!r->disk_root)
        return scn_strdup(text);
    char *root = scn_utf8(r->disk_root);
    size_t rl = strlen(root), n = strlen(text);
    char *out = malloc(n + 1); /* "C:" is never longer than the root it stands for */
    if (!out)
        abort();
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        const char *after = text + i + rl;
        if (rl && !strncmp(text + i, root, rl) && (*after == '\\' || *after == '"' || *after == 0 || *after == ' ')) {
            out[o++] = 'C';
            out[o++] = ':';
            i += rl;
            if (*after != '\\') /* the root itself is `C:\` */
                out[o++] = '\\';
            continue;
        }
        out[o++] = text[i++];
    }
    out[o] = 0;
    free(root);
    return out;
}
