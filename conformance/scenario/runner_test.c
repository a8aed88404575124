/* SPDX-License-Identifier: MIT */
/*
 * The runner: what a failed expectation says, expected failures, implicit checks, leftover
 * diagnostics, golden traces, pended operations, and `prjsim run`'s output and exit status.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scenario.h"

static scn_outcome run_text(const char *text)
{
    scn_script *s = NULL;
    char *errbuf = NULL;
    size_t errlen = 0;
    FILE *err = open_memstream(&errbuf, &errlen);
    int rc = scn_parse_text(&s, text, "t.scn", NULL, err);
    fclose(err);
    cr_assert_eq(rc, SCN_EXIT_PASS, "the script should parse: %s", errbuf);
    free(errbuf);
    scn_outcome o;
    scn_run(s, NULL, &o);
    scn_script_free(s);
    return o;
}

#define ASSERT_MESSAGE(o, text) \
    cr_expect(strstr((o).message, text) != NULL, "expected a message containing\n  %s\ngot\n  %s", text, (o).message)

Test(runner, passes)
{
    scn_outcome o = run_text("item file a.txt content=\"Hello\"\n"
                             "read-file C:\\root\\a.txt\n"
                             "expect data \"Hello\"\n"
                             "expect state C:\\root\\a.txt placeholder,hydrated\n"
                             "expect callbacks GetPlaceholderInfo \"a.txt\", GetFileData \"a.txt\"\n");
    cr_expect_eq(o.verdict, SCN_PASSED, "%s", o.message);
    free(o.recent_trace);
}

Test(runner, failed_result_names_both_codes)
{
    scn_outcome o = run_text("item file a.txt content=\"a\"\n"
                             "open h1 C:\\root\\nope.txt\n"
                             "expect ERROR_PATH_NOT_FOUND|STATUS_SUCCESS\n");
    cr_expect_eq(o.verdict, SCN_FAILED);
    cr_expect_eq(o.line, 3);
    ASSERT_MESSAGE(o, "expected ERROR_PATH_NOT_FOUND (3 = 0x3) or STATUS_SUCCESS (0x00000000), got "
                      "STATUS_OBJECT_NAME_NOT_FOUND (0xC0000034), which a Win32 caller sees as ERROR_FILE_NOT_FOUND (2)");
    cr_expect(o.recent_trace && strstr(o.recent_trace, "op open \"C:\\root\\nope.txt\""), "%s", o.recent_trace);
    free(o.recent_trace);
}

Test(runner, win32_name_matches_the_error_a_caller_sees)
{
    scn_outcome o = run_text("item file a.txt content=\"a\"\n"
                             "open h1 C:\\root\\nope.txt\n"
                             "expect ERROR_FILE_NOT_FOUND\n"
                             "expect STATUS_OBJECT_NAME_NOT_FOUND\n"
                             "expect HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)\n"
                             "provider delete nope.txt\n"
                             "expect ERROR_FILE_NOT_FOUND\n"
                             "expect HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)\n");
    cr_expect_eq(o.verdict, SCN_PASSED, "%s", o.message);
    free(o.recent_trace);
}

Test(runner, unchecked_failure_fails)
{
    scn_outcome o = run_text("item file a.txt content=\"a\"\n"
                             "open h1 C:\\root\\nope.txt\n"
                             "list C:\\root\n");
    cr_expect_eq(o.verdict, SCN_FAILED);
    cr_expect_eq(o.line, 2);
    ASSERT_MESSAGE(o, "open failed: STATUS_OBJECT_NAME_NOT_FOUND (0xC0000034) (put 'expect ...' after it");
    free(o.recent_trace);
}

Test(runner, state_mismatch)
{
    scn_outcome o = run_text("item file a.txt content=\"a\"\n"
                             "open h1 C:\\root\\a.txt\n"
                             "expect state C:\\root\\a.txt placeholder,hydrated\n");
    cr_expect_eq(o.verdict, SCN_FAILED);
    ASSERT_MESSAGE(o, "expected C:\\root\\a.txt to be placeholder,hydrated (0x3), got placeholder (0x1)");
    free(o.recent_trace);
}

Test(runner, listing_mismatch)
{
    scn_outcome o = run_text("item file a.txt content=\"a\"\n"
                             "list C:\\root\n"
                             "expect listing . .. b.txt\n");
    cr_expect_eq(o.verdict, SCN_FAILED);
    ASSERT_MESSAGE(o, "expected listing . .. b.txt, got . .. a.txt");
    free(o.recent_trace);
}

Test(runner, callbacks_mismatch_and_marks)
{
    scn_outcome o = run_text("item file a.txt content=\"a\"\n"
                             "read-file C:\\root\\a.txt\n"
                             "expect callbacks GetPlaceholderInfo \"a.txt\"\n");
    cr_expect_eq(o.verdict, SCN_FAILED);
    ASSERT_MESSAGE(o, "expected callbacks GetPlaceholderInfo \"a.txt\"; got GetPlaceholderInfo \"a.txt\", "
                      "GetFileData \"a.txt\" offset=0 length=1");
    free(o.recent_trace);
    /* an expectation that holds moves the mark on */
    o = run_text("item file a.txt content=\"a\"\n"
                 "open h1 C:\\root\\a.txt\n"
                 "expect callbacks GetPlaceholderInfo \"a.txt\"\n"
                 "read h1 0 1\n"
                 "expect callbacks GetFileData \"a.txt\"\n"
                 "expect callbacks none\n");
    cr_expect_eq(o.verdict, SCN_PASSED, "%s", o.message);
    free(o.recent_trace);
}

