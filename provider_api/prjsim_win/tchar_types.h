/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/tchar_types.h: TCHAR and TEXT(), as <winnt.h> defines them, keyed on UNICODE.
 *
 * (The CRT's generic-text names, _TCHAR, _T() and _tcs*, key on _UNICODE and live in
 * <tchar.h>, exactly as on Windows; Visual Studio projects define both macros together.)
 */
#ifndef PRJSIM_WIN_TCHAR_TYPES_H
#define PRJSIM_WIN_TCHAR_TYPES_H

#include "basetypes.h"

#ifdef UNICODE
typedef WCHAR TCHAR, *PTCHAR;
typedef WCHAR TBYTE, *PTBYTE;
typedef LPWSTR LPTCH, PTCH, PTSTR, LPTSTR;
typedef LPCWSTR PCTSTR, LPCTSTR;
#define __TEXT(quote) L##quote
#else
typedef char TCHAR, *PTCHAR;
typedef unsigned char TBYTE, *PTBYTE;
typedef LPSTR LPTCH, PTCH, PTSTR, LPTSTR;
typedef LPCSTR PCTSTR, LPCTSTR;
#define __TEXT(quote) quote
#endif
#define TEXT(quote) __TEXT(quote)

#endif /* PRJSIM_WIN_TCHAR_TYPES_H */
