/* SPDX-License-Identifier: MIT */
/*
 * Windows path syntax: full paths as GetFullPathNameW builds them, the process's current
 * directory, and the UTF-8 conversions of the A functions.
 *
 * A full path is built lexically, nothing is looked up: the base (current directory, current
 * drive, or the drive named) followed by the caller's components, `/` read as `\`, `.` dropped,
 * `..` removing the previous component but never the drive, trailing dots and spaces of the
 * last component removed. A trailing separator is kept, as Windows keeps it.
 */
#include "files.h"
#include "utf.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static pthread_mutex_t cwd_lock = PTHREAD_MUTEX_INITIALIZER;
static WCHAR *cwd; /* "C:\dir" or "C:\"; NULL means "C:\" */

/* ---- UTF-8 ---- */

/* A path's character as UTF-8: one invalid on its own (a lone surrogate) becomes U+FFFD. */
static size_t encode(uint32_t c, char *out)
{
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        c = PRJSIM__UTF_REPLACEMENT;
    return prjsim__utf8_encode(c, out);
}

size_t prjsim__paths_utf8_len(const WCHAR *w)
{
    size_t n = 0;
    char tmp[4];
    for (; *w; w++)
        n += encode((uint32_t)*w, tmp);
    return n;
}

char *prjsim__paths_utf8(const WCHAR *w)
{
    if (!w)
        return NULL;
    char *s = malloc(prjsim__paths_utf8_len(w) + 1);
    if (!s)
        return NULL;
    size_t at = 0;
    for (; *w; w++)
        at += encode((uint32_t)*w, s + at);
    s[at] = 0;
    return s;
}

/* Decodes one UTF-8 sequence at s; returns its length (1 for an invalid byte, read as U+FFFD). */
static size_t decode(const unsigned char *s, uint32_t *c)
{
    unsigned char b = s[0];
    size_t n;
    uint32_t v, min;
    if (b < 0x80) {
        *c = b;
        return 1;
    } else if ((b & 0xE0) == 0xC0) {
        n = 2, v = b & 0x1F, min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
        n = 3, v = b & 0x0F, min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
        n = 4, v = b & 0x07, min = 0x10000;
    } else {
        *c = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *c = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        v = 0xFFFD;
    *c = v;
    return n;
}

WCHAR *prjsim__paths_wide(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    WCHAR *w = malloc((n + 1) * sizeof(WCHAR));
    if (!w)
        return NULL;
    size_t at = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t c;
        p += decode(p, &c);
        w[at++] = (WCHAR)c;
    }
    w[at] = 0;
    return w;
}

/* ---- full paths ---- */

static bool is_sep(WCHAR c)
{
    return c == L'\\' || c == L'/';
}

static bool is_drive(const WCHAR *p)
{
    WCHAR c = p[0] | 0x20;
    return c >= L'a' && c <= L'z' && p[1] == L':';
}

static WCHAR upcase_ascii(WCHAR c)
{
    return c >= L'a' && c <= L'z' ? (WCHAR)(c - 0x20) : c;
}

typedef struct wbuf {
    WCHAR *s;
    size_t len, cap;
    bool oom;
} wbuf;

static void put(wbuf *b, const WCHAR *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        WCHAR *grown = realloc(b->s, cap * sizeof(WCHAR));
        if (!grown) {
            b->oom = true;
            return;
        }
        b->s = grown;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n * sizeof(WCHAR));
    b->len += n;
    b->s[b->len] = 0;
}

/*
 * Appends the components of @p s, each as "\name", folding `.` and `..`; nothing at or before
 * @p keep is ever removed.
 */
static void append_components(wbuf *b, size_t keep, const WCHAR *s)
{
    size_t i = 0, n = wcslen(s);
    while (i < n) {
        while (i < n && is_sep(s[i]))
            i++;
        size_t start = i;
        while (i < n && !is_sep(s[i]))
            i++;
        size_t len = i - start;
        if (len == 0)
            break;
        if (len == 1 && s[start] == L'.')
            continue;
        if (len == 2 && s[start] == L'.' && s[start + 1] == L'.') {
            size_t j = b->len;
            while (j > keep && b->s[j - 1] != L'\\')
                j--;
            if (j > keep) {
                b->len = j - 1;
                b->s[b->len] = 0;
            }
            continue;
        }
        put(b, L"\\", 1);
        put(b, s + start, len);
    }
}

