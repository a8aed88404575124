/* SPDX-License-Identifier: MIT */
/*
 * The `.reg` file reader (format: prjsim/registry.h). The text is decoded to wide characters,
 * parsed completely into a list of changes, and only then applied, so a malformed file
 * changes nothing and its first error is reported as "FILE:LINE: message".
 */
#include <windows.h>
#include <prjsim/registry.h>

#include "registry.h"
#include "utf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum op_kind { OP_KEY, OP_DELETE_KEY, OP_VALUE, OP_DELETE_VALUE };

struct op {
    enum op_kind kind;
    HKEY root;    /* OP_KEY, OP_DELETE_KEY */
    WCHAR *text;  /* the key path under root, or the value name */
    DWORD type;
    BYTE *data;
    DWORD size;
};

struct parser {
    const char *file;
    WCHAR **lines;
    size_t nlines, at; /* at: index of the next line to read */
    bool v5;           /* "Version 5.00": string data in hex(n) is UTF-16LE */
    struct op *ops;
    size_t nops, capops;
    char *error;
    size_t error_size;
};

static bool fail(struct parser *p, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(struct parser *p, size_t line, const char *fmt, ...)
{
    if (p->error && p->error_size) {
        int n = snprintf(p->error, p->error_size, "%s:%zu: ", p->file, line);
        if (n >= 0 && (size_t)n < p->error_size) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(p->error + n, p->error_size - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    return false;
}

/* ---- Decoding ---- */

/* The text as wide characters, NUL-terminated; NULL when memory runs out. */
static WCHAR *decode(const unsigned char *b, size_t n, size_t *len)
{
    bool le = false, be = false;
    if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
        le = true;
        b += 2, n -= 2;
    } else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
        be = true;
        b += 2, n -= 2;
    } else if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        b += 3, n -= 3;
    } else if (n >= 2 && b[0] != 0 && b[1] == 0) {
        le = true; /* UTF-16LE without its BOM */
    }
    if (!le && !be)
        return prjsim__wide_from_utf8((const char *)b, n, len);
    WCHAR *out = malloc((n / 2 + 1) * sizeof *out);
    size_t k = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i + 1 < n; i += 2) {
        unsigned u = le ? (unsigned)(b[i] | b[i + 1] << 8) : (unsigned)(b[i] << 8 | b[i + 1]);
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
            unsigned lo = le ? (unsigned)(b[i + 2] | b[i + 3] << 8)
                             : (unsigned)(b[i + 2] << 8 | b[i + 3]);
            if (lo >= 0xDC00 && lo < 0xE000) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        out[k++] = (WCHAR)u;
    }
    out[k] = 0;
    *len = k;
    return out;
}

/* Splits @p text in place at LF, CRLF and CR. */
static bool split_lines(struct parser *p, WCHAR *text, size_t len)
{
    size_t cap = 16;
    p->lines = malloc(cap * sizeof *p->lines);
    if (!p->lines)
        return false;
    WCHAR *start = text;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != L'\n' && text[i] != L'\r')
            continue;
        bool crlf = i < len && text[i] == L'\r' && i + 1 < len && text[i + 1] == L'\n';
        if (i == len && start == text + len && p->nlines)
            break; /* no empty line after the final line end */
        text[i] = 0;
        if (p->nlines == cap) {
            cap *= 2;
            WCHAR **l = realloc(p->lines, cap * sizeof *l);
            if (!l)
                return false;
            p->lines = l;
        }
        p->lines[p->nlines++] = start;
        if (crlf)
            i++;
        start = text + i + 1;
    }
    return true;
}

/* ---- Parsing ---- */

static WCHAR *skip_space(WCHAR *s)
{
    while (*s == L' ' || *s == L'\t')
        s++;
    return s;
}

static void trim_end(WCHAR *s)
{
    size_t n = wcslen(s);
    while (n && (s[n - 1] == L' ' || s[n - 1] == L'\t'))
        s[--n] = 0;
}

