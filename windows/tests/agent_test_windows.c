/* SPDX-License-Identifier: MIT */
/*
 * The client agent on Windows (and Wine): prjsim-agent.exe started as a process of its own and
 * driven over pipes, then the same agent served in-process, each through the win32 backend on
 * a fresh folder under %TEMP%: what goes in comes back out, the agent exits 0 at the end of its
 * input.
 */
#include "check.h"

#include "../agent_process.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

static void exercise(const WCHAR *dir, const char *how)
{
    const prjsim_backend *be = &prjsim_backend_agent;
    WCHAR sub[MAX_PATH], file[MAX_PATH], other[MAX_PATH];
    swprintf(sub, MAX_PATH, L"%ls\\d", dir);
    swprintf(file, MAX_PATH, L"%ls\\d\\a b.txt", dir);
    swprintf(other, MAX_PATH, L"%ls\\d\\moved\x00e9.txt", dir);
    prjsim_backend_result r = be->mkdir(sub);
    CHECK(r.kind == 'W' && r.code == 0, "%s: mkdir: %c %ld", how, r.kind, (long)r.code);
    r = be->write_file(file, "hello, agent", 12);
    CHECK(r.kind == 'W' && r.code == 0, "%s: write-file: %ld", how, (long)r.code);
    void *data = NULL;
    size_t size = 0;
    r = be->read_file(file, &data, &size);
    CHECK(r.code == 0 && size == 12 && !memcmp(data, "hello, agent", 12), "%s: read-file", how);
    free(data);
    prjsim_backend_open o = {file, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, OPEN_EXISTING, 0, 0};
    prjsim_backend_file *f = NULL;
    r = be->open(&f, &o);
    CHECK(r.code == 0 && f, "%s: open: %ld", how, (long)r.code);
    if (!f)
        return;
    char buf[16];
    uint32_t got = 0;
    r = be->read(f, 7, buf, sizeof buf, &got);
    CHECK(r.code == 0 && got == 5 && !memcmp(buf, "agent", 5), "%s: read: %ld %u", how, (long)r.code, got);
    r = be->write(f, 12, "!", 1, &got);
    CHECK(r.code == 0 && got == 1, "%s: write", how);
    prjsim_file_info info;
    r = be->query_info(f, &info);
    CHECK(r.code == 0 && info.basic.FileSize == 13 && info.link_count == 1, "%s: query-info", how);
    CHECK(be->close(f).code == 0, "%s: close", how);
    r = be->move(file, other, false);
    CHECK(r.code == 0, "%s: move: %ld", how, (long)r.code);
    prjsim_dir_entry *e = NULL;
    size_t count = 0;
    r = be->list(sub, NULL, 0, &e, &count);
    bool found = false;
    for (size_t i = 0; i < count; i++)
        found |= !wcscmp(e[i].name, L"moved\x00e9.txt") && e[i].basic.FileSize == 13;
    free(e);
    CHECK(r.code == 0 && found, "%s: list: %ld, %u entries", how, (long)r.code, (unsigned)count);
    r = be->stat(file, &info);
    CHECK(r.kind == 'W' && r.code == ERROR_FILE_NOT_FOUND, "%s: stat of the old name: %ld", how, (long)r.code);
    CHECK(be->remove(other, false).code == 0, "%s: remove", how);
    CHECK(be->remove(sub, true).code == 0, "%s: remove dir", how);
}

int main(void)
{
    WCHAR temp[MAX_PATH], dir[MAX_PATH], exe[MAX_PATH];
    DWORD n = GetTempPathW(MAX_PATH, temp);
    CHECK(n && n < MAX_PATH, "GetTempPathW");
    swprintf(dir, MAX_PATH, L"%lsprjsim-agent-%lu", temp, (unsigned long)GetCurrentProcessId());
    CHECK(CreateDirectoryW(dir, NULL), "CreateDirectoryW");
    /* prjsim-agent.exe beside this test */
    n = GetModuleFileNameW(NULL, exe, MAX_PATH);
    CHECK(n && n < MAX_PATH, "GetModuleFileNameW");
    WCHAR *slash = wcsrchr(exe, L'\\');
    CHECK(slash != NULL, "no folder in %ls", exe);
    wcscpy(slash + 1, L"prjsim-agent.exe");

    HANDLE process;
    prjsim_agent_conn *c = prjsim_agent_start_process(exe, &process);
    CHECK(c != NULL, "cannot start %ls: error %lu", exe, (unsigned long)GetLastError());
    if (!c)
        return CHECK_RESULT();
    exercise(dir, "process");
    prjsim_agent_disconnect(c);
    CHECK(WaitForSingleObject(process, 60000) == WAIT_OBJECT_0, "the agent did not exit at the end of its input");
    DWORD code = 99;
    GetExitCodeProcess(process, &code);
    CloseHandle(process);
    CHECK(code == 0, "the agent exited %lu", (unsigned long)code);

    c = prjsim_agent_start_local(&prjsim_backend_win32);
    CHECK(c != NULL, "start_local");
    if (!c)
        return CHECK_RESULT();
    exercise(dir, "in-process");
    prjsim_agent_disconnect(c);
    CHECK(RemoveDirectoryW(dir), "RemoveDirectoryW");
    printf("agent on Windows: through a process and in-process\n");
    return CHECK_RESULT();
}
