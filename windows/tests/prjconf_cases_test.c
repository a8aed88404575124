/* SPDX-License-Identifier: MIT */
/*
 * prjconf's case table on Windows, without ProjFS (Wine has none): the cases that need neither
 * ProjFS nor PrjFileName* run through the seam's win32 backend against a plain folder under
 * %TEMP% and pass, a case whose refusal only ProjFS gives fails with its message, the cases
 * needing the simulator or the recording layer are skipped with the reason. Then the same
 * through the client agent's process (prjsim-agent.exe beside this test, as prjconf.exe runs
 * it): every case of the table gives the same outcome and message as in process.
 */
#include "prjconf_test.h"

#include <agent_process.h>
#include <prjconf_cases.h>

#include <string.h>
#include <wchar.h>

static const char *how = "in process";

static void expect(prjsim_projfs_root *root, const char *name, prjconf_outcome want, const char *message_part)
{
    prjconf_result r;
    prjconf_win_run_case(root, case_index(name), &r);
    CHECK(r.outcome == want, "%s, %s: outcome %s, expected %s: %s %s", how, name, prjconf_outcome_name(r.outcome),
          prjconf_outcome_name(want), r.message, r.details);
    if (message_part)
        CHECK(strstr(r.message, message_part) != NULL, "%s: message \"%s\" lacks \"%s\"", name, r.message,
              message_part);
    prjconf_result_free(&r);
}

/* The cases that need no ProjFS (the others call PrjGetOnDiskFileState or PrjFileName*, which
 * would end this program: ProjectedFSLib.dll is not under Wine); the first NPASS pass. */
static const char *const known[] = {
    "enum.resume-small-buffers", "enum.restart", "enum.concurrent-sessions", "placeholder.agrees-with-listing",
    "placeholder.name-matches", "placeholder.concurrent-opens", "data.agrees-with-size", "data.ranges",
    "notfound.leaf", "notfound.middle", "results.allowed",
    "root.delete", "sessions.no-leak", "pending.cancel", "notify.basic",
};
enum { NPASS = 11, NKNOWN = sizeof known / sizeof known[0] };

static void expect_known(prjsim_projfs_root *root)
{
    for (size_t i = 0; i < NPASS; i++)
        expect(root, known[i], PRJCONF_PASS, NULL);
    /* only a running virtualization root refuses its deletion with ERROR_NOT_SUPPORTED */
    expect(root, "root.delete", PRJCONF_FAIL, "expected STATUS_NOT_SUPPORTED");
    /* no recorder here (prjconf_run_test.c gives one) */
    expect(root, "sessions.no-leak", PRJCONF_SKIP, "for the bundled provider only");
    expect(root, "pending.cancel", PRJCONF_SKIP, "for the bundled provider only");
    expect(root, "notify.basic", PRJCONF_SKIP, "needs capability notifications");
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

    expect_known(&root);
    CHECK(prjconf_win_skip_reason(case_index("enum.sorted")) == NULL, "enum.sorted runs on projfs");

    /* those cases in process, then through prjsim-agent.exe: the same outcomes and messages */
    prjconf_result local[NKNOWN];
    for (size_t i = 0; i < NKNOWN; i++)
        prjconf_win_run_case(&root, case_index(known[i]), &local[i]);
    HANDLE process;
    err[0] = 0;
    prjsim_agent_conn *conn = prjsim_agent_start_beside(&process, err, sizeof err);
    CHECK(conn != NULL, "%s", err);
    if (!conn)
        return CHECK_RESULT();
    prjconf_win_set_backend(&prjsim_backend_agent);
    how = "through the agent";
    expect_known(&root);
    size_t ran = 0;
    for (size_t i = 0; i < NKNOWN; i++) {
        prjconf_result r;
        prjconf_win_run_case(&root, case_index(known[i]), &r);
        CHECK(r.outcome == local[i].outcome && !strcmp(r.message, local[i].message),
              "%s: through the agent %s \"%s\", in process %s \"%s\"", r.name, prjconf_outcome_name(r.outcome),
              r.message, prjconf_outcome_name(local[i].outcome), local[i].message);
        ran += r.outcome != PRJCONF_SKIP;
        prjconf_result_free(&r);
    }
    CHECK(prjsim_agent_stop_process(conn, process, err, sizeof err), "%s", err);
    /* with the agent gone the I/O has nowhere to go: it did go through the agent above */
    prjconf_result gone;
    prjconf_win_run_case(&root, case_index("data.ranges"), &gone);
    CHECK(gone.outcome != PRJCONF_PASS, "data.ranges passed with the agent stopped: its I/O did not go through it");
    prjconf_result_free(&gone);
    prjconf_win_set_backend(NULL);
    for (size_t i = 0; i < NKNOWN; i++)
        prjconf_result_free(&local[i]);
    printf("prjconf's table on a plain folder: %zu cases ran through prjsim-agent.exe as in process\n", ran);

    CHECK(prjsim_projfs_root_finish(&root, err, sizeof err), "%s", err);
    return CHECK_RESULT();
}
