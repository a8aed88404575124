/* SPDX-License-Identifier: MIT */
/*
 * The lexer: one line of a scenario into words. Words are separated by spaces or tabs;
 * double quotes ("a b") and single quotes ('a b') group words; a '#' at the start of an
 * unquoted word starts a comment. Backslashes are kept as written (paths are full of them);
 * inside double quotes \" and \\ do not end the string, and scn_unescape decodes escapes where
 * a statement expects data. A trailing unquoted ',' is a word of its own (list separator).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct buf {
    char *s;
    size_t len, cap;
} buf;

static void put(buf *b, char c)
{
    if (b->len + 2 > b->cap) {
        b->cap = b->cap ? b->cap * 2 : 32;
        b->s = realloc(b->s, b->cap);
        if (!b->s)
            abort();
    }
    b->s[b->len++] = c;
    b->s[b->len] = 0;
}

static char *take(buf *b)
{
    if (!b->s)
        return scn_strdup("");
    char *s = b->s;
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

static void push(scn_line *out, const scn_tok *t)
{
    scn_tok *n = realloc(out->tok, (size_t)(out->count + 1) * sizeof *n);
    if (!n)
        abort();
    out->tok = n;
    out->tok[out->count++] = *t;
}

bool scn_lex(const char *text, scn_line *out, char *err, size_t errlen)
{
    out->tok = NULL;
    out->count = 0;
    const char *s = text;
    while (*s) {
        while (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        if (!*s)
            break;
        if (*s == '#')
            break;
        int col = (int)(s - text) + 1;
        buf word = {0}, value = {0};
        bool quoted = false, value_quoted = false, in_value = false, key_quoted = false;
        bool trailing_comma = false;
        while (*s && *s != ' ' && *s != '\t' && *s != '\r') {
            if (*s == '"' || *s == '\'') {
                char q = *s++;
                quoted = true;
                if (in_value)
                    value_quoted = true;
                else
                    key_quoted = true;
                while (*s && *s != q) {
                    if (q == '"' && *s == '\\' && (s[1] == '"' || s[1] == '\\')) {
                        put(&word, *s);
                        if (in_value)
                            put(&value, *s);
                        s++;
                    }
                    put(&word, *s);
                    if (in_value)
                        put(&value, *s);
                    s++;
                }
                if (*s != q) {
                    snprintf(err, errlen, "unterminated %s string starting in column %d",
                             q == '"' ? "double-quoted" : "single-quoted", col);
                    free(word.s);
                    free(value.s);
                    scn_line_free(out);
                    return false;
                }
                s++;
                /* "" and '' still make a word */
                if (!word.s)
                    put(&word, 0), word.len = 0, word.s[0] = 0;
                if (in_value && !value.s)
                    put(&value, 0), value.len = 0, value.s[0] = 0;
                continue;
            }
            if (*s == '=' && !in_value && !key_quoted && word.len > 0) {
                in_value = true;
                put(&word, *s++);
                if (!value.s)
                    put(&value, 0), value.len = 0, value.s[0] = 0;
                continue;
            }
            if (*s == ',' && (s[1] == 0 || s[1] == ' ' || s[1] == '\t' || s[1] == '\r')) {
                trailing_comma = true;
                s++;
                break;
            }
            put(&word, *s);
            if (in_value)
                put(&value, *s);
            s++;
        }
        if (word.s || quoted) {
            scn_tok t;
            memset(&t, 0, sizeof t);
            t.col = col;
            t.quoted = quoted;
            if (in_value) {
                char *w = take(&word);
                char *eq = strchr(w, '=');
                t.key = malloc((size_t)(eq - w) + 1);
                if (!t.key)
                    abort();
                memcpy(t.key, w, (size_t)(eq - w));
                t.key[eq - w] = 0;
                t.text = w;
                t.value = take(&value);
                t.value_quoted = value_quoted;
            } else {
                t.text = take(&word);
                free(value.s);
            }
            push(out, &t);
        } else {
            free(value.s);
        }
        if (trailing_comma) {
            scn_tok c;
            memset(&c, 0, sizeof c);
            c.text = scn_strdup(",");
            c.comma = true;
            c.col = (int)(s - text);
            push(out, &c);
        }
    }
    return true;
}

void scn_line_free(scn_line *line)
{
    for (int i = 0; i < line->count; i++) {
        free(line->tok[i].text);
        free(line->tok[i].key);
        free(line->tok[i].value);
    }
    free(line->tok);
    line->tok = NULL;
    line->count = 0;
}
