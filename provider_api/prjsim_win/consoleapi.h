/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/consoleapi.h: the console as a provider program sees it: the standard handles,
 * modes, colours, reading and writing, and console control (Ctrl+C) handlers.
 *
 * There is no console window. The standard handles stand for the C streams stdin, stdout and
 * stderr: WriteConsoleW writes UTF-8 to the stream (so it interleaves with printf in order),
 * ReadConsoleW reads a line from stdin. Modes and text attributes are remembered and have no
 * effect. The handles are fixed pseudo handles: CloseHandle refuses them with
 * ERROR_INVALID_HANDLE, so a program cannot lose its output by closing one.
 *
 * Console control events are delivered by the host (prjsim/win.h,
 * prjsim_win_raise_console_ctrl), for instance when `prjsim exec` receives SIGINT.
 *
 * Differences from Windows (DEVIATIONS.md): Get/SetConsoleMode succeed even when the stream is
 * a pipe or a file, where Windows fails because no console is attached; handlers run on the
 * thread that raises the event, not on a new thread.
 */
#ifndef PRJSIM_WIN_CONSOLEAPI_H
#define PRJSIM_WIN_CONSOLEAPI_H

#include "basetypes.h"

#ifdef __cplusplus
extern "C" {
#endif

#define STD_INPUT_HANDLE ((DWORD)-10)
#define STD_OUTPUT_HANDLE ((DWORD)-11)
#define STD_ERROR_HANDLE ((DWORD)-12)

/* Input modes. */
#define ENABLE_PROCESSED_INPUT 0x0001
#define ENABLE_LINE_INPUT 0x0002
#define ENABLE_ECHO_INPUT 0x0004
#define ENABLE_WINDOW_INPUT 0x0008
#define ENABLE_MOUSE_INPUT 0x0010
#define ENABLE_INSERT_MODE 0x0020
#define ENABLE_QUICK_EDIT_MODE 0x0040
#define ENABLE_EXTENDED_FLAGS 0x0080
#define ENABLE_AUTO_POSITION 0x0100
#define ENABLE_VIRTUAL_TERMINAL_INPUT 0x0200
/* Output modes. */
#define ENABLE_PROCESSED_OUTPUT 0x0001
#define ENABLE_WRAP_AT_EOL_OUTPUT 0x0002
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#define DISABLE_NEWLINE_AUTO_RETURN 0x0008
#define ENABLE_LVB_GRID_WORLDWIDE 0x0010

/* Text attributes. */
#define FOREGROUND_BLUE 0x0001
#define FOREGROUND_GREEN 0x0002
#define FOREGROUND_RED 0x0004
#define FOREGROUND_INTENSITY 0x0008
#define BACKGROUND_BLUE 0x0010
#define BACKGROUND_GREEN 0x0020
#define BACKGROUND_RED 0x0040
#define BACKGROUND_INTENSITY 0x0080

/* Console control events. */
#define CTRL_C_EVENT 0
#define CTRL_BREAK_EVENT 1
#define CTRL_CLOSE_EVENT 2
#define CTRL_LOGOFF_EVENT 5
#define CTRL_SHUTDOWN_EVENT 6

typedef struct _COORD {
    SHORT X;
    SHORT Y;
} COORD, *PCOORD;

typedef struct _SMALL_RECT {
    SHORT Left;
    SHORT Top;
    SHORT Right;
    SHORT Bottom;
} SMALL_RECT, *PSMALL_RECT;

typedef struct _CONSOLE_SCREEN_BUFFER_INFO {
    COORD dwSize;
    COORD dwCursorPosition;
    WORD wAttributes;
    SMALL_RECT srWindow;
    COORD dwMaximumWindowSize;
} CONSOLE_SCREEN_BUFFER_INFO, *PCONSOLE_SCREEN_BUFFER_INFO;

typedef BOOL(WINAPI *PHANDLER_ROUTINE)(DWORD CtrlType);

/**
 * The handle of a standard stream. INVALID_HANDLE_VALUE with ERROR_INVALID_HANDLE for any
 * other @p nStdHandle.
 */
HANDLE WINAPI GetStdHandle(DWORD nStdHandle);
/** TRUE with the mode last set (by default line input with echo, or processed output). */
BOOL WINAPI GetConsoleMode(HANDLE hConsoleHandle, LPDWORD lpMode);
BOOL WINAPI SetConsoleMode(HANDLE hConsoleHandle, DWORD dwMode);
/** Remembered for GetConsoleScreenBufferInfo; nothing changes colour. Output handles only. */
BOOL WINAPI SetConsoleTextAttribute(HANDLE hConsoleOutput, WORD wAttributes);
/** An 80x25 screen, cursor at 0,0, with the attributes last set (white on black at first). */
BOOL WINAPI GetConsoleScreenBufferInfo(HANDLE hConsoleOutput,
                                       PCONSOLE_SCREEN_BUFFER_INFO lpConsoleScreenBufferInfo);
/**
 * Writes @p nNumberOfCharsToWrite characters to the stream as UTF-8.
 * @p lpNumberOfCharsWritten may be NULL. FALSE with ERROR_INVALID_HANDLE for the input handle
 * or a handle that is not a console's.
 */
BOOL WINAPI WriteConsoleW(HANDLE hConsoleOutput, const VOID *lpBuffer,
                          DWORD nNumberOfCharsToWrite, LPDWORD lpNumberOfCharsWritten,
                          LPVOID lpReserved);
BOOL WINAPI WriteConsoleA(HANDLE hConsoleOutput, const VOID *lpBuffer,
                          DWORD nNumberOfCharsToWrite, LPDWORD lpNumberOfCharsWritten,
                          LPVOID lpReserved);
/**
 * Reads up to @p nNumberOfCharsToRead characters of the next line of stdin, the line ending
 * ("\r\n", as Windows gives it) included while it fits; the rest of a long line comes with the
 * next call. 0 characters at the end of input.
 */
BOOL WINAPI ReadConsoleW(HANDLE hConsoleInput, LPVOID lpBuffer, DWORD nNumberOfCharsToRead,
                         LPDWORD lpNumberOfCharsRead, LPVOID pInputControl);
BOOL WINAPI ReadConsoleA(HANDLE hConsoleInput, LPVOID lpBuffer, DWORD nNumberOfCharsToRead,
                         LPDWORD lpNumberOfCharsRead, LPVOID pInputControl);
/** Discards nothing (stdin may be a pipe the host feeds); TRUE. */
BOOL WINAPI FlushConsoleInputBuffer(HANDLE hConsoleInput);
/**
 * Adds (@p Add TRUE) or removes a handler. A NULL handler with TRUE makes the program ignore
 * CTRL_C_EVENT, with FALSE restores it. Removing a handler that is not registered fails with
 * ERROR_INVALID_PARAMETER. The same handler may be added more than once.
 */
BOOL WINAPI SetConsoleCtrlHandler(PHANDLER_ROUTINE HandlerRoutine, BOOL Add);
/** Delivers the event to this process's handlers (see prjsim_win_raise_console_ctrl). */
BOOL WINAPI GenerateConsoleCtrlEvent(DWORD dwCtrlEvent, DWORD dwProcessGroupId);
/** Code pages: remembered, CP_UTF8 (65001) by default; the text is UTF-8 regardless. */
UINT WINAPI GetConsoleOutputCP(void);
BOOL WINAPI SetConsoleOutputCP(UINT wCodePageID);
UINT WINAPI GetConsoleCP(void);
BOOL WINAPI SetConsoleCP(UINT wCodePageID);
/** TRUE; there is no title to set. */
BOOL WINAPI SetConsoleTitleW(LPCWSTR lpConsoleTitle);
BOOL WINAPI SetConsoleTitleA(LPCSTR lpConsoleTitle);

#ifdef UNICODE
#define WriteConsole WriteConsoleW
#define ReadConsole ReadConsoleW
#define SetConsoleTitle SetConsoleTitleW
#else
#define WriteConsole WriteConsoleA
#define ReadConsole ReadConsoleA
#define SetConsoleTitle SetConsoleTitleA
#endif

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_WIN_CONSOLEAPI_H */
