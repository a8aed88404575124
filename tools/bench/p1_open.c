/* SPDX-License-Identifier: MIT */
/*
 * p1: the callback round trip. Each open of a not-yet-seen name in a large projected directory
 * asks the provider for placeholder info (GetPlaceholderInfo) and writes the placeholder; the
 * handle is then closed. Every name is opened exactly once, so every sample is a full round trip,
 * in a fixed shuffled order: opening in sorted order would always append to the end of the
 * directory, which real clients do not do.
 *
 * The baseline (fuse_baseline.c) is the same open+close through a FUSE mount of an equivalent
 * tree with kernel caching off, so that every open asks the daemon as every first open under
 * ProjFS asks the provider. The speedup is the ratio of the medians.
 *
 * The share of the time spent outside the provider's GetPlaceholderInfo callback is measured in a
 * second pass on a fresh simulation (the first names of the same order again), with the callback
 * wrapped in a timer through the start hook, so that the timer's own cost stays out of the median.
 */
#include "bench.h"
#include "memtree.h"

#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

/*
 * FUSE round trips cost tens of microseconds, so its baseline opens at most this many of the files
 * (the first ones of the same shuffled order): enough for a stable median, which is what the
 * speedup compares, and for a p99 from 200 samples above it.
 */
#define P1_FUSE_MAX 20000

/* ---- The second pass: time inside the provider's callback ---- */

static PRJ_GET_PLACEHOLDER_INFO_CB *real_get_placeholder_info;
static PRJ_CALLBACKS timed_callbacks;
static double in_callback_s;

static HRESULT CALLBACK timed_get_placeholder_info(const PRJ_CALLBACK_DATA *d)
{
    double t0 = bench_now();
    HRESULT hr = real_get_placeholder_info(d);
    in_callback_s += bench_now() - t0;
    return hr;
}

static HRESULT wrap_callbacks(PCWSTR root, const PRJ_CALLBACKS **callbacks, const void **context,
                              void **cookie, void *payload)
{
    (void)root;
    (void)context;
    (void)cookie;
    (void)payload;
    timed_callbacks = **callbacks;
    real_get_placeholder_info = timed_callbacks.GetPlaceholderInfoCallback;
    timed_callbacks.GetPlaceholderInfoCallback = timed_get_placeholder_info;
    *callbacks = &timed_callbacks;
    return S_OK;
}

/*
 * Opens and closes big/f<order[i]> for i < n on a fresh simulation of @p tree, timing the
 * GetPlaceholderInfo callbacks; gives the median of (open+close - callback) per name and its
 * share of the median open+close (medians, as p1 itself: on a shared machine the means are
 * mostly preemptions). False (after printing why) when it cannot run.
 */
static bool outside_callback(memtree *tree, const size_t *order, size_t n, double *share,
                             double *outside_median)
{
    prjsim_sim *sim = NULL, *previous = NULL;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = NULL;
    double *outside = calloc(n, sizeof *outside), *whole = calloc(n, sizeof *whole);
    double *inside = calloc(n, sizeof *inside);
    bool ok = false;
    if (!outside || !whole || !inside || !bench_sim_open(&sim, &previous))
        goto out;
    prjsim_start_hook hook = { wrap_callbacks, NULL, NULL };
    prjsim_set_start_hook(&hook);
    HRESULT hr = memtree_start(tree, BENCH_ROOT, NULL, &ctx);
    prjsim_set_start_hook(NULL);
    if (FAILED(hr)) {
        printf("  second pass: memtree_start failed: 0x%08X\n", (unsigned)hr);
        ctx = NULL;
        goto out;
    }
    prjsim_file_info info;
    prjsim_client_stat(sim, BENCH_ROOT L"\\big", &info);
    for (size_t i = 0; i < n; i++) {
        WCHAR path[64];
        swprintf(path, 64, BENCH_ROOT L"\\big\\f%07zu", order[i]);
        prjsim_handle *h = NULL;
        in_callback_s = 0;
        double t0 = bench_now();
        NTSTATUS st = prjsim_client_open(&h, sim, path, GENERIC_READ, OPEN_EXISTING, 0, 0);
        if (st == STATUS_SUCCESS)
            st = prjsim_client_close(h);
        double dt = bench_now() - t0;
        if (st != STATUS_SUCCESS) {
            printf("  second pass: open of f%07zu failed: 0x%08X\n", order[i], (unsigned)st);
            goto out;
        }
        whole[i] = dt * 1e6;
        inside[i] = in_callback_s * 1e6;
        outside[i] = (dt - in_callback_s) * 1e6;
    }
    double whole_median = bench_quantile(whole, n, 0.5);
    *outside_median = bench_quantile(outside, n, 0.5);
    *share = whole_median > 0 ? *outside_median / whole_median : 0;
    printf("  second pass (%zu names, callback timed): median %.3f us, of which in "
           "GetPlaceholderInfo (PrjWritePlaceholderInfo included) %.3f us, outside it %.3f us "
           "(%.1f%%)\n",
           n, whole_median, bench_quantile(inside, n, 0.5), *outside_median, *share * 100);
    ok = true;
out:
    if (ctx)
        PrjStopVirtualizing(ctx);
    if (sim)
        bench_sim_close(sim, previous);
    free(outside);
    free(whole);
    free(inside);
    return ok;
}

