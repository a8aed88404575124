/* SPDX-License-Identifier: MIT */
/*
 * The parser's error messages: every malformed construct gives `file:line: message` and exit
 * status 2, and nothing runs.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scenario.h"

/* Parses @p script as "t.scn" and returns what went to stderr (malloc'd); *rc the status. */
static char *parse_errors(const char *script, int *rc, scn_script **out)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *err = open_memstream(&buf, &len);
    cr_assert_not_null(err);
    *rc = scn_parse_text(out, script, "t.scn", NULL, err);
    fclose(err);
    return buf;
}

static void malformed(const char *script, const char *want)
{
    int rc;
    scn_script *s = NULL;
    char *got = parse_errors(script, &rc, &s);
    cr_expect_eq(rc, SCN_EXIT_MALFORMED, "exit status for:\n%s", script);
    cr_expect_null(s);
    cr_expect(strstr(got, want) != NULL, "expected a message containing\n  %s\ngot\n  %s", want, got);
    free(got);
    scn_script_free(s);
}

#define MALFORMED(name, script, want) \
    Test(parser, name) { malformed(script, want); }

MALFORMED(unknown_statement, "item file a.txt\nfrobnicate h1\n", "t.scn:2: unknown statement 'frobnicate'")
MALFORMED(unknown_statement_hint, "opne h1 C:\\root\\a.txt\n", "t.scn:1: unknown statement 'opne' (did you mean 'open'?)")
MALFORMED(setup_after_operation, "list C:\\root\noption negative-path-cache\n",
          "t.scn:2: 'option' is a setup statement: put it before the first operation")
MALFORMED(mapping_after_operation, "list C:\\root\nmapping \"\" all\n", "t.scn:2: 'mapping' is a setup statement")
MALFORMED(unknown_option, "option frobs\n", "t.scn:1: unknown option 'frobs'")
MALFORMED(option_bad_value, "option negative-path-cache=maybe\n", "t.scn:1: option negative-path-cache takes on or off")
MALFORMED(option_bad_alignment, "option write-alignment=1000\n", "t.scn:1: write-alignment must be a power of two")
MALFORMED(unknown_notification_type, "mapping \"\" file_opend\n", "t.scn:1: unknown notification type 'file_opend'")
MALFORMED(mapping_full_path, "mapping C:\\root all\n", "t.scn:1: expected a path relative to the root")
MALFORMED(bad_item, "item file \"a|b.txt\" content=\"x\"\n", "t.scn:1: item:")
MALFORMED(item_not_manifest, "item thing a.txt\n", "t.scn:1: item needs a manifest line")
MALFORMED(missing_manifest, "manifest no/such/file.manifest\n", "t.scn:1: manifest file 'no/such/file.manifest' not found")
MALFORMED(missing_state, "state no/such/dir\n", "t.scn:1: state folder 'no/such/dir' not found")
MALFORMED(newer_state, "state conformance/scenario/testdata/newer-volume\n",
          "t.scn:1: state: ")
MALFORMED(newer_state_says_why, "state conformance/scenario/testdata/newer-volume\n",
          "C%3A%5CROOT.volume:1: volume state format 9 is newer than this prjsim reads (1)")
MALFORMED(state_after_operation, "list C:\\root\nstate conformance/scenarios/lifecycle/saved-volume\n",
          "t.scn:2: 'state' is a setup statement")
Test(parser, state_statement)
{
    int rc;
    scn_script *s = NULL;
    char *got = parse_errors("state conformance/scenarios/lifecycle/saved-volume\nlist C:\\root\n", &rc, &s);
    cr_expect_eq(rc, 0, "%s", got);
    cr_expect_not_null(s);
    free(got);
    scn_script_free(s);
}

MALFORMED(relative_client_path, "open h1 a.txt\n", "t.scn:1: expected a full path such as C:\\root\\a.txt, got 'a.txt'")
MALFORMED(bad_handle_name, "open 1h C:\\root\\a.txt\n", "t.scn:1: expected a handle name such as h1, got '1h'")
MALFORMED(unopened_handle, "read h9 0 1\n", "t.scn:1: handle 'h9' is not open (open it with 'open h9 PATH' first)")
MALFORMED(closed_handle, "open h1 C:\\root\\a.txt\nclose h1\nread h1 0 1\n", "t.scn:3: handle 'h1' is not open")
MALFORMED(handle_opened_twice, "open h1 C:\\root\\a.txt\nopen h1 C:\\root\\b.txt\n",
          "t.scn:2: handle 'h1' is already open")
