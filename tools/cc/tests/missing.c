/* SPDX-License-Identifier: MIT */
/* Calls a function nobody defines: the wrapper's -Wl,-z,defs makes that a link error. */
int NoSuchWindowsFunction(void);

int main(void)
{
    return NoSuchWindowsFunction();
}
