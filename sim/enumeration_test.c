/* SPDX-License-Identifier: MIT */
/*
 * Directory enumeration (sections 4.14, 4.15, 5.1-5.3, 6.4): the Start/Get/End session of each
 * handle, search expressions and restarts, the caller's buffer budget, the merge of the
 * provider's stream with the on-disk children, and the contract violations it reports.
 *
 * Most cases use the table provider behind a thin wrapper that records what each enumeration
 * callback was given; the misbehaviours the table provider lacks come from a small list
 * provider below.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "testing/assert_codes.h"
#include "testing/table_provider.h"

/* ---- assertions ---- */

#define ASSERT_NAMES(got, want, what)                                                          \
    do {                                                                                       \
        const char *g_ = (got);                                                                \
        cr_assert_str_eq(g_, (want), "%s: expected listing \"%s\", got \"%s\"", (what), (want), g_); \
    } while (0)

#define ASSERT_COUNT(got, want, what)                                                          \
    cr_assert_eq((size_t)(got), (size_t)(want), "%s: expected %zu, got %zu", (what),           \
                 (size_t)(want), (size_t)(got))

/* ---- fixture ---- */

static prjsim_sim *sim;
static table_provider tp;
static bool running;
static PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;

static void setup(void)
{
    sim = tp_fresh_sim();
    memset(&tp, 0, sizeof tp);
    running = false;
    ctx = NULL;
}

static void stop(void)
{
    if (running)
        PrjStopVirtualizing(ctx);
    running = false;
}

static void teardown(void)
{
    stop();
    prjsim_sim_destroy(sim);
}

TestSuite(enumeration, .init = setup, .fini = teardown);

/* Marks and starts C:\root with any provider. */
static void start_root(const PRJ_CALLBACKS *cb, void *instance_context)
{
    prjsim_volume_create_directory(sim, L"C:\\root");
    GUID g = {0x12345678, 0x1234, 0x4321, {1, 2, 3, 4, 5, 6, 7, 8}};
    ASSERT_HR_AS(PrjMarkDirectoryAsPlaceholder(L"C:\\root", NULL, NULL, &g), S_OK, "PrjMarkDirectoryAsPlaceholder");
    ASSERT_HR_AS(PrjStartVirtualizing(L"C:\\root", cb, instance_context, NULL, &ctx), S_OK, "PrjStartVirtualizing");
    running = true;
}

/* ---- a recording wrapper around the table provider ---- */

typedef struct get_record {
    GUID id;
    UINT32 flags;
    WCHAR search[64];
} get_record;

static GUID start_ids[16], end_ids[16];
static int n_start, n_end, n_get;
static get_record gets[128];

static HRESULT CALLBACK w_start(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    if (n_start < 16)
        start_ids[n_start] = *id;
    n_start++;
    return tp_callbacks(&tp)->StartDirectoryEnumerationCallback(d, id);
}

static HRESULT CALLBACK w_end(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    if (n_end < 16)
        end_ids[n_end] = *id;
    n_end++;
    return tp_callbacks(&tp)->EndDirectoryEnumerationCallback(d, id);
}

static HRESULT CALLBACK w_get(const PRJ_CALLBACK_DATA *d, const GUID *id, PCWSTR search,
                              PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    if (n_get < 128) {
        gets[n_get].id = *id;
        gets[n_get].flags = d->Flags;
        wcsncpy(gets[n_get].search, search ? search : L"(null)", 63);
    }
    n_get++;
    return tp_callbacks(&tp)->GetDirectoryEnumerationCallback(d, id, search, buffer);
}

static void start_tp(const tp_item *items, size_t count)
{
    tp.items = items;
    tp.count = count;
    static PRJ_CALLBACKS cb;
    cb = *tp_callbacks(&tp);
    cb.StartDirectoryEnumerationCallback = w_start;
    cb.EndDirectoryEnumerationCallback = w_end;
    cb.GetDirectoryEnumerationCallback = w_get;
    start_root(&cb, &tp);
    tp.ctx = ctx;
}

/* Sorted by PrjFileNameCompare (case-insensitive), not by code point. */
static const tp_item items[] = {
    {L"Alpha.txt", false, 10, FILE_ATTRIBUTE_READONLY},
    {L"beta", true, 0, 0},
    {L"beta\\inner.txt", false, 5, 0},
    /* A file whose attributes claim DIRECTORY: IsDirectory decides. */
    {L"Gamma.dat", false, 300, FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_ARCHIVE},
    {L"zeta.txt", false, 0, 0},
};
#define N_ITEMS (sizeof items / sizeof items[0])
static const char full_listing[] = ".,..,Alpha.txt,beta,Gamma.dat,zeta.txt";

/* ---- helpers ---- */

/* The caller-buffer cost of an entry (section 6.4): 0x68 + 2 * length, 8-aligned. */
static UINT32 cost(const WCHAR *name)
{
    return (UINT32)((0x68 + 2 * wcslen(name) + 7) & ~(size_t)7);
}

static const prjsim_dir_entry *find_entry(const prjsim_dir_entry *e, size_t n, const WCHAR *name)
{
    for (size_t i = 0; i < n; i++)
        if (wcscmp(e[i].name, name) == 0)
            return &e[i];
    return NULL;
}

static prjsim_handle *open_dir(const WCHAR *path)
{
    prjsim_handle *h = NULL;
    ASSERT_ST(prjsim_client_open(&h, sim, path, FILE_READ_DATA | FILE_READ_ATTRIBUTES, OPEN_EXISTING,
                                 PRJSIM_OPEN_DIRECTORY, 0),
              STATUS_SUCCESS);
    return h;
}

/* Appends the names of one query's entries to a comma-separated string. */
static void append_names(char *acc, size_t size, const prjsim_dir_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t at = strlen(acc);
        snprintf(acc + at, size - at, "%s%ls", at ? "," : "", e[i].name);
    }
}

/* Lists a directory with the default buffer; the names joined with ','. */
static const char *list(const WCHAR *path, const WCHAR *pattern, prjsim_dir_entry **out, size_t *n)
{
    prjsim_dir_entry *e = NULL;
    size_t count = 0;
    ASSERT_ST(prjsim_client_list(sim, path, pattern, 0, &e, &count), STATUS_SUCCESS);
    static char buf[2048];
    snprintf(buf, sizeof buf, "%s", tp_names(e, count));
    if (out) {
        *out = e;
        *n = count;
    } else {
        free(e);
    }
    return buf;
}

