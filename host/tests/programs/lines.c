/* SPDX-License-Identifier: MIT */
/* Counts the lines of its stdin until end of file; prints and returns the count. */
#include <stdio.h>

int main(void)
{
    int lines = 0, c;
    while ((c = getchar()) != EOF)
        if (c == '\n')
            lines++;
    printf("lines=%d\n", lines);
    return lines;
}
