/* SPDX-License-Identifier: MIT */
/*
 * p2: listing a projected directory of 1k .. 1M entries with the default query buffer, as a
 * FindFirstFile/FindNextFile loop does (open, NtQueryDirectoryFile until the end, close), against
 * readdir of a tmpfs directory holding the same number of files. Like readdir, the loop keeps no
 * entries: prjsim_client_list, which gathers them all into one array of prjsim_dir_entry records
 * (MAX_PATH names), is a convenience for small directories and is not what is measured.
 */
#include "bench.h"
#include "memtree.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

/*
 * Seconds to list @p path as a FindFirstFile/FindNextFile loop that keeps no entries: open,
 * queries with the default buffer to the end, close. Negative on failure.
 */
static double list_streaming(prjsim_sim *sim, PCWSTR path, size_t expect)
{
    prjsim_handle *h = NULL;
    size_t total = 0;
    double t0 = bench_now();
    NTSTATUS st = prjsim_client_open(&h, sim, path, GENERIC_READ, OPEN_EXISTING,
                                     PRJSIM_OPEN_DIRECTORY, 0);
    while (st == STATUS_SUCCESS) {
        prjsim_dir_entry *e = NULL;
        size_t n = 0;
        st = prjsim_client_query_directory(h, NULL, 0, 0, &e, &n);
        prjsim_client_free_entries(e);
        total += n;
    }
    if (h)
        prjsim_client_close(h);
    double t = bench_now() - t0;
    if (st != STATUS_NO_MORE_FILES || total != expect + 2) { /* + "." and ".." */
        printf("  listing %ls: status 0x%08X, %zu entries (expected %zu)\n", path, (unsigned)st,
               total, expect + 2);
        return -1.0;
    }
    return t;
}

/*
 * Seconds to readdir a fresh tmpfs directory of @p count files; negative when it cannot be made.
 * The files are created before and removed after the timed part.
 */
static double list_tmpfs(size_t count)
{
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    char dir[256];
    snprintf(dir, sizeof dir, "%s/prjsim-bench-XXXXXX", base);
    if (!mkdtemp(dir))
        return -1.0;
    char path[320];
    size_t made = 0;
    for (; made < count; made++) {
        snprintf(path, sizeof path, "%s/f%07zu", dir, made);
        int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
        if (fd < 0)
            break;
        close(fd);
    }
    double t = -1.0;
    if (made == count) {
        double t0 = bench_now();
        DIR *d = opendir(dir);
        size_t n = 0;
        if (d) {
            while (readdir(d))
                n++;
            closedir(d);
            t = bench_now() - t0;
        }
        if (n != count + 2)
            t = -1.0;
    }
    for (size_t i = 0; i < made; i++) {
        snprintf(path, sizeof path, "%s/f%07zu", dir, i);
        unlink(path);
    }
    rmdir(dir);
    return t;
}

void bench_p2_enum(const bench_config *cfg, bench_results *r)
{
    static const size_t sizes[] = { 1000, 10000, 100000, 1000000 };
    size_t nsizes = cfg->quick ? 2 : 4;
    memtree *tree = NULL;
    prjsim_sim *sim = NULL, *previous = NULL;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = NULL;
    double per_entry[4] = { 0 };
    printf("p2: listing projected directories (default buffer) vs readdir on tmpfs\n");
    if (FAILED(memtree_create(&tree))) {
        bench_missing(r, BENCH_P2_ENUM_1M, "memtree_create failed");
        goto out;
    }
    for (size_t i = 0; i < nsizes; i++) {
        WCHAR dir[32];
        swprintf(dir, 32, L"d%zu", sizes[i]);
        if (FAILED(memtree_add_many(tree, dir, sizes[i], L"f"))) {
            bench_missing(r, BENCH_P2_ENUM_1M, "memtree_add_many failed");
            goto out;
        }
    }
    if (!bench_sim_open(&sim, &previous) || FAILED(memtree_start(tree, BENCH_ROOT, NULL, &ctx))) {
        bench_missing(r, BENCH_P2_ENUM_1M, "simulation setup failed");
        goto out;
    }
    double rss_before = bench_peak_rss_mib();
    printf("  %-9s %12s %12s %10s %12s\n", "entries", "prjsim s", "ns/entry", "tmpfs s",
           "speedup");
    for (size_t i = 0; i < nsizes; i++) {
        WCHAR path[64];
        swprintf(path, 64, BENCH_ROOT L"\\d%zu", sizes[i]);
        /* Small directories: best of several runs, so that timer noise does not dominate. */
        int reps = sizes[i] <= 10000 ? 5 : 1;
        double best = -1.0;
        for (int k = 0; k < reps; k++) {
            double t = list_streaming(sim, path, sizes[i]);
            if (t < 0) {
                bench_missing(r, BENCH_P2_ENUM_1M, "listing %zu entries failed", sizes[i]);
                goto out;
            }
            if (best < 0 || t < best)
                best = t;
        }
        double tmpfs = -1.0;
        for (int k = 0; k < reps; k++) {
            double t = list_tmpfs(sizes[i]);
            if (t >= 0 && (tmpfs < 0 || t < tmpfs))
                tmpfs = t;
        }
        per_entry[i] = best / (double)sizes[i];
        printf("  %-9zu %12.4f %12.1f %10.4f %12.2f\n", sizes[i], best, per_entry[i] * 1e9,
               tmpfs, tmpfs > 0 ? tmpfs / best : 0.0);
        if (i == nsizes - 1) {
            if (sizes[i] == 1000000) {
                bench_set(r, BENCH_P2_ENUM_1M, best);
                if (tmpfs > 0) {
                    bench_set_baseline(r, BENCH_P2_ENUM_1M, tmpfs);
                    bench_set(r, BENCH_P2_SPEEDUP, tmpfs / best);
                } else {
                    bench_missing(r, BENCH_P2_SPEEDUP, "tmpfs directory could not be made");
                }
            } else {
                bench_missing(r, BENCH_P2_ENUM_1M, "--quick: 1M entries not listed");
                bench_missing(r, BENCH_P2_SPEEDUP, "--quick: 1M entries not listed");
            }
        }
    }
    double peak = bench_peak_rss_mib();
    printf("  peak RSS %.1f MiB (%.1f MiB before listing: the tree of %zu items)\n", peak,
           rss_before, memtree_count(tree));
    bench_set(r, BENCH_P2_RSS, peak);
    bench_set(r, BENCH_P2_COST_RATIO, per_entry[nsizes - 1] / per_entry[0]);
    if (cfg->quick)
        printf("  --quick: cost ratio is %zu vs 1k\n", sizes[nsizes - 1]);

out:
    if (ctx)
        PrjStopVirtualizing(ctx);
    if (sim)
        bench_sim_close(sim, previous);
    memtree_destroy(tree);
}