MALFORMED(unknown_access, "open h1 C:\\root\\a.txt access=read,fly\n", "t.scn:1: unknown access right 'fly'")
MALFORMED(unknown_disposition, "open h1 C:\\root\\a.txt disp=sometimes\n", "t.scn:1: unknown disposition 'sometimes'")
MALFORMED(two_dispositions, "open h1 C:\\root\\a.txt disp=create_new,open_existing\n", "t.scn:1: disp takes one of")
MALFORMED(unknown_open_flag, "open h1 C:\\root\\a.txt flags=sideways\n", "t.scn:1: unknown open flag 'sideways'")
MALFORMED(unknown_open_option, "open h1 C:\\root\\a.txt lock=read\n", "t.scn:1: unknown option 'lock' (access=, share=,")
MALFORMED(symlink_without_target, "symlink C:\\root\\l.txt\n", "t.scn:1: usage: symlink LINK TARGET [dir]")
MALFORMED(symlink_relative_link, "symlink l.txt a.txt\n", "t.scn:1: expected a full path")
MALFORMED(unknown_share_mode, "open h1 C:\\root\\a.txt share=read,exec\n", "t.scn:1: unknown share mode 'exec'")
MALFORMED(bad_number, "open h1 C:\\root\\a.txt\nread h1 zero 1\n", "t.scn:2: bad offset 'zero'")
MALFORMED(missing_read_length, "open h1 C:\\root\\a.txt\nread h1 0\n", "t.scn:2: usage: read H OFFSET LENGTH")
MALFORMED(bad_escape, "open h1 C:\\root\\a.txt\nwrite h1 0 \"a\\qb\"\n", "t.scn:2: unknown escape '\\q' in data")
MALFORMED(unterminated_string, "write-file C:\\root\\a.txt \"abc\n", "t.scn:1: unterminated double-quoted string")
MALFORMED(extra_argument, "mkdir C:\\root\\d now\n", "t.scn:1: unexpected argument 'now' in column 17")
MALFORMED(restart_without_handle, "list C:\\root restart\n", "t.scn:1: 'restart' needs a directory handle")
MALFORMED(unknown_list_option, "list C:\\root sort=name\n", "t.scn:1: unknown list option 'sort=name'")
MALFORMED(unknown_attribute, "set-attributes C:\\root\\a.txt shiny\n", "t.scn:1: unknown attribute 'shiny'")
MALFORMED(bad_time, "set-times C:\\root\\a.txt mtime=yesterday\n", "t.scn:1: bad time 'yesterday'")
MALFORMED(unknown_status_name, "open h1 C:\\root\\a.txt\nexpect ERROR_NOPE\n", "t.scn:2: unknown status name 'ERROR_NOPE'")
MALFORMED(unknown_alternative, "open h1 C:\\root\\a.txt\nexpect ERROR_FILE_NOT_FOUND|STATUS_NOPE\n",
          "t.scn:2: unknown status name 'STATUS_NOPE'")
MALFORMED(empty_alternative, "open h1 C:\\root\\a.txt\nexpect ERROR_FILE_NOT_FOUND|\n", "t.scn:2: empty result name")
MALFORMED(unknown_diagnostic, "list C:\\root\nexpect diag unsorted-entrie\n",
          "t.scn:2: unknown diagnostic 'unsorted-entrie' (known: unsorted-entries,")
MALFORMED(no_diags_typo, "list C:\\root\nexpect no diag\n", "t.scn:2: did you mean 'expect no diags'?")
MALFORMED(unknown_state, "expect state C:\\root\\a.txt hydrate\n", "t.scn:1: unknown state 'hydrate'")
MALFORMED(virtual_with_bits, "expect state C:\\root\\a.txt virtual,placeholder\n",
          "t.scn:1: virtual and missing stand alone")
MALFORMED(unknown_callback, "list C:\\root\nexpect callbacks GetFileDate \"a.txt\"\n", "t.scn:2: unknown callback 'GetFileDate'")
MALFORMED(notification_in_callbacks, "list C:\\root\nexpect callbacks Notification\n", "t.scn:2: unknown callback 'Notification'")
MALFORMED(unknown_notification, "list C:\\root\nexpect notifications FILE_OPEN \"a.txt\"\n",
          "t.scn:2: unknown notification type 'FILE_OPEN'")
