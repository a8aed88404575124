/* SPDX-License-Identifier: MIT */
/*
 * Tests of file-name semantics: PrjFileNameMatch, PrjFileNameCompare,
 * PrjDoesNameContainWildCards and the internal helpers of names.h.
 *
 * The test vectors of section 6.15 come from VFSForGit's PatternMatcherTests, which were checked
 * against real ProjFS; each is its own assertion so a failure names the vector.
 */
#include <criterion/criterion.h>

#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include <projectedfslib.h>

#include "names.h"

#define EXPECT_MATCH(name, pattern)                                                               \
    cr_expect(PrjFileNameMatch((name), (pattern)) == 1,                                            \
              "PrjFileNameMatch(name \"%ls\", pattern \"%ls\") should be TRUE", (name), (pattern))

#define EXPECT_NO_MATCH(name, pattern)                                                            \
    cr_expect(PrjFileNameMatch((name), (pattern)) == 0,                                            \
              "PrjFileNameMatch(name \"%ls\", pattern \"%ls\") should be FALSE", (name), (pattern))

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

#define EXPECT_ORDER(a, op, b)                                                                    \
    cr_expect(PrjFileNameCompare((a), (b)) op 0,                                                   \
              "PrjFileNameCompare(\"%ls\", \"%ls\") = %d, expected " #op " 0", (a), (b),            \
              PrjFileNameCompare((a), (b)))

/* ------------------------------------------------------------------------------------------ */
/* PrjFileNameMatch: the section 6.15 vectors                                                 */
/* ------------------------------------------------------------------------------------------ */

Test(match, empty_or_null_pattern_matches_any_name)
{
    EXPECT_MATCH(L"Test", L"");
    cr_expect(PrjFileNameMatch(L"Test", NULL) == 1, "NULL pattern should match \"Test\"");
    EXPECT_MATCH(L".", L"");
    cr_expect(PrjFileNameMatch(L"\u00e4.txt", NULL) == 1, "NULL pattern should match \"ä.txt\"");
}

Test(match, empty_or_null_name_never_matches)
{
    EXPECT_NO_MATCH(L"", L"*");
    EXPECT_NO_MATCH(L"", L"<");
    EXPECT_NO_MATCH(L"", L"\"");
    cr_expect(PrjFileNameMatch(NULL, L"*") == 0, "NULL name should not match \"*\"");
    /* The name rule wins over the pattern rule, as in VFSForGit's matcher. */
    EXPECT_NO_MATCH(L"", L"");
    cr_expect(PrjFileNameMatch(NULL, NULL) == 0, "NULL name should not match a NULL pattern");
    cr_expect(PrjFileNameMatch(L"", NULL) == 0, "empty name should not match a NULL pattern");
    cr_expect(PrjFileNameMatch(NULL, L"") == 0, "NULL name should not match an empty pattern");
}

Test(match, is_case_insensitive)
{
    EXPECT_MATCH(L"Test", L"TEST");
    EXPECT_MATCH(L"TEST", L"test");
    EXPECT_MATCH(L"Test", L"tEsT");
    /* Non-ASCII letters fold too: Latin-1, Latin Extended-A, Greek, Cyrillic. */
    EXPECT_MATCH(L"\u00c4\u00d6\u00dc", L"\u00e4\u00f6\u00fc");             /* ÄÖÜ / äöü */
    EXPECT_MATCH(L"\u0141\u00f3d\u017a", L"\u0142\u00d3D\u0179");             /* Łódź / łÓDŹ */
    EXPECT_MATCH(L"\u0391\u0392\u0393\u03a3", L"\u03b1\u03b2\u03b3\u03c2");   /* ΑΒΓΣ / αβγς */
    EXPECT_MATCH(L"\u041f\u0420\u0418\u0412\u0415\u0422", L"\u043f\u0440\u0438\u0432\u0435\u0442");
    EXPECT_MATCH(L"\u0401\u0416\u0418\u041a", L"\u0451\u0436\u0438\u043a"); /* ЁЖИК / ёжик */
    EXPECT_MATCH(L"\u00ff", L"\u0178");                                       /* ÿ / Ÿ */
    EXPECT_MATCH(L"\u00c4bc.txt", L"\u00e4*.TXT");
    EXPECT_NO_MATCH(L"\u00df", L"SS"); /* ß has no one-unit capital: no match */
}

