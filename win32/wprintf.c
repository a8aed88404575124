/* SPDX-License-Identifier: MIT */
/*
 * The printf family with MSVC's rules: the standard wide names (reached through the macros of
 * prjsim_win/msvc_printf.h), MSVC's own wide and narrow names, and user32's wsprintf. Each
 * formats the whole output with the engine (format.c) and then applies its own rules for
 * copying into a buffer or writing to a stream. Streams receive bytes: wide output is written
 * as UTF-8 so that a stream never becomes wide-oriented and printf keeps working after
 * wprintf, unless the stream was already wide-oriented by other code.
 */
#define PRJSIM_NO_MSVC_WPRINTF /* this file calls glibc's own fputwc */
#include <windows.h>

#include "format.h"
#include "utf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Shared steps ---- */

/* Formats into @p b; -1 with errno on failure (b is then freed). */
static int format(prjsim__fmtbuf *b, bool wide, const void *fmt, va_list ap)
{
    prjsim__fmtbuf_init(b, wide);
    if (!fmt) {
        errno = EINVAL;
        return -1;
    }
    int len = prjsim__vformat(b, fmt, ap);
    if (len < 0)
        prjsim__fmtbuf_free(b);
    return len;
}

static size_t unit(bool wide)
{
    return wide ? sizeof(wchar_t) : 1;
}

/* Copies @p n units of the formatted text to @p dst and terminates it at n. */
static void copy_out(void *dst, const prjsim__fmtbuf *b, size_t n, bool terminate)
{
    memcpy(dst, b->data, n * unit(b->wide));
    if (!terminate)
        return;
    if (b->wide)
        ((wchar_t *)dst)[n] = 0;
    else
        ((char *)dst)[n] = 0;
}

static void clear(void *dst, bool wide)
{
    if (wide)
        *(wchar_t *)dst = 0;
    else
        *(char *)dst = 0;
}

/*
 * The C standard's rule with MSVC's failure value (swprintf, vswprintf): the output if it fits
 * with its NUL, else count-1 units, a NUL and -1. A NULL buffer with count 0 asks for the
 * length.
 */
static int standard_copy(void *buf, size_t count, bool wide, const void *fmt, va_list ap)
{
    if (!buf && count) {
        errno = EINVAL;
        return -1;
    }
    prjsim__fmtbuf b;
    int len = format(&b, wide, fmt, ap);
    if (len < 0) {
        if (buf && count)
            clear(buf, wide);
        return -1;
    }
    if (!buf) {
        prjsim__fmtbuf_free(&b);
        return len;
    }
    int rc = len;
    if ((size_t)len < count) {
        copy_out(buf, &b, (size_t)len, true);
    } else {
        if (count)
            copy_out(buf, &b, count - 1, true);
        rc = -1;
    }
    prjsim__fmtbuf_free(&b);
    return rc;
}

/*
 * _snprintf/_snwprintf: len < count: the output and a NUL; len == count: the output without a
 * NUL; len > count: count units, no NUL, -1.
 */
static int legacy_copy(void *buf, size_t count, bool wide, const void *fmt, va_list ap)
{
    if (!buf && count) {
        errno = EINVAL;
        return -1;
    }
    prjsim__fmtbuf b;
    int len = format(&b, wide, fmt, ap);
    if (len < 0)
        return -1;
    int rc = len;
    if (buf) {
        if ((size_t)len < count)
            copy_out(buf, &b, (size_t)len, true);
        else if ((size_t)len == count)
            copy_out(buf, &b, count, false);
        else {
            copy_out(buf, &b, count, false);
            rc = -1;
        }
    }
    prjsim__fmtbuf_free(&b);
    return rc;
}

