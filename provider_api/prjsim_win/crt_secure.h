/*
 * prjsim_win/crt_secure.h: MSVC's secure CRT names that <windows.h> code uses beyond the string
 * and printf ones (wcrt.h, msvc_printf.h): gets_s/_getws_s, getenv_s/_dupenv_s and their wide
 * forms with _wgetenv, strerror_s, localtime_s/gmtime_s (MSVC's argument order, not C11
 * Annex K's), qsort_s (MSVC's comparator with the context first).
 *
 * Where MSVC's invalid-parameter handler would end the process, these return EINVAL/ERANGE
 * and clear the destination (DEVIATIONS R-W4). Environment values are UTF-8 on Linux and are
 * converted for the wide forms.
 */
#ifndef PRJSIM_WIN_CRT_SECURE_H
#define PRJSIM_WIN_CRT_SECURE_H

#include <stddef.h>
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

void __cdecl qsort_s(void *base, size_t number, size_t width,
                     int(__cdecl *compare)(void *context, const void *a, const void *b),
                     void *context);

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_WIN_CRT_SECURE_H */
