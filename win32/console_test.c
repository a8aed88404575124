/* SPDX-License-Identifier: MIT */
/*
 * The console: standard handles that cannot be closed, modes and attributes, WriteConsoleW
 * reaching stdout in order with printf, ReadConsoleW reading stdin lines, and the order in
 * which console control handlers run.
 */
#include <windows.h>
#include <prjsim/win.h>

#include <criterion/criterion.h>

#include <string.h>
#include <unistd.h>

Test(console, standard_handles)
{
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    cr_expect(in && out && err && in != out && out != err && in != err, "three distinct handles");
    cr_expect_neq(out, INVALID_HANDLE_VALUE);
    cr_expect_eq(GetStdHandle(STD_OUTPUT_HANDLE), out, "stable");
    SetLastError(0);
    cr_expect_eq(GetStdHandle((DWORD)-13), INVALID_HANDLE_VALUE);
    cr_expect_eq(GetLastError(), (DWORD)ERROR_INVALID_HANDLE);
    SetLastError(0);
    cr_expect(!CloseHandle(out), "the standard handles cannot be closed");
    cr_expect_eq(GetLastError(), (DWORD)ERROR_INVALID_HANDLE);
    cr_expect_eq(GetStdHandle(STD_OUTPUT_HANDLE), out);
}

Test(console, modes_and_attributes)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    DWORD mode = 0;
    cr_expect(GetConsoleMode(out, &mode));
    cr_expect(mode & ENABLE_PROCESSED_OUTPUT);
    cr_expect(SetConsoleMode(out, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING));
    GetConsoleMode(out, &mode);
    cr_expect(mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING, "remembered");
    DWORD in_mode = 0;
    cr_expect(GetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), &in_mode));
    cr_expect(in_mode & ENABLE_LINE_INPUT);

    CONSOLE_SCREEN_BUFFER_INFO info;
    cr_expect(GetConsoleScreenBufferInfo(out, &info));
    cr_expect_eq(info.wAttributes, FOREGROUND_RED | FOREGROUND_GREEN | FOREGROUND_BLUE);
    cr_expect(SetConsoleTextAttribute(out, FOREGROUND_GREEN | FOREGROUND_INTENSITY));
    GetConsoleScreenBufferInfo(out, &info);
    cr_expect_eq(info.wAttributes, FOREGROUND_GREEN | FOREGROUND_INTENSITY);
    cr_expect_eq(info.dwSize.X, 80);

    SetLastError(0);
    cr_expect(!SetConsoleTextAttribute(GetStdHandle(STD_INPUT_HANDLE), 0));
    cr_expect_eq(GetLastError(), (DWORD)ERROR_INVALID_HANDLE);
    HANDLE ev = CreateEventW(NULL, TRUE, FALSE, NULL);
    SetLastError(0);
    cr_expect(!GetConsoleMode(ev, &mode), "not a console handle");
    cr_expect_eq(GetLastError(), (DWORD)ERROR_INVALID_HANDLE);
    CloseHandle(ev);

    cr_expect_eq(GetConsoleOutputCP(), (UINT)CP_UTF8);
    cr_expect(SetConsoleOutputCP(437));
    cr_expect_eq(GetConsoleOutputCP(), 437u);
    cr_expect(SetConsoleTitleW(L"title"));
}

Test(console, write_console_keeps_order_with_printf)
{
    int fds[2];
    cr_assert_eq(pipe(fds), 0);
    fflush(stdout);
    int saved = dup(1);
    dup2(fds[1], 1);
    close(fds[1]);

    printf("one ");
    DWORD written = 0;
    cr_expect(WriteConsoleW(GetStdHandle(STD_OUTPUT_HANDLE), L"two \x00e9 ", 6, &written, NULL));
    cr_expect_eq(written, 6u, "characters written");
    wprintf(L"three ");
    cr_expect(WriteConsoleA(GetStdHandle(STD_OUTPUT_HANDLE), "four", 4, NULL, NULL));
    fflush(stdout);
    dup2(saved, 1);
    close(saved);

    char buf[64] = {0};
    ssize_t n = read(fds[0], buf, sizeof buf - 1);
    close(fds[0]);
    cr_expect_eq(n, 21);
    cr_expect_str_eq(buf, "one two \xc3\xa9 three four");
    SetLastError(0);
    cr_expect(!WriteConsoleW(GetStdHandle(STD_INPUT_HANDLE), L"x", 1, NULL, NULL));
    cr_expect_eq(GetLastError(), (DWORD)ERROR_INVALID_HANDLE);
}

