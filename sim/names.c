/* SPDX-License-Identifier: MIT */
/*
 * File-name semantics: collation (PrjFileNameCompare), DOS wildcard matching
 * (PrjFileNameMatch) and the wildcard detector (PrjDoesNameContainWildCards).
 *
 * Windows compares and matches names as UTF-16 code units, while our WCHAR is a 32-bit
 * wchar_t. Every routine here therefore reads a name as the UTF-16 units Windows would hold:
 * a character above U+FFFF becomes a surrogate pair, so it sorts by its high surrogate and
 * takes two "?" to match, exactly as on Windows.
 */
#include "names.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* ------------------------------------------------------------------------------------------ */
/* Upcase table                                                                               */
/* ------------------------------------------------------------------------------------------ */

/*
 * Case folding must not depend on setlocale(): a name's identity cannot change with the
 * caller's locale, and Windows uses one fixed table per volume. The mappings below follow the
 * default $UpCase table Windows (Vista and later) writes when it formats an NTFS volume. That
 * table is a simple, one-unit-to-one-unit uppercase: characters whose uppercase is longer
 * (U+00DF sharp s, U+0149, U+0390, U+03B0) stay as they are, and it has Windows' own quirks,
 * which we keep on purpose: U+00B5, U+0131 and U+017F are not folded, U+00FF folds to U+0178,
 * and a few capitals (U+023A, U+023E, U+1FCC, U+1FFC) "fold" to their small letters.
 *
 * Each entry covers first..last (inclusive). A run adds delta to every character; PAIRS is an
 * alternating capital/small block in which every second character (first+1, first+3, ...)
 * folds to the one before it. Entries are sorted and do not overlap, for binary search.
 */
struct upcase_range {
    uint16_t first;
    uint16_t last;
    int32_t delta;
};

#define PAIRS_DELTA INT32_MIN
#define RUN(first, last, delta) {(first), (last), (delta)}
#define ONE(c, up) {(c), (c), (int32_t)(up) - (int32_t)(c)}
#define PAIRS(first, last) {(first), (last), PAIRS_DELTA}

