/* SPDX-License-Identifier: MIT */
/* A program with a narrow main: prints its arguments joined by '|' and returns 7. */
#include <stdio.h>

int main(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        printf("%s%s", i ? "|" : "", argv[i]);
    printf("\n");
    return 7;
}
