/* SPDX-License-Identifier: MIT */
/*
 * prjconf's pure parts: reporter escaping (TAP, JUnit, JSON), globs, shards, the
 * expected-failures file and capability names.
 */
#include "prjconf.h"
#include <junit.h>
#include <prjsim.h>

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

/* Runs a writer into a memory stream and returns what it wrote (free it). */
#define CAPTURE(var, stmt)                                      \
    char *var = NULL;                                           \
    do {                                                        \
        size_t var##_len;                                       \
        FILE *out = open_memstream(&var, &var##_len);           \
        cr_assert_not_null(out);                                \
        stmt;                                                   \
        fclose(out);                                            \
    } while (0)

static prjconf_result sample(prjconf_outcome o)
{
    prjconf_result r;
    memset(&r, 0, sizeof r);
    r.name = "enum.sorted";
    r.outcome = o;
    r.message = "a <b> & \"c\"\nnext\tline\x01";
    /* A pass's details are its notes; it has none here. */
    r.details = o == PRJCONF_PASS ? NULL : "diagnostic unsorted-entries 1 x\nstack:\n  frame\n";
    r.diagnostics = "unsorted-entries,duplicate-entry";
    r.seed = 123;
    r.repro = "prjconf --case enum.sorted --seed 123";
    return r;
}

Test(report, json_escapes_controls_and_quotes)
{
    CAPTURE(s, prjconf_json_string(out, "q\" b\\ n\n t\t c\x01 \xc3\xa9"));
    cr_expect_str_eq(s, "\"q\\\" b\\\\ n\\n t\\t c\\u0001 \xc3\xa9\"");
    free(s);
}

Test(report, json_case_is_one_line_with_diagnostics_array)
{
    prjconf_result r = sample(PRJCONF_FAIL);
    CAPTURE(s, prjconf_json_case(out, &r));
    cr_expect_eq(strchr(s, '\n'), s + strlen(s) - 1, "one line: %s", s);
    cr_expect(strstr(s, "\"outcome\":\"fail\"") != NULL, "%s", s);
    cr_expect(strstr(s, "\"diagnostics\":[\"unsorted-entries\",\"duplicate-entry\"]") != NULL, "%s", s);
    cr_expect(strstr(s, "\"seed\":123") != NULL, "%s", s);
    free(s);
}

Test(report, xml_escapes_markup_and_drops_controls)
{
    CAPTURE(s, prjsim__junit_escape(out, "<a href=\"x\">&'\x01\n"));
    cr_expect_str_eq(s, "&lt;a href=&quot;x&quot;&gt;&amp;&apos;?\n");
    free(s);
    /* UTF-8 kept; a stray continuation byte, an overlong '/', a surrogate, a cut sequence and
     * U+FFFE are no characters XML can hold: one '?' per byte. */
    CAPTURE(t, prjsim__junit_escape(out, "\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80 \x80 \xc0\xaf \xed\xa0\x80 \xef\xbf\xbe \xe4\xb8"));
    cr_expect_str_eq(t, "\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80 ? ?? ??? ??? ??");
    free(t);
}

static prjconf_result golden_case(const char *name, prjconf_outcome o, const char *message, const char *details,
                                  const char *diagnostics, double seconds)
{
    prjconf_result r;
    memset(&r, 0, sizeof r);
    r.name = name;
    r.outcome = o;
    r.message = (char *)message;
    r.details = (char *)details;
    r.diagnostics = (char *)diagnostics;
    r.seed = 42;
    r.seconds = seconds;
    r.repro = (char *)"prjconf --case x --seed 42";
    r.backend = "win32";
    return r;
}

/* The whole document, byte for byte, as prjconf wrote it before its writer became the shared
 * conformance/junit (testdata/junit.golden.xml, written by that writer; the hostname aside). */
Test(report, junit_document_is_the_golden)
{
    prjconf_result r[] = {
        golden_case("a.pass", PRJCONF_PASS, "", NULL, "", 0.001),
        golden_case("b.fail<&>", PRJCONF_FAIL, "expected \"x\" got 'y'\x02", "line1\nline2\n",
                    "unsorted-entries,dup", 1.25),
        golden_case("c.fail", PRJCONF_FAIL, "plain", NULL, NULL, 0),
        golden_case("d.error", PRJCONF_ERROR, "crash: signal 11", "stack\n", "", 0.5),
        golden_case("e.timeout", PRJCONF_ERROR, "timeout after 10 s", NULL, NULL, 10),
        golden_case("f.setup", PRJCONF_ERROR, "provider did not start", "x\n", NULL, 0),
        golden_case("g.skip", PRJCONF_SKIP, "needs the simulator", NULL, NULL, 0),
        golden_case("h.xfail", PRJCONF_XFAIL, "known bug", "d\n", "z", 0.2),
        golden_case("i.xpass", PRJCONF_XPASS, "", NULL, NULL, 0.3),
    };
    r[5].not_started = true;
    CAPTURE(s, (prjconf_junit_write(out, "prjconf", r, sizeof r / sizeof r[0], (time_t)1700000000),
                prjconf_junit_write(out, "prjconf-random", r, 0, (time_t)1700000000)));
    FILE *g = fopen(PRJSIM_SOURCE_DIR "/conformance/prjconf/testdata/junit.golden.xml", "rb");
    cr_assert_not_null(g);
    char golden[8192], expected[10000], host[256], stamp[32];
    size_t n = fread(golden, 1, sizeof golden - 1, g);
    fclose(g);
    golden[n] = 0;
    /* the golden file's hostname is HOST */
    prjsim__junit_host(host, sizeof host, stamp, sizeof stamp, 0);
    size_t len = 0;
    for (const char *p = golden, *at; *p; p = at + 4) {
        at = strstr(p, "\"HOST\"");
        at = at ? at + 1 : p + strlen(p);
        len += (size_t)snprintf(expected + len, sizeof expected - len, "%.*s%s", (int)(at - p), p, *at ? host : "");
        if (!*at)
            break;
    }
    cr_expect_str_eq(s, expected);
    free(s);
}

/* prjconf.exe's cases (Windows) have no repro command: no "seed 0; repro: " line then. */
Test(report, junit_without_repro)
{
    prjconf_result r = sample(PRJCONF_FAIL);
    r.repro = (char *)"";
    r.diagnostics = (char *)"";
    CAPTURE(s, prjconf_junit_write(out, "prjconf", &r, 1, (time_t)1700000000));
    cr_expect(strstr(s, "type=\"expectation\"></failure>") != NULL, "%s", s);
    cr_expect(strstr(s, "<system-out>diagnostic unsorted-entries 1 x\nstack:\n  frame\n</system-out>") != NULL, "%s", s);
    cr_expect(strstr(s, "seed") == NULL, "%s", s);
    free(s);
}

Test(report, junit_errors_failures_and_skips)
{
    prjconf_result r[4] = {sample(PRJCONF_PASS), sample(PRJCONF_FAIL), sample(PRJCONF_ERROR),
                           sample(PRJCONF_SKIP)};
    r[2].not_started = true;
    CAPTURE(s, prjconf_junit_write(out, "prjconf", r, 4, (time_t)1700000000));
    cr_expect(strstr(s, "tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\"") != NULL, "%s", s);
    /* What CI readers use: when and where, time per case, type and message, system-out. */
    cr_expect(strstr(s, "timestamp=\"2023-11-14T22:13:20\" hostname=\"") != NULL, "%s", s);
    cr_expect(strstr(s, "<testcase classname=\"prjconf\" name=\"enum.sorted\" time=\"") != NULL, "%s", s);
    cr_expect(strstr(s, "\" type=\"unsorted-entries\">") != NULL, "the first diagnostic: %s", s);
    cr_expect(strstr(s, "<error message=") != NULL && strstr(s, "type=\"setup\">") != NULL, "%s", s);
    cr_expect(strstr(s, "<system-out>diagnostics: unsorted-entries,duplicate-entry\n"
                        "diagnostic unsorted-entries 1 x\nstack:\n  frame\nseed 123") != NULL, "%s", s);
    cr_expect(strstr(s, "<failure message=\"a &lt;b&gt; &amp; &quot;c&quot;") != NULL, "%s", s);
    cr_expect(strstr(s, "<error message=") != NULL, "%s", s);
    cr_expect(strstr(s, "<skipped message=") != NULL, "%s", s);
    cr_expect(strstr(s, "<b>") == NULL, "unescaped markup: %s", s);
    free(s);
}

Test(report, pass_notes)
{
    prjconf_result pass = sample(PRJCONF_PASS);
    pass.details = "note: the provider vetoed deleting C:\\r\\x: the client saw STATUS_CANNOT_DELETE\n";
    CAPTURE(s, prjconf_human_case(out, 1, &pass));
    cr_expect_str_eq(s, "ok 1 enum.sorted\n    note: the provider vetoed deleting C:\\r\\x: the "
                        "client saw STATUS_CANNOT_DELETE\n");
    free(s);
    CAPTURE(t, prjconf_tap_case(out, 1, &pass));
    cr_expect_str_eq(t, "ok 1 - enum.sorted\n# note: the provider vetoed deleting C:\\r\\x: the "
                        "client saw STATUS_CANNOT_DELETE\n");
    free(t);
}

Test(report, tap_lines)
{
    prjconf_result pass = sample(PRJCONF_PASS), fail = sample(PRJCONF_FAIL),
                   skip = sample(PRJCONF_SKIP);
    pass.details = ""; /* a pass without warnings */
    CAPTURE(s, (prjconf_tap_plan(out, 3), prjconf_tap_case(out, 1, &pass),
                prjconf_tap_case(out, 2, &fail), prjconf_tap_case(out, 3, &skip)));
    cr_expect(strncmp(s, "TAP version 13\n1..3\nok 1 - enum.sorted\nnot ok 2 - enum.sorted\n# a <b>",
                      strlen("TAP version 13\n1..3\nok 1 - enum.sorted\nnot ok 2 - enum.sorted\n# a <b>")) == 0,
              "%s", s);
    /* Every line of a failure's message and details is a comment. */
    cr_expect(strstr(s, "\nnext\tline") == NULL, "%s", s);
    cr_expect(strstr(s, "# next\tline") != NULL, "%s", s);
    cr_expect(strstr(s, "ok 3 - enum.sorted # SKIP a <b>") != NULL, "%s", s);
    free(s);
}

Test(report, human_summary_last_line)
{
    prjconf_result r[5] = {sample(PRJCONF_PASS), sample(PRJCONF_FAIL), sample(PRJCONF_SKIP),
                           sample(PRJCONF_XFAIL), sample(PRJCONF_XPASS)};
    CAPTURE(s, prjconf_human_summary(out, r, 5));
    cr_expect_str_eq(s, "1 passed, 2 failed, 1 skipped, 1 expected failure\n");
    free(s);
    CAPTURE(f, prjconf_human_case(out, 2, &r[1]));
    cr_expect(strstr(f, "FAIL 2 enum.sorted: a <b>") == f, "%s", f);
    cr_expect(strstr(f, "seed 123; repro: prjconf --case enum.sorted --seed 123") != NULL, "%s", f);
    free(f);
}

Test(select, globs)
{
    cr_expect(prjconf_glob("enum.*", "enum.sorted"));
    cr_expect(!prjconf_glob("enum.*", "data.ranges"));
    cr_expect(prjconf_glob("*.no-leak", "sessions.no-leak"));
    cr_expect(prjconf_glob("enum.restart", "enum.restart"));
    cr_expect(!prjconf_glob("enum.restart", "enum.restart-new-filter"));
}

Test(select, shards_partition_the_cases)
{
    unsigned i, n;
    cr_expect(prjconf_shard_parse("2/3", &i, &n));
    cr_expect_eq(i, 1);
    cr_expect_eq(n, 3);
    cr_expect(!prjconf_shard_parse("0/3", &i, &n));
    cr_expect(!prjconf_shard_parse("4/3", &i, &n));
    cr_expect(!prjconf_shard_parse("1/0", &i, &n));
    cr_expect(!prjconf_shard_parse("1/2x", &i, &n));
    for (size_t pos = 0; pos < 20; pos++) {
        int owners = 0;
        for (unsigned s = 0; s < 3; s++)
            owners += prjconf_shard_contains(s, 3, pos);
        cr_expect_eq(owners, 1, "case %zu is in %d shards", pos, owners);
    }
}

Test(select, xfail_file)
{
    prjconf_xfail x;
    char err[256] = "";
    cr_assert(prjconf_xfail_parse(&x, "# comment\n\nenum.sorted   # unsorted on purpose\ndata.*\n",
                                  "x.txt", err, sizeof err), "%s", err);
    cr_expect_eq(x.count, 2);
    cr_expect_str_eq(prjconf_xfail_match(&x, "enum.sorted"), "unsorted on purpose");
    cr_expect_str_eq(prjconf_xfail_match(&x, "data.ranges"), "");
    cr_expect_null(prjconf_xfail_match(&x, "enum.unique"));
    prjconf_xfail_free(&x);
    cr_expect(!prjconf_xfail_parse(&x, "ok.case\nbad case\n", "x.txt", err, sizeof err));
    cr_expect_str_eq(err, "x.txt:2: expected one case name or glob, got 'bad case'");
}

Test(select, outcomes_that_fail_the_run)
{
    cr_expect(!prjconf_outcome_fails(PRJCONF_PASS));
    cr_expect(!prjconf_outcome_fails(PRJCONF_SKIP));
    cr_expect(!prjconf_outcome_fails(PRJCONF_XFAIL));
    cr_expect(prjconf_outcome_fails(PRJCONF_XPASS));
    cr_expect(prjconf_outcome_fails(PRJCONF_FAIL));
    cr_expect(prjconf_outcome_fails(PRJCONF_ERROR));
}

Test(caps, names)
{
    unsigned caps;
    cr_expect(prjconf_caps_parse("notifications,pending", &caps));
    cr_expect_eq(caps, PRJCONF_CAP_NOTIFICATIONS | PRJCONF_CAP_PENDING);
    cr_expect(prjconf_caps_parse("none", &caps));
    cr_expect_eq(caps, 0);
    cr_expect(!prjconf_caps_parse("telepathy", &caps));
    char buf[64];
    cr_expect_str_eq(prjconf_caps_format(PRJCONF_CAP_PENDING, buf, sizeof buf), "pending");
    cr_expect_str_eq(prjconf_caps_format(0, buf, sizeof buf), "none");
}

Test(cases, names_are_unique_and_dotted)
{
    for (size_t i = 0; i < prjconf_case_count; i++) {
        cr_expect(strchr(prjconf_cases[i].name, '.') != NULL, "%s", prjconf_cases[i].name);
        for (size_t j = i + 1; j < prjconf_case_count; j++)
            cr_expect(strcmp(prjconf_cases[i].name, prjconf_cases[j].name) != 0, "%s twice",
                      prjconf_cases[i].name);
    }
}

/* A pass keeps its warnings (post-operation notification results, section 11.4) visible. */
Test(report, pass_shows_its_warnings)
{
    prjconf_result pass = sample(PRJCONF_PASS);
    pass.details = "warning ignored-notification-result (x2): ignored\n";
    CAPTURE(t, prjconf_tap_case(out, 1, &pass));
    cr_expect_str_eq(t, "ok 1 - enum.sorted\n# warning ignored-notification-result (x2): ignored\n");
    free(t);
    CAPTURE(h, prjconf_human_case(out, 1, &pass));
    cr_expect(strstr(h, "ok 1 enum.sorted\n    warning ignored-notification-result (x2)") == h, "%s", h);
    free(h);
}
