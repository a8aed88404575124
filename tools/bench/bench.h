/* SPDX-License-Identifier: MIT */
/*
 * prjsim-bench: shared declarations of the benchmark driver and its figures.
 *
 * Each figure runs in a child process of its own (main.c forks), so that its peak RSS and heap
 * are its own and a crash or an out-of-memory in one figure leaves the others measured.
 */
#ifndef PRJSIM_BENCH_H
#define PRJSIM_BENCH_H

#include <prjsim.h>
#include <projectedfslib.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The figures: X(ID, "json key", "unit", GOAL_KIND, goal value, "baseline name").
 * GOAL_KIND is LE (value <= goal), GE (value >= goal) or NONE.
 */
#define BENCH_KEYS(X) \
    X(P1_MEDIAN, "p1_open_us_median", "us", LE, 1.0, "FUSE us") \
    X(P1_P99, "p1_open_us_p99", "us", NONE, 0.0, "FUSE us") \
    X(P1_SPEEDUP, "p1_speedup_vs_fuse", "x", GE, 100.0, "") \
    X(P1_OUTSIDE, "p1_outside_callback_share", "x", NONE, 0.0, "") \
    X(P2_ENUM_1M, "p2_enum_1m_s", "s", LE, 1.0, "tmpfs s") \
    X(P2_SPEEDUP, "p2_speedup_vs_tmpfs", "x", GE, 1.0, "") \
    X(P2_RSS, "p2_peak_rss_mib", "MiB", LE, 512.0, "") \
    X(P2_COST_RATIO, "p2_cost_ratio_1m_vs_1k", "x", LE, 2.0, "") \
    X(P3_FRACTION, "p3_fraction_of_memcpy", "x", GE, 0.5, "memcpy s") \
    X(P4_OPS, "p4_ops_per_s", "ops/s", GE, 1000000.0, "") \
    X(P4_RANDOM, "p4_random_ops_per_s", "ops/s", GE, 1000000.0, "") \
    X(P5_SUITE, "p5_suite_s", "s", LE, 10.0, "") \
    X(MEM_PER_ITEM, "mem_bytes_per_item", "B", LE, 256.0, "")

typedef enum bench_key {
#define BENCH_KEY_ENUM_(id, key, unit, kind, goal, base) BENCH_##id,
    BENCH_KEYS(BENCH_KEY_ENUM_)
#undef BENCH_KEY_ENUM_
    BENCH_KEY_COUNT_
} bench_key;

/* One figure's outcome; a plain struct so that a child can send it through a pipe. */
typedef struct bench_value {
    bool have;
    double value;
    bool have_baseline;
    double baseline;
    /* Why the figure is missing, or what the baseline is. */
    char note[160];
} bench_value;

typedef struct bench_results {
    bench_value v[BENCH_KEY_COUNT_];
} bench_results;

/* How big to make things. */
typedef struct bench_config {
    bool quick;
    /* Directory holding the bench executable (to find prjconf). */
    char exe_dir[4096];
} bench_config;

/* The figures; each fills its keys in @p r and prints its details to stdout. */
void bench_p1_open(const bench_config *cfg, bench_results *r);
void bench_p2_enum(const bench_config *cfg, bench_results *r);
void bench_p3_read(const bench_config *cfg, bench_results *r);
void bench_p4_mixed(const bench_config *cfg, bench_results *r);
void bench_p4_random(const bench_config *cfg, bench_results *r);
void bench_p5_suite(const bench_config *cfg, bench_results *r);
void bench_mem(const bench_config *cfg, bench_results *r);

/*
 * The FUSE baseline of p1 (fuse_baseline.c): mounts a libfuse3 file system holding big/f0000000
 * ... (@p files files, named as memtree_add_many names them) with kernel caching off, serves it
 * from a thread of this process, and times open(O_RDONLY)+close of big/f<order[i]> for
 * i < @p ops into @p samples_us. Returns false with the reason in @p why when FUSE cannot run here
 * (not built, no /dev/fuse, mount not permitted, ...). The file system is unmounted on return, and
 * by fusermount3's auto_unmount if the process is killed first.
 */
bool bench_fuse_open_close(size_t files, const size_t *order, size_t ops, double *samples_us,
                           char *why, size_t why_len);

/* ---- Helpers (util.c) ---- */

/* Finds the prjconf program built beside the bench into @p out; false when it is not built. */
bool bench_find_prjconf(const bench_config *cfg, char *out, size_t outlen);

/* Monotonic time in seconds. */
double bench_now(void);
/* Peak resident set size of this process, MiB. */
double bench_peak_rss_mib(void);
/* Current resident set size, bytes (from /proc/self/statm). */
size_t bench_rss_bytes(void);
/* Bytes the heap has handed out (mallinfo2: arena in use plus mmapped blocks). */
size_t bench_heap_bytes(void);
/* Marks a figure as not measured, with the reason (printf-style). */
void bench_missing(bench_results *r, bench_key key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void bench_set(bench_results *r, bench_key key, double value);
void bench_set_baseline(bench_results *r, bench_key key, double baseline);
/* Sorts @p v in place and returns the q-quantile (0..1). */
double bench_quantile(double *v, size_t n, double q);

/*
 * A simulation with deterministic mode on and the trace off, made current, with the root
 * C:\bench created on its volume. Returns false (after printing why) on failure.
 */
bool bench_sim_open(prjsim_sim **sim, prjsim_sim **previous);
void bench_sim_close(prjsim_sim *sim, prjsim_sim *previous);

#define BENCH_ROOT L"C:\\bench"

#endif
