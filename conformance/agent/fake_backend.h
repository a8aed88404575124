/* SPDX-License-Identifier: MIT */
/*
 * A seam backend for the agent's tests (agent_test.c, stress_agent.c): no file system, each
 * operation answers what its arguments were, so a test sees what crossed the pipe. Its caller
 * is per thread, as the seam's is: stat reports the caller's process id as the link count.
 * stat of L"C:\\block" waits until fake_release() or a cancel of its thread (a pended callback's
 * stand-in).
 */
#ifndef PRJSIM_AGENT_FAKE_BACKEND_H
#define PRJSIM_AGENT_FAKE_BACKEND_H

#include "agent.h"

#include "../thread_local.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static pthread_mutex_t fake_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t fake_changed = PTHREAD_COND_INITIALIZER;
static bool fake_blocked, fake_released;
static PRJSIM_THREAD_LOCAL uint32_t fake_pid;
static int fake_file; /* the one "open file" */

static inline void fake_release(void)
{
    pthread_mutex_lock(&fake_lock);
    fake_released = true;
    pthread_cond_broadcast(&fake_changed);
    pthread_mutex_unlock(&fake_lock);
}

static inline void fake_wait_blocked(void)
{
    pthread_mutex_lock(&fake_lock);
    while (!fake_blocked)
        pthread_cond_wait(&fake_changed, &fake_lock);
    pthread_mutex_unlock(&fake_lock);
}

static prjsim_backend_result fake_ok(void) { return prjsim_backend_win32_error(0); }

