/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/stringapiset.h: MultiByteToWideChar and WideCharToMultiByte, and the code page
 * queries.
 *
 * Wide strings are UTF-32 here (WCHAR is wchar_t), narrow ones UTF-8. CP_UTF8 converts between
 * the two; CP_ACP, CP_OEMCP and CP_THREAD_ACP name the "ANSI" code page, which is UTF-8 on
 * this platform (GetACP() returns CP_UTF8), so they convert the same way. Other code pages
 * fail with ERROR_INVALID_PARAMETER.
 *
 * Windows' rules kept: a length of -1 means NUL-terminated and the count returned includes the
 * NUL; an output size of 0 asks for the size needed; a too-small output gives 0 with
 * ERROR_INSUFFICIENT_BUFFER; invalid input is replaced by U+FFFD, or fails with
 * ERROR_NO_UNICODE_TRANSLATION under MB_ERR_INVALID_CHARS / WC_ERR_INVALID_CHARS. Counts are
 * in wchar_t units, so a character outside the BMP counts 1 here where Windows counts 2
 * (a UTF-16 surrogate pair found in a wide string is combined into one character).
 */
#ifndef PRJSIM_WIN_STRINGAPISET_H
#define PRJSIM_WIN_STRINGAPISET_H

#include "basetypes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Pointers to constant narrow characters (winnt.h's names). */
typedef const CHAR *LPCCH, *PCCH;

#define CP_ACP 0
#define CP_OEMCP 1
#define CP_MACCP 2
#define CP_THREAD_ACP 3
#define CP_SYMBOL 42
#define CP_UTF7 65000
#define CP_UTF8 65001

/* MultiByteToWideChar flags. */
#define MB_PRECOMPOSED 0x00000001
#define MB_COMPOSITE 0x00000002
#define MB_USEGLYPHCHARS 0x00000004
#define MB_ERR_INVALID_CHARS 0x00000008

/* WideCharToMultiByte flags. */
#define WC_COMPOSITECHECK 0x00000200
#define WC_DISCARDNS 0x00000010
#define WC_SEPCHARS 0x00000020
#define WC_DEFAULTCHAR 0x00000040
#define WC_ERR_INVALID_CHARS 0x00000080
#define WC_NO_BEST_FIT_CHARS 0x00000400

/**
 * Converts @p cbMultiByte bytes (-1: up to and including the NUL) of UTF-8 to wide characters.
 * @param dwFlags 0 or MB_ERR_INVALID_CHARS (for CP_ACP also MB_PRECOMPOSED, MB_COMPOSITE or
 *        MB_USEGLYPHCHARS, which change nothing); others give ERROR_INVALID_FLAGS.
 * @param cchWideChar the output size in characters; 0 returns the size needed.
 * @return the characters written (or needed), or 0 with the last error set:
 *         ERROR_INVALID_PARAMETER (NULL input, a length of 0 or below -1, a NULL output with a
 *         size, the same buffer for both, an unsupported code page), ERROR_INVALID_FLAGS,
 *         ERROR_INSUFFICIENT_BUFFER, ERROR_NO_UNICODE_TRANSLATION.
 */
int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCCH lpMultiByteStr,
                               int cbMultiByte, LPWSTR lpWideCharStr, int cchWideChar);

/**
 * Converts wide characters to UTF-8; the mirror of MultiByteToWideChar.
 * @param dwFlags 0 or WC_ERR_INVALID_CHARS for CP_UTF8; for CP_ACP the ANSI flags
 *        (WC_COMPOSITECHECK, WC_DEFAULTCHAR, ...) are accepted and change nothing.
 * @param lpDefaultChar, lpUsedDefaultChar must be NULL for CP_UTF8 (ERROR_INVALID_PARAMETER).
 *        For CP_ACP an invalid character becomes the default character (`?` when NULL) and
 *        *lpUsedDefaultChar says whether that happened; for CP_UTF8 it becomes U+FFFD.
 */
int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWCH lpWideCharStr,
                               int cchWideChar, LPSTR lpMultiByteStr, int cbMultiByte,
                               LPCCH lpDefaultChar, LPBOOL lpUsedDefaultChar);

/** The ANSI and OEM code pages: CP_UTF8 (65001) on this platform. */
UINT WINAPI GetACP(void);
UINT WINAPI GetOEMCP(void);
/** TRUE for the code pages the conversions above accept. */
BOOL WINAPI IsValidCodePage(UINT CodePage);

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_WIN_STRINGAPISET_H */
