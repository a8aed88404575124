/* SPDX-License-Identifier: MIT */
/*
 * One character of a wide string as UTF-8, for the parts of the suite that also build for
 * Windows (the recording layer's log, the client agent's lines), where the simulator's own
 * conversion (sim/) is not there. WCHAR is 32-bit on Linux and 16-bit on Windows: a UTF-16
 * surrogate pair is one character either way.
 */
#ifndef PRJSIM_CONFORMANCE_UTF8_H
#define PRJSIM_CONFORMANCE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The character at w[*i], a surrogate pair joined (then *i is moved past its first half). */
static inline uint32_t prjsim_utf8_next_char(const WCHAR *w, size_t *i)
{
    uint32_t c = (uint32_t)w[*i];
    uint32_t next = c >= 0xD800 && c < 0xDC00 ? (uint32_t)w[*i + 1] : 0;
    if (next >= 0xDC00 && next < 0xE000) {
        (*i)++;
        return 0x10000 + ((c - 0xD800) << 10) + (next - 0xDC00);
    }
    return c;
}

/* @p c as UTF-8 into @p out; returns its bytes (1 to 4). */
static inline size_t prjsim_utf8_encode(uint32_t c, char out[4])
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | ((c >> 18) & 0x07));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

#endif