Test(match, star)
{
    EXPECT_MATCH(L"Test", L"*");
    /* No special case for "*.*": it needs a dot, unlike in FindFirstFile. */
    EXPECT_NO_MATCH(L"Test", L"*.*");
    EXPECT_MATCH(L"Test.txt", L"*.*");
}

Test(match, question_mark)
{
    EXPECT_NO_MATCH(L"Test", L"???");
    EXPECT_MATCH(L"Test", L"????");
    EXPECT_NO_MATCH(L"Test", L"?????");
}

Test(match, question_mark_and_star_together)
{
    EXPECT_MATCH(L"Test", L"T?st");
    EXPECT_MATCH(L"Test", L"T?ST");
    EXPECT_NO_MATCH(L"Test", L"T??ST");
    EXPECT_MATCH(L"Test", L"T*est");
    EXPECT_MATCH(L"Test", L"T*t");
    EXPECT_MATCH(L"Test", L"T*T");
    EXPECT_NO_MATCH(L"Test", L"T*?est");
    EXPECT_MATCH(L"Test", L"T*?t");
    EXPECT_MATCH(L"Test", L"T*?");
    EXPECT_MATCH(L"Test", L"t*?");
}

Test(match, dos_star)
{
    EXPECT_MATCH(L"Test", L"<est");
    EXPECT_MATCH(L"Test", L"T<");
    EXPECT_MATCH(L"Test.txt", L"t<txt");
    /* Beyond the vectors: DOS_STAR eats earlier dots but stops at the final one. */
    EXPECT_NO_MATCH(L"a.b", L"<");
    EXPECT_MATCH(L"a.b", L"<.b");
    EXPECT_MATCH(L"a.b.c", L"<.c");
    EXPECT_MATCH(L"a.b.c", L"<c");
    EXPECT_MATCH(L"a.b.c", L"<\"c");
    EXPECT_MATCH(L"a.b", L"<b"); /* the final dot may be DOS_STAR's last character */
}

Test(match, dos_dot)
{
    EXPECT_MATCH(L"Test", L"Test\"");
    EXPECT_MATCH(L"Test.", L"Test\"");
    EXPECT_NO_MATCH(L"Test.txt", L"Test\"");
    /* Beyond the vectors: it is not "?", so only a dot (or the end) will do. */
    EXPECT_NO_MATCH(L"Testx", L"Test\"");
    EXPECT_MATCH(L"a.txt", L"a\"txt");
}

Test(match, dos_qm)
{
    EXPECT_NO_MATCH(L"Test", L">>>");
    EXPECT_MATCH(L"Test", L">>>>");
    EXPECT_MATCH(L"Test", L">>>>>");
    EXPECT_NO_MATCH(L"Test", L"Te>");
    EXPECT_MATCH(L"Test", L"TE>>");
    EXPECT_MATCH(L"Test", L"te>>>");
    EXPECT_MATCH(L"Test", L"Test>");
    /* Beyond the vectors: at a dot the run of DOS_QMs matches nothing and the pattern goes on. */
    EXPECT_MATCH(L"ab.txt", L">>>.txt");
    EXPECT_MATCH(L"abc.txt", L">>>.txt");
    EXPECT_NO_MATCH(L"abcd.txt", L">>>.txt");
    EXPECT_NO_MATCH(L"a.txt", L">b.txt");
}

Test(match, dos_qm_probe_used_by_vfsforgit)
{
    /* VFSForGit refuses to run on ProjFS builds that get this wrong. */
    cr_assert(PrjFileNameMatch(L"Test", L"Test>") == 1,
              "PrjFileNameMatch(\"Test\", \"Test>\") must be TRUE (fixed DOS wildcard handling)");
}

Test(match, trailing_dos_qm_absorbs_a_final_dot)
{
    /*
     * The kernel automaton lets a zero-width move that ends the pattern count as consuming the
     * current character, so a trailing DOS_QM "matches" a name's final dot. Inferred from the
     * NFA of FsRtlIsNameInExpression (as ported by VFSForGit); kept for fidelity.
     */
    EXPECT_MATCH(L"a.", L"a>");
    EXPECT_NO_MATCH(L"a.b", L"a>");
    EXPECT_NO_MATCH(L"a..", L"a>");
}

