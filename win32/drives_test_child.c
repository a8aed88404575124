/* SPDX-License-Identifier: MIT */
/*
 * A helper process of drives_test.c: uses the default drives directory (no PRJSIM_DRIVES),
 * creates a file there, prints the directory and exits normally, so that the test can check
 * that the directory was made under $TMPDIR and removed at exit.
 */
#include <prjsim/drives.h>
#include <stdio.h>
#include <windows.h>

int main(void)
{
    if (!CreateDirectoryW(L"C:\\x", NULL))
        return 1;
    HANDLE h = CreateFileW(L"C:\\x\\f.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return 2;
    CloseHandle(h);
    printf("%s\n", prjsim_drives_root());
    return 0;
}
