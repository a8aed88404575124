/* SPDX-License-Identifier: MIT */
/*
 * The secure CRT names of prjsim_win/crt_secure.h.
 */
/* qsort_r and the GNU strerror_r: the library is built with _GNU_SOURCE. */
#include <windows.h>

#include "utf.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *__cdecl gets_s(char *buffer, size_t size)
{
    if (!buffer || !size) {
        errno = EINVAL;
        return NULL;
    }
    size_t n = 0;
    int c;
    bool any = false, overflow = false;
    while ((c = getchar()) != EOF) {
        any = true;
        if (c == '\n')
            break;
        if (n + 1 < size)
            buffer[n++] = (char)c;
        else
            overflow = true;
    }
    buffer[n] = 0;
    if (overflow) {
        buffer[0] = 0;
        errno = ERANGE;
        return NULL;
    }
    return any ? buffer : NULL;
}

wchar_t *__cdecl _getws_s(wchar_t *buffer, size_t size)
{
    if (!buffer || !size) {
        errno = EINVAL;
        return NULL;
    }
    char line[4096];
    size_t n = 0;
    int c;
    bool any = false;
    while ((c = getchar()) != EOF) {
        any = true;
        if (c == '\n')
            break;
        if (n + 1 < sizeof line)
            line[n++] = (char)c;
    }
    size_t len;
    wchar_t *w = any ? prjsim__wide_from_utf8(line, n, &len) : NULL;
    if (!w) {
        buffer[0] = 0;
        return NULL;
    }
    if (len + 1 > size) {
        free(w);
        buffer[0] = 0;
        errno = ERANGE;
        return NULL;
    }
    memcpy(buffer, w, (len + 1) * sizeof *w);
    free(w);
    return buffer;
}

errno_t __cdecl getenv_s(size_t *ret, char *buffer, size_t size, const char *name)
{
    if (!ret || !name || (!buffer && size)) {
        if (buffer && size)
            buffer[0] = 0;
        return EINVAL;
    }
    const char *v = getenv(name);
    if (!v) {
        *ret = 0;
        if (buffer && size)
            buffer[0] = 0;
        return 0;
    }
    *ret = strlen(v) + 1;
    if (!buffer)
        return 0;
    if (*ret > size) {
        if (size)
            buffer[0] = 0;
        return ERANGE;
    }
    memcpy(buffer, v, *ret);
    return 0;
}

/* The UTF-8 name of a wide variable name, malloc'd. */
static char *narrow_name(const wchar_t *name)
{
    return name ? prjsim__utf8_from_wide(name, wcslen(name), NULL) : NULL;
}

static wchar_t *wide_value(const char *v, size_t *len)
{
    return v ? prjsim__wide_from_utf8(v, strlen(v), len) : NULL;
}

errno_t __cdecl _wgetenv_s(size_t *ret, wchar_t *buffer, size_t size, const wchar_t *name)
{
    if (!ret || !name || (!buffer && size))
        return EINVAL;
    char *n = narrow_name(name);
    size_t len = 0;
    wchar_t *w = wide_value(n ? getenv(n) : NULL, &len);
    free(n);
    if (!w) {
        *ret = 0;
        if (buffer && size)
            buffer[0] = 0;
        return 0;
    }
    *ret = len + 1;
    errno_t rc = 0;
    if (buffer && *ret > size) {
        if (size)
            buffer[0] = 0;
        rc = ERANGE;
    } else if (buffer) {
        memcpy(buffer, w, (len + 1) * sizeof *w);
    }
    free(w);
    return rc;
}

errno_t __cdecl _dupenv_s(char **buffer, size_t *count, const char *name)
{
    if (!buffer || !name)
        return EINVAL;
    const char *v = getenv(name);
    *buffer = NULL;
    if (count)
        *count = 0;
    if (!v)
        return 0;
    *buffer = strdup(v);
    if (!*buffer)
        return ENOMEM;
    if (count)
        *count = strlen(v) + 1;
    return 0;
}

