/* SPDX-License-Identifier: MIT */
/*
 * The random run inside prjconf's forked child (prjconf/child.c runs it like a case: a crash or
 * a hang is the parent's to report). One thread: each operation is checked against the model.
 * Several threads (--threads K, callbacks on the thread pool): the operations race, so only
 * what holds in every order is checked: no crash, no hang, no diagnostic, and a final state
 * that is a consistent ProjFS state (listings, on-disk states and data agree).
 */
#include "random_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

rnd_job rnd_current_job;

static void write_scn_header(rnd_run *r, const rnd_job *j)
{
    if (!r->scn)
        return;
    fputs(j->scn_header ? j->scn_header : "", r->scn);
    fprintf(r->scn, "root ");
    rnd_scn_word(r->scn, r->c->root);
    fputc('\n', r->scn);
    if (r->c->host)
        return; /* a provider program projects its own tree */
    const char *man = prjconf_reference_manifest();
    while (*man) {
        size_t n = strcspn(man, "\n");
        if (n && man[0] != '#')
            fprintf(r->scn, "item %.*s\n", (int)n, man);
        man += n + (man[n] == '\n');
    }
}

/* The crawl the run began with, so that the scenario starts from the same states. */
static long scn_body; /* where the scenario's operations begin */
static void write_scn_crawl(rnd_run *r)
{
    if (!r->scn)
        return;
    fflush(r->scn);
    scn_body = ftell(r->scn);
    fprintf(r->scn, "# the crawl\n");
    for (size_t k = 0; k < r->c->dir_count; k++) {
        fprintf(r->scn, "list ");
        rnd_scn_word(r->scn, r->c->dirs[k].path);
        fputc('\n', r->scn);
    }
    fprintf(r->scn, "mark\n");
}

/* The crawl's diagnostics are for the operations to find again, in a scenario's form. */
static void forget_crawl_diags(prjconf_ctx *c)
{
    size_t n = prjsim_trace_count_all_diags(c->sim);
    if (n) {
        prjconf_step(c, "random: the crawl recorded %zu diagnostics", n);
        prjsim_trace_clear(c->sim);
    }
}

bool rnd_fresh_start(rnd_run *r)
{
    prjconf_ctx *c = r->c;
    prjconf_target_stop(c);
    c->instance = NULL;
    if (c->host) {
        prjsim_host_destroy(c->host);
        c->host = NULL;
    }
    if (c->tree) {
        memtree_destroy(c->tree);
        c->tree = NULL;
    }
    prjsim_sim *old = c->sim;
    c->sim = NULL;
    prjsim_sim_destroy(old);
    for (size_t k = 0; k < c->dir_count; k++)
        prjsim_client_free_entries(c->dirs[k].entries);
    free(c->dirs);
    free(c->items);
    c->dirs = NULL;
    c->items = NULL;
    c->dir_count = c->item_count = 0;
    c->crawled = false;
    if (!prjconf_target_start(c) || !prjconf_crawl(c)) {
        snprintf(r->message, sizeof r->message, "op %llu (fresh): %.700s", (unsigned long long)r->index,
                 c->message);
        r->failed = true;
        return false;
    }
    forget_crawl_diags(c);
    model_free(&r->m);
    model_init(&r->m);
    rnd_model_from_crawl(r);
    if (r->scn) {
        /* What came before no longer matters: the scenario starts over after its setup. */
        fflush(r->scn);
        if (ftruncate(fileno(r->scn), scn_body) == 0)
            fseek(r->scn, scn_body, SEEK_SET);
        fprintf(r->scn, "# a fresh start\n");
    }
    return true;
}

