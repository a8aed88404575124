/*
 * p1: the callback round trip. Each open of a not-yet-seen name in a large projected directory
 * asks the provider for placeholder info (GetPlaceholderInfo) and writes the placeholder; the
 * handle is then closed. Every name is opened exactly once, so every sample is a full round trip,
 * in a fixed shuffled order: opening in sorted order would always append to the end of the
 * directory, which real clients do not do.
 */
#include "bench.h"
#include "memtree.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

/* Why the FUSE baseline cannot run here, or NULL when it could. */
static const char *fuse_unavailable(void)
{
#ifndef PRJSIM_BENCH_HAVE_FUSE3
    return "FUSE baseline not built: libfuse3 development files (pkg-config fuse3) not found";
#else
    int fd = open("/dev/fuse", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return "FUSE baseline skipped: /dev/fuse cannot be opened";
    close(fd);
    return "FUSE baseline not implemented in this version";
#endif
}

void bench_p1_open(const bench_config *cfg, bench_results *r)
{
    size_t count = cfg->quick ? 5000 : 200000;
    printf("p1: open+close of %zu distinct virtual files in one directory of %zu\n", count,
           count);
    memtree *tree = NULL;
    prjsim_sim *sim = NULL, *previous = NULL;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = NULL;
    double *samples = calloc(count, sizeof *samples);
    size_t *order = calloc(count, sizeof *order);
    if (!samples || !order || FAILED(memtree_create(&tree)) ||
        FAILED(memtree_add_many(tree, L"big", count, L"f")) || !bench_sim_open(&sim, &previous)) {
        bench_missing(r, BENCH_P1_MEDIAN, "setup failed");
        goto out;
    }
    HRESULT hr = memtree_start(tree, BENCH_ROOT, NULL, &ctx);
    if (FAILED(hr)) {
        bench_missing(r, BENCH_P1_MEDIAN, "memtree_start failed: 0x%08X", (unsigned)hr);
        goto out;
    }
    /* The directory itself gets its placeholder outside the timed loop. */
    prjsim_file_info info;
    prjsim_client_stat(sim, BENCH_ROOT L"\\big", &info);

    uint64_t rng = 0x2545F4914F6CDD1Dull;
    for (size_t i = 0; i < count; i++)
        order[i] = i;
    for (size_t i = count - 1; i > 0; i--) {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        size_t j = (size_t)(rng % (i + 1)), tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
    }
    WCHAR path[64];
    double total_start = bench_now();
    for (size_t i = 0; i < count; i++) {
        swprintf(path, 64, BENCH_ROOT L"\\big\\f%07zu", order[i]);
        prjsim_handle *h = NULL;
        double t0 = bench_now();
        NTSTATUS st = prjsim_client_open(&h, sim, path, GENERIC_READ, OPEN_EXISTING, 0, 0);
        if (st == STATUS_SUCCESS)
            st = prjsim_client_close(h);
        samples[i] = (bench_now() - t0) * 1e6;
        if (st != STATUS_SUCCESS) {
            bench_missing(r, BENCH_P1_MEDIAN, "open of f%07zu failed: 0x%08X", order[i],
                          (unsigned)st);
            goto out;
        }
    }
    double total = bench_now() - total_start;
    double median = bench_quantile(samples, count, 0.5);
    double p99 = bench_quantile(samples, count, 0.99);
    printf("  %zu ops in %.3f s (%.3f us/op mean incl. path formatting)\n", count, total,
           total * 1e6 / (double)count);
    bench_set(r, BENCH_P1_MEDIAN, median);
    bench_set(r, BENCH_P1_P99, p99);
    const char *why = fuse_unavailable();
    printf("  %s\n", why);
    bench_missing(r, BENCH_P1_SPEEDUP, "%s", why);

out:
    if (!r->v[BENCH_P1_MEDIAN].have) {
        snprintf(r->v[BENCH_P1_P99].note, sizeof r->v[BENCH_P1_P99].note, "%s",
                 r->v[BENCH_P1_MEDIAN].note);
        snprintf(r->v[BENCH_P1_SPEEDUP].note, sizeof r->v[BENCH_P1_SPEEDUP].note, "%s",
                 r->v[BENCH_P1_MEDIAN].note);
    }
    if (ctx)
        PrjStopVirtualizing(ctx);
    if (sim)
        bench_sim_close(sim, previous);
    memtree_destroy(tree);
    free(samples);
    free(order);
}
