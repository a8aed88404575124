/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/wcrt.h: the parts of Microsoft's C runtime that glibc lacks: case-insensitive
 * comparison, the bounds-checked *_s string functions, number conversions, and the file
 * openers that take wide names. (The MSVC printf family is in msvc_printf.h.)
 *
 * All are implemented in libprjsim (win32/crt.c, win32/crtfile.c) with MSVC's documented
 * results. Differences from MSVC (see DEVIATIONS.md, "Wide CRT"):
 *   - Case folding follows MSVC's default "C" locale: only the ASCII letters A-Z/a-z fold.
 *   - Where MSVC calls the invalid-parameter handler (which by default ends the process), these
 *     functions behave as MSVC does once a handler returns: they set errno, clear the
 *     destination where MSVC does, and return the error code. Nothing is terminated.
 *   - Wide strings are UTF-32 here; narrow strings (file names, %S arguments) are UTF-8.
 *
 * In C++ the secure functions also have MSVC's template overloads that take an array and
 * infer its size: wcscpy_s(buffer, L"text") with `wchar_t buffer[64]`.
 */
#ifndef PRJSIM_WIN_WCRT_H
#define PRJSIM_WIN_WCRT_H

#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#include "basetypes.h"
#include "msvc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Comparison and case ------------------------------------------------------------------ */

/** Compares case-insensitively (ASCII letters fold to lower case first, as MSVC does). */
int __cdecl _wcsicmp(const wchar_t *string1, const wchar_t *string2);
int __cdecl _wcsnicmp(const wchar_t *string1, const wchar_t *string2, size_t count);
int __cdecl _stricmp(const char *string1, const char *string2);
int __cdecl _strnicmp(const char *string1, const char *string2, size_t count);
#define _strcmpi _stricmp
#define _wcsicoll _wcsicmp
#define _wcsnicoll _wcsnicmp
#define _stricoll _stricmp

/** A malloc'd copy (free it with free); NULL for NULL or when memory runs out. */
wchar_t *__cdecl _wcsdup(const wchar_t *strSource);
char *__cdecl _strdup(const char *strSource);

/** Lower-/upper-cases ASCII letters in place; returns the string. */
wchar_t *__cdecl _wcslwr(wchar_t *str);
wchar_t *__cdecl _wcsupr(wchar_t *str);
char *__cdecl _strlwr(char *str);
char *__cdecl _strupr(char *str);
/** As above; EINVAL for NULL or a string not terminated within @p numberOfElements. */
errno_t __cdecl _wcslwr_s(wchar_t *str, size_t numberOfElements);
errno_t __cdecl _wcsupr_s(wchar_t *str, size_t numberOfElements);
errno_t __cdecl _strlwr_s(char *str, size_t numberOfElements);
errno_t __cdecl _strupr_s(char *str, size_t numberOfElements);
/** Reverses a string in place. */
wchar_t *__cdecl _wcsrev(wchar_t *str);
char *__cdecl _strrev(char *str);

/* ---- Bounds-checked copies ---------------------------------------------------------------- */

/*
 * All return 0 or an errno value: EINVAL when @p dest is NULL or @p destsz is 0 (nothing is
 * written), or when @p src is NULL (dest[0] is set to 0); ERANGE when the result does not fit
 * (dest[0] is set to 0). The n-forms (wcsncpy_s, strncat_s...) take a count of characters to copy at most; a
 * count of _TRUNCATE copies what fits, terminates, and returns STRUNCATE if it cut the string.
 */
errno_t __cdecl wcscpy_s(wchar_t *dest, rsize_t destsz, const wchar_t *src);
errno_t __cdecl wcsncpy_s(wchar_t *dest, rsize_t destsz, const wchar_t *src, rsize_t count);
errno_t __cdecl wcscat_s(wchar_t *dest, rsize_t destsz, const wchar_t *src);
errno_t __cdecl wcsncat_s(wchar_t *dest, rsize_t destsz, const wchar_t *src, rsize_t count);
errno_t __cdecl strcpy_s(char *dest, rsize_t destsz, const char *src);
errno_t __cdecl strncpy_s(char *dest, rsize_t destsz, const char *src, rsize_t count);
errno_t __cdecl strcat_s(char *dest, rsize_t destsz, const char *src);
errno_t __cdecl strncat_s(char *dest, rsize_t destsz, const char *src, rsize_t count);
/**
 * Copies @p count bytes. EINVAL for a NULL dest (nothing written) or a NULL src (dest zeroed);
 * ERANGE when @p count exceeds @p destsz (dest zeroed).
 */
