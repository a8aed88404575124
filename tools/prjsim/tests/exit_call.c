/* SPDX-License-Identifier: MIT */
/* Ends with exit(9): inside `prjsim exec` that ends the whole process with status 9. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("exiting\n");
    exit(9);
}
