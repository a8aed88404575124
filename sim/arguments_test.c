/* SPDX-License-Identifier: MIT */
/*
 * Invalid arguments, one row per function and argument: each of the 19 Prj* functions is
 * given each argument the documentation (behaviour reference, section 4) calls invalid, and
 * must return the documented HRESULT (conformance/DEVIATIONS.md where it is UNCONFIRMED), never
 * crash. The calls that need a running callback (a data stream, a directory buffer) are made
 * from inside one. Every row is checked, so one run lists every wrong code.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "testing/assert_codes.h"

#define ROOT L"C:\\root"
#define FILE_SIZE 8192

static prjsim_sim *sim;
static PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;
static bool running;
static int rows, wrong;

/* One row: the code the call returned against the one documented. */
static void row(const char *function, const char *argument, HRESULT got, HRESULT want)
{
    rows++;
    if (got == want)
        return;
    wrong++;
    char a[96], b[96];
    cr_expect_eq(got, want, "%s with %s: expected %s, got %s", function, argument,
                 prjsim_format_code(a, sizeof a, want, false), prjsim_format_code(b, sizeof b, got, false));
}

static PRJ_PLACEHOLDER_INFO file_info(UINT64 size)
{
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    info.FileBasicInfo.FileSize = (INT64)size;
    info.FileBasicInfo.FileAttributes = FILE_ATTRIBUTE_NORMAL;
    return info;
}

/* ---- a provider whose callbacks run the rows that need them ---- */

static int data_rows_run, enum_rows_run;
static INT32 last_command;

static HRESULT CALLBACK start_enum(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    (void)d;
    (void)id;
    return S_OK;
}

static HRESULT CALLBACK end_enum(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    (void)d;
    (void)id;
    return S_OK;
}

static HRESULT CALLBACK get_enum(const PRJ_CALLBACK_DATA *d, const GUID *id, PCWSTR search,
                                 PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    (void)id;
    (void)search;
    if (d->Flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN) {
        enum_rows_run++;
        PRJ_FILE_BASIC_INFO b;
        memset(&b, 0, sizeof b);
        static char not_a_buffer[64];
        WCHAR long_name[300];
        wmemset(long_name, L'n', 299);
        long_name[299] = 0;
        row("PrjFillDirEntryBuffer", "a NULL name", PrjFillDirEntryBuffer(NULL, &b, buffer), E_INVALIDARG);
        row("PrjFillDirEntryBuffer", "an empty name", PrjFillDirEntryBuffer(L"", &b, buffer), E_INVALIDARG);
        row("PrjFillDirEntryBuffer", "a path, not a name", PrjFillDirEntryBuffer(L"d\\x.txt", &b, buffer), E_INVALIDARG);
        row("PrjFillDirEntryBuffer", "a name of 299 characters", PrjFillDirEntryBuffer(long_name, &b, buffer),
            E_INVALIDARG);
        row("PrjFillDirEntryBuffer", "a NULL buffer handle", PrjFillDirEntryBuffer(L"x.txt", &b, NULL), E_INVALIDARG);
        row("PrjFillDirEntryBuffer", "a handle that is no buffer",
            PrjFillDirEntryBuffer(L"x.txt", &b, (PRJ_DIR_ENTRY_BUFFER_HANDLE)not_a_buffer), E_INVALIDARG);
        PRJ_EXTENDED_INFO x;
        memset(&x, 0, sizeof x);
        x.InfoType = (PRJ_EXT_INFO_TYPE)99;
        x.Symlink.TargetName = L"t";
        row("PrjFillDirEntryBuffer2", "an unknown InfoType", PrjFillDirEntryBuffer2(buffer, L"x.txt", &b, &x),
            E_INVALIDARG);
        x.InfoType = PRJ_EXT_INFO_TYPE_SYMLINK;
        x.Symlink.TargetName = NULL;
        row("PrjFillDirEntryBuffer2", "a symlink without a target", PrjFillDirEntryBuffer2(buffer, L"x.txt", &b, &x),
            E_INVALIDARG);
        row("PrjFillDirEntryBuffer2", "a NULL name", PrjFillDirEntryBuffer2(buffer, NULL, &b, NULL), E_INVALIDARG);
        row("PrjFillDirEntryBuffer2", "a NULL buffer handle", PrjFillDirEntryBuffer2(NULL, L"x.txt", &b, NULL),
            E_INVALIDARG);
        b.FileSize = FILE_SIZE;
        return PrjFillDirEntryBuffer(L"a.txt", &b, buffer);
    }
    return S_OK;
}

