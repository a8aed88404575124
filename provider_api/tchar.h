/* SPDX-License-Identifier: MIT */
/*
 * tchar.h: the CRT's generic-text mappings. With _UNICODE defined, _TCHAR is wchar_t, _T("x")
 * is L"x" and the _tcs and _t names map to the wide functions; without it, to the narrow
 * ones. (TCHAR and TEXT(), from <windows.h>, key on UNICODE instead, as on Windows; Visual
 * Studio defines both.) The wide printf names map to the MSVC-semantics family of
 * <windows.h>, so `_tprintf(_T("%s\n"), name)` prints a _TCHAR string in both builds.
 */
#ifndef PRJSIM_TCHAR_H
#define PRJSIM_TCHAR_H

#include <windows.h>
#include <ctype.h>
#include <wctype.h>

#ifdef _UNICODE

typedef wchar_t _TCHAR;
typedef wchar_t _TSCHAR;
typedef wchar_t _TUCHAR;
typedef wchar_t _TXCHAR;
typedef wint_t _TINT;
#define __T(x) L##x
#define _TEOF WEOF

#define _tmain wmain
#define _tWinMain wWinMain
#define _tenviron _wenviron

/* Formatted I/O. */
#define _tprintf wprintf
#define _tprintf_s wprintf_s
#define _ftprintf fwprintf
#define _ftprintf_s fwprintf_s
#define _stprintf _swprintf
#define _stprintf_s swprintf_s
#define _sntprintf _snwprintf
#define _sntprintf_s _snwprintf_s
#define _vtprintf vwprintf
#define _vtprintf_s vwprintf_s
#define _vftprintf vfwprintf
#define _vftprintf_s vfwprintf_s
#define _vstprintf _vswprintf
#define _vstprintf_s vswprintf_s
#define _vsntprintf _vsnwprintf
#define _vsntprintf_s _vsnwprintf_s
#define _sctprintf _scwprintf
#define _vsctprintf _vscwprintf
#define _tscanf wscanf
#define _stscanf swscanf
#define _ftscanf fwscanf

/* Unformatted I/O. */
#define _fgettc fgetwc
#define _gettc getwc
#define _gettchar getwchar
#define _fgetts fgetws
#define _fputtc fputwc
#define _puttc putwc
#define _puttchar putwchar
#define _fputts fputws
#define _putts _putws
#define _ungettc ungetwc
#define _tfopen _wfopen
#define _tfopen_s _wfopen_s

/* Strings. */
#define _tcscat wcscat
#define _tcscat_s wcscat_s
#define _tcschr wcschr
#define _tcscmp wcscmp
#define _tcscoll wcscoll
#define _tcscpy wcscpy
#define _tcscpy_s wcscpy_s
#define _tcscspn wcscspn
#define _tcsdup _wcsdup
#define _tcsicmp _wcsicmp
#define _tcsicoll _wcsicmp
#define _tcslen wcslen
#define _tcsnlen wcsnlen_s
#define _tcsncat wcsncat
#define _tcsncat_s wcsncat_s
#define _tcsncmp wcsncmp
#define _tcsnccmp wcsncmp
#define _tcsncpy wcsncpy
#define _tcsncpy_s wcsncpy_s
#define _tcsnicmp _wcsnicmp
#define _tcsncicmp _wcsnicmp
#define _tcspbrk wcspbrk
#define _tcsrchr wcsrchr
#define _tcsspn wcsspn
#define _tcsstr wcsstr
#define _tcstok_s wcstok_s
#define _tcslwr _wcslwr
#define _tcslwr_s _wcslwr_s
#define _tcsupr _wcsupr
#define _tcsupr_s _wcsupr_s
#define _tcsrev _wcsrev
#define _tcsftime wcsftime

/* Numbers. */
#define _tcstod wcstod
#define _tcstol wcstol
#define _tcstoul wcstoul
#define _tcstoi64 _wcstoi64
#define _tcstoui64 _wcstoui64
#define _ttoi _wtoi
#define _ttol _wtol
#define _ttoi64 _wtoi64
#define _tstoi _wtoi
#define _tstol _wtol
#define _tstoi64 _wtoi64
#define _ttof _wtof
#define _tstof _wtof
#define _itot _itow
#define _itot_s _itow_s
#define _ltot _ltow
#define _ultot _ultow
#define _i64tot _i64tow
#define _ui64tot _ui64tow

