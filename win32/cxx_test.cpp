/* SPDX-License-Identifier: MIT */
// The Win32 surface from C++17: <windows.h> first and the C++ library after it (the order
// Windows code uses), strict -std=c++17 -pedantic, std:: names reaching the MSVC-semantics
// printf family, the C++-only overloads (array templates, Interlocked on long/unsigned), and
// a second translation unit (cxx_order_test.cpp) that includes the C++ library first.
#include <windows.h>
#include <objbase.h>
#include <rpc.h>
#include <strsafe.h>
#include <tchar.h>
#include <process.h>

#include <algorithm>
#include <cwchar>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <criterion/criterion.h>

extern "C++" std::wstring cxx_order_format(int value); // cxx_order_test.cpp

Test(cxx, wide_printf_through_std)
{
    wchar_t buf[64];
    std::swprintf(buf, 64, L"%s|%S|%d", L"wide", "narrow", 5);
    cr_expect(std::wstring(buf) == L"wide|narrow|5");
    swprintf(buf, L"%s", L"legacy"); // MSVC's C++ overload without a count
    cr_expect(std::wstring(buf) == L"legacy");
    cr_expect(std::to_wstring(42) == L"42", "std::to_wstring still works");
    cr_expect(cxx_order_format(7) == L"7:seven", "the other include order: %ls",
              cxx_order_format(7).c_str());
}

Test(cxx, array_template_overloads)
{
    wchar_t w[8];
    cr_expect_eq(wcscpy_s(w, L"abc"), 0);
    cr_expect_eq(wcscat_s(w, L"de"), 0);
    cr_expect(std::wstring(w) == L"abcde");
    cr_expect_eq(wcscpy_s(w, L"too long for it"), ERANGE);
    cr_expect_eq(swprintf_s(w, L"%d", 1234), 4);
    cr_expect_eq(_snwprintf_s(w, _TRUNCATE, L"%s", L"0123456789"), -1);
    cr_expect(std::wstring(w) == L"0123456");
    char n[4];
    cr_expect_eq(strcpy_s(n, "ab"), 0);
    cr_expect_eq(sprintf_s(n, "%s", "xyz"), 3);
    cr_expect_eq(_countof(w), 8u);
    cr_expect_eq(ARRAYSIZE(n), 4u);
}

Test(cxx, interlocked_overloads)
{
    volatile long l = 1; // 64 bits on Linux, 32 on Windows: both compile
    cr_expect_eq(InterlockedIncrement(&l), 2L);
    volatile unsigned u = 0xFFFFFFFFu;
    cr_expect_eq(InterlockedIncrement(&u), 0u);
    volatile LONG x = 3;
    cr_expect_eq(InterlockedCompareExchange(&x, 4, 3), 3);
    volatile long long ll = 5;
    cr_expect_eq(InterlockedExchangeAdd64(&ll, 5LL), 5LL);
    volatile ULONG refs = 1;
    cr_expect_eq(InterlockedDecrement(&refs), 0u);
}

static DWORD WINAPI thread_main(LPVOID arg)
{
    auto *values = static_cast<std::vector<int> *>(arg);
    std::sort(values->begin(), values->end());
    return static_cast<DWORD>(values->front());
}

Test(cxx, threads_and_locks)
{
    std::vector<int> values{3, 1, 2};
    HANDLE t = CreateThread(nullptr, 0, thread_main, &values, 0, nullptr);
    cr_assert_not_null(t);
    cr_expect_eq(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
    DWORD code = 0;
    GetExitCodeThread(t, &code);
    cr_expect_eq(code, 1u);
    CloseHandle(t);
    SRWLOCK lock = SRWLOCK_INIT;
    AcquireSRWLockExclusive(&lock);
    ReleaseSRWLockExclusive(&lock);
    CRITICAL_SECTION cs;
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);
}

Test(cxx, guids_and_strings)
{
    GUID g{};
    cr_expect_eq(CoCreateGuid(&g), S_OK);
    wchar_t text[40];
    cr_expect_eq(StringFromGUID2(g, text, 40), 39, "REFGUID is a reference in C++");
    GUID back{};
    cr_expect_eq(CLSIDFromString(text, &back), NOERROR);
    cr_expect(back == g);
    RPC_WSTR s = nullptr;
    UuidToStringW(&g, &s);
    std::wstring str(s);
    RpcStringFreeW(&s);
    cr_expect_eq(str.size(), 36u);
    std::map<std::wstring, int> names{{L"b", 2}, {L"a", 1}};
    cr_expect_eq(names.begin()->second, 1);
    int n = MultiByteToWideChar(CP_UTF8, 0, "h\xc3\xa9", -1, nullptr, 0);
    std::wstring wide(static_cast<size_t>(n), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, "h\xc3\xa9", -1, &wide[0], n);
    cr_expect(wide.c_str() == std::wstring(L"h\x00e9"));
    TCHAR t[8];
    cr_expect_eq(StringCchCopy(t, 8, TEXT("x")), S_OK);
    std::wcout.flush();
}