errno_t __cdecl memcpy_s(void *dest, rsize_t destsz, const void *src, rsize_t count);
errno_t __cdecl memmove_s(void *dest, rsize_t destsz, const void *src, rsize_t count);
errno_t __cdecl wmemcpy_s(wchar_t *dest, rsize_t destsz, const wchar_t *src, rsize_t count);
errno_t __cdecl wmemmove_s(wchar_t *dest, rsize_t destsz, const wchar_t *src, rsize_t count);
/** Length, at most @p maxsize; 0 for NULL. */
size_t __cdecl wcsnlen_s(const wchar_t *str, size_t maxsize);
size_t __cdecl strnlen_s(const char *str, size_t maxsize);
/** Re-entrant tokenisers (the C11 wcstok and POSIX strtok_r under MSVC's names). */
wchar_t *__cdecl wcstok_s(wchar_t *str, const wchar_t *delimiters, wchar_t **context);
char *__cdecl strtok_s(char *str, const char *delimiters, char **context);

/*
 * Conversions between UTF-8 and wide strings with the secure signature. @p count is the number
 * of characters to convert at most, or _TRUNCATE. *pReturnValue receives the characters
 * written including the terminator. Invalid input: EILSEQ.
 */
errno_t __cdecl mbstowcs_s(size_t *pReturnValue, wchar_t *wcstr, size_t sizeInWords,
                           const char *mbstr, size_t count);
errno_t __cdecl wcstombs_s(size_t *pReturnValue, char *mbstr, size_t sizeInBytes,
                           const wchar_t *wcstr, size_t count);

/* ---- Numbers ------------------------------------------------------------------------------ */

/** Number to text in @p radix (2-36), lower-case digits; negative only in radix 10. */
wchar_t *__cdecl _itow(int value, wchar_t *buffer, int radix);
wchar_t *__cdecl _ltow(long value, wchar_t *buffer, int radix);
wchar_t *__cdecl _ultow(unsigned long value, wchar_t *buffer, int radix);
wchar_t *__cdecl _i64tow(__int64 value, wchar_t *buffer, int radix);
wchar_t *__cdecl _ui64tow(unsigned __int64 value, wchar_t *buffer, int radix);
char *__cdecl _itoa(int value, char *buffer, int radix);
char *__cdecl _ltoa(long value, char *buffer, int radix);
char *__cdecl _ultoa(unsigned long value, char *buffer, int radix);
char *__cdecl _i64toa(__int64 value, char *buffer, int radix);
char *__cdecl _ui64toa(unsigned __int64 value, char *buffer, int radix);
/** As above; EINVAL for a NULL buffer, size 0 or a bad radix, ERANGE when it does not fit. */
errno_t __cdecl _itow_s(int value, wchar_t *buffer, size_t size, int radix);
errno_t __cdecl _i64tow_s(__int64 value, wchar_t *buffer, size_t size, int radix);
errno_t __cdecl _ui64tow_s(unsigned __int64 value, wchar_t *buffer, size_t size, int radix);
errno_t __cdecl _itoa_s(int value, char *buffer, size_t size, int radix);
errno_t __cdecl _i64toa_s(__int64 value, char *buffer, size_t size, int radix);
errno_t __cdecl _ui64toa_s(unsigned __int64 value, char *buffer, size_t size, int radix);

/**
 * Text to number (leading white space, a sign, decimal digits). _wtoi and _wtol saturate at
 * the 32-bit limits as on Windows, where long is 32 bits.
 */
int __cdecl _wtoi(const wchar_t *str);
long __cdecl _wtol(const wchar_t *str);
__int64 __cdecl _wtoi64(const wchar_t *str);
__int64 __cdecl _atoi64(const char *str);
double __cdecl _wtof(const wchar_t *str);
__int64 __cdecl _wcstoi64(const wchar_t *str, wchar_t **endptr, int base);
unsigned __int64 __cdecl _wcstoui64(const wchar_t *str, wchar_t **endptr, int base);
__int64 __cdecl _strtoi64(const char *str, char **endptr, int base);
unsigned __int64 __cdecl _strtoui64(const char *str, char **endptr, int base);

