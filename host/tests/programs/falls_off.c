/* SPDX-License-Identifier: MIT */
/*
 * A wmain that ends without `return`, after a call that leaves 5 in the return register:
 * MSVC makes it exit 0, as main would (prjsim_win/entry.h).
 */
#include <windows.h>
#include <stdio.h>

__attribute__((noinline)) static int Five(void)
{
    printf("five\n");
    return 5;
}

int wmain(int argc, wchar_t **argv)
{
    (void)argv;
    if (argc > 100)
        return 7;
    Five();
}