errno_t __cdecl _wdupenv_s(wchar_t **buffer, size_t *count, const wchar_t *name)
{
    if (!buffer || !name)
        return EINVAL;
    char *n = narrow_name(name);
    size_t len = 0;
    *buffer = wide_value(n ? getenv(n) : NULL, &len);
    free(n);
    if (count)
        *count = *buffer ? len + 1 : 0;
    return 0;
}

/* _wgetenv's results: kept for the life of the process, as MSVC's wide environment is. */
struct kept {
    struct kept *next;
    wchar_t *value;
};
static struct kept *kept_values;
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;

wchar_t *__cdecl _wgetenv(const wchar_t *name)
{
    char *n = narrow_name(name);
    wchar_t *w = wide_value(n ? getenv(n) : NULL, NULL);
    free(n);
    if (!w)
        return NULL;
    pthread_mutex_lock(&kept_lock);
    for (struct kept *k = kept_values; k; k = k->next) {
        if (!wcscmp(k->value, w)) {
            free(w);
            pthread_mutex_unlock(&kept_lock);
            return k->value;
        }
    }
    struct kept *k = malloc(sizeof *k);
    if (k) {
        k->value = w;
        k->next = kept_values;
        kept_values = k;
    } else {
        free(w);
        w = NULL;
    }
    pthread_mutex_unlock(&kept_lock);
    return w;
}

errno_t __cdecl strerror_s(char *buffer, size_t size, int errnum)
{
    if (!buffer || !size)
        return EINVAL;
    char tmp[256];
    const char *msg = strerror_r(errnum, tmp, sizeof tmp);
    snprintf(buffer, size, "%s", msg);
    return 0;
}

errno_t __cdecl _wcserror_s(wchar_t *buffer, size_t size, int errnum)
{
    if (!buffer || !size)
        return EINVAL;
    char tmp[256];
    const char *msg = strerror_r(errnum, tmp, sizeof tmp);
    swprintf(buffer, size, L"%hs", msg);
    return 0;
}

errno_t __cdecl localtime_s(struct tm *tm, const time_t *t)
{
    if (!tm)
        return EINVAL;
    if (!t || !localtime_r(t, tm)) {
        memset(tm, 0xff, sizeof *tm);
        return EINVAL;
    }
    return 0;
}

errno_t __cdecl gmtime_s(struct tm *tm, const time_t *t)
{
    if (!tm)
        return EINVAL;
    if (!t || !gmtime_r(t, tm)) {
        memset(tm, 0xff, sizeof *tm);
        return EINVAL;
    }
    return 0;
}

struct qsort_context {
    int (*compare)(void *, const void *, const void *);
    void *context;
};

static int qsort_adapter(const void *a, const void *b, void *arg)
{
    struct qsort_context *q = arg;
    return q->compare(q->context, a, b);
}

void __cdecl qsort_s(void *base, size_t number, size_t width,
                     int(__cdecl *compare)(void *context, const void *a, const void *b),
                     void *context)
{
    if (!compare || (!base && number) || !width)
        return;
    struct qsort_context q = {compare, context};
    qsort_r(base, number, width, qsort_adapter, &q);
}

/* ---- Time as text ---- */

errno_t __cdecl asctime_s(char *buffer, size_t size, const struct tm *tm)
{
    if (!buffer || !size)
        return EINVAL;
    buffer[0] = 0;
    if (!tm || tm->tm_mon < 0 || tm->tm_mon > 11 || tm->tm_wday < 0 || tm->tm_wday > 6 ||
        tm->tm_year < 0 || tm->tm_year > 8099)
        return EINVAL;
    if (size < 26)
        return ERANGE;
    static const char days[] = "SunMonTueWedThuFriSat", months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    snprintf(buffer, size, "%.3s %.3s %02d %02d:%02d:%02d %04d\n", days + 3 * tm->tm_wday,
             months + 3 * tm->tm_mon, tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec,
             tm->tm_year + 1900);
    return 0;
}

