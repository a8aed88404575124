/* SPDX-License-Identifier: MIT */
// A C++ wmain, which g++ mangles (MSVC would not): returns 40 + argc and prints its last
// argument, reversed, through std::wstring.
#include <windows.h>
#include <cstdio>
#include <string>

int wmain(int argc, wchar_t *argv[])
{
    std::wstring last(argv[argc - 1]);
    std::wstring reversed(last.rbegin(), last.rend());
    for (wchar_t c : reversed)
        std::printf("%c", static_cast<char>(c));
    std::printf("\n");
    return 40 + argc;
}
