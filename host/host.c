/* SPDX-License-Identifier: MIT */
/*
 * The host's run of a provider program: its entry on a thread of its own, the waits, the ways
 * to ask it to finish, and its exit code. Loading is in load.c, the file descriptors in
 * redirect.c.
 */
#include "internal.h"

#include <prjsim/drives.h>
#include <prjsim/win.h>
#include <windows.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

extern char **environ;

/* ---- Results ---- */

const char *prjsim_host_result_name(int result)
{
    switch (result) {
#define NAME_(id, value, text) case PRJSIM_HOST_##id: return "PRJSIM_HOST_" #id;
        PRJSIM_HOST_RESULTS(NAME_)
#undef NAME_
    }
    return "?";
}

const char *prjsim_host_result_text(int result)
{
    switch (result) {
#define TEXT_(id, value, text) case PRJSIM_HOST_##id: return text;
        PRJSIM_HOST_RESULTS(TEXT_)
#undef TEXT_
    }
    return "unknown result";
}

void prjsim__host_set_error(char *error, size_t error_size, const char *fmt, ...)
{
    if (!error || !error_size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(error, error_size, fmt, ap);
    va_end(ap);
}

/* ---- UTF-8 ---- */

wchar_t *prjsim__host_utf8_to_wide(const char *s)
{
    size_t n = strlen(s);
    wchar_t *out = malloc((n + 1) * sizeof *out);
    if (!out)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0;
    while (*p) {
        unsigned c = *p;
        int extra = c < 0x80             ? 0
                    : (c & 0xE0) == 0xC0 ? 1
                    : (c & 0xF0) == 0xE0 ? 2
                    : (c & 0xF8) == 0xF0 ? 3
                                         : -1;
        unsigned cp = extra == 0 ? c : extra == 1 ? c & 0x1F : extra == 2 ? c & 0x0F : c & 0x07;
        int i = 1;
        for (; extra > 0 && i <= extra && (p[i] & 0xC0) == 0x80; i++)
            cp = (cp << 6) | (p[i] & 0x3F);
        static const unsigned min[] = {0, 0x80, 0x800, 0x10000};
        bool bad = extra < 0 || i <= extra || cp < min[extra] || cp > 0x10FFFF ||
                   (cp >= 0xD800 && cp <= 0xDFFF);
        out[o++] = bad ? 0xFFFD : (wchar_t)cp;
        /* A bad sequence consumes its lead byte only, so what follows is decoded afresh. */
        p += bad ? 1 : (size_t)extra + 1;
    }
    out[o] = 0;
    return out;
}

/* ---- The process-wide redirection slot and the entry thread's host ---- */

static pthread_mutex_t slot_lock = PTHREAD_MUTEX_INITIALIZER;
static prjsim_host *slot_owner;
static _Thread_local prjsim_host *entry_host;

static bool needs_slot(const prjsim_host *h)
{
    return h->options.stdin_mode != PRJSIM_HOST_STDIN_INHERIT || h->options.capture_stdout ||
           h->options.capture_stderr;
}

static bool take_slot(prjsim_host *h)
{
    pthread_mutex_lock(&slot_lock);
    bool ok = !slot_owner;
    if (ok)
        slot_owner = h;
    pthread_mutex_unlock(&slot_lock);
    return ok;
}

static void release_slot(prjsim_host *h)
{
    pthread_mutex_lock(&slot_lock);
    if (slot_owner == h)
        slot_owner = NULL;
    pthread_mutex_unlock(&slot_lock);
}

/* ---- Load ---- */

int prjsim_host_load(prjsim_host **out, const char *path, const prjsim_host_options *options,
                     char *error, size_t error_size)
{
    prjsim_host_options defaults = PRJSIM_HOST_OPTIONS_INIT;
    if (out)
        *out = NULL;
    if (!out || !path || !*path || (options && options->version != PRJSIM_HOST_OPTIONS_VERSION) ||
        (options && options->stdin_mode > PRJSIM_HOST_STDIN_INHERIT)) {
        prjsim__host_set_error(error, error_size, "prjsim_host_load: invalid argument");
        return PRJSIM_HOST_INVALID_ARGUMENT;
    }
    prjsim_host *h = calloc(1, sizeof *h);
    if (!h || !(h->path = strdup(path))) {
        free(h);
        prjsim__host_set_error(error, error_size, "out of memory");
        return PRJSIM_HOST_SYSTEM_ERROR;
    }
    h->options = options ? *options : defaults;
    pthread_mutex_init(&h->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&h->changed, &attr);
    pthread_condattr_destroy(&attr);
    pthread_mutex_init(&h->in.write_lock, NULL);
    pthread_mutex_init(&h->restore_lock, NULL);
    h->in.saved_fd = h->in.read_fd = h->in.write_fd = h->in.source_fd = -1;
    h->wake[0] = h->wake[1] = -1;
    for (int i = 0; i < 2; i++)
        h->out[i].saved_fd = h->out[i].read_fd = -1;

    int rc = prjsim__host_open_module(h, error, error_size);
    if (rc != PRJSIM_HOST_OK) {
        prjsim_host_destroy(h);
        return rc;
    }
    if (h->options.image_file_name) {
        wcsncpy(h->image_name, h->options.image_file_name, MAX_PATH);
        h->image_name[MAX_PATH] = 0;
    }
    h->options.image_file_name = NULL; /* the caller's string need not outlive the call */
    *out = h;
    return PRJSIM_HOST_OK;
}

prjsim_host_entry prjsim_host_entry_kind(const prjsim_host *host)
{
    return host->entry_kind;
}

/* ---- The entry thread ---- */

/* Runs when the entry returns or its thread exits: the program has finished. */
static void finished(void *arg)
{
    prjsim_host *h = arg;
    entry_host = NULL;
    /*
     * Instances it left running call into the module: it must then stay (destroy). Counted
     * now, while the simulation it ran on surely exists; read after the join.
     */
    h->left_instances = prjsim_sim_running_instances(h->sim, NULL, 0) > h->baseline_instances;
    prjsim__host_restore(h);
    if (h->redirected)
        release_slot(h);
    pthread_mutex_lock(&h->lock);
    h->finished = true;
    pthread_cond_broadcast(&h->changed);
    pthread_mutex_unlock(&h->lock);
}

static int call_entry(prjsim_host *h)
{
    if (h->entry_kind == PRJSIM_HOST_ENTRY_MAIN)
        return ((int (*)(int, char **, char **))h->entry)(h->argc, h->argv, environ);
    switch (h->entry_params) {
    case 0:
        return ((int (*)(void))h->entry)();
    case 2:
        return ((int (*)(int, wchar_t **))h->entry)(h->argc, h->wargv);
    default:
        return ((int (*)(int, wchar_t **, wchar_t **))h->entry)(h->argc, h->wargv, h->wenvp);
    }
}

static void *run_entry(void *arg)
{
    prjsim_host *h = arg;
    entry_host = h;
    /* The program's own I/O: callbacks, but no notifications (CreateThread passes this on). */
    prjsim_caller caller = {h->options.process_id ? h->options.process_id : GetCurrentProcessId(),
                            h->image_name, true};
    prjsim_client_set_caller(&caller);
    pthread_cleanup_push(finished, h);
    int code = call_entry(h);
    pthread_mutex_lock(&h->lock);
    h->exit_code = code;
    pthread_mutex_unlock(&h->lock);
    pthread_cleanup_pop(1);
    return NULL;
}

bool prjsim_host_exit_program(int exit_code)
{
    prjsim_host *h = entry_host;
    if (!h)
        return false;
    pthread_mutex_lock(&h->lock);
    h->exit_code = exit_code;
    pthread_mutex_unlock(&h->lock);
    pthread_exit(NULL);
}

/* ---- Start ---- */

static void free_strings(void **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

/* NULL-terminated copies of @p n strings, narrow or widened; NULL when out of memory. */
static void **copy_strings(int n, char *const *src, bool wide)
{
    void **dst = calloc((size_t)n + 1, sizeof *dst);
    for (int i = 0; dst && i < n; i++) {
        dst[i] = wide ? (void *)prjsim__host_utf8_to_wide(src[i]) : (void *)strdup(src[i]);
        if (!dst[i]) {
            free_strings(dst);
            return NULL;
        }
    }
    return dst;
}

int prjsim_host_start(prjsim_host *h, int argc, char *const *argv)
{
    if (!h || argc < 0 || (argc > 0 && !argv))
        return PRJSIM_HOST_INVALID_ARGUMENT;
    if (h->started)
        return PRJSIM_HOST_BAD_STATE;
    char *self[] = {h->path, NULL};
    if (argc == 0) {
        argc = 1;
        argv = self;
    }
    h->argc = argc;
    int nenv = 0;
    while (environ && environ[nenv])
        nenv++;
    /* A start that failed (BUSY) may be retried: forget the copies of the last attempt. */
    free_strings((void **)h->argv);
    free_strings((void **)h->wargv);
    free_strings((void **)h->wenvp);
    h->argv = (char **)copy_strings(argc, argv, false);
    h->wargv = (wchar_t **)copy_strings(argc, argv, true);
    h->wenvp = (wchar_t **)copy_strings(nenv, environ, true);
    if (!h->argv || !h->wargv || !h->wenvp)
        return PRJSIM_HOST_SYSTEM_ERROR;

    if (needs_slot(h)) {
        if (!take_slot(h))
            return PRJSIM_HOST_BUSY;
        h->redirected = true;
    }
    h->sim = h->options.sim ? h->options.sim : prjsim_sim_current();
    /* A program may mark a root it made with CreateDirectoryW before any other file call. */
    prjsim_win_files_init();
    h->baseline_instances = prjsim_sim_running_instances(h->sim, NULL, 0);
    h->threads_before = prjsim__host_thread_count();
    int rc = prjsim__host_redirect(h);
    if (rc == PRJSIM_HOST_OK) {
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        /* Windows gives a main thread 1 MB; glibc's default follows ulimit -s. At least 8 MB. */
        size_t stack = 0;
        pthread_attr_getstacksize(&attr, &stack);
        if (stack < 8u << 20)
            pthread_attr_setstacksize(&attr, 8u << 20);
        h->started = pthread_create(&h->thread, &attr, run_entry, h) == 0;
        pthread_attr_destroy(&attr);
        if (!h->started) {
            prjsim__host_restore(h);
            rc = PRJSIM_HOST_SYSTEM_ERROR;
        }
    }
    if (rc != PRJSIM_HOST_OK && h->redirected) {
        release_slot(h);
        h->redirected = false;
    }
    return rc;
}

/* ---- Driving it ---- */

int prjsim_host_raise_console_ctrl(prjsim_host *h, DWORD ctrl_event)
{
    if (!h || !h->started)
        return PRJSIM_HOST_BAD_STATE;
    if (!prjsim_host_running(h))
        return PRJSIM_HOST_EXITED;
    return prjsim_win_raise_console_ctrl(ctrl_event) ? PRJSIM_HOST_OK : PRJSIM_HOST_UNHANDLED;
}

bool prjsim_host_running(const prjsim_host *h)
{
    if (!h || !h->started)
        return false;
    pthread_mutex_lock((pthread_mutex_t *)&h->lock);
    bool running = !h->finished;
    pthread_mutex_unlock((pthread_mutex_t *)&h->lock);
    return running;
}

/* ---- Waiting ---- */

static struct timespec deadline_after(DWORD ms)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    t.tv_sec += ms / 1000;
    t.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}

static bool past(const struct timespec *deadline)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > deadline->tv_sec ||
           (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec);
}

