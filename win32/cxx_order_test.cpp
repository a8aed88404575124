/* SPDX-License-Identifier: MIT */
// The C++ library included before <windows.h>: std::swprintf must still reach the MSVC
// family (the redirect adds its names to namespace std), and nothing may clash.
#include <cwchar>
#include <string>
#include <iostream>
#include <algorithm>

#include <windows.h>

std::wstring cxx_order_format(int value)
{
    wchar_t buf[32];
    std::swprintf(buf, 32, L"%d:%S", value, "seven");
    return buf;
}