/* Characters. */
#define _istalpha iswalpha
#define _istalnum iswalnum
#define _istdigit iswdigit
#define _istxdigit iswxdigit
#define _istspace iswspace
#define _istupper iswupper
#define _istlower iswlower
#define _istpunct iswpunct
#define _istprint iswprint
#define _istcntrl iswcntrl
#define _totupper towupper
#define _totlower towlower

#else /* !_UNICODE */

typedef char _TCHAR;
typedef signed char _TSCHAR;
typedef unsigned char _TUCHAR;
typedef unsigned char _TXCHAR;
typedef int _TINT;
#define __T(x) x
#define _TEOF EOF

#define _tmain main
#define _tWinMain WinMain
#define _tenviron environ

#define _tprintf printf
#define _tprintf_s printf_s
#define _ftprintf fprintf
#define _ftprintf_s fprintf_s
#define _stprintf sprintf
#define _stprintf_s sprintf_s
#define _sntprintf _snprintf
#define _sntprintf_s _snprintf_s
#define _vtprintf vprintf
#define _vtprintf_s vprintf_s
#define _vftprintf vfprintf
#define _vftprintf_s vfprintf_s
#define _vstprintf vsprintf
#define _vstprintf_s vsprintf_s
#define _vsntprintf _vsnprintf
#define _vsntprintf_s _vsnprintf_s
#define _sctprintf _scprintf
#define _vsctprintf _vscprintf
#define _tscanf scanf
#define _stscanf sscanf
#define _ftscanf fscanf

#define _fgettc fgetc
#define _gettc getc
#define _gettchar getchar
#define _fgetts fgets
#define _fputtc fputc
#define _puttc putc
#define _puttchar putchar
#define _fputts fputs
#define _putts puts
#define _ungettc ungetc
#define _tfopen fopen
#define _tfopen_s fopen_s

#define _tcscat strcat
#define _tcscat_s strcat_s
#define _tcschr strchr
#define _tcscmp strcmp
#define _tcscoll strcoll
#define _tcscpy strcpy
#define _tcscpy_s strcpy_s
#define _tcscspn strcspn
#define _tcsdup _strdup
#define _tcsicmp _stricmp
#define _tcsicoll _stricmp
#define _tcslen strlen
#define _tcsnlen strnlen_s
#define _tcsncat strncat
#define _tcsncat_s strncat_s
#define _tcsncmp strncmp
#define _tcsnccmp strncmp
#define _tcsncpy strncpy
#define _tcsncpy_s strncpy_s
#define _tcsnicmp _strnicmp
#define _tcsncicmp _strnicmp
#define _tcspbrk strpbrk
#define _tcsrchr strrchr
#define _tcsspn strspn
#define _tcsstr strstr
#define _tcstok_s strtok_s
#define _tcslwr _strlwr
#define _tcslwr_s _strlwr_s
#define _tcsupr _strupr
#define _tcsupr_s _strupr_s
#define _tcsrev _strrev
#define _tcsftime strftime

#define _tcstod strtod
#define _tcstol strtol
#define _tcstoul strtoul
#define _tcstoi64 _strtoi64
#define _tcstoui64 _strtoui64
#define _ttoi atoi
#define _ttol atol
#define _ttoi64 _atoi64
#define _tstoi atoi
#define _tstol atol
#define _tstoi64 _atoi64
#define _ttof atof
#define _tstof atof
#define _itot _itoa
#define _itot_s _itoa_s
#define _ltot _ltoa
#define _ultot _ultoa
#define _i64tot _i64toa
#define _ui64tot _ui64toa

#define _istalpha isalpha
#define _istalnum isalnum
#define _istdigit isdigit
#define _istxdigit isxdigit
#define _istspace isspace
#define _istupper isupper
#define _istlower islower
#define _istpunct ispunct
#define _istprint isprint
#define _istcntrl iscntrl
#define _totupper toupper
#define _totlower tolower

#endif /* _UNICODE */

#define _T(x) __T(x)
#define _TEXT(x) __T(x)

#endif /* PRJSIM_TCHAR_H */