int prjsim_host_wait_started(prjsim_host *h, DWORD timeout_ms, WCHAR *root, size_t root_chars)
{
    if (!h || !h->started)
        return PRJSIM_HOST_BAD_STATE;
    struct timespec deadline = deadline_after(timeout_ms == INFINITE ? 0 : timeout_ms);
    WCHAR buf[MAX_PATH + 1];
    for (;;) {
        if (prjsim_sim_running_instances(h->sim, buf, MAX_PATH + 1) > h->baseline_instances) {
            if (root && root_chars) {
                wcsncpy(root, buf, root_chars - 1);
                root[root_chars - 1] = 0;
            }
            return PRJSIM_HOST_OK;
        }
        if (!prjsim_host_running(h))
            return PRJSIM_HOST_EXITED;
        if (timeout_ms != INFINITE && past(&deadline))
            return PRJSIM_HOST_TIMEOUT;
        /* No notification from the simulator yet: a millisecond's poll costs nothing here. */
        usleep(1000);
    }
}

int prjsim_host_wait(prjsim_host *h, DWORD timeout_ms, int *exit_code)
{
    if (!h || !h->started)
        return PRJSIM_HOST_BAD_STATE;
    struct timespec deadline = deadline_after(timeout_ms == INFINITE ? 0 : timeout_ms);
    pthread_mutex_lock(&h->lock);
    int rc = PRJSIM_HOST_OK;
    while (!h->finished && rc == PRJSIM_HOST_OK) {
        if (timeout_ms == INFINITE)
            pthread_cond_wait(&h->changed, &h->lock);
        else if (pthread_cond_timedwait(&h->changed, &h->lock, &deadline) == ETIMEDOUT)
            rc = h->finished ? PRJSIM_HOST_OK : PRJSIM_HOST_TIMEOUT;
    }
    int code = h->exit_code;
    bool join = rc == PRJSIM_HOST_OK && !h->joined;
    h->joined = h->joined || join;
    pthread_mutex_unlock(&h->lock);
    if (join)
        pthread_join(h->thread, NULL);
    if (rc == PRJSIM_HOST_OK && exit_code)
        *exit_code = code;
    return rc;
}