Test(runner, xfail_that_fails_passes)
{
    scn_outcome o = run_text("xfail \"the reason\"\n"
                             "item file a.txt content=\"a\"\n"
                             "read-file C:\\root\\a.txt\n"
                             "expect data \"b\"\n");
    cr_expect_eq(o.verdict, SCN_XFAILED);
    cr_expect_str_eq(o.reason, "the reason");
    ASSERT_MESSAGE(o, "expected the data read \"b\", got \"a\"");
    free(o.recent_trace);
}

Test(runner, xfail_that_passes_fails)
{
    scn_outcome o = run_text("xfail \"the reason\"\n"
                             "item file a.txt content=\"a\"\n"
                             "read-file C:\\root\\a.txt\n"
                             "expect data \"a\"\n");
    cr_expect_eq(o.verdict, SCN_XPASSED);
    cr_expect_eq(o.line, 1);
    ASSERT_MESSAGE(o, "marked xfail (\"the reason\") but every expectation held");
    free(o.recent_trace);
}

Test(runner, leftover_diagnostic_fails)
{
    scn_outcome o = run_text("item file a.txt content=\"a\"\n"
                             "provider fail GetFileData E_FAIL\n"
                             "read-file C:\\root\\a.txt\n"
                             "expect STATUS_INTERNAL_ERROR\n");
    cr_expect_eq(o.verdict, SCN_FAILED);
    ASSERT_MESSAGE(o, "unexpected diagnostic unlisted-result (1 time(s))");
    free(o.recent_trace);
}

Test(runner, golden_trace_with_ellipsis)
{
    scn_outcome o = run_text("item file a.txt content=\"a\"\n"
                             "open h1 C:\\root\\a.txt\n"
                             "expect trace <<END\n"
                             "  cb GetPlaceholderInfo \"a.txt\" -> S_OK\n"
                             "  ...\n"
                             "  op open \"C:\\root\\a.txt\" OPEN_EXISTING -> STATUS_SUCCESS\n"
                             "END\n"
                             "close h1\n"
                             "expect trace op <<END\n"
                             "op close \"C:\\root\\a.txt\" -> STATUS_SUCCESS\n"
                             "END\n");
    cr_expect_eq(o.verdict, SCN_PASSED, "%s", o.message);
    free(o.recent_trace);
    o = run_text("item file a.txt content=\"a\"\n"
                 "open h1 C:\\root\\a.txt\n"
                 "expect trace op <<END\n"
                 "op open \"C:\\root\\b.txt\" OPEN_EXISTING -> STATUS_SUCCESS\n"
                 "END\n");
    cr_expect_eq(o.verdict, SCN_FAILED);
    ASSERT_MESSAGE(o, "expected trace line 'op open \"C:\\root\\b.txt\" OPEN_EXISTING -> STATUS_SUCCESS', got "
                      "'op open \"C:\\root\\a.txt\" OPEN_EXISTING -> STATUS_SUCCESS'");
    free(o.recent_trace);
}

Test(runner, pended_operation_waits_for_complete)
{
    scn_outcome o = run_text("item file a.txt content=\"Hello\"\n"
                             "provider pend GetFileData\n"
                             "open h1 C:\\root\\a.txt\n"
                             "read h1 0 5\n"
                             "expect pending\n"
                             "complete GetFileData\n"
                             "await\n"
                             "expect data \"Hello\"\n");
    cr_expect_eq(o.verdict, SCN_PASSED, "%s", o.message);
    free(o.recent_trace);
}

Test(runner, await_without_waiting_operation_fails)
{
    scn_outcome o = run_text("item file a.txt content=\"a\"\n"
                             "read-file C:\\root\\a.txt\n"
                             "await\n");
    cr_expect_eq(o.verdict, SCN_FAILED);
    ASSERT_MESSAGE(o, "await: no operation is waiting");
    free(o.recent_trace);
}

Test(runner, complete_without_pend_fails)
{
    scn_outcome o = run_text("item file a.txt content=\"a\"\n"
                             "complete GetFileData\n");
    cr_expect_eq(o.verdict, SCN_FAILED);
    ASSERT_MESSAGE(o, "complete: no pended GetFileData callback");
    free(o.recent_trace);
}