/* The last component of the caller's spelling is `.` or `..` (nothing is trimmed then). */
static bool ends_in_dots(const WCHAR *s)
{
    size_t n = wcslen(s);
    size_t end = n;
    size_t start = end;
    while (start > 0 && !is_sep(s[start - 1]))
        start--;
    size_t len = end - start;
    return (len == 1 && s[start] == L'.') || (len == 2 && s[start] == L'.' && s[start + 1] == L'.');
}

WCHAR *prjsim__paths_full(PCWSTR path, DWORD *err)
{
    if (!path) {
        *err = ERROR_INVALID_PARAMETER;
        return NULL;
    }
    if (!path[0]) {
        *err = ERROR_PATH_NOT_FOUND;
        return NULL;
    }
    size_t n = wcslen(path);
    /* Verbatim and device paths are passed through as Windows passes \\?\ paths. */
    if (n >= 4 && is_sep(path[0]) && is_sep(path[1]) && (path[2] == L'?' || path[2] == L'.') &&
        is_sep(path[3])) {
        WCHAR *dup = wcsdup(path);
        if (!dup)
            *err = ERROR_NOT_ENOUGH_MEMORY;
        return dup;
    }
    bool trailing = is_sep(path[n - 1]);
    wbuf b = {0};
    size_t keep = 2;
    const WCHAR *rest = path;
    if (is_sep(path[0]) && is_sep(path[1])) {
        /* UNC: \\server\share is the part `..` never leaves. */
        put(&b, L"\\\\", 2);
        const WCHAR *p = path + 2;
        for (int part = 0; part < 2 && *p; part++) {
            const WCHAR *start = p;
            while (*p && !is_sep(*p))
                p++;
            if (part)
                put(&b, L"\\", 1);
            put(&b, start, (size_t)(p - start));
            while (is_sep(*p))
                p++;
        }
        keep = b.len;
        rest = p;
    } else if (is_drive(path) && is_sep(path[2])) {
        put(&b, path, 2);
        rest = path + 2;
    } else {
        pthread_mutex_lock(&cwd_lock);
        const WCHAR *cur = cwd ? cwd : L"C:\\";
        if (is_drive(path)) {
            /* "X:name": relative to the current directory if it is on X:, else to X:\. */
            if (upcase_ascii(cur[0]) == upcase_ascii(path[0]))
                put(&b, cur, wcslen(cur));
            else
                put(&b, path, 2);
            rest = path + 2;
        } else if (is_sep(path[0])) {
            put(&b, cur, 2); /* "\name": on the current drive */
        } else {
            put(&b, cur, wcslen(cur));
        }
        pthread_mutex_unlock(&cwd_lock);
        if (!b.oom && b.len > 2 && b.s[b.len - 1] == L'\\')
            b.s[--b.len] = 0; /* the base is kept as "C:" + "\name"... */
    }
    append_components(&b, keep, rest);
    if (!b.oom && !trailing && !ends_in_dots(path) && b.len > keep) {
        /* Trailing dots and spaces of the last component are dropped. */
        size_t start = b.len;
        while (start > keep && b.s[start - 1] != L'\\')
            start--;
        size_t end = b.len;
        while (end > start && (b.s[end - 1] == L'.' || b.s[end - 1] == L' '))
            end--;
        if (end == start) {
            b.len = start - 1;
            trailing = true;
        } else {
            b.len = end;
        }
        b.s[b.len] = 0;
    }
    if (b.len == 2 && keep == 2)
        put(&b, L"\\", 1); /* "C:" is "C:\" */
    else if (trailing && b.len > keep)
        put(&b, L"\\", 1);
    if (b.oom) {
        free(b.s);
        *err = ERROR_NOT_ENOUGH_MEMORY;
        return NULL;
    }
    return b.s;
}

