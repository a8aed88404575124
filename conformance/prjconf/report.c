/* SPDX-License-Identifier: MIT */
/*
 * The reporters: the human summary with progress, TAP, JSON lines (streamed, one object per
 * case) and JUnit XML (crashes and timeouts as <error>, failures as <failure>).
 */
#include "prjconf.h"

#include <stdlib.h>
#include <string.h>

static const char *const outcome_names[] = {"pass", "fail", "error", "skip", "xfail", "xpass"};

const char *prjconf_outcome_name(prjconf_outcome o)
{
    return (unsigned)o < sizeof outcome_names / sizeof outcome_names[0] ? outcome_names[o] : "?";
}

bool prjconf_outcome_fails(prjconf_outcome o)
{
    return o == PRJCONF_FAIL || o == PRJCONF_ERROR || o == PRJCONF_XPASS;
}

void prjconf_result_free(prjconf_result *r)
{
    free(r->message);
    free(r->details);
    free(r->diagnostics);
    free(r->repro);
    r->message = r->details = r->diagnostics = r->repro = NULL;
}

void prjconf_xml_escape(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        case '\n': case '\t': case '\r': fputc(*p, out); break;
        default:
            /* XML 1.0 allows no other control characters, not even as references. */
            fputc(*p < 0x20 ? '?' : *p, out);
        }
    }
}

void prjconf_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

static void indented(FILE *out, const char *prefix, const char *text)
{
    while (text && *text) {
        size_t n = strcspn(text, "\n");
        fprintf(out, "%s%.*s\n", prefix, (int)n, text);
        text += n;
        if (*text == '\n')
            text++;
    }
}

void prjconf_human_case(FILE *out, size_t number, const prjconf_result *r)
{
    switch (r->outcome) {
    case PRJCONF_PASS:
        fprintf(out, "ok %zu %s\n", number, r->name);
        indented(out, "    ", r->details); /* warnings and notes */
        return;
    case PRJCONF_SKIP:
        fprintf(out, "skip %zu %s: %s\n", number, r->name, r->message);
        return;
    case PRJCONF_XFAIL:
        fprintf(out, "xfail %zu %s: %s\n", number, r->name, r->message);
        return;
    case PRJCONF_XPASS:
        fprintf(out, "XPASS %zu %s: passed, but the expected-failures file says it fails\n",
                number, r->name);
        break;
    case PRJCONF_FAIL:
    case PRJCONF_ERROR:
        fprintf(out, "%s %zu %s: %s\n", r->outcome == PRJCONF_FAIL ? "FAIL" : "ERROR", number,
                r->name, r->message);
        if (r->diagnostics && *r->diagnostics)
            fprintf(out, "    diagnostics: %s\n", r->diagnostics);
        indented(out, "    ", r->details);
        break;
    }
    fprintf(out, "    seed %lu; repro: %s\n", r->seed, r->repro ? r->repro : "");
}

void prjconf_human_summary(FILE *out, const prjconf_result *results, size_t count)
{
    size_t passed = 0, failed = 0, skipped = 0, xfail = 0;
    for (size_t i = 0; i < count; i++) {
        switch (results[i].outcome) {
        case PRJCONF_PASS: passed++; break;
        case PRJCONF_SKIP: skipped++; break;
        case PRJCONF_XFAIL: xfail++; break;
        default: failed++;
        }
    }
    fprintf(out, "%zu passed, %zu failed", passed, failed);
    if (skipped)
        fprintf(out, ", %zu skipped", skipped);
    if (xfail)
        fprintf(out, ", %zu expected failure%s", xfail, xfail == 1 ? "" : "s");
    fputc('\n', out);
}

void prjconf_tap_plan(FILE *out, size_t count)
{
    fprintf(out, "TAP version 13\n1..%zu\n", count);
}

static void tap_comment(FILE *out, const char *text)
{
    indented(out, "# ", text);
}

void prjconf_tap_case(FILE *out, size_t number, const prjconf_result *r)
{
    /* A description must not contain '#' unescaped; case names never do. */
    switch (r->outcome) {
    case PRJCONF_PASS:
        fprintf(out, "ok %zu - %s\n", number, r->name);
        tap_comment(out, r->details); /* warnings and notes */
        return;
    case PRJCONF_SKIP:
        fprintf(out, "ok %zu - %s # SKIP ", number, r->name);
        break;
    case PRJCONF_XFAIL:
        fprintf(out, "not ok %zu - %s # TODO expected failure: ", number, r->name);
        break;
    case PRJCONF_XPASS:
        fprintf(out, "not ok %zu - %s\n", number, r->name);
        tap_comment(out, "passed, but the expected-failures file says it fails");
        return;
    default:
        fprintf(out, "not ok %zu - %s\n", number, r->name);
        tap_comment(out, r->message);
        if (r->diagnostics && *r->diagnostics)
            fprintf(out, "# diagnostics: %s\n", r->diagnostics);
        tap_comment(out, r->details);
        fprintf(out, "# seed %lu; repro: %s\n", r->seed, r->repro ? r->repro : "");
        return;
    }
    /* The rest of a directive line: one line of the message. */
    const char *m = r->message ? r->message : "";
    fprintf(out, "%.*s\n", (int)strcspn(m, "\n"), m);
}

