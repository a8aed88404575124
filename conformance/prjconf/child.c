/* SPDX-License-Identifier: MIT */
/*
 * One case in one forked child. The child starts the provider on a fresh simulation, runs the
 * case on a worker thread and reports over a pipe, one line each:
 *
 *   step TEXT        progress, shown when the case crashes or hangs
 *   fail TEXT        a failed expectation (the first is the case's message)
 *   diag NAME N TEXT a diagnostic recorded N times during the case (the simulator's; with
 *                    --checker, the recording layer's checker's for the names it decides)
 *   trace TEXT       one of the last trace records (on failure and timeout)
 *   inflight TEXT    the callbacks still in flight (on timeout)
 *   started          the provider started (a case whose provider never starts is a setup error)
 *   timeout          the worker did not finish in time
 *   crash SIGNAL     a fatal signal; the stack follows, one frame a line
 *   verdict pass|fail|skip|setup [TEXT]
 *
 * Its main thread waits for the worker until the case's time is up, then reports what is in
 * flight and exits; the parent kills a child that does not even manage that (a deadlock on the
 * simulator's locks) a few seconds later. A crash ends the child: the parent sees the signal.
 */

#include "internal.h"
#include <prjsim.h>

#include <observer.h>
#include <tracepic.h>

#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Seconds the parent waits beyond the case's timeout before killing the child. */
#define GRACE_SECONDS 4.0
/* Trace records shown with a failure. */
#define TRACE_TAIL 12

double prjconf_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- The child ---- */

static int crash_fd = -1;

static void on_crash(int sig)
{
    char line[32] = "crash ";
    size_t n = 6;
    if (sig >= 10)
        line[n++] = (char)('0' + sig / 10);
    line[n++] = (char)('0' + sig % 10);
    line[n++] = '\n';
    (void)!write(crash_fd, line, n);
    void *frames[48];
    int count = backtrace(frames, 48);
    backtrace_symbols_fd(frames, count, crash_fd);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void catch_crashes(int fd)
{
    crash_fd = fd;
    void *warm[1];
    backtrace(warm, 1); /* loads libgcc now, not in the handler */
    static char stack[64 * 1024];
    stack_t ss = {.ss_sp = stack, .ss_size = sizeof stack};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
}

static void trace_tail(prjconf_ctx *c)
{
    if (!c->sim)
        return;
    size_t n = prjsim_trace_count(c->sim);
    for (size_t i = n > TRACE_TAIL ? n - TRACE_TAIL : 0; i < n; i++) {
        prjsim_trace_record r;
        if (prjsim_trace_get(c->sim, i, &r))
            dprintf(c->report_fd, "trace %s\n", r.text);
    }
}

/* DIR/CASE.trace with the final state of every item the case touched; DIR/CASE.html too when
 * it fails. */
static void write_pictures(prjconf_ctx *c, const char *name, bool failing)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.trace", c->opts->trace_dir, name);
    tracepic_samples samples;
    memset(&samples, 0, sizeof samples);
    tracepic_sample(&samples, c->sim, NULL, NULL);
    bool ok = tracepic_write(path, name, c->sim, &samples, NULL, NULL);
    tracepic_samples_free(&samples);
    if (ok && failing) {
        char html[4096];
        snprintf(html, sizeof html, "%s/%s.html", c->opts->trace_dir, name);
        tracepic_options o = {PRJSIM_SOURCE_DIR "/docs/behaviour/diagnostics.md"};
        tracepic_render(path, html, &o);
    }
}

struct job {
    prjconf_ctx *c;
    const prjconf_case *k;
    bool done;
};

void prjconf_report_line(prjconf_ctx *c, const char *kind, const char *line)
{
    dprintf(c->report_fd, "%s %s\n", kind, line);
}

