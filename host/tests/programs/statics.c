/* SPDX-License-Identifier: MIT */
/* Returns how many times its entry ran in this copy of the module. */
static int runs;

int main(void)
{
    return ++runs;
}
