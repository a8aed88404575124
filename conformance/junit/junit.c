/* SPDX-License-Identifier: MIT */
/* The JUnit XML writer (junit.h): escaping, and the document from the cases. */
#include "junit.h"

/* The length of the valid UTF-8 sequence at @p p (0: not valid): no overlong form, no
 * surrogate, nothing past U+10FFFF, and not U+FFFE or U+FFFF, which XML 1.0 excludes. */
static size_t utf8_length(const unsigned char *p)
{
    unsigned long c;
    size_t n;
    if (*p < 0x80)
        return 1;
    if (*p >= 0xC2 && *p <= 0xDF)
        n = 2, c = *p & 0x1Fu;
    else if (*p >= 0xE0 && *p <= 0xEF)
        n = 3, c = *p & 0x0Fu;
    else if (*p >= 0xF0 && *p <= 0xF4)
        n = 4, c = *p & 0x07u;
    else
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0; /* the terminating NUL stops here too */
        c = c << 6 | (p[i] & 0x3Fu);
    }
    static const unsigned long least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < least[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF)
        return 0;
    return n;
}

void prjsim__junit_escape(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
        switch (*p) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        case '\n': case '\t': case '\r': fputc(*p, out); break;
        default: {
            /* XML 1.0 allows no other control characters, not even as references. */
            size_t n = *p < 0x20 ? 0 : utf8_length(p);
            if (!n) {
                fputc('?', out);
                p++;
            } else {
                fwrite(p, 1, n, out);
                p += n;
            }
            continue;
        }
        }
        p++;
    }
}

static const char *const tags[] = {"", "failure", "error", "skipped"};

void prjsim__junit_write(FILE *out, const char *suite, const char *backend, time_t started,
                         const prjsim_junit_case *cases, size_t count)
{
    size_t tally[4] = {0, 0, 0, 0};
    double total = 0;
    for (size_t i = 0; i < count; i++) {
        tally[cases[i].outcome]++;
        total += cases[i].seconds;
    }
    char host[256], stamp[32];
    prjsim__junit_host(host, sizeof host, stamp, sizeof stamp, started);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite name=\"", out);
    prjsim__junit_escape(out, suite);
    fprintf(out, "\" tests=\"%lu\" failures=\"%lu\" errors=\"%lu\" skipped=\"%lu\" time=\"%.3f\" "
                 "timestamp=\"%s\" hostname=\"",
            (unsigned long)count, (unsigned long)tally[PRJSIM_JUNIT_FAILURE],
            (unsigned long)tally[PRJSIM_JUNIT_ERROR], (unsigned long)tally[PRJSIM_JUNIT_SKIPPED], total, stamp);
    prjsim__junit_escape(out, host);
    fputs("\">\n  <properties><property name=\"backend\" value=\"", out);
    prjsim__junit_escape(out, backend);
    fputs("\"/></properties>\n", out);
    for (size_t i = 0; i < count; i++) {
        const prjsim_junit_case *c = &cases[i];
        fputs("  <testcase classname=\"", out);
        prjsim__junit_escape(out, c->classname);
        fputs("\" name=\"", out);
        prjsim__junit_escape(out, c->name);
        fprintf(out, "\" time=\"%.3f\"", c->seconds);
        if (c->outcome == PRJSIM_JUNIT_PASSED && !c->system_out) {
            fputs("/>\n", out);
            continue;
        }
        fputs(">\n", out);
        if (c->outcome != PRJSIM_JUNIT_PASSED) {
            const char *tag = tags[c->outcome];
            fprintf(out, "    <%s message=\"", tag);
            prjsim__junit_escape(out, c->message);
            if (c->outcome != PRJSIM_JUNIT_SKIPPED) {
                fputs("\" type=\"", out);
                prjsim__junit_escape(out, c->type);
            }
            fputs("\">", out);
            prjsim__junit_escape(out, c->text);
            fprintf(out, "</%s>\n", tag);
        }
        if (c->system_out) {
            fputs("    <system-out>", out);
            prjsim__junit_escape(out, c->system_out);
            fputs("</system-out>\n", out);
        }
        fputs("  </testcase>\n", out);
    }
    fputs("</testsuite>\n</testsuites>\n", out);
}
