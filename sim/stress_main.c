/* SPDX-License-Identifier: MIT */
/*
 * The threaded stress check (section 6.8): 8 client threads run seeded sequences of mixed
 * operations on a shared tree served by the reference provider, on the thread pool and inline.
 * Each thread works in its own directory and they all read a shared one, so the outcome must
 * equal running the same sequences one after another: every operation's status and the final
 * listing and content of every directory are compared. A plain executable rather than a
 * Criterion test so that it also runs under ThreadSanitizer. Prints "N passed, N failed".
 *
 * `prjsim-stress --provider SEED...` runs the provider-side mode instead (stress_provider.c).
 */
#include "stress.h"

#include <memtree.h>
#include <prjsim.h>
#include <ntstatus.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 8
#define OPS 300
#define FILES 24

typedef struct run {
    prjsim_sim *sim;
    char log[THREADS][OPS * 12];
} run;

typedef struct worker_arg {
    run *r;
    int thread;
} worker_arg;

static uint32_t next_random(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*state >> 33);
}

static void log_status(run *r, int t, char op, NTSTATUS st)
{
    size_t at = strlen(r->log[t]);
    snprintf(r->log[t] + at, sizeof r->log[t] - at, "%c%08x ", op, (unsigned)st);
}

static void *worker(void *arg)
{
    worker_arg *w = arg;
    run *r = w->r;
    int t = w->thread;
    uint64_t rng = 0x9e3779b97f4a7c15ULL * (uint64_t)(t + 1);
    WCHAR path[128], other[128];
    for (int i = 0; i < OPS; i++) {
        uint32_t op = next_random(&rng) % 8, f = next_random(&rng) % FILES, g = next_random(&rng) % FILES;
        swprintf(path, 128, L"C:\\root\\t%d\\f%02u.txt", t, f);
        swprintf(other, 128, L"C:\\root\\t%d\\f%02u.txt", t, g);
        NTSTATUS st;
        void *data = NULL;
        size_t size = 0;
        prjsim_dir_entry *e = NULL;
        size_t n = 0;
        char buf[32];
        switch (op) {
        case 0:
            st = prjsim_client_read_file(r->sim, path, &data, &size);
            free(data);
            break;
        case 1:
            swprintf(other, 128, L"C:\\root\\shared\\s%u.bin", g % 4);
            st = prjsim_client_read_file(r->sim, other, &data, &size);
            free(data);
            break;
        case 2:
            snprintf(buf, sizeof buf, "t%d op%d", t, i);
            st = prjsim_client_write_file(r->sim, path, buf, strlen(buf));
            break;
        case 3: {
            prjsim_handle *h;
            st = prjsim_client_open(&h, r->sim, path, GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING, 0, 0);
            if (st == STATUS_SUCCESS) {
                UINT32 wrote;
                st = prjsim_client_write(h, 1, "XY", 2, &wrote);
                prjsim_client_close(h);
            }
            break;
        }
        case 4:
            st = prjsim_client_move(r->sim, path, other, false);
            break;
        case 5:
            st = prjsim_client_delete(r->sim, path, false);
            break;
        case 6:
            swprintf(other, 128, L"C:\\root\\t%d", t);
            st = prjsim_client_list(r->sim, other, NULL, 512, &e, &n);
            free(e);
            break;
        default:
            st = prjsim_client_set_times(r->sim, path, 0, 0, 0, 0, FILE_ATTRIBUTE_HIDDEN);
            break;
        }
        log_status(r, t, (char)('a' + op), st);
    }
    return NULL;
}

/* The final listing and content of every directory, as text. */
static char *digest(prjsim_sim *sim)
{
    size_t cap = 1 << 20, at = 0;
    char *out = calloc(1, cap);
    for (int t = -1; t < THREADS; t++) {
        WCHAR dir[64];
        if (t < 0)
            swprintf(dir, 64, L"C:\\root\\shared");
        else
            swprintf(dir, 64, L"C:\\root\\t%d", t);
        prjsim_dir_entry *e;
        size_t n;
        if (prjsim_client_list(sim, dir, NULL, 0, &e, &n) != STATUS_SUCCESS)
            continue;
        for (size_t i = 0; i < n; i++) {
            unsigned sum = 0;
            if (!e[i].basic.IsDirectory && e[i].name[0] != L'.') {
                WCHAR p[128];
                swprintf(p, 128, L"%ls\\%ls", dir, e[i].name);
                void *data;
                size_t size;
                if (prjsim_client_read_file(sim, p, &data, &size) == STATUS_SUCCESS) {
                    for (size_t k = 0; k < size; k++)
                        sum = sum * 31 + ((unsigned char *)data)[k];
                    free(data);
                }
            }
            at += (size_t)snprintf(out + at, cap - at, "%ls/%ls %lld %x %x\n", dir, e[i].name,
                                   (long long)e[i].basic.FileSize, (unsigned)e[i].basic.FileAttributes, sum);
        }
        free(e);
    }
    return out;
}

