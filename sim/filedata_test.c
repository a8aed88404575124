/* SPDX-License-Identifier: MIT */
/*
 * Providing file data (sections 4.10, 4.12, 5.5, 6.5, 6.9): hydration of a placeholder on its
 * first read through GetFileData and PrjWriteFileData, the errors PrjWriteFileData returns, and
 * what the reader sees when the provider fails or writes too little.
 *
 * The table provider supplies the data; a wrapper around its GetFileData pokes
 * PrjWriteFileData with the bad arguments the table provider never uses.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "testing/assert_codes.h"
#include "testing/table_provider.h"

/* ---- assertions ---- */

#define ASSERT_COUNT(got, want, what)                                                          \
    cr_assert_eq((size_t)(got), (size_t)(want), "%s: expected %zu, got %zu", (what),           \
                 (size_t)(want), (size_t)(got))

/* ---- fixture ---- */

static const tp_item items[] = {
    {L"File.TXT", false, 100, 0},
    {L"Dir", true, 0, 0},
    {L"Dir\\Data.bin", false, 5000, 0},
    {L"empty.txt", false, 0, 0},
    {L"small.txt", false, 300, 0},
    {L"Dir\\large.bin", false, (5u << 20) + 3, 0}, /* held in a mapping, not on the heap */
};

static prjsim_sim *sim;
static table_provider tp;
static bool running;

/* How the wrapper around the table provider's GetFileData misbehaves first. */
typedef enum poke_mode {
    POKE_NONE,
    POKE_BAD_ARGS,         /* a NULL buffer, then a zero length */
    POKE_UNALIGNED_OFFSET, /* the tail of the file from offset 1 */
    POKE_MALLOC_BUFFER,    /* the whole file from a malloc'd buffer, instead of the provider */
} poke_mode;

static poke_mode poke;
static HRESULT poke_hr[2];

static HRESULT CALLBACK w_data(const PRJ_CALLBACK_DATA *d, UINT64 offset, UINT32 length)
{
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = d->NamespaceVirtualizationContext;
    if (poke == POKE_BAD_ARGS) {
        UINT8 *buf = PrjAllocateAlignedBuffer(ctx, length);
        memset(buf, 0, length);
        poke_hr[0] = PrjWriteFileData(ctx, &d->DataStreamId, NULL, offset, length);
        poke_hr[1] = PrjWriteFileData(ctx, &d->DataStreamId, buf, offset, 0);
        PrjFreeAlignedBuffer(buf);
    } else if (poke == POKE_UNALIGNED_OFFSET) {
        UINT8 *buf = PrjAllocateAlignedBuffer(ctx, length);
        for (UINT32 i = 0; i + 1 < length; i++)
            buf[i] = tp_content_byte(d->FilePathName, offset + 1 + i);
        poke_hr[0] = PrjWriteFileData(ctx, &d->DataStreamId, buf, offset + 1, length - 1);
        PrjFreeAlignedBuffer(buf);
    } else if (poke == POKE_MALLOC_BUFFER) {
        UINT8 *buf = malloc(length);
        for (UINT32 i = 0; i < length; i++)
            buf[i] = tp_content_byte(d->FilePathName, offset + i);
        poke_hr[0] = PrjWriteFileData(ctx, &d->DataStreamId, buf, offset, length);
        free(buf);
        return poke_hr[0];
    }
    return tp_callbacks(&tp)->GetFileDataCallback(d, offset, length);
}

static void start(void)
{
    tp.items = items;
    tp.count = sizeof items / sizeof items[0];
    tp.versions = true;
    static PRJ_CALLBACKS cb;
    cb = *tp_callbacks(&tp);
    cb.GetFileDataCallback = w_data;
    prjsim_volume_create_directory(sim, L"C:\\root");
    GUID g = {0x0badf00d, 0x1234, 0x4321, {1, 2, 3, 4, 5, 6, 7, 8}};
    ASSERT_HR_AS(PrjMarkDirectoryAsPlaceholder(L"C:\\root", NULL, NULL, &g), S_OK, "PrjMarkDirectoryAsPlaceholder");
    ASSERT_HR_AS(PrjStartVirtualizing(L"C:\\root", &cb, &tp, NULL, &tp.ctx), S_OK, "PrjStartVirtualizing");
    running = true;
}

