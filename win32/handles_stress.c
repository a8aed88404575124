/* SPDX-License-Identifier: MIT */
/*
 * stress_win32_close_while_reading: the case of handles_test.c, repeated, without Criterion (whose
 * process arena does not start under ThreadSanitizer), so tools/run-tests.sh runs it under TSan:
 * a ReadFile held in GetFileData (the fault wrapper's `hang`) while another thread closes the
 * handle, then the provider answers. Exit 0 when every round read "hello".
 */
#include <fault.h>
#include <memtree.h>
#include <prjsim.h>
#include <prjsim/drives.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <windows.h>

#define ROUNDS 20

struct reader {
    HANDLE h;
    char buf[16];
    DWORD got;
    BOOL ok;
    atomic_bool done;
};

static void *read_main(void *arg)
{
    struct reader *r = arg;
    r->ok = ReadFile(r->h, r->buf, sizeof r->buf, &r->got, NULL);
    atomic_store(&r->done, true);
    return NULL;
}

static int fail(int round, const char *what)
{
    fprintf(stderr, "stress_win32_close_while_reading: round %d: %s\n", round, what);
    return 1;
}

static int one_round(int round)
{
    prjsim_sim *sim;
    if (FAILED(prjsim_sim_create(&sim, NULL)))
        return fail(round, "prjsim_sim_create");
    prjsim_sim *previous = prjsim_sim_set_current(sim);
    memtree *tree;
    char err[256] = "";
    fault_wrapper *w = NULL;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = NULL;
    GUID id = {0};
    int rc = 0;
    if (FAILED(memtree_create(&tree)) ||
        FAILED(memtree_parse_manifest(tree, "file a.txt content=\"hello\"\n", "stress", err, sizeof err)) ||
        FAILED(fault_wrap(memtree_callbacks(), tree, "GetFileData:hang", &w, err, sizeof err)))
        return fail(round, err[0] ? err : "setting up the provider");
    if (FAILED(prjsim_volume_create_directory(sim, L"C:\\root")) ||
        FAILED(PrjMarkDirectoryAsPlaceholder(L"C:\\root", NULL, NULL, &id)) ||
        FAILED(PrjStartVirtualizing(L"C:\\root", fault_callbacks(w), fault_context(w), NULL, &ctx)))
        return fail(round, "starting the root");
    struct reader r;
    memset(&r, 0, sizeof r);
    atomic_init(&r.done, false);
    r.h = CreateFileW(L"C:\\root\\a.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    pthread_t t;
    if (r.h == INVALID_HANDLE_VALUE || pthread_create(&t, NULL, read_main, &r) != 0)
        return fail(round, "opening or starting the reader");
    for (;;) {
        fault_counters c;
        fault_get_counters(w, &c);
        if (c.hung > 0 || atomic_load(&r.done))
            break;
        usleep(500);
    }
    if (atomic_load(&r.done))
        rc = fail(round, "the read did not wait");
    if (!CloseHandle(r.h))
        rc = fail(round, "CloseHandle");
    fault_release(w);
    pthread_join(t, NULL);
    if (!r.ok || r.got != 5 || memcmp(r.buf, "hello", 5) != 0)
        rc = fail(round, "the read did not return the content");
    fault_disarm(w);
    PrjStopVirtualizing(ctx);
    fault_free(w);
    memtree_destroy(tree);
    prjsim_sim_set_current(previous);
    prjsim_sim_destroy(sim);
    return rc;
}

int main(void)
{
    for (int round = 0; round < ROUNDS; round++)
        if (one_round(round))
            return 1;
    puts("stress_win32_close_while_reading: PASS");
    return 0;
}