static void *run_job(void *arg)
{
    struct job *j = arg;
    prjconf_ctx *c = j->c;
    /* Before the provider starts: the recorder wraps the instances started after it. */
    if (c->opts->checker && !(c->recording = prjsim__observer_begin())) {
        dprintf(c->report_fd, "verdict setup --checker: the recording layer is not loaded (LD_PRELOAD="
                              "libprjsim_recording.so)\n");
        __atomic_store_n(&j->done, true, __ATOMIC_RELEASE);
        return NULL;
    }
    if (!prjconf_target_start(c)) {
        dprintf(c->report_fd, "verdict %s %s\n", c->self_driving ? "selfdriving" : "setup", c->message);
        __atomic_store_n(&j->done, true, __ATOMIC_RELEASE);
        return NULL;
    }
    dprintf(c->report_fd, "started\nstep %s started on %ls\n",
            c->host ? "the program" : "the reference provider", c->root);
    if ((j->k->caps & PRJCONF_RUN_OBSERVED) && !c->recording && !(c->be->caps & PRJSIM_BACKEND_CAP_SIMULATOR)) {
        dprintf(c->report_fd, "verdict skip backend %s: %s\n", c->be->name, PRJCONF_NEEDS_OBSERVATION);
        __atomic_store_n(&j->done, true, __ATOMIC_RELEASE);
        return NULL;
    }
    /* Without a provider program the simulated volume is the whole world (paths outside the
     * root included); a program's own Win32 calls may need host files. */
    if (c->be->attach && !c->host)
        c->be->attach(c->sim);
    /* Capabilities: as declared (--caps), else as registered when the provider started. */
    unsigned needs = j->k->caps & PRJCONF_CAP_MASK;
    unsigned missing = needs & ~(c->opts->caps_declared ? c->opts->caps : c->registered);
    if (missing) {
        char caps[128];
        prjconf_caps_format(missing, caps, sizeof caps);
        dprintf(c->report_fd, "verdict skip needs capability %s: the provider registered no %s "
                "(--caps %s runs it anyway)\n", caps,
                missing & PRJCONF_CAP_NOTIFICATIONS ? "NotificationCallback" : "CancelCommandCallback",
                caps);
        __atomic_store_n(&j->done, true, __ATOMIC_RELEASE);
        return NULL;
    }
    j->k->run(c);
    if (prjconf_target_self_driven(c)) {
        dprintf(c->report_fd, "verdict selfdriving %s\n", c->message);
        __atomic_store_n(&j->done, true, __ATOMIC_RELEASE);
        return NULL;
    }
    size_t diags = 0;
    /* --checker: what the checker decides from its report; the rest is the simulator's, which
     * on real ProjFS would not be seen (docs/layering.md lists which) */
    size_t checked[PRJSIM_DIAG_COUNT_];
    prjsim__observer_counts(c->recording, checked);
#define PRJCONF_DIAG_REPORT_(id, name, section, text)                                            \
    {                                                                                            \
        bool by_checker = c->recording && prjsim__observer_decides(name);                        \
        size_t n = by_checker ? checked[PRJSIM_DIAG_##id] : prjsim_trace_count_diag(c->sim, PRJSIM_DIAG_##id); \
        bool warning = prjsim_diag_is_warning(PRJSIM_DIAG_##id);                                 \
        if (n) /* warnings are reported; they do not fail the case (section 11.4) */             \
            dprintf(c->report_fd, "%s %s %zu %s (%s%s)\n", warning ? "warning" : "diag", name, n, \
                    text, section,                                                               \
                    !c->recording ? "" : by_checker ? "; from the recording layer's checker"     \
                                                    : "; the simulator's: not decidable from the provider's calls"); \
        if (!warning)                                                                            \
            diags += n;                                                                          \
    }
    PRJSIM_DIAGNOSTICS(PRJCONF_DIAG_REPORT_)
#undef PRJCONF_DIAG_REPORT_
    bool failing = !(c->skipped && !c->failed && !diags) && (c->failed || diags);
    if (c->opts->trace_dir)
        write_pictures(c, j->k->name, failing);
    if (c->skipped && !c->failed && !diags) {
        dprintf(c->report_fd, "verdict skip %s\n", c->message);
    } else if (c->failed || diags) {
        trace_tail(c);
        dprintf(c->report_fd, "verdict fail\n");
    } else {
        dprintf(c->report_fd, "verdict pass\n");
    }
    __atomic_store_n(&j->done, true, __ATOMIC_RELEASE);
    return NULL;
}

static void child_main(const prjconf_case *k, const prjconf_target_options *t, unsigned long seed,
                       int fd)
{
    catch_crashes(fd);
    /* The host's private module copies go there, and the runner removes it: a case that is
     * killed or ends with _exit leaves nothing behind. */
    if (t->tmpdir)
        setenv("TMPDIR", t->tmpdir, 1);
    prjconf_ctx *c = calloc(1, sizeof *c);
    if (!c)
        _exit(3);
    c->opts = t;
    c->be = prjsim_backend_by_name(t->backend);
    if (!c->be) {
        dprintf(fd, "verdict setup unknown backend %s (sim, win32)\n", t->backend);
        _exit(3);
    }
    c->seed = seed ^ (unsigned long)(k - prjconf_cases) * 0x9E3779B9ul;
    c->report_fd = fd;
    c->run_flags = k->caps & ~PRJCONF_CAP_MASK;
    struct job j = {c, k, false};
    pthread_t thread;
    if (pthread_create(&thread, NULL, run_job, &j) != 0) {
        dprintf(fd, "verdict setup cannot create a thread\n");
        _exit(3);
    }
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    double secs = t->timeout;
    deadline.tv_sec += (time_t)secs;
    deadline.tv_nsec += (long)((secs - (double)(time_t)secs) * 1e9);
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    int rc = pthread_timedjoin_np(thread, NULL, &deadline);
    if (rc == 0 || __atomic_load_n(&j.done, __ATOMIC_ACQUIRE))
        _exit(0);
    dprintf(fd, "timeout\n");
    prjsim_sim *sim = c->sim;
    if (sim) {
        INT32 ids[32];
        size_t n = prjsim_sim_commands_in_flight(sim, ids, 32);
        char line[512];
        size_t used = (size_t)snprintf(line, sizeof line, "%zu callback%s in flight", n,
                                       n == 1 ? "" : "s");
        for (size_t i = 0; i < n && i < 32 && used < sizeof line - 16; i++)
            used += (size_t)snprintf(line + used, sizeof line - used, "%s%d", i ? ", " : ": command ",
                                     (int)ids[i]);
        dprintf(fd, "inflight %s\n", line);
        trace_tail(c);
    }
    _exit(2);
}

/* ---- The parent ---- */

bool prjconf_child_start(prjconf_child *ch, const prjconf_case *c,
                         const prjconf_target_options *t, unsigned long seed)
{
    memset(ch, 0, sizeof *ch);
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return false;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return false;
    }
    if (pid == 0) {
        close(p[0]);
        child_main(c, t, seed, p[1]);
        _exit(3);
    }
    close(p[1]);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    ch->pid = pid;
    ch->fd = p[0];
    ch->c = c;
    ch->started = prjconf_now();
    ch->deadline = ch->started + t->timeout + GRACE_SECONDS;
    return true;
}

bool prjconf_child_read(prjconf_child *ch)
{
    for (;;) {
        if (ch->cap - ch->len < 4096) {
            size_t cap = ch->cap ? ch->cap * 2 : 8192;
            char *grown = realloc(ch->buf, cap);
            if (!grown)
                return false;
            ch->buf = grown;
            ch->cap = cap;
        }
        ssize_t n = read(ch->fd, ch->buf + ch->len, ch->cap - ch->len - 1);
        if (n > 0) {
            ch->len += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return true;
        return false;
    }
}

/* Appends a line to a malloc'd string. */
static void append(char **s, const char *prefix, const char *line, size_t len)
{
    size_t old = *s ? strlen(*s) : 0;
    size_t plen = strlen(prefix);
    char *grown = realloc(*s, old + plen + len + 2);
    if (!grown)
        return;
    memcpy(grown + old, prefix, plen);
    memcpy(grown + old + plen, line, len);
    grown[old + plen + len] = '\n';
    grown[old + plen + len + 1] = 0;
    *s = grown;
}

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

static const char *signal_name(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    case SIGPIPE: return "SIGPIPE";
    default: return "signal";
    }
}

void prjconf_child_finish(prjconf_child *ch, prjconf_result *r)
{
    int status = 0;
    while (waitpid(ch->pid, &status, 0) < 0 && errno == EINTR) {
    }
    close(ch->fd);
    r->seconds = prjconf_now() - ch->started;
    char *fail = NULL, *details = NULL, *diags = NULL, *stack = NULL, *trace = NULL;
    char *verdict = NULL, *last_step = NULL, *inflight = NULL, *first_diag = NULL, *warnings = NULL;
    char *notes = NULL;
    bool timeout = false, crashed = false, started = false;
    size_t diag_count = 0;
    const char *p = ch->buf ? ch->buf : "";
    const char *end = p + ch->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
#define IS(word) (n >= sizeof(word) - 1 && !memcmp(p, word, sizeof(word) - 1))
        if (crashed) {
            append(&stack, "  ", p, n);
        } else if (IS("step ")) {
            free(last_step);
            last_step = dup_n(p + 5, n - 5);
        } else if (IS("note ")) {
            append(&notes, "note: ", p + 5, n - 5);
        } else if (IS("fail ")) {
            if (!fail)
                fail = dup_n(p + 5, n - 5);
            else
                append(&details, "also: ", p + 5, n - 5);
        } else if (IS("diag ")) {
            const char *name = p + 5;
            size_t nlen = strcspn(name, " \n");
            if (diags)
                append(&diags, "", ",", 1);
            append(&diags, "", name, nlen);
            if (!first_diag)
                first_diag = dup_n(name, nlen);
            diag_count++;
            /* "NAME COUNT TEXT" becomes "diagnostic NAME (xCOUNT): TEXT". */
            const char *cnt = name + nlen + (name[nlen] == ' ');
            size_t clen = strcspn(cnt, " \n");
            const char *text = cnt + clen + (cnt[clen] == ' ');
            char line[1200];
            int ln = snprintf(line, sizeof line, "diagnostic %.*s (x%.*s): %.*s", (int)nlen, name,
                              (int)clen, cnt, (int)(p + n - text), text);
            if (ln > 0)
                append(&details, "", line, strlen(line));
        } else if (IS("warning ")) {
            /* "NAME COUNT TEXT" becomes "warning NAME (xCOUNT): TEXT", kept even on a pass. */
            const char *name = p + 8;
            size_t nlen = strcspn(name, " \n");
            const char *cnt = name + nlen + (name[nlen] == ' ');
            size_t clen = strcspn(cnt, " \n");
            const char *text = cnt + clen + (cnt[clen] == ' ');
            char line[1200];
            int ln = snprintf(line, sizeof line, "warning %.*s (x%.*s): %.*s", (int)nlen, name,
                              (int)clen, cnt, (int)(p + n - text), text);
            if (ln > 0)
                append(&warnings, "", line, strlen(line));
        } else if (IS("trace ")) {
            append(&trace, "  ", p + 6, n - 6);
        } else if (IS("inflight ")) {
            free(inflight);
            inflight = dup_n(p + 9, n - 9);
        } else if (IS("started")) {
            started = true;
        } else if (IS("timeout")) {
            timeout = true;
        } else if (IS("crash ")) {
            crashed = true;
        } else if (IS("verdict ")) {
            free(verdict);
            verdict = dup_n(p + 8, n - 8);
        }
#undef IS
        p += n + 1;
    }
    /* diags was built line by line with "," separators: flatten it. */
    if (diags) {
        char *w = diags;
        for (char *q = diags; *q; q++)
            if (*q != '\n')
                *w++ = *q;
        *w = 0;
    }
    char msg[1400];
    if (verdict && !strncmp(verdict, "pass", 4)) {
        r->outcome = PRJCONF_PASS;
        msg[0] = 0;
    } else if (verdict && !strncmp(verdict, "skip", 4)) {
        r->outcome = PRJCONF_SKIP;
        snprintf(msg, sizeof msg, "%s", verdict[4] ? verdict + 5 : "");
    } else if (verdict && !strncmp(verdict, "selfdriving ", 12)) {
        r->outcome = PRJCONF_ERROR;
        r->self_driving = true;
        snprintf(msg, sizeof msg, "%s", verdict + 12);
    } else if (verdict && !strncmp(verdict, "setup", 5)) {
        r->outcome = PRJCONF_ERROR;
        snprintf(msg, sizeof msg, "%s", fail ? fail : verdict);
    } else if (verdict) {
        r->outcome = PRJCONF_FAIL;
        if (fail && diag_count)
            snprintf(msg, sizeof msg, "%s [diagnostic %s]", fail, first_diag);
        else if (fail)
            snprintf(msg, sizeof msg, "%s", fail);
        else
            snprintf(msg, sizeof msg, "diagnostic %s recorded", first_diag ? first_diag : "?");
    } else if (timeout || ch->killed) {
        r->outcome = PRJCONF_ERROR;
        snprintf(msg, sizeof msg, "timeout: no verdict within %.0f s (a hang or deadlock)%s%s",
                 ch->killed && !timeout ? ch->deadline - ch->started : ch->deadline - ch->started - GRACE_SECONDS,
                 inflight ? "; " : ch->killed && !timeout ? "; the child did not answer and was killed" : "",
                 inflight ? inflight : "");
    } else if (WIFSIGNALED(status)) {
        r->outcome = PRJCONF_ERROR;
        snprintf(msg, sizeof msg, "crash: %s (%s)", signal_name(WTERMSIG(status)),
                 strsignal(WTERMSIG(status)));
    } else {
        r->outcome = PRJCONF_ERROR;
        snprintf(msg, sizeof msg, "the case's process exited with status %d without a verdict "
                 "(exit() in the provider?)", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    if (r->outcome == PRJCONF_ERROR && last_step)
        append(&details, "last step: ", last_step, strlen(last_step));
    if (warnings) {
        /* A pass shows its warnings as its details. */
        append(&details, "", warnings, strlen(warnings) - 1);
        free(warnings);
    }
    if (notes) {
        /* Notes too (a pass shows them under its line). */
        append(&details, "", notes, strlen(notes) - 1);
        free(notes);
        notes = NULL;
    }
    if (trace && r->outcome != PRJCONF_PASS) {
        append(&details, "", "recent trace:", 13);
        append(&details, "", trace, strlen(trace) - 1);
    }
    if (stack) {
        append(&details, "", "stack:", 6);
        append(&details, "", stack, strlen(stack) - 1);
    }
    r->not_started = !started && r->outcome == PRJCONF_ERROR;
    r->message = strdup(msg);
    r->details = details ? details : strdup("");
    r->diagnostics = diags ? diags : strdup("");
    free(fail);
    free(stack);
    free(trace);
    free(verdict);
    free(notes);
    free(last_step);
    free(inflight);
    free(first_diag);
    free(ch->buf);
    ch->buf = NULL;
}
