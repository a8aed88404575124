/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/crt_secure.h: MSVC's secure CRT names that <windows.h> code uses beyond the string
 * and printf ones (wcrt.h, msvc_printf.h): gets_s/_getws_s, getenv_s/_dupenv_s and their wide
 * forms with _wgetenv, strerror_s, localtime_s/gmtime_s (MSVC's argument order, not C11
 * Annex K's), asctime_s/ctime_s and their wide forms, qsort_s (MSVC's comparator with the
 * context first), _splitpath_s/_makepath_s and their wide forms, and the long-to-text _s calls.
 *
 * Where MSVC's invalid-parameter handler would end the process, these return EINVAL/ERANGE
 * and clear the destination (DEVIATIONS R-W4). Environment values are UTF-8 on Linux and are
 * converted for the wide forms.
 */
#ifndef PRJSIM_WIN_CRT_SECURE_H
#define PRJSIM_WIN_CRT_SECURE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <wchar.h>

#include "msvc.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Reads a line from stdin without its newline. NULL at the end of input with nothing read,
 * and NULL with buffer[0] = 0 when the line (the rest of which is discarded) does not fit.
 */
char *__cdecl gets_s(char *buffer, size_t sizeInCharacters);
wchar_t *__cdecl _getws_s(wchar_t *buffer, size_t sizeInCharacters);

/** *pReturnValue: the size needed with the NUL, 0 when unset; ERANGE when it does not fit. */
errno_t __cdecl getenv_s(size_t *pReturnValue, char *buffer, size_t numberOfElements,
                         const char *varname);
errno_t __cdecl _wgetenv_s(size_t *pReturnValue, wchar_t *buffer, size_t numberOfElements,
                           const wchar_t *varname);
/** A malloc'd copy (free it), or NULL with *numberOfElements 0 when unset; returns 0. */
errno_t __cdecl _dupenv_s(char **buffer, size_t *numberOfElements, const char *varname);
errno_t __cdecl _wdupenv_s(wchar_t **buffer, size_t *numberOfElements, const wchar_t *varname);
/** The variable's value as a wide string that stays valid for the process, or NULL. */
wchar_t *__cdecl _wgetenv(const wchar_t *varname);

errno_t __cdecl strerror_s(char *buffer, size_t numberOfElements, int errnum);
errno_t __cdecl _wcserror_s(wchar_t *buffer, size_t numberOfElements, int errnum);

errno_t __cdecl localtime_s(struct tm *tmDest, const time_t *sourceTime);
errno_t __cdecl gmtime_s(struct tm *tmDest, const time_t *sourceTime);
#define _localtime64_s localtime_s
#define _gmtime64_s gmtime_s

/** "Wed Jan 02 02:03:55 1980\n" (26 characters with the NUL); EINVAL/ERANGE otherwise. */
errno_t __cdecl asctime_s(char *buffer, size_t numberOfElements, const struct tm *tmSource);
errno_t __cdecl _wasctime_s(wchar_t *buffer, size_t numberOfElements, const struct tm *tmSource);
errno_t __cdecl ctime_s(char *buffer, size_t numberOfElements, const time_t *sourceTime);
errno_t __cdecl _wctime_s(wchar_t *buffer, size_t numberOfElements, const time_t *sourceTime);
#define _ctime64_s ctime_s
#define _wctime64_s _wctime_s

/**
 * Splits a path into drive ("C:"), directory (up to the last `\` or `/`, kept), file name and
 * extension (from the last `.`, kept). A NULL part needs a size of 0; a part that does not fit
 * gives ERANGE and every part empty.
 */
errno_t __cdecl _splitpath_s(const char *path, char *drive, size_t driveNumberOfElements,
                             char *dir, size_t dirNumberOfElements, char *fname,
                             size_t nameNumberOfElements, char *ext,
                             size_t extNumberOfElements);
errno_t __cdecl _wsplitpath_s(const wchar_t *path, wchar_t *drive, size_t driveNumberOfElements,
                              wchar_t *dir, size_t dirNumberOfElements, wchar_t *fname,
                              size_t nameNumberOfElements, wchar_t *ext,
                              size_t extNumberOfElements);
/** Joins the parts, adding the `:`, the `\` after the directory and the `.` as needed. */
errno_t __cdecl _makepath_s(char *path, size_t sizeInCharacters, const char *drive,
                            const char *dir, const char *fname, const char *ext);
errno_t __cdecl _wmakepath_s(wchar_t *path, size_t sizeInWords, const wchar_t *drive,
                             const wchar_t *dir, const wchar_t *fname, const wchar_t *ext);

/** Windows' long is 32 bits: these take 32-bit values. */
errno_t __cdecl _ltoa_s(int32_t value, char *buffer, size_t size, int radix);
errno_t __cdecl _ultoa_s(uint32_t value, char *buffer, size_t size, int radix);
errno_t __cdecl _ltow_s(int32_t value, wchar_t *buffer, size_t size, int radix);
errno_t __cdecl _ultow_s(uint32_t value, wchar_t *buffer, size_t size, int radix);

void __cdecl qsort_s(void *base, size_t number, size_t width,
                     int(__cdecl *compare)(void *context, const void *a, const void *b),
                     void *context);

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_WIN_CRT_SECURE_H */
