/* SPDX-License-Identifier: MIT */
/*
 * prjconf.exe's run on Windows, without ProjFS (Wine has none), on a plain folder under %TEMP%:
 *  - its own cases (prjconf_own_cases.c) go through the seam: in process and through the client
 *    agent (prjsim-agent.exe beside this test) they give the same outcomes and messages, and a
 *    failure names its codes;
 *  - a case that hangs (a backend whose listing never returns until the test lets it) fails
 *    "timed out after 1 s", the cases after it are not run and say so;
 *  - --caps: notify.basic is skipped until notifications are declared, then runs;
 *  - the checker's diagnostics go to the case during which the offending call was recorded
 *    (a Prj* call given a NULL context: invalid-context), the others stay the checker case's;
 *  - sessions.no-leak and commands.no-leak read a recorder: they run and pass with one that saw
 *    nothing, and fail once it saw (the test plays ProjFS, as checker_events_test.c does) a
 *    StartDirectoryEnumeration never ended and a GetFileData pended and never completed.
 */
#include "prjconf_test.h"

#include <agent_process.h>
#include <prjconf_cases.h>
#include <prjconf_own_cases.h>

#include <fake_projfs.h>
#include <recording_internal.h>

#include <string.h>
#include <wchar.h>

/* Own cases in order on @p root through @p be into @p rs (prjconf_own_case_count of them). */
static void run_own(prjsim_projfs_root *root, const prjsim_backend *be, prjconf_result *rs)
{
    prjconf_own_state s;
    memset(&s, 0, sizeof s);
    for (size_t i = 0; i < prjconf_own_case_count; i++)
        prjconf_own_run_case(root, be, &s, i, &rs[i]);
    prjconf_own_state_free(&s);
}

static void expect(const prjconf_result *r, const char *name, prjconf_outcome want, const char *part)
{
    CHECK(!strcmp(r->name, name), "case %s, expected %s", r->name, name);
    CHECK(r->outcome == want, "%s: outcome %s, expected %s: %s", name, prjconf_outcome_name(r->outcome),
          prjconf_outcome_name(want), r->message);
    if (part)
        CHECK(strstr(r->message, part) != NULL, "%s: message \"%s\" lacks \"%s\"", name, r->message, part);
}

/* The seam's win32 backend, but its listing waits until `release` is set. */
static HANDLE release;
static prjsim_backend hanging;

static prjsim_backend_result hanging_list(const WCHAR *path, const WCHAR *pattern, uint32_t buffer_bytes,
                                          prjsim_dir_entry **entries, size_t *count)
{
    WaitForSingleObject(release, INFINITE);
    return prjsim_backend_win32.list(path, pattern, buffer_bytes, entries, count);
}

/* The win32 backend, but the listing first makes a call the checker reports (PrjCompleteCommand
 * with a NULL context: invalid-context) and reading a whole file waits like hanging_list. */
static prjsim_backend misbehaving;

static prjsim_backend_result misbehaving_list(const WCHAR *path, const WCHAR *pattern, uint32_t buffer_bytes,
                                              prjsim_dir_entry **entries, size_t *count)
{
    static LONG once;
    if (InterlockedExchange(&once, 1) == 0)
        PrjCompleteCommand(NULL, 7, S_OK, NULL);
    return prjsim_backend_win32.list(path, pattern, buffer_bytes, entries, count);
}

static prjsim_backend_result hanging_read_file(const WCHAR *path, void **data, size_t *size)
{
    WaitForSingleObject(release, INFINITE);
    return prjsim_backend_win32.read_file(path, data, size);
}

