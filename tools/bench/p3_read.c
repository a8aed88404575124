/* SPDX-License-Identifier: MIT */
/*
 * p3: reading a 256 MiB placeholder file that the provider supplies in 1 MiB chunks through
 * PrjWriteFileData, against a memcpy of the same size in the same process.
 *
 * The provider here is the smallest one that can do it: one file, "big", and a single aligned
 * 1 MiB buffer filled once and written for every chunk, so that what is measured is the
 * simulator's data path (hydration and the client's read), not the provider making data.
 */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (1u << 20)

typedef struct chunk_provider {
    UINT64 size;
    void *chunk;
} chunk_provider;

static HRESULT CALLBACK start_enum(const PRJ_CALLBACK_DATA *cb, const GUID *id)
{
    (void)cb;
    (void)id;
    return S_OK;
}

static HRESULT CALLBACK end_enum(const PRJ_CALLBACK_DATA *cb, const GUID *id)
{
    (void)cb;
    (void)id;
    return S_OK;
}

/* The root lists nothing: the file is reached by name. */
static HRESULT CALLBACK get_enum(const PRJ_CALLBACK_DATA *cb, const GUID *id, PCWSTR expr,
                                 PRJ_DIR_ENTRY_BUFFER_HANDLE buf)
{
    (void)cb;
    (void)id;
    (void)expr;
    (void)buf;
    return S_OK;
}

static HRESULT CALLBACK get_placeholder(const PRJ_CALLBACK_DATA *cb)
{
    chunk_provider *p = cb->InstanceContext;
    if (PrjFileNameCompare(cb->FilePathName, L"big") != 0)
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    info.FileBasicInfo.FileSize = (INT64)p->size;
    return PrjWritePlaceholderInfo(cb->NamespaceVirtualizationContext, L"big", &info,
                                   sizeof info);
}

static HRESULT CALLBACK get_data(const PRJ_CALLBACK_DATA *cb, UINT64 offset, UINT32 length)
{
    chunk_provider *p = cb->InstanceContext;
    UINT64 end = offset + length;
    for (UINT64 at = offset; at < end; at += CHUNK) {
        UINT32 n = end - at < CHUNK ? (UINT32)(end - at) : CHUNK;
        HRESULT hr = PrjWriteFileData(cb->NamespaceVirtualizationContext, &cb->DataStreamId,
                                      p->chunk, at, n);
        if (FAILED(hr))
            return hr;
    }
    return S_OK;
}

void bench_p3_read(const bench_config *cfg, bench_results *r)
{
    chunk_provider p = { .size = (cfg->quick ? 16ull : 256ull) << 20, .chunk = NULL };
    printf("p3: reading a %llu MiB placeholder supplied in 1 MiB chunks vs memcpy\n",
           (unsigned long long)(p.size >> 20));
    prjsim_sim *sim = NULL, *previous = NULL;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = NULL;
    char *src = malloc(p.size), *dst = malloc(p.size);
    if (!src || !dst || !bench_sim_open(&sim, &previous)) {
        bench_missing(r, BENCH_P3_FRACTION, "setup failed");
        goto out;
    }
    PRJ_CALLBACKS cbs;
    memset(&cbs, 0, sizeof cbs);
    cbs.StartDirectoryEnumerationCallback = start_enum;
    cbs.EndDirectoryEnumerationCallback = end_enum;
    cbs.GetDirectoryEnumerationCallback = get_enum;
    cbs.GetPlaceholderInfoCallback = get_placeholder;
    cbs.GetFileDataCallback = get_data;
    GUID id = { 0x62656e63, 0x6833, 0x0001, { 0 } };
    HRESULT hr = PrjMarkDirectoryAsPlaceholder(BENCH_ROOT, NULL, NULL, &id);
    if (SUCCEEDED(hr))
        hr = PrjStartVirtualizing(BENCH_ROOT, &cbs, &p, NULL, &ctx);
    if (FAILED(hr)) {
        bench_missing(r, BENCH_P3_FRACTION, "PrjStartVirtualizing failed: 0x%08X", (unsigned)hr);
        goto out;
    }
    p.chunk = PrjAllocateAlignedBuffer(ctx, CHUNK);
    if (!p.chunk) {
        bench_missing(r, BENCH_P3_FRACTION, "PrjAllocateAlignedBuffer failed");
        goto out;
    }
    memset(p.chunk, 0x5a, CHUNK);

    /* The baseline: the pages of both buffers touched first, as the simulator's will be. */
    memset(src, 0x5a, p.size);
    memset(dst, 0, p.size);
    double best_memcpy = -1.0;
    for (int k = 0; k < 3; k++) {
        double t0 = bench_now();
        memcpy(dst, src, p.size);
        double t = bench_now() - t0;
        if (best_memcpy < 0 || t < best_memcpy)
            best_memcpy = t;
    }

    /*
     * The read: open, read the whole file in 1 MiB reads (the first hydrates it), close. Like
     * the memcpy, it is timed three times and the best run counts: between runs PrjDeleteFile
     * makes the file virtual again, so that every run is a full GetFileData and hydration.
     */
    double best_read = -1.0;
    for (int k = 0; k < 3; k++) {
        memset(dst, 0, p.size);
        double t0 = bench_now();
        prjsim_handle *h = NULL;
        NTSTATUS st = prjsim_client_open(&h, sim, BENCH_ROOT L"\\big", GENERIC_READ,
                                         OPEN_EXISTING, 0, 0);
        UINT64 got_total = 0;
        while (st == STATUS_SUCCESS && got_total < p.size) {
            UINT32 got = 0;
            st = prjsim_client_read(h, got_total, dst + got_total, CHUNK, &got);
            got_total += got;
            if (got == 0)
                break;
        }
        if (h)
            prjsim_client_close(h);
        double t = bench_now() - t0;
        if (st != STATUS_SUCCESS || got_total != p.size || dst[p.size - 1] != 0x5a) {
            bench_missing(r, BENCH_P3_FRACTION, "read failed: status 0x%08X, %llu bytes",
                          (unsigned)st, (unsigned long long)got_total);
            goto out;
        }
        printf("  run %d: %.4f s (%.2f GB/s)\n", k + 1, t, (double)p.size / t / 1e9);
        if (best_read < 0 || t < best_read)
            best_read = t;
        PRJ_UPDATE_FAILURE_CAUSES cause = PRJ_UPDATE_FAILURE_CAUSE_NONE;
        hr = PrjDeleteFile(ctx, L"big", PRJ_UPDATE_NONE, &cause);
        if (FAILED(hr)) {
            bench_missing(r, BENCH_P3_FRACTION, "PrjDeleteFile failed: 0x%08X (causes 0x%X)",
                          (unsigned)hr, (unsigned)cause);
            goto out;
        }
    }
    printf("  prjsim best %.4f s (%.2f GB/s), memcpy best %.4f s (%.2f GB/s)\n", best_read,
           (double)p.size / best_read / 1e9, best_memcpy, (double)p.size / best_memcpy / 1e9);
    bench_set(r, BENCH_P3_FRACTION, best_memcpy / best_read);
    bench_set_baseline(r, BENCH_P3_FRACTION, best_memcpy);

out:
    if (ctx) {
        PrjFreeAlignedBuffer(p.chunk);
        PrjStopVirtualizing(ctx);
    }
    if (sim)
        bench_sim_close(sim, previous);
    free(src);
    free(dst);
}
