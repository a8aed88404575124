/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/winstring.h: kernel32's string functions, lstrlen, lstrcpy, lstrcmp and friends.
 *
 * lstrcmpW/lstrcmpiW compare as Windows' CompareString does in spirit, not by code point:
 * letters compare case-insensitively first (so "apple" < "Banana"), and only an otherwise
 * equal pair is ordered by case, lower case first ("a" < "A"). They return -1, 0 or 1.
 * Windows' full linguistic table (ignored hyphens and apostrophes, accents as a secondary
 * weight) is not reproduced. NULL sorts before every string. The A forms read UTF-8.
 */
#ifndef PRJSIM_WIN_WINSTRING_H
#define PRJSIM_WIN_WINSTRING_H

#include "basetypes.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Length in characters; 0 for NULL. */
int WINAPI lstrlenW(LPCWSTR lpString);
int WINAPI lstrlenA(LPCSTR lpString);
/** Copies with the terminator; returns @p lpString1, or NULL for a NULL argument. */
LPWSTR WINAPI lstrcpyW(LPWSTR lpString1, LPCWSTR lpString2);
LPSTR WINAPI lstrcpyA(LPSTR lpString1, LPCSTR lpString2);
/**
 * Copies at most @p iMaxLength - 1 characters and always terminates (when iMaxLength > 0);
 * returns @p lpString1, or NULL for a NULL argument.
 */
LPWSTR WINAPI lstrcpynW(LPWSTR lpString1, LPCWSTR lpString2, int iMaxLength);
LPSTR WINAPI lstrcpynA(LPSTR lpString1, LPCSTR lpString2, int iMaxLength);
/** Appends; returns @p lpString1, or NULL for a NULL argument. */
LPWSTR WINAPI lstrcatW(LPWSTR lpString1, LPCWSTR lpString2);
LPSTR WINAPI lstrcatA(LPSTR lpString1, LPCSTR lpString2);
/** -1, 0 or 1 (see above). */
int WINAPI lstrcmpW(LPCWSTR lpString1, LPCWSTR lpString2);
int WINAPI lstrcmpA(LPCSTR lpString1, LPCSTR lpString2);
int WINAPI lstrcmpiW(LPCWSTR lpString1, LPCWSTR lpString2);
int WINAPI lstrcmpiA(LPCSTR lpString1, LPCSTR lpString2);

#ifdef UNICODE
#define lstrlen lstrlenW
#define lstrcpy lstrcpyW
#define lstrcpyn lstrcpynW
#define lstrcat lstrcatW
#define lstrcmp lstrcmpW
#define lstrcmpi lstrcmpiW
#else
#define lstrlen lstrlenA
#define lstrcpy lstrcpyA
#define lstrcpyn lstrcpynA
#define lstrcat lstrcatA
#define lstrcmp lstrcmpA
#define lstrcmpi lstrcmpiA
#endif

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_WIN_WINSTRING_H */
