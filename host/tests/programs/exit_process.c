/* SPDX-License-Identifier: MIT */
/* Ends with ExitProcess(5) from a nested call: only the program ends, the host lives on. */
#include <windows.h>
#include <stdio.h>

static void Quit(UINT code)
{
    printf("quitting\n");
    ExitProcess(code);
}

int wmain(void)
{
    Quit(5);
    printf("not reached\n");
    return 1;
}