Test(runner, handle_whose_open_failed)
{
    scn_outcome o = run_text("item file a.txt content=\"a\"\n"
                             "open h1 C:\\root\\nope.txt\n"
                             "expect ERROR_FILE_NOT_FOUND\n"
                             "read h1 0 1\n");
    cr_expect_eq(o.verdict, SCN_FAILED);
    cr_expect_eq(o.line, 4);
    ASSERT_MESSAGE(o, "handle h1 is not open (its open failed)");
    free(o.recent_trace);
}

Test(runner, content_generated)
{
    scn_outcome o = run_text("item file big.bin size=100K gen=9\n"
                             "expect content C:\\root\\big.bin gen=9 size=100K\n");
    cr_expect_eq(o.verdict, SCN_PASSED, "%s", o.message);
    free(o.recent_trace);
    o = run_text("item file big.bin size=100K gen=9\n"
                 "expect content C:\\root\\big.bin gen=10 size=100K\n");
    cr_expect_eq(o.verdict, SCN_FAILED);
    ASSERT_MESSAGE(o, "generated from seed 10, but byte 0 is");
    free(o.recent_trace);
}

/* `prjsim run` prints a line per file and the totals; exit 1 on a failure. */
Test(runner, run_files_output)
{
    char a[] = "/tmp/scn_aXXXXXX", b[] = "/tmp/scn_bXXXXXX", c[] = "/tmp/scn_cXXXXXX";
    int fa = mkstemp(a), fb = mkstemp(b), fc = mkstemp(c);
    cr_assert(fa >= 0 && fb >= 0 && fc >= 0);
    const char *ta = "item file a.txt content=\"a\"\nread-file C:\\root\\a.txt\nexpect data \"a\"\n";
    const char *tb = "item file a.txt content=\"a\"\nread-file C:\\root\\a.txt\nexpect data \"z\"\n";
    const char *tc = "xfail \"known\"\nitem file a.txt content=\"a\"\nread-file C:\\root\\a.txt\nexpect data \"z\"\n";
    cr_assert_eq(write(fa, ta, strlen(ta)), (ssize_t)strlen(ta));
    cr_assert_eq(write(fb, tb, strlen(tb)), (ssize_t)strlen(tb));
    cr_assert_eq(write(fc, tc, strlen(tc)), (ssize_t)strlen(tc));
    close(fa);
    close(fb);
    close(fc);
    char *outbuf = NULL;
    size_t outlen = 0;
    FILE *out = open_memstream(&outbuf, &outlen);
    char *files[] = {a, b, c};
    int rc = scn_run_files(files, 3, NULL, out, stderr);
    fclose(out);
    cr_expect_eq(rc, SCN_EXIT_FAIL);
    char want[256];
    snprintf(want, sizeof want, "PASS %s\n", a);
    cr_expect(strstr(outbuf, want) != NULL, "%s", outbuf);
    snprintf(want, sizeof want, "FAIL %s:3: expected the data read \"z\", got \"a\"\n", b);
    cr_expect(strstr(outbuf, want) != NULL, "%s", outbuf);
    snprintf(want, sizeof want, "XFAIL %s: known (line 4: ", c);
    cr_expect(strstr(outbuf, want) != NULL, "%s", outbuf);
    cr_expect(strstr(outbuf, "2 passed, 1 failed (1 expected failure)\n") != NULL, "%s", outbuf);
    free(outbuf);
    unlink(a);
    unlink(b);
    unlink(c);
}

/* With a provider program, scenarios that script the reference provider are skipped (before
 * anything is loaded), with the line that needs it. */
Test(runner, provider_program_skips_reference_scenarios)
{
    scn_script *s = NULL;
    cr_assert_eq(scn_parse_text(&s, "list C:\\root\nitem file late.txt\n", "t.scn", NULL, stderr), SCN_EXIT_PASS);
    char *argv[] = {"/no/such/provider.so", NULL};
    scn_run_options o = {false, false, NULL, "/no/such/provider.so", 1, argv, NULL, NULL, false, false, NULL, NULL, false, NULL};
    scn_outcome out;
    scn_run(s, &o, &out);
    cr_expect_eq(out.verdict, SCN_SKIPPED);
    cr_expect_eq(out.line, 2);
    ASSERT_MESSAGE(out, "needs the reference provider (line 2: item)");
    free(out.recent_trace);
    scn_script_free(s);
}

Test(runner, provider_program_that_cannot_load_fails)
{
    scn_script *s = NULL;
    cr_assert_eq(scn_parse_text(&s, "list C:\\root\n", "t.scn", NULL, stderr), SCN_EXIT_PASS);
    char *argv[] = {"/no/such/provider.so", NULL};
    scn_run_options o = {false, false, NULL, "/no/such/provider.so", 1, argv, NULL, NULL, false, false, NULL, NULL, false, NULL};
    scn_outcome out;
    scn_run(s, &o, &out);
    cr_expect_eq(out.verdict, SCN_FAILED);
    ASSERT_MESSAGE(out, "cannot load provider /no/such/provider.so");
    free(out.recent_trace);
    scn_script_free(s);
}