MALFORMED(callbacks_missing_comma, "list C:\\root\nexpect callbacks GetFileData \"a\" \"b\"\n",
          "t.scn:2: unexpected 'b' in column 34 (items are separated by commas")
MALFORMED(callbacks_trailing_comma, "list C:\\root\nexpect callbacks GetFileData \"a\",\n",
          "t.scn:2: a trailing comma")
MALFORMED(named_root_bad_name, "root 2nd! C:\\other\n", "t.scn:1: expected a root name such as second")
MALFORMED(named_root_twice, "root second C:\\a\nroot second C:\\b\n", "t.scn:2: root 'second' is declared twice")
MALFORMED(named_root_relative_path, "root second other\n", "t.scn:1: expected a full path")
MALFORMED(start_unknown_root, "root second C:\\other\nstart third\n",
          "t.scn:2: unknown root 'third' (declare it first with 'root third C:\\PATH'; declared: second)")
MALFORMED(item_unknown_root, "item @third file a.txt\n", "t.scn:1: unknown root 'third'")
MALFORMED(item_named_root_without_line, "root second C:\\other\nitem @second\n", "t.scn:2: item needs a manifest line")
MALFORMED(misbehave_unknown_bug, "provider misbehave lie\n", "t.scn:1: unknown misbehaviour 'lie' (short-data,")
MALFORMED(misbehave_without_bug, "provider misbehave\n", "t.scn:1: usage: provider misbehave BUG")
MALFORMED(misbehave_extra_word, "provider misbehave short-data a.txt b.txt\n", "t.scn:1: unexpected")
MALFORMED(faults_bad_spec, "option faults=\"GetFileData:nth=0:fail=E_FAIL\"\n",
          "t.scn:1: option faults: clause 1 \"GetFileData:nth=0:fail=E_FAIL\": nth must be a whole number from 1")
MALFORMED(faults_without_spec, "option faults\n", "t.scn:1: option faults needs a spec")
MALFORMED(extended_attributes_not_modelled, "set-ea C:\\root\\a.txt NAME \"v\"\n",
          "t.scn:1: 'set-ea': extended attributes (NtSetEaFile, NtQueryEaFile, FILE_FULL_EA_INFORMATION) are not modelled")
MALFORMED(expect_extended_attributes, "query-ea C:\\root\\a.txt\n", "t.scn:1: 'query-ea': extended attributes")
MALFORMED(at_least_without_count, "list C:\\root\nexpect callbacks at-least\n",
          "t.scn:2: usage: expect callbacks|notifications at-least N ITEM")
MALFORMED(at_least_zero, "list C:\\root\nexpect callbacks at-least 0 GetFileData\n",
          "t.scn:2: at-least needs a count of 1 or more")
MALFORMED(at_least_without_items, "list C:\\root\nexpect notifications at-least 2\n",
          "t.scn:2: expect ... at-least N needs items")
MALFORMED(wildcard_offset_in_notification, "list C:\\root\nexpect notifications FILE_OPENED offset=*\n",
          "t.scn:2: unexpected 'offset=*'")
MALFORMED(unterminated_block, "list C:\\root\nexpect trace <<END\nop open\n", "t.scn:2: unterminated block: no line 'END' after '<<END'")
MALFORMED(block_without_terminator, "list C:\\root\nexpect trace <<\nEND\n", "t.scn:2: a block needs a terminator word")
MALFORMED(unknown_trace_kind, "list C:\\root\nexpect trace ops <<END\nEND\n", "t.scn:2: unknown trace kind 'ops'")
/* The word after the trace kinds must open a block (<<END) or name a file: `X` is neither,
 * and `XYEND` is not a block ending at END (issue 10: both were read as `<<` without a look). */
MALFORMED(trace_kinds_then_plain_word, "expect trace op X\n",
          "t.scn:1: expected <<END or file PATH after 'expect trace KINDS', got 'X' in column 17")
MALFORMED(trace_block_needs_angle_brackets, "list C:\\root\nexpect trace op XYEND\nop list\nEND\n",
          "t.scn:2: expected <<END or file PATH after 'expect trace KINDS', got 'XYEND'")
MALFORMED(trace_plain_word, "list C:\\root\nexpect trace X\n", "t.scn:2: unknown trace kind 'X'")
/* A bad field after a callback's path: the message, and (under ASan) nothing leaks. */
MALFORMED(callback_bad_pid, "expect callbacks GetPlaceholderInfo \"a.txt\" pid=x\n",
          "t.scn:1: bad process id 'x' (a number)")
