/* SPDX-License-Identifier: MIT */
/*
 * The parts of Microsoft's C runtime that glibc lacks: case-insensitive comparison, the
 * bounds-checked *_s string functions and number conversions, with MSVC's results. Where MSVC
 * would call the invalid-parameter handler, these set errno and return the error instead.
 */
#include <windows.h>

#include "utf.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- Comparison and case: ASCII only, as MSVC's "C" locale ---- */

static unsigned lower(unsigned c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static unsigned upper(unsigned c)
{
    return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

/* MSVC returns the difference of the lower-cased characters. */
static int wcompare(const wchar_t *a, const wchar_t *b, size_t count)
{
    if (!a || !b) {
        errno = EINVAL;
        return INT_MAX;
    }
    for (size_t i = 0; i < count; i++) {
        unsigned ca = lower((unsigned)a[i]), cb = lower((unsigned)b[i]);
        if (ca != cb)
            return ca < cb ? -1 : 1;
        if (!ca)
            break;
    }
    return 0;
}

static int compare(const char *a, const char *b, size_t count)
{
    if (!a || !b) {
        errno = EINVAL;
        return INT_MAX;
    }
    for (size_t i = 0; i < count; i++) {
        int ca = (int)lower((unsigned char)a[i]), cb = (int)lower((unsigned char)b[i]);
        if (ca != cb)
            return ca - cb;
        if (!ca)
            break;
    }
    return 0;
}

int __cdecl _wcsicmp(const wchar_t *string1, const wchar_t *string2)
{
    return wcompare(string1, string2, SIZE_MAX);
}

int __cdecl _wcsnicmp(const wchar_t *string1, const wchar_t *string2, size_t count)
{
    return wcompare(string1, string2, count);
}

int __cdecl _stricmp(const char *string1, const char *string2)
{
    return compare(string1, string2, SIZE_MAX);
}

int __cdecl _strnicmp(const char *string1, const char *string2, size_t count)
{
    return compare(string1, string2, count);
}

wchar_t *__cdecl _wcsdup(const wchar_t *strSource)
{
    if (!strSource)
        return NULL;
    size_t n = wcslen(strSource) + 1;
    wchar_t *copy = malloc(n * sizeof *copy);
    if (copy)
        memcpy(copy, strSource, n * sizeof *copy);
    return copy;
}

char *__cdecl _strdup(const char *strSource)
{
    return strSource ? strdup(strSource) : NULL;
}

wchar_t *__cdecl _wcslwr(wchar_t *str)
{
    for (wchar_t *p = str; p && *p; p++)
        *p = (wchar_t)lower((unsigned)*p);
    return str;
}

wchar_t *__cdecl _wcsupr(wchar_t *str)
{
    for (wchar_t *p = str; p && *p; p++)
        *p = (wchar_t)upper((unsigned)*p);
    return str;
}

char *__cdecl _strlwr(char *str)
{
    for (char *p = str; p && *p; p++)
        *p = (char)lower((unsigned char)*p);
    return str;
}

char *__cdecl _strupr(char *str)
{
    for (char *p = str; p && *p; p++)
        *p = (char)upper((unsigned char)*p);
    return str;
}

/* EINVAL (and the string emptied) unless a NUL lies within @p size. */
static errno_t check_terminated_w(wchar_t *str, size_t size)
{
    if (!str || size == 0 || wcsnlen(str, size) == size) {
        if (str && size)
            str[0] = 0;
        return errno = EINVAL;
    }
    return 0;
}

static errno_t check_terminated(char *str, size_t size)
{
    if (!str || size == 0 || strnlen(str, size) == size) {
        if (str && size)
            str[0] = 0;
        return errno = EINVAL;
    }
    return 0;
}

errno_t __cdecl _wcslwr_s(wchar_t *str, size_t numberOfElements)
{
    errno_t e = check_terminated_w(str, numberOfElements);
    if (!e)
        _wcslwr(str);
    return e;
}

errno_t __cdecl _wcsupr_s(wchar_t *str, size_t numberOfElements)
{
    errno_t e = check_terminated_w(str, numberOfElements);
    if (!e)
        _wcsupr(str);
    return e;
}

errno_t __cdecl _strlwr_s(char *str, size_t numberOfElements)
{
    errno_t e = check_terminated(str, numberOfElements);
    if (!e)
        _strlwr(str);
    return e;
}

errno_t __cdecl _strupr_s(char *str, size_t numberOfElements)
{
    errno_t e = check_terminated(str, numberOfElements);
    if (!e)
        _strupr(str);
    return e;
}

wchar_t *__cdecl _wcsrev(wchar_t *str)
{
    if (str)
        for (size_t i = 0, j = wcslen(str); i + 1 < j; i++, j--) {
            wchar_t t = str[i];
            str[i] = str[j - 1];
            str[j - 1] = t;
        }
    return str;
}

char *__cdecl _strrev(char *str)
{
    if (str)
        for (size_t i = 0, j = strlen(str); i + 1 < j; i++, j--) {
            char t = str[i];
            str[i] = str[j - 1];
            str[j - 1] = t;
        }
    return str;
}

/* ---- Bounds-checked copies ---- */

/*
 * The common core of the cpy_s and cat_s functions for one character width: copies at most
 * @p count units of @p src (SIZE_MAX: all of it; _TRUNCATE: what fits) to dest + @p offset.
 */
#define DEFINE_COPY(name, T)                                                                 \
    static errno_t name(T *dest, size_t destsz, size_t offset, const T *src, size_t count,  \
                        bool truncate)                                                       \
    {                                                                                        \
        size_t room = destsz - offset; /* units left, NUL included; >= 1 */               \
        size_t n = 0;                                                                        \
        while (n < count && src[n])                                                          \
            n++;                                                                             \
        if (n < room) {                                                                      \
            memmove(dest + offset, src, n * sizeof(T));                                      \
            dest[offset + n] = 0;                                                            \
            return 0;                                                                        \
        }                                                                                    \
        if (truncate) {                                                                      \
            memmove(dest + offset, src, (room - 1) * sizeof(T));                            \
            dest[destsz - 1] = 0;                                                            \
            return STRUNCATE;                                                                \
        }                                                                                    \
        dest[0] = 0;                                                                         \
        return errno = ERANGE;                                                               \
    }

DEFINE_COPY(copy_w, wchar_t)
DEFINE_COPY(copy_n, char)

static errno_t bad_args(void *dest, size_t destsz, bool wide)
{
    if (dest && destsz) {
        if (wide)
            *(wchar_t *)dest = 0;
        else
            *(char *)dest = 0;
    }
    return errno = EINVAL;
}

errno_t __cdecl wcscpy_s(wchar_t *dest, rsize_t destsz, const wchar_t *src)
{
    if (!dest || destsz == 0 || !src)
        return bad_args(dest, destsz, true);
    return copy_w(dest, destsz, 0, src, SIZE_MAX, false);
}

errno_t __cdecl wcsncpy_s(wchar_t *dest, rsize_t destsz, const wchar_t *src, rsize_t count)
{
    if (!dest && destsz == 0 && count == 0)
        return 0;
    if (!dest || destsz == 0)
        return bad_args(dest, destsz, true);
    if (!src) {
        dest[0] = 0;
        return count == 0 ? 0 : (errno = EINVAL);
    }
    return copy_w(dest, destsz, 0, src, count, count == _TRUNCATE);
}

errno_t __cdecl wcscat_s(wchar_t *dest, rsize_t destsz, const wchar_t *src)
{
    if (!dest || destsz == 0 || !src)
        return bad_args(dest, destsz, true);
    size_t len = wcsnlen(dest, destsz);
    if (len == destsz)
        return bad_args(dest, destsz, true);
    return copy_w(dest, destsz, len, src, SIZE_MAX, false);
}

errno_t __cdecl wcsncat_s(wchar_t *dest, rsize_t destsz, const wchar_t *src, rsize_t count)
{
    if (!dest && destsz == 0 && count == 0)
        return 0;
    if (!dest || destsz == 0 || (!src && count))
        return bad_args(dest, destsz, true);
    size_t len = wcsnlen(dest, destsz);
    if (len == destsz)
        return bad_args(dest, destsz, true);
    if (!src)
        return 0;
    return copy_w(dest, destsz, len, src, count, count == _TRUNCATE);
}

errno_t __cdecl strcpy_s(char *dest, rsize_t destsz, const char *src)
{
    if (!dest || destsz == 0 || !src)
        return bad_args(dest, destsz, false);
    return copy_n(dest, destsz, 0, src, SIZE_MAX, false);
}

errno_t __cdecl strncpy_s(char *dest, rsize_t destsz, const char *src, rsize_t count)
{
    if (!dest && destsz == 0 && count == 0)
        return 0;
    if (!dest || destsz == 0)
        return bad_args(dest, destsz, false);
    if (!src) {
        dest[0] = 0;
        return count == 0 ? 0 : (errno = EINVAL);
    }
    return copy_n(dest, destsz, 0, src, count, count == _TRUNCATE);
}

errno_t __cdecl strcat_s(char *dest, rsize_t destsz, const char *src)
{
    if (!dest || destsz == 0 || !src)
        return bad_args(dest, destsz, false);
    size_t len = strnlen(dest, destsz);
    if (len == destsz)
        return bad_args(dest, destsz, false);
    return copy_n(dest, destsz, len, src, SIZE_MAX, false);
}

errno_t __cdecl strncat_s(char *dest, rsize_t destsz, const char *src, rsize_t count)
{
    if (!dest && destsz == 0 && count == 0)
        return 0;
    if (!dest || destsz == 0 || (!src && count))
        return bad_args(dest, destsz, false);
    size_t len = strnlen(dest, destsz);
    if (len == destsz)
        return bad_args(dest, destsz, false);
    if (!src)
        return 0;
    return copy_n(dest, destsz, len, src, count, count == _TRUNCATE);
}

static errno_t mem_s(void *dest, rsize_t destsz, const void *src, rsize_t count, bool move)
{
    if (count == 0)
        return 0;
    if (!dest)
        return errno = EINVAL;
    if (!src || destsz < count) {
        memset(dest, 0, destsz);
        return errno = src ? ERANGE : EINVAL;
    }
    if (move)
        memmove(dest, src, count);
    else
        memcpy(dest, src, count);
    return 0;
}

errno_t __cdecl memcpy_s(void *dest, rsize_t destsz, const void *src, rsize_t count)
{
    return mem_s(dest, destsz, src, count, false);
}

errno_t __cdecl memmove_s(void *dest, rsize_t destsz, const void *src, rsize_t count)
{
    return mem_s(dest, destsz, src, count, true);
}

errno_t __cdecl wmemcpy_s(wchar_t *dest, rsize_t destsz, const wchar_t *src, rsize_t count)
{
    if (destsz > SIZE_MAX / sizeof(wchar_t) || count > SIZE_MAX / sizeof(wchar_t))
        return errno = ERANGE;
    return mem_s(dest, destsz * sizeof(wchar_t), src, count * sizeof(wchar_t), false);
}

errno_t __cdecl wmemmove_s(wchar_t *dest, rsize_t destsz, const wchar_t *src, rsize_t count)
{
    if (destsz > SIZE_MAX / sizeof(wchar_t) || count > SIZE_MAX / sizeof(wchar_t))
        return errno = ERANGE;
    return mem_s(dest, destsz * sizeof(wchar_t), src, count * sizeof(wchar_t), true);
}

size_t __cdecl wcsnlen_s(const wchar_t *str, size_t maxsize)
{
    return str ? wcsnlen(str, maxsize) : 0;
}

size_t __cdecl strnlen_s(const char *str, size_t maxsize)
{
    return str ? strnlen(str, maxsize) : 0;
}

wchar_t *__cdecl wcstok_s(wchar_t *str, const wchar_t *delimiters, wchar_t **context)
{
    if (!delimiters || !context || (!str && !*context)) {
        errno = EINVAL;
        return NULL;
    }
    return wcstok(str, delimiters, context);
}

char *__cdecl strtok_s(char *str, const char *delimiters, char **context)
{
    if (!delimiters || !context || (!str && !*context)) {
        errno = EINVAL;
        return NULL;
    }
    return strtok_r(str, delimiters, context);
}

errno_t __cdecl mbstowcs_s(size_t *pReturnValue, wchar_t *wcstr, size_t sizeInWords,
                           const char *mbstr, size_t count)
{
    if (pReturnValue)
        *pReturnValue = 0;
    if ((!wcstr && sizeInWords) || (wcstr && !sizeInWords) || (!mbstr && count)) {
        if (wcstr && sizeInWords)
            wcstr[0] = 0;
        return errno = EINVAL;
    }
    if (!mbstr) {
        if (wcstr)
            wcstr[0] = 0;
        if (pReturnValue)
            *pReturnValue = 1;
        return 0;
    }
    size_t n = count == _TRUNCATE ? strlen(mbstr) : strnlen(mbstr, count);
    size_t out = 0;
    bool truncated = false;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        bool valid;
        i += prjsim__utf8_decode((const unsigned char *)mbstr + i, n - i, &cp, &valid);
        if (!valid) {
            if (wcstr)
                wcstr[0] = 0;
            return errno = EILSEQ;
        }
        if (wcstr) {
            if (out + 1 >= sizeInWords) {
                if (count != _TRUNCATE) {
                    wcstr[0] = 0;
                    return errno = ERANGE;
                }
                truncated = true;
                break;
            }
            wcstr[out] = (wchar_t)cp;
        }
        out++;
    }
    if (wcstr)
        wcstr[out] = 0;
    if (pReturnValue)
        *pReturnValue = out + 1;
    return truncated ? STRUNCATE : 0;
}

errno_t __cdecl wcstombs_s(size_t *pReturnValue, char *mbstr, size_t sizeInBytes,
                           const wchar_t *wcstr, size_t count)
{
    if (pReturnValue)
        *pReturnValue = 0;
    if ((!mbstr && sizeInBytes) || (mbstr && !sizeInBytes) || (!wcstr && count)) {
        if (mbstr && sizeInBytes)
            mbstr[0] = 0;
        return errno = EINVAL;
    }
    if (!wcstr) {
        if (mbstr)
            mbstr[0] = 0;
        if (pReturnValue)
            *pReturnValue = 1;
        return 0;
    }
    size_t n = count == _TRUNCATE ? SIZE_MAX : count; /* count is in bytes of output */
    size_t len = wcslen(wcstr), out = 0;
    bool truncated = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        bool valid;
        char bytes[4];
        size_t used = prjsim__wide_next(wcstr + i, len - i, &cp, &valid);
        if (!valid) {
            if (mbstr)
                mbstr[0] = 0;
            return errno = EILSEQ;
        }
        size_t k = prjsim__utf8_encode(cp, bytes);
        if (out + k > n)
            break;
        if (mbstr) {
            if (out + k + 1 > sizeInBytes) {
                if (count != _TRUNCATE) {
                    mbstr[0] = 0;
                    return errno = ERANGE;
                }
                truncated = true;
                break;
            }
            memcpy(mbstr + out, bytes, k);
        }
        out += k;
        i += used;
    }
    if (mbstr)
        mbstr[out] = 0;
    if (pReturnValue)
        *pReturnValue = out + 1;
    return truncated ? STRUNCATE : 0;
}

