/* SPDX-License-Identifier: MIT */
/* Timing, memory and result helpers shared by the figures. */
#include "bench.h"

#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double bench_peak_rss_mib(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0.0;
    return (double)ru.ru_maxrss / 1024.0; /* ru_maxrss is in KiB on Linux */
}

size_t bench_rss_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    unsigned long size = 0, resident = 0;
    int got = fscanf(f, "%lu %lu", &size, &resident);
    fclose(f);
    if (got != 2)
        return 0;
    return (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
}

size_t bench_heap_bytes(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

void bench_missing(bench_results *r, bench_key key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    r->v[key].have = false;
    vsnprintf(r->v[key].note, sizeof r->v[key].note, fmt, ap);
    va_end(ap);
}

void bench_set(bench_results *r, bench_key key, double value)
{
    r->v[key].have = true;
    r->v[key].value = value;
}

void bench_set_baseline(bench_results *r, bench_key key, double baseline)
{
    r->v[key].have_baseline = true;
    r->v[key].baseline = baseline;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_quantile(double *v, size_t n, double q)
{
    if (n == 0)
        return 0.0;
    qsort(v, n, sizeof *v, compare_double);
    size_t i = (size_t)(q * (double)(n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

bool bench_sim_open(prjsim_sim **sim, prjsim_sim **previous)
{
    prjsim_sim_options o = PRJSIM_SIM_OPTIONS_INIT;
    o.deterministic = true;
    o.trace = false;
    HRESULT hr = prjsim_sim_create(sim, &o);
    if (FAILED(hr)) {
        printf("  prjsim_sim_create failed: 0x%08X\n", (unsigned)hr);
        return false;
    }
    *previous = prjsim_sim_set_current(*sim);
    hr = prjsim_volume_create_directory(*sim, BENCH_ROOT);
    if (FAILED(hr)) {
        printf("  prjsim_volume_create_directory failed: 0x%08X\n", (unsigned)hr);
        bench_sim_close(*sim, *previous);
        return false;
    }
    return true;
}

void bench_sim_close(prjsim_sim *sim, prjsim_sim *previous)
{
    prjsim_sim_set_current(previous);
    prjsim_sim_destroy(sim);
}

bool bench_find_prjconf(const bench_config *cfg, char *out, size_t outlen)
{
    const char *candidates[5] = { NULL, NULL, NULL, NULL, NULL };
    char beside[4200], sibling[4200];
    snprintf(beside, sizeof beside, "%s/prjconf", cfg->exe_dir);
    snprintf(sibling, sizeof sibling, "%s/../prjconf/prjconf", cfg->exe_dir);
    candidates[0] = beside;
    candidates[1] = sibling;
#ifdef PRJSIM_BENCH_BINARY_DIR
    candidates[2] = PRJSIM_BENCH_BINARY_DIR "/tools/prjconf/prjconf";
    candidates[3] = PRJSIM_BENCH_BINARY_DIR "/conformance/prjconf/prjconf";
    candidates[4] = PRJSIM_BENCH_BINARY_DIR "/bin/prjconf";
#endif
    for (size_t i = 0; i < 5; i++) {
        if (candidates[i] && access(candidates[i], X_OK) == 0) {
            snprintf(out, outlen, "%s", candidates[i]);
            return true;
        }
    }
    return false;
}
