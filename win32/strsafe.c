/* SPDX-License-Identifier: MIT */
/*
 * strsafe.h's functions, following the SDK's definitions: validate the destination size, copy
 * or format what fits, always terminate, and report truncation as
 * STRSAFE_E_INSUFFICIENT_BUFFER.
 */
#include <strsafe.h>


#include <stdbool.h>
#include <string.h>

/* ---- One implementation for both widths, on character counts ---- */

#define CCH_OK(cch) ((cch) != 0 && (cch) <= STRSAFE_MAX_CCH)

#define DEFINE_STRSAFE(SFX, T, NLEN, VSNPRINTF)                                                  \
    static HRESULT copy_##SFX(T *dest, size_t cch, const T *src, size_t max_copy)               \
    {                                                                                           \
        if (!CCH_OK(cch)) {                                                                     \
            if (cch && dest)                                                                    \
                dest[0] = 0;                                                                    \
            return STRSAFE_E_INVALID_PARAMETER;                                                 \
        }                                                                                       \
        static const T empty[1];                                                                \
        if (!src)                                                                               \
            src = empty;                                                                        \
        size_t i = 0;                                                                           \
        while (i < cch - 1 && i < max_copy && src[i]) {                                         \
            dest[i] = src[i];                                                                   \
            i++;                                                                                \
        }                                                                                       \
        dest[i] = 0;                                                                            \
        return i == cch - 1 && i < max_copy && src[i] ? STRSAFE_E_INSUFFICIENT_BUFFER : S_OK;   \
    }                                                                                           \
    static HRESULT cat_##SFX(T *dest, size_t cch, const T *src, size_t max_copy)                \
    {                                                                                           \
        if (!CCH_OK(cch))                                                                       \
            return STRSAFE_E_INVALID_PARAMETER;                                                 \
        size_t len = NLEN(dest, cch);                                                           \
        if (len == cch)                                                                         \
            return STRSAFE_E_INVALID_PARAMETER;                                                 \
        return copy_##SFX(dest + len, cch - len, src, max_copy);                                \
    }                                                                                           \
    static HRESULT vprintf_##SFX(T *dest, size_t cch, const T *format, va_list ap)              \
    {                                                                                           \
        if (!CCH_OK(cch)) {                                                                     \
            if (cch && dest)                                                                    \
                dest[0] = 0;                                                                    \
            return STRSAFE_E_INVALID_PARAMETER;                                                 \
        }                                                                                       \
        size_t max = cch - 1;                                                                   \
        int r = VSNPRINTF(dest, max, format, ap);                                               \
        if (r < 0 || (size_t)r > max) {                                                         \
            dest[max] = 0;                                                                      \
            return STRSAFE_E_INSUFFICIENT_BUFFER;                                               \
        }                                                                                       \
        dest[r] = 0;                                                                            \
        return S_OK;                                                                            \
    }                                                                                           \
    static HRESULT length_##SFX(const T *s, size_t cch_max, size_t *out)                        \
    {                                                                                           \
        size_t len = s && cch_max <= STRSAFE_MAX_CCH ? NLEN(s, cch_max) : cch_max;              \
        bool ok = s && cch_max <= STRSAFE_MAX_CCH && len < cch_max;                             \
        if (out)                                                                                \
            *out = ok ? len : 0;                                                                \
        return ok ? S_OK : STRSAFE_E_INVALID_PARAMETER;                                         \
    }

DEFINE_STRSAFE(w, wchar_t, wcsnlen, _vsnwprintf)
DEFINE_STRSAFE(a, char, strnlen, _vsnprintf)

/* ---- Cch ---- */

STRSAFEAPI StringCchCopyW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc)
{
    return copy_w(pszDest, cchDest, pszSrc, SIZE_MAX);
}

STRSAFEAPI StringCchCopyA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc)
{
    return copy_a(pszDest, cchDest, pszSrc, SIZE_MAX);
}

STRSAFEAPI StringCchCopyNW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc,
                           size_t cchToCopy)
{
    return copy_w(pszDest, cchDest, pszSrc, cchToCopy);
}

STRSAFEAPI StringCchCopyNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc,
                           size_t cchToCopy)
{
    return copy_a(pszDest, cchDest, pszSrc, cchToCopy);
}

STRSAFEAPI StringCchCatW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc)
{
    return cat_w(pszDest, cchDest, pszSrc, SIZE_MAX);
}

