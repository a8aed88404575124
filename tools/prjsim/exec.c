/* SPDX-License-Identifier: MIT */
/*
 * `prjsim exec [OPTIONS] PROGRAM [ARGS...]`: runs a provider program (a module built with
 * prjsim-cc / prjsim-c++ or prjsim_add_provider) in this process, as Windows runs a console
 * program: its wmain/main gets PROGRAM ARGS... as argv, its stdin is ours (copied through a
 * pipe by the host), Ctrl+C becomes its console control event, and its exit code is ours.
 *
 * Exit status: the program's; 2 when it cannot be loaded or the usage is wrong; 124 when it
 * runs past --timeout; 128+N when signal N interrupts a program that handles no console event.
 */
#include "commands.h"

#include <fault.h>

#include <prjsim.h>
#include <tracepic.h>
#include <prjsim/drives.h>
#include <prjsim/registry.h>
#include <prjsim/host.h>
#include <prjsim/state.h>
#include <prjsim/win.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int usage(FILE *out)
{
    fprintf(out,
            "usage: prjsim exec [OPTIONS] PROGRAM [ARGS...]\n"
            "\n"
            "Runs a provider program built with prjsim-cc or prjsim-c++ (a module exporting\n"
            "wmain or main) in this process, with PROGRAM ARGS... as its argv and this\n"
            "process's stdin as its own, and exits with its exit code.\n"
            "\n"
            "options:\n"
            "  --timeout SECONDS  stop waiting after SECONDS and exit 124\n"
            "  --drives DIR       host folder holding the drive letters (DIR/C is C:\\);\n"
            "                     default: $PRJSIM_DRIVES, else a fresh temporary folder.\n"
            "                     With a drives folder given, the simulated volume of each\n"
            "                     virtualization root is saved in DIR/.prjsim-state when the\n"
            "                     program ends and loaded again by the next program\n"
            "  --time-scale X     multiply the program's Sleep and wait times by X\n"
            "  --registry FILE    seed the registry from a .reg file (or $PRJSIM_REGISTRY)\n"
            "  --trace            print the simulator's trace to stderr at the end\n"
            "  --trace-file FILE  at the end, write the trace with the final state of every item\n"
            "                     touched to FILE (`prjsim trace FILE --html OUT` draws it)\n"
            "  --                 end of options\n");
    return out == stdout ? 0 : 2;
}

/* ---- Saving the volume (persistent drives) ---- */

static bool persistent;
static bool saved; /* the program's end was saved: exit handlers need not save again */

/* Writes every root's state; from a signal handler (or exit) with @p in_signal. */
static bool save_state(bool in_signal)
{
    if (!persistent)
        return true;
    char error[1024];
    HRESULT hr = prjsim_drives_save_state(in_signal, error, sizeof error);
    if (FAILED(hr)) {
        fprintf(stderr, "prjsim exec: the volume was not saved: %s\n", error);
        return false;
    }
    saved = !in_signal;
    return true;
}

/* The program called exit(): the process ends without returning to us. */
static void save_at_exit(void)
{
    if (!saved)
        save_state(true);
}

static struct sigaction crash_previous[32];

/* A crash of the program: save what can be saved, then die as the signal would. */
static void on_crash(int sig)
{
    static volatile sig_atomic_t once;
    if (!once) {
        once = 1;
        save_state(true);
    }
    sigaction(sig, &crash_previous[sig], NULL);
    raise(sig);
}

static void save_on_crash(void)
{
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_crash;
        sa.sa_flags = SA_RESETHAND | SA_NODEFER;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, &crash_previous[sigs[i]]);
    }
}

/* ---- Signals become console control events ---- */

static int signal_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    (void)!write(signal_pipe[1], &b, 1);
    errno = saved;
}

static void *signal_thread(void *arg)
{
    prjsim_host *host = arg;
    unsigned char sig;
    for (;;) {
        ssize_t n = read(signal_pipe[0], &sig, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n != 1)
            break;
        DWORD event = sig == SIGINT ? CTRL_C_EVENT : CTRL_CLOSE_EVENT;
        if (!prjsim_host_running(host) || !prjsim_win_raise_console_ctrl(event)) {
            /* No handler took it: Windows ends the process; we end as the signal would. */
            save_state(true);
            fflush(stdout);
            fflush(stderr);
            signal(sig, SIG_DFL);
            raise(sig);
            _exit(128 + sig);
        }
    }
    return NULL;
}