static void stop(void)
{
    if (running)
        PrjStopVirtualizing(tp.ctx);
    running = false;
}

static void setup(void)
{
    sim = tp_fresh_sim();
    memset(&tp, 0, sizeof tp);
    poke = POKE_NONE;
    running = false;
    start();
}

static void teardown(void)
{
    stop();
    prjsim_sim_destroy(sim);
}

TestSuite(filedata, .init = setup, .fini = teardown);

/* ---- helpers ---- */

static PRJ_FILE_STATE state_of(const WCHAR *path)
{
    PRJ_FILE_STATE s = 0;
    char what[128];
    snprintf(what, sizeof what, "PrjGetOnDiskFileState(\"%ls\")", path);
    ASSERT_HR_AS(PrjGetOnDiskFileState(path, &s), S_OK, what);
    return s;
}

#define ASSERT_STATE(path, want)                                                               \
    do {                                                                                       \
        PRJ_FILE_STATE s_ = state_of(path);                                                    \
        cr_assert_eq(s_, (PRJ_FILE_STATE)(want), "state of \"%ls\": expected 0x%x, got 0x%x",  \
                     (path), (unsigned)(want), (unsigned)s_);                                  \
    } while (0)

/* Reads a whole file and checks it against the table provider's content for @p store_path. */
static void expect_content(const WCHAR *path, const WCHAR *store_path, size_t size)
{
    void *data;
    size_t n;
    ASSERT_ST(prjsim_client_read_file(sim, path, &data, &n), STATUS_SUCCESS);
    cr_assert_eq(n, size, "\"%ls\": expected %zu bytes, got %zu", path, size, n);
    const UINT8 *b = data;
    for (size_t i = 0; i < n; i++)
        if (b[i] != tp_content_byte(store_path, i)) {
            free(data);
            cr_assert_fail("\"%ls\" byte %zu: expected 0x%02x, got 0x%02x", path, i,
                           tp_content_byte(store_path, i), b[i]);
        }
    free(data);
}

static NTSTATUS read_some(const WCHAR *path)
{
    void *data = NULL;
    size_t n = 0;
    NTSTATUS st = prjsim_client_read_file(sim, path, &data, &n);
    free(data);
    return st;
}

/* ==== hydration ==== */

Test(filedata, first_read_asks_once_for_the_whole_file_under_the_providers_name)
{
    expect_content(L"C:\\root\\file.txt", L"File.TXT", 100);
    ASSERT_COUNT(tp.data_calls, 1, "GetFileData calls after the first read");
    cr_expect_eq(tp.last_offset, 0, "GetFileData offset: expected 0, got %llu", (unsigned long long)tp.last_offset);
    cr_expect_eq(tp.last_length, 100, "GetFileData length: expected FileSize 100, got %u", (unsigned)tp.last_length);
    cr_expect(wcscmp(tp.last_path, L"File.TXT") == 0,
              "GetFileData FilePathName: expected the provider's spelling \"File.TXT\", got \"%ls\"", tp.last_path);
    cr_expect_eq(tp.last_version0, 1, "GetFileData VersionInfo: expected the file's own ContentID[0] 1, got %u",
                 (unsigned)tp.last_version0);
    ASSERT_STATE(L"C:\\root\\File.TXT", PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER);
    expect_content(L"C:\\root\\FILE.txt", L"File.TXT", 100);
    ASSERT_COUNT(tp.data_calls, 1, "GetFileData calls after a second read");
    ASSERT_COUNT(prjsim_trace_count_all_diags(sim), 0, "diagnostics");
}