static run *execute(bool threaded, bool pool, char **final)
{
    run *r = calloc(1, sizeof *r);
    prjsim_sim_options o = PRJSIM_SIM_OPTIONS_INIT;
    o.thread_pool = pool;
    o.trace = false;
    prjsim_sim_create(&r->sim, &o);
    prjsim_sim_set_current(r->sim);
    memtree *tree;
    memtree_create(&tree);
    for (int t = 0; t < THREADS; t++)
        for (int f = 0; f < FILES; f += 2) {
            WCHAR p[64];
            swprintf(p, 64, L"t%d\\f%02d.txt", t, f);
            memtree_add_generated_file(tree, p, 100 + (UINT64)f * 37, (UINT64)(t * 100 + f));
        }
    for (int s = 0; s < 4; s++) {
        WCHAR p[64];
        swprintf(p, 64, L"shared\\s%d.bin", s);
        memtree_add_generated_file(tree, p, 300000, (UINT64)s);
    }
    prjsim_volume_create_directory(r->sim, L"C:\\root");
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;
    PRJ_STARTVIRTUALIZING_OPTIONS so;
    memset(&so, 0, sizeof so);
    so.PoolThreadCount = 6;
    so.ConcurrentThreadCount = 3;
    memtree_start(tree, L"C:\\root", &so, &ctx);
    worker_arg args[THREADS];
    pthread_t th[THREADS];
    for (int t = 0; t < THREADS; t++) {
        args[t].r = r;
        args[t].thread = t;
        if (threaded)
            pthread_create(&th[t], NULL, worker, &args[t]);
        else
            worker(&args[t]);
    }
    if (threaded)
        for (int t = 0; t < THREADS; t++)
            pthread_join(th[t], NULL);
    *final = digest(r->sim);
    if (prjsim_trace_count_all_diags(r->sim))
        fprintf(stderr, "stress: %zu diagnostics recorded\n", prjsim_trace_count_all_diags(r->sim));
    PrjStopVirtualizing(ctx);
    memtree_destroy(tree);
    return r;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--provider") == 0)
        return stress_provider_main(argc - 2, argv + 2);
    int passed = 0, failed = 0;
    char *base_digest;
    run *base = execute(false, false, &base_digest);
    size_t ok = 0, total = 0;
    for (int t = 0; t < THREADS; t++)
        for (const char *p = base->log[t]; (p = strchr(p, ' ')) != NULL; p++, total++)
            ok += strncmp(p - 8, "00000000", 8) == 0;
    printf("%zu operations per run, %zu of them succeed in the sequential run\n", total, ok);
    const struct {
        const char *name;
        bool threaded, pool;
    } modes[] = {{"8 threads, callbacks inline", true, false}, {"8 threads, thread pool", true, true},
                 {"sequential, thread pool", false, true}};
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        char *d;
        run *r = execute(modes[m].threaded, modes[m].pool, &d);
        bool same = strcmp(d, base_digest) == 0;
        for (int t = 0; t < THREADS; t++)
            if (strcmp(r->log[t], base->log[t]) != 0) {
                same = false;
                fprintf(stderr, "%s: thread %d statuses differ\n  got  %.200s\n  want %.200s\n", modes[m].name, t,
                        r->log[t], base->log[t]);
            }
        if (strcmp(d, base_digest) != 0)
            fprintf(stderr, "%s: final tree differs\n--- got\n%s--- want\n%s", modes[m].name, d, base_digest);
        printf("%s: %s\n", same ? "PASS" : "FAIL", modes[m].name);
        same ? passed++ : failed++;
        prjsim_sim_destroy(r->sim);
        free(r);
        free(d);
    }
    prjsim_sim_destroy(base->sim);
    free(base);
    free(base_digest);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
