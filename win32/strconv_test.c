/* SPDX-License-Identifier: MIT */
/*
 * MultiByteToWideChar and WideCharToMultiByte: UTF-8 of every length, the size queries, -1
 * lengths, invalid input with and without the strict flags, small buffers and bad arguments.
 */
#include <windows.h>

#include <criterion/criterion.h>

#include <string.h>

#define EXPECT_ERROR(call, want_error)                                                   \
    do {                                                                                 \
        SetLastError(0);                                                                 \
        int r_ = (call);                                                                 \
        DWORD e_ = GetLastError();                                                       \
        cr_expect_eq(r_, 0, "%s returned %d, want 0", #call, r_);                        \
        cr_expect_eq(e_, (DWORD)(want_error), "%s: error %u, want %u", #call, (unsigned)e_, \
                     (unsigned)(want_error));                                            \
    } while (0)

Test(multibyte_to_wide, ascii_and_every_utf8_length)
{
    /* 1, 2, 3 and 4 bytes: a, é, €, 😀 */
    const char *s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
    WCHAR out[8];
    int n = MultiByteToWideChar(CP_UTF8, 0, s, (int)strlen(s), out, 8);
    cr_assert_eq(n, 4);
    cr_expect_eq(out[0], L'a');
    cr_expect_eq(out[1], (WCHAR)0xE9);
    cr_expect_eq(out[2], (WCHAR)0x20AC);
    cr_expect_eq(out[3], (WCHAR)0x1F600);
    /* CP_ACP is UTF-8 here. */
    cr_expect_eq(MultiByteToWideChar(CP_ACP, 0, s, (int)strlen(s), out, 8), 4);
    cr_expect_eq(out[3], (WCHAR)0x1F600);
    cr_expect_eq(GetACP(), (UINT)CP_UTF8);
}

Test(multibyte_to_wide, size_query_and_terminator)
{
    WCHAR out[8];
    cr_expect_eq(MultiByteToWideChar(CP_UTF8, 0, "abc", -1, NULL, 0), 4, "-1 counts the NUL");
    cr_expect_eq(MultiByteToWideChar(CP_UTF8, 0, "abc", 3, NULL, 0), 3);
    cr_expect_eq(MultiByteToWideChar(CP_UTF8, 0, "abc", -1, out, 8), 4);
    cr_expect(wcscmp(out, L"abc") == 0);
    cr_expect_eq(MultiByteToWideChar(CP_UTF8, 0, "\xe2\x82\xac", -1, NULL, 0), 2);
}

Test(multibyte_to_wide, insufficient_buffer)
{
    WCHAR out[2];
    EXPECT_ERROR(MultiByteToWideChar(CP_UTF8, 0, "abc", -1, out, 2), ERROR_INSUFFICIENT_BUFFER);
    EXPECT_ERROR(MultiByteToWideChar(CP_UTF8, 0, "abc", 3, out, 2), ERROR_INSUFFICIENT_BUFFER);
}

Test(multibyte_to_wide, invalid_input)
{
    WCHAR out[8];
    /* A stray continuation byte, a truncated sequence, an overlong form, a surrogate. */
    const char *bad[] = {"a\x80z", "a\xe2\x82z", "a\xc0\xafz", "a\xed\xa0\x80z", "a\xf4\x90\x80\x80z"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int n = MultiByteToWideChar(CP_UTF8, 0, bad[i], -1, out, 8);
        cr_expect(n >= 4, "case %zu: %d characters", i, n);
        cr_expect_eq(out[0], L'a');
        cr_expect_eq(out[1], (WCHAR)0xFFFD, "case %zu: U+FFFD replaces the bad bytes", i);
        cr_expect_eq(out[n - 2], L'z', "case %zu: decoding resumes", i);
        EXPECT_ERROR(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, bad[i], -1, out, 8),
                     ERROR_NO_UNICODE_TRANSLATION);
        EXPECT_ERROR(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, bad[i], -1, NULL, 0),
                     ERROR_NO_UNICODE_TRANSLATION);
    }
    /* A truncated sequence is one replacement for its maximal subpart. */
    cr_expect_eq(MultiByteToWideChar(CP_UTF8, 0, "\xe2\x82", 2, out, 8), 1);
}

Test(multibyte_to_wide, bad_arguments)
{
    WCHAR out[8];
    char buf[8] = "abc";
    EXPECT_ERROR(MultiByteToWideChar(CP_UTF8, 0, NULL, 3, out, 8), ERROR_INVALID_PARAMETER);
    EXPECT_ERROR(MultiByteToWideChar(CP_UTF8, 0, "abc", 0, out, 8), ERROR_INVALID_PARAMETER);
    EXPECT_ERROR(MultiByteToWideChar(CP_UTF8, 0, "abc", -2, out, 8), ERROR_INVALID_PARAMETER);
    EXPECT_ERROR(MultiByteToWideChar(CP_UTF8, 0, "abc", 3, NULL, 8), ERROR_INVALID_PARAMETER);
    EXPECT_ERROR(MultiByteToWideChar(CP_UTF8, 0, "abc", 3, out, -1), ERROR_INVALID_PARAMETER);
    EXPECT_ERROR(MultiByteToWideChar(CP_UTF8, 0, buf, 3, (LPWSTR)(void *)buf, 2),
                 ERROR_INVALID_PARAMETER);
    EXPECT_ERROR(MultiByteToWideChar(1252, 0, "abc", 3, out, 8), ERROR_INVALID_PARAMETER);
    EXPECT_ERROR(MultiByteToWideChar(CP_UTF8, MB_PRECOMPOSED, "abc", 3, out, 8), ERROR_INVALID_FLAGS);
    EXPECT_ERROR(MultiByteToWideChar(CP_ACP, MB_PRECOMPOSED | MB_COMPOSITE, "abc", 3, out, 8),
                 ERROR_INVALID_FLAGS);
    cr_expect_eq(MultiByteToWideChar(CP_ACP, MB_PRECOMPOSED, "abc", 3, out, 8), 3);
}

