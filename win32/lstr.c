/* SPDX-License-Identifier: MIT */
/*
 * kernel32's string functions: lstrlen, lstrcpy(n), lstrcat and the comparisons lstrcmp(i),
 * which order strings as CompareString does in spirit (see prjsim_win/winstring.h).
 */
#include <windows.h>

#include "utf.h"
#include "../sim/names.h"

#include <stdlib.h>
#include <string.h>

int WINAPI lstrlenW(LPCWSTR lpString)
{
    return lpString ? (int)wcslen(lpString) : 0;
}

int WINAPI lstrlenA(LPCSTR lpString)
{
    return lpString ? (int)strlen(lpString) : 0;
}

LPWSTR WINAPI lstrcpyW(LPWSTR lpString1, LPCWSTR lpString2)
{
    if (!lpString1 || !lpString2)
        return NULL;
    return wcscpy(lpString1, lpString2);
}

LPSTR WINAPI lstrcpyA(LPSTR lpString1, LPCSTR lpString2)
{
    if (!lpString1 || !lpString2)
        return NULL;
    return strcpy(lpString1, lpString2);
}

LPWSTR WINAPI lstrcpynW(LPWSTR lpString1, LPCWSTR lpString2, int iMaxLength)
{
    if (!lpString1 || !lpString2)
        return NULL;
    if (iMaxLength <= 0)
        return lpString1;
    int i = 0;
    for (; i < iMaxLength - 1 && lpString2[i]; i++)
        lpString1[i] = lpString2[i];
    lpString1[i] = 0;
    return lpString1;
}

LPSTR WINAPI lstrcpynA(LPSTR lpString1, LPCSTR lpString2, int iMaxLength)
{
    if (!lpString1 || !lpString2)
        return NULL;
    if (iMaxLength <= 0)
        return lpString1;
    int i = 0;
    for (; i < iMaxLength - 1 && lpString2[i]; i++)
        lpString1[i] = lpString2[i];
    lpString1[i] = 0;
    return lpString1;
}

LPWSTR WINAPI lstrcatW(LPWSTR lpString1, LPCWSTR lpString2)
{
    if (!lpString1 || !lpString2)
        return NULL;
    return wcscat(lpString1, lpString2);
}

LPSTR WINAPI lstrcatA(LPSTR lpString1, LPCSTR lpString2)
{
    if (!lpString1 || !lpString2)
        return NULL;
    return strcat(lpString1, lpString2);
}

/*
 * Linguistic weight of a character, primary level: punctuation and symbols sort before digits,
 * digits before letters (as in Windows' sort tables), letters by their case-free form (the
 * file system's upcase table, which is locale-independent).
 */
static uint32_t weight(uint32_t c)
{
    uint32_t f = c <= 0xFFFF ? (uint32_t)prjsim__name_upcase((wchar_t)c) : c;
    unsigned cls;
    if (c < 0x20 || c == 0x7F)
        cls = 0;
    else if (c >= '0' && c <= '9')
        cls = 2;
    else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0xC0)
        cls = 3;
    else
        cls = 1;
    return (uint32_t)cls << 21 | f;
}

/* Hyphens and apostrophes do not count at the primary level (Windows' "word sort"). */
static bool ignorable(uint32_t c)
{
    return c == '-' || c == '\'';
}

static int compare_level(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, bool skip)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (skip && i < na && ignorable(a[i]))
            i++;
        while (skip && j < nb && ignorable(b[j]))
            j++;
        if (i == na || j == nb)
            return i == na && j == nb ? 0 : i == na ? -1 : 1;
        uint32_t wa = weight(a[i++]), wb = weight(b[j++]);
        if (wa != wb)
            return wa < wb ? -1 : 1;
    }
}

/*
 * Compares two strings of code points: by the primary weights without hyphens and
 * apostrophes, then the one with fewer of those first (so "coop" < "co-op" < "coop2"), then (unless @p ignore_case) by the first difference in case,
 * lower case first.
 */
static int collate(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, bool ignore_case)
{
    int r = compare_level(a, na, b, nb, true);
    if (!r) {
        /* Equal but for hyphens and apostrophes: the one with fewer of them first. */
        size_t ia = 0, ib = 0;
        for (size_t i = 0; i < na; i++)
            ia += ignorable(a[i]);
        for (size_t i = 0; i < nb; i++)
            ib += ignorable(b[i]);
        r = ia != ib ? (ia < ib ? -1 : 1) : compare_level(a, na, b, nb, false);
    }
    if (r || ignore_case)
        return r;
    for (size_t i = 0; i < na; i++)
        if (a[i] != b[i])
            return weight(a[i]) == (3u << 21 | a[i]) ? 1 : -1; /* upper case last */
    return 0;
}

static uint32_t *from_wide(const wchar_t *s, size_t *n)
{
    size_t len = wcslen(s);
    uint32_t *out = malloc((len + 1) * sizeof *out);
    if (!out)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        bool valid;
        i += prjsim__wide_next(s + i, len - i, &out[k++], &valid);
    }
    *n = k;
    return out;
}

static uint32_t *from_utf8(const char *s, size_t *n)
{
    size_t len = strlen(s);
    uint32_t *out = malloc((len + 1) * sizeof *out);
    if (!out)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        bool valid;
        i += prjsim__utf8_decode((const unsigned char *)s + i, len - i, &out[k++], &valid);
    }
    *n = k;
    return out;
}

static int compare_nulls(const void *a, const void *b, bool *done)
{
    *done = !a || !b;
    if (!a && !b)
        return 0;
    return !a ? -1 : 1;
}

static int compare_cps(uint32_t *a, size_t na, uint32_t *b, size_t nb, bool ignore_case)
{
    int r = a && b ? collate(a, na, b, nb, ignore_case) : 0;
    free(a);
    free(b);
    return r;
}

static int compare_w(LPCWSTR a, LPCWSTR b, bool ignore_case)
{
    bool done;
    int r = compare_nulls(a, b, &done);
    if (done)
        return r;
    size_t na = 0, nb = 0;
    uint32_t *ca = from_wide(a, &na), *cb = from_wide(b, &nb);
    return compare_cps(ca, na, cb, nb, ignore_case);
}

static int compare_a(LPCSTR a, LPCSTR b, bool ignore_case)
{
    bool done;
    int r = compare_nulls(a, b, &done);
    if (done)
        return r;
    size_t na = 0, nb = 0;
    uint32_t *ca = from_utf8(a, &na), *cb = from_utf8(b, &nb);
    return compare_cps(ca, na, cb, nb, ignore_case);
}

int WINAPI lstrcmpW(LPCWSTR lpString1, LPCWSTR lpString2)
{
    return compare_w(lpString1, lpString2, false);
}

int WINAPI lstrcmpiW(LPCWSTR lpString1, LPCWSTR lpString2)
{
    return compare_w(lpString1, lpString2, true);
}

int WINAPI lstrcmpA(LPCSTR lpString1, LPCSTR lpString2)
{
    return compare_a(lpString1, lpString2, false);
}

int WINAPI lstrcmpiA(LPCSTR lpString1, LPCSTR lpString2)
{
    return compare_a(lpString1, lpString2, true);
}
