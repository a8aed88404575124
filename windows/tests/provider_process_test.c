/* SPDX-License-Identifier: MIT */
/*
 * Starting and stopping a provider program, without ProjFS: command-line quoting as
 * CommandLineToArgvW splits it, {root} substitution, a program that exits before it starts
 * virtualizing, one that never does (timeout, then Enter), one that ignores Enter (terminated).
 */
#include "check.h"

#include <provider_process.h>

#include <shellapi.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static WCHAR fake[MAX_PATH];

/* The command line built from @p args splits back into the same arguments. */
static void round_trip(const WCHAR *const *args, size_t n)
{
    WCHAR line[1024];
    CHECK(prjsim_provider_command_line(args, n, L"C:\\root", line, 1024), "fits");
    int got = 0;
    LPWSTR *split = CommandLineToArgvW(line, &got);
    CHECK(split && (size_t)got == n, "%ls: %d arguments", line, got);
    for (size_t i = 0; split && i < n && i < (size_t)got; i++) {
        const WCHAR *want = wcscmp(args[i], L"{root}") ? args[i] : L"C:\\root";
        CHECK(!wcscmp(split[i], want), "argument %zu: [%ls] from [%ls], want [%ls]", i, split[i], line, want);
    }
    LocalFree(split);
}

static void quoting(void)
{
    const WCHAR *plain[] = {L"p.exe", L"a", L"{root}"};
    round_trip(plain, 3);
    const WCHAR *hard[] = {L"C:\\Program Files\\p.exe", L"", L"two words", L"q\"uote", L"tail\\",
                           L"tail space\\", L"a\\\\\"b", L"{root}"};
    round_trip(hard, 8);
    WCHAR small[8];
    CHECK(!prjsim_provider_command_line(hard, 8, L"C:\\root", small, 8), "too long is refused");
}

static void exits_first(void)
{
    prjsim_provider_process p;
    char err[512] = "";
    const WCHAR *args[] = {fake, L"exit", L"3"};
    CHECK(!prjsim_provider_process_start(&p, args, 3, L"C:\\nowhere", 5000, err, sizeof err), "not ready");
    CHECK(strstr(err, "exited with status 3 before it started virtualizing") != NULL, "%s", err);
    CHECK(p.process == NULL, "nothing left running");
}

static void never_ready_then_enter(void)
{
    WCHAR out[MAX_PATH], root[MAX_PATH];
    GetTempPathW(MAX_PATH, out);
    wcscpy(root, out);
    wcscat(out, L"prjsim-fake-args.txt");
    wcscat(root, L"prjsim-fake-root"); /* an ordinary folder is never "virtualized" */
    CreateDirectoryW(root, NULL);
    DeleteFileW(out);
    prjsim_provider_process p;
    char err[512] = "";
    const WCHAR *args[] = {fake, L"wait-enter", out, L"{root}", L"with space"};
    CHECK(!prjsim_provider_process_start(&p, args, 5, root, 500, err, sizeof err), "not ready");
    CHECK(strstr(err, "did not start virtualizing") != NULL, "%s", err);
    CHECK(p.process == NULL, "stopped");
    FILE *f = _wfopen(out, L"r");
    CHECK(f != NULL, "the program ran");
    if (f) {
        WCHAR line[MAX_PATH * 2] = L"", want[MAX_PATH * 2];
        fgetws(line, MAX_PATH * 2, f);
        swprintf(want, MAX_PATH * 2, L"[%ls]\n", root);
        CHECK(!wcscmp(line, want), "{root} became the root: %ls", line);
        fgetws(line, MAX_PATH * 2, f);
        CHECK(!wcscmp(line, L"[with space]\n"), "%ls", line);
        fclose(f);
    }
    DeleteFileW(out);
    RemoveDirectoryW(root);
}

static void ignores_enter(void)
{
    prjsim_provider_process p;
    memset(&p, 0, sizeof p);
    char err[512] = "";
    CHECK(prjsim_provider_process_stop(&p, 100, err, sizeof err), "none running is fine");
    const WCHAR *args[] = {fake, L"hang"};
    CHECK(!prjsim_provider_process_start(&p, args, 2, L"C:\\nowhere", 300, err, sizeof err), "not ready");
    CHECK(p.process == NULL, "terminated after the timeout");
}

int main(void)
{
    GetModuleFileNameW(NULL, fake, MAX_PATH);
    wcscpy(wcsrchr(fake, L'\\') + 1, L"fake_provider.exe");
    quoting();
    exits_first();
    never_ready_then_enter();
    ignores_enter();
    return CHECK_RESULT();
}
