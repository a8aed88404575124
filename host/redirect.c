/* SPDX-License-Identifier: MIT */
/*
 * The program's standard descriptors. They are the process's: while a program runs, fd 0 is a
 * pipe the host writes to, and fd 1 and fd 2 may be pipes drained into buffers. When the entry
 * returns everything is put back.
 *
 * Threads: the forwarder (PRJSIM_HOST_STDIN_FORWARD) copies the original stdin into the pipe;
 * one reader per captured descriptor drains its pipe. All of them poll the host's wake pipe,
 * written once when the program finishes, so none can be left blocked: writers to the stdin
 * pipe use a non-blocking descriptor and wait for room with poll.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* A copy of @p fd above the standard descriptors, close-on-exec; -1 if @p fd is not open. */
static int save_fd(int fd)
{
    return fcntl(fd, F_DUPFD_CLOEXEC, 3);
}

/* ---- stdin ---- */

/*
 * Writes all of @p data to the stdin pipe, waiting for room; gives up when the program
 * finishes. Called with in.write_lock held.
 */
static int write_all(prjsim_host *h, const char *data, size_t size)
{
    while (size) {
        if (h->in.write_fd < 0)
            return PRJSIM_HOST_BAD_STATE;
        ssize_t n = write(h->in.write_fd, data, size);
        if (n > 0) {
            data += n;
            size -= (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EAGAIN)
            return PRJSIM_HOST_SYSTEM_ERROR;
        struct pollfd p[2] = {{h->in.write_fd, POLLOUT, 0}, {h->wake[0], POLLIN, 0}};
        if (poll(p, 2, -1) < 0 && errno != EINTR)
            return PRJSIM_HOST_SYSTEM_ERROR;
        if (p[1].revents)
            return PRJSIM_HOST_EXITED;
    }
    return PRJSIM_HOST_OK;
}

int prjsim_host_write_stdin(prjsim_host *h, const void *data, size_t size)
{
    if (!h || !h->started || h->options.stdin_mode == PRJSIM_HOST_STDIN_INHERIT)
        return PRJSIM_HOST_BAD_STATE;
    if (!prjsim_host_running(h))
        return PRJSIM_HOST_EXITED;
    pthread_mutex_lock(&h->in.write_lock);
    int rc = write_all(h, data, size);
    pthread_mutex_unlock(&h->in.write_lock);
    return rc;
}

static void close_write_end(prjsim_host *h)
{
    pthread_mutex_lock(&h->in.write_lock);
    close_fd(&h->in.write_fd);
    pthread_mutex_unlock(&h->in.write_lock);
}

int prjsim_host_close_stdin(prjsim_host *h)
{
    if (!h || !h->started || h->options.stdin_mode == PRJSIM_HOST_STDIN_INHERIT)
        return PRJSIM_HOST_BAD_STATE;
    close_write_end(h);
    return PRJSIM_HOST_OK;
}

/* Copies the process's original stdin into the pipe until its end, then closes the pipe. */
static void *forward(void *arg)
{
    prjsim_host *h = arg;
    char buf[4096];
    for (;;) {
        struct pollfd p[2] = {{h->in.source_fd, POLLIN, 0}, {h->wake[0], POLLIN, 0}};
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[1].revents)
            return NULL;
        ssize_t n = read(h->in.source_fd, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            break;
        pthread_mutex_lock(&h->in.write_lock);
        int rc = write_all(h, buf, (size_t)n);
        pthread_mutex_unlock(&h->in.write_lock);
        if (rc != PRJSIM_HOST_OK)
            return NULL;
    }
    /* Not prjsim_host_close_stdin: this thread may get here before the start has completed. */
    close_write_end(h);
    return NULL;
}

/* Forgets what the C stream read ahead, unless a thread is blocked in it (it holds the lock). */
static void reset_stdin_stream(void)
{
    if (ftrylockfile(stdin) == 0) {
        __fpurge(stdin);
        clearerr_unlocked(stdin);
        funlockfile(stdin);
    }
}

static int redirect_stdin(prjsim_host *h)
{
    prjsim__host_input *in = &h->in;
    in->mode = h->options.stdin_mode;
    if (in->mode == PRJSIM_HOST_STDIN_INHERIT)
        return PRJSIM_HOST_OK;
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return PRJSIM_HOST_SYSTEM_ERROR;
    in->read_fd = p[0];
    in->write_fd = p[1];
    fcntl(in->write_fd, F_SETFL, fcntl(in->write_fd, F_GETFL) | O_NONBLOCK);
    in->saved_fd = save_fd(0);
    reset_stdin_stream();
    if (dup2(in->read_fd, 0) < 0)
        return PRJSIM_HOST_SYSTEM_ERROR;
    if (in->mode == PRJSIM_HOST_STDIN_FORWARD) {
        in->source_fd = in->saved_fd;
        if (in->source_fd < 0) {
            close_write_end(h); /* nothing to forward: the program sees an empty stdin */
        } else {
            if (pthread_create(&in->thread, NULL, forward, h) != 0)
                return PRJSIM_HOST_SYSTEM_ERROR;
            in->thread_started = true;
        }
    }
    return PRJSIM_HOST_OK;
}

static void restore_stdin(prjsim_host *h)
{
    prjsim__host_input *in = &h->in;
    if (in->thread_started) {
        pthread_join(in->thread, NULL);
        in->thread_started = false;
    }
    close_write_end(h);
    if (in->read_fd < 0)
        return;
    if (in->saved_fd >= 0)
        dup2(in->saved_fd, 0);
    else
        close(0);
    close_fd(&in->saved_fd);
    close_fd(&in->read_fd);
    in->source_fd = -1;
    reset_stdin_stream();
}

/* ---- stdout and stderr ---- */

static void append(prjsim_host *h, prjsim__host_capture *c, const char *data, size_t n)
{
    pthread_mutex_lock(&h->lock);
    if (c->size + n > c->cap) {
        size_t cap = c->cap ? c->cap : 4096;
        while (cap < c->size + n)
            cap *= 2;
        char *grown = realloc(c->data, cap);
        if (!grown) {
            pthread_mutex_unlock(&h->lock);
            return; /* the output is best effort: drop what does not fit */
        }
        c->data = grown;
        c->cap = cap;
    }
    memcpy(c->data + c->size, data, n);
    c->size += n;
    pthread_mutex_unlock(&h->lock);
}

typedef struct reader_arg {
    prjsim_host *h;
    prjsim__host_capture *c;
} reader_arg;

/* Drains one capture pipe until its end, or until woken and nothing is left to read. */
static void *drain(void *arg)
{
    prjsim_host *h = ((reader_arg *)arg)->h;
    prjsim__host_capture *c = ((reader_arg *)arg)->c;
    free(arg);
    char buf[4096];
    bool stopping = false;
    for (;;) {
        if (!stopping) {
            struct pollfd p[2] = {{c->read_fd, POLLIN, 0}, {h->wake[0], POLLIN, 0}};
            if (poll(p, 2, -1) < 0 && errno != EINTR)
                break;
            if (p[1].revents && !p[0].revents) {
                /* Finished: take what is left without waiting for writers that linger. */
                stopping = true;
                fcntl(c->read_fd, F_SETFL, fcntl(c->read_fd, F_GETFL) | O_NONBLOCK);
            }
        }
        ssize_t n = read(c->read_fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN && !stopping)
            continue;
        if (n <= 0)
            break;
        append(h, c, buf, (size_t)n);
        if (c->echo && c->saved_fd >= 0) {
            for (ssize_t done = 0; done < n;) {
                ssize_t w = write(c->saved_fd, buf + done, (size_t)(n - done));
                if (w < 0 && errno == EINTR)
                    continue;
                if (w <= 0)
                    break;
                done += w;
            }
        }
    }
    return NULL;
}

static int redirect_output(prjsim_host *h, int fd, bool on)
{
    prjsim__host_capture *c = &h->out[fd - 1];
    c->fd = fd;
    c->on = on;
    if (!on)
        return PRJSIM_HOST_OK;
    c->echo = h->options.echo_output;
    fflush(fd == 1 ? stdout : stderr);
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return PRJSIM_HOST_SYSTEM_ERROR;
    c->read_fd = p[0];
    c->saved_fd = save_fd(fd);
    int rc = dup2(p[1], fd);
    close(p[1]);
    if (rc < 0)
        return PRJSIM_HOST_SYSTEM_ERROR;
    reader_arg *arg = malloc(sizeof *arg);
    if (!arg)
        return PRJSIM_HOST_SYSTEM_ERROR;
    arg->h = h;
    arg->c = c;
    if (pthread_create(&c->thread, NULL, drain, arg) != 0) {
        free(arg);
        return PRJSIM_HOST_SYSTEM_ERROR;
    }
    c->thread_started = true;
    return PRJSIM_HOST_OK;
}

/* Puts fd 1 or 2 back; the reader sees the end of its pipe once no copy of it is left. */
static void restore_output(prjsim__host_capture *c)
{
    if (c->read_fd < 0)
        return;
    if (c->saved_fd >= 0)
        dup2(c->saved_fd, c->fd);
    else
        close(c->fd);
}

static void join_output(prjsim__host_capture *c)
{
    if (c->thread_started) {
        pthread_join(c->thread, NULL);
        c->thread_started = false;
    }
    close_fd(&c->saved_fd);
    close_fd(&c->read_fd);
}

/* ---- Start and end ---- */

int prjsim__host_redirect(prjsim_host *h)
{
    if (pipe2(h->wake, O_CLOEXEC) != 0) {
        h->wake[0] = h->wake[1] = -1;
        return PRJSIM_HOST_SYSTEM_ERROR;
    }
    int rc = redirect_output(h, 1, h->options.capture_stdout);
    if (rc == PRJSIM_HOST_OK)
        rc = redirect_output(h, 2, h->options.capture_stderr);
    if (rc == PRJSIM_HOST_OK)
        rc = redirect_stdin(h);
    if (rc != PRJSIM_HOST_OK)
        prjsim__host_restore(h);
    return rc;
}

void prjsim__host_restore(prjsim_host *h)
{
    pthread_mutex_lock(&h->restore_lock);
    if (h->restored || h->wake[1] < 0) {
        pthread_mutex_unlock(&h->restore_lock);
        return;
    }
    h->restored = true;
    fflush(stdout);
    fflush(stderr);
    restore_output(&h->out[0]);
    restore_output(&h->out[1]);
    /* Everything the program wrote is in the pipes now: wake the threads to finish up. */
    (void)!write(h->wake[1], "x", 1);
    restore_stdin(h);
    join_output(&h->out[0]);
    join_output(&h->out[1]);
    pthread_mutex_unlock(&h->restore_lock);
}

void prjsim__host_free_io(prjsim_host *h)
{
    close_fd(&h->wake[0]);
    close_fd(&h->wake[1]);
    for (int i = 0; i < 2; i++) {
        free(h->out[i].data);
        h->out[i].data = NULL;
    }
}