static bool guid_eq(const GUID *a, const GUID *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

static PRJ_FILE_STATE state_of(const WCHAR *path)
{
    PRJ_FILE_STATE s = 0;
    char what[128];
    snprintf(what, sizeof what, "PrjGetOnDiskFileState(\"%ls\")", path);
    ASSERT_HR_AS(PrjGetOnDiskFileState(path, &s), S_OK, what);
    return s;
}

/* ==== the listing ==== */

Test(enumeration, root_lists_dots_first_then_entries_in_collation_order)
{
    start_tp(items, N_ITEMS);
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_NAMES(list(L"C:\\root", NULL, &e, &n), full_listing, "root listing");
    for (size_t i = 3; i < n; i++)
        cr_expect(PrjFileNameCompare(e[i - 1].name, e[i].name) < 0,
                  "entries %zu and %zu out of PrjFileNameCompare order: \"%ls\", \"%ls\"", i - 1, i,
                  e[i - 1].name, e[i].name);
    free(e);
}

Test(enumeration, virtual_entries_carry_recall_on_open_and_directory_bit_from_is_directory)
{
    start_tp(items, N_ITEMS);
    prjsim_dir_entry *e;
    size_t n;
    list(L"C:\\root", NULL, &e, &n);
    for (size_t i = 2; i < n; i++)
        cr_expect(e[i].basic.FileAttributes & FILE_ATTRIBUTE_RECALL_ON_OPEN,
                  "virtual entry \"%ls\": expected FILE_ATTRIBUTE_RECALL_ON_OPEN, got attributes 0x%x",
                  e[i].name, (unsigned)e[i].basic.FileAttributes);
    const prjsim_dir_entry *beta = find_entry(e, n, L"beta");
    const prjsim_dir_entry *gamma = find_entry(e, n, L"Gamma.dat");
    const prjsim_dir_entry *alpha = find_entry(e, n, L"Alpha.txt");
    cr_assert(beta && gamma && alpha, "expected beta, Gamma.dat and Alpha.txt in the listing");
    cr_expect(beta->basic.IsDirectory && (beta->basic.FileAttributes & FILE_ATTRIBUTE_DIRECTORY),
              "beta (IsDirectory TRUE, attributes 0): expected the DIRECTORY bit, got 0x%x",
              (unsigned)beta->basic.FileAttributes);
    cr_expect(!gamma->basic.IsDirectory && !(gamma->basic.FileAttributes & FILE_ATTRIBUTE_DIRECTORY),
              "Gamma.dat (IsDirectory FALSE, attributes DIRECTORY|ARCHIVE): expected no DIRECTORY bit, got 0x%x",
              (unsigned)gamma->basic.FileAttributes);
    cr_expect(gamma->basic.FileAttributes & FILE_ATTRIBUTE_ARCHIVE,
              "Gamma.dat: the provider's other attributes stay; expected ARCHIVE in 0x%x",
              (unsigned)gamma->basic.FileAttributes);
    cr_expect_eq(gamma->basic.FileSize, 300, "Gamma.dat: expected FileSize 300, got %lld",
                 (long long)gamma->basic.FileSize);
    cr_expect(alpha->basic.FileAttributes & FILE_ATTRIBUTE_READONLY,
              "Alpha.txt: expected READONLY from the provider in 0x%x", (unsigned)alpha->basic.FileAttributes);
    free(e);
}

Test(enumeration, zero_provider_times_become_the_virtual_clock_now)
{
    start_tp(items, N_ITEMS);
    prjsim_handle *h = open_dir(L"C:\\root");
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_query_directory(h, NULL, 0, 0, &e, &n), STATUS_SUCCESS);
    INT64 now = prjsim_sim_now(sim);
    for (size_t i = 2; i < n; i++) {
        const PRJ_FILE_BASIC_INFO *b = &e[i].basic;
        INT64 t[4] = {b->CreationTime.QuadPart, b->LastAccessTime.QuadPart, b->LastWriteTime.QuadPart,
                      b->ChangeTime.QuadPart};
        for (int k = 0; k < 4; k++)
            cr_expect_eq(t[k], now, "\"%ls\" time %d: expected now %lld, got %lld", e[i].name, k,
                         (long long)now, (long long)t[k]);
    }
    prjsim_client_free_entries(e);
    prjsim_client_close(h);
}

Test(enumeration, placeholder_entries_do_not_show_reparse_point)
{
    start_tp(items, N_ITEMS);
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\Alpha.txt", &fi), STATUS_SUCCESS);
    cr_assert_eq(state_of(L"C:\\root\\Alpha.txt"), PRJ_FILE_STATE_PLACEHOLDER,
                 "Alpha.txt after an open: expected a placeholder");
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_NAMES(list(L"C:\\root", NULL, &e, &n), full_listing, "listing with a placeholder");
    const prjsim_dir_entry *alpha = find_entry(e, n, L"Alpha.txt");
    cr_expect(!(alpha->basic.FileAttributes & FILE_ATTRIBUTE_REPARSE_POINT),
              "placeholder Alpha.txt: expected no FILE_ATTRIBUTE_REPARSE_POINT, got 0x%x",
              (unsigned)alpha->basic.FileAttributes);
    cr_expect_eq(alpha->basic.FileSize, 10, "placeholder Alpha.txt: expected FileSize 10, got %lld",
                 (long long)alpha->basic.FileSize);
    free(e);
}

/* ==== sessions ==== */

Test(enumeration, one_start_per_handle_and_end_when_the_handle_closes)
{
    start_tp(items, N_ITEMS);
    prjsim_handle *h = open_dir(L"C:\\root");
    ASSERT_COUNT(n_start, 0, "Start calls after the open");
    prjsim_dir_entry *e;
    size_t n;
    UINT32 one = cost(L"Alpha.txt");
    NTSTATUS st;
    int queries = 0;
    while ((st = prjsim_client_query_directory(h, NULL, 0, one, &e, &n)) == STATUS_SUCCESS) {
        prjsim_client_free_entries(e);
        queries++;
    }
    ASSERT_ST(st, STATUS_NO_MORE_FILES);
    cr_assert_gt(queries, 1, "expected several queries, got %d", queries);
    ASSERT_COUNT(n_start, 1, "Start calls over all queries of one handle");
    ASSERT_COUNT(n_end, 0, "End calls before the close");
    for (int i = 0; i < n_get; i++)
        cr_expect(guid_eq(&gets[i].id, &start_ids[0]), "Get %d: expected the session's GUID", i);
    prjsim_client_close(h);
    ASSERT_COUNT(n_end, 1, "End calls after the close");
    cr_expect(guid_eq(&end_ids[0], &start_ids[0]), "End: expected the GUID Start was given");
}