static const struct upcase_range upcase_ranges[] = {
    /* Basic Latin and Latin-1 Supplement (U+00D7 and U+00F7 are signs, not letters). */
    RUN(0x0061, 0x007A, -32),
    RUN(0x00E0, 0x00F6, -32),
    RUN(0x00F8, 0x00FE, -32),
    ONE(0x00FF, 0x0178),
    /* Latin Extended-A. */
    PAIRS(0x0100, 0x012F),
    PAIRS(0x0132, 0x0137),
    PAIRS(0x0139, 0x0148),
    PAIRS(0x014A, 0x0177),
    PAIRS(0x0179, 0x017E),
    /* Latin Extended-B. */
    ONE(0x0180, 0x0243),
    PAIRS(0x0182, 0x0185),
    ONE(0x0188, 0x0187),
    ONE(0x018C, 0x018B),
    ONE(0x0192, 0x0191),
    ONE(0x0195, 0x01F6),
    ONE(0x0199, 0x0198),
    ONE(0x019A, 0x023D),
    ONE(0x019E, 0x0220),
    PAIRS(0x01A0, 0x01A5),
    ONE(0x01A8, 0x01A7),
    ONE(0x01AD, 0x01AC),
    ONE(0x01B0, 0x01AF),
    PAIRS(0x01B3, 0x01B6),
    ONE(0x01B9, 0x01B8),
    ONE(0x01BD, 0x01BC),
    ONE(0x01BF, 0x01F7),
    ONE(0x01C6, 0x01C4),
    ONE(0x01C9, 0x01C7),
    ONE(0x01CC, 0x01CA),
    PAIRS(0x01CD, 0x01DC),
    ONE(0x01DD, 0x018E),
    PAIRS(0x01DE, 0x01EF),
    ONE(0x01F3, 0x01F1),
    PAIRS(0x01F4, 0x01F5),
    PAIRS(0x01F8, 0x021F),
    PAIRS(0x0222, 0x0233),
    ONE(0x023A, 0x2C65),
    PAIRS(0x023B, 0x023C),
    ONE(0x023E, 0x2C66),
    PAIRS(0x0241, 0x0242),
    PAIRS(0x0246, 0x024F),
    /* IPA Extensions. */
    ONE(0x0253, 0x0181),
    ONE(0x0254, 0x0186),
    RUN(0x0256, 0x0257, -205),
    ONE(0x0259, 0x018F),
    ONE(0x025B, 0x0190),
    ONE(0x0260, 0x0193),
    ONE(0x0263, 0x0194),
    ONE(0x0268, 0x0197),
    ONE(0x0269, 0x0196),
    ONE(0x026B, 0x2C62),
    ONE(0x026F, 0x019C),
    ONE(0x0272, 0x019D),
    ONE(0x0275, 0x019F),
    ONE(0x027D, 0x2C64),
    ONE(0x0280, 0x01A6),
    ONE(0x0283, 0x01A9),
    ONE(0x0288, 0x01AE),
    ONE(0x0289, 0x0244),
    RUN(0x028A, 0x028B, -217),
    ONE(0x028C, 0x0245),
    ONE(0x0292, 0x01B7),
    /* Greek and Coptic (the final sigma U+03C2 folds to U+03A3 like U+03C3). */
    RUN(0x037B, 0x037D, 130),
    ONE(0x03AC, 0x0386),
    RUN(0x03AD, 0x03AF, -37),
    RUN(0x03B1, 0x03C1, -32),
    ONE(0x03C2, 0x03A3),
    RUN(0x03C3, 0x03CB, -32),
    ONE(0x03CC, 0x038C),
    RUN(0x03CD, 0x03CE, -63),
    PAIRS(0x03D8, 0x03EF),
    ONE(0x03F2, 0x03F9),
    PAIRS(0x03F7, 0x03F8),
    PAIRS(0x03FA, 0x03FB),
    /* Cyrillic and Cyrillic Supplement. */
    RUN(0x0430, 0x044F, -32),
    RUN(0x0450, 0x045F, -80),
    PAIRS(0x0460, 0x0481),
    PAIRS(0x048A, 0x04BF),
    PAIRS(0x04C1, 0x04CE),
    ONE(0x04CF, 0x04C0),
    PAIRS(0x04D0, 0x0513),
    /* Armenian. */
    RUN(0x0561, 0x0586, -48),
    /* Phonetic Extensions, Latin Extended Additional. */
    ONE(0x1D7D, 0x2C63),
    PAIRS(0x1E00, 0x1E95),
    PAIRS(0x1EA0, 0x1EF9),
    /* Greek Extended. */
    RUN(0x1F00, 0x1F07, 8),
    RUN(0x1F10, 0x1F15, 8),
    RUN(0x1F20, 0x1F27, 8),
    RUN(0x1F30, 0x1F37, 8),
    RUN(0x1F40, 0x1F45, 8),
    ONE(0x1F51, 0x1F59),
    ONE(0x1F53, 0x1F5B),
    ONE(0x1F55, 0x1F5D),
    ONE(0x1F57, 0x1F5F),
    RUN(0x1F60, 0x1F67, 8),
    RUN(0x1F70, 0x1F71, 74),
    RUN(0x1F72, 0x1F75, 86),
    RUN(0x1F76, 0x1F77, 100),
    RUN(0x1F78, 0x1F79, 128),
    RUN(0x1F7A, 0x1F7B, 112),
    RUN(0x1F7C, 0x1F7D, 126),
    RUN(0x1F80, 0x1F87, 8),
    RUN(0x1F90, 0x1F97, 8),
    RUN(0x1FA0, 0x1FA7, 8),
    RUN(0x1FB0, 0x1FB1, 8),
    ONE(0x1FB3, 0x1FBC),
    ONE(0x1FCC, 0x1FC3),
    RUN(0x1FD0, 0x1FD1, 8),
    RUN(0x1FE0, 0x1FE1, 8),
    ONE(0x1FE5, 0x1FEC),
    ONE(0x1FFC, 0x1FF3),
    /* Letterlike symbols, Roman numerals, circled letters. */
    ONE(0x214E, 0x2132),
    RUN(0x2170, 0x217F, -16),
    PAIRS(0x2183, 0x2184),
    RUN(0x24D0, 0x24E9, -26),
    /* Glagolitic, Latin Extended-C, Coptic, Georgian Supplement. */
    RUN(0x2C30, 0x2C5E, -48),
    PAIRS(0x2C60, 0x2C61),
    PAIRS(0x2C67, 0x2C6C),
    PAIRS(0x2C75, 0x2C76),
    PAIRS(0x2C80, 0x2CE3),
    RUN(0x2D00, 0x2D25, -7264),
    /* Fullwidth Latin. */
    RUN(0xFF41, 0xFF5A, -32),
};