Test(match, returns_canonical_booleans)
{
    cr_expect_eq(PrjFileNameMatch(L"Test", L"*"), 1);
    cr_expect_eq(PrjFileNameMatch(L"Test", L"x"), 0);
}

Test(match, works_on_utf16_units)
{
    /* U+1F600 is two UTF-16 units on Windows, so "?" alone cannot match it. */
    const wchar_t emoji[] = {0x1F600, 0};
    const wchar_t emoji_txt[] = {0x1F600, L'.', L't', L'x', L't', 0};

    EXPECT_NO_MATCH(emoji, L"?");
    EXPECT_MATCH(emoji, L"??");
    EXPECT_MATCH(emoji, L"*");
    EXPECT_MATCH(emoji, emoji);
    EXPECT_NO_MATCH(emoji, L">");
    EXPECT_MATCH(emoji, L">>");
    EXPECT_MATCH(emoji_txt, L"<.txt");
    EXPECT_MATCH(emoji_txt, L"??.TXT");
}

Test(match, counted_names_are_not_nul_terminated)
{
    const wchar_t buf[] = L"abc*def";

    cr_expect(prjsim__name_match_n(buf, 3, L"ABC", 3), "\"abc\" should match \"ABC\"");
    cr_expect(prjsim__name_match_n(buf, 3, buf + 3, 1), "\"abc\" should match \"*\"");
    cr_expect(!prjsim__name_match_n(buf, 3, L"ab", 2), "\"abc\" should not match \"ab\"");
    cr_expect(prjsim__name_match_n(buf, 3, NULL, 5), "a NULL pattern matches whatever its length");
    cr_expect(!prjsim__name_match_n(NULL, 3, L"*", 1), "a NULL name never matches");
}

/* Many stars against a long name is exponential for a backtracking matcher. */
Test(match, long_name_and_pattern_finish_quickly, .timeout = 20)
{
    enum { N = 4000 };
    static wchar_t name[N + 1], pattern[N + 2], qm[N + 2];

    for (int i = 0; i < N; i++)
        name[i] = L'a';
    name[N] = 0;
    for (int i = 0; i < N; i += 2) {
        pattern[i] = L'*';
        pattern[i + 1] = L'a';
    }
    pattern[N] = L'b';
    pattern[N + 1] = 0;
    EXPECT_NO_MATCH(name, pattern);
    pattern[N] = 0;
    EXPECT_MATCH(name, pattern);

    for (int i = 0; i < N; i += 2) {
        pattern[i] = L'<';
        pattern[i + 1] = L'>';
    }
    pattern[N] = L'.';
    pattern[N + 1] = 0;
    EXPECT_NO_MATCH(name, pattern);
    name[N - 1] = L'.';
    EXPECT_MATCH(name, pattern);

    name[N - 1] = L'a';
    for (int i = 0; i < N + 1; i++)
        qm[i] = L'>';
    qm[N + 1] = 0;
    EXPECT_MATCH(name, qm);
    qm[N - 1] = 0;
    EXPECT_NO_MATCH(name, qm);

    for (int i = 0; i < N; i++)
        pattern[i] = L'<';
    pattern[N] = L'b';
    pattern[N + 1] = 0;
    EXPECT_NO_MATCH(name, pattern);
}

/* ------------------------------------------------------------------------------------------ */
/* PrjFileNameMatch against a reference matcher                                               */
/* ------------------------------------------------------------------------------------------ */

/*
 * An obviously-correct (and exponential) transcription of the FsRtlIsNameInExpression rules:
 * each wildcard either consumes the current name character or moves on without it. It works
 * on whole characters, which is the same as units for the BMP alphabet used here.
 */
struct ref_case {
    const wchar_t *name;
    size_t n;
    const wchar_t *pat;
    size_t m;
    size_t last_dot; /* index of the name's final '.', or n if none */
};

static wchar_t ref_fold(wchar_t c)
{
    if (c >= L'a' && c <= L'z')
        return c - 32;
    if (c == 0xE9) /* é */
        return 0xC9;
    return c;
}

static bool ref_at(const struct ref_case *r, size_t i, size_t j);

/* Moving past a zero-width pattern item while looking at name[i]. The kernel counts reaching
 * the end of the pattern this way as having consumed name[i]. */
static bool ref_skip(const struct ref_case *r, size_t i, size_t j)
{
    if (j == r->m)
        return i + 1 == r->n;
    return ref_at(r, i, j);
}