/* _snprintf_s/_snwprintf_s (see msvc_printf.h). */
static int secure_count_copy(void *buf, size_t size, size_t count, bool wide, const void *fmt,
                             va_list ap)
{
    if (!fmt) {
        errno = EINVAL;
        return -1;
    }
    if (count == 0 && !buf && size == 0)
        return 0;
    if (!buf || size == 0) {
        errno = EINVAL;
        return -1;
    }
    prjsim__fmtbuf b;
    int len = format(&b, wide, fmt, ap);
    if (len < 0) {
        clear(buf, wide);
        return -1;
    }
    int rc = len;
    if (count < size) {
        if ((size_t)len <= count) {
            copy_out(buf, &b, (size_t)len, true);
        } else {
            copy_out(buf, &b, count, true);
            rc = -1;
        }
    } else if ((size_t)len < size) {
        copy_out(buf, &b, (size_t)len, true);
    } else if (count == _TRUNCATE) {
        copy_out(buf, &b, size - 1, true);
        rc = -1;
    } else {
        clear(buf, wide);
        errno = ERANGE;
        rc = -1;
    }
    prjsim__fmtbuf_free(&b);
    return rc;
}

/* sprintf_s/swprintf_s: the output if it fits with its NUL, else buf[0] = 0, ERANGE, -1. */
static int secure_copy(void *buf, size_t size, bool wide, const void *fmt, va_list ap)
{
    if (!buf || size == 0) {
        errno = EINVAL;
        return -1;
    }
    prjsim__fmtbuf b;
    int len = format(&b, wide, fmt, ap);
    if (len < 0) {
        clear(buf, wide);
        return -1;
    }
    int rc = len;
    if ((size_t)len < size) {
        copy_out(buf, &b, (size_t)len, true);
    } else {
        clear(buf, wide);
        errno = ERANGE;
        rc = -1;
    }
    prjsim__fmtbuf_free(&b);
    return rc;
}

/* The legacy forms without a size: everything, and a NUL. */
static int unbounded_copy(void *buf, bool wide, const void *fmt, va_list ap)
{
    if (!buf) {
        errno = EINVAL;
        return -1;
    }
    prjsim__fmtbuf b;
    int len = format(&b, wide, fmt, ap);
    if (len < 0)
        return -1;
    copy_out(buf, &b, (size_t)len, true);
    prjsim__fmtbuf_free(&b);
    return len;
}

/* wsprintf: at most 1023 units and a NUL; returns the units stored. */
static int wsprintf_copy(void *buf, bool wide, const void *fmt, va_list ap)
{
    if (!buf) {
        errno = EINVAL;
        return -1;
    }
    prjsim__fmtbuf b;
    int len = format(&b, wide, fmt, ap);
    if (len < 0) {
        clear(buf, wide);
        return -1;
    }
    size_t n = (size_t)len < 1023 ? (size_t)len : 1023;
    copy_out(buf, &b, n, true);
    prjsim__fmtbuf_free(&b);
    return (int)n;
}

static int measure(bool wide, const void *fmt, va_list ap)
{
    prjsim__fmtbuf b;
    int len = format(&b, wide, fmt, ap);
    if (len >= 0)
        prjsim__fmtbuf_free(&b);
    return len;
}

/*
 * Writes @p n wide units to a stream: as UTF-8 bytes, unless the stream is already
 * wide-oriented (then as wide characters, the only way that still works). 0 or -1.
 */
static int write_wide(FILE *stream, const wchar_t *s, size_t n)
{
    if (fwide(stream, 0) > 0) {
        for (size_t i = 0; i < n; i++)
            if (fputwc(s[i], stream) == WEOF)
                return -1;
        return 0;
    }
    char local[1024];
    if (n <= sizeof local / 4) {
        size_t len = 0;
        for (size_t i = 0; i < n;) {
            uint32_t cp;
            bool valid;
            i += prjsim__wide_next(s + i, n - i, &cp, &valid);
            len += prjsim__utf8_encode(cp, local + len);
        }
        return fwrite(local, 1, len, stream) == len ? 0 : -1;
    }
    size_t len;
    char *bytes = prjsim__utf8_from_wide(s, n, &len);
    if (!bytes) {
        errno = ENOMEM;
        return -1;
    }
    int rc = fwrite(bytes, 1, len, stream) == len ? 0 : -1;
    free(bytes);
    return rc;
}