/* Without ProjFS (the forwarders then record a NULL context as stale, recording_test.c). */
static void checker_per_case(prjsim_projfs_root *root)
{
    prjsim_recording *rec = NULL;
    CHECK(prjsim_recording_create(&rec) == S_OK && prjsim_recording_attach(rec) == S_OK, "recorder");
    PrjCompleteCommand(NULL, 7, S_OK, NULL); /* before the cases: the checker case's */
    release = CreateEventW(NULL, TRUE, FALSE, NULL);
    misbehaving = prjsim_backend_win32;
    misbehaving.list = misbehaving_list;
    misbehaving.read_file = hanging_read_file;
    prjconf_win_set_backend(&misbehaving);
    prjconf_win_set_recorder(rec);
    prjconf_win_run_info info;
    size_t n = prjconf_win_run(root, stdout, 1, &info);
    prjconf_win_set_recorder(NULL);
    CHECK(n > 2 && info.checker_from == 1 && info.checker_to == 2, "checker lines [%zu, %zu)", info.checker_from,
          info.checker_to);
    if (n > 2) {
        const prjconf_result *r = &info.results[0];
        expect(r, "listing.matches-provider", PRJCONF_FAIL, "diagnostic invalid-context recorded");
        CHECK(!strcmp(r->diagnostics, "invalid-context"), "diagnostics \"%s\"", r->diagnostics);
        CHECK(strstr(r->details, "diagnostic invalid-context: a Prj* function was given a context that is not a "
                                 "running instance (from the recording layer's checker)\n") != NULL,
              "details: %s", r->details);
        expect(&info.results[1], "read.content-matches-provider", PRJCONF_ERROR, "timed out after 1 s");
    }
    prjconf_win_free_results(info.results, info.count);
    SetEvent(release); /* the case left running ends now; its recorder is never freed */
    prjsim_recording_attach(NULL);
    prjconf_win_set_backend(NULL);
}

/* ---- ProjFS, played by the test: the recorder's wrapped callbacks, called directly ---- */

static HRESULT CALLBACK p_enum(const PRJ_CALLBACK_DATA *cd, const GUID *id)
{
    (void)cd, (void)id;
    return S_OK;
}

static HRESULT CALLBACK p_get(const PRJ_CALLBACK_DATA *cd, const GUID *id, PCWSTR search,
                              PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    (void)cd, (void)id, (void)search, (void)buffer;
    return S_OK;
}

static HRESULT CALLBACK p_info(const PRJ_CALLBACK_DATA *cd)
{
    (void)cd;
    return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
}

static HRESULT CALLBACK p_pend(const PRJ_CALLBACK_DATA *cd, UINT64 offset, UINT32 length)
{
    (void)cd, (void)offset, (void)length;
    return HRESULT_FROM_WIN32(ERROR_IO_PENDING);
}