int prjsim_host_finish(prjsim_host *h, DWORD timeout_ms, int *exit_code)
{
    if (!h || !h->started)
        return PRJSIM_HOST_BAD_STATE;
    DWORD step = timeout_ms == INFINITE ? 2000 : timeout_ms / 3;
    DWORD last = timeout_ms == INFINITE ? INFINITE : timeout_ms - 2 * step;
    if (prjsim_host_running(h) && h->options.stdin_mode != PRJSIM_HOST_STDIN_INHERIT) {
        prjsim_host_write_stdin(h, "\n", 1);
        if (prjsim_host_wait(h, step, exit_code) == PRJSIM_HOST_OK)
            return PRJSIM_HOST_OK;
        prjsim_host_close_stdin(h);
        if (prjsim_host_wait(h, step, exit_code) == PRJSIM_HOST_OK)
            return PRJSIM_HOST_OK;
    }
    prjsim_host_raise_console_ctrl(h, CTRL_C_EVENT);
    return prjsim_host_wait(h, last, exit_code);
}

char *prjsim_host_output(prjsim_host *h, int fd, size_t *size)
{
    if (size)
        *size = 0;
    if (!h || (fd != 1 && fd != 2) || !h->out[fd - 1].on)
        return NULL;
    prjsim__host_capture *c = &h->out[fd - 1];
    pthread_mutex_lock(&h->lock);
    char *copy = malloc(c->size + 1);
    if (copy) {
        if (c->size)
            memcpy(copy, c->data, c->size);
        copy[c->size] = 0;
        if (size)
            *size = c->size;
    }
    pthread_mutex_unlock(&h->lock);
    return copy;
}