Test(enumeration, two_sessions_on_one_directory_have_own_guids_and_cursors)
{
    start_tp(items, N_ITEMS);
    prjsim_handle *a = open_dir(L"C:\\root");
    prjsim_handle *b = open_dir(L"C:\\root");
    UINT32 one = cost(L"Alpha.txt");
    char la[512] = "", lb[512] = "";
    bool a_done = false, b_done = false;
    while (!a_done || !b_done) {
        prjsim_dir_entry *e;
        size_t n;
        if (!a_done) {
            NTSTATUS st = prjsim_client_query_directory(a, NULL, 0, one, &e, &n);
            if (st == STATUS_SUCCESS) {
                append_names(la, sizeof la, e, n);
                prjsim_client_free_entries(e);
            } else {
                ASSERT_ST(st, STATUS_NO_MORE_FILES);
                a_done = true;
            }
        }
        if (!b_done) {
            NTSTATUS st = prjsim_client_query_directory(b, NULL, 0, one, &e, &n);
            if (st == STATUS_SUCCESS) {
                append_names(lb, sizeof lb, e, n);
                prjsim_client_free_entries(e);
            } else {
                ASSERT_ST(st, STATUS_NO_MORE_FILES);
                b_done = true;
            }
        }
    }
    ASSERT_NAMES(la, full_listing, "first handle, interleaved");
    ASSERT_NAMES(lb, full_listing, "second handle, interleaved");
    ASSERT_COUNT(n_start, 2, "Start calls for two handles");
    cr_assert(!guid_eq(&start_ids[0], &start_ids[1]), "the two sessions must have different GUIDs");
    for (int i = 0; i < n_get; i++)
        cr_expect(guid_eq(&gets[i].id, &start_ids[0]) || guid_eq(&gets[i].id, &start_ids[1]),
                  "Get %d: expected one of the two session GUIDs", i);
    prjsim_client_close(b);
    ASSERT_COUNT(n_end, 1, "End calls after closing one handle");
    cr_expect(guid_eq(&end_ids[0], &start_ids[1]), "End after closing the second handle: expected its GUID");
    prjsim_client_close(a);
    ASSERT_COUNT(n_end, 2, "End calls after closing both");
    cr_expect(guid_eq(&end_ids[1], &start_ids[0]), "End after closing the first handle: expected its GUID");
}

/* ==== search expressions and restarts ==== */

Test(enumeration, first_get_carries_restart_scan_and_star_when_caller_gives_no_pattern)
{
    start_tp(items, N_ITEMS);
    list(L"C:\\root", NULL, NULL, NULL);
    cr_assert_gt(n_get, 0, "expected a Get");
    cr_expect(gets[0].flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN,
              "first Get: expected PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN, got flags 0x%x", (unsigned)gets[0].flags);
    cr_expect(wcscmp(gets[0].search, L"*") == 0, "NULL pattern: expected search \"*\", got \"%ls\"", gets[0].search);
    for (int i = 1; i < n_get; i++)
        cr_expect(!(gets[i].flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN),
                  "Get %d of the same scan: expected no RESTART_SCAN, got flags 0x%x", i, (unsigned)gets[i].flags);
    int before = n_get;
    list(L"C:\\root", L"", NULL, NULL);
    cr_expect(wcscmp(gets[before].search, L"*") == 0, "empty pattern: expected search \"*\", got \"%ls\"",
              gets[before].search);
    cr_expect(gets[before].flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN,
              "first Get of the second session: expected RESTART_SCAN, got flags 0x%x", (unsigned)gets[before].flags);
}

Test(enumeration, caller_pattern_is_passed_through_and_filters)
{
    start_tp(items, N_ITEMS);
    ASSERT_NAMES(list(L"C:\\root", L"*.txt", NULL, NULL), "Alpha.txt,zeta.txt", "pattern *.txt");
    cr_expect(wcscmp(gets[0].search, L"*.txt") == 0, "expected search \"*.txt\", got \"%ls\"", gets[0].search);
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_FILTER_IGNORED), 0, "filter-ignored diagnostics");
}

Test(enumeration, restart_with_a_new_pattern_gives_the_provider_the_new_expression)
{
    static const tp_item bs[] = {
        {L"a.txt", false, 1, 0}, {L"b1.txt", false, 1, 0}, {L"b2.txt", false, 1, 0}, {L"c.txt", false, 1, 0},
    };
    start_tp(bs, 4);
    prjsim_handle *h = open_dir(L"C:\\root");
    char acc[512] = "";
    prjsim_dir_entry *e;
    size_t n;
    for (int i = 0; i < 3; i++) {
        ASSERT_ST(prjsim_client_query_directory(h, NULL, PRJSIM_QUERY_RETURN_SINGLE_ENTRY, 0, &e, &n),
                  STATUS_SUCCESS);
        append_names(acc, sizeof acc, e, n);
        prjsim_client_free_entries(e);
    }
    ASSERT_NAMES(acc, ".,..,a.txt", "first three single-entry queries");
    int before = n_get;
    ASSERT_ST(prjsim_client_query_directory(h, L"b*", PRJSIM_QUERY_RESTART_SCAN | PRJSIM_QUERY_RETURN_SINGLE_ENTRY,
                                            0, &e, &n),
              STATUS_SUCCESS);
    ASSERT_COUNT(n_get, before + 1, "Get calls for the restarted query");
    cr_expect(gets[before].flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN,
              "restarted Get: expected RESTART_SCAN, got flags 0x%x", (unsigned)gets[before].flags);
    cr_expect(wcscmp(gets[before].search, L"b*") == 0, "restarted Get: expected search \"b*\", got \"%ls\"",
              gets[before].search);
    acc[0] = 0;
    append_names(acc, sizeof acc, e, n);
    prjsim_client_free_entries(e);
    NTSTATUS st;
    while ((st = prjsim_client_query_directory(h, NULL, PRJSIM_QUERY_RETURN_SINGLE_ENTRY, 0, &e, &n)) ==
           STATUS_SUCCESS) {
        append_names(acc, sizeof acc, e, n);
        prjsim_client_free_entries(e);
    }
    ASSERT_ST(st, STATUS_NO_MORE_FILES);
    ASSERT_NAMES(acc, "b1.txt,b2.txt", "listing after the restart with \"b*\"");
    prjsim_client_close(h);
}

