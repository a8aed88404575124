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
