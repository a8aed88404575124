/* SPDX-License-Identifier: MIT */
/*
 * The parent of `prjconf --random`: prints the seed, runs the operations in a forked child
 * (prjconf/child.c), and on a finding shrinks the failing sequence by delta debugging (each
 * candidate replayed in a fresh child) and replays the minimal one once more to write it as a
 * scenario (conformance/README.md) that `prjsim run` fails on. The finding, the scenario and the
 * rate are named in the human report, JUnit and JSON.
 */
#include "random_internal.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const prjconf_case random_case = {"random", 0, "random operations checked against the model",
                                         rnd_case};
static const prjconf_case random_case_pool = {"random", PRJCONF_RUN_THREAD_POOL,
                                              "random operations on the thread pool", rnd_case};

/* A provider program without --drives gets a fresh drives folder per child, as prjconf's cases
 * do; they live under this folder, removed at the end. */
static char drives_base[4096];
static unsigned drives_count;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

/* Runs rnd_current_job in a child and waits for it (killed past its deadline). */
static bool run_child(const prjconf_target_options *given, bool pool, prjconf_result *r)
{
    memset(r, 0, sizeof r[0]);
    prjconf_target_options t = *given;
    char drives[4200];
    if (t.provider && !t.drives && drives_base[0]) {
        snprintf(drives, sizeof drives, "%s/%u", drives_base, drives_count++);
        t.drives = drives;
    }
    prjconf_child ch;
    memset(&ch, 0, sizeof ch);
    if (!prjconf_child_start(&ch, pool ? &random_case_pool : &random_case, &t, rnd_current_job.seed))
        return false;
    for (;;) {
        struct pollfd p = {ch.fd, POLLIN, 0};
        poll(&p, 1, 100);
        if (!prjconf_child_read(&ch))
            break;
        if (!ch.killed && prjconf_now() > ch.deadline) {
            kill(ch.pid, SIGKILL);
            ch.killed = true;
        }
    }
    prjconf_child_finish(&ch, r);
    r->name = "random";
    return true;
}

/* What kind of finding a result is, so that shrinking keeps the same one. */
static void signature(const prjconf_result *r, char *out, size_t size)
{
    const char *m = r->message ? r->message : "";
    if (r->outcome == PRJCONF_PASS) {
        snprintf(out, size, "pass");
    } else if (r->outcome == PRJCONF_ERROR) {
        snprintf(out, size, "%.*s", (int)strcspn(m, ":"), m); /* "crash", "timeout", ... */
    } else if (strstr(m, "diagnostic ")) {
        const char *d = strstr(m, "diagnostic ") + 11;
        snprintf(out, size, "diag:%.*s", (int)strcspn(d, ": ]"), d);
    } else {
        /* "op N (KIND PATH): WHAT: ..." */
        const char *k = strchr(m, '(');
        const char *w = strstr(m, "): ");
        snprintf(out, size, "model:%.*s:%.*s", k ? (int)strcspn(k + 1, " )") : 0, k ? k + 1 : "",
                 w ? (int)strcspn(w + 3, ":") : 0, w ? w + 3 : "");
    }
}

static long failing_index(const prjconf_result *r, const rnd_shared *sh)
{
    unsigned long long i;
    if (r->message && sscanf(r->message, "op %llu", &i) == 1)
        return (long)i;
    return sh->started ? (long)sh->started - 1 : -1;
}

typedef struct shrinker {
    const prjconf_target_options *t;
    const char *want;
    unsigned tests, budget;
    rnd_shared *sh;
} shrinker;

/* Does this sequence still fail the same way? */
static bool still_fails(shrinker *s, const rnd_op *ops, size_t n)
{
    if (s->tests >= s->budget)
        return false;
    s->tests++;
    rnd_current_job.replay = true;
    rnd_current_job.ops = ops;
    rnd_current_job.op_count = n;
    rnd_current_job.log_path = NULL;
    rnd_current_job.scn_path = NULL;
    prjconf_result r;
    if (!run_child(s->t, false, &r))
        return false;
    char sig[256];
    signature(&r, sig, sizeof sig);
    prjconf_result_free(&r);
    return !strcmp(sig, s->want);
}

/* ddmin over complements: remove chunks while the failure stays. */
static size_t ddmin(shrinker *s, rnd_op *ops, size_t n)
{
    rnd_op *tmp = malloc((n ? n : 1) * sizeof *tmp);
    if (!tmp)
        return n;
    size_t k = 2;
    while (n >= 2 && s->tests < s->budget) {
        size_t chunk = (n + k - 1) / k;
        bool reduced = false;
        for (size_t start = 0; start < n && s->tests < s->budget; start += chunk) {
            size_t end = start + chunk < n ? start + chunk : n;
            size_t m = 0;
            for (size_t i = 0; i < n; i++)
                if (i < start || i >= end)
                    tmp[m++] = ops[i];
            if (m && still_fails(s, tmp, m)) {
                memcpy(ops, tmp, m * sizeof *ops);
                n = m;
                k = k > 2 ? k - 1 : 2;
                reduced = true;
                break;
            }
        }
        if (!reduced) {
            if (k >= n)
                break;
            k = k * 2 < n ? k * 2 : n;
        }
    }
    free(tmp);
    return n;
}