static bool ref_at(const struct ref_case *r, size_t i, size_t j)
{
    if (i == r->n) {
        /* End of name: only wildcards that can match nothing may remain. */
        for (; j < r->m; j++) {
            wchar_t e = r->pat[j];
            if (e != L'*' && e != L'<' && e != L'>' && e != L'"')
                return false;
        }
        return true;
    }
    if (j == r->m)
        return false;

    wchar_t c = r->name[i];
    wchar_t e = r->pat[j];
    switch (e) {
    case L'*':
        return ref_skip(r, i, j + 1) || ref_at(r, i + 1, j);
    case L'<':
        if (c == L'.' && i == r->last_dot)
            return ref_skip(r, i, j + 1) || ref_at(r, i + 1, j + 1);
        return ref_skip(r, i, j + 1) || ref_at(r, i + 1, j);
    case L'>':
        if (c == L'.')
            return ref_skip(r, i, j + 1);
        return ref_at(r, i + 1, j + 1);
    case L'?':
        return ref_at(r, i + 1, j + 1);
    case L'"':
        if (c == L'.')
            return ref_at(r, i + 1, j + 1);
        break; /* otherwise a literal, like any other character */
    default:
        break;
    }
    return ref_fold(e) == ref_fold(c) && ref_at(r, i + 1, j + 1);
}

static bool ref_match(const wchar_t *name, const wchar_t *pat)
{
    struct ref_case r = {name, wcslen(name), pat, wcslen(pat), 0};

    if (r.n == 0)
        return false;
    if (r.m == 0)
        return true;
    r.last_dot = r.n;
    for (size_t k = 0; k < r.n; k++) {
        if (name[k] == L'.')
            r.last_dot = k;
    }
    return ref_at(&r, 0, 0);
}

/* Compares one pair; reports only the first few mismatches to keep the log readable. */
static void cross_check(const wchar_t *name, const wchar_t *pat, int *mismatches, int *matches)
{
    bool want = ref_match(name, pat);
    bool got = PrjFileNameMatch(name, pat) != 0;

    if (want)
        (*matches)++;
    if (want != got) {
        if (++*mismatches <= 20)
            cr_expect(want == got, "name \"%ls\" pattern \"%ls\": reference says %d, got %d", name,
                      pat, want, got);
    }
}

/* Decodes index k as a string of `len` symbols from `alphabet`. */
static void nth_string(wchar_t *out, const wchar_t *alphabet, size_t len, unsigned long k)
{
    size_t base = wcslen(alphabet);

    for (size_t i = 0; i < len; i++) {
        out[i] = alphabet[k % base];
        k /= base;
    }
    out[len] = 0;
}

Test(match, agrees_with_reference_exhaustively_on_short_inputs)
{
    static const wchar_t name_alpha[] = L"aA.b";
    static const wchar_t pat_alpha[] = L"aA.b*?<>\"";
    int mismatches = 0, matches = 0, total = 0;
    wchar_t name[8], pat[8];

    for (size_t nl = 1; nl <= 4; nl++) {
        unsigned long ncount = 1;
        for (size_t i = 0; i < nl; i++)
            ncount *= 4;
        for (unsigned long nk = 0; nk < ncount; nk++) {
            nth_string(name, name_alpha, nl, nk);
            for (size_t pl = 0; pl <= 3; pl++) {
                unsigned long pcount = 1;
                for (size_t i = 0; i < pl; i++)
                    pcount *= 9;
                for (unsigned long pk = 0; pk < pcount; pk++) {
                    nth_string(pat, pat_alpha, pl, pk);
                    cross_check(name, pat, &mismatches, &matches);
                    total++;
                }
            }
        }
    }
    cr_assert_eq(mismatches, 0, "%d of %d pairs disagree with the reference", mismatches, total);
    /* Guard against a vacuous test: both outcomes must be common. */
    cr_assert(matches > total / 50 && matches < total - total / 50,
              "unbalanced sample: %d matches of %d", matches, total);
}

