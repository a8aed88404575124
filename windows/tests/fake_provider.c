/* SPDX-License-Identifier: MIT */
/*
 * A stand-in provider program for provider_process_test (no ProjFS needed): `exit N` exits at
 * once with N; `wait-enter FILE` writes its arguments to FILE and exits 0 after a line on stdin;
 * `hang` ignores stdin and sleeps.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc >= 3 && !wcscmp(argv[1], L"exit"))
        return _wtoi(argv[2]);
    if (argc >= 3 && !wcscmp(argv[1], L"wait-enter")) {
        FILE *f = _wfopen(argv[2], L"w");
        for (int i = 3; f && i < argc; i++)
            fwprintf(f, L"[%ls]\n", argv[i]);
        if (f)
            fclose(f);
        getchar();
        return 0;
    }
    if (argc >= 2 && !wcscmp(argv[1], L"hang")) {
        Sleep(INFINITE);
        return 0;
    }
    return 9;
}
