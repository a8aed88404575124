/* SPDX-License-Identifier: MIT */
/*
 * Sizes a provider declares or a client writes that are far larger than memory (content.c):
 * data never written is sparse and reads as zeros; what cannot be held fails the operation with
 * STATUS_DISK_FULL (a handle's I/O) or STATUS_INSUFFICIENT_RESOURCES (reading a file whole into
 * the caller's memory), with the content-too-large diagnostic. Never an abort.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "testing/assert_codes.h"
#include "testing/table_provider.h"

#define TIB ((UINT64)1 << 40)

static const tp_item items[] = {
    {L"huge.bin", false, (INT64)1 << 62, 0},
    {L"small.txt", false, 10, 0},
};

static prjsim_sim *sim;
static table_provider tp;

static void setup(void)
{
    sim = tp_fresh_sim();
    memset(&tp, 0, sizeof tp);
    tp.items = items;
    tp.count = 2;
    cr_assert_eq(tp_start(&tp, NULL), S_OK);
}

static void teardown(void)
{
    PrjStopVirtualizing(tp.ctx);
    prjsim_sim_destroy(sim);
}

TestSuite(content, .init = setup, .fini = teardown);

static size_t too_large(void)
{
    return prjsim_trace_count_diag(sim, PRJSIM_DIAG_CONTENT_TOO_LARGE);
}

Test(content, a_declared_size_of_2_pow_62_fails_the_read_not_the_process)
{
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_stat(sim, L"C:\\root\\huge.bin", &fi), STATUS_SUCCESS);
    cr_assert_eq(fi.basic.FileSize, (INT64)1 << 62);
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, L"C:\\root\\huge.bin", GENERIC_READ, OPEN_EXISTING, 0, 0),
              STATUS_SUCCESS);
    char buf[16];
    UINT32 n = 99;
    ASSERT_ST(prjsim_client_read(h, 0, buf, sizeof buf, &n), STATUS_DISK_FULL);
    cr_assert_eq(n, 0);
    cr_assert_eq(too_large(), 1);
    cr_assert_eq(tp.data_calls, 0); /* refused before asking the provider */
    ASSERT_ST(prjsim_client_close(h), STATUS_SUCCESS);

    void *data = (void *)1;
    size_t size = 1;
    ASSERT_ST(prjsim_client_read_file(sim, L"C:\\root\\huge.bin", &data, &size), STATUS_INSUFFICIENT_RESOURCES);
    cr_assert_null(data);
    cr_assert_eq(size, 0);
    cr_assert_eq(too_large(), 2);
    /* The rest of the view is unharmed. */
    ASSERT_ST(prjsim_client_read_file(sim, L"C:\\root\\small.txt", &data, &size), STATUS_SUCCESS);
    cr_assert_eq(size, 10);
    free(data);
}

static prjsim_handle *new_file(const WCHAR *path)
{
    prjsim_handle *h;
    ASSERT_ST(prjsim_client_open(&h, sim, path, GENERIC_READ | GENERIC_WRITE, CREATE_NEW, 0, 0), STATUS_SUCCESS);
    return h;
}

Test(content, a_write_at_one_tebibyte_is_sparse_or_refused)
{
    prjsim_handle *h = new_file(L"C:\\root\\far.bin");
    UINT32 n = 0;
    NTSTATUS st = prjsim_client_write(h, TIB, "x", 1, &n);
    cr_log_info("write at 1 TiB: %s", st == STATUS_SUCCESS ? "sparse" : "refused");
    if (st == STATUS_SUCCESS) {
        /* Sparse: the bytes before it were never written and read as zeros. */
        prjsim_file_info fi;
        ASSERT_ST(prjsim_client_query_info(h, &fi), STATUS_SUCCESS);
        cr_assert_eq((UINT64)fi.basic.FileSize, TIB + 1);
        char buf[8];
        ASSERT_ST(prjsim_client_read(h, TIB, buf, sizeof buf, &n), STATUS_SUCCESS);
        cr_assert_eq(n, 1);
        cr_assert_eq(buf[0], 'x');
        memset(buf, 0x55, sizeof buf);
        ASSERT_ST(prjsim_client_read(h, TIB / 2, buf, sizeof buf, &n), STATUS_SUCCESS);
        cr_assert_eq(n, sizeof buf);
        for (size_t i = 0; i < sizeof buf; i++)
            cr_assert_eq(buf[i], 0);
        cr_assert_eq(too_large(), 0);
        ASSERT_ST(prjsim_client_set_size(h, 3), STATUS_SUCCESS); /* gives the pages back */
        ASSERT_ST(prjsim_client_set_size(h, TIB), STATUS_SUCCESS);
        ASSERT_ST(prjsim_client_read(h, TIB - 8, buf, sizeof buf, &n), STATUS_SUCCESS);
        cr_assert_eq(buf[7], 0, "the old byte past the shrunk end reads as zero");
    } else {
        /* The machine cannot reserve that much address space: a clean failure. */
        ASSERT_ST(st, STATUS_DISK_FULL);
        cr_assert_eq(too_large(), 1);
    }
    ASSERT_ST(prjsim_client_close(h), STATUS_SUCCESS);
}

