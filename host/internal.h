/* SPDX-License-Identifier: MIT */
/* The host's internals, shared by host.c (the run), load.c (the module) and redirect.c (fds). */
#ifndef PRJSIM_HOST_INTERNAL_H
#define PRJSIM_HOST_INTERNAL_H

#include <prjsim/host.h>
#include <prjsim/client.h>

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>


/* One captured output descriptor: a pipe in place of fd 1 or 2, drained by a thread. */
typedef struct prjsim__host_capture {
    bool on;
    int fd;          /* 1 or 2 */
    int saved_fd;    /* where fd pointed before, restored at the end */
    int read_fd;     /* our end of the pipe */
    bool echo;
    pthread_t thread;
    bool thread_started;
    char *data;      /* guarded by the host's lock */
    size_t size, cap;
} prjsim__host_capture;

/* The program's stdin. */
typedef struct prjsim__host_input {
    prjsim_host_stdin mode;
    int saved_fd;    /* fd 0 before the run */
    int read_fd;     /* the pipe's read end, kept open until destroy so writes never SIGPIPE */
    int write_fd;    /* the pipe's write end, -1 once closed; guarded by write_lock */
    pthread_mutex_t write_lock;
    /* PRJSIM_HOST_STDIN_FORWARD: the copying thread, woken through wake_fd to stop. */
    int source_fd;
    int wake_fd[2];
    pthread_t thread;
    bool thread_started;
} prjsim__host_input;

struct prjsim_host {
    prjsim_host_options options;
    char *path;         /* as given */
    void *module;       /* dlclose'd at destroy when nothing of the program can run any more */
    prjsim_host_entry entry_kind;
    void *entry;
    int entry_params;   /* 0, 2 or 3: argc, argv, envp */
    WCHAR image_name[MAX_PATH + 1];

    /* The run. */
    prjsim_sim *sim;
    size_t baseline_instances;
    size_t threads_before;   /* threads of the process before the start (prjsim__host_thread_count) */
    bool left_instances;     /* more instances ran when the entry returned than before the start */
    int argc;
    char **argv;
    wchar_t **wargv;
    wchar_t **wenvp;
    pthread_t thread;
    bool started;
    bool redirected;    /* holds the process-wide redirection slot */
    bool joined;

    prjsim__host_input in;
    prjsim__host_capture out[2]; /* fd 1, fd 2 */
    /* Written once when the program finishes; the I/O threads poll it to stop. */
    int wake[2];
    pthread_mutex_t restore_lock;
    bool restored;      /* guarded by restore_lock */

    pthread_mutex_t lock;
    pthread_cond_t changed;
    bool finished;      /* guarded by lock */
    int exit_code;      /* guarded by lock */
};

/* load.c */
int prjsim__host_open_module(prjsim_host *h, char *error, size_t error_size);
/* Unloads the module (its console control handlers forgotten first). */
void prjsim__host_close_module(prjsim_host *h);
/* How many threads this process has now (SIZE_MAX when /proc cannot tell). */
size_t prjsim__host_thread_count(void);

/* redirect.c: called by prjsim_host_start and by the entry thread when the entry returns. */
int prjsim__host_redirect(prjsim_host *h);
void prjsim__host_restore(prjsim_host *h);
void prjsim__host_free_io(prjsim_host *h);

/* UTF-8 to a malloc'd wide string; invalid bytes become U+FFFD. NULL when out of memory. */
wchar_t *prjsim__host_utf8_to_wide(const char *s);

/* Formats a message into a caller's error buffer (ignored when NULL). */
void prjsim__host_set_error(char *error, size_t error_size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
