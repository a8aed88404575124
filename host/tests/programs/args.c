/* SPDX-License-Identifier: MIT */
/* Prints its arguments as code points, one argument a line, and returns argc. */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

int wmain(int argc, wchar_t **argv)
{
    for (int i = 0; i < argc; i++) {
        for (const wchar_t *p = argv[i]; *p; p++)
            printf("%s%lX", p == argv[i] ? "" : " ", (unsigned long)*p);
        printf("\n");
    }
    printf("end %s\n", argv[argc] == NULL ? "null" : "not-null");
    return argc;
}