void bench_p1_open(const bench_config *cfg, bench_results *r)
{
    size_t count = cfg->quick ? 5000 : 200000;
    printf("p1: open+close of %zu distinct virtual files in one directory of %zu\n", count,
           count);
    memtree *tree = NULL;
    prjsim_sim *sim = NULL, *previous = NULL;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = NULL;
    size_t fuse_count = count < P1_FUSE_MAX ? count : P1_FUSE_MAX;
    double *samples = calloc(count, sizeof *samples);
    double *fuse_samples = calloc(fuse_count, sizeof *fuse_samples);
    size_t *order = calloc(count, sizeof *order);
    if (!samples || !fuse_samples || !order || FAILED(memtree_create(&tree)) ||
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
    printf("  sim:  median %.3f us, p99 %.3f us\n", median, p99);
    /* The second pass runs on a simulation of its own: this one ends first. */
    PrjStopVirtualizing(ctx);
    ctx = NULL;
    bench_sim_close(sim, previous);
    sim = NULL;
    double share = 0, outside_median = 0;
    if (outside_callback(tree, order, fuse_count, &share, &outside_median))
        bench_set(r, BENCH_P1_OUTSIDE, share);
    else
        bench_missing(r, BENCH_P1_OUTSIDE, "the second pass failed");

    char why[sizeof r->v[0].note];
    total_start = bench_now();
    if (bench_fuse_open_close(count, order, fuse_count, fuse_samples, why, sizeof why)) {
        total = bench_now() - total_start;
        double fuse_median = bench_quantile(fuse_samples, fuse_count, 0.5);
        double fuse_p99 = bench_quantile(fuse_samples, fuse_count, 0.99);
        printf("  FUSE: median %.3f us, p99 %.3f us (%zu ops of the same order, libfuse3 "
               "low-level, kernel caching off; %.3f s incl. mount)\n",
               fuse_median, fuse_p99, fuse_count, total);
        bench_set_baseline(r, BENCH_P1_MEDIAN, fuse_median);
        bench_set_baseline(r, BENCH_P1_P99, fuse_p99);
        if (median > 0)
            bench_set(r, BENCH_P1_SPEEDUP, fuse_median / median);
        else
            bench_missing(r, BENCH_P1_SPEEDUP, "sim median is 0 (clock too coarse)");
    } else {
        printf("  %s\n", why);
        bench_missing(r, BENCH_P1_SPEEDUP, "%s", why);
    }

out:
    if (!r->v[BENCH_P1_MEDIAN].have) {
        snprintf(r->v[BENCH_P1_P99].note, sizeof r->v[BENCH_P1_P99].note, "%s",
                 r->v[BENCH_P1_MEDIAN].note);
        snprintf(r->v[BENCH_P1_SPEEDUP].note, sizeof r->v[BENCH_P1_SPEEDUP].note, "%s",
                 r->v[BENCH_P1_MEDIAN].note);
        snprintf(r->v[BENCH_P1_OUTSIDE].note, sizeof r->v[BENCH_P1_OUTSIDE].note, "%s",
                 r->v[BENCH_P1_MEDIAN].note);
    }
    if (ctx)
        PrjStopVirtualizing(ctx);
    if (sim)
        bench_sim_close(sim, previous);
    memtree_destroy(tree);
    free(samples);
    free(fuse_samples);
    free(order);
}