static int stream_print(FILE *stream, bool wide, const void *fmt, va_list ap)
{
    if (!stream) {
        errno = EINVAL;
        return -1;
    }
    prjsim__fmtbuf b;
    int len = format(&b, wide, fmt, ap);
    if (len < 0)
        return -1;
    int rc;
    if (wide)
        rc = write_wide(stream, b.data, (size_t)len) == 0 ? len : -1;
    else
        rc = fwrite(b.data, 1, (size_t)len, stream) == (size_t)len ? len : -1;
    prjsim__fmtbuf_free(&b);
    return rc;
}

/* Defines NAME(fixed..., format, ...) on top of VNAME(fixed..., format, va_list). */
#define VARIADIC(ret, name, vname, params, args) \
    ret name params                                          \
    {                                                        \
        va_list ap;                                          \
        va_start(ap, format);                                \
        ret r = vname args;                                  \
        va_end(ap);                                          \
        return r;                                            \
    }

/* ---- The standard wide names ---- */

int prjsim_vswprintf(wchar_t *buffer, size_t count, const wchar_t *format, va_list argptr)
{
    return standard_copy(buffer, count, true, format, argptr);
}

int prjsim_vfwprintf(FILE *stream, const wchar_t *format, va_list argptr)
{
    return stream_print(stream, true, format, argptr);
}

int prjsim_vwprintf(const wchar_t *format, va_list argptr)
{
    return stream_print(stdout, true, format, argptr);
}

VARIADIC(int, prjsim_swprintf, prjsim_vswprintf,
         (wchar_t *buffer, size_t count, const wchar_t *format, ...), (buffer, count, format, ap))
VARIADIC(int, prjsim_fwprintf, prjsim_vfwprintf, (FILE *stream, const wchar_t *format, ...),
         (stream, format, ap))
VARIADIC(int, prjsim_wprintf, prjsim_vwprintf, (const wchar_t *format, ...), (format, ap))

int prjsim_fputws(const wchar_t *str, FILE *stream)
{
    if (!str || !stream) {
        errno = EINVAL;
        return EOF;
    }
    return write_wide(stream, str, wcslen(str)) == 0 ? 0 : EOF;
}

wint_t prjsim_fputwc(wchar_t ch, FILE *stream)
{
    if (!stream) {
        errno = EINVAL;
        return WEOF;
    }
    return write_wide(stream, &ch, 1) == 0 ? (wint_t)ch : WEOF;
}

wint_t prjsim_putwc(wchar_t ch, FILE *stream)
{
    return prjsim_fputwc(ch, stream);
}

wint_t prjsim_putwchar(wchar_t ch)
{
    return prjsim_fputwc(ch, stdout);
}

/* ---- MSVC's wide names ---- */

int __cdecl _vsnwprintf(wchar_t *buffer, size_t count, const wchar_t *format, va_list argptr)
{
    return legacy_copy(buffer, count, true, format, argptr);
}

int __cdecl _vsnwprintf_s(wchar_t *buffer, size_t sizeOfBuffer, size_t count,
                          const wchar_t *format, va_list argptr)
{
    return secure_count_copy(buffer, sizeOfBuffer, count, true, format, argptr);
}

int __cdecl vswprintf_s(wchar_t *buffer, size_t sizeOfBuffer, const wchar_t *format,
                        va_list argptr)
{
    return secure_copy(buffer, sizeOfBuffer, true, format, argptr);
}

int __cdecl _vswprintf(wchar_t *buffer, const wchar_t *format, va_list argptr)
{
    return unbounded_copy(buffer, true, format, argptr);
}

int __cdecl _vscwprintf(const wchar_t *format, va_list argptr)
{
    return measure(true, format, argptr);
}

int __cdecl vwprintf_s(const wchar_t *format, va_list argptr)
{
    return stream_print(stdout, true, format, argptr);
}

int __cdecl vfwprintf_s(FILE *stream, const wchar_t *format, va_list argptr)
{
    return stream_print(stream, true, format, argptr);
}

