/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: Win32 path parsing. GetFullPathNameW (win32/paths.c: drive letters, UNC, `\\?\`,
 * `.` and `..`, trailing dots and spaces) keeps its buffer contract and never leaves `.` or
 * `..` in a full path nor climbs above a drive or share; the simulator's own split of full and
 * root-relative paths (sim/path.c) gives components that are never empty, `.` or `..`, and
 * joining them parses back to the same components.
 *
 * Input: every byte picks a character from an alphabet of separators, dots, spaces, drive
 * letters, colons, wildcards and a few letters.
 */
#include <windows.h>

#include "internal.h" /* sim/: prjsim__path */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const wchar_t alphabet[] = {L'\\', L'\\', L'/', L'.', L'.', L' ', L'C', L'c', L'D', L':',
                                   L'?', L'*', L'a', L'b', L'x', 0xE9, 0x1F600, L'\\', L'.'};
#define ALPHABET (sizeof alphabet / sizeof alphabet[0])
#define MAX_CHARS 600

static bool is_dots(const WCHAR *s, size_t n)
{
    return (n == 1 && s[0] == L'.') || (n == 2 && s[0] == L'.' && s[1] == L'.');
}

static void check_components(const prjsim__path *p, uint32_t first)
{
    for (uint32_t i = first; i < p->count; i++)
        if (p->len[i] == 0 || is_dots(p->comp[i], p->len[i]) || wmemchr(p->comp[i], L'\\', p->len[i]) ||
            wmemchr(p->comp[i], L'/', p->len[i]))
            abort();
}

static void same_components(const prjsim__path *a, const prjsim__path *b)
{
    if (a->count != b->count)
        abort();
    for (uint32_t i = 0; i < a->count; i++)
        if (a->len[i] != b->len[i] || wmemcmp(a->comp[i], b->comp[i], a->len[i]))
            abort();
}

static void check_full_path(const WCHAR *in, size_t n)
{
    DWORD need = GetFullPathNameW(in, 0, NULL, NULL);
    if (need == 0)
        return; /* refused (empty path): GetLastError says why */
    WCHAR *buf = malloc((need + 1) * sizeof *buf);
    if (!buf)
        abort();
    wmemset(buf, L'#', need + 1);
    /* one unit short: the size needed again, and nothing written past it */
    if (need > 1 && GetFullPathNameW(in, need - 1, buf, NULL) != need)
        abort();
    WCHAR *part = (WCHAR *)1;
    DWORD len = GetFullPathNameW(in, need, buf, &part);
    if (len != need - 1 || buf[len] != 0 || wcslen(buf) != len || buf[need] != L'#')
        abort();
    if (part && (part < buf || part > buf + len || part[-1] != L'\\'))
        abort();
    bool verbatim = n >= 4 && (in[0] == L'\\' || in[0] == L'/') && (in[1] == L'\\' || in[1] == L'/') &&
                    (in[2] == L'?' || in[2] == L'.') && (in[3] == L'\\' || in[3] == L'/');
    if (!verbatim) {
        /* no `.` or `..` component is left below the drive or the \\server\share (which
         * are taken as written) */
        size_t i = 0;
        if (buf[0] == L'\\' && buf[1] == L'\\')
            for (int part = 0, k = 2; part < 2 && (size_t)k <= len; part++) {
                while ((size_t)k < len && buf[k] != L'\\')
                    k++;
                i = (size_t)++k;
            }
        for (; i < len;) {
            size_t start = i;
            while (i < len && buf[i] != L'\\')
                i++;
            if (is_dots(buf + start, i - start))
                abort();
            i++;
        }
        /* a drive-absolute path stays on its drive */
        if (n >= 3 && iswalpha((wint_t)in[0]) && in[1] == L':' && (in[2] == L'\\' || in[2] == L'/') &&
            (buf[0] != in[0] || buf[1] != L':' || buf[2] != L'\\'))
            abort();
        /* and the result is itself a full path the simulator can split */
        if (iswalpha((wint_t)buf[0]) && buf[1] == L':') {
            prjsim__path p;
            if (!prjsim__path_parse(&p, buf))
                abort();
            check_components(&p, 1);
            prjsim__path_free(&p);
        }
    }
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_CHARS)
        return 0;
    WCHAR in[MAX_CHARS + 1];
    for (size_t i = 0; i < size; i++)
        in[i] = alphabet[data[i] % ALPHABET];
    in[size] = 0;

    check_full_path(in, size);

    prjsim__path full, back;
    if (prjsim__path_parse(&full, in)) {
        check_components(&full, 1);
        WCHAR *joined = prjsim__path_join(&full, 0, full.count);
        if (!prjsim__path_parse(&back, joined))
            abort();
        same_components(&full, &back);
        prjsim__path_free(&back);
        free(joined);
    }
    prjsim__path_free(&full);

    prjsim__path rel;
    if (prjsim__path_parse_relative(&rel, in)) {
        check_components(&rel, 0);
        WCHAR *joined = prjsim__path_join(&rel, 0, rel.count);
        if (!prjsim__path_parse_relative(&back, joined))
            abort();
        same_components(&rel, &back);
        prjsim__path_free(&back);
        free(joined);
    }
    prjsim__path_free(&rel);
    return 0;
}
