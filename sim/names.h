/* SPDX-License-Identifier: MIT */
/*
 * File-name semantics shared by the simulator: the file system's case-insensitive collation,
 * DOS wildcard matching (FsRtlIsNameInExpression), and the UTF-16 length of a name.
 *
 * Names are WCHAR (wchar_t, UTF-32 on Linux), but Windows works on UTF-16 code units. Every
 * function here behaves as if the name had been converted to UTF-16 first, so that order, "?"
 * and buffer costs agree with Windows for characters above U+FFFF.
 */
#ifndef PRJSIM_NAMES_H
#define PRJSIM_NAMES_H

#include <projectedfslib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The file-system upcase of one character, from a fixed, locale-independent table modelled on
 * the default NTFS $UpCase table. Characters above U+FFFF (and invalid values) are returned
 * unchanged, since the table only covers the Basic Multilingual Plane.
 */
wchar_t prjsim__name_upcase(wchar_t c);

/*
 * Collation compare of two counted names (not NUL-terminated, e.g. path components).
 * Returns -1, 0 or 1. A NULL pointer is read as an empty name.
 */
int prjsim__name_compare_n(const wchar_t *a, size_t alen, const wchar_t *b, size_t blen);

/*
 * Case-insensitive hash of a counted name. Names that compare equal have equal hashes.
 */
uint32_t prjsim__name_hash_n(const wchar_t *s, size_t len);

/*
 * Whether the name is in the language of the pattern, with FsRtlIsNameInExpression semantics
 * (section 6.15), case-insensitive. An empty or NULL pattern matches any name; an empty or NULL
 * name never matches. Runs in O(namelen * patlen) time.
 */
bool prjsim__name_match_n(const wchar_t *name, size_t namelen, const wchar_t *pattern,
                          size_t patlen);

/* Whether a NUL-terminated name contains any of the wildcards * ? < > ". NULL has none. */
bool prjsim__name_has_wildcards(const wchar_t *s);

/* PrjFileNameCompare, PrjFileNameMatch and PrjDoesNameContainWildCards on whole names (NULL
 * reads as the empty name): names_api.c's, and the Windows build's where the DLL is missing. */
int prjsim__name_compare(const wchar_t *fileName1, const wchar_t *fileName2);
BOOLEAN prjsim__name_match(const wchar_t *fileNameToCheck, const wchar_t *pattern);
BOOLEAN prjsim__name_wildcards(const wchar_t *fileName);

/*
 * The number of UTF-16 code units the name takes on Windows: characters above U+FFFF count 2.
 * Used for buffer-cost computations.
 */
size_t prjsim__name_utf16_units(const wchar_t *s, size_t len);

/*
 * One pass over a NUL-terminated name: returns its UTF-16 units (as prjsim__name_utf16_units),
 * sets its length in characters and whether it holds a path separator (\\ or /).
 */
size_t prjsim__name_scan(const wchar_t *s, size_t *len, bool *has_separator);

/* The longest name one path component may have: 255 UTF-16 units, as on NTFS. */
#define PRJSIM__MAX_COMPONENT_UNITS 255

#endif /* PRJSIM_NAMES_H */