DWORD WINAPI GetFullPathNameW(LPCWSTR lpFileName, DWORD nBufferLength, LPWSTR lpBuffer,
                              LPWSTR *lpFilePart)
{
    DWORD err;
    WCHAR *full = prjsim__paths_full(lpFileName, &err);
    if (!full) {
        SetLastError(err);
        return 0;
    }
    size_t len = wcslen(full);
    if (!lpBuffer || len + 1 > nBufferLength) {
        free(full);
        return (DWORD)(len + 1);
    }
    memcpy(lpBuffer, full, (len + 1) * sizeof(WCHAR));
    free(full);
    if (lpFilePart) {
        WCHAR *sep = wcsrchr(lpBuffer, L'\\');
        *lpFilePart = !sep || sep[1] == 0 ? NULL : sep + 1;
    }
    return (DWORD)len;
}

/* Copies UTF-8 @p s into a caller's buffer with the A functions' size rules. */
static DWORD give_utf8(const char *s, DWORD size, LPSTR buf)
{
    size_t len = strlen(s);
    if (!buf || len + 1 > size)
        return (DWORD)(len + 1);
    memcpy(buf, s, len + 1);
    return (DWORD)len;
}

DWORD WINAPI GetFullPathNameA(LPCSTR lpFileName, DWORD nBufferLength, LPSTR lpBuffer,
                              LPSTR *lpFilePart)
{
    if (!lpFileName) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    WCHAR *w = prjsim__paths_wide(lpFileName);
    DWORD err = ERROR_NOT_ENOUGH_MEMORY;
    WCHAR *full = w ? prjsim__paths_full(w, &err) : NULL;
    free(w);
    char *u = prjsim__paths_utf8(full);
    free(full);
    if (!u) {
        SetLastError(err);
        return 0;
    }
    DWORD r = give_utf8(u, nBufferLength, lpBuffer);
    if (r < nBufferLength && lpBuffer && lpFilePart) {
        char *sep = strrchr(lpBuffer, '\\');
        *lpFilePart = !sep || sep[1] == 0 ? NULL : sep + 1;
    }
    free(u);
    return r;
}

/* ---- the current directory ---- */

DWORD WINAPI GetCurrentDirectoryW(DWORD nBufferLength, LPWSTR lpBuffer)
{
    pthread_mutex_lock(&cwd_lock);
    const WCHAR *cur = cwd ? cwd : L"C:\\";
    size_t len = wcslen(cur);
    DWORD r = (DWORD)len + 1;
    if (lpBuffer && len + 1 <= nBufferLength) {
        memcpy(lpBuffer, cur, (len + 1) * sizeof(WCHAR));
        r = (DWORD)len;
    }
    pthread_mutex_unlock(&cwd_lock);
    return r;
}

DWORD WINAPI GetCurrentDirectoryA(DWORD nBufferLength, LPSTR lpBuffer)
{
    pthread_mutex_lock(&cwd_lock);
    char *u = prjsim__paths_utf8(cwd ? cwd : L"C:\\");
    pthread_mutex_unlock(&cwd_lock);
    if (!u) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    DWORD r = give_utf8(u, nBufferLength, lpBuffer);
    free(u);
    return r;
}

BOOL WINAPI SetCurrentDirectoryW(LPCWSTR lpPathName)
{
    prjsim__fpath fp;
    DWORD err = prjsim__files_resolve(&fp, lpPathName, 0);
    if (err) {
        SetLastError(err);
        return FALSE;
    }
    prjsim__fstat st;
    err = prjsim__files_backend_of(&fp)->stat(&fp, &st);
    if (!err && !(st.attributes & FILE_ATTRIBUTE_DIRECTORY))
        err = ERROR_DIRECTORY;
    if (err) {
        prjsim__files_fpath_free(&fp);
        SetLastError(err);
        return FALSE;
    }
    pthread_mutex_lock(&cwd_lock);
    free(cwd);
    cwd = fp.win;
    fp.win = NULL;
    pthread_mutex_unlock(&cwd_lock);
    prjsim__files_fpath_free(&fp);
    return TRUE;
}

BOOL WINAPI SetCurrentDirectoryA(LPCSTR lpPathName)
{
    if (!lpPathName) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR *w = prjsim__paths_wide(lpPathName);
    if (!w) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    BOOL ok = SetCurrentDirectoryW(w);
    free(w);
    return ok;
}