Test(filedata, a_file_in_a_subdirectory_is_asked_for_by_its_relative_path)
{
    expect_content(L"C:\\root\\dir\\DATA.BIN", L"Dir\\Data.bin", 5000);
    cr_expect(wcscmp(tp.last_path, L"Dir\\Data.bin") == 0,
              "GetFileData FilePathName: expected \"Dir\\Data.bin\", got \"%ls\"", tp.last_path);
    cr_expect_eq(tp.last_length, 5000, "GetFileData length: expected 5000, got %u", (unsigned)tp.last_length);
}

Test(filedata, data_written_in_chunks_hydrates_the_file)
{
    tp.chunk = 7;
    expect_content(L"C:\\root\\Dir\\Data.bin", L"Dir\\Data.bin", 5000);
    ASSERT_HR_AS(tp.last_write_hr, S_OK, "the last chunk's PrjWriteFileData");
    size_t writes = 0;
    prjsim_trace_record r;
    for (size_t i = 0; prjsim_trace_get(sim, i, &r); i++)
        if (r.kind == PRJSIM_TRACE_API && strstr(r.text, "PrjWriteFileData"))
            writes++;
    ASSERT_COUNT(writes, (5000 + 6) / 7, "PrjWriteFileData calls");
    ASSERT_STATE(L"C:\\root\\Dir\\Data.bin", PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER);
    ASSERT_COUNT(prjsim_trace_count_all_diags(sim), 0, "diagnostics");
}

Test(filedata, a_placeholder_renamed_before_its_first_read_is_asked_for_by_its_original_path)
{
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\File.TXT", &fi), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\File.TXT", L"C:\\root\\Dir\\moved.txt", false), STATUS_SUCCESS);
    ASSERT_COUNT(tp.data_calls, 0, "GetFileData calls before the read");
    expect_content(L"C:\\root\\Dir\\moved.txt", L"File.TXT", 100);
    ASSERT_COUNT(tp.data_calls, 1, "GetFileData calls");
    cr_expect(wcscmp(tp.last_path, L"File.TXT") == 0,
              "GetFileData FilePathName after the rename: expected the original \"File.TXT\", got \"%ls\"",
              tp.last_path);
}

Test(filedata, a_directory_with_placeholders_below_does_not_rename_and_its_files_stay_readable)
{
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\Dir\\Data.bin", &fi), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_move(sim, L"C:\\root\\Dir", L"C:\\root\\Moved", false), STATUS_NOT_SUPPORTED);
    expect_content(L"C:\\root\\Dir\\Data.bin", L"Dir\\Data.bin", 5000);
}

Test(filedata, a_large_file_hydrates_whole_and_grows_and_shrinks_with_zeros)
{
    const size_t size = (5u << 20) + 3;
    expect_content(L"C:\\root\\Dir\\large.bin", L"Dir\\large.bin", size);
    ASSERT_COUNT(tp.data_calls, 1, "GetFileData calls");
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\Dir\\large.bin", GENERIC_READ | GENERIC_WRITE,
                                 OPEN_EXISTING, 0, 0), STATUS_SUCCESS);
    /* Past a growth of the mapping, then back below the size and up again: the gap reads zero. */
    UINT8 tail[4] = {1, 2, 3, 4}, got[8];
    UINT32 n = 0;
    ASSERT_ST(prjsim_client_write(h, (9u << 20), tail, sizeof tail, &n), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_set_size(h, 100), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_set_size(h, (9u << 20) + 4), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_read(h, (9u << 20) - 4, got, sizeof got, &n), STATUS_SUCCESS);
    ASSERT_COUNT(n, 8, "bytes read");
    for (size_t i = 0; i < sizeof got; i++)
        cr_expect_eq(got[i], 0, "byte %zu after shrinking and growing: expected 0, got %u", i, got[i]);
    ASSERT_ST(prjsim_client_read(h, 99, got, 1, &n), STATUS_SUCCESS);
    cr_expect_eq(got[0], tp_content_byte(L"Dir\\large.bin", 99), "the bytes below the cut stay");
    prjsim_client_close(h);
}

