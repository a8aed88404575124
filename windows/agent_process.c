/* SPDX-License-Identifier: MIT */
/*
 * Starts prjsim-agent.exe with anonymous pipes as its standard input and output
 * (CreatePipe, CreateProcessW with STARTF_USESTDHANDLES; only the child's ends are
 * inheritable, so the agent sees the end of its input when the runner closes its end) and
 * connects backend "agent" to it through C streams over the runner's ends.
 */
#include "agent_process.h"
#include "child_handles.h"

#include <prjsim/status.h>

#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <wchar.h>

static FILE *stream(HANDLE h, int flags, const char *mode)
{
    int fd = _open_osfhandle((intptr_t)h, flags | _O_BINARY);
    return fd < 0 ? NULL : _fdopen(fd, mode);
}

prjsim_agent_conn *prjsim_agent_start_process(const WCHAR *exe, HANDLE *process)
{
    HANDLE in_r, in_w, out_r, out_w;
    *process = NULL;
    if (!prjsim_win_child_pipe(&in_r, &in_w, 0))
        return NULL;
    if (!prjsim_win_child_pipe(&out_r, &out_w, 1)) {
        CloseHandle(in_r);
        CloseHandle(in_w);
        return NULL;
    }
    STARTUPINFOW si;
    ZeroMemory(&si, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = in_r;
    si.hStdOutput = out_w;
    si.hStdError = prjsim_win_inheritable_std(STD_ERROR_HANDLE);
    PROCESS_INFORMATION pi;
    size_t n = wcslen(exe) + 3;
    WCHAR *cmd = malloc(n * sizeof *cmd);
    if (!cmd)
        abort();
    swprintf(cmd, n, L"\"%ls\"", exe);
    BOOL ok = CreateProcessW(exe, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    DWORD err = GetLastError();
    free(cmd);
    CloseHandle(in_r); /* the child's ends: the child has them now */
    CloseHandle(out_w);
    if (si.hStdError)
        CloseHandle(si.hStdError);
    if (!ok) {
        CloseHandle(in_w);
        CloseHandle(out_r);
        SetLastError(err);
        return NULL;
    }
    CloseHandle(pi.hThread);
    FILE *to = stream(in_w, _O_WRONLY, "wb"), *from = stream(out_r, _O_RDONLY, "rb");
    if (!to || !from)
        abort();
    *process = pi.hProcess;
    return prjsim_agent_connect(to, from);
}

bool prjsim_agent_find_beside(WCHAR exe[MAX_PATH], char *err, size_t errlen)
{
    DWORD n = GetModuleFileNameW(NULL, exe, MAX_PATH);
    WCHAR *slash = n && n < MAX_PATH ? wcsrchr(exe, L'\\') : NULL;
    if (!slash || (size_t)(slash + 1 - exe) + sizeof "prjsim-agent.exe" > MAX_PATH) {
        snprintf(err, errlen, "the client agent: cannot tell this program's folder (GetModuleFileNameW)");
        return false;
    }
    wcscpy(slash + 1, L"prjsim-agent.exe");
    if (GetFileAttributesW(exe) == INVALID_FILE_ATTRIBUTES) {
        snprintf(err, errlen, "the client agent %ls is missing: it is built and installed beside this program",
                 exe);
        return false;
    }
    return true;
}

prjsim_agent_conn *prjsim_agent_start_beside(HANDLE *process, char *err, size_t errlen)
{
    WCHAR exe[MAX_PATH];
    *process = NULL;
    if (!prjsim_agent_find_beside(exe, err, errlen))
        return NULL;
    prjsim_agent_conn *c = prjsim_agent_start_process(exe, process);
    if (!c) {
        char name[96];
        snprintf(err, errlen, "the client agent %ls cannot be started: %s", exe,
                 prjsim_format_win32(name, sizeof name, GetLastError()));
    }
    return c;
}

bool prjsim_agent_stop_process(prjsim_agent_conn *c, HANDLE process, char *err, size_t errlen)
{
    prjsim_agent_disconnect(c);
    bool ok = false;
    if (WaitForSingleObject(process, 60000) != WAIT_OBJECT_0) {
        snprintf(err, errlen, "the client agent did not exit within 60 s of the end of its input; ended");
        TerminateProcess(process, 1);
    } else {
        DWORD code = 99;
        GetExitCodeProcess(process, &code);
        ok = code == 0;
        if (!ok)
            snprintf(err, errlen, "the client agent exited with status %lu (1: a request it did not understand)",
                     (unsigned long)code);
    }
    CloseHandle(process);
    return ok;
}