STRSAFEAPI StringCchCatA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc)
{
    return cat_a(pszDest, cchDest, pszSrc, SIZE_MAX);
}

STRSAFEAPI StringCchCatNW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc,
                          size_t cchToAppend)
{
    return cat_w(pszDest, cchDest, pszSrc, cchToAppend);
}

STRSAFEAPI StringCchCatNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc,
                          size_t cchToAppend)
{
    return cat_a(pszDest, cchDest, pszSrc, cchToAppend);
}

STRSAFEAPI StringCchVPrintfW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszFormat,
                             va_list argList)
{
    return vprintf_w(pszDest, cchDest, pszFormat, argList);
}

STRSAFEAPI StringCchVPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat,
                             va_list argList)
{
    return vprintf_a(pszDest, cchDest, pszFormat, argList);
}

STRSAFEAPI StringCchPrintfW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszFormat,
                            ...)
{
    va_list ap;
    va_start(ap, pszFormat);
    HRESULT hr = vprintf_w(pszDest, cchDest, pszFormat, ap);
    va_end(ap);
    return hr;
}

STRSAFEAPI StringCchPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat, ...)
{
    va_list ap;
    va_start(ap, pszFormat);
    HRESULT hr = vprintf_a(pszDest, cchDest, pszFormat, ap);
    va_end(ap);
    return hr;
}

STRSAFEAPI StringCchLengthW(STRSAFE_LPCWSTR psz, size_t cchMax, size_t *pcchLength)
{
    return length_w(psz, cchMax, pcchLength);
}

STRSAFEAPI StringCchLengthA(STRSAFE_LPCSTR psz, size_t cchMax, size_t *pcchLength)
{
    return length_a(psz, cchMax, pcchLength);
}

/* ---- Cb: the same on sizeof(WCHAR) units ---- */

#define CCH_W(cb) ((cb) / sizeof(wchar_t))

STRSAFEAPI StringCbCopyW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc)
{
    return copy_w(pszDest, CCH_W(cbDest), pszSrc, SIZE_MAX);
}

STRSAFEAPI StringCbCopyA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc)
{
    return copy_a(pszDest, cbDest, pszSrc, SIZE_MAX);
}

STRSAFEAPI StringCbCopyNW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc,
                          size_t cbToCopy)
{
    return copy_w(pszDest, CCH_W(cbDest), pszSrc, CCH_W(cbToCopy));
}

STRSAFEAPI StringCbCopyNA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc,
                          size_t cbToCopy)
{
    return copy_a(pszDest, cbDest, pszSrc, cbToCopy);
}

STRSAFEAPI StringCbCatW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc)
{
    return cat_w(pszDest, CCH_W(cbDest), pszSrc, SIZE_MAX);
}

STRSAFEAPI StringCbCatA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc)
{
    return cat_a(pszDest, cbDest, pszSrc, SIZE_MAX);
}

STRSAFEAPI StringCbVPrintfW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszFormat,
                            va_list argList)
{
    return vprintf_w(pszDest, CCH_W(cbDest), pszFormat, argList);
}

STRSAFEAPI StringCbVPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszFormat,
                            va_list argList)
{
    return vprintf_a(pszDest, cbDest, pszFormat, argList);
}

STRSAFEAPI StringCbPrintfW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszFormat, ...)
{
    va_list ap;
    va_start(ap, pszFormat);
    HRESULT hr = vprintf_w(pszDest, CCH_W(cbDest), pszFormat, ap);
    va_end(ap);
    return hr;
}

STRSAFEAPI StringCbPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszFormat, ...)
{
    va_list ap;
    va_start(ap, pszFormat);
    HRESULT hr = vprintf_a(pszDest, cbDest, pszFormat, ap);
    va_end(ap);
    return hr;
}

STRSAFEAPI StringCbLengthW(STRSAFE_LPCWSTR psz, size_t cbMax, size_t *pcbLength)
{
    size_t cch = 0;
    HRESULT hr = length_w(psz, CCH_W(cbMax), &cch);
    if (pcbLength)
        *pcbLength = cch * sizeof(wchar_t);
    return hr;
}

STRSAFEAPI StringCbLengthA(STRSAFE_LPCSTR psz, size_t cbMax, size_t *pcbLength)
{
    return length_a(psz, cbMax, pcbLength);
}
