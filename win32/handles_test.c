/* SPDX-License-Identifier: MIT */
/*
 * Handles closed while another thread is inside a call on them: a ReadFile that waits for the
 * provider's GetFileData (held by the fault wrapper's `hang`) keeps its file object alive when the
 * handle is closed meanwhile, and returns normally once the provider answers; the handle is gone
 * for every later call. Run under ASan (a use after free) and TSan (a race) by the CI.
 */
#include "faulty_root_test.h"

#include <pthread.h>
#include <stdatomic.h>

struct reader {
    HANDLE h;
    char buf[16];
    DWORD got;
    BOOL ok;
    DWORD err;
    atomic_bool done;
};

static void *read_main(void *arg)
{
    struct reader *r = arg;
    r->ok = ReadFile(r->h, r->buf, sizeof r->buf, &r->got, NULL);
    r->err = r->ok ? 0 : GetLastError();
    atomic_store(&r->done, true);
    return NULL;
}

Test(handles, close_while_a_read_waits, .fini = stop_all)
{
    start_faulty("GetFileData:hang");

    struct reader r;
    memset(&r, 0, sizeof r);
    atomic_init(&r.done, false);
    r.h = CreateFileW(L"C:\\base\\a.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    cr_assert_neq(r.h, INVALID_HANDLE_VALUE, "%s", err_name(GetLastError()));
    pthread_t t;
    cr_assert_eq(pthread_create(&t, NULL, read_main, &r), 0);
    /* the read waits in GetFileData once the wrapper counts the call as hung */
    for (;;) {
        fault_counters c;
        fault_get_counters(wrapper, &c);
        if (c.hung > 0 || atomic_load(&r.done))
            break;
        usleep(1000);
    }
    cr_assert(!atomic_load(&r.done), "the read did not wait for the provider");
    expect_ok(CloseHandle(r.h));
    /* the handle is gone for every other call at once */
    expect_error(CloseHandle(r.h), ERROR_INVALID_HANDLE);
    DWORD n = 0;
    char other[4];
    expect_error(ReadFile(r.h, other, sizeof other, &n, NULL), ERROR_INVALID_HANDLE);

    fault_release(wrapper);
    pthread_join(t, NULL);
    cr_expect(r.ok, "the read ended with %s", err_name(r.err));
    cr_expect_eq(r.got, 5u);
    cr_expect(!memcmp(r.buf, "hello", 5));
}
