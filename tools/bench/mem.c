/* SPDX-License-Identifier: MIT */
/*
 * mem_bytes_per_item: heap the simulator holds per item once placeholders exist for 1M items
 * (1000 directories of 1000 files, each file opened and closed once). The provider's tree is
 * built before the first measurement, so the difference is the simulator's alone.
 */
#include "bench.h"
#include "memtree.h"

#include <stdio.h>
#include <wchar.h>

void bench_mem(const bench_config *cfg, bench_results *r)
{
    size_t dirs = cfg->quick ? 10 : 1000, per_dir = 1000, items = dirs * per_dir;
    printf("mem: heap per item after opening %zu files once (%zu directories)\n", items, dirs);
    memtree *tree = NULL;
    prjsim_sim *sim = NULL, *previous = NULL;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = NULL;
    size_t heap0 = bench_heap_bytes(), rss0 = bench_rss_bytes();
    if (FAILED(memtree_create(&tree))) {
        bench_missing(r, BENCH_MEM_PER_ITEM, "memtree_create failed");
        goto out;
    }
    for (size_t d = 0; d < dirs; d++) {
        WCHAR dir[16];
        swprintf(dir, 16, L"d%03zu", d);
        if (FAILED(memtree_add_many(tree, dir, per_dir, L"f"))) {
            bench_missing(r, BENCH_MEM_PER_ITEM, "memtree_add_many failed");
            goto out;
        }
    }
    size_t heap_tree = bench_heap_bytes(), rss_tree = bench_rss_bytes();
    if (!bench_sim_open(&sim, &previous) || FAILED(memtree_start(tree, BENCH_ROOT, NULL, &ctx))) {
        bench_missing(r, BENCH_MEM_PER_ITEM, "simulation setup failed");
        goto out;
    }
    size_t heap1 = bench_heap_bytes(), rss1 = bench_rss_bytes();
    double t0 = bench_now();
    for (size_t d = 0; d < dirs; d++) {
        for (size_t i = 0; i < per_dir; i++) {
            WCHAR path[64];
            swprintf(path, 64, BENCH_ROOT L"\\d%03zu\\f%07zu", d, i);
            prjsim_handle *h = NULL;
            NTSTATUS st = prjsim_client_open(&h, sim, path, GENERIC_READ, OPEN_EXISTING, 0, 0);
            if (st != STATUS_SUCCESS) {
                bench_missing(r, BENCH_MEM_PER_ITEM, "open failed: 0x%08X", (unsigned)st);
                goto out;
            }
            prjsim_client_close(h);
        }
    }
    double t = bench_now() - t0;
    size_t heap2 = bench_heap_bytes(), rss2 = bench_rss_bytes();
    double per_item = (double)(heap2 - heap1) / (double)items;
    printf("  provider tree: %.1f B/item heap (%.1f B/item RSS)\n",
           (double)(heap_tree - heap0) / (double)items, (double)(rss_tree - rss0) / (double)items);
    printf("  simulator: %.1f B/item heap, %.1f B/item RSS; opens took %.2f s\n", per_item,
           (double)(rss2 - rss1) / (double)items, t);
    bench_set(r, BENCH_MEM_PER_ITEM, per_item);

out:
    if (ctx)
        PrjStopVirtualizing(ctx);
    if (sim)
        bench_sim_close(sim, previous);
    memtree_destroy(tree);
}
