/* SPDX-License-Identifier: MIT */
/*
 * prjsim-bench: how fast prjsim is, against baselines measured in the same run.
 *
 *   prjsim-bench [--quick] [--only p1,p2,...] [--json FILE]
 *
 * Prints a table (figure, value, baseline, ratio, goal, met?) and writes the figures as JSON.
 * Exits non-zero only when it cannot run (bad arguments, JSON file not writable), never for a
 * missed goal.
 */
#include "bench.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct figure {
    const char *name;
    void (*run)(const bench_config *, bench_results *);
    bench_key first, last; /* the keys it fills */
} figure;

static const figure figures[] = {
    { "p1", bench_p1_open, BENCH_P1_MEDIAN, BENCH_P1_OUTSIDE },
    { "p2", bench_p2_enum, BENCH_P2_ENUM_1M, BENCH_P2_COST_RATIO },
    { "p3", bench_p3_read, BENCH_P3_FRACTION, BENCH_P3_FRACTION },
    { "p4", bench_p4_mixed, BENCH_P4_OPS, BENCH_P4_OPS },
    { "p4r", bench_p4_random, BENCH_P4_RANDOM, BENCH_P4_RANDOM },
    { "p5", bench_p5_suite, BENCH_P5_SUITE, BENCH_P5_SUITE },
    { "mem", bench_mem, BENCH_MEM_PER_ITEM, BENCH_MEM_PER_ITEM },
};
#define FIGURE_COUNT (sizeof figures / sizeof figures[0])

enum goal_kind { NONE, LE, GE };

static const struct key_info {
    const char *key, *unit;
    enum goal_kind kind;
    double goal;
    const char *baseline;
} keys[] = {
#define BENCH_KEY_INFO_(id, key, unit, kind, goal, base) { key, unit, kind, goal, base },
    BENCH_KEYS(BENCH_KEY_INFO_)
#undef BENCH_KEY_INFO_
};

/* Runs one figure in a child process and copies the keys it owns into @p all. */
static void run_figure(const figure *f, const bench_config *cfg, bench_results *all)
{
    int fds[2];
    fflush(stdout);
    if (pipe(fds) != 0) {
        for (int k = f->first; k <= (int)f->last; k++)
            bench_missing(all, k, "pipe: %s", strerror(errno));
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        bench_results *r = calloc(1, sizeof *r);
        if (r) {
            for (int k = f->first; k <= (int)f->last; k++)
                snprintf(r->v[k].note, sizeof r->v[k].note, "not measured");
            f->run(cfg, r);
            fflush(stdout);
            size_t off = 0;
            while (off < sizeof *r) {
                ssize_t n = write(fds[1], (char *)r + off, sizeof *r - off);
                if (n <= 0)
                    break;
                off += (size_t)n;
            }
        }
        _exit(0);
    }
    close(fds[1]);
    bench_results r;
    size_t off = 0;
    while (pid > 0 && off < sizeof r) {
        ssize_t n = read(fds[0], (char *)&r + off, sizeof r - off);
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    close(fds[0]);
    int status = 0;
    if (pid > 0)
        waitpid(pid, &status, 0);
    for (int k = f->first; k <= (int)f->last; k++) {
        if (off == sizeof r)
            all->v[k] = r.v[k];
        else if (pid < 0)
            bench_missing(all, k, "fork: %s", strerror(errno));
        else if (WIFSIGNALED(status))
            bench_missing(all, k, "%s crashed (signal %d)", f->name, WTERMSIG(status));
        else
            bench_missing(all, k, "%s ended without results", f->name);
    }
}

static bool selected(const char *only, const char *name)
{
    if (!only)
        return true;
    size_t len = strlen(name);
    for (const char *p = only; *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (n == len && strncmp(p, name, n) == 0)
            return true;
        p += n + (comma ? 1 : 0);
    }
    return false;
}

static bool is_time_row(bench_key k)
{
    return k == BENCH_P1_MEDIAN || k == BENCH_P1_P99 || k == BENCH_P2_ENUM_1M;
}

static void print_table(const bench_results *all)
{
    printf("\n%-24s %14s %12s %10s %12s %5s\n", "figure", "value", "baseline", "ratio", "goal",
           "met?");
    for (int k = 0; k < BENCH_KEY_COUNT_; k++) {
        const struct key_info *ki = &keys[k];
        const bench_value *v = &all->v[k];
        char value[32] = "-", base[32] = "-", ratio[32] = "-", goal[32] = "-";
        const char *met = "-";
        if (v->have)
            snprintf(value, sizeof value, "%.4g %s", v->value, ki->unit);
        if (v->have_baseline)
            snprintf(base, sizeof base, "%.4g", v->baseline);
        if (v->have && v->have_baseline && is_time_row(k) && v->value > 0)
            snprintf(ratio, sizeof ratio, "%.3gx", v->baseline / v->value);
        if (ki->kind != NONE)
            snprintf(goal, sizeof goal, "%s %.4g", ki->kind == LE ? "<=" : ">=", ki->goal);
        if (v->have && ki->kind != NONE)
            met = (ki->kind == LE ? v->value <= ki->goal : v->value >= ki->goal) ? "yes" : "NO";
        printf("%-24s %14s %12s %10s %12s %5s\n", ki->key, value, base, ratio, goal, met);
    }
    bool header = false;
    for (int k = 0; k < BENCH_KEY_COUNT_; k++) {
        const bench_value *v = &all->v[k];
        if (!v->have) {
            if (!header)
                printf("\nnot measured:\n");
            header = true;
            printf("  %-24s %s\n", keys[k].key, v->note[0] ? v->note : "not measured");
        }
    }
    printf("\nbaselines: p1 FUSE open+close us, p2 readdir of tmpfs s, p3 memcpy s\n");
}

static bool write_json(const char *path, const bench_results *all)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    fprintf(f, "{\n");
    for (int k = 0; k < BENCH_KEY_COUNT_; k++) {
        const bench_value *v = &all->v[k];
        fprintf(f, "  \"%s\": ", keys[k].key);
        if (v->have && isfinite(v->value))
            fprintf(f, "%.6g", v->value);
        else
            fprintf(f, "null");
        fprintf(f, "%s\n", k + 1 < BENCH_KEY_COUNT_ ? "," : "");
    }
    fprintf(f, "}\n");
    return fclose(f) == 0;
}

