/* SPDX-License-Identifier: MIT */
/*
 * The console: the standard handles, modes and colours (remembered, without effect), reading
 * and writing through the C streams, and console control handlers.
 *
 * The standard handles are the addresses of three static objects, so they can never collide
 * with a handle from the registry, and CloseHandle (which only knows the registry) refuses
 * them with ERROR_INVALID_HANDLE.
 */
#include "console.h"

#include "utf.h"

#include <prjsim/win.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static struct console {
    int fd;
    DWORD mode;
    WORD attributes;
} consoles[3] = {
    {0, ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT, 0},
    {1, ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT,
     FOREGROUND_RED | FOREGROUND_GREEN | FOREGROUND_BLUE},
    {2, ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT,
     FOREGROUND_RED | FOREGROUND_GREEN | FOREGROUND_BLUE},
};
static pthread_mutex_t console_lock = PTHREAD_MUTEX_INITIALIZER;
static UINT output_cp = CP_UTF8, input_cp = CP_UTF8;

int prjsim__win_console_fd(HANDLE h)
{
    for (int i = 0; i < 3; i++)
        if (h == (HANDLE)&consoles[i])
            return i;
    return -1;
}

FILE *prjsim__win_console_stream(HANDLE h)
{
    switch (prjsim__win_console_fd(h)) {
    case 0: return stdin;
    case 1: return stdout;
    case 2: return stderr;
    default: return NULL;
    }
}

