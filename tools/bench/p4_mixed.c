/* SPDX-License-Identifier: MIT */
/*
 * p4: a single-threaded mix of client operations over a tree of 100 directories of 100 files,
 * in deterministic mode. The mix, by iteration: 30% open+close, 25% open+read+close, 15%
 * open-always+write+close, 10% directory listing (open, queries to the end, close), 10% rename,
 * 10% delete. Every prjsim_client_* call counts as one operation, as each is one system call on
 * Windows.
 */
#include "bench.h"
#include "memtree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define DIRS 100
#define FILES 100
#define SLOTS (DIRS * FILES)

typedef struct mixer {
    prjsim_sim *sim;
    unsigned char renamed[SLOTS]; /* which of the two names slot i has now */
    uint64_t rng;
    uint64_t ops;
    uint64_t unexpected;
} mixer;

static uint32_t next_random(mixer *m)
{
    /* xorshift64*: fixed seed, so every run does the same operations. */
    m->rng ^= m->rng >> 12;
    m->rng ^= m->rng << 25;
    m->rng ^= m->rng >> 27;
    return (uint32_t)((m->rng * 2685821657736338717ull) >> 32);
}

static void slot_path(const mixer *m, size_t slot, bool other_name, WCHAR *out)
{
    bool g = m->renamed[slot] ^ other_name;
    swprintf(out, 64, BENCH_ROOT L"\\d%02zu\\%lc%03zu", slot / FILES, g ? L'g' : L'f',
             slot % FILES);
}

/* Counts one call; a status other than success or "not found" (of a deleted slot) is noted. */
static NTSTATUS count(mixer *m, NTSTATUS st)
{
    m->ops++;
    if (st != STATUS_SUCCESS && st != STATUS_OBJECT_NAME_NOT_FOUND && st != STATUS_NO_MORE_FILES)
        m->unexpected++;
    return st;
}

static void one_iteration(mixer *m)
{
    uint32_t pick = next_random(m) % 100;
    size_t slot = next_random(m) % SLOTS;
    WCHAR path[64], to[64];
    prjsim_handle *h = NULL;
    slot_path(m, slot, false, path);
    char buf[512];
    UINT32 n = 0;
    if (pick < 30) {
        if (count(m, prjsim_client_open(&h, m->sim, path, GENERIC_READ, OPEN_EXISTING, 0, 0)) ==
            STATUS_SUCCESS)
            count(m, prjsim_client_close(h));
    } else if (pick < 55) {
        if (count(m, prjsim_client_open(&h, m->sim, path, GENERIC_READ, OPEN_EXISTING, 0, 0)) ==
            STATUS_SUCCESS) {
            NTSTATUS st = prjsim_client_read(h, 0, buf, sizeof buf, &n);
            count(m, st == STATUS_END_OF_FILE ? STATUS_SUCCESS : st);
            count(m, prjsim_client_close(h));
        }
    } else if (pick < 70) {
        memset(buf, 'w', 64);
        if (count(m, prjsim_client_open(&h, m->sim, path, GENERIC_READ | GENERIC_WRITE,
                                        OPEN_ALWAYS, 0, 0)) == STATUS_SUCCESS) {
            count(m, prjsim_client_write(h, 0, buf, 64, &n));
            count(m, prjsim_client_close(h));
        }
    } else if (pick < 80) {
        swprintf(path, 64, BENCH_ROOT L"\\d%02zu", slot / FILES);
        if (count(m, prjsim_client_open(&h, m->sim, path, GENERIC_READ, OPEN_EXISTING,
                                        PRJSIM_OPEN_DIRECTORY, 0)) == STATUS_SUCCESS) {
            for (;;) {
                prjsim_dir_entry *e = NULL;
                size_t got = 0;
                NTSTATUS st = count(m, prjsim_client_query_directory(h, NULL, 0, 0, &e, &got));
                prjsim_client_free_entries(e);
                if (st != STATUS_SUCCESS)
                    break;
            }
            count(m, prjsim_client_close(h));
        }
    } else if (pick < 90) {
        if (count(m, prjsim_client_open(&h, m->sim, path, DELETE, OPEN_EXISTING, 0, 0)) ==
            STATUS_SUCCESS) {
            slot_path(m, slot, true, to);
            if (count(m, prjsim_client_rename(h, to, false)) == STATUS_SUCCESS)
                m->renamed[slot] ^= 1;
            count(m, prjsim_client_close(h));
        }
    } else {
        if (count(m, prjsim_client_open(&h, m->sim, path, DELETE, OPEN_EXISTING, 0, 0)) ==
            STATUS_SUCCESS) {
            count(m, prjsim_client_set_disposition(h, true));
            count(m, prjsim_client_close(h));
        }
    }
}

void bench_p4_mixed(const bench_config *cfg, bench_results *r)
{
    size_t iterations = cfg->quick ? 20000 : 300000;
    printf("p4: %zu iterations of mixed client operations over %d files in %d directories\n",
           iterations, SLOTS, DIRS);
    memtree *tree = NULL;
    prjsim_sim *previous = NULL;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = NULL;
    mixer *m = calloc(1, sizeof *m);
    if (!m || FAILED(memtree_create(&tree))) {
        bench_missing(r, BENCH_P4_OPS, "setup failed");
        goto out;
    }
    m->rng = 0x9E3779B97F4A7C15ull;
    char content[512];
    memset(content, 'c', sizeof content);
    for (size_t i = 0; i < SLOTS; i++) {
        WCHAR rel[32];
        swprintf(rel, 32, L"d%02zu\\f%03zu", i / FILES, i % FILES);
        if (FAILED(memtree_add_file(tree, rel, content, sizeof content, NULL))) {
            bench_missing(r, BENCH_P4_OPS, "memtree_add_file failed");
            goto out;
        }
    }
    if (!bench_sim_open(&m->sim, &previous) ||
        FAILED(memtree_start(tree, BENCH_ROOT, NULL, &ctx))) {
        bench_missing(r, BENCH_P4_OPS, "simulation setup failed");
        goto out;
    }
    double t0 = bench_now();
    for (size_t i = 0; i < iterations; i++)
        one_iteration(m);
    double t = bench_now() - t0;
    printf("  %llu operations in %.3f s; %llu unexpected statuses\n",
           (unsigned long long)m->ops, t, (unsigned long long)m->unexpected);
    bench_set(r, BENCH_P4_OPS, (double)m->ops / t);

out:
    if (ctx)
        PrjStopVirtualizing(ctx);
    if (m && m->sim)
        bench_sim_close(m->sim, previous);
    memtree_destroy(tree);
    free(m);
}