/* ---- Numbers ---- */

/* Renders @p value (negative only if @p neg) in @p radix into @p out (room for 66). */
static size_t render(unsigned long long value, bool neg, int radix, char *out)
{
    char digits[65];
    size_t n = 0;
    do {
        unsigned d = (unsigned)(value % (unsigned)radix);
        digits[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        value /= (unsigned)radix;
    } while (value);
    size_t len = 0;
    if (neg)
        out[len++] = '-';
    while (n)
        out[len++] = digits[--n];
    out[len] = 0;
    return len;
}

/* A signed value in radix 10 is negative; in other radices it is its two's complement. */
static size_t render_signed(long long value, unsigned bits, int radix, char *out)
{
    if (radix == 10 && value < 0)
        return render(0ull - (unsigned long long)value, true, radix, out);
    unsigned long long u = (unsigned long long)value;
    if (bits < 64)
        u &= (1ull << bits) - 1;
    return render(u, false, radix, out);
}

static bool bad_radix(int radix)
{
    return radix < 2 || radix > 36;
}

static wchar_t *widen(const char *s, wchar_t *out)
{
    size_t i = 0;
    do
        out[i] = (wchar_t)(unsigned char)s[i];
    while (s[i++]);
    return out;
}

#define DEFINE_TO_TEXT(wname, nname, T, bits, is_signed)                       \
    wchar_t *__cdecl wname(T value, wchar_t *buffer, int radix)                 \
    {                                                                            \
        char text[67];                                                           \
        if (!buffer || bad_radix(radix)) {                                       \
            errno = EINVAL;                                                      \
            return buffer;                                                       \
        }                                                                        \
        if (is_signed)                                                           \
            render_signed((long long)value, bits, radix, text);                  \
        else                                                                     \
            render((unsigned long long)value, false, radix, text);               \
        return widen(text, buffer);                                              \
    }                                                                            \
    char *__cdecl nname(T value, char *buffer, int radix)                        \
    {                                                                            \
        if (!buffer || bad_radix(radix)) {                                       \
            errno = EINVAL;                                                      \
            return buffer;                                                       \
        }                                                                        \
        if (is_signed)                                                           \
            render_signed((long long)value, bits, radix, buffer);                \
        else                                                                     \
            render((unsigned long long)value, false, radix, buffer);             \
        return buffer;                                                           \
    }

DEFINE_TO_TEXT(_itow, _itoa, int, 32, true)
DEFINE_TO_TEXT(_ltow, _ltoa, long, 32, true)
DEFINE_TO_TEXT(_ultow, _ultoa, unsigned long, 64, false)
DEFINE_TO_TEXT(_i64tow, _i64toa, __int64, 64, true)
DEFINE_TO_TEXT(_ui64tow, _ui64toa, unsigned __int64, 64, false)

static errno_t to_text_s(long long sv, unsigned long long uv, bool is_signed, unsigned bits,
                         void *buffer, size_t size, int radix, bool wide)
{
    if (!buffer || size == 0 || bad_radix(radix)) {
        if (buffer && size)
            bad_args(buffer, size, wide);
        return errno = EINVAL;
    }
    char text[67];
    size_t len = is_signed ? render_signed(sv, bits, radix, text) : render(uv, false, radix, text);
    if (len + 1 > size) {
        bad_args(buffer, size, wide);
        return errno = ERANGE;
    }
    if (wide)
        widen(text, buffer);
    else
        memcpy(buffer, text, len + 1);
    return 0;
}

errno_t __cdecl _itow_s(int value, wchar_t *buffer, size_t size, int radix)
{
    return to_text_s(value, 0, true, 32, buffer, size, radix, true);
}

errno_t __cdecl _i64tow_s(__int64 value, wchar_t *buffer, size_t size, int radix)
{
    return to_text_s(value, 0, true, 64, buffer, size, radix, true);
}

errno_t __cdecl _ui64tow_s(unsigned __int64 value, wchar_t *buffer, size_t size, int radix)
{
    return to_text_s(0, value, false, 64, buffer, size, radix, true);
}

errno_t __cdecl _itoa_s(int value, char *buffer, size_t size, int radix)
{
    return to_text_s(value, 0, true, 32, buffer, size, radix, false);
}

errno_t __cdecl _i64toa_s(__int64 value, char *buffer, size_t size, int radix)
{
    return to_text_s(value, 0, true, 64, buffer, size, radix, false);
}

errno_t __cdecl _ui64toa_s(unsigned __int64 value, char *buffer, size_t size, int radix)
{
    return to_text_s(0, value, false, 64, buffer, size, radix, false);
}

/* Saturates a 64-bit value to the 32-bit range, as MSVC's atoi/atol do (ERANGE). */
static long long clamp32(long long v)
{
    if (v > INT32_MAX) {
        errno = ERANGE;
        return INT32_MAX;
    }
    if (v < INT32_MIN) {
        errno = ERANGE;
        return INT32_MIN;
    }
    return v;
}

int __cdecl _wtoi(const wchar_t *str)
{
    return str ? (int)clamp32(wcstoll(str, NULL, 10)) : 0;
}

long __cdecl _wtol(const wchar_t *str)
{
    return str ? (long)clamp32(wcstoll(str, NULL, 10)) : 0;
}

__int64 __cdecl _wtoi64(const wchar_t *str)
{
    return str ? wcstoll(str, NULL, 10) : 0;
}

__int64 __cdecl _atoi64(const char *str)
{
    return str ? strtoll(str, NULL, 10) : 0;
}

double __cdecl _wtof(const wchar_t *str)
{
    return str ? wcstod(str, NULL) : 0.0;
}

__int64 __cdecl _wcstoi64(const wchar_t *str, wchar_t **endptr, int base)
{
    return wcstoll(str, endptr, base);
}

unsigned __int64 __cdecl _wcstoui64(const wchar_t *str, wchar_t **endptr, int base)
{
    return wcstoull(str, endptr, base);
}

__int64 __cdecl _strtoi64(const char *str, char **endptr, int base)
{
    return strtoll(str, endptr, base);
}

unsigned __int64 __cdecl _strtoui64(const char *str, char **endptr, int base)
{
    return strtoull(str, endptr, base);
}