Test(filedata, a_zero_length_file_needs_no_get_file_data)
{
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\empty.txt", GENERIC_READ, OPEN_EXISTING, 0, 0), STATUS_SUCCESS);
    UINT8 buf[16];
    UINT32 n = 99;
    ASSERT_ST(prjsim_client_read(h, 0, buf, sizeof buf, &n), STATUS_END_OF_FILE);
    cr_expect_eq(n, 0, "bytes read: expected 0, got %u", (unsigned)n);
    prjsim_client_close(h);
    ASSERT_COUNT(tp.data_calls, 0, "GetFileData calls for an empty file");
    /* UNCONFIRMED: with nothing to fetch the simulator counts the file as hydrated. */
    ASSERT_STATE(L"C:\\root\\empty.txt", PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER);
}

/* ==== PrjWriteFileData errors ==== */

Test(filedata, writing_past_the_end_is_invalid_and_fails_the_read_with_invalid_parameter)
{
    tp.past_end = true;
    /*
     * The provider returns the E_INVALIDARG PrjWriteFileData gave it. E_INVALIDARG is
     * HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER), which is on the allowed list and is also a
     * result the provider received from a ProjFS call (section 6.9), so the reader sees
     * STATUS_INVALID_PARAMETER, not STATUS_INTERNAL_ERROR.
     */
    ASSERT_ST(read_some(L"C:\\root\\File.TXT"), STATUS_INVALID_PARAMETER);
    ASSERT_HR_AS(tp.last_write_hr, E_INVALIDARG, "PrjWriteFileData of FileSize + 1 bytes");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_DATA_PAST_END), 1, "data-past-end diagnostics");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNLISTED_RESULT), 0, "unlisted-result diagnostics");
    ASSERT_STATE(L"C:\\root\\File.TXT", PRJ_FILE_STATE_PLACEHOLDER);
}

Test(filedata, a_null_buffer_or_zero_length_is_invalid)
{
    poke = POKE_BAD_ARGS;
    expect_content(L"C:\\root\\File.TXT", L"File.TXT", 100);
    ASSERT_HR_AS(poke_hr[0], E_INVALIDARG, "PrjWriteFileData with a NULL buffer");
    ASSERT_HR_AS(poke_hr[1], E_INVALIDARG, "PrjWriteFileData with length 0");
}

Test(filedata, a_finished_data_stream_is_an_unknown_handle)
{
    expect_content(L"C:\\root\\File.TXT", L"File.TXT", 100);
    UINT8 *buf = PrjAllocateAlignedBuffer(tp.ctx, 10);
    memset(buf, 0, 10);
    ASSERT_HR_AS(PrjWriteFileData(tp.ctx, &tp.last_stream, buf, 0, 10), E_HANDLE,
              "PrjWriteFileData with the stream of a finished GetFileData");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_STALE_DATA_STREAM), 1, "stale-data-stream diagnostics");
    GUID never = {0xdeadbeef, 1, 2, {3, 4, 5, 6, 7, 8, 9, 10}};
    ASSERT_HR_AS(PrjWriteFileData(tp.ctx, &never, buf, 0, 10), E_HANDLE, "PrjWriteFileData with a made-up stream");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_STALE_DATA_STREAM), 2, "stale-data-stream diagnostics");
    PrjFreeAlignedBuffer(buf);
    expect_content(L"C:\\root\\File.TXT", L"File.TXT", 100);
}

static NTSTATUS read_unbuffered(const WCHAR *path, UINT32 *n)
{
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, path, GENERIC_READ, OPEN_EXISTING,
                                 PRJSIM_OPEN_NON_DIRECTORY | PRJSIM_OPEN_UNBUFFERED, 0),
              STATUS_SUCCESS);
    UINT8 *buf = PrjAllocateAlignedBuffer(tp.ctx, 4096);
    NTSTATUS st = prjsim_client_read(h, 0, buf, 4096, n);
    PrjFreeAlignedBuffer(buf);
    prjsim_client_close(h);
    return st;
}

