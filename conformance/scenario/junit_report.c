/* SPDX-License-Identifier: MIT */
/*
 * The JUnit report of a scenario run (scn_run_options.junit): one testcase per script, its
 * classname the script's folder (dots for slashes, as JUnit readers group classes) and its name
 * the file's without ".scn"; a failure with the line `FAIL` prints (file:line: expected X,
 * got Y) and the recent trace, a skip with its reason. The writer is conformance/junit.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

bool scn_junit_open(scn_junit *j, const scn_run_options *o, size_t count, FILE *err)
{
    memset(j, 0, sizeof *j);
    if (!o || !o->junit)
        return true;
    /* Opened before anything runs: a report that cannot be written is a setup error (exit 2). */
    j->file = fopen(o->junit, "w");
    if (!j->file) {
        if (err)
            fprintf(err, "cannot write the JUnit report %s\n", o->junit);
        return false;
    }
    j->cases = calloc(count + 1, sizeof *j->cases);
    if (!j->cases)
        abort();
    j->started = time(NULL);
    return true;
}

static char *printed(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!s)
        abort();
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* The next case, named after @p path. */
static prjsim_junit_case *next_case(scn_junit *j, const char *path, double seconds)
{
    prjsim_junit_case *c = &j->cases[j->count++];
    const char *base = path + strlen(path);
    while (base > path && base[-1] != '/' && base[-1] != '\\')
        base--;
    /* The folder as given, less what says only where it is from: a drive, leading slashes,
     * "./" and "../". */
    const char *folder = path;
    if (((*folder | 0x20) >= 'a' && (*folder | 0x20) <= 'z') && folder[1] == ':')
        folder += 2;
    for (;;) {
        size_t dots = strspn(folder, ".");
        if (*folder == '/' || *folder == '\\')
            folder++;
        else if (dots && dots <= 2 && (folder[dots] == '/' || folder[dots] == '\\'))
            folder += dots + 1;
        else
            break;
    }
    char *classname = scn_strdup(base > folder ? folder : "scenarios");
    if (base > folder)
        classname[base - folder - 1] = 0;
    for (char *p = classname; *p; p++)
        if (*p == '/' || *p == '\\')
            *p = '.';
    char *name = scn_strdup(base);
    size_t n = strlen(name);
    if (n > 4 && !strcmp(name + n - 4, ".scn"))
        name[n - 4] = 0;
    c->classname = classname;
    c->name = name;
    c->seconds = seconds;
    return c;
}

void scn_junit_add(scn_junit *j, const char *path, const scn_outcome *o, double seconds)
{
    if (!j->file)
        return;
    prjsim_junit_case *c = next_case(j, path, seconds);
    switch (o->verdict) {
    case SCN_PASSED:
        c->outcome = PRJSIM_JUNIT_PASSED;
        break;
    case SCN_SKIPPED:
        c->outcome = PRJSIM_JUNIT_SKIPPED;
        c->message = scn_strdup(o->message);
        break;
    case SCN_XFAILED:
        c->outcome = PRJSIM_JUNIT_SKIPPED;
        c->message = printed("expected failure: %s (line %d: %s)", o->reason, o->line, o->message);
        break;
    case SCN_FAILED:
    case SCN_XPASSED:
        c->outcome = PRJSIM_JUNIT_FAILURE;
        c->type = o->verdict == SCN_XPASSED ? "xpass" : "expectation";
        c->message = printed("%s:%d: %s", path, o->line, o->message);
        c->text = printed("%s:%d: %s\n", path, o->line, o->message);
        if (o->recent_trace && o->recent_trace[0])
            c->system_out = printed("recent trace:\n%s", o->recent_trace);
        break;
    }
}

void scn_junit_add_not_run(scn_junit *j, const char *path, const char *why)
{
    if (!j->file)
        return;
    prjsim_junit_case *c = next_case(j, path, 0);
    c->outcome = PRJSIM_JUNIT_ERROR;
    c->type = "setup";
    c->message = scn_strdup(why);
    c->text = printed("%s\n", why);
}

bool scn_junit_close(scn_junit *j, const scn_run_options *o)
{
    if (!j->file)
        return true;
    const char *backend = o->backend ? o->backend : "sim";
    char suite[128];
    snprintf(suite, sizeof suite, "prjsim run %s", backend);
    prjsim__junit_write(j->file, o->junit_suite ? o->junit_suite : suite, backend, j->started, j->cases, j->count);
    bool written = !ferror(j->file);
    written = fclose(j->file) == 0 && written;
    for (size_t i = 0; i < j->count; i++) {
        free((char *)j->cases[i].classname);
        free((char *)j->cases[i].name);
        free((char *)j->cases[i].message);
        free((char *)j->cases[i].text);
        free((char *)j->cases[i].system_out);
    }
    free(j->cases);
    memset(j, 0, sizeof *j);
    return written;
}