/* ---- Files with wide names ---------------------------------------------------------------- */

/**
 * Opens a file named by a Windows path (drive letters, `\`) through the Win32 file API, so a
 * path inside a virtualization root reaches the simulator as on Windows. @p mode is fopen's
 * ("r", "w+", "ab"...); MSVC's extra letters t, b, c, n, N, S, R, T, D and ",ccs=..." are
 * accepted (text and binary are the same on Linux). NULL with errno set on failure.
 */
FILE *__cdecl _wfopen(const wchar_t *filename, const wchar_t *mode);
/** As _wfopen; returns 0 or the errno value, *pFile NULL on failure. EINVAL for NULL args. */
errno_t __cdecl _wfopen_s(FILE **pFile, const wchar_t *filename, const wchar_t *mode);
/** fopen with a Windows path in UTF-8, like _wfopen. */
errno_t __cdecl fopen_s(FILE **pFile, const char *filename, const char *mode);
/** Returns the file descriptor (POSIX fileno under MSVC's name). */
int __cdecl _fileno(FILE *stream);

#ifdef __cplusplus
} /* extern "C" */

/* MSVC's C++ overloads that infer the destination size from an array. */
extern "C++" {
template <size_t N> inline errno_t wcscpy_s(wchar_t (&dest)[N], const wchar_t *src)
{
    return wcscpy_s(dest, N, src);
}
template <size_t N> inline errno_t wcsncpy_s(wchar_t (&dest)[N], const wchar_t *src, size_t count)
{
    return wcsncpy_s(dest, N, src, count);
}
template <size_t N> inline errno_t wcscat_s(wchar_t (&dest)[N], const wchar_t *src)
{
    return wcscat_s(dest, N, src);
}
template <size_t N> inline errno_t wcsncat_s(wchar_t (&dest)[N], const wchar_t *src, size_t count)
{
    return wcsncat_s(dest, N, src, count);
}
template <size_t N> inline errno_t strcpy_s(char (&dest)[N], const char *src)
{
    return strcpy_s(dest, N, src);
}
template <size_t N> inline errno_t strncpy_s(char (&dest)[N], const char *src, size_t count)
{
    return strncpy_s(dest, N, src, count);
}
template <size_t N> inline errno_t strcat_s(char (&dest)[N], const char *src)
{
    return strcat_s(dest, N, src);
}
template <size_t N> inline errno_t strncat_s(char (&dest)[N], const char *src, size_t count)
{
    return strncat_s(dest, N, src, count);
}
template <size_t N> inline errno_t _wcslwr_s(wchar_t (&str)[N])
{
    return _wcslwr_s(str, N);
}
template <size_t N> inline errno_t _wcsupr_s(wchar_t (&str)[N])
{
    return _wcsupr_s(str, N);
}
template <size_t N> inline errno_t _strlwr_s(char (&str)[N])
{
    return _strlwr_s(str, N);
}
template <size_t N> inline errno_t _strupr_s(char (&str)[N])
{
    return _strupr_s(str, N);
}
template <size_t N> inline errno_t _itow_s(int value, wchar_t (&buffer)[N], int radix)
{
    return _itow_s(value, buffer, N, radix);
}
template <size_t N> inline errno_t _itoa_s(int value, char (&buffer)[N], int radix)
{
    return _itoa_s(value, buffer, N, radix);
}
template <size_t N>
inline errno_t mbstowcs_s(size_t *pReturnValue, wchar_t (&wcstr)[N], const char *mbstr, size_t count)
{
    return mbstowcs_s(pReturnValue, wcstr, N, mbstr, count);
}
template <size_t N>
inline errno_t wcstombs_s(size_t *pReturnValue, char (&mbstr)[N], const wchar_t *wcstr, size_t count)
{
    return wcstombs_s(pReturnValue, mbstr, N, wcstr, count);
}
}
#endif /* __cplusplus */

#endif /* PRJSIM_WIN_WCRT_H */