#define UPCASE_RANGE_COUNT (sizeof upcase_ranges / sizeof upcase_ranges[0])

/* The upcase of an ASCII character: the whole table, for the fast paths. */
static inline uint32_t ascii_upcase(uint32_t c)
{
    return c - 'a' < 26 ? c - 32 : c;
}

wchar_t prjsim__name_upcase(wchar_t c)
{
    uint32_t u = (uint32_t)c;

    /* ASCII dominates real names; skip the search for it. */
    if (u < 0x80)
        return (wchar_t)ascii_upcase(u);
    /* The table covers the BMP only: supplementary characters have no case on NTFS. */
    if (u > 0xFFFF)
        return c;

    /* Find the last range starting at or before u. */
    size_t lo = 0, hi = UPCASE_RANGE_COUNT;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (upcase_ranges[mid].first <= u)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return c;
    const struct upcase_range *r = &upcase_ranges[lo - 1];
    if (u > r->last)
        return c;
    if (r->delta == PAIRS_DELTA)
        return ((u - r->first) & 1u) ? (wchar_t)(u - 1) : c;
    return (wchar_t)((int32_t)u + r->delta);
}

static uint16_t upcase_unit(uint16_t u)
{
    return (uint16_t)prjsim__name_upcase((wchar_t)u);
}

/* ------------------------------------------------------------------------------------------ */
/* UTF-16 view of a name                                                                      */
/* ------------------------------------------------------------------------------------------ */

/*
 * The UTF-16 units of one character. A lone surrogate value passes through unchanged, as it
 * would in a Windows name. A value that is not a Unicode scalar at all (above U+10FFFF, or a
 * negative wchar_t) cannot exist on Windows; it reads as U+FFFD so that every input still has
 * one well-defined order.
 */
static unsigned encode_utf16(wchar_t c, uint16_t out[2])
{
    uint32_t u = (uint32_t)c;

    if (u <= 0xFFFF) {
        out[0] = (uint16_t)u;
        return 1;
    }
    if (u <= 0x10FFFF) {
        u -= 0x10000;
        out[0] = (uint16_t)(0xD800 | (u >> 10));
        out[1] = (uint16_t)(0xDC00 | (u & 0x3FF));
        return 2;
    }
    out[0] = 0xFFFD;
    return 1;
}

/* The UTF-16 units of one character, as encode_utf16 writes them. */
static inline size_t units_of(uint32_t u)
{
    return (u > 0xFFFF && u <= 0x10FFFF) ? 2 : 1;
}

size_t prjsim__name_utf16_units(const wchar_t *s, size_t len)
{
    size_t units = 0;

    if (s == NULL)
        return 0;
    for (size_t i = 0; i < len; i++)
        units += units_of((uint32_t)s[i]);
    return units;
}

size_t prjsim__name_scan(const wchar_t *s, size_t *len, bool *has_separator)
{
    size_t units = 0, n = 0;
    bool sep = false;

    for (; s[n]; n++) {
        uint32_t u = (uint32_t)s[n];
        units += units_of(u);
        sep |= u == L'\\' || u == L'/';
    }
    *len = n;
    *has_separator = sep;
    return units;
}

/* Streams the UTF-16 units of a counted name without a buffer. */
struct unit_reader {
    const wchar_t *s;
    size_t len;
    size_t pos;       /* index of the next character */
    uint16_t pending; /* low surrogate still to deliver */
    bool has_pending;
};

static void reader_init(struct unit_reader *r, const wchar_t *s, size_t len)
{
    r->s = s;
    r->len = s != NULL ? len : 0;
    r->pos = 0;
    r->pending = 0;
    r->has_pending = false;
}

static bool reader_next(struct unit_reader *r, uint16_t *out)
{
    uint16_t units[2];

    if (r->has_pending) {
        r->has_pending = false;
        *out = r->pending;
        return true;
    }
    if (r->pos >= r->len)
        return false;
    if (encode_utf16(r->s[r->pos++], units) == 2) {
        r->pending = units[1];
        r->has_pending = true;
    }
    *out = units[0];
    return true;
}