Test(enumeration, a_new_pattern_without_restart_is_ignored)
{
    start_tp(items, N_ITEMS);
    prjsim_handle *h = open_dir(L"C:\\root");
    char acc[512] = "";
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_query_directory(h, NULL, PRJSIM_QUERY_RETURN_SINGLE_ENTRY, 0, &e, &n), STATUS_SUCCESS);
    append_names(acc, sizeof acc, e, n);
    prjsim_client_free_entries(e);
    NTSTATUS st;
    while ((st = prjsim_client_query_directory(h, L"zzz*", 0, 0, &e, &n)) == STATUS_SUCCESS) {
        append_names(acc, sizeof acc, e, n);
        prjsim_client_free_entries(e);
    }
    ASSERT_ST(st, STATUS_NO_MORE_FILES);
    ASSERT_NAMES(acc, full_listing, "listing with a later pattern but no restart");
    for (int i = 0; i < n_get; i++)
        cr_expect(wcscmp(gets[i].search, L"*") == 0, "Get %d: expected search \"*\", got \"%ls\"", i, gets[i].search);
    prjsim_client_close(h);
}

/* ==== the caller's buffer ==== */

Test(enumeration, a_buffer_for_one_entry_returns_one_entry_per_query)
{
    start_tp(items, N_ITEMS);
    const WCHAR *names[] = {L".", L"..", L"Alpha.txt", L"beta", L"Gamma.dat", L"zeta.txt"};
    UINT32 one = 0, smallest = UINT32_MAX;
    for (size_t i = 0; i < 6; i++) {
        one = cost(names[i]) > one ? cost(names[i]) : one;
        smallest = cost(names[i]) < smallest ? cost(names[i]) : smallest;
    }
    cr_assert_lt(one, 2 * smallest, "the budget %u must not hold two entries (smallest %u)", one, smallest);
    prjsim_handle *h = open_dir(L"C:\\root");
    char acc[512] = "";
    prjsim_dir_entry *e;
    size_t n;
    NTSTATUS st;
    int queries = 0;
    while ((st = prjsim_client_query_directory(h, NULL, 0, one, &e, &n)) == STATUS_SUCCESS) {
        ASSERT_COUNT(n, 1, "entries per query with room for one");
        append_names(acc, sizeof acc, e, n);
        prjsim_client_free_entries(e);
        queries++;
    }
    ASSERT_ST(st, STATUS_NO_MORE_FILES);
    ASSERT_COUNT(queries, 6, "queries with room for one entry");
    ASSERT_NAMES(acc, full_listing, "concatenated one-entry queries");
    /* The provider resumed with the entry that did not fit: one Get per entry, and the last
     * Get (nothing more) ends the list. No Get failed. */
    ASSERT_COUNT(n_get, 5, "Get calls");
    ASSERT_COUNT(prjsim_trace_count_all_diags(sim), 0, "diagnostics");
    prjsim_client_close(h);
}

Test(enumeration, a_buffer_too_small_for_any_entry_gives_buffer_too_small)
{
    start_tp(items, N_ITEMS);
    prjsim_handle *h = open_dir(L"C:\\root");
    prjsim_dir_entry *e;
    size_t n;
    /* "." is the first entry: 0x70 bytes. */
    ASSERT_ST(prjsim_client_query_directory(h, NULL, 0, cost(L".") - 8, &e, &n), STATUS_BUFFER_TOO_SMALL);
    ASSERT_COUNT(n, 0, "entries returned");
    prjsim_client_close(h);
    /* With a pattern that hides the dots the provider's first entry is the one that does not
     * fit: its ERROR_INSUFFICIENT_BUFFER reaches the caller as STATUS_BUFFER_TOO_SMALL. */
    h = open_dir(L"C:\\root");
    ASSERT_ST(prjsim_client_query_directory(h, L"*.txt", 0, cost(L"Alpha.txt") - 8, &e, &n), STATUS_BUFFER_TOO_SMALL);
    cr_assert_gt(n_get, 0, "expected the provider to be asked");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNLISTED_RESULT), 0, "unlisted-result diagnostics");
    /* A big enough buffer then gets the listing, from the entry that did not fit. */
    char acc[256] = "";
    NTSTATUS st;
    while ((st = prjsim_client_query_directory(h, NULL, 0, 0, &e, &n)) == STATUS_SUCCESS) {
        append_names(acc, sizeof acc, e, n);
        prjsim_client_free_entries(e);
    }
    ASSERT_ST(st, STATUS_NO_MORE_FILES);
    ASSERT_NAMES(acc, "Alpha.txt,zeta.txt", "listing after the too-small query");
    prjsim_client_close(h);
}

Test(enumeration, return_single_entry_returns_one_entry_per_query)
{
    start_tp(items, N_ITEMS);
    prjsim_handle *h = open_dir(L"C:\\root");
    char acc[512] = "";
    prjsim_dir_entry *e;
    size_t n;
    NTSTATUS st;
    while ((st = prjsim_client_query_directory(h, NULL, PRJSIM_QUERY_RETURN_SINGLE_ENTRY, 0, &e, &n)) ==
           STATUS_SUCCESS) {
        ASSERT_COUNT(n, 1, "entries per RETURN_SINGLE_ENTRY query");
        append_names(acc, sizeof acc, e, n);
        prjsim_client_free_entries(e);
    }
    ASSERT_ST(st, STATUS_NO_MORE_FILES);
    ASSERT_NAMES(acc, full_listing, "concatenated single-entry queries");
    cr_assert_gt(n_get, 0, "expected a Get");
    cr_expect(gets[0].flags & PRJ_CB_DATA_FLAG_ENUM_RETURN_SINGLE_ENTRY,
              "Get: expected RETURN_SINGLE_ENTRY, got flags 0x%x", (unsigned)gets[0].flags);
    prjsim_client_close(h);
}

/* ==== end of listing ==== */

Test(enumeration, no_such_file_first_then_no_more_files)
{
    start_tp(items, N_ITEMS);
    prjsim_handle *h = open_dir(L"C:\\root");
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_query_directory(h, L"nothing*", 0, 0, &e, &n), STATUS_NO_SUCH_FILE);
    ASSERT_ST(prjsim_client_query_directory(h, NULL, 0, 0, &e, &n), STATUS_NO_MORE_FILES);
    ASSERT_ST(prjsim_client_query_directory(h, L"nothing*", PRJSIM_QUERY_RESTART_SCAN, 0, &e, &n),
              STATUS_NO_MORE_FILES);
    prjsim_client_close(h);

    h = open_dir(L"C:\\root");
    ASSERT_ST(prjsim_client_query_directory(h, NULL, 0, 0, &e, &n), STATUS_SUCCESS);
    ASSERT_NAMES(tp_names(e, n), full_listing, "whole listing in one query");
    prjsim_client_free_entries(e);
    ASSERT_ST(prjsim_client_query_directory(h, NULL, 0, 0, &e, &n), STATUS_NO_MORE_FILES);
    ASSERT_ST(prjsim_client_query_directory(h, NULL, 0, 0, &e, &n), STATUS_NO_MORE_FILES);
    prjsim_client_close(h);
}

