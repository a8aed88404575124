/* SPDX-License-Identifier: MIT */
/*
 * Starting and stopping a provider program (provider_process.h).
 *
 * CreateProcessW takes one command line that the program's C runtime splits again (the rules of
 * CommandLineToArgvW: an argument with a space, a tab or a quote is quoted; backslashes are
 * literal except before a quote, where 2n backslashes + quote mean n backslashes and a quote
 * delimiter, and 2n+1 mean n backslashes and a literal quote). Standard input is an anonymous
 * pipe (CreatePipe) whose read end the child inherits; only that handle is marked inheritable.
 */
#include "provider_process.h"
#include "child_handles.h"

#include <prjsim/status.h>

#include <stdio.h>
#include <string.h>
#include <wchar.h>

static bool append(WCHAR *out, size_t size, size_t *used, WCHAR c)
{
    if (*used + 1 >= size)
        return false;
    out[(*used)++] = c;
    out[*used] = 0;
    return true;
}

static bool append_quoted(WCHAR *out, size_t size, size_t *used, const WCHAR *arg)
{
    if (*arg && !wcspbrk(arg, L" \t\"")) {
        for (; *arg; arg++)
            if (!append(out, size, used, *arg))
                return false;
        return true;
    }
    if (!append(out, size, used, L'"'))
        return false;
    for (const WCHAR *s = arg;; s++) {
        size_t slashes = 0;
        while (*s == L'\\') {
            slashes++;
            s++;
        }
        /* Backslashes before a quote or the closing quote are doubled; others stay single. */
        size_t copies = (*s == L'"' || *s == 0) ? slashes * 2 : slashes;
        for (size_t k = 0; k < copies; k++)
            if (!append(out, size, used, L'\\'))
                return false;
        if (*s == 0)
            break;
        if (*s == L'"' && !append(out, size, used, L'\\'))
            return false;
        if (!append(out, size, used, *s))
            return false;
    }
    return append(out, size, used, L'"');
}

bool prjsim_provider_command_line(const WCHAR *const *argv, size_t argc, const WCHAR *root, WCHAR *out,
                                  size_t size)
{
    size_t used = 0;
    if (size == 0)
        return false;
    out[0] = 0;
    for (size_t i = 0; i < argc; i++) {
        const WCHAR *arg = wcscmp(argv[i], L"{root}") ? argv[i] : root;
        if ((i > 0 && !append(out, size, &used, L' ')) || !append_quoted(out, size, &used, arg))
            return false;
    }
    return true;
}

static void close_handle(HANDLE *h)
{
    if (*h) {
        CloseHandle(*h);
        *h = NULL;
    }
}

/* Virtualized: marked as a root, and its listing answers (the provider is serving it). */
static bool root_ready(const WCHAR *root)
{
    DWORD attrs = GetFileAttributesW(root);
    if (attrs == INVALID_FILE_ATTRIBUTES || !(attrs & FILE_ATTRIBUTE_REPARSE_POINT))
        return false;
    WCHAR pattern[MAX_PATH];
    if (swprintf(pattern, MAX_PATH, L"%ls\\*", root) < 0)
        return false;
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileExW(pattern, FindExInfoBasic, &fd, FindExSearchNameMatch, NULL, 0);
    if (h == INVALID_HANDLE_VALUE)
        return false;
    FindClose(h);
    return true;
}

bool prjsim_provider_process_start(prjsim_provider_process *p, const WCHAR *const *argv, size_t argc,
                                   const WCHAR *root, DWORD timeout_ms, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    /* CreateProcessW: at most 32,767 characters, the terminating NUL included; it may write
     * into the buffer. */
    static WCHAR command[32767];
    if (!prjsim_provider_command_line(argv, argc, root, command, sizeof command / sizeof command[0])) {
        snprintf(err, errlen, "the provider's command line is too long");
        return false;
    }
    HANDLE stdin_read = NULL;
    if (!prjsim_win_child_pipe(&stdin_read, &p->stdin_write, 0)) { /* only the read end goes over */
        char name[96];
        snprintf(err, errlen, "CreatePipe: %s", prjsim_format_win32(name, sizeof name, GetLastError()));
        return false;
    }
    STARTUPINFOW si;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = stdin_read;
    si.hStdOutput = prjsim_win_inheritable_std(STD_OUTPUT_HANDLE);
    si.hStdError = prjsim_win_inheritable_std(STD_ERROR_HANDLE);
    PROCESS_INFORMATION pi;
    BOOL ok = CreateProcessW(argv[0], command, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    DWORD e = GetLastError();
    CloseHandle(stdin_read);
    if (si.hStdOutput)
        CloseHandle(si.hStdOutput);
    if (si.hStdError)
        CloseHandle(si.hStdError);
    if (!ok) {
        close_handle(&p->stdin_write);
        char name[96];
        snprintf(err, errlen, "cannot start %ls: %s", argv[0], prjsim_format_win32(name, sizeof name, e));
        return false;
    }
    CloseHandle(pi.hThread);
    p->process = pi.hProcess;
    for (DWORD waited = 0;; waited += 100) {
        if (root_ready(root))
            return true;
        DWORD status = 0;
        if (WaitForSingleObject(p->process, 0) == WAIT_OBJECT_0) {
            GetExitCodeProcess(p->process, &status);
            snprintf(err, errlen, "the provider %ls exited with status %lu before it started virtualizing %ls",
                     argv[0], (unsigned long)status, root);
            close_handle(&p->process);
            close_handle(&p->stdin_write);
            return false;
        }
        if (waited >= timeout_ms) {
            char ignored[64];
            prjsim_provider_process_stop(p, 2000, ignored, sizeof ignored);
            snprintf(err, errlen, "the provider %ls did not start virtualizing %ls within %lu ms", argv[0], root,
                     (unsigned long)timeout_ms);
            return false;
        }
        Sleep(100);
    }
}

bool prjsim_provider_process_stop(prjsim_provider_process *p, DWORD timeout_ms, char *err, size_t errlen)
{
    if (!p->process)
        return true;
    if (p->stdin_write) {
        DWORD n;
        WriteFile(p->stdin_write, "\r\n", 2, &n, NULL); /* Enter; a closed pipe is fine too */
        close_handle(&p->stdin_write);
    }
    bool ok = true;
    if (WaitForSingleObject(p->process, timeout_ms) != WAIT_OBJECT_0) {
        TerminateProcess(p->process, 1);
        WaitForSingleObject(p->process, 5000);
        snprintf(err, errlen, "the provider did not exit within %lu ms of Enter; terminated",
                 (unsigned long)timeout_ms);
        ok = false;
    } else {
        DWORD status = 0;
        GetExitCodeProcess(p->process, &status);
        if (status != 0) {
            snprintf(err, errlen, "the provider exited with status %lu after Enter", (unsigned long)status);
            ok = false;
        }
    }
    close_handle(&p->process);
    return ok;
}