static struct console *console_of(HANDLE h, bool output)
{
    int fd = prjsim__win_console_fd(h);
    if (fd < 0 || (output && fd == 0)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    return &consoles[fd];
}

HANDLE WINAPI GetStdHandle(DWORD nStdHandle)
{
    switch (nStdHandle) {
    case STD_INPUT_HANDLE: return &consoles[0];
    case STD_OUTPUT_HANDLE: return &consoles[1];
    case STD_ERROR_HANDLE: return &consoles[2];
    default:
        SetLastError(ERROR_INVALID_HANDLE);
        return INVALID_HANDLE_VALUE;
    }
}

BOOL WINAPI GetConsoleMode(HANDLE hConsoleHandle, LPDWORD lpMode)
{
    struct console *c = console_of(hConsoleHandle, false);
    if (!c)
        return FALSE;
    if (!lpMode) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    pthread_mutex_lock(&console_lock);
    *lpMode = c->mode;
    pthread_mutex_unlock(&console_lock);
    return TRUE;
}

BOOL WINAPI SetConsoleMode(HANDLE hConsoleHandle, DWORD dwMode)
{
    struct console *c = console_of(hConsoleHandle, false);
    if (!c)
        return FALSE;
    pthread_mutex_lock(&console_lock);
    c->mode = dwMode;
    pthread_mutex_unlock(&console_lock);
    return TRUE;
}

BOOL WINAPI SetConsoleTextAttribute(HANDLE hConsoleOutput, WORD wAttributes)
{
    struct console *c = console_of(hConsoleOutput, true);
    if (!c)
        return FALSE;
    pthread_mutex_lock(&console_lock);
    c->attributes = wAttributes;
    pthread_mutex_unlock(&console_lock);
    return TRUE;
}

BOOL WINAPI GetConsoleScreenBufferInfo(HANDLE hConsoleOutput,
                                       PCONSOLE_SCREEN_BUFFER_INFO lpConsoleScreenBufferInfo)
{
    struct console *c = console_of(hConsoleOutput, true);
    if (!c)
        return FALSE;
    if (!lpConsoleScreenBufferInfo) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    CONSOLE_SCREEN_BUFFER_INFO info;
    memset(&info, 0, sizeof info);
    info.dwSize.X = 80;
    info.dwSize.Y = 25;
    info.srWindow.Right = 79;
    info.srWindow.Bottom = 24;
    info.dwMaximumWindowSize = info.dwSize;
    pthread_mutex_lock(&console_lock);
    info.wAttributes = c->attributes;
    pthread_mutex_unlock(&console_lock);
    *lpConsoleScreenBufferInfo = info;
    return TRUE;
}

/* ---- Writing and reading ---- */

static BOOL write_bytes(HANDLE h, const char *bytes, size_t n)
{
    FILE *f = prjsim__win_console_stream(h);
    if (fwide(f, 0) > 0) {
        /* Someone made the stream wide-oriented; bytes would be refused. */
        size_t wn;
        wchar_t *w = prjsim__wide_from_utf8(bytes, n, &wn);
        bool ok = w != NULL;
        for (size_t i = 0; ok && i < wn; i++)
            ok = fputwc(w[i], f) != WEOF;
        free(w);
        return ok;
    }
    return fwrite(bytes, 1, n, f) == n;
}

static BOOL write_console(HANDLE h, const VOID *buffer, DWORD count, LPDWORD written, bool wide)
{
    if (!console_of(h, true))
        return FALSE;
    if (!buffer && count) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    BOOL ok = TRUE;
    if (count) {
        if (wide) {
            size_t len;
            char *bytes = prjsim__utf8_from_wide(buffer, count, &len);
            ok = bytes && write_bytes(h, bytes, len);
            free(bytes);
        } else {
            ok = write_bytes(h, buffer, count);
        }
    }
    if (!ok) {
        SetLastError(ERROR_WRITE_FAULT);
        count = 0;
    }
    if (written)
        *written = count;
    return ok;
}

BOOL WINAPI WriteConsoleW(HANDLE hConsoleOutput, const VOID *lpBuffer,
                          DWORD nNumberOfCharsToWrite, LPDWORD lpNumberOfCharsWritten,
                          LPVOID lpReserved)
{
    (void)lpReserved;
    return write_console(hConsoleOutput, lpBuffer, nNumberOfCharsToWrite,
                         lpNumberOfCharsWritten, true);
}

BOOL WINAPI WriteConsoleA(HANDLE hConsoleOutput, const VOID *lpBuffer,
                          DWORD nNumberOfCharsToWrite, LPDWORD lpNumberOfCharsWritten,
                          LPVOID lpReserved)
{
    (void)lpReserved;
    return write_console(hConsoleOutput, lpBuffer, nNumberOfCharsToWrite,
                         lpNumberOfCharsWritten, false);
}

/* The rest of a line read but not yet returned (a long line comes over several calls). */
static char *pending;
static size_t pending_len, pending_off;

/* Makes sure @p pending holds unread text; false at the end of input. Console lock held. */
static bool fill_pending(void)
{
    if (pending_off < pending_len)
        return true;
    free(pending);
    pending = NULL;
    pending_len = pending_off = 0;
    size_t cap = 0;
    ssize_t n = getline(&pending, &cap, stdin);
    if (n <= 0)
        return false;
    /* Windows hands a console line over with "\r\n". */
    if (pending[n - 1] == '\n' && (n < 2 || pending[n - 2] != '\r')) {
        char *grown = realloc(pending, (size_t)n + 2);
        if (grown) {
            pending = grown;
            pending[n - 1] = '\r';
            pending[n] = '\n';
            pending[n + 1] = 0;
            n++;
        }
    }
    pending_len = (size_t)n;
    return true;
}

static BOOL read_console(HANDLE h, LPVOID buffer, DWORD count, LPDWORD read, bool wide)
{
    if (prjsim__win_console_fd(h) != 0) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (!buffer && count) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    DWORD done = 0;
    pthread_mutex_lock(&console_lock);
    if (count && fill_pending()) {
        while (done < count && pending_off < pending_len) {
            if (wide) {
                uint32_t cp;
                bool valid;
                pending_off += prjsim__utf8_decode((unsigned char *)pending + pending_off,
                                                   pending_len - pending_off, &cp, &valid);
                ((WCHAR *)buffer)[done++] = (WCHAR)cp;
            } else {
                ((char *)buffer)[done++] = pending[pending_off++];
            }
        }
    }
    pthread_mutex_unlock(&console_lock);
    if (read)
        *read = done;
    return TRUE;
}

BOOL WINAPI ReadConsoleW(HANDLE hConsoleInput, LPVOID lpBuffer, DWORD nNumberOfCharsToRead,
                         LPDWORD lpNumberOfCharsRead, LPVOID pInputControl)
{
    (void)pInputControl;
    return read_console(hConsoleInput, lpBuffer, nNumberOfCharsToRead, lpNumberOfCharsRead, true);
}

BOOL WINAPI ReadConsoleA(HANDLE hConsoleInput, LPVOID lpBuffer, DWORD nNumberOfCharsToRead,
                         LPDWORD lpNumberOfCharsRead, LPVOID pInputControl)
{
    (void)pInputControl;
    return read_console(hConsoleInput, lpBuffer, nNumberOfCharsToRead, lpNumberOfCharsRead,
                        false);
}

BOOL WINAPI FlushConsoleInputBuffer(HANDLE hConsoleInput)
{
    if (prjsim__win_console_fd(hConsoleInput) != 0) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}

/* ---- Code pages and the title ---- */

UINT WINAPI GetConsoleOutputCP(void)
{
    pthread_mutex_lock(&console_lock);
    UINT cp = output_cp;
    pthread_mutex_unlock(&console_lock);
    return cp;
}

BOOL WINAPI SetConsoleOutputCP(UINT wCodePageID)
{
    pthread_mutex_lock(&console_lock);
    output_cp = wCodePageID;
    pthread_mutex_unlock(&console_lock);
    return TRUE;
}

UINT WINAPI GetConsoleCP(void)
{
    pthread_mutex_lock(&console_lock);
    UINT cp = input_cp;
    pthread_mutex_unlock(&console_lock);
    return cp;
}

BOOL WINAPI SetConsoleCP(UINT wCodePageID)
{
    pthread_mutex_lock(&console_lock);
    input_cp = wCodePageID;
    pthread_mutex_unlock(&console_lock);
    return TRUE;
}

BOOL WINAPI SetConsoleTitleW(LPCWSTR lpConsoleTitle)
{
    (void)lpConsoleTitle;
    return TRUE;
}

BOOL WINAPI SetConsoleTitleA(LPCSTR lpConsoleTitle)
{
    (void)lpConsoleTitle;
    return TRUE;
}

/* ---- Console control handlers ---- */

static pthread_mutex_t handlers_lock = PTHREAD_MUTEX_INITIALIZER;
static PHANDLER_ROUTINE *handlers; /* in registration order */
static size_t handler_count, handler_cap;
static bool ignore_ctrl_c;

BOOL WINAPI SetConsoleCtrlHandler(PHANDLER_ROUTINE HandlerRoutine, BOOL Add)
{
    pthread_mutex_lock(&handlers_lock);
    BOOL ok = TRUE;
    if (!HandlerRoutine) {
        ignore_ctrl_c = Add != FALSE;
    } else if (Add) {
        if (handler_count == handler_cap) {
            size_t cap = handler_cap ? handler_cap * 2 : 8;
            PHANDLER_ROUTINE *grown = realloc(handlers, cap * sizeof *grown);
            if (!grown) {
                ok = FALSE;
                SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            } else {
                handlers = grown;
                handler_cap = cap;
            }
        }
        if (ok)
            handlers[handler_count++] = HandlerRoutine;
    } else {
        /* Remove the most recent registration of this handler. */
        size_t i = handler_count;
        while (i > 0 && handlers[i - 1] != HandlerRoutine)
            i--;
        if (i == 0) {
            ok = FALSE;
            SetLastError(ERROR_INVALID_PARAMETER);
        } else {
            memmove(&handlers[i - 1], &handlers[i], (handler_count - i) * sizeof *handlers);
            handler_count--;
        }
    }
    pthread_mutex_unlock(&handlers_lock);
    return ok;
}

void prjsim__win_console_forget_handlers(bool (*owned)(void *handler, void *arg), void *arg)
{
    pthread_mutex_lock(&handlers_lock);
    size_t kept = 0;
    for (size_t i = 0; i < handler_count; i++)
        if (!owned((void *)handlers[i], arg))
            handlers[kept++] = handlers[i];
    handler_count = kept;
    pthread_mutex_unlock(&handlers_lock);
}

BOOL prjsim_win_raise_console_ctrl(DWORD ctrl_type)
{
    /* Call the handlers outside the lock, so a handler may (un)register handlers. */
    pthread_mutex_lock(&handlers_lock);
    if (ctrl_type == CTRL_C_EVENT && ignore_ctrl_c) {
        pthread_mutex_unlock(&handlers_lock);
        return TRUE;
    }
    size_t n = handler_count;
    PHANDLER_ROUTINE *snapshot = n ? malloc(n * sizeof *snapshot) : NULL;
    if (snapshot)
        memcpy(snapshot, handlers, n * sizeof *snapshot);
    else
        n = 0;
    pthread_mutex_unlock(&handlers_lock);
    BOOL handled = FALSE;
    while (!handled && n > 0)
        handled = snapshot[--n](ctrl_type) != FALSE;
    free(snapshot);
    return handled;
}

BOOL WINAPI GenerateConsoleCtrlEvent(DWORD dwCtrlEvent, DWORD dwProcessGroupId)
{
    (void)dwProcessGroupId;
    if (dwCtrlEvent != CTRL_C_EVENT && dwCtrlEvent != CTRL_BREAK_EVENT) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    prjsim_win_raise_console_ctrl(dwCtrlEvent);
    return TRUE;
}