static void usage(FILE *out)
{
    fprintf(out, "usage: prjsim-bench [--quick] [--only p1,p2,p3,p4,p4r,p5,mem] [--json FILE]\n"
                 "  --quick      small sizes (a smoke test of a few seconds)\n"
                 "  --only LIST  run only these figures\n"
                 "  --json FILE  write the figures as JSON (null = not measured)\n"
                 "  --version    print the version and exit\n");
}

int main(int argc, char **argv)
{
    bench_config cfg;
    memset(&cfg, 0, sizeof cfg);
    const char *json = NULL, *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) {
            cfg.quick = true;
        } else if (strcmp(argv[i], "--json") == 0 && i + 1 < argc) {
            json = argv[++i];
        } else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            only = argv[++i];
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("prjsim-bench %s\n", PRJSIM_VERSION);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    for (size_t i = 0; only && i < FIGURE_COUNT; i++)
        if (selected(only, figures[i].name))
            break;
        else if (i + 1 == FIGURE_COUNT) {
            fprintf(stderr, "prjsim-bench: --only names no figure: %s\n", only);
            return 2;
        }

    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        snprintf(cfg.exe_dir, sizeof cfg.exe_dir, "%s", exe);
    } else {
        snprintf(cfg.exe_dir, sizeof cfg.exe_dir, ".");
    }

    bench_results all;
    memset(&all, 0, sizeof all);
    for (size_t i = 0; i < FIGURE_COUNT; i++) {
        const figure *f = &figures[i];
        if (!selected(only, f->name)) {
            for (int k = f->first; k <= (int)f->last; k++)
                bench_missing(&all, k, "not selected (--only)");
            continue;
        }
        double t0 = bench_now();
        run_figure(f, &cfg, &all);
        printf("  (%s: %.1f s)\n\n", f->name, bench_now() - t0);
    }
    print_table(&all);
    if (json && !write_json(json, &all)) {
        fprintf(stderr, "prjsim-bench: cannot write %s: %s\n", json, strerror(errno));
        return 1;
    }
    return 0;
}