/* ==== the merge with on-disk items ==== */

Test(enumeration, a_local_file_is_merged_in_order)
{
    start_tp(items, N_ITEMS);
    ASSERT_ST(prjsim_client_write_file(sim, L"C:\\root\\delta.log", "abc", 3), STATUS_SUCCESS);
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_NAMES(list(L"C:\\root", NULL, &e, &n), ".,..,Alpha.txt,beta,delta.log,Gamma.dat,zeta.txt",
                 "listing with a local file");
    const prjsim_dir_entry *d = find_entry(e, n, L"delta.log");
    cr_expect_eq(d->basic.FileSize, 3, "delta.log: expected FileSize 3, got %lld", (long long)d->basic.FileSize);
    cr_expect(!(d->basic.FileAttributes & FILE_ATTRIBUTE_RECALL_ON_OPEN),
              "local delta.log: expected no RECALL_ON_OPEN, got 0x%x", (unsigned)d->basic.FileAttributes);
    free(e);
}

Test(enumeration, a_name_both_local_and_projected_shows_once_with_local_metadata)
{
    start_tp(items, N_ITEMS);
    ASSERT_ST(prjsim_client_write_file(sim, L"C:\\root\\GAMMA.DAT", "xy", 2), STATUS_SUCCESS);
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_NAMES(list(L"C:\\root", NULL, &e, &n), full_listing, "listing with Gamma.dat on disk");
    const prjsim_dir_entry *g = find_entry(e, n, L"Gamma.dat");
    cr_expect_eq(g->basic.FileSize, 2, "Gamma.dat: expected the local FileSize 2, got %lld",
                 (long long)g->basic.FileSize);
    cr_expect(!(g->basic.FileAttributes & FILE_ATTRIBUTE_RECALL_ON_OPEN),
              "Gamma.dat on disk: expected no RECALL_ON_OPEN, got 0x%x", (unsigned)g->basic.FileAttributes);
    free(e);
}

Test(enumeration, a_deleted_projected_file_leaves_a_hidden_tombstone)
{
    start_tp(items, N_ITEMS);
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\zeta.txt", false), STATUS_SUCCESS);
    ASSERT_NAMES(list(L"C:\\root", NULL, NULL, NULL), ".,..,Alpha.txt,beta,Gamma.dat", "listing after the delete");
    stop();
    /* A stopped provider no longer hides the tombstone from PrjGetOnDiskFileState. */
    cr_expect_eq(state_of(L"C:\\root\\zeta.txt"), PRJ_FILE_STATE_TOMBSTONE, "zeta.txt: expected a tombstone");
}

Test(enumeration, an_unsorted_provider_shows_the_streaming_merge_symptoms)
{
    /* The table in reverse collation order. */
    static const tp_item rev[] = {
        {L"d.txt", false, 40, 0}, {L"c.txt", false, 30, 0}, {L"b.txt", false, 20, 0}, {L"a.txt", false, 10, 0},
    };
    start_tp(rev, 4);
    ASSERT_ST(prjsim_client_write_file(sim, L"C:\\root\\c.txt", "local", 5), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_delete(sim, L"C:\\root\\b.txt", false), STATUS_SUCCESS);
    prjsim_trace_clear(sim);
    prjsim_dir_entry *e;
    size_t n;
    /*
     * The merge walks the sorted disk (b.txt tombstone, c.txt full) against the stream
     * d, c, b, a: the tombstone meets d.txt first and hides nothing; the local c.txt sorts before
     * d.txt and is shown; then the disk is exhausted and the rest of the stream passes through:
     * c.txt a second time, the deleted b.txt again, and a.txt last.
     */
    ASSERT_NAMES(list(L"C:\\root", NULL, &e, &n), ".,..,c.txt,d.txt,c.txt,b.txt,a.txt", "unsorted listing");
    cr_expect_eq(e[2].basic.FileSize, 5, "first c.txt is the local one: expected FileSize 5, got %lld",
                 (long long)e[2].basic.FileSize);
    cr_expect(e[4].basic.FileAttributes & FILE_ATTRIBUTE_RECALL_ON_OPEN,
              "second c.txt is the provider's: expected RECALL_ON_OPEN, got 0x%x", (unsigned)e[4].basic.FileAttributes);
    cr_expect_eq(e[4].basic.FileSize, 30, "second c.txt: expected the provider's FileSize 30, got %lld",
                 (long long)e[4].basic.FileSize);
    free(e);
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNSORTED_ENTRIES), 3, "unsorted-entries diagnostics");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_DUPLICATE_ENTRY), 0, "duplicate-entry diagnostics");
}

Test(enumeration, the_same_name_twice_gives_duplicate_entry)
{
    static const tp_item dup[] = {{L"a.txt", false, 1, 0}, {L"A.TXT", false, 2, 0}, {L"b.txt", false, 3, 0}};
    start_tp(dup, 3);
    ASSERT_NAMES(list(L"C:\\root", NULL, NULL, NULL), ".,..,a.txt,A.TXT,b.txt", "listing with a duplicate");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_DUPLICATE_ENTRY), 1, "duplicate-entry diagnostics");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNSORTED_ENTRIES), 0, "unsorted-entries diagnostics");
}

/* ==== a list provider for misbehaviours the table provider lacks ==== */

typedef struct list_provider {
    const WCHAR *const *names; /* sorted, all files of 7 bytes */
    size_t count;
    bool ignore_filter;              /* adds every name, whatever the search expression */
    bool insufficient_after_entries; /* returns ERROR_INSUFFICIENT_BUFFER after adding entries */
    bool null_info;                  /* passes NULL basic info */
    bool keep_handle;                /* keeps the first Get's buffer handle and fills it later */
    bool bad_names;                  /* tries a NULL and an empty name first */
    bool long_names;                 /* tries names of 300 and 256 UTF-16 units, then one of 255 */
    bool symlinks;                   /* PrjFillDirEntryBuffer2 with a symlink target */
    bool unknown_ext;                /* PrjFillDirEntryBuffer2 with an unknown InfoType first */
    /* The one session's state. */
    size_t next;
    WCHAR filter[64];
    /* What it saw. */
    int starts, gets, ends;
    int added[64], insufficient[64];
    HRESULT null_name_hr, empty_name_hr, stale_hr, unknown_ext_hr;
    HRESULT long_hr, long_pairs_hr, longest_hr;
    PRJ_DIR_ENTRY_BUFFER_HANDLE saved;
} list_provider;

