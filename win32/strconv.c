/* SPDX-License-Identifier: MIT */
/*
 * Text conversion: MultiByteToWideChar, WideCharToMultiByte and the code page queries, on one
 * UTF-8 decoder and encoder that the rest of the Win32 layer shares (utf.h).
 */
#include "utf.h"

#include <windows.h>

#include <stdlib.h>
#include <string.h>

/* ---- The codec ---- */

size_t prjsim__utf8_decode(const unsigned char *s, size_t n, uint32_t *cp, bool *valid)
{
    unsigned char b0 = s[0];
    *valid = false;
    *cp = PRJSIM__UTF_REPLACEMENT;
    if (b0 < 0x80) {
        *cp = b0;
        *valid = true;
        return 1;
    }
    size_t need;
    uint32_t value;
    unsigned char lo = 0x80, hi = 0xBF; /* the range of the second byte */
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        value = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        value = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0; /* no overlong forms */
        else if (b0 == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        value = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90; /* no overlong forms */
        else if (b0 == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        return 1; /* a continuation byte or a byte that never starts a sequence */
    }
    for (size_t i = 1; i <= need; i++) {
        if (i >= n)
            return i;
        unsigned char b = s[i];
        unsigned char min = i == 1 ? lo : 0x80, max = i == 1 ? hi : 0xBF;
        if (b < min || b > max)
            return i;
        value = (value << 6) | (b & 0x3F);
    }
    *cp = value;
    *valid = true;
    return need + 1;
}

size_t prjsim__wide_next(const wchar_t *s, size_t n, uint32_t *cp, bool *valid)
{
    uint32_t c = (uint32_t)s[0];
    if (c >= 0xD800 && c <= 0xDBFF && n > 1) {
        uint32_t d = (uint32_t)s[1];
        if (d >= 0xDC00 && d <= 0xDFFF) {
            *cp = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
            *valid = true;
            return 2;
        }
    }
    if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
        *cp = PRJSIM__UTF_REPLACEMENT;
        *valid = false;
        return 1;
    }
    *cp = c;
    *valid = true;
    return 1;
}

size_t prjsim__utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

char *prjsim__utf8_from_wide(const wchar_t *s, size_t n, size_t *out_len)
{
    if (n > (SIZE_MAX - 1) / 4)
        return NULL;
    char *out = malloc(n * 4 + 1);
    if (!out)
        return NULL;
    size_t len = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        bool valid;
        i += prjsim__wide_next(s + i, n - i, &cp, &valid);
        len += prjsim__utf8_encode(cp, out + len);
    }
    out[len] = 0;
    if (out_len)
        *out_len = len;
    return out;
}

wchar_t *prjsim__wide_from_utf8(const char *s, size_t n, size_t *out_len)
{
    if (n > SIZE_MAX / sizeof(wchar_t) - 1)
        return NULL;
    wchar_t *out = malloc((n + 1) * sizeof(wchar_t));
    if (!out)
        return NULL;
    size_t len = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        bool valid;
        i += prjsim__utf8_decode((const unsigned char *)s + i, n - i, &cp, &valid);
        out[len++] = (wchar_t)cp;
    }
    out[len] = 0;
    if (out_len)
        *out_len = len;
    return out;
}

/* ---- Code pages ---- */

/* Every code page we accept is UTF-8; the "ANSI" ones merely accept more flags. */
static bool is_ansi(UINT cp)
{
    return cp == CP_ACP || cp == CP_OEMCP || cp == CP_THREAD_ACP;
}

UINT WINAPI GetACP(void)
{
    return CP_UTF8;
}

UINT WINAPI GetOEMCP(void)
{
    return CP_UTF8;
}

BOOL WINAPI IsValidCodePage(UINT CodePage)
{
    return CodePage == CP_UTF8;
}

static int fail(DWORD error)
{
    SetLastError(error);
    return 0;
}

