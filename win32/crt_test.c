/* SPDX-License-Identifier: MIT */
/*
 * The wide CRT extras: case-insensitive comparison, the *_s functions and their error returns,
 * number conversions, kernel32's lstr* functions, and _wfopen through the file API.
 */
#include <windows.h>

#include <criterion/criterion.h>

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#define EXPECT_WIDE(got, want) \
    cr_expect(wcscmp((got), (want)) == 0, "got \"%ls\", want \"%ls\"", (got), (want))

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

Test(crt_compare, case_insensitive)
{
    cr_expect_eq(_wcsicmp(L"Hello", L"hELLO"), 0);
    cr_expect_lt(_wcsicmp(L"apple", L"Banana"), 0);
    cr_expect_gt(_wcsicmp(L"b", L"A"), 0);
    /* MSVC folds to lower case: '_' (0x5F) sorts before 'a' (0x61). */
    cr_expect_lt(_wcsicmp(L"_", L"A"), 0);
    cr_expect_eq(_wcsnicmp(L"ABCdef", L"abcXYZ", 3), 0);
    cr_expect_neq(_wcsnicmp(L"ABCdef", L"abcXYZ", 4), 0);
    cr_expect_eq(_stricmp("MiXeD", "mixed"), 0);
    cr_expect_lt(_strnicmp("abc", "ABD", 3), 0);
    /* Only ASCII folds, as in MSVC's "C" locale. */
    cr_expect_neq(_wcsicmp(L"\x00e9", L"\x00c9"), 0);
    errno = 0;
    cr_expect_eq(_wcsicmp(NULL, L"a"), INT_MAX);
    cr_expect_eq(errno, EINVAL);
}

Test(crt_compare, dup_and_case)
{
    wchar_t *d = _wcsdup(L"Copy");
    EXPECT_WIDE(d, L"Copy");
    free(d);
    cr_expect_null(_wcsdup(NULL));
    wchar_t s[] = L"MiXeD \x00c9";
    EXPECT_WIDE(_wcslwr(s), L"mixed \x00c9");
    EXPECT_WIDE(_wcsupr(s), L"MIXED \x00c9");
    char n[] = "AbC";
    cr_expect_str_eq(_strlwr(n), "abc");
    cr_expect_eq(_wcslwr_s(s, _countof(s)), 0);
    EXPECT_WIDE(s, L"mixed \x00c9");
    wchar_t unterminated[3] = {L'A', L'B', L'C'};
    cr_expect_eq(_wcsupr_s(unterminated, 3), EINVAL);
    cr_expect_eq(_wcslwr_s(NULL, 3), EINVAL);
    wchar_t r[] = L"abc";
    EXPECT_WIDE(_wcsrev(r), L"cba");
}

Test(crt_secure, wcscpy_s)
{
    wchar_t buf[4];
    cr_expect_eq(wcscpy_s(buf, 4, L"abc"), 0);
    EXPECT_WIDE(buf, L"abc");
    cr_expect_eq(wcscpy_s(buf, 4, L"abcd"), ERANGE);
    cr_expect_eq(buf[0], 0, "cleared on ERANGE");
    cr_expect_eq(wcscpy_s(NULL, 4, L"a"), EINVAL);
    cr_expect_eq(wcscpy_s(buf, 0, L"a"), EINVAL);
    buf[0] = L'x';
    errno = 0;
    cr_expect_eq(wcscpy_s(buf, 4, NULL), EINVAL);
    cr_expect_eq(buf[0], 0, "cleared when the source is NULL");
    cr_expect_eq(errno, EINVAL);
}