VARIADIC(int, _snwprintf, _vsnwprintf, (wchar_t *buffer, size_t count, const wchar_t *format, ...),
         (buffer, count, format, ap))
VARIADIC(int, _snwprintf_s, _vsnwprintf_s,
         (wchar_t *buffer, size_t sizeOfBuffer, size_t count, const wchar_t *format, ...),
         (buffer, sizeOfBuffer, count, format, ap))
VARIADIC(int, swprintf_s, vswprintf_s, (wchar_t *buffer, size_t sizeOfBuffer, const wchar_t *format, ...),
         (buffer, sizeOfBuffer, format, ap))
VARIADIC(int, _swprintf, _vswprintf, (wchar_t *buffer, const wchar_t *format, ...),
         (buffer, format, ap))
VARIADIC(int, _scwprintf, _vscwprintf, (const wchar_t *format, ...), (format, ap))
VARIADIC(int, wprintf_s, vwprintf_s, (const wchar_t *format, ...), (format, ap))
VARIADIC(int, fwprintf_s, vfwprintf_s, (FILE *stream, const wchar_t *format, ...),
         (stream, format, ap))

int __cdecl _putws(const wchar_t *str)
{
    if (!str) {
        errno = EINVAL;
        return EOF;
    }
    if (write_wide(stdout, str, wcslen(str)) != 0 || write_wide(stdout, L"\n", 1) != 0)
        return EOF;
    return 0;
}

wint_t __cdecl _putwch(wchar_t ch)
{
    return prjsim_fputwc(ch, stdout);
}

/* ---- MSVC's narrow names ---- */

int __cdecl vprintf_s(const char *format, va_list argptr)
{
    return stream_print(stdout, false, format, argptr);
}

int __cdecl vfprintf_s(FILE *stream, const char *format, va_list argptr)
{
    return stream_print(stream, false, format, argptr);
}

int __cdecl vsprintf_s(char *buffer, size_t sizeOfBuffer, const char *format, va_list argptr)
{
    return secure_copy(buffer, sizeOfBuffer, false, format, argptr);
}

int __cdecl _vsnprintf(char *buffer, size_t count, const char *format, va_list argptr)
{
    return legacy_copy(buffer, count, false, format, argptr);
}

int __cdecl _vsnprintf_s(char *buffer, size_t sizeOfBuffer, size_t count, const char *format,
                         va_list argptr)
{
    return secure_count_copy(buffer, sizeOfBuffer, count, false, format, argptr);
}

int __cdecl _vscprintf(const char *format, va_list argptr)
{
    return measure(false, format, argptr);
}

VARIADIC(int, printf_s, vprintf_s, (const char *format, ...), (format, ap))
VARIADIC(int, fprintf_s, vfprintf_s, (FILE *stream, const char *format, ...), (stream, format, ap))
VARIADIC(int, sprintf_s, vsprintf_s, (char *buffer, size_t sizeOfBuffer, const char *format, ...),
         (buffer, sizeOfBuffer, format, ap))
VARIADIC(int, _snprintf, _vsnprintf, (char *buffer, size_t count, const char *format, ...),
         (buffer, count, format, ap))
VARIADIC(int, _snprintf_s, _vsnprintf_s,
         (char *buffer, size_t sizeOfBuffer, size_t count, const char *format, ...),
         (buffer, sizeOfBuffer, count, format, ap))
VARIADIC(int, _scprintf, _vscprintf, (const char *format, ...), (format, ap))

/* ---- wsprintf ---- */

int WINAPI wvsprintfW(LPWSTR buffer, LPCWSTR format, va_list arglist)
{
    return wsprintf_copy(buffer, true, format, arglist);
}

int WINAPI wvsprintfA(LPSTR buffer, LPCSTR format, va_list arglist)
{
    return wsprintf_copy(buffer, false, format, arglist);
}

VARIADIC(int, wsprintfW, wvsprintfW, (LPWSTR buffer, LPCWSTR format, ...), (buffer, format, ap))
VARIADIC(int, wsprintfA, wvsprintfA, (LPSTR buffer, LPCSTR format, ...), (buffer, format, ap))