void prjconf_json_case(FILE *out, const prjconf_result *r)
{
    fputs("{\"case\":", out);
    prjconf_json_string(out, r->name);
    fputs(",\"backend\":", out);
    prjconf_json_string(out, r->backend ? r->backend : "sim");
    fputs(",\"outcome\":", out);
    prjconf_json_string(out, prjconf_outcome_name(r->outcome));
    fputs(",\"message\":", out);
    prjconf_json_string(out, r->message);
    fputs(",\"diagnostics\":[", out);
    const char *d = r->diagnostics ? r->diagnostics : "";
    for (bool first = true; *d; first = false) {
        size_t n = strcspn(d, ",");
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)n, d);
        if (!first)
            fputc(',', out);
        prjconf_json_string(out, name);
        d += n;
        if (*d == ',')
            d++;
    }
    fputs("],\"details\":", out);
    prjconf_json_string(out, r->details);
    fprintf(out, ",\"seed\":%lu,\"seconds\":%.3f,\"repro\":", r->seed, r->seconds);
    prjconf_json_string(out, r->repro);
    fputs("}\n", out);
    fflush(out);
}

/* The JUnit type of a failure or error: what a CI reader groups failures by. */
static void junit_type(FILE *out, const prjconf_result *r)
{
    if (r->outcome == PRJCONF_XPASS) {
        fputs("xpass", out);
    } else if (r->outcome == PRJCONF_FAIL) {
        const char *d = r->diagnostics ? r->diagnostics : "";
        if (*d)
            fprintf(out, "%.*s", (int)strcspn(d, ","), d);
        else
            fputs("expectation", out);
    } else if (r->not_started) {
        fputs("setup", out);
    } else {
        const char *m = r->message ? r->message : "";
        fputs(!strncmp(m, "crash", 5) ? "crash" : !strncmp(m, "timeout", 7) ? "timeout" : "error", out);
    }
}

void prjconf_junit_write(FILE *out, const char *suite, const prjconf_result *results,
                         size_t count, time_t started)
{
    size_t failures = 0, errors = 0, skipped = 0;
    double total = 0;
    for (size_t i = 0; i < count; i++) {
        const prjconf_result *r = &results[i];
        failures += r->outcome == PRJCONF_FAIL || r->outcome == PRJCONF_XPASS;
        errors += r->outcome == PRJCONF_ERROR;
        skipped += r->outcome == PRJCONF_SKIP || r->outcome == PRJCONF_XFAIL;
        total += r->seconds;
    }
    char host[256], stamp[32];
    prjconf_report_host(host, sizeof host, stamp, sizeof stamp, started);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite name=\"", out);
    prjconf_xml_escape(out, suite);
    fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"%.3f\" "
                 "timestamp=\"%s\" hostname=\"", count, failures, errors, skipped, total, stamp);
    prjconf_xml_escape(out, host);
    fputs("\">\n  <properties><property name=\"backend\" value=\"", out);
    prjconf_xml_escape(out, count && results[0].backend ? results[0].backend : "sim");
    fputs("\"/></properties>\n", out);
    for (size_t i = 0; i < count; i++) {
        const prjconf_result *r = &results[i];
        fputs("  <testcase classname=\"", out);
        prjconf_xml_escape(out, suite);
        fputs("\" name=\"", out);
        prjconf_xml_escape(out, r->name);
        fprintf(out, "\" time=\"%.3f\"", r->seconds);
        if (r->outcome == PRJCONF_PASS) {
            fputs("/>\n", out);
            continue;
        }
        fputs(">\n", out);
        bool failed = r->outcome == PRJCONF_FAIL || r->outcome == PRJCONF_ERROR || r->outcome == PRJCONF_XPASS;
        const char *tag = r->outcome == PRJCONF_ERROR                                  ? "error"
                          : r->outcome == PRJCONF_SKIP || r->outcome == PRJCONF_XFAIL ? "skipped"
                                                                                       : "failure";
        fprintf(out, "    <%s message=\"", tag);
        prjconf_xml_escape(out, r->outcome == PRJCONF_XPASS
                                    ? "passed, but the expected-failures file says it fails"
                                    : r->message);
        if (failed) {
            fputs("\" type=\"", out);
            junit_type(out, r);
        }
        fputs("\">", out);
        if (failed) {
            /* The body: what failed in one place; the whole story is in system-out. */
            if (r->diagnostics && *r->diagnostics) {
                fputs("diagnostics: ", out);
                prjconf_xml_escape(out, r->diagnostics);
                fputc('\n', out);
            }
            fprintf(out, "seed %lu; repro: ", r->seed);
            prjconf_xml_escape(out, r->repro);
            fputc('\n', out);
        }
        fprintf(out, "</%s>\n", tag);
        if (failed) {
            fputs("    <system-out>", out);
            if (r->diagnostics && *r->diagnostics) {
                fputs("diagnostics: ", out);
                prjconf_xml_escape(out, r->diagnostics);
                fputc('\n', out);
            }
            prjconf_xml_escape(out, r->details);
            fprintf(out, "seed %lu; repro: ", r->seed);
            prjconf_xml_escape(out, r->repro);
            fputs("\n</system-out>\n", out);
        }
        fputs("  </testcase>\n", out);
    }
    fputs("</testsuite>\n</testsuites>\n", out);
}