Test(filedata, an_unaligned_offset_for_an_unbuffered_reader_is_an_alignment_violation)
{
    poke = POKE_UNALIGNED_OFFSET;
    UINT32 n = 0;
    ASSERT_ST(read_unbuffered(L"C:\\root\\small.txt", &n), STATUS_SUCCESS);
    ASSERT_HR_AS(poke_hr[0], HRESULT_FROM_WIN32(ERROR_OFFSET_ALIGNMENT_VIOLATION),
              "PrjWriteFileData at offset 1 for an unbuffered reader");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNALIGNED_WRITE), 1, "unaligned-write diagnostics");
    cr_expect_eq(n, 300, "unbuffered read: expected 300 bytes, got %u", (unsigned)n);
    /* The same write for a buffered reader is fine. */
    ASSERT_COUNT(tp.data_calls, 1, "GetFileData calls");
    expect_content(L"C:\\root\\Dir\\Data.bin", L"Dir\\Data.bin", 5000);
    ASSERT_HR_AS(poke_hr[0], S_OK, "PrjWriteFileData at offset 1 for a buffered reader");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNALIGNED_WRITE), 1, "unaligned-write diagnostics");
}

Test(filedata, an_unaligned_chunk_for_an_unbuffered_reader_fails_the_read)
{
    tp.chunk = 100;
    UINT32 n = 0;
    /* The first 100-byte piece neither fills an alignment unit nor ends the file. The provider
     * returns the code PrjWriteFileData gave it, which the reader sees as its NTSTATUS. */
    ASSERT_ST(read_unbuffered(L"C:\\root\\small.txt", &n), STATUS_INVALID_OFFSET_ALIGNMENT);
    ASSERT_HR_AS(tp.last_write_hr, HRESULT_FROM_WIN32(ERROR_OFFSET_ALIGNMENT_VIOLATION), "the provider's write");
    ASSERT_STATE(L"C:\\root\\small.txt", PRJ_FILE_STATE_PLACEHOLDER);
    /* A buffered reader takes the same pieces. */
    expect_content(L"C:\\root\\small.txt", L"small.txt", 300);
}

Test(filedata, a_buffer_not_from_the_allocator_is_reported_but_written)
{
    poke = POKE_MALLOC_BUFFER;
    expect_content(L"C:\\root\\File.TXT", L"File.TXT", 100);
    ASSERT_HR_AS(poke_hr[0], S_OK, "PrjWriteFileData from a malloc'd buffer");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNALIGNED_BUFFER), 1,
                 "buffer-not-from-allocator diagnostics");
    ASSERT_STATE(L"C:\\root\\File.TXT", PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER);
}

/* ==== failed hydration ==== */

Test(filedata, too_little_data_fails_the_read_and_the_next_read_asks_again)
{
    tp.short_data = 10;
    ASSERT_ST(read_some(L"C:\\root\\File.TXT"), STATUS_INTERNAL_ERROR);
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_SHORT_DATA), 1, "short-data diagnostics");
    ASSERT_STATE(L"C:\\root\\File.TXT", PRJ_FILE_STATE_PLACEHOLDER);
    ASSERT_ST(read_some(L"C:\\root\\File.TXT"), STATUS_INTERNAL_ERROR);
    ASSERT_COUNT(tp.data_calls, 2, "GetFileData calls after two failed reads");
    tp.short_data = 0;
    expect_content(L"C:\\root\\File.TXT", L"File.TXT", 100);
    ASSERT_COUNT(tp.data_calls, 3, "GetFileData calls after a good read");
    ASSERT_STATE(L"C:\\root\\File.TXT", PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER);
}

Test(filedata, access_denied_fails_the_read_and_leaves_a_placeholder)
{
    tp.force[PRJSIM_CB_GET_FILE_DATA] = HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED);
    ASSERT_ST(read_some(L"C:\\root\\File.TXT"), STATUS_ACCESS_DENIED);
    ASSERT_STATE(L"C:\\root\\File.TXT", PRJ_FILE_STATE_PLACEHOLDER);
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNLISTED_RESULT), 0, "unlisted-result diagnostics");
}