errno_t __cdecl ctime_s(char *buffer, size_t size, const time_t *t)
{
    struct tm tm;
    if (!buffer || !size)
        return EINVAL;
    if (!t || !localtime_r(t, &tm)) {
        buffer[0] = 0;
        return EINVAL;
    }
    return asctime_s(buffer, size, &tm);
}

/* The narrow text of a time call, widened into @p buffer. */
static errno_t widen_time(errno_t rc, const char *text, wchar_t *buffer, size_t size)
{
    if (rc == 0)
        for (size_t i = 0; i < size; i++)
            if ((buffer[i] = (unsigned char)text[i]) == 0)
                break;
    return rc;
}

errno_t __cdecl _wasctime_s(wchar_t *buffer, size_t size, const struct tm *tm)
{
    char text[32];
    if (!buffer || !size)
        return EINVAL;
    buffer[0] = 0;
    return widen_time(asctime_s(text, size < sizeof text ? size : sizeof text, tm), text, buffer,
                      size);
}

errno_t __cdecl _wctime_s(wchar_t *buffer, size_t size, const time_t *t)
{
    char text[32];
    if (!buffer || !size)
        return EINVAL;
    buffer[0] = 0;
    return widen_time(ctime_s(text, size < sizeof text ? size : sizeof text, t), text, buffer, size);
}

/* ---- Paths: one body for char and wchar_t ---- */

#define SPLITPATH_BODY(CH, LEN)                                                                  \
    if (!path || (!drive && dsize) || (drive && !dsize) || (!dir && dirsize) ||                  \
        (dir && !dirsize) || (!fname && fsize) || (fname && !fsize) || (!ext && esize) ||         \
        (ext && !esize)) {                                                                       \
        if (drive && dsize)                                                                      \
            drive[0] = 0;                                                                        \
        if (dir && dirsize)                                                                      \
            dir[0] = 0;                                                                          \
        if (fname && fsize)                                                                      \
            fname[0] = 0;                                                                        \
        if (ext && esize)                                                                        \
            ext[0] = 0;                                                                          \
        return EINVAL;                                                                           \
    }                                                                                            \
    const CH *p = path;                                                                          \
    size_t dlen = (p[0] && p[1] == ':') ? 2 : 0;                                                 \
    const CH *rest = p + dlen, *last_sep = NULL, *last_dot = NULL;                               \
    for (const CH *q = rest; *q; q++)                                                            \
        if (*q == '\\' || *q == '/')                                                           \
            last_sep = q;                                                                        \
    const CH *name = last_sep ? last_sep + 1 : rest;                                             \
    for (const CH *q = name; *q; q++)                                                            \
        if (*q == '.')                                                                           \
            last_dot = q;                                                                        \
    size_t dirlen = (size_t)(name - rest);                                                       \
    size_t namelen = last_dot ? (size_t)(last_dot - name) : LEN(name);                           \
    size_t extlen = last_dot ? LEN(last_dot) : 0;                                                \
    if ((drive && dlen >= dsize) || (dir && dirlen >= dirsize) || (fname && namelen >= fsize) || \
        (ext && extlen >= esize)) {                                                              \
        if (drive)                                                                               \
            drive[0] = 0;                                                                        \
        if (dir)                                                                                 \
            dir[0] = 0;                                                                          \
        if (fname)                                                                               \
            fname[0] = 0;                                                                        \
        if (ext)                                                                                 \
            ext[0] = 0;                                                                          \
        return ERANGE;                                                                           \
    }                                                                                            \
    if (drive) {                                                                                 \
        memcpy(drive, p, dlen * sizeof(CH));                                                     \
        drive[dlen] = 0;                                                                         \
    }                                                                                            \
    if (dir) {                                                                                   \
        memcpy(dir, rest, dirlen * sizeof(CH));                                                  \
        dir[dirlen] = 0;                                                                         \
    }                                                                                            \
    if (fname) {                                                                                 \
        memcpy(fname, name, namelen * sizeof(CH));                                               \
        fname[namelen] = 0;                                                                      \
    }                                                                                            \
    if (ext) {                                                                                   \
        memcpy(ext, last_dot ? last_dot : name + namelen, extlen * sizeof(CH));                  \
        ext[extlen] = 0;                                                                         \
    }                                                                                            \
    return 0;

