/* SPDX-License-Identifier: MIT */
// _tmain through <tchar.h>: with the wrapper's UNICODE and _UNICODE it is wmain, with wide
// arguments. Prints the length of each argument and returns argc.
#include <windows.h>
#include <tchar.h>
#include <cstdio>

int _tmain(int argc, _TCHAR *argv[])
{
    static_assert(sizeof(_TCHAR) == sizeof(wchar_t), "_UNICODE");
    for (int i = 1; i < argc; i++)
        std::printf("%zu\n", _tcslen(argv[i]));
    return argc;
}