/* ---- Destroy ---- */

/* Whether the process is back to @p before threads. A joined thread can still be listed for a
 * moment (the kernel wakes the joiner before it removes the task), so a surplus is looked at
 * again for up to 10 ms before it is taken for a thread the program left running. */
static bool threads_settled(size_t before)
{
    for (int i = 0; i < 100; i++) {
        if (prjsim__host_thread_count() <= before)
            return true;
        struct timespec pause = {0, 100 * 1000};
        nanosleep(&pause, NULL);
    }
    return false;
}

void prjsim_host_destroy(prjsim_host *h)
{
    if (!h)
        return;
    if (h->started && prjsim_host_finish(h, 3000, NULL) != PRJSIM_HOST_OK) {
        /*
         * It will not finish. Its thread still uses this host and the module, so both stay:
         * undo the redirections for the rest of the process and let the thread be.
         */
        prjsim__host_restore(h);
        if (h->redirected)
            release_slot(h);
        pthread_detach(h->thread);
        return;
    }
    prjsim__host_free_io(h);
    /*
     * The module is unloaded when nothing can run its code any more (see host.h): the entry
     * was joined, it left no instance running and the process has no more threads than
     * before the start (a thread the program started may still run). Otherwise it stays,
     * which costs its mappings for the life of the process.
     */
    if (!h->started || (h->joined && !h->left_instances && threads_settled(h->threads_before)))
        prjsim__host_close_module(h);
    free_strings((void **)h->argv);
    free_strings((void **)h->wargv);
    free_strings((void **)h->wenvp);
    pthread_cond_destroy(&h->changed);
    pthread_mutex_destroy(&h->lock);
    pthread_mutex_destroy(&h->in.write_lock);
    pthread_mutex_destroy(&h->restore_lock);
    free(h->path);
    free(h);
}