static void run_single(prjconf_ctx *c, const rnd_job *j)
{
    rnd_run r;
    memset(&r, 0, sizeof r);
    r.c = c;
    model_init(&r.m);
    rnd_model_from_crawl(&r);
    FILE *log = j->log_path ? fopen(j->log_path, "w") : NULL;
    if (j->log_path && !log) {
        prjconf_fail(c, "cannot write the operation log %s", j->log_path);
        return;
    }
    if (j->scn_path) {
        r.scn = fopen(j->scn_path, "w");
        if (!r.scn) {
            prjconf_fail(c, "cannot write the scenario %s", j->scn_path);
            if (log)
                fclose(log);
            return;
        }
    }
    write_scn_header(&r, j);
    write_scn_crawl(&r);
    if (log)
        fprintf(log, "# prjconf --random operation log: KIND PATH PATH2 PATTERN ACCESS DISP FLAGS "
                     "ATTRS OFFSET LENGTH FILL BUFFER REPLACE DIR\n# seed %lu\n", j->seed);
    /* Short runs flush every line, so a crash leaves a complete log. */
    bool flush_each = j->replay || (j->ops_budget && j->ops_budget <= 200000);
    rnd_rng g = {j->seed};
    double t0 = prjconf_now();
    uint64_t n = 0;
    rnd_op op;
    for (;; n++) {
        if (j->replay) {
            if (n >= j->op_count)
                break;
            op = j->ops[n];
        } else {
            if (j->ops_budget && n >= j->ops_budget)
                break;
            if (j->seconds_budget > 0 && (n & 255) == 0 && prjconf_now() - t0 >= j->seconds_budget)
                break;
            /* Fresh starts need the in-process reference provider: a provider program
             * reloaded on a new simulation in the same process fails to start after a few
             * loads (see the note of issue 17). */
            if (j->epoch && n && n % j->epoch == 0 && !c->host) {
                memset(&op, 0, sizeof op);
                op.kind = RND_FRESH;
            } else {
                rnd_generate(&r, &g, &op);
            }
        }
        if (log) {
            rnd_log_op(log, &op);
            if (flush_each)
                fflush(log);
        }
        r.index = n;
        if (j->shared)
            j->shared->started = n + 1;
        bool ok = rnd_execute(&r, &op);
        if (r.scn)
            fflush(r.scn); /* what a crash leaves is the scenario up to it */
        if (j->shared) {
            j->shared->kind_total[op.kind]++;
            if (r.last_status == STATUS_SUCCESS)
                j->shared->kind_ok[op.kind]++;
        }
        if (!ok)
            break;
        if ((n & 4095) == 4095) {
            prjsim_trace_clear(c->sim); /* bounded memory; diagnostics were checked per op */
            if (log)
                fflush(log);
        }
        if ((n & 1023) == 1023 && !rnd_check_all(&r))
            break;
        if (j->shared) {
            j->shared->done = n + 1;
            if ((n & 1023) == 1023)
                j->shared->seconds = prjconf_now() - t0;
        }
    }
    if (!r.failed)
        rnd_check_all(&r);
    if (j->shared) {
        j->shared->done = r.failed ? n : n;
        j->shared->seconds = prjconf_now() - t0;
    }
    if (r.failed)
        prjconf_fail(c, "%s", r.message);
    if (log)
        fclose(log);
    if (r.scn)
        fclose(r.scn);
    model_free(&r.m);
}

/* ---- Threads ---- */

struct worker {
    prjconf_ctx *c;
    rnd_run *shared_model; /* read only: the crawl's names */
    unsigned long seed;
    uint64_t ops;
    double seconds;
    uint64_t done;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    rnd_rng g = {w->seed};
    double t0 = prjconf_now();
    rnd_op op;
    for (uint64_t n = 0;; n++) {
        if (w->ops && n >= w->ops)
            break;
        if (w->seconds > 0 && (n & 63) == 0 && prjconf_now() - t0 >= w->seconds)
            break;
        rnd_generate(w->shared_model, &g, &op);
        if (op.kind == RND_RESTART)
            continue;
        rnd_execute_unchecked(w->c, &op);
        w->done = n + 1;
    }
    return NULL;
}

