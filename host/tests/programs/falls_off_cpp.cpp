/* SPDX-License-Identifier: MIT */
// A C++ wmain that ends without `return`: exit code 0, as MSVC makes it (prjsim_win/entry.h).
#include <windows.h>
#include <cstdio>

__attribute__((noinline)) static int Five()
{
    std::printf("five\n");
    return 5;
}

int __cdecl wmain(int argc, wchar_t *argv[])
{
    (void)argv;
    if (argc > 100)
        return 7;
    Five();
}
