/* SPDX-License-Identifier: MIT */
/*
 * The recording layer in the Windows forwarders, where ProjFS is absent (Wine): the calls a
 * provider makes are recorded in the Linux layer's text form with the forwarders' result
 * (HRESULT_FROM_WIN32(ERROR_MOD_NOT_FOUND)), and the checker judges them; PRJSIM_RECORD makes a
 * program record itself into a file, which prjconf reads back (prjconf_recording.c). On a
 * machine with ProjFS the calls would reach it: the test then only checks what is recorded
 * regardless of the results.
 */
#include "check.h"

#include <prjconf_recording.h>

#include <stdlib.h>
#include <string.h>

static HRESULT CALLBACK no_enum(const PRJ_CALLBACK_DATA *cd, const GUID *id)
{
    (void)cd, (void)id;
    return S_OK;
}

static HRESULT CALLBACK no_get(const PRJ_CALLBACK_DATA *cd, const GUID *id, PCWSTR search,
                               PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    (void)cd, (void)id, (void)search, (void)buffer;
    return S_OK;
}

static HRESULT CALLBACK no_info(const PRJ_CALLBACK_DATA *cd)
{
    (void)cd;
    return S_OK;
}

static HRESULT CALLBACK no_data(const PRJ_CALLBACK_DATA *cd, UINT64 offset, UINT32 length)
{
    (void)cd, (void)offset, (void)length;
    return S_OK;
}

/* What a provider does before and after ProjFS refuses to start: every call is recorded. */
static void provider_calls(void)
{
    PRJ_CALLBACKS cb;
    memset(&cb, 0, sizeof cb);
    cb.StartDirectoryEnumerationCallback = no_enum;
    cb.EndDirectoryEnumerationCallback = no_enum;
    cb.GetDirectoryEnumerationCallback = no_get;
    cb.GetPlaceholderInfoCallback = no_info;
    cb.GetFileDataCallback = no_data;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = NULL;
    PrjStartVirtualizing(L"C:\\r\u00e9cord", &cb, NULL, NULL, &ctx);
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    info.FileBasicInfo.FileSize = 6;
    PrjWritePlaceholderInfo(ctx, L"a.txt", &info, sizeof info);
    void *buffer = PrjAllocateAlignedBuffer(ctx, 4096);
    PrjFreeAlignedBuffer(buffer);
    PrjCompleteCommand(ctx, 7, S_OK, NULL);
    PrjStopVirtualizing(ctx);
}

static const char expected_log[] =
    "start 1 root=\"C:\\r\xc3\xa9" "cord\" callbacks=0x1F -> 0x8007007E\n"
    "api 0 PrjWritePlaceholderInfo \"a.txt\" file size=6 context=stale -> 0x8007007E\n"
    "api 0 PrjAllocateAlignedBuffer size=4096 -> NULL context=stale\n"
    "api 0 PrjFreeAlignedBuffer\n"
    "api 0 PrjCompleteCommand cmd=7 result=0x00000000 context=stale -> 0x8007007E\n"
    "stop ? context=stale\n"; /* a NULL context, as the simulator: invalid-context */

static bool projfs_present(void) { return prjsim_projfs_load(NULL, 0); }

static void in_process(void)
{
    prjsim_recording *rec = NULL;
    CHECK(prjsim_recording_create(&rec) == S_OK, "create");
    CHECK(prjsim_recording_attach(rec) == S_OK, "the forwarders always record");
    provider_calls();
    prjsim_recording_attach(NULL);
    char *text = prjsim_recording_text(rec);
    char *report = prjsim_recording_check(rec);
    printf("log:\n%s# checker\n%s", text, report);
    if (!projfs_present()) {
        CHECK(!strcmp(text, expected_log), "log:\n%s", text);
        /* The three calls given the failed start's NULL context, and its stop (sim/instance.c). */
        CHECK(!strcmp(report, "invalid-context: a Prj* function was given a context that is not a running instance\n"
                              "invalid-context: a Prj* function was given a context that is not a running instance\n"
                              "invalid-context: a Prj* function was given a context that is not a running instance\n"
                              "invalid-context: PrjStopVirtualizing was given a context that is not a running "
                              "instance\n"),
              "report:\n%s", report);
    }
    free(text);
    free(report);
    prjsim_recording_free(rec);
}

