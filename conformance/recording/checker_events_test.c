/* SPDX-License-Identifier: MIT */
/*
 * The checker over the same events on both platforms: one source, run on Linux (ctest
 * checker_events) and cross-built for Windows (win_checker_events, under Wine). The test plays
 * ProjFS itself: prjsim__rec_start is given a start function that keeps the wrapped callback
 * table, the test calls the wrapped callbacks as ProjFS would, and the provider's callbacks
 * record their Prj* calls through the entry points the platforms' Prj* functions use
 * (recording_internal.h), with the results ProjFS would give. Same events, so the same log text
 * (byte for byte, a name beyond U+FFFF included: 32-bit WCHAR on Linux, a surrogate pair on
 * Windows) and the same named diagnostics. Name order and matching come from PrjFileNameCompare
 * and PrjFileNameMatch: the simulator's on Linux, on Windows the same sim/names.c linked into the
 * test (Wine has no ProjectedFSLib.dll).
 */
#include "check.h"
#include "fake_projfs.h"
#include "recording_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- ProjFS, played by the test ---- */

#define CTX FAKE_PROJFS_CONTEXT

static PRJ_CALLBACK_DATA data(PCWSTR path, INT32 command)
{
    PRJ_CALLBACK_DATA cd;
    memset(&cd, 0, sizeof cd);
    cd.Size = sizeof cd;
    cd.NamespaceVirtualizationContext = CTX;
    cd.InstanceContext = wrapped_context;
    cd.CommandId = command;
    cd.FilePathName = path;
    return cd;
}

/* ---- The provider: what it does is chosen per scenario ---- */

static const WCHAR *const *entries; /* names it lists, in its order */
static UINT32 write_length;         /* bytes GetFileData writes */
static bool foreign_buffer;         /* GetFileData writes from its own buffer */
static const WCHAR *placeholder;    /* the name GetPlaceholderInfo writes */
static HRESULT placeholder_result;

static HRESULT CALLBACK p_enum(const PRJ_CALLBACK_DATA *cd, const GUID *id)
{
    (void)cd, (void)id;
    return S_OK;
}

static HRESULT CALLBACK p_get(const PRJ_CALLBACK_DATA *cd, const GUID *id, PCWSTR search,
                              PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    (void)cd, (void)id, (void)search;
    for (size_t i = 0; entries && entries[i]; i++) {
        PRJ_FILE_BASIC_INFO info;
        memset(&info, 0, sizeof info);
        info.FileSize = 6;
        prjsim__rec_entry(RAPI_FILL, buffer, entries[i], &info, S_OK); /* PrjFillDirEntryBuffer */
    }
    return S_OK;
}

static HRESULT CALLBACK p_info(const PRJ_CALLBACK_DATA *cd)
{
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    info.FileBasicInfo.FileSize = 6;
    if (placeholder)
        prjsim__rec_placeholder(cd->NamespaceVirtualizationContext, RAPI_WRITE_PLACEHOLDER, placeholder, &info,
                                sizeof info, S_OK);
    return placeholder_result;
}

static HRESULT CALLBACK p_data(const PRJ_CALLBACK_DATA *cd, UINT64 offset, UINT32 length)
{
    (void)length;
    static char own[64];
    static char allocated[64];
    if (!foreign_buffer)
        prjsim__rec_allocate(cd->NamespaceVirtualizationContext, sizeof allocated, allocated);
    prjsim__rec_write_data(cd->NamespaceVirtualizationContext, &cd->DataStreamId,
                           foreign_buffer ? own : allocated, offset, write_length, S_OK);
    if (!foreign_buffer)
        prjsim__rec_free(allocated);
    return S_OK;
}

/* ---- Scenarios ---- */

/* One run: start, list the root with @p search, read "a.txt" (6 bytes), look up @p lookup,
 * stop. Returns the log text and the checker's report (malloc'd). */
static void run(const WCHAR *search, const WCHAR *lookup, char **text, char **report)
{
    prjsim_recording *rec = NULL;
    prjsim_recording_create(&rec);
    prjsim__rec_set_attached(rec);
    PRJ_CALLBACKS cb;
    memset(&cb, 0, sizeof cb);
    cb.StartDirectoryEnumerationCallback = p_enum;
    cb.EndDirectoryEnumerationCallback = p_enum;
    cb.GetDirectoryEnumerationCallback = p_get;
    cb.GetPlaceholderInfoCallback = p_info;
    cb.GetFileDataCallback = p_data;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = NULL;
    CHECK(prjsim__rec_start(fake_start, L"C:\\root", &cb, NULL, NULL, &ctx) == S_OK, "start");

    GUID enum_id = {0x1234, 1, 2, {3}};
    PRJ_CALLBACK_DATA cd = data(L"", 1);
    wrapped.StartDirectoryEnumerationCallback(&cd, &enum_id);
    cd = data(L"", 2);
    int buffer_handle;
    wrapped.GetDirectoryEnumerationCallback(&cd, &enum_id, search, (PRJ_DIR_ENTRY_BUFFER_HANDLE)&buffer_handle);
    cd = data(L"", 3);
    wrapped.EndDirectoryEnumerationCallback(&cd, &enum_id);

    cd = data(L"a.txt", 4);
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    info.FileBasicInfo.FileSize = 6;
    prjsim__rec_placeholder(ctx, RAPI_WRITE_PLACEHOLDER, L"a.txt", &info, sizeof info, S_OK); /* listed earlier */
    cd.DataStreamId = (GUID){0x5678, 1, 2, {4}};
    wrapped.GetFileDataCallback(&cd, 0, 6);

    cd = data(lookup, 5);
    wrapped.GetPlaceholderInfoCallback(&cd);

    prjsim__rec_stopped(ctx);
    prjsim__rec_set_attached(NULL);
    *text = prjsim_recording_text(rec);
    *report = prjsim_recording_check(rec);
    prjsim_recording_free(rec);
}

