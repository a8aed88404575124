/* SPDX-License-Identifier: MIT */
/*
 * The reporters: the human summary with progress, TAP, JSON lines (streamed, one object per
 * case) and JUnit XML (crashes and timeouts as <error>, failures as <failure>; written by
 * conformance/junit, which the scenario runner shares).
 */
#include "prjconf.h"

#include <junit.h>

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
static void junit_type(char *type, size_t size, const prjconf_result *r)
{
    if (r->outcome == PRJCONF_XPASS) {
        snprintf(type, size, "xpass");
    } else if (r->outcome == PRJCONF_FAIL) {
        const char *d = r->diagnostics && *r->diagnostics ? r->diagnostics : "expectation";
        snprintf(type, size, "%.*s", (int)strcspn(d, ","), d);
    } else if (r->not_started) {
        snprintf(type, size, "setup");
    } else {
        const char *m = r->message ? r->message : "";
        snprintf(type, size, "%s", !strncmp(m, "crash", 5) ? "crash" : !strncmp(m, "timeout", 7) ? "timeout" : "error");
    }
}

/* malloc'd "diagnostics: D\n" (when there are some), @p middle, "seed S; repro: R\n" (when there
 * is a repro command: prjconf.exe's cases on Windows have none). */
static char *failure_text(const prjconf_result *r, const char *middle)
{
    const char *d = r->diagnostics && *r->diagnostics ? r->diagnostics : NULL;
    const char *fmt = r->repro && *r->repro ? "%s%s%s%sseed %lu; repro: %s\n" : "%s%s%s%s";
    int n = snprintf(NULL, 0, fmt, d ? "diagnostics: " : "", d ? d : "", d ? "\n" : "", middle, r->seed, r->repro);
    char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!text)
        abort();
    snprintf(text, (size_t)n + 1, fmt, d ? "diagnostics: " : "", d ? d : "", d ? "\n" : "", middle, r->seed, r->repro);
    return text;
}

void prjconf_junit_write(FILE *out, const char *suite, const prjconf_result *results,
                         size_t count, time_t started)
{
    prjsim_junit_case *cases = calloc(count + 1, sizeof *cases);
    char (*types)[64] = calloc(count + 1, sizeof *types);
    if (!cases || !types)
        abort();
    for (size_t i = 0; i < count; i++) {
        const prjconf_result *r = &results[i];
        prjsim_junit_case *c = &cases[i];
        c->classname = suite;
        c->name = r->name;
        c->seconds = r->seconds;
        c->message = r->message;
        switch (r->outcome) {
        case PRJCONF_PASS: c->outcome = PRJSIM_JUNIT_PASSED; continue;
        case PRJCONF_SKIP:
        case PRJCONF_XFAIL: c->outcome = PRJSIM_JUNIT_SKIPPED; continue;
        case PRJCONF_ERROR: c->outcome = PRJSIM_JUNIT_ERROR; break;
        case PRJCONF_FAIL: c->outcome = PRJSIM_JUNIT_FAILURE; break;
        case PRJCONF_XPASS:
            c->outcome = PRJSIM_JUNIT_FAILURE;
            c->message = "passed, but the expected-failures file says it fails";
            break;
        }
        junit_type(types[i], sizeof types[i], r);
        c->type = types[i];
        /* The text: what failed in one place; the whole story is in system-out. */
        c->text = failure_text(r, "");
        c->system_out = failure_text(r, r->details ? r->details : "");
    }
    prjsim__junit_write(out, suite, count && results[0].backend ? results[0].backend : "sim", started, cases, count);
    for (size_t i = 0; i < count; i++) {
        free((char *)cases[i].text);
        free((char *)cases[i].system_out);
    }
    free(cases);
    free(types);
}
