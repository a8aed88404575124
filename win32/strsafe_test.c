/* SPDX-License-Identifier: MIT */
/*
 * strsafe.h: copies, concatenations, printf and lengths in characters and bytes, with their
 * truncation and parameter errors.
 */
#include <windows.h>
#include <strsafe.h>

#include <criterion/criterion.h>

#define EXPECT_WIDE(got, want) \
    cr_expect(wcscmp((got), (want)) == 0, "got \"%ls\", want \"%ls\"", (got), (want))

Test(strsafe, copy)
{
    WCHAR buf[4];
    cr_expect_eq(StringCchCopyW(buf, 4, L"abc"), S_OK);
    EXPECT_WIDE(buf, L"abc");
    cr_expect_eq(StringCchCopyW(buf, 4, L"abcdef"), STRSAFE_E_INSUFFICIENT_BUFFER);
    EXPECT_WIDE(buf, L"abc");
    cr_expect_eq(StringCchCopyW(buf, 0, L"a"), STRSAFE_E_INVALID_PARAMETER);
    cr_expect_eq(StringCchCopyW(buf, (size_t)STRSAFE_MAX_CCH + 1, L"a"), STRSAFE_E_INVALID_PARAMETER);
    cr_expect_eq(buf[0], 0, "a bad size still terminates what it can");
    cr_expect_eq(StringCchCopyNW(buf, 4, L"abcdef", 2), S_OK);
    EXPECT_WIDE(buf, L"ab");
    cr_expect_eq(StringCchCopyNW(buf, 4, L"abcdef", 5), STRSAFE_E_INSUFFICIENT_BUFFER);
    cr_expect_eq(StringCbCopyW(buf, sizeof buf, L"xyz"), S_OK, "Cb takes bytes");
    EXPECT_WIDE(buf, L"xyz");
    cr_expect_eq(StringCbCopyW(buf, sizeof buf, L"wxyz"), STRSAFE_E_INSUFFICIENT_BUFFER);
    EXPECT_WIDE(buf, L"wxy");
    char n[4];
    cr_expect_eq(StringCchCopyA(n, 4, "abcd"), STRSAFE_E_INSUFFICIENT_BUFFER);
    cr_expect_str_eq(n, "abc");
    cr_expect_eq(StringCbCopyA(n, sizeof n, "ab"), S_OK);
}

Test(strsafe, concatenate)
{
    WCHAR buf[6] = L"ab";
    cr_expect_eq(StringCchCatW(buf, 6, L"cd"), S_OK);
    EXPECT_WIDE(buf, L"abcd");
    cr_expect_eq(StringCchCatW(buf, 6, L"efg"), STRSAFE_E_INSUFFICIENT_BUFFER);
    EXPECT_WIDE(buf, L"abcde");
    WCHAR unterminated[2] = {L'x', L'y'};
    cr_expect_eq(StringCchCatW(unterminated, 2, L"z"), STRSAFE_E_INVALID_PARAMETER);
    wcscpy(buf, L"a");
    cr_expect_eq(StringCchCatNW(buf, 6, L"bcdef", 2), S_OK);
    EXPECT_WIDE(buf, L"abc");
    cr_expect_eq(StringCbCatW(buf, sizeof buf, L"de"), S_OK);
    EXPECT_WIDE(buf, L"abcde");
    char n[8] = "x";
    cr_expect_eq(StringCchCatA(n, 8, "yz"), S_OK);
    cr_expect_str_eq(n, "xyz");
}

Test(strsafe, printf)
{
    WCHAR buf[8];
    cr_expect_eq(StringCchPrintfW(buf, 8, L"%s=%d", L"ab", 42), S_OK, "MSVC formats: %%s is wide");
    EXPECT_WIDE(buf, L"ab=42");
    cr_expect_eq(StringCchPrintfW(buf, 8, L"%s", L"1234567"), S_OK, "exactly fits");
    cr_expect_eq(StringCchPrintfW(buf, 8, L"%s", L"12345678"), STRSAFE_E_INSUFFICIENT_BUFFER);
    EXPECT_WIDE(buf, L"1234567");
    cr_expect_eq(StringCbPrintfW(buf, sizeof buf, L"%S", "narrow"), S_OK);
    EXPECT_WIDE(buf, L"narrow");
    cr_expect_eq(StringCchPrintfW(buf, 0, L"x"), STRSAFE_E_INVALID_PARAMETER);
    char n[6];
    cr_expect_eq(StringCchPrintfA(n, 6, "%ws|%d", L"w", 123456), STRSAFE_E_INSUFFICIENT_BUFFER);
    cr_expect_str_eq(n, "w|123");
}

Test(strsafe, length)
{
    size_t len = 99;
    cr_expect_eq(StringCchLengthW(L"abc", 10, &len), S_OK);
    cr_expect_eq(len, 3u);
    cr_expect_eq(StringCchLengthW(L"abc", 3, &len), STRSAFE_E_INVALID_PARAMETER, "no NUL within 3");
    cr_expect_eq(len, 0u);
    cr_expect_eq(StringCchLengthW(NULL, 10, &len), STRSAFE_E_INVALID_PARAMETER);
    cr_expect_eq(StringCbLengthW(L"abc", 100, &len), S_OK);
    cr_expect_eq(len, 3 * sizeof(WCHAR));
    cr_expect_eq(StringCchLengthA("abcd", STRSAFE_MAX_CCH, &len), S_OK);
    cr_expect_eq(len, 4u);
    cr_expect_eq(StringCchLengthA("abcd", (size_t)STRSAFE_MAX_CCH + 1, NULL), STRSAFE_E_INVALID_PARAMETER);
}
