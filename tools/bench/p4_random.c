/* SPDX-License-Identifier: MIT */
/*
 * p4_random: p4's mix as prjconf --random runs it, every result and state checked against the
 * model (conformance/random), single thread, the reference provider, a fixed seed. prjconf runs
 * as it is, as a separate program (as for p5); the figure is the ops/s it reports, which counts
 * the checking, the model and the operation log (written to a temporary file) with the
 * simulator.
 */
#include "bench.h"

#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

void bench_p4_random(const bench_config *cfg, bench_results *r)
{
    const char *ops = cfg->quick ? "20000" : "300000";
    char path[4200];
    printf("p4r: prjconf --random --seed 17 --ops %s (checked by the model)\n", ops);
    if (!bench_find_prjconf(cfg, path, sizeof path)) {
        printf("  prjconf not built\n");
        bench_missing(r, BENCH_P4_RANDOM, "prjconf not built");
        return;
    }
    char log[] = "/tmp/prjsim-bench-random-XXXXXX";
    int log_fd = mkstemp(log);
    if (log_fd < 0) {
        bench_missing(r, BENCH_P4_RANDOM, "cannot create a temporary file for the operation log");
        return;
    }
    close(log_fd);
    int fds[2];
    if (pipe(fds) != 0) {
        unlink(log);
        bench_missing(r, BENCH_P4_RANDOM, "pipe failed");
        return;
    }
    char *argv[] = { path, "--random", "--seed", "17", "--ops", (char *)ops, "--log", log, NULL };
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    pid_t pid;
    int err = posix_spawn(&pid, path, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (err != 0) {
        close(fds[0]);
        unlink(log);
        bench_missing(r, BENCH_P4_RANDOM, "cannot run %s: %s", path, strerror(err));
        return;
    }
    /* The line to read: "N operations checked in T s: R ops/s". */
    FILE *out = fdopen(fds[0], "r");
    char line[512];
    double rate = -1, seconds = 0;
    unsigned long long done = 0;
    while (out && fgets(line, sizeof line, out))
        if (sscanf(line, "%llu operations checked in %lf s: %lf ops/s", &done, &seconds, &rate) == 3)
            printf("  %llu operations checked in %.3f s\n", done, seconds);
    if (out)
        fclose(out);
    else
        close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    unlink(log);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        bench_missing(r, BENCH_P4_RANDOM, "prjconf --random failed (%s %d)",
                      WIFEXITED(status) ? "exit status" : "signal",
                      WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    else if (rate < 0)
        bench_missing(r, BENCH_P4_RANDOM, "prjconf --random printed no ops/s line");
    else
        bench_set(r, BENCH_P4_RANDOM, rate);
}
