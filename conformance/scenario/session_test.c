/* SPDX-License-Identifier: MIT */
/*
 * Sessions: statements run as they arrive in one simulation, a failed operation or
 * expectation is reported and the session goes on, malformed lines run nothing and are not
 * kept, what happened is described as expectations that hold, and the text replays.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"

static const char *setup = "root C:\\root\nitem file a.txt content=\"Hello\"\nitem dir d\n";

static scn_session *open_session(void)
{
    scn_session *s = NULL;
    char msg[1024] = "";
    cr_assert_eq(scn_session_open(&s, setup, NULL, NULL, msg, sizeof msg), SCN_SESSION_OK, "%s", msg);
    return s;
}

Test(session, runs_statements_as_they_come)
{
    scn_session *s = open_session();
    char msg[1024] = "";
    cr_expect_eq(scn_session_run(s, "read-file C:\\root\\a.txt", msg, sizeof msg), SCN_SESSION_OK, "%s", msg);
    size_t n;
    const unsigned char *d = scn_session_data(s, &n);
    cr_expect(d && n == 5 && !memcmp(d, "Hello", 5));
    cr_expect_eq(scn_session_state(s, L"C:\\root\\a.txt"), PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER);
    cr_expect_eq(scn_session_state(s, L"C:\\root\\d"), SCN_SESSION_VIRTUAL);
    /* the same simulation: the second read asks the provider nothing */
    scn_session_run(s, "mark\nread-file C:\\root\\a.txt\nexpect callbacks none", msg, sizeof msg);
    cr_expect_eq(scn_session_run(s, "expect callbacks none", msg, sizeof msg), SCN_SESSION_OK, "%s", msg);
    scn_session_close(s);
}

Test(session, a_failed_operation_does_not_end_it)
{
    scn_session *s = open_session();
    char msg[1024] = "";
    cr_expect_eq(scn_session_run(s, "read-file C:\\root\\nope.txt", msg, sizeof msg), SCN_SESSION_OK, "%s", msg);
    char kind;
    cr_expect_eq(scn_session_result(s, &kind, NULL), STATUS_OBJECT_NAME_NOT_FOUND);
    cr_expect_eq(kind, 'S');
    cr_expect_eq(scn_session_run(s, "expect STATUS_SUCCESS", msg, sizeof msg), SCN_SESSION_FAILED);
    cr_expect(strstr(msg, "STATUS_OBJECT_NAME_NOT_FOUND") != NULL, "%s", msg);
    cr_expect_eq(scn_session_run(s, "read-file C:\\root\\a.txt\nexpect data \"Hello\"", msg, sizeof msg),
                 SCN_SESSION_OK, "%s", msg);
    scn_session_close(s);
}

Test(session, malformed_lines_run_nothing_and_are_not_kept)
{
    scn_session *s = open_session();
    char msg[1024] = "";
    size_t before = strlen(scn_session_text(s));
    cr_expect_eq(scn_session_run(s, "read-file C:\\root\\a.txt\nfrobnicate", msg, sizeof msg), SCN_SESSION_MALFORMED);
    cr_expect(strstr(msg, "frobnicate") != NULL, "%s", msg);
    cr_expect_eq(strlen(scn_session_text(s)), before);
    size_t n;
    cr_expect_null(scn_session_data(s, &n), "the read before the bad line must not have run");
    scn_session_close(s);
}

Test(session, describes_what_happened_and_replays)
{
    scn_session *s = open_session();
    char msg[1024] = "";
    scn_session_run(s, "mark\nread-file C:\\root\\A.TXT\nexpect STATUS_SUCCESS", msg, sizeof msg);
    char *d = scn_session_describe(s);
    cr_expect(strstr(d, "expect callbacks GetPlaceholderInfo \"A.TXT\", GetFileData \"a.txt\"\n") != NULL, "%s", d);
    cr_expect(strstr(d, "expect notifications FILE_OPENED \"A.TXT\"\n") != NULL, "%s", d);
    cr_expect_eq(scn_session_run(s, d, msg, sizeof msg), SCN_SESSION_OK, "%s", msg);
    free(d);
    scn_session_run(s, "mark\nprovider fail GetFileData d E_FAIL\nopen h C:\\root\\d\\x.txt\nexpect ERROR_FILE_NOT_FOUND",
                    msg, sizeof msg);
    /* the whole text is a scenario that passes on its own */
    scn_script *script = NULL;
    cr_assert_eq(scn_parse_text(&script, scn_session_text(s), "replay.scn", NULL, NULL), SCN_EXIT_PASS);
    scn_outcome o;
    scn_run(script, NULL, &o);
    cr_expect_eq(o.verdict, SCN_PASSED, "%s", o.message);
    free(o.recent_trace);
    scn_script_free(script);
    scn_session_close(s);
}

Test(session, pended_operations_wait_until_completed)
{
    scn_session *s = open_session();
    char msg[1024] = "";
    scn_session_run(s, "provider pend GetFileData\nread-file C:\\root\\a.txt", msg, sizeof msg);
    bool pending = false;
    scn_session_result(s, NULL, &pending);
    cr_expect(pending);
    cr_expect_eq(scn_session_waiting(s), 1);
    cr_expect_eq(scn_session_oldest_pended(s), PRJSIM_CB_GET_FILE_DATA);
    cr_expect_eq(scn_session_run(s, "complete GetFileData\nawait\nexpect data \"Hello\"", msg, sizeof msg),
                 SCN_SESSION_OK, "%s", msg);
    cr_expect_eq(scn_session_waiting(s), 0);
    cr_expect_eq(scn_session_oldest_pended(s), PRJSIM_CB_COUNT_);
    scn_session_close(s);
}

Test(session, a_bad_setup_is_refused)
{
    scn_session *s = (scn_session *)1;
    char msg[1024] = "";
    cr_expect_eq(scn_session_open(&s, "root nowhere\n", NULL, NULL, msg, sizeof msg), SCN_SESSION_MALFORMED);
    cr_expect_null(s);
    cr_expect(msg[0]);
}
