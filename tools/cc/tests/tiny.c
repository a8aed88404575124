/* SPDX-License-Identifier: MIT */
/*
 * A tiny C provider program for the wrapper test: a Windows-style wmain that needs the
 * wrapper's defaults (UNICODE, gnu11, the prjsim headers and library) and the -D and -I flags
 * the test passes through. Prints a line and returns GREETING_CODE + argc.
 */
#include <windows.h>
#include <projectedfslib.h>
#include <tiny_extra.h>
#include <stdio.h>

#ifndef UNICODE
#error "prjsim-cc defines UNICODE"
#endif
#if !defined(__STDC_VERSION__) || __STDC_VERSION__ != 201112L || defined(__STRICT_ANSI__)
#error "prjsim-cc compiles gnu11 by default"
#endif

#pragma comment(lib, "ProjectedFSLib.lib")

int wmain(int argc, wchar_t **argv)
{
    TCHAR name[] = TEXT("tiny");
    /* typeof is a GNU extension: gnu11, not c11. */
    typeof(argc) n = argc;
    printf("%s %ls %ls %d\n", GREETING, name, argv[n - 1],
           PrjFileNameCompare(L"a.txt", L"A.TXT") == 0 ? TINY_EXTRA : -1);
    return GREETING_CODE + n;
}