static void observed(prjsim_projfs_root *root)
{
    prjsim_recording *rec = NULL;
    CHECK(prjsim_recording_create(&rec) == S_OK, "recorder");
    prjsim__rec_set_attached(rec);
    prjconf_win_set_recorder(rec);
    size_t sessions = case_index("sessions.no-leak"), commands = case_index("commands.no-leak");
    CHECK(prjconf_win_skip_reason(sessions) == NULL && prjconf_win_skip_reason(commands) == NULL,
          "with a recorder the observing cases run");
    /* pending.cancel cancels the reading thread's I/O (CancelSynchronousIo): with a recorder it
     * needs no simulator, only the capability, declared as any other */
    size_t pending = case_index("pending.cancel");
    const char *why = prjconf_win_skip_reason(pending);
    CHECK(why && strstr(why, "needs capability pending, which the provider does not declare (--caps)"),
          "pending.cancel, pending undeclared: %s", why ? why : "runs");
    prjconf_win_declare_caps(PRJCONF_CAP_NOTIFICATIONS | PRJCONF_CAP_PENDING);
    CHECK(prjconf_win_skip_reason(pending) == NULL, "pending.cancel, pending declared: %s",
          prjconf_win_skip_reason(pending));
    prjconf_win_declare_caps(PRJCONF_CAP_NOTIFICATIONS);
    prjconf_result r;
    prjconf_win_run_case(root, sessions, &r);
    expect(&r, "sessions.no-leak", PRJCONF_PASS, NULL);
    prjconf_result_free(&r);
    prjconf_win_run_case(root, commands, &r);
    expect(&r, "commands.no-leak", PRJCONF_PASS, NULL);
    prjconf_result_free(&r);

    PRJ_CALLBACKS cb;
    memset(&cb, 0, sizeof cb);
    cb.StartDirectoryEnumerationCallback = p_enum;
    cb.EndDirectoryEnumerationCallback = p_enum;
    cb.GetDirectoryEnumerationCallback = p_get;
    cb.GetPlaceholderInfoCallback = p_info;
    cb.GetFileDataCallback = p_pend;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = NULL;
    CHECK(prjsim__rec_start(fake_start, L"C:\\fake", &cb, NULL, NULL, &ctx) == S_OK, "start");
    PRJ_CALLBACK_DATA cd;
    memset(&cd, 0, sizeof cd);
    cd.Size = sizeof cd;
    cd.NamespaceVirtualizationContext = ctx;
    cd.InstanceContext = wrapped_context;
    cd.FilePathName = L"";
    cd.CommandId = 1;
    GUID session = {1, 2, 3, {4, 5, 6, 7, 8, 9, 10, 11}};
    wrapped.StartDirectoryEnumerationCallback(&cd, &session); /* and no End */
    prjconf_win_run_case(root, sessions, &r);
    expect(&r, "sessions.no-leak", PRJCONF_FAIL,
           "1 StartDirectoryEnumeration callbacks but 0 EndDirectoryEnumeration");
    prjconf_result_free(&r);
    cd.CommandId = 2;
    cd.FilePathName = L"a.txt";
    wrapped.GetFileDataCallback(&cd, 0, 6); /* pended, never completed */
    prjconf_win_run_case(root, commands, &r);
    expect(&r, "commands.no-leak", PRJCONF_FAIL, "1 callbacks still in flight after the crawl (command 2 first)");
    prjconf_result_free(&r);

    prjconf_win_set_recorder(NULL);
    prjsim__rec_set_attached(NULL);
    CHECK(prjconf_win_skip_reason(sessions) != NULL, "without a recorder sessions.no-leak is skipped");
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
    put(p, "a longer text than the first");
    bool have_projfs = prjsim_projfs_load(err, sizeof err);

    /* the own cases, in process: a plain folder lists and reads; its files are no placeholders */
    enum { NOWN = 5 };
    CHECK(prjconf_own_case_count == NOWN, "%zu own cases", prjconf_own_case_count);
    prjconf_result local[NOWN], agent[NOWN];
    run_own(&root, &prjsim_backend_win32, local);
    expect(&local[0], "listing.matches-provider", PRJCONF_PASS, NULL);
    expect(&local[1], "read.content-matches-provider", PRJCONF_PASS, NULL);
    expect(&local[2], "state.hydrated-after-read", PRJCONF_FAIL, have_projfs ? "a.txt" : "expected S_OK, got "
           "HRESULT_FROM_WIN32(ERROR_MOD_NOT_FOUND) (0x8007007E)");
    expect(&local[3], "open.missing-name-not-found", PRJCONF_PASS, NULL);
    expect(&local[4], "create.new-file-is-full", have_projfs ? PRJCONF_PASS : PRJCONF_FAIL,
           have_projfs ? NULL : "(full), got 0x0 (HRESULT_FROM_WIN32(ERROR_MOD_NOT_FOUND) (0x8007007E))");
    /* a name a plain folder does have: the failure names the code it got */
    prjsim_projfs_root_join(&root, L"prjconf-no-such-name.txt", p);
    put(p, "");
    prjconf_result again;
    prjconf_own_state s;
    memset(&s, 0, sizeof s);
    prjconf_own_run_case(&root, &prjsim_backend_win32, &s, 3, &again);
    expect(&again, "open.missing-name-not-found", PRJCONF_FAIL, "expected ERROR_FILE_NOT_FOUND (2), got success");
    prjconf_result_free(&again);
    DeleteFileW(p);
    /* the file create.new-file-is-full made: CREATE_NEW again is ERROR_FILE_EXISTS, named */
    prjconf_own_run_case(&root, &prjsim_backend_win32, &s, 4, &again);
    expect(&again, "create.new-file-is-full", PRJCONF_FAIL, "expected success, got ERROR_FILE_EXISTS (80)");
    prjconf_result_free(&again);
    prjconf_own_state_free(&s);
    prjsim_projfs_root_join(&root, L"prjconf-new.txt", p);
    CHECK(DeleteFileW(p), "delete %ls: %lu", p, (unsigned long)GetLastError());

    /* the same through prjsim-agent.exe: the same outcomes and messages */
    HANDLE process;
    prjsim_agent_conn *conn = prjsim_agent_start_beside(&process, err, sizeof err);
    CHECK(conn != NULL, "%s", err);
    if (conn) {
        run_own(&root, &prjsim_backend_agent, agent);
        for (size_t i = 0; i < NOWN; i++) {
            CHECK(agent[i].outcome == local[i].outcome && !strcmp(agent[i].message, local[i].message),
                  "%s: through the agent %s \"%s\", in process %s \"%s\"", agent[i].name,
                  prjconf_outcome_name(agent[i].outcome), agent[i].message, prjconf_outcome_name(local[i].outcome),
                  local[i].message);
            prjconf_result_free(&agent[i]);
        }
        CHECK(prjsim_agent_stop_process(conn, process, err, sizeof err), "%s", err);
        /* with the agent gone its I/O has nowhere to go: it did go through the agent above */
        prjconf_result gone[NOWN];
        run_own(&root, &prjsim_backend_agent, gone);
        CHECK(gone[0].outcome == PRJCONF_FAIL, "listing passed with the agent stopped: %s", gone[0].message);
        for (size_t i = 0; i < NOWN; i++)
            prjconf_result_free(&gone[i]);
    }
    for (size_t i = 0; i < NOWN; i++)
        prjconf_result_free(&local[i]);
    prjsim_projfs_root_join(&root, L"prjconf-new.txt", p);
    DeleteFileW(p);

    /* --caps: notify.basic needs notifications */
    size_t notify = case_index("notify.basic");
    const char *why = prjconf_win_skip_reason(notify);
    CHECK(why && strstr(why, "(--caps notifications runs it)"), "undeclared: %s", why ? why : "runs");
    prjconf_win_declare_caps(0);
    why = prjconf_win_skip_reason(notify);
    CHECK(why && strstr(why, "needs capability notifications, which the provider does not declare (--caps)"),
          "declared none: %s", why ? why : "runs");
    prjconf_win_declare_caps(PRJCONF_CAP_NOTIFICATIONS);
    CHECK(prjconf_win_skip_reason(notify) == NULL, "declared notifications: %s", prjconf_win_skip_reason(notify));
    /* pending.cancel observes the commands in flight: without a recorder it is skipped as
     * the other observing cases (with one, see observed()) */
    why = prjconf_win_skip_reason(case_index("pending.cancel"));
    CHECK(why && strstr(why, "for the bundled provider only"), "pending.cancel: %s", why ? why : "runs");

    if (!have_projfs)
        checker_per_case(&root);
    observed(&root);

    /* a case that hangs: its listing waits; 1 s later it has failed and nothing after it ran */
    release = CreateEventW(NULL, TRUE, FALSE, NULL);
    hanging = prjsim_backend_win32;
    hanging.list = hanging_list;
    prjconf_win_set_backend(&hanging);
    prjconf_win_run_info info;
    size_t n = prjconf_win_run(&root, stdout, 1, &info);
    CHECK(n == NOWN + prjconf_case_count && info.count == n && info.own == NOWN, "%zu results", n);
    CHECK(info.timed_out && !strcmp(info.timed_out, "listing.matches-provider"), "timed out: %s",
          info.timed_out ? info.timed_out : "none");
    if (n == info.count && n > 1) {
        expect(&info.results[0], "listing.matches-provider", PRJCONF_ERROR, "timed out after 1 s");
        for (size_t i = 1; i < n; i++)
            CHECK(info.results[i].outcome == PRJCONF_SKIP &&
                      strstr(info.results[i].message, "not run: listing.matches-provider timed out before it"),
                  "%s: %s %s", info.results[i].name, prjconf_outcome_name(info.results[i].outcome),
                  info.results[i].message);
    }
    prjconf_win_free_results(info.results, info.count);
    SetEvent(release); /* the case left running ends now (its job is never freed) */
    prjconf_win_set_backend(NULL);

    CHECK(prjsim_projfs_root_finish(&root, err, sizeof err), "%s", err);
    return CHECK_RESULT();
}