Test(content, set_size_1024g_is_sparse_or_refused)
{
    prjsim_handle *h = new_file(L"C:\\root\\big.bin");
    UINT32 n;
    ASSERT_ST(prjsim_client_write(h, 0, "abc", 3, &n), STATUS_SUCCESS);
    NTSTATUS st = prjsim_client_set_size(h, 1024 * ((UINT64)1 << 30));
    cr_log_info("set-size 1024G: %s", st == STATUS_SUCCESS ? "sparse" : "refused");
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_query_info(h, &fi), STATUS_SUCCESS);
    if (st == STATUS_SUCCESS) {
        cr_assert_eq((UINT64)fi.basic.FileSize, TIB);
        char buf[4];
        ASSERT_ST(prjsim_client_read(h, 0, buf, 4, &n), STATUS_SUCCESS);
        cr_assert(memcmp(buf, "abc\0", 4) == 0);
    } else {
        ASSERT_ST(st, STATUS_DISK_FULL);
        cr_assert_eq(fi.basic.FileSize, 3, "a refused size changes nothing");
    }
    ASSERT_ST(prjsim_client_close(h), STATUS_SUCCESS);
}

Test(content, sizes_past_what_can_be_held_are_refused_and_change_nothing)
{
    prjsim_handle *h = new_file(L"C:\\root\\f.bin");
    UINT32 n = 7;
    ASSERT_ST(prjsim_client_write(h, 0, "abc", 3, &n), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_set_size(h, (UINT64)1 << 62), STATUS_DISK_FULL);
    ASSERT_ST(prjsim_client_set_size(h, UINT64_MAX), STATUS_DISK_FULL);
    ASSERT_ST(prjsim_client_write(h, (UINT64)1 << 50, "x", 1, &n), STATUS_DISK_FULL);
    cr_assert_eq(n, 0);
    ASSERT_ST(prjsim_client_write(h, UINT64_MAX - 1, "xyz", 3, &n), STATUS_DISK_FULL); /* wraps */
    cr_assert_eq(too_large(), 4);
    prjsim_file_info fi;
    ASSERT_ST(prjsim_client_query_info(h, &fi), STATUS_SUCCESS);
    cr_assert_eq(fi.basic.FileSize, 3);
    char buf[3];
    ASSERT_ST(prjsim_client_read(h, 0, buf, 3, &n), STATUS_SUCCESS);
    cr_assert(memcmp(buf, "abc", 3) == 0);
    ASSERT_ST(prjsim_client_close(h), STATUS_SUCCESS);
}

Test(content, shrinking_clears_the_tail_so_growing_again_reads_zeros)
{
    prjsim_handle *h = new_file(L"C:\\root\\g.bin");
    static char block[3 << 20]; /* past the heap/mapping boundary */
    memset(block, 'z', sizeof block);
    UINT32 n;
    ASSERT_ST(prjsim_client_write(h, 0, block, sizeof block, &n), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_set_size(h, 10), STATUS_SUCCESS);
    ASSERT_ST(prjsim_client_set_size(h, sizeof block), STATUS_SUCCESS);
    static char back[3 << 20];
    ASSERT_ST(prjsim_client_read(h, 0, back, sizeof back, &n), STATUS_SUCCESS);
    cr_assert_eq(n, sizeof back);
    for (size_t i = 0; i < sizeof back; i++)
        cr_assert_eq(back[i], i < 10 ? 'z' : 0, "byte %zu", i);
    ASSERT_ST(prjsim_client_close(h), STATUS_SUCCESS);
}