static struct op *add_op(struct parser *p, enum op_kind kind)
{
    if (p->nops == p->capops) {
        size_t cap = p->capops ? p->capops * 2 : 16;
        struct op *o = realloc(p->ops, cap * sizeof *o);
        if (!o)
            return NULL;
        p->ops = o;
        p->capops = cap;
    }
    struct op *o = &p->ops[p->nops++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    return o;
}

static WCHAR *wdup(const WCHAR *s, size_t n)
{
    WCHAR *d = malloc((n + 1) * sizeof *d);
    if (d) {
        memcpy(d, s, n * sizeof *d);
        d[n] = 0;
    }
    return d;
}

/* "[HKEY_...\path]" or "[-HKEY_...\path]" (@p s starts after the '['). */
static bool parse_key(struct parser *p, size_t line, WCHAR *s)
{
    trim_end(s);
    size_t n = wcslen(s);
    if (!n || s[n - 1] != L']')
        return fail(p, line, "key line without its closing ']'");
    s[--n] = 0;
    bool del = *s == L'-';
    if (del)
        s++;
    while (*s && s[wcslen(s) - 1] == L'\\')
        s[wcslen(s) - 1] = 0;
    WCHAR *slash = wcschr(s, L'\\');
    size_t rlen = slash ? (size_t)(slash - s) : wcslen(s);
    if (!rlen)
        return fail(p, line, "empty key name");
    HKEY root = prjsim__registry_root_named(s, rlen);
    if (!root) {
        char *name = prjsim__utf8_from_wide(s, rlen, NULL);
        fail(p, line, "unknown root key '%s' (HKEY_CLASSES_ROOT, HKEY_CURRENT_USER, "
                      "HKEY_LOCAL_MACHINE, HKEY_USERS or HKEY_CURRENT_CONFIG)",
             name ? name : "?");
        free(name);
        return false;
    }
    WCHAR *path = slash ? slash + 1 : s + rlen;
    for (WCHAR *c = path; *c;) {
        WCHAR *end = wcschr(c, L'\\');
        size_t len = end ? (size_t)(end - c) : wcslen(c);
        if (len == 0)
            return fail(p, line, "empty key name in the path (two backslashes)");
        if (len > 255)
            return fail(p, line, "key name longer than 255 characters");
        c += len + (end ? 1 : 0);
    }
    struct op *o = add_op(p, del ? OP_DELETE_KEY : OP_KEY);
    if (!o || !(o->text = wdup(path, wcslen(path))))
        return fail(p, line, "out of memory");
    o->root = root;
    return true;
}

/* A quoted string at *s (just after the opening quote): unescapes \\ and \" into @p out. */
static bool parse_quoted(struct parser *p, size_t line, WCHAR **s, WCHAR *out, size_t *len)
{
    WCHAR *c = *s;
    size_t n = 0;
    for (;; c++) {
        if (!*c)
            return fail(p, line, "string without its closing '\"'");
        if (*c == L'"')
            break;
        if (*c == L'\\') {
            c++;
            if (*c != L'\\' && *c != L'"')
                return fail(p, line, "unknown escape '\\%lc' in a string (only \\\\ and \\\")",
                            (wint_t)(*c ? *c : L' '));
        }
        out[n++] = *c;
    }
    out[n] = 0;
    *len = n;
    *s = c + 1;
    return true;
}

static int hex_digit(WCHAR c)
{
    if (c >= L'0' && c <= L'9')
        return c - L'0';
    if (c >= L'a' && c <= L'f')
        return c - L'a' + 10;
    if (c >= L'A' && c <= L'F')
        return c - L'A' + 10;
    return -1;
}

/* Reads a hex number of 1 to @p max digits at *s. */
static bool hex_number(WCHAR **s, unsigned max, DWORD *out)
{
    DWORD v = 0;
    unsigned n = 0;
    while (hex_digit(**s) >= 0) {
        if (++n > max)
            return false;
        v = v << 4 | (DWORD)hex_digit(**s);
        (*s)++;
    }
    *out = v;
    return n > 0;
}

/*
 * The comma-separated bytes from @p s on, following `\` continuations onto the next lines
 * (whose numbers advance *line).
 */
static bool parse_hex(struct parser *p, size_t *line, WCHAR *s, BYTE **data, DWORD *size)
{
    size_t cap = 64, n = 0;
    BYTE *b = malloc(cap);
    if (!b)
        return fail(p, *line, "out of memory");
    for (;;) {
        s = skip_space(s);
        if (!*s)
            break;
        if (*s == L'\\') {
            s = skip_space(s + 1);
            if (*s) {
                free(b);
                return fail(p, *line, "text after the line continuation '\\'");
            }
            if (p->at >= p->nlines) {
                free(b);
                return fail(p, *line, "the hex data continues past the end of the file");
            }
            *line = ++p->at;
            s = p->lines[p->at - 1];
            continue;
        }
        DWORD v;
        if (!hex_number(&s, 2, &v)) {
            free(b);
            return fail(p, *line, "bad hex byte in the value data (want two hex digits)");
        }
        if (n == cap) {
            BYTE *g = realloc(b, cap *= 2);
            if (!g) {
                free(b);
                return fail(p, *line, "out of memory");
            }
            b = g;
        }
        b[n++] = (BYTE)v;
        s = skip_space(s);
        if (*s == L',') {
            s++;
        } else if (*s && *s != L'\\') {
            free(b);
            return fail(p, *line, "expected ',' between hex bytes");
        }
    }
    *data = b;
    *size = (DWORD)n;
    return true;
}

/* Byte data of a string type as WCHAR data: UTF-16LE in version 5 files, else UTF-8. */
static bool string_bytes(struct parser *p, size_t line, BYTE **data, DWORD *size)
{
    size_t units;
    WCHAR *w;
    if (p->v5) {
        if (*size % 2)
            return fail(p, line, "odd number of bytes in UTF-16 string data");
        unsigned char *raw = *data;
        w = malloc((*size / 2 + 1) * sizeof *w);
        if (!w)
            return fail(p, line, "out of memory");
        units = 0;
        for (size_t i = 0; i + 1 < *size; i += 2) {
            unsigned u = (unsigned)(raw[i] | raw[i + 1] << 8);
            if (u >= 0xD800 && u < 0xDC00 && i + 3 < *size) {
                unsigned lo = (unsigned)(raw[i + 2] | raw[i + 3] << 8);
                if (lo >= 0xDC00 && lo < 0xE000) {
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    i += 2;
                }
            }
            w[units++] = (WCHAR)u;
        }
    } else {
        /* Piecewise, so the NULs between REG_MULTI_SZ strings survive. */
        w = malloc(((size_t)*size + 1) * sizeof *w);
        if (!w)
            return fail(p, line, "out of memory");
        units = 0;
        for (size_t i = 0; i < *size;) {
            uint32_t cp;
            bool valid;
            if ((*data)[i] == 0) {
                w[units++] = 0;
                i++;
                continue;
            }
            i += prjsim__utf8_decode(*data + i, *size - i, &cp, &valid);
            w[units++] = (WCHAR)cp;
        }
    }
    free(*data);
    *data = (BYTE *)w;
    *size = (DWORD)(units * sizeof *w);
    return true;
}

/* `"name"=data` or `@=data` (@p s at the '"' or '@'). */
static bool parse_value(struct parser *p, size_t line, WCHAR *s, bool in_key)
{
    if (!in_key)
        return fail(p, line, "value outside a key (a [HKEY_...] line must come first)");
    size_t cap = wcslen(s) + 1, nlen = 0;
    WCHAR *name = malloc(cap * sizeof *name);
    if (!name)
        return fail(p, line, "out of memory");
    if (*s == L'@') {
        name[0] = 0;
        s++;
    } else {
        s++;
        if (!parse_quoted(p, line, &s, name, &nlen)) {
            free(name);
            return false;
        }
    }
    s = skip_space(s);
    if (*s != L'=') {
        free(name);
        return fail(p, line, "expected '=' after the value name");
    }
    s = skip_space(s + 1);
    trim_end(s);
    struct op o = {OP_VALUE, NULL, name, REG_NONE, NULL, 0};
    bool ok = true;
    if (!wcscmp(s, L"-")) {
        o.kind = OP_DELETE_VALUE;
    } else if (*s == L'"') {
        WCHAR *str = malloc(cap * sizeof *str);
        size_t len = 0;
        s++;
        ok = str && parse_quoted(p, line, &s, str, &len);
        if (ok && *skip_space(s)) {
            ok = fail(p, line, "text after the closing '\"' of the string");
        }
        if (!ok) {
            free(str);
        } else {
            o.type = REG_SZ;
            o.data = (BYTE *)str;
            o.size = (DWORD)((len + 1) * sizeof *str);
        }
    } else if (!wcsncmp(s, L"dword:", 6)) {
        WCHAR *d = s + 6;
        DWORD v;
        if (!hex_number(&d, 8, &v) || *skip_space(d)) {
            ok = fail(p, line, "bad dword: want 1 to 8 hex digits");
        } else {
            o.type = REG_DWORD;
            o.data = malloc(4);
            o.size = 4;
            if (o.data)
                memcpy(o.data, &v, 4);
            else
                ok = fail(p, line, "out of memory");
        }
    } else if (!wcsncmp(s, L"hex", 3) && (s[3] == L':' || s[3] == L'(')) {
        WCHAR *h = s + 3;
        DWORD type = REG_BINARY;
        if (*h == L'(') {
            h++;
            if (!hex_number(&h, 8, &type) || *h != L')')
                ok = fail(p, line, "bad hex(TYPE): want hex(2), hex(7), hex(b), ...");
            else
                h++;
        }
        if (ok && *h != L':')
            ok = fail(p, line, "expected ':' after hex");
        size_t start = line;
        if (ok)
            ok = parse_hex(p, &line, h + 1, &o.data, &o.size);
        o.type = type;
        if (ok && (type == REG_SZ || type == REG_EXPAND_SZ || type == REG_MULTI_SZ))
            ok = string_bytes(p, start, &o.data, &o.size);
    } else {
        ok = fail(p, line, "unrecognised value data (want \"string\", dword:, hex:, hex(N): or -)");
    }
    if (!ok) {
        free(o.data);
        free(name);
        return false;
    }
    struct op *slot = add_op(p, o.kind);
    if (!slot) {
        free(o.data);
        free(name);
        return fail(p, line, "out of memory");
    }
    *slot = o;
    return true;
}

static bool parse(struct parser *p)
{
    /* The header: the first line that is not empty. */
    while (p->at < p->nlines && !*skip_space(p->lines[p->at]))
        p->at++;
    if (p->at >= p->nlines)
        return fail(p, 1, "empty file: expected \"Windows Registry Editor Version 5.00\"");
    WCHAR *head = skip_space(p->lines[p->at++]);
    trim_end(head);
    if (!wcscmp(head, L"Windows Registry Editor Version 5.00"))
        p->v5 = true;
    else if (wcscmp(head, L"REGEDIT4"))
        return fail(p, p->at, "not a .reg file: expected \"Windows Registry Editor Version "
                              "5.00\" or \"REGEDIT4\"");
    bool in_key = false;
    while (p->at < p->nlines) {
        size_t line = ++p->at;
        WCHAR *s = skip_space(p->lines[line - 1]);
        if (!*s || *s == L';')
            continue;
        if (*s == L'[') {
            if (!parse_key(p, line, s + 1))
                return false;
            in_key = p->ops[p->nops - 1].kind == OP_KEY;
        } else if (*s == L'"' || *s == L'@') {
            if (!parse_value(p, line, s, in_key))
                return false;
        } else {
            return fail(p, line, "expected a [key] line, a \"name\"= or @= value, or a ; comment");
        }
    }
    return true;
}

static void apply(struct parser *p)
{
    HKEY cur = NULL;
    for (size_t i = 0; i < p->nops; i++) {
        struct op *o = &p->ops[i];
        switch (o->kind) {
        case OP_KEY:
            if (cur)
                RegCloseKey(cur);
            cur = NULL;
            RegCreateKeyExW(o->root, o->text, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &cur, NULL);
            break;
        case OP_DELETE_KEY:
            if (cur)
                RegCloseKey(cur);
            cur = NULL;
            prjsim__registry_delete_tree(o->root, o->text);
            break;
        case OP_VALUE:
            if (cur)
                RegSetValueExW(cur, o->text, 0, o->type, o->data, o->size);
            break;
        case OP_DELETE_VALUE:
            if (cur)
                RegDeleteValueW(cur, o->text);
            break;
        }
    }
    if (cur)
        RegCloseKey(cur);
}

HRESULT prjsim_registry_load_text(const char *name, const void *data, size_t size,
                                  char *error, size_t error_size)
{
    struct parser p;
    memset(&p, 0, sizeof p);
    p.file = name ? name : "<registry>";
    p.error = error;
    p.error_size = error_size;
    if (error && error_size)
        error[0] = 0;
    size_t len = 0;
    WCHAR *text = decode(data, size, &len);
    bool ok = text && split_lines(&p, text, len);
    if (!ok)
        fail(&p, 1, "out of memory");
    else if ((ok = parse(&p)))
        apply(&p);
    for (size_t i = 0; i < p.nops; i++) {
        free(p.ops[i].text);
        free(p.ops[i].data);
    }
    free(p.ops);
    free(p.lines);
    free(text);
    return ok ? S_OK : E_INVALIDARG;
}

HRESULT prjsim_registry_load_file(const char *path, char *error, size_t error_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        if (error && error_size)
            snprintf(error, error_size, "%s: cannot read: %s", path, strerror(e));
        return HRESULT_FROM_WIN32(e == ENOENT ? ERROR_FILE_NOT_FOUND : ERROR_ACCESS_DENIED);
    }
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        unsigned char *g = realloc(buf, cap *= 2);
        if (!g) {
            free(buf);
            buf = NULL;
        } else {
            buf = g;
        }
    }
    bool bad = !buf || ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        if (error && error_size)
            snprintf(error, error_size, "%s: cannot read the file", path);
        return E_FAIL;
    }
    HRESULT hr = prjsim_registry_load_text(path, buf, n, error, error_size);
    free(buf);
    return hr;
}