/* ------------------------------------------------------------------------------------------ */
/* Collation                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/*
 * The NTFS rule: upcase each UTF-16 unit, compare units as unsigned 16-bit numbers, and let
 * the shorter name sort first when one is a prefix of the other. Comparing upcased (not
 * lowercased) units is what puts "_" (0x5F) after the letters (0x41-0x5A).
 */
/* The general case, from the first character that is not plain ASCII on both sides. */
/* Out of line so the ASCII loop above stays small; MSVC compiles this file for the checker. */
#if defined(_MSC_VER) && !defined(__clang__)
#define PRJSIM__NOINLINE __declspec(noinline)
#else
#define PRJSIM__NOINLINE __attribute__((noinline))
#endif
static PRJSIM__NOINLINE int compare_units(const wchar_t *a, size_t alen, const wchar_t *b, size_t blen)
{
    struct unit_reader ra, rb;

    reader_init(&ra, a, alen);
    reader_init(&rb, b, blen);
    for (;;) {
        uint16_t ua, ub;
        bool have_a = reader_next(&ra, &ua);
        bool have_b = reader_next(&rb, &ub);

        if (!have_a || !have_b)
            return have_a ? 1 : (have_b ? -1 : 0);
        ua = upcase_unit(ua);
        ub = upcase_unit(ub);
        if (ua != ub)
            return ua < ub ? -1 : 1;
    }
}