Test(wide_to_multibyte, every_utf8_length)
{
    const WCHAR in[] = {L'a', 0xE9, 0x20AC, 0x1F600, 0};
    char out[16];
    int n = WideCharToMultiByte(CP_UTF8, 0, in, -1, out, sizeof out, NULL, NULL);
    cr_assert_eq(n, 11, "1+2+3+4 bytes and the NUL");
    cr_expect_str_eq(out, "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    cr_expect_eq(WideCharToMultiByte(CP_UTF8, 0, in, -1, NULL, 0, NULL, NULL), 11);
    cr_expect_eq(WideCharToMultiByte(CP_UTF8, 0, in, 2, NULL, 0, NULL, NULL), 3);
    /* A UTF-16 surrogate pair in a wide string is one character. */
    const WCHAR pair[] = {0xD83D, 0xDE00, 0};
    cr_expect_eq(WideCharToMultiByte(CP_UTF8, 0, pair, -1, out, sizeof out, NULL, NULL), 5);
    cr_expect_str_eq(out, "\xf0\x9f\x98\x80");
}

Test(wide_to_multibyte, invalid_characters)
{
    const WCHAR lone[] = {L'a', 0xD800, L'b', 0};
    char out[16];
    int n = WideCharToMultiByte(CP_UTF8, 0, lone, -1, out, sizeof out, NULL, NULL);
    cr_expect_eq(n, 6);
    cr_expect_str_eq(out, "a\xef\xbf\xbd" "b");
    EXPECT_ERROR(WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, lone, -1, out, sizeof out, NULL,
                                     NULL),
                 ERROR_NO_UNICODE_TRANSLATION);
    /* The ANSI code page uses the default character and says so. */
    BOOL used = FALSE;
    n = WideCharToMultiByte(CP_ACP, 0, lone, -1, out, sizeof out, "#", &used);
    cr_expect_eq(n, 4);
    cr_expect_str_eq(out, "a#b");
    cr_expect(used);
    used = TRUE;
    WideCharToMultiByte(CP_ACP, 0, L"ok", -1, out, sizeof out, NULL, &used);
    cr_expect(!used);
}

Test(wide_to_multibyte, errors)
{
    char out[4];
    EXPECT_ERROR(WideCharToMultiByte(CP_UTF8, 0, L"\x20ac\x20ac", -1, out, 4, NULL, NULL),
                 ERROR_INSUFFICIENT_BUFFER);
    EXPECT_ERROR(WideCharToMultiByte(CP_UTF8, 0, NULL, 2, out, 4, NULL, NULL), ERROR_INVALID_PARAMETER);
    EXPECT_ERROR(WideCharToMultiByte(CP_UTF8, 0, L"ab", 0, out, 4, NULL, NULL), ERROR_INVALID_PARAMETER);
    EXPECT_ERROR(WideCharToMultiByte(CP_UTF8, 0, L"ab", 2, NULL, 4, NULL, NULL), ERROR_INVALID_PARAMETER);
    EXPECT_ERROR(WideCharToMultiByte(CP_UTF8, 0, L"ab", 2, out, -1, NULL, NULL), ERROR_INVALID_PARAMETER);
    BOOL used;
    EXPECT_ERROR(WideCharToMultiByte(CP_UTF8, 0, L"ab", 2, out, 4, NULL, &used), ERROR_INVALID_PARAMETER);
    EXPECT_ERROR(WideCharToMultiByte(CP_UTF8, 0, L"ab", 2, out, 4, "?", NULL), ERROR_INVALID_PARAMETER);
    EXPECT_ERROR(WideCharToMultiByte(CP_UTF8, WC_COMPOSITECHECK, L"ab", 2, out, 4, NULL, NULL),
                 ERROR_INVALID_FLAGS);
    EXPECT_ERROR(WideCharToMultiByte(437, 0, L"ab", 2, out, 4, NULL, NULL), ERROR_INVALID_PARAMETER);
}

Test(conversion, round_trip)
{
    const char *s = "Gr\xc3\xbc\xc3\x9f" "e \xe6\x97\xa5\xe6\x9c\xac \xf0\x90\x8d\x88";
    int wn = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
    cr_assert_gt(wn, 0);
    WCHAR *w = malloc((size_t)wn * sizeof *w);
    cr_assert_eq(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, wn), wn);
    int n = WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, w, -1, NULL, 0, NULL, NULL);
    char *back = malloc((size_t)n);
    cr_assert_eq(WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, w, -1, back, n, NULL, NULL), n);
    cr_expect_str_eq(back, s);
    free(w);
    free(back);
}