/* prjconf's side: this program started again as a provider "program" with PRJSIM_RECORD. */
static void as_program(const char *self)
{
    prjconf_recording r;
    char err[256] = "";
    CHECK(prjconf_recording_begin(&r, true, err, sizeof err), "begin: %s", err);
    WCHAR value[MAX_PATH] = L"";
    CHECK(GetEnvironmentVariableW(L"PRJSIM_RECORD", value, MAX_PATH) > 0 && !wcscmp(value, r.file),
          "PRJSIM_RECORD for the program");
    char cmd[MAX_PATH + 16];
    snprintf(cmd, sizeof cmd, "\"%s\" child", self);
    CHECK(system(cmd) == 0, "child ran: %s", cmd);
    /* The file as the child left it: the same bytes as on Linux (no CR). */
    FILE *f = _wfopen(r.file, L"rb");
    char bytes[2048] = "";
    size_t n = f ? fread(bytes, 1, sizeof bytes - 1, f) : 0;
    bytes[n] = 0;
    if (f)
        fclose(f);
    CHECK(n > 0 && !strchr(bytes, '\r'), "file: %s", bytes);
    if (!projfs_present())
        CHECK(!strncmp(bytes, expected_log, strlen(expected_log)), "file: %s", bytes);
    CHECK(strstr(bytes, "\n# checker\n") != NULL, "file: %s", bytes);
    prjconf_recording_end(&r);
    CHECK(GetEnvironmentVariableW(L"PRJSIM_RECORD", value, MAX_PATH) == 0, "PRJSIM_RECORD removed");
    CHECK(r.recorded, "recorded");
    char why[512];
    FILE *out = tmpfile();
    int verdict = prjconf_recording_report(&r, out, why, sizeof why, 0, 0);
    rewind(out);
    char line[512] = "";
    CHECK(fgets(line, sizeof line, out) != NULL, "a line");
    fclose(out);
    if (!projfs_present()) {
        CHECK(verdict == 0, "the invalid-context calls fail the checker case");
        CHECK(!strncmp(line, "FAIL checker: ", 14) && strstr(line, "invalid-context"), "%s", line);
        /* lines the cases reported are left out: all four, then the middle two */
        out = tmpfile();
        verdict = prjconf_recording_report(&r, out, why, sizeof why, 0, 4);
        rewind(out);
        CHECK(fgets(line, sizeof line, out) != NULL, "a line");
        fclose(out);
        CHECK(verdict == 1 && !strcmp(line, "PASS checker (4 diagnostics reported with the cases above)\n"), "%d %s",
              verdict, line);
        out = tmpfile();
        verdict = prjconf_recording_report(&r, out, why, sizeof why, 1, 3);
        fclose(out);
        CHECK(verdict == 0 && strstr(why, "2 contract diagnostics from the recorded calls"), "%d %s", verdict, why);
    }
    WCHAR file[MAX_PATH];
    wcscpy(file, r.file);
    prjconf_recording_free(&r);
    CHECK(GetFileAttributesW(file) == INVALID_FILE_ATTRIBUTES, "the temporary file is removed");

    /* A program that never calls the forwarders (linked to ProjectedFSLib.lib) leaves the file
     * as GetTempFileNameW made it, empty: nothing recorded, the checker case is skipped. */
    CHECK(prjconf_recording_begin(&r, true, err, sizeof err), "begin: %s", err);
    prjconf_recording_end(&r);
    CHECK(!r.recorded, "empty log");
    out = tmpfile();
    verdict = prjconf_recording_report(&r, out, why, sizeof why, 0, 0);
    CHECK(verdict < 0 && strstr(why, "ProjectedFSLib.lib directly is not recorded"), "%s", why);
    fclose(out);
    prjconf_recording_free(&r);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) {
        provider_calls(); /* recorded through PRJSIM_RECORD, written at the stop and at exit */
        return 0;
    }
    in_process();
    as_program(argv[0]);
    return CHECK_RESULT();
}