static list_provider lp;

static HRESULT CALLBACK lp_start(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    (void)d;
    (void)id;
    lp.starts++;
    return S_OK;
}

static HRESULT CALLBACK lp_end(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    (void)d;
    (void)id;
    lp.ends++;
    return S_OK;
}

static HRESULT CALLBACK lp_get(const PRJ_CALLBACK_DATA *d, const GUID *id, PCWSTR search,
                               PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    (void)id;
    int g = lp.gets < 63 ? lp.gets : 63;
    lp.gets++;
    if (d->Flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN) {
        lp.next = 0;
        wcsncpy(lp.filter, search ? search : L"*", 63);
    }
    PRJ_FILE_BASIC_INFO b;
    memset(&b, 0, sizeof b);
    b.FileSize = 7;
    if (lp.keep_handle) {
        if (!lp.saved)
            lp.saved = buffer;
        else
            lp.stale_hr = PrjFillDirEntryBuffer(L"stale.txt", &b, lp.saved);
    }
    if (lp.bad_names) {
        lp.null_name_hr = PrjFillDirEntryBuffer(NULL, &b, buffer);
        lp.empty_name_hr = PrjFillDirEntryBuffer(L"", &b, buffer);
    }
    if (lp.long_names && lp.gets == 1) {
        WCHAR name[301];
        wmemset(name, L'0', 300);
        name[300] = 0;
        lp.long_hr = PrjFillDirEntryBuffer(name, &b, buffer);
        /* 128 characters above U+FFFF: 256 UTF-16 units */
        wmemset(name, (WCHAR)0x1F600, 128);
        name[128] = 0;
        lp.long_pairs_hr = PrjFillDirEntryBuffer(name, &b, buffer);
        wmemset(name, L'0', 255);
        name[255] = 0;
        lp.longest_hr = PrjFillDirEntryBuffer(name, &b, buffer);
    }
    if (lp.unknown_ext) {
        PRJ_EXTENDED_INFO x;
        memset(&x, 0, sizeof x);
        x.InfoType = (PRJ_EXT_INFO_TYPE)7;
        x.Symlink.TargetName = L"target";
        lp.unknown_ext_hr = PrjFillDirEntryBuffer2(buffer, L"unknown.txt", &b, &x);
    }
    for (; lp.next < lp.count; lp.next++) {
        const WCHAR *name = lp.names[lp.next];
        if (!lp.ignore_filter && !PrjFileNameMatch(name, lp.filter))
            continue;
        HRESULT hr;
        if (lp.symlinks) {
            PRJ_EXTENDED_INFO x;
            memset(&x, 0, sizeof x);
            x.InfoType = PRJ_EXT_INFO_TYPE_SYMLINK;
            x.Symlink.TargetName = L"target.txt";
            hr = PrjFillDirEntryBuffer2(buffer, name, lp.null_info ? NULL : &b, &x);
        } else {
            hr = PrjFillDirEntryBuffer(name, lp.null_info ? NULL : &b, buffer);
        }
        if (hr == HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER)) {
            lp.insufficient[g]++;
            return lp.added[g] && !lp.insufficient_after_entries ? S_OK : hr;
        }
        if (FAILED(hr))
            return hr;
        lp.added[g]++;
    }
    return S_OK;
}

static HRESULT CALLBACK lp_placeholder(const PRJ_CALLBACK_DATA *d)
{
    (void)d;
    return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
}

static HRESULT CALLBACK lp_data(const PRJ_CALLBACK_DATA *d, UINT64 offset, UINT32 length)
{
    (void)d;
    (void)offset;
    (void)length;
    return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
}

static const WCHAR *const lp_names[] = {L"a.txt", L"b.dat", L"c.txt"};

static void start_lp(void)
{
    memset(&lp, 0, sizeof lp);
    lp.names = lp_names;
    lp.count = 3;
}

static void run_lp(void)
{
    static const PRJ_CALLBACKS cb = {lp_start, lp_end, lp_get, lp_placeholder, lp_data, NULL, NULL, NULL};
    start_root(&cb, &lp);
}

Test(enumeration, the_provider_sees_insufficient_buffer_and_resumes)
{
    start_lp();
    run_lp();
    prjsim_handle *h = open_dir(L"C:\\root");
    char acc[256] = "";
    prjsim_dir_entry *e;
    size_t n;
    NTSTATUS st;
    while ((st = prjsim_client_query_directory(h, NULL, 0, cost(L"a.txt"), &e, &n)) == STATUS_SUCCESS) {
        append_names(acc, sizeof acc, e, n);
        prjsim_client_free_entries(e);
    }
    ASSERT_ST(st, STATUS_NO_MORE_FILES);
    ASSERT_NAMES(acc, ".,..,a.txt,b.dat,c.txt", "one-entry listing");
    /* Each Get but the last two adds one entry and is then refused the next. */
    ASSERT_COUNT(lp.gets, 4, "Get calls");
    for (int g = 0; g < 2; g++) {
        ASSERT_COUNT(lp.added[g], 1, "entries added by a Get");
        ASSERT_COUNT(lp.insufficient[g], 1, "ERROR_INSUFFICIENT_BUFFER results seen by a Get");
    }
    ASSERT_COUNT(lp.added[2], 1, "entries added by the third Get");
    ASSERT_COUNT(lp.added[3], 0, "entries added by the last Get");
    prjsim_client_close(h);
}

Test(enumeration, a_provider_ignoring_the_search_expression_gives_filter_ignored)
{
    start_lp();
    lp.ignore_filter = true;
    run_lp();
    /* ProjFS passes the entries through; the caller sees them. */
    ASSERT_NAMES(list(L"C:\\root", L"*.txt", NULL, NULL), "a.txt,b.dat,c.txt", "listing of *.txt");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_FILTER_IGNORED), 1, "filter-ignored diagnostics");
}

Test(enumeration, insufficient_buffer_after_entries_is_reported)
{
    start_lp();
    lp.insufficient_after_entries = true;
    run_lp();
    prjsim_handle *h = open_dir(L"C:\\root");
    char acc[256] = "";
    prjsim_dir_entry *e;
    size_t n;
    NTSTATUS st;
    while ((st = prjsim_client_query_directory(h, NULL, 0, cost(L"a.txt"), &e, &n)) == STATUS_SUCCESS) {
        append_names(acc, sizeof acc, e, n);
        prjsim_client_free_entries(e);
    }
    ASSERT_ST(st, STATUS_NO_MORE_FILES);
    /* The entries it did add are kept. */
    ASSERT_NAMES(acc, ".,..,a.txt,b.dat,c.txt", "listing");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_INSUFFICIENT_BUFFER_AFTER_ENTRIES), 2,
                 "insufficient-buffer-after-entries diagnostics");
    prjsim_client_close(h);
}

