/* SPDX-License-Identifier: MIT */
/*
 * The MSVC printf family: what each conversion prints in a wide and a narrow format, the
 * return counts and truncation rules of each function, and wprintf and printf sharing stdout
 * without either losing output.
 */
#include <windows.h>

#include <criterion/criterion.h>

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#define EXPECT_WIDE(got, want) \
    cr_expect(wcscmp((got), (want)) == 0, "got \"%ls\", want \"%ls\"", (got), (want))
#define EXPECT_NARROW(got, want) \
    cr_expect(strcmp((got), (want)) == 0, "got \"%s\", want \"%s\"", (got), (want))

/* Formats with _swprintf (no limit) and checks text and return value. */
#define EXPECT_WFMT(want, ...)                                  \
    do {                                                        \
        wchar_t buf_[256];                                      \
        int n_ = _swprintf(buf_, __VA_ARGS__);                  \
        EXPECT_WIDE(buf_, want);                                \
        cr_expect_eq(n_, (int)wcslen(want), "return value");   \
    } while (0)

#define EXPECT_NFMT(want, ...)                                  \
    do {                                                        \
        char buf_[256];                                         \
        int n_ = sprintf_s(buf_, sizeof buf_, __VA_ARGS__);     \
        EXPECT_NARROW(buf_, want);                              \
        cr_expect_eq(n_, (int)strlen(want), "return value");   \
    } while (0)

/* ---- Strings and characters ---- */

Test(wprintf_format, strings_in_a_wide_format)
{
    EXPECT_WFMT(L"[wide]", L"[%s]", L"wide");
    EXPECT_WFMT(L"[narrow]", L"[%S]", "narrow");
    EXPECT_WFMT(L"[wide]", L"[%ls]", L"wide");
    EXPECT_WFMT(L"[wide]", L"[%ws]", L"wide");
    EXPECT_WFMT(L"[wide]", L"[%lS]", L"wide");
    EXPECT_WFMT(L"[narrow]", L"[%hs]", "narrow");
    EXPECT_WFMT(L"[narrow]", L"[%hS]", "narrow");
    EXPECT_WFMT(L"[(null)]", L"[%s]", (wchar_t *)NULL);
    EXPECT_WFMT(L"[(nu]", L"[%.3s]", (wchar_t *)NULL);
}

Test(wprintf_format, strings_in_a_narrow_format)
{
    EXPECT_NFMT("[narrow]", "[%s]", "narrow");
    EXPECT_NFMT("[wide]", "[%S]", L"wide");
    EXPECT_NFMT("[wide]", "[%ls]", L"wide");
    EXPECT_NFMT("[wide]", "[%ws]", L"wide");
    EXPECT_NFMT("[narrow]", "[%hs]", "narrow");
}

Test(wprintf_format, characters)
{
    EXPECT_WFMT(L"[x]", L"[%c]", L'x');
    EXPECT_WFMT(L"[\x00e9]", L"[%c]", (wint_t)0xE9);
    EXPECT_WFMT(L"[y]", L"[%C]", 'y');
    EXPECT_WFMT(L"[z]", L"[%hc]", 'z');
    EXPECT_WFMT(L"[w]", L"[%lc]", L'w');
    EXPECT_WFMT(L"[w]", L"[%wc]", L'w');
    EXPECT_NFMT("[n]", "[%c]", 'n');
    EXPECT_NFMT("[\xc3\xa9]", "[%C]", (wint_t)0xE9); /* a wide char becomes UTF-8 */
    EXPECT_NFMT("[\xe2\x82\xac]", "[%lc]", (wint_t)0x20AC);
}