static uint32_t xorshift32(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

Test(match, agrees_with_reference_on_random_inputs)
{
    /* Names may hold wildcard characters too: the matcher must still follow the rules. */
    static const wchar_t name_alpha[] = L"aaAAb..\u00e9\u00c9*?<>\"";
    static const wchar_t pat_alpha[] = L"aAb.\u00e9\u00c9*?<>\"**<>";
    const size_t nbase = wcslen(name_alpha), pbase = wcslen(pat_alpha);
    int mismatches = 0, matches = 0;
    uint32_t seed = 0x2545F491u;
    wchar_t name[10], pat[10];
    enum { PAIRS = 20000 };

    for (int t = 0; t < PAIRS; t++) {
        size_t nl = 1 + xorshift32(&seed) % 8;
        size_t pl = xorshift32(&seed) % 9;
        for (size_t i = 0; i < nl; i++) {
            /* Mostly ordinary characters: wildcard characters in names are rare. */
            uint32_t r = xorshift32(&seed);
            name[i] = name_alpha[r % ((r >> 16) % 8 == 0 ? nbase : 9)];
        }
        name[nl] = 0;
        for (size_t i = 0; i < pl; i++)
            pat[i] = pat_alpha[xorshift32(&seed) % pbase];
        pat[pl] = 0;
        cross_check(name, pat, &mismatches, &matches);
    }
    cr_assert_eq(mismatches, 0, "%d of %d random pairs disagree with the reference", mismatches,
                 PAIRS);
    cr_assert(matches > PAIRS / 100, "only %d of %d random pairs matched", matches, PAIRS);
}

/* ------------------------------------------------------------------------------------------ */
/* PrjDoesNameContainWildCards                                                                */
/* ------------------------------------------------------------------------------------------ */

Test(wildcards, each_wildcard_is_detected)
{
    static const wchar_t *const with[] = {
        L"*", L"?", L"<", L">", L"\"", L"a*", L"*a", L"a?b", L"file<.txt", L"file>", L"x\"y",
    };
    for (size_t i = 0; i < sizeof with / sizeof with[0]; i++)
        cr_expect(PrjDoesNameContainWildCards(with[i]) == 1, "\"%ls\" contains a wildcard",
                  with[i]);
}

Test(wildcards, plain_names_have_none)
{
    static const wchar_t *const without[] = {
        L"", L"Test", L"Test.txt", L"a b", L"[x]", L"a|b", L"\\dir\\file", L"\u00e4\u00f6\u00fc",
    };
    for (size_t i = 0; i < sizeof without / sizeof without[0]; i++)
        cr_expect(PrjDoesNameContainWildCards(without[i]) == 0, "\"%ls\" has no wildcard",
                  without[i]);
    cr_expect(PrjDoesNameContainWildCards(NULL) == 0, "NULL has no wildcard");
}

/* ------------------------------------------------------------------------------------------ */
/* PrjFileNameCompare                                                                         */
/* ------------------------------------------------------------------------------------------ */

Test(compare, known_orderings)
{
    /* A merged listing from VFSForGit's tests. */
    EXPECT_ORDER(L"123", <, L"newfileInPackage.txt");
    EXPECT_ORDER(L"newfileInPackage.txt", <, L"newfileInScratch.txt");
    EXPECT_ORDER(L"123", <, L"newfileInScratch.txt");
    /* Upcased compare: "_" (0x5F) sorts after the letters (0x41-0x5A). */
    EXPECT_ORDER(L"a_b", >, L"aab");
    EXPECT_ORDER(L"A_B", >, L"aab");
    EXPECT_ORDER(L"_", >, L"z");
    EXPECT_ORDER(L"Z", <, L"_");
    /* Digits and "." sort before letters. */
    EXPECT_ORDER(L"a.b", <, L"a0b");
    EXPECT_ORDER(L"9", <, L"A");
}

Test(compare, case_variants_are_equal)
{
    EXPECT_ORDER(L"FILE.TXT", ==, L"File.txt");
    EXPECT_ORDER(L"file.txt", ==, L"FILE.TXT");
    EXPECT_ORDER(L"Test", ==, L"Test");
    EXPECT_ORDER(L"", ==, L"");
}

Test(compare, shorter_prefix_sorts_first)
{
    EXPECT_ORDER(L"abc", <, L"abcd");
    EXPECT_ORDER(L"ABCD", >, L"abc");
    EXPECT_ORDER(L"", <, L"a");
    EXPECT_ORDER(L"file", <, L"file.txt");
}

Test(compare, null_reads_as_empty)
{
    cr_expect_eq(PrjFileNameCompare(NULL, NULL), 0);
    cr_expect_eq(PrjFileNameCompare(NULL, L""), 0);
    cr_expect_lt(PrjFileNameCompare(NULL, L"a"), 0);
    cr_expect_gt(PrjFileNameCompare(L"a", NULL), 0);
    cr_expect_eq(prjsim__name_compare_n(NULL, 5, L"", 0), 0);
}

Test(compare, non_ascii_is_case_insensitive)
{
    EXPECT_ORDER(L"\u00c4\u00d6\u00dc", ==, L"\u00e4\u00f6\u00fc");                 /* ÄÖÜ */
    EXPECT_ORDER(L"\u00ff", ==, L"\u0178");                                           /* ÿ Ÿ */
    EXPECT_ORDER(L"\u0141\u00f3d\u017a", ==, L"\u0142\u00d3D\u0179");                 /* Łódź */
    EXPECT_ORDER(L"\u03a3\u038a\u03a3\u03a5\u03a6\u039f\u03a3", ==,
                 L"\u03c3\u03af\u03c3\u03c5\u03c6\u03bf\u03c2");                      /* σίσυφος */
    EXPECT_ORDER(L"\u041f\u0420\u0418\u0412\u0415\u0422", ==,
                 L"\u043f\u0440\u0438\u0432\u0435\u0442");                           /* привет */
    EXPECT_ORDER(L"\u0401\u0416", ==, L"\u0451\u0436");                               /* ЁЖ */
    EXPECT_ORDER(L"\uff21", ==, L"\uff41");                                           /* Ａ ａ */
}

Test(compare, characters_without_a_one_unit_capital_stay)
{
    /* ß stays 0xDF, so it neither equals "SS" nor sorts among the letters. */
    EXPECT_ORDER(L"\u00df", !=, L"SS");
    EXPECT_ORDER(L"\u00df", >, L"z");
    /* Windows' table leaves dotless i, micro sign and long s alone. */
    EXPECT_ORDER(L"\u0131", !=, L"I");
    EXPECT_ORDER(L"\u00b5", !=, L"\u039c");
    EXPECT_ORDER(L"\u017f", !=, L"S");
}

Test(compare, surrogate_pairs_sort_as_utf16_units)
{
    const wchar_t emoji[] = {0x1F600, 0};
    const wchar_t emoji2[] = {0x1F601, 0};
    const wchar_t a_emoji[] = {L'a', 0x1F600, 0};
    const wchar_t a_fffd[] = {L'A', 0xFFFD, 0};

    /* 0xD83D 0xDE00 < 0xFFFD as units, although U+1F600 > U+FFFD as code points. */
    EXPECT_ORDER(emoji, <, L"\ufffd");
    EXPECT_ORDER(emoji, <, L"\ue000");
    EXPECT_ORDER(emoji, >, L"\ud7ff");
    EXPECT_ORDER(a_emoji, <, a_fffd);
    EXPECT_ORDER(emoji, <, emoji2);
    EXPECT_ORDER(emoji, ==, emoji);
}

Test(compare, is_antisymmetric)
{
    static const wchar_t *const names[] = {
        L"", L"a", L"A", L"a_b", L"aab", L"123", L"\u00e4", L"\u00c4x", L"\u03c3", L"z", L"_",
    };
    const size_t count = sizeof names / sizeof names[0];

    for (size_t i = 0; i < count; i++) {
        for (size_t j = 0; j < count; j++) {
            int ab = PrjFileNameCompare(names[i], names[j]);
            int ba = PrjFileNameCompare(names[j], names[i]);
            cr_expect_eq(sign(ab), -sign(ba), "compare(\"%ls\", \"%ls\") = %d but reverse = %d",
                         names[i], names[j], ab, ba);
        }
    }
}

/* PrjFileNameCompare walks NUL-terminated names in one pass; the counted form measures first.
 * Both must order every pair alike, including ASCII prefixes that end in other characters. */
Test(compare, nul_terminated_and_counted_forms_agree)
{
    static const wchar_t *const names[] = {
        L"", L"a", L"A", L"ab", L"AB\u00e9", L"ab\u00c9", L"ab\u00e9x", L"abc", L"f0000001",
        L"F0000001", L"f00000010", L"_", L"a_", L"A[", L"\u00df", L"x\U0001F600", L"X\U0001F600y",
    };
    const size_t count = sizeof names / sizeof names[0];
    for (size_t i = 0; i < count; i++)
        for (size_t j = 0; j < count; j++) {
            int nul = PrjFileNameCompare(names[i], names[j]);
            int counted = prjsim__name_compare_n(names[i], wcslen(names[i]), names[j], wcslen(names[j]));
            cr_expect_eq(sign(nul), sign(counted), "\"%ls\" vs \"%ls\": %d, counted %d", names[i],
                         names[j], nul, counted);
        }
    cr_expect_eq(PrjFileNameCompare(L"AB\u00e9", L"ab\u00c9"), 0);
}

Test(compare, counted_compare_ignores_what_follows)
{
    cr_expect_eq(prjsim__name_compare_n(L"abcX", 3, L"ABCY", 3), 0);
    cr_expect_lt(prjsim__name_compare_n(L"abcX", 3, L"ABCY", 4), 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Upcase table                                                                               */
/* ------------------------------------------------------------------------------------------ */

Test(upcase, follows_the_windows_table)
{
    static const struct {
        uint32_t from, to;
    } cases[] = {
        {L'a', L'A'},   {L'z', L'Z'},   {L'A', L'A'},   {L'_', L'_'},   {L'1', L'1'},
        {0xE0, 0xC0},   {0xFE, 0xDE},   {0xF7, 0xF7},   {0xDF, 0xDF},   {0xFF, 0x178},
        {0xB5, 0xB5},   {0x101, 0x100}, {0x100, 0x100}, {0x131, 0x131}, {0x130, 0x130},
        {0x17E, 0x17D}, {0x17F, 0x17F}, {0x3B1, 0x391}, {0x3C2, 0x3A3}, {0x3C3, 0x3A3},
        {0x3AC, 0x386}, {0x3CE, 0x38F}, {0x390, 0x390}, {0x430, 0x410}, {0x44F, 0x42F},
        {0x451, 0x401}, {0x45F, 0x40F}, {0x461, 0x460}, {0x4CF, 0x4C0}, {0x561, 0x531},
        {0x1E01, 0x1E00}, {0x24D0, 0x24B6}, {0xFF41, 0xFF21}, {0xD83D, 0xD83D},
        {0x1F600, 0x1F600},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_expect_eq((uint32_t)prjsim__name_upcase((wchar_t)cases[i].from), cases[i].to,
                     "upcase(U+%04X) = U+%04X, expected U+%04X", cases[i].from,
                     (unsigned)prjsim__name_upcase((wchar_t)cases[i].from), cases[i].to);
}

Test(upcase, is_idempotent_over_the_bmp)
{
    int bad = 0;

    for (uint32_t c = 0; c <= 0xFFFF; c++) {
        wchar_t u = prjsim__name_upcase((wchar_t)c);
        if (prjsim__name_upcase(u) != u && ++bad <= 10)
            cr_expect(0, "upcase(upcase(U+%04X)) != upcase(U+%04X)", c, c);
        if ((uint32_t)u > 0xFFFF && ++bad <= 10)
            cr_expect(0, "upcase(U+%04X) leaves the BMP", c);
    }
    cr_assert_eq(bad, 0);
}

Test(upcase, does_not_depend_on_the_locale)
{
    /* A Turkish locale would map i to U+0130 in towupper; the file system must not. */
    const char *locales[] = {"tr_TR.UTF-8", "C.UTF-8", "C"};

    for (size_t i = 0; i < sizeof locales / sizeof locales[0]; i++) {
        if (setlocale(LC_ALL, locales[i]) == NULL)
            continue;
        cr_expect_eq(prjsim__name_upcase(L'i'), L'I', "locale %s", locales[i]);
        cr_expect_eq(prjsim__name_upcase(0xE4), 0xC4, "locale %s", locales[i]);
        cr_expect_eq(PrjFileNameCompare(L"file", L"FILE"), 0, "locale %s", locales[i]);
    }
    setlocale(LC_ALL, "C");
}

/* ------------------------------------------------------------------------------------------ */
/* Hash                                                                                       */
/* ------------------------------------------------------------------------------------------ */

#define EXPECT_SAME_HASH(a, b)                                                                    \
    cr_expect_eq(prjsim__name_hash_n((a), wcslen(a)), prjsim__name_hash_n((b), wcslen(b)),        \
                 "hash(\"%ls\") != hash(\"%ls\")", (a), (b))

Test(hash, case_variants_hash_alike)
{
    EXPECT_SAME_HASH(L"FILE.TXT", L"File.txt");
    EXPECT_SAME_HASH(L"\u00c4\u00d6\u00dc", L"\u00e4\u00f6\u00fc");
    EXPECT_SAME_HASH(L"\u03a3\u039f\u03a3", L"\u03c3\u03bf\u03c2");
    EXPECT_SAME_HASH(L"\u0416\u0401", L"\u0436\u0451");
    EXPECT_SAME_HASH(L"\u00ff", L"\u0178");
    cr_expect_eq(prjsim__name_hash_n(NULL, 3), prjsim__name_hash_n(L"", 0));
    /* Not required, but a hash that ignores its input would pass the checks above. */
    cr_expect_neq(prjsim__name_hash_n(L"a", 1), prjsim__name_hash_n(L"b", 1));
}

Test(hash, equal_under_compare_means_equal_hash)
{
    /* Random names over an alphabet with case pairs; compare-equal pairs must hash alike. */
    static const wchar_t alpha[] = {L'a', L'A',  L'_',   L'.',   0xE4,    0xC4,
                                    0xFF, 0x178, 0x3C2,  0x3A3,  0x3C3,   0x436,
                                    0x416, 0xDF, 0x1F600, 0x131, L'I', L'i'};
    const size_t base = sizeof alpha / sizeof alpha[0];
    uint32_t seed = 12345;
    int equal_pairs = 0;
    wchar_t a[6], b[6];

    for (int t = 0; t < 20000; t++) {
        size_t len = 1 + xorshift32(&seed) % 5;
        for (size_t i = 0; i < len; i++) {
            a[i] = alpha[xorshift32(&seed) % base];
            /* b is mostly a case variant of a, sometimes a different character. */
            wchar_t up = prjsim__name_upcase(a[i]);
            uint32_t r = xorshift32(&seed) % 8;
            b[i] = r < 4 ? up : r < 7 ? a[i] : alpha[xorshift32(&seed) % base];
        }
        if (prjsim__name_compare_n(a, len, b, len) == 0) {
            equal_pairs++;
            if (prjsim__name_hash_n(a, len) != prjsim__name_hash_n(b, len))
                cr_assert(0, "equal names hash differently (case %d)", t);
        }
    }
    cr_expect(equal_pairs > 1000, "only %d equal pairs were generated", equal_pairs);
}

/* ------------------------------------------------------------------------------------------ */
/* UTF-16 length                                                                              */
/* ------------------------------------------------------------------------------------------ */

Test(utf16_units, counts_surrogate_pairs_twice)
{
    const wchar_t mixed[] = {L'a', 0x1F600, L'b', 0x10000, 0x10FFFF, 0};
    const wchar_t edge[] = {0xFFFF, 0xD800, (wchar_t)0x110000, 0};

    cr_expect_eq(prjsim__name_utf16_units(L"", 0), 0);
    cr_expect_eq(prjsim__name_utf16_units(NULL, 4), 0);
    cr_expect_eq(prjsim__name_utf16_units(L"abc", 3), 3);
    cr_expect_eq(prjsim__name_utf16_units(L"\u00e4\u03c3\u0436", 3), 3);
    cr_expect_eq(prjsim__name_utf16_units(mixed, 5), 8);
    cr_expect_eq(prjsim__name_utf16_units(mixed, 2), 3);
    /* BMP characters, lone surrogates and invalid values take one unit each. */
    cr_expect_eq(prjsim__name_utf16_units(edge, 3), 3);
}

Test(utf16_units, invalid_code_points_never_crash)
{
    const wchar_t odd[] = {(wchar_t)0x110000, (wchar_t)-1, 0xD800, 0xDC00, L'a', 0};

    cr_expect_eq(prjsim__name_utf16_units(odd, 5), 5);
    /* Invalid values read as U+FFFD: they compare equal to each other and to U+FFFD. */
    cr_expect_eq(prjsim__name_compare_n(odd, 2, L"\ufffd\ufffd", 2), 0);
    cr_expect(PrjFileNameMatch(odd, L"?????") == 1, "five odd characters match \"?????\"");
    cr_expect(PrjFileNameMatch(odd, L"*A") == 1, "odd characters match \"*A\"");
}
