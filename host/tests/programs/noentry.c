/* SPDX-License-Identifier: MIT */
/* A module without an entry point. */
int not_an_entry(int x);

int not_an_entry(int x)
{
    return x + 1;
}