static HRESULT CALLBACK placeholder(const PRJ_CALLBACK_DATA *d)
{
    if (wcscmp(d->FilePathName, L"a.txt") && wcscmp(d->FilePathName, L"u.txt"))
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    PRJ_PLACEHOLDER_INFO info = file_info(FILE_SIZE);
    return PrjWritePlaceholderInfo(d->NamespaceVirtualizationContext, d->FilePathName, &info, sizeof info);
}

static HRESULT CALLBACK file_data(const PRJ_CALLBACK_DATA *d, UINT64 offset, UINT32 length)
{
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT c = d->NamespaceVirtualizationContext;
    const GUID *stream = &d->DataStreamId;
    UINT8 *buf = PrjAllocateAlignedBuffer(c, FILE_SIZE);
    if (!buf)
        return E_OUTOFMEMORY;
    memset(buf, 'x', FILE_SIZE);
    GUID other;
    memset(&other, 0x5a, sizeof other);
    if (!wcscmp(d->FilePathName, L"u.txt")) {
        /* the reader's handle is unbuffered: offsets must be aligned */
        row("PrjWriteFileData", "a misaligned offset (unbuffered reader)", PrjWriteFileData(c, stream, buf, 1, 4096),
            HRESULT_FROM_WIN32(ERROR_OFFSET_ALIGNMENT_VIOLATION));
    } else {
        data_rows_run++;
        row("PrjWriteFileData", "a NULL DataStreamId", PrjWriteFileData(c, NULL, buf, 0, 16), E_INVALIDARG);
        row("PrjWriteFileData", "a DataStreamId nobody waits on", PrjWriteFileData(c, &other, buf, 0, 16), E_HANDLE);
        row("PrjWriteFileData", "a NULL buffer", PrjWriteFileData(c, stream, NULL, 0, 16), E_INVALIDARG);
        row("PrjWriteFileData", "a length of 0", PrjWriteFileData(c, stream, buf, 0, 0), E_INVALIDARG);
        row("PrjWriteFileData", "an offset past the end", PrjWriteFileData(c, stream, buf, FILE_SIZE, 1), E_INVALIDARG);
        row("PrjWriteFileData", "a range past the end", PrjWriteFileData(c, stream, buf, FILE_SIZE - 1, 2),
            E_INVALIDARG);
        row("PrjWriteFileData", "a NULL context", PrjWriteFileData(NULL, stream, buf, 0, 16), E_INVALIDARG);
        /* a buffer not from the allocator is written (buffer-not-from-allocator is recorded) */
        static UINT8 plain[16];
        row("PrjWriteFileData", "a buffer not from PrjAllocateAlignedBuffer", PrjWriteFileData(c, stream, plain, 0, 16),
            S_OK);
        last_command = d->CommandId;
    }
    HRESULT hr = PrjWriteFileData(c, stream, buf, offset, length);
    PrjFreeAlignedBuffer(buf);
    return hr;
}

static const PRJ_CALLBACKS callbacks = {start_enum, end_enum, get_enum, placeholder, file_data, NULL, NULL, NULL};

static void start(void)
{
    prjsim_sim_options o = PRJSIM_SIM_OPTIONS_INIT;
    cr_assert_eq(prjsim_sim_create(&sim, &o), S_OK);
    prjsim_sim_set_current(sim);
    ASSERT_HR(prjsim_volume_create_directory(sim, ROOT), S_OK);
    ASSERT_HR(prjsim_volume_create_directory(sim, L"C:\\other"), S_OK);
    GUID id = {0x61726773, 1, 2, {3, 4, 5, 6, 7, 8, 9, 10}};
    ASSERT_HR(PrjMarkDirectoryAsPlaceholder(ROOT, NULL, NULL, &id), S_OK);
    ASSERT_HR(PrjStartVirtualizing(ROOT, &callbacks, NULL, NULL, &ctx), S_OK);
    running = true;
}

