/* SPDX-License-Identifier: MIT */
/*
 * Waits for Ctrl+C the Windows way: a console control handler sets an event the main thread
 * waits on. Returns 3 after CTRL_C_EVENT, 4 after any other event.
 */
#include <windows.h>
#include <stdio.h>

static HANDLE Stop;
static volatile LONG Seen;

static BOOL WINAPI OnCtrl(DWORD type)
{
    Seen = (LONG)type + 1;
    SetEvent(Stop);
    return TRUE;
}

int wmain(int argc, wchar_t **argv)
{
    (void)argc;
    (void)argv;
    Stop = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (Stop == NULL || !SetConsoleCtrlHandler(OnCtrl, TRUE))
        return 1;
    printf("waiting\n");
    fflush(stdout);
    WaitForSingleObject(Stop, INFINITE);
    CloseHandle(Stop);
    return Seen == CTRL_C_EVENT + 1 ? 3 : 4;
}