static void forward_signals(prjsim_host *host)
{
    if (pipe2(signal_pipe, O_CLOEXEC) != 0)
        return;
    pthread_t t;
    if (pthread_create(&t, NULL, signal_thread, host) != 0)
        return;
    pthread_detach(t);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* The trace with the final state of every item a client operation named. */
static bool write_trace_file(const char *path, const char *program)
{
    tracepic_samples samples;
    memset(&samples, 0, sizeof samples);
    tracepic_sample(&samples, prjsim_sim_current(), NULL, NULL);
    bool ok = tracepic_write(path, program, prjsim_sim_current(), &samples, NULL, NULL);
    tracepic_samples_free(&samples);
    return ok;
}

/* ---- The command ---- */

int prjsim_cmd_exec(int argc, char **argv)
{
    double timeout = -1, time_scale = -1;
    const char *drives = NULL, *trace_file = NULL;
    const char *registry = getenv("PRJSIM_REGISTRY");
    bool trace = false;
    int i = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *o = argv[i];
        bool has_value = i + 1 < argc;
        char *end = NULL;
        if (!has_value && (!strcmp(o, "--timeout") || !strcmp(o, "--time-scale") || !strcmp(o, "--drives"))) {
            fprintf(stderr, "prjsim exec: option %s needs an argument\n", o);
            return usage(stderr);
        }
        if (!strcmp(o, "--")) {
            i++;
            break;
        } else if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            return usage(stdout);
        } else if (!strcmp(o, "--trace")) {
            trace = true;
        } else if (!strcmp(o, "--timeout") && has_value) {
            timeout = strtod(argv[++i], &end);
            if (*end || timeout < 0) {
                fprintf(stderr, "prjsim exec: bad --timeout '%s'\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(o, "--time-scale") && has_value) {
            time_scale = strtod(argv[++i], &end);
            if (*end || time_scale < 0) {
                fprintf(stderr, "prjsim exec: bad --time-scale '%s'\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(o, "--trace-file") && has_value) {
            trace_file = argv[++i];
        } else if (!strcmp(o, "--drives") && has_value) {
            drives = argv[++i];
        } else if (!strcmp(o, "--registry") && has_value) {
            registry = argv[++i];
        } else {
            fprintf(stderr, "prjsim exec: unknown option '%s'\n", o);
            return usage(stderr);
        }
    }
    if (i >= argc)
        return usage(stderr);
    /* PRJSIM_FAULTS=spec wraps the program's provider in the fault wrapper (fixtures/fault). */
    if (fault_install_from_env() == E_INVALIDARG)
        return 2;

    if (drives && FAILED(prjsim_drives_set_root(drives))) {
        fprintf(stderr, "prjsim exec: cannot use '%s' as the drives folder\n", drives);
        return 2;
    }
    if (registry && *registry) {
        char error[1024];
        if (FAILED(prjsim_registry_load_file(registry, error, sizeof error))) {
            fprintf(stderr, "prjsim exec: %s\n", error);
            return 2;
        }
    }
    const char *env_drives = getenv("PRJSIM_DRIVES");
    if (drives || (env_drives && env_drives[0])) {
        /* A drives folder that outlives us: so does the volume of its roots (section 11.6). */
        const char *dir = prjsim_drives_root();
        char error[1024];
        if (!dir || FAILED(prjsim_state_check(dir, error, sizeof error))) {
            fprintf(stderr, "prjsim exec: %s\n", dir ? error : "no drives folder");
            return 2;
        }
        if (FAILED(prjsim_drives_set_state(dir, true))) {
            fprintf(stderr, "prjsim exec: cannot keep the volume in '%s'\n", dir);
            return 2;
        }
        persistent = true;
        save_on_crash();
        atexit(save_at_exit);
    }
    if (time_scale >= 0 && !prjsim_win_set_time_scale(time_scale)) {
        fprintf(stderr, "prjsim exec: bad --time-scale '%g'\n", time_scale);
        return 2;
    }

    prjsim_host_options options = PRJSIM_HOST_OPTIONS_INIT;
    options.stdin_mode = PRJSIM_HOST_STDIN_FORWARD;
    prjsim_host *host;
    char error[1024];
    int rc = prjsim_host_load(&host, argv[i], &options, error, sizeof error);
    if (rc != PRJSIM_HOST_OK) {
        fprintf(stderr, "prjsim exec: %s\n", error);
        return 2;
    }
    forward_signals(host);
    rc = prjsim_host_start(host, argc - i, argv + i);
    if (rc != PRJSIM_HOST_OK) {
        fprintf(stderr, "prjsim exec: cannot start %s: %s\n", argv[i], prjsim_host_result_text(rc));
        return 2;
    }
    int code = 0;
    DWORD ms = timeout < 0                            ? INFINITE
               : timeout * 1000 >= (double)(INFINITE - 1) ? INFINITE - 1
                                                          : (DWORD)(timeout * 1000);
    rc = prjsim_host_wait(host, ms, &code);
    if (trace)
        prjsim_trace_print(prjsim_sim_current(), stderr);
    if (trace_file && !write_trace_file(trace_file, argv[i]))
        fprintf(stderr, "prjsim exec: cannot write %s\n", trace_file);
    if (rc == PRJSIM_HOST_TIMEOUT) {
        fprintf(stderr, "prjsim exec: %s did not finish within %g s\n", argv[i], timeout);
        save_state(true);
        fflush(stdout);
        fflush(stderr);
        /* Its thread still runs our code and its own: end without running exit handlers. */
        _exit(124);
    }
    prjsim_host_destroy(host);
    if (!save_state(false) && code == 0)
        code = 2;
    return code;
}
