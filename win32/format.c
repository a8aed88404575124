/* SPDX-License-Identifier: MIT */
/*
 * The printf engine with Microsoft's rules. Strings and characters are handled here (their
 * type depends on the format's width and the size prefix, as in MSVC); numbers are rendered by
 * the C library's snprintf with a rebuilt, standard conversion specification, so flags,
 * widths and precisions behave as C specifies.
 */
#include "format.h"

#include "utf.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- The output buffer ---- */

void prjsim__fmtbuf_init(prjsim__fmtbuf *b, bool wide)
{
    b->wide = wide;
    b->oom = false;
    b->len = 0;
    b->data = &b->local;
    b->cap = wide ? sizeof b->local.w / sizeof b->local.w[0] : sizeof b->local.n;
}

void prjsim__fmtbuf_free(prjsim__fmtbuf *b)
{
    if (b->data != &b->local)
        free(b->data);
    prjsim__fmtbuf_init(b, b->wide);
}

static bool reserve(prjsim__fmtbuf *b, size_t extra)
{
    if (b->oom)
        return false;
    size_t unit = b->wide ? sizeof(wchar_t) : 1;
    if (extra > SIZE_MAX / unit - b->len - 1) {
        b->oom = true;
        return false;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap;
    while (cap < need)
        cap = cap > SIZE_MAX / unit / 2 ? need : cap * 2;
    void *p;
    if (b->data == &b->local) {
        p = malloc(cap * unit);
        if (p)
            memcpy(p, b->data, b->len * unit);
    } else {
        p = realloc(b->data, cap * unit);
    }
    if (!p) {
        b->oom = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

/* Appends @p count copies of the ASCII character @p c. */
static void put_repeat(prjsim__fmtbuf *b, char c, size_t count)
{
    if (!count || !reserve(b, count))
        return;
    if (b->wide) {
        wchar_t *w = (wchar_t *)b->data + b->len;
        for (size_t i = 0; i < count; i++)
            w[i] = (wchar_t)c;
    } else {
        memset((char *)b->data + b->len, c, count);
    }
    b->len += count;
}

/* Appends @p n units of the buffer's own type. */
static void put_same(prjsim__fmtbuf *b, const void *s, size_t n)
{
    if (!n || !reserve(b, n))
        return;
    size_t unit = b->wide ? sizeof(wchar_t) : 1;
    memcpy((char *)b->data + b->len * unit, s, n * unit);
    b->len += n;
}

/* Appends narrow text (ASCII, from snprintf), widening it if needed. */
static void put_ascii(prjsim__fmtbuf *b, const char *s, size_t n)
{
    if (!b->wide) {
        put_same(b, s, n);
        return;
    }
    if (!n || !reserve(b, n))
        return;
    wchar_t *w = (wchar_t *)b->data + b->len;
    for (size_t i = 0; i < n; i++)
        w[i] = (wchar_t)(unsigned char)s[i];
    b->len += n;
}

/* Appends one character given as a code point, encoding it for a narrow buffer. */
static void put_cp(prjsim__fmtbuf *b, uint32_t cp)
{
    if (b->wide) {
        wchar_t w = (wchar_t)cp;
        put_same(b, &w, 1);
    } else {
        char bytes[4];
        put_same(b, bytes, prjsim__utf8_encode(cp, bytes));
    }
}

/* ---- Conversion specifications ---- */

enum size {
    SZ_NONE,
    SZ_HH,
    SZ_H,
    SZ_L,   /* l: 32 bits for integers (Windows' long), wide for c/s */
    SZ_LL,  /* ll, I64, L with integers */
    SZ_I32,
    SZ_PTR, /* I, z, t, j: 64 bits */
    SZ_LD,  /* L with floating point */
    SZ_W,   /* w: wide c/s */
};

typedef struct spec {
    bool left, plus, space, alt, zero;
    int width;     /* 0: none */
    int precision; /* -1: none */
    enum size size;
    wint_t type;
} spec;

/* Pads @p n units of converted text to the field width, before or after. */
static void pad_before(prjsim__fmtbuf *b, const spec *sp, size_t n)
{
    if (!sp->left && (size_t)sp->width > n)
        put_repeat(b, sp->zero ? '0' : ' ', (size_t)sp->width - n);
}

static void pad_after(prjsim__fmtbuf *b, const spec *sp, size_t n)
{
    if (sp->left && (size_t)sp->width > n)
        put_repeat(b, ' ', (size_t)sp->width - n);
}

/*
 * A string argument. Precision limits the characters taken from a string of the output's
 * own type, the bytes read from a narrow string going into wide output, and the bytes written
 * from a wide string going into narrow output (never splitting a character), as MSVC does.
 */
static void emit_string(prjsim__fmtbuf *b, const spec *sp, const void *arg, bool arg_wide)
{
    static const char null_text[] = "(null)";
    if (!arg) {
        size_t n = sizeof null_text - 1;
        if (sp->precision >= 0 && (size_t)sp->precision < n)
            n = (size_t)sp->precision;
        pad_before(b, sp, n);
        put_ascii(b, null_text, n);
        pad_after(b, sp, n);
        return;
    }
    if (arg_wide == b->wide) {
        size_t n;
        if (arg_wide)
            n = sp->precision >= 0 ? wcsnlen(arg, (size_t)sp->precision) : wcslen(arg);
        else
            n = sp->precision >= 0 ? strnlen(arg, (size_t)sp->precision) : strlen(arg);
        pad_before(b, sp, n);
        put_same(b, arg, n);
        pad_after(b, sp, n);
        return;
    }
    /* Convert into a scratch buffer of the output's type, then pad it like the above. */
    prjsim__fmtbuf tmp;
    prjsim__fmtbuf_init(&tmp, b->wide);
    if (!arg_wide) {
        const char *s = arg;
        size_t n = sp->precision >= 0 ? strnlen(s, (size_t)sp->precision) : strlen(s);
        for (size_t i = 0; i < n;) {
            uint32_t cp;
            bool valid;
            i += prjsim__utf8_decode((const unsigned char *)s + i, n - i, &cp, &valid);
            put_cp(&tmp, cp);
        }
    } else {
        const wchar_t *s = arg;
        size_t n = wcslen(s);
        for (size_t i = 0; i < n;) {
            uint32_t cp;
            bool valid;
            char bytes[4];
            size_t used = prjsim__wide_next(s + i, n - i, &cp, &valid);
            size_t len = prjsim__utf8_encode(cp, bytes);
            if (sp->precision >= 0 && tmp.len + len > (size_t)sp->precision)
                break;
            put_same(&tmp, bytes, len);
            i += used;
        }
    }
    if (tmp.oom)
        b->oom = true;
    pad_before(b, sp, tmp.len);
    put_same(b, tmp.data, tmp.len);
    pad_after(b, sp, tmp.len);
    prjsim__fmtbuf_free(&tmp);
}

/* A character argument: a wide one is a code point, a narrow one a byte (UTF-8 if below 0x80). */
static void emit_char(prjsim__fmtbuf *b, const spec *sp, unsigned value, bool arg_wide)
{
    prjsim__fmtbuf tmp;
    prjsim__fmtbuf_init(&tmp, b->wide);
    if (arg_wide) {
        uint32_t cp = (uint32_t)(wchar_t)value;
        if (!b->wide && ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF))
            cp = PRJSIM__UTF_REPLACEMENT;
        put_cp(&tmp, cp);
    } else {
        unsigned char byte = (unsigned char)value;
        if (b->wide)
            put_cp(&tmp, byte < 0x80 ? byte : PRJSIM__UTF_REPLACEMENT);
        else
            put_same(&tmp, &byte, 1);
    }
    pad_before(b, sp, tmp.len);
    put_same(b, tmp.data, tmp.len);
    pad_after(b, sp, tmp.len);
    prjsim__fmtbuf_free(&tmp);
}

/* Builds the standard specification "%<flags><width>.<precision><length><type>". */
static void build_spec(char *out, const spec *sp, const char *length, char type)
{
    char *p = out;
    *p++ = '%';
    if (sp->left)
        *p++ = '-';
    if (sp->plus)
        *p++ = '+';
    if (sp->space)
        *p++ = ' ';
    if (sp->alt)
        *p++ = '#';
    if (sp->zero)
        *p++ = '0';
    if (sp->width > 0)
        p += sprintf(p, "%d", sp->width);
    if (sp->precision >= 0)
        p += sprintf(p, ".%d", sp->precision);
    p += sprintf(p, "%s%c", length, type);
}

/* Runs snprintf with one argument, on the stack when it fits, and appends the result. */
#define RENDER(b, fmt, value)                                                   \
    do {                                                                        \
        char local_[128];                                                       \
        int n_ = snprintf(local_, sizeof local_, fmt, value);                   \
        if (n_ < 0) {                                                           \
            (b)->oom = true;                                                    \
        } else if ((size_t)n_ < sizeof local_) {                                \
            put_ascii(b, local_, (size_t)n_);                                   \
        } else {                                                                \
            char *heap_ = malloc((size_t)n_ + 1);                               \
            if (!heap_) {                                                       \
                (b)->oom = true;                                                \
            } else {                                                            \
                snprintf(heap_, (size_t)n_ + 1, fmt, value);                    \
                put_ascii(b, heap_, (size_t)n_);                                \
                free(heap_);                                                    \
            }                                                                   \
        }                                                                       \
    } while (0)

/* ---- The engine ---- */

int prjsim__vformat(prjsim__fmtbuf *b, const void *fmtv, va_list ap)
{
    const bool wide = b->wide;
    const char *fn = fmtv;
    const wchar_t *fw = fmtv;
#define FC(k) (wide ? (wint_t)fw[k] : (wint_t)(unsigned char)fn[k])
    size_t i = 0;
    for (;;) {
        wint_t c = FC(i);
        if (c == 0)
            break;
        if (c != '%') {
            size_t start = i;
            while (FC(i) != 0 && FC(i) != '%')
                i++;
            put_same(b, wide ? (const void *)(fw + start) : (const void *)(fn + start), i - start);
            continue;
        }
        i++;
        if (FC(i) == '%') {
            put_repeat(b, '%', 1);
            i++;
            continue;
        }

        spec sp = {0};
        sp.precision = -1;
        for (;; i++) {
            c = FC(i);
            if (c == '-')
                sp.left = true;
            else if (c == '+')
                sp.plus = true;
            else if (c == ' ')
                sp.space = true;
            else if (c == '#')
                sp.alt = true;
            else if (c == '0')
                sp.zero = true;
            else
                break;
        }
        if (FC(i) == '*') {
            int w = va_arg(ap, int);
            i++;
            if (w < 0) {
                sp.left = true;
                w = w == INT_MIN ? INT_MAX : -w;
            }
            sp.width = w;
        } else {
            while (FC(i) >= '0' && FC(i) <= '9') {
                if (sp.width > (INT_MAX - 9) / 10)
                    goto invalid;
                sp.width = sp.width * 10 + (int)(FC(i) - '0');
                i++;
            }
        }
        if (FC(i) == '.') {
            i++;
            if (FC(i) == '*') {
                int p = va_arg(ap, int);
                i++;
                sp.precision = p < 0 ? -1 : p;
            } else {
                sp.precision = 0;
                while (FC(i) >= '0' && FC(i) <= '9') {
                    if (sp.precision > (INT_MAX - 9) / 10)
                        goto invalid;
                    sp.precision = sp.precision * 10 + (int)(FC(i) - '0');
                    i++;
                }
            }
        }
        c = FC(i);
        if (c == 'h') {
            i++;
            sp.size = SZ_H;
            if (FC(i) == 'h') {
                i++;
                sp.size = SZ_HH;
            }
        } else if (c == 'l') {
            i++;
            sp.size = SZ_L;
            if (FC(i) == 'l') {
                i++;
                sp.size = SZ_LL;
            }
        } else if (c == 'L') {
            i++;
            sp.size = SZ_LD;
        } else if (c == 'w') {
            i++;
            sp.size = SZ_W;
        } else if (c == 'I') {
            i++;
            if (FC(i) == '6' && FC(i + 1) == '4') {
                i += 2;
                sp.size = SZ_LL;
            } else if (FC(i) == '3' && FC(i + 1) == '2') {
                i += 2;
                sp.size = SZ_I32;
            } else {
                sp.size = SZ_PTR;
            }
        } else if (c == 'z' || c == 't' || c == 'j') {
            i++;
            sp.size = SZ_PTR;
        }
        sp.type = FC(i);
        if (sp.type == 0)
            goto invalid;
        i++;

        char conv[48];
        switch (sp.type) {
        case 'd':
        case 'i': {
            long long v;
            switch (sp.size) {
            case SZ_HH: v = (signed char)va_arg(ap, int); break;
            case SZ_H: v = (short)va_arg(ap, int); break;
            case SZ_LL:
            case SZ_LD: v = va_arg(ap, long long); break;
            case SZ_PTR: v = (long long)va_arg(ap, intptr_t); break;
            default: v = va_arg(ap, int); break;
            }
            build_spec(conv, &sp, "ll", (char)sp.type);
            RENDER(b, conv, v);
            break;
        }
        case 'o':
        case 'u':
        case 'x':
        case 'X': {
            unsigned long long v;
            switch (sp.size) {
            case SZ_HH: v = (unsigned char)va_arg(ap, unsigned); break;
            case SZ_H: v = (unsigned short)va_arg(ap, unsigned); break;
            case SZ_LL:
            case SZ_LD: v = va_arg(ap, unsigned long long); break;
            case SZ_PTR: v = (unsigned long long)va_arg(ap, uintptr_t); break;
            default: v = va_arg(ap, unsigned); break;
            }
            build_spec(conv, &sp, "ll", (char)sp.type);
            RENDER(b, conv, v);
            break;
        }
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
        case 'a':
        case 'A':
            if (sp.size == SZ_LD) {
                long double v = va_arg(ap, long double);
                build_spec(conv, &sp, "L", (char)sp.type);
                RENDER(b, conv, v);
            } else {
                double v = va_arg(ap, double);
                build_spec(conv, &sp, "", (char)sp.type);
                RENDER(b, conv, v);
            }
            break;
        case 'p': {
            /* MSVC: the address as 16 upper-case hex digits, padded only to the width. */
            char digits[32];
            int n = snprintf(digits, sizeof digits, "%016llX",
                             (unsigned long long)(uintptr_t)va_arg(ap, void *));
            spec ps = sp;
            ps.zero = false;
            pad_before(b, &ps, (size_t)n);
            put_ascii(b, digits, (size_t)n);
            pad_after(b, &ps, (size_t)n);
            break;
        }
        case 'c':
        case 'C': {
            unsigned v = (unsigned)va_arg(ap, int);
            bool arg_wide = sp.size == SZ_L || sp.size == SZ_W || sp.size == SZ_LL   ? true
                            : sp.size == SZ_H || sp.size == SZ_HH ? false
                            : (sp.type == 'c') == wide;
            emit_char(b, &sp, v, arg_wide);
            break;
        }
        case 's':
        case 'S': {
            const void *v = va_arg(ap, const void *);
            bool arg_wide = sp.size == SZ_L || sp.size == SZ_W || sp.size == SZ_LL   ? true
                            : sp.size == SZ_H || sp.size == SZ_HH ? false
                            : (sp.type == 's') == wide;
            emit_string(b, &sp, v, arg_wide);
            break;
        }
        default:
            /* %n (refused by MSVC by default), %Z and anything unknown. */
            goto invalid;
        }
    }
#undef FC
    if (b->oom || !reserve(b, 0)) {
        errno = ENOMEM;
        return -1;
    }
    if (b->wide)
        ((wchar_t *)b->data)[b->len] = 0;
    else
        ((char *)b->data)[b->len] = 0;
    if (b->len > INT_MAX) {
        errno = EOVERFLOW;
        return -1;
    }
    return (int)b->len;

invalid:
    errno = EINVAL;
    return -1;
}