/* ==== PrjFillDirEntryBuffer ==== */

Test(enumeration, fill_rejects_null_and_empty_names)
{
    start_lp();
    lp.bad_names = true;
    run_lp();
    ASSERT_NAMES(list(L"C:\\root", NULL, NULL, NULL), ".,..,a.txt,b.dat,c.txt", "listing");
    ASSERT_HR_AS(lp.null_name_hr, E_INVALIDARG, "PrjFillDirEntryBuffer(NULL name)");
    ASSERT_HR_AS(lp.empty_name_hr, E_INVALIDARG, "PrjFillDirEntryBuffer(empty name)");
}

/* A name no component may have is refused with a diagnostic, never listed cut down. */
Test(enumeration, fill_rejects_names_longer_than_a_component)
{
    start_lp();
    lp.long_names = true;
    run_lp();
    prjsim_dir_entry *e;
    size_t n;
    list(L"C:\\root", NULL, &e, &n);
    ASSERT_HR_AS(lp.long_hr, E_INVALIDARG, "PrjFillDirEntryBuffer(300-character name)");
    ASSERT_HR_AS(lp.long_pairs_hr, E_INVALIDARG, "PrjFillDirEntryBuffer(256 UTF-16 units)");
    ASSERT_HR_AS(lp.longest_hr, S_OK, "PrjFillDirEntryBuffer(255-character name)");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_NAME_TOO_LONG), 2, "name-too-long diagnostics");
    /* ., .., the 255-character name whole, a.txt, b.dat, c.txt: nothing truncated */
    ASSERT_COUNT(n, 6, "entries");
    ASSERT_COUNT(wcslen(e[2].name), 255, "length of the longest name");
    for (size_t i = 0; i < n; i++)
        cr_expect(wcslen(e[i].name) != MAX_PATH, "a name cut to MAX_PATH: %ls", e[i].name);
    free(e);
}

Test(enumeration, a_buffer_handle_from_an_earlier_get_is_stale)
{
    start_lp();
    lp.keep_handle = true;
    run_lp();
    ASSERT_NAMES(list(L"C:\\root", NULL, NULL, NULL), ".,..,a.txt,b.dat,c.txt", "listing");
    cr_assert_gt(lp.gets, 1, "expected a second Get, got %d", lp.gets);
    ASSERT_HR_AS(lp.stale_hr, E_INVALIDARG, "PrjFillDirEntryBuffer with the first Get's handle in a later Get");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_STALE_ENUM_BUFFER), 1, "stale-enum-buffer diagnostics");
    /* And after the session has ended. */
    PRJ_FILE_BASIC_INFO b;
    memset(&b, 0, sizeof b);
    ASSERT_HR_AS(PrjFillDirEntryBuffer(L"late.txt", &b, lp.saved), E_INVALIDARG,
              "PrjFillDirEntryBuffer after the session ended");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_STALE_ENUM_BUFFER), 2, "stale-enum-buffer diagnostics");
}

Test(enumeration, null_basic_info_is_a_zero_size_file)
{
    start_lp();
    lp.null_info = true;
    run_lp();
    prjsim_handle *h = open_dir(L"C:\\root");
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_query_directory(h, NULL, 0, 0, &e, &n), STATUS_SUCCESS);
    INT64 now = prjsim_sim_now(sim);
    ASSERT_NAMES(tp_names(e, n), ".,..,a.txt,b.dat,c.txt", "listing");
    for (size_t i = 2; i < n; i++) {
        cr_expect_eq(e[i].basic.FileSize, 0, "\"%ls\": expected FileSize 0, got %lld", e[i].name,
                     (long long)e[i].basic.FileSize);
        cr_expect(!e[i].basic.IsDirectory, "\"%ls\": expected a file", e[i].name);
        cr_expect_eq(e[i].basic.FileAttributes, FILE_ATTRIBUTE_RECALL_ON_OPEN,
                     "\"%ls\": expected attributes RECALL_ON_OPEN only (0x%x), got 0x%x", e[i].name,
                     (unsigned)FILE_ATTRIBUTE_RECALL_ON_OPEN, (unsigned)e[i].basic.FileAttributes);
        cr_expect_eq(e[i].basic.LastWriteTime.QuadPart, now, "\"%ls\": expected LastWriteTime now %lld, got %lld",
                     e[i].name, (long long)now, (long long)e[i].basic.LastWriteTime.QuadPart);
    }
    prjsim_client_free_entries(e);
    prjsim_client_close(h);
}

Test(enumeration, fill2_rejects_an_unknown_info_type)
{
    start_lp();
    lp.unknown_ext = true;
    run_lp();
    ASSERT_NAMES(list(L"C:\\root", NULL, NULL, NULL), ".,..,a.txt,b.dat,c.txt", "listing");
    ASSERT_HR_AS(lp.unknown_ext_hr, E_INVALIDARG, "PrjFillDirEntryBuffer2 with InfoType 7");
}

Test(enumeration, fill2_with_a_symlink_target_gives_a_reparse_point_entry)
{
    start_lp();
    lp.symlinks = true;
    run_lp();
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_NAMES(list(L"C:\\root", NULL, &e, &n), ".,..,a.txt,b.dat,c.txt", "listing");
    for (size_t i = 2; i < n; i++)
        cr_expect(e[i].basic.FileAttributes & FILE_ATTRIBUTE_REPARSE_POINT,
                  "symlink \"%ls\": expected FILE_ATTRIBUTE_REPARSE_POINT, got 0x%x", e[i].name,
                  (unsigned)e[i].basic.FileAttributes);
    free(e);
}

/* ==== full and placeholder directories ==== */

Test(enumeration, a_local_directory_is_listed_without_callbacks)
{
    start_tp(items, N_ITEMS);
    ASSERT_ST(prjsim_client_create_directory(sim, L"C:\\root\\local"), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_write_file(sim, L"C:\\root\\local\\x.txt", "x", 1), STATUS_SUCCESS);
    cr_assert_eq(state_of(L"C:\\root\\local"), PRJ_FILE_STATE_FULL, "local: expected a full directory");
    prjsim_trace_clear(sim);
    ASSERT_NAMES(list(L"C:\\root\\local", NULL, NULL, NULL), ".,..,x.txt", "listing of the local directory");
    for (int k = 0; k < PRJSIM_CB_COUNT_; k++)
        ASSERT_COUNT(prjsim_trace_count_callbacks(sim, (prjsim_callback_kind)k), 0,
                     prjsim_callback_name((prjsim_callback_kind)k));
}

