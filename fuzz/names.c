/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: PrjFileNameMatch, PrjFileNameCompare and PrjDoesNameContainWildCards against a
 * small brute-force reference written from the documented semantics (section 6.15 of the
 * behaviour reference and conformance/DEVIATIONS.md T3, L2), not from sim/names.c:
 *
 * - names are compared as UTF-16 units (a character above U+FFFF is a surrogate pair, a value
 *   above U+10FFFF reads as U+FFFD), each folded by the upcase table, shorter prefix first;
 * - matching is a search over (pattern position, name position) with memo:
 *   `*` any run; `?` one unit; `<` (DOS_STAR) any run that does not contain the name's last
 *   `.` except as its final unit; `>` (DOS_QM) one unit, or nothing before a `.` or at the
 *   end; `"` (DOS_DOT) a `.`, or nothing at the end (elsewhere it is a literal `"`); anything
 *   else one unit, case-insensitively. At the end of the name only `* < > "` may remain.
 *   FsRtlIsNameInExpression's quirk: a zero-width step that exhausts the pattern while a unit
 *   is pending consumes that unit (so `Test>` matches `Test.`).
 * - an empty or NULL name never matches; an empty or NULL pattern matches every other name.
 *
 * Input: the first byte splits the rest into name and pattern; every other byte picks a
 * character from a small alphabet of wildcards, dots, case pairs, non-ASCII letters, a
 * character above U+FFFF, a lone surrogate and an invalid value.
 */
#include <projectedfslib.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
wchar_t prjsim__name_upcase(wchar_t c); /* the upcase table (sim/names.h), exported by libprjsim */

static const wchar_t alphabet[] = {
    L'a', L'b', L'A', L'B', L't', L'T', L'x', L'.', L'.', L'*', L'?', L'<', L'>', L'"', L' ',
    0xE4 /* ä */, 0xC4 /* Ä */, 0xDF /* ß */, 0xFF /* ÿ */, 0x178 /* Ÿ */, 0x131 /* dotless i */,
    0x1F600 /* above U+FFFF */, 0xD800 /* lone surrogate */, 0x110000 /* not a scalar */,
};
#define ALPHABET (sizeof alphabet / sizeof alphabet[0])

#define MAX_NAME_UNITS 200
#define MAX_PATTERN_UNITS 1200 /* past the 520 units sim/names.c keeps on the stack */

/* ---- the reference ---- */

static size_t to_units(const wchar_t *s, size_t n, uint16_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = (uint32_t)s[i];
        if (c >= 0x10000 && c <= 0x10FFFF) {
            out[k++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
            out[k++] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
        } else {
            out[k++] = c > 0x10FFFF ? 0xFFFD : (uint16_t)c;
        }
    }
    return k;
}

static uint16_t up(uint16_t u)
{
    return (uint16_t)prjsim__name_upcase((wchar_t)u);
}