int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCCH lpMultiByteStr,
                               int cbMultiByte, LPWSTR lpWideCharStr, int cchWideChar)
{
    if (CodePage != CP_UTF8 && !is_ansi(CodePage))
        return fail(ERROR_INVALID_PARAMETER);
    if (!lpMultiByteStr || cbMultiByte == 0 || cbMultiByte < -1 || cchWideChar < 0 ||
        (cchWideChar > 0 && !lpWideCharStr) ||
        (lpWideCharStr && (const void *)lpWideCharStr == (const void *)lpMultiByteStr))
        return fail(ERROR_INVALID_PARAMETER);
    DWORD allowed = MB_ERR_INVALID_CHARS;
    if (is_ansi(CodePage)) {
        allowed |= MB_PRECOMPOSED | MB_COMPOSITE | MB_USEGLYPHCHARS;
        if ((dwFlags & MB_PRECOMPOSED) && (dwFlags & MB_COMPOSITE))
            return fail(ERROR_INVALID_FLAGS);
    }
    if (dwFlags & ~allowed)
        return fail(ERROR_INVALID_FLAGS);

    size_t n = cbMultiByte == -1 ? strlen(lpMultiByteStr) + 1 : (size_t)cbMultiByte;
    const unsigned char *s = (const unsigned char *)lpMultiByteStr;
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        bool valid;
        i += prjsim__utf8_decode(s + i, n - i, &cp, &valid);
        if (!valid && (dwFlags & MB_ERR_INVALID_CHARS))
            return fail(ERROR_NO_UNICODE_TRANSLATION);
        if (cchWideChar > 0) {
            if (count >= (size_t)cchWideChar)
                return fail(ERROR_INSUFFICIENT_BUFFER);
            lpWideCharStr[count] = (WCHAR)cp;
        }
        if (++count > INT32_MAX)
            return fail(ERROR_INVALID_PARAMETER);
    }
    return (int)count;
}

int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWCH lpWideCharStr,
                               int cchWideChar, LPSTR lpMultiByteStr, int cbMultiByte,
                               LPCCH lpDefaultChar, LPBOOL lpUsedDefaultChar)
{
    bool ansi = is_ansi(CodePage);
    if (CodePage != CP_UTF8 && !ansi)
        return fail(ERROR_INVALID_PARAMETER);
    if (!lpWideCharStr || cchWideChar == 0 || cchWideChar < -1 || cbMultiByte < 0 ||
        (cbMultiByte > 0 && !lpMultiByteStr) ||
        (lpMultiByteStr && (const void *)lpMultiByteStr == (const void *)lpWideCharStr))
        return fail(ERROR_INVALID_PARAMETER);
    if (!ansi && (lpDefaultChar || lpUsedDefaultChar))
        return fail(ERROR_INVALID_PARAMETER);
    DWORD allowed = WC_ERR_INVALID_CHARS;
    if (ansi)
        allowed |= WC_COMPOSITECHECK | WC_DISCARDNS | WC_SEPCHARS | WC_DEFAULTCHAR |
                   WC_NO_BEST_FIT_CHARS;
    if (dwFlags & ~allowed)
        return fail(ERROR_INVALID_FLAGS);

    size_t n = cchWideChar == -1 ? wcslen(lpWideCharStr) + 1 : (size_t)cchWideChar;
    char defchar = lpDefaultChar ? lpDefaultChar[0] : '?';
    BOOL used_default = FALSE;
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        bool valid;
        char bytes[4];
        size_t len;
        i += prjsim__wide_next(lpWideCharStr + i, n - i, &cp, &valid);
        if (!valid && (dwFlags & WC_ERR_INVALID_CHARS))
            return fail(ERROR_NO_UNICODE_TRANSLATION);
        if (!valid && ansi) {
            bytes[0] = defchar;
            len = 1;
            used_default = TRUE;
        } else {
            len = prjsim__utf8_encode(cp, bytes);
        }
        if (cbMultiByte > 0) {
            if (count + len > (size_t)cbMultiByte)
                return fail(ERROR_INSUFFICIENT_BUFFER);
            memcpy(lpMultiByteStr + count, bytes, len);
        }
        count += len;
        if (count > INT32_MAX)
            return fail(ERROR_INVALID_PARAMETER);
    }
    if (lpUsedDefaultChar)
        *lpUsedDefaultChar = used_default;
    return (int)count;
}