int prjsim__name_compare_n(const wchar_t *a, size_t alen, const wchar_t *b, size_t blen)
{
    /* Fast path: equal characters are equal units whatever they are (a pair for a pair), and
     * two different ASCII characters compare by the ASCII upcase; the general reader takes over
     * at the first other difference (at its start, so nothing is compared twice differently).
     * The fast path is kept small: names are compared on every lookup and listing step. NULL
     * reads as empty. */
    if (!a)
        alen = 0;
    if (!b)
        blen = 0;
    size_t n = alen < blen ? alen : blen;
    for (size_t i = 0; i < n; i++) {
        uint32_t ca = (uint32_t)a[i], cb = (uint32_t)b[i];
        if (ca == cb)
            continue;
        if ((ca | cb) >= 0x80)
            return compare_units(a + i, alen - i, b + i, blen - i);
        ca = ascii_upcase(ca);
        cb = ascii_upcase(cb);
        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
    return alen == blen ? 0 : (alen < blen ? -1 : 1);
}

/* FNV-1a over the upcased units: equal under compare means identical upcased units. */
uint32_t prjsim__name_hash_n(const wchar_t *s, size_t len)
{
    struct unit_reader r;
    uint32_t h = 2166136261u;
    uint16_t u;

    reader_init(&r, s, len);
    for (;;) {
        /* ASCII, most names, is one unit upcased by the ASCII rule: no reader, no table. */
        if (!r.has_pending && r.pos < r.len && (uint32_t)r.s[r.pos] < 0x80)
            u = (uint16_t)ascii_upcase((uint32_t)r.s[r.pos++]);
        else if (reader_next(&r, &u))
            u = upcase_unit(u);
        else
            break;
        h = (h ^ (u & 0xFFu)) * 16777619u;
        h = (h ^ (u >> 8)) * 16777619u;
    }
    return h;
}

/* ------------------------------------------------------------------------------------------ */
/* Wildcard matching                                                                          */
/* ------------------------------------------------------------------------------------------ */

/* The DOS wildcards of ntifs.h, as FindFirstFile hands them down. */
#define DOS_STAR L'<'
#define DOS_QM L'>'
#define DOS_DOT L'"'

/*
 * Patterns up to this many UTF-16 units (MAX_PATH characters, with room for surrogate pairs)
 * are matched with stack buffers only; longer ones take one heap block.
 */
#define MATCH_STACK_UNITS 520

/*
 * A set-of-states simulation of the FsRtlIsNameInExpression automaton. A state is a pattern
 * offset j in 0..m: "the pattern before j has matched the name so far". For each name unit we
 * follow, from every state, the zero-width moves ("*" and "<" may match nothing, ">" matches
 * nothing at a ".") and record the states reached by consuming the unit. Each offset is walked
 * at most once per unit, so a match costs O(name units * pattern units), with no backtracking.
 */
struct nfa {
    const uint16_t *pat; /* pattern, UTF-16 units */
    uint32_t m;          /* pattern length; state m means "pattern exhausted" */
    uint32_t *cur;       /* states before the current unit */
    uint32_t ncur;
    uint32_t *next; /* states after it */
    uint32_t nnext;
    uint32_t *added;  /* added[j] == step: j is already in next */
    uint32_t *walked; /* walked[j] == step: the zero-width walk from j is done */
    uint32_t step;    /* stamp of the current unit, so the marks need no clearing */
};

static void nfa_add(struct nfa *a, uint32_t j)
{
    if (a->added[j] != a->step) {
        a->added[j] = a->step;
        a->next[a->nnext++] = j;
    }
}

/*
 * Consumes one name unit c. final_dot says whether c is the last "." of the name: DOS_STAR
 * may swallow any character except that one, which it can only take as its very last.
 */
static void nfa_step(struct nfa *a, uint16_t c, bool final_dot)
{
    uint16_t uc = upcase_unit(c);

    /* Restart the stamps on wrap-around, so that no stale mark can be mistaken for fresh. */
    if (++a->step == 0) {
        memset(a->added, 0, (a->m + 1) * sizeof *a->added);
        memset(a->walked, 0, (a->m + 1) * sizeof *a->walked);
        a->step = 1;
    }
    a->nnext = 0;
    for (uint32_t i = 0; i < a->ncur; i++) {
        uint32_t j = a->cur[i];

        /* An exhausted pattern cannot consume another unit. */
        if (j == a->m)
            continue;
        while (a->walked[j] != a->step) {
            uint16_t e = a->pat[j];

            a->walked[j] = a->step;
            if (e == L'*') {
                nfa_add(a, j); /* "*" eats c and stays */
            } else if (e == DOS_STAR) {
                /* At the final ".", DOS_STAR eats it and is done; elsewhere it stays. */
                nfa_add(a, final_dot ? j + 1 : j);
            } else if (e == DOS_QM && c == L'.') {
                /* DOS_QM matches nothing at a "."; look at the next pattern unit. */
            } else {
                /* Everything else consumes exactly one unit or fails. DOS_DOT that meets
                 * anything but "." falls through to a literal compare, as in the kernel. */
                if (e == DOS_QM || e == L'?' || (e == DOS_DOT && c == L'.') ||
                    upcase_unit(e) == uc)
                    nfa_add(a, j + 1);
                break;
            }
            /* A zero-width move. Reaching the end here counts as having consumed c: the
             * kernel does the same, which lets a trailing ">" absorb a final ".". */
            if (++j == a->m) {
                nfa_add(a, a->m);
                break;
            }
        }
    }

    uint32_t *t = a->cur;
    a->cur = a->next;
    a->next = t;
    a->ncur = a->nnext;
}

/* Pattern units that can match zero characters at the end of the name. */
static bool matches_empty_at_end(uint16_t e)
{
    return e == L'*' || e == DOS_STAR || e == DOS_QM || e == DOS_DOT;
}

static bool nfa_run(struct nfa *a, const wchar_t *name, size_t namelen)
{
    /* DOS_STAR needs to know which "." is the last one; find it once. */
    size_t last_dot = SIZE_MAX;
    for (size_t k = namelen; k > 0; k--) {
        if (name[k - 1] == L'.') {
            last_dot = k - 1;
            break;
        }
    }

    memset(a->added, 0, (a->m + 1) * sizeof *a->added);
    memset(a->walked, 0, (a->m + 1) * sizeof *a->walked);
    a->step = 0;
    a->cur[0] = 0;
    a->ncur = 1;

    for (size_t k = 0; k < namelen; k++) {
        uint16_t units[2];
        unsigned n = encode_utf16(name[k], units);

        for (unsigned u = 0; u < n; u++) {
            nfa_step(a, units[u], k == last_dot);
            if (a->ncur == 0)
                return false;
        }
    }

    /* At the end of the name, a state accepts if only end-matching units remain after it. */
    uint32_t tail = a->m;
    while (tail > 0 && matches_empty_at_end(a->pat[tail - 1]))
        tail--;
    for (uint32_t i = 0; i < a->ncur; i++) {
        if (a->cur[i] >= tail)
            return true;
    }
    return false;
}

bool prjsim__name_match_n(const wchar_t *name, size_t namelen, const wchar_t *pattern,
                          size_t patlen)
{
    /* The order matters: an empty name fails even against an empty pattern. */
    if (name == NULL || namelen == 0)
        return false;
    if (pattern && patlen == 1 && pattern[0] == L'*')
        return true; /* the listing's usual filter: no automaton needed */
    if (pattern == NULL || patlen == 0)
        return true;

    size_t m = prjsim__name_utf16_units(pattern, patlen);
    /* A pattern this long (gigabytes) cannot be indexed by our 32-bit states; refuse it. */
    if (m >= UINT32_MAX - 1 || m >= SIZE_MAX / (2 * sizeof(uint16_t) + 4 * sizeof(uint32_t)))
        return false;

    uint16_t stack_pat[MATCH_STACK_UNITS];
    uint32_t stack_states[4][MATCH_STACK_UNITS + 1];
    uint16_t *pat = stack_pat;
    uint32_t *states[4] = {stack_states[0], stack_states[1], stack_states[2], stack_states[3]};
    void *heap = NULL;

    if (m > MATCH_STACK_UNITS) {
        /* One block: four state arrays of m + 1 entries, then the pattern units. */
        heap = malloc(4 * (m + 1) * sizeof(uint32_t) + m * sizeof(uint16_t));
        if (heap == NULL)
            return false; /* out of memory: "no match" is the only safe answer */
        for (int i = 0; i < 4; i++)
            states[i] = (uint32_t *)heap + (size_t)i * (m + 1);
        pat = (uint16_t *)((uint32_t *)heap + 4 * (m + 1));
    }

    size_t n = 0;
    for (size_t k = 0; k < patlen; k++)
        n += encode_utf16(pattern[k], &pat[n]);

    struct nfa a = {
        .pat = pat,
        .m = (uint32_t)m,
        .cur = states[0],
        .next = states[1],
        .added = states[2],
        .walked = states[3],
    };
    bool matched = nfa_run(&a, name, namelen);

    free(heap);
    return matched;
}

bool prjsim__name_has_wildcards(const wchar_t *s)
{
    if (s == NULL)
        return false;
    for (; *s != L'\0'; s++) {
        if (*s == L'*' || *s == L'?' || *s == DOS_STAR || *s == DOS_QM || *s == DOS_DOT)
            return true;
    }
    return false;
}

/* ------------------------------------------------------------------------------------------ */
/* Public SDK functions                                                                       */
/* ------------------------------------------------------------------------------------------ */

STDAPI_(int) PrjFileNameCompare(PCWSTR fileName1, PCWSTR fileName2)
{
    /* NULL reads as the empty name, which sorts before every other name. */
    if (!fileName1 || !fileName2)
        return prjsim__name_compare_n(fileName1, fileName1 ? wcslen(fileName1) : 0, fileName2,
                                      fileName2 ? wcslen(fileName2) : 0);
    /* Providers call this in every lookup of a sorted list: the ASCII prefix is compared in
     * one pass, without measuring both names first, and the general comparison takes over
     * at the first other character (NUL ends a name, so a prefix sorts first). */
    size_t i = 0;
    for (;; i++) {
        uint32_t ca = (uint32_t)fileName1[i], cb = (uint32_t)fileName2[i];
        if (ca >= 0x80 || cb >= 0x80)
            break;
        ca = ascii_upcase(ca);
        cb = ascii_upcase(cb);
        if (ca != cb)
            return ca < cb ? -1 : 1;
        if (ca == 0)
            return 0;
    }
    return prjsim__name_compare_n(fileName1 + i, wcslen(fileName1 + i), fileName2 + i,
                                  wcslen(fileName2 + i));
}

STDAPI_(BOOLEAN) PrjFileNameMatch(PCWSTR fileNameToCheck, PCWSTR pattern)
{
    size_t namelen = fileNameToCheck != NULL ? wcslen(fileNameToCheck) : 0;
    size_t patlen = pattern != NULL ? wcslen(pattern) : 0;

    return prjsim__name_match_n(fileNameToCheck, namelen, pattern, patlen) ? 1 : 0;
}

STDAPI_(BOOLEAN) PrjDoesNameContainWildCards(LPCWSTR fileName)
{
    return prjsim__name_has_wildcards(fileName) ? 1 : 0;
}
