/* SPDX-License-Identifier: MIT */
/*
 * prjconf's case table on Windows, without ProjFS (Wine has none): the cases that need neither
 * ProjFS nor PrjFileName* run through the seam's win32 backend against a plain folder under
 * %TEMP% and pass, a case whose refusal only ProjFS gives fails with its message, the cases
 * needing the simulator are skipped with the reason, and --list's reasons come from the table.
 */
#include "check.h"

#include <prjconf_cases.h>

#include <string.h>
#include <wchar.h>

static void put(const WCHAR *path, const char *text)
{
    HANDLE h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
    CHECK(h != INVALID_HANDLE_VALUE, "create %ls: %lu", path, (unsigned long)GetLastError());
    DWORD n;
    WriteFile(h, text, (DWORD)strlen(text), &n, NULL);
    CloseHandle(h);
}

static size_t index_of(const char *name)
{
    for (size_t i = 0; i < prjconf_case_count; i++)
        if (!strcmp(prjconf_cases[i].name, name))
            return i;
    CHECK(false, "no case %s", name);
    return 0;
}

static void expect(prjsim_projfs_root *root, const char *name, prjconf_outcome want, const char *message_part)
{
    prjconf_result r;
    prjconf_win_run_case(root, index_of(name), &r);
    CHECK(r.outcome == want, "%s: outcome %s, expected %s: %s %s", name, prjconf_outcome_name(r.outcome),
          prjconf_outcome_name(want), r.message, r.details);
    if (message_part)
        CHECK(strstr(r.message, message_part) != NULL, "%s: message \"%s\" lacks \"%s\"", name, r.message,
              message_part);
    prjconf_result_free(&r);
}

int main(void)
{
    prjsim_projfs_root root;
    char err[512] = "";
    CHECK(prjsim_projfs_root_create(&root, NULL, err, sizeof err), "%s", err);
    WCHAR p[MAX_PATH];
    prjsim_projfs_root_join(&root, L"a.txt", p);
    put(p, "alpha");
    prjsim_projfs_root_join(&root, L"dir", p);
    CreateDirectoryW(p, NULL);
    prjsim_projfs_root_join(&root, L"dir\\b.txt", p);
    put(p, "a longer text than the first, for ranges past 3 bytes");
    prjsim_projfs_root_join(&root, L"dir\\empty.txt", p);
    put(p, "");

    static const char *const pass[] = {
        "enum.resume-small-buffers", "enum.restart", "enum.concurrent-sessions", "placeholder.agrees-with-listing",
        "placeholder.name-matches", "placeholder.concurrent-opens", "data.agrees-with-size", "data.ranges",
        "notfound.leaf", "notfound.middle",
    };
    for (size_t i = 0; i < sizeof pass / sizeof pass[0]; i++)
        expect(&root, pass[i], PRJCONF_PASS, NULL);
    /* only a running virtualization root refuses its deletion with ERROR_NOT_SUPPORTED */
    expect(&root, "root.delete", PRJCONF_FAIL, "expected STATUS_NOT_SUPPORTED");
    expect(&root, "results.allowed", PRJCONF_SKIP, "only the simulator offers");
    expect(&root, "pending.cancel", PRJCONF_SKIP, "backend projfs");
    expect(&root, "notify.basic", PRJCONF_SKIP, "needs capability notifications");
    CHECK(prjconf_win_skip_reason(index_of("enum.sorted")) == NULL, "enum.sorted runs on projfs");

    CHECK(prjsim_projfs_root_finish(&root, err, sizeof err), "%s", err);
    return CHECK_RESULT();
}
