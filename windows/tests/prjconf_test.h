/* SPDX-License-Identifier: MIT */
/* What the tests of prjconf.exe's case runners share: a file with a text, a case's place. */
#ifndef PRJSIM_WINDOWS_PRJCONF_TEST_H
#define PRJSIM_WINDOWS_PRJCONF_TEST_H

#include "check.h"

#include <prjconf_cases.h>

#include <string.h>

/* Creates @p path (which must not exist) holding @p text. */
static void put(const WCHAR *path, const char *text)
{
    HANDLE h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
    CHECK(h != INVALID_HANDLE_VALUE, "create %ls: %lu", path, (unsigned long)GetLastError());
    DWORD n;
    WriteFile(h, text, (DWORD)strlen(text), &n, NULL);
    CloseHandle(h);
}

/* The index of case @p name in prjconf's table. */
static size_t case_index(const char *name)
{
    for (size_t i = 0; i < prjconf_case_count; i++)
        if (!strcmp(prjconf_cases[i].name, name))
            return i;
    CHECK(false, "no case %s", name);
    return 0;
}

#endif