/* The diagnostic names of @p report, comma-separated, in order. */
static void names_of(const char *report, char *out, size_t size)
{
    size_t used = 0;
    out[0] = 0;
    for (const char *p = report; *p;) {
        size_t line = strcspn(p, "\n"), name = strcspn(p, ":\n");
        used += (size_t)snprintf(out + used, used < size ? size - used : 0, "%s%.*s", used ? "," : "", (int)name, p);
        p += line + (p[line] == '\n');
    }
}

static void expect(const char *scenario, const char *want_names, const char *text, const char *report)
{
    char got[512];
    names_of(report, got, sizeof got);
    CHECK(!strcmp(got, want_names), "%s: diagnostics \"%s\", want \"%s\"\nlog:\n%sreport:\n%s", scenario, got,
          want_names, text, report);
}

static void reset(void)
{
    static const WCHAR *const sorted[] = {L"a.txt", L"b.txt", NULL};
    entries = sorted;
    write_length = 6;
    foreign_buffer = false;
    placeholder = L"b.txt";
    placeholder_result = S_OK;
}

int main(void)
{
    char *text, *report;
    /* U+1F600 (a pair of UTF-16 units on Windows) as the second name. */
    static const WCHAR smile[] = {L'b', (WCHAR)0xD83D, (WCHAR)0xDE00, 0};
    static const WCHAR smile32[] = {L'b', (WCHAR)0x1F600, 0};
    const WCHAR *second = sizeof(WCHAR) == 2 ? smile : smile32;

    reset();
    const WCHAR *with_smile[] = {L"a.txt", second, NULL};
    entries = with_smile;
    run(L"*", L"b.txt", &text, &report);
    expect("a correct provider", "", text, report);
    static const char want_log[] =
        "start 1 root=\"C:\\root\" callbacks=0x1F -> S_OK\n"
        "cb 1 t1 StartDirectoryEnumeration \"\" cmd=1 enum=1\n"
        "ret 1 StartDirectoryEnumeration -> S_OK\n"
        "cb 2 t1 GetDirectoryEnumeration \"\" cmd=2 enum=1 search=\"*\" flags=0x0\n"
        "api 2 PrjFillDirEntryBuffer \"a.txt\" file size=6 -> S_OK\n"
        "api 2 PrjFillDirEntryBuffer \"b\xf0\x9f\x98\x80\" file size=6 -> S_OK\n"
        "ret 2 GetDirectoryEnumeration -> S_OK\n"
        "cb 3 t1 EndDirectoryEnumeration \"\" cmd=3 enum=1\n"
        "ret 3 EndDirectoryEnumeration -> S_OK\n"
        "api 0 PrjWritePlaceholderInfo \"a.txt\" file size=6 -> S_OK\n"
        "cb 4 t1 GetFileData \"a.txt\" cmd=4 stream=2 offset=0 length=6\n"
        "api 4 PrjAllocateAlignedBuffer size=64\n"
        "api 4 PrjWriteFileData stream=2 offset=0 length=6 -> S_OK\n"
        "api 4 PrjFreeAlignedBuffer\n"
        "ret 4 GetFileData -> S_OK\n"
        "cb 5 t1 GetPlaceholderInfo \"b.txt\" cmd=5\n"
        "api 5 PrjWritePlaceholderInfo \"b.txt\" file size=6 -> S_OK\n"
        "ret 5 GetPlaceholderInfo -> S_OK\n"
        "stop 1\n";
    CHECK(!strcmp(text, want_log), "log:\n%s", text);
    free(text);
    free(report);

    static const struct {
        const char *scenario, *want;
        const WCHAR *search, *lookup;
    } rows[] = {
        {"unsorted", "unsorted-entries", L"*", L"b.txt"},
        {"duplicate", "duplicate-entry", L"*", L"b.txt"},
        {"filter", "filter-ignored", L"*.bin", L"b.txt"},
        {"short", "short-data", L"*", L"b.txt"},
        {"foreign buffer", "buffer-not-from-allocator", L"*", L"b.txt"},
        {"other name", "placeholder-name-mismatch", L"*", L"c.txt"},
        {"unlisted", "unlisted-result", L"*", L"b.txt"},
    };
    static const WCHAR *const unsorted[] = {L"b.txt", L"a.txt", NULL};
    static const WCHAR *const twice[] = {L"a.txt", L"A.TXT", NULL};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        reset();
        switch (i) {
        case 0: entries = unsorted; break;
        case 1: entries = twice; break;
        case 2: break; /* "a.txt" and "b.txt" do not match "*.bin" */
        case 3: write_length = 4; break;
        case 4: foreign_buffer = true; break;
        case 5: break; /* asked for c.txt, writes b.txt */
        case 6: placeholder_result = E_NOTIMPL; break;
        }
        run(rows[i].search, rows[i].lookup, &text, &report);
        char want[128];
        snprintf(want, sizeof want, "%s", rows[i].want);
        if (i == 2) /* both names fail the filter */
            snprintf(want, sizeof want, "filter-ignored,filter-ignored");
        expect(rows[i].scenario, want, text, report);
        free(text);
        free(report);
    }
    return CHECK_RESULT();
}
