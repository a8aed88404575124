/* SPDX-License-Identifier: MIT */
/*
 * UTF-8 <-> wide (UTF-32) conversion helpers shared by the Win32 layer's string functions
 * (strconv.c), the printf engine (format.c) and the console (console.c).
 */
#ifndef PRJSIM_WIN32_UTF_H
#define PRJSIM_WIN32_UTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#define PRJSIM__UTF_REPLACEMENT 0xFFFDu

/*
 * Decodes one character from the @p n > 0 bytes at @p s. Returns the bytes consumed (at least
 * 1) and sets *cp and *valid. An invalid sequence (a stray continuation byte, an overlong
 * form, a surrogate, a value above U+10FFFF, a sequence cut short) consumes its maximal
 * subpart, as Unicode recommends, and gives *valid false with *cp U+FFFD.
 */
size_t prjsim__utf8_decode(const unsigned char *s, size_t n, uint32_t *cp, bool *valid);

/*
 * Reads one character from the @p n > 0 wide units at @p s: a UTF-16 surrogate pair counts
 * as one character. Returns the units consumed; *valid is false (and *cp U+FFFD) for a lone
 * surrogate or a value above U+10FFFF.
 */
size_t prjsim__wide_next(const wchar_t *s, size_t n, uint32_t *cp, bool *valid);

/* Encodes a valid code point into @p out (room for 4); returns the byte count. */
size_t prjsim__utf8_encode(uint32_t cp, char *out);

/*
 * malloc'd conversions with U+FFFD for invalid input, NUL-terminated; the length without the
 * NUL goes to *out_len (may be NULL). @p n is the input length in units. NULL when memory runs
 * out.
 */
char *prjsim__utf8_from_wide(const wchar_t *s, size_t n, size_t *out_len);
wchar_t *prjsim__wide_from_utf8(const char *s, size_t n, size_t *out_len);

#endif /* PRJSIM_WIN32_UTF_H */
