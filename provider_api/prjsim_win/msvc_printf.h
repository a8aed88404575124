/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/msvc_printf.h: the printf family with Microsoft's rules.
 *
 * MSVC's formats differ from the C standard's (and glibc's) in a wide format string:
 *
 *   | spec               | wide format (wprintf, swprintf...) | narrow format (printf_s...) |
 *   |--------------------|------------------------------------|-----------------------------|
 *   | %s                 | wchar_t *                          | char *                      |
 *   | %S                 | char *                             | wchar_t *                   |
 *   | %ls %ws %lS %wS    | wchar_t *                          | wchar_t *                   |
 *   | %hs %hS            | char *                             | char *                      |
 *   | %c / %C            | wchar_t / char                     | char / wchar_t              |
 *   | %lc %wc / %hc      | wchar_t / char                     | wchar_t / char              |
 *
 * and in the size prefixes: `l` is 32 bits (long is 32-bit on Windows: %lu takes a DWORD),
 * `I64` and `ll` 64 bits, `I32` 32 bits, `I`, `z`, `t`, `j` pointer-sized; %p prints 16
 * upper-case hex digits; %n is refused. Narrow text (char * arguments, narrow output) is UTF-8.
 *
 * The standard wide names, which glibc also declares, are redirected here by macros to
 * libprjsim functions with MSVC's rules and the standard signatures:
 *   wprintf fwprintf swprintf vwprintf vfwprintf vswprintf, and fputws fputwc putwc putwchar.
 * Output to a stream is converted to UTF-8 and written as bytes, so a stream (stdout) never
 * becomes wide-oriented and printf() after wprintf() is not lost, as glibc would lose it.
 * In C++, std::wprintf and the others are redirected alike (the matching using-declarations
 * are added to namespace std), and the legacy overload swprintf(buffer, format, ...) exists.
 *
 * The standard *narrow* names (printf, sprintf, snprintf, fprintf) are NOT redirected: glibc
 * already gives %S, %ls and %C their MSVC meaning there, and a macro named printf would break
 * `__attribute__((format(printf, ...)))` in code that follows. The MSVC-only narrow names
 * (printf_s, sprintf_s, _snprintf, _snprintf_s, ...) do follow MSVC's rules, including %ws
 * and %I64d. Define PRJSIM_NO_MSVC_WPRINTF before including <windows.h> to keep glibc's wide
 * functions.
 *
 * Return values and truncation (len = length of the full output, in characters):
 *   swprintf(buf, n, ...)    len < n: len. Otherwise n-1 characters, a NUL, and -1.
 *   _snwprintf(buf, n, ...)  len < n: len with a NUL; len == n: len, no NUL; len > n: n
 *                            characters, no NUL, and -1. (buf NULL, n 0: len.)
 *   swprintf_s(buf, n, ...)  len < n: len. Otherwise buf[0] = 0, errno ERANGE, -1.
 *   _snwprintf_s(buf, n, count, ...) at most count characters (count < n), or as many as
 *                            fit when count is _TRUNCATE, always NUL-terminated; -1 when
 *                            cut; when it does not fit otherwise, as swprintf_s.
 *   wsprintfW(buf, ...)      at most 1023 characters and a NUL (Windows' 1024 limit).
 *   _scwprintf(...)          len, nothing written.
 * Where MSVC would call the invalid-parameter handler (NULL format, NULL buffer), these return
 * -1 with errno EINVAL.
 */
#ifndef PRJSIM_WIN_MSVC_PRINTF_H
#define PRJSIM_WIN_MSVC_PRINTF_H

#ifdef __cplusplus
/* Declare the C++ library's std:: names first, so the redirects below apply after them. */
#include <cstdarg>
#include <cstdio>
#include <cwchar>
#else
#include <stdarg.h>
#include <stdio.h>
#include <wchar.h>
#endif

#include "basetypes.h"
#include "msvc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- The standard wide names, with MSVC's rules (reached through the macros below) -------- */

int prjsim_wprintf(const wchar_t *format, ...);
int prjsim_fwprintf(FILE *stream, const wchar_t *format, ...);
int prjsim_swprintf(wchar_t *buffer, size_t count, const wchar_t *format, ...);
int prjsim_vwprintf(const wchar_t *format, va_list argptr);
int prjsim_vfwprintf(FILE *stream, const wchar_t *format, va_list argptr);
int prjsim_vswprintf(wchar_t *buffer, size_t count, const wchar_t *format, va_list argptr);
/** fputws to a byte-oriented stream: the UTF-8 of @p str. Returns >= 0 or EOF. */
int prjsim_fputws(const wchar_t *str, FILE *stream);
/** fputwc to a byte-oriented stream: the UTF-8 of @p ch. Returns @p ch or WEOF. */
wint_t prjsim_fputwc(wchar_t ch, FILE *stream);
wint_t prjsim_putwc(wchar_t ch, FILE *stream);
wint_t prjsim_putwchar(wchar_t ch);

/* ---- MSVC's wide names -------------------------------------------------------------------- */

int __cdecl _snwprintf(wchar_t *buffer, size_t count, const wchar_t *format, ...);
int __cdecl _vsnwprintf(wchar_t *buffer, size_t count, const wchar_t *format, va_list argptr);
int __cdecl _snwprintf_s(wchar_t *buffer, size_t sizeOfBuffer, size_t count,
                         const wchar_t *format, ...);
int __cdecl _vsnwprintf_s(wchar_t *buffer, size_t sizeOfBuffer, size_t count,
                          const wchar_t *format, va_list argptr);
int __cdecl swprintf_s(wchar_t *buffer, size_t sizeOfBuffer, const wchar_t *format, ...);
int __cdecl vswprintf_s(wchar_t *buffer, size_t sizeOfBuffer, const wchar_t *format,
                        va_list argptr);
/** The legacy form without a size: the buffer must be large enough. */
int __cdecl _swprintf(wchar_t *buffer, const wchar_t *format, ...);
int __cdecl _vswprintf(wchar_t *buffer, const wchar_t *format, va_list argptr);
/** The number of characters the output needs, without the NUL. */
int __cdecl _scwprintf(const wchar_t *format, ...);
int __cdecl _vscwprintf(const wchar_t *format, va_list argptr);
int __cdecl wprintf_s(const wchar_t *format, ...);
int __cdecl fwprintf_s(FILE *stream, const wchar_t *format, ...);
int __cdecl vwprintf_s(const wchar_t *format, va_list argptr);
int __cdecl vfwprintf_s(FILE *stream, const wchar_t *format, va_list argptr);
/** Writes @p str and a newline to stdout (as UTF-8). */
int __cdecl _putws(const wchar_t *str);
wint_t __cdecl _putwch(wchar_t ch);

/* ---- MSVC's narrow names ------------------------------------------------------------------ */

int __cdecl printf_s(const char *format, ...);
int __cdecl fprintf_s(FILE *stream, const char *format, ...);
int __cdecl vprintf_s(const char *format, va_list argptr);
int __cdecl vfprintf_s(FILE *stream, const char *format, va_list argptr);
int __cdecl sprintf_s(char *buffer, size_t sizeOfBuffer, const char *format, ...);
int __cdecl vsprintf_s(char *buffer, size_t sizeOfBuffer, const char *format, va_list argptr);
int __cdecl _snprintf(char *buffer, size_t count, const char *format, ...);
int __cdecl _vsnprintf(char *buffer, size_t count, const char *format, va_list argptr);
int __cdecl _snprintf_s(char *buffer, size_t sizeOfBuffer, size_t count, const char *format, ...);
int __cdecl _vsnprintf_s(char *buffer, size_t sizeOfBuffer, size_t count, const char *format,
                         va_list argptr);
int __cdecl _scprintf(const char *format, ...);
int __cdecl _vscprintf(const char *format, va_list argptr);

/* ---- User32's formatters ------------------------------------------------------------------ */

int WINAPIV wsprintfW(LPWSTR buffer, LPCWSTR format, ...);
int WINAPIV wsprintfA(LPSTR buffer, LPCSTR format, ...);
int WINAPI wvsprintfW(LPWSTR buffer, LPCWSTR format, va_list arglist);
int WINAPI wvsprintfA(LPSTR buffer, LPCSTR format, va_list arglist);

#ifdef UNICODE
#define wsprintf wsprintfW
#define wvsprintf wvsprintfW
#else
#define wsprintf wsprintfA
#define wvsprintf wvsprintfA
#endif

#ifdef __cplusplus
} /* extern "C" */

extern "C++" {
/* MSVC's legacy C++ overloads without a count (deprecated there, still compiled). */
inline int prjsim_swprintf(wchar_t *buffer, const wchar_t *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = _vswprintf(buffer, format, ap);
    va_end(ap);
    return n;
}
inline int prjsim_vswprintf(wchar_t *buffer, const wchar_t *format, va_list argptr)
{
    return _vswprintf(buffer, format, argptr);
}
/* MSVC's overloads that infer the buffer size from an array. */
template <size_t N> inline int swprintf_s(wchar_t (&buffer)[N], const wchar_t *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vswprintf_s(buffer, N, format, ap);
    va_end(ap);
    return n;
}
template <size_t N>
inline int vswprintf_s(wchar_t (&buffer)[N], const wchar_t *format, va_list argptr)
{
    return vswprintf_s(buffer, N, format, argptr);
}
template <size_t N>
inline int _snwprintf_s(wchar_t (&buffer)[N], size_t count, const wchar_t *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = _vsnwprintf_s(buffer, N, count, format, ap);
    va_end(ap);
    return n;
}
template <size_t N>
inline int _vsnwprintf_s(wchar_t (&buffer)[N], size_t count, const wchar_t *format, va_list argptr)
{
    return _vsnwprintf_s(buffer, N, count, format, argptr);
}
template <size_t N> inline int sprintf_s(char (&buffer)[N], const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vsprintf_s(buffer, N, format, ap);
    va_end(ap);
    return n;
}
template <size_t N> inline int vsprintf_s(char (&buffer)[N], const char *format, va_list argptr)
{
    return vsprintf_s(buffer, N, format, argptr);
}
template <size_t N>
inline int _snprintf_s(char (&buffer)[N], size_t count, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = _vsnprintf_s(buffer, N, count, format, ap);
    va_end(ap);
    return n;
}
}
#endif /* __cplusplus */

/* ---- The redirects ------------------------------------------------------------------------ */

#ifndef PRJSIM_NO_MSVC_WPRINTF
#undef wprintf
#undef fwprintf
#undef swprintf
#undef vwprintf
#undef vfwprintf
#undef vswprintf
#undef fputws
#undef fputwc
#undef putwc
#undef putwchar
#define wprintf prjsim_wprintf
#define fwprintf prjsim_fwprintf
#define swprintf prjsim_swprintf
#define vwprintf prjsim_vwprintf
#define vfwprintf prjsim_vfwprintf
#define vswprintf prjsim_vswprintf
#define fputws prjsim_fputws
#define fputwc prjsim_fputwc
#define putwc prjsim_putwc
#define putwchar prjsim_putwchar

#ifdef __cplusplus
/* So that std::wprintf(...) and `using std::swprintf;` reach the same functions. */
namespace std {
using ::prjsim_fputwc;
using ::prjsim_fputws;
using ::prjsim_fwprintf;
using ::prjsim_putwc;
using ::prjsim_putwchar;
using ::prjsim_swprintf;
using ::prjsim_vfwprintf;
using ::prjsim_vswprintf;
using ::prjsim_vwprintf;
using ::prjsim_wprintf;
} // namespace std
#endif
#endif /* PRJSIM_NO_MSVC_WPRINTF */

#endif /* PRJSIM_WIN_MSVC_PRINTF_H */