Test(enumeration, enumerating_a_placeholder_directory_keeps_its_state)
{
    start_tp(items, N_ITEMS);
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\beta", &fi), STATUS_SUCCESS);
    PRJ_FILE_STATE before = state_of(L"C:\\root\\beta");
    cr_assert_eq(before, PRJ_FILE_STATE_PLACEHOLDER, "beta: expected a placeholder (0x1), got 0x%x",
                 (unsigned)before);
    ASSERT_NAMES(list(L"C:\\root\\beta", NULL, NULL, NULL), ".,..,inner.txt", "listing of beta");
    ASSERT_NAMES(list(L"C:\\root\\BETA", NULL, NULL, NULL), ".,..,inner.txt", "second listing of beta");
    PRJ_FILE_STATE after = state_of(L"C:\\root\\beta");
    cr_expect_eq(after, before, "beta after two listings: expected state 0x%x, got 0x%x", (unsigned)before,
                 (unsigned)after);
    /* No caching across handles: each listing ran its own session. */
    ASSERT_COUNT(n_start, 2, "Start calls for two listings");
    ASSERT_COUNT(n_end, 2, "End calls for two listings");
    cr_expect(!guid_eq(&start_ids[0], &start_ids[1]), "the two sessions must have different GUIDs");
}

/* ==== failing callbacks ==== */

static void expect_start_failure(HRESULT hr, NTSTATUS want)
{
    tp.force[PRJSIM_CB_START_ENUM] = hr;
    start_tp(items, N_ITEMS);
    prjsim_handle *h = open_dir(L"C:\\root");
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_query_directory(h, NULL, 0, 0, &e, &n), want);
    ASSERT_COUNT(n_get, 0, "Get calls after a failed Start");
    prjsim_client_close(h);
    ASSERT_COUNT(n_end, 0, "End calls after a failed Start");
}

Test(enumeration, start_failing_with_file_not_found_fails_the_query_without_end)
{
    expect_start_failure(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), STATUS_OBJECT_NAME_NOT_FOUND);
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNLISTED_RESULT), 0, "unlisted-result diagnostics");
}

Test(enumeration, start_failing_with_access_denied_fails_the_query_without_end)
{
    expect_start_failure(HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED), STATUS_ACCESS_DENIED);
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNLISTED_RESULT), 0, "unlisted-result diagnostics");
}

Test(enumeration, start_returning_an_unlisted_code_gives_internal_error)
{
    expect_start_failure(E_FAIL, STATUS_INTERNAL_ERROR);
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNLISTED_RESULT), 1, "unlisted-result diagnostics");
}

Test(enumeration, get_returning_an_unlisted_code_gives_internal_error)
{
    tp.force[PRJSIM_CB_GET_ENUM] = E_FAIL;
    start_tp(items, N_ITEMS);
    prjsim_handle *h = open_dir(L"C:\\root");
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_query_directory(h, NULL, 0, 0, &e, &n), STATUS_INTERNAL_ERROR);
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_UNLISTED_RESULT), 1, "unlisted-result diagnostics");
    prjsim_client_close(h);
    ASSERT_COUNT(n_end, 1, "End calls: Start succeeded, so End is owed");
}

Test(enumeration, end_returning_an_error_is_reported)
{
    tp.force[PRJSIM_CB_END_ENUM] = E_FAIL;
    start_tp(items, N_ITEMS);
    ASSERT_NAMES(list(L"C:\\root", NULL, NULL, NULL), full_listing, "listing");
    ASSERT_COUNT(n_end, 1, "End calls");
    ASSERT_COUNT(prjsim_trace_count_diag(sim, PRJSIM_DIAG_END_RESULT), 1, "end-enumeration-result diagnostics");
}

/* ==== a stopped instance ==== */

Test(enumeration, a_stopped_instance_cannot_list_the_root_but_a_full_directory_lists)
{
    start_tp(items, N_ITEMS);
    ASSERT_ST(prjsim_client_create_directory(sim, L"C:\\root\\local"), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_write_file(sim, L"C:\\root\\local\\x.txt", "x", 1), STATUS_SUCCESS);
    stop();
    prjsim_dir_entry *e = NULL;
    size_t n = 0;
    ASSERT_ST(prjsim_client_list(sim, L"C:\\root", NULL, 0, &e, &n), STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE);
    ASSERT_NAMES(list(L"C:\\root\\local", NULL, NULL, NULL), ".,..,x.txt", "full directory while stopped");
}

Test(enumeration, stopping_under_an_open_listing_fails_its_next_query_without_end)
{
    start_tp(items, N_ITEMS);
    prjsim_handle *h = open_dir(L"C:\\root");
    prjsim_dir_entry *e;
    size_t n;
    ASSERT_ST(prjsim_client_query_directory(h, NULL, PRJSIM_QUERY_RETURN_SINGLE_ENTRY, 0, &e, &n), STATUS_SUCCESS);
    prjsim_client_free_entries(e);
    stop();
    ASSERT_ST(prjsim_client_query_directory(h, NULL, 0, 0, &e, &n), STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE);
    prjsim_client_close(h);
    ASSERT_COUNT(n_end, 0, "End calls after the instance stopped");
}

/* A name returned as virtual that becomes a placeholder during the listing is not listed again. */
Test(enumeration, opening_a_listed_name_mid_listing_does_not_repeat_it)
{
    start_tp(items, N_ITEMS);
    prjsim_handle *h = open_dir(L"C:\\root");
    char acc[512] = "";
    for (int i = 0; i < 20; i++) {
        prjsim_dir_entry *e;
        size_t n;
        NTSTATUS st = prjsim_client_query_directory(h, NULL, PRJSIM_QUERY_RETURN_SINGLE_ENTRY, 0, &e, &n);
        if (st != STATUS_SUCCESS)
            break;
        append_names(acc, sizeof acc, e, n);
        /* Open every name as soon as it is listed: it is then on disk. */
        if (wcscmp(e[0].name, L".") && wcscmp(e[0].name, L"..")) {
            WCHAR path[64];
            swprintf(path, 64, L"C:\\root\\%ls", e[0].name);
            prjsim_file_info fi;
            ASSERT_ST(prjsim_client_stat(sim, path, &fi), STATUS_SUCCESS);
        }
        prjsim_client_free_entries(e);
    }
    prjsim_client_close(h);
    cr_assert_str_eq(acc, full_listing);
}