static int ref_compare(const uint16_t *a, size_t an, const uint16_t *b, size_t bn)
{
    for (size_t i = 0; i < an && i < bn; i++) {
        uint16_t x = up(a[i]), y = up(b[i]);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return an == bn ? 0 : an < bn ? -1 : 1;
}

typedef struct ref {
    const uint16_t *u, *p;
    size_t n, m;
    size_t last_dot; /* SIZE_MAX: none */
    signed char *memo; /* (m + 1) * (n + 2): -1 unknown */
} ref;

static bool acc(ref *r, size_t j, size_t i);

/* Steps over p[j] without consuming; at the pattern's end a pending unit counts as consumed. */
static bool zero_width(ref *r, size_t j, size_t i)
{
    return j + 1 == r->m ? acc(r, r->m, i + 1) : acc(r, j + 1, i);
}

static bool ends_ok(uint16_t e)
{
    return e == L'*' || e == L'<' || e == L'>' || e == L'"';
}

static bool acc(ref *r, size_t j, size_t i)
{
    if (i > r->n)
        return false;
    signed char *slot = &r->memo[j * (r->n + 2) + i];
    if (*slot >= 0)
        return *slot;
    bool ok;
    if (i == r->n) {
        ok = true;
        for (size_t k = j; k < r->m; k++)
            ok = ok && ends_ok(r->p[k]);
    } else if (j == r->m) {
        ok = false;
    } else {
        uint16_t e = r->p[j], c = r->u[i];
        switch (e) {
        case L'*':
            ok = acc(r, j, i + 1) || zero_width(r, j, i);
            break;
        case L'<':
            ok = (i == r->last_dot ? acc(r, j + 1, i + 1) : acc(r, j, i + 1)) || zero_width(r, j, i);
            break;
        case L'>':
            ok = c == L'.' ? zero_width(r, j, i) : acc(r, j + 1, i + 1);
            break;
        case L'"':
            ok = (c == L'.' || c == L'"') && acc(r, j + 1, i + 1);
            break;
        case L'?':
            ok = acc(r, j + 1, i + 1);
            break;
        default:
            ok = up(e) == up(c) && acc(r, j + 1, i + 1);
            break;
        }
    }
    *slot = ok;
    return ok;
}

static bool ref_match(const uint16_t *u, size_t n, const uint16_t *p, size_t m)
{
    if (n == 0)
        return false;
    if (m == 0)
        return true;
    ref r = {u, p, n, m, SIZE_MAX, NULL};
    for (size_t i = 0; i < n; i++)
        if (u[i] == L'.')
            r.last_dot = i;
    r.memo = malloc((m + 1) * (n + 2));
    if (!r.memo)
        abort();
    memset(r.memo, -1, (m + 1) * (n + 2));
    bool ok = acc(&r, 0, 0);
    free(r.memo);
    return ok;
}

static bool ref_has_wildcards(const wchar_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (wcschr(L"*?<>\"", s[i]) && s[i])
            return true;
    return false;
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

/* ---- the target ---- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t rest = size - 1;
    size_t split = rest ? data[0] % (rest + 1) : 0;
    if (split > MAX_NAME_UNITS / 2 || rest - split > MAX_PATTERN_UNITS / 2)
        return 0;
    wchar_t name[MAX_NAME_UNITS + 1], pattern[MAX_PATTERN_UNITS + 1];
    size_t n = 0, m = 0;
    for (size_t i = 0; i < rest; i++) {
        wchar_t c = alphabet[data[1 + i] % ALPHABET];
        if (i < split)
            name[n++] = c;
        else
            pattern[m++] = c;
    }
    name[n] = pattern[m] = 0;
    uint16_t nu[MAX_NAME_UNITS], pu[MAX_PATTERN_UNITS];
    size_t nn = to_units(name, n, nu), pn = to_units(pattern, m, pu);

    /* match */
    bool want = ref_match(nu, nn, pu, pn);
    if ((bool)PrjFileNameMatch(name, pattern) != want)
        abort();
    if (!m && (bool)PrjFileNameMatch(name, NULL) != want)
        abort();
    if (!n && PrjFileNameMatch(NULL, pattern))
        abort();

    /* compare: the reference, antisymmetry, and literal patterns matching equal names */
    int c = PrjFileNameCompare(name, pattern);
    if (sign(c) != ref_compare(nu, nn, pu, pn) || sign(PrjFileNameCompare(pattern, name)) != -sign(c))
        abort();
    if (PrjFileNameCompare(name, name) != 0)
        abort();
    if (!n && sign(PrjFileNameCompare(NULL, pattern)) != sign(c))
        abort();
    if (n && m && !ref_has_wildcards(pattern, m) && (bool)PrjFileNameMatch(name, pattern) != (c == 0))
        abort();

    /* wildcards */
    if ((bool)PrjDoesNameContainWildCards(pattern) != ref_has_wildcards(pattern, m) ||
        (bool)PrjDoesNameContainWildCards(name) != ref_has_wildcards(name, n))
        abort();
    return 0;
}