errno_t __cdecl _splitpath_s(const char *path, char *drive, size_t dsize, char *dir,
                             size_t dirsize, char *fname, size_t fsize, char *ext, size_t esize)
{
    SPLITPATH_BODY(char, strlen)
}

errno_t __cdecl _wsplitpath_s(const wchar_t *path, wchar_t *drive, size_t dsize, wchar_t *dir,
                              size_t dirsize, wchar_t *fname, size_t fsize, wchar_t *ext,
                              size_t esize)
{
    SPLITPATH_BODY(wchar_t, wcslen)
}

#define MAKEPATH_BODY(CH, LEN)                                                                   \
    if (!path || !size)                                                                          \
        return EINVAL;                                                                           \
    size_t n = 0;                                                                                \
    bool fits = true;                                                                            \
    CH sep[2] = {'\\', 0}, colon[2] = {':', 0}, dot[2] = {'.', 0};                             \
    const CH *parts[7] = {drive && *drive ? drive : NULL, NULL, dir && *dir ? dir : NULL, NULL,  \
                          fname && *fname ? fname : NULL, NULL, ext && *ext ? ext : NULL};      \
    if (parts[0] && (LEN(drive) < 2 || drive[1] != ':'))                                         \
        parts[1] = colon;                                                                        \
    if (parts[2] && dir[LEN(dir) - 1] != '\\' && dir[LEN(dir) - 1] != '/')                     \
        parts[3] = sep;                                                                          \
    if (parts[6] && ext[0] != '.')                                                               \
        parts[5] = dot;                                                                          \
    for (int i = 0; i < 7 && fits; i++) {                                                        \
        if (!parts[i])                                                                           \
            continue;                                                                            \
        /* Of a drive only the letter and its ':' count, as MSVC takes it. */                    \
        size_t len = (i == 0) ? (LEN(drive) >= 2 && drive[1] == ':' ? 2 : 1) : LEN(parts[i]);   \
        if (n + len >= size) {                                                                   \
            fits = false;                                                                        \
            break;                                                                               \
        }                                                                                        \
        memcpy(path + n, parts[i], len * sizeof(CH));                                            \
        n += len;                                                                                \
    }                                                                                            \
    path[fits ? n : 0] = 0;                                                                      \
    return fits ? 0 : ERANGE;

errno_t __cdecl _makepath_s(char *path, size_t size, const char *drive, const char *dir,
                            const char *fname, const char *ext)
{
    MAKEPATH_BODY(char, strlen)
}

errno_t __cdecl _wmakepath_s(wchar_t *path, size_t size, const wchar_t *drive, const wchar_t *dir,
                             const wchar_t *fname, const wchar_t *ext)
{
    MAKEPATH_BODY(wchar_t, wcslen)
}

/* ---- Windows longs (32 bits) as text ---- */

errno_t __cdecl _ltoa_s(int32_t value, char *buffer, size_t size, int radix)
{
    return _itoa_s((int)value, buffer, size, radix);
}

errno_t __cdecl _ltow_s(int32_t value, wchar_t *buffer, size_t size, int radix)
{
    return _itow_s((int)value, buffer, size, radix);
}

errno_t __cdecl _ultoa_s(uint32_t value, char *buffer, size_t size, int radix)
{
    return _ui64toa_s(value, buffer, size, radix);
}

errno_t __cdecl _ultow_s(uint32_t value, wchar_t *buffer, size_t size, int radix)
{
    return _ui64tow_s(value, buffer, size, radix);
}
