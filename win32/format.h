/* SPDX-License-Identifier: MIT */
/*
 * The printf engine with Microsoft's rules (see prjsim_win/msvc_printf.h for the rules
 * themselves). One engine formats both narrow and wide format strings; the output has the
 * format's character type. Used by wprintf.c (the printf family), strsafe.c and lstr.c.
 */
#ifndef PRJSIM_WIN32_FORMAT_H
#define PRJSIM_WIN32_FORMAT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* A growable output buffer of char or wchar_t units, NUL-terminated once formatted. */
typedef struct prjsim__fmtbuf {
    bool wide;
    bool oom;
    size_t len; /* units written */
    size_t cap; /* units the storage holds, NUL slot included */
    void *data; /* local.n / local.w, or heap storage */
    union {
        char n[512];
        wchar_t w[128];
    } local;
} prjsim__fmtbuf;

void prjsim__fmtbuf_init(prjsim__fmtbuf *b, bool wide);
void prjsim__fmtbuf_free(prjsim__fmtbuf *b);

/*
 * Formats @p fmt (const char * or const wchar_t *, matching b->wide) into @p b, which the
 * caller initialised. Returns the length in units, or -1 with errno EINVAL (a conversion MSVC
 * rejects: %n, an unknown type, a format ending inside a conversion) or ENOMEM.
 */
int prjsim__vformat(prjsim__fmtbuf *b, const void *fmt, va_list ap);

#endif /* PRJSIM_WIN32_FORMAT_H */
