/* SPDX-License-Identifier: MIT */
/*
 * p5: wall time of the whole prjconf suite against the reference provider. prjconf is a
 * separate program; it is looked for where the build puts it and run as it is (no arguments:
 * its default is the reference provider).
 */
#include "bench.h"

#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

void bench_p5_suite(const bench_config *cfg, bench_results *r)
{
    char path[4200];
    printf("p5: the prjconf suite against the reference provider\n");
    if (!bench_find_prjconf(cfg, path, sizeof path)) {
        printf("  prjconf not built\n");
        bench_missing(r, BENCH_P5_SUITE, "prjconf not built");
        return;
    }
    char *argv[] = { path, NULL };
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", 1 /* O_WRONLY */, 0);
    pid_t pid;
    double t0 = bench_now();
    int err = posix_spawn(&pid, path, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err != 0) {
        bench_missing(r, BENCH_P5_SUITE, "cannot run %s: %s", path, strerror(err));
        return;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    double t = bench_now() - t0;
    printf("  %s: %.2f s, %s %d\n", path, t,
           WIFEXITED(status) ? "exit status" : "signal",
           WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    bench_set(r, BENCH_P5_SUITE, t);
}