Test(crt_secure, wcsncpy_s)
{
    wchar_t buf[5];
    cr_expect_eq(wcsncpy_s(buf, 5, L"abcdef", 3), 0);
    EXPECT_WIDE(buf, L"abc");
    cr_expect_eq(wcsncpy_s(buf, 5, L"ab", 10), 0);
    EXPECT_WIDE(buf, L"ab");
    cr_expect_eq(wcsncpy_s(buf, 5, L"abcdef", 5), ERANGE, "5 characters and a NUL do not fit in 5");
    cr_expect_eq(buf[0], 0);
    cr_expect_eq(wcsncpy_s(buf, 5, L"abcdef", _TRUNCATE), STRUNCATE);
    EXPECT_WIDE(buf, L"abcd");
    cr_expect_eq(wcsncpy_s(buf, 5, L"abc", _TRUNCATE), 0);
    EXPECT_WIDE(buf, L"abc");
    cr_expect_eq(wcsncpy_s(buf, 5, NULL, 0), 0);
    cr_expect_eq(buf[0], 0);
    cr_expect_eq(wcsncpy_s(buf, 5, NULL, 1), EINVAL);
    cr_expect_eq(wcsncpy_s(NULL, 0, NULL, 0), 0);
    cr_expect_eq(wcsncpy_s(NULL, 5, L"a", 1), EINVAL);
}

Test(crt_secure, wcscat_s_and_narrow_forms)
{
    wchar_t buf[6] = L"ab";
    cr_expect_eq(wcscat_s(buf, 6, L"cd"), 0);
    EXPECT_WIDE(buf, L"abcd");
    cr_expect_eq(wcscat_s(buf, 6, L"ef"), ERANGE);
    cr_expect_eq(buf[0], 0);
    wchar_t full[2] = {L'x', L'y'};
    cr_expect_eq(wcscat_s(full, 2, L"z"), EINVAL, "destination not terminated");
    wcscpy_s(buf, 6, L"ab");
    cr_expect_eq(wcsncat_s(buf, 6, L"cdefgh", _TRUNCATE), STRUNCATE);
    EXPECT_WIDE(buf, L"abcde");

    char n[6];
    cr_expect_eq(strcpy_s(n, sizeof n, "abc"), 0);
    cr_expect_eq(strcat_s(n, sizeof n, "de"), 0);
    cr_expect_str_eq(n, "abcde");
    cr_expect_eq(strcat_s(n, sizeof n, "f"), ERANGE);
    cr_expect_eq(strncpy_s(n, sizeof n, "abcdefgh", _TRUNCATE), STRUNCATE);
    cr_expect_str_eq(n, "abcde");
    cr_expect_eq(strncpy_s(n, sizeof n, "xyz", 2), 0);
    cr_expect_str_eq(n, "xy");
    cr_expect_eq(strcpy_s(n, sizeof n, NULL), EINVAL);
}

Test(crt_secure, memory_and_conversions)
{
    char dst[4] = "xyz";
    cr_expect_eq(memcpy_s(dst, 4, "ab", 3), 0);
    cr_expect_str_eq(dst, "ab");
    cr_expect_eq(memcpy_s(dst, 4, "abcdef", 6), ERANGE);
    cr_expect_eq(dst[0], 0, "the destination is zeroed");
    cr_expect_eq(memcpy_s(dst, 4, NULL, 2), EINVAL);
    cr_expect_eq(memmove_s(dst, 4, "q", 2), 0);
    cr_expect_eq(wcsnlen_s(NULL, 5), 0u);
    cr_expect_eq(wcsnlen_s(L"abcdef", 3), 3u);

    size_t n = 0;
    wchar_t w[8];
    cr_expect_eq(mbstowcs_s(&n, w, 8, "h\xc3\xa9", _TRUNCATE), 0);
    cr_expect_eq(n, 3u, "characters written including the NUL");
    EXPECT_WIDE(w, L"h\x00e9");
    cr_expect_eq(mbstowcs_s(&n, w, 2, "abc", 3), ERANGE);
    cr_expect_eq(mbstowcs_s(&n, w, 3, "abcd", _TRUNCATE), STRUNCATE);
    EXPECT_WIDE(w, L"ab");
    cr_expect_eq(mbstowcs_s(&n, w, 8, "a\xff", _TRUNCATE), EILSEQ);
    char m[8];
    cr_expect_eq(wcstombs_s(&n, m, sizeof m, L"h\x00e9", _TRUNCATE), 0);
    cr_expect_eq(n, 4u);
    cr_expect_str_eq(m, "h\xc3\xa9");
    cr_expect_eq(wcstombs_s(&n, m, 3, L"abc", _TRUNCATE), STRUNCATE);
    cr_expect_str_eq(m, "ab");

    wchar_t text[] = L"a,b;;c";
    wchar_t *ctx = NULL;
    EXPECT_WIDE(wcstok_s(text, L",;", &ctx), L"a");
    EXPECT_WIDE(wcstok_s(NULL, L",;", &ctx), L"b");
    EXPECT_WIDE(wcstok_s(NULL, L",;", &ctx), L"c");
    cr_expect_null(wcstok_s(NULL, L",;", &ctx));
}