MALFORMED(callback_bad_offset, "expect callbacks GetFileData \"a.txt\" image=a image=b search=* offset=z\n",
          "t.scn:1: bad offset 'z'")
MALFORMED(notification_bad_pid, "expect notifications FILE_RENAMED \"a\" to \"b\" to \"c\" pid=-\n",
          "t.scn:1: bad process id '-'")
/* Nothing to run is no PASS. */
MALFORMED(empty_script, "", "t.scn:1: empty scenario: no statement to run")
MALFORMED(comments_only, "# nothing\n\n  \t\n", "t.scn:1: empty scenario: no statement to run")
MALFORMED(unknown_expectation_field, "info C:\\root\\a.txt\nexpect info colour=red\n", "t.scn:2: unknown field 'colour'")
MALFORMED(content_gen_without_size, "expect content C:\\root\\a.txt gen=4\n", "t.scn:1: gen= needs size=")
MALFORMED(xfail_without_reason, "xfail\n", "t.scn:1: xfail needs a reason in quotes")
MALFORMED(second_xfail, "xfail \"a\"\nxfail \"b\"\n", "t.scn:2: a second xfail")
MALFORMED(unknown_provider_action, "provider frob a.txt\n", "t.scn:1: unknown provider action 'frob'")
MALFORMED(provider_fail_without_result, "provider fail GetFileData\n", "t.scn:1: provider fail needs the result")
MALFORMED(provider_unknown_result, "provider fail GetFileData E_NOPE\n", "t.scn:1: unknown status name 'E_NOPE'")
MALFORMED(provider_raw_result_too_big, "provider fail GetFileData 0x1FFFFFFFF\n", "t.scn:1: unknown status name '0x1FFFFFFFF'")
MALFORMED(provider_unknown_update_flag, "provider update a.txt flags=allow_everything\n",
          "t.scn:1: unknown update flag 'allow_everything'")
MALFORMED(provider_pend_unknown_callback, "provider pend GetData\n", "t.scn:1: unknown callback 'GetData'")
MALFORMED(provider_veto_unknown_type, "provider veto pre_erase E_FAIL\n", "t.scn:1: unknown notification type 'pre_erase'")
MALFORMED(provider_times_zero, "provider pend GetFileData times=0\n", "t.scn:1: times= must be at least 1")
MALFORMED(complete_unknown_callback, "complete Something\n", "t.scn:1: unknown callback 'Something'")
MALFORMED(complete_unknown_result, "complete GetFileData E_NOPE\n", "t.scn:1: unknown status name 'E_NOPE'")
MALFORMED(await_unknown_handle, "await h7\n", "t.scn:1: handle 'h7' is not open")
MALFORMED(as_unknown, "as robot\n", "t.scn:1: unknown caller 'robot'")
MALFORMED(as_process_without_image, "as process 77\n", "t.scn:1: usage: as process PID IMAGE")
MALFORMED(store_unknown_action, "store rename a.txt\n", "t.scn:1: unknown store action 'rename'")

#if defined(__SANITIZE_ADDRESS__)
#define LEAK_CHECK 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LEAK_CHECK 1
#endif
#endif
#ifdef LEAK_CHECK
#include <sanitizer/lsan_interface.h>

/*
 * Criterion's workers end without LeakSanitizer's exit check, and tools/lsan.supp hides every
 * allocation made under Criterion's frames: parse on a thread of our own (no Criterion frame
 * in its stacks) and ask LeakSanitizer right after.
 */
static void *parse_refused_patterns(void *arg)
{
    (void)arg;
    const char *scripts[] = {
        "expect callbacks GetPlaceholderInfo \"a.txt\" pid=x\n",
        "expect callbacks GetFileData \"a.txt\" image=a image=b search=* offset=z\n",
        "expect notifications FILE_RENAMED \"a\" to \"b\" to \"c\" pid=-\n",
    };
    for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++) {
        scn_script *s = NULL;
        if (scn_parse_text(&s, scripts[i], "t.scn", NULL, NULL) != SCN_EXIT_MALFORMED)
            return (void *)1;
        scn_script_free(s);
    }
    return NULL;
}

Test(parser, a_refused_callback_pattern_leaks_nothing)
{
    pthread_t t;
    void *bad = NULL;
    cr_assert_eq(pthread_create(&t, NULL, parse_refused_patterns, NULL), 0);
    pthread_join(t, &bad);
    cr_expect_null(bad, "each script is malformed");
    cr_expect_eq(__lsan_do_recoverable_leak_check(), 0, "LeakSanitizer found leaks (see above)");
}
#endif