Test(filedata, an_unlisted_result_fails_the_read_with_internal_error)
{
    tp.force[PRJSIM_CB_GET_FILE_DATA] = E_FAIL;
    ASSERT_ST(read_some(L"C:\\root\\File.TXT"), STATUS_INTERNAL_ERROR);
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNLISTED_RESULT), 1, "unlisted-result diagnostics");
    ASSERT_STATE(L"C:\\root\\File.TXT", PRJ_FILE_STATE_PLACEHOLDER);
}

/* ==== alignment ==== */

Test(filedata, write_alignment_is_the_simulation_option_and_buffers_are_aligned_to_it)
{
    PRJ_VIRTUALIZATION_INSTANCE_INFO info;
    ASSERT_HR_AS(PrjGetVirtualizationInstanceInfo(tp.ctx, &info), S_OK, "PrjGetVirtualizationInstanceInfo");
    cr_expect_eq(info.WriteAlignment, prjsim_sim_get_options(sim)->write_alignment,
                 "WriteAlignment: expected the default option %u, got %u",
                 (unsigned)prjsim_sim_get_options(sim)->write_alignment, (unsigned)info.WriteAlignment);
    stop();
    static const uint32_t alignments[] = {512, 65536};
    for (size_t i = 0; i < 2; i++) {
        prjsim_sim_options o = PRJSIM_SIM_OPTIONS_INIT;
        o.write_alignment = alignments[i];
        prjsim_sim *other;
        ASSERT_HR_AS(prjsim_sim_create(&other, &o), S_OK, "prjsim_sim_create");
        prjsim_sim_set_current(other);
        table_provider t;
        memset(&t, 0, sizeof t);
        t.items = items;
        t.count = 1;
        ASSERT_HR_AS(tp_start(&t, NULL), S_OK, "tp_start");
        ASSERT_HR_AS(PrjGetVirtualizationInstanceInfo(t.ctx, &info), S_OK, "PrjGetVirtualizationInstanceInfo");
        cr_expect_eq(info.WriteAlignment, alignments[i], "WriteAlignment: expected %u, got %u",
                     (unsigned)alignments[i], (unsigned)info.WriteAlignment);
        for (size_t size = 1; size <= 3 * alignments[i]; size += alignments[i] + 7) {
            UINT8 *buf = PrjAllocateAlignedBuffer(t.ctx, size);
            cr_assert(buf != NULL, "PrjAllocateAlignedBuffer(%zu): expected memory, got NULL", size);
            cr_expect_eq((uintptr_t)buf % alignments[i], 0, "PrjAllocateAlignedBuffer(%zu) = %p: not aligned to %u",
                         size, (void *)buf, (unsigned)alignments[i]);
            memset(buf, 0xA5, size);
            PrjFreeAlignedBuffer(buf);
        }
        PrjStopVirtualizing(t.ctx);
        prjsim_sim_set_current(sim);
        prjsim_sim_destroy(other);
    }
}

/* ==== a stopped instance ==== */

Test(filedata, while_stopped_hydrated_data_reads_but_a_placeholder_does_not)
{
    expect_content(L"C:\\root\\File.TXT", L"File.TXT", 100);
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\small.txt", &fi), STATUS_SUCCESS);
    ASSERT_STATE(L"C:\\root\\small.txt", PRJ_FILE_STATE_PLACEHOLDER);
    stop();
    expect_content(L"C:\\root\\File.TXT", L"File.TXT", 100);
    ASSERT_ST(read_some(L"C:\\root\\small.txt"), STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE);
    ASSERT_COUNT(tp.data_calls, 1, "GetFileData calls");
    ASSERT_STATE(L"C:\\root\\small.txt", PRJ_FILE_STATE_PLACEHOLDER);
}