Test(crt_numbers, to_text)
{
    wchar_t w[70];
    EXPECT_WIDE(_itow(-123, w, 10), L"-123");
    EXPECT_WIDE(_itow(255, w, 16), L"ff");
    /* Negative numbers are 32-bit two's complement outside radix 10. */
    EXPECT_WIDE(_itow(-1, w, 16), L"ffffffff");
    EXPECT_WIDE(_ltow(-1, w, 16), L"ffffffff");
    EXPECT_WIDE(_i64tow(-1, w, 16), L"ffffffffffffffff");
    EXPECT_WIDE(_ui64tow(18446744073709551615ULL, w, 10), L"18446744073709551615");
    EXPECT_WIDE(_itow(5, w, 2), L"101");
    char n[70];
    cr_expect_str_eq(_itoa(-45, n, 10), "-45");
    cr_expect_str_eq(_i64toa(1234567890123LL, n, 10), "1234567890123");
    cr_expect_eq(_itow_s(12345, w, 5, 10), ERANGE);
    cr_expect_eq(w[0], 0);
    cr_expect_eq(_itow_s(1234, w, 5, 10), 0);
    EXPECT_WIDE(w, L"1234");
    cr_expect_eq(_itow_s(1, w, 5, 1), EINVAL);
    cr_expect_eq(_itoa_s(7, NULL, 5, 10), EINVAL);
}

Test(crt_numbers, from_text)
{
    cr_expect_eq(_wtoi(L"  -42xyz"), -42);
    cr_expect_eq(_wtoi(L"99999999999"), INT32_MAX, "saturates at 32 bits");
    cr_expect_eq(_wtol(L"-99999999999"), (long)INT32_MIN);
    cr_expect_eq(_wtoi64(L"-99999999999"), -99999999999LL);
    cr_expect_eq(_atoi64("123456789012"), 123456789012LL);
    wchar_t *end;
    cr_expect_eq(_wcstoui64(L"ffffffffffffffff!", &end, 16), 18446744073709551615ULL);
    cr_expect_eq(*end, L'!');
    cr_expect_eq(_wcstoi64(L"-0x10", NULL, 0), -16);
    cr_expect_eq(_strtoui64("42", NULL, 10), 42u);
    cr_expect_float_eq(_wtof(L"2.5"), 2.5, 1e-12);
    cr_expect_eq(_wtoi(NULL), 0);
}

Test(crt_lstr, copy_length_concatenate)
{
    wchar_t buf[8];
    cr_expect_eq(lstrlenW(L"abc"), 3);
    cr_expect_eq(lstrlenW(NULL), 0);
    cr_expect_eq(lstrcpyW(buf, L"ab"), buf);
    cr_expect_eq(lstrcatW(buf, L"cd"), buf);
    EXPECT_WIDE(buf, L"abcd");
    cr_expect_null(lstrcpyW(NULL, L"x"));
    cr_expect_null(lstrcatW(buf, NULL));
    cr_expect_eq(lstrcpynW(buf, L"abcdef", 4), buf);
    EXPECT_WIDE(buf, L"abc");
    cr_expect_eq(lstrcpynW(buf, L"ab", 8), buf);
    EXPECT_WIDE(buf, L"ab");
    char n[8];
    cr_expect_eq(lstrlenA("abcd"), 4);
    lstrcpynA(n, "abcdefgh", 3);
    cr_expect_str_eq(n, "ab");
    lstrcpyA(n, "x");
    lstrcatA(n, "y");
    cr_expect_str_eq(n, "xy");
}

