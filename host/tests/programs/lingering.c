/* SPDX-License-Identifier: MIT */
/*
 * Returns 0 at once, leaving a thread behind that keeps running the module's code (it counts
 * in Ticks): the host must not unload a module a thread still runs.
 */
#include <windows.h>

static volatile LONG Ticks;

static DWORD WINAPI Spin(LPVOID arg)
{
    (void)arg;
    for (;;) {
        InterlockedIncrement(&Ticks);
        Sleep(1);
    }
    return 0;
}

int wmain(int argc, wchar_t **argv)
{
    (void)argc;
    (void)argv;
    HANDLE t = CreateThread(NULL, 0, Spin, NULL, 0, NULL);
    if (t == NULL)
        return 1;
    CloseHandle(t);
    return 0;
}