static void report(const prjconf_random_options *o, FILE *out, prjconf_result *r)
{
    prjconf_human_case(out, 1, r);
    if (o->json)
        prjconf_json_case(o->json, r);
    if (o->junit_path) {
        FILE *f = fopen(o->junit_path, "w");
        if (f) {
            /* The run began r->seconds ago. */
            prjconf_junit_write(f, "prjconf-random", r, 1, time(NULL) - (time_t)r->seconds);
            fclose(f);
        } else {
            fprintf(stderr, "prjconf: cannot write %s\n", o->junit_path);
        }
    }
}

int prjconf_random_main(const prjconf_random_options *o, FILE *out)
{
    rnd_op *replay_ops = NULL;
    size_t replay_count = 0;
    unsigned long seed = o->seed;
    if (o->replay) {
        char err[600];
        if (!rnd_load_log(o->replay, &replay_ops, &replay_count, &seed, err, sizeof err)) {
            fprintf(stderr, "prjconf: %s\n", err);
            return 2;
        }
    }
    rnd_shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED) {
        fprintf(stderr, "prjconf: mmap: %s\n", strerror(errno));
        return 2;
    }
    char log_path[4096], scn_path[4096], min_path[4200];
    snprintf(log_path, sizeof log_path, "%s", o->log_path ? o->log_path : "");
    if (!o->log_path)
        snprintf(log_path, sizeof log_path, "prjconf-random-%lu.log", seed);
    snprintf(scn_path, sizeof scn_path, "%s", o->scn_path ? o->scn_path : "");
    if (!o->scn_path)
        snprintf(scn_path, sizeof scn_path, "prjconf-random-%lu.scn", seed);
    if (o->replay && !o->log_path)
        snprintf(log_path, sizeof log_path, "%s.replayed", o->replay);

    uint64_t ops = o->ops ? o->ops : (o->seconds > 0 ? 0 : 10000);
    unsigned threads = o->threads ? o->threads : 1;
    if (o->replay)
        fprintf(out, "prjconf --random: replaying %zu operations from %s (seed %lu)\n", replay_count,
                o->replay, seed);
    else if (ops)
        fprintf(out, "prjconf --random: seed %lu, %llu operations, %u thread%s, a fresh start every %llu\n",
                seed, (unsigned long long)ops, threads, threads == 1 ? "" : "s", (unsigned long long)o->epoch);
    else
        fprintf(out, "prjconf --random: seed %lu, %g s, %u thread%s, a fresh start every %llu\n", seed,
                o->seconds, threads, threads == 1 ? "" : "s", (unsigned long long)o->epoch);
    fprintf(out, "operation log: %s\n", threads == 1 ? log_path : "(none with --threads)");
    fflush(out);

    prjconf_target_options t = o->target;
    if (t.provider && !t.drives) {
        const char *base = getenv("TMPDIR");
        snprintf(drives_base, sizeof drives_base, "%s/prjconf-random-XXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(drives_base)) {
            fprintf(stderr, "prjconf: cannot create a temporary folder in %s\n", drives_base);
            munmap(sh, sizeof *sh);
            free(replay_ops);
            return 2;
        }
    }
    if (o->seconds > 0 && t.timeout < o->seconds + 30)
        t.timeout = o->seconds + 30;
    memset(&rnd_current_job, 0, sizeof rnd_current_job);
    rnd_current_job.seed = seed;
    rnd_current_job.replay = o->replay != NULL;
    rnd_current_job.ops = replay_ops;
    rnd_current_job.op_count = replay_count;
    rnd_current_job.ops_budget = ops;
    rnd_current_job.seconds_budget = o->seconds;
    rnd_current_job.epoch = o->epoch;
    rnd_current_job.threads = threads;
    rnd_current_job.log_path = threads == 1 ? log_path : NULL;
    rnd_current_job.shared = sh;

    /*
     * Generating runs record no trace (speed) except with a provider program, whose vetoes
     * the checker reads from the notifications' results in the trace; replays always do, to
     * explain what they show.
     */
    t.no_trace = !o->replay && !t.provider;
    /* The reference provider vetoes some deletes and renames, as providers may. */
    t.reference_vetoes = true;
    prjconf_result r;
    if (!run_child(&t, threads > 1, &r)) {
        fprintf(stderr, "prjconf: cannot start the child process\n");
        munmap(sh, sizeof *sh);
        free(replay_ops);
        return 2;
    }
    r.seed = seed;
    double rate = sh->seconds > 0 ? (double)sh->done / sh->seconds : 0;
    fprintf(out, "%llu operations checked in %.2f s: %.0f ops/s\n", (unsigned long long)sh->done,
            sh->seconds, rate);
    if (sh->done) {
        fprintf(out, "mix (succeeded/run):");
        for (unsigned k = 0; k < RND_KIND_COUNT; k++)
            if (sh->kind_total[k])
                fprintf(out, " %s %llu/%llu", rnd_kind_name((rnd_kind)k),
                        (unsigned long long)sh->kind_ok[k], (unsigned long long)sh->kind_total[k]);
        fputc('\n', out);
        if (sh->vetoed)
            fprintf(out, "vetoed by the provider (and taken as legal): %llu\n", (unsigned long long)sh->vetoed);
        if (sh->pended)
            fprintf(out, "callbacks the reference provider pended: %llu\n", (unsigned long long)sh->pended);
    }
    char repro[8192];
    snprintf(repro, sizeof repro, "%s --random --replay %s%s", o->repro_prefix ? o->repro_prefix : "prjconf",
             o->replay ? o->replay : log_path, o->repro_suffix ? o->repro_suffix : "");
    r.repro = strdup(repro);

    if (prjconf_outcome_fails(r.outcome) && threads == 1) {
        /* Shrink: the prefix up to the failing operation, then ddmin. */
        rnd_op *seq = NULL;
        size_t n = 0;
        char err[600];
        if (!rnd_load_log(log_path, &seq, &n, NULL, err, sizeof err)) {
            fprintf(out, "cannot shrink: %s\n", err);
        } else {
            long at = failing_index(&r, sh);
            if (at >= 0 && (size_t)at < n)
                n = (size_t)at + 1;
            char want[256];
            signature(&r, want, sizeof want);
            shrinker s = {&t, want, 0, o->shrink_budget ? o->shrink_budget : 400, sh};
            prjconf_target_options quick = t;
            quick.no_trace = false;
            if (quick.timeout > 20)
                quick.timeout = 20;
            s.t = &quick;
            size_t before = n;
            if (still_fails(&s, seq, n))
                n = ddmin(&s, seq, n);
            else
                fprintf(out, "the failure did not reproduce on replay (%s); scenario not shrunk\n", want);
            snprintf(min_path, sizeof min_path, "%s.min.log", log_path);
            FILE *f = fopen(min_path, "w");
            if (f) {
                fprintf(f, "# prjconf --random: %zu operations shrunk from %zu (%s)\n# seed %lu\n", n,
                        before, want, seed);
                for (size_t i = 0; i < n; i++)
                    rnd_log_op(f, &seq[i]);
                fclose(f);
            }
            /* The minimal sequence once more, written as a scenario. */
            char header[1024];
            snprintf(header, sizeof header,
                     "# Found by prjconf --random (seed %lu), shrunk from %zu to %zu operations by\n"
                     "# delta debugging; finding: %s\n# Run: prjsim run%s%s FILE%s\n",
                     seed, before, n, r.message ? r.message : "",
                     o->target.provider ? " --provider " : "",
                     o->target.provider ? o->target.provider : "", o->repro_suffix ? o->repro_suffix : "");
            for (char *p = header; *p; p++)
                if (*p == '\r')
                    *p = ' ';
            rnd_current_job.replay = true;
            rnd_current_job.ops = seq;
            rnd_current_job.op_count = n;
            rnd_current_job.log_path = NULL;
            rnd_current_job.scn_path = scn_path;
            rnd_current_job.scn_header = header;
            prjconf_result last;
            if (run_child(&quick, false, &last))
                prjconf_result_free(&last);
            fprintf(out, "shrunk to %zu of %zu operations in %u replays: %s (log %s)\n", n, before,
                    s.tests, scn_path, min_path);
            char *m = NULL;
            if (asprintf(&m, "%s; shrunk to %zu operations: %s", r.message, n, scn_path) >= 0) {
                free(r.message);
                r.message = m;
            }
            free(r.repro);
            snprintf(repro, sizeof repro, "%s --random --replay %s%s",
                     o->repro_prefix ? o->repro_prefix : "prjconf", min_path,
                     o->repro_suffix ? o->repro_suffix : "");
            r.repro = strdup(repro);
        }
        free(seq);
    }
    report(o, out, &r);
    if (prjconf_outcome_fails(r.outcome))
        fprintf(out, "seed %lu: finding; replay: %s\n", seed, r.repro);
    else
        fprintf(out, "seed %lu: no finding\n", seed);
    int status = prjconf_outcome_fails(r.outcome) ? 1 : 0;
    if (r.outcome == PRJCONF_ERROR && r.message && !strncmp(r.message, "setup:", 6))
        status = 2;
    prjconf_result_free(&r);
    munmap(sh, sizeof *sh);
    free(replay_ops);
    if (drives_base[0])
        nftw(drives_base, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    drives_base[0] = 0;
    return status;
}