Test(crt_lstr, linguistic_comparison)
{
    cr_expect_eq(lstrcmpW(L"abc", L"abc"), 0);
    cr_expect_eq(lstrcmpW(L"apple", L"Banana"), -1, "letters compare case-insensitively first");
    cr_expect_eq(lstrcmpW(L"a", L"A"), -1, "lower case first on a tie");
    cr_expect_eq(lstrcmpW(L"B", L"a"), 1);
    cr_expect_eq(lstrcmpW(L"_x", L"ax"), -1, "punctuation sorts before letters");
    cr_expect_eq(lstrcmpW(L"9", L"a"), -1, "digits sort before letters");
    cr_expect_eq(lstrcmpW(L"coop", L"co-op"), -1, "hyphens matter only after the letters");
    cr_expect_eq(lstrcmpW(L"co-op", L"coop2"), -1);
    cr_expect_eq(lstrcmpiW(L"HELLO", L"hello"), 0);
    cr_expect_eq(lstrcmpiW(L"\x00e9t\x00e9", L"\x00c9T\x00c9"), 0, "non-ASCII letters fold too");
    cr_expect_eq(lstrcmpW(NULL, L"a"), -1);
    cr_expect_eq(lstrcmpW(L"a", NULL), 1);
    cr_expect_eq(lstrcmpW(NULL, NULL), 0);
    cr_expect_eq(lstrcmpA("abc", "ABD"), -1);
    cr_expect_eq(lstrcmpiA("ABC", "abc"), 0);
    cr_expect_eq(sign(lstrcmpW(L"ab", L"abc")), -1);
}

Test(crt_file, wfopen_round_trip_through_the_file_api)
{
    wchar_t path[MAX_PATH];
    swprintf(path, MAX_PATH, L"C:\\prjsim_crt_%d.txt", (int)getpid());
    FILE *f = _wfopen(path, L"w, ccs=UTF-8");
    cr_assert_not_null(f, "_wfopen: errno %d", errno);
    cr_expect_eq(fwprintf(f, L"%s %d\n", L"line", 1), 7);
    fprintf(f, "narrow\n");
    cr_expect_eq(fclose(f), 0);

    cr_expect_eq(_wfopen_s(&f, path, L"a+"), 0);
    fputs("appended\n", f);
    rewind(f);
    char text[64] = {0};
    cr_expect_eq(fread(text, 1, sizeof text - 1, f), 23u);
    cr_expect_str_eq(text, "line 1\nnarrow\nappended\n");
    fclose(f);

    /* The file is where the Win32 file API put it. */
    cr_expect_neq(GetFileAttributesW(path), INVALID_FILE_ATTRIBUTES);
    char narrow[MAX_PATH];
    WideCharToMultiByte(CP_UTF8, 0, path, -1, narrow, sizeof narrow, NULL, NULL);
    cr_expect_eq(fopen_s(&f, narrow, "rb"), 0);
    cr_expect_eq(fgetc(f), 'l');
    fclose(f);
    cr_expect(DeleteFileW(path));

    errno = 0;
    cr_expect_null(_wfopen(path, L"r"));
    cr_expect_eq(errno, ENOENT);
    cr_expect_eq(_wfopen_s(&f, path, L"r"), ENOENT);
    cr_expect_null(f);
    cr_expect_eq(_wfopen_s(&f, path, L"q"), EINVAL);
    cr_expect_eq(_wfopen_s(NULL, path, L"r"), EINVAL);
    cr_expect_eq(fopen_s(&f, NULL, "r"), EINVAL);
}

Test(crt_file, wfopen_exclusive_create)
{
    wchar_t path[MAX_PATH];
    swprintf(path, MAX_PATH, L"C:\\prjsim_crt_x_%d.txt", (int)getpid());
    FILE *f = _wfopen(path, L"wx");
    cr_assert_not_null(f);
    fclose(f);
    errno = 0;
    cr_expect_null(_wfopen(path, L"wx"));
    cr_expect_eq(errno, EEXIST);
    DeleteFileW(path);
}