Test(console, read_console_reads_lines)
{
    int fds[2];
    cr_assert_eq(pipe(fds), 0);
    cr_assert_eq(write(fds[1], "h\xc3\xa9llo\nworld\n", 13), 13);
    close(fds[1]);
    dup2(fds[0], 0);
    close(fds[0]);

    WCHAR buf[16];
    DWORD n = 0;
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    cr_expect(ReadConsoleW(in, buf, 16, &n, NULL));
    cr_expect_eq(n, 7u, "a line with the \\r\\n Windows gives");
    cr_expect(wmemcmp(buf, L"h\x00e9llo\r\n", 7) == 0);
    cr_expect(ReadConsoleW(in, buf, 3, &n, NULL));
    cr_expect_eq(n, 3u);
    cr_expect(wmemcmp(buf, L"wor", 3) == 0);
    char a[16];
    cr_expect(ReadConsoleA(in, a, 16, &n, NULL));
    cr_expect_eq(n, 4u, "the rest of the line");
    cr_expect(memcmp(a, "ld\r\n", 4) == 0);
    cr_expect(ReadConsoleW(in, buf, 16, &n, NULL));
    cr_expect_eq(n, 0u, "end of input");
}

static char order[16];
static size_t order_len;
static BOOL answer_a, answer_b;

static BOOL WINAPI handler_a(DWORD type)
{
    order[order_len++] = (char)('a' + type);
    return answer_a;
}

static BOOL WINAPI handler_b(DWORD type)
{
    order[order_len++] = (char)('A' + type);
    return answer_b;
}

Test(console_ctrl, handlers_run_last_registered_first)
{
    cr_expect(!prjsim_win_raise_console_ctrl(CTRL_C_EVENT), "no handler: not handled");
    cr_expect(SetConsoleCtrlHandler(handler_a, TRUE));
    cr_expect(SetConsoleCtrlHandler(handler_b, TRUE));

    answer_a = TRUE;
    answer_b = FALSE;
    cr_expect(prjsim_win_raise_console_ctrl(CTRL_BREAK_EVENT));
    cr_expect_str_eq(order, "Bb", "b first, then a, which handled it");

    order_len = 0;
    memset(order, 0, sizeof order);
    answer_b = TRUE;
    cr_expect(prjsim_win_raise_console_ctrl(CTRL_C_EVENT));
    cr_expect_str_eq(order, "A", "b handled it: a never ran");

    order_len = 0;
    memset(order, 0, sizeof order);
    answer_a = answer_b = FALSE;
    cr_expect(!prjsim_win_raise_console_ctrl(CTRL_CLOSE_EVENT), "nobody handled it");
    cr_expect_str_eq(order, "Cc");

    cr_expect(SetConsoleCtrlHandler(handler_b, FALSE));
    SetLastError(0);
    cr_expect(!SetConsoleCtrlHandler(handler_b, FALSE), "no longer registered");
    cr_expect_eq(GetLastError(), (DWORD)ERROR_INVALID_PARAMETER);
    order_len = 0;
    memset(order, 0, sizeof order);
    prjsim_win_raise_console_ctrl(CTRL_C_EVENT);
    cr_expect_str_eq(order, "a");

    /* A NULL handler makes the program ignore Ctrl+C (only). */
    cr_expect(SetConsoleCtrlHandler(NULL, TRUE));
    order_len = 0;
    memset(order, 0, sizeof order);
    cr_expect(prjsim_win_raise_console_ctrl(CTRL_C_EVENT));
    cr_expect_str_eq(order, "", "ignored");
    cr_expect(!prjsim_win_raise_console_ctrl(CTRL_BREAK_EVENT));
    cr_expect_str_eq(order, "b");
    cr_expect(SetConsoleCtrlHandler(NULL, FALSE));
    cr_expect(GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0));
    cr_expect_str_eq(order, "ba");
    cr_expect(SetConsoleCtrlHandler(handler_a, FALSE));
}

static HANDLE stop_event;

static BOOL WINAPI set_stop(DWORD type)
{
    (void)type;
    SetEvent(stop_event);
    return TRUE;
}

static DWORD WINAPI program_main(LPVOID arg)
{
    (void)arg;
    return WaitForSingleObject(stop_event, 10000) == WAIT_OBJECT_0 ? 0 : 1;
}

/* The pattern of a console provider: a handler sets an event the main thread waits on. */
Test(console_ctrl, a_handler_stops_a_waiting_program)
{
    stop_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    SetConsoleCtrlHandler(set_stop, TRUE);
    HANDLE t = CreateThread(NULL, 0, program_main, NULL, 0, NULL);
    Sleep(20);
    cr_expect(prjsim_win_raise_console_ctrl(CTRL_C_EVENT));
    cr_expect_eq(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
    DWORD code;
    GetExitCodeThread(t, &code);
    cr_expect_eq(code, 0u);
    CloseHandle(t);
    CloseHandle(stop_event);
}
