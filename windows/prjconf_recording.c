/* SPDX-License-Identifier: MIT */
/*
 * prjconf's recording of the provider under test (prjconf_recording.h).
 *
 * Microsoft documents (learn.microsoft.com): GetTempPathW returns the TMP/TEMP folder with a
 * trailing backslash; GetTempFileNameW with uUnique 0 creates an empty, uniquely named file in
 * it ("fileapi.h, GetTempFileNameW"); SetEnvironmentVariableW changes this process's
 * environment, which CreateProcessW passes on when its lpEnvironment is NULL
 * ("processenv.h, SetEnvironmentVariableW"; "Changing Environment Variables").
 */
#include "prjconf_recording.h"

#include <prjsim/status.h>

#include <stdlib.h>
#include <string.h>

bool prjconf_recording_begin(prjconf_recording *r, bool program, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    if (!program) {
        HRESULT hr = prjsim_recording_create(&r->rec);
        if (SUCCEEDED(hr))
            hr = prjsim_recording_attach(r->rec);
        if (FAILED(hr)) {
            char name[96];
            snprintf(err, errlen, "cannot record the provider: %s", prjsim_format_code(name, sizeof name, hr, false));
            return false;
        }
        return true;
    }
    WCHAR dir[MAX_PATH];
    DWORD n = GetTempPathW(MAX_PATH, dir);
    if (!n || n >= MAX_PATH || !GetTempFileNameW(dir, L"prj", 0, r->file)) {
        char name[96];
        snprintf(err, errlen, "cannot create the recording file under %%TEMP%% (%s)",
                 prjsim_format_win32(name, sizeof name, GetLastError()));
        r->file[0] = 0;
        return false;
    }
    /* This process has read PRJSIM_RECORD already (prjsim_projfs_require loaded the forwarders):
     * the variable now only reaches the program, which records itself into the file. */
    if (!SetEnvironmentVariableW(L"PRJSIM_RECORD", r->file)) {
        char name[96];
        snprintf(err, errlen, "cannot set PRJSIM_RECORD (%s)", prjsim_format_win32(name, sizeof name, GetLastError()));
        return false;
    }
    return true;
}

/* The whole file @p path, NUL-terminated (malloc'd), or NULL. */
static char *read_all(const WCHAR *path)
{
    FILE *f = _wfopen(path, L"rb");
    if (!f)
        return NULL;
    size_t len = 0, cap = 4096;
    char *text = malloc(cap);
    for (size_t got; text && (got = fread(text + len, 1, cap - len - 1, f)) > 0;) {
        len += got;
        if (cap - len < 2) {
            char *p = realloc(text, cap * 2);
            if (!p) {
                free(text);
                text = NULL;
                break;
            }
            text = p;
            cap *= 2;
        }
    }
    fclose(f);
    if (text)
        text[len] = 0;
    return text;
}

void prjconf_recording_end(prjconf_recording *r)
{
    if (r->rec) {
        prjsim_recording_attach(NULL);
        r->recorded = prjsim_recording_count(r->rec) > 0;
        r->report = prjsim_recording_check(r->rec);
        return;
    }
    SetEnvironmentVariableW(L"PRJSIM_RECORD", NULL);
    if (!r->file[0])
        return;
    /* The program wrote: the log, "# checker", the checker's report (recording.h). */
    char *text = read_all(r->file);
    const char *mark = "# checker\n";
    char *at = text ? (strncmp(text, mark, strlen(mark)) == 0 ? text : strstr(text, "\n# checker\n")) : NULL;
    if (at) {
        r->recorded = at != text;
        at += at == text ? strlen(mark) : strlen(mark) + 1;
        r->report = malloc(strlen(at) + 1);
        if (r->report)
            memcpy(r->report, at, strlen(at) + 1);
    }
    free(text);
}

int prjconf_recording_report(const prjconf_recording *r, FILE *out, char *why, size_t why_size, size_t cases_from,
                              size_t cases_to)
{
    if (!r->recorded) {
        snprintf(why, why_size,
                 "the provider's Prj* calls were not recorded (empty log): %s",
                 r->rec ? "the bundled provider made none"
                        : "a program linked to ProjectedFSLib.lib directly is not recorded; link "
                          "prjsim_projfs_dll instead (docs/windows.md)");
        fprintf(out, "SKIP checker: %s\n", why);
        return -1;
    }
    /* The lines the cases reported are left out (prjconf_cases.h, checker_from/checker_to). */
    char *report = malloc(r->report ? strlen(r->report) + 1 : 1);
    if (!report) {
        snprintf(why, why_size, "out of memory");
        fprintf(out, "FAIL checker: %s\n", why);
        return 0;
    }
    size_t kept = 0, index = 0, with_cases = 0;
    for (const char *p = r->report ? r->report : ""; *p; index++) {
        size_t line = strcspn(p, "\n") + (p[strcspn(p, "\n")] == '\n');
        if (index >= cases_from && index < cases_to) {
            with_cases++;
        } else {
            memcpy(report + kept, p, line);
            kept += line;
        }
        p += line;
    }
    report[kept] = 0;
    if (!*report) {
        free(report);
        why[0] = 0;
        if (with_cases)
            fprintf(out, "PASS checker (%zu diagnostic%s reported with the cases above)\n", with_cases,
                    with_cases == 1 ? "" : "s");
        else
            fprintf(out, "PASS checker\n");
        return 1;
    }
    /* "N diagnostics: name, name" (the names in the order given), then every line. */
    size_t count = 0, used = 0;
    char names[400] = "";
    for (const char *p = report; *p; count++) {
        size_t line = strcspn(p, "\n"), name = strcspn(p, ":\n");
        if (used + name + 3 < sizeof names)
            used += (size_t)snprintf(names + used, sizeof names - used, "%s%.*s", used ? ", " : "", (int)name, p);
        p += line + (p[line] == '\n');
    }
    snprintf(why, why_size, "%zu contract diagnostic%s from the recorded calls: %s", count, count == 1 ? "" : "s",
             names);
    fprintf(out, "FAIL checker: %s\n", why);
    for (const char *p = report; *p;) {
        size_t line = strcspn(p, "\n");
        fprintf(out, "    %.*s\n", (int)line, p);
        p += line + (p[line] == '\n');
    }
    free(report);
    return 0;
}

void prjconf_recording_free(prjconf_recording *r)
{
    if (r->rec) {
        prjsim_recording_attach(NULL);
        prjsim_recording_free(r->rec);
    }
    if (r->file[0])
        DeleteFileW(r->file);
    free(r->report);
    memset(r, 0, sizeof *r);
}