Test(parser, every_error_is_reported)
{
    int rc;
    scn_script *s = NULL;
    char *got = parse_errors("frob\nread h1 0 1\nexpect NOPE\n", &rc, &s);
    cr_assert_eq(rc, SCN_EXIT_MALFORMED);
    cr_expect(strstr(got, "t.scn:1:") && strstr(got, "t.scn:2:") && strstr(got, "t.scn:3:"), "%s", got);
    free(got);
}

Test(parser, a_good_script_parses)
{
    int rc;
    scn_script *s = NULL;
    char *got = parse_errors("# a comment\n"
                             "option negative-path-cache thread-pool=off\n"
                             "mapping \"\" all\n"
                             "item file a.txt content=\"a\\n\"   # trailing comment\n"
                             "\n"
                             "open h1 C:\\root\\a.txt access=read,write disp=open_existing flags=unbuffered\n"
                             "read h1 0 1K\n"
                             "expect ERROR_FILE_NOT_FOUND | ERROR_PATH_NOT_FOUND|success\n"
                             "expect callbacks GetPlaceholderInfo \"a.txt\" pid=4242, GetFileData \"a.txt\" offset=0\n"
                             "expect notifications contains FILE_OPENED \"a.txt\" file\n"
                             "expect trace op,cb <<EOT\n"
                             "...\n"
                             "EOT\n"
                             "close h1\n"
                             "open h1 C:\\root\\a.txt\n",
                             &rc, &s);
    cr_expect_eq(rc, SCN_EXIT_PASS, "%s", got);
    cr_expect_not_null(s);
    free(got);
    scn_script_free(s);
}

/* `prjsim run` with one malformed file among good ones: exit 2 and nothing runs. */
Test(parser, run_files_runs_nothing_when_one_is_malformed)
{
    char good[] = "/tmp/scn_goodXXXXXX", bad[] = "/tmp/scn_badXXXXXX";
    int fg = mkstemp(good), fb = mkstemp(bad);
    cr_assert(fg >= 0 && fb >= 0);
    const char *g = "item file a.txt content=\"a\"\nread-file C:\\root\\a.txt\nexpect data \"a\"\n";
    const char *b = "item file a.txt\nfrobnicate\n";
    cr_assert_eq(write(fg, g, strlen(g)), (ssize_t)strlen(g));
    cr_assert_eq(write(fb, b, strlen(b)), (ssize_t)strlen(b));
    close(fg);
    close(fb);
    char *outbuf = NULL, *errbuf = NULL;
    size_t outlen = 0, errlen = 0;
    FILE *out = open_memstream(&outbuf, &outlen), *err = open_memstream(&errbuf, &errlen);
    char *files[] = {good, bad};
    int rc = scn_run_files(files, 2, NULL, out, err);
    fclose(out);
    fclose(err);
    cr_expect_eq(rc, SCN_EXIT_MALFORMED);
    cr_expect(strstr(outbuf, "PASS") == NULL, "nothing runs: %s", outbuf);
    char want[128];
    snprintf(want, sizeof want, "%s:2: unknown statement 'frobnicate'", bad);
    cr_expect(strstr(errbuf, want) != NULL, "%s", errbuf);
    free(outbuf);
    free(errbuf);
    unlink(good);
    unlink(bad);
}

Test(parser, directory_is_malformed)
{
    char *errbuf = NULL;
    size_t errlen = 0;
    FILE *err = open_memstream(&errbuf, &errlen);
    char *files[] = {"/tmp"};
    int rc = scn_run_files(files, 1, NULL, stdout, err);
    fclose(err);
    cr_expect_eq(rc, SCN_EXIT_MALFORMED);
    cr_expect(strstr(errbuf, "/tmp: is a directory") != NULL, "%s", errbuf);
    free(errbuf);
}

Test(parser, missing_file_is_malformed)
{
    char *errbuf = NULL;
    size_t errlen = 0;
    FILE *err = open_memstream(&errbuf, &errlen);
    char *files[] = {"/no/such/scenario.scn"};
    int rc = scn_run_files(files, 1, NULL, stdout, err);
    fclose(err);
    cr_expect_eq(rc, SCN_EXIT_MALFORMED);
    cr_expect(strstr(errbuf, "/no/such/scenario.scn: cannot open") != NULL, "%s", errbuf);
    free(errbuf);
}