Test(wprintf_format, non_ascii_text_crosses_widths_as_utf8)
{
    EXPECT_WFMT(L"caf\x00e9 \x20ac \x0001F600", L"%S", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
    EXPECT_NFMT("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "%S", L"caf\x00e9 \x20ac \x0001F600");
    /* Invalid UTF-8 becomes U+FFFD. */
    EXPECT_WFMT(L"a\xfffd" L"b", L"%S", "a\xff" "b");
}

Test(wprintf_format, width_and_precision_of_strings)
{
    EXPECT_WFMT(L"[   ab]", L"[%5s]", L"ab");
    EXPECT_WFMT(L"[ab   ]", L"[%-5s]", L"ab");
    EXPECT_WFMT(L"[abc]", L"[%.3s]", L"abcdef");
    EXPECT_WFMT(L"[  abc]", L"[%5.3s]", L"abcdef");
    EXPECT_WFMT(L"[   ab]", L"[%*s]", 5, L"ab");
    EXPECT_WFMT(L"[ab   ]", L"[%*s]", -5, L"ab");
    EXPECT_WFMT(L"[abc]", L"[%.*s]", 3, L"abcdef");
    EXPECT_WFMT(L"[abc]", L"[%.*S]", 3, "abcdef");
    EXPECT_WFMT(L"[   ab]", L"[%5S]", "ab");
    /* Width counts output characters: one wide char for a two-byte UTF-8 character. */
    EXPECT_WFMT(L"[  \x00e9]", L"[%3S]", "\xc3\xa9");
    /* Precision never splits a UTF-8 sequence in narrow output. */
    EXPECT_NFMT("[a]", "[%.2ls]", L"a\x00e9");
    EXPECT_NFMT("[   x]", "[%4c]", 'x');
}

/* ---- Numbers ---- */

Test(wprintf_format, integers)
{
    EXPECT_WFMT(L"42 -7 ff FF 17", L"%d %i %x %X %o", 42, -7, 255u, 255u, 15u);
    EXPECT_WFMT(L"[  -42][-42  ][-0042][+42][ 42]", L"[%5d][%-5d][%05d][%+d][% d]", -42, -42, -42, 42, 42);
    EXPECT_WFMT(L"0x1f 017", L"%#x %#o", 31u, 15u);
    EXPECT_WFMT(L"  007", L"%5.3d", 7);
    /* MSVC's sizes: l is 32-bit (DWORD, LONG), I64 and ll 64-bit, I pointer-sized. */
    EXPECT_WFMT(L"4294967295 -1 80070005", L"%lu %ld %lx", (DWORD)0xFFFFFFFFu, (LONG)-1, (DWORD)0x80070005u);
    EXPECT_WFMT(L"-9000000000 18446744073709551615", L"%I64d %I64u", (INT64)-9000000000LL, (UINT64)UINT64_MAX);
    EXPECT_WFMT(L"-9000000000 ffffffffffffffff", L"%lld %llx", -9000000000LL, ~0ULL);
    EXPECT_WFMT(L"123 -5 7", L"%I32d %I32d %I32u", 123, -5, 7u);
    EXPECT_WFMT(L"12345678901 12345678901 5 -3", L"%Iu %zu %zd %td", (size_t)12345678901ULL,
                (size_t)12345678901ULL, (ptrdiff_t)5, (ptrdiff_t)-3);
    EXPECT_WFMT(L"-1 255 -1 65535", L"%hhd %hhu %hd %hu", 255, 255, 65535, 65535);
    EXPECT_NFMT("-9000000000 ff", "%I64d %lx", (INT64)-9000000000LL, (DWORD)255);
}

Test(wprintf_format, floating_point)
{
    EXPECT_WFMT(L"3.14 3.141593 1.500000e+00 2.5", L"%.2f %f %e %g", 3.14159, 3.1415926, 1.5, 2.5);
    EXPECT_WFMT(L"[  1.50][1.50  ]", L"[%6.2f][%-6.2f]", 1.5, 1.5);
    EXPECT_WFMT(L"0.25", L"%Lg", (long double)0.25);
}

Test(wprintf_format, pointers_and_percent)
{
    EXPECT_WFMT(L"000000000012ABCD", L"%p", (void *)(uintptr_t)0x12ABCD);
    EXPECT_WFMT(L"[  000000000000000F]", L"[%18p]", (void *)(uintptr_t)15);
    EXPECT_WFMT(L"100%", L"%d%%", 100);
}

Test(wprintf_format, refused_conversions)
{
    wchar_t buf[32];
    int n = 0;
    errno = 0;
    cr_expect_eq(_swprintf(buf, L"%n", &n), -1, "%%n is refused, as MSVC refuses it");
    cr_expect_eq(errno, EINVAL);
    cr_expect_eq(_swprintf(buf, L"%q", 1), -1, "an unknown type is refused");
    cr_expect_eq(_swprintf(buf, L"abc%"), -1, "a format ending in %% is refused");
    cr_expect_eq(_swprintf(buf, NULL), -1);
}

/* ---- Return values and truncation ---- */

Test(wprintf_limits, standard_swprintf_gets_msvc_formats)
{
    wchar_t buf[8];
    cr_expect_eq(swprintf(buf, 8, L"%s", L"abc"), 3, "%%s is a wide string");
    EXPECT_WIDE(buf, L"abc");
    cr_expect_eq(swprintf(buf, 8, L"%S|%hs", "x", "y"), 3);
    EXPECT_WIDE(buf, L"x|y");
    /* Too long: count-1 characters, a NUL, -1 (as MSVC and the C standard say). */
    cr_expect_eq(swprintf(buf, 4, L"%s", L"abcdef"), -1);
    EXPECT_WIDE(buf, L"abc");
    cr_expect_eq(swprintf(buf, 4, L"abcd"), -1, "exactly count characters leave no room");
    EXPECT_WIDE(buf, L"abc");
    cr_expect_eq(swprintf(NULL, 0, L"%d", 12345), 5, "NULL buffer and 0 count: the length");
}

Test(wprintf_limits, snwprintf_legacy_truncation)
{
    wchar_t buf[8];
    wmemset(buf, L'#', 8);
    cr_expect_eq(_snwprintf(buf, 8, L"%s", L"abc"), 3);
    EXPECT_WIDE(buf, L"abc");
    /* Exactly count characters: all of them, no NUL, count returned. */
    wmemset(buf, L'#', 8);
    cr_expect_eq(_snwprintf(buf, 4, L"%s", L"abcd"), 4);
    cr_expect(wmemcmp(buf, L"abcd#", 5) == 0, "no NUL after exactly count characters");
    /* More than count: count characters, no NUL, -1. */
    wmemset(buf, L'#', 8);
    cr_expect_eq(_snwprintf(buf, 4, L"%s", L"abcdef"), -1);
    cr_expect(wmemcmp(buf, L"abcd#", 5) == 0, "no NUL after truncation");
    cr_expect_eq(_snwprintf(NULL, 0, L"%d", 1234), 4);

    char nb[8];
    memset(nb, '#', sizeof nb);
    cr_expect_eq(_snprintf(nb, 4, "%s", "abcdef"), -1);
    cr_expect(memcmp(nb, "abcd#", 5) == 0);
    cr_expect_eq(_snprintf(nb, 8, "%S", L"wide"), 4);
    EXPECT_NARROW(nb, "wide");
}

Test(wprintf_limits, swprintf_s_fails_when_it_does_not_fit)
{
    wchar_t buf[4];
    cr_expect_eq(swprintf_s(buf, 4, L"%s", L"abc"), 3);
    EXPECT_WIDE(buf, L"abc");
    errno = 0;
    cr_expect_eq(swprintf_s(buf, 4, L"%s", L"abcd"), -1);
    cr_expect_eq(errno, ERANGE);
    cr_expect_eq(buf[0], 0, "the buffer is emptied");
    errno = 0;
    cr_expect_eq(swprintf_s(NULL, 4, L"x"), -1);
    cr_expect_eq(errno, EINVAL);
    cr_expect_eq(swprintf_s(buf, 0, L"x"), -1);

    char nb[4];
    errno = 0;
    cr_expect_eq(sprintf_s(nb, sizeof nb, "%d", 12345), -1);
    cr_expect_eq(errno, ERANGE);
    cr_expect_eq(nb[0], 0);
    cr_expect_eq(sprintf_s(nb, sizeof nb, "%d", 123), 3);
    EXPECT_NARROW(nb, "123");
}

Test(wprintf_limits, snwprintf_s_count_and_truncate)
{
    wchar_t buf[8];
    /* count below the size: at most count characters, terminated, -1 when cut. */
    cr_expect_eq(_snwprintf_s(buf, 8, 3, L"%s", L"abcdef"), -1);
    EXPECT_WIDE(buf, L"abc");
    cr_expect_eq(_snwprintf_s(buf, 8, 3, L"%s", L"ab"), 2);
    EXPECT_WIDE(buf, L"ab");
    /* _TRUNCATE: what fits, terminated, -1. */
    errno = 0;
    cr_expect_eq(_snwprintf_s(buf, 8, _TRUNCATE, L"%s", L"0123456789"), -1);
    EXPECT_WIDE(buf, L"0123456");
    cr_expect_eq(errno, 0, "truncation under _TRUNCATE is not an error");
    cr_expect_eq(_snwprintf_s(buf, 8, _TRUNCATE, L"%d", 42), 2);
    /* count at or above the size and no _TRUNCATE: as swprintf_s. */
    cr_expect_eq(_snwprintf_s(buf, 8, 20, L"%s", L"0123456789"), -1);
    cr_expect_eq(errno, ERANGE);
    cr_expect_eq(buf[0], 0);
    errno = 0;
    cr_expect_eq(_snwprintf_s(NULL, 8, 2, L"x"), -1);
    cr_expect_eq(errno, EINVAL);

    char nb[6];
    cr_expect_eq(_snprintf_s(nb, sizeof nb, _TRUNCATE, "%s", "abcdefgh"), -1);
    EXPECT_NARROW(nb, "abcde");
}

Test(wprintf_limits, counting_and_wsprintf)
{
    cr_expect_eq(_scwprintf(L"%s-%d", L"abc", 12345), 9);
    cr_expect_eq(_scprintf("%s-%d", "abc", 12345), 9);

    wchar_t wbuf[2048];
    cr_expect_eq(wsprintfW(wbuf, L"%s=%d", L"x", 5), 3);
    EXPECT_WIDE(wbuf, L"x=5");
    /* wsprintf stops at 1023 characters and a NUL. */
    wchar_t longw[1500];
    wmemset(longw, L'a', 1499);
    longw[1499] = 0;
    cr_expect_eq(wsprintfW(wbuf, L"%s", longw), 1023);
    cr_expect_eq(wcslen(wbuf), 1023u);

    char abuf[64];
    cr_expect_eq(wsprintfA(abuf, "%s|%S|%lu", "n", L"w", (DWORD)7), 5);
    EXPECT_NARROW(abuf, "n|w|7");
}

Test(wprintf_limits, legacy_swprintf_and_vswprintf)
{
    wchar_t buf[32];
    cr_expect_eq(_swprintf(buf, L"%s/%S", L"a", "b"), 3);
    EXPECT_WIDE(buf, L"a/b");
}

/* ---- Streams ---- */

/* Runs @p body with stdout redirected to a pipe and returns what it printed (malloc'd). */
static char *capture_stdout(void (*body)(void))
{
    int fds[2];
    cr_assert_eq(pipe(fds), 0);
    fflush(stdout);
    int saved = dup(1);
    dup2(fds[1], 1);
    close(fds[1]);
    body();
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    char *out = calloc(1, 4096);
    size_t len = 0;
    ssize_t n;
    while ((n = read(fds[0], out + len, 4095 - len)) > 0)
        len += (size_t)n;
    close(fds[0]);
    return out;
}

static void mixed_output(void)
{
    wprintf(L"wide %s %d\n", L"one", 1);
    printf("narrow %s\n", "two");
    wprintf(L"%S and %ws\n", "three", L"four");
    fputws(L"fputws \x00e9\n", stdout);
    putwchar(L'!');
    fputwc(L'\n', stdout);
    printf("last\n");
    _putws(L"putws");
    wprintf_s(L"%s\n", L"secure");
    printf_s("%ws %I64d\n", L"narrow-secure", (INT64)5);
}

Test(wprintf_stream, wprintf_and_printf_share_stdout)
{
    char *out = capture_stdout(mixed_output);
    EXPECT_NARROW(out, "wide one 1\nnarrow two\nthree and four\nfputws \xc3\xa9\n!\nlast\n"
                       "putws\nsecure\nnarrow-secure 5\n");
    cr_expect(fwide(stdout, 0) <= 0, "stdout did not become wide-oriented");
    free(out);
}

Test(wprintf_stream, return_values)
{
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    cr_expect_eq(fwprintf(f, L"%s\x00e9", L"ab"), 3, "characters, not bytes");
    cr_expect_eq(fprintf_s(f, "%s", "xyz"), 3);
    rewind(f);
    char buf[16] = {0};
    cr_expect_eq(fread(buf, 1, sizeof buf, f), 7u);
    EXPECT_NARROW(buf, "ab\xc3\xa9xyz");
    cr_expect(fwide(f, 0) <= 0);
    fclose(f);
    errno = 0;
    cr_expect_eq(fwprintf(NULL, L"x"), -1);
    cr_expect_eq(errno, EINVAL);
}

/* A stream something else made wide-oriented still receives the text. */
Test(wprintf_stream, already_wide_stream)
{
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    cr_assert(fwide(f, 1) > 0);
    cr_expect_eq(fwprintf(f, L"%s", L"abc"), 3);
    rewind(f);
    wchar_t buf[8] = {0};
    cr_expect_not_null(fgetws(buf, 8, f));
    EXPECT_WIDE(buf, L"abc");
    fclose(f);
}

static int call_vswprintf(wchar_t *buf, size_t n, const wchar_t *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vswprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

Test(wprintf_limits, vswprintf_has_msvc_formats)
{
    wchar_t buf[16];
    cr_expect_eq(call_vswprintf(buf, 16, L"%s:%S", L"w", "n"), 3);
    EXPECT_WIDE(buf, L"w:n");
}
