/* SPDX-License-Identifier: MIT */
/*
 * CancelSynchronousIo: a ReadFile on a CreateThread thread waiting for a pended GetFileData, and
 * a CreateFileW on a POSIX thread (its handle from DuplicateHandle) waiting for a pended
 * GetPlaceholderInfo, are cancelled: the provider gets CancelCommand and the call fails with
 * ERROR_OPERATION_ABORTED. A thread that waits on nothing gives ERROR_NOT_FOUND.
 */
#include "faulty_root_test.h"

#include <pthread.h>
#include <stdatomic.h>

/* Waits until the wrapper has pended a call. */
static void wait_pended(void)
{
    for (;;) {
        fault_counters c;
        fault_get_counters(wrapper, &c);
        if (c.pended > 0)
            return;
        usleep(1000);
    }
}

struct reader {
    HANDLE h;
    char buf[16];
    DWORD got;
    BOOL ok;
    DWORD err;
};

static DWORD WINAPI read_main(LPVOID arg)
{
    struct reader *r = arg;
    r->ok = ReadFile(r->h, r->buf, sizeof r->buf, &r->got, NULL);
    r->err = r->ok ? 0 : GetLastError();
    return 0;
}

Test(cancel, read_on_a_created_thread, .fini = stop_all)
{
    start_faulty("GetFileData:pend=never");
    struct reader r;
    memset(&r, 0, sizeof r);
    r.h = CreateFileW(L"C:\\base\\a.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    cr_assert_neq(r.h, INVALID_HANDLE_VALUE, "%s", err_name(GetLastError()));
    HANDLE t = CreateThread(NULL, 0, read_main, &r, 0, NULL);
    cr_assert_not_null(t);
    wait_pended();
    expect_ok(CancelSynchronousIo(t));
    cr_assert_eq(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
    cr_expect_not(r.ok, "the read was not cancelled");
    cr_expect_eq(r.err, ERROR_OPERATION_ABORTED, "%s", err_name(r.err));
    fault_counters c;
    fault_get_counters(wrapper, &c);
    cr_expect_eq(c.calls[PRJSIM_CB_CANCEL_COMMAND], 1u, "the provider was not told");
    /* the thread has ended: nothing to cancel */
    expect_error(CancelSynchronousIo(t), ERROR_NOT_FOUND);
    expect_ok(CloseHandle(t));
    expect_ok(CloseHandle(r.h));
}

struct opener {
    HANDLE self; /* the thread's own handle, from DuplicateHandle */
    atomic_bool have_self;
    HANDLE h;
    DWORD err;
};

static void *open_main(void *arg)
{
    struct opener *o = arg;
    cr_assert(DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &o->self,
                              THREAD_TERMINATE, FALSE, 0));
    atomic_store(&o->have_self, true);
    o->h = CreateFileW(L"C:\\base\\b.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    o->err = o->h == INVALID_HANDLE_VALUE ? GetLastError() : 0;
    return NULL;
}

Test(cancel, open_on_a_posix_thread, .fini = stop_all)
{
    start_faulty("GetPlaceholderInfo:pend=never");
    struct opener o;
    memset(&o, 0, sizeof o);
    atomic_init(&o.have_self, false);
    pthread_t t;
    cr_assert_eq(pthread_create(&t, NULL, open_main, &o), 0);
    wait_pended();
    cr_assert(atomic_load(&o.have_self));
    cr_expect_neq(GetThreadId(o.self), 0u);
    expect_ok(CancelSynchronousIo(o.self));
    pthread_join(t, NULL);
    cr_expect_eq(o.h, INVALID_HANDLE_VALUE, "the open was not cancelled");
    cr_expect_eq(o.err, ERROR_OPERATION_ABORTED, "%s", err_name(o.err));
    /* the thread waits on nothing any more */
    expect_error(CancelSynchronousIo(o.self), ERROR_NOT_FOUND);
    expect_ok(CloseHandle(o.self));
}

Test(cancel, nothing_to_cancel, .fini = teardown_place)
{
    setup_place(IN_ROOT);
    HANDLE self = NULL;
    expect_ok(DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &self, 0, FALSE,
                              DUPLICATE_SAME_ACCESS));
    cr_expect_eq(GetThreadId(self), GetCurrentThreadId());
    expect_error(CancelSynchronousIo(self), ERROR_NOT_FOUND);
    expect_error(CancelSynchronousIo(GetCurrentThread()), ERROR_NOT_FOUND);
    expect_ok(CloseHandle(self));
    expect_error(CancelSynchronousIo(self), ERROR_INVALID_HANDLE);
    /* only the calling thread's pseudo-handle can be duplicated */
    HANDLE other = NULL;
    expect_error(DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(), GetCurrentProcess(), &other, 0, FALSE,
                                 DUPLICATE_SAME_ACCESS),
                 ERROR_NOT_SUPPORTED);
}
