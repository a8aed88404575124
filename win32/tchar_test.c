/* SPDX-License-Identifier: MIT */
/*
 * tchar.h and TEXT(): compiled twice, with UNICODE/_UNICODE (test_win32_tchar_unicode) and
 * without (test_win32_tchar_ansi). The same source must work both ways, as on Windows.
 */
#include <windows.h>
#include <tchar.h>
#include <strsafe.h>

#include <criterion/criterion.h>

#ifdef _UNICODE
#define WIDE 1
#else
#define WIDE 0
#endif

Test(tchar, types_follow_the_macros)
{
    cr_expect_eq(sizeof(_TCHAR), WIDE ? sizeof(wchar_t) : 1u);
    cr_expect_eq(sizeof(TCHAR), WIDE ? sizeof(wchar_t) : 1u);
    cr_expect_eq(sizeof(_T("ab")), 3 * sizeof(_TCHAR));
    cr_expect_eq(sizeof(TEXT("ab")), 3 * sizeof(TCHAR));
}

Test(tchar, generic_functions)
{
    _TCHAR buf[32];
    cr_expect_eq(_tcscpy_s(buf, _countof(buf), _T("Hello")), 0);
    cr_expect_eq(_tcslen(buf), 5u);
    cr_expect_eq(_tcsicmp(buf, _T("hELLO")), 0);
    _tcscat_s(buf, _countof(buf), _T(" 42"));
    cr_expect_eq(_ttoi(_tcschr(buf, _T(' '))), 42);
    _stprintf_s(buf, _countof(buf), _T("%s-%d"), _T("x"), 7);
    cr_expect_eq(_tcscmp(buf, _T("x-7")), 0, "%%s takes a _TCHAR string in both builds");
    _sntprintf_s(buf, _countof(buf), _TRUNCATE, _T("%s"), _T("abc"));
    cr_expect_eq(_tcscmp(buf, _T("abc")), 0);
    _TCHAR *dup = _tcsdup(buf);
    cr_expect_eq(_tcscmp(_tcsupr(dup), _T("ABC")), 0);
    free(dup);
    TCHAR t[16];
    cr_expect_eq(StringCchCopy(t, 16, TEXT("generic")), S_OK);
    cr_expect_eq(lstrlen(t), 7);
    cr_expect_eq(lstrcmpi(t, TEXT("GENERIC")), 0);
    HANDLE e = CreateEvent(NULL, TRUE, FALSE, TEXT("prjsim-tchar-event"));
    cr_expect_not_null(e);
    CloseHandle(e);
}