static void finish(void)
{
    if (running)
        PrjStopVirtualizing(ctx);
    running = false;
    prjsim_sim_set_current(NULL);
    prjsim_sim_destroy(sim);
}

TestSuite(arguments, .init = start, .fini = finish);

Test(arguments, every_function_refuses_what_the_documentation_calls_invalid)
{
    GUID id = {0x61726773, 1, 2, {3, 4, 5, 6, 7, 8, 9, 10}};
    PRJ_PLACEHOLDER_INFO info = file_info(4);
    PRJ_UPDATE_FAILURE_CAUSES cause;
    PRJ_FILE_STATE state;
    UINT32 count;
    PRJ_VIRTUALIZATION_INSTANCE_INFO vi;
    PRJ_CALLBACKS no_data = callbacks;
    no_data.GetFileDataCallback = NULL;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT other;

    /* Items the rows need: a.txt placeholder (and hydrated), a directory placeholder d. */
    void *data;
    size_t size;
    ASSERT_ST(prjsim_client_read_file(sim, ROOT L"\\a.txt", &data, &size), STATUS_SUCCESS);
    free(data);
    cr_assert_eq(data_rows_run, 1, "GetFileData ran the stream rows");
    cr_expect_geq(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNALIGNED_BUFFER), 1, "buffer-not-from-allocator recorded");
    info.FileBasicInfo.IsDirectory = TRUE;
    ASSERT_HR(PrjWritePlaceholderInfo(ctx, L"d", &info, sizeof info), S_OK);
    info.FileBasicInfo.IsDirectory = FALSE;

    /* 1. PrjStartVirtualizing */
    row("PrjStartVirtualizing", "a NULL root", PrjStartVirtualizing(NULL, &callbacks, NULL, NULL, &other), E_INVALIDARG);
    row("PrjStartVirtualizing", "NULL callbacks", PrjStartVirtualizing(L"C:\\other", NULL, NULL, NULL, &other),
        E_INVALIDARG);
    row("PrjStartVirtualizing", "no GetFileDataCallback", PrjStartVirtualizing(L"C:\\other", &no_data, NULL, NULL, &other),
        E_INVALIDARG);
    row("PrjStartVirtualizing", "a NULL context out-parameter", PrjStartVirtualizing(L"C:\\other", &callbacks, NULL, NULL, NULL),
        E_INVALIDARG);
    row("PrjStartVirtualizing", "a root never marked", PrjStartVirtualizing(L"C:\\other", &callbacks, NULL, NULL, &other),
        HRESULT_FROM_WIN32(ERROR_REPARSE_TAG_MISMATCH));
    row("PrjStartVirtualizing", "a root already running", PrjStartVirtualizing(ROOT, &callbacks, NULL, NULL, &other),
        HRESULT_FROM_WIN32(ERROR_ALREADY_INITIALIZED));

    /* 5. PrjMarkDirectoryAsPlaceholder */
    row("PrjMarkDirectoryAsPlaceholder", "a NULL root", PrjMarkDirectoryAsPlaceholder(NULL, NULL, NULL, &id), E_INVALIDARG);
    row("PrjMarkDirectoryAsPlaceholder", "a NULL instance ID",
        PrjMarkDirectoryAsPlaceholder(L"C:\\other", NULL, NULL, NULL), E_INVALIDARG);
    row("PrjMarkDirectoryAsPlaceholder", "a target that is a file",
        PrjMarkDirectoryAsPlaceholder(ROOT, ROOT L"\\a.txt", NULL, &id), HRESULT_FROM_WIN32(ERROR_DIRECTORY));
    row("PrjMarkDirectoryAsPlaceholder", "a target that is already a placeholder",
        PrjMarkDirectoryAsPlaceholder(ROOT, ROOT L"\\d", NULL, &id), HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED));
    row("PrjMarkDirectoryAsPlaceholder", "a root already marked", PrjMarkDirectoryAsPlaceholder(ROOT, NULL, NULL, &id),
        HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED));

    /* 6, 7. PrjWritePlaceholderInfo(2) */
    row("PrjWritePlaceholderInfo", "a NULL context", PrjWritePlaceholderInfo(NULL, L"n.txt", &info, sizeof info),
        E_INVALIDARG);
    row("PrjWritePlaceholderInfo", "a NULL path", PrjWritePlaceholderInfo(ctx, NULL, &info, sizeof info), E_INVALIDARG);
    row("PrjWritePlaceholderInfo", "an empty path", PrjWritePlaceholderInfo(ctx, L"", &info, sizeof info), E_INVALIDARG);
    row("PrjWritePlaceholderInfo", "NULL placeholder info", PrjWritePlaceholderInfo(ctx, L"n.txt", NULL, sizeof info),
        E_INVALIDARG);
    row("PrjWritePlaceholderInfo", "a size below sizeof(PRJ_PLACEHOLDER_INFO)",
        PrjWritePlaceholderInfo(ctx, L"n.txt", &info, sizeof info - 1), HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER));
    row("PrjWritePlaceholderInfo", "an item already there", PrjWritePlaceholderInfo(ctx, L"a.txt", &info, sizeof info),
        HRESULT_FROM_WIN32(ERROR_FILE_EXISTS));
    row("PrjWritePlaceholderInfo", "a missing parent", PrjWritePlaceholderInfo(ctx, L"no\\n.txt", &info, sizeof info),
        HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND));
    PRJ_EXTENDED_INFO x;
    memset(&x, 0, sizeof x);
    x.InfoType = (PRJ_EXT_INFO_TYPE)99;
    x.Symlink.TargetName = L"t";
    row("PrjWritePlaceholderInfo2", "an unknown InfoType", PrjWritePlaceholderInfo2(ctx, L"n.txt", &info, sizeof info, &x),
        E_INVALIDARG);
    x.InfoType = PRJ_EXT_INFO_TYPE_SYMLINK;
    x.Symlink.TargetName = NULL;
    row("PrjWritePlaceholderInfo2", "a symlink without a target",
        PrjWritePlaceholderInfo2(ctx, L"n.txt", &info, sizeof info, &x), E_INVALIDARG);
    row("PrjWritePlaceholderInfo2", "a size below sizeof(PRJ_PLACEHOLDER_INFO)",
        PrjWritePlaceholderInfo2(ctx, L"n.txt", &info, 8, NULL), HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER));
    row("PrjWritePlaceholderInfo2", "a NULL path", PrjWritePlaceholderInfo2(ctx, NULL, &info, sizeof info, NULL),
        E_INVALIDARG);

    /* 8. PrjUpdateFileIfNeeded */
    row("PrjUpdateFileIfNeeded", "a NULL context", PrjUpdateFileIfNeeded(NULL, L"a.txt", &info, sizeof info, 0, &cause),
        E_INVALIDARG);
    row("PrjUpdateFileIfNeeded", "a NULL path", PrjUpdateFileIfNeeded(ctx, NULL, &info, sizeof info, 0, &cause),
        E_INVALIDARG);
    row("PrjUpdateFileIfNeeded", "an empty path", PrjUpdateFileIfNeeded(ctx, L"", &info, sizeof info, 0, &cause),
        E_INVALIDARG);
    row("PrjUpdateFileIfNeeded", "NULL placeholder info", PrjUpdateFileIfNeeded(ctx, L"a.txt", NULL, sizeof info, 0, &cause),
        E_INVALIDARG);
    row("PrjUpdateFileIfNeeded", "a size below sizeof(PRJ_PLACEHOLDER_INFO)",
        PrjUpdateFileIfNeeded(ctx, L"a.txt", &info, 4, 0, &cause), HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER));
    row("PrjUpdateFileIfNeeded", "an item that is not on disk",
        PrjUpdateFileIfNeeded(ctx, L"v.txt", &info, sizeof info, 0, &cause), HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
    row("PrjUpdateFileIfNeeded", "a missing middle component",
        PrjUpdateFileIfNeeded(ctx, L"no\\v.txt", &info, sizeof info, 0, &cause), HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND));

    /* 9. PrjDeleteFile */
    row("PrjDeleteFile", "a NULL context", PrjDeleteFile(NULL, L"a.txt", 0, &cause), E_INVALIDARG);
    row("PrjDeleteFile", "a NULL path", PrjDeleteFile(ctx, NULL, 0, &cause), E_INVALIDARG);
    row("PrjDeleteFile", "an empty path", PrjDeleteFile(ctx, L"", 0, &cause), E_INVALIDARG);
    row("PrjDeleteFile", "an item that is not on disk", PrjDeleteFile(ctx, L"v.txt", 0, &cause),
        HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
    row("PrjDeleteFile", "a missing middle component", PrjDeleteFile(ctx, L"no\\v.txt", 0, &cause),
        HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND));

    /* 10. PrjWriteFileData: the rows with a live stream ran in GetFileData; the unbuffered one here */
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, ROOT L"\\u.txt", GENERIC_READ, OPEN_EXISTING, PRJSIM_OPEN_UNBUFFERED, 0),
              STATUS_SUCCESS);
    UINT8 *rb = malloc(4096);
    UINT32 got;
    prjsim_client_read(h, 0, rb, 4096, &got);
    free(rb);
    prjsim_client_close(h);
    row("PrjWriteFileData", "a context and a stream long gone", PrjWriteFileData(ctx, &id, &id, 0, 1), E_HANDLE);

    /* 11. PrjGetOnDiskFileState */
    row("PrjGetOnDiskFileState", "a NULL path", PrjGetOnDiskFileState(NULL, &state), E_INVALIDARG);
    row("PrjGetOnDiskFileState", "a NULL state", PrjGetOnDiskFileState(ROOT L"\\a.txt", NULL), E_INVALIDARG);
    row("PrjGetOnDiskFileState", "a missing item", PrjGetOnDiskFileState(ROOT L"\\v.txt", &state),
        HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
    row("PrjGetOnDiskFileState", "a missing middle component", PrjGetOnDiskFileState(ROOT L"\\no\\v.txt", &state),
        HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND));

    /* 12, 13. PrjAllocateAlignedBuffer, PrjFreeAlignedBuffer */
    row("PrjAllocateAlignedBuffer", "a NULL context (NULL is E_INVALIDARG here)",
        PrjAllocateAlignedBuffer(NULL, 16) ? S_OK : E_INVALIDARG, E_INVALIDARG);
    static char not_ours[32];
    PrjFreeAlignedBuffer(NULL);
    PrjFreeAlignedBuffer(not_ours); /* not from the allocator: left alone, no crash */

    /* 14. PrjCompleteCommand */
    row("PrjCompleteCommand", "an id never given out", PrjCompleteCommand(ctx, 0x7fff0000, S_OK, NULL), E_INVALIDARG);
    row("PrjCompleteCommand", "a negative id", PrjCompleteCommand(ctx, -5, S_OK, NULL), E_INVALIDARG);
    row("PrjCompleteCommand", "a NULL context", PrjCompleteCommand(NULL, 1, S_OK, NULL), E_INVALIDARG);
    /* DEVIATIONS R2: an id handed out that is no longer pending is a harmless no-op */
    row("PrjCompleteCommand", "the id of a callback that has returned",
        PrjCompleteCommand(ctx, last_command, S_OK, NULL), S_OK);

    /* 15, 16. PrjFillDirEntryBuffer(2): the rows ran inside GetDirectoryEnumeration */
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_list(sim, ROOT, NULL, 0, &e, &n), STATUS_SUCCESS);
    prjsim_client_free_entries(e);
    cr_assert_eq(enum_rows_run, 1, "GetDirectoryEnumeration ran the buffer rows");
    cr_expect_geq(prjsim_trace_count_diag(sim, PRJSIM_DIAG_STALE_ENUM_BUFFER), 1, "stale-enum-buffer recorded");
    cr_expect_geq(prjsim_trace_count_diag(sim, PRJSIM_DIAG_NAME_TOO_LONG), 1, "name-too-long recorded");
    PRJ_FILE_BASIC_INFO b;
    memset(&b, 0, sizeof b);
    row("PrjFillDirEntryBuffer", "a buffer outside any enumeration",
        PrjFillDirEntryBuffer(L"x.txt", &b, (PRJ_DIR_ENTRY_BUFFER_HANDLE)&b), E_INVALIDARG);

    /* 17-19. The name functions: NULL is a name that never matches and sorts first */
    row("PrjFileNameMatch", "a NULL name", PrjFileNameMatch(NULL, L"*") ? S_OK : S_FALSE, S_FALSE);
    row("PrjFileNameCompare", "two NULL names", PrjFileNameCompare(NULL, NULL) == 0 ? S_OK : S_FALSE, S_OK);
    row("PrjFileNameCompare", "a NULL and a name", PrjFileNameCompare(NULL, L"a") < 0 ? S_OK : S_FALSE, S_OK);
    row("PrjDoesNameContainWildCards", "a NULL name", PrjDoesNameContainWildCards(NULL) ? S_OK : S_FALSE, S_FALSE);

    /* 3, 4. PrjClearNegativePathCache, PrjGetVirtualizationInstanceInfo */
    row("PrjClearNegativePathCache", "a NULL context", PrjClearNegativePathCache(NULL, &count), E_INVALIDARG);
    row("PrjGetVirtualizationInstanceInfo", "a NULL context", PrjGetVirtualizationInstanceInfo(NULL, &vi), E_INVALIDARG);
    row("PrjGetVirtualizationInstanceInfo", "a NULL info", PrjGetVirtualizationInstanceInfo(ctx, NULL), E_INVALIDARG);

    /* 2. PrjStopVirtualizing, and then every function taking the context: a stale context */
    PrjStopVirtualizing(ctx);
    running = false;
    size_t invalid_before = prjsim_trace_count_diag(sim, PRJSIM_DIAG_INVALID_CONTEXT);
    PrjStopVirtualizing(ctx); /* a second stop: recorded, no crash */
    PrjStopVirtualizing(NULL);
    cr_expect_eq(prjsim_trace_count_diag(sim, PRJSIM_DIAG_INVALID_CONTEXT), invalid_before + 2,
                 "each stop of a stale or NULL context is recorded as invalid-context");
    const char *stale = "a stale context (after PrjStopVirtualizing)";
    row("PrjClearNegativePathCache", stale, PrjClearNegativePathCache(ctx, &count), E_INVALIDARG);
    row("PrjGetVirtualizationInstanceInfo", stale, PrjGetVirtualizationInstanceInfo(ctx, &vi), E_INVALIDARG);
    row("PrjWritePlaceholderInfo", stale, PrjWritePlaceholderInfo(ctx, L"n.txt", &info, sizeof info), E_INVALIDARG);
    row("PrjWritePlaceholderInfo2", stale, PrjWritePlaceholderInfo2(ctx, L"n.txt", &info, sizeof info, NULL), E_INVALIDARG);
    row("PrjUpdateFileIfNeeded", stale, PrjUpdateFileIfNeeded(ctx, L"a.txt", &info, sizeof info, 0, &cause), E_INVALIDARG);
    row("PrjDeleteFile", stale, PrjDeleteFile(ctx, L"a.txt", 0, &cause), E_INVALIDARG);
    row("PrjWriteFileData", stale, PrjWriteFileData(ctx, &id, &id, 0, 1), E_INVALIDARG);
    row("PrjCompleteCommand", stale, PrjCompleteCommand(ctx, 1, S_OK, NULL), E_INVALIDARG);
    row("PrjAllocateAlignedBuffer", stale, PrjAllocateAlignedBuffer(ctx, 16) ? S_OK : E_INVALIDARG, E_INVALIDARG);

    cr_log_info("%d rows, %d wrong", rows, wrong);
    cr_expect_eq(wrong, 0, "%d of %d rows returned another code than documented", wrong, rows);
}
