/* SPDX-License-Identifier: MIT */
/* Built with -UUNICODE: TCHAR is char and _tmain-style code takes the narrow path. */
#include <windows.h>
#include <stdio.h>

#ifdef UNICODE
#error "-UUNICODE keeps UNICODE undefined"
#endif
#ifdef _UNICODE
#error "-UUNICODE keeps _UNICODE undefined"
#endif

int main(int argc, char **argv)
{
    TCHAR text[] = TEXT("narrow");
    printf("%s %s\n", text, argv[argc - 1]);
    return sizeof(TCHAR) == 1 ? 0 : 1;
}
