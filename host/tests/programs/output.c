/* SPDX-License-Identifier: MIT */
/* Writes to stdout and stderr, without flushing (the host flushes when the entry returns). */
#include <stdio.h>

int main(int argc, char **argv)
{
    printf("out:%s\n", argc > 1 ? argv[1] : "-");
    fprintf(stderr, "err:%d\n", argc);
    return 0;
}