static prjsim_backend_result f_open(prjsim_backend_file **out, const prjsim_backend_open *o)
{
    *out = NULL;
    if (wcscmp(o->path, L"C:\\root\\a.txt"))
        return prjsim_backend_win32_error(2); /* ERROR_FILE_NOT_FOUND */
    *out = (prjsim_backend_file *)&fake_file;
    return fake_ok();
}
static prjsim_backend_result f_close(prjsim_backend_file *f) { return prjsim_backend_status(f == (void *)&fake_file ? 0 : -1); }
static prjsim_backend_result f_read(prjsim_backend_file *f, uint64_t offset, void *buf, uint32_t len, uint32_t *got)
{
    (void)f;
    static const char text[] = "hello, agent";
    size_t n = offset < sizeof text - 1 ? sizeof text - 1 - offset : 0;
    *got = (uint32_t)(n < len ? n : len);
    memcpy(buf, text + offset, *got);
    return fake_ok();
}
static prjsim_backend_result f_write(prjsim_backend_file *f, uint64_t offset, const void *buf, uint32_t len, uint32_t *put)
{
    (void)f;
    (void)buf;
    *put = len + (uint32_t)offset;
    return fake_ok();
}
static prjsim_backend_result f_set_size(prjsim_backend_file *f, uint64_t size) { (void)f; return prjsim_backend_win32_error((uint32_t)size); }
static prjsim_backend_result f_set_basic(prjsim_backend_file *f, int64_t c, int64_t a, int64_t w, int64_t ch, uint32_t at)
{
    (void)f;
    return prjsim_backend_status((int32_t)(c + a + w + ch + at));
}
static prjsim_backend_result f_set_disposition(prjsim_backend_file *f, bool d) { (void)f; return prjsim_backend_win32_error(d); }
static prjsim_backend_result f_rename(prjsim_backend_file *f, const WCHAR *to, bool r)
{
    (void)f;
    return prjsim_backend_win32_error((uint32_t)wcslen(to) + r);
}
static prjsim_backend_result f_query_info(prjsim_backend_file *f, prjsim_file_info *info)
{
    (void)f;
    memset(info, 0, sizeof *info);
    info->basic.FileSize = 12;
    info->basic.FileAttributes = 0x20;
    info->link_count = 1;
    return fake_ok();
}
static prjsim_backend_result f_entries(const WCHAR *pattern, prjsim_dir_entry **e, size_t *n)
{
    *n = 2;
    *e = calloc(2, sizeof **e);
    if (!*e)
        abort();
    wcscpy((*e)[0].name, pattern ? pattern : L"a b,c%.txt");
    (*e)[0].basic.FileSize = 5;
    wcscpy((*e)[1].name, L"d\x00e9\x4e2d");
    (*e)[1].basic.IsDirectory = 1;
    (*e)[1].basic.FileAttributes = 0x10;
    (*e)[1].basic.CreationTime.QuadPart = -7;
    return fake_ok();
}
static prjsim_backend_result f_query_directory(prjsim_backend_file *f, const WCHAR *p, uint32_t fl, uint32_t b,
                                               prjsim_dir_entry **e, size_t *n)
{
    (void)f;
    (void)fl;
    (void)b;
    return f_entries(p, e, n);
}
static prjsim_backend_result f_stat(const WCHAR *path, prjsim_file_info *info)
{
    memset(info, 0, sizeof *info);
    if (!wcscmp(path, L"C:\\block")) {
        pthread_mutex_lock(&fake_lock);
        fake_blocked = true;
        pthread_cond_broadcast(&fake_changed);
        while (!fake_released)
            pthread_cond_wait(&fake_changed, &fake_lock);
        pthread_mutex_unlock(&fake_lock);
    }
    info->link_count = fake_pid;
    info->basic.FileSize = (INT64)wcslen(path);
    return fake_ok();
}
static prjsim_backend_result f_set_times(const WCHAR *p, int64_t c, int64_t a, int64_t w, int64_t ch, uint32_t at)
{
    (void)p;
    return prjsim_backend_status((int32_t)(c - a - w - ch - at));
}
static prjsim_backend_result f_list(const WCHAR *path, const WCHAR *p, uint32_t b, prjsim_dir_entry **e, size_t *n)
{
    (void)path;
    (void)b;
    return f_entries(p, e, n);
}
static prjsim_backend_result f_remove(const WCHAR *p, bool d) { (void)p; (void)d; return prjsim_backend_unsupported("fake: no remove"); }
static prjsim_backend_result f_move(const WCHAR *a, const WCHAR *b, bool r) { return prjsim_backend_win32_error((uint32_t)(wcslen(a) * 100 + wcslen(b) * 10 + r)); }
static prjsim_backend_result f_link(const WCHAR *a, const WCHAR *b) { return f_move(a, b, false); }
static prjsim_backend_result f_symlink(const WCHAR *a, const WCHAR *b, bool d) { return f_move(a, b, d); }
static prjsim_backend_result f_mkdir(const WCHAR *p) { return prjsim_backend_win32_error((uint32_t)wcslen(p)); }
static prjsim_backend_result f_read_file(const WCHAR *p, void **data, size_t *size)
{
    (void)p;
    *data = malloc(3);
    if (!*data)
        abort();
    memcpy(*data, "\0\x01\xff", 3);
    *size = 3;
    return fake_ok();
}
static prjsim_backend_result f_write_file(const WCHAR *p, const void *d, size_t n)
{
    (void)p;
    return prjsim_backend_win32_error(n && ((const unsigned char *)d)[0] == 0xAB ? (uint32_t)n : 99);
}
static int32_t f_on_disk_state(const WCHAR *p, PRJ_FILE_STATE *s)
{
    (void)p;
    *s = PRJ_FILE_STATE_PLACEHOLDER;
    return 0;
}
static void f_set_caller(const prjsim_caller *c) { fake_pid = c ? c->process_id : 0; }
/* cancelling the thread waiting in stat(C:\block) releases it */
static void *f_thread_self(void) { return (void *)&fake_file; }
static prjsim_backend_result f_cancel_thread(void *t)
{
    if (t != (void *)&fake_file)
        return prjsim_backend_win32_error(87);
    fake_release();
    return fake_ok();
}
static void f_thread_release(void *t) { (void)t; }

static const prjsim_backend fake_backend = {
    "fake", PRJSIM_BACKEND_CAP_CALLER, f_open, f_close, f_read, f_write, f_set_size, f_set_basic,
    f_set_disposition, f_rename, f_query_info, f_query_directory, f_stat, f_set_times, f_list, f_remove,
    f_move, f_link, f_symlink, f_mkdir, f_read_file, f_write_file, f_on_disk_state, f_set_caller, NULL, f_thread_self, f_cancel_thread, f_thread_release,
};

#endif