/* After the race: every listed item is consistent with its on-disk state and its data. */
static void check_final(prjconf_ctx *c, const WCHAR *dir, unsigned depth)
{
    prjsim_dir_entry *e = NULL;
    size_t n = 0;
    NTSTATUS s = prjconf_list(c, dir, NULL, 0, &e, &n).code; /* sim backend only */
    if (s != STATUS_SUCCESS) {
        char b[96];
        prjconf_fail(c, "final listing of %ls: %s", dir, prjconf_status(b, sizeof b, prjsim_backend_status(s)));
        return;
    }
    for (size_t k = 1; k < n; k++)
        if (model_compare(e[k - 1].name, e[k].name) >= 0)
            prjconf_fail(c, "final listing of %ls: %ls before %ls", dir, e[k - 1].name, e[k].name);
    for (size_t k = 0; k < n && !c->failed; k++) {
        WCHAR full[MAX_PATH];
        swprintf(full, MAX_PATH, L"%ls\\%ls", dir, e[k].name);
        PRJ_FILE_STATE st = 0;
        HRESULT hr = PrjGetOnDiskFileState(full, &st);
        bool sane = (hr == S_OK && (st == 0x1 || st == 0x3 || st == 0x5 || st == 0x7 || st == 0x8)) ||
                    hr == HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
        if (!sane) {
            prjconf_fail(c, "final state of listed %ls: 0x%08x state 0x%x", full, (unsigned)hr, (unsigned)st);
            break;
        }
        if (e[k].basic.IsDirectory) {
            if (depth < 8)
                check_final(c, full, depth + 1);
            continue;
        }
        void *data = NULL;
        size_t size = 0;
        s = prjsim_client_read_file(c->sim, full, &data, &size);
        free(data);
        if (s != STATUS_SUCCESS || size != (size_t)e[k].basic.FileSize) {
            char b[96];
            prjconf_fail(c, "final data of %ls: %s, %zu bytes, listed with %lld", full,
                         prjconf_status(b, sizeof b, prjsim_backend_status(s)), size, (long long)e[k].basic.FileSize);
        }
    }
    prjsim_client_free_entries(e);
}

static void run_threads(prjconf_ctx *c, const rnd_job *j)
{
    rnd_run r;
    memset(&r, 0, sizeof r);
    r.c = c;
    model_init(&r.m);
    rnd_model_from_crawl(&r);
    unsigned k = j->threads;
    struct worker *w = calloc(k, sizeof *w);
    pthread_t *t = calloc(k, sizeof *t);
    if (!w || !t)
        abort();
    double t0 = prjconf_now();
    for (unsigned i = 0; i < k; i++) {
        w[i].c = c;
        w[i].shared_model = &r;
        w[i].seed = j->seed + i * 7919ul;
        w[i].ops = j->ops_budget ? (j->ops_budget + k - 1) / k : 0;
        w[i].seconds = j->seconds_budget;
        if (pthread_create(&t[i], NULL, work, &w[i]) != 0) {
            prjconf_fail(c, "cannot create thread %u", i);
            k = i;
            break;
        }
    }
    uint64_t total = 0;
    for (unsigned i = 0; i < k; i++) {
        pthread_join(t[i], NULL);
        total += w[i].done;
    }
    if (j->shared) {
        j->shared->started = j->shared->done = total;
        j->shared->seconds = prjconf_now() - t0;
    }
    if (!c->failed && !prjsim_trace_count_all_diags(c->sim))
        check_final(c, c->root, 0);
    free(w);
    free(t);
    model_free(&r.m);
}

void rnd_case(prjconf_ctx *c)
{
    const rnd_job *j = &rnd_current_job;
    /* Sessions, the buffer model and the trace are the simulator's; no trace is needed beyond
     * the tail that explains a failure. */
    if (!prjconf_crawl(c))
        return;
    /* What the crawl's listings broke is for the operations to find again (in a form the
     * scenario reproduces); it is noted in the report's steps. */
    forget_crawl_diags(c);
    if (j->threads > 1)
        run_threads(c, j);
    else
        run_single(c, j);
}
